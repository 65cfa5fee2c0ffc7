//! The live platform engine through the `tts` crate: speech-dispatcher on Linux, the native
//! engines on macOS and Windows.
//!
//! On Linux, `tts` 0.26 can only choose a voice by listing every voice twice (about 13,000 with
//! espeak-ng: some 4 s), and cannot set a language at all. So beside the `tts` connection we open
//! a small control connection to speech-dispatcher with the same library `tts` uses, and set the
//! language or voice of our `tts` client by its client id (SSIP `SET <uid> ...`), which is instant.
//! The id is known for certain: controls are opened just before and just after `tts`, and their
//! ids must be consecutive around it; otherwise we fall back to `tts`'s own (slow) voice setting.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use tokio::sync::mpsc::UnboundedSender;

use super::handle::{EngineHandle, ListVoices};
use super::voices::VoiceList;
use super::{Engine, EngineError, EngineEvent, UtteranceId, VoiceInfo, rate};

pub struct LiveEngine {
    tts: tts::Tts,
    multiplier: f64,
    #[cfg(target_os = "linux")]
    control: Option<control::Control>,
    voices: VoiceList,
}

fn key(id: &tts::UtteranceId) -> UtteranceId {
    // UtteranceId is a plain id on Linux and Windows but an object pointer on macOS, where it does
    // not implement Hash; its Debug form is unique on every platform.
    let mut h = DefaultHasher::new();
    format!("{id:?}").hash(&mut h);
    h.finish()
}

fn failed(e: tts::Error) -> EngineError {
    EngineError::Failed(e.to_string())
}

impl LiveEngine {
    /// Connects to the platform engine on a thread of its own (see [`EngineHandle`]); engine
    /// events go to `events`.
    pub fn connect(
        events: UnboundedSender<EngineEvent>,
    ) -> Result<EngineHandle<Self>, EngineError> {
        EngineHandle::spawn(move || Self::open(events), super::unavailable_hint)
    }

    fn open(events: UnboundedSender<EngineEvent>) -> Result<Self, EngineError> {
        #[cfg(target_os = "linux")]
        let before = control::Control::open();
        let tts = tts::Tts::default().map_err(|e| EngineError::Unavailable {
            detail: e.to_string(),
            hint: super::unavailable_hint(),
        })?;
        #[cfg(target_os = "linux")]
        let control = control::Control::around(before, control::Control::open());

        let features = tts.supported_features();
        if !features.utterance_callbacks {
            return Err(EngineError::Failed(
                "this speech engine does not report when utterances end".into(),
            ));
        }
        let (begin_tx, end_tx, stop_tx) = (events.clone(), events.clone(), events);
        tts.on_utterance_begin(Some(Box::new(move |id| {
            let _ = begin_tx.send(EngineEvent::Begin(key(&id)));
        })))
        .map_err(failed)?;
        tts.on_utterance_end(Some(Box::new(move |id| {
            let _ = end_tx.send(EngineEvent::End(key(&id)));
        })))
        .map_err(failed)?;
        tts.on_utterance_stop(Some(Box::new(move |id| {
            let _ = stop_tx.send(EngineEvent::Stopped(key(&id)));
        })))
        .map_err(failed)?;
        Ok(LiveEngine {
            tts,
            multiplier: 1.0,
            #[cfg(target_os = "linux")]
            control,
            voices: VoiceList::default(),
        })
    }

    /// The slow, portable way: find the `tts::Voice` and set it.
    fn set_voice_through_tts(
        &mut self,
        lang: &str,
        voice: Option<&str>,
    ) -> Result<(), EngineError> {
        let all = self.tts.voices().map_err(failed)?;
        let chosen = match voice {
            Some(name) => all.iter().find(|v| v.name() == name),
            None => {
                let infos: Vec<VoiceInfo> = all.iter().map(info).collect();
                super::voices::best_for(&infos, lang)
                    .and_then(|i| all.iter().find(|v| v.name() == infos[i].name))
            }
        };
        match chosen {
            Some(v) => self.tts.set_voice(v).map_err(failed),
            None => Err(match voice {
                Some(name) => EngineError::NoSuchVoice { name: name.into() },
                None => EngineError::NoVoiceForLanguage { lang: lang.into() },
            }),
        }
    }
}

fn info(v: &tts::Voice) -> VoiceInfo {
    VoiceInfo {
        name: v.name(),
        lang: v.language().to_string(),
    }
}

fn list_voices(tts: &tts::Tts) -> Result<Vec<VoiceInfo>, EngineError> {
    Ok(tts.voices().map_err(failed)?.iter().map(info).collect())
}

/// Fails with `missing()` unless a listed voice is `wanted`. A cached list is refreshed once
/// before giving up: the voice may have been installed since it was written.
fn ensure_listed(
    voices: &mut VoiceList,
    tts: &tts::Tts,
    wanted: impl Fn(&VoiceInfo) -> bool,
    missing: impl FnOnce() -> EngineError,
) -> Result<(), EngineError> {
    if voices.get(false, || list_voices(tts))?.iter().any(&wanted) {
        return Ok(());
    }
    if !voices.is_fresh() && voices.get(true, || list_voices(tts))?.iter().any(&wanted) {
        return Ok(());
    }
    Err(missing())
}

