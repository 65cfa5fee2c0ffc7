//! Block text -> sentences, as byte ranges into the text (the player highlights and resumes by
//! them, so the text itself is never rewritten here).
//!
//! Languages with their own rules (en, fr, es, de, it, pt, nl, da; tables in `lang/`) go
//! through a byte scanner ([`scan`]) that decides at each `.`, `!`, `?` and `…` from the word
//! before and the word after: abbreviations by kind (titles, abbreviations that can end a
//! sentence, inline ones, months, clock times), initials, dotted abbreviations such as "U.S.",
//! numbers and ordinals ("am 3. Oktober"), ellipses, quotation marks of each convention, inline
//! lists and line breaks. Other languages use the Unicode sentence rules plus a generic abbreviation table
//! ([`fallback`]). Full-width terminators (。！？) end sentences in every language.
//!
//! [`utterances`] additionally splits very long sentences at clause boundaries for speech.

mod fallback;
pub mod lang;
mod lists;
mod long;
mod scan;
pub(crate) mod text;

use std::ops::Range;

/// Sentences longer than this many characters are split at clause boundaries for speech.
pub const MAX_UTTERANCE_CHARS: usize = 400;

/// Splits `text` into sentences. Ranges are trimmed of surrounding white space, never empty, in
/// order, non-overlapping, and always fall on UTF-8 character boundaries.
pub fn sentences(text: &str, lang: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    sentences_into(text, lang, &mut out);
    out
}

/// Like [`sentences`], appending to `out` (lets callers reuse one buffer).
pub fn sentences_into(text: &str, lang: &str, out: &mut Vec<Range<usize>>) {
    match lang::rules(lang) {
        Some(rules) => scan::split(text, rules, out),
        None => fallback::split(text, lang, out),
    }
}

/// The sentences of `text` as they are spoken: like [`sentences`], with sentences longer than
/// [`MAX_UTTERANCE_CHARS`] split at clause boundaries (semicolons, colons, dashes, commas).
pub fn utterances(text: &str, lang: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for r in sentences(text, lang) {
        long::split(text, r, MAX_UTTERANCE_CHARS, &mut out);
    }
    out
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

    #[test]
    fn long_sentences_split_at_clauses_for_speech() {
        let clause = "the committee heard from witnesses who had travelled a long way to speak";
        let t = format!("{clause}; {clause}, but {clause}; {clause}, and {clause}; {clause}.");
        assert!(t.chars().count() > MAX_UTTERANCE_CHARS);
        assert_eq!(sentences(&t, "en").len(), 1);
        let u = utterances(&t, "en");
        assert!(u.len() >= 2, "{u:?}");
        for r in &u {
            assert!(t[r.clone()].chars().count() <= MAX_UTTERANCE_CHARS);
        }
        // Every piece ends at a clause mark, and together they cover the sentence.
        for r in &u[..u.len() - 1] {
            assert!(t[r.clone()].ends_with([';', ',']), "{:?}", &t[r.clone()]);
        }
        assert_eq!(u[0].start, 0);
        assert_eq!(u.last().map(|r| r.end), Some(t.len()));
    }
}
