//! WebVTT: the subtitles beside each audio file (one cue per sentence), the chapters file for
//! formats without chapter tags, and the note by which a later export recognizes its own output.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::timeline::Timeline;

/// What an export records about one article, in a `NOTE` block of its subtitles file (players
/// ignore notes). A rerun reads it to skip up-to-date articles, to recognize files it may
/// replace, and to list earlier articles in the playlist and feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Marker {
    /// A hash of the source's stable key (its URL or absolute path): recognizes the source on
    /// a rerun without writing local paths into files that may be served.
    pub key: String,
    /// The source as the user gave it (for messages; not written).
    #[serde(skip)]
    pub source: String,
    /// Fingerprint of what was rendered and how (plan, voice, rate, format).
    pub fingerprint: String,
    /// The audio file's name, in the same folder.
    pub audio: String,
    pub audio_bytes: u64,
    /// Seconds.
    pub duration: f64,
    pub title: String,
    pub description: Option<String>,
    pub lang: String,
    /// The web page, for URL sources.
    pub link: Option<String>,
    /// When the export that made these files started (Unix seconds), and the article's place
    /// in it: the order of the playlist and the feed.
    pub exported: u64,
    pub seq: usize,
}

const NOTE_TAG: &str = "NOTE listen-export ";

/// Reads the marker of a subtitles file made by `listen export`; `None` for any other file.
pub fn read_marker(vtt: &Path) -> Option<Marker> {
    use std::io::{BufRead, BufReader, Read};
    let file = std::fs::File::open(vtt).ok()?;
    // The note is the first block after the header; a marker line is far below 1 MB.
    let mut lines = BufReader::new(file.take(1 << 20)).lines();
    if !lines.next()?.ok()?.starts_with("WEBVTT") {
        return None;
    }
    lines
        .take(4)
        .map_while(Result::ok)
        .find_map(|l| l.strip_prefix(NOTE_TAG).map(str::to_string))
        .and_then(|json| serde_json::from_str(&json).ok())
}

/// The subtitles: one cue per sentence, numbered as `listen text` numbers sentences.
pub fn webvtt(timeline: &Timeline, marker: &Marker) -> String {
    let mut out = String::with_capacity(64 + timeline.cues.len() * 120);
    out.push_str("WEBVTT\n\n");
    push_marker(&mut out, marker);
    for c in &timeline.cues {
        out.push_str(&format!(
            "{}\n{} --> {}\n{}\n\n",
            c.sentence,
            timestamp(timeline.millis(c.start)),
            timestamp(timeline.millis(c.end)),
            cue_text(&c.text)
        ));
    }
    out
}

/// Chapters as a WebVTT file (`<track kind="chapters">`), for WAV, which has no chapter tags.
pub fn chapters_webvtt(timeline: &Timeline) -> String {
    let mut out = String::from("WEBVTT\n\n");
    for (i, c) in timeline.chapters.iter().enumerate() {
        out.push_str(&format!(
            "chapter-{}\n{} --> {}\n{}\n\n",
            i + 1,
            timestamp(timeline.millis(c.start)),
            timestamp(timeline.millis(c.end)),
            cue_text(&c.title)
        ));
    }
    out
}

fn push_marker(out: &mut String, marker: &Marker) {
    // A note ends at a blank line and may not contain "-->": JSON on one line, with every '>'
    // (which can only occur inside strings) escaped.
    let json = serde_json::to_string(marker)
        .unwrap_or_default()
        .replace('>', "\\u003e");
    out.push_str(NOTE_TAG);
    out.push_str(&json);
    out.push_str("\n\n");
}

/// `HH:MM:SS.mmm`.
pub fn timestamp(ms: u64) -> String {
    format!(
        "{:02}:{:02}:{:02}.{:03}",
        ms / 3_600_000,
        ms / 60_000 % 60,
        ms / 1000 % 60,
        ms % 1000
    )
}

/// Cue text is one line with `&`, `<` and `>` escaped.
fn cue_text(s: &str) -> String {
    let one_line = s.split_whitespace().collect::<Vec<_>>().join(" ");
    one_line
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::timeline::{Chapter, Cue};

    fn marker() -> Marker {
        Marker {
            key: "https://x.org/a?b=-->".into(),
            source: String::new(),
            fingerprint: "f".into(),
            audio: "a.mp3".into(),
            audio_bytes: 10,
            duration: 2.5,
            title: "A <b> & c".into(),
            description: None,
            lang: "en".into(),
            link: None,
            exported: 1,
            seq: 0,
        }
    }

    #[test]
    fn writes_cues_and_reads_its_marker_back() {
        let t = Timeline {
            sample_rate: 1000,
            samples: 4000,
            cues: vec![
                Cue {
                    sentence: 1,
                    start: 1500,
                    end: 2250,
                    text: "Tom & <Jerry>\nran.".into(),
                },
                Cue {
                    sentence: 2,
                    start: 3_723_004,
                    end: 3_723_100,
                    text: "Late.".into(),
                },
            ],
            chapters: vec![Chapter {
                title: "Intro".into(),
                start: 0,
                end: 4000,
            }],
        };
        let vtt = webvtt(&t, &marker());
        assert!(vtt.starts_with("WEBVTT\n\nNOTE listen-export {"));
        assert!(
            vtt.contains("\n1\n00:00:01.500 --> 00:00:02.250\nTom &amp; &lt;Jerry&gt; ran.\n\n")
        );
        assert!(vtt.contains("\n2\n01:02:03.004 --> 01:02:03.100\nLate.\n"));
        assert_eq!(vtt.matches("-->").count(), 2);
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("a.vtt");
        std::fs::write(&p, &vtt).expect("write");
        assert_eq!(read_marker(&p), Some(marker()));
        std::fs::write(&p, "WEBVTT\n\n1\n00:00.000 --> 00:01.000\nx\n").expect("write");
        assert_eq!(read_marker(&p), None);
        // Long subtitles in a non-Latin script are read whole-line, never cut inside a character.
        let mut long = vtt.clone();
        long.push_str(&"1\n00:00:01.000 --> 00:00:02.000\nпопулярные блоги\n\n".repeat(3000));
        std::fs::write(&p, &long).expect("write");
        assert_eq!(read_marker(&p), Some(marker()));
        assert!(chapters_webvtt(&t).contains("chapter-1\n00:00:00.000 --> 00:00:04.000\nIntro\n"));
    }
}
