//! The player's options that fail before any speech: bad values and lists are usage errors
//! (exit code 2) with a message naming the problem.

mod common;

use common::{listen, stderr};

fn run(home: &std::path::Path, args: &[&str]) -> (Option<i32>, String) {
    let out = listen(home).args(args).output().expect("run listen");
    (out.status.code(), stderr(&out))
}

#[test]
fn bad_values_are_usage_errors() {
    let home = tempfile::tempdir().expect("tempdir");
    let h = home.path();
    let (code, err) = run(
        h,
        &["--from", "0", "articles/kenya-reinforcements-haiti.txt"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("--from"), "{err}");
    let (code, err) = run(
        h,
        &["--sleep", "soon", "articles/kenya-reinforcements-haiti.txt"],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("\"soon\" is not a duration"), "{err}");
    let (code, err) = run(
        h,
        &[
            "--from",
            "3",
            "--restart",
            "articles/kenya-reinforcements-haiti.txt",
        ],
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("cannot be used with"), "{err}");
}

#[test]
fn list_files_are_checked_before_reading() {
    let home = tempfile::tempdir().expect("tempdir");
    let h = home.path();
    let missing = h.join("no-such-list.txt");
    let (code, err) = run(h, &["--list", missing.to_str().expect("path")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!("--list {}: no such file", missing.display())),
        "{err}"
    );

    let empty = h.join("empty.txt");
    std::fs::write(&empty, "# nothing yet\n\n").expect("write");
    let (code, err) = run(h, &["--list", empty.to_str().expect("path")]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("names no sources"), "{err}");

    let list = h.join("list.txt");
    std::fs::write(&list, "-\n").expect("write");
    let (code, err) = run(h, &["--list", list.to_str().expect("path"), "-"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("standard input (-) can be read only once"),
        "{err}"
    );

    // A list alone is enough: no SOURCE needed. (Without a speech engine in this test, the run
    // then stops at the engine: exit code 3, not a usage error.)
    let list = h.join("one.txt");
    let article = common::article("kenya-reinforcements-haiti.txt");
    std::fs::write(&list, format!("{}\n", article.display())).expect("write");
    let (code, err) = run(h, &["--list", list.to_str().expect("path")]);
    assert_eq!(code, Some(3), "{err}");
    assert!(err.contains("speech engine"), "{err}");
    let (code, err) = run(h, &[]);
    assert_eq!(code, Some(2));
    assert!(err.contains("SOURCE"), "{err}");
}
