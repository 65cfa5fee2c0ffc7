//! The article-extraction benchmark's scoring method, so extraction quality can be measured from
//! Rust (`examples/extract_eval.rs`) and in tests (compare an extraction with a known text).
//!
//! The method of github.com/scrapinghub/article-extraction-benchmark, as the independent Python
//! scorer in the shared tools states it:
//! 1. tokens: maximal runs of word characters (Unicode alphanumeric or `_`, i.e. Python's `\w`),
//!    case kept;
//! 2. shingles: the multiset of token 4-grams (1 to 3 tokens give one shorter shingle; none, none);
//! 3. per page, tp/fp/fn from the two multisets, divided by their sum so that every page weighs 1;
//! 4. page precision and recall are 1 when fp = fn = 0;
//! 5. corpus precision: mean over pages whose prediction has shingles (an empty prediction only
//!    costs recall); corpus recall: mean over pages whose truth has shingles; F1 from the two means.

use std::collections::HashMap;

/// Shingle length.
pub const NGRAM: usize = 4;

/// Python's `str.isalnum()` or `_`. Rust's `char::is_alphanumeric` covers the Unicode
/// categories L* and N* (Alphabetic + Numeric), which is what Python tests too, except for a few
/// characters that are Alphabetic but not in L* (combining marks such as U+0345, and Nl/Other
/// letters), where the two differ; those never decide a page's score at 3 decimals.
fn is_word_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Word tokens of a text, in order.
pub fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if is_word_char(c) {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            tokens.push(&text[s..i]);
        }
    }
    if let Some(s) = start {
        tokens.push(&text[s..]);
    }
    tokens
}

fn shingles<'a>(tokens: &[&'a str]) -> HashMap<Vec<&'a str>, usize> {
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let last = (tokens.len() + 1).saturating_sub(NGRAM).max(1);
    for i in 0..last {
        let end = (i + NGRAM).min(tokens.len());
        *counts.entry(tokens[i..end].to_vec()).or_insert(0) += 1;
    }
    counts
}

/// One page's normalized counts.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PageScore {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
    /// The token lists are identical.
    pub exact: bool,
}

impl PageScore {
    /// True when the prediction has shingles (it counts towards precision).
    pub fn predicted(&self) -> bool {
        self.tp + self.fp > 0.0
    }

    /// True when the truth has shingles (it counts towards recall).
    pub fn has_truth(&self) -> bool {
        self.tp + self.fn_ > 0.0
    }

    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp + self.fp > 0.0 {
            self.tp / (self.tp + self.fp)
        } else {
            0.0
        }
    }

    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp + self.fn_ > 0.0 {
            self.tp / (self.tp + self.fn_)
        } else {
            0.0
        }
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

/// Scores one page: `truth` is the reference body, `pred` the extracted one.
pub fn score_page(truth: &str, pred: &str) -> PageScore {
    let (tt, pt) = (tokenize(truth), tokenize(pred));
    let (t, p) = (shingles(&tt), shingles(&pt));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (k, &a) in &t {
        let b = p.get(k).copied().unwrap_or(0);
        tp += a.min(b);
        fn_ += a.saturating_sub(b);
    }
    for (k, &b) in &p {
        let a = t.get(k).copied().unwrap_or(0);
        fp += b.saturating_sub(a);
    }
    let total = (tp + fp + fn_) as f64;
    let norm = |x: usize| if total > 0.0 { x as f64 / total } else { 0.0 };
    PageScore {
        tp: norm(tp),
        fp: norm(fp),
        fn_: norm(fn_),
        exact: tt == pt,
    }
}

/// Corpus figures.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Summary {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    /// Share of pages whose token lists match the truth's exactly.
    pub accuracy: f64,
    /// Pages whose prediction has no shingles.
    pub empty: usize,
    pub pages: usize,
}

/// Aggregates page scores the benchmark's way (means of page precision and recall, F1 of the
/// means). Figures are NaN when no page qualifies for a mean.
pub fn summarize(pages: &[PageScore]) -> Summary {
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            f64::NAN
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let precisions: Vec<f64> = pages
        .iter()
        .filter(|p| p.predicted())
        .map(PageScore::precision)
        .collect();
    let any_predicted = !precisions.is_empty();
    let precision = mean(precisions);
    let recall = mean(
        pages
            .iter()
            .filter(|p| p.has_truth())
            .map(PageScore::recall)
            .collect(),
    );
    let f1 = if !any_predicted {
        0.0
    } else if recall.is_nan() {
        f64::NAN
    } else if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Summary {
        f1,
        precision,
        recall,
        accuracy: if pages.is_empty() {
            f64::NAN
        } else {
            pages.iter().filter(|p| p.exact).count() as f64 / pages.len() as f64
        },
        empty: pages.iter().filter(|p| !p.predicted()).count(),
        pages: pages.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unicode_words() {
        assert_eq!(
            tokenize("L'été, c'est_ça: 3,5 km—non?"),
            vec!["L", "été", "c", "est_ça", "3", "5", "km", "non"]
        );
        assert!(tokenize(" ,;— ").is_empty());
    }

    #[test]
    fn short_texts_give_one_shingle() {
        let s = shingles(&["a", "b"]);
        assert_eq!(s.len(), 1);
        assert_eq!(s.get(&vec!["a", "b"]), Some(&1));
        let s = shingles(&["a", "b", "c", "d", "e"]);
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn identical_and_disjoint_pages() {
        let same = score_page("one two three four five", "one two three four five");
        assert!(same.exact);
        assert_eq!((same.precision(), same.recall()), (1.0, 1.0));
        let none = score_page("one two three four", "five six seven eight");
        assert_eq!((none.precision(), none.recall()), (0.0, 0.0));
        let empty = score_page("one two three four", "");
        assert!(!empty.predicted());
        assert_eq!(empty.recall(), 0.0);
    }

    #[test]
    fn partial_overlap_is_normalized() {
        // truth shingles: abcd bcde ; pred shingles: abcd bcdx -> tp 1, fp 1, fn 1 of 3.
        let s = score_page("a b c d e", "a b c d x");
        assert!((s.tp - 1.0 / 3.0).abs() < 1e-12);
        assert!((s.precision() - 0.5).abs() < 1e-12);
        assert!((s.recall() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn empty_prediction_only_costs_recall() {
        let pages = [
            score_page("a b c d e", "a b c d e"),
            score_page("a b c d", ""),
        ];
        let s = summarize(&pages);
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
        assert_eq!(s.empty, 1);
        assert!((s.f1 - 2.0 / 3.0).abs() < 1e-12);
    }
}
