//! The full-screen player in a terminal: the title, the current paragraph with the sentence
//! being spoken highlighted, a status line, the progress line and the key hints.
//!
//! The screen is laid out by a pure function ([`layout`]) and drawn with crossterm on the
//! alternate screen in raw mode. The terminal is restored when the player ends, when it is
//! dropped while unwinding, and by a panic hook (before the panic message is printed, so the
//! message is readable). `NO_COLOR` turns colours off; the highlight then uses reverse video.

use std::io::Write;
use std::ops::Range;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

use crossterm::style::{
    Attribute, Color, Print, ResetColor, SetAttribute, SetBackgroundColor, SetForegroundColor,
};
use crossterm::terminal::{self, Clear, ClearType};
use crossterm::{cursor, execute, queue};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::keys::HELP;
use crate::article::BlockKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    Title,
    Meta,
    Heading,
    Spoken,
    Paused,
    Hint,
    Key,
    Status,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub text: String,
    pub style: Style,
}

pub type Line = Vec<Span>;

fn span(text: impl Into<String>, style: Style) -> Span {
    Span {
        text: text.into(),
        style,
    }
}

/// What the body area shows.
#[derive(Debug, Clone)]
pub enum Body<'a> {
    /// The current paragraph, with the byte range of the sentence to highlight.
    Paragraph {
        kind: BlockKind,
        text: &'a str,
        highlight: Option<Range<usize>>,
    },
    Message(&'a str),
}

#[derive(Debug, Clone, Copy)]
pub struct Progress {
    /// The current sentence, from 1; `None` while the title is spoken.
    pub sentence: Option<usize>,
    pub total: usize,
    pub elapsed: Duration,
    pub left: Duration,
    pub rate: f64,
}

/// Everything on the screen.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub title: &'a str,
    pub meta: Option<&'a str>,
    pub body: Body<'a>,
    pub progress: Option<Progress>,
    /// (article from 1, articles in the run)
    pub article: (usize, usize),
    pub paused: bool,
    pub status: Option<&'a str>,
    pub help: bool,
}

/// Lays the view out on a `width` x `height` screen: at most `height` lines, none wider than
/// `width` columns.
pub fn layout(view: &View, width: usize, height: usize) -> Vec<Line> {
    let width = width.max(1);
    let mut header: Vec<Line> = vec![
        vec![span(view.title, Style::Title)],
        view.meta
            .map(|m| vec![span(m, Style::Meta)])
            .unwrap_or_default(),
        Vec::new(),
    ];
    let footer: Vec<Line> = vec![
        view.status
            .map(|s| vec![span(s, Style::Status)])
            .unwrap_or_default(),
        progress_line(view),
        hints_line(view.article.1 > 1),
    ];
    let area = height.saturating_sub(header.len() + footer.len());
    let body: Vec<Line> = if view.help {
        help_lines()
    } else {
        match &view.body {
            Body::Message(m) => wrap_plain(m, width),
            Body::Paragraph {
                kind,
                text,
                highlight,
            } => paragraph(*kind, text, highlight.clone(), width, area),
        }
    };
    let mut lines = Vec::with_capacity(height);
    lines.append(&mut header);
    lines.extend(body.into_iter().take(area));
    while lines.len() < height.saturating_sub(footer.len()) {
        lines.push(Vec::new());
    }
    lines.extend(footer);
    let skip = lines.len().saturating_sub(height);
    lines
        .into_iter()
        .skip(skip)
        .map(|l| truncate(l, width))
        .collect()
}

pub fn clock(d: Duration) -> String {
    let s = d.as_secs();
    if s >= 3600 {
        format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
    } else {
        format!("{}:{:02}", s / 60, s % 60)
    }
}

