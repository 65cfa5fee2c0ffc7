//! Spanish.

use super::Abbr::{self, *};
use super::Rules;

pub static RULES: Rules = Rules::new("es", ABBREVIATIONS, STARTERS);

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    ("a.c", End), ("abr", Month), ("admón", Inline), ("ago", Month), ("aprox", Inline),
    ("arq", Title), ("art", Inline), ("av", Inline), ("avda", Inline), ("c", Inline),
    ("cap", Inline), ("cf", Inline), ("cnel", Title), ("cra", Inline), ("cía", End), ("d", Title),
    ("d.c", End), ("depto", Inline), ("dic", Month), ("dom", End), ("dpto", Inline),
    ("dr", Title), ("dra", Title), ("dña", Title), ("ee", Inline), ("ee.uu", End), ("ej", Inline),
    ("ene", Month), ("etc", End), ("ext", Inline), ("feb", Month), ("fr", Title), ("gral", Title),
    ("hnos", End), ("hs", Inline), ("ing", Title), ("jue", End), ("jul", Month), ("jun", Month),
    ("lcda", Title), ("lcdo", Title), ("lic", Title), ("lun", End), ("mar", Month),
    ("may", Month), ("min", End), ("mié", End), ("mons", Title), ("mt", Title), ("máx", Inline),
    ("mín", Inline), ("no", Inline), ("nov", Month), ("n°", Inline), ("nº", Inline),
    ("núm", Inline), ("oct", Month), ("p", Inline), ("prof", Title), ("profa", Title),
    ("prov", Inline), ("pza", Inline), ("pág", Inline), ("págs", Inline), ("párrf", Inline),
    ("s.a", End), ("s.l", End), ("sep", Month), ("sept", Month), ("sr", Title), ("sra", Title),
    ("sres", Title), ("srs", Title), ("srta", Title), ("sta", Title), ("sto", Title),
    ("sáb", End), ("tel", Inline), ("tfno", Inline), ("tte", Title), ("ud", Title),
    ("uds", Title), ("uu", End), ("vd", Title), ("vds", Title), ("vie", End), ("vol", Inline),
    ("vs", Inline),
];

#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "a", "además", "ahora", "al", "así", "aunque", "ayer", "cada", "como", "con", "cuando", "de",
    "del", "desde", "después", "durante", "el", "ella", "ellas", "ellos", "en", "entonces", "era",
    "es", "esa", "ese", "eso", "esta", "este", "esto", "estos", "fue", "gracias", "hay", "hoy",
    "la", "las", "lo", "los", "mañana", "mi", "muy", "no", "nosotros", "para", "pero", "por",
    "que", "se", "según", "si", "sin", "su", "sus", "sí", "también", "tú", "un", "una", "unos",
    "usted", "y", "ya", "yo", "él",
];
