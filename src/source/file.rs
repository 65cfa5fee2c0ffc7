//! Local files and standard input: the same care as for URLs. A missing or unreadable path, a
//! folder, an empty or binary file and one over the size limit each get their own message.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{
    ARTICLE_EXTENSIONS, Document, SourceError, decode, format_for_path, refuse_binary,
    without_os_error,
};
use crate::extract::{self, Format};

pub(super) fn io_error(e: std::io::Error) -> SourceError {
    match e.kind() {
        std::io::ErrorKind::NotFound => SourceError::NotFound,
        std::io::ErrorKind::PermissionDenied => SourceError::PermissionDenied,
        // Reading a folder opened as a file (standard input redirected from one); folders named
        // as sources are expanded or reported before anything is read.
        std::io::ErrorKind::IsADirectory => SourceError::Io("a folder, not a file".into()),
        _ => SourceError::Io(describe_io(&e)),
    }
}

/// An I/O error in words, without Rust's "(os error N)" suffix.
fn describe_io(e: &std::io::Error) -> String {
    without_os_error(&e.to_string()).to_lowercase()
}

/// The article files in `dir` (not its subfolders), in name order; hidden files are skipped.
pub fn list_articles(dir: &Path) -> Result<Vec<PathBuf>, SourceError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_error)?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && !p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| ARTICLE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Reads and decodes one file. The size limit is checked before reading (from the file's
/// metadata) and again while reading (for files that grow, pipes and devices).
pub fn read(path: &Path, max_bytes: u64) -> Result<Document, SourceError> {
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return match list_articles(path)?.is_empty() {
            true => Err(SourceError::EmptyFolder),
            // Folders are expanded before loading; this is a folder named directly by a caller
            // that did not expand it.
            false => Err(SourceError::Io("a folder, not a file".into())),
        };
    }
    if meta.len() > max_bytes {
        return Err(SourceError::TooLarge {
            what: "file",
            limit: max_bytes,
        });
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let bytes = read_limited(file, max_bytes, "file")?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SourceError::Empty("the file is empty"));
    }
    document(bytes, format_for_path(path))
}

/// Reads and decodes standard input.
pub fn read_stdin(max_bytes: u64) -> Result<Document, SourceError> {
    let bytes = read_limited(std::io::stdin().lock(), max_bytes, "input")?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SourceError::Empty(
            "nothing to read (standard input is empty)",
        ));
    }
    document(bytes, None)
}

fn read_limited(r: impl Read, max_bytes: u64, what: &'static str) -> Result<Vec<u8>, SourceError> {
    let mut bytes = Vec::new();
    r.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > max_bytes {
        return Err(SourceError::TooLarge {
            what,
            limit: max_bytes,
        });
    }
    Ok(bytes)
}

fn document(bytes: Vec<u8>, format: Option<Format>) -> Result<Document, SourceError> {
    refuse_binary(&bytes, None)?;
    let maybe_html = format.is_none_or(|f| f == Format::Html);
    let text = decode::decode(&bytes, None, maybe_html);
    let format = format.unwrap_or_else(|| extract::sniff(&text));
    Ok(Document {
        text,
        format,
        url: None,
        content_language: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_errors_in_words() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("missing.html");
        assert!(matches!(read(&p, 100), Err(SourceError::NotFound)));

        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, " \n\t\n").unwrap();
        let e = read(&empty, 100).unwrap_err();
        assert_eq!(e.to_string(), "the file is empty");

        let big = dir.path().join("big.txt");
        std::fs::write(&big, "word ".repeat(300)).unwrap();
        let e = read(&big, 1000).unwrap_err();
        assert!(e.to_string().starts_with("file larger than 1 KB"), "{e}");

        let png = dir.path().join("image.html");
        std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
        let e = read(&png, 1000).unwrap_err();
        assert!(e.to_string().contains("a PNG image"), "{e}");

        let sub = dir.path().join("folder");
        std::fs::create_dir(&sub).unwrap();
        std::fs::write(sub.join("notes.odt"), "x").unwrap();
        assert!(matches!(read(&sub, 100), Err(SourceError::EmptyFolder)));
    }

    #[test]
    fn a_folder_read_as_a_file_is_not_called_empty() {
        // What `listen - < folder` reads.
        let dir = tempfile::tempdir().unwrap();
        let folder = std::fs::File::open(dir.path()).unwrap();
        let e = read_limited(folder, 100, "input").unwrap_err();
        assert_eq!(e.to_string(), "cannot read: a folder, not a file");
    }

    #[test]
    fn reads_text_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.md");
        std::fs::write(&p, "# Title\n\nBody text.").unwrap();
        let doc = read(&p, 1000).unwrap();
        assert_eq!(doc.format, Format::Markdown);
        assert!(doc.text.contains("Body text."));
    }
}
