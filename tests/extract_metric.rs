//! The Rust implementation of the extraction benchmark's metric agrees with the reference
//! Python scorer (`score_extraction.py` from the shared tools, the benchmark's method).
//!
//! The expected figures below were computed by that scorer's `page_counts` and `aggregate` on
//! the same pairs (Python 3.11): Unicode words, apostrophes and underscores, texts shorter than
//! one shingle, repeated shingles, an empty prediction and CJK text. On the whole benchmark,
//! `cargo run --release --example extract_eval -- --dataset PATH --scorer score_extraction.py`
//! prints both results side by side.

use listen::extract::metric::{score_page, summarize};

/// (truth, prediction, tp, fp, fn, exact) as the Python scorer gives them.
const CASES: &[(&str, &str, f64, f64, f64, bool)] = &[
    (
        "The quick brown fox jumps over the lazy dog.",
        "The quick brown fox jumps over the lazy dog.",
        1.0,
        0.0,
        0.0,
        true,
    ),
    (
        "The quick brown fox jumps over the lazy dog.",
        "The quick brown fox jumps over the dog. Share this article!",
        0.4,
        0.4,
        0.2,
        false,
    ),
    (
        "L'été à Paris, c'est 35°C — «canicule»; les écoles ferment.",
        "L’été à Paris, c’est 35°C: canicule. Les écoles ferment! Publicité",
        0.46153846153846156,
        0.3076923076923077,
        0.23076923076923078,
        false,
    ),
    ("a b c", "a b c d", 0.0, 0.5, 0.5, false),
    (
        "one two three four one two three four one two three four",
        "one two three four",
        0.1111111111111111,
        0.0,
        0.8888888888888888,
        false,
    ),
    (
        "Ünïcödé wörds_with_underscores and 12,345 numbers 3.14",
        "wörds_with_underscores and 12 345 numbers",
        0.4,
        0.0,
        0.6,
        false,
    ),
    (
        "东京 2020 オリンピック 開催 決定",
        "东京 2020 オリンピック 開催",
        0.5,
        0.0,
        0.5,
        false,
    ),
    (
        "Some text that was not extracted at all here",
        "",
        0.0,
        0.0,
        1.0,
        false,
    ),
    (
        "Short",
        "Something else entirely different words here",
        0.0,
        0.75,
        0.25,
        false,
    ),
    (
        "Один два три четыре пять шесть",
        "Один два три четыре пять шесть семь восемь",
        0.6,
        0.4,
        0.0,
        false,
    ),
];

const PYTHON_PRECISION: f64 = 0.6333333333333333;
const PYTHON_RECALL: f64 = 0.4344444444444444;
const PYTHON_F1: f64 = 0.5153659382587582;

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

#[test]
fn page_counts_match_the_python_scorer() {
    for &(truth, pred, tp, fp, fn_, exact) in CASES {
        let s = score_page(truth, pred);
        assert!(
            close(s.tp, tp) && close(s.fp, fp) && close(s.fn_, fn_) && s.exact == exact,
            "{truth:?} / {pred:?}: got {s:?}, Python gives tp {tp} fp {fp} fn {fn_} exact {exact}"
        );
    }
}

#[test]
fn corpus_figures_match_the_python_scorer() {
    let pages: Vec<_> = CASES.iter().map(|c| score_page(c.0, c.1)).collect();
    let s = summarize(&pages);
    assert!(close(s.precision, PYTHON_PRECISION), "{s:?}");
    assert!(close(s.recall, PYTHON_RECALL), "{s:?}");
    assert!(close(s.f1, PYTHON_F1), "{s:?}");
    assert_eq!(s.empty, 1);
    assert_eq!(s.pages, CASES.len());
    // Rounded the way the scorer prints them.
    assert_eq!(format!("{:.3}", s.f1), "0.515");
}
