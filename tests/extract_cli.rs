//! `listen text --json` gives the same bodies as `listen::extract::extract` (the code path the
//! benchmark eval measures): on the sample articles and hand-written pages always, and on every
//! page of the article-extraction benchmark when `LISTEN_EXTRACTION_BENCHMARK` names its folder
//! (the data are not part of the project; see the README's "Article extraction").

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;
use std::process::Command;

use listen::extract::{self, Format, Input};

/// Bodies (blocks joined by blank lines) by file stem, from `listen text --json DIR`.
fn cli_bodies(dir: &Path) -> BTreeMap<String, String> {
    let out = match Command::new(env!("CARGO_BIN_EXE_listen"))
        .args(["text", "--json"])
        .arg(dir)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("running listen: {e}"),
    };
    let mut bodies = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => panic!("not JSON ({e}): {line}"),
        };
        let source = v["source"].as_str().unwrap_or_default();
        let stem = Path::new(source)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let body = v["blocks"]
            .as_array()
            .map(|b| {
                b.iter()
                    .filter_map(|b| b["text"].as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .unwrap_or_default();
        bodies.insert(stem, body);
    }
    bodies
}

fn library_body(bytes: &[u8]) -> String {
    let text = listen::source::decode::decode(bytes, None, true);
    extract::extract(&Input::new(&text, Format::Html)).body_text()
}

fn tempdir() -> tempfile::TempDir {
    match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("temporary folder: {e}"),
    }
}

fn write(path: &Path, bytes: &[u8]) {
    if let Err(e) = std::fs::write(path, bytes) {
        panic!("{}: {e}", path.display());
    }
}

fn assert_same(dir: &Path, expected: &BTreeMap<String, String>) {
    let got = cli_bodies(dir);
    assert_eq!(
        got.len(),
        expected.len(),
        "pages answered by listen text --json"
    );
    for (stem, body) in expected {
        assert_eq!(
            got.get(stem),
            Some(body),
            "{stem}: listen text --json differs"
        );
    }
}

#[test]
fn sample_and_hand_written_pages() {
    let dir = tempdir();
    let mut expected = BTreeMap::new();
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("articles");
    for name in [
        "kenya-reinforcements-haiti.html",
        "canicule-vigilance-orange.html",
    ] {
        let bytes = match std::fs::read(articles.join(name)) {
            Ok(b) => b,
            Err(e) => panic!("{name}: {e}"),
        };
        write(&dir.path().join(name), &bytes);
        expected.insert(
            name.trim_end_matches(".html").to_string(),
            library_body(&bytes),
        );
    }
    let pages: [(&str, &[u8]); 3] = [
        (
            "brs",
            b"<html><body><div>One paragraph here.<br><br>Another one, after two breaks.</div></body></html>",
        ),
        (
            "latin1",
            b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>D\xe9j\xe0 vu, na\xefve caf\xe9.</p></body></html>",
        ),
        (
            "jsonld-only",
            b"<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"Only here.\"}</script></head><body></body></html>",
        ),
    ];
    for (stem, bytes) in pages {
        write(&dir.path().join(format!("{stem}.html")), bytes);
        expected.insert(stem.to_string(), library_body(bytes));
    }
    assert!(expected.values().all(|b| !b.is_empty()));
    assert_same(dir.path(), &expected);
}

#[test]
fn benchmark_pages_when_available() {
    let Some(dataset) = std::env::var_os("LISTEN_EXTRACTION_BENCHMARK") else {
        eprintln!(
            "LISTEN_EXTRACTION_BENCHMARK not set: the benchmark pages are not compared \
             (the sample pages are, in sample_and_hand_written_pages)"
        );
        return;
    };
    let html = Path::new(&dataset).join("html");
    let entries = match std::fs::read_dir(&html) {
        Ok(e) => e,
        Err(e) => panic!("{}: {e}", html.display()),
    };
    let dir = tempdir();
    let mut expected = BTreeMap::new();
    for entry in entries.flatten() {
        let path = entry.path();
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let Some(stem) = name.strip_suffix(".html.gz") else {
            continue;
        };
        let mut bytes = Vec::new();
        let file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) => panic!("{}: {e}", path.display()),
        };
        if let Err(e) = flate2::read::GzDecoder::new(file).read_to_end(&mut bytes) {
            panic!("{}: {e}", path.display());
        }
        write(&dir.path().join(format!("{stem}.html")), &bytes);
        expected.insert(stem.to_string(), library_body(&bytes));
    }
    assert!(expected.len() >= 100, "only {} pages found", expected.len());
    assert_same(dir.path(), &expected);
}
