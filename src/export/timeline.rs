//! Plan -> audio + timeline: renders each segment with a [`Renderer`], streams the samples to an
//! [`AudioSink`] with the plan's pauses between them, and times subtitle cues and chapters from
//! the renderer's own events.

use crate::engine::render::{RenderError, Rendered, Renderer};

use super::plan::Plan;

/// Where rendered samples go (an encoder).
pub trait AudioSink {
    fn write(&mut self, samples: &[i16]) -> std::io::Result<()>;

    /// `n` samples of silence (a pause between utterances).
    fn silence(&mut self, n: u64) -> std::io::Result<()> {
        write_zeros(self, n)
    }
}

/// A subtitle cue: one sentence, in samples from the start of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cue {
    /// The sentence's number from 1.
    pub sentence: usize,
    pub start: u64,
    pub end: u64,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chapter {
    pub title: String,
    pub start: u64,
    pub end: u64,
}

/// What was rendered, and when each part is heard.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    pub sample_rate: u32,
    /// Length of the audio in samples.
    pub samples: u64,
    pub cues: Vec<Cue>,
    pub chapters: Vec<Chapter>,
}

impl Timeline {
    pub fn seconds(&self, samples: u64) -> f64 {
        samples as f64 / f64::from(self.sample_rate.max(1))
    }

    pub fn millis(&self, samples: u64) -> u64 {
        samples * 1000 / u64::from(self.sample_rate.max(1))
    }

