//! Reading aloud: the default `listen` command.
//!
//! Sources are read one after another. For each, the title is spoken first, then the body one
//! sentence per utterance, with the next sentence always queued in the engine so there is no gap
//! between them. The position is followed through the engine's begin/end events, and a watchdog
//! stops the run if an utterance does not end within 3x its expected duration + 5 s.

pub mod display;
pub mod events;

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

use self::display::Display;
use self::events::{EventSink, Kind};
use crate::cli::ReadArgs;
use crate::engine::handle::EngineHandle;
use crate::engine::live::LiveEngine;
use crate::engine::{EngineError, EngineEvent, UtteranceId};
use crate::exit_codes::ExitCode;
use crate::pipeline;
use crate::script::Script;

/// How many utterances are handed to the engine ahead of the one being spoken. One is enough for
/// seamless speech; more would keep talking after a stop we could not deliver.
const LOOKAHEAD: usize = 1;

/// Slack the watchdog allows on top of 3x the expected duration.
const WATCHDOG_SLACK: Duration = Duration::from_secs(5);

/// What the user asked for, resolved.
pub struct Options {
    pub voice: Option<String>,
    pub rate: f64,
    pub lang: Option<String>,
}

pub async fn run(args: &ReadArgs) -> ExitCode {
    let start = Instant::now();
    let events_to_stdout = args.events.as_deref() == Some("-");
    let mut sink = match args.events.as_deref() {
        None => EventSink::none(start),
        Some(arg) => match crate::cli::events_target(arg) {
            None => EventSink::new(Box::new(std::io::stdout()), start),
            Some(path) => match std::fs::File::create(&path) {
                Ok(f) => EventSink::new(Box::new(f), start),
                Err(e) => {
                    eprintln!("listen: cannot write events to {}: {e}", path.display());
                    return ExitCode::Usage;
                }
            },
        },
    };
    let mut display = Display::new(args.quiet, events_to_stdout);
    let opts = Options {
        voice: args.voice.clone(),
        rate: args.rate(),
        lang: args.common.lang_override(),
    };
    let fetch = args.common.fetch_options();
    let lexicon = match crate::commands::sentences::load_lexicon(
        args.common
            .lexicon
            .as_deref()
            .or(args.common.settings.lexicon.as_deref()),
    ) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("listen: {e:#}");
            return ExitCode::Usage;
        }
    };

    let (tx, mut rx) = unbounded_channel();
    let mut engine = match LiveEngine::connect(tx) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("listen: {e}");
            sink.emit(Kind::Error, 0, None, None, Some(&e.to_string()));
            return ExitCode::EngineFailure;
        }
    };
    if let Err(e) = engine.set_rate(opts.rate).await {
        eprintln!("listen: {e}");
        return ExitCode::EngineFailure;
    }
    let mut interrupt = Interrupt::new();

    let sources = pipeline::sources(&args.sources);
    let total = sources.len();
    let mut code = ExitCode::Success;
    let mut spoken_any = false;
    for (k, item) in sources.into_iter().enumerate() {
        let loaded = match item {
            Ok(source) => {
                let r = tokio::select! {
                    r = pipeline::load_script_with(&source, &fetch, opts.lang.as_deref(), lexicon.as_ref()) => r,
                    _ = interrupt.wait() => return ExitCode::Interrupted,
                };
                (source, r.map_err(|e| e.to_string()))
            }
            Err((source, e)) => (source, Err(e.to_string())),
        };
        let (source, script) = match loaded {
            (source, Ok(script)) => (source, script),
            (source, Err(e)) => {
                let msg = format!("{source}: {e}");
                eprintln!("listen: {msg}");
                sink.emit(Kind::Error, k, None, None, Some(&msg));
                code = code.merge(ExitCode::SomeFailed);
                continue;
            }
        };
        if let Err(e) = engine
            .set_voice(&script.lang, args.voice_for(&script.lang))
            .await
        {
            let msg = format!("{source}: {e}");
            eprintln!("listen: {msg}");
            sink.emit(Kind::Error, k, None, None, Some(&msg));
            code = code.merge(ExitCode::EngineFailure);
            continue;
        }
        let outcome = speak_article(
            &mut engine,
            &mut rx,
            &mut interrupt,
            &script,
            Position {
                article: k,
                total,
                first: !spoken_any,
            },
            &mut sink,
            &mut display,
        )
        .await;
        spoken_any = true;
        match outcome {
            Ok(()) => {}
            Err(Stop::Interrupted) => {
                engine.stop_before_exit().await;
                return code.merge(ExitCode::Interrupted);
            }
            Err(Stop::Engine(e)) => {
                // Say what happened first: stopping a stalled engine may itself time out.
                let msg = e.to_string();
                eprintln!("listen: {msg}");
                sink.emit(Kind::Error, k, None, None, Some(&msg));
                engine.stop_before_exit().await;
                return code.merge(ExitCode::EngineFailure);
            }
        }
    }
    code
}

#[derive(Clone, Copy)]
struct Position {
    article: usize,
    total: usize,
    /// The first article spoken in this run (earlier ones may have failed to load).
    first: bool,
}

enum Stop {
    Interrupted,
    Engine(EngineError),
}

/// One utterance of an article: the title (sentence `None`) or a body sentence.
struct Utterance<'a> {
    sentence: Option<(usize, usize)>, // (global index, block)
    spoken: String,
    text: &'a str,
}

