//! Finding the article: readability-style scoring of containers by the paragraphs they hold.
//!
//! Every paragraph-like text block of 25 characters or more gives its container a score of
//! 1 + commas + one point per 100 characters (at most 3), and a share of it to the next
//! ancestors (1/2, then 1/(level*3)). A container starts from a bonus for its tag and its
//! class/id weight and ends multiplied by (1 - link density). The best container, widened to a
//! common ancestor when several near-best candidates share one, plus its siblings that score
//! well or read like paragraphs, is the article.

use super::blocks::{Kind, TextBlock};
use super::dom::{ARTICLE_BODY, Dom, NONE, Tag};

/// The subtrees that hold the article, in document order.
#[derive(Debug, Clone)]
pub struct Region {
    pub roots: Vec<u32>,
    /// The best container (one of `roots` or inside one).
    pub top: u32,
    /// The best-scored candidates, best first (for diagnostics).
    pub ranked: Vec<(u32, f32)>,
    /// Every node's content score (0 for nodes no paragraph scored).
    pub scores: Vec<f32>,
}

fn initial_score(dom: &Dom, i: u32) -> f32 {
    let n = &dom.nodes[i as usize];
    let tag_bonus = match n.tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => {
            -3.0
        }
        Tag::H(_) => -5.0,
        _ => 0.0,
    };
    tag_bonus + f32::from(n.weight)
}

/// The score a text block gives, or None when it does not count.
pub fn block_score(b: &TextBlock) -> Option<f32> {
    if b.chars < 25 || b.caption {
        return None;
    }
    if !matches!(
        b.kind,
        Kind::Paragraph | Kind::Pre | Kind::Cell | Kind::Quote
    ) {
        return None;
    }
    Some(1.0 + b.commas as f32 + (b.chars as f32 / 100.0).floor().min(3.0))
}

pub fn select(dom: &Dom, blocks: &[TextBlock], strict: bool) -> Option<Region> {
    let n = dom.nodes.len();
    let mut score = vec![0f32; n];
    let mut touched = vec![false; n];
    let mut candidates: Vec<u32> = Vec::new();
    for b in blocks {
        let Some(s) = block_score(b) else { continue };
        if b.owner == NONE {
            continue;
        }
        let start = if b.whole {
            dom.nodes[b.owner as usize].parent
        } else {
            b.owner
        };
        if start == NONE {
            continue;
        }
        let chain = std::iter::once(start).chain(dom.ancestors(start));
        for (level, anc) in chain.take(5).enumerate() {
            if matches!(dom.nodes[anc as usize].tag, Tag::Html) {
                break;
            }
            if !touched[anc as usize] {
                touched[anc as usize] = true;
                score[anc as usize] = initial_score(dom, anc);
                candidates.push(anc);
            }
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            score[anc as usize] += s / divider;
        }
    }
    if candidates.is_empty() {
        return None;
    }
    for &c in &candidates {
        let ld = dom.nodes[c as usize].link_density();
        score[c as usize] *= 1.0 - ld;
    }
    // An explicitly marked article body that holds scored text is a strong hint.
    for &c in &candidates {
        if dom.nodes[c as usize].has(ARTICLE_BODY) {
            score[c as usize] *= 1.5;
        }
    }
    candidates.sort_by(|a, b| score[*b as usize].total_cmp(&score[*a as usize]));
    let ranked: Vec<(u32, f32)> = candidates
        .iter()
        .take(8)
        .map(|&c| (c, score[c as usize]))
        .collect();
    let mut top = candidates[0];
    let top_score = score[top as usize];
    let best_score = top_score;
    let body = dom.body();

    // Several near-best candidates under one ancestor: the ancestor is the article.
    let alternatives: Vec<u32> = candidates[1..candidates.len().min(5)]
        .iter()
        .copied()
        .filter(|&c| score[c as usize] >= 0.75 * top_score)
        .collect();
    if alternatives.len() >= 3 {
        for anc in dom.ancestors(top) {
            if anc == body || dom.nodes[anc as usize].tag == Tag::Html {
                break;
            }
            let containing = alternatives
                .iter()
                .filter(|&&a| dom.contains(anc, a))
                .count();
            if containing >= 3 {
                top = anc;
                break;
            }
        }
    }

    // Climb while the parent's score rises: more content lurks beside the candidate.
    let mut last = score[top as usize];
    let threshold = last / 3.0;
    for anc in dom.ancestors(top) {
        if anc == body || dom.nodes[anc as usize].tag == Tag::Html {
            break;
        }
        if !touched[anc as usize] {
            continue;
        }
        let s = score[anc as usize];
        if s < threshold {
            break;
        }
        if s > last {
            top = anc;
            break;
        }
        last = s;
    }

    // An only child says nothing more than its parent.
    loop {
        let parent = dom.nodes[top as usize].parent;
        if parent == NONE || parent == body || dom.nodes[parent as usize].tag == Tag::Html {
            break;
        }
        if dom
            .children(parent)
            .filter(|&c| dom.nodes[c as usize].tag != Tag::Text || dom.nodes[c as usize].chars > 0)
            .count()
            != 1
        {
            break;
        }
        top = parent;
    }

    // Siblings that belong with it.
    let top_score = if touched[top as usize] {
        score[top as usize]
    } else {
        top_score
    };
    let parent = dom.nodes[top as usize].parent;
    if parent == NONE {
        return Some(Region {
            roots: vec![top],
            top,
            ranked,
            scores: score,
        });
    }
    let threshold = (top_score * 0.2).max(10.0);
    let top_class = dom.nodes[top as usize].attr("class").unwrap_or("");
    let mut roots = Vec::new();
    for sib in dom.children(parent) {
        if sib == top {
            roots.push(sib);
            continue;
        }
        let sn = &dom.nodes[sib as usize];
        if sn.tag == Tag::Text || (strict && sn.has(super::dom::JUNK)) {
            continue;
        }
        let mut bonus = 0.0;
        if !top_class.is_empty() && sn.attr("class") == Some(top_class) {
            bonus = top_score * 0.2;
        }
        if touched[sib as usize] && score[sib as usize] + bonus >= threshold {
            roots.push(sib);
        } else if sn.has(super::dom::HAS_BLOCK) && sn.link_density() < 0.3 {
            // A sibling too deep for its paragraphs to reach it: it belongs when it holds a
            // strong candidate of its own (an article split into sections).
            let end = sn.end;
            let inner_best = candidates
                .iter()
                .take(64)
                .filter(|&&c| c > sib && c < end)
                .map(|&c| score[c as usize])
                .fold(0.0f32, f32::max);
            if inner_best >= (best_score * 0.4).max(threshold) {
                roots.push(sib);
            }
        } else if sn.tag == Tag::P
            || (matches!(sn.tag, Tag::Div | Tag::Section) && !sn.has(super::dom::HAS_BLOCK))
        {
            let ld = sn.link_density();
            let len = sn.chars;
            // A bare <div> of text is a paragraph when it is long enough to be one (a short
            // one next to the article is usually its standfirst or a label).
            if sn.tag != Tag::P && len < 100 {
                continue;
            }
            if (len > 65 && ld < 0.25)
                || (len > 0 && len <= 65 && ld == 0.0 && ends_sentence(&dom.raw_text(sib)))
            {
                roots.push(sib);
            }
        }
    }
    Some(Region {
        roots,
        top,
        ranked,
        scores: score,
    })
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    t.ends_with(['.', '!', '?', '"', '”', '»', '。']) || t.contains(". ")
}
