//! Markdown -> Article through pulldown-cmark, so that no Markdown syntax is ever spoken.
//!
//! The first heading becomes the title. Headings, paragraphs, list items and block quotes become
//! blocks; link text is kept and the URL dropped; images, HTML and fenced code are skipped (code
//! read aloud symbol by symbol helps nobody; the user still sees it in the file).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::textutil::normalize_space;
use crate::article::{Article, Block, BlockKind};

pub fn extract(text: &str) -> Article {
    let mut article = Article::default();
    let parser = Parser::new_ext(
        text.trim_start_matches('\u{feff}'),
        Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS,
    );
    // The kind of block currently open (innermost wins) and its text.
    let mut stack: Vec<BlockKind> = Vec::new();
    let mut buf = String::new();
    let mut skip_depth = 0usize;
    let mut in_heading = false;
    let mut in_metadata = false;

    let flush =
        |buf: &mut String, kind: Option<&BlockKind>, article: &mut Article, heading: bool| {
            let t = normalize_space(buf);
            buf.clear();
            if t.is_empty() {
                return;
            }
            if heading && article.blocks.is_empty() {
                // The first heading is the title (or repeats the front matter's).
                if article.title.is_none() {
                    article.title = Some(t);
                    return;
                }
                if article.title.as_deref() == Some(t.as_str()) {
                    return;
                }
            }
            let kind = kind.copied().unwrap_or(BlockKind::Paragraph);
            article.blocks.push(Block::new(kind, t));
        };

    for event in parser {
        match event {
            // YAML front matter: its `title`, `author` and `date` are metadata, not text.
            Event::Start(Tag::MetadataBlock(_)) => in_metadata = true,
            Event::End(TagEnd::MetadataBlock(_)) => in_metadata = false,
            Event::Text(t) if in_metadata => front_matter(&t, &mut article),
            Event::Start(Tag::CodeBlock(_)) | Event::Start(Tag::Image { .. }) => skip_depth += 1,
            Event::End(TagEnd::CodeBlock) | Event::End(TagEnd::Image) => {
                skip_depth = skip_depth.saturating_sub(1)
            }
            _ if skip_depth > 0 => {}
            Event::Start(Tag::Heading { .. }) => {
                flush(&mut buf, stack.last(), &mut article, false);
                in_heading = true;
                stack.push(BlockKind::Heading);
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut buf, stack.last(), &mut article, true);
                in_heading = false;
                stack.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut buf, stack.last(), &mut article, false);
                stack.push(BlockKind::ListItem);
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut buf, stack.last(), &mut article, false);
                stack.push(BlockKind::Quote);
            }
            Event::End(TagEnd::Item) | Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut buf, stack.last(), &mut article, false);
                stack.pop();
            }
            Event::Start(Tag::Paragraph) | Event::Start(Tag::TableCell) => {
                flush(&mut buf, stack.last(), &mut article, false);
            }
            Event::End(TagEnd::Paragraph) | Event::End(TagEnd::TableCell) => {
                flush(&mut buf, stack.last(), &mut article, false);
            }
            Event::Text(t) | Event::Code(t) => buf.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buf.push(' '),
            _ => {}
        }
    }
    flush(&mut buf, stack.last(), &mut article, in_heading);
    article
}

fn front_matter(yaml: &str, article: &mut Article) {
    for line in yaml.lines() {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = normalize_space(value.trim().trim_matches(['"', '\'']));
        if value.is_empty() {
            continue;
        }
        match key.trim().to_ascii_lowercase().as_str() {
            "title" => article.title = Some(value),
            "author" | "authors" | "byline" => article.byline = Some(value),
            "date" | "published" => article.published = Some(value),
            "lang" | "language" => article.lang = crate::lang::primary_subtag(&value),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_metadata() {
        let a = extract(
            "---\ntitle: \"From the front matter\"\nauthor: Ann Lee\ndate: 2024-05-01\nlang: fr-FR\n---\n\n# From the front matter\n\nBody text.\n",
        );
        assert_eq!(a.title.as_deref(), Some("From the front matter"));
        assert_eq!(a.byline.as_deref(), Some("Ann Lee"));
        assert_eq!(a.published.as_deref(), Some("2024-05-01"));
        assert_eq!(a.lang.as_deref(), Some("fr"));
        assert_eq!(
            a.blocks,
            vec![Block::new(BlockKind::Paragraph, "Body text.")]
        );
    }

    #[test]
    fn structure_without_syntax() {
        let a = extract(
            "# The Title\n\nA *para* with a [link](http://x.y).\n\n## Section\n\n- one\n- two\n\n> quoted\n\n```\ncode()\n```\n",
        );
        assert_eq!(a.title.as_deref(), Some("The Title"));
        let kinds: Vec<_> = a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Paragraph, "A para with a link."),
                (BlockKind::Heading, "Section"),
                (BlockKind::ListItem, "one"),
                (BlockKind::ListItem, "two"),
                (BlockKind::Quote, "quoted"),
            ]
        );
    }
}
