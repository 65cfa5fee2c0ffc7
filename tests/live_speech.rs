//! Live speech through the real engine: a private PulseAudio null sink and speech-dispatcher
//! with espeak-ng (see `common::sandbox`), `listen` run as a user runs it, and the sink recorded.

mod common;

use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

use common::sandbox::{Sandbox, analyse};
use common::{article, json_lines, listen, output_with_stdin, stderr, stdout};

/// Words the engine is given for a source: the title and every sentence's spoken form.
fn spoken_words(home: &std::path::Path, source: &std::path::Path) -> (usize, usize) {
    let out = listen(home)
        .args(["text", "--json"])
        .arg(source)
        .output()
        .expect("run listen text");
    assert!(out.status.success(), "{}", stderr(&out));
    let v = &json_lines(&stdout(&out))[0];
    let mut words = v["title"].as_str().unwrap_or("").split_whitespace().count();
    let mut sentences = 0;
    for b in v["blocks"].as_array().expect("blocks") {
        for s in b["sentences"].as_array().expect("sentences") {
            words += s["spoken"]
                .as_str()
                .expect("spoken")
                .split_whitespace()
                .count();
            sentences += 1;
        }
    }
    (words, sentences)
}

struct Run {
    output: Output,
    events: Vec<serde_json::Value>,
    audio: common::sandbox::Audio,
    elapsed: Duration,
}

fn read_aloud(rate: &str, source: &std::path::Path) -> Run {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let events = home.path().join("events.jsonl");
    let wav = sandbox.path().join("speech.wav");
    let mut rec = sandbox.record(&wav);
    let mut cmd = listen(home.path());
    sandbox.apply(&mut cmd);
    let start = Instant::now();
    let output = cmd
        .args(["--rate", rate, "--events"])
        .arg(&events)
        .arg(source)
        .output()
        .expect("run listen");
    let elapsed = start.elapsed();
    std::thread::sleep(Duration::from_millis(300));
    rec.stop();
    Run {
        events: json_lines(&std::fs::read_to_string(&events).expect("events file")),
        audio: analyse(&wav),
        output,
        elapsed,
    }
}

fn check_events(events: &[serde_json::Value], sentences: usize, title: &str) {
    assert_eq!(
        events.first().map(|e| &e["event"]),
        Some(&"article_start".into())
    );
    assert_eq!(events[0]["text"], title);
    assert_eq!(
        events.last().map(|e| &e["event"]),
        Some(&"article_end".into())
    );
    let starts: Vec<u64> = events
        .iter()
        .filter(|e| e["event"] == "sentence_start")
        .map(|e| e["sentence"].as_u64().expect("index"))
        .collect();
    let ends: Vec<u64> = events
        .iter()
        .filter(|e| e["event"] == "sentence_end")
        .map(|e| e["sentence"].as_u64().expect("index"))
        .collect();
    let expected: Vec<u64> = (0..sentences as u64).collect();
    assert_eq!(starts, expected, "every sentence starts once, in order");
    assert_eq!(ends, expected, "every sentence ends once, in order");
    let times: Vec<f64> = events.iter().map(|e| e["t"].as_f64().expect("t")).collect();
    assert!(
        times.windows(2).all(|w| w[0] <= w[1]),
        "event times increase"
    );
    for e in events {
        for key in ["event", "article", "block", "sentence", "text", "t"] {
            assert!(e.get(key).is_some(), "event without {key}: {e}");
        }
    }
}

