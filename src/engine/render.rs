//! Rendering speech to samples, in process, through libespeak-ng: the engine behind
//! `listen export`.
//!
//! Unlike the live engine (queued utterances, asynchronous begin/end events, an audio device), a
//! renderer is synchronous: it is handed one utterance and returns its samples together with the
//! engine's own events (words, sentences, clause ends) at exact sample positions. That is what
//! makes subtitles exact rather than estimated, and rendering far faster than real time.
//!
//! libespeak-ng keeps its state in globals: one synthesis at a time in a process. [`Espeak`]
//! holds a process-wide lock for as long as it lives, so a second one waits; batches get their
//! parallelism from worker processes (see `export::worker`).

use std::cell::RefCell;
use std::ffi::CString;
use std::os::raw::{c_int, c_short, c_void};
use std::sync::{Mutex, MutexGuard, OnceLock};

use espeakng_sys as ffi;

/// espeak-ng's normal speed in words per minute (`espeakRATE_NORMAL`), the 1.0x of `--rate`.
pub const NORMAL_WPM: f64 = 175.0;
/// espeak-ng's slowest rate (`espeakRATE_MINIMUM`).
pub const MIN_WPM: f64 = 80.0;
/// The fastest rate we ask for: 3.0x. libespeak-ng goes past its nominal maximum of 450 wpm by
/// time-compressing the audio (sonic), which stays intelligible at this speed.
pub const MAX_WPM: f64 = 525.0;

/// What a renderer reports inside an utterance, at a sample position relative to the
/// utterance's first sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderEvent {
    pub kind: RenderEventKind,
    /// Character (not byte) offset into the utterance's text, from 0.
    pub char_pos: usize,
    pub sample: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RenderEventKind {
    /// A word of `len` characters starts.
    Word { len: usize },
    /// A sentence starts.
    Sentence,
    /// A clause or sentence ends (after its pause, if any).
    End,
}

/// One rendered utterance: mono 16-bit samples at [`Renderer::sample_rate`] and its events.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub samples: Vec<i16>,
    pub events: Vec<RenderEvent>,
    /// The rate the engine said it rendered at, when it said (MBROLA voices use their own).
    pub reported_rate: Option<u32>,
}

impl Rendered {
    /// Where speech starts: the engine's first sentence or word event.
    pub fn speech_start(&self) -> u64 {
        self.events
            .iter()
            .find(|e| {
                matches!(
                    e.kind,
                    RenderEventKind::Word { .. } | RenderEventKind::Sentence
                )
            })
            .map_or(0, |e| e.sample)
            .min(self.samples.len() as u64)
    }

    /// Where speech ends: the engine's last end-of-clause event, else the last sample.
    pub fn speech_end(&self) -> u64 {
        let len = self.samples.len() as u64;
        self.events
            .iter()
            .rev()
            .find(|e| e.kind == RenderEventKind::End)
            .map_or(len, |e| e.sample.min(len))
    }
}

#[derive(Debug, Clone, thiserror::Error)]
pub enum RenderError {
    #[error(
        "cannot start espeak-ng: {0}\n  \
         Install its voices with: sudo apt install espeak-ng-data (or run scripts/install-deps.sh)"
    )]
    Unavailable(String),
    #[error(
        "espeak-ng has no voice for language \"{lang}\" (choose one with --voice; see `espeak-ng --voices`)"
    )]
    NoVoiceForLanguage { lang: String },
    #[error("espeak-ng has no voice named \"{name}\" (see `espeak-ng --voices`)")]
    NoSuchVoice { name: String },
    #[error("espeak-ng failed: {0}")]
    Failed(String),
}

/// A synchronous speech renderer: text in, samples and timed events out.
pub trait Renderer {
    /// Samples per second of everything this renderer produces.
    fn sample_rate(&self) -> u32;
    /// Chooses the voice: the one named, or the engine's voice for `lang`. Returns the voice's
    /// name as the engine knows it.
    fn set_voice(&mut self, lang: &str, voice: Option<&str>) -> Result<String, RenderError>;
    /// Sets the speed as a multiplier of the engine's normal rate (0.5 to 3.0).
    fn set_rate(&mut self, multiplier: f64) -> Result<(), RenderError>;
    /// Renders one utterance into `out` (which is cleared first).
    fn render(&mut self, text: &str, out: &mut Rendered) -> Result<(), RenderError>;
}

