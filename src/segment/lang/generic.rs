//! The generic table: languages without their own rules. Titles and abbreviations shared by
//! many European languages, plus Cyrillic ones.

use super::Abbr::{self, *};
use super::Rules;

pub static RULES: Rules = Rules::new("generic", ABBREVIATIONS, &[]);

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Abbr)] = &[
    ("art", Inline), ("ca", Inline), ("co", End), ("dr", Title), ("e.g", Inline), ("etc", End),
    ("i.e", Inline), ("inc", End), ("ltd", End), ("mr", Title), ("mrs", Title), ("ms", Title),
    ("no", Inline), ("nr", Inline), ("n°", Inline), ("nº", Inline), ("p", Inline), ("pp", Inline),
    ("prof", Title), ("st", Title), ("vol", Inline), ("vs", Inline), ("акад", Title), ("б", End),
    ("в", Inline), ("вв", Inline), ("г", Inline), ("гг", Inline), ("ген", Title), ("гл", Inline),
    ("д", Inline), ("до", Inline), ("доц", Title), ("др", End), ("им", Inline), ("кв", Inline),
    ("коп", Inline), ("куб", Inline), ("млн", Inline), ("млрд", Inline), ("н.э", End),
    ("ок", Inline), ("п", Inline), ("пр", End), ("проф", Title), ("рис", Inline), ("руб", Inline),
    ("св", Title), ("см", Inline), ("ст", Inline), ("стр", Inline), ("т", Inline), ("т.б", End),
    ("т.д", End), ("т.е", Inline), ("т.п", End), ("табл", Inline), ("тыс", Inline),
    ("ул", Inline), ("ч", Inline),
];
