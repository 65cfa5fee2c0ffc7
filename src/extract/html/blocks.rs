//! The page as a list of text blocks: every maximal run of inline content between block
//! boundaries (block elements, `<br><br>`, `<hr>`), in document order, with what surrounds it.
//!
//! This is where inline spacing is decided (text nodes are joined as the browser renders them:
//! `<b>a</b>b` is "ab", `a <b>b</b>` is "a b"), where bare-`<div>` bodies and `<br><br>`-separated
//! text become paragraphs, and where each run learns its kind (heading, list item, quote, ...).

use super::dom::{CAPTION_HINT, Dom, JUNK, NONE, Tag};
use crate::extract::textutil::normalize_space;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Paragraph,
    Heading(u8),
    Item,
    Quote,
    Pre,
    Cell,
}

#[derive(Debug, Clone)]
pub struct TextBlock {
    pub text: String,
    pub kind: Kind,
    /// The innermost block element holding the run.
    pub owner: u32,
    /// The first node of the run (its place in the document).
    pub first: u32,
    /// Visible characters, and those inside links.
    pub chars: u32,
    pub link_chars: u32,
    pub commas: u32,
    /// Inside a figure, figure caption or an element named as a caption or credit.
    pub caption: bool,
    /// The run is all of its owner's text (the owner is a paragraph of its own).
    pub whole: bool,
}

impl TextBlock {
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Ctx {
    heading: u8,
    item: bool,
    quote: bool,
    pre: bool,
    cell: bool,
    link: bool,
    caption: bool,
}

struct Frame {
    node: u32,
    end: u32,
    block: bool,
    ctx: Ctx,
    /// Index in the stack of the innermost block frame at or below this one.
    owner: Option<usize>,
}

#[derive(Default)]
struct Run {
    text: String,
    first: u32,
    chars: u32,
    link_chars: u32,
    commas: u32,
    brs: u32,
}

/// Cuts the page into text blocks. With `strict`, subtrees marked as boilerplate are left out.
pub fn segment(dom: &Dom, strict: bool) -> Vec<TextBlock> {
    let mut out = Vec::with_capacity(256);
    let mut stack: Vec<Frame> = Vec::with_capacity(64);
    let mut run = Run::default();
    let n = dom.nodes.len() as u32;
    let mut i = 0u32;
    while i < n {
        while let Some(top) = stack.last() {
            if i < top.end {
                break;
            }
            if top.block {
                flush(dom, &stack, &mut run, &mut out);
            }
            stack.pop();
        }
        let node = &dom.nodes[i as usize];
        let ctx = stack.last().map(|f| f.ctx).unwrap_or_default();
        match node.tag {
            Tag::Text => {
                if run.text.is_empty() {
                    run.first = i;
                }
                run.text.push_str(node.text);
                if node.chars > 0 {
                    run.brs = 0;
                    run.chars += node.chars;
                    run.commas += node.commas;
                    if ctx.link {
                        run.link_chars += node.chars;
                    }
                }
            }
            Tag::Br => {
                run.text.push('\n');
                run.brs += 1;
                if run.brs >= 2 {
                    flush(dom, &stack, &mut run, &mut out);
                }
            }
            Tag::Hr => flush(dom, &stack, &mut run, &mut out),
            _ if strict && node.has(JUNK) => {
                // Skip the subtree; it still separates what is around it.
                flush(dom, &stack, &mut run, &mut out);
                i = node.end;
                continue;
            }
            tag => {
                let block = tag.is_block() || node.has(super::dom::HAS_BLOCK);
                if block {
                    flush(dom, &stack, &mut run, &mut out);
                }
                let mut c = ctx;
                match tag {
                    Tag::H(level) => c.heading = level,
                    Tag::Li | Tag::Dt | Tag::Dd => c.item = true,
                    Tag::Blockquote => c.quote = true,
                    Tag::Pre => c.pre = true,
                    Tag::Td => c.cell = true,
                    Tag::A => c.link = true,
                    Tag::Figure | Tag::Figcaption | Tag::Caption => c.caption = true,
                    _ => {}
                }
                if node.has(CAPTION_HINT) {
                    c.caption = true;
                }
                let owner = if block {
                    Some(stack.len())
                } else {
                    stack.last().and_then(|f| f.owner)
                };
                stack.push(Frame {
                    node: i,
                    end: node.end,
                    block,
                    ctx: c,
                    owner,
                });
            }
        }
        i += 1;
    }
    while let Some(top) = stack.last() {
        if top.block {
            flush(dom, &stack, &mut run, &mut out);
        }
        stack.pop();
    }
    flush(dom, &stack, &mut run, &mut out);
    out
}

fn flush(dom: &Dom, stack: &[Frame], run: &mut Run, out: &mut Vec<TextBlock>) {
    if run.chars == 0 {
        run.text.clear();
        run.brs = 0;
        return;
    }
    // The innermost open block is the owner; the run's context is the owner's (inline
    // frames above it, such as a link the run ended in, do not decide the kind).
    let owner_frame = stack
        .last()
        .and_then(|f| f.owner)
        .and_then(|i| stack.get(i));
    let owner = owner_frame.map(|f| f.node).unwrap_or(NONE);
    let ctx = owner_frame.map(|f| f.ctx).unwrap_or_default();
    // Inherited downwards, so the innermost frame knows.
    let caption = stack.last().is_some_and(|f| f.ctx.caption);
    let kind = if ctx.heading > 0 {
        Kind::Heading(ctx.heading)
    } else if ctx.quote {
        Kind::Quote
    } else if ctx.item {
        Kind::Item
    } else if ctx.pre {
        Kind::Pre
    } else if ctx.cell {
        Kind::Cell
    } else {
        Kind::Paragraph
    };
    let whole = owner != NONE && dom.nodes[owner as usize].chars == run.chars;
    out.push(TextBlock {
        text: normalize_space(&run.text),
        kind,
        owner,
        first: run.first,
        chars: run.chars,
        link_chars: run.link_chars,
        commas: run.commas,
        caption,
        whole,
    });
    *run = Run::default();
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn texts(html: &str) -> Vec<(Kind, String)> {
        let doc = Html::parse_document(html);
        let dom = Dom::build(&doc);
        segment(&dom, true)
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn inline_spacing_and_blocks() {
        let t = texts(
            "<body><h2>Sub <em>head</em></h2><p>Al<b>pha</b> <i>beta</i>,\n gamma&amp;delta.</p>\
             <ul><li>one</li><li><p>two</p></li></ul><blockquote><p>Said.</p></blockquote></body>",
        );
        assert_eq!(
            t,
            vec![
                (Kind::Heading(2), "Sub head".to_string()),
                (Kind::Paragraph, "Alpha beta, gamma&delta.".to_string()),
                (Kind::Item, "one".to_string()),
                (Kind::Item, "two".to_string()),
                (Kind::Quote, "Said.".to_string()),
            ]
        );
    }

    #[test]
    fn br_pairs_and_bare_divs_make_paragraphs() {
        let t = texts(
            "<body><div>First line<br>same para.<br><br>Second para.<br/> <br/>Third.\
             <div>Fourth.</div>Fifth.</div></body>",
        );
        let t: Vec<&str> = t.iter().map(|(_, s)| s.as_str()).collect();
        assert_eq!(
            t,
            vec![
                "First line same para.",
                "Second para.",
                "Third.",
                "Fourth.",
                "Fifth."
            ]
        );
    }
}