/// Words per minute espeak-ng speaks at for a `--rate` multiplier.
pub fn espeak_wpm(multiplier: f64) -> f64 {
    (NORMAL_WPM * multiplier).clamp(MIN_WPM, MAX_WPM)
}

/// The espeak-ng voice we pick for a language when the user names none. espeak-ng's "en" is
/// British; the live engine (speech-dispatcher) reads English with the American voice, and so do we.
pub fn default_voice_for(lang: &str) -> String {
    let lang = lang.trim().to_ascii_lowercase().replace('_', "-");
    match lang.as_str() {
        "en" => "en-us".to_string(),
        "pt" => "pt-br".to_string(),
        _ => lang,
    }
}

/// The process-wide lock: libespeak-ng synthesizes one thing at a time per process.
static LOCK: Mutex<()> = Mutex::new(());
/// espeak_Initialize's outcome (the sample rate), done once per process.
static INIT: OnceLock<Result<u32, String>> = OnceLock::new();

thread_local! {
    /// Where the synthesis callback puts what it receives. The callback runs on the thread that
    /// called `espeak_Synth` (synchronous mode), inside the renderer's lock.
    static CAPTURE: RefCell<Rendered> = RefCell::new(Rendered::default());
}

/// libespeak-ng, in process, synchronous mode.
pub struct Espeak {
    sample_rate: u32,
    _lock: MutexGuard<'static, ()>,
}

impl Espeak {
    /// Starts libespeak-ng (once per process) and takes the process-wide lock; a second `Espeak`
    /// in the same process waits until the first is dropped.
    pub fn new() -> Result<Espeak, RenderError> {
        let lock = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let rate = INIT
            .get_or_init(|| {
                // SAFETY: called once per process, under LOCK; a null path means espeak-ng's
                // default data folder. DONT_EXIT makes a missing data folder an error return
                // instead of exiting the process.
                let rate = unsafe {
                    ffi::espeak_Initialize(
                        ffi::espeak_AUDIO_OUTPUT_AUDIO_OUTPUT_SYNCHRONOUS,
                        0,
                        std::ptr::null(),
                        ffi::espeakINITIALIZE_DONT_EXIT as c_int,
                    )
                };
                if rate <= 0 {
                    return Err(format!(
                        "initialization failed (error {rate}); is espeak-ng-data installed?"
                    ));
                }
                // SAFETY: a plain function pointer with the signature libespeak-ng expects.
                unsafe { ffi::espeak_SetSynthCallback(Some(synth_callback)) };
                Ok(rate as u32)
            })
            .clone()
            .map_err(RenderError::Unavailable)?;
        Ok(Espeak {
            sample_rate: rate,
            _lock: lock,
        })
    }

    fn set_voice_by_name(name: &str) -> bool {
        let Ok(c) = CString::new(name) else {
            return false;
        };
        // SAFETY: a valid NUL-terminated string; we hold LOCK.
        unsafe { ffi::espeak_SetVoiceByName(c.as_ptr()) == ffi::espeak_ERROR_EE_OK }
    }

    /// True when one of espeak-ng's voices speaks exactly this language tag ("en-gb", "fr").
    /// (Choosing by language alone picks the nearest voice, even for a tag no voice has.)
    fn has_language(tag: &str) -> bool {
        // SAFETY: we hold LOCK; espeak_ListVoices(NULL) returns a NULL-terminated array of voices
        // owned by the library, valid until the next call. Each voice's `languages` is a list of
        // (priority byte, NUL-terminated tag) pairs ended by a zero priority byte.
        unsafe {
            let list = ffi::espeak_ListVoices(std::ptr::null_mut());
            if list.is_null() {
                return false;
            }
            let mut i = 0;
            loop {
                let v = *list.add(i);
                if v.is_null() {
                    return false;
                }
                let mut p = (*v).languages as *const u8;
                while !p.is_null() && *p != 0 {
                    let lang = std::ffi::CStr::from_ptr(p.add(1) as *const std::os::raw::c_char);
                    if lang.to_bytes().eq_ignore_ascii_case(tag.as_bytes()) {
                        return true;
                    }
                    p = p.add(2 + lang.to_bytes().len());
                }
                i += 1;
            }
        }
    }