fn progress_line(view: &View) -> Line {
    let mut parts: Vec<String> = Vec::new();
    if let Some(p) = view.progress {
        match p.sentence {
            Some(i) => parts.push(format!("Sentence {i} of {}", p.total)),
            None => parts.push(format!("Title ({} sentences)", p.total)),
        }
        parts.push(format!("{} elapsed", clock(p.elapsed)));
        parts.push(format!("{} left at {:.1}x", clock(p.left), p.rate));
    }
    if view.article.1 > 1 {
        parts.push(format!("Article {} of {}", view.article.0, view.article.1));
    }
    let mut line = vec![span(parts.join(" · "), Style::Plain)];
    if view.paused {
        line.push(span("   ", Style::Plain));
        line.push(span("PAUSED", Style::Paused));
    }
    line
}

fn hints_line(batch: bool) -> Line {
    let mut hints = vec![("space", "pause"), ("←→", "sentence"), ("↑↓", "paragraph")];
    if batch {
        hints.push(("n p", "article"));
    }
    hints.extend([("+ -", "speed"), ("q", "quit"), ("?", "keys")]);
    let mut line = Vec::new();
    for (i, (k, what)) in hints.into_iter().enumerate() {
        if i > 0 {
            line.push(span("  ", Style::Hint));
        }
        line.push(span(k, Style::Key));
        line.push(span(format!(" {what}"), Style::Hint));
    }
    line
}

fn help_lines() -> Vec<Line> {
    let mut lines = vec![vec![span("Keys", Style::Heading)]];
    for (k, what) in HELP {
        let pad = 12usize.saturating_sub(k.width());
        lines.push(vec![
            span(format!("  {k}"), Style::Key),
            span(format!("{}{what}", " ".repeat(pad)), Style::Plain),
        ]);
    }
    lines.push(Vec::new());
    lines.push(vec![span("? or Esc closes this help", Style::Hint)]);
    lines
}

fn wrap_plain(text: &str, width: usize) -> Vec<Line> {
    wrap(&words(text, None), width, 0)
        .into_iter()
        .map(|l| l.into_iter().map(|(t, _)| span(t, Style::Plain)).collect())
        .collect()
}

/// Words of `text` with whether each overlaps the highlighted byte range.
fn words(text: &str, highlight: Option<&Range<usize>>) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let lit = highlight.is_some_and(|h| s < h.end && i > h.start);
                out.push((text[s..i].to_string(), lit));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Greedy word wrap; words wider than the line are cut. The space between two highlighted
/// words is highlighted too. `indent` columns start every line but the first (a hanging indent).
fn wrap(words: &[(String, bool)], width: usize, indent: usize) -> Vec<Vec<(String, bool)>> {
    let width = width.max(indent + 1);
    let mut lines: Vec<Vec<(String, bool)>> = Vec::new();
    let mut line: Vec<(String, bool)> = Vec::new();
    let mut used = 0usize;
    let mut has_word = false;
    let mut last_lit = false;
    for (word, lit) in words {
        let mut rest = word.as_str();
        while !rest.is_empty() {
            let w = rest.width();
            let gap = usize::from(has_word);
            if used + gap + w <= width {
                if has_word {
                    line.push((" ".into(), last_lit && *lit));
                }
                line.push((rest.to_string(), *lit));
                used += gap + w;
                has_word = true;
                last_lit = *lit;
                break;
            }
            if !has_word {
                // A word wider than a whole line: cut it.
                let room = width - used;
                let mut cut = 0;
                let mut cols = 0;
                for (i, c) in rest.char_indices() {
                    let cw = c.width().unwrap_or(0);
                    if cols + cw > room {
                        break;
                    }
                    cols += cw;
                    cut = i + c.len_utf8();
                }
                if cut == 0 {
                    cut = rest.chars().next().map_or(rest.len(), char::len_utf8);
                }
                line.push((rest[..cut].to_string(), *lit));
                rest = &rest[cut..];
            }
            lines.push(std::mem::take(&mut line));
            line.push((" ".repeat(indent), false));
            used = indent;
            has_word = false;
        }
    }
    if has_word {
        lines.push(line);
    }
    lines
}

