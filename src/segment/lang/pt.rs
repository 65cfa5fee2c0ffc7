//! Portuguese.

use super::Abbr::{self, *};
use super::Rules;

pub static RULES: Rules = Rules::new("pt", ABBREVIATIONS, STARTERS);

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    ("a.c", End), ("abr", Month), ("ago", Month), ("aprox", Inline), ("art", Inline),
    ("av", Inline), ("cap", Title), ("cel", Title), ("cf", Inline), ("cia", End), ("d", Title),
    ("d.c", End), ("dep", Title), ("dez", Month), ("dr", Title), ("dra", Title), ("eng", Title),
    ("etc", End), ("ex", Inline), ("exma", Title), ("exmo", Title), ("fev", Month), ("fr", Title),
    ("gen", Title), ("jan", Month), ("jul", Month), ("jun", Month), ("ltda", End), ("mai", Month),
    ("mar", Month), ("min", End), ("nov", Month), ("n°", Inline), ("nº", Inline), ("núm", Inline),
    ("out", Month), ("p", Inline), ("pe", Title), ("pp", Inline), ("prof", Title),
    ("profa", Title), ("pág", Inline), ("págs", Inline), ("r", Inline), ("s.a", End),
    ("sen", Title), ("set", Month), ("sgt", Title), ("sr", Title), ("sra", Title),
    ("srta", Title), ("sta", Title), ("sto", Title), ("tel", Inline), ("ten", Title),
    ("vol", Inline), ("vs", Inline),
];

#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "a", "agora", "ainda", "além", "ao", "as", "assim", "com", "como", "da", "de", "depois",
    "desde", "do", "e", "ela", "elas", "ele", "eles", "em", "entre", "era", "essa", "esse",
    "esta", "este", "eu", "foi", "hoje", "há", "isso", "isto", "já", "mas", "na", "nas", "no",
    "nos", "não", "nós", "o", "ontem", "os", "ou", "para", "pela", "pelo", "por", "porém",
    "quando", "que", "se", "segundo", "sem", "também", "um", "uma", "você",
];