#[test]
fn reads_the_sample_article_aloud_and_faster_at_rate_2() {
    let source = article("kenya-reinforcements-haiti.html");
    let home = tempfile::tempdir().expect("tempdir");
    let (words, sentences) = spoken_words(home.path(), &source);
    let title = "Kenya sends 270 more soldiers to reinforce Haiti security mission";

    let normal = std::thread::spawn({
        let source = source.clone();
        move || read_aloud("1", &source)
    });
    let fast = read_aloud("2", &source);
    let normal = normal.join().expect("normal-speed run");

    // espeak-ng speaks 170 words a minute at 1x through speech-dispatcher, and pauses at
    // punctuation take about a fifth of the time (README, "Reading aloud"): 136 words a minute.
    for (name, run, wpm) in [("rate 1", &normal, 136.0), ("rate 2", &fast, 272.0)] {
        assert!(
            run.output.status.success(),
            "{name}: {}",
            stderr(&run.output)
        );
        check_events(&run.events, sentences, title);
        assert!(
            run.audio.rms > 0.02,
            "{name}: the recording is silent: {:?}",
            run.audio
        );
        let predicted = words as f64 / wpm * 60.0;
        let ratio = run.audio.speech_span / predicted;
        eprintln!(
            "{name}: {words} words, predicted {predicted:.1} s, speech {:.1} s (ratio {ratio:.2}), run {:.1} s",
            run.audio.speech_span,
            run.elapsed.as_secs_f64()
        );
        assert!(
            (0.65..=1.35).contains(&ratio),
            "{name}: speech lasted {:.1} s, predicted {predicted:.1} s",
            run.audio.speech_span
        );
    }
    assert!(
        fast.audio.speech_span < normal.audio.speech_span * 0.7,
        "rate 2 ({:.1} s) is not clearly shorter than rate 1 ({:.1} s)",
        fast.audio.speech_span,
        normal.audio.speech_span
    );
}

fn spawn_reading(
    sandbox: &Sandbox,
    home: &std::path::Path,
    source: &std::path::Path,
    events: &std::path::Path,
) -> Child {
    let mut cmd = listen(home);
    sandbox.apply(&mut cmd);
    cmd.arg("--events")
        .arg(events)
        .arg(source)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn listen")
}