/// The paragraph wrapped, scrolled so that the highlighted sentence is in view.
fn paragraph(
    kind: BlockKind,
    text: &str,
    highlight: Option<Range<usize>>,
    width: usize,
    area: usize,
) -> Vec<Line> {
    let (prefix, indent) = match kind {
        BlockKind::ListItem => ("• ", 2),
        BlockKind::Quote => ("│ ", 2),
        _ => ("", 0),
    };
    let mut ws = words(text, highlight.as_ref());
    if !prefix.is_empty() {
        ws.insert(0, (prefix.trim_end().to_string(), false));
    }
    let base = if kind == BlockKind::Heading {
        Style::Heading
    } else {
        Style::Plain
    };
    let wrapped = wrap(&ws, width, indent);
    let lit_lines: Vec<usize> = wrapped
        .iter()
        .enumerate()
        .filter(|(_, l)| l.iter().any(|(_, lit)| *lit))
        .map(|(i, _)| i)
        .collect();
    let top = match (lit_lines.first(), lit_lines.last()) {
        (Some(&first), Some(&last)) if wrapped.len() > area && area > 0 => {
            let max_top = wrapped.len() - area;
            // One line of context above, then as much of the sentence as fits.
            let mut top = first.saturating_sub(1);
            if last >= top + area {
                top = (last + 1 - area).min(first);
            }
            top.min(max_top)
        }
        _ => 0,
    };
    wrapped
        .into_iter()
        .skip(top)
        .map(|l| {
            l.into_iter()
                .map(|(t, lit)| span(t, if lit { Style::Spoken } else { base }))
                .collect()
        })
        .collect()
}

/// Cuts a line to `width` columns, ending with "…" when something was cut.
fn truncate(line: Line, width: usize) -> Line {
    let total: usize = line.iter().map(|s| s.text.width()).sum();
    if total <= width {
        return line;
    }
    let mut out = Vec::new();
    let mut used = 0;
    let room = width.saturating_sub(1);
    for s in line {
        let mut text = String::new();
        for c in s.text.chars() {
            let w = c.width().unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            text.push(c);
        }
        let full = text.len() == s.text.len();
        out.push(Span {
            text,
            style: s.style,
        });
        if !full {
            break;
        }
    }
    if width > 0 {
        out.push(span("…", Style::Hint));
    }
    out
}

/// 0: no terminal taken over; 1: on standard output; 2: on standard error.
static ACTIVE: AtomicU8 = AtomicU8::new(0);

/// Gives the terminal back: normal mode, main screen, cursor shown. Safe to call any number of
/// times, from any thread (the panic hook).
pub fn restore_terminal() {
    let target = ACTIVE.swap(0, Ordering::SeqCst);
    if target == 0 {
        return;
    }
    let _ = terminal::disable_raw_mode();
    fn seq<W: Write>(mut w: W) {
        let _ = execute!(
            w,
            SetAttribute(Attribute::Reset),
            ResetColor,
            terminal::EnableLineWrap,
            cursor::Show,
            terminal::LeaveAlternateScreen
        );
    }
    if target == 1 {
        seq(std::io::stdout());
    } else {
        seq(std::io::stderr());
    }
}

fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore_terminal();
            previous(info);
        }));
    });
}

pub struct Tui {
    out: Box<dyn Write + Send>,
    color: bool,
}

impl Tui {
    /// Takes over the terminal on standard output (or standard error): raw mode, alternate
    /// screen, no cursor.
    pub fn enter(on_stderr: bool, color: bool) -> std::io::Result<Tui> {
        install_panic_hook();
        let mut out: Box<dyn Write + Send> = if on_stderr {
            Box::new(std::io::stderr())
        } else {
            Box::new(std::io::stdout())
        };
        terminal::enable_raw_mode()?;
        ACTIVE.store(if on_stderr { 2 } else { 1 }, Ordering::SeqCst);
        if let Err(e) = execute!(
            out,
            terminal::EnterAlternateScreen,
            cursor::Hide,
            terminal::DisableLineWrap,
            Clear(ClearType::All)
        ) {
            restore_terminal();
            return Err(e);
        }
        Ok(Tui { out, color })
    }

