//! Local files and standard input get the same care as URLs: missing, unreadable, a folder with
//! no articles, empty, binary, over the size limit, a device that never ends. Each is one message
//! naming the file and the cause, exit code 1, and the other sources are still read.

mod common;
#[path = "common/measured.rs"]
mod measured;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use measured::Measured;

const MAX_RSS: u64 = 100_000_000;
const HARD_LIMIT: Duration = Duration::from_secs(60);

fn cmd(home: &Path, args: &[&str]) -> Command {
    let mut c = common::listen(home);
    c.arg("text").args(args);
    c
}

fn run(args: &[&str]) -> Measured {
    let home = tempfile::tempdir().expect("tempdir");
    measured::run(&mut cmd(home.path(), args), HARD_LIMIT)
}

fn check_failure(m: &Measured, source: &str, cause: &str) {
    assert!(!m.killed, "listen hung: {m:#?}");
    assert_eq!(m.code, Some(1), "{m:#?}");
    assert!(m.elapsed < Duration::from_secs(10), "{m:#?}");
    assert!(
        m.max_rss < MAX_RSS,
        "peak memory {} MB",
        m.max_rss / 1_000_000
    );
    let lines: Vec<&str> = m.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one message: {m:#?}");
    let expected = format!("listen: {source}: {cause}");
    assert!(
        lines[0].starts_with(&expected),
        "expected \"{expected}…\", got: {}",
        lines[0]
    );
    println!(
        "{:>6.2} s {:>4} MB  {}",
        m.elapsed.as_secs_f64(),
        m.max_rss / 1_000_000,
        lines[0]
    );
}

fn path_str(p: &Path) -> String {
    p.display().to_string()
}

#[test]
fn missing_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = path_str(&dir.path().join("gone.html"));
    check_failure(&run(&[&p]), &p, "no such file or folder");
}

#[test]
fn unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("secret.html");
    std::fs::write(&file, "<p>A secret that nobody may read.</p>").expect("write");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let home = tempfile::tempdir().expect("tempdir");
    let p = path_str(&file);
    let mut c = cmd(home.path(), &[&p]);
    // Root reads any file: without the capabilities that allow it (dropped from the child's
    // bounding set before exec), root is held to the permission bits like everyone else.
    // SAFETY: prctl is async-signal-safe; nothing else runs between fork and exec.
    unsafe {
        c.pre_exec(|| {
            if libc::geteuid() == 0 {
                // CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (linux/capability.h).
                for cap in [1 as libc::c_ulong, 2] {
                    if libc::prctl(libc::PR_CAPBSET_DROP, cap, 0, 0, 0) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                }
            }
            Ok(())
        });
    }
    let m = measured::run(&mut c, HARD_LIMIT);
    check_failure(&m, &p, "permission denied");
}

#[test]
fn folder_with_no_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("photo.jpg"), b"\xff\xd8\xff\xe0").expect("write");
    std::fs::write(dir.path().join(".hidden.html"), "<p>Hidden.</p>").expect("write");
    std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
    let p = path_str(dir.path());
    check_failure(&run(&[&p]), &p, "a folder with no article files");
}

#[test]
fn empty_file_and_empty_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("empty.md");
    std::fs::write(&file, "\n \n").expect("write");
    let p = path_str(&file);
    check_failure(&run(&[&p]), &p, "the file is empty");
    // measured::run gives the child an empty standard input.
    check_failure(
        &run(&["-"]),
        "standard input",
        "nothing to read (standard input is empty)",
    );
}

#[test]
fn binary_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = dir.path().join("page.html");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..5000u32).map(|i| (i * 13 % 256) as u8));
    std::fs::write(&png, &bytes).expect("write");
    let p = path_str(&png);
    check_failure(&run(&[&p]), &p, "binary data (a PNG image), not an article");

    let pdf = dir.path().join("report.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    )
    .expect("write");
    let p = path_str(&pdf);
    check_failure(
        &run(&[&p]),
        &p,
        "binary data (a PDF document), not an article",
    );

    let noise = dir.path().join("noise.txt");
    let noise_bytes: Vec<u8> = (0..5000u32).map(|i| (i * 31 % 256) as u8).collect();
    std::fs::write(&noise, noise_bytes).expect("write");
    let p = path_str(&noise);
    check_failure(&run(&[&p]), &p, "binary data, not an article");
}

#[test]
fn over_the_size_limit() {
    let dir = tempfile::tempdir().expect("tempdir");
    // 25 MB, sparse: refused from its size, before reading.
    let big = dir.path().join("big.txt");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(25_000_000))
        .expect("sparse file");
    let p = path_str(&big);
    check_failure(&run(&[&p]), &p, "file larger than 20 MB");

    let small = dir.path().join("small.txt");
    std::fs::write(&small, "A sentence that repeats. ".repeat(200)).expect("write");
    let p = path_str(&small);
    check_failure(
        &run(&["--max-bytes", "1KB", &p]),
        &p,
        "file larger than 1 KB",
    );
    let m = run(&["--max-bytes", "1MB", &p]);
    assert_eq!(m.code, Some(0), "{m:#?}");
}

#[test]
fn a_device_that_never_ends_stops_at_the_limit() {
    let m = run(&["/dev/zero"]);
    check_failure(&m, "/dev/zero", "file larger than 20 MB");
}

#[test]
fn invalid_bytes_are_replaced_not_fatal() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("mixed.txt");
    let mut bytes = "The first sentence is plain. ".repeat(20).into_bytes();
    bytes.extend_from_slice(b"Then a broken byte \xff\xfe appears. And the text goes on.\n");
    std::fs::write(&file, bytes).expect("write");
    let p = path_str(&file);
    let m = run(&[&p]);
    assert_eq!(m.code, Some(0), "{m:#?}");
    assert!(m.stdout.contains("And the text goes on."), "{m:#?}");
}

#[test]
fn in_a_batch_the_good_files_are_still_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = dir.path().join("good.md");
    std::fs::write(
        &good,
        "# Market day\n\nThe market opens at eight. Bring your own bags.\n",
    )
    .expect("write");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").expect("write");
    let missing = dir.path().join("missing.html");
    let sources = [
        path_str(&missing),
        path_str(&good),
        path_str(&empty),
        "/dev/zero".to_string(),
        path_str(&common::article("kenya-reinforcements-haiti.txt")),
    ];
    let mut args = vec!["--json"];
    args.extend(sources.iter().map(String::as_str));
    let m = run(&args);
    assert_eq!(m.code, Some(1), "{m:#?}");
    assert!(m.max_rss < MAX_RSS);
    let lines = common::json_lines(&m.stdout);
    assert_eq!(lines.len(), 5, "{m:#?}");
    assert!(
        lines[0]["error"]
            .as_str()
            .is_some_and(|e| e.contains("no such file"))
    );
    assert_eq!(lines[1]["title"], "Market day");
    assert!(
        lines[2]["error"]
            .as_str()
            .is_some_and(|e| e.contains("empty"))
    );
    assert!(
        lines[3]["error"]
            .as_str()
            .is_some_and(|e| e.contains("larger than 20 MB"))
    );
    assert!(
        lines[4]["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Kenya"))
    );
    assert_eq!(m.stderr.lines().count(), 3, "{m:#?}");
}
