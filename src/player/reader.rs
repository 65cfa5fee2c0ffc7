//! Reads one article: the event loop over engine events, keys and timers, driving the
//! [`Session`] state machine and carrying out what it asks (speak, cancel), with the watchdog,
//! the sleep timer, `--events`, the display and the saved position.

use std::time::{Duration, Instant};

use super::Player;
use super::events::Kind;
use super::keys::{Command, step_rate};
use super::position::{Saved, now_secs};
use super::queue::Article;
use super::session::{At, Happened, Session, TITLE};
use super::tui::{Body, Progress, View};
use crate::engine::EngineError;
use crate::script::SentenceRef;

/// How many utterances are handed to the engine ahead of the one being spoken. One is enough for
/// seamless speech; more would keep talking after a stop we could not deliver.
const LOOKAHEAD: usize = 1;

/// Slack the watchdog allows on top of 3x the expected duration.
const WATCHDOG_SLACK: Duration = Duration::from_secs(5);

/// How much longer an utterance may wait to begin: the engine may first finish speech queued
/// before ours (another program's, or what a killed `listen` left queued).
const BEGIN_SLACK: Duration = Duration::from_secs(30);

/// How often the full screen refreshes its clock.
const TICK: Duration = Duration::from_secs(1);

pub struct Reading<'a> {
    pub article: &'a Article,
    /// The source's number in the run, from 0.
    pub index: usize,
    /// The body sentence to go on at after the title.
    pub start: usize,
    pub has_previous: bool,
    pub has_next: bool,
}

/// How reading an article ended. `At` is where it was left (and saved).
#[derive(Debug)]
pub enum Outcome {
    Finished,
    Next(At),
    Previous(At),
    Quit(At),
    Interrupted(At),
    Slept(At),
    Failed(EngineError, At),
}

/// An article prepared for speaking.
struct Text<'a> {
    announce: String,
    heading: String,
    sentences: Vec<SentenceRef<'a>>,
    /// Words per utterance (title first), for durations.
    words: Vec<usize>,
}

impl Text<'_> {
    fn spoken(&self, u: usize) -> &str {
        if u == TITLE {
            &self.announce
        } else {
            &self.sentences[u - 1].sentence.spoken
        }
    }
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count().max(1)
}

/// Seconds `words` take at `wpm`.
fn duration(wpm: f64, words: usize) -> Duration {
    Duration::from_secs_f64(words as f64 / wpm.max(1.0) * 60.0)
}

/// How long an utterance may take before the watchdog fires: 3x its expected duration + 5 s.
fn budget(wpm: f64, words: usize) -> Duration {
    duration(wpm, words) * 3 + WATCHDOG_SLACK
}

/// The first utterance's deadline when there is no sign of an audio output: 1.5x its expected
/// duration + 2 s.
fn quick_budget(wpm: f64, words: usize) -> Duration {
    duration(wpm, words).mul_f64(1.5) + Duration::from_secs(2)
}

async fn sleep_until_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at.into()).await,
        None => std::future::pending().await,
    }
}

/// The loop's timers.
#[derive(Default)]
struct Timers {
    /// Watchdog: when the utterance at the front must have ended.
    deadline: Option<Instant>,
    /// Since when the watchdog has been waiting (for its message).
    watching_since: Option<Instant>,
    /// When the front utterance began playing.
    began_at: Option<Instant>,
    /// The quick no-audio check of the very first utterance: armed when it begins.
    no_audio: Option<Instant>,
    /// Whether to arm the quick check when the title begins.
    quick_check: bool,
}