    pub fn draw(&mut self, view: &View) {
        if ACTIVE.load(Ordering::SeqCst) == 0 {
            return; // given back already (a panic elsewhere)
        }
        let (w, h) = terminal::size().unwrap_or((80, 24));
        let lines = layout(view, w as usize, h as usize);
        let _ = self.paint(&lines, w as usize, h as usize);
    }

    fn paint(&mut self, lines: &[Line], width: usize, height: usize) -> std::io::Result<()> {
        let out = &mut self.out;
        queue!(out, terminal::BeginSynchronizedUpdate, cursor::Hide)?;
        for (row, line) in lines.iter().enumerate() {
            queue!(out, cursor::MoveTo(0, row as u16))?;
            for s in line {
                set_style(out, s.style, self.color)?;
                queue!(
                    out,
                    Print(&s.text),
                    SetAttribute(Attribute::Reset),
                    ResetColor
                )?;
            }
            // A line that fills the row leaves the cursor on its last character, which a clear
            // would erase.
            if line.iter().map(|s| s.text.width()).sum::<usize>() < width {
                queue!(out, Clear(ClearType::UntilNewLine))?;
            }
        }
        if lines.len() < height {
            queue!(
                out,
                cursor::MoveTo(0, lines.len() as u16),
                Clear(ClearType::FromCursorDown)
            )?;
        }
        queue!(out, terminal::EndSynchronizedUpdate)?;
        out.flush()
    }

    /// Gives the terminal back (also done on drop).
    pub fn leave(&mut self) {
        restore_terminal();
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        restore_terminal();
    }
}