    fn set_voice_by_language(lang: &str) -> bool {
        let Ok(c) = CString::new(lang) else {
            return false;
        };
        let mut spec = ffi::espeak_VOICE {
            name: std::ptr::null(),
            languages: c.as_ptr(),
            identifier: std::ptr::null(),
            gender: 0,
            age: 0,
            variant: 0,
            xx1: 0,
            score: 0,
            spare: std::ptr::null_mut(),
        };
        // SAFETY: `spec` and the string it points to outlive the call; we hold LOCK.
        unsafe { ffi::espeak_SetVoiceByProperties(&mut spec) == ffi::espeak_ERROR_EE_OK }
    }
}

impl Renderer for Espeak {
    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn set_voice(&mut self, lang: &str, voice: Option<&str>) -> Result<String, RenderError> {
        if let Some(name) = voice {
            // Names as `listen voices` lists them ("English (America)+Max"), espeak-ng voice
            // files ("en-us", "fr+f3") and languages ("en-gb") all work here.
            let tag = name.to_ascii_lowercase().replace('_', "-");
            if Self::set_voice_by_name(name)
                || (Self::has_language(&tag) && Self::set_voice_by_language(&tag))
            {
                return Ok(name.to_string());
            }
            return Err(RenderError::NoSuchVoice {
                name: name.to_string(),
            });
        }
        let wanted = default_voice_for(lang);
        if Self::set_voice_by_name(&wanted)
            || (Self::has_language(&wanted) && Self::set_voice_by_language(&wanted))
        {
            return Ok(wanted);
        }
        Err(RenderError::NoVoiceForLanguage {
            lang: lang.to_string(),
        })
    }

    fn set_rate(&mut self, multiplier: f64) -> Result<(), RenderError> {
        let wpm = espeak_wpm(multiplier).round() as c_int;
        // SAFETY: plain integer parameters; we hold LOCK.
        let r = unsafe { ffi::espeak_SetParameter(ffi::espeak_PARAMETER_espeakRATE, wpm, 0) };
        if r == ffi::espeak_ERROR_EE_OK {
            Ok(())
        } else {
            Err(RenderError::Failed(format!(
                "cannot set the rate (error {r})"
            )))
        }
    }

    fn render(&mut self, text: &str, out: &mut Rendered) -> Result<(), RenderError> {
        // espeak-ng reads the text up to a NUL.
        let c = CString::new(text.replace('\0', " "))
            .map_err(|e| RenderError::Failed(e.to_string()))?;
        let size = c.as_bytes_with_nul().len();
        CAPTURE.with(|cap| {
            if let Ok(mut cap) = cap.try_borrow_mut() {
                cap.samples.clear();
                cap.events.clear();
                cap.reported_rate = None;
            }
        });
        // SAFETY: `c` is NUL-terminated and outlives the call; in synchronous mode espeak_Synth
        // returns when the whole text is rendered, calling `synth_callback` on this thread.
        let r = unsafe {
            ffi::espeak_Synth(
                c.as_ptr() as *const c_void,
                size,
                0,
                ffi::espeak_POSITION_TYPE_POS_CHARACTER,
                0,
                ffi::espeakCHARS_UTF8,
                std::ptr::null_mut(),
                std::ptr::null_mut(),
            )
        };
        if r != ffi::espeak_ERROR_EE_OK {
            return Err(RenderError::Failed(format!("synthesis error {r}")));
        }
        // SAFETY: no arguments; flushes anything still buffered (a no-op in synchronous mode).
        unsafe { ffi::espeak_Synchronize() };
        CAPTURE.with(|cap| match cap.try_borrow_mut() {
            Ok(mut cap) => {
                std::mem::swap(&mut *cap, out);
                Ok(())
            }
            Err(_) => Err(RenderError::Failed("re-entrant synthesis".into())),
        })?;
        match out.reported_rate {
            Some(r) if r != self.sample_rate => Err(RenderError::Failed(format!(
                "this voice renders at {r} Hz, not espeak-ng's {} Hz (MBROLA voices are not \
                 supported for export; choose an espeak-ng voice)",
                self.sample_rate
            ))),
            _ => Ok(()),
        }
    }
}

