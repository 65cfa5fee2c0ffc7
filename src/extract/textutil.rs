//! Text clean-up shared by the extractors.

/// Collapses runs of whitespace to one space, trims, and drops characters that must never be
/// spoken or that break words apart: soft hyphens, zero-width spaces and joiners, BOMs.
pub fn normalize_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        match c {
            '\u{00ad}' | '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' => {}
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_and_strips() {
        assert_eq!(normalize_space("  a \n\t b  "), "a b");
        assert_eq!(normalize_space("in\u{00ad}ter\u{200b}na"), "interna");
        assert_eq!(normalize_space("a\u{a0}b"), "a b");
    }
}
