//! Test support: the real `listen` binary with an isolated environment, a private speech sandbox
//! (PulseAudio null sink + speech-dispatcher with espeak-ng, on private sockets) whose output is
//! recorded, and a small HTTP server on 127.0.0.1.
#![allow(dead_code)] // each test binary uses a different part of this module

pub mod http;
pub mod sandbox;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The project's folder (for `articles/`).
pub fn project_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn article(name: &str) -> PathBuf {
    project_dir().join("articles").join(name)
}

/// A `listen` command whose config, cache and state live in `home`, so tests never read or
/// change the user's, and never reach a user's speech-dispatcher.
pub fn listen(home: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_listen"));
    cmd.env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_RUNTIME_DIR", home.join("run"))
        .env(
            "SPEECHD_ADDRESS",
            format!("unix_socket:{}", home.join("no-speechd.sock").display()),
        )
        .env_remove("NO_COLOR")
        .current_dir(project_dir());
    cmd
}

/// Runs `cmd` with `input` on its standard input and collects its output. A failed write (listen
/// exited without reading everything) is left to the caller's assertions on the output.
pub fn output_with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn listen");
    if let Some(mut stdin) = child.stdin.take() {
        let _ = stdin.write_all(input);
    }
    child.wait_with_output().expect("wait for listen")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Reads a JSON Lines file.
pub fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}")))
        .collect()
}

/// The seed article's body paragraphs (what every sample page must yield).
pub fn seed_paragraphs() -> Vec<String> {
    let seed =
        std::fs::read_to_string(project_dir().join("articles/kenya-reinforcements-haiti.txt"))
            .expect("sample article");
    seed.split("\n\n")
        .skip(1) // the title
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}
