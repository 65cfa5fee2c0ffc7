//! `listen sentences` and the lexicon, through the real binary.

use assert_cmd::Command;
use predicates::prelude::*;

fn listen(config: &std::path::Path) -> Command {
    let mut c = Command::cargo_bin("listen").expect("the listen binary");
    // Keep the user's own configuration (and lexicon) out of the tests.
    c.env("XDG_CONFIG_HOME", config).env("HOME", config);
    c
}

#[test]
fn one_sentence_per_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    listen(dir.path())
        .args(["sentences", "--lang", "en"])
        .write_stdin("Gen. Smith left at 2:00 a.m. local time. He\nreturned on Jan. 18! Did the U.S. agree?")
        .assert()
        .success()
        .stdout("Gen. Smith left at 2:00 a.m. local time.\nHe returned on Jan. 18!\nDid the U.S. agree?\n");
}

#[test]
fn spoken_form_and_json() {
    let dir = tempfile::tempdir().expect("temp dir");
    listen(dir.path())
        .args(["sentences", "--lang", "en", "--spoken", "-"])
        .write_stdin("It cost $1.5 billion. King Charles III agreed.")
        .assert()
        .success()
        .stdout("It cost 1.5 billion dollars.\nKing Charles the Third agreed.\n");

    let text = "  Prices rose 4.5% in 2024. See p. 12.";
    let out = listen(dir.path())
        .args(["sentences", "--lang", "en", "--json"])
        .write_stdin(text)
        .output()
        .expect("runs");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
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
    listen(dir.path())
        .args(["sentences", "--lang", "en", "--spoken", "--lexicon"])
        .arg(&lex)
        .write_stdin("Mr. Nguyen spoke.")
        .assert()
        .success()
        .stdout("Mister Win spoke.\n")
        .stderr(predicate::str::contains("names.txt:2: missing '='"))
        .stderr(predicate::str::contains(
            "names.txt:3: bad regular expression",
        ));
}

#[test]
fn missing_lexicon_is_a_usage_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    listen(dir.path())
        .args(["sentences", "--lexicon", "/nonexistent/lexicon.txt"])
        .write_stdin("Hello.")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "cannot read the lexicon /nonexistent/lexicon.txt",
        ));
}

#[test]
fn lexicon_in_the_config_directory_is_picked_up() {
    let dir = tempfile::tempdir().expect("temp dir");
    let conf = dir.path().join("listen");
    std::fs::create_dir_all(&conf).expect("mkdir");
    std::fs::write(conf.join("lexicon.txt"), "[lang en]\nSmith = Smyth\n").expect("write");
    listen(dir.path())
        .args(["sentences", "--lang", "en", "--spoken"])
        .write_stdin("Dr. Smith left.")
        .assert()
        .success()
        .stdout("Doctor Smyth left.\n");
    // Scoped to English: French text is untouched.
    listen(dir.path())
        .args(["sentences", "--lang", "fr", "--spoken"])
        .write_stdin("M. Smith est parti.")
        .assert()
        .success()
        .stdout("Monsieur Smith est parti.\n");
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
    listen(dir.path())
        .args(["text", "--spoken", "--lang", "en", "--lexicon"])
        .arg(&lex)
        .arg(&file)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "General Smith paid 5 dollars on January 18th.",
        ))
        .stdout(predicate::str::contains("Win agreed."));
    let out = listen(dir.path())
        .args(["text", "--json", "--lang", "en"])
        .arg(&file)
        .output()
        .expect("runs");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let s = &v["blocks"][0]["sentences"][0];
    assert_eq!(s["text"], "Gen. Smith paid $5 on Jan. 18.");
    assert_eq!(s["spoken"], "General Smith paid 5 dollars on January 18th.");
    assert_eq!(s["spoken_map"][0], serde_json::json!([0, 0]));
}
