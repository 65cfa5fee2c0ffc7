//! Before parsing: the contents of scripts and style sheets, which half the bytes of a typical
//! news page are, and of inline SVG and MathML, none of which extraction reads, are cut out of
//! the text, so that the HTML tokenizer does not have to walk them. Structured data
//! (`application/ld+json`) is kept.
//!
//! The cut follows the tokenizer's rules for these raw-text elements: a `<script>` or `<style>`
//! start tag (attribute values may hold `>`), its content up to the first matching end tag
//! (`</script` followed by whitespace, `/` or `>`), comments skipped as a whole, and RCDATA or
//! raw-text elements that may contain "<script" as text (`<title>`, `<textarea>`, `<xmp>`, ...)
//! skipped to their end. A script whose content contains `<!--` (where the tokenizer's
//! "escaped" states could move its end) is left alone, as is anything unterminated. The tree
//! html5ever builds is the same, minus the text of those elements.

use std::borrow::Cow;

/// Raw-text and RCDATA elements: (name, cut its content).
const RAW: &[(&[u8], bool)] = &[
    (b"script", true),
    (b"style", true),
    (b"noscript", true),
    (b"iframe", true),
    // Not raw text, but never read: inline icons and formulas are mostly long attributes.
    (b"svg", true),
    (b"math", true),
    (b"noembed", true),
    (b"noframes", true),
    (b"title", false),
    (b"textarea", false),
    (b"xmp", false),
];

fn starts_with_ci(hay: &[u8], needle: &[u8]) -> bool {
    hay.len() >= needle.len() && hay[..needle.len()].eq_ignore_ascii_case(needle)
}

/// `needle` in `hay` from byte `from` (which always follows an ASCII byte, so it is a char
/// boundary; std's searcher is memchr-fast).
fn find(hay: &str, from: usize, needle: &str) -> Option<usize> {
    hay.get(from..)?.find(needle).map(|p| p + from)
}

/// The next `<` from byte `from`.
fn find_lt(hay: &str, from: usize) -> Option<usize> {
    memchr::memchr(b'<', hay.as_bytes().get(from..)?).map(|p| p + from)
}

/// The end tag `</name` followed by whitespace, `/` or `>`, case-insensitively, from `from`.
fn find_end_tag(html: &str, from: usize, name: &[u8]) -> Option<usize> {
    let hay = html.as_bytes();
    let mut i = from;
    while let Some(p) = find_lt(html, i) {
        if hay.get(p + 1) != Some(&b'/') {
            i = p + 1;
            continue;
        }
        let after = p + 2;
        if starts_with_ci(&hay[after..], name) {
            let next = hay.get(after + name.len()).copied();
            if matches!(
                next,
                Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
            ) {
                return Some(p);
            }
        }
        i = after;
    }
    None
}

/// Index just past the `>` that ends a start tag whose name ends at `from` (quotes respected).
fn tag_end(hay: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, &b) in hay.iter().enumerate().skip(from) {
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            // Quotes only open attribute values (after '='), as the tokenizer reads them.
            None if (b == b'"' || b == b'\'')
                && hay[..i]
                    .iter()
                    .rev()
                    .find(|c| !c.is_ascii_whitespace())
                    .is_some_and(|&c| c == b'=') =>
            {
                quote = Some(b);
            }
            None if b == b'>' => return Some(i + 1),
            None => {}
        }
    }
    None
}

/// The text with raw-text element contents cut out (unchanged when there is nothing to cut).
pub fn strip_raw_text(html: &str) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0usize;
    let mut i = 0usize;
    while let Some(lt) = find_lt(html, i) {
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            match find(html, lt + 4, "-->") {
                Some(end) => {
                    i = end + 3;
                    continue;
                }
                None => break,
            }
        }
        let Some(&(name, cut)) = RAW.iter().find(|(name, _)| {
            starts_with_ci(rest, name)
                && matches!(
                    rest.get(name.len()),
                    Some(b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
                )
        }) else {
            i = lt + 1;
            continue;
        };
        let Some(content) = tag_end(bytes, lt + 1 + name.len()) else {
            break;
        };
        let Some(close) = find_end_tag(html, content, name) else {
            break;
        };
        let start_tag = &bytes[lt..content];
        let keep = !cut
            || (name == b"script"
                && start_tag
                    .windows(7)
                    .any(|w| w.eq_ignore_ascii_case(b"ld+json")))
            || (name == b"script" && html[content..close].contains("<!--"))
            // A self-closing start tag does not open raw text in HTML, but keep it simple:
            // leave such rare tags to the parser.
            || start_tag.ends_with(b"/>");
        if !keep && close > content {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len()));
            o.push_str(&html[copied..content]);
            copied = close;
        }
        i = close + 2;
    }
    match out {
        None => Cow::Borrowed(html),
        Some(mut o) => {
            o.push_str(&html[copied..]);
            Cow::Owned(o)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_scripts_and_styles_but_keeps_json_ld() {
        let html = "<head><script>var a = '<p>x</p>';</script><STYLE>p{}</STYLE>\
                    <script type=\"application/ld+json\">{\"a\":1}</script></head>\
                    <body><p>text</p><script src=x></script></body>";
        assert_eq!(
            strip_raw_text(html),
            "<head><script></script><STYLE></STYLE>\
             <script type=\"application/ld+json\">{\"a\":1}</script></head>\
             <body><p>text</p><script src=x></script></body>"
        );
    }

    #[test]
    fn cuts_inline_svg() {
        let html = "<p>a</p><svg viewBox=\"0 0 1 1\"><title>icon</title><path d=\"M0 0L1 1\"/></svg><p>b</p>";
        assert_eq!(
            strip_raw_text(html),
            "<p>a</p><svg viewBox=\"0 0 1 1\"></svg><p>b</p>"
        );
    }

    #[test]
    fn respects_comments_titles_quotes_and_end_tags() {
        // "<script" inside a comment or a title is text, not a script.
        let html = "<!-- <script> --><title>A <script> tag</title><p>kept</p>\
                    <script data-x=\"a>b\">x = '</scripty>'; y</script ><p>after</p>";
        assert_eq!(
            strip_raw_text(html),
            "<!-- <script> --><title>A <script> tag</title><p>kept</p>\
             <script data-x=\"a>b\"></script ><p>after</p>"
        );
        // Escaped script data and unterminated scripts are left to the parser.
        let html = "<script><!-- document.write('<script></script>') --></script><p>x</p>";
        assert_eq!(strip_raw_text(html), html);
        let html = "<p>a</p><script>never closed";
        assert_eq!(strip_raw_text(html), html);
    }

    #[test]
    fn same_tree_text_as_without_the_cut() {
        use scraper::Html;
        let html = "<html><head><title>T</title><style>x</style></head><body>\
                    <div><p>One <b>two</b></p><script>if (a < b) { c(); }</script>\
                    <noscript><p>no script</p></noscript><p>three</p></div></body></html>";
        let visible = |h: &str| {
            let doc = Html::parse_document(h);
            doc.root_element()
                .descendants()
                .filter_map(|n| {
                    let in_raw = n.ancestors().any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| matches!(e.name(), "script" | "style" | "noscript"))
                    });
                    n.value()
                        .as_text()
                        .filter(|_| !in_raw)
                        .map(|t| t.to_string())
                })
                .collect::<String>()
        };
        assert_eq!(visible(html), visible(&strip_raw_text(html)));
        assert_eq!(visible(html), "TOne twothree");
    }
}
