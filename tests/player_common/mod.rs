//! Support for the player's tests: `listen` run in a pseudo-terminal (a private tmux server),
//! its `--events` file followed as it grows, positions on disk, and what speech-dispatcher's log
//! says about the speed of each utterance.
#![allow(dead_code)] // each test binary uses a different part

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::sandbox::Sandbox;
use crate::common::{json_lines, project_dir};

/// Waits until `ready` holds, or fails the test with `what`.
pub fn wait_until(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        assert!(start.elapsed() < timeout, "{what}: not within {timeout:?}");
        std::thread::sleep(Duration::from_millis(40));
    }
}

/// The events written so far.
pub fn events(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .map(|t| {
            // The last line may be half written.
            let complete = match t.rfind('\n') {
                Some(i) => &t[..=i],
                None => "",
            };
            json_lines(complete)
        })
        .unwrap_or_default()
}

pub fn kind(e: &serde_json::Value) -> &str {
    e["event"].as_str().unwrap_or("")
}

pub fn sentence(e: &serde_json::Value) -> Option<u64> {
    e["sentence"].as_u64()
}

/// Waits for the `n`-th event of `kind` after the first `after` events; returns its position.
pub fn wait_event(path: &Path, after: usize, kind_: &str, timeout: Duration) -> usize {
    let start = Instant::now();
    loop {
        let all = events(path);
        if let Some(i) = (after..all.len()).find(|&i| kind(&all[i]) == kind_) {
            return i;
        }
        assert!(
            start.elapsed() < timeout,
            "no {kind_} event after the first {after} within {timeout:?} in {}:\n{}",
            path.display(),
            std::fs::read_to_string(path).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(40));
    }
}

/// [`wait_event`] for a running `listen`: fails at once, with its standard error, if it exits
/// first.
pub fn wait_event_of(
    child: &mut Child,
    path: &Path,
    after: usize,
    kind_: &str,
    timeout: Duration,
) -> usize {
    let start = Instant::now();
    loop {
        let all = events(path);
        if let Some(i) = (after..all.len()).find(|&i| kind(&all[i]) == kind_) {
            return i;
        }
        if let Ok(Some(status)) = child.try_wait() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = std::io::Read::read_to_string(&mut e, &mut err);
            }
            panic!(
                "listen ended ({status}) before a {kind_} event after the first {after}: {err}\nevents: {}",
                std::fs::read_to_string(path).unwrap_or_default()
            );
        }
        assert!(
            start.elapsed() < timeout,
            "no {kind_} event after the first {after} within {timeout:?} in {}:\n{}",
            path.display(),
            std::fs::read_to_string(path).unwrap_or_default()
        );
        std::thread::sleep(Duration::from_millis(40));
    }
}

/// The sentence_start indexes among `events[from..]`.
pub fn starts(events: &[serde_json::Value], from: usize) -> Vec<u64> {
    events
        .iter()
        .skip(from)
        .filter(|e| kind(e) == "sentence_start")
        .filter_map(sentence)
        .collect()
}

/// A position file: the only one in the state folder of `home`.
pub fn position(home: &Path) -> Option<serde_json::Value> {
    let dir = home.join("state/listen/positions");
    let entries: Vec<PathBuf> = std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    assert!(entries.len() <= 1, "one article, one position: {entries:?}");
    let text = std::fs::read_to_string(entries.first()?).ok()?;
    Some(serde_json::from_str(&text).unwrap_or_else(|e| panic!("position file: {e}: {text}")))
}

/// Writes an article in plain text: a title, then paragraphs.
pub fn write_article(path: &Path, title: &str, paragraphs: &[&str]) {
    let mut text = format!("{title}\n\n");
    for p in paragraphs {
        text.push_str(p);
        text.push_str("\n\n");
    }
    std::fs::write(path, text).expect("write article");
}

/// A test article of long sentences (each about five seconds at 1.5x), so that keys land well
/// inside them. Three paragraphs: sentences 0-1, 2-3, 4-5.
pub const PARAGRAPHS: [&str; 3] = [
    "The first paragraph begins with a sentence long enough to be interrupted by a key press somewhere in the middle of it. \
     Its second sentence is just as long, so that a pause or a skip lands well inside it and not at either end.",
    "The second paragraph starts with another long sentence that gives the test plenty of time to press its keys. \
     It goes on with a sentence of its own that is equally long and unhurried, as sentences in these tests are.",
    "The third paragraph holds a sentence that is spoken at the new speed once the plus key has been pressed. \
     It ends the article with one more sentence that nobody is likely to hear all the way through today.",
];

fn shell_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// `listen` in a private tmux server: a pseudo-terminal of a given size whose screen can be read
/// and to which keys can be sent. When `listen` exits, its exit code and the terminal's mode
/// (`stty -a`) are written next to the events, and the pane stays open to be read.
pub struct Tmux {
    socket: PathBuf,
    pub exit_file: PathBuf,
    pub stty_file: PathBuf,
}

