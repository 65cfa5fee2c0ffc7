//! HTML -> Article.
//!
//! 1. Parse (html5ever through scraper) and build a flat view of the readable nodes
//!    ([`dom`]): scripts, styles, form controls and hidden elements are left out, and
//!    class/id/role/microdata hints are read once ([`hints`]).
//! 2. Cut the page into text blocks ([`blocks`]): runs of inline content between block
//!    boundaries, with their kind (heading, paragraph, list item, quote).
//! 3. Score containers by the paragraphs they hold and pick the article region ([`score`]).
//! 4. Clean the region and turn its blocks into the article's blocks ([`clean`]).
//! 5. Fall back when that finds too little: the same without boilerplate-named subtrees left
//!    out, then every readable block of the page, then the JSON-LD `articleBody`, then the
//!    page's description, so that a page with text never comes out empty.
//!
//! Metadata comes from the head, JSON-LD and microdata ([`meta`]).

mod blocks;
mod clean;
mod dom;
mod hints;
mod meta;
mod score;

use scraper::Html;

use super::Input;
use super::textutil::normalize_space;
use crate::article::{Article, Block, BlockKind};
use dom::Dom;

/// Below this many characters, a first pass is not trusted and the fallbacks are tried.
const MIN_CHARS: usize = 500;

pub fn extract(input: &Input) -> Article {
    let doc = Html::parse_document(input.text);
    let dom = Dom::build(&doc);
    let ld = meta::LinkedData::parse(&dom.head.jsonld);
    let site_name = meta::site_name(&dom, &ld);
    let title = meta::title(&dom, &ld, site_name.as_deref());
    let blocks = body(&dom, &ld, title.as_deref());
    Article {
        byline: meta::byline(&dom, &ld),
        published: meta::published(&dom, &ld),
        lang: meta::language(&dom, &ld, input.content_language),
        site_name,
        title,
        blocks,
    }
}

fn chars(blocks: &[Block]) -> usize {
    blocks.iter().map(|b| b.text.len()).sum()
}

fn body(dom: &Dom, ld: &meta::LinkedData, title: Option<&str>) -> Vec<Block> {
    let strict_blocks = blocks::segment(dom, true);
    let attempt = |text_blocks: &[blocks::TextBlock], strict: bool| {
        score::select(dom, text_blocks, strict)
            .map(|region| clean::assemble(dom, text_blocks, &region, strict, title))
            .unwrap_or_default()
    };
    let mut best = attempt(&strict_blocks, true);
    if chars(&best) < MIN_CHARS {
        let relaxed = attempt(&blocks::segment(dom, false), false);
        // Only when boilerplate-named containers held much more text than the rest: the
        // names were wrong (a "comments-and-content" wrapper), not the page short.
        if chars(&relaxed) > 2 * chars(&best) {
            best = relaxed;
        }
    }
    if !best.is_empty() {
        return best;
    }
    // No region at all: whatever readable blocks the page has.
    let body = dom.body();
    let whole = score::Region {
        roots: vec![body],
        top: body,
        ranked: Vec::new(),
        scores: vec![0.0; dom.nodes.len()],
    };
    let all = clean::assemble(dom, &strict_blocks, &whole, true, title);
    if !all.is_empty() {
        return all;
    }
    if let Some(text) = &ld.body {
        let from_ld = paragraphs(text);
        if !from_ld.is_empty() {
            return from_ld;
        }
    }
    ["og:description", "description", "twitter:description"]
        .iter()
        .find_map(|k| dom.head.meta(k))
        .map(paragraphs)
        .unwrap_or_default()
}

/// Plain text (one paragraph per line) as paragraph blocks.
fn paragraphs(text: &str) -> Vec<Block> {
    text.lines()
        .map(normalize_space)
        .filter(|l| !l.is_empty())
        .map(|l| Block::new(BlockKind::Paragraph, l))
        .collect()
}

/// How the extractor saw a page: the best candidates, the chosen region and the size of each
/// pass's result. For diagnostics (`examples/extract_eval.rs --explain`); not a stable format.
#[doc(hidden)]
pub fn explain(text: &str) -> String {
    use std::fmt::Write;
    let doc = Html::parse_document(text);
    let dom = Dom::build(&doc);
    let mut out = String::new();
    let describe = |i: u32| {
        let n = &dom.nodes[i as usize];
        let mut d = format!("#{i} {:?}", n.tag);
        if let Some(c) = n.attr("class") {
            let _ = write!(d, ".{}", c.split_whitespace().collect::<Vec<_>>().join("."));
        }
        if let Some(id) = n.attr("id") {
            let _ = write!(d, "#{id}");
        }
        let _ = write!(
            d,
            " chars={} ld={:.2} w={} flags={:b}",
            n.chars,
            n.link_density(),
            n.weight,
            n.flags
        );
        d
    };
    for strict in [true, false] {
        let _ = writeln!(out, "== pass strict={strict}");
        let text_blocks = blocks::segment(&dom, strict);
        if let Some(r) = score::select(&dom, &text_blocks, strict) {
            for (c, s) in &r.ranked {
                let _ = writeln!(out, "  cand {s:8.1} {}", describe(*c));
            }
            let _ = writeln!(out, "  top  {}", describe(r.top));
            for root in &r.roots {
                let _ = writeln!(out, "  root {}", describe(*root));
            }
            for a in dom.ancestors(r.top) {
                if dom.nodes[a as usize].has(dom::JUNK) {
                    let _ = writeln!(out, "  junk ancestor {}", describe(a));
                }
            }
            let b = clean::assemble(&dom, &text_blocks, &r, strict, None);
            let _ = writeln!(out, "  -> {} blocks, {} chars", b.len(), chars(&b));
        }
    }
    out
}
