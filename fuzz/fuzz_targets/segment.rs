//! Segmenter and spoken form over arbitrary text, in every language with rules and a few
//! without: no panic, and every offset is a character boundary inside the text.
//!
//!     RUSTC_BOOTSTRAP=1 cargo fuzz run segment -s none -- -max_total_time=600

#![no_main]

use libfuzzer_sys::fuzz_target;
use listen::{segment, speech};

const LANGS: &[&str] = &["en", "fr", "es", "de", "it", "pt", "nl", "ru", "ja", "xx"];

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let lang = LANGS[usize::from(first) % LANGS.len()];
    let text = String::from_utf8_lossy(rest);
    let text = text.as_ref();
    for ranges in [segment::sentences(text, lang), segment::utterances(text, lang)] {
        let mut last = 0;
        for r in &ranges {
            assert!(r.start >= last && r.start < r.end && r.end <= text.len());
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            assert_eq!(s.trim(), s);
            last = r.end;
        }
    }
    let (lexicon, _) = speech::Lexicon::parse(text);
    let ctx = speech::Context {
        lexicon: Some(&lexicon),
        site: Some("example.com"),
    };
    for r in segment::utterances(text, lang) {
        let sentence = &text[r];
        for c in [speech::Context::default(), ctx] {
            let spoken = speech::normalize(sentence, lang, &c);
            let mut prev = 0;
            for e in &spoken.map {
                assert!(e[0] <= spoken.text.len() && e[1] <= sentence.len());
                assert!(e[0] >= prev);
                prev = e[0];
            }
            let ends = spoken.text.char_indices().map(|(p, _)| p);
            for p in ends.chain([spoken.text.len()]) {
                let o = spoken.original_offset(p);
                assert!(o <= sentence.len() && sentence.is_char_boundary(o));
            }
        }
    }
});
