//! Languages without their own table: the Unicode sentence rules (UAX #29, from the
//! `unicode-segmentation` crate) find the candidate boundaries, then a boundary after a period is
//! dropped when the word before it is an abbreviation of the generic table or an initial
//! ("А. Фарахани", "Dr. Weber").

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::lang::{Abbr, generic};
use super::text::{lowercase, trim, word_start};

pub fn split(text: &str, lang: &str, out: &mut Vec<Range<usize>>) {
    let extra = extra_terminator(lang);
    let mut push = |r: Range<usize>| match extra {
        Some(t) => split_extra(text, r, t, out),
        None => out.push(r),
    };
    let mut start = 0;
    for (pos, piece) in text.split_sentence_bound_indices() {
        let end = pos + piece.len();
        if end >= text.len() || !(continues(text, start, end) || glued(text, end)) {
            if let Some(r) = trim(text, start, end) {
                push(r);
            }
            start = end;
        }
    }
    if start < text.len()
        && let Some(r) = trim(text, start, text.len())
    {
        push(r);
    }
}

/// A boundary after a Latin-style terminator with no space after it ("անձրևել...Այդպես",
/// "example.Com") is dropped; full-width ones (。) end sentences without spaces.
fn glued(text: &str, end: usize) -> bool {
    let before = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    before.is_some_and(|c| matches!(c, '.' | '!' | '?' | '…'))
        && after.is_some_and(|c| !c.is_whitespace())
}

/// Sentence ends that the Unicode rules do not know: the Armenian full stop written as a colon,
/// the Greek question mark written as a semicolon (then a capital must follow).
fn extra_terminator(lang: &str) -> Option<char> {
    match lang.split(['-', '_']).next().unwrap_or("") {
        "hy" => Some(':'),
        "el" => Some(';'),
        _ => None,
    }
}

fn split_extra(text: &str, r: Range<usize>, t: char, out: &mut Vec<Range<usize>>) {
    let mut start = r.start;
    for (p, c) in text[r.clone()].char_indices() {
        let at = r.start + p + c.len_utf8();
        if c != t || at >= r.end || !text[at..].starts_with(char::is_whitespace) {
            continue;
        }
        let next = text[at..].trim_start().chars().next();
        if t == ';' && !next.is_some_and(char::is_uppercase) {
            continue;
        }
        if let Some(piece) = trim(text, start, at) {
            out.push(piece);
        }
        start = at;
    }
    if let Some(piece) = trim(text, start, r.end) {
        out.push(piece);
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
