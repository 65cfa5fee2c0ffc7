//! Reading positions with real speech and no terminal: saved at every sentence end so that a
//! `kill -9` loses at most the sentence being spoken; `--from`; a finished article starts from
//! the top; a changed article resumes at the same sentence text.

mod common;
mod player_common;

use std::time::Duration;

use common::sandbox::Sandbox;
use common::{article, stderr};
use player_common::*;

const LONG: Duration = Duration::from_secs(60);

/// Starts reading and stops with Ctrl-C at the first sentence: where did it start, what did it
/// say on standard error?
fn first_sentence(
    home: &std::path::Path,
    sandbox: &Sandbox,
    name: &str,
    args: &[&str],
) -> (u64, String) {
    let events_path = home.join(name);
    // At 1.5x even a short sentence lasts long enough for Ctrl-C to land inside it.
    let mut all = vec![
        "-q",
        "--rate",
        "1.5",
        "--events",
        events_path.to_str().expect("path"),
    ];
    all.extend_from_slice(args);
    let mut child = spawn_plain(home, sandbox, &all);
    let i = wait_event_of(&mut child, &events_path, 0, "sentence_start", LONG);
    signal(&child, "-INT");
    assert_eq!(
        wait_child(&mut child, Duration::from_secs(5)).code(),
        Some(130)
    );
    let out = child.wait_with_output().expect("output");
    let first = sentence(&events(&events_path)[i]).expect("index");
    (first, stderr(&out))
}

/// Starts reading `src` at 3x with events, without a terminal.
fn spawn_fast(
    home: &std::path::Path,
    sandbox: &Sandbox,
    events_path: &std::path::Path,
    src: &str,
) -> std::process::Child {
    let events = events_path.to_str().expect("path");
    spawn_plain(home, sandbox, &["--rate", "3", "--events", events, src])
}

#[test]
fn the_position_survives_kill_9() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    let source = article("kenya-reinforcements-haiti.txt");
    let src = source.to_str().expect("path");
    let events_path = home.join("events.jsonl");
    let mut child = spawn_fast(home, &sandbox, &events_path, src);
    // In the middle of the third sentence (after two sentence ends).
    let mut at = 0;
    for _ in 0..2 {
        at = wait_event_of(&mut child, &events_path, at, "sentence_end", LONG) + 1;
    }
    let started = wait_event_of(&mut child, &events_path, at, "sentence_start", LONG);
    std::thread::sleep(Duration::from_millis(400));
    signal(&child, "-KILL");
    let status = wait_child(&mut child, Duration::from_secs(5));
    assert_eq!(status.code(), None, "killed by a signal");

    let all = events(&events_path);
    let last_end = all
        .iter()
        .rev()
        .find(|e| kind(e) == "sentence_end")
        .and_then(sentence)
        .expect("a sentence ended");
    let playing = sentence(&all[started]).expect("index");
    let saved = position(home).expect("a position file that reads as JSON");
    let resume = saved["sentence"].as_u64().expect("sentence");
    // At worst the sentence being spoken is read again: never a later one, never further back.
    assert_eq!(resume, last_end + 1, "{saved}");
    assert!(resume <= playing, "{saved}");
    assert_eq!(saved["finished"], false);
    assert_eq!(
        saved["key"],
        std::fs::canonicalize(&source)
            .expect("path")
            .display()
            .to_string()
    );
    // No temporary file was left behind, whatever the moment of the kill.
    let names: Vec<String> = std::fs::read_dir(home.join("state/listen/positions"))
        .expect("positions")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(names.is_empty(), "{names:?}");

    let (first, err) = first_sentence(home, &sandbox, "events2.jsonl", &[src]);
    assert_eq!(first, resume);
    assert!(
        err.contains(&format!(
            "Resuming at sentence {} of 18; --restart starts over",
            resume + 1
        )),
        "{err}"
    );
    // --restart starts over.
    let (first, _) = first_sentence(home, &sandbox, "events3.jsonl", &["--restart", src]);
    assert_eq!(first, 0);
}

