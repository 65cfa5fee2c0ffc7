//! Reading positions that survive from one run to the next.
//!
//! One small JSON file per article in the state folder (`$XDG_STATE_HOME/listen/positions/`, by
//! default `~/.local/state/listen/positions/`), named after a hash of the article's key (its URL,
//! or the absolute path of the file). It holds the sentence to resume at, that sentence's text
//! and a hash of the whole extracted text, so a changed article can be re-aligned. Files are
//! written to a temporary name, synced and renamed over the old one: a crash, `kill -9` or a power
//! cut leaves either the old position or the new one, never a torn file. The player saves through
//! a [`Writer`], a thread of its own, so that its loop never waits for the disk (a sync can take
//! a long time on a slow or busy disk, and keys would wait for it).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::script::Script;

/// What is saved for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub key: String,
    /// The sentence to resume at, from 0 (the number shown to users is one more).
    pub sentence: usize,
    /// That sentence's text, to find it again if the article changed.
    pub text: String,
    /// Hash of the whole extracted text (`fnv1a64:` and 16 hex digits).
    pub text_hash: String,
    /// Sentences in the article when saved.
    pub sentences: usize,
    /// Read to the end: the next reading starts from the top.
    pub finished: bool,
    pub title: Option<String>,
    /// Seconds since 1970 when saved.
    pub saved_at: u64,
}

use crate::hash::fnv1a64;

/// A hash of the article's whole extracted text: title and every block.
pub fn text_hash(script: &Script) -> String {
    let mut all = String::new();
    all.push_str(script.title.as_deref().unwrap_or(""));
    for b in &script.blocks {
        all.push('\n');
        all.push_str(&b.text);
    }
    format!("fnv1a64:{:016x}", fnv1a64(all.as_bytes()))
}

/// Where reading starts, and what to tell the listener about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    pub sentence: usize,
    pub note: Option<String>,
}

/// Decides where an article starts: `--from` (from 1) wins, then `--restart`, then the saved
/// position. A finished article starts from the top. If the text changed since, reading resumes
/// at the same sentence text if it is still there (the occurrence nearest the old place, scaled
/// to the new length), else at the start. Errors when `--from` is past the end.
pub fn resolve(
    script: &Script,
    hash: &str,
    saved: Option<&Saved>,
    from: Option<usize>,
    restart: bool,
) -> Result<Start, String> {
    let total = script.sentence_count();
    let top = Start {
        sentence: 0,
        note: None,
    };
    if let Some(n) = from {
        if n == 0 || n > total {
            return Err(format!(
                "--from {n} is outside the article: it has {total} sentence{} (`listen text` numbers them)",
                if total == 1 { "" } else { "s" }
            ));
        }
        return Ok(Start {
            sentence: n - 1,
            note: (n > 1).then(|| format!("Starting at sentence {n} of {total}")),
        });
    }
    let Some(saved) = saved.filter(|_| !restart) else {
        return Ok(top);
    };
    if saved.finished {
        return Ok(Start {
            sentence: 0,
            note: Some("Read to the end last time; starting from the top".into()),
        });
    }
    let resuming = |i: usize, changed: bool| Start {
        sentence: i,
        note: Some(format!(
            "{}Resuming at sentence {} of {total}; --restart starts over",
            if changed {
                "The article has changed since last time. "
            } else {
                ""
            },
            i + 1
        )),
    };
    if saved.text_hash == hash && saved.sentence < total {
        return Ok(if saved.sentence == 0 {
            top
        } else {
            resuming(saved.sentence, false)
        });
    }
    // Where the old place falls in the new text, in proportion (the article may have grown or
    // shrunk around it): the nearest occurrence of the sentence to there wins.
    let expected = if saved.sentences > 0 {
        saved.sentence as f64 * total as f64 / saved.sentences as f64
    } else {
        saved.sentence as f64
    };
    let found = script
        .sentences()
        .filter(|s| s.sentence.text == saved.text)
        .map(|s| s.index)
        .min_by(|&a, &b| {
            let (da, db) = ((a as f64 - expected).abs(), (b as f64 - expected).abs());
            da.total_cmp(&db)
        });
    Ok(match found {
        Some(0) => top,
        Some(i) => resuming(i, true),
        None => Start {
            sentence: 0,
            note: Some(
                "The article has changed since last time and the sentence you were at is gone; \
                 starting from the top"
                    .into(),
            ),
        },
    })
}

