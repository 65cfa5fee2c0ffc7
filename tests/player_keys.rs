//! The player in a terminal, driven through a pseudo-terminal (a private tmux server) with real
//! speech in the private sandbox: keys, what the screen shows, the `--events` it writes, the
//! speed speech-dispatcher was asked for, the position saved, and the terminal given back.

mod common;
mod player_common;

use std::time::{Duration, Instant};

use common::sandbox::{Sandbox, analyse};
use common::stderr;
use player_common::*;

const LONG: Duration = Duration::from_secs(40);

/// Records the sink for `seconds` and tells how much of it held sound.
fn record(sandbox: &Sandbox, name: &str, seconds: f64) -> common::sandbox::Audio {
    let wav = sandbox.path().join(name);
    let mut rec = sandbox.record(&wav);
    std::thread::sleep(Duration::from_secs_f64(seconds));
    rec.stop();
    analyse(&wav)
}

#[test]
fn pause_skip_speed_quit_and_resume_next_time() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    let article = home.join("story.txt");
    write_article(&article, "A story for the keys", &PARAGRAPHS);
    let events_path = home.join("events.jsonl");
    let ev = events_path.to_str().expect("path");
    let src = article.to_str().expect("path");
    let tmux = Tmux::start(
        home,
        &sandbox,
        (100, 30),
        &[],
        &["--rate", "1.5", "--events", ev, src],
    );

    // The screen: title, the paragraph, progress and key hints.
    let first = wait_event(&events_path, 0, "sentence_start", LONG);
    assert_eq!(sentence(&events(&events_path)[first]), Some(0));
    let screen = tmux.wait_screen("Sentence 1 of 6", Duration::from_secs(5));
    assert!(screen.contains("A story for the keys"), "{screen}");
    assert!(screen.contains("The first paragraph begins"), "{screen}");
    assert!(screen.contains("left at 1.5x"), "{screen}");
    assert!(screen.contains("space pause"), "{screen}");
    // The sentence being spoken is highlighted (black on yellow).
    let escaped = tmux.screen_escaped();
    assert!(
        escaped.contains("\x1b[38;5;0m\x1b[48;5;11mThe first paragraph")
            || escaped.contains("\x1b[30m\x1b[43mThe first paragraph"),
        "no highlight:\n{escaped:?}"
    );

    // Speech is audible, then a pause silences it and stops sentence events.
    let playing = record(&sandbox, "playing.wav", 1.0);
    assert!(
        playing.active > 0.3,
        "no speech before the pause: {playing:?}"
    );
    tmux.keys(&["Space"]);
    tmux.wait_screen("PAUSED", Duration::from_secs(5));
    std::thread::sleep(Duration::from_millis(700));
    let before = events(&events_path).len();
    let paused = record(&sandbox, "paused.wav", 2.0);
    assert!(paused.seconds > 1.0, "recorded {paused:?}");
    assert_eq!(
        paused.active, 0.0,
        "speech went on during the pause: {paused:?}"
    );
    assert_eq!(
        events(&events_path).len(),
        before,
        "events during the pause: {:?}",
        &events(&events_path)[before..]
    );

    // Space again: reading resumes at the start of the interrupted sentence.
    tmux.keys(&["Space"]);
    let resumed = wait_event(&events_path, before, "sentence_start", LONG);
    assert_eq!(sentence(&events(&events_path)[resumed]), Some(0));

    // Right, a second into the sentence: the next sentence starts, exactly one further.
    std::thread::sleep(Duration::from_millis(1200));
    let mark = events(&events_path).len();
    tmux.keys(&["Right"]);
    let next = wait_event(&events_path, mark, "sentence_start", LONG);
    let all = events(&events_path);
    assert_eq!(sentence(&all[next]), Some(1), "{:?}", &all[mark..]);
    assert!(
        all[mark..next].iter().all(|e| kind(e) != "sentence_end"),
        "the skipped sentence did not end: {:?}",
        &all[mark..]
    );
    tmux.wait_screen("Sentence 2 of 6", Duration::from_secs(5));

    // +: the next sentence is spoken faster; the place is kept.
    std::thread::sleep(Duration::from_millis(800));
    tmux.keys(&["+"]);
    tmux.wait_screen("1.6x", Duration::from_secs(5));
    let mark = events(&events_path).len();
    let after_plus = wait_event(&events_path, mark, "sentence_start", LONG);
    let all = events(&events_path);
    assert_eq!(
        starts(&all, mark),
        vec![2],
        "the speed change kept the place: {:?}",
        &all[mark..]
    );
    let _ = after_plus;
    let rates = spoken_rates(&sandbox);
    let rate_of = |start: &str| {
        rates
            .iter()
            .rev()
            .find(|(t, _)| t.starts_with(start))
            .map(|(_, r)| *r)
            .unwrap_or_else(|| panic!("{start:?} never reached the output module: {rates:?}"))
    };
    let (r1, r2) = (
        rate_of("Its second sentence"),
        rate_of("The second paragraph starts"),
    );
    eprintln!("speech-dispatcher rates: sentence 2 at {r1}, sentence 3 at {r2}");
    assert!(
        r2 > r1,
        "+ did not raise the rate of the next utterance: {r1} then {r2}"
    );

    // q: quits at once, saves the position, and gives the terminal back.
    std::thread::sleep(Duration::from_millis(800));
    tmux.keys(&["q"]);
    let quit_at = Instant::now();
    assert_eq!(tmux.wait_exit(Duration::from_secs(5)), 0);
    assert!(quit_at.elapsed() < Duration::from_secs(3));
    assert!(tmux.terminal_restored(), "terminal left in raw mode");
    let screen = tmux.wait_screen("exit code 0", Duration::from_secs(5));
    assert!(screen.contains("Stopped at sentence 3 of 6"), "{screen}");
    let saved = position(home).expect("position saved on quit");
    assert_eq!(saved["sentence"], 2);
    assert_eq!(
        saved["text"],
        "The second paragraph starts with another long sentence that gives the test plenty of time to press its keys."
    );
    assert_eq!(saved["finished"], false);
    drop(tmux);

    // A new run (no terminal this time) resumes there, and says so.
    let events2 = home.join("events2.jsonl");
    let mut child = spawn_plain(
        home,
        &sandbox,
        &[
            "--rate",
            "2",
            "--events",
            events2.to_str().expect("path"),
            src,
        ],
    );
    let i = wait_event_of(&mut child, &events2, 0, "sentence_start", LONG);
    assert_eq!(sentence(&events(&events2)[i]), Some(2));
    signal(&child, "-INT");
    let status = wait_child(&mut child, Duration::from_secs(5));
    assert_eq!(status.code(), Some(130));
    let out = child.wait_with_output().expect("output");
    assert!(
        stderr(&out).contains("Resuming at sentence 3 of 6; --restart starts over"),
        "{}",
        stderr(&out)
    );
    // Ctrl-C saved the position too (the interrupted sentence is read again next time).
    assert_eq!(position(home).expect("position")["sentence"], 2);
}

