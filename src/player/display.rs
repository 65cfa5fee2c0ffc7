//! What the reader shows while speaking. In a terminal, the article's title in bold and the
//! sentence being spoken highlighted; otherwise (pipes, CI) plain lines, one per sentence.

use std::io::{IsTerminal, Write};

pub struct Display {
    out: Option<Box<dyn Write + Send>>,
    styled: bool,
}

impl Display {
    /// `to_stderr` when standard output carries the events.
    pub fn new(quiet: bool, to_stderr: bool) -> Self {
        if quiet {
            return Display {
                out: None,
                styled: false,
            };
        }
        let (out, tty): (Box<dyn Write + Send>, bool) = if to_stderr {
            (Box::new(std::io::stderr()), std::io::stderr().is_terminal())
        } else {
            (Box::new(std::io::stdout()), std::io::stdout().is_terminal())
        };
        Display {
            out: Some(out),
            styled: tty && super::screen::color_allowed(),
        }
    }

    pub fn article(&mut self, heading: &str) {
        let styled = self.styled;
        self.line(|| {
            if styled {
                format!("\n\x1b[1m{heading}\x1b[0m")
            } else {
                heading.to_string()
            }
        });
    }

    pub fn sentence(&mut self, number: usize, total: usize, text: &str) {
        let styled = self.styled;
        self.line(|| {
            if styled {
                format!("\x1b[2m[{number}/{total}]\x1b[0m \x1b[7m{text}\x1b[0m")
            } else {
                format!("[{number}/{total}] {text}")
            }
        });
    }

    /// In a terminal, the previous sentence loses its highlight once it has been spoken.
    pub fn sentence_done(&mut self, number: usize, total: usize, text: &str) {
        if !self.styled {
            return;
        }
        let Some(out) = self.out.as_mut() else { return };
        // Rewrite the lines the highlighted sentence took (it may have wrapped).
        let cols = crossterm::terminal::size()
            .map(|(c, _)| c.max(1) as usize)
            .unwrap_or(80);
        let width = format!("[{number}/{total}] {text}").chars().count();
        let rows = width.div_ceil(cols).max(1);
        let _ = write!(
            out,
            "\x1b[{rows}A\r\x1b[J\x1b[2m[{number}/{total}]\x1b[0m {text}\n"
        );
        let _ = out.flush();
    }

    pub fn note(&mut self, text: &str) {
        self.line(|| text.to_string());
    }

    fn line(&mut self, make: impl FnOnce() -> String) {
        if let Some(out) = self.out.as_mut() {
            let _ = writeln!(out, "{}", make()).and_then(|_| out.flush());
        }
    }
}