/// The folder of saved positions.
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The user's state folder (`directories`: `$XDG_STATE_HOME/listen` on Linux; the local data
    /// folder where the platform has no state folder).
    pub fn open_default() -> Option<Store> {
        let dirs = directories::ProjectDirs::from("", "", "listen")?;
        let base = dirs
            .state_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dirs.data_local_dir().to_path_buf());
        Some(Store::at(base.join("positions")))
    }

    pub fn at(dir: PathBuf) -> Store {
        Store { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir
            .join(format!("{:016x}.json", fnv1a64(key.as_bytes())))
    }

    /// The saved position for `key`, if any. An unreadable or foreign file counts as none.
    pub fn load(&self, key: &str) -> Option<Saved> {
        let text = std::fs::read_to_string(self.path(key)).ok()?;
        let saved: Saved = serde_json::from_str(&text).ok()?;
        (saved.key == key).then_some(saved)
    }

    /// Saves atomically: a temporary file in the same folder, synced, renamed over the old one.
    pub fn save(&self, saved: &Saved) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path(&saved.key);
        let tmp = path.with_extension(format!("json.{}.tmp", std::process::id()));
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            let json = serde_json::to_string_pretty(saved).map_err(std::io::Error::other)?;
            f.write_all(json.as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Forgets the position for `key` (reading would start from the top anyway).
    pub fn forget(&self, key: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.path(key)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

/// What the writer's thread is asked to do, in order.
enum Op {
    Save(Box<Saved>),
    Forget(String),
    /// Answered once everything asked before is done.
    Flush(std::sync::mpsc::Sender<()>),
}

impl Op {
    fn key(&self) -> Option<&str> {
        match self {
            Op::Save(s) => Some(&s.key),
            Op::Forget(k) => Some(k),
            Op::Flush(_) => None,
        }
    }
}

/// Saves positions on a thread of its own, in the order asked; when saves queue up (a slow
/// disk), only the latest for each article is written. Dropping it waits for what is queued.
pub struct Writer {
    dir: PathBuf,
    tx: Option<std::sync::mpsc::Sender<Op>>,
    handle: Option<std::thread::JoinHandle<()>>,
    /// The first failure not yet reported.
    error: std::sync::Arc<std::sync::Mutex<Option<String>>>,
}

impl Writer {
    pub fn new(store: Store) -> Writer {
        let dir = store.dir.clone();
        let (tx, rx) = std::sync::mpsc::channel::<Op>();
        let error = std::sync::Arc::new(std::sync::Mutex::new(None));
        let failed = std::sync::Arc::clone(&error);
        let handle = std::thread::Builder::new()
            .name("positions".into())
            .spawn(move || {
                while let Ok(first) = rx.recv() {
                    let mut ops = vec![first];
                    ops.extend(rx.try_iter());
                    for (i, op) in ops.iter().enumerate() {
                        // A later save or forget of the same article, before any flush, wins.
                        let superseded = op.key().is_some_and(|k| {
                            ops[i + 1..]
                                .iter()
                                .take_while(|o| o.key().is_some())
                                .any(|o| o.key() == Some(k))
                        });
                        let result = match op {
                            _ if superseded => Ok(()),
                            Op::Save(saved) => store.save(saved),
                            Op::Forget(key) => store.forget(key),
                            Op::Flush(done) => {
                                let _ = done.send(());
                                Ok(())
                            }
                        };
                        if let Err(e) = result
                            && let Ok(mut slot) = failed.lock()
                        {
                            slot.get_or_insert_with(|| e.to_string());
                        }
                    }
                }
            })
            .ok();
        Writer {
            dir,
            tx: handle.is_some().then_some(tx),
            handle,
            error,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn send(&self, op: Op) {
        let sent = self.tx.as_ref().is_some_and(|tx| tx.send(op).is_ok());
        if !sent && let Ok(mut slot) = self.error.lock() {
            slot.get_or_insert_with(|| "the thread that saves positions is gone".into());
        }
    }

    pub fn save(&self, saved: Saved) {
        self.send(Op::Save(Box::new(saved)));
    }

    pub fn forget(&self, key: &str) {
        self.send(Op::Forget(key.to_string()));
    }

    /// Waits until everything asked so far is done.
    pub fn flush(&self) {
        let (done, wait) = std::sync::mpsc::channel();
        self.send(Op::Flush(done));
        let _ = wait.recv();
    }

    /// The saved position for `key`, once what was asked before is on disk.
    pub fn load(&self, key: &str) -> Option<Saved> {
        self.flush();
        Store::at(self.dir.clone()).load(key)
    }

    /// The first failure since the last call, if any.
    pub fn take_error(&self) -> Option<String> {
        self.error.lock().ok().and_then(|mut slot| slot.take())
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block, BlockKind};

    fn script(paragraphs: &[&str]) -> Script {
        Script::build(
            &Article {
                title: Some("T".into()),
                blocks: paragraphs
                    .iter()
                    .map(|p| Block::new(BlockKind::Paragraph, *p))
                    .collect(),
                ..Default::default()
            },
            Some("en"),
        )
    }

    fn saved(script: &Script, sentence: usize) -> Saved {
        Saved {
            key: "k".into(),
            sentence,
            text: script
                .sentences()
                .nth(sentence)
                .map(|s| s.sentence.text.clone())
                .unwrap_or_default(),
            text_hash: text_hash(script),
            sentences: script.sentence_count(),
            finished: false,
            title: script.title.clone(),
            saved_at: 0,
        }
    }

    #[test]
    fn resumes_where_it_was() {
        let s = script(&["One is here. Two is here.", "Three is here. Four is here."]);
        let h = text_hash(&s);
        let start = resolve(&s, &h, Some(&saved(&s, 2)), None, false).expect("ok");
        assert_eq!(start.sentence, 2);
        assert_eq!(
            start.note.as_deref(),
            Some("Resuming at sentence 3 of 4; --restart starts over")
        );
        assert_eq!(
            resolve(&s, &h, Some(&saved(&s, 2)), None, true)
                .expect("ok")
                .sentence,
            0
        );
        assert_eq!(resolve(&s, &h, None, None, false).expect("ok").sentence, 0);
    }

    #[test]
    fn from_counts_from_one_and_wins() {
        let s = script(&["One is here. Two is here.", "Three is here."]);
        let h = text_hash(&s);
        let start = resolve(&s, &h, Some(&saved(&s, 2)), Some(2), false).expect("ok");
        assert_eq!(start.sentence, 1);
        assert!(resolve(&s, &h, None, Some(4), false).is_err());
        assert!(resolve(&s, &h, None, Some(0), false).is_err());
        assert_eq!(
            resolve(&s, &h, None, Some(3), false).expect("ok").sentence,
            2
        );
    }

    #[test]
    fn a_finished_article_starts_from_the_top() {
        let s = script(&["One is here. Two is here."]);
        let mut p = saved(&s, 1);
        p.finished = true;
        assert_eq!(
            resolve(&s, &text_hash(&s), Some(&p), None, false)
                .expect("ok")
                .sentence,
            0
        );
    }

    #[test]
    fn a_changed_article_resumes_at_the_same_sentence_text() {
        let old = script(&["One is here. Two is here.", "Three is here. Four is here."]);
        let p = saved(&old, 2); // "Three is here."
        let new = script(&[
            "A new first paragraph. With two sentences.",
            "One is here. Two is here.",
            "Three is here. Four is here.",
        ]);
        let start = resolve(&new, &text_hash(&new), Some(&p), None, false).expect("ok");
        assert_eq!(start.sentence, 4);
        assert!(start.note.expect("note").contains("has changed"));

        let gone = script(&["Entirely different text. Nothing in common."]);
        let start = resolve(&gone, &text_hash(&gone), Some(&p), None, false).expect("ok");
        assert_eq!(start.sentence, 0);
    }

    #[test]
    fn the_nearest_of_repeated_sentences_wins() {
        let (y, a, b, c) = (
            "It rained.",
            "The dog barked.",
            "The cat slept.",
            "The end came.",
        );
        let old = script(&[
            &format!("{y} {a}"),
            &format!("{y} {b}"),
            &format!("{y} {c}"),
        ]);
        let p = saved(&old, 4); // the third "It rained."
        assert_eq!(p.text, y);
        let new = script(&[
            "An intro came first.",
            &format!("{y} {a}"),
            &format!("{y} {b}"),
            &format!("{y} {c}"),
        ]);
        let start = resolve(&new, &text_hash(&new), Some(&p), None, false).expect("ok");
        assert_eq!(start.sentence, 5);
    }

    #[test]
    fn saves_atomically_and_loads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path().join("positions"));
        let s = script(&["One is here. Two is here."]);
        let mut p = saved(&s, 1);
        assert_eq!(store.load("k"), None);
        store.save(&p).expect("save");
        assert_eq!(store.load("k"), Some(p.clone()));
        p.sentence = 0;
        store.save(&p).expect("save again");
        assert_eq!(store.load("k").map(|p| p.sentence), Some(0));
        let names: Vec<_> = std::fs::read_dir(store.dir())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
        store.forget("k").expect("forget");
        assert_eq!(store.load("k"), None);
        store.forget("k").expect("forgetting twice is fine");
    }

    #[test]
    fn a_torn_or_foreign_file_counts_as_none() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path().to_path_buf());
        std::fs::write(store.path("k"), "{\"key\": \"k\", \"sent").expect("write");
        assert_eq!(store.load("k"), None);
        let s = script(&["One is here."]);
        let mut p = saved(&s, 0);
        p.key = "other".into();
        std::fs::write(store.path("k"), serde_json::to_string(&p).expect("json")).expect("write");
        assert_eq!(store.load("k"), None);
    }

    #[test]
    fn the_writer_saves_in_order_and_the_last_save_wins() {
        let dir = tempfile::tempdir().expect("tempdir");
        let writer = Writer::new(Store::at(dir.path().join("positions")));
        let s = script(&["One is here. Two is here. Three is here."]);
        for i in [1, 2, 1, 2] {
            writer.save(saved(&s, i));
        }
        assert_eq!(writer.load("k").map(|p| p.sentence), Some(2));
        writer.forget("k");
        assert_eq!(writer.load("k"), None);
        writer.save(saved(&s, 1));
        let mut other = saved(&s, 2);
        other.key = "other".into();
        writer.save(other);
        // Dropping the writer waits for what is queued.
        drop(writer);
        let store = Store::at(dir.path().join("positions"));
        assert_eq!(store.load("k").map(|p| p.sentence), Some(1));
        assert_eq!(store.load("other").map(|p| p.sentence), Some(2));
    }

    #[test]
    fn the_writer_reports_a_failure_once_asked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("a-file");
        std::fs::write(&file, "not a folder").expect("write");
        let writer = Writer::new(Store::at(file.join("positions")));
        let s = script(&["One is here. Two is here."]);
        writer.save(saved(&s, 1));
        writer.flush();
        let e = writer.take_error().expect("an error");
        assert!(e.contains("Not a directory"), "{e}");
        assert_eq!(writer.take_error(), None, "reported once");
    }
}
