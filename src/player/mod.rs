//! Reading aloud: the default `listen` command.
//!
//! Sources are loaded ahead in the background (`queue`) and read one after another. For each,
//! the title is spoken first, then the body one sentence per utterance, with the next sentence
//! always queued in the engine so there is no gap between them (`reader`, driving the state
//! machine in `session`). The position is followed through the engine's begin/end events, saved
//! at every sentence end (`position`), and a watchdog stops the run if an utterance does not end
//! within 3x its expected duration + 5 s.
//!
//! In a terminal the player takes the screen (`tui`) and reads keys (`keys`): pause, move by
//! sentence, paragraph or article, change the speed, quit. Without one (pipes, CI) the same run
//! prints plain lines (`display`) and takes no keys. One tokio event loop serves key events,
//! engine events and timers.

pub mod display;
pub mod events;
pub mod keys;
pub mod position;
pub mod queue;
mod reader;
pub mod screen;
pub mod session;
pub mod sleep;
pub mod summary;
pub mod tui;

use std::sync::Arc;
use std::time::Instant;

use tokio::sync::mpsc::UnboundedReceiver;

use self::events::{EventSink, Kind};
use self::keys::{Command, Keys};
use self::position::{Store, Writer};
use self::queue::{Loader, Slot};
use self::reader::{Outcome, Reading};
use self::screen::Screen;
use self::sleep::SleepTimer;
use self::summary::{Status, Summary};
use crate::cli::ReadArgs;
use crate::engine::EngineEvent;
use crate::engine::handle::EngineHandle;
use crate::engine::live::LiveEngine;
use crate::exit_codes::ExitCode;
use crate::pipeline;

/// What stays the same through a run.
struct Player {
    engine: EngineHandle<LiveEngine>,
    rx: UnboundedReceiver<EngineEvent>,
    interrupt: Interrupt,
    keys: Keys,
    sink: EventSink,
    screen: Screen,
    store: Option<Writer>,
    save_failed: bool,
    /// The speed multiplier now (changed with + and -).
    rate: f64,
    sleep: Option<SleepTimer>,
    /// When the sleep timer runs out (`--sleep DURATION`).
    sleep_at: Option<Instant>,
    /// Articles in the run.
    total: usize,
    /// Whether an article has been spoken yet (the first one gets the quick no-audio check).
    spoken_any: bool,
    help: bool,
}

pub async fn run(args: &ReadArgs) -> ExitCode {
    let started = Instant::now();
    let mut arguments = args.sources.clone();
    let list_from_stdin = args.list.as_deref() == Some(std::path::Path::new("-"));
    if let Some(list) = &args.list {
        match queue::read_list(list) {
            Ok(mut v) => arguments.append(&mut v),
            Err(e) => {
                eprintln!("listen: {e}");
                return ExitCode::Usage;
            }
        }
    }
    let stdin_sources =
        arguments.iter().filter(|a| *a == "-").count() + usize::from(list_from_stdin);
    if stdin_sources > 1 {
        eprintln!("listen: standard input (-) can be read only once");
        return ExitCode::Usage;
    }
    if arguments.is_empty() {
        let list = args.list.as_deref().map(|p| p.display().to_string());
        eprintln!(
            "listen: nothing to read: the list {} names no sources",
            list.unwrap_or_default()
        );
        return ExitCode::Usage;
    }

    let events_to_stdout = args.events.as_deref() == Some("-");
    let mut sink = match args.events.as_deref() {
        None => EventSink::none(started),
        Some(arg) => match crate::cli::events_target(arg) {
            None => EventSink::new(Box::new(std::io::stdout()), started),
            Some(path) => match std::fs::File::create(&path) {
                Ok(f) => EventSink::new(Box::new(f), started),
                Err(e) => {
                    eprintln!("listen: cannot write events to {}: {e}", path.display());
                    return ExitCode::Usage;
                }
            },
        },
    };

    let lexicon = match args.common.lexicon() {
        Ok(l) => l.map(std::sync::Arc::new),
        Err(e) => {
            eprintln!("listen: {e:#}");
            return ExitCode::Usage;
        }
    };

    let (tx, rx) = tokio::sync::mpsc::unbounded_channel();
    let mut engine = match LiveEngine::connect(tx) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("listen: {e}");
            sink.emit(Kind::Error, 0, None, None, Some(&e.to_string()));
            return ExitCode::EngineFailure;
        }
    };
    if let Err(e) = engine.set_rate(args.rate()).await {
        eprintln!("listen: {e}");
        sink.emit(Kind::Error, 0, None, None, Some(&e.to_string()));
        return ExitCode::EngineFailure;
    }

    let sources = pipeline::sources(&arguments);
    let mut loader = Loader::spawn(
        sources,
        args.common.fetch_options(),
        args.common.lang_override(),
        lexicon,
    );
    // Before the terminal is taken over: a SIGTERM from then on restores it.
    let interrupt = Interrupt::new();
    let screen = Screen::choose(
        args.quiet,
        events_to_stdout,
        stdin_sources > 0 && !list_from_stdin,
    );
    let keys = if screen.is_full() {
        Keys::terminal()
    } else {
        Keys::none()
    };
    let mut player = Player {
        engine,
        rx,
        interrupt,
        keys,
        sink,
        screen,
        store: Store::open_default().map(Writer::new),
        save_failed: false,
        rate: args.rate(),
        sleep: args.sleep,
        sleep_at: match args.sleep {
            Some(SleepTimer::After(d)) => Some(started + d),
            _ => None,
        },
        total: loader.total,
        spoken_any: false,
        help: false,
    };
    let (summary, code) = player.read_all(&mut loader, args).await;
    player.screen.close();
    if let Some(text) = summary.render() {
        eprint!("{text}");
    }
    code
}

