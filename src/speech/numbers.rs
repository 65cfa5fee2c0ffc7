//! Numbers in words where the engine would get them wrong: English years and ordinals, German
//! ordinals, Spanish ordinals, and Roman numerals.

/// English cardinal words, 0 to 999 999 999 999.
pub fn en_cardinal(n: u64) -> String {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_100(n: u64) -> String {
        if n < 20 {
            ONES[n as usize].to_string()
        } else if n.is_multiple_of(10) {
            TENS[(n / 10) as usize].to_string()
        } else {
            format!("{}-{}", TENS[(n / 10) as usize], ONES[(n % 10) as usize])
        }
    }
    fn below_1000(n: u64) -> String {
        if n < 100 {
            below_100(n)
        } else if n.is_multiple_of(100) {
            format!("{} hundred", ONES[(n / 100) as usize])
        } else {
            format!(
                "{} hundred {}",
                ONES[(n / 100) as usize],
                below_100(n % 100)
            )
        }
    }
    if n < 1000 {
        return below_1000(n);
    }
    let mut parts = Vec::new();
    let mut rest = n;
    for (scale, name) in [
        (1_000_000_000, "billion"),
        (1_000_000, "million"),
        (1_000, "thousand"),
    ] {
        if rest >= scale {
            parts.push(format!("{} {name}", below_1000(rest / scale)));
            rest %= scale;
        }
    }
    if rest > 0 {
        parts.push(below_1000(rest));
    }
    parts.join(" ")
}

/// English ordinal words: "first", "twenty-third", "the hundredth".
pub fn en_ordinal(n: u64) -> String {
    let card = en_cardinal(n);
    let (head, last) = match card.rfind(['-', ' ']) {
        Some(p) => (&card[..=p], &card[p + 1..]),
        None => ("", card.as_str()),
    };
    let last = match last {
        "one" => "first".to_string(),
        "two" => "second".to_string(),
        "three" => "third".to_string(),
        "five" => "fifth".to_string(),
        "eight" => "eighth".to_string(),
        "nine" => "ninth".to_string(),
        "twelve" => "twelfth".to_string(),
        w if w.ends_with('y') => format!("{}ieth", &w[..w.len() - 1]),
        w => format!("{w}th"),
    };
    format!("{head}{last}")
}

/// An English year as newsreaders say it: 1990 "nineteen ninety", 1905 "nineteen oh five",
/// 2000 "two thousand", 2007 "two thousand seven", 2024 "twenty twenty-four".
pub fn en_year(y: u64) -> String {
    if !(1000..10000).contains(&y) {
        return en_cardinal(y);
    }
    let (hi, lo) = (y / 100, y % 100);
    if (2000..2010).contains(&y) || y.is_multiple_of(1000) {
        return en_cardinal(y);
    }
    match lo {
        0 => format!("{} hundred", en_cardinal(hi)),
        1..=9 => format!("{} oh {}", en_cardinal(hi), en_cardinal(lo)),
        _ => format!("{} {}", en_cardinal(hi), en_cardinal(lo)),
    }
}

/// "1990s" -> "nineteen nineties", "90s" -> "nineties", "2000s" -> "two thousands".
pub fn en_decade(n: u64) -> String {
    let words = if n >= 1000 {
        en_year(n)
    } else {
        en_cardinal(n)
    };
    if let Some(stem) = words.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{words}s")
    }
}

/// German cardinal words for 1..=999 (others as digits).
pub fn de_cardinal(n: u64) -> String {
    const ONES: [&str; 20] = [
        "null",
        "eins",
        "zwei",
        "drei",
        "vier",
        "fünf",
        "sechs",
        "sieben",
        "acht",
        "neun",
        "zehn",
        "elf",
        "zwölf",
        "dreizehn",
        "vierzehn",
        "fünfzehn",
        "sechzehn",
        "siebzehn",
        "achtzehn",
        "neunzehn",
    ];
    const TENS: [&str; 10] = [
        "", "", "zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig",
        "neunzig",
    ];
    fn below_100(n: u64) -> String {
        if n < 20 {
            ONES[n as usize].to_string()
        } else if n.is_multiple_of(10) {
            TENS[(n / 10) as usize].to_string()
        } else {
            let one = if n % 10 == 1 {
                "ein"
            } else {
                ONES[(n % 10) as usize]
            };
            format!("{one}und{}", TENS[(n / 10) as usize])
        }
    }
    match n {
        0..=99 => below_100(n),
        100..=999 => {
            let h = if n / 100 == 1 {
                "ein".to_string()
            } else {
                ONES[(n / 100) as usize].to_string()
            };
            let rest = n % 100;
            if rest == 0 {
                format!("{h}hundert")
            } else {
                format!("{h}hundert{}", below_100(rest))
            }
        }
        _ => n.to_string(),
    }
}

/// German ordinal stem + ending: 3, "en" -> "dritten"; 19, "e" -> "neunzehnte".
pub fn de_ordinal(n: u64, ending: &str) -> String {
    let stem = match n {
        1 => "ers".to_string(),
        3 => "drit".to_string(),
        7 => "sieb".to_string(),
        8 => "ach".to_string(),
        _ if n < 20 => de_cardinal(n),
        _ => format!("{}s", de_cardinal(n)),
    };
    format!("{stem}t{ending}")
}