impl Player {
    pub(super) async fn read(&mut self, r: &Reading<'_>) -> Outcome {
        let script = &r.article.script;
        let title = script.title.as_deref().unwrap_or("Untitled");
        let title_spoken = script.title_spoken.as_deref().unwrap_or(title);
        let batch = self.total > 1;
        let prefix = if batch {
            format!("Article {} of {}: ", r.index + 1, self.total)
        } else {
            String::new()
        };
        let sentences: Vec<SentenceRef> = script.sentences().collect();
        let announce = format!("{prefix}{title_spoken}");
        let text = Text {
            words: std::iter::once(word_count(&announce))
                .chain(sentences.iter().map(|s| word_count(&s.sentence.spoken)))
                .collect(),
            announce,
            heading: format!("{prefix}{title}"),
            sentences,
        };
        let mut s = Session::new(text.sentences.iter().map(|s| s.block).collect(), r.start);
        let mut t = Timers::default();
        let wpm = self.engine.words_per_minute();
        // On a machine with no sign of an audio output, the first utterance gets a short
        // deadline once it has begun, so the user hears about it in seconds.
        t.quick_check = !self.spoken_any && !crate::engine::audio_output_evidence();
        let mut tick = tokio::time::interval(TICK);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        let full = self.screen.is_full();
        self.draw(r, &text, &s, &t);

        loop {
            // Hand the engine what it should hold: the current utterance and one ahead.
            while let Some(u) = s.to_queue(LOOKAHEAD) {
                if s.in_flight() > 0 && self.sleep_before_front_ends(&s, &t, &text) {
                    // The timer runs out during this sentence: queue nothing after it.
                    s.hold = true;
                    break;
                }
                let id = match self.engine.speak(text.spoken(u)).await {
                    Ok(id) => id,
                    Err(e) => return self.fail(r, &mut s, e).await,
                };
                let first = s.in_flight() == 0;
                s.queued(id, u);
                if first {
                    self.watch(&mut t, &text, u, false);
                    t.began_at = None;
                }
            }
            if s.finished() {
                self.sink.emit(
                    Kind::ArticleEnd,
                    r.index,
                    None,
                    None,
                    script.title.as_deref(),
                );
                self.save(r.article, At::Finished);
                self.saved();
                return Outcome::Finished;
            }
            let paused_sleep = if s.paused() { self.sleep_at } else { None };
            tokio::select! {
                _ = self.interrupt.wait() => {
                    return self.leave(r, &mut s, Outcome::Interrupted).await;
                }
                ev = self.rx.recv() => {
                    let Some(ev) = ev else {
                        let e = EngineError::Failed("the engine went away".into());
                        return self.fail(r, &mut s, e).await;
                    };
                    if let Some(outcome) = self.on_engine_event(r, &text, &mut s, &mut t, ev).await {
                        return outcome;
                    }
                }
                cmd = self.keys.next() => {
                    if let Some(outcome) = self.on_command(r, &mut s, &mut t, cmd).await {
                        return outcome;
                    }
                }
                _ = sleep_until_opt(t.deadline) => {
                    let e = EngineError::Stalled {
                        waited: t.watching_since.map(|w| w.elapsed()).unwrap_or_default(),
                        log: self.engine.log_hint().to_string(),
                    };
                    return self.fail(r, &mut s, e).await;
                }
                _ = sleep_until_opt(t.no_audio) => {
                    let e = EngineError::NoAudioOutput {
                        waited: quick_budget(wpm, text.words[TITLE]),
                        log: self.engine.log_hint().to_string(),
                    };
                    return self.fail(r, &mut s, e).await;
                }
                _ = sleep_until_opt(paused_sleep) => {
                    return self.leave(r, &mut s, Outcome::Slept).await;
                }
                _ = tick.tick(), if full => {}
            }
            self.draw(r, &text, &s, &t);
        }
    }

    fn budget(&self, text: &Text, u: usize) -> Duration {
        budget(self.engine.words_per_minute(), text.words[u])
    }

    /// Arms the watchdog for utterance `u`, which has `begun` or is waiting to begin.
    fn watch(&self, t: &mut Timers, text: &Text, u: usize, begun: bool) {
        let now = Instant::now();
        let slack = if begun { Duration::ZERO } else { BEGIN_SLACK };
        t.deadline = Some(now + self.budget(text, u) + slack);
        t.watching_since = Some(now);
    }

    /// Whether the sleep timer runs out before the utterance being spoken is expected to end.
    fn sleep_before_front_ends(&self, s: &Session, t: &Timers, text: &Text) -> bool {
        let (Some(at), Some(front)) = (self.sleep_at, s.front()) else {
            return false;
        };
        let expected = duration(self.engine.words_per_minute(), text.words[front]);
        let ends = t.began_at.unwrap_or_else(Instant::now) + expected;
        ends >= at
    }

