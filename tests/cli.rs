//! The `listen` binary without speech: `listen text` on real files, standard input, a URL on a
//! loopback server, folders and broken inputs; help, version, completions and the man page.

mod common;

use common::http::{Response, Server};
use common::{article, json_lines, listen, output_with_stdin, seed_paragraphs, stderr, stdout};

fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// The body sentences of a `listen text --json` line, joined per block.
fn blocks(v: &serde_json::Value) -> Vec<String> {
    v["blocks"]
        .as_array()
        .expect("blocks")
        .iter()
        .map(|b| b["text"].as_str().expect("text").to_string())
        .collect()
}

const CHROME: &[&str] = &[
    "Listen now",
    "Can't read it",
    "Share this article",
    "Advertisement",
    "More from the Americas",
    "Read more",
    "Comments",
    "cookies",
    "Get the Americas briefing",
    "All rights reserved",
    "Photo:",
    "Most read",
    "Gangs tighten grip",
    "Fly direct to Miami",
];

#[test]
fn sample_page_yields_the_article_and_no_chrome() {
    let h = home();
    let out = listen(h.path())
        .args(["text", "--json"])
        .arg(article("kenya-reinforcements-haiti.html"))
        .output()
        .expect("run listen");
    assert!(out.status.success(), "{}", stderr(&out));
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 1);
    let v = &lines[0];
    assert_eq!(
        v["title"],
        "Kenya sends 270 more soldiers to reinforce Haiti security mission"
    );
    assert_eq!(v["byline"], "Marie-Claire Joseph");
    assert_eq!(v["site_name"], "The Island Ledger");
    assert_eq!(v["lang"], "en");
    assert!(
        v["published"]
            .as_str()
            .is_some_and(|p| p.starts_with("2025-01-18"))
    );
    let body: Vec<String> = blocks(v)
        .into_iter()
        .filter(|b| b != "Criticism over slow progress")
        .collect();
    assert_eq!(
        body,
        seed_paragraphs()
            .into_iter()
            .filter(|b| b != "Criticism over slow progress")
            .collect::<Vec<_>>()
    );
    let all = stdout(&out);
    for chrome in CHROME {
        assert!(
            !all.contains(chrome),
            "page chrome {chrome:?} in the output"
        );
    }
}

#[test]
fn json_lines_format_is_complete() {
    let h = home();
    let out = listen(h.path())
        .args(["text", "--json"])
        .arg(article("kenya-reinforcements-haiti.html"))
        .output()
        .expect("run listen");
    let v = &json_lines(&stdout(&out))[0];
    for key in [
        "source",
        "title",
        "byline",
        "published",
        "site_name",
        "lang",
        "blocks",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    let mut n = 0;
    for b in v["blocks"].as_array().expect("blocks") {
        let kind = b["kind"].as_str().expect("kind");
        assert!(["heading", "paragraph", "list_item", "quote"].contains(&kind));
        let text = b["text"].as_str().expect("text");
        for s in b["sentences"].as_array().expect("sentences") {
            let (start, end) = (
                s["start"].as_u64().expect("start") as usize,
                s["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                &text[start..end],
                s["text"].as_str().expect("sentence text")
            );
            assert!(!s["spoken"].as_str().expect("spoken").is_empty());
            n += 1;
        }
    }
    assert!(n >= 18, "only {n} sentences");
    assert!(
        v["blocks"]
            .as_array()
            .expect("blocks")
            .iter()
            .any(|b| b["kind"] == "heading")
    );
}

#[test]
fn html_text_and_markdown_give_the_same_sentences() {
    let h = home();
    let mut sentences = Vec::new();
    for name in [
        "kenya-reinforcements-haiti.html",
        "kenya-reinforcements-haiti.txt",
        "kenya-reinforcements-haiti.md",
    ] {
        let out = listen(h.path())
            .args(["text", "--json"])
            .arg(article(name))
            .output()
            .expect("run");
        assert!(out.status.success(), "{name}: {}", stderr(&out));
        let v = &json_lines(&stdout(&out))[0];
        assert_eq!(
            v["title"], "Kenya sends 270 more soldiers to reinforce Haiti security mission",
            "{name}"
        );
        let texts: Vec<String> = v["blocks"]
            .as_array()
            .expect("blocks")
            .iter()
            .flat_map(|b| {
                b["sentences"]
                    .as_array()
                    .expect("s")
                    .iter()
                    .map(|s| s["text"].as_str().expect("t").to_string())
            })
            .collect();
        sentences.push(texts);
    }
    assert_eq!(sentences[0], sentences[1], "html vs txt");
    assert_eq!(sentences[0], sentences[2], "html vs md");
}

#[test]
fn text_output_shows_title_byline_and_numbered_sentences() {
    let h = home();
    let out = listen(h.path())
        .arg("text")
        .arg(article("kenya-reinforcements-haiti.html"))
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = stdout(&out);
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("Kenya sends 270 more soldiers to reinforce Haiti security mission")
    );
    assert!(
        lines
            .next()
            .is_some_and(|l| l.contains("Marie-Claire Joseph"))
    );
    assert!(text.contains("   1   Port-au-Prince, Haiti"));
    assert!(text.contains("2:00 a.m. local time."));
}

#[test]
fn french_article_is_french() {
    let h = home();
    let out = listen(h.path())
        .args(["text", "--json"])
        .arg(article("canicule-vigilance-orange.html"))
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let v = &json_lines(&stdout(&out))[0];
    assert_eq!(v["lang"], "fr");
    let body = blocks(v).join("\n");
    assert!(body.starts_with("Météo-France a placé douze départements"));
    for chrome in [
        "Écouter cet article",
        "À lire aussi",
        "Publicité",
        "cookies",
        "Réactions",
        "Tous droits réservés",
    ] {
        assert!(!body.contains(chrome), "{chrome:?} in the body");
    }
}

#[test]
fn standard_input_is_sniffed() {
    let h = home();
    for (input, title) in [
        (
            std::fs::read(article("kenya-reinforcements-haiti.html")).expect("read"),
            "Kenya sends 270 more soldiers to reinforce Haiti security mission",
        ),
        (
            b"A plain title\n\nFirst paragraph. Second sentence.\n".to_vec(),
            "A plain title",
        ),
    ] {
        let out = output_with_stdin(listen(h.path()).args(["text", "--json", "-"]), &input);
        assert!(out.status.success(), "{}", stderr(&out));
        let v = &json_lines(&stdout(&out))[0];
        assert_eq!(v["title"], title);
        assert_eq!(v["source"], "standard input");
    }
}

#[test]
fn url_on_a_loopback_server() {
    let page = std::fs::read(article("kenya-reinforcements-haiti.html")).expect("read");
    let server = Server::start(vec![(
        "/world/kenya",
        Response {
            status: "200 OK",
            content_type: "text/html; charset=utf-8",
            body: page,
        },
    )]);
    let h = home();
    let url = server.url("/world/kenya");
    let out = listen(h.path())
        .args(["text", "--json", &url])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let v = &json_lines(&stdout(&out))[0];
    assert_eq!(v["source"], url);
    assert_eq!(blocks(v)[0], seed_paragraphs()[0]);

    let missing = server.url("/nope");
    let out = listen(h.path())
        .args(["text", &missing])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(&missing) && stderr(&out).contains("404"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn folder_with_a_broken_file_reads_the_others() {
    let h = home();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        article("kenya-reinforcements-haiti.md"),
        dir.path().join("a-kenya.md"),
    )
    .expect("copy");
    std::fs::write(
        dir.path().join("b-broken.html"),
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
    )
    .expect("write");
    std::fs::copy(
        article("canicule-vigilance-orange.html"),
        dir.path().join("c-canicule.html"),
    )
    .expect("copy");
    std::fs::write(dir.path().join("notes.json"), b"{}").expect("write"); // not an article file: skipped
    let out = listen(h.path())
        .args(["text", "--json"])
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed file makes the exit code nonzero"
    );
    let lines = json_lines(&stdout(&out));
    assert_eq!(lines.len(), 3, "one line per article file, in name order");
    assert!(
        lines[0]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Kenya"))
    );
    assert!(
        lines[1]["source"]
            .as_str()
            .is_some_and(|s| s.ends_with("b-broken.html"))
    );
    assert!(
        lines[1]["error"]
            .as_str()
            .is_some_and(|e| e.contains("binary"))
    );
    assert_eq!(lines[2]["lang"], "fr");
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "one message: {err}");
    assert!(err.contains("b-broken.html"));
}

