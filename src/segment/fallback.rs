//! Languages without their own table: the Unicode sentence rules (UAX #29, from the
//! `unicode-segmentation` crate) find the candidate boundaries, then a boundary after a period is
//! dropped when the word before it is an abbreviation of the generic table or an initial
//! ("А. Фарахани", "Dr. Weber").

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::lang::{Abbr, generic};
use super::text::{lowercase, trim, word_start};

pub fn split(text: &str, out: &mut Vec<Range<usize>>) {
    let mut start = 0;
    for (pos, piece) in text.split_sentence_bound_indices() {
        let end = pos + piece.len();
        if end >= text.len() || !continues(text, start, end) {
            if let Some(r) = trim(text, start, end) {
                out.push(r);
            }
            start = end;
        }
    }
    if start < text.len()
        && let Some(r) = trim(text, start, text.len())
    {
        out.push(r);
    }
}

/// Whether the candidate boundary at `end` falls after an abbreviation.
fn continues(text: &str, start: usize, end: usize) -> bool {
    let piece = text[start..end].trim_end();
    let Some(body) = piece.strip_suffix('.') else {
        return false;
    };
    let dot = start + body.len();
    let ws = word_start(text, dot, start, 32);
    let word = &text[ws..dot];
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        (Some(c), None) => c.is_alphabetic(),
        _ => {
            let mut buf = [0u8; 64];
            lowercase(word, &mut buf)
                .and_then(|w| generic::RULES.abbreviation(w))
                .is_some_and(|k| matches!(k, Abbr::Title | Abbr::Inline | Abbr::Month))
        }
    }
}