fn wait_for_event(events: &std::path::Path, kind: &str, count: usize, timeout: Duration) {
    let start = Instant::now();
    loop {
        let n = std::fs::read_to_string(events)
            .map(|t| json_lines(&t).iter().filter(|e| e["event"] == kind).count())
            .unwrap_or(0);
        if n >= count {
            return;
        }
        assert!(
            start.elapsed() < timeout,
            "no {count} {kind} events within {timeout:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn wait_exit(child: &mut Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if let Ok(Some(s)) = child.try_wait() {
            return Some(s);
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    None
}

#[test]
fn watchdog_stops_when_the_audio_server_dies() {
    let mut sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let events = home.path().join("events.jsonl");
    let mut child = spawn_reading(
        &sandbox,
        home.path(),
        &article("kenya-reinforcements-haiti.html"),
        &events,
    );
    wait_for_event(&events, "sentence_start", 2, Duration::from_secs(60));
    sandbox.kill_audio();
    let killed = Instant::now();
    // The longest sentence of the article has 35 words: at 170 words a minute that is 12.4 s
    // expected, so the watchdog fires at the latest 3 x 12.4 + 5 = 42 s after it began.
    let status = wait_exit(&mut child, Duration::from_secs(60));
    let Some(status) = status else {
        let _ = child.kill();
        panic!("listen still running 60 s after the audio server died");
    };
    eprintln!(
        "listen stopped {:.1} s after the audio server died",
        killed.elapsed().as_secs_f64()
    );
    assert_eq!(status.code(), Some(3));
    let out = child.wait_with_output().expect("output");
    let err = stderr(&out);
    assert!(
        err.contains("the speech engine stopped responding"),
        "{err}"
    );
    assert!(err.contains("speech-dispatcher log"), "{err}");
    let ev = json_lines(&std::fs::read_to_string(&events).expect("events"));
    assert_eq!(ev.last().map(|e| &e["event"]), Some(&"error".into()));
}

#[test]
fn ctrl_c_stops_speech_at_once() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let events = home.path().join("events.jsonl");
    let mut child = spawn_reading(
        &sandbox,
        home.path(),
        &article("kenya-reinforcements-haiti.txt"),
        &events,
    );
    wait_for_event(&events, "sentence_start", 1, Duration::from_secs(60));
    std::thread::sleep(Duration::from_millis(500));
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("kill -INT");
    let status =
        wait_exit(&mut child, Duration::from_secs(2)).expect("listen exits within 2 s of Ctrl-C");
    assert_eq!(status.code(), Some(130));
    // Nothing keeps talking after the process has gone.
    let wav = sandbox.path().join("after.wav");
    let mut rec = sandbox.record(&wav);
    std::thread::sleep(Duration::from_millis(300));
    let mut rec_tail = {
        // parecord needs a moment to start; what it hears from now on must be silence.
        rec.stop();
        sandbox.record(&sandbox.path().join("after2.wav"))
    };
    std::thread::sleep(Duration::from_millis(2500));
    rec_tail.stop();
    let audio = analyse(&sandbox.path().join("after2.wav"));
    assert!(audio.seconds > 1.0, "recorded {audio:?}");
    assert_eq!(audio.active, 0.0, "speech went on after Ctrl-C: {audio:?}");
}

#[test]
fn folder_announces_each_article_and_skips_a_broken_one() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("1-first.txt"),
        "First story\n\nThe first story has one sentence.\n",
    )
    .expect("write");
    std::fs::write(dir.path().join("2-broken.html"), b"\0\x01\x02binary\0").expect("write");
    std::fs::write(
        dir.path().join("3-second.md"),
        "# Second story\n\nThe second story is short too.\n",
    )
    .expect("write");
    let events = home.path().join("events.jsonl");
    let mut cmd = listen(home.path());
    sandbox.apply(&mut cmd);
    let out = cmd
        .arg("--events")
        .arg(&events)
        .arg(dir.path())
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(1),
        "one file failed: {}",
        stderr(&out)
    );
    let shown = stdout(&out);
    assert!(shown.contains("Article 1 of 3: First story"), "{shown}");
    assert!(shown.contains("Article 3 of 3: Second story"), "{shown}");
    assert!(stderr(&out).contains("2-broken.html"));
    let ev = json_lines(&std::fs::read_to_string(&events).expect("events"));
    let kinds: Vec<(&str, u64)> = ev
        .iter()
        .map(|e| {
            (
                e["event"].as_str().expect("event"),
                e["article"].as_u64().expect("article"),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("article_start", 0),
            ("sentence_start", 0),
            ("sentence_end", 0),
            ("article_end", 0),
            ("error", 1),
            ("article_start", 2),
            ("sentence_start", 2),
            ("sentence_end", 2),
            ("article_end", 2),
        ]
    );
}

#[test]
fn voice_follows_the_language_and_a_missing_language_is_an_error() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let dir = tempfile::tempdir().expect("tempdir");
    let fr = dir.path().join("fr.txt");
    std::fs::write(&fr, "Une courte nouvelle\n\nLe conseil municipal a voté le budget de la ville mardi soir, après un long débat.\n").expect("write");
    let mut cmd = listen(home.path());
    sandbox.apply(&mut cmd);
    let out = cmd.arg("-q").arg(&fr).output().expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let log = std::fs::read_to_string(sandbox.log_dir().join("speech-dispatcher.log"))
        .unwrap_or_default();
    assert!(
        log.contains("French"),
        "speech-dispatcher did not use a French voice; log:\n{}",
        &log[log.len().saturating_sub(3000)..]
    );

    let mut cmd = listen(home.path());
    sandbox.apply(&mut cmd);
    let out = cmd
        .args(["-q", "--lang", "tlh"])
        .arg(&fr)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("no voice for language \"tlh\""),
        "{}",
        stderr(&out)
    );

    let mut cmd = listen(home.path());
    sandbox.apply(&mut cmd);
    let out = cmd
        .args(["voices", "--lang", "fr", "--json"])
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    let voices: Vec<serde_json::Value> = serde_json::from_str(&stdout(&out)).expect("JSON");
    assert!(
        !voices.is_empty() && voices.len() < 50,
        "{} voices",
        voices.len()
    );
    assert!(
        voices
            .iter()
            .all(|v| v["lang"].as_str().is_some_and(|l| l.starts_with("fr")))
    );
}