    pub fn duration(&self) -> f64 {
        self.seconds(self.samples)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum TimelineError {
    #[error(transparent)]
    Render(#[from] RenderError),
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error("stopped")]
    Stopped,
}

/// Shortest cue: a sentence the engine renders as (almost) nothing still gets a visible cue.
const MIN_CUE_MS: u64 = 40;

/// Renders `plan` at `rate` into `sink`. `progress` is called with the samples written so far,
/// after each segment; when it returns `false` rendering stops with [`TimelineError::Stopped`].
pub fn render(
    renderer: &mut dyn Renderer,
    plan: &Plan,
    rate: f64,
    sink: &mut dyn AudioSink,
    progress: &mut dyn FnMut(u64) -> bool,
) -> Result<Timeline, TimelineError> {
    let sample_rate = renderer.sample_rate();
    let min_cue = MIN_CUE_MS * u64::from(sample_rate) / 1000;
    let mut pos: u64 = 0;
    let mut cues = Vec::with_capacity(plan.segments.len());
    let mut chapters: Vec<Chapter> = Vec::new();
    let mut out = Rendered::default();
    let last = plan.segments.len().saturating_sub(1);
    for (i, seg) in plan.segments.iter().enumerate() {
        if let Some(title) = &seg.chapter {
            // The first chapter starts at 0: ID3 and WebVTT chapters cover the whole file.
            let start = if chapters.is_empty() { 0 } else { pos };
            if let Some(prev) = chapters.last_mut() {
                prev.end = start;
            }
            chapters.push(Chapter {
                title: title.clone(),
                start,
                end: start,
            });
        }
        renderer.render(&seg.spoken, &mut out)?;
        if let Some(sentence) = seg.sentence {
            let start = pos + out.speech_start();
            let end = (pos + out.speech_end()).max(start + min_cue);
            cues.push(Cue {
                sentence,
                start,
                end,
                text: seg.text.clone(),
            });
        }
        sink.write(&out.samples)?;
        pos += out.samples.len() as u64;
        // The last cue may be stretched to its minimum length: the audio covers it.
        if i == last {
            if let Some(c) = cues.last().filter(|c| c.end > pos) {
                sink.silence(c.end - pos)?;
                pos = c.end;
            }
        } else {
            let gap = seg.pause_after.samples(sample_rate, rate);
            sink.silence(gap)?;
            pos += gap;
        }
        if !progress(pos) {
            return Err(TimelineError::Stopped);
        }
    }
    if let Some(prev) = chapters.last_mut() {
        prev.end = pos;
    }
    Ok(Timeline {
        sample_rate,
        samples: pos,
        cues,
        chapters,
    })
}

/// Writes `n` zero samples through `sink.write`.
pub fn write_zeros<S: AudioSink + ?Sized>(sink: &mut S, mut n: u64) -> std::io::Result<()> {
    const ZEROS: [i16; 4096] = [0; 4096];
    while n > 0 {
        let k = n.min(ZEROS.len() as u64) as usize;
        sink.write(&ZEROS[..k])?;
        n -= k as u64;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::engine::render::{RenderEvent, RenderEventKind};
    use crate::export::plan::{Pause, Segment};

    /// A renderer that "speaks" 100 samples per character, with 10 samples of lead-in, at 1000
    /// samples per second.
    pub struct FakeRenderer;

    impl Renderer for FakeRenderer {
        fn sample_rate(&self) -> u32 {
            1000
        }
        fn set_voice(&mut self, lang: &str, _: Option<&str>) -> Result<String, RenderError> {
            Ok(lang.to_string())
        }
        fn set_rate(&mut self, _: f64) -> Result<(), RenderError> {
            Ok(())
        }
        fn render(&mut self, text: &str, out: &mut Rendered) -> Result<(), RenderError> {
            let n = 10 + 100 * text.chars().count() as u64;
            out.samples = vec![1; n as usize];
            out.events = vec![
                RenderEvent {
                    kind: RenderEventKind::Sentence,
                    char_pos: 0,
                    sample: 10,
                },
                RenderEvent {
                    kind: RenderEventKind::End,
                    char_pos: text.chars().count(),
                    sample: n,
                },
            ];
            Ok(())
        }
    }

    #[derive(Default)]
    pub struct CountingSink(pub u64);

    impl AudioSink for CountingSink {
        fn write(&mut self, samples: &[i16]) -> std::io::Result<()> {
            self.0 += samples.len() as u64;
            Ok(())
        }
    }

    fn seg(text: &str, sentence: Option<usize>, chapter: Option<&str>, pause: Pause) -> Segment {
        Segment {
            spoken: text.into(),
            text: text.into(),
            sentence,
            chapter: chapter.map(Into::into),
            pause_after: pause,
        }
    }

    #[test]
    fn cues_and_chapters_follow_the_events() {
        let plan = Plan {
            title: Some("T".into()),
            byline: None,
            site_name: None,
            published: None,
            lang: "en".into(),
            segments: vec![
                seg("T", None, Some("T"), Pause::Title),
                seg("ab", Some(1), None, Pause::Heading),
                seg("c", Some(2), Some("Part"), Pause::None),
            ],
        };
        let mut sink = CountingSink::default();
        let mut seen = Vec::new();
        let t = render(&mut FakeRenderer, &plan, 1.0, &mut sink, &mut |p| {
            seen.push(p);
            true
        })
        .expect("render");
        // T: 0..110, pause 1200 -> 1310; "ab": 1310..1520 (speech from 1320), pause 1000 ->
        // 2520; "c": 2520..2630 (speech from 2530).
        assert_eq!(t.samples, 2630);
        assert_eq!(sink.0, 2630);
        assert_eq!(
            t.cues,
            vec![
                Cue {
                    sentence: 1,
                    start: 1320,
                    end: 1520,
                    text: "ab".into()
                },
                Cue {
                    sentence: 2,
                    start: 2530,
                    end: 2630,
                    text: "c".into()
                },
            ]
        );
        assert_eq!(
            t.chapters,
            vec![
                Chapter {
                    title: "T".into(),
                    start: 0,
                    end: 2520
                },
                Chapter {
                    title: "Part".into(),
                    start: 2520,
                    end: 2630
                },
            ]
        );
        assert_eq!(seen, vec![1310, 2520, 2630]);
        assert!((t.duration() - 2.63).abs() < 1e-9);
    }
}
