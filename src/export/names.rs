//! File names from article titles: safe on every common file system, in a URL, and in a shell.
//!
//! A title becomes a lowercase slug: letters and digits of any script are kept (accents too),
//! everything else (path separators, dots, quotes, emoji, control characters) becomes a single
//! `-`. Never empty, never starting with a dot or a dash, at most [`MAX_STEM_BYTES`] bytes (cut
//! at a word boundary), never a name Windows reserves. Unique within an export by `-2`, `-3`, ...

/// Longest stem, in bytes: leaves room for a `-NNN` suffix and `.chapters.vtt` within the usual
/// 255-byte limit on a file name, and keeps names readable.
pub const MAX_STEM_BYTES: usize = 80;

/// The stem used when a title has nothing usable.
pub const FALLBACK: &str = "article";

/// The file stem for a title (or for the source's own name when the title is missing).
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in title.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() && !is_format_or_mark(c) {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    if out.len() > MAX_STEM_BYTES {
        let mut cut = MAX_STEM_BYTES;
        while !out.is_char_boundary(cut) {
            cut -= 1;
        }
        // Prefer ending at a word: the last dash in the second half.
        if let Some(d) = out[..cut].rfind('-').filter(|&d| d > MAX_STEM_BYTES / 2) {
            cut = d;
        }
        out.truncate(cut);
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        return FALLBACK.to_string();
    }
    if is_reserved(&out) {
        return format!("{out}-{FALLBACK}");
    }
    out
}

/// Characters that are alphanumeric by Unicode but not safe or not visible in a name.
fn is_format_or_mark(c: char) -> bool {
    c.is_control() || ('\u{200b}'..='\u{200f}').contains(&c) || c == '\u{feff}'
}

/// Device names Windows refuses as file names, with any extension.
fn is_reserved(stem: &str) -> bool {
    matches!(stem, "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

/// `base`, or `base-2`, `base-3`, ... : the first that `available` accepts.
pub fn unique(base: &str, mut available: impl FnMut(&str) -> bool) -> String {
    if available(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|c| available(c))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Kenya sends 400 more police to Haiti"),
            "kenya-sends-400-more-police-to-haiti"
        );
        assert_eq!(
            slug("Canicule : vigilance orange"),
            "canicule-vigilance-orange"
        );
        assert_eq!(slug("Ça déménage à Zürich"), "ça-déménage-à-zürich");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug(".hidden"), "hidden");
        assert_eq!(slug("--help"), "help");
        assert_eq!(slug(""), "article");
        assert_eq!(slug("🎉🎉 !!"), "article");
        assert_eq!(slug("Party 🎉 time"), "party-time");
        assert_eq!(slug("a\\b/c\0d\ne"), "a-b-c-d-e");
        assert_eq!(slug("CON"), "con-article");
        assert_eq!(slug("com1"), "com1-article");
        assert_eq!(slug("Companies"), "companies");
    }

    #[test]
    fn long_titles_are_cut_at_a_word() {
        let long = "word ".repeat(60);
        let s = slug(&long);
        assert!(s.len() <= MAX_STEM_BYTES);
        assert!(s.ends_with("word"));
        let s = slug(&"é".repeat(300));
        assert!(s.len() <= MAX_STEM_BYTES && !s.is_empty());
    }

    #[test]
    fn unique_names() {
        let taken = ["a", "a-2"];
        assert_eq!(unique("a", |c| !taken.contains(&c)), "a-3");
        assert_eq!(unique("b", |c| !taken.contains(&c)), "b");
    }
}
