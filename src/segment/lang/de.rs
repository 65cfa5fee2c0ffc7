//! German.

use super::Abbr::{self, *};
use super::Rules;

pub static RULES: Rules = Rules {
    lang: "de",
    abbreviations: ABBREVIATIONS,
    starters: STARTERS,
    ordinal_dot: true,
    months: MONTHS,
    ordinal_nouns: ORDINAL_NOUNS,
    ordinal_before: ORDINAL_BEFORE,
    time_followers: &[],
    intro_words: &[],
    suffixes: SUFFIXES,
    index: std::sync::OnceLock::new(),
};

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    ("a", Inline), ("abb", Inline), ("abs", Inline), ("ag", End), ("allg", Inline),
    ("amerik", Title), ("anm", Inline), ("apr", Month), ("art", Inline), ("aug", Month),
    ("b", Inline), ("bd", Inline), ("bsp", Inline), ("bspw", Inline), ("bzgl", Inline),
    ("bzw", Inline), ("ca", Inline), ("chr", End), ("co", End), ("d", Inline), ("d.h", Inline),
    ("dez", Month), ("dh", Inline), ("dipl", Title), ("dr", Title), ("dt", Title),
    ("ehem", Inline), ("engl", Title), ("etc", End), ("ev", Title), ("evang", Title),
    ("evtl", Inline), ("exkl", Inline), ("f", Inline), ("feb", Month), ("febr", Month),
    ("ff", End), ("fr", Title), ("franz", Title), ("frl", Title), ("frz", Title), ("geb", Inline),
    ("gem", Inline), ("gen", Title), ("gest", Inline), ("ggf", Inline), ("gmbh", End),
    ("griech", Title), ("h", Inline), ("habil", Title), ("hl", Title), ("hr", Title),
    ("hrn", Title), ("i.d.r", Inline), ("ing", Title), ("inkl", Inline), ("insb", Inline),
    ("int", Title), ("ital", Title), ("jahrh", Inline), ("jan", Month), ("jh", Inline),
    ("jhd", Inline), ("jul", Month), ("jun", Month), ("jur", Title), ("kath", Title), ("kg", End),
    ("kpt", Title), ("lat", Title), ("lt", Inline), ("mag", Title), ("max", Inline),
    ("med", Title), ("min", Inline), ("mind", Inline), ("mio", Inline), ("mrd", Inline),
    ("mär", Month), ("nachm", End), ("nat", Title), ("no", Inline), ("nov", Month),
    ("nr", Inline), ("n°", Inline), ("o", Inline), ("o.ä", Inline), ("oberst", Title),
    ("okt", Month), ("pfr", Title), ("phil", Title), ("prof", Title), ("rer", Title),
    ("s", Inline), ("s.o", Inline), ("s.u", Inline), ("schweiz", Title), ("sek", Inline),
    ("sep", Month), ("sept", Month), ("sog", Inline), ("span", Title), ("spez", Inline),
    ("sr", Title), ("st", Title), ("std", Inline), ("str", End), ("stv", Inline), ("tel", Inline),
    ("tsd", Inline), ("u", Inline), ("u.a", Inline), ("u.s.w", End), ("u.u", Inline),
    ("u.v.m", End), ("u.ä", Inline), ("ua", Inline), ("urspr", Inline), ("usw", End),
    ("v", Inline), ("v.a", Inline), ("verh", Inline), ("vgl", Inline), ("vorm", End),
    ("z", Inline), ("z.b", Inline), ("z.t", Inline), ("z.z", Inline), ("z.zt", Inline),
    ("zb", Inline), ("ziff", Inline), ("zit", Inline), ("zt", Inline), ("zus", Inline),
    ("zzgl", Inline), ("ä", Inline), ("österr", Title),
];

/// Endings of compound abbreviations: "Hauptstr.", "Bahnhofstr.".
const SUFFIXES: &[(&str, Abbr)] = &[("str", End)];

#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "aber", "alle", "als", "am", "an", "auch", "auf", "aus", "außerdem", "bei", "bis", "da",
    "dabei", "daher", "damit", "danach", "dann", "darum", "das", "dass", "dem", "den", "denn",
    "der", "des", "deshalb", "die", "dies", "diese", "dieser", "dieses", "doch", "dort", "du",
    "durch", "ein", "eine", "einen", "einer", "er", "es", "für", "gestern", "heute", "hier",
    "ich", "ihr", "ihre", "im", "in", "ja", "jetzt", "kein", "keine", "man", "mehr", "mit",
    "morgen", "nach", "nein", "nicht", "noch", "nun", "ob", "oder", "schließlich", "sein",
    "seine", "seit", "sie", "so", "später", "trotzdem", "um", "und", "unser", "viele", "von",
    "vor", "was", "weil", "wenn", "wer", "wie", "wir", "wo", "zudem", "zum", "zunächst", "zur",
    "zuvor",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "apr", "april", "aug", "august", "dez", "dezember", "feb", "feber", "febr", "februar", "jan",
    "januar", "jul", "juli", "jun", "juni", "jänner", "mai", "mär", "märz", "nov", "november",
    "okt", "oktober", "sep", "sept", "september",
];

#[rustfmt::skip]
const ORDINAL_NOUNS: &[&str] = &[
    "amendment", "armee", "auflage", "ausgabe", "bundesliga", "division", "etage", "geburtstag",
    "grad", "grades", "halbjahr", "jahr", "jahrestag", "jahrhundert", "jahrhunderts",
    "jahrtausend", "kapitel", "klasse", "legislaturperiode", "liga", "mal", "minute", "monat",
    "platz", "preis", "quartal", "rang", "reich", "runde", "sinfonie", "spieltag", "stelle",
    "stock", "symphonie", "tag", "todestag", "weltkrieg", "weltkriegs", "woche",
];

#[rustfmt::skip]
const ORDINAL_BEFORE: &[&str] = &[
    "ab", "am", "beim", "bis", "das", "dem", "den", "der", "des", "die", "ein", "eine", "einem",
    "einen", "einer", "fürs", "ihrem", "ihren", "ihrer", "im", "ins", "jede", "jedem", "jeden",
    "jeder", "nach", "seinem", "seinen", "seiner", "seit", "ums", "unserem", "vom", "vor", "vorm",
    "zum", "zur", "zwischen", "übers",
];
