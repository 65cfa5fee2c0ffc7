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
mod id;
mod it;
mod nl;
mod pt;
mod ru;

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
    /// Words that start an invitation to follow the site elsewhere ("Follow Newsbeat on
    /// Instagram"): boilerplate when the block names a network (see `NETWORKS`).
    pub follows: &'static [&'static str],
    /// Words that introduce a byline ("By Jane Doe", "Par Jean Dupont").
    pub bylines: &'static [&'static str],
    /// Months and weekdays, full and abbreviated.
    pub calendar: &'static [&'static str],
    /// The other words a dateline is made of, besides numbers and calendar words: "published",
    /// "updated", "min read"... A block of only these is a dateline or a reading time.
    pub dates: &'static [&'static str],
    /// Of those, the words that make a block a dateline even without a month or a date
    /// ("Updated 5 hours ago", "4 min read").
    pub date_markers: &'static [&'static str],
}

const ALL: &[&Phrases] = &[
    &en::PHRASES,
    &fr::PHRASES,
    &de::PHRASES,
    &es::PHRASES,
    &it::PHRASES,
    &pt::PHRASES,
    &nl::PHRASES,
    &id::PHRASES,
    &ru::PHRASES,
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

/// Social networks and channels a site asks its readers to follow it on.
const NETWORKS: &[&str] = &[
    "facebook",
    "twitter",
    "instagram",
    "youtube",
    "tiktok",
    "linkedin",
    "whatsapp",
    "telegram",
    "snapchat",
    "pinterest",
    "threads",
    "bluesky",
    "mastodon",
    "newsletter",
    "podcast",
    "rss",
];

/// Every language's phrases, indexed once.
struct Index {
    follows: HashSet<&'static str>,
    bylines: HashSet<&'static str>,
    dates: HashSet<&'static str>,
    date_markers: HashSet<&'static str>,
    months: HashSet<&'static str>,
    blocks: HashSet<&'static str>,
    starts: HashSet<&'static str>,
    labels: HashSet<&'static str>,
    contains: Option<AhoCorasick>,
}

static INDEX: LazyLock<Index> = LazyLock::new(|| Index {
    follows: ALL.iter().flat_map(|p| p.follows.iter().copied()).collect(),
    bylines: ALL.iter().flat_map(|p| p.bylines.iter().copied()).collect(),
    dates: ALL.iter().flat_map(|p| p.dates.iter().copied()).collect(),
    date_markers: ALL
        .iter()
        .flat_map(|p| p.date_markers.iter().copied())
        .collect(),
    months: ALL
        .iter()
        .flat_map(|p| p.calendar.iter().copied())
        .collect(),
    blocks: ALL.iter().flat_map(|p| p.blocks.iter().copied()).collect(),
    starts: ALL.iter().flat_map(|p| p.starts.iter().copied()).collect(),
    labels: ALL.iter().flat_map(|p| p.labels.iter().copied()).collect(),
    // Building from fixed literals cannot fail; should it, the `contains` rule is not applied.
    contains: AhoCorasick::new(ALL.iter().flat_map(|p| p.contains.iter())).ok(),
});

/// True when a block of text is page furniture in one of the known languages.
pub fn is_boilerplate(text: &str) -> bool {
    let words = text.split_whitespace().take(SHORT_WORDS + 1).count();
    if words == 0 || words > SHORT_WORDS {
        return false;
    }
    if text.starts_with('©') {
        return true;
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
    if prefixes.clone().any(|p| index.starts.contains(p)) {
        return true;
    }
    // "Follow <us|name> on <network>": the network within a few words of the verb.
    if let Some(verb) = prefixes.take(3).find(|p| index.follows.contains(p)) {
        let skip = verb.split(' ').count();
        if norm
            .split(' ')
            .skip(skip)
            .take(5)
            .any(|w| NETWORKS.contains(&w))
        {
            return true;
        }
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

/// A byline on its own: "By Jane Doe", "Par Jean Dupont · 12 mars" (a short block that starts
/// with a byline word followed by a capitalized name, and is not a sentence).
pub fn is_byline(text: &str) -> bool {
    let words = text.split_whitespace().take(13).count();
    if !(2..=12).contains(&words) || text.trim_end().ends_with(['.', '!', '?', ':']) {
        return false;
    }
    let norm = normalize(text);
    let index = &*INDEX;
    norm.match_indices(' ').any(|(i, _)| {
        if !index.bylines.contains(&norm[..i]) {
            return false;
        }
        // The word after the byline word, in the original text, starts with a capital.
        let n_words = norm[..i].split(' ').count();
        text.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .nth(n_words)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    })
}

/// "18/11/2019", "2019-11-18", "05.10.2018", "11/18/19" (optionally followed by punctuation).
fn is_numeric_date(word: &str) -> bool {
    let w = word.trim_end_matches([',', ';', '|']);
    let Some(sep) = w.chars().find(|c| matches!(c, '/' | '.' | '-')) else {
        return false;
    };
    let parts: Vec<&str> = w.trim_end_matches('.').split(sep).collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
        && parts.iter().any(|p| p.len() >= 2)
}

/// A dateline or reading time on its own: "Published 12 March 2024, 10:04 GMT", "4 min read",
/// "Mis à jour le 3 juin". Only numbers and date words, with a month, a weekday, a marker word
/// or a numeric date among them.
pub fn is_dateline(text: &str) -> bool {
    let words = text.split_whitespace().take(17).count();
    if words == 0 || words > 16 {
        return false;
    }
    let norm = normalize(text);
    let index = &*INDEX;
    let mut anchored = text.split_whitespace().any(is_numeric_date);
    let mut any = false;
    let mut month = false;
    for w in norm.split(' ') {
        any = true;
        if w.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        // "10h30", "5pm", "3min"
        let alpha: String = w.chars().filter(|c| !c.is_ascii_digit()).collect();
        if index.months.contains(alpha.as_str()) {
            month = true;
        } else if index.date_markers.contains(alpha.as_str()) {
            anchored = true;
        } else if !index.dates.contains(alpha.as_str()) {
            return false;
        }
    }
    // A month or weekday makes a date only with a number ("May" alone is a word).
    if month && text.chars().any(|c| c.is_ascii_digit()) {
        anchored = true;
    }
    // "Mis à jour" is a marker of several words.
    if !anchored {
        anchored = index
            .date_markers
            .iter()
            .any(|m| m.contains(' ') && norm.contains(m));
    }
    any && anchored
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
                .chain(p.bylines)
                .chain(p.follows)
                .chain(p.calendar)
                .chain(p.dates)
                .chain(p.date_markers)
            {
                assert_eq!(normalize(s), *s, "phrase not normalized: {s:?}");
            }
        }
    }

    #[test]
    fn date_markers_are_date_words() {
        for p in ALL {
            assert!(p.calendar.len() >= 19);
            for m in p.date_markers {
                assert!(
                    m.split(' ').all(|w| p.dates.contains(&w)),
                    "marker {m:?} not made of date words"
                );
            }
        }
    }

    #[test]
    fn bylines_and_datelines() {
        for t in [
            "By Justine Coleman",
            "By Justine Coleman - 11/18/19 11:04 PM EST",
            "Par Hélène Lacroix",
            "Von Anna Schmidt",
            "Publicado por Clarissa Borba",
        ] {
            assert!(is_byline(t), "{t}");
        }
        for t in [
            "By the end of the day, the river had risen by two metres.",
            "By then it was too late",
            "Passers-by stopped",
        ] {
            assert!(!is_byline(t), "{t}");
        }
        for t in [
            "November 18, 2019",
            "Published 12 March 2024, 10:04 GMT",
            "Updated: 5 hours ago",
            "4 min read",
            "11/18/19 11:04 PM EST",
            "Publié le 7 juillet 2025 à 6 h 15",
            "Mis à jour le 3 juin",
            "Veröffentlicht am 3. März 2024, 10:15 Uhr",
            "05.10.2018",
        ] {
            assert!(is_dateline(t), "{t}");
        }
        for t in [
            "2019",
            "12 345",
            "-5.44%",
            "1.2.3",
            "On Monday the council met to discuss the budget.",
            "May",
            "The March on Washington",
        ] {
            assert!(!is_dateline(t), "{t}");
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
            "Follow Newsbeat on Instagram, Facebook, Twitter and YouTube.",
            "Have a tip? Amy Smith may be reached at asmith@example.com.",
            "Suivez-nous sur Facebook",
            "© 2025",
        ] {
            assert!(is_boilerplate(t), "{t}");
        }
        for t in [
            "Related research has shown that the effect is small.",
            "The photo: a man on a bridge, his back to the camera, looking at the river below him as the sun rises over the city and the traffic begins.",
            "Listen, he said, this is not over.",
            "Advertisement spending rose by 4% last year, the report said.",
            "Follow the money, the senator said on Facebook.",
        ] {
            assert!(!is_boilerplate(t), "{t}");
        }
    }
}
