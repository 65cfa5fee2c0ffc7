//! Runs an engine on a thread of its own, so that the player's event loop never blocks.
//!
//! Platform speech calls are synchronous, and a broken speech daemon can leave them waiting
//! forever (speech-dispatcher whose audio output died never answers a `CANCEL`). Each call here
//! is a message to the engine thread with a deadline: past it, the caller gets
//! [`EngineError::Stalled`] and can tell the user and exit, whatever the thread is stuck in.

use std::sync::mpsc as std_mpsc;
use std::time::Duration;

use tokio::sync::oneshot;

use super::{Engine, EngineError, UtteranceId, VoiceInfo};

/// Deadlines for the engine's answers. Speaking and stopping are one round trip to the daemon;
/// choosing a voice may list every voice first (about 2 s with espeak-ng).
const QUICK: Duration = Duration::from_secs(3);
const SLOW: Duration = Duration::from_secs(20);
const CONNECT: Duration = Duration::from_secs(5);

type Job<E> = Box<dyn FnOnce(&mut E) + Send>;

/// An engine that supports listing its voices (the live engine; not needed by the player).
pub trait ListVoices {
    fn list_voices(&mut self, refresh: bool) -> Result<Vec<VoiceInfo>, EngineError>;
}

pub struct EngineHandle<E> {
    jobs: std_mpsc::Sender<Job<E>>,
    wpm: f64,
    log_hint: String,
}

impl<E: Engine + 'static> EngineHandle<E> {
    /// Builds the engine on its own thread with `make`. Fails with the engine's error, or with
    /// [`EngineError::Unavailable`] when building takes longer than 5 s.
    pub fn spawn(
        make: impl FnOnce() -> Result<E, EngineError> + Send + 'static,
        unavailable_hint: impl FnOnce() -> String,
    ) -> Result<Self, EngineError> {
        let (jobs_tx, jobs_rx) = std_mpsc::channel::<Job<E>>();
        let (ready_tx, ready_rx) = std_mpsc::channel();
        std::thread::Builder::new()
            .name("speech-engine".into())
            .spawn(move || {
                let mut engine = match make() {
                    Ok(e) => {
                        let _ = ready_tx.send(Ok((e.words_per_minute(), e.log_hint())));
                        e
                    }
                    Err(e) => {
                        let _ = ready_tx.send(Err(e));
                        return;
                    }
                };
                while let Ok(job) = jobs_rx.recv() {
                    job(&mut engine);
                }
            })
            .map_err(|e| EngineError::Failed(format!("cannot start the engine thread: {e}")))?;
        match ready_rx.recv_timeout(CONNECT) {
            Ok(Ok((wpm, log_hint))) => Ok(EngineHandle {
                jobs: jobs_tx,
                wpm,
                log_hint,
            }),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(EngineError::Unavailable {
                detail: format!("no answer within {} s", CONNECT.as_secs()),
                hint: unavailable_hint(),
            }),
        }
    }

    async fn call<T: Send + 'static>(
        &self,
        deadline: Duration,
        f: impl FnOnce(&mut E) -> Result<T, EngineError> + Send + 'static,
    ) -> Result<T, EngineError> {
        let (tx, rx) = oneshot::channel();
        let job: Job<E> = Box::new(move |engine| {
            let _ = tx.send(f(engine));
        });
        if self.jobs.send(job).is_err() {
            return Err(EngineError::Failed("the engine thread has stopped".into()));
        }
        match tokio::time::timeout(deadline, rx).await {
            Ok(Ok(result)) => result,
            Ok(Err(_)) => Err(EngineError::Failed("the engine thread has stopped".into())),
            Err(_) => Err(EngineError::Stalled {
                waited: deadline,
                log: self.log_hint.clone(),
            }),
        }
    }

    pub async fn speak(&self, text: &str) -> Result<UtteranceId, EngineError> {
        let text = text.to_string();
        self.call(QUICK, move |e| e.speak(&text)).await
    }

    pub async fn stop(&self) -> Result<(), EngineError> {
        self.call(QUICK, |e| e.stop()).await
    }

    /// Stops, giving a stalled engine only one second: for when we are leaving anyway.
    pub async fn stop_before_exit(&self) {
        let _ = self.call(Duration::from_secs(1), |e| e.stop()).await;
    }

    pub async fn set_rate(&mut self, multiplier: f64) -> Result<(), EngineError> {
        self.wpm = self
            .call(QUICK, move |e| {
                e.set_rate(multiplier).map(|_| e.words_per_minute())
            })
            .await?;
        Ok(())
    }

    pub async fn set_voice(&self, lang: &str, voice: Option<&str>) -> Result<(), EngineError> {
        let (lang, voice) = (lang.to_string(), voice.map(str::to_string));
        self.call(SLOW, move |e| e.set_voice(&lang, voice.as_deref()))
            .await
    }

    /// Words per minute at the current rate (for the watchdog and time estimates).
    pub fn words_per_minute(&self) -> f64 {
        self.wpm
    }

    pub fn log_hint(&self) -> &str {
        &self.log_hint
    }
}

impl<E: Engine + ListVoices + 'static> EngineHandle<E> {
    pub async fn voices(&self, refresh: bool) -> Result<Vec<VoiceInfo>, EngineError> {
        self.call(SLOW, move |e| e.list_voices(refresh)).await
    }
}