#[test]
fn missing_file_and_non_article() {
    let h = home();
    let out = listen(h.path())
        .args(["text", "no/such/article.html"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no/such/article.html: no such file"),
        "{}",
        stderr(&out)
    );

    let dir = tempfile::tempdir().expect("tempdir");
    let nav = dir.path().join("nav.html");
    std::fs::write(&nav, "<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav><footer>© 2025</footer></body></html>").expect("write");
    let out = listen(h.path())
        .arg("text")
        .arg(&nav)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no article text found"),
        "{}",
        stderr(&out)
    );

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").expect("write");
    let out = listen(h.path())
        .arg("text")
        .arg(&empty)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("empty"), "{}", stderr(&out));

    let empty_dir = tempfile::tempdir().expect("tempdir");
    let out = listen(h.path())
        .arg("text")
        .arg(empty_dir.path())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("no article files"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_2() {
    let h = home();
    let out = listen(h.path()).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = listen(h.path())
        .args(["--rate", "9", "x.html"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("outside 0.5 to 3"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_version_completions_and_man_page() {
    let h = home();
    let out = listen(h.path()).arg("--help").output().expect("run");
    assert!(out.status.success());
    assert!(stdout(&out).contains("--rate") && stdout(&out).contains("voices"));
    let out = listen(h.path()).arg("--version").output().expect("run");
    assert_eq!(
        stdout(&out).trim(),
        format!("listen {}", env!("CARGO_PKG_VERSION"))
    );
    let out = listen(h.path())
        .args(["completions", "bash"])
        .output()
        .expect("run");
    assert!(out.status.success() && stdout(&out).contains("_listen()"));
    let out = listen(h.path()).arg("man").output().expect("run");
    assert!(out.status.success() && stdout(&out).contains(".TH listen"));
}

#[test]
fn reading_aloud_without_a_speech_engine_fails_fast() {
    // `listen()` points SPEECHD_ADDRESS at a socket that does not exist.
    let h = home();
    let start = std::time::Instant::now();
    let out = listen(h.path())
        .arg(article("kenya-reinforcements-haiti.txt"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert!(start.elapsed() < std::time::Duration::from_secs(3));
    assert!(
        stderr(&out).contains("cannot reach the speech engine"),
        "{}",
        stderr(&out)
    );
}