#[test]
fn from_finished_and_changed_articles() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    let file = home.join("story.txt");
    let src = file.to_str().expect("path");
    let paragraphs = [
        "The council met on Monday. It voted on the budget.",
        "The mayor spoke first. Then the public had its say.",
        "The vote was close. The budget passed by one vote.",
    ];
    write_article(&file, "A short story", &paragraphs);

    // --from 5 (counted from 1) starts at the fifth sentence, and reads to the end.
    let events_path = home.join("events.jsonl");
    let mut cmd = common::listen(home);
    sandbox.apply(&mut cmd);
    let out = cmd
        .args(["-q", "--rate", "3", "--from", "5", "--events"])
        .arg(&events_path)
        .arg(&file)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(starts(&events(&events_path), 0), vec![4, 5]);
    let saved = position(home).expect("position");
    assert_eq!(saved["finished"], true);

    // A finished article starts from the top.
    let (first, err) = first_sentence(home, &sandbox, "e2.jsonl", &[src]);
    assert_eq!(first, 0);
    assert!(err.contains("Read to the end last time"), "{err}");

    // Stopped at sentence 4 ("The mayor spoke first." is sentence 3 from 0)...
    let (first, _) = first_sentence(home, &sandbox, "e3.jsonl", &["--from", "3", src]);
    assert_eq!(first, 2);
    assert_eq!(
        position(home).expect("position")["text"],
        "The mayor spoke first."
    );
    // ...then the article changes: a paragraph is added at the top. Reading resumes at the same
    // sentence, now two further on.
    write_article(
        &file,
        "A short story",
        &[
            "An update came in overnight. It changes nothing below.",
            paragraphs[0],
            paragraphs[1],
            paragraphs[2],
        ],
    );
    let (first, err) = first_sentence(home, &sandbox, "e4.jsonl", &[src]);
    assert_eq!(first, 4, "{err}");
    assert!(
        err.contains("The article has changed since last time. Resuming at sentence 5 of 8"),
        "{err}"
    );
    // If the sentence is gone, reading starts at the top.
    write_article(
        &file,
        "A short story",
        &["Nothing of the old text is left. Not a word."],
    );
    let (first, err) = first_sentence(home, &sandbox, "e5.jsonl", &[src]);
    assert_eq!(first, 0);
    assert!(err.contains("starting from the top"), "{err}");

    // --from past the end is an error naming the source.
    let mut cmd = common::listen(home);
    sandbox.apply(&mut cmd);
    let out = cmd
        .args(["-q", "--from", "9"])
        .arg(&file)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("--from 9 is outside the article: it has 2 sentences"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn sigterm_stops_like_ctrl_c_and_saves_the_position() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    let source = article("kenya-reinforcements-haiti.txt");
    let src = source.to_str().expect("path");
    let events_path = home.join("events.jsonl");
    let mut child = spawn_fast(home, &sandbox, &events_path, src);
    // In the second sentence.
    let at = wait_event_of(&mut child, &events_path, 0, "sentence_end", LONG) + 1;
    let started = wait_event_of(&mut child, &events_path, at, "sentence_start", LONG);
    signal(&child, "-TERM");
    assert_eq!(
        wait_child(&mut child, Duration::from_secs(5)).code(),
        Some(130),
        "SIGTERM ends the run as Ctrl-C does"
    );
    let interrupted = sentence(&events(&events_path)[started]).expect("index");
    let (first, err) = first_sentence(home, &sandbox, "events2.jsonl", &[src]);
    assert_eq!(first, interrupted, "{err}");
}

#[test]
fn a_position_that_cannot_be_saved_is_said_once_and_reading_goes_on() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    // The state folder is a file: no position can be written.
    std::fs::write(home.join("state"), "not a folder").expect("write");
    let src = home.join("short.txt");
    write_article(
        &src,
        "Two short lines",
        &["The first one is here. The second one follows it. The third one ends it."],
    );
    let events_path = home.join("events.jsonl");
    let mut child = spawn_fast(home, &sandbox, &events_path, src.to_str().expect("path"));
    let status = wait_child(&mut child, LONG);
    let out = child.wait_with_output().expect("output");
    let err = stderr(&out);
    assert_eq!(status.code(), Some(0), "{err}");
    assert_eq!(
        err.matches("cannot save the reading position").count(),
        1,
        "{err}"
    );
    assert!(err.contains("Not a directory"), "{err}");
    let ends = events(&events_path)
        .iter()
        .filter(|e| kind(e) == "sentence_end")
        .count();
    assert_eq!(ends, 3, "every sentence was read");
}
