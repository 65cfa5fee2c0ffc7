//! From the chosen region to the article's blocks: containers inside it that read like
//! boilerplate are dropped (readability's conditional cleaning: link-heavy boxes, image
//! strips, tiny widgets), then each text block is judged on its own (captions, link lists,
//! button and label phrases), then headings that introduce nothing are dropped.

use super::blocks::{Kind, TextBlock};
use super::dom::{Dom, JUNK, NONE, Tag};
use super::meta::comparable;
use super::score::Region;
use crate::article::{Block, BlockKind};
use crate::extract::phrases;

/// Containers inside the region that are dropped whole, as index ranges.
fn dropped_ranges(dom: &Dom, region: &Region, strict: bool) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &root in &region.roots {
        let end = dom.nodes[root as usize].end;
        let mut i = root;
        while i < end {
            let n = &dom.nodes[i as usize];
            let skip_subtree = if strict && n.has(JUNK) && i != root {
                true
            } else if i != root && dom.contains(i, region.top) {
                false
            } else if i != root {
                conditionally_dropped(dom, i, region.scores[i as usize])
            } else {
                false
            };
            if skip_subtree {
                out.push((i, n.end));
                i = n.end;
            } else {
                i += 1;
            }
        }
    }
    out.sort_unstable();
    out
}

/// Readability's `_cleanConditionally`, on the totals the flat view already has.
fn conditionally_dropped(dom: &Dom, i: u32, score: f32) -> bool {
    let n = &dom.nodes[i as usize];
    if !matches!(
        n.tag,
        Tag::Div
            | Tag::Section
            | Tag::Ul
            | Tag::Ol
            | Tag::Dl
            | Tag::Table
            | Tag::Form
            | Tag::Other
            | Tag::Aside
            | Tag::Header
            | Tag::Footer
            | Tag::Block
            | Tag::Details
            | Tag::Figure
    ) {
        return false;
    }
    // Quotes (embedded posts among them) are content, links and all.
    if n.quote_chars * 2 > n.chars {
        return false;
    }
    let weight = i32::from(n.weight);
    if weight as f32 + score < 0.0 {
        return true;
    }
    if is_card_grid(dom, i) || is_link_list(dom, i) {
        return true;
    }
    if n.commas >= 10 {
        return false;
    }
    let is_list = matches!(n.tag, Tag::Ul | Tag::Ol | Tag::Dl);
    let ld = n.link_density();
    let p = n.paras as f32;
    let img = n.imgs as f32;
    let li = n.items as f32 - 100.0;
    if img > 1.0 && p / img < 0.5 && n.chars < 200 {
        return true;
    }
    if !is_list && li > p {
        return true;
    }
    // A wrapper around a single paragraph of prose with a link in it is that paragraph.
    let one_paragraph = n.paras <= 1 && n.chars >= 60 && ld < 0.5;
    if !is_list && !one_paragraph && weight < 25 && ld > 0.2 {
        return true;
    }
    if weight >= 25 && ld > 0.5 {
        return true;
    }
    false
}

/// A grid of teaser cards: three or more children built alike (same tag and class), each a
/// link with a little text, usually an image. Article text does not repeat like that. (Lists
/// are judged item by item instead: a list of links goes by its link density.)
fn is_card_grid(dom: &Dom, i: u32) -> bool {
    if matches!(dom.nodes[i as usize].tag, Tag::Ul | Tag::Ol | Tag::Dl) {
        return false;
    }
    let mut kinds: Vec<((Tag, &str), usize, usize)> = Vec::new();
    let mut kids = 0usize;
    for c in dom.children(i) {
        let n = &dom.nodes[c as usize];
        if n.tag == Tag::Text {
            if n.chars > 0 {
                return false;
            }
            continue;
        }
        kids += 1;
        let key = (n.tag, n.attr("class").unwrap_or(""));
        let card = n.link_chars > 0 && n.chars < 300 && (n.imgs > 0 || n.link_density() >= 0.5);
        match kinds.iter_mut().find(|k| k.0 == key) {
            Some(k) => {
                k.1 += 1;
                k.2 += usize::from(card);
            }
            None => kinds.push((key, 1, usize::from(card))),
        }
        if kinds.len() > 4 {
            return false;
        }
    }
    kinds
        .iter()
        .any(|&(_, alike, cards)| alike >= 3 && alike * 10 >= kids * 6 && cards * 10 >= alike * 8)
}

/// A list of links to other stories: three or more short items, nearly all holding a link,
/// with much of the list's text linked ("More great stories: ...").
fn is_link_list(dom: &Dom, i: u32) -> bool {
    let n = &dom.nodes[i as usize];
    if !matches!(n.tag, Tag::Ul | Tag::Ol) || n.link_density() <= 0.35 {
        return false;
    }
    let (mut items, mut linked) = (0u32, 0u32);
    for c in dom.children(i) {
        let cn = &dom.nodes[c as usize];
        if cn.tag != Tag::Li {
            continue;
        }
        items += 1;
        if cn.link_chars > 0 {
            linked += 1;
        }
    }
    items >= 3 && linked * 10 >= items * 8 && n.chars / items < 120
}

