//! Source -> Script: the stages up to the spoken form, run for one source. Shared by every
//! command that reads articles (`listen`, `listen text`, and later `listen export`).

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
    load(source, fetch, lang).await.map(|l| l.script)
}

/// A loaded source: its script, and for a URL the final URL after redirects (the player keys
/// reading positions by it).
pub struct Loaded {
    pub script: Script,
    pub url: Option<String>,
}

/// [`load_script`], also giving the final URL.
pub async fn load(
    source: &Source,
    fetch: &FetchOptions,
    lang: Option<&str>,
) -> Result<Loaded, LoadError> {
    let doc = source::load(source, fetch).await?;
    let article = extract::extract(&doc.input());
    let script = Script::build(&article, lang);
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