#[test]
fn no_audio_output_fails_within_seconds() {
    let mut sandbox = Sandbox::start();
    sandbox.kill_audio(); // speech-dispatcher runs, but there is nothing to play to
    let home = tempfile::tempdir().expect("tempdir");
    let events = home.path().join("events.jsonl");
    let mut child = spawn_reading(
        &sandbox,
        home.path(),
        &article("kenya-reinforcements-haiti.html"),
        &events,
    );
    let status = wait_exit(&mut child, Duration::from_secs(60));
    let Some(status) = status else {
        let _ = child.kill();
        panic!("listen still running after 60 s without audio output");
    };
    let err = stderr(&child.wait_with_output().expect("output"));
    assert_eq!(status.code(), Some(3), "{err}");
    let ev = json_lines(&std::fs::read_to_string(&events).expect("events"));
    assert_eq!(
        ev.first().map(|e| &e["event"]),
        Some(&"article_start".into()),
        "the title began"
    );
    assert_eq!(ev.last().map(|e| &e["event"]), Some(&"error".into()));
    // From the moment the title began to the error: the quick check on the first utterance.
    let waited =
        ev.last().and_then(|e| e["t"].as_f64()).unwrap_or(0.0) - ev[0]["t"].as_f64().unwrap_or(0.0);
    // Without a sound card or sound server in sight, the first utterance gets a short deadline
    // (1.5x its expected duration + 2 s: about 7 s for the title); elsewhere (a desktop with
    // /dev/snd) the full watchdog applies.
    let machine_has_audio = std::fs::read_dir("/dev/snd").is_ok();
    if machine_has_audio {
        assert!(
            err.contains("the speech engine stopped responding"),
            "{err}"
        );
    } else {
        assert!(err.contains("no audio output"), "{err}");
        assert!(waited < 10.0, "gave up {waited:.1} s after speech began");
    }
    assert!(err.contains("listen export"), "{err}");
}

#[test]
fn reads_a_url_and_standard_input_aloud_with_a_chosen_voice() {
    let sandbox = Sandbox::start();
    let home = tempfile::tempdir().expect("tempdir");
    let page = b"<html lang=en><head><title>Short story | Site</title></head><body><article>\
        <h1>Short story</h1><p>The council approved the budget on Tuesday evening.</p>\
        <p>The vote ended a long debate.</p></article></body></html>"
        .to_vec();
    let server = common::http::Server::start(vec![(
        "/story",
        common::http::Response {
            status: "200 OK",
            content_type: "text/html",
            body: page,
        },
    )]);
    let events = home.path().join("url.jsonl");
    let mut cmd = listen(home.path());
    sandbox.apply(&mut cmd);
    let out = cmd
        .args(["--rate", "2", "--voice", "English (America)", "--events"])
        .arg(&events)
        .arg(server.url("/story"))
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", stderr(&out));
    check_events(
        &json_lines(&std::fs::read_to_string(&events).expect("events")),
        2,
        "Short story",
    );
    let log = std::fs::read_to_string(sandbox.log_dir().join("speech-dispatcher.log"))
        .unwrap_or_default();
    assert!(
        log.contains("synthesis_voice=English (America)"),
        "the chosen voice was not used"
    );

    let events = home.path().join("stdin.jsonl");
    let mut cmd = listen(home.path());
    sandbox.apply(&mut cmd);
    let out = output_with_stdin(
        cmd.args(["--rate", "2", "--events"]).arg(&events).arg("-"),
        b"Piped title\n\nRead from a pipe. Two sentences.\n",
    );
    assert!(out.status.success(), "{}", stderr(&out));
    check_events(
        &json_lines(&std::fs::read_to_string(&events).expect("events")),
        2,
        "Piped title",
    );
    assert!(
        stdout(&out).contains("[2/2] Two sentences."),
        "{}",
        stdout(&out)
    );
}
