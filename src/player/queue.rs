//! The articles of a run, loaded ahead in the background: while one article is spoken, the
//! next ones are fetched and extracted on a thread of their own (a few at a time), so the next
//! article starts without a wait and extraction never holds up the player's event loop.
//! Also `--list FILE`: sources one per line.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::collections::VecDeque;

use tokio::sync::{Semaphore, mpsc};

use super::position;
use crate::pipeline;
use crate::script::Script;
use crate::source::{FetchOptions, Source, SourceError};
use crate::speech::Lexicon;

/// How many articles are loaded at the same time.
pub const CONCURRENCY: usize = 2;
/// How many articles may be loading or loaded ahead of the one the player takes next.
pub const AHEAD: usize = 3;

/// A source ready to be read.
pub struct Article {
    pub source: Source,
    /// What positions are keyed by: the page's canonical address or the final URL, the absolute
    /// path of a file, or `stdin:` and the text's hash (see [`key`]).
    pub key: String,
    /// Hash of the whole extracted text.
    pub hash: String,
    pub script: Script,
}

pub enum Slot {
    Ready(Arc<Article>),
    /// The source could not be read: the message names the source and the cause.
    Failed(String),
}

/// Receives the loaded sources in order.
pub struct Loader {
    rx: mpsc::Receiver<(usize, Slot)>,
    /// How many sources the run has.
    pub total: usize,
    /// Each source as shown to the user, in order.
    pub names: Vec<String>,
}

impl Loader {
    pub fn spawn(
        items: Vec<Result<Source, (Source, SourceError)>>,
        fetch: FetchOptions,
        lang: Option<String>,
        lexicon: Option<Arc<Lexicon>>,
    ) -> Loader {
        let total = items.len();
        let names = items
            .iter()
            .map(|i| match i {
                Ok(s) | Err((s, _)) => s.to_string(),
            })
            .collect();
        // One finished article may wait in the channel while more load in tasks of their own
        // (which go on while the channel is full): at most AHEAD started, CONCURRENCY at once.
        let (tx, rx) = mpsc::channel(1);
        let spawned = std::thread::Builder::new()
            .name("article-loader".into())
            .spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                else {
                    return; // the receiver sees the channel close and reports it
                };
                rt.block_on(async move {
                    let permits = Arc::new(Semaphore::new(CONCURRENCY));
                    let mut pending = VecDeque::new();
                    let mut items = items.into_iter().enumerate();
                    loop {
                        while pending.len() < AHEAD {
                            let Some((i, item)) = items.next() else { break };
                            let (permits, fetch, lang, lexicon) = (
                                permits.clone(),
                                fetch.clone(),
                                lang.clone(),
                                lexicon.clone(),
                            );
                            let name = match &item {
                                Ok(s) | Err((s, _)) => s.to_string(),
                            };
                            let task = tokio::spawn(async move {
                                let _permit = permits.acquire_owned().await;
                                load(item, &fetch, lang.as_deref(), lexicon.as_deref()).await
                            });
                            pending.push_back((i, name, task));
                        }
                        let Some((i, name, task)) = pending.pop_front() else {
                            break;
                        };
                        let slot = task.await.unwrap_or_else(|e| {
                            Slot::Failed(format!("{name}: could not be loaded ({e})"))
                        });
                        if tx.send((i, slot)).await.is_err() {
                            break; // the player has gone
                        }
                    }
                });
            });
        if let Err(e) = spawned {
            // The receiver sees the channel closed; the player reports the sources as unread.
            eprintln!("listen: cannot start loading articles: {e}");
        }
        Loader { rx, total, names }
    }

    /// The next source, in order; `None` once all have been delivered (or if loading stopped).
    pub async fn next(&mut self) -> Option<(usize, Slot)> {
        self.rx.recv().await
    }
}

async fn load(
    item: Result<Source, (Source, SourceError)>,
    fetch: &FetchOptions,
    lang: Option<&str>,
    lexicon: Option<&Lexicon>,
) -> Slot {
    let source = match item {
        Ok(s) => s,
        Err((source, e)) => return Slot::Failed(format!("{source}: {e}")),
    };
    match pipeline::load(&source, fetch, lang, lexicon).await {
        Ok(loaded) => {
            let hash = position::text_hash(&loaded.script);
            let key = key(
                &source,
                loaded.url.as_deref(),
                loaded.script.canonical_url.as_deref(),
                &hash,
            );
            Slot::Ready(Arc::new(Article {
                source,
                key,
                hash,
                script: loaded.script,
            }))
        }
        Err(e) => Slot::Failed(format!("{source}: {e}")),
    }
}

