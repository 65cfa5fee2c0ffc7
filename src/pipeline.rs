//! Source -> Script: the stages up to the spoken form, run for one source. Shared by every
//! command that reads articles (`listen`, `listen text`, `listen export`).

use crate::extract;
use crate::script::Script;
use crate::source::{self, FetchOptions, Source, SourceError};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(transparent)]
    Source(#[from] SourceError),
    #[error("no article text found (is this an article? listen reads HTML, text and Markdown)")]
    NoArticle,
}

/// Loads, extracts and scripts one source. `lang` is the user's `--lang` override.
pub async fn load_script(
    source: &Source,
    fetch: &FetchOptions,
    lang: Option<&str>,
) -> Result<Script, LoadError> {
    load(source, fetch, lang, None).await.map(|l| l.script)
}

/// Like [`load_script`], applying a pronunciation lexicon (its site rules by the URL's host).
pub async fn load_script_with(
    source: &Source,
    fetch: &FetchOptions,
    lang: Option<&str>,
    lexicon: Option<&crate::speech::Lexicon>,
) -> Result<Script, LoadError> {
    load(source, fetch, lang, lexicon).await.map(|l| l.script)
}

/// A loaded source: its script, and for a URL the final URL after redirects (the player keys
/// reading positions by it).
pub struct Loaded {
    pub script: Script,
    pub url: Option<String>,
}

/// [`load_script_with`], also giving the final URL.
pub async fn load(
    source: &Source,
    fetch: &FetchOptions,
    lang: Option<&str>,
    lexicon: Option<&crate::speech::Lexicon>,
) -> Result<Loaded, LoadError> {
    let doc = source::load(source, fetch).await?;
    let article = extract::extract(&doc.input());
    let host = match source {
        Source::Url(u) => url_host(u),
        _ => None,
    };
    let ctx = crate::speech::Context {
        lexicon,
        site: host,
    };
    let script = Script::build_with(&article, lang, &ctx);
    if script.sentence_count() == 0 {
        return Err(LoadError::NoArticle);
    }
    Ok(Loaded {
        script,
        url: doc.url,
    })
}

/// Expands the command line's sources: folders become their files. Problems with a folder are
/// returned with it so the caller can report them in order.
pub fn sources(args: &[String]) -> Vec<Result<Source, (Source, SourceError)>> {
    source::expand(args.iter().map(|a| Source::parse(a)).collect())
}

/// The host of a URL: "https://www.example.org:8080/a" -> "www.example.org".
fn url_host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}
