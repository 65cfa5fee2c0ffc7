//! Block text -> sentences, as byte ranges into the text (the player highlights and resumes by
//! them, so the text itself is never rewritten here).
//!
//! First version: a boundary is a run of `.`, `!`, `?` or `…` (with closing quotes and brackets)
//! followed by white space and a plausible sentence start; a period after a known abbreviation,
//! an initial or a number is not a boundary unless what follows looks like a new sentence.

use std::ops::Range;

/// Splits `text` into sentences. Ranges are trimmed of surrounding white space, never empty, in
/// order, and always fall on UTF-8 character boundaries.
pub fn sentences(text: &str, lang: &str) -> Vec<Range<usize>> {
    let _ = lang;
    let mut out = Vec::new();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        let c = match text[i..].chars().next() {
            Some(c) => c,
            None => break,
        };
        if matches!(c, '.' | '!' | '?' | '…') {
            // Extend over the terminator run and closing punctuation.
            let mut end = i + c.len_utf8();
            while let Some(n) = text[end..].chars().next() {
                if matches!(
                    n,
                    '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']' | '»'
                ) {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            let followed_by_space = text[end..].chars().next().is_none_or(char::is_whitespace);
            if followed_by_space && is_boundary(text, start, i, c, end) {
                push_trimmed(text, start..end, &mut out);
                start = end;
            }
            i = end;
            continue;
        }
        i += c.len_utf8();
    }
    let _ = bytes;
    push_trimmed(text, start..text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Words after which a period rarely ends a sentence (lowercase, without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "sen", "rep", "gov", "lt", "col",
    "capt", "cpt", "maj", "sgt", "cmdr", "adm", "pres", "rev", "hon", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "v", "etc", "e.g",
    "i.e", "approx", "fig", "p", "pp", "vol", "inc", "corp", "ltd", "co", "mt", "ft", "ave",
    "blvd", "dept", "univ", "est", "a.m", "p.m", "u.s", "u.k", "u.n", "u.s.a", "cf", "al", "ca",
    "ph.d",
];

/// Capitalised words that usually start a sentence, used to tell "in the U.S. The next..." (a
/// boundary) from "U.S. Army" (none).
const SENTENCE_STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "these",
    "those",
    "but",
    "and",
    "however",
    "in",
    "on",
    "at",
    "there",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "as",
    "if",
    "when",
    "while",
    "after",
    "before",
    "then",
    "so",
    "yet",
    "officials",
];

fn is_boundary(text: &str, start: usize, term: usize, c: char, end: usize) -> bool {
    if c != '.' || end > term + 1 {
        return true_unless_lowercase_follows(text, end, c);
    }
    let word = last_word(&text[start..term]);
    let lower = word.to_lowercase();
    let next = next_word(&text[end..]);
    let next_lower_start = next.chars().next().is_some_and(|c| c.is_lowercase());
    if next.is_empty() {
        return true;
    }
    if next_lower_start {
        return false;
    }
    // A number followed by a period and a capital: "in 2024. The" is a boundary.
    let is_abbrev = ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
        || (word.contains('.') && word.chars().filter(|c| c.is_alphabetic()).count() <= 4);
    if !is_abbrev {
        return true;
    }
    // "U.S. The", "a.m. He": an abbreviation that can end a sentence, then a sentence starter.
    let can_end = matches!(
        lower.as_str(),
        "u.s" | "u.k" | "u.n" | "a.m" | "p.m" | "etc" | "u.s.a" | "inc" | "ltd" | "co" | "corp"
    );
    can_end
        && SENTENCE_STARTERS.contains(
            &next
                .to_lowercase()
                .trim_matches(|c: char| !c.is_alphanumeric()),
        )
}

fn true_unless_lowercase_follows(text: &str, end: usize, c: char) -> bool {
    let next = next_word(&text[end..]);
    // "Yahoo! is" and "... and then" continue the sentence.
    !(matches!(c, '!' | '…' | '.') && next.chars().next().is_some_and(|c| c.is_lowercase()))
}

fn last_word(s: &str) -> &str {
    let s = s.trim_end();
    let begin = s
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '«'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    &s[begin..]
}

fn next_word(s: &str) -> &str {
    let s = s.trim_start();
    let s = s.trim_start_matches(['"', '“', '‘', '\'', '(', '[', '«', '¿', '¡']);
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(t: &str) -> Vec<&str> {
        sentences(t, "en").into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn news_cases() {
        assert_eq!(
            split("Troops left at 2:00 a.m. local time. They landed later."),
            vec!["Troops left at 2:00 a.m. local time.", "They landed later."]
        );
        assert_eq!(
            split("The U.S. Army said so. It moved to the U.S. The rest stayed."),
            vec![
                "The U.S. Army said so.",
                "It moved to the U.S.",
                "The rest stayed."
            ]
        );
        assert_eq!(
            split("Gen. Smith met Sen. Jones on Jan. 18."),
            vec!["Gen. Smith met Sen. Jones on Jan. 18."]
        );
        assert_eq!(split("Is it? Yes! Done."), vec!["Is it?", "Yes!", "Done."]);
        assert_eq!(
            split("He said \"Go.\" Then left."),
            vec!["He said \"Go.\"", "Then left."]
        );
    }

    #[test]
    fn ranges_are_trimmed_and_valid() {
        let t = "  Héllo wörld.   Ça va?  ";
        for r in sentences(t, "fr") {
            assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
            assert_eq!(t[r.clone()].trim(), &t[r]);
        }
        assert!(sentences("   ", "en").is_empty());
    }
}
