//! Local files and standard input.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{ARTICLE_EXTENSIONS, Document, SourceError, decode, format_for_path};
use crate::extract::{self, Format};

fn io_error(e: std::io::Error) -> SourceError {
    match e.kind() {
        std::io::ErrorKind::NotFound => SourceError::NotFound,
        std::io::ErrorKind::PermissionDenied => SourceError::PermissionDenied,
        _ => SourceError::Io(e.to_string()),
    }
}

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

pub fn read(path: &Path, max_bytes: u64) -> Result<Document, SourceError> {
    let meta = std::fs::metadata(path).map_err(io_error)?;
    if meta.is_dir() {
        return Err(SourceError::EmptyFolder);
    }
    if meta.len() > max_bytes {
        return Err(SourceError::TooLarge(max_bytes));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    let bytes = read_limited(file, max_bytes)?;
    let format = format_for_path(path);
    document(bytes, format)
}

pub fn read_stdin(max_bytes: u64) -> Result<Document, SourceError> {
    let bytes = read_limited(std::io::stdin().lock(), max_bytes)?;
    document(bytes, None)
}

fn read_limited(r: impl Read, max_bytes: u64) -> Result<Vec<u8>, SourceError> {
    let mut bytes = Vec::new();
    r.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() as u64 > max_bytes {
        return Err(SourceError::TooLarge(max_bytes));
    }
    Ok(bytes)
}

fn document(bytes: Vec<u8>, format: Option<Format>) -> Result<Document, SourceError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SourceError::Empty);
    }
    if decode::looks_binary(&bytes) {
        return Err(SourceError::Binary);
    }
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