/// The key of a source's position: for a URL, the page's canonical address (`<link
/// rel="canonical">` or `og:url`, resolved against the final URL) when it is an http(s) address
/// other than a site's front page, else the final URL, without the fragment; the file's
/// canonical path; or the hash of what came on standard input.
pub fn key(
    source: &Source,
    final_url: Option<&str>,
    canonical: Option<&str>,
    hash: &str,
) -> String {
    match source {
        Source::Url(u) => {
            let url = final_url.unwrap_or(u);
            let canonical = canonical.and_then(|c| {
                let c = reqwest::Url::parse(url).ok()?.join(c).ok()?;
                let web = matches!(c.scheme(), "http" | "https");
                // Sites that give every page the front page as canonical would share one key.
                (web && c.path() != "/").then(|| c.to_string())
            });
            let url = canonical.as_deref().unwrap_or(url);
            url.split('#').next().unwrap_or(url).to_string()
        }
        Source::File(p) => std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.clone())
            .display()
            .to_string(),
        Source::Stdin => format!("stdin:{hash}"),
    }
}

/// The sources of a `--list` file: one per line; blank lines and lines starting with `#` are
/// ignored. `~/` is the home folder (`home`); other relative paths are taken from the list's own
/// folder (`base`), so a list can sit beside the files it names.
pub fn parse_list(text: &str, base: Option<&Path>, home: Option<&Path>) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(
            |l| match (Source::parse(l), l.strip_prefix("~/"), home, base) {
                (Source::File(_), Some(rest), Some(home), _) => {
                    home.join(rest).display().to_string()
                }
                (Source::File(p), _, _, Some(base)) if p.is_relative() => {
                    base.join(p).display().to_string()
                }
                _ => l.to_string(),
            },
        )
        .collect()
}

/// Reads a `--list` file (`-` for standard input).
pub fn read_list(path: &Path) -> Result<Vec<String>, String> {
    if path == Path::new("-") {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut text)
            .map_err(|e| format!("--list -: cannot read standard input: {e}"))?;
        return Ok(parse_list(&text, None, home().as_deref()));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        let cause = match e.kind() {
            std::io::ErrorKind::NotFound => "no such file".to_string(),
            std::io::ErrorKind::InvalidData => "not a text file (UTF-8)".to_string(),
            _ => e.to_string(),
        };
        format!("--list {}: {cause}", path.display())
    })?;
    let base: PathBuf = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    Ok(parse_list(&text, Some(&base), home().as_deref()))
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_lines() {
        let text =
            "# my reading\n\nhttps://example.org/a\n  b.html  \n# c.html\n/abs/d.md\n~/e.md\n-\n";
        assert_eq!(
            parse_list(text, Some(Path::new("/lists")), Some(Path::new("/home/me"))),
            vec![
                "https://example.org/a",
                "/lists/b.html",
                "/abs/d.md",
                "/home/me/e.md",
                "-"
            ]
        );
        assert_eq!(parse_list(text, None, None)[1], "b.html");
    }

    #[test]
    fn keys() {
        let u = Source::Url("http://x.org/a#top".into());
        assert_eq!(key(&u, None, None, "h"), "http://x.org/a");
        assert_eq!(
            key(&u, Some("https://x.org/b?id=1#c"), None, "h"),
            "https://x.org/b?id=1"
        );
        assert_eq!(
            key(&Source::Stdin, None, None, "fnv1a64:00"),
            "stdin:fnv1a64:00"
        );
        let f = key(&Source::File("Cargo.toml".into()), None, None, "h");
        assert!(Path::new(&f).is_absolute(), "{f}");
        let g = key(
            &Source::File("./src/../Cargo.toml".into()),
            None,
            Some("https://x.org/a"),
            "h",
        );
        assert_eq!(f, g);
        // The page's canonical address wins, resolved against the final URL.
        let m = Source::Url("https://m.x.org/a?utm_source=feed".into());
        assert_eq!(
            key(&m, None, Some("https://x.org/a"), "h"),
            "https://x.org/a"
        );
        assert_eq!(
            key(
                &m,
                Some("https://m.x.org/a?utm_source=feed"),
                Some("/news/a#x"),
                "h"
            ),
            "https://m.x.org/news/a"
        );
        // Not a front page, not another scheme, not garbage.
        for bad in ["https://x.org/", "/", "ftp://x.org/a", "http://[::1"] {
            assert_eq!(
                key(&m, None, Some(bad), "h"),
                "https://m.x.org/a?utm_source=feed",
                "{bad}"
            );
        }
    }

    #[test]
    fn missing_list_names_the_file() {
        let e = read_list(Path::new("/no/such/list.txt")).expect_err("missing");
        assert_eq!(e, "--list /no/such/list.txt: no such file");
    }
}
