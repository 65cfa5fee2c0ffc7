//! `--events FILE|-`: JSON Lines that let scripts and tests follow a reading.
//!
//! `{"event", "article", "block", "sentence", "text", "t"}`: `event` is `article_start` (with the
//! title, which is spoken then), `sentence_start`, `sentence_end`, `article_end` or `error`;
//! `article` counts sources from 0; `block` and `sentence` count from 0 (sentences across the
//! whole body, as `listen text` numbers them, minus one); `t` is seconds since the run began.
//! Absent values are `null`. Each line is flushed as it is written.

use std::io::Write;
use std::time::Instant;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    ArticleStart,
    SentenceStart,
    SentenceEnd,
    ArticleEnd,
    Error,
}

#[derive(Serialize)]
struct Line<'a> {
    event: Kind,
    article: usize,
    block: Option<usize>,
    sentence: Option<usize>,
    text: Option<&'a str>,
    t: f64,
}

pub struct EventSink {
    out: Option<Box<dyn Write + Send>>,
    start: Instant,
}

impl EventSink {
    pub fn none(start: Instant) -> Self {
        EventSink { out: None, start }
    }

    pub fn new(out: Box<dyn Write + Send>, start: Instant) -> Self {
        EventSink {
            out: Some(out),
            start,
        }
    }

    pub fn emit(
        &mut self,
        event: Kind,
        article: usize,
        block: Option<usize>,
        sentence: Option<usize>,
        text: Option<&str>,
    ) {
        let Some(out) = self.out.as_mut() else { return };
        let line = Line {
            event,
            article,
            block,
            sentence,
            text,
            t: (self.start.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
        };
        if let Ok(s) = serde_json::to_string(&line) {
            // Events are a side channel: a full disk must not stop the reading.
            let _ = writeln!(out, "{s}").and_then(|_| out.flush());
        }
    }
}
