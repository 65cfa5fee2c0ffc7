//! Batches with real speech and no terminal: `--list` with URLs served on 127.0.0.1, loading
//! ahead while an article is spoken, the summary, and the sleep timer.

mod common;
mod player_common;

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::{Duration, Instant};

use common::sandbox::Sandbox;
use common::{article, stderr};
use player_common::*;

/// An HTTP server on 127.0.0.1 that answers every page after `delay` (a slow site), and notes
/// when each request arrived.
struct SlowServer {
    base: String,
    requests: std::sync::Arc<std::sync::Mutex<Vec<(String, Instant)>>>,
}

fn slow_server(pages: Vec<(&'static str, String)>, delay: Duration) -> SlowServer {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let base = format!("http://{}", listener.local_addr().expect("addr"));
    let requests = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let log = requests.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let pages = pages.clone();
            let log = log.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().expect("clone"));
                let mut first = String::new();
                if reader.read_line(&mut first).is_err() {
                    return;
                }
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                        break;
                    }
                }
                let path = first.split_whitespace().nth(1).unwrap_or("/").to_string();
                if let Ok(mut l) = log.lock() {
                    l.push((path.clone(), Instant::now()));
                }
                std::thread::sleep(delay);
                let body = pages
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, b)| b.clone());
                let (status, body) = match body {
                    Some(b) => ("200 OK", b),
                    None => ("404 Not Found", "not found".to_string()),
                };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    SlowServer { base, requests }
}

fn page(title: &str, text: &str) -> String {
    format!(
        "<!doctype html><html lang=en><head><title>{title}</title></head><body><article><h1>{title}</h1><p>{text}</p></article></body></html>"
    )
}

#[test]
fn a_list_loads_ahead_and_ends_with_a_summary() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    let delay = Duration::from_millis(2500);
    let server = slow_server(
        vec![
            (
                "/one",
                page(
                    "First page",
                    "The first page has two sentences to speak. They take a few seconds at this speed.",
                ),
            ),
            (
                "/two",
                page(
                    "Second page",
                    "The second page has a single short sentence.",
                ),
            ),
        ],
        delay,
    );
    let list = home.join("reading.txt");
    std::fs::write(
        &list,
        format!(
            "# my reading list\n\n{0}/one\nmissing-story.html\n   \n# {0}/commented-out\n{0}/two\n",
            server.base
        ),
    )
    .expect("write list");
    let events_path = home.join("events.jsonl");
    let mut cmd = common::listen(home);
    sandbox.apply(&mut cmd);
    let started = Instant::now();
    let out = cmd
        .args(["-q", "--rate", "2", "--events"])
        .arg(&events_path)
        .arg("--list")
        .arg(&list)
        .output()
        .expect("run");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "one source failed: {err}");
    assert!(err.contains("Read 2 of 3; skipped 0; failed 1."), "{err}");
    assert!(
        err.contains(&format!(
            "failed   {}",
            home.join("missing-story.html").display()
        )),
        "the missing file is named with its reason: {err}"
    );
    assert!(err.contains("no such file"), "{err}");
    let all = events(&events_path);
    let order: Vec<(String, u64)> = all
        .iter()
        .filter(|e| matches!(kind(e), "article_start" | "article_end" | "error"))
        .map(|e| (kind(e).to_string(), e["article"].as_u64().expect("article")))
        .collect();
    assert_eq!(
        order,
        vec![
            ("article_start".to_string(), 0),
            ("article_end".to_string(), 0),
            ("error".to_string(), 1),
            ("article_start".to_string(), 2),
            ("article_end".to_string(), 2),
        ]
    );
    // The second page was fetched while the first was spoken: no wait between them, although
    // the site takes 2.5 s to answer.
    let t = |k: &str, a: u64| {
        all.iter()
            .find(|e| kind(e) == k && e["article"] == a)
            .and_then(|e| e["t"].as_f64())
            .expect("event time")
    };
    let gap = t("article_start", 2) - t("article_end", 0);
    eprintln!("gap between the articles: {gap:.2} s (the site answers in 2.5 s)");
    assert!(gap < 1.0, "waited {gap:.2} s between articles");
    let requests = server.requests.lock().expect("log").clone();
    assert_eq!(requests.len(), 2, "{requests:?}");
    let first_spoken = started + Duration::from_secs_f64(t("article_start", 0));
    assert!(
        requests.iter().all(|(_, at)| *at < first_spoken),
        "both pages were requested before the first was spoken"
    );
    // Nothing was requested for the commented-out line.
    assert!(requests.iter().all(|(p, _)| p != "/commented-out"));
}

#[test]
fn the_sleep_timer_stops_at_the_end_of_a_sentence_or_an_article() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();

    // The voice list cached first, so the run starts speaking at once.
    let mut cmd = common::listen(home);
    sandbox.apply(&mut cmd);
    let out = cmd
        .args(["voices", "--lang", "en"])
        .output()
        .expect("voices");
    assert!(out.status.success(), "{}", stderr(&out));

    // --sleep 9s: stops at the end of the sentence playing 9 s into the run (the title takes
    // the first few seconds).
    let events_path = home.join("events.jsonl");
    let mut cmd = common::listen(home);
    sandbox.apply(&mut cmd);
    let out = cmd
        .args(["-q", "--rate", "2", "--sleep", "9s", "--events"])
        .arg(&events_path)
        .arg(article("kenya-reinforcements-haiti.txt"))
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let all = events(&events_path);
    let last = all.last().expect("events");
    assert_eq!(kind(last), "sentence_end", "{all:?}");
    let n = sentence(last).expect("index");
    let start = all
        .iter()
        .find(|e| kind(e) == "sentence_start" && sentence(e) == Some(n))
        .expect("its start");
    let (from, to) = (
        start["t"].as_f64().expect("t"),
        last["t"].as_f64().expect("t"),
    );
    assert!(
        from <= 9.0 && to >= 9.0,
        "the last sentence ({from:.2} s to {to:.2} s) was not the one playing at 9 s"
    );
    assert_eq!(
        position(home).expect("position")["sentence"].as_u64(),
        Some(n + 1)
    );
    assert!(
        stderr(&out).contains(&format!("Stopped at sentence {} of 18", n + 2)),
        "{}",
        stderr(&out)
    );

    // --sleep end: the first article only.
    let dir = home.join("folder");
    std::fs::create_dir_all(&dir).expect("mkdir");
    write_article(&dir.join("a.txt"), "Story A", &["Story A is short."]);
    write_article(&dir.join("b.txt"), "Story B", &["Story B is never read."]);
    let events_path = home.join("events2.jsonl");
    let mut cmd = common::listen(home);
    sandbox.apply(&mut cmd);
    let out = cmd
        .args(["-q", "--rate", "2", "--sleep", "end", "--events"])
        .arg(&events_path)
        .arg(&dir)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let all = events(&events_path);
    assert!(all.iter().all(|e| e["article"] == 0), "{all:?}");
    assert_eq!(kind(all.last().expect("events")), "article_end");
    let err = stderr(&out);
    assert!(err.contains("Read 1 of 2; skipped 1; failed 0."), "{err}");
    assert!(
        err.contains("b.txt: not reached (the sleep timer stopped before it)"),
        "{err}"
    );
}