/// Why the run stopped before the end of the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stopped {
    Quit,
    Interrupted,
    Slept,
    EngineFailed,
}

impl Player {
    async fn read_all(&mut self, loader: &mut Loader, args: &ReadArgs) -> (Summary, ExitCode) {
        let total = loader.total;
        let mut summary = Summary::new(loader.names.clone());
        let mut slots: Vec<Option<Slot>> = (0..total).map(|_| None).collect();
        let mut from = args.from.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
        let mut code = ExitCode::Success;
        let mut k = 0;
        let mut stopped = None;
        while k < total {
            if self.sleep_at.is_some_and(|at| Instant::now() >= at) {
                stopped = Some(Stopped::Slept);
                break;
            }
            while slots[k].is_none() {
                match self.wait_for(loader, k).await {
                    Ok(Some((i, slot))) => slots[i] = Some(slot),
                    Ok(None) => {
                        for (j, slot) in slots.iter_mut().enumerate().skip(k) {
                            if slot.is_none() {
                                *slot = Some(Slot::Failed(format!(
                                    "{}: not loaded (loading stopped)",
                                    loader.names[j]
                                )));
                            }
                        }
                    }
                    Err(why) => {
                        stopped = Some(why);
                        break;
                    }
                }
            }
            if stopped.is_some() {
                break;
            }
            let article = match &slots[k] {
                Some(Slot::Ready(a)) => Arc::clone(a),
                Some(Slot::Failed(msg)) => {
                    if !matches!(summary.status(k), Status::Failed(_)) {
                        let msg = msg.clone();
                        self.report(k, &msg);
                        summary.set(k, Status::Failed(msg));
                        code = code.merge(ExitCode::SomeFailed);
                    }
                    k += 1;
                    continue;
                }
                None => break, // not reached: filled above
            };
            summary.set_title(k, article.script.title.clone());
            if let Err(e) = self
                .engine
                .set_voice(&article.script.lang, args.voice_for(&article.script.lang))
                .await
            {
                let msg = format!("{}: {e}", article.source);
                self.report(k, &msg);
                summary.set(k, Status::Failed(msg));
                code = code.merge(ExitCode::EngineFailure);
                k += 1;
                continue;
            }
            let saved = self.store.as_ref().and_then(|s| s.load(&article.key));
            let start = match position::resolve(
                &article.script,
                &article.hash,
                saved.as_ref(),
                from.take(),
                args.restart,
            ) {
                Ok(s) => s,
                Err(e) => {
                    let msg = format!("{}: {e}", article.source);
                    self.report(k, &msg);
                    summary.set(k, Status::Failed(msg));
                    code = code.merge(ExitCode::SomeFailed);
                    k += 1;
                    continue;
                }
            };
            if let Some(note) = &start.note {
                self.screen.note(note);
            }
            let previous = (0..k)
                .rev()
                .find(|&j| matches!(slots[j], Some(Slot::Ready(_))));
            let outcome = self
                .read(&Reading {
                    article: &article,
                    index: k,
                    start: start.sentence,
                    has_previous: previous.is_some(),
                    has_next: k + 1 < total,
                })
                .await;
            self.spoken_any = true;
            let n = article.script.sentence_count();
            match outcome {
                Outcome::Finished => {
                    summary.set(k, Status::Read);
                    k += 1;
                    if self.sleep == Some(SleepTimer::EndOfArticle) {
                        stopped = Some(Stopped::Slept);
                        break;
                    }
                }
                Outcome::Next(at) => {
                    summary.set(k, Status::Left(at, n, "moved on with n"));
                    k += 1;
                }
                Outcome::Previous(at) => {
                    if !matches!(summary.status(k), Status::Read) {
                        summary.set(k, Status::Left(at, n, "went back with p"));
                    }
                    k = previous.unwrap_or(k);
                }
                Outcome::Quit(at) => {
                    summary.set(k, Status::Left(at, n, "quit"));
                    stopped = Some(Stopped::Quit);
                    break;
                }
                Outcome::Interrupted(at) => {
                    summary.set(k, Status::Left(at, n, "interrupted"));
                    stopped = Some(Stopped::Interrupted);
                    break;
                }
                Outcome::Slept(at) => {
                    summary.set(k, Status::Left(at, n, "sleep timer"));
                    stopped = Some(Stopped::Slept);
                    break;
                }
                Outcome::Failed(e, at) => {
                    // Say what happened first: stopping a stalled engine may itself time out.
                    let msg = e.to_string();
                    self.report(k, &msg);
                    let first_line = msg.lines().next().unwrap_or_default();
                    summary.set(
                        k,
                        Status::Failed(format!(
                            "{}: {first_line} (stopped at {})",
                            article.source,
                            summary::at_text(at, n)
                        )),
                    );
                    stopped = Some(Stopped::EngineFailed);
                    code = code.merge(ExitCode::EngineFailure);
                    break;
                }
            }
        }
        if let Some(why) = stopped {
            self.engine.stop_before_exit().await;
            if why == Stopped::Interrupted {
                code = code.merge(ExitCode::Interrupted);
            }
            summary.not_reached(match why {
                Stopped::Quit => "quit before it",
                Stopped::Interrupted => "interrupted before it",
                Stopped::Slept => "the sleep timer stopped before it",
                Stopped::EngineFailed => "the speech engine failed before it",
            });
        }
        (summary, code)
    }