async fn speak_article(
    engine: &mut EngineHandle<LiveEngine>,
    rx: &mut UnboundedReceiver<EngineEvent>,
    interrupt: &mut Interrupt,
    script: &Script,
    pos: Position,
    sink: &mut EventSink,
    display: &mut Display,
) -> Result<(), Stop> {
    let title = script.title.as_deref().unwrap_or("Untitled");
    let title_spoken = script.title_spoken.as_deref().unwrap_or(title);
    let announce = if pos.total > 1 {
        format!(
            "Article {} of {}: {}",
            pos.article + 1,
            pos.total,
            title_spoken
        )
    } else {
        title_spoken.to_string()
    };
    let heading = if pos.total > 1 {
        format!("Article {} of {}: {}", pos.article + 1, pos.total, title)
    } else {
        title.to_string()
    };
    let mut queue: Vec<Utterance> = vec![Utterance {
        sentence: None,
        spoken: announce,
        text: title,
    }];
    queue.extend(script.sentences().map(|s| Utterance {
        sentence: Some((s.index, s.block)),
        spoken: s.sentence.spoken.clone(),
        text: &s.sentence.text,
    }));
    let total_sentences = script.sentence_count();

    // Drop events left over from a previous article (e.g. a late `Stopped`).
    while rx.try_recv().is_ok() {}

    let mut next = 0usize; // next utterance to hand to the engine
    let mut in_flight: VecDeque<(UtteranceId, usize)> = VecDeque::new();
    let mut deadline = Instant::now();
    let mut began = false;
    // On a machine with no sign of an audio output, the first utterance gets a short deadline,
    // so the user hears about it in seconds rather than after the full watchdog.
    let wpm = engine.words_per_minute();
    let mut no_audio_check = (pos.first && !crate::engine::audio_output_evidence())
        .then(|| Instant::now() + quick_budget(wpm, &queue[0].spoken));
    loop {
        while in_flight.len() <= LOOKAHEAD && next < queue.len() {
            let id = engine
                .speak(&queue[next].spoken)
                .await
                .map_err(Stop::Engine)?;
            if in_flight.is_empty() {
                deadline = Instant::now() + budget(wpm, &queue[next].spoken);
                began = false;
            }
            in_flight.push_back((id, next));
            next += 1;
        }
        let Some(&(current_id, current)) = in_flight.front() else {
            break;
        };
        let event = tokio::select! {
            ev = rx.recv() => ev,
            _ = sleep_until_opt(no_audio_check) => {
                return Err(Stop::Engine(EngineError::NoAudioOutput {
                    waited: quick_budget(wpm, &queue[0].spoken),
                    log: engine.log_hint().to_string(),
                }));
            }
            _ = tokio::time::sleep_until(deadline.into()) => {
                return Err(Stop::Engine(EngineError::Stalled {
                    waited: budget(wpm, &queue[current].spoken),
                    log: engine.log_hint().to_string(),
                }));
            }
            _ = interrupt.wait() => return Err(Stop::Interrupted),
        };
        let Some(event) = event else {
            return Err(Stop::Engine(EngineError::Failed(
                "the engine went away".into(),
            )));
        };
        let u = &queue[current];
        match event {
            EngineEvent::Begin(id) if id == current_id && !began => {
                began = true;
                deadline = Instant::now() + budget(wpm, &u.spoken);
                match u.sentence {
                    None => {
                        sink.emit(Kind::ArticleStart, pos.article, None, None, Some(u.text));
                        display.article(&heading);
                    }
                    Some((index, block)) => {
                        sink.emit(
                            Kind::SentenceStart,
                            pos.article,
                            Some(block),
                            Some(index),
                            Some(u.text),
                        );
                        display.sentence(index + 1, total_sentences, u.text);
                    }
                }
            }
            EngineEvent::End(id) if id == current_id => {
                no_audio_check = None;
                if let Some((index, block)) = u.sentence {
                    sink.emit(
                        Kind::SentenceEnd,
                        pos.article,
                        Some(block),
                        Some(index),
                        Some(u.text),
                    );
                    display.sentence_done(index + 1, total_sentences, u.text);
                }
                in_flight.pop_front();
                if let Some(&(_, following)) = in_flight.front() {
                    deadline = Instant::now() + budget(wpm, &queue[following].spoken);
                    began = false;
                }
            }
            EngineEvent::Stopped(id) if id == current_id => {
                return Err(Stop::Engine(EngineError::Failed(
                    "speech was cancelled by another program".into(),
                )));
            }
            _ => {}
        }
    }
    sink.emit(
        Kind::ArticleEnd,
        pos.article,
        None,
        None,
        script.title.as_deref(),
    );
    Ok(())
}

/// How long an utterance may take before the watchdog fires: 3x its expected duration + 5 s.
fn budget(wpm: f64, spoken: &str) -> Duration {
    let words = spoken.split_whitespace().count().max(1) as f64;
    let expected = words / wpm * 60.0;
    Duration::from_secs_f64(expected * 3.0) + WATCHDOG_SLACK
}

/// The first utterance's deadline when there is no sign of an audio output: 1.5x its expected
/// duration + 2 s.
fn quick_budget(wpm: f64, spoken: &str) -> Duration {
    let words = spoken.split_whitespace().count().max(1) as f64;
    let expected = words / wpm * 60.0;
    Duration::from_secs_f64(expected * 1.5) + Duration::from_secs(2)
}

async fn sleep_until_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at.into()).await,
        None => std::future::pending().await,
    }
}

/// Ctrl-C and SIGTERM, as a future that can be awaited many times.
struct Interrupt {
    rx: tokio::sync::watch::Receiver<bool>,
}

impl Interrupt {
    fn new() -> Self {
        let (tx, rx) = tokio::sync::watch::channel(false);
        tokio::spawn(async move {
            #[cfg(unix)]
            {
                let mut term =
                    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending().await } } => {}
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
