//! Script -> Plan: what one audio file says, in order, with the pauses between and the chapter
//! marks. A plan is plain data (serializable), so it can be handed to a worker process and
//! fingerprinted to tell whether an earlier export is still up to date.

use serde::{Deserialize, Serialize};

use crate::article::BlockKind;
use crate::script::Script;

/// Everything one audio file says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<String>,
    pub lang: String,
    pub segments: Vec<Segment>,
}

/// One utterance: the title or a body sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Segment {
    /// What the engine is given.
    pub spoken: String,
    /// The text as written: the subtitle.
    pub text: String,
    /// The sentence's number from 1, as `listen text` prints it; `None` for the title, which
    /// gets no subtitle cue (cues are the article's sentences).
    pub sentence: Option<usize>,
    /// This segment starts a chapter with this name.
    pub chapter: Option<String>,
    /// The silence after it.
    pub pause_after: Pause,
}

/// Silences between utterances. Longer ones mark structure: a paragraph ends, a heading was
/// read, the title was announced.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pause {
    None,
    Sentence,
    Paragraph,
    Heading,
    Title,
}

impl Pause {
    /// Milliseconds at normal speed. espeak-ng trims the silence at the end of each utterance,
    /// so even sentences of one paragraph need a gap; its own pause after a full stop is about
    /// this long at 175 words per minute.
    pub fn millis(self) -> u32 {
        match self {
            Pause::None => 0,
            Pause::Sentence => 350,
            Pause::Paragraph => 750,
            Pause::Heading => 1000,
            Pause::Title => 1200,
        }
    }

    /// Samples of silence at `rate` (pauses shrink and grow with the speed, as speech does).
    pub fn samples(self, sample_rate: u32, rate: f64) -> u64 {
        let secs = f64::from(self.millis()) / 1000.0 / rate.clamp(0.25, 4.0);
        (secs * f64::from(sample_rate)).round() as u64
    }
}

impl Plan {
    /// The plan for a script: the title first (when there is one), then every sentence. A
    /// chapter starts at each heading, plus one for what precedes the first heading; an article
    /// without headings has no chapters.
    pub fn from_script(script: &Script) -> Plan {
        let mut segments = Vec::new();
        let has_headings = script.blocks.iter().any(|b| b.kind == BlockKind::Heading);
        let intro_name = script
            .title
            .as_deref()
            .map(clean_chapter_name)
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| "Introduction".to_string());
        if let Some(title) = script.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let spoken = script
                .title_spoken
                .clone()
                .filter(|s| !s.trim().is_empty())
                .unwrap_or_else(|| title.to_string());
            segments.push(Segment {
                spoken,
                text: title.to_string(),
                sentence: None,
                chapter: None,
                pause_after: Pause::Title,
            });
        }
        let mut number = 0;
        for block in &script.blocks {
            let n = block.sentences.len();
            for (i, s) in block.sentences.iter().enumerate() {
                number += 1;
                let chapter = (i == 0 && block.kind == BlockKind::Heading)
                    .then(|| clean_chapter_name(&block.text))
                    .filter(|c| !c.is_empty());
                let pause_after = match (i + 1 == n, block.kind) {
                    (false, _) => Pause::Sentence,
                    (true, BlockKind::Heading) => Pause::Heading,
                    (true, _) => Pause::Paragraph,
                };
                segments.push(Segment {
                    spoken: s.spoken.clone(),
                    text: s.text.clone(),
                    sentence: Some(number),
                    chapter,
                    pause_after,
                });
            }
        }
        if has_headings && segments.first().is_some_and(|s| s.chapter.is_none()) {
            segments[0].chapter = Some(intro_name);
        }
        if let Some(last) = segments.last_mut() {
            last.pause_after = Pause::None;
        }
        Plan {
            title: script.title.clone(),
            byline: script.byline.clone(),
            site_name: script.site_name.clone(),
            published: script.published.clone(),
            lang: script.lang.clone(),
            segments,
        }
    }

    pub fn sentence_count(&self) -> usize {
        self.segments
            .iter()
            .filter(|s| s.sentence.is_some())
            .count()
    }

    /// About how long the audio will be at `rate`, in seconds (for progress and planning; the
    /// renderer's own timing is what counts).
    pub fn estimated_seconds(&self, rate: f64) -> f64 {
        let words = self.word_count() as f64;
        words / crate::engine::render::espeak_wpm(rate) * 60.0
            + self.segments.len() as f64 * 0.5 / rate.clamp(0.25, 4.0)
    }

    pub fn word_count(&self) -> usize {
        self.segments
            .iter()
            .map(|s| s.spoken.split_whitespace().count())
            .sum()
    }
}

fn clean_chapter_name(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match s.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
        None => s,
    }
}

/// A stable 64-bit FNV-1a hash, in hex. (std's hashers may change between Rust releases; an
/// export's fingerprint must not.)
pub fn fingerprint(parts: &[&[u8]]) -> String {
    use std::hash::Hasher;
    let mut h = crate::hash::Fnv::default();
    for part in parts {
        h.write(part);
        h.write(&[0xff]);
    }
    format!("{:016x}", h.finish())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block};

    fn script(blocks: Vec<Block>) -> Script {
        Script::build(
            &Article {
                title: Some("A title".into()),
                blocks,
                ..Default::default()
            },
            Some("en"),
        )
    }

    #[test]
    fn title_first_then_sentences_with_pauses() {
        let p = Plan::from_script(&script(vec![
            Block::new(BlockKind::Paragraph, "One. Two."),
            Block::new(BlockKind::Paragraph, "Three."),
        ]));
        let got: Vec<_> = p
            .segments
            .iter()
            .map(|s| (s.text.as_str(), s.sentence, s.pause_after))
            .collect();
        assert_eq!(
            got,
            vec![
                ("A title", None, Pause::Title),
                ("One.", Some(1), Pause::Sentence),
                ("Two.", Some(2), Pause::Paragraph),
                ("Three.", Some(3), Pause::None),
            ]
        );
        assert!(p.segments.iter().all(|s| s.chapter.is_none()));
        assert_eq!(p.sentence_count(), 3);
    }

    #[test]
    fn chapters_at_headings() {
        let p = Plan::from_script(&script(vec![
            Block::new(BlockKind::Paragraph, "Lead."),
            Block::new(BlockKind::Heading, "First part"),
            Block::new(BlockKind::Paragraph, "Body."),
        ]));
        let chapters: Vec<_> = p
            .segments
            .iter()
            .filter_map(|s| s.chapter.as_deref())
            .collect();
        assert_eq!(chapters, vec!["A title", "First part"]);
        assert_eq!(p.segments[2].pause_after, Pause::Heading);
    }

    #[test]
    fn pauses_scale_with_rate() {
        assert_eq!(Pause::Paragraph.samples(22050, 1.0), 16538);
        assert_eq!(Pause::Paragraph.samples(22050, 2.0), 8269);
        assert_eq!(Pause::None.samples(22050, 1.0), 0);
    }

    #[test]
    fn fingerprint_is_stable() {
        // Written into every export's files: a change would render every article again.
        assert_eq!(fingerprint(&[b"a", b"b"]), "d2b371819297f98a");
        assert_ne!(fingerprint(&[b"ab"]), fingerprint(&[b"a", b"b"]));
        assert_eq!(fingerprint(&[]), "cbf29ce484222325");
    }
}
