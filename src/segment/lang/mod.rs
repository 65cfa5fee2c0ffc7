//! Per-language segmentation tables, one file per language. A language without its own file
//! segments by the Unicode sentence rules plus the generic table (see `super::fallback`).
//!
//! Every list is lowercase and sorted (a unit test checks), so that look-ups are binary searches
//! with no allocation; abbreviations, looked up at every period, also get a hash index
//! ([`Rules::abbreviation`]).

mod da;
mod de;
mod en;
mod es;
mod fr;
pub(crate) mod generic;
mod it;
mod nl;
mod pt;

use crate::hash::FnvBuild;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a word followed by a period is, and so when that period ends a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Abbr {
    /// Stands before a name or a noun ("Mr.", "Gen.", "Dr.", "Sig."): never ends a sentence
    /// before a capital.
    Title,
    /// Can end a sentence ("Inc.", "etc.", "Co.", "Calif."): ends one only when a word that
    /// usually starts sentences follows.
    End,
    /// Used inside sentences before a number or a word ("p.", "No.", "vs.", "e.g.", "z."): never
    /// ends a sentence.
    Inline,
    /// A clock time ("a.m.", "p.m."): ends a sentence unless a time word follows ("p.m. EST") or
    /// the sentence so far is only an opening phrase ("At 5 a.m. Mr. Smith went").
    Time,
    /// A month ("Jan."): never ends a sentence before a number, else like `End`.
    Month,
}

/// The segmentation rules of one language.
#[derive(Debug)]
pub struct Rules {
    pub lang: &'static str,
    /// Abbreviations without their final period, lowercase, sorted by key.
    pub abbreviations: &'static [(&'static str, Abbr)],
    /// Words that usually start a sentence (lowercase, sorted): after an abbreviation that can
    /// end a sentence, one of these means it did.
    pub starters: &'static [&'static str],
    /// Languages that write ordinals with a period ("am 3. Oktober"): then a number, a period
    /// and a capital is no boundary when a month or an ordinal noun follows or an article or
    /// preposition precedes.
    pub ordinal_dot: bool,
    /// Full month names (lowercase, sorted), for ordinal dates.
    pub months: &'static [&'static str],
    /// Nouns that follow ordinals ("19. Jahrhundert", "zum 3. Mal"), lowercase, sorted.
    pub ordinal_nouns: &'static [&'static str],
    /// Words before an ordinal ("am", "vom", "der"), lowercase, sorted.
    pub ordinal_before: &'static [&'static str],
    /// Words after "a.m."/"p.m." that continue the sentence (days, time zones), lowercase, sorted.
    pub time_followers: &'static [&'static str],
    /// Prepositions that open a sentence with a time ("At 5 a.m. ..."), lowercase, sorted.
    pub intro_words: &'static [&'static str],
    /// Endings that make a word an abbreviation ("Hauptstr." in German), lowercase.
    pub suffixes: &'static [(&'static str, Abbr)],
    /// A hash index of `abbreviations`, built on first use (looked up at every period).
    pub index: OnceLock<AbbrIndex>,
}

/// Abbreviations by their bytes, with a cheap length filter in front.
#[derive(Debug)]
pub struct AbbrIndex {
    map: HashMap<&'static [u8], Abbr, FnvBuild>,
    max_len: usize,
}

impl Rules {
    /// The rules of a language that needs only abbreviations and sentence starters. (The
    /// languages with more spell all fields out: a static cannot take the rest from a value
    /// that holds a `OnceLock`.)
    pub const fn new(
        lang: &'static str,
        abbreviations: &'static [(&'static str, Abbr)],
        starters: &'static [&'static str],
    ) -> Rules {
        Rules {
            lang,
            abbreviations,
            starters,
            ordinal_dot: false,
            months: &[],
            ordinal_nouns: &[],
            ordinal_before: &[],
            time_followers: &[],
            intro_words: &[],
            suffixes: &[],
            index: OnceLock::new(),
        }
    }

    pub fn abbreviation(&self, lower: &str) -> Option<Abbr> {
        let index = self.index.get_or_init(|| AbbrIndex {
            map: self
                .abbreviations
                .iter()
                .map(|(k, v)| (k.as_bytes(), *v))
                .collect(),
            max_len: self
                .abbreviations
                .iter()
                .map(|(k, _)| k.len())
                .max()
                .unwrap_or(0),
        });
        if lower.len() <= index.max_len
            && let Some(k) = index.map.get(lower.as_bytes())
        {
            return Some(*k);
        }
        self.suffixes
            .iter()
            .find(|(s, _)| lower.len() > s.len() + 2 && lower.ends_with(s))
            .map(|(_, k)| *k)
    }
}

/// Whether `word` (lowercase) is in the sorted `list`.
pub fn contains(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

/// The rules of a language with its own table ("en", "fr", ...), by primary subtag.
pub fn rules(lang: &str) -> Option<&'static Rules> {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    let mut buf = [0u8; 3];
    if primary.len() > buf.len() {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(primary.bytes()) {
        *d = s.to_ascii_lowercase();
    }
    match &buf[..primary.len()] {
        b"en" => Some(&en::RULES),
        b"fr" => Some(&fr::RULES),
        b"es" => Some(&es::RULES),
        b"de" => Some(&de::RULES),
        b"it" => Some(&it::RULES),
        b"pt" => Some(&pt::RULES),
        b"nl" => Some(&nl::RULES),
        b"da" => Some(&da::RULES),
        _ => None,
    }
}

/// Every table, for tests.
#[cfg(test)]
pub fn all() -> [&'static Rules; 9] {
    [
        &da::RULES,
        &en::RULES,
        &fr::RULES,
        &es::RULES,
        &de::RULES,
        &it::RULES,
        &pt::RULES,
        &nl::RULES,
        &generic::RULES,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_sorted(name: &str, list: &[&str]) {
        for w in list.windows(2) {
            assert!(w[0] < w[1], "{name}: {:?} must come after {:?}", w[0], w[1]);
        }
        for w in list {
            assert_eq!(w.to_lowercase(), *w, "{name}: {w:?} must be lowercase");
        }
    }

    #[test]
    fn tables_are_sorted_lowercase_and_unique() {
        for r in all() {
            let keys: Vec<&str> = r.abbreviations.iter().map(|(k, _)| *k).collect();
            check_sorted(&format!("{} abbreviations", r.lang), &keys);
            check_sorted(&format!("{} starters", r.lang), r.starters);
            check_sorted(&format!("{} months", r.lang), r.months);
            check_sorted(&format!("{} ordinal_nouns", r.lang), r.ordinal_nouns);
            check_sorted(&format!("{} ordinal_before", r.lang), r.ordinal_before);
            check_sorted(&format!("{} time_followers", r.lang), r.time_followers);
            check_sorted(&format!("{} intro_words", r.lang), r.intro_words);
        }
    }

    #[test]
    fn rules_by_tag() {
        assert_eq!(rules("en-US").map(|r| r.lang), Some("en"));
        assert_eq!(rules("DE").map(|r| r.lang), Some("de"));
        assert!(rules("ru").is_none());
        assert_eq!(rules("da").map(|r| r.lang), Some("da"));
        assert!(rules("english").is_none());
    }
}
