//! Language tags and detection.

use crate::article::Article;

/// "fr-FR" -> "fr", "EN_us" -> "en"; None for empty or non-alphabetic tags.
pub fn primary_subtag(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (2..=3)
        .contains(&primary.len())
        .then_some(primary)
        .filter(|p| p.chars().all(|c| c.is_ascii_lowercase()))
}

/// Detects the language of an article from its text, when the document did not say.
pub fn detect(article: &Article) -> Option<String> {
    let mut sample = String::new();
    if let Some(t) = &article.title {
        sample.push_str(t);
        sample.push('\n');
    }
    for b in &article.blocks {
        if sample.len() > 4000 {
            break;
        }
        sample.push_str(&b.text);
        sample.push('\n');
    }
    detect_text(&sample)
}

/// Detects the language of a text; None (the default language) when whatlang is unsure and the
/// text is short, or when it is unsure and its best guess is weak: a table of sports scores in
/// English came out as French (confidence 0.17), a repeated word as Javanese (0.09), both with no
/// better answer than the default. A long text whatlang finds "unreliable" with a confidence of
/// 0.5 or more is kept (an English page at 0.82).
pub fn detect_text(text: &str) -> Option<String> {
    let info = whatlang::detect(text)?;
    if !info.is_reliable() && (text.len() < 200 || info.confidence() < 0.5) {
        return None;
    }
    iso639_1(info.lang()).map(str::to_string)
}

fn iso639_1(lang: whatlang::Lang) -> Option<&'static str> {
    use whatlang::Lang::*;
    Some(match lang {
        Eng => "en",
        Fra => "fr",
        Spa => "es",
        Deu => "de",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Slk => "sk",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Est => "et",
        Lav => "lv",
        Lit => "lt",
        Hun => "hu",
        Ron => "ro",
        Bul => "bg",
        Hrv => "hr",
        Srp => "sr",
        Slv => "sl",
        Ell => "el",
        Tur => "tr",
        Ara => "ar",
        Heb => "he",
        Pes => "fa",
        Hin => "hi",
        Ben => "bn",
        Urd => "ur",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Vie => "vi",
        Tha => "th",
        Ind => "id",
        Cat => "ca",
        Afr => "af",
        Epo => "eo",
        Tam => "ta",
        Tel => "te",
        Mar => "mr",
        Guj => "gu",
        Kan => "kn",
        Mal => "ml",
        Pan => "pa",
        Nep => "ne",
        Sin => "si",
        Mya => "my",
        Khm => "km",
        Amh => "am",
        Kat => "ka",
        Hye => "hy",
        Aze => "az",
        Uzb => "uz",
        Bel => "be",
        Mkd => "mk",
        Yid => "yi",
        Lat => "la",
        Tgl => "tl",
        Jav => "jv",
        Zul => "zu",
        Sna => "sn",
        Aka => "ak",
        Tuk => "tk",
        Ori => "or",
        Cym => "cy",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtags() {
        assert_eq!(primary_subtag("fr-FR").as_deref(), Some("fr"));
        assert_eq!(primary_subtag("EN_us").as_deref(), Some("en"));
        assert_eq!(primary_subtag(""), None);
        assert_eq!(primary_subtag("x"), None);
    }

    #[test]
    fn a_weak_guess_is_no_guess() {
        // One word over and over: whatlang's best guess is Javanese, with a confidence of 0.09
        // (espeak-ng has no Javanese voice, so an export of it failed).
        let text = "Para. ".repeat(500);
        let info = whatlang::detect(&text).expect("a guess");
        assert!(!info.is_reliable() && info.confidence() < 0.5, "{info:?}");
        assert_eq!(detect_text(&text), None);
        // A long English text stays English.
        let english =
            "The council approved the new budget on Tuesday after a long debate. ".repeat(5);
        assert_eq!(detect_text(&english).as_deref(), Some("en"));
    }

    #[test]
    fn detects_french() {
        let t = "Le gouvernement a annoncé mardi une série de mesures destinées à soutenir les ménages face à la hausse des prix de l'énergie.";
        assert_eq!(detect_text(t).as_deref(), Some("fr"));
    }
}
