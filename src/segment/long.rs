//! Very long sentences split for speech at clause boundaries, so that no single utterance runs
//! for minutes and skipping stays fine-grained.

use std::ops::Range;

use super::text::trim;

/// Pieces shorter than this (in characters) are not split off.
const MIN_PIECE: usize = 60;

/// Splits `range` of `text` into pieces of at most `max` characters where the sentence allows:
/// first at a semicolon, then a colon, a dash, a comma before a conjunction, any comma, and as a
/// last resort at a space. Pieces are appended to `out`, trimmed.
pub fn split(text: &str, range: Range<usize>, max: usize, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let n = s.chars().count();
    if n <= max {
        out.push(range);
        return;
    }
    match best_cut(s, n) {
        Some(cut) => {
            let left = trim(text, range.start, range.start + cut);
            let right = trim(text, range.start + cut, range.end);
            for r in [left, right].into_iter().flatten() {
                split(text, r, max, out);
            }
        }
        None => out.push(range),
    }
}

/// The byte offset to cut `s` (of `n` characters) at: the strongest clause boundary with at
/// least `MIN_PIECE` characters on each side, nearest the middle.
fn best_cut(s: &str, n: usize) -> Option<usize> {
    let mut best: Option<(u8, usize, usize)> = None; // (rank, distance from middle, offset)
    let mid = n / 2;
    for (ci, (bi, c)) in s.char_indices().enumerate() {
        let after = bi + c.len_utf8();
        let next_is_space = s[after..].starts_with(char::is_whitespace);
        let rank = match c {
            ';' if next_is_space => 5,
            ':' if next_is_space => 4,
            '—' | '–' if bi > 0 && s[..bi].ends_with(' ') && next_is_space => 3,
            ',' if next_is_space => {
                let rest = s[after..].trim_start();
                let word = rest
                    .split(|c: char| !c.is_alphabetic())
                    .next()
                    .unwrap_or("");
                if CONJUNCTIONS.contains(&word) { 2 } else { 1 }
            }
            ' ' => 0,
            _ => continue,
        };
        // A cut after character `ci` leaves ci + 1 characters on the left.
        let left = ci + 1;
        if left < MIN_PIECE || n - left < MIN_PIECE {
            continue;
        }
        let dist = left.abs_diff(mid);
        let better = match best {
            None => true,
            Some((r, d, _)) => rank > r || (rank == r && dist < d),
        };
        if better {
            best = Some((rank, dist, after));
        }
    }
    best.map(|(_, _, at)| at)
}

/// Words before which a comma marks a clause (several languages; lowercase).
const CONJUNCTIONS: &[&str] = &[
    "and", "but", "or", "so", "yet", "while", "which", "who", "whereas", "although", "because",
    "et", "mais", "ou", "donc", "car", "qui", "tandis", "y", "pero", "o", "que", "aunque", "und",
    "aber", "oder", "denn", "doch", "weil", "während", "die", "der", "das", "e", "ma", "perché",
    "mentre", "en", "maar", "of", "want", "omdat", "mas", "porque", "enquanto",
];