    async fn on_engine_event(
        &mut self,
        r: &Reading<'_>,
        text: &Text<'_>,
        s: &mut Session,
        t: &mut Timers,
        ev: crate::engine::EngineEvent,
    ) -> Option<Outcome> {
        match s.on_event(ev) {
            Happened::Began(u) => {
                let now = Instant::now();
                t.began_at = Some(now);
                self.watch(t, text, u, true);
                if u == TITLE && t.quick_check {
                    t.quick_check = false;
                    let wpm = self.engine.words_per_minute();
                    t.no_audio = Some(now + quick_budget(wpm, text.words[TITLE]));
                }
                if u == TITLE {
                    let title = r.article.script.title.as_deref().unwrap_or("Untitled");
                    self.sink
                        .emit(Kind::ArticleStart, r.index, None, None, Some(title));
                    if let Some(d) = self.screen.lines() {
                        d.article(&text.heading);
                    }
                } else {
                    let sr = &text.sentences[u - 1];
                    self.sink.emit(
                        Kind::SentenceStart,
                        r.index,
                        Some(sr.block),
                        Some(sr.index),
                        Some(&sr.sentence.text),
                    );
                    let n = text.sentences.len();
                    if let Some(d) = self.screen.lines() {
                        d.sentence(sr.index + 1, n, &sr.sentence.text);
                    }
                    super::injected_panic("sentence");
                }
                None
            }
            Happened::Ended {
                utterance,
                stale_next,
            } => {
                t.no_audio = None;
                t.began_at = None;
                if utterance != TITLE {
                    let sr = &text.sentences[utterance - 1];
                    self.sink.emit(
                        Kind::SentenceEnd,
                        r.index,
                        Some(sr.block),
                        Some(sr.index),
                        Some(&sr.sentence.text),
                    );
                    let n = text.sentences.len();
                    if let Some(d) = self.screen.lines() {
                        d.sentence_done(sr.index + 1, n, &sr.sentence.text);
                    }
                    self.save(r.article, s.at());
                }
                if self.sleep_at.is_some_and(|at| Instant::now() >= at) && !s.finished() {
                    return Some(self.leave(r, s, Outcome::Slept).await);
                }
                s.hold = false;
                match s.front() {
                    Some(f) => self.watch(t, text, f, false),
                    None => t.deadline = None,
                }
                if stale_next {
                    // Queued at the old speed: cancel it and queue it again at the new one.
                    if let Err(e) = self.cancel(s, t, None).await {
                        return Some(self.fail(r, s, e).await);
                    }
                }
                None
            }
            Happened::CancelledElsewhere(_) => {
                let e = EngineError::Failed("speech was cancelled by another program".into());
                Some(self.fail(r, s, e).await)
            }
            Happened::Nothing => None,
        }
    }

    async fn on_command(
        &mut self,
        r: &Reading<'_>,
        s: &mut Session,
        t: &mut Timers,
        cmd: Command,
    ) -> Option<Outcome> {
        match cmd {
            Command::TogglePause if s.paused() => {
                s.resume();
                self.screen.flash("Resumed");
            }
            Command::TogglePause => {
                let cancel = s.pause();
                if cancel && let Err(e) = self.stop_engine(t).await {
                    return Some(self.fail(r, s, e).await);
                }
                t.no_audio = None;
                t.quick_check = false;
                self.save(r.article, s.at());
                self.screen
                    .flash("Paused: space resumes at the start of the sentence");
            }
            Command::Move(nav) => {
                let target = s.target(nav);
                if let Err(e) = self.cancel(s, t, Some(target)).await {
                    return Some(self.fail(r, s, e).await);
                }
                t.no_audio = None;
                t.quick_check = false;
            }
            Command::NextArticle if r.has_next => {
                return Some(self.leave(r, s, Outcome::Next).await);
            }
            Command::NextArticle => self.screen.flash("This is the last article"),
            Command::PreviousArticle if r.has_previous => {
                return Some(self.leave(r, s, Outcome::Previous).await);
            }
            Command::PreviousArticle => self.screen.flash("There is no previous article"),
            Command::Faster | Command::Slower => {
                let rate = step_rate(self.rate, cmd == Command::Faster);
                if rate == self.rate {
                    self.screen.flash(&format!(
                        "Already at the {} speed ({rate:.1}x)",
                        if cmd == Command::Faster {
                            "fastest"
                        } else {
                            "slowest"
                        }
                    ));
                } else {
                    if let Err(e) = self.engine.set_rate(rate).await {
                        return Some(self.fail(r, s, e).await);
                    }
                    self.rate = rate;
                    s.speed_changed();
                    self.screen
                        .flash(&format!("Speed {rate:.1}x from the next sentence"));
                }
            }
            Command::Quit => return Some(self.leave(r, s, Outcome::Quit).await),
            Command::Interrupt => return Some(self.leave(r, s, Outcome::Interrupted).await),
            Command::ToggleHelp => self.help = !self.help,
            Command::CloseHelp => self.help = false,
            Command::Redraw => {}
        }
        None
    }

    /// Cancels what the engine holds and goes on at `target` (or the current place).
    async fn cancel(
        &mut self,
        s: &mut Session,
        t: &mut Timers,
        target: Option<usize>,
    ) -> Result<(), EngineError> {
        let cancel = s.jump(target.unwrap_or(s.pos()));
        if cancel {
            self.stop_engine(t).await?;
        }
        Ok(())
    }

