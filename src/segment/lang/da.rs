//! Danish.

use super::Abbr::{self, *};
use super::Rules;

pub static RULES: Rules = Rules {
    lang: "da",
    abbreviations: ABBREVIATIONS,
    starters: STARTERS,
    ordinal_dot: true,
    months: MONTHS,
    ordinal_nouns: &[],
    ordinal_before: ORDINAL_BEFORE,
    time_followers: &[],
    intro_words: &[],
    suffixes: &[],
    index: std::sync::OnceLock::new(),
};

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    ("a.m", Time), ("a/s", End), ("ang", Inline), ("apr", Month), ("aps", End), ("aug", Month),
    ("bl.a", Inline), ("ca", Inline), ("co", End), ("d.v.s", Inline), ("dec", Month),
    ("dr", Title), ("dvs", Inline), ("e.g", Inline), ("ekskl", Inline), ("etc", End),
    ("evt", Inline), ("f.eks", Inline), ("feb", Month), ("fr", Title), ("frk", Title),
    ("fx", Inline), ("hr", Title), ("i.e", Inline), ("iflg", Inline), ("ifølge", Inline),
    ("inc", End), ("inkl", Inline), ("jan", Month), ("jf", Inline), ("jr", End), ("jul", Month),
    ("jun", Month), ("jvf", Inline), ("kl", Inline), ("ltd", End), ("m.h.t", Inline),
    ("m.m", End), ("m.v", End), ("mar", Month), ("mht", Inline), ("mia", Inline), ("mio", Inline),
    ("mr", Title), ("mrd", Inline), ("mrs", Title), ("ms", Title), ("mv", End), ("no", Inline),
    ("nov", Month), ("nr", Inline), ("n°", Inline), ("okt", Month), ("osv", End), ("p", Inline),
    ("p.g.a", Inline), ("p.m", Time), ("pga", Inline), ("prof", Title), ("s", Inline),
    ("sct", Title), ("sep", Month), ("sept", Month), ("skt", Title), ("st", Title),
    ("tlf", Inline), ("vedr", Inline), ("vs", Inline),
];

#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "alle", "at", "da", "de", "den", "der", "derfor", "det", "dette", "du", "efter", "en", "et",
    "for", "fra", "han", "hans", "hende", "her", "hun", "hvad", "hvem", "hvis", "hvor", "hvordan",
    "hvorfor", "i", "ifølge", "ikke", "ja", "jeg", "man", "med", "men", "min",
    "mit", "nej", "nu", "når", "og", "også", "om", "på", "som", "så", "til", "vi",
];

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "april", "august", "december", "februar", "januar", "juli", "juni", "maj", "marts",
    "november", "oktober", "september",
];

#[rustfmt::skip]
const ORDINAL_BEFORE: &[&str] = &["d", "den", "fra", "i", "på", "siden", "til"];
