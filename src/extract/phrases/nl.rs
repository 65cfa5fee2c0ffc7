//! Dutch boilerplate phrases.

use super::Phrases;

pub const PHRASES: Phrases = Phrases {
    blocks: &[
        "advertentie",
        "delen",
        "deel dit artikel",
        "printen",
        "reacties",
        "luister",
        "artikel beluisteren",
        "beluister dit artikel",
        "lees meer",
        "lees ook",
        "gerelateerde artikelen",
        "meest gelezen",
        "abonneren",
        "nieuwsbrief",
        "volg ons",
        "sluiten",
        "accepteren",
    ],
    starts: &[
        "beluister dit artikel",
        "schrijf je in",
        "volg ons op",
        "deze website gebruikt cookies",
        "wij gebruiken cookies",
        "alle rechten voorbehouden",
    ],
    labels: &[
        "lees ook",
        "lees meer",
        "foto",
        "beeld",
        "video",
        "advertentie",
    ],
    contains: &["alle rechten voorbehouden"],
};