    /// Waits for the next loaded source, still answering q and Ctrl-C. `Ok(None)`: loading
    /// stopped.
    async fn wait_for(
        &mut self,
        loader: &mut Loader,
        k: usize,
    ) -> Result<Option<(usize, Slot)>, Stopped> {
        let name = loader.names.get(k).cloned().unwrap_or_default();
        let message = format!("Loading {name}…");
        loop {
            self.draw_message(&message, k);
            tokio::select! {
                got = loader.next() => return Ok(got),
                _ = self.interrupt.wait() => return Err(Stopped::Interrupted),
                cmd = self.keys.next() => match cmd {
                    Command::Quit => return Err(Stopped::Quit),
                    Command::Interrupt => return Err(Stopped::Interrupted),
                    Command::ToggleHelp => self.help = !self.help,
                    Command::CloseHelp => self.help = false,
                    _ => {}
                },
            }
        }
    }

    fn draw_message(&mut self, message: &str, k: usize) {
        if !self.screen.is_full() {
            return;
        }
        let status = self.screen.status().map(str::to_string);
        let view = tui::View {
            title: "listen",
            meta: None,
            body: tui::Body::Message(message),
            progress: None,
            article: (k + 1, self.total),
            paused: false,
            status: status.as_deref(),
            help: self.help,
        };
        self.screen.draw(&view);
    }

    /// A source that failed: the message, and an `error` event.
    fn report(&mut self, k: usize, message: &str) {
        self.screen.error(message);
        self.sink.emit(Kind::Error, k, None, None, Some(message));
    }
}

/// Fault injection for the tests that check the terminal is restored after a panic: in debug
/// builds only, `LISTEN_TEST_PANIC=<point>` panics when the player reaches that point.
#[cfg(debug_assertions)]
fn injected_panic(point: &str) {
    if std::env::var("LISTEN_TEST_PANIC").is_ok_and(|v| v == point) {
        panic!("injected panic at {point} (LISTEN_TEST_PANIC)");
    }
}

#[cfg(not(debug_assertions))]
fn injected_panic(_point: &str) {}

/// Ctrl-C, SIGTERM and SIGHUP, as a future that can be awaited many times.
struct Interrupt {
    rx: tokio::sync::watch::Receiver<bool>,
}

impl Interrupt {
    /// The handlers are installed here, before the task that waits on them first runs, so that
    /// a signal from now on is caught (the terminal is restored) rather than killing listen.
    fn new() -> Self {
        let (tx, rx) = tokio::sync::watch::channel(false);
        #[cfg(unix)]
        let (mut int, mut term, mut hup) = {
            use tokio::signal::unix::{SignalKind, signal};
            (
                signal(SignalKind::interrupt()).ok(),
                signal(SignalKind::terminate()).ok(),
                signal(SignalKind::hangup()).ok(),
            )
        };
        tokio::spawn(async move {
            #[cfg(unix)]
            {
                async fn recv(s: &mut Option<tokio::signal::unix::Signal>) {
                    match s.as_mut() {
                        Some(s) => {
                            s.recv().await;
                        }
                        None => std::future::pending().await,
                    }
                }
                tokio::select! {
                    _ = recv(&mut int) => {}
                    _ = recv(&mut term) => {}
                    _ = recv(&mut hup) => {}
                }
            }
            #[cfg(not(unix))]
            let _ = tokio::signal::ctrl_c().await;
            let _ = tx.send(true);
        });
        Interrupt { rx }
    }

    async fn wait(&mut self) {
        if self.rx.wait_for(|v| *v).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}