impl Tmux {
    pub fn start(
        home: &Path,
        sandbox: &Sandbox,
        size: (u16, u16),
        env: &[(&str, &str)],
        args: &[&str],
    ) -> Tmux {
        let script = home.join("run-listen.sh");
        let exit_file = home.join("exit-code");
        let stty_file = home.join("stty");
        let _ = std::fs::remove_file(&exit_file);
        let _ = std::fs::remove_file(&stty_file);
        let mut s = String::from("#!/bin/sh\n");
        for (k, v) in [
            ("HOME", home.display().to_string()),
            ("XDG_CONFIG_HOME", home.join("config").display().to_string()),
            ("XDG_CACHE_HOME", home.join("cache").display().to_string()),
            ("XDG_STATE_HOME", home.join("state").display().to_string()),
            ("XDG_RUNTIME_DIR", home.join("run").display().to_string()),
            ("SPEECHD_ADDRESS", sandbox.speechd_address.clone()),
        ] {
            s.push_str(&format!("export {k}={}\n", shell_quote(&v)));
        }
        s.push_str("unset NO_COLOR LISTEN_TEST_PANIC\nexport RUST_BACKTRACE=0\n");
        for (k, v) in env {
            s.push_str(&format!("export {k}={}\n", shell_quote(v)));
        }
        s.push_str(&format!(
            "cd {}\n",
            shell_quote(&project_dir().display().to_string())
        ));
        s.push_str(&shell_quote(env!("CARGO_BIN_EXE_listen")));
        for a in args {
            s.push(' ');
            s.push_str(&shell_quote(a));
        }
        s.push_str(&format!(
            "\ncode=$?\nstty -a > {} 2>&1\necho \"exit code $code\"\necho $code > {}\nsleep 600\n",
            shell_quote(&stty_file.display().to_string()),
            shell_quote(&exit_file.display().to_string()),
        ));
        std::fs::write(&script, s).expect("write script");
        let t = Tmux {
            socket: home.join("tmux.sock"),
            exit_file,
            stty_file,
        };
        let status = t
            .tmux()
            .args([
                "new-session",
                "-d",
                "-x",
                &size.0.to_string(),
                "-y",
                &size.1.to_string(),
            ])
            .arg(format!("sh {}", shell_quote(&script.display().to_string())))
            .status()
            .expect("run tmux (apt install tmux)");
        assert!(status.success(), "tmux new-session failed");
        t
    }

    fn tmux(&self) -> Command {
        let mut c = Command::new("tmux");
        c.arg("-S").arg(&self.socket).stdin(Stdio::null());
        c
    }

    /// Sends keys by tmux name (`Space`, `Right`, `q`, `C-c`).
    pub fn keys(&self, keys: &[&str]) {
        let status = self
            .tmux()
            .args(["send-keys", "-t", "0"])
            .args(keys)
            .status()
            .expect("tmux send-keys");
        assert!(status.success());
    }

    /// The screen as text.
    pub fn screen(&self) -> String {
        self.capture(false)
    }

    /// The screen with its escape sequences (colours and attributes).
    pub fn screen_escaped(&self) -> String {
        self.capture(true)
    }

    fn capture(&self, escapes: bool) -> String {
        let mut c = self.tmux();
        c.args(["capture-pane", "-p", "-t", "0"]);
        if escapes {
            c.arg("-e");
        } else {
            c.arg("-J"); // lines the terminal wrapped, joined again
        }
        let out = c.output().expect("tmux capture-pane");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    pub fn resize(&self, width: u16, height: u16) {
        let status = self
            .tmux()
            .args([
                "resize-window",
                "-t",
                "0",
                "-x",
                &width.to_string(),
                "-y",
                &height.to_string(),
            ])
            .status()
            .expect("tmux resize-window");
        assert!(status.success());
    }

    /// Waits for the screen to show `text`.
    pub fn wait_screen(&self, text: &str, timeout: Duration) -> String {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                start.elapsed() < timeout,
                "the screen does not show {text:?} within {timeout:?}:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// `listen`'s exit code, once it has exited.
    pub fn wait_exit(&self, timeout: Duration) -> i32 {
        let mut code = None;
        wait_until("listen exits", timeout, || {
            code = std::fs::read_to_string(&self.exit_file)
                .ok()
                .and_then(|t| t.trim().parse().ok());
            code.is_some()
        });
        code.unwrap_or(-1)
    }

    /// Whether the terminal was given back in its normal mode (canonical input and echo).
    pub fn terminal_restored(&self) -> bool {
        let stty = std::fs::read_to_string(&self.stty_file).unwrap_or_default();
        let words: Vec<&str> = stty.split_whitespace().collect();
        words.contains(&"icanon") && words.contains(&"echo")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self
            .tmux()
            .arg("kill-server")
            .stderr(Stdio::null())
            .status();
    }
}

/// `listen` without a terminal (as in pipes and CI), with its output piped.
pub fn spawn_plain(home: &Path, sandbox: &Sandbox, args: &[&str]) -> Child {
    let mut cmd = crate::common::listen(home);
    sandbox.apply(&mut cmd);
    cmd.args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn listen")
}

pub fn signal(child: &Child, sig: &str) {
    let status = Command::new("kill")
        .args([sig, &child.id().to_string()])
        .status()
        .expect("kill");
    assert!(status.success());
}

pub fn wait_child(child: &mut Child, timeout: Duration) -> std::process::ExitStatus {
    let start = Instant::now();
    loop {
        if let Ok(Some(s)) = child.try_wait() {
            return s;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            panic!("listen still running after {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// For each utterance that reached speech-dispatcher's output module, in order: the start of its
/// text and the rate it was spoken at (speech-dispatcher logs both at log level 5).
pub fn spoken_rates(sandbox: &Sandbox) -> Vec<(String, i64)> {
    let log = std::fs::read_to_string(sandbox.log_dir().join("speech-dispatcher.log"))
        .unwrap_or_default();
    let mut rate = 0;
    let mut out = Vec::new();
    for line in log.lines() {
        if let Some(r) = line.strip_prefix("rate=") {
            rate = r.trim().parse().unwrap_or(rate);
        } else if let Some(i) = line.find("Command sent to output module: |<speak>") {
            let text = &line[i + "Command sent to output module: |<speak>".len()..];
            out.push((text.to_string(), rate));
        }
    }
    out
}
