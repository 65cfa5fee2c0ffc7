//! Text clean-up shared by the extractors.

/// Collapses runs of whitespace to one space, trims, and drops characters that must never be
/// spoken or that break words apart: soft hyphens, zero-width spaces and joiners, BOMs.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        match c {
            c if is_invisible(c) => {}
            c if c.is_whitespace() => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

/// Characters that are never seen or spoken and that break words apart when kept: the soft
/// hyphen, zero-width spaces, joiners and non-joiners, word joiners, direction marks, BOMs.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}'
            | '\u{034f}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_and_strips() {
        assert_eq!(normalize_space("  a \n\t b  "), "a b");
        assert_eq!(normalize_space("in\u{00ad}ter\u{200b}na"), "interna");
        assert_eq!(normalize_space("a\u{a0}b"), "a b");
        assert_eq!(
            normalize_space("zero\u{200d}width\u{2060}join\u{feff}"),
            "zerowidthjoin"
        );
    }
}
