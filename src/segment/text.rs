//! Small text helpers shared by the scanners: character classes and cheap look-arounds.

use std::ops::Range;

/// Characters that end a sentence.
pub fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' | '．' | '｡'
    )
}

/// Closing quotes and brackets that belong to the sentence they follow.
pub fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '”'
            | '’'
            | '“'
            | '‘'
            | '»'
            | '«'
            | '›'
            | '‹'
            | ')'
            | ']'
            | '}'
            | '」'
            | '』'
            | '）'
            | '〉'
            | '》'
            | '】'
    )
}

/// Opening quotes and brackets, skipped when looking at the next word.
pub fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '»'
            | '‹'
            | '›'
            | '('
            | '['
            | '{'
            | '¿'
            | '¡'
            | '「'
            | '『'
            | '（'
            | '`'
            | '*'
    )
}

/// List bullets: a bullet after white space starts a new item.
pub fn is_bullet(c: char) -> bool {
    matches!(c, '•' | '‣' | '⁃' | '◦' | '▪' | '▸')
}

/// The trimmed, non-empty part of `start..end`.
pub fn trim(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let s = &text[start..end];
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let t = t.trim_end();
    (!t.is_empty()).then(|| start + lead..start + lead + t.len())
}

pub fn prev_char(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

pub fn prev_is_space(text_bytes: &[u8], i: usize) -> bool {
    i > 0 && {
        let b = text_bytes[i - 1];
        matches!(b, b' ' | b'\t' | b'\n' | b'\r')
            || (b == 0xA0 && i >= 2 && text_bytes[i - 2] == 0xC2)
    }
}

pub fn skip_space(text: &str, mut i: usize) -> usize {
    for c in text[i..].chars() {
        if !c.is_whitespace() {
            break;
        }
        i += c.len_utf8();
    }
    i
}

pub fn is_digit_before(text: &str, i: usize) -> bool {
    prev_char(text, i).is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

pub fn is_digit_after(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Lower,
    Upper,
    Digit,
    /// A dash then a lowercase word: "? — деді", "! - deп".
    DashLower,
    Other,
    End,
}

/// The token that follows a terminator.
#[derive(Debug)]
pub struct Token<'a> {
    pub class: Class,
    /// Its first word (letters, digits and apostrophes), openers skipped.
    pub word: &'a str,
}

/// The token starting at `k` (not white space), opening quotes and brackets skipped.
pub fn next_token(text: &str, k: usize) -> Token<'_> {
    let mut m = k;
    let mut chars = text[k..].chars();
    let mut first = None;
    for c in chars.by_ref() {
        if is_opener(c) {
            m += c.len_utf8();
        } else {
            first = Some(c);
            break;
        }
    }
    let Some(c) = first else {
        return Token {
            class: Class::End,
            word: "",
        };
    };
    let class = if c.is_lowercase() {
        Class::Lower
    } else if c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()) {
        Class::Upper
    } else if c.is_numeric() {
        Class::Digit
    } else if matches!(c, '—' | '–' | '-') {
        let after = skip_space(text, m + c.len_utf8());
        if text[after..].chars().next().is_some_and(char::is_lowercase) {
            Class::DashLower
        } else {
            Class::Other
        }
    } else {
        Class::Other
    };
    let rest = &text[m..];
    let end = rest
        .char_indices()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map_or(rest.len(), |(i, _)| i);
    Token {
        class,
        word: &rest[..end],
    }
}

/// Start of the word that ends at `i` (a period follows it): back to white space or an opening
/// bracket or quote, not before `floor`. A word longer than `max` bytes is returned as
/// starting at `i` (an empty word: an ordinary word, a URL).
pub fn word_start(text: &str, i: usize, floor: usize, max: usize) -> usize {
    let mut ws = i;
    for (p, c) in text[floor..i].char_indices().rev() {
        if c.is_whitespace() || matches!(c, '(' | '[' | '{' | '"' | '“' | '„' | '«' | '¿' | '¡')
        {
            break;
        }
        ws = floor + p;
        if i - ws > max {
            return i;
        }
    }
    ws
}

/// The word before the one starting at `ws`, or "": at most its last 64 characters.
pub fn prev_word(text: &str, ws: usize, floor: usize) -> &str {
    let head = text[floor..ws].trim_end();
    let begin = head
        .char_indices()
        .rev()
        .take(64)
        .find(|(_, c)| c.is_whitespace())
        .map_or_else(
            || head.char_indices().rev().nth(63).map_or(0, |(p, _)| p),
            |(p, c)| p + c.len_utf8(),
        );
    let w = &head[begin..];
    w.trim_start_matches(is_opener)
}

/// A lowercase copy of `word` in `buf`; None when it does not fit.
pub fn lowercase<'b>(word: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let mut n = 0;
    for c in word.chars() {
        if c.is_ascii() {
            *buf.get_mut(n)? = (c as u8).to_ascii_lowercase();
            n += 1;
        } else {
            for l in c.to_lowercase() {
                let need = l.len_utf8();
                let dst = buf.get_mut(n..n + need)?;
                l.encode_utf8(dst);
                n += need;
            }
        }
    }
    std::str::from_utf8(&buf[..n]).ok()
}

#[cfg(test)]
mod tests {
    use super::prev_word;

    #[test]
    fn previous_word_is_bounded() {
        assert_eq!(prev_word("see Dr. Smith", 8, 0), "Dr.");
        assert_eq!(prev_word("Dr. Smith", 4, 0), "Dr.");
        assert_eq!(prev_word("Smith", 0, 0), "");
        // No space in reach: the last 64 characters, not the whole text before.
        let long = format!("{} Smith", "é".repeat(100));
        let ws = long.len() - "Smith".len();
        assert_eq!(prev_word(&long, ws, 0), "é".repeat(64));
    }
}