#[test]
fn paragraphs_articles_help_resize_and_no_color() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    let dir = home.join("articles");
    std::fs::create_dir_all(&dir).expect("mkdir");
    write_article(&dir.join("1-first.txt"), "The first story", &PARAGRAPHS);
    write_article(
        &dir.join("2-second.txt"),
        "The second story",
        &[
            "The second story has a single sentence that is long enough to be heard for a few seconds at least.",
        ],
    );
    let events_path = home.join("events.jsonl");
    let tmux = Tmux::start(
        home,
        &sandbox,
        (90, 24),
        &[("NO_COLOR", "1")],
        &[
            "--rate",
            "1.5",
            "--events",
            events_path.to_str().expect("path"),
            dir.to_str().expect("path"),
        ],
    );
    wait_event(&events_path, 0, "sentence_start", LONG);
    let screen = tmux.wait_screen("Article 1 of 2", Duration::from_secs(5));
    assert!(screen.contains("n p article"), "{screen}");

    // NO_COLOR: no colours, the highlight in reverse video.
    let escaped = tmux.screen_escaped();
    assert!(
        sgr_params(&escaped).iter().any(|p| p.contains(&7)),
        "no reverse-video highlight: {escaped:?}"
    );
    let colours = colour_codes(&escaped);
    assert!(colours.is_empty(), "colours with NO_COLOR: {colours:?}");

    // ?: the keys.
    tmux.keys(&["?"]);
    let help = tmux.wait_screen("previous / next paragraph", Duration::from_secs(5));
    assert!(help.contains("slower / faster"), "{help}");
    tmux.keys(&["?"]);
    tmux.wait_screen("The first paragraph begins", Duration::from_secs(5));

    // Down: the next paragraph. Up at a paragraph's start: the previous one.
    let mark = events(&events_path).len();
    tmux.keys(&["Down"]);
    let i = wait_event(&events_path, mark, "sentence_start", LONG);
    assert_eq!(sentence(&events(&events_path)[i]), Some(2));
    let mark = events(&events_path).len();
    tmux.keys(&["]"]);
    let i = wait_event(&events_path, mark, "sentence_start", LONG);
    assert_eq!(sentence(&events(&events_path)[i]), Some(4));
    let mark = events(&events_path).len();
    tmux.keys(&["Up"]);
    let i = wait_event(&events_path, mark, "sentence_start", LONG);
    assert_eq!(sentence(&events(&events_path)[i]), Some(2));

    // A resize redraws the screen to the new size.
    tmux.resize(50, 16);
    let mut small = String::new();
    wait_until("a redraw at 50x16", Duration::from_secs(5), || {
        small = tmux.screen();
        let rows: Vec<&str> = small.lines().collect();
        // Redrawn by listen, not just cropped by tmux: the title back on top, the hints cut
        // to the new width with listen's mark.
        rows.len() <= 16
            && rows
                .first()
                .is_some_and(|r| r.starts_with("The first story"))
            && rows
                .last()
                .is_some_and(|r| r.starts_with("space") && r.ends_with('…'))
    });
    let rows: Vec<&str> = small.lines().collect();
    assert!(
        rows.iter().all(|r| unicode_width(r) <= 50),
        "lines wider than the terminal:\n{small}"
    );
    assert!(small.contains("Sentence 3 of 6"), "{small}");
    tmux.resize(90, 24);

    // n: the next article; p: back to the first one.
    let mark = events(&events_path).len();
    tmux.keys(&["n"]);
    let i = wait_event(&events_path, mark, "article_start", LONG);
    assert_eq!(events(&events_path)[i]["article"], 1);
    tmux.wait_screen("Article 2 of 2", Duration::from_secs(5));
    wait_event(&events_path, i, "sentence_start", LONG);
    let mark = events(&events_path).len();
    tmux.keys(&["p"]);
    let i = wait_event(&events_path, mark, "article_start", LONG);
    assert_eq!(events(&events_path)[i]["article"], 0);
    // The first article resumes where n left it.
    let j = wait_event(&events_path, i, "sentence_start", LONG);
    assert_eq!(sentence(&events(&events_path)[j]), Some(2));

    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit(Duration::from_secs(5)), 0);
    let screen = tmux.wait_screen("exit code 0", Duration::from_secs(5));
    assert!(
        screen.contains("Read 0 of 2; skipped 2; failed 0."),
        "{screen}"
    );
    assert!(
        screen.contains("left at sentence 3 of 6 (quit)"),
        "{screen}"
    );
    assert!(tmux.terminal_restored());
}

