//! Dutch.

use super::Abbr::{self, *};
use super::Rules;

pub static RULES: Rules = Rules::new("nl", ABBREVIATIONS, STARTERS);

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    ("a.s", End), ("afd", Inline), ("apr", Month), ("art", Inline), ("aug", Month), ("b.v", End),
    ("bijv", Inline), ("blz", Inline), ("bv", Inline), ("ca", Inline), ("d.w.z", Inline),
    ("dec", Month), ("dhr", Title), ("dr", Title), ("drs", Title), ("ds", Title), ("e.d", End),
    ("enz", End), ("etc", End), ("evt", Inline), ("excl", Inline), ("feb", Month),
    ("fig", Inline), ("gen", Title), ("i.p.v", Inline), ("incl", Inline), ("ing", Title),
    ("ir", Title), ("jan", Month), ("jl", End), ("jul", Month), ("jun", Month), ("m.a.w", Inline),
    ("m.b.t", Inline), ("max", End), ("mevr", Title), ("min", End), ("mld", Inline),
    ("mln", Inline), ("mr", Title), ("mrd", Inline), ("mrt", Month), ("mw", Title),
    ("n.a.v", Inline), ("n.v", End), ("no", Inline), ("nov", Month), ("nr", Inline),
    ("nrs", Inline), ("n°", Inline), ("o.a", Inline), ("okt", Month), ("ong", Inline),
    ("p", Inline), ("pag", Inline), ("prof", Title), ("resp", Inline), ("sep", Month),
    ("sept", Month), ("st", Title), ("t.a.v", Inline), ("t.o.v", Inline), ("tel", Inline),
    ("vgl", Inline), ("z.s.m", End), ("zgn", Inline),
];

#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "aan", "al", "als", "bij", "daar", "daarna", "dan", "dat", "de", "deze", "die", "dit", "door",
    "een", "en", "er", "geen", "gisteren", "het", "hier", "hij", "hoe", "ik", "in", "je", "jij",
    "maar", "met", "morgen", "na", "naar", "niet", "nu", "of", "omdat", "ook", "op", "over",
    "toen", "u", "uit", "van", "vandaag", "volgens", "voor", "waarom", "wanneer", "wat", "we",
    "wij", "ze", "zij", "zo",
];
