//! Audio formats: WAV (hound) and MP3 (LAME through `mp3lame-encoder`, with an ID3v2 tag that
//! carries the title, the source and the chapters as CHAP/CTOC frames, which podcast apps show).
//!
//! MP3 is the compressed format every phone, car and podcast app plays. Speech from espeak-ng
//! is 22,050 Hz mono; it is encoded at that rate, constant 56 kbit/s (about 420 kB a minute),
//! with a LAME "Info" frame so that players know the exact length and skip the encoder's padding.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use serde::{Deserialize, Serialize};

use super::mp3::Mp3Writer;
use super::timeline::{AudioSink, Timeline};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Uncompressed 16-bit PCM.
    Wav,
    /// MPEG-2 Layer III, 56 kbit/s mono, with ID3 chapters.
    Mp3,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Wav => "wav",
            Format::Mp3 => "mp3",
        }
    }

    pub fn mime(self) -> &'static str {
        match self {
            Format::Wav => "audio/wav",
            Format::Mp3 => "audio/mpeg",
        }
    }

    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "wav" | "wave" => Some(Format::Wav),
            "mp3" => Some(Format::Mp3),
            _ => None,
        }
    }
}

/// What the audio file says about itself (ID3 for MP3).
#[derive(Debug, Clone, Default)]
pub struct Tags {
    pub title: Option<String>,
    pub artist: Option<String>,
    pub album: Option<String>,
    /// Where the article came from (URL or path).
    pub source: String,
}

/// An encoder writing into an (atomic) output file.
pub enum Encoder<'f> {
    Wav {
        wav: hound::WavWriter<BufWriter<&'f File>>,
        file: &'f File,
    },
    Mp3 {
        mp3: Box<Mp3Writer>,
        file: &'f File,
    },
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

impl<'f> Encoder<'f> {
    /// `expected` (MP3 only): the expected length in samples, to encode parts of the stream on
    /// several threads; give it when a core is free (see `mp3`).
    pub fn new(
        format: Format,
        sample_rate: u32,
        file: &'f File,
        expected: Option<u64>,
    ) -> io::Result<Encoder<'f>> {
        match format {
            Format::Wav => {
                let spec = hound::WavSpec {
                    channels: 1,
                    sample_rate,
                    bits_per_sample: 16,
                    sample_format: hound::SampleFormat::Int,
                };
                let w = hound::WavWriter::new(BufWriter::with_capacity(1 << 16, file), spec)
                    .map_err(other)?;
                Ok(Encoder::Wav { wav: w, file })
            }
            Format::Mp3 => Ok(Encoder::Mp3 {
                mp3: Box::new(Mp3Writer::new(sample_rate, expected)?),
                file,
            }),
        }
    }

    /// Completes the file: the WAV header's lengths, or the MP3 stream and its ID3 tag (with the
    /// timeline's chapters). Returns the file's size in bytes.
    pub fn finish(self, timeline: &Timeline, tags: &Tags) -> io::Result<u64> {
        match self {
            Encoder::Wav { wav, file } => {
                wav.finalize().map_err(other)?;
                Ok(file.metadata()?.len())
            }
            Encoder::Mp3 { mp3, file } => {
                let data = mp3.finish()?;
                let tag = id3_tag(timeline, tags)?;
                let mut w = BufWriter::new(file);
                w.write_all(&tag)?;
                w.write_all(&data)?;
                w.flush()?;
                Ok((tag.len() + data.len()) as u64)
            }
        }
    }
}

impl AudioSink for Encoder<'_> {
    fn write(&mut self, samples: &[i16]) -> io::Result<()> {
        match self {
            Encoder::Wav { wav, .. } => {
                let mut s = wav.get_i16_writer(samples.len() as u32);
                for &x in samples {
                    s.write_sample(x);
                }
                s.flush().map_err(other)
            }
            Encoder::Mp3 { mp3, .. } => mp3.write(samples),
        }
    }

    fn silence(&mut self, n: u64) -> io::Result<()> {
        match self {
            Encoder::Mp3 { mp3, .. } => mp3.silence(n),
            Encoder::Wav { .. } => super::timeline::write_zeros(self, n),
        }
    }
}