#[test]
fn the_terminal_is_restored_after_ctrl_c_and_after_a_panic() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    let article = home.join("story.txt");
    write_article(&article, "A story that stops", &PARAGRAPHS[..1]);
    let src = article.to_str().expect("path");
    let events_path = home.join("events.jsonl");

    // Ctrl-C (a key in raw mode): speech stops at once, exit code 130, position saved.
    let tmux = Tmux::start(
        home,
        &sandbox,
        (80, 24),
        &[],
        &[
            "--rate",
            "1.5",
            "--from",
            "2",
            "--events",
            events_path.to_str().expect("path"),
            src,
        ],
    );
    wait_event(&events_path, 0, "sentence_start", LONG);
    tmux.keys(&["C-c"]);
    assert_eq!(
        tmux.wait_exit(Duration::from_secs(5)),
        130,
        "{}",
        tmux.screen()
    );
    assert!(
        tmux.terminal_restored(),
        "terminal left in raw mode after Ctrl-C"
    );
    // (What the sound server had already buffered plays out within a few hundred ms.)
    std::thread::sleep(Duration::from_millis(300));
    let after = record(&sandbox, "after-ctrl-c.wav", 1.5);
    assert_eq!(after.active, 0.0, "speech went on after Ctrl-C: {after:?}");
    assert_eq!(position(home).expect("position")["sentence"], 1);
    drop(tmux);

    // A panic: the terminal is given back before the message is printed.
    let tmux = Tmux::start(
        home,
        &sandbox,
        (80, 24),
        &[("LISTEN_TEST_PANIC", "sentence")],
        &["--rate", "3", "--restart", src],
    );
    let code = tmux.wait_exit(LONG);
    assert_eq!(code, 101, "{}", tmux.screen());
    assert!(
        tmux.terminal_restored(),
        "terminal left in raw mode after a panic"
    );
    let screen = tmux.screen();
    // The message is readable on the normal screen, not lost on the alternate one.
    assert!(screen.contains("injected panic at sentence"), "{screen}");
}

fn unicode_width(s: &str) -> usize {
    s.chars().count()
}

/// The parameters of each SGR sequence (`ESC [ ... m`) in `text`.
fn sgr_params(text: &str) -> Vec<Vec<u32>> {
    let mut out = Vec::new();
    for (i, _) in text.match_indices("\x1b[") {
        let rest = &text[i + 2..];
        let Some(end) = rest.find(|c: char| !(c.is_ascii_digit() || c == ';')) else {
            continue;
        };
        if rest[end..].starts_with('m') {
            out.push(
                rest[..end]
                    .split(';')
                    .filter_map(|p| p.parse().ok())
                    .collect(),
            );
        }
    }
    out
}

/// The SGR sequences in `text` that set a colour (not the resets to the default colours, 39
/// and 49).
fn colour_codes(text: &str) -> Vec<Vec<u32>> {
    sgr_params(text)
        .into_iter()
        .filter(|params| {
            params
                .iter()
                .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107))
        })
        .collect()
}
