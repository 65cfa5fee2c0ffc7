//! Where articles come from: a URL, a file, a folder of files, or standard input. This stage
//! turns each into decoded text plus its format; it is the only stage besides the engine that
//! does I/O.

pub mod decode;
pub mod file;
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

/// Compared as bytes: an argument is any text, and `scheme.len()` need not fall on one of its
/// character boundaries ("aéé.txt").
fn has_scheme(arg: &str, scheme: &str) -> bool {
    let arg = arg.as_bytes();
    arg.len() > scheme.len() + 3
        && arg[..scheme.len()].eq_ignore_ascii_case(scheme.as_bytes())
        && arg[scheme.len()..].starts_with(b"://")
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
/// the source's name ("listen: SOURCE: CAUSE").
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("no such file or folder")]
    NotFound,
    #[error("permission denied (check its permissions, or run as a user who may read it)")]
    PermissionDenied,
    #[error("cannot read: {0}")]
    Io(String),
    /// Nothing but white space. The text says what was empty ("the file is empty", ...).
    #[error("{0}")]
    Empty(&'static str),
    /// Binary data where an article was expected. `kind` names what it looks like ("a PNG
    /// image"), `served_as` is the content type a server declared for it.
    #[error("{}", binary_message(*.kind, .served_as.as_deref()))]
    Binary {
        kind: Option<&'static str>,
        served_as: Option<String>,
    },
    /// Over the size limit. `what` is "file", "response" or "input".
    #[error("{what} larger than {} (the limit; raise it with --max-bytes or max_bytes in the config)", human_bytes(*.limit))]
    TooLarge { what: &'static str, limit: u64 },
    #[error("a folder with no article files (.html, .htm, .xhtml, .txt, .md, .markdown)")]
    EmptyFolder,
    /// A content type listen does not read. `at` is the final URL when a redirect led there.
    #[error("unsupported content type {mime}{} (listen reads HTML, XHTML, plain text and Markdown)", .at.as_ref().map(|u| format!(" at {u}")).unwrap_or_default())]
    UnsupportedType { mime: String, at: Option<String> },
    /// A network or HTTP failure, in words ("404 Not Found", "timed out after 30 s").
    #[error("{0}")]
    Http(String),
}

fn binary_message(kind: Option<&str>, served_as: Option<&str>) -> String {
    let what = match kind {
        Some(k) => format!("binary data ({k})"),
        None => "binary data".to_string(),
    };
    match served_as {
        Some(t) => format!("{what} served as {t}, not an article"),
        None => format!("{what}, not an article (listen reads HTML, text and Markdown)"),
    }
}

/// "Connection refused (os error 111)" -> "Connection refused": the number says nothing to
/// the user.
fn without_os_error(s: &str) -> String {
    match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s.to_string(),
    }
}

/// A byte count in words, in decimal units: "20 MB", "1.5 MB", "500 KB", "900 bytes".
pub fn human_bytes(n: u64) -> String {
    fn unit(n: u64, size: u64, name: &str) -> String {
        if n.is_multiple_of(size) {
            format!("{} {name}", n / size)
        } else {
            let v = n as f64 / size as f64;
            let s = format!("{v:.1}");
            format!("{} {name}", s.trim_end_matches(".0"))
        }
    }
    match n {
        n if n >= 1_000_000_000 => unit(n, 1_000_000_000, "GB"),
        n if n >= 1_000_000 => unit(n, 1_000_000, "MB"),
        n if n >= 1_000 => unit(n, 1_000, "KB"),
        1 => "1 byte".to_string(),
        n => format!("{n} bytes"),
    }
}

/// What binary data is, from its first bytes: "a PDF document", "a PNG image", ... `None` when
/// the signature is not one we know (the data may still be binary: see [`decode::looks_binary`]).
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let at = |offset: usize, sig: &[u8]| bytes.get(offset..offset + sig.len()) == Some(sig);
    let kinds: &[(bool, &str)] = &[
        (at(0, b"%PDF-"), "a PDF document"),
        (at(0, b"\x89PNG\r\n\x1a\n"), "a PNG image"),
        (at(0, b"\xff\xd8\xff"), "a JPEG image"),
        (at(0, b"GIF87a") || at(0, b"GIF89a"), "a GIF image"),
        (at(0, b"RIFF") && at(8, b"WEBP"), "a WebP image"),
        (at(0, b"RIFF") && at(8, b"WAVE"), "a WAV audio file"),
        (at(0, b"RIFF") && at(8, b"AVI "), "an AVI video"),
        (at(4, b"ftyp"), "an MP4/QuickTime video or audio file"),
        (at(0, b"\x1a\x45\xdf\xa3"), "a Matroska/WebM video"),
        (at(0, b"OggS"), "an Ogg audio or video file"),
        (at(0, b"fLaC"), "a FLAC audio file"),
        (
            at(0, b"ID3") && bytes.get(3).is_some_and(|&b| b < 0x10),
            "an MP3 audio file",
        ),
        (
            bytes.len() >= 2 && bytes[0] == 0xff && bytes[1] & 0xe0 == 0xe0 && bytes[1] != 0xff,
            "an MP3 audio file",
        ),
        (
            at(0, b"PK\x03\x04") || at(0, b"PK\x05\x06"),
            "a ZIP archive (or a document made of one: EPUB, Word, ...)",
        ),
        (at(0, b"\x1f\x8b"), "gzip-compressed data"),
        (
            at(0, b"BZh") && bytes.get(3).is_some_and(|b| (b'1'..=b'9').contains(b)),
            "bzip2-compressed data",
        ),
        (at(0, b"\xfd7zXZ\x00"), "xz-compressed data"),
        (at(0, b"\x28\xb5\x2f\xfd"), "zstd-compressed data"),
        (at(0, b"7z\xbc\xaf\x27\x1c"), "a 7-Zip archive"),
        (at(0, b"Rar!\x1a\x07"), "a RAR archive"),
        (at(257, b"ustar"), "a tar archive"),
        (at(0, b"\x7fELF"), "a program (ELF executable)"),
        (at(0, b"wOFF") || at(0, b"wOF2"), "a web font"),
        (at(0, b"\x00\x00\x01\x00"), "an icon (ICO)"),
        (at(0, b"SQLite format 3\x00"), "an SQLite database"),
    ];
    kinds.iter().find(|(hit, _)| *hit).map(|(_, k)| *k)
}

/// Refuses binary data where an article was expected: a known binary signature (named in the
/// message), NUL bytes or many control characters near the start. `served_as` is the content
/// type a server declared for it.
fn refuse_binary(bytes: &[u8], served_as: Option<&str>) -> Result<(), SourceError> {
    let kind = binary_kind(bytes);
    if kind.is_some() || decode::looks_binary(bytes) {
        return Err(SourceError::Binary {
            kind,
            served_as: served_as.map(str::to_string),
        });
    }
    Ok(())
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
        // Non-ASCII names, where byte 4 or 5 is inside a character.
        assert_eq!(Source::parse("aéé.txt"), Source::File("aéé.txt".into()));
        assert_eq!(
            Source::parse("ééé://x.txt"),
            Source::File("ééé://x.txt".into())
        );
    }
}
