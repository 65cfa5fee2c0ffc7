//! Keys in a terminal and what they do.

use crossterm::event::{Event, EventStream, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use futures_util::StreamExt;

use super::session::Nav;

/// The terminal's key events, or nothing (pipes, CI: no keys).
pub struct Keys {
    stream: Option<EventStream>,
}

impl Keys {
    pub fn none() -> Keys {
        Keys { stream: None }
    }

    /// Keys from the terminal (standard input, or `/dev/tty` when standard input is a pipe).
    /// Only once the terminal is in raw mode.
    pub fn terminal() -> Keys {
        Keys {
            stream: Some(EventStream::new()),
        }
    }

    /// The next command; never resolves without a terminal, or once the terminal has gone.
    pub async fn next(&mut self) -> Command {
        loop {
            let Some(stream) = self.stream.as_mut() else {
                return std::future::pending().await;
            };
            match stream.next().await {
                Some(Ok(event)) => {
                    if let Some(c) = command(&event) {
                        return c;
                    }
                }
                Some(Err(_)) | None => self.stream = None,
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    TogglePause,
    Move(Nav),
    NextArticle,
    PreviousArticle,
    Faster,
    Slower,
    Quit,
    /// Ctrl-C in raw mode, where it arrives as a key rather than a signal.
    Interrupt,
    ToggleHelp,
    /// Close the help (Esc).
    CloseHelp,
    /// The terminal was resized or Ctrl-L asked for a fresh screen.
    Redraw,
}

/// Speed steps and limits.
pub const RATE_STEP: f64 = 0.1;

/// The keys as shown by `?` (and in the README).
pub const HELP: &[(&str, &str)] = &[
    (
        "space",
        "pause / resume (resumes at the start of the sentence)",
    ),
    ("← →", "previous / next sentence"),
    ("↑ ↓  [ ]", "previous / next paragraph"),
    ("p n", "previous / next article"),
    ("- +", "slower / faster, by 0.1x from 0.5x to 3.0x"),
    ("q", "quit (the position is saved)"),
    ("Ctrl-C", "stop at once (the position is saved)"),
    ("?", "show / hide the keys"),
];

pub fn command(event: &Event) -> Option<Command> {
    match event {
        Event::Key(key) => key_command(key),
        Event::Resize(..) => Some(Command::Redraw),
        _ => None,
    }
}

fn key_command(key: &KeyEvent) -> Option<Command> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::CONTROL) {
        return match key.code {
            KeyCode::Char('c') | KeyCode::Char('d') => Some(Command::Interrupt),
            KeyCode::Char('l') => Some(Command::Redraw),
            _ => None,
        };
    }
    Some(match key.code {
        KeyCode::Char(' ') | KeyCode::Char('k') => Command::TogglePause,
        KeyCode::Right => Command::Move(Nav::NextSentence),
        KeyCode::Left => Command::Move(Nav::PreviousSentence),
        KeyCode::Down | KeyCode::Char(']') => Command::Move(Nav::NextParagraph),
        KeyCode::Up | KeyCode::Char('[') => Command::Move(Nav::PreviousParagraph),
        KeyCode::Char('n') => Command::NextArticle,
        KeyCode::Char('p') => Command::PreviousArticle,
        KeyCode::Char('+') | KeyCode::Char('=') => Command::Faster,
        KeyCode::Char('-') | KeyCode::Char('_') => Command::Slower,
        KeyCode::Char('q') | KeyCode::Char('Q') => Command::Quit,
        KeyCode::Char('?') => Command::ToggleHelp,
        KeyCode::Esc => Command::CloseHelp,
        _ => return None,
    })
}

/// The next speed after a step up or down: in steps of 0.1, within 0.5x to 3.0x.
pub fn step_rate(rate: f64, faster: bool) -> f64 {
    let stepped = if faster {
        rate + RATE_STEP
    } else {
        rate - RATE_STEP
    };
    ((stepped * 10.0).round() / 10.0).clamp(crate::engine::rate::MIN, crate::engine::rate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> Event {
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn maps_the_keys() {
        assert_eq!(
            command(&key(KeyCode::Char(' '))),
            Some(Command::TogglePause)
        );
        assert_eq!(
            command(&key(KeyCode::Right)),
            Some(Command::Move(Nav::NextSentence))
        );
        assert_eq!(
            command(&key(KeyCode::Char('['))),
            Some(Command::Move(Nav::PreviousParagraph))
        );
        assert_eq!(command(&key(KeyCode::Char('+'))), Some(Command::Faster));
        assert_eq!(command(&key(KeyCode::Char('x'))), None);
        let ctrl_c = Event::Key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL));
        assert_eq!(command(&ctrl_c), Some(Command::Interrupt));
        assert_eq!(command(&Event::Resize(80, 24)), Some(Command::Redraw));
    }

    #[test]
    fn rate_steps_stay_in_range() {
        assert_eq!(step_rate(1.0, true), 1.1);
        assert_eq!(step_rate(1.27, false), 1.2); // back onto the 0.1 grid
        assert_eq!(step_rate(2.95, true), 3.0);
        assert_eq!(step_rate(3.0, true), 3.0);
        assert_eq!(step_rate(0.5, false), 0.5);
        let mut r = 1.0;
        for _ in 0..7 {
            r = step_rate(r, true);
        }
        assert_eq!(r, 1.7);
    }
}
