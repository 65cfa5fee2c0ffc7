//! Numbered and lettered lists written inline: "1. The first item 2. The second item",
//! "a) one b) two", "• 9. Stop smoking • 10. Get some rest". A marker starts a new sentence and
//! its period ends none. A run of markers counts as a list only when the numbers or letters follow
//! each other (1, 2, 3 or a, b, c) and the first one starts a sentence, so that "vom 12. Juni"
//! or "p. 55" never look like items.

use super::text::{is_bullet, is_closer, is_terminator, prev_char};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Marker {
    /// Where the item starts (its bullet, if any).
    pub start: usize,
    /// Just after the marker ("1." / "a)" / "1.)").
    pub end: usize,
}

#[derive(Debug, Clone, Copy)]
struct Candidate {
    marker: Marker,
    value: u32,
    alpha: bool,
    paren: bool,
    opens_sentence: bool,
    lower_next: bool,
}

/// The list markers of `text`, in order.
pub fn find(text: &str) -> Vec<Marker> {
    let b = text.as_bytes();
    let mut cands: Vec<Candidate> = Vec::new();
    for p in memchr::memchr2_iter(b'.', b')', b) {
        if let Some(c) = candidate(text, p) {
            cands.push(c);
        }
    }
    if cands.len() < 2 {
        return Vec::new();
    }
    let mut used = vec![false; cands.len()];
    let mut out = Vec::new();
    for i in 0..cands.len() {
        let first = cands[i];
        if used[i] || !first.opens_sentence || (!first.paren && first.lower_next) {
            continue;
        }
        let mut chain = vec![i];
        let mut last = first;
        for (j, c) in cands.iter().enumerate().skip(i + 1).take(64) {
            if !used[j]
                && c.alpha == first.alpha
                && c.paren == first.paren
                && c.value == last.value + 1
                && (c.paren || !c.lower_next)
            {
                chain.push(j);
                last = *c;
            }
        }
        if chain.len() >= 2 {
            for j in chain {
                used[j] = true;
                out.push(cands[j].marker);
            }
        }
    }
    out.sort_by_key(|m| m.start);
    out.dedup();
    out
}

/// The marker whose suffix ('.' or ')') is at `p`, if it is one.
fn candidate(text: &str, p: usize) -> Option<Candidate> {
    let b = text.as_bytes();
    let paren = b[p] == b')';
    if !paren && b.get(p + 1) == Some(&b')') {
        return None; // handled at the ')'
    }
    if !matches!(b.get(p + 1), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        return None;
    }
    let tok_end = if paren && p > 0 && b[p - 1] == b'.' {
        p - 1
    } else {
        p
    };
    let mut q = tok_end;
    while q > 0 && b[q - 1].is_ascii_digit() && tok_end - q < 3 {
        q -= 1;
    }
    let (value, alpha) = if q < tok_end {
        if q > 0 && b[q - 1].is_ascii_digit() {
            return None;
        }
        (text[q..tok_end].parse::<u32>().ok()?, false)
    } else if tok_end > 0 && b[tok_end - 1].is_ascii_lowercase() {
        q = tok_end - 1;
        (u32::from(b[q] - b'a') + 1, true)
    } else {
        return None;
    };
    // Before the marker: the start, white space, or a bullet.
    let mut start = q;
    match prev_char(text, q) {
        None => {}
        Some(c) if is_bullet(c) => start = q - c.len_utf8(),
        Some(c) if c.is_whitespace() => {
            let head = text[..q].trim_end();
            if let Some(c) = head.chars().next_back()
                && is_bullet(c)
            {
                start = head.len() - c.len_utf8();
            }
        }
        Some(_) => return None,
    }
    let head = text[..start].trim_end();
    let opens_sentence = head.is_empty()
        || text[head.len()..start].contains('\n')
        || head
            .chars()
            .next_back()
            .is_some_and(|c| is_terminator(c) || is_closer(c) || c == ':' || is_bullet(c));
    let lower_next = text[p + 1..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase);
    Some(Candidate {
        marker: Marker { start, end: p + 1 },
        value,
        alpha,
        paren,
        opens_sentence,
        lower_next,
    })
}
