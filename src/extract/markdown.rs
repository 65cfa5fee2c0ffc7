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
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES,
    );
    // The kind of block currently open (innermost wins) and its text.
    let mut stack: Vec<BlockKind> = Vec::new();
    let mut buf = String::new();
    let mut skip_depth = 0usize;
    let mut in_heading = false;

    let flush =
        |buf: &mut String, kind: Option<&BlockKind>, article: &mut Article, heading: bool| {
            let t = normalize_space(buf);
            buf.clear();
            if t.is_empty() {
                return;
            }
            if heading && article.title.is_none() && article.blocks.is_empty() {
                article.title = Some(t);
                return;
            }
            let kind = kind.copied().unwrap_or(BlockKind::Paragraph);
            article.blocks.push(Block::new(kind, t));
        };

    for event in parser {
        match event {
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

#[cfg(test)]
mod tests {
    use super::*;

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