fn set_style<W: Write>(out: &mut W, style: Style, color: bool) -> std::io::Result<()> {
    match (style, color) {
        (Style::Plain, _) => Ok(()),
        (Style::Title, true) => queue!(
            out,
            SetAttribute(Attribute::Bold),
            SetForegroundColor(Color::Cyan)
        ),
        (Style::Title | Style::Heading | Style::Key, _) => {
            queue!(out, SetAttribute(Attribute::Bold))
        }
        (Style::Spoken, true) => queue!(
            out,
            SetForegroundColor(Color::Black),
            SetBackgroundColor(Color::Yellow)
        ),
        (Style::Spoken, false) => queue!(out, SetAttribute(Attribute::Reverse)),
        (Style::Paused, true) => queue!(
            out,
            SetAttribute(Attribute::Bold),
            SetForegroundColor(Color::Yellow)
        ),
        (Style::Paused, false) => queue!(out, SetAttribute(Attribute::Bold)),
        (Style::Meta | Style::Hint, true) => queue!(out, SetForegroundColor(Color::DarkGrey)),
        (Style::Meta | Style::Hint, false) => queue!(out, SetAttribute(Attribute::Dim)),
        (Style::Status, true) => queue!(out, SetForegroundColor(Color::Green)),
        (Style::Status, false) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(line: &Line) -> String {
        line.iter().map(|s| s.text.as_str()).collect()
    }

    fn lit(line: &Line) -> String {
        line.iter()
            .filter(|s| s.style == Style::Spoken)
            .map(|s| s.text.as_str())
            .collect()
    }

    fn view<'a>(body: Body<'a>) -> View<'a> {
        View {
            title: "A title",
            meta: Some("By someone"),
            body,
            progress: Some(Progress {
                sentence: Some(2),
                total: 10,
                elapsed: Duration::from_secs(65),
                left: Duration::from_secs(3725),
                rate: 1.2,
            }),
            article: (1, 3),
            paused: true,
            status: Some("Speed 1.2x"),
            help: false,
        }
    }

    #[test]
    fn lays_out_title_paragraph_progress_and_hints() {
        let p = "First sentence here. Second one is highlighted. Third.";
        let v = view(Body::Paragraph {
            kind: BlockKind::Paragraph,
            text: p,
            highlight: Some(21..47),
        });
        let lines = layout(&v, 30, 12);
        assert_eq!(lines.len(), 12);
        assert_eq!(text(&lines[0]), "A title");
        assert_eq!(text(&lines[1]), "By someone");
        let body: Vec<String> = lines[3..9].iter().map(text).collect();
        assert_eq!(
            body[..3],
            [
                "First sentence here. Second",
                "one is highlighted. Third.",
                ""
            ]
        );
        assert_eq!(lit(&lines[3]), "Second");
        assert_eq!(lit(&lines[4]), "one is highlighted.");
        assert_eq!(text(&lines[9]), "Speed 1.2x");
        assert!(text(&lines[10]).starts_with("Sentence 2 of 10 · 1:05"));
        for l in &lines {
            assert!(text(l).width() <= 30, "{:?}", text(l));
        }
        // The progress line was cut, with a mark.
        assert!(text(&lines[10]).ends_with('…'));
        let wide = layout(&v, 120, 12);
        assert!(
            text(&wide[10]).starts_with("Sentence 2 of 10 · 1:05 elapsed · 1:02:05 left at 1.2x")
        );
        assert!(text(&wide[10]).contains("Article 1 of 3"));
        assert!(text(&wide[10]).contains("PAUSED"));
        assert!(text(&wide[11]).contains("n p article"));
    }

    #[test]
    fn a_long_paragraph_scrolls_to_the_highlight() {
        let p = (1..=40)
            .map(|i| format!("Sentence number {i} is here."))
            .collect::<Vec<_>>()
            .join(" ");
        let start = p.find("Sentence number 35").expect("35");
        let end = start + "Sentence number 35 is here.".len();
        let v = view(Body::Paragraph {
            kind: BlockKind::Paragraph,
            text: &p,
            highlight: Some(start..end),
        });
        let lines = layout(&v, 40, 10); // 4 body lines
        let body: Vec<&Line> = lines[3..7].iter().collect();
        assert!(
            body.iter().any(|l| lit(l).contains("35")),
            "{:?}",
            body.iter().map(|l| text(l)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn list_items_hang_and_long_words_are_cut() {
        let ws = words("• alpha beta gamma", None);
        let lines = wrap(&ws, 10, 2);
        let shown: Vec<String> = lines
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(shown, vec!["• alpha", "  beta", "  gamma"]);
        let ws = words("abcdefghijklmnop", None);
        let shown: Vec<String> = wrap(&ws, 5, 0)
            .iter()
            .map(|l| l.iter().map(|(t, _)| t.as_str()).collect())
            .collect();
        assert_eq!(shown, vec!["abcde", "fghij", "klmno", "p"]);
    }

    #[test]
    fn help_replaces_the_paragraph() {
        let mut v = view(Body::Message("Loading"));
        v.help = true;
        let lines = layout(&v, 80, 24);
        let all: Vec<String> = lines.iter().map(text).collect();
        assert!(all.iter().any(|l| l.contains("previous / next paragraph")));
    }

    #[test]
    fn tiny_screens_keep_the_footer() {
        let v = view(Body::Message("x"));
        let lines = layout(&v, 20, 3);
        assert_eq!(lines.len(), 3);
        assert!(text(&lines[1]).starts_with("Sentence 2"));
    }

    #[test]
    fn clocks() {
        assert_eq!(clock(Duration::from_secs(5)), "0:05");
        assert_eq!(clock(Duration::from_secs(3725)), "1:02:05");
    }
}
