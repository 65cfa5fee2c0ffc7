//! The rule-based boundary scanner for languages with their own tables.
//!
//! One pass over the bytes: SIMD searches (`memchr`) jump to the few bytes that can matter
//! (`.`, `!`, `?`, line breaks, and the lead bytes of multi-byte terminators and bullets). At a
//! terminator the decision looks at the word before and the word after, with no allocation:
//! words are looked up (abbreviations in a hash index, the other lists by binary search) as a
//! lowercase copy kept on the stack.

use std::ops::Range;

use super::lang::{Abbr, Rules, contains};
use super::lists::{self, Marker};
use super::text::*;

/// Longest word looked at before a period (longer ones are ordinary words or URLs).
const MAX_WORD: usize = 48;

/// Appends the sentences of `text` to `out`.
pub fn split(text: &str, rules: &Rules, out: &mut Vec<Range<usize>>) {
    let mut s = Scanner {
        text,
        b: text.as_bytes(),
        rules,
        out,
        start: 0,
        line_start: 0,
        next_stop: 0,
        next_newline: 0,
        next_lead: 0,
        markers: lists::find(text),
        next_marker: 0,
        skip_until: 0,
    };
    s.run();
}

struct Scanner<'a, 'o> {
    text: &'a str,
    b: &'a [u8],
    rules: &'a Rules,
    out: &'o mut Vec<Range<usize>>,
    /// Start of the current sentence.
    start: usize,
    /// Start of the current line (for texts with line breaks).
    line_start: usize,
    /// Next offsets (from the last search) of `.`/`!`/`?`, of a line break, and of a lead byte
    /// of the multi-byte characters that matter (… • 。 ！ ...); `len` when there is none.
    next_stop: usize,
    next_newline: usize,
    next_lead: usize,
    markers: Vec<Marker>,
    next_marker: usize,
    /// Periods before this offset belong to a list marker ("1.", "a.)") and end nothing.
    skip_until: usize,
}

impl Scanner<'_, '_> {
    fn run(&mut self) {
        let len = self.b.len();
        let mut i = 0;
        while let Some(at) = self.next_interesting(i) {
            self.take_markers(at);
            i = match self.b[at] {
                b'.' | b'!' | b'?' => self.terminator(at),
                b'\n' => self.newline(at),
                _ => self.multibyte(at),
            };
        }
        self.take_markers(len);
        let start = self.start;
        self.cut_range(start, len);
    }

    /// The next offset at or after `from` that the scanner must look at. Three SIMD searches
    /// (`memchr`) run ahead of the scanner and are repeated only when it passes them.
    fn next_interesting(&mut self, from: usize) -> Option<usize> {
        let b = self.b;
        let len = b.len();
        if from >= len {
            return None;
        }
        if self.next_stop < from {
            self.next_stop =
                memchr::memchr3(b'.', b'!', b'?', &b[from..]).map_or(len, |p| from + p);
        }
        if self.next_newline < from {
            self.next_newline = memchr::memchr(b'\n', &b[from..]).map_or(len, |p| from + p);
        }
        if self.next_lead < from {
            self.next_lead =
                memchr::memchr3(0xE2, 0xE3, 0xEF, &b[from..]).map_or(len, |p| from + p);
        }
        let at = self.next_stop.min(self.next_newline).min(self.next_lead);
        (at < len).then_some(at)
    }

    /// Cuts before every list marker that starts at or before `i`.
    fn take_markers(&mut self, i: usize) {
        while let Some(m) = self.markers.get(self.next_marker) {
            if m.start > i {
                break;
            }
            let (start, end) = (m.start, m.end);
            self.next_marker += 1;
            self.cut(start);
            self.skip_until = self.skip_until.max(end);
        }
    }

    /// Ends the current sentence at `end` (exclusive); the next one starts there.
    fn cut(&mut self, end: usize) {
        if end > self.start {
            let start = self.start;
            self.cut_range(start, end);
            self.start = end;
        }
    }

    fn cut_range(&mut self, start: usize, end: usize) {
        if let Some(r) = trim(self.text, start, end) {
            self.out.push(r);
        }
    }

    fn multibyte(&mut self, i: usize) -> usize {
        let Some(c) = self.text[i..].chars().next() else {
            return i + 1;
        };
        let next = i + c.len_utf8();
        if is_terminator(c) {
            return self.terminator(i);
        }
        if is_bullet(c) && i > self.start && prev_is_space(self.b, i) {
            self.cut(i);
        }
        next
    }

    /// A line break: a blank line always ends a sentence; a single break ends one after a short
    /// line (a heading, a list item, a line of an address), not inside hard-wrapped prose.
    fn newline(&mut self, i: usize) -> usize {
        let len = self.b.len();
        let mut j = i + 1;
        let mut breaks = 1;
        while j < len && matches!(self.b[j], b' ' | b'\t' | b'\r' | b'\n') {
            if self.b[j] == b'\n' {
                breaks += 1;
            }
            j += 1;
        }
        let line = self.text[self.line_start..i].trim();
        self.line_start = j;
        if breaks >= 2 {
            self.cut(i);
            return j;
        }
        if line.is_empty() || j >= len {
            return j;
        }
        let last = line.chars().next_back().unwrap_or(' ');
        let next_char = self.text[j..].chars().next().unwrap_or(' ');
        let continues = matches!(last, ',' | ';' | '-' | '–' | '&' | '/' | '(')
            || is_terminator(last)
            || is_closer(last);
        if is_bullet(next_char) || (!continues && line.chars().count() < 40) {
            self.cut(i);
        }
        j
    }

