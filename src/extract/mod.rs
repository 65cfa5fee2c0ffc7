//! HTML, plain text or Markdown -> [`Article`].
//!
//! Pure functions: the caller (the `source` stage) has already turned bytes into text and knows
//! the format; nothing here does I/O.

mod html;
mod markdown;
pub mod metric;
mod phrases;
mod text;
pub mod textutil;

use crate::article::Article;

/// What kind of document the text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Html,
    Text,
    Markdown,
}

/// A decoded document, ready for extraction.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub text: &'a str,
    pub format: Format,
    /// Where the document came from, when it is a URL (used for site-specific cues).
    pub url: Option<&'a str>,
    /// The HTTP `Content-Language` header, when there was one.
    pub content_language: Option<&'a str>,
}

impl<'a> Input<'a> {
    pub fn new(text: &'a str, format: Format) -> Self {
        Input {
            text,
            format,
            url: None,
            content_language: None,
        }
    }
}

/// Extracts the article from a document. An input with no readable text gives an article whose
/// [`Article::is_empty`] is true; deciding that this is an error is the caller's business.
pub fn extract(input: &Input) -> Article {
    let mut article = match input.format {
        Format::Html => html::extract(input),
        Format::Text => text::extract(input.text),
        Format::Markdown => markdown::extract(input.text),
    };
    if article.lang.is_none() {
        article.lang = crate::lang::detect(&article);
    }
    article
}

#[doc(hidden)]
pub use html::explain as explain_html;

/// Guesses the format of text whose origin does not say (standard input, a file without a known
/// extension): HTML if it starts like markup, Markdown if it has Markdown headings or lists,
/// otherwise plain text.
pub fn sniff(text: &str) -> Format {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    if head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<?xml")
        || head.starts_with("<!--")
        || head.starts_with("<head")
        || head.starts_with("<body")
        || head.contains("<html")
        || (head.starts_with('<') && (head.contains("<p") || head.contains("<div")))
    {
        return Format::Html;
    }
    let markdownish = text.lines().take(200).any(|l| {
        let l = l.trim_start();
        l.starts_with("# ") || l.starts_with("## ") || l.starts_with("```")
    });
    if markdownish {
        Format::Markdown
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff("<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff("  <html lang=en>"), Format::Html);
        assert_eq!(sniff("# Title\n\nBody."), Format::Markdown);
        assert_eq!(sniff("Title\n\nBody text."), Format::Text);
    }
}
