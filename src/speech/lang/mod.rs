//! Per-language tables of the spoken form, one file per language: abbreviations by context,
//! units, currencies, magnitudes, and the few words the rules put in (range, "and", "dot").

mod de;
mod en;
mod es;
mod fr;

/// When an abbreviation's expansion applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ctx {
    /// Always.
    Any,
    /// Before a number: "No. 10" -> "number 10", "p. 12" -> "page 12".
    BeforeNumber,
    /// Before a capitalised word: "St. Louis" -> "Saint Louis".
    BeforeCapital,
    /// After a capitalised word or a number, and not before a capitalised word: "Main St." ->
    /// "Main Street", "Elm Dr. in" -> "Elm Drive", but "Jones, Dr. Smith" -> "Doctor".
    AfterCapital,
    /// After a number.
    AfterNumber,
    /// After a comma, a hyphen or an opening parenthesis, as place abbreviations are written:
    /// "Boston, Mass.", "(D-Calif.)", "(D., Wash.)".
    AfterComma,
}

#[derive(Debug)]
pub struct Tables {
    pub lang: &'static str,
    /// (written form with its periods, context, spoken form). The first entry whose written form
    /// and context match wins.
    pub abbreviations: &'static [(&'static str, Ctx, &'static str)],
    /// (symbol, singular, plural) after a number: "km", "°C".
    pub units: &'static [(&'static str, &'static str, &'static str)],
    /// (symbol, singular, plural): "$", "€".
    pub currencies: &'static [(&'static str, &'static str, &'static str)],
    /// (written, spoken) after an amount: "bn" -> "billion", "Mrd." -> "Milliarden".
    pub magnitudes: &'static [(&'static str, &'static str)],
    /// Between a magnitude and a currency: French "1,5 milliard de dollars".
    pub magnitude_of: &'static str,
    /// (cents word singular, plural) per currency symbol, for "$1.50".
    pub cents: &'static [(&'static str, &'static str, &'static str)],
    /// "2020-2024" -> "2020 to 2024".
    pub range: &'static str,
    pub and: &'static str,
    pub dot: &'static str,
    pub at: &'static str,
    pub slash: &'static str,
    pub plus: &'static str,
    pub equals: &'static str,
    pub about: &'static str,
    pub number: &'static str,
    pub degrees: &'static str,
    pub section: &'static str,
    /// Month names, January first, as spoken.
    pub months: [&'static str; 12],
    /// Words before a Roman numeral that counts rather than names a monarch ("World War II",
    /// "Part III", "siglo XXI"), lowercase.
    pub counting: &'static [&'static str],
    /// Words after which I, V or X (one letter) is a numeral ("Elizabeth I"), as written.
    pub regnal_names: &'static [&'static str],
    /// Common fractions, and digits with a slash that a language says as a name ("9/11",
    /// "24/7"): (written, spoken).
    pub fractions: &'static [(&'static str, &'static str)],
}

pub fn tables(lang: &str) -> Option<&'static Tables> {
    match lang.split(['-', '_']).next().unwrap_or("") {
        "en" => Some(&en::TABLES),
        "fr" => Some(&fr::TABLES),
        "es" => Some(&es::TABLES),
        "de" => Some(&de::TABLES),
        _ => None,
    }
}

/// Every table, for tests.
#[cfg(test)]
pub fn all() -> [&'static Tables; 4] {
    [&en::TABLES, &fr::TABLES, &es::TABLES, &de::TABLES]
}

/// Given names of monarchs and popes, after which a one-letter numeral (I, V, X) is regnal.
pub const REGNAL_NAMES: &[&str] = &[
    "Alexander",
    "Alfonso",
    "Benedict",
    "Benedikt",
    "Carlos",
    "Catherine",
    "Charles",
    "Edward",
    "Elizabeth",
    "Elisabeth",
    "Felipe",
    "Ferdinand",
    "Francis",
    "Franz",
    "Frederick",
    "Friedrich",
    "George",
    "Gregory",
    "Henri",
    "Henry",
    "Innocent",
    "Isabel",
    "Isabella",
    "James",
    "Jean",
    "John",
    "Juan",
    "Karl",
    "Leo",
    "Leopold",
    "Louis",
    "Ludwig",
    "Mary",
    "Napoleon",
    "Napoléon",
    "Nicholas",
    "Paul",
    "Peter",
    "Philip",
    "Philippe",
    "Pius",
    "Richard",
    "Victor",
    "Wilhelm",
    "William",
];