/// French cardinal words for 0..=99 (others as digits).
pub fn fr_cardinal(n: u64) -> String {
    const ONES: [&str; 17] = [
        "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
        "onze", "douze", "treize", "quatorze", "quinze", "seize",
    ];
    const TENS: [&str; 7] = [
        "",
        "",
        "vingt",
        "trente",
        "quarante",
        "cinquante",
        "soixante",
    ];
    match n {
        0..=16 => ONES[n as usize].to_string(),
        17..=19 => format!("dix-{}", ONES[(n - 10) as usize]),
        20..=69 => {
            let (t, u) = (TENS[(n / 10) as usize], n % 10);
            match u {
                0 => t.to_string(),
                1 => format!("{t} et un"),
                _ => format!("{t}-{}", ONES[u as usize]),
            }
        }
        70..=79 => {
            if n == 71 {
                "soixante et onze".to_string()
            } else {
                format!("soixante-{}", fr_cardinal(n - 60))
            }
        }
        80 => "quatre-vingts".to_string(),
        81..=99 => format!("quatre-vingt-{}", fr_cardinal(n - 80)),
        _ => n.to_string(),
    }
}

/// French ordinal words: 1 "premier", 17 "dix-septième", 21 "vingt et unième".
pub fn fr_ordinal(n: u64) -> String {
    if n == 1 {
        return "premier".to_string();
    }
    if n > 99 {
        return format!("{n}e");
    }
    let c = fr_cardinal(n);
    let stem = if let Some(s) = c.strip_suffix("cinq") {
        format!("{s}cinqu")
    } else if let Some(s) = c.strip_suffix("neuf") {
        format!("{s}neuv")
    } else if let Some(s) = c.strip_suffix("vingts") {
        format!("{s}vingt")
    } else if let Some(s) = c.strip_suffix('e') {
        s.to_string()
    } else {
        c
    };
    format!("{stem}ième")
}

/// Spanish ordinals 1 to 10 (masculine or feminine); None above (Spanish says cardinals).
pub fn es_ordinal(n: u64, feminine: bool) -> Option<String> {
    const M: [&str; 10] = [
        "primero", "segundo", "tercero", "cuarto", "quinto", "sexto", "séptimo", "octavo",
        "noveno", "décimo",
    ];
    let w = M.get((n as usize).checked_sub(1)?)?;
    Some(if feminine {
        format!("{}a", &w[..w.len() - 1])
    } else {
        w.to_string()
    })
}

/// The value of a Roman numeral of I, V and X up to 39 ("III", "XIV"), if `s` is one.
pub fn roman(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 7 {
        return None;
    }
    let val = |c: u8| match c {
        b'I' => Some(1i64),
        b'V' => Some(5),
        b'X' => Some(10),
        _ => None,
    };
    let b = s.as_bytes();
    let mut total = 0i64;
    for (i, &c) in b.iter().enumerate() {
        let v = val(c)?;
        let next = match b.get(i + 1) {
            Some(&n) => val(n)?,
            None => 0,
        };
        if next > v {
            total -= v;
        } else {
            total += v;
        }
    }
    // Reject non-canonical forms ("IIII", "VV", "IIV") by round-tripping.
    let total = u64::try_from(total).ok()?;
    (total > 0 && total <= 39 && to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u64) -> String {
    let mut s = String::new();
    for (v, r) in [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")] {
        while n >= v {
            s.push_str(r);
            n -= v;
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english() {
        assert_eq!(en_cardinal(0), "zero");
        assert_eq!(en_cardinal(21), "twenty-one");
        assert_eq!(en_cardinal(1_500_000), "one million five hundred thousand");
        assert_eq!(en_ordinal(3), "third");
        assert_eq!(en_ordinal(21), "twenty-first");
        assert_eq!(en_ordinal(40), "fortieth");
        assert_eq!(en_ordinal(12), "twelfth");
        assert_eq!(en_year(1990), "nineteen ninety");
        assert_eq!(en_year(1905), "nineteen oh five");
        assert_eq!(en_year(2024), "twenty twenty-four");
        assert_eq!(en_year(2007), "two thousand seven");
        assert_eq!(en_year(1900), "nineteen hundred");
        assert_eq!(en_decade(1990), "nineteen nineties");
        assert_eq!(en_decade(90), "nineties");
    }

    #[test]
    fn german_and_spanish() {
        assert_eq!(de_cardinal(21), "einundzwanzig");
        assert_eq!(de_ordinal(3, "en"), "dritten");
        assert_eq!(de_ordinal(19, "e"), "neunzehnte");
        assert_eq!(de_ordinal(1, "en"), "ersten");
        assert_eq!(de_ordinal(31, "en"), "einunddreißigsten");
        assert_eq!(de_ordinal(14, "e"), "vierzehnte");
        assert_eq!(es_ordinal(6, false).as_deref(), Some("sexto"));
        assert_eq!(es_ordinal(1, true).as_deref(), Some("primera"));
        assert_eq!(es_ordinal(13, false), None);
        assert_eq!(fr_ordinal(17), "dix-septième");
        assert_eq!(fr_ordinal(21), "vingt et unième");
        assert_eq!(fr_ordinal(4), "quatrième");
        assert_eq!(fr_ordinal(5), "cinquième");
        assert_eq!(fr_ordinal(9), "neuvième");
        assert_eq!(fr_ordinal(80), "quatre-vingtième");
        assert_eq!(fr_cardinal(71), "soixante et onze");
        assert_eq!(fr_cardinal(97), "quatre-vingt-dix-sept");
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman("III"), Some(3));
        assert_eq!(roman("XIV"), Some(14));
        assert_eq!(roman("XXXIX"), Some(39));
        assert_eq!(roman("IIII"), None);
        assert_eq!(roman("DC"), None);
        assert_eq!(roman("MIX"), None);
        assert_eq!(roman("IV"), Some(4));
    }
}
