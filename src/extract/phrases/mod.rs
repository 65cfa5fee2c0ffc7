//! Boilerplate phrases, one table per language: the words of share buttons, "listen to this
//! article" audio buttons, newsletter boxes, teaser labels, captions and credits.
//!
//! Phrases are written normalized: lowercase, words separated by one space, no punctuation
//! (apostrophes too become spaces: "can't" is "can t"). A unit test checks this.

use std::collections::HashSet;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

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

/// Every language's phrases, indexed once.
struct Index {
    blocks: HashSet<&'static str>,
    starts: HashSet<&'static str>,
    labels: HashSet<&'static str>,
    contains: Option<AhoCorasick>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| Index {
    blocks: ALL.iter().flat_map(|p| p.blocks.iter().copied()).collect(),
    starts: ALL.iter().flat_map(|p| p.starts.iter().copied()).collect(),
    labels: ALL.iter().flat_map(|p| p.labels.iter().copied()).collect(),
    // Building from fixed literals cannot fail; should it, the `contains` rule is not applied.
    contains: AhoCorasick::new(ALL.iter().flat_map(|p| p.contains.iter())).ok(),
});

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
    let index = &*INDEX;
    if index.blocks.contains(norm.as_str()) {
        return true;
    }
    // Every prefix of whole words.
    let prefixes = norm
        .match_indices(' ')
        .map(|(i, _)| &norm[..i])
        .chain(std::iter::once(norm.as_str()));
    if prefixes.into_iter().any(|p| index.starts.contains(p)) {
        return true;
    }
    // The label form: the text up to the first ':' (or similar).
    if let Some(pos) = text.find([':', '|', '»', '›']) {
        let label = normalize(&text[..pos]);
        if index.labels.contains(label.as_str()) {
            return true;
        }
    }
    let bytes = norm.as_bytes();
    index.contains.as_ref().is_some_and(|ac| {
        ac.find_overlapping_iter(&norm).any(|m| {
            (m.start() == 0 || bytes[m.start() - 1] == b' ')
                && bytes.get(m.end()).is_none_or(|&b| b == b' ')
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
