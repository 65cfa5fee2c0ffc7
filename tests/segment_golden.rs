//! The Golden Rules: English 48/48, and every rule of de, fr, es, it, nl and ru.
//!
//! The data is not part of the project: the test reads it from `LISTEN_SBD_DATA` (the folder
//! `data/sbd` of the shared material), else from `../shared/data/sbd` or
//! `../../shared/data/sbd` beside the checkout. It fails, saying so, when it finds none.

use std::path::PathBuf;

use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expected: Vec<String>,
}

fn data_dir() -> PathBuf {
    if let Ok(d) = std::env::var("LISTEN_SBD_DATA") {
        return PathBuf::from(d);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for rel in ["../shared/data/sbd", "../../shared/data/sbd"] {
        let p = root.join(rel);
        if p.is_dir() {
            return p;
        }
    }
    panic!(
        "sentence-boundary data not found: set LISTEN_SBD_DATA to the shared data/sbd folder \
         (see README, \"Sentences and spoken form\")"
    );
}

/// (passed, total, failures)
fn score(file: &str, lang: &str) -> (usize, usize, Vec<String>) {
    let path = data_dir().join(file);
    let json = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let cases: Vec<Case> = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{} is not a case list: {e}", path.display()));
    let mut failures = Vec::new();
    for c in &cases {
        let got: Vec<&str> = listen::segment::sentences(&c.text, lang)
            .into_iter()
            .map(|r| c.text[r].trim())
            .filter(|s| !s.is_empty())
            .collect();
        let want: Vec<&str> = c.expected.iter().map(|s| s.trim()).collect();
        if got != want {
            failures.push(format!("{}: want {want:?}, got {got:?}", c.name));
        }
    }
    (cases.len() - failures.len(), cases.len(), failures)
}

#[test]
fn golden_rules_pass() {
    let mut report = Vec::new();
    let mut all_pass = true;
    for lang in ["en", "de", "fr", "es", "it", "nl", "ru"] {
        let (pass, total, failures) = score(&format!("golden_rules_{lang}.json"), lang);
        report.push(format!("{lang}: {pass}/{total}"));
        if !failures.is_empty() {
            all_pass = false;
            report.extend(failures);
        }
    }
    eprintln!("Golden Rules: {}", report.join("\n"));
    assert!(all_pass, "{}", report.join("\n"));
}

#[test]
fn golden_rules_en_count_is_48() {
    let (pass, total, _) = score("golden_rules_en.json", "en");
    assert_eq!((pass, total), (48, 48));
}