    async fn stop_engine(&mut self, t: &mut Timers) -> Result<(), EngineError> {
        t.deadline = None;
        t.began_at = None;
        self.engine.stop().await
    }

    /// Leaves the article early: speech stopped, position saved.
    async fn leave(
        &mut self,
        r: &Reading<'_>,
        s: &mut Session,
        outcome: fn(At) -> Outcome,
    ) -> Outcome {
        let at = s.at();
        if s.in_flight() > 0 {
            s.jump(s.pos());
            self.engine.stop_before_exit().await;
        }
        self.save(r.article, at);
        self.saved();
        outcome(at)
    }

    /// The engine failed: position saved where reading was, the failure returned.
    async fn fail(&mut self, r: &Reading<'_>, s: &mut Session, e: EngineError) -> Outcome {
        let at = s.at();
        self.save(r.article, at);
        self.saved();
        Outcome::Failed(e, at)
    }

    /// Saves where reading is for next time (on the writer's thread: the loop does not wait for
    /// the disk). A position at the very start is forgotten rather than saved (there is nothing
    /// to resume). Failure to save is said once and reading goes on.
    pub(super) fn save(&mut self, article: &Article, at: At) {
        let Some(store) = &self.store else { return };
        let script = &article.script;
        let n = script.sentence_count();
        let record = |sentence: usize, text: String, finished: bool| Saved {
            key: article.key.clone(),
            sentence,
            text,
            text_hash: article.hash.clone(),
            sentences: n,
            finished,
            title: script.title.clone(),
            saved_at: now_secs(),
        };
        match at {
            At::Sentence(0) => store.forget(&article.key),
            At::Sentence(i) => {
                let text = script
                    .sentences()
                    .nth(i)
                    .map(|s| s.sentence.text.clone())
                    .unwrap_or_default();
                store.save(record(i, text, false));
            }
            At::Finished => store.save(record(n, String::new(), true)),
        }
        self.report_save_failure();
    }

    /// Waits for the saves asked so far (leaving an article), and says if one failed.
    fn saved(&mut self) {
        if let Some(store) = &self.store {
            store.flush();
        }
        self.report_save_failure();
    }

    fn report_save_failure(&mut self) {
        let Some(store) = &self.store else { return };
        if let Some(e) = store.take_error()
            && !self.save_failed
        {
            self.save_failed = true;
            let dir = store.dir().display().to_string();
            self.screen
                .error(&format!("cannot save the reading position in {dir}: {e}"));
        }
    }

    fn draw(&mut self, r: &Reading<'_>, text: &Text<'_>, s: &Session, t: &Timers) {
        if !self.screen.is_full() {
            return;
        }
        let script = &r.article.script;
        let n = text.sentences.len();
        let shown = s
            .current_sentence()
            .or_else(|| (s.pos() == TITLE).then_some(r.start.min(n.saturating_sub(1))));
        let on_sentence = s.current_sentence().is_some();
        let body = match shown.and_then(|i| text.sentences.get(i)) {
            Some(sr) => {
                let block = &script.blocks[sr.block];
                Body::Paragraph {
                    kind: block.kind,
                    text: &block.text,
                    highlight: on_sentence.then_some(sr.sentence.start..sr.sentence.end),
                }
            }
            None => Body::Message(""),
        };
        // Time at the current speed: the words before the current sentence, plus how far into
        // it the engine is; the rest is left.
        let wpm = self.engine.words_per_minute();
        let cur = shown.unwrap_or(0);
        let before: usize = text.words[1..=cur].iter().sum();
        let all: usize = text.words[1..].iter().sum();
        let inner = match (on_sentence, t.began_at, s.front_began()) {
            (true, Some(b), true) => b.elapsed().min(duration(wpm, text.words[cur + 1])),
            _ => Duration::ZERO,
        };
        let elapsed = duration(wpm, before) + inner;
        let left = duration(wpm, all - before).saturating_sub(inner);
        let meta: Vec<&str> = [script.byline.as_deref(), script.site_name.as_deref()]
            .into_iter()
            .flatten()
            .filter(|m| !m.is_empty())
            .collect();
        let meta = meta.join(" · ");
        let title = script.title.as_deref().unwrap_or("Untitled");
        let status = self.screen.status().map(str::to_string);
        let view = View {
            title,
            meta: (!meta.is_empty()).then_some(meta.as_str()),
            body,
            progress: Some(Progress {
                sentence: s.current_sentence().map(|i| i + 1),
                total: n,
                elapsed,
                left,
                rate: self.rate,
            }),
            article: (r.index + 1, self.total),
            paused: s.paused(),
            status: status.as_deref(),
            help: self.help,
        };
        self.screen.draw(&view);
    }
}
