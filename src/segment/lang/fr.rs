//! French.

use super::Abbr::{self, *};
use super::Rules;

pub static RULES: Rules = Rules::new("fr", ABBREVIATIONS, STARTERS);

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    ("anc", Inline), ("apr", Inline), ("art", Inline), ("av", Inline), ("avr", Month),
    ("bd", Inline), ("boul", Inline), ("c.-à-d", Inline), ("cca", Inline), ("cdt", Title),
    ("cf", Inline), ("chap", Inline), ("cie", End), ("col", Title), ("coll", Inline),
    ("dir", Inline), ("dr", Title), ("déc", Month), ("env", Inline), ("etc", End), ("ex", Inline),
    ("fig", Inline), ("fév", Month), ("févr", Month), ("gal", Title), ("hab", Inline),
    ("inc", End), ("j.-c", End), ("jan", Month), ("janv", Month), ("juil", Month), ("lt", Title),
    ("ltd", End), ("m", Title), ("mar", Month), ("max", End), ("mds", Inline), ("me", Title),
    ("mgr", Title), ("min", End), ("mio", Inline), ("mlle", Title), ("mlles", Title),
    ("mm", Title), ("mme", Title), ("mmes", Title), ("mrd", Inline), ("no", Inline),
    ("nov", Month), ("n°", Inline), ("oct", Month), ("p", Inline), ("par", Inline),
    ("pp", Inline), ("pr", Title), ("resp", Inline), ("s.v.p", End), ("sept", Month),
    ("sgt", Title), ("st", Title), ("ste", Title), ("svp", End), ("tel", Inline),
    ("trad", Inline), ("tél", Inline), ("vol", Inline), ("vs", Inline), ("éd", Inline),
    ("éds", Inline),
];

#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "ainsi", "alors", "après", "au", "aujourd'hui", "aussi", "aux", "avec", "c'est", "ce", "cela",
    "celle", "celui", "cependant", "ces", "cet", "cette", "chaque", "comme", "comment", "dans",
    "de", "demain", "depuis", "des", "donc", "du", "elle", "elles", "en", "enfin", "ensuite",
    "entre", "et", "hier", "il", "ils", "j'ai", "je", "l'", "la", "le", "les", "leur", "leurs",
    "lors", "mais", "ne", "non", "nous", "on", "or", "ou", "oui", "où", "par", "pas", "plus",
    "pour", "pourquoi", "pourtant", "puis", "quand", "que", "qui", "sa", "sans", "se", "selon",
    "ses", "si", "son", "sur", "tous", "tout", "un", "une", "vous", "à",
];
