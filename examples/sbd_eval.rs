//! Scores the segmenter on the sentence-boundary sets (Golden Rules and the regression specs).
//!
//!     LISTEN_SBD_DATA=../shared/data/sbd cargo run --release --example sbd_eval [-- -v]
//!
//! A case passes when the sentences, each trimmed and empty ones dropped, equal `expected`
//! exactly (the scoring of the pySBD paper). Regression cases whose `options` ask for the source
//! segmenter's text cleaning (e.g. `{"doc_type": "pdf"}`, `{"clean": false}`) are counted apart:
//! listen never rewrites the text it segments (its sentences are byte ranges into it).

use std::path::{Path, PathBuf};

use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    expected: Vec<String>,
    #[serde(default)]
    options: Option<serde_json::Value>,
}

fn main() {
    let verbose = std::env::args().any(|a| a == "-v");
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .or_else(|| std::env::var("LISTEN_SBD_DATA").ok())
        .map(PathBuf::from);
    let Some(dir) = dir.filter(|d| d.is_dir()) else {
        eprintln!("sbd_eval: give the sbd data folder as LISTEN_SBD_DATA or an argument");
        std::process::exit(2);
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in [dir.clone(), dir.join("regression")] {
        if let Ok(rd) = std::fs::read_dir(&sub) {
            let mut v: Vec<PathBuf> = rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "json"))
                .collect();
            v.sort();
            files.extend(v);
        }
    }
    println!(
        "{:<34} {:>5} {:>9} {:>15}",
        "set", "lang", "passed", "cleaning cases"
    );
    for f in files {
        if let Err(e) = score(&f, verbose) {
            eprintln!("sbd_eval: {}: {e}", f.display());
        }
    }
}

fn lang_of(path: &Path) -> String {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let l = stem.rsplit('_').next().unwrap_or("en");
    if l.chars().all(|c| c.is_ascii_digit()) {
        "en".into()
    } else {
        l.into()
    }
}

fn score(path: &Path, verbose: bool) -> Result<(), Box<dyn std::error::Error>> {
    let cases: Vec<Case> = serde_json::from_str(&std::fs::read_to_string(path)?)?;
    let lang = lang_of(path);
    let (mut pass, mut total, mut clean_pass, mut clean_total) = (0, 0, 0, 0);
    for c in &cases {
        let got: Vec<&str> = listen::segment::sentences(&c.text, &lang)
            .into_iter()
            .map(|r| c.text[r].trim())
            .filter(|s| !s.is_empty())
            .collect();
        let ok = got == c.expected.iter().map(|s| s.trim()).collect::<Vec<_>>();
        let cleaning = c.options.as_ref().is_some_and(|o| !o.is_null());
        if cleaning {
            clean_total += 1;
            clean_pass += usize::from(ok);
        } else {
            total += 1;
            pass += usize::from(ok);
        }
        if !ok && verbose {
            println!(
                "  FAIL {} {}",
                c.name,
                if cleaning { "(cleaning)" } else { "" }
            );
            println!("    text: {:?}", c.text);
            for e in &c.expected {
                println!("    want: {e:?}");
            }
            for g in &got {
                println!("    got:  {g:?}");
            }
        }
    }
    let name = path
        .strip_prefix(
            path.parent()
                .and_then(Path::parent)
                .unwrap_or(Path::new("")),
        )
        .unwrap_or(path)
        .display()
        .to_string();
    let clean = if clean_total > 0 {
        format!("{clean_pass}/{clean_total}")
    } else {
        "-".into()
    };
    println!(
        "{name:<34} {lang:>5} {:>9} {clean:>15}",
        format!("{pass}/{total}")
    );
    Ok(())
}
