//! French spoken-form tables.

use super::Ctx::{self, *};
use super::Tables;

pub static TABLES: Tables = Tables {
    lang: "fr",
    abbreviations: ABBREVIATIONS,
    units: UNITS,
    currencies: &[
        ("$", "dollar", "dollars"),
        ("€", "euro", "euros"),
        ("£", "livre", "livres"),
        ("¥", "yen", "yens"),
        ("CHF", "franc suisse", "francs suisses"),
    ],
    magnitudes: &[
        ("k", "mille"),
        ("M", "millions"),
        ("Md", "milliards"),
        ("Mds", "milliards"),
        ("millions", "millions"),
        ("million", "million"),
        ("milliards", "milliards"),
        ("milliard", "milliard"),
    ],
    magnitude_of: "de",
    cents: &[("€", "centime", "centimes")],
    range: "à",
    and: "et",
    dot: "point",
    at: "arobase",
    slash: "barre oblique",
    plus: "plus",
    equals: "égale",
    about: "environ",
    number: "numéro",
    degrees: "degrés",
    section: "paragraphe",
    months: [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    counting: &[
        "acte", "article", "chapitre", "livre", "partie", "saison", "tome", "titre", "volume",
    ],
    regnal_names: super::REGNAL_NAMES,
    fractions: &[
        ("1/2", "un demi"),
        ("1/3", "un tiers"),
        ("1/4", "un quart"),
        ("3/4", "trois quarts"),
        ("½", "un demi"),
        ("¼", "un quart"),
        ("¾", "trois quarts"),
    ],
};

#[rustfmt::skip]
const ABBREVIATIONS: &[(&str, Ctx, &str)] = &[
    ("M.", BeforeCapital, "Monsieur"), ("MM.", Any, "Messieurs"), ("Mme", Any, "Madame"),
    ("Mmes", Any, "Mesdames"), ("Mlle", Any, "Mademoiselle"), ("Mlles", Any, "Mesdemoiselles"),
    ("Dr", BeforeCapital, "Docteur"), ("Dr.", Any, "Docteur"), ("Pr", BeforeCapital, "Professeur"),
    ("Me", BeforeCapital, "Maître"), ("Mgr", Any, "Monseigneur"),
    ("St", BeforeCapital, "Saint"), ("Ste", BeforeCapital, "Sainte"),
    ("n°", BeforeNumber, "numéro"), ("N°", BeforeNumber, "numéro"), ("no", BeforeNumber, "numéro"),
    ("p.", BeforeNumber, "page"), ("pp.", BeforeNumber, "pages"), ("art.", BeforeNumber, "article"),
    ("chap.", BeforeNumber, "chapitre"), ("vol.", BeforeNumber, "volume"),
    ("av.", BeforeCapital, "avenue"), ("bd", BeforeCapital, "boulevard"),
    ("bd.", BeforeCapital, "boulevard"), ("boul.", Any, "boulevard"),
    ("etc.", Any, "et cetera"), ("env.", Any, "environ"), ("cf.", Any, "voir"),
    ("c.-à-d.", Any, "c'est-à-dire"), ("p. ex.", Any, "par exemple"), ("ex.", Any, "exemple"),
    ("J.-C.", Any, "Jésus-Christ"), ("av. J.-C.", Any, "avant Jésus-Christ"),
    ("apr. J.-C.", Any, "après Jésus-Christ"), ("Cie", Any, "compagnie"),
    ("janv.", Any, "janvier"), ("févr.", Any, "février"), ("avr.", Any, "avril"),
    ("juil.", Any, "juillet"), ("sept.", Any, "septembre"), ("oct.", Any, "octobre"),
    ("nov.", Any, "novembre"), ("déc.", Any, "décembre"), ("min.", AfterNumber, "minutes"),
];

#[rustfmt::skip]
const UNITS: &[(&str, &str, &str)] = &[
    ("°C", "degré Celsius", "degrés Celsius"), ("° C", "degré Celsius", "degrés Celsius"),
    ("°F", "degré Fahrenheit", "degrés Fahrenheit"), ("°", "degré", "degrés"),
    ("km/h", "kilomètre heure", "kilomètres heure"), ("km²", "kilomètre carré", "kilomètres carrés"),
    ("m²", "mètre carré", "mètres carrés"), ("km", "kilomètre", "kilomètres"),
    ("cm", "centimètre", "centimètres"), ("mm", "millimètre", "millimètres"), ("m", "mètre", "mètres"),
    ("kg", "kilogramme", "kilogrammes"), ("mg", "milligramme", "milligrammes"), ("g", "gramme", "grammes"),
    ("ha", "hectare", "hectares"), ("ml", "millilitre", "millilitres"), ("l", "litre", "litres"),
    ("kWh", "kilowattheure", "kilowattheures"), ("kW", "kilowatt", "kilowatts"),
    ("MW", "mégawatt", "mégawatts"), ("Go", "gigaoctet", "gigaoctets"), ("Mo", "mégaoctet", "mégaoctets"),
];
