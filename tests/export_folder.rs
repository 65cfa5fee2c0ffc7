//! `listen export` of several articles into a folder: names, playlist, podcast feed, reruns, and
//! what an interrupted export leaves (nothing). Real binary, real libespeak-ng, worker processes.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{listen, output_with_stdin, project_dir, stderr};

fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let hex = (b[i] == b'%' && i + 2 < b.len())
            .then(|| u8::from_str_radix(&s[i + 1..i + 3], 16).ok())
            .flatten();
        if let Some(v) = hex {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).expect("UTF-8 name")
}

/// Checks feed.xml against the folder and returns its items' audio file names.
fn check_feed(dir: &Path, base: &str) -> Vec<String> {
    let xml = std::fs::read_to_string(dir.join("feed.xml")).expect("feed.xml");
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml is well-formed XML");
    let rss = doc.root_element();
    assert_eq!(rss.tag_name().name(), "rss");
    assert_eq!(rss.attribute("version"), Some("2.0"));
    let channel = rss
        .children()
        .find(|n| n.has_tag_name("channel"))
        .expect("channel");
    let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    assert!(
        channel
            .children()
            .any(|n| n.has_tag_name((itunes, "author")))
    );
    let mut files = Vec::new();
    let mut guids = HashSet::new();
    for item in channel.children().filter(|n| n.has_tag_name("item")) {
        let child = |name: &str| {
            item.children()
                .find(|n| n.has_tag_name(name))
                .unwrap_or_else(|| panic!("item without {name}"))
        };
        assert!(!child("title").text().unwrap_or("").trim().is_empty());
        assert!(guids.insert(child("guid").text().unwrap_or("").to_string()));
        assert!(child("pubDate").text().unwrap_or("").ends_with("+0000"));
        let enc = child("enclosure");
        let url = enc.attribute("url").expect("url");
        let name = url
            .strip_prefix(base)
            .unwrap_or_else(|| panic!("{url} does not start with {base}"));
        let name = percent_decode(name);
        let size = std::fs::metadata(dir.join(&name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .len();
        assert_eq!(enc.attribute("length"), Some(size.to_string().as_str()));
        assert_eq!(enc.attribute("type"), Some("audio/mpeg"));
        let duration = item
            .children()
            .find(|n| n.has_tag_name((itunes, "duration")))
            .and_then(|n| n.text())
            .expect("itunes:duration");
        let parts: Vec<u64> = duration
            .split(':')
            .map(|p| p.parse().expect("number"))
            .collect();
        assert_eq!(parts.len(), 3, "{duration}");
        assert!(
            parts[0] * 3600 + parts[1] * 60 + parts[2] >= 2,
            "{duration}"
        );
        files.push(name);
    }
    files
}

#[test]
fn folder_with_playlist_and_podcast_feed() {
    let h = home();
    let out = h.path().join("podcast");
    let base = "https://example.org/podcast/";
    let export = |sources: &[PathBuf]| {
        listen(h.path())
            .args(["export", "--base-url", base, "-o"])
            .arg(&out)
            .args(sources)
            .output()
            .expect("run")
    };
    // The sample article as HTML, text and Markdown, and a French page: four articles, three
    // with the same title.
    let r = export(&[project_dir().join("articles")]);
    assert!(r.status.success(), "{}", stderr(&r));

    let files = check_feed(&out, base);
    assert_eq!(files.len(), 4, "one item per article");
    let unique: HashSet<_> = files.iter().collect();
    assert_eq!(unique.len(), 4);
    for f in &files {
        assert!(f.ends_with(".mp3"));
        assert!(out.join(f).with_extension("vtt").is_file());
    }
    assert!(files.iter().any(|f| f.starts_with("kenya-sends-270")));
    assert!(files.iter().any(|f| f.ends_with("-2.mp3")));

    let m3u = std::fs::read_to_string(out.join("playlist.m3u")).expect("playlist");
    assert!(m3u.starts_with("#EXTM3U\n"));
    let entries: Vec<&str> = m3u
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    assert_eq!(entries.len(), 4);
    for e in &entries {
        assert!(out.join(e).is_file(), "{e}");
    }
    assert_eq!(m3u.matches("#EXTINF:").count(), 4);

    // A rerun renders nothing and lists the same.
    let before: Vec<_> = files
        .iter()
        .map(|f| {
            std::fs::metadata(out.join(f))
                .and_then(|m| m.modified())
                .expect("mtime")
        })
        .collect();
    let r = export(&[project_dir().join("articles")]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert_eq!(
        stderr(&r).matches("Up to date").count(),
        4,
        "{}",
        stderr(&r)
    );
    let after: Vec<_> = files
        .iter()
        .map(|f| {
            std::fs::metadata(out.join(f))
                .and_then(|m| m.modified())
                .expect("mtime")
        })
        .collect();
    assert_eq!(before, after);
    assert_eq!(check_feed(&out, base).len(), 4);

    // A new article joins the folder's feed; the earlier ones stay.
    let extra = h.path().join("extra.md");
    std::fs::write(
        &extra,
        "# A short extra article\n\nIt has two sentences. This is the second one.\n",
    )
    .expect("write");
    let r = export(&[extra]);
    assert!(r.status.success(), "{}", stderr(&r));
    let files = check_feed(&out, base);
    assert_eq!(files.len(), 5);
    // Newest first.
    assert_eq!(files[0], "a-short-extra-article.mp3");
}

#[test]
fn hostile_titles_give_safe_unique_names() {
    let h = home();
    let work = h.path().join("work");
    let src = work.join("src");
    std::fs::create_dir_all(&src).expect("mkdir");
    let long = "Very long title ".repeat(19); // 304 characters
    let titles = [
        "../../etc/passwd",
        "../../etc/passwd",
        long.as_str(),
        "🎉🎉🎉",
        "",
        ".hidden",
        "CON",
        "a/b\\c:d*e?f\"g<h>i|j",
    ];
    for (i, t) in titles.iter().enumerate() {
        let html = format!(
            "<!doctype html><html lang=\"en\"><head><title>{t}</title></head><body><article>\
             <p>This is article number {i}. It is short but it is an article. Every article \
             here has a hostile title, and each must still get a safe file name.</p>\
             </article></body></html>"
        );
        std::fs::write(src.join(format!("page{i}.html")), html).expect("write");
    }
    let out = work.join("out");
    let r = listen(h.path())
        .args(["export", "--format", "wav", "-o"])
        .arg(&out)
        .arg(&src)
        .output()
        .expect("run");
    assert!(r.status.success(), "{}", stderr(&r));

    // Nothing was written outside the output folder.
    assert_eq!(names_in(&work), vec!["out", "src"]);
    let names = names_in(&out);
    let audio: Vec<&String> = names.iter().filter(|n| n.ends_with(".wav")).collect();
    assert_eq!(audio.len(), titles.len(), "{names:?}");
    let stems: HashSet<&str> = audio.iter().map(|n| n.trim_end_matches(".wav")).collect();
    assert_eq!(stems.len(), titles.len(), "unique names: {names:?}");
    for n in &names {
        assert!(!n.starts_with('.') && !n.starts_with('-'), "{n}");
        assert!(n.len() <= 100, "{n} is {} bytes", n.len());
        assert!(
            !n.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|']),
            "{n}"
        );
        assert!(!n.chars().any(char::is_whitespace), "{n}");
    }
    for stem in &stems {
        assert!(!stem.is_empty());
        assert!(
            stem.chars().all(|c| c.is_alphanumeric() || c == '-'),
            "{stem}"
        );
        let lower = stem.to_lowercase();
        assert!(lower != "con" && lower != "nul", "{stem}");
    }
    assert!(stems.contains("etc-passwd") && stems.contains("etc-passwd-2"));
    // The feed stays valid XML whatever the titles.
    let xml = std::fs::read_to_string(out.join("feed.xml")).expect("feed");
    let doc = roxmltree::Document::parse(&xml).expect("valid XML");
    assert_eq!(
        doc.descendants().filter(|n| n.has_tag_name("item")).count(),
        titles.len()
    );
}

/// A long article: the sample's text many times over (about an hour of speech).
fn long_article(dir: &Path, name: &str) -> PathBuf {
    let seed =
        std::fs::read_to_string(project_dir().join("articles/kenya-reinforcements-haiti.txt"))
            .expect("sample");
    let (title, body) = seed.split_once("\n\n").expect("title and body");
    let mut text = format!("{title} ({name})\n\n");
    for _ in 0..25 {
        text.push_str(body);
        text.push_str("\n\n");
    }
    let path = dir.join(format!("{name}.txt"));
    std::fs::write(&path, text).expect("write");
    path
}

/// Starts `cmd` with standard error piped, waits (up to a minute, the export still running)
/// until `ready(pid)` holds, then sends it SIGINT, as Ctrl-C does, and returns its output.
fn ctrl_c_when(
    cmd: &mut std::process::Command,
    ready: impl Fn(u32) -> bool,
) -> std::process::Output {
    let mut child = cmd
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    while !ready(child.id()) {
        assert!(child.try_wait().expect("status").is_none(), "ended early");
        assert!(start.elapsed() < Duration::from_secs(60), "never got there");
        std::thread::sleep(Duration::from_millis(20));
    }
    // SAFETY: sends SIGINT to the child we started.
    unsafe {
        libc::kill(child.id() as libc::pid_t, libc::SIGINT);
    }
    child.wait_with_output().expect("wait")
}

/// True when `pid` or one of its children has a file open in `dir` (on Linux, the unnamed file
/// an export writes shows as `DIR/#NNN (deleted)`). The folder itself does not count: the export
/// opens it to sweep leftovers before it installs its Ctrl-C handler, and a signal then ends it
/// by the default action (which once made this test fail under load).
fn writing_into(pid: u32, dir: &Path) -> bool {
    let mut pids = vec![pid];
    if let Ok(rd) = std::fs::read_dir("/proc") {
        for e in rd.flatten() {
            let Ok(stat) = std::fs::read_to_string(e.path().join("stat")) else {
                continue;
            };
            // pid (comm) state ppid ...
            let ppid = stat
                .rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().nth(1))
                .and_then(|p| p.parse::<u32>().ok());
            if let Some(p) = (ppid == Some(pid))
                .then(|| e.file_name().to_string_lossy().parse().ok())
                .flatten()
            {
                pids.push(p);
            }
        }
    }
    pids.iter().any(|p| {
        std::fs::read_dir(format!("/proc/{p}/fd"))
            .map(|rd| {
                rd.flatten().any(|fd| {
                    std::fs::read_link(fd.path())
                        .is_ok_and(|target| target != dir && target.starts_with(dir))
                })
            })
            .unwrap_or(false)
    })
}

/// Starts an export, kills it (SIGKILL) while it is writing, and returns what is left in `out`.
fn kill_midway(h: &Path, out: &Path, args: &[&str], sources: &[PathBuf]) -> Vec<String> {
    let mut child = listen(h)
        .args(["export", "--quiet", "-o"])
        .arg(out)
        .args(args)
        .args(sources)
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn");
    let dir = if out.extension().is_some() {
        out.parent().expect("parent").to_path_buf()
    } else {
        out.to_path_buf()
    };
    let dir = std::fs::canonicalize(&dir)
        .or_else(|_| {
            // The folder is made by the export itself: wait for it.
            let start = Instant::now();
            while !dir.exists() && start.elapsed() < Duration::from_secs(20) {
                std::thread::sleep(Duration::from_millis(20));
            }
            std::fs::canonicalize(&dir)
        })
        .expect("output folder");
    let start = Instant::now();
    while !writing_into(child.id(), &dir) {
        assert!(
            child.try_wait().expect("status").is_none(),
            "the export ended before it could be interrupted"
        );
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "never started writing"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let it write for a while, then kill it.
    std::thread::sleep(Duration::from_millis(700));
    assert!(child.try_wait().expect("status").is_none(), "still running");
    child.kill().expect("kill");
    child.wait().expect("wait");
    // Workers die with it; give a stray one time to show itself.
    std::thread::sleep(Duration::from_millis(1500));
    names_in(&dir)
}

#[test]
fn killed_export_leaves_no_partial_file() {
    let h = home();
    let src = h.path().join("src");
    std::fs::create_dir(&src).expect("mkdir");
    let one = long_article(&src, "one");
    let two = long_article(&src, "two");

    // One article, rendered in the export's own process.
    let file_dir = h.path().join("file");
    std::fs::create_dir(&file_dir).expect("mkdir");
    let left = kill_midway(
        h.path(),
        &file_dir.join("long.mp3"),
        &[],
        std::slice::from_ref(&one),
    );
    assert_eq!(left, Vec::<String>::new(), "partial files left: {left:?}");

    // Two articles, rendered by worker processes.
    let left = kill_midway(
        h.path(),
        &h.path().join("folder"),
        &["--jobs", "2"],
        &[one, two],
    );
    assert_eq!(left, Vec::<String>::new(), "partial files left: {left:?}");
}

#[test]
fn ctrl_c_keeps_finished_articles_and_exits_130() {
    let h = home();
    let src = h.path().join("src");
    std::fs::create_dir(&src).expect("mkdir");
    let long = long_article(&src, "long");
    let short = src.join("short.md");
    std::fs::write(
        &short,
        "# A short one\n\nIt is done quickly. Then the export goes on with the long one.\n",
    )
    .expect("write");
    let out = h.path().join("out");
    // Ctrl-C once the short article is complete, while the long one is still being written.
    let output = ctrl_c_when(
        listen(h.path())
            .args(["export", "--quiet", "--jobs", "2", "-o"])
            .arg(&out)
            .arg(&long)
            .arg(&short),
        |_| out.join("a-short-one.vtt").exists(),
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    let names = names_in(&out);
    assert_eq!(
        names,
        vec![
            "a-short-one.mp3",
            "a-short-one.vtt",
            "feed.xml",
            "playlist.m3u"
        ],
        "the finished article, its feed, and nothing of the long one"
    );
    let feed = std::fs::read_to_string(out.join("feed.xml")).expect("feed");
    assert_eq!(feed.matches("<item>").count(), 1);

    // One article rendered in the export's own process stops at the next sentence.
    let single = h.path().join("single");
    std::fs::create_dir(&single).expect("mkdir");
    let dir = std::fs::canonicalize(&single).expect("dir");
    let output = ctrl_c_when(
        listen(h.path())
            .args(["export", "--quiet", "-o"])
            .arg(single.join("long.mp3"))
            .arg(&long),
        |pid| writing_into(pid, &dir),
    );
    assert_eq!(
        output.status.code(),
        Some(130),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(names_in(&single), Vec::<String>::new());

    // Run again: the finished one is up to date, the long one is done (killed quickly here).
    let left = kill_midway(h.path(), &out, &[], &[long, short]);
    assert_eq!(
        left,
        vec![
            "a-short-one.mp3",
            "a-short-one.vtt",
            "feed.xml",
            "playlist.m3u"
        ]
    );
}

#[test]
fn ctrl_c_counts_the_articles_not_started_too() {
    let h = home();
    let src = h.path().join("src");
    std::fs::create_dir(&src).expect("mkdir");
    let sources: Vec<PathBuf> = ["one", "two", "three"]
        .iter()
        .map(|n| long_article(&src, n))
        .collect();
    let out = h.path().join("out");
    std::fs::create_dir(&out).expect("mkdir");
    let dir = std::fs::canonicalize(&out).expect("dir");
    let output = ctrl_c_when(
        listen(h.path())
            .args(["export", "--quiet", "--jobs", "2", "-o"])
            .arg(&out)
            .args(&sources),
        |pid| writing_into(pid, &dir),
    );
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(130), "{err}");
    // Two were being rendered, the third was waiting for a worker: none of them was exported.
    assert!(err.contains("3 articles were not exported"), "{err}");
}

#[test]
fn articles_from_standard_input_are_told_apart_by_title() {
    let h = home();
    let out = h.path().join("out");
    for text in [
        "First title\n\nThe first article. It is short.\n",
        "Second title\n\nThe second article. It is short too.\n",
    ] {
        let r = output_with_stdin(
            listen(h.path()).args(["export", "-o"]).arg(&out).arg("-"),
            text.as_bytes(),
        );
        assert!(r.status.success(), "{}", stderr(&r));
    }
    let names = names_in(&out);
    assert!(names.contains(&"first-title.mp3".to_string()), "{names:?}");
    assert!(names.contains(&"second-title.mp3".to_string()), "{names:?}");
    let feed = std::fs::read_to_string(out.join("feed.xml")).expect("feed");
    assert_eq!(feed.matches("<item>").count(), 2);
}
