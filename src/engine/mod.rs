//! Speech engines: the live platform engine behind the [`Engine`] trait (`live`, through the
//! `tts` crate, run on its own thread with deadlines by `handle`), and the renderer to audio
//! files for `listen export` (`render`). The player drives an engine by queueing utterances and
//! listening to its events; it never calls the platform directly.

pub mod handle;
pub mod live;
pub mod rate;
pub mod render;
pub mod voices;

use std::time::Duration;

/// An utterance handle, unique within one engine.
pub type UtteranceId = u64;

/// What an engine reports while speaking. Sent on the channel given to the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineEvent {
    Begin(UtteranceId),
    End(UtteranceId),
    /// The utterance was cancelled before it ended (after `stop`).
    Stopped(UtteranceId),
}

/// A voice as listed to the user.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct VoiceInfo {
    pub name: String,
    /// BCP 47 tag as the engine reports it (`en-US`, `fr-FR`).
    pub lang: String,
}

impl VoiceInfo {
    /// True for a voice speaking `lang` (a primary subtag such as `fr`, or a full tag).
    pub fn speaks(&self, lang: &str) -> bool {
        let ours = self.lang.to_ascii_lowercase();
        let wanted = lang.to_ascii_lowercase().replace('_', "-");
        ours == wanted
            || ours.starts_with(&format!("{wanted}-"))
            || (!wanted.contains('-') && ours.split('-').next() == Some(wanted.as_str()))
    }

    /// espeak-ng lists every voice once per variant ("English (America)+Max"); the base voice has
    /// no `+`.
    pub fn is_variant(&self) -> bool {
        self.name.contains('+')
    }
}

#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("cannot reach the speech engine (speech-dispatcher): {detail}\n  {hint}")]
    Unavailable { detail: String, hint: String },
    #[error("no voice for language \"{lang}\" (see `listen voices`; choose one with --voice)")]
    NoVoiceForLanguage { lang: String },
    #[error("no voice named \"{name}\" (see `listen voices`)")]
    NoSuchVoice { name: String },
    #[error(
        "the speech engine stopped responding: no end of speech after {} s.\n  \
         Check the audio output (is a sound server running? `pactl info`), and the \
         speech-dispatcher log: {log}\n  \
         On a machine without audio output, `listen export` writes audio files instead",
        .waited.as_secs()
    )]
    Stalled { waited: Duration, log: String },
    #[error(
        "no audio output: the speech engine started speaking but nothing played after {} s, \
         and this machine has no sound server (PulseAudio, PipeWire) or sound card.\n  \
         Start a sound server, or use `listen export` to write audio files instead \
         (speech-dispatcher log: {log})",
        .waited.as_secs()
    )]
    NoAudioOutput { waited: Duration, log: String },
    #[error("the speech engine failed: {0}")]
    Failed(String),
}

/// What to tell a user whose speech engine cannot be reached: how to install it when it is
/// missing, where to look when it is installed but does not answer.
pub fn unavailable_hint() -> String {
    let installed = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| dir.join("speech-dispatcher").is_file())
    });
    if !cfg!(target_os = "linux") {
        "Check the system's speech settings; `listen export` writes audio files without them".into()
    } else if installed {
        let address = std::env::var("SPEECHD_ADDRESS")
            .map(|a| format!(" at SPEECHD_ADDRESS={a}"))
            .unwrap_or_default();
        format!(
            "speech-dispatcher is installed but did not answer{address}. Try `spd-say hello`, \
             and see its log in ~/.cache/speech-dispatcher/log/.\n  \
             `listen export` writes audio files without it"
        )
    } else {
        "Install it with: sudo apt install speech-dispatcher speech-dispatcher-espeak-ng \
         (or run scripts/install-deps.sh).\n  `listen export` writes audio files without it"
            .into()
    }
}

/// Whether this machine shows any sign of an audio output: a PulseAudio or PipeWire server for
/// this user or the system, or a sound card. Only used to give up early, with a clearer message,
/// when the first utterance does not end: never to refuse to start.
pub fn audio_output_evidence() -> bool {
    if !cfg!(target_os = "linux") || std::env::var_os("PULSE_SERVER").is_some() {
        return true;
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(std::path::PathBuf::from);
    let sockets = [
        runtime.as_ref().map(|r| r.join("pulse/native")),
        runtime.as_ref().map(|r| r.join("pipewire-0")),
        Some("/var/run/pulse/native".into()),
        Some("/run/pulse/native".into()),
    ];
    let sound_card = std::fs::read_dir("/dev/snd")
        .map(|d| {
            d.filter_map(Result::ok)
                .any(|e| e.file_name().to_string_lossy().starts_with("pcm"))
        })
        .unwrap_or(false);
    sound_card || sockets.into_iter().flatten().any(|p| p.exists())
}

/// The operations the player needs from an engine.
pub trait Engine {
    /// Queues an utterance; it is spoken after those already queued.
    fn speak(&mut self, text: &str) -> Result<UtteranceId, EngineError>;
    /// Stops speaking at once and drops everything queued.
    fn stop(&mut self) -> Result<(), EngineError>;
    /// Sets the speed as a multiplier of the engine's normal rate (0.5 to 3.0).
    fn set_rate(&mut self, multiplier: f64) -> Result<(), EngineError>;
    /// Chooses the voice: the named one, or the engine's voice for `lang`.
    fn set_voice(&mut self, lang: &str, voice: Option<&str>) -> Result<(), EngineError>;
    /// Words per minute at the current rate, to estimate durations (for the watchdog and the
    /// time left).
    fn words_per_minute(&self) -> f64;
    /// Where to look when the engine misbehaves (a log file), for messages.
    fn log_hint(&self) -> String;
}
