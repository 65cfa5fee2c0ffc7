//! Boilerplate phrases, one table per language: the words of share buttons, "listen to this
//! article" audio buttons, newsletter boxes, teaser labels, captions and credits.
//!
//! Phrases are written normalized: lowercase, words separated by one space, no punctuation
//! (apostrophes too become spaces: "can't" is "can t"). A unit test checks this.

mod de;
mod en;
mod es;
mod fr;
mod it;
mod nl;
mod pt;

/// One language's boilerplate phrases.
pub struct Phrases {
    /// A whole block that says exactly this is boilerplate ("Advertisement", "Listen now").
    pub blocks: &'static [&'static str],
    /// A short block beginning with this is boilerplate ("Sign up for our newsletter ...").
    pub starts: &'static [&'static str],
    /// A label: a block beginning with this followed by ':' (or '|', '»', '›') is boilerplate
    /// ("Related: ...", "Photo: ...").
    pub labels: &'static [&'static str],
    /// A short block containing this anywhere is boilerplate ("... All rights reserved").
    pub contains: &'static [&'static str],
}

const ALL: &[&Phrases] = &[
    &en::PHRASES,
    &fr::PHRASES,
    &de::PHRASES,
    &es::PHRASES,
    &it::PHRASES,
    &pt::PHRASES,
    &nl::PHRASES,
];

/// Blocks longer than this (in words) are never judged by phrases: a paragraph that starts
/// like a button is still a paragraph.
const SHORT_WORDS: usize = 25;

/// Lowercase words joined by single spaces; everything that is not a letter or digit separates.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

fn starts_with_words(hay: &str, prefix: &str) -> bool {
    hay.starts_with(prefix)
        && (hay.len() == prefix.len() || hay.as_bytes().get(prefix.len()) == Some(&b' '))
}

/// True when a block of text is page furniture in one of the known languages.
pub fn is_boilerplate(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words == 0 || words > SHORT_WORDS {
        return false;
    }
    let norm = normalize(text);
    if norm.is_empty() {
        return true;
    }
    // The label form: the text up to the first ':' (or similar), when it is short.
    let label = text
        .find([':', '|', '»', '›'])
        .map(|pos| normalize(&text[..pos]))
        .filter(|l| !l.is_empty());
    ALL.iter().any(|p| {
        p.blocks.contains(&norm.as_str())
            || p.starts.iter().any(|s| starts_with_words(&norm, s))
            || label.as_deref().is_some_and(|l| p.labels.contains(&l))
            || p.contains.iter().any(|c| {
                norm.match_indices(c).any(|(i, _)| {
                    (i == 0 || norm.as_bytes()[i - 1] == b' ')
                        && norm.as_bytes().get(i + c.len()).is_none_or(|&b| b == b' ')
                })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_normalized() {
        for p in ALL {
            for s in p
                .blocks
                .iter()
                .chain(p.starts)
                .chain(p.labels)
                .chain(p.contains)
            {
                assert_eq!(normalize(s), *s, "phrase not normalized: {s:?}");
            }
        }
    }

    #[test]
    fn audio_buttons_in_many_languages() {
        for t in [
            "Can't read it? Listen now!",
            "Can’t read it? Listen now!",
            "Listen to this article",
            "Écouter cet article",
            "Artikel anhören",
            "Escuchar",
            "Escuchar artículo",
            "Ascolta l'articolo",
            "Ouvir notícia",
            "Artikel beluisteren",
        ] {
            assert!(is_boilerplate(t), "{t}");
        }
    }

    #[test]
    fn furniture_but_not_prose() {
        for t in [
            "Advertisement",
            "ADVERTISEMENT",
            "Sign up for our daily newsletter and never miss a story",
            "Related: Ten things to know about the vote",
            "Photo: Jane Doe/Reuters",
            "© 2024 The Daily News. All rights reserved.",
            "Abonnez-vous à notre newsletter",
            "Lesen Sie auch: Die Wahl in Thüringen",
        ] {
            assert!(is_boilerplate(t), "{t}");
        }
        for t in [
            "Related research has shown that the effect is small.",
            "The photo: a man on a bridge, his back to the camera, looking at the river below him as the sun rises over the city and the traffic begins.",
            "Listen, he said, this is not over.",
            "Advertisement spending rose by 4% last year, the report said.",
        ] {
            assert!(!is_boilerplate(t), "{t}");
        }
    }
}