/// The ID3v2.3 tag (the version every player reads): title, artist, album, length, source, and
/// chapters as CHAP frames under one CTOC.
fn id3_tag(timeline: &Timeline, tags: &Tags) -> io::Result<Vec<u8>> {
    use id3::frame::{Chapter, ExtendedText, TableOfContents};
    use id3::{Frame, TagLike};
    let mut tag = id3::Tag::new();
    if let Some(t) = &tags.title {
        tag.set_title(t.as_str());
    }
    if let Some(a) = &tags.artist {
        tag.set_artist(a.as_str());
    }
    if let Some(a) = &tags.album {
        tag.set_album(a.as_str());
    }
    tag.set_genre("Speech");
    tag.set_duration(u32::try_from(timeline.millis(timeline.samples)).unwrap_or(u32::MAX));
    tag.add_frame(ExtendedText {
        description: "source".into(),
        value: tags.source.clone(),
    });
    tag.set_text("TSSE", format!("listen {}", env!("CARGO_PKG_VERSION")));
    if !timeline.chapters.is_empty() {
        let ms = |s: u64| u32::try_from(timeline.millis(s)).unwrap_or(u32::MAX);
        let ids: Vec<String> = (0..timeline.chapters.len())
            .map(|i| format!("chp{i}"))
            .collect();
        tag.add_frame(TableOfContents {
            element_id: "toc".into(),
            top_level: true,
            ordered: true,
            elements: ids.clone(),
            frames: Vec::new(),
        });
        for (c, id) in timeline.chapters.iter().zip(ids) {
            tag.add_frame(Chapter {
                element_id: id,
                start_time: ms(c.start),
                end_time: ms(c.end),
                start_offset: u32::MAX,
                end_offset: u32::MAX,
                frames: vec![Frame::text("TIT2", c.title.as_str())],
            });
        }
    }
    let mut out = Vec::new();
    tag.write_to(&mut out, id3::Version::Id3v23)
        .map_err(other)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::timeline::Chapter;

    #[test]
    fn formats() {
        assert_eq!(Format::from_extension("MP3"), Some(Format::Mp3));
        assert_eq!(Format::from_extension("wav"), Some(Format::Wav));
        assert_eq!(Format::from_extension("ogg"), None);
        assert_eq!(Format::Mp3.mime(), "audio/mpeg");
    }

    #[test]
    fn mp3_with_chapters() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.mp3");
        let file = File::create(&path).expect("create");
        let mut enc = Encoder::new(Format::Mp3, 22050, &file, None).expect("encoder");
        let tone: Vec<i16> = (0..22050 * 2)
            .map(|i| ((i as f64 * 0.06).sin() * 8000.0) as i16)
            .collect();
        enc.write(&tone).expect("encode");
        let timeline = Timeline {
            sample_rate: 22050,
            samples: tone.len() as u64,
            cues: vec![],
            chapters: vec![
                Chapter {
                    title: "One".into(),
                    start: 0,
                    end: 22050,
                },
                Chapter {
                    title: "Two".into(),
                    start: 22050,
                    end: 44100,
                },
            ],
        };
        let tags = Tags {
            title: Some("Title é".into()),
            source: "https://example.org/a".into(),
            ..Default::default()
        };
        let size = enc.finish(&timeline, &tags).expect("finish");
        drop(file);
        assert_eq!(std::fs::metadata(&path).expect("meta").len(), size);
        // 2 s at 56 kbit/s is about 14 kB.
        assert!((8_000..20_000).contains(&size), "{size} bytes");
        let tag = id3::Tag::read_from_path(&path).expect("id3");
        use id3::TagLike;
        assert_eq!(tag.title(), Some("Title é"));
        let chapters: Vec<_> = tag.chapters().map(|c| (c.start_time, c.end_time)).collect();
        assert_eq!(chapters, vec![(0, 1000), (1000, 2000)]);
        assert_eq!(tag.tables_of_contents().count(), 1);
    }
}
