//! Sentence text -> the text handed to the speech engine (its "spoken form"), with a map from
//! the spoken text back to the original.
//!
//! The engine (espeak-ng through speech-dispatcher) reads plain digits well but mispronounces
//! much news text: "2:00" as "two zero zero", "$1.5 billion" as "dollar one point five
//! billion", "Gen." as "Gen", "2020-2024" with "dash", "King Charles III" as "roman three",
//! "35 °C" as "degrees C", "5 km" as "K M", "No. 10" as "no ten", "www.site.com" letter by
//! letter. The rules in [`normalize`] rewrite those as a newsreader says them, per language
//! (tables in `lang/`: English, French, Spanish, German); other languages get the
//! language-independent rules (reference markers, emoji, web and e-mail addresses). A user
//! [`Lexicon`] applies first.

pub mod lang;
pub mod lexicon;
mod normalize;
pub mod numbers;

use serde::Serialize;

pub use lexicon::{Lexicon, LexiconError};

/// The spoken form of a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Spoken {
    pub text: String,
    /// Pieces of the spoken text and where they come from: `[spoken_offset, original_offset]`
    /// (bytes), in order. A piece runs to the next entry; a piece identical to its source is a
    /// copy (offsets correspond one to one), otherwise it was rewritten and all of it maps to
    /// the start of its source.
    pub map: Vec<[usize; 2]>,
    /// Per entry of `map`: copied (true) or rewritten (false).
    #[serde(skip)]
    pub copied: Vec<bool>,
    #[serde(skip)]
    pub original_len: usize,
}

impl Spoken {
    /// The offset in the original sentence of the byte at `pos` in the spoken text.
    pub fn original_offset(&self, pos: usize) -> usize {
        let i = self.map.partition_point(|e| e[0] <= pos);
        if i == 0 {
            return 0;
        }
        let [s, o] = self.map[i - 1];
        let o_end = self.map.get(i).map_or(self.original_len, |e| e[1]);
        if self.copied.get(i - 1).copied().unwrap_or(false) {
            // Inside a copy every byte maps to its own, except a wide space that became ' ',
            // which only ever ends a piece.
            (o + (pos - s)).min(o_end.max(o))
        } else {
            o
        }
    }
}

/// What the spoken form depends on besides the sentence and its language.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    pub lexicon: Option<&'a Lexicon>,
    /// Host name of the page, for site-scoped lexicon rules.
    pub site: Option<&'a str>,
}

/// The spoken form of one sentence in language `lang`.
pub fn spoken(sentence: &str, lang: &str) -> String {
    normalize(sentence, lang, &Context::default()).text
}

/// The spoken form of `sentence` with its map back to the original.
pub fn normalize(sentence: &str, lang: &str, ctx: &Context) -> Spoken {
    let fixed = ctx
        .lexicon
        .map(|l| l.matches(sentence, lang, ctx.site))
        .unwrap_or_default();
    normalize::normalize(sentence, lang::tables(lang), &fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_markers_and_emoji() {
        assert_eq!(
            spoken("Troops arrived [3] today 🎉.", "en"),
            "Troops arrived today."
        );
        assert_eq!(spoken("A [note] stays.", "en"), "A [note] stays.");
    }

    #[test]
    fn map_points_back_into_the_original() {
        let t = "Gen. Smith paid $1.5 billion on Jan. 18.";
        let s = normalize(t, "en", &Context::default());
        assert_eq!(
            s.text,
            "General Smith paid 1.5 billion dollars on January 18th."
        );
        let at = |w: &str| s.original_offset(s.text.find(w).unwrap_or(0));
        assert_eq!(&t[at("General")..at("General") + 4], "Gen.");
        assert_eq!(&t[at("Smith")..at("Smith") + 5], "Smith");
        assert_eq!(&t[at("dollars")..at("dollars") + 1], "$");
        assert_eq!(&t[at("January")..at("January") + 4], "Jan.");
        assert_eq!(&t[at(" on")..at(" on") + 3], " on");
        for p in 0..=s.text.len() {
            let o = s.original_offset(p);
            assert!(o <= t.len() && t.is_char_boundary(o));
        }
    }

    #[test]
    fn a_rewrite_as_long_as_its_source_maps_to_its_start() {
        let (lex, _) = Lexicon::parse("éé = abcd\n");
        let ctx = Context {
            lexicon: Some(&lex),
            site: None,
        };
        let s = normalize("éé x", "en", &ctx);
        assert_eq!(s.text, "abcd x");
        assert_eq!(s.original_offset(1), 0);
        assert_eq!(s.original_offset(5), 5);
    }

    #[test]
    fn map_stays_on_boundaries_around_dropped_symbols() {
        for t in [
            "complex.| .ééé x",
            "today 🎉 . ü",
            "a [3] , ö",
            "x | ) é",
            "é\u{a0}| .é",
        ] {
            for lang in ["en", "nl"] {
                let s = normalize(t, lang, &Context::default());
                for (p, _) in s.text.char_indices() {
                    let o = s.original_offset(p);
                    assert!(t.is_char_boundary(o), "{t:?} {lang}: {p} -> {o}");
                }
            }
        }
    }

    #[test]
    fn lexicon_comes_first() {
        let (lex, _) = Lexicon::parse("Gen. = Gen\n[site example.org]\nSmith = Smyth\n");
        let ctx = Context {
            lexicon: Some(&lex),
            site: Some("news.example.org"),
        };
        assert_eq!(
            normalize("Gen. Smith left.", "en", &ctx).text,
            "Gen Smyth left."
        );
        assert_eq!(
            normalize(
                "Gen. Smith left.",
                "en",
                &Context {
                    lexicon: Some(&lex),
                    site: None
                }
            )
            .text,
            "Gen Smith left."
        );
    }
}
