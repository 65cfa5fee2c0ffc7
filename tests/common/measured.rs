//! Runs a command as a child process with a hard time limit, and measures what the issue's
//! bounds are about: how long it took and its peak memory (max RSS, from `wait4`).
#![allow(dead_code)] // each test binary uses a different part of this module

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

#[derive(Debug)]
pub struct Measured {
    /// The exit code; `None` if killed by a signal (including our time limit).
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
    /// Peak resident memory of the child, in bytes.
    pub max_rss: u64,
    /// True when the time limit was hit and the child was killed.
    pub killed: bool,
}

/// Runs `cmd` (stdin closed, stdout and stderr captured), killing it after `limit`.
pub fn run(cmd: &mut Command, limit: Duration) -> Measured {
    let start = Instant::now();
    #[allow(clippy::zombie_processes)] // reaped below by wait4, which also gives the peak memory
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start listen");
    let pid = child.id() as libc::pid_t;
    let mut out_pipe = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out_pipe.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err_pipe.read_to_end(&mut v);
        v
    });
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; wait4 fills it in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut killed = false;
    loop {
        // SAFETY: pid is our own child; status and usage are valid out-pointers.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert!(r == 0, "wait4 failed: {}", std::io::Error::last_os_error());
        if start.elapsed() > limit && !killed {
            killed = true;
            // SAFETY: sending a signal to our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let elapsed = start.elapsed();
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let stdout = String::from_utf8_lossy(&out_reader.join().expect("stdout reader")).into_owned();
    let stderr = String::from_utf8_lossy(&err_reader.join().expect("stderr reader")).into_owned();
    Measured {
        code,
        stdout,
        stderr,
        elapsed,
        max_rss: usage.ru_maxrss as u64 * 1024, // kilobytes on Linux
        killed,
    }
}
