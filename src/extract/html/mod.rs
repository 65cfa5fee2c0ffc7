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
mod prescan;
mod score;

use scraper::Html;

use super::Input;
use super::textutil::normalize_space;
use crate::article::{Article, Block, BlockKind};
use dom::Dom;

/// Below this many characters, a first pass is not trusted and the fallbacks are tried.
const MIN_CHARS: usize = 500;

pub fn extract(input: &Input) -> Article {
    let doc = Html::parse_document(&prescan::strip_raw_text(input.text));
    let dom = Dom::build(&doc);
    let ld = meta::LinkedData::parse(&dom.head.jsonld);
    let site_name = meta::site_name(&dom, &ld);
    let title = meta::title(&dom, &ld, site_name.as_deref());
    let blocks = body(&dom, &ld, title.as_deref());
    Article {
        byline: meta::byline(&dom, &ld),
        published: meta::published(&dom, &ld),
        canonical_url: meta::canonical_url(&dom),
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
    // The declared body, when the page shows much less of it (a paywall, a page built by
    // scripts): never trusted over a page that reads like the article.
    if chars(&best) < 2 * MIN_CHARS
        && let Some(declared) = ld.body.as_deref().map(linked_data_blocks)
        && chars(&declared) > 2 * chars(&best)
    {
        return declared;
    }
    if !best.is_empty() {
        return best;
    }
    // No region at all: whatever readable blocks the page has (a page of menus and footers
    // has none: it is no article).
    if let Some(whole) = whole_page(dom) {
        let all = clean::assemble(dom, &strict_blocks, &whole, true, title);
        if !all.is_empty() {
            return all;
        }
    }
    ["og:description", "description", "twitter:description"]
        .iter()
        .find_map(|k| dom.head.meta(k))
        .map(paragraphs)
        .unwrap_or_default()
}

/// A JSON-LD `articleBody` as blocks: plain text (one paragraph per line, entities decoded),
/// or HTML, which some sites put there, read as a page of its own.
fn linked_data_blocks(text: &str) -> Vec<Block> {
    if !(text.contains("</") || text.contains("<br") || text.contains("<p")) {
        return paragraphs(&decode_entities(text));
    }
    let doc = Html::parse_document(text);
    let dom = Dom::build(&doc);
    whole_page(&dom)
        .map(|whole| clean::assemble(&dom, &blocks::segment(&dom, false), &whole, false, None))
        .unwrap_or_default()
}

/// The whole body as the region (None for a page with nothing readable at all).
fn whole_page(dom: &Dom) -> Option<score::Region> {
    let body = dom.body()?;
    Some(score::Region {
        roots: vec![body],
        top: body,
        ranked: Vec::new(),
        scores: vec![0.0; dom.nodes.len()],
    })
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`, `&nbsp;` and numeric references.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        // The ';' within the longest reference's length: searching the whole rest for it would
        // make a text of many '&' and few ';' quadratic.
        let semicolon = rest.bytes().take(11).position(|b| b == b';');
        let decoded = semicolon.and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => {
                    let num = name.strip_prefix('#')?;
                    let code = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => num.parse().ok()?,
                    };
                    char::from_u32(code)
                }
            }?;
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
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
/// pass's result. For diagnostics (`examples/extract_eval.rs --page ID`); not a stable format.
#[doc(hidden)]
pub fn explain(text: &str) -> String {
    use std::fmt::Write;
    let doc = Html::parse_document(&prescan::strip_raw_text(text));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_root_or_body_is_still_read() {
        // Found by the fuzzer: a hidden <html> left nothing to look at (and an index panic).
        for page in [
            "<html style=\"display:none\"><body><p>Shown once scripts have run.</p></body></html>",
            "<html><body hidden><p>Shown once scripts have run.</p></body></html>",
        ] {
            let a = extract(&Input::new(page, crate::extract::Format::Html));
            assert_eq!(a.body_text(), "Shown once scripts have run.");
        }
        // Nothing readable at all is an empty article, not a panic.
        let a = extract(&Input::new("<svg></svg>", crate::extract::Format::Html));
        assert!(a.blocks.is_empty());
    }

    #[test]
    fn entities_in_declared_bodies() {
        assert_eq!(
            decode_entities("Europa&apos;s &amp; &#233;t&#xE9; &bogus; a&b"),
            "Europa's & été &bogus; a&b"
        );
        let blocks = linked_data_blocks("<body><p>One &amp; two.</p><p>Three.</p></body>");
        let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, vec!["One & two.", "Three."]);
    }
}