/// A block that is mostly web or mail addresses ("paul@example.com", "More: https://...") or
/// leaked CMS shortcodes ("[button link=...]Send us[/button]"): nothing to read aloud.
fn is_address_line(text: &str) -> bool {
    if text.starts_with('[') && text.contains("[/") {
        return true;
    }
    let mut words = 0usize;
    let mut address_chars = 0usize;
    for w in text.split_whitespace() {
        words += 1;
        if words > 25 {
            return false;
        }
        let is_address = w.contains("://")
            || w.starts_with("www.")
            || (w.contains('@') && w.contains('.') && !w.starts_with('@'));
        if is_address {
            address_chars += w.len();
        }
    }
    let other = text.len().saturating_sub(address_chars) - words.saturating_sub(1);
    address_chars * 10 > text.len() * 3 && other < 12
}

/// True when `i` falls in one of `ranges` (sorted, disjoint half-open ranges).
fn in_ranges(ranges: &[(u32, u32)], i: u32) -> bool {
    let after = ranges.partition_point(|&(start, _)| start <= i);
    after > 0 && i < ranges[after - 1].1
}

/// The article's blocks from a region.
pub fn assemble(
    dom: &Dom,
    blocks: &[TextBlock],
    region: &Region,
    strict: bool,
    title: Option<&str>,
) -> Vec<Block> {
    let dropped = dropped_ranges(dom, region, strict);
    // The roots as sorted, disjoint ranges (siblings, or one root).
    let mut roots: Vec<(u32, u32)> = region
        .roots
        .iter()
        .map(|&r| (r, dom.nodes[r as usize].end))
        .collect();
    roots.sort_unstable();
    let title_c = title.map(comparable).unwrap_or_default();
    // Each block with its heading level (0 for other blocks).
    let mut out: Vec<(Block, u8)> = Vec::new();
    for b in blocks {
        if b.owner == NONE || !in_ranges(&roots, b.owner) {
            continue;
        }
        if in_ranges(&dropped, b.first) || b.caption {
            continue;
        }
        if b.text.is_empty() || !b.text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let kind = match b.kind {
            Kind::Heading(_) => BlockKind::Heading,
            Kind::Item => BlockKind::ListItem,
            Kind::Quote => BlockKind::Quote,
            Kind::Paragraph | Kind::Pre | Kind::Cell => BlockKind::Paragraph,
        };
        let ld = b.link_density();
        // Mostly link text, with little of its own: a teaser or a menu entry. (A list item
        // that is a linked headline plus a sentence of its own is content.)
        let own_text = b.chars.saturating_sub(b.link_chars);
        // Headlines do not end with a full stop; a sentence with a long link in it does.
        let sentence = b.text.ends_with(['.', '!', '?', '…']) && b.text.contains(' ');
        let too_linky = own_text < 40
            && match kind {
                BlockKind::Paragraph | BlockKind::Quote => ld > if sentence { 0.85 } else { 0.6 },
                BlockKind::ListItem | BlockKind::Heading => ld > 0.5,
            };
        if too_linky {
            continue;
        }
        // The headline, repeated in the body (as a heading or a paragraph).
        if !title_c.is_empty() && b.chars as usize <= title_c.len() * 2 {
            let c = comparable(&b.text);
            if c == title_c || (matches!(b.kind, Kind::Heading(1)) && title_c.contains(&c)) {
                continue;
            }
        }
        if phrases::is_boilerplate(&b.text) || is_address_line(&b.text) {
            continue;
        }
        if matches!(b.kind, Kind::Paragraph | Kind::Item)
            && (phrases::is_byline(&b.text) || phrases::is_dateline(&b.text))
        {
            continue;
        }
        let level = match b.kind {
            Kind::Heading(l) => l,
            _ => 0,
        };
        out.push((Block::new(kind, b.text.clone()), level));
    }
    drop_orphan_headings(out)
}

/// A heading followed by nothing, or directly by a heading of the same or a higher rank,
/// introduces nothing that is left (its section was a teaser list or a widget): drop it.
fn drop_orphan_headings(blocks: Vec<(Block, u8)>) -> Vec<Block> {
    let mut out: Vec<(Block, u8)> = Vec::with_capacity(blocks.len());
    for (b, level) in blocks.into_iter().rev() {
        if level > 0
            && out
                .last()
                .is_none_or(|&(_, next)| next > 0 && next <= level)
        {
            continue;
        }
        out.push((b, level));
    }
    out.into_iter().rev().map(|(b, _)| b).collect()
}
