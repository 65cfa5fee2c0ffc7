//! `listen sentences` and the lexicon, through the real binary.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs listen with `args` and `stdin`, with its configuration folder at `config` (keeping the
/// user's own configuration and lexicon out of the tests).
fn run(config: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_listen"))
        .args(args)
        .env("XDG_CONFIG_HOME", config)
        .env("HOME", config)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("listen runs");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("write stdin");
    }
    child.wait_with_output().expect("listen finishes")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn one_sentence_per_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = run(
        dir.path(),
        &["sentences", "--lang", "en"],
        "Gen. Smith left at 2:00 a.m. local time. He\nreturned on Jan. 18! Did the U.S. agree?",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "Gen. Smith left at 2:00 a.m. local time.\nHe returned on Jan. 18!\nDid the U.S. agree?\n"
    );
}

#[test]
fn sentences_with_nothing_to_say_are_left_out_as_the_player_does() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = "Hello there.\n\n🎉🎉\n\nBye now.";
    let o = run(dir.path(), &["sentences", "--lang", "en", "--spoken"], text);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Hello there.\nBye now.\n");
    let o = run(dir.path(), &["sentences", "--lang", "en", "--json"], text);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let texts: Vec<&str> = v
        .as_array()
        .expect("an array")
        .iter()
        .map(|s| s["text"].as_str().expect("text"))
        .collect();
    assert_eq!(texts, ["Hello there.", "Bye now."]);
}

#[test]
fn spoken_form_and_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = run(
        dir.path(),
        &["sentences", "--lang", "en", "--spoken", "-"],
        "It cost $1.5 billion. King Charles III agreed.",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "It cost 1.5 billion dollars.\nKing Charles the Third agreed.\n"
    );

    let text = "  Prices rose 4.5% in 2024. See p. 12.";
    let o = run(dir.path(), &["sentences", "--lang", "en", "--json"], text);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let items = v.as_array().expect("an array");
    assert_eq!(items.len(), 2);
    for item in items {
        let start = item["start"].as_u64().expect("start") as usize;
        let end = item["end"].as_u64().expect("end") as usize;
        assert_eq!(item["text"].as_str(), Some(&text[start..end]));
        assert!(item["spoken_map"].is_array());
    }
    assert_eq!(
        items[0]["spoken"],
        "Prices rose 4.5% in twenty twenty-four."
    );
    assert_eq!(items[1]["spoken"], "See page 12.");
}

#[test]
fn lexicon_rules_apply_and_bad_lines_are_reported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let lex = dir.path().join("names.txt");
    std::fs::write(
        &lex,
        "Nguyen = Win\nthis line has no equals sign\n/(/ = x\n",
    )
    .expect("write");
    let lex = lex.to_string_lossy().into_owned();
    let o = run(
        dir.path(),
        &["sentences", "--lang", "en", "--spoken", "--lexicon", &lex],
        "Mr. Nguyen spoke.",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Mister Win spoke.\n");
    assert!(
        stderr(&o).contains("names.txt:2: missing '='"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("names.txt:3: bad regular expression"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn missing_lexicon_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    let o = run(
        dir.path(),
        &["sentences", "--lexicon", "/nonexistent/lexicon.txt"],
        "Hello.",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cannot read the lexicon /nonexistent/lexicon.txt"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn lexicon_in_the_config_directory_is_picked_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let conf = dir.path().join("listen");
    std::fs::create_dir_all(&conf).expect("mkdir");
    std::fs::write(conf.join("lexicon.txt"), "[lang en]\nSmith = Smyth\n").expect("write");
    let o = run(
        dir.path(),
        &["sentences", "--lang", "en", "--spoken"],
        "Dr. Smith left.",
    );
    assert_eq!(stdout(&o), "Doctor Smyth left.\n", "{}", stderr(&o));
    // Scoped to English: French text is untouched.
    let o = run(
        dir.path(),
        &["sentences", "--lang", "fr", "--spoken"],
        "M. Smith est parti.",
    );
    assert_eq!(stdout(&o), "Monsieur Smith est parti.\n", "{}", stderr(&o));
    // The configuration file's `lexicon` key names another file.
    std::fs::write(conf.join("words.txt"), "Smith = Smitty\n").expect("write");
    std::fs::write(conf.join("config.toml"), "lexicon = \"words.txt\"\n").expect("write");
    let o = run(
        dir.path(),
        &["sentences", "--lang", "en", "--spoken"],
        "Dr. Smith left.",
    );
    assert_eq!(stdout(&o), "Doctor Smitty left.\n", "{}", stderr(&o));
}

#[test]
fn listen_text_shows_the_spoken_form_with_the_lexicon() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("story.txt");
    std::fs::write(
        &file,
        "A story\n\nGen. Smith paid $5 on Jan. 18. Nguyen agreed.\n",
    )
    .expect("write");
    let lex = dir.path().join("lex.txt");
    std::fs::write(&lex, "Nguyen = Win\n").expect("write");
    let (file, lex) = (
        file.to_string_lossy().into_owned(),
        lex.to_string_lossy().into_owned(),
    );
    let o = run(
        dir.path(),
        &["text", "--spoken", "--lang", "en", "--lexicon", &lex, &file],
        "",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("General Smith paid 5 dollars on January 18th."),
        "{out}"
    );
    assert!(out.contains("Win agreed."), "{out}");
    let o = run(dir.path(), &["text", "--json", "--lang", "en", &file], "");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    let s = &v["blocks"][0]["sentences"][0];
    assert_eq!(s["text"], "Gen. Smith paid $5 on Jan. 18.");
    assert_eq!(s["spoken"], "General Smith paid 5 dollars on January 18th.");
    assert_eq!(s["spoken_map"][0], serde_json::json!([0, 0]));
}
