//! Where the player shows what it does: the full-screen player in a terminal with keys, the
//! line display (pipes, CI, or a terminal without a keyboard), or nothing (`--quiet`).
//! Messages follow: on standard error, except in the full screen, where they appear on the
//! status line and are printed once the terminal has been given back.

use std::io::IsTerminal;
use std::time::{Duration, Instant};

use super::display::Display;
use super::tui::{Tui, View};

/// How long a message stays on the status line.
const STATUS_TIME: Duration = Duration::from_secs(5);

pub enum Screen {
    Lines(Display),
    Full(Full),
}

pub struct Full {
    tui: Tui,
    status: Option<(String, Instant)>,
    /// Errors to print on standard error once the terminal is back.
    deferred: Vec<String>,
}

/// Whether to show colours: not with `NO_COLOR` set (to anything but the empty string).
pub fn color_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

impl Screen {
    /// The full screen when the display goes to a terminal and keys can be read from one
    /// (standard input, or /dev/tty when standard input is a pipe), unless `--quiet`,
    /// `TERM=dumb`, events on the same terminal, or standard input is itself a terminal that a
    /// source (`-`) reads from.
    pub fn choose(quiet: bool, on_stderr: bool, stdin_is_a_source: bool) -> Screen {
        // With `--events -` the display moves to standard error; if the events themselves go
        // to the terminal, a full screen would be drawn over them.
        let display_tty = if on_stderr {
            std::io::stderr().is_terminal() && !std::io::stdout().is_terminal()
        } else {
            std::io::stdout().is_terminal()
        };
        let stdin_tty = std::io::stdin().is_terminal();
        let keyboard = stdin_tty
            || std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open("/dev/tty")
                .is_ok();
        let dumb = std::env::var("TERM").is_ok_and(|t| t == "dumb");
        let full = !quiet && display_tty && keyboard && !dumb && !(stdin_is_a_source && stdin_tty);
        if full && let Ok(tui) = Tui::enter(on_stderr, color_allowed()) {
            return Screen::Full(Full {
                tui,
                status: None,
                deferred: Vec::new(),
            });
        }
        Screen::Lines(Display::new(quiet, on_stderr))
    }

    pub fn is_full(&self) -> bool {
        matches!(self, Screen::Full(_))
    }

    /// An error: `listen: ` and the message on standard error (deferred in the full screen).
    pub fn error(&mut self, message: &str) {
        match self {
            Screen::Lines(_) => eprintln!("listen: {message}"),
            Screen::Full(f) => {
                f.status = Some((message.to_string(), Instant::now()));
                f.deferred.push(message.to_string());
            }
        }
    }

    /// Information for the listener ("Resuming at sentence 12 of 48; ...").
    pub fn note(&mut self, message: &str) {
        match self {
            Screen::Lines(_) => eprintln!("{message}"),
            Screen::Full(f) => f.status = Some((message.to_string(), Instant::now())),
        }
    }

    /// A short-lived message on the status line of the full screen (nothing elsewhere).
    pub fn flash(&mut self, message: &str) {
        if let Screen::Full(f) = self {
            f.status = Some((message.to_string(), Instant::now()));
        }
    }

    /// The status line's current message, if still fresh.
    pub fn status(&self) -> Option<&str> {
        match self {
            Screen::Full(f) => f
                .status
                .as_ref()
                .filter(|(_, at)| at.elapsed() < STATUS_TIME)
                .map(|(m, _)| m.as_str()),
            Screen::Lines(_) => None,
        }
    }

    pub fn draw(&mut self, view: &View) {
        if let Screen::Full(f) = self {
            f.tui.draw(view);
        }
    }

    pub fn lines(&mut self) -> Option<&mut Display> {
        match self {
            Screen::Lines(d) => Some(d),
            Screen::Full(_) => None,
        }
    }

    /// Gives the terminal back and prints what was deferred.
    pub fn close(&mut self) {
        if let Screen::Full(f) = self {
            f.tui.leave();
            for m in f.deferred.drain(..) {
                eprintln!("listen: {m}");
            }
            // From now on, messages go straight to standard error.
            *self = Screen::Lines(Display::new(true, false));
        }
    }
}
