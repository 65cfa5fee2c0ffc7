//! Fuzzes the extractor: any bytes, decoded as the `source` stage does, through HTML, text and
//! Markdown extraction. Besides not panicking, the output must keep the `Block` invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use listen::extract::{self, Format, Input};

fuzz_target!(|data: &[u8]| {
    let text = listen::source::decode::decode(data, None, true);
    let sniffed = extract::sniff(&text);
    for format in [Format::Html, Format::Text, Format::Markdown] {
        let input = Input {
            text: &text,
            format,
            url: Some("https://example.org/a"),
            content_language: Some("fr-CA, en"),
        };
        let article = extract::extract(&input);
        for b in &article.blocks {
            assert!(!b.text.is_empty(), "empty block from {format:?}");
            assert_eq!(b.text.trim(), b.text, "untrimmed block from {format:?}");
            assert!(!b.text.contains("  "), "double space from {format:?}");
            assert!(
                !b.text.contains(['\u{ad}', '\u{200b}', '\u{feff}']),
                "invisible character kept from {format:?}"
            );
        }
    }
    let _ = sniffed;
});