/// Receives samples and events from libespeak-ng. Must not panic (it is called from C).
unsafe extern "C" fn synth_callback(
    wav: *mut c_short,
    numsamples: c_int,
    events: *mut ffi::espeak_EVENT,
) -> c_int {
    CAPTURE.with(|cap| {
        let Ok(mut cap) = cap.try_borrow_mut() else {
            return;
        };
        let base = cap.samples.len() as u64;
        let mut e = events;
        // SAFETY: libespeak-ng passes an array terminated by an event of type LIST_TERMINATED,
        // and `numsamples` valid samples at `wav` (or a null pointer).
        unsafe {
            while !e.is_null() && (*e).type_ != ffi::espeak_EVENT_TYPE_espeakEVENT_LIST_TERMINATED {
                let ev = &*e;
                if ev.type_ == ffi::espeak_EVENT_TYPE_espeakEVENT_SAMPLERATE {
                    cap.reported_rate = u32::try_from(ev.id.number).ok();
                }
                let kind = match ev.type_ {
                    ffi::espeak_EVENT_TYPE_espeakEVENT_WORD => Some(RenderEventKind::Word {
                        len: ev.length.max(0) as usize,
                    }),
                    ffi::espeak_EVENT_TYPE_espeakEVENT_SENTENCE => Some(RenderEventKind::Sentence),
                    ffi::espeak_EVENT_TYPE_espeakEVENT_END => Some(RenderEventKind::End),
                    _ => None,
                };
                if let Some(kind) = kind {
                    // `sample` counts from the start of this espeak_Synth call; a negative one
                    // would be a bug in the library: take the current position instead.
                    let sample = u64::try_from(ev.sample).unwrap_or(base);
                    cap.events.push(RenderEvent {
                        kind,
                        char_pos: (ev.text_position.max(1) - 1) as usize,
                        sample,
                    });
                }
                e = e.add(1);
            }
            if !wav.is_null() && numsamples > 0 {
                cap.samples
                    .extend_from_slice(std::slice::from_raw_parts(wav, numsamples as usize));
            }
        }
    });
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_mapping() {
        assert_eq!(espeak_wpm(1.0), 175.0);
        assert_eq!(espeak_wpm(2.0), 350.0);
        assert_eq!(espeak_wpm(3.0), 525.0);
        assert_eq!(espeak_wpm(0.5), 87.5);
        assert_eq!(espeak_wpm(0.1), 80.0);
    }

    #[test]
    fn default_voices() {
        assert_eq!(default_voice_for("en"), "en-us");
        assert_eq!(default_voice_for("fr"), "fr");
        assert_eq!(default_voice_for("en_GB"), "en-gb");
    }

    #[test]
    fn renders_with_events() {
        let mut e = Espeak::new().expect("libespeak-ng");
        assert!(e.sample_rate() > 8000);
        e.set_voice("en", None).expect("English voice");
        e.set_rate(1.0).expect("rate");
        let mut out = Rendered::default();
        e.render("Hello there, world. A second sentence.", &mut out)
            .expect("render");
        let secs = out.samples.len() as f64 / e.sample_rate() as f64;
        assert!((1.0..6.0).contains(&secs), "{secs} s");
        let sentences = out
            .events
            .iter()
            .filter(|e| e.kind == RenderEventKind::Sentence)
            .count();
        assert_eq!(sentences, 2);
        let words: Vec<_> = out
            .events
            .iter()
            .filter(|e| matches!(e.kind, RenderEventKind::Word { .. }))
            .collect();
        assert_eq!(words.len(), 6);
        assert!(words.windows(2).all(|w| w[0].sample < w[1].sample));
        assert_eq!(words[1].char_pos, 6); // "there"
        assert_eq!(out.speech_end(), out.samples.len() as u64);

        // Faster is shorter; the events restart from 0 in each utterance.
        e.set_rate(2.0).expect("rate");
        let mut fast = Rendered::default();
        e.render("Hello there, world. A second sentence.", &mut fast)
            .expect("render");
        assert!(fast.samples.len() * 10 < out.samples.len() * 7);
        assert_eq!(fast.speech_start(), 0);

        assert!(matches!(
            e.set_voice("xx", None),
            Err(RenderError::NoVoiceForLanguage { .. })
        ));
        assert!(matches!(
            e.set_voice("en", Some("no such voice")),
            Err(RenderError::NoSuchVoice { .. })
        ));
        assert!(e.set_voice("fr", None).is_ok());
        assert!(e.set_voice("en", Some("en-gb")).is_ok());
        assert!(matches!(
            e.set_voice("en", Some("no-such-voice")),
            Err(RenderError::NoSuchVoice { .. })
        ));
        assert!(e.set_voice("en", Some("English (America)")).is_ok());
    }
}