    /// Handles the terminator run starting at `i`; returns where scanning goes on.
    fn terminator(&mut self, i: usize) -> usize {
        let b = self.b;
        let len = b.len();
        if i < self.skip_until {
            return i + 1;
        }
        // The run: terminators, spaced dots (". . ."), then closing quotes and brackets, which
        // may again be followed by terminators ("?».").
        let mut j = i;
        let mut dots = 0usize;
        let mut marks = false; // ! or ?
        let mut wide = false; // 。！？．: end a sentence without a following space
        let mut spaced = false;
        while j < len {
            let Some(c) = self.text[j..].chars().next() else {
                break;
            };
            match c {
                '.' => dots += 1,
                '…' => dots += 3,
                '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' => marks = true,
                '。' | '！' | '？' | '｡' => wide = true,
                '．' => {
                    // A full-width point between digits is a decimal point: "３．２９".
                    if j > 0 && is_digit_before(self.text, j) && is_digit_after(self.text, j + 3) {
                        return j + 3;
                    }
                    wide = true;
                }
                _ => break,
            }
            j += c.len_utf8();
            // Spaced dots: ". . ." (each followed by a space, the end, or a closer).
            if !marks
                && !wide
                && c == '.'
                && j + 1 < len
                && b[j] == b' '
                && b[j + 1] == b'.'
                && (j + 2 == len
                    || matches!(b[j + 2], b' ' | b'\n' | b'"' | b'\'' | b')' | b']')
                    || self.text[j + 2..].starts_with(['”', '’', '»']))
            {
                spaced = true;
                j += 1;
            }
        }
        // Closers, and terminators after them.
        while j < len {
            let Some(c) = self.text[j..].chars().next() else {
                break;
            };
            if is_closer(c) {
                j += c.len_utf8();
            } else if is_terminator(c) && c != '．' {
                if matches!(c, '!' | '?') {
                    marks = true;
                }
                j += c.len_utf8();
            } else {
                break;
            }
        }
        let mut end = j;
        if end >= len {
            return end;
        }
        if wide && !marks && dots == 0 {
            self.cut(end);
            return end;
        }
        // Latin terminators end a sentence only before white space.
        let Some(after) = self.text[end..].chars().next() else {
            return end;
        };
        if !after.is_whitespace() {
            return if wide { self.cut_at(end) } else { end };
        }
        // French spacing: "« ... . »".
        let mut k = skip_space(self.text, end);
        if k < len
            && self.text[k..].starts_with('»')
            && self.text[k + 2..]
                .chars()
                .next()
                .is_none_or(|c| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'))
        {
            end = k + 2;
            k = skip_space(self.text, end);
        }
        if k >= len {
            return k;
        }
        if self.text[end..k].bytes().filter(|&c| c == b'\n').count() >= 2 {
            self.cut(end);
            return k;
        }
        let mut next = next_token(self.text, k);
        // A line break after the terminator: a lowercase start there is a list item or a line
        // of its own ("world.\n(ii) Hello"), unless an abbreviation asks for more.
        if next.class == Class::Lower && self.text[end..k].contains('\n') {
            next.class = Class::Other;
        }
        let boundary = if wide {
            next.class != Class::Lower
        } else if marks {
            // "Yahoo! is", "alone! he yelled", "? — деді".
            !(next.class == Class::Lower || next.class == Class::DashLower)
        } else if dots >= 2 {
            return self.ellipsis(i, end, k, dots, spaced, &next);
        } else {
            self.period(i, &next)
        };
        if boundary {
            self.cut(end);
        }
        k
    }

    fn cut_at(&mut self, end: usize) -> usize {
        self.cut(end);
        end
    }

    /// An ellipsis: ". . .", "...", "…", four dots.
    fn ellipsis(
        &mut self,
        run_start: usize,
        end: usize,
        k: usize,
        dots: usize,
        spaced: bool,
        next: &Token,
    ) -> usize {
        if matches!(next.class, Class::Lower | Class::DashLower) {
            return k;
        }
        let before = prev_char(self.text, run_start);
        // "[...]": an omission inside a quotation.
        if matches!(before, Some('[' | '(')) {
            return k;
        }
        let free_standing = before.is_none_or(char::is_whitespace);
        if spaced && !free_standing && dots >= 4 {
            // "compounds. . . . The": the sentence ends with its period; the ellipsis opens the
            // next one.
            self.cut(run_start + 1);
            return k;
        }
        if free_standing && dots == 3 {
            // "the thing is . . . I didn't": an omission inside a sentence.
            return k;
        }
        self.cut(end);
        k
    }

    /// A single period at `i`, with `next` the token after it.
    fn period(&self, i: usize, next: &Token) -> bool {
        match next.class {
            Class::Lower | Class::DashLower => return false,
            Class::End => return true,
            _ => {}
        }
        let ws = word_start(self.text, i, self.start, MAX_WORD);
        let word = &self.text[ws..i];
        if word.is_empty() {
            return true;
        }
        let mut buf = [0u8; MAX_WORD];
        let lower = lowercase(word, &mut buf);
        // An elided article before the abbreviation: "l'Ing.", "dell'Avv.".
        let kind = lower.and_then(|l| {
            self.rules.abbreviation(l).or_else(|| {
                l.rsplit_once(['\'', '’'])
                    .filter(|(head, tail)| head.len() <= 4 && tail.len() >= 2)
                    .and_then(|(_, tail)| self.rules.abbreviation(tail))
            })
        });
        let starter = || next.class == Class::Upper && self.is_starter(next.word);
        match kind {
            Some(Abbr::Title) | Some(Abbr::Inline) => return false,
            // "Berliner Str. 5", "Inc. 2024" go on; "etc. The" ends.
            Some(Abbr::End) => {
                return match next.class {
                    Class::Upper => starter(),
                    Class::Digit => false,
                    _ => true,
                };
            }
            Some(Abbr::Month) => {
                return match next.class {
                    Class::Digit => false,
                    Class::Upper => starter(),
                    _ => true,
                };
            }
            Some(Abbr::Time) => {
                if next.class != Class::Upper {
                    return true;
                }
                let mut nb = [0u8; MAX_WORD];
                if lowercase(next.word, &mut nb)
                    .is_some_and(|w| contains(self.rules.time_followers, w))
                {
                    return false;
                }
                return !self.intro_phrase(ws);
            }
            None => {}
        }
        let mut chars = word.chars();
        let first = chars.next().unwrap_or(' ');
        let single = chars.next().is_none();
        if single && first.is_alphabetic() {
            if first.is_lowercase() {
                return false;
            }
            // An initial ("Jonas E. Smith") unless it is the pronoun I after a lowercase word
            // ("you and I. Did").
            let prev = prev_word(self.text, ws, self.start);
            return next.class == Class::Upper
                && prev.chars().next().is_some_and(char::is_lowercase)
                && starter();
        }
        if is_dotted_abbreviation(word) {
            // "U.S.", "E.U.", "J.C.": like an abbreviation that can end a sentence; before a
            // number ("H.R. 1") it goes on.
            return match next.class {
                Class::Upper => starter(),
                Class::Digit => false,
                _ => true,
            };
        }
        if word.as_bytes()[word.len() - 1].is_ascii_digit() {
            // "1. This is a list item": a number opening the sentence is its marker.
            if ws == self.start && word.len() <= 2 && word.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            return !(self.rules.ordinal_dot && self.ordinal(word, ws, next));
        }
        true
    }

    fn is_starter(&self, word: &str) -> bool {
        let mut buf = [0u8; MAX_WORD];
        let Some(lower) = lowercase(word, &mut buf) else {
            return false;
        };
        contains(self.rules.starters, lower)
            || lower
                .split_once(['\'', '’'])
                .is_some_and(|(head, _)| contains(self.rules.starters, head))
    }

    /// "vom 12. Juni", "im 19. Jahrhundert", "der 2. Weltkrieg": a number written as an ordinal.
    fn ordinal(&self, word: &str, ws: usize, next: &Token) -> bool {
        if word.len() > 3 || !word.bytes().all(|c| c.is_ascii_digit()) {
            return false;
        }
        if next.class == Class::Digit {
            // "1. -3. Jahrhundert", "am 1. 2. 2020"
            return true;
        }
        if next.class != Class::Upper {
            return false;
        }
        let mut buf = [0u8; MAX_WORD];
        if let Some(w) = lowercase(next.word, &mut buf)
            && (contains(self.rules.months, w) || contains(self.rules.ordinal_nouns, w))
        {
            return true;
        }
        let prev = prev_word(self.text, ws, self.start);
        let mut pb = [0u8; MAX_WORD];
        lowercase(prev, &mut pb).is_some_and(|p| contains(self.rules.ordinal_before, p))
    }

    /// Whether the sentence so far is only an opening phrase such as "At 5" (before "a.m.").
    fn intro_phrase(&self, word_start: usize) -> bool {
        let before = &self.text[self.start..word_start];
        if before.len() > 24 {
            return false;
        }
        let mut words = before.split_whitespace();
        let Some(first) = words.next() else {
            return false;
        };
        if words.count() > 2 {
            return false;
        }
        let mut buf = [0u8; MAX_WORD];
        lowercase(first, &mut buf).is_some_and(|f| contains(self.rules.intro_words, f))
    }
}

/// "U.S", "e.g", "LL.AA.II.RR", "Ph.D": letters in groups of one to three joined by periods.
fn is_dotted_abbreviation(word: &str) -> bool {
    let mut groups = 0;
    for part in word.split('.') {
        let n = part.chars().count();
        if n == 0 || n > 3 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        groups += 1;
    }
    groups >= 2
}
