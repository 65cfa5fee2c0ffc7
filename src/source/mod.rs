//! Where articles come from: a URL, a file, a folder of files, or standard input. This stage
//! turns each into decoded text plus its format; it is the only stage besides the engine that
//! does I/O.

pub mod decode;
mod file;
mod http;

use std::fmt;
use std::path::{Path, PathBuf};

pub use http::FetchOptions;

use crate::extract::Format;

/// One thing the user asked to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Url(String),
    File(PathBuf),
    Stdin,
}

impl Source {
    /// Interprets a command-line argument: `-` is standard input, `http(s)://` a URL,
    /// anything else a path.
    pub fn parse(arg: &str) -> Source {
        if arg == "-" {
            Source::Stdin
        } else if has_scheme(arg, "http") || has_scheme(arg, "https") {
            Source::Url(arg.to_string())
        } else {
            Source::File(PathBuf::from(arg))
        }
    }

    /// A stable key for this source (used for positions and exports): the URL, or the
    /// absolute path.
    pub fn key(&self) -> String {
        match self {
            Source::Url(u) => u.clone(),
            Source::File(p) => std::path::absolute(p)
                .unwrap_or_else(|_| p.clone())
                .display()
                .to_string(),
            Source::Stdin => "-".to_string(),
        }
    }
}

fn has_scheme(arg: &str, scheme: &str) -> bool {
    arg.len() > scheme.len() + 3
        && arg[..scheme.len()].eq_ignore_ascii_case(scheme)
        && arg[scheme.len()..].starts_with("://")
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Url(u) => f.write_str(u),
            Source::File(p) => write!(f, "{}", p.display()),
            Source::Stdin => f.write_str("standard input"),
        }
    }
}

/// A loaded, decoded document.
#[derive(Debug, Clone)]
pub struct Document {
    pub text: String,
    pub format: Format,
    /// The final URL after redirects, for URL sources.
    pub url: Option<String>,
    pub content_language: Option<String>,
}

impl Document {
    pub fn input(&self) -> crate::extract::Input<'_> {
        crate::extract::Input {
            text: &self.text,
            format: self.format,
            url: self.url.as_deref(),
            content_language: self.content_language.as_deref(),
        }
    }
}

/// Why a source could not be read. The `Display` text is the cause in words; the caller adds
/// the source's name.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("no such file or folder")]
    NotFound,
    #[error("permission denied (check the file's permissions)")]
    PermissionDenied,
    #[error("{0}")]
    Io(String),
    #[error("the file is empty")]
    Empty,
    #[error("binary data, not an article (listen reads HTML, text and Markdown)")]
    Binary,
    #[error("larger than {} MB (raise the limit with --max-bytes)", .0 / 1_000_000)]
    TooLarge(u64),
    #[error("a folder with no article files (.html, .htm, .txt, .md)")]
    EmptyFolder,
    #[error("unsupported content type {0}")]
    UnsupportedType(String),
    #[error("{0}")]
    Http(String),
}

/// Files in a folder that `listen` reads, by extension.
pub const ARTICLE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "txt", "text", "md", "markdown"];

/// Expands folders into the article files they hold, in name order. Other sources pass through.
/// A folder with no article files is an error for that folder only.
pub fn expand(sources: Vec<Source>) -> Vec<Result<Source, (Source, SourceError)>> {
    let mut out = Vec::new();
    for s in sources {
        match &s {
            Source::File(p) if p.is_dir() => match file::list_articles(p) {
                Ok(files) if files.is_empty() => out.push(Err((s, SourceError::EmptyFolder))),
                Ok(files) => out.extend(files.into_iter().map(|f| Ok(Source::File(f)))),
                Err(e) => out.push(Err((s, e))),
            },
            _ => out.push(Ok(s)),
        }
    }
    out
}

/// Loads and decodes one source.
pub async fn load(source: &Source, opts: &FetchOptions) -> Result<Document, SourceError> {
    match source {
        Source::Url(url) => http::fetch(url, opts).await,
        Source::File(path) => {
            let path = path.clone();
            let max = opts.max_bytes;
            tokio::task::spawn_blocking(move || file::read(&path, max))
                .await
                .map_err(|e| SourceError::Io(e.to_string()))?
        }
        Source::Stdin => {
            let max = opts.max_bytes;
            tokio::task::spawn_blocking(move || file::read_stdin(max))
                .await
                .map_err(|e| SourceError::Io(e.to_string()))?
        }
    }
}

/// Format from a file name's extension; `None` when the extension says nothing.
pub fn format_for_path(path: &Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "md" | "markdown" => Some(Format::Markdown),
        "txt" | "text" => Some(Format::Text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_arguments() {
        assert_eq!(Source::parse("-"), Source::Stdin);
        assert_eq!(
            Source::parse("https://x.org/a"),
            Source::Url("https://x.org/a".into())
        );
        assert_eq!(
            Source::parse("HTTP://x.org"),
            Source::Url("HTTP://x.org".into())
        );
        assert_eq!(
            Source::parse("articles/a.html"),
            Source::File("articles/a.html".into())
        );
        assert_eq!(Source::parse("http:/x"), Source::File("http:/x".into()));
    }
}
