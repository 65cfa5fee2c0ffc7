//! Italian.

use super::Abbr::{self, *};
use super::Rules;

pub static RULES: Rules = Rules::new("it", ABBREVIATIONS, STARTERS);

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    ("a.c", End), ("ago", Month), ("amm", Title), ("apr", Month), ("arch", Title),
    ("art", Inline), ("avv", Title), ("c.a", Inline), ("ca", Inline), ("cap", Inline),
    ("cfr", Inline), ("cit", Inline), ("col", Title), ("d.c", End), ("dep", Title),
    ("dic", Month), ("dir", Title), ("dott", Title), ("dott.ssa", Title), ("dr", Title),
    ("ecc", End), ("egr", Title), ("es", Inline), ("etc", End), ("feb", Month), ("fig", Inline),
    ("gen", Title), ("gent", Title), ("geom", Title), ("giu", Month), ("ing", Title),
    ("lug", Month), ("mag", Month), ("mar", Month), ("min", End), ("mons", Title), ("n", Inline),
    ("nn", Inline), ("nov", Month), ("num", Inline), ("n°", Inline), ("on", Title),
    ("op", Inline), ("ott", Month), ("p", Inline), ("pag", Inline), ("pagg", Inline),
    ("prof", Title), ("prof.ssa", Title), ("psicol", Title), ("rag", Title), ("rev", Title),
    ("s", Title), ("s.p.a", End), ("s.r.l", End), ("sant", Title), ("sen", Title), ("set", Month),
    ("sig", Title), ("sig.na", Title), ("sig.ra", Title), ("sigg", Title), ("spa", End),
    ("srl", End), ("ss", Title), ("tab", Inline), ("tel", Inline), ("v", Inline), ("vol", Inline),
    ("vs", Inline),
];

#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "a", "al", "anche", "chi", "come", "con", "cosa", "così", "da", "dal", "del", "della", "di",
    "dopo", "dove", "e", "ecco", "era", "gli", "i", "ieri", "il", "in", "infatti", "inoltre",
    "io", "la", "le", "lei", "lo", "loro", "lui", "ma", "mentre", "nel", "nella", "noi", "non",
    "oggi", "per", "perché", "però", "poi", "quando", "quel", "quella", "questa", "questo", "se",
    "secondo", "si", "su", "tu", "un", "una", "uno", "voi", "è",
];