impl ListVoices for LiveEngine {
    /// Every voice the engine offers (cached on disk; see [`VoiceList`]).
    fn list_voices(&mut self, refresh: bool) -> Result<Vec<VoiceInfo>, EngineError> {
        let tts = &self.tts;
        self.voices
            .get(refresh, || list_voices(tts))
            .map(|v| v.to_vec())
    }
}

impl Engine for LiveEngine {
    fn speak(&mut self, text: &str) -> Result<UtteranceId, EngineError> {
        // libspeechd takes C strings: a NUL would end the text (and panics in the binding).
        let text = text.replace('\0', " ");
        match self.tts.speak(text, false).map_err(failed)? {
            Some(id) => Ok(key(&id)),
            None => Err(EngineError::Failed(
                "the engine gave no utterance id".into(),
            )),
        }
    }

    fn stop(&mut self) -> Result<(), EngineError> {
        self.tts.stop().map_err(failed)?;
        Ok(())
    }

    fn set_rate(&mut self, multiplier: f64) -> Result<(), EngineError> {
        self.multiplier = multiplier.clamp(rate::MIN, rate::MAX);
        let (min, normal, max) = (
            self.tts.min_rate() as f64,
            self.tts.normal_rate() as f64,
            self.tts.max_rate() as f64,
        );
        let value = if normal == 0.0 {
            // speech-dispatcher's -100..0..100 scale
            rate::speechd_rate(self.multiplier)
        } else {
            rate::scaled_rate(self.multiplier, min, normal, max)
        };
        self.tts.set_rate(value as f32).map_err(failed)?;
        Ok(())
    }

    fn set_voice(&mut self, lang: &str, voice: Option<&str>) -> Result<(), EngineError> {
        #[cfg(target_os = "linux")]
        if let Some(c) = &self.control {
            // Setting by id does not check that the engine has such a voice: check the list
            // first, so an unknown name or a language without voices is an error.
            let (voices, tts) = (&mut self.voices, &self.tts);
            match voice {
                Some(name) => ensure_listed(
                    voices,
                    tts,
                    |v| v.name == name,
                    || EngineError::NoSuchVoice { name: name.into() },
                )?,
                None => ensure_listed(
                    voices,
                    tts,
                    |v| v.speaks(lang),
                    || EngineError::NoVoiceForLanguage { lang: lang.into() },
                )?,
            }
            c.set_language(lang)?;
            if let Some(name) = voice {
                c.set_voice(name)?;
            }
            return Ok(());
        }
        self.set_voice_through_tts(lang, voice)
    }

    fn words_per_minute(&self) -> f64 {
        if self.tts.normal_rate() == 0.0 {
            rate::speechd_wpm(self.multiplier)
        } else {
            rate::SPEECHD_WPM.1 * self.multiplier * rate::PAUSE_FACTOR
        }
    }

    fn log_hint(&self) -> String {
        if cfg!(target_os = "linux") {
            let base = std::env::var_os("XDG_CACHE_HOME")
                .map(std::path::PathBuf::from)
                .or_else(|| {
                    std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".cache"))
                })
                .unwrap_or_else(|| std::path::PathBuf::from("~/.cache"));
            base.join("speech-dispatcher/log/speech-dispatcher.log")
                .display()
                .to_string()
        } else {
            "the system's speech settings".into()
        }
    }
}

impl Drop for LiveEngine {
    fn drop(&mut self) {
        // Nothing may keep talking after we are gone.
        let _ = self.tts.stop();
    }
}

#[cfg(target_os = "linux")]
mod control {
    //! A speech-dispatcher connection that sets the language and voice of our `tts` client.

    use speech_dispatcher::{Connection, Mode};

    use crate::engine::EngineError;

    pub struct Control {
        conn: Connection,
        /// speech-dispatcher's id of the `tts` crate's connection.
        uid: u32,
    }

    impl Control {
        /// Threaded mode, because the crate's setup turns on notifications, which single mode
        /// refuses.
        pub fn open() -> Option<Connection> {
            Connection::open("listen", "control", "listen", Mode::Threaded).ok()
        }

        /// Keeps `before` as the control connection when `after` proves that nothing else
        /// connected between them, so the `tts` connection's id is the one in the middle.
        pub fn around(before: Option<Connection>, after: Option<Connection>) -> Option<Control> {
            let (before, after) = (before?, after?);
            let (a, c) = (before.client_id(), after.client_id());
            drop(after);
            (a > 0 && c == a + 2).then(|| Control {
                uid: (a + 1) as u32,
                conn: before,
            })
        }

        pub fn set_language(&self, lang: &str) -> Result<(), EngineError> {
            self.conn
                .set_language_uid(lang, self.uid)
                .map_err(|e| EngineError::Failed(format!("cannot set the language {lang}: {e}")))
        }

        pub fn set_voice(&self, name: &str) -> Result<(), EngineError> {
            self.conn
                .set_synthesis_voice_uid(name, self.uid)
                .map_err(|e| EngineError::Failed(format!("cannot set the voice {name}: {e}")))
        }
    }
}
