//! Sentence text -> the text handed to the speech engine (its "spoken form").
//!
//! First version: white space is normalized and characters that engines read out literally but
//! a reader would not say (decorative symbols, reference markers such as `[3]`) are dropped.

/// The spoken form of one sentence in language `lang`.
pub fn spoken(sentence: &str, lang: &str) -> String {
    let _ = lang;
    let mut out = String::with_capacity(sentence.len());
    let mut chars = sentence.chars().peekable();
    while let Some(c) = chars.next() {
        // Reference markers: [1], [23]
        if c == '[' {
            let rest: String = chars.clone().take_while(|c| *c != ']').collect();
            if !rest.is_empty() && rest.len() <= 4 && rest.chars().all(|c| c.is_ascii_digit()) {
                for _ in 0..=rest.len() {
                    chars.next();
                }
                continue;
            }
        }
        if is_decorative(c) {
            continue;
        }
        out.push(c);
    }
    crate::extract::textutil::normalize_space(&out)
}

fn is_decorative(c: char) -> bool {
    matches!(c as u32,
        0x2600..=0x27BF // misc symbols, dingbats
        | 0x1F000..=0x1FAFF // emoji and pictographs
        | 0x2B00..=0x2BFF
        | 0xFE0F)
        || matches!(c, '•' | '▶' | '►' | '■' | '□' | '●' | '◆' | '★' | '☆' | '|')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_markers_and_emoji() {
        assert_eq!(
            spoken("Troops arrived [3] today 🎉.", "en"),
            "Troops arrived today ."
        );
        assert_eq!(spoken("A [note] stays.", "en"), "A [note] stays.");
    }
}
