//! English.

use super::Abbr::{self, *};
use super::Rules;

pub static RULES: Rules = Rules {
    lang: "en",
    abbreviations: ABBREVIATIONS,
    starters: STARTERS,
    ordinal_dot: false,
    months: &[],
    ordinal_nouns: &[],
    ordinal_before: &[],
    time_followers: TIME_FOLLOWERS,
    intro_words: INTRO_WORDS,
    suffixes: &[],
    index: std::sync::OnceLock::new(),
};

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    ("a.m", Time), ("adm", Title), ("al", Inline), ("ala", End), ("amb", Title),
    ("approx", Inline), ("apr", Month), ("apt", Inline), ("ariz", End), ("ark", End),
    ("art", Inline), ("assn", End), ("atty", Title), ("aug", Month), ("ave", End), ("blvd", End),
    ("brig", Title), ("bros", End), ("c", Inline), ("ca", Inline), ("calif", End),
    ("capt", Title), ("cdr", Title), ("cf", Inline), ("ch", Inline), ("chap", Inline),
    ("cmdr", Title), ("co", End), ("col", Title), ("colo", End), ("conn", End), ("corp", End),
    ("cpl", Title), ("cpt", Title), ("dec", Month), ("del", End), ("dept", End), ("det", Title),
    ("dr", Title), ("drs", Title), ("e.g", Inline), ("eds", Inline), ("ens", Title),
    ("esp", Inline), ("esq", End), ("est", Inline), ("et", Inline), ("etc", End), ("feb", Month),
    ("fig", Inline), ("figs", Inline), ("fla", End), ("fr", Title), ("fri", End), ("ft", End),
    ("ga", End), ("gen", Title), ("gov", Title), ("govt", End), ("hon", Title), ("hwy", End),
    ("i.e", Inline), ("ill", End), ("inc", End), ("incl", Inline), ("ind", End), ("insp", Title),
    ("intl", End), ("jan", Month), ("jr", End), ("jul", Month), ("jun", Month), ("kan", End),
    ("kans", End), ("ky", End), ("la", End), ("llc", End), ("lt", Title), ("ltd", End),
    ("maj", Title), ("mar", Month), ("mass", End), ("max", End), ("md", End), ("messrs", Title),
    ("mfg", End), ("mich", End), ("min", End), ("minn", End), ("miss", End), ("mme", Title),
    ("mo", End), ("mon", End), ("mont", End), ("mr", Title), ("mrs", Title), ("ms", Title),
    ("msgr", Title), ("mt", Title), ("natl", End), ("neb", End), ("nev", End), ("no", Inline),
    ("nos", Inline), ("nov", Month), ("nr", Inline), ("n°", Inline), ("nº", Inline),
    ("oct", Month), ("okla", End), ("op", Inline), ("ore", End), ("p", Inline), ("p.m", Time),
    ("pa", End), ("para", Inline), ("ph.d", End), ("plc", End), ("pp", Inline), ("pres", Title),
    ("prof", Title), ("pvt", Title), ("rd", End), ("ref", Inline), ("rep", Title),
    ("reps", Title), ("rev", Title), ("sat", End), ("sec", Inline), ("sect", Inline),
    ("sen", Title), ("sens", Title), ("sep", Month), ("sept", Month), ("sgt", Title), ("sr", End),
    ("st", End), ("sun", End), ("supt", Title), ("tel", Inline), ("tenn", End), ("tex", End),
    ("thu", End), ("thur", End), ("thurs", End), ("treas", Title), ("tue", End), ("tues", End),
    ("u.k", End), ("u.s", End), ("univ", End), ("va", End), ("viz", Inline), ("vol", Inline),
    ("vols", Inline), ("vs", Inline), ("vt", End), ("wash", End), ("wed", End), ("wis", End),
    ("wyo", End), ("yd", End),
];

#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "a", "according", "after", "all", "also", "although", "an", "analysts", "and", "another",
    "are", "as", "at", "authorities", "because", "before", "both", "but", "by", "can", "could",
    "critics", "despite", "did", "do", "does", "dozens", "during", "each", "earlier", "even",
    "every", "experts", "finally", "first", "for", "from", "had", "has", "have", "he", "he's",
    "her", "here", "his", "how", "however", "hundreds", "i", "i'm", "if", "in", "is", "it",
    "it's", "its", "just", "last", "later", "let's", "like", "many", "may", "meanwhile", "might",
    "millions", "most", "must", "my", "next", "no", "not", "now", "of", "officials", "on", "once",
    "one", "only", "or", "other", "others", "our", "police", "researchers", "residents",
    "scientists", "several", "she", "she's", "should", "since", "so", "some", "still", "such",
    "that", "that's", "the", "their", "then", "there", "there's", "these", "they", "they're",
    "this", "those", "though", "thousands", "to", "today", "tomorrow", "two", "unlike", "until",
    "was", "we", "we're", "were", "what", "what's", "when", "where", "which", "while", "who",
    "why", "will", "with", "would", "yes", "yesterday", "yet", "you", "your",
];

#[rustfmt::skip]
const TIME_FOLLOWERS: &[&str] = &[
    "alaska", "apr", "april", "atlantic", "aug", "august", "beijing", "bst", "cdt", "central",
    "cest", "cet", "cst", "ct", "dec", "december", "eastern", "edt", "est", "et", "feb",
    "february", "fri", "friday", "gmt", "hawaii", "jan", "january", "jul", "july", "jun", "june",
    "local", "mar", "march", "may", "mdt", "mon", "monday", "moscow", "mountain", "mst", "mt",
    "nov", "november", "oct", "october", "pacific", "pdt", "pst", "pt", "sat", "saturday", "sep",
    "sept", "september", "sun", "sunday", "thu", "thursday", "tokyo", "tue", "tuesday", "utc",
    "wed", "wednesday",
];

#[rustfmt::skip]
const INTRO_WORDS: &[&str] = &[
    "about", "after", "around", "at", "before", "beginning", "between", "by", "from", "on",
    "since", "starting", "till", "until",
];
