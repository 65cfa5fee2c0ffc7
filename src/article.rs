//! The data model shared by every stage: what `extract` produces and everything after consumes.
//!
//! An [`Article`] is deliberately plain data (no DOM, no I/O handles) so that the later stages are
//! pure functions over it and it can be built by hand in tests.

use serde::Serialize;

/// An article as the reader will speak it: metadata plus the body as a list of blocks.
///
/// The title and byline are *not* part of `blocks`: the player speaks the title on its own
/// (announcing the article), and `blocks` is the body only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    pub title: Option<String>,
    pub byline: Option<String>,
    /// Publication date as found in the page (ISO 8601 where the page gives one).
    pub published: Option<String>,
    pub site_name: Option<String>,
    /// Primary language subtag, lowercase (`"en"`, `"fr"`), when known or detected.
    pub lang: Option<String>,
    /// The address the page gives for itself (`<link rel="canonical">` or `og:url`), as
    /// written: it may be relative. The player keys reading positions by it, so that one
    /// article reached through different links (tracking parameters, mobile hosts) resumes.
    pub canonical_url: Option<String>,
    pub blocks: Vec<Block>,
}

/// One unit of the body: the granularity of "next paragraph" and of pauses in exported audio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Block {
    pub kind: BlockKind,
    /// Normalized text: no markup, single spaces, no soft hyphens or zero-width characters.
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Quote,
}

impl BlockKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list_item",
            BlockKind::Quote => "quote",
        }
    }
}

impl Block {
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Block {
            kind,
            text: text.into(),
        }
    }
}

impl Article {
    /// True when there is nothing to read in the body.
    pub fn is_empty(&self) -> bool {
        self.blocks.iter().all(|b| b.text.trim().is_empty())
    }

    /// The body as plain text: blocks joined by blank lines (the benchmark's `articleBody`).
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for b in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&b.text);
        }
        out
    }

    /// Number of words in title and body; used to estimate speaking time.
    pub fn word_count(&self) -> usize {
        let title = self.title.as_deref().unwrap_or("");
        title.split_whitespace().count()
            + self
                .blocks
                .iter()
                .map(|b| b.text.split_whitespace().count())
                .sum::<usize>()
    }
}
