//! `listen export` to single files, through the real binary and the real libespeak-ng: the
//! sample article to WAV and MP3, subtitles timed by the engine, chapters, reruns, overwrites.

mod common;

use std::path::Path;

use common::{article, listen, project_dir, stderr};

fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// A cue of a WebVTT file: (id, start s, end s, text).
type Cue = (String, f64, f64, String);

fn parse_time(t: &str) -> f64 {
    let parts: Vec<f64> = t
        .trim()
        .split(':')
        .map(|p| p.parse::<f64>().unwrap_or_else(|_| panic!("bad time {t}")))
        .collect();
    parts.iter().fold(0.0, |acc, p| acc * 60.0 + p)
}

fn cues(vtt: &str) -> Vec<Cue> {
    assert!(vtt.starts_with("WEBVTT"), "not WebVTT: {vtt:.100}");
    let mut out = Vec::new();
    for block in vtt.split("\n\n").skip(1) {
        let lines: Vec<&str> = block.lines().collect();
        let Some(timing) = lines.iter().position(|l| l.contains("-->")) else {
            continue;
        };
        let (a, b) = lines[timing]
            .split_once("-->")
            .unwrap_or_else(|| panic!("bad timing {}", lines[timing]));
        let id = if timing > 0 {
            lines[timing - 1].to_string()
        } else {
            String::new()
        };
        out.push((
            id,
            parse_time(a),
            parse_time(b),
            lines[timing + 1..].join("\n"),
        ));
    }
    out
}

/// The sentences `listen` reads from a source, through the library's own pipeline.
fn sentence_count(path: &Path) -> usize {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let source = listen::source::Source::File(path.to_path_buf());
    let fetch = listen::source::FetchOptions::default();
    rt.block_on(listen::pipeline::load_script(&source, &fetch, None))
        .expect("script")
        .sentence_count()
}

/// Decodes an audio file with symphonia and returns its duration in seconds.
fn decoded_seconds(path: &Path) -> f64 {
    use symphonia::core::codecs::audio::AudioDecoderOptions;
    use symphonia::core::formats::probe::Hint;
    use symphonia::core::formats::{FormatOptions, TrackType};
    use symphonia::core::io::MediaSourceStream;
    use symphonia::core::meta::MetadataOptions;

    let file = std::fs::File::open(path).expect("open audio");
    let mss = MediaSourceStream::new(Box::new(file), Default::default());
    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    let mut format = symphonia::default::get_probe()
        .probe(
            &hint,
            mss,
            FormatOptions::default(),
            MetadataOptions::default(),
        )
        .expect("a format symphonia reads");
    let track = format
        .default_track(TrackType::Audio)
        .expect("an audio track");
    let track_id = track.id;
    let params = track
        .codec_params
        .as_ref()
        .and_then(|p| p.audio())
        .expect("audio parameters")
        .clone();
    let rate = f64::from(params.sample_rate.expect("sample rate"));
    let mut decoder = symphonia::default::get_codecs()
        .make_audio_decoder(&params, &AudioDecoderOptions::default())
        .expect("a decoder");
    let mut frames = 0usize;
    while let Some(packet) = format.next_packet().expect("packet") {
        if packet.track_id != track_id {
            continue;
        }
        let buf = decoder.decode(&packet).expect("decodes");
        frames += buf.frames();
    }
    frames as f64 / rate
}

#[test]
fn sample_article_to_wav_with_engine_timed_subtitles() {
    let h = home();
    let out = h.path().join("out/kenya.wav");
    let page = article("kenya-reinforcements-haiti.html");
    let r = listen(h.path())
        .args(["export", "-o"])
        .arg(&out)
        .arg(&page)
        .output()
        .expect("run");
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(stderr(&r).contains("Wrote"), "{}", stderr(&r));

    let reader = hound::WavReader::open(&out).expect("a WAV file");
    let spec = reader.spec();
    assert_eq!((spec.channels, spec.bits_per_sample), (1, 16));
    let wav_seconds = f64::from(reader.duration()) / f64::from(spec.sample_rate);
    assert!(wav_seconds > 60.0, "{wav_seconds} s");

    let vtt = std::fs::read_to_string(out.with_extension("vtt")).expect("subtitles");
    let cues = cues(&vtt);
    assert_eq!(cues.len(), sentence_count(&page));
    for (i, c) in cues.iter().enumerate() {
        assert_eq!(c.0, (i + 1).to_string(), "cue ids are sentence numbers");
        assert!(c.2 > c.1, "cue {} ends after it starts", c.0);
        assert!(!c.3.trim().is_empty());
    }
    for w in cues.windows(2) {
        assert!(w[1].1 > w[0].1, "cue starts increase");
        assert!(w[1].1 >= w[0].2, "cues do not overlap");
    }
    // The title is spoken before the first sentence.
    assert!(cues[0].1 > 1.0, "first cue at {}", cues[0].1);
    let last_end = cues.last().map(|c| c.2).unwrap_or(0.0);
    assert!(
        (wav_seconds - last_end).abs() <= 0.1,
        "WAV is {wav_seconds} s, last cue ends at {last_end} s"
    );
    assert!(cues[0].3.starts_with("Port-au-Prince"), "{}", cues[0].3);

    // Headings become chapters (a WebVTT chapters file beside a WAV), covering the whole file.
    let chapters = cues_of(&out.with_extension("chapters.vtt"));
    assert!(chapters.len() >= 2, "{chapters:?}");
    assert_eq!(chapters[0].1, 0.0);
    assert!((chapters.last().map(|c| c.2).unwrap_or(0.0) - wav_seconds).abs() < 0.01);
    assert_eq!(
        chapters[0].3,
        "Kenya sends 270 more soldiers to reinforce Haiti security mission"
    );

    // Nothing else was written.
    let mut names: Vec<String> = std::fs::read_dir(h.path().join("out"))
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, vec!["kenya.chapters.vtt", "kenya.vtt", "kenya.wav"]);
}

fn cues_of(path: &Path) -> Vec<Cue> {
    cues(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn mp3_decodes_to_the_same_duration_and_carries_chapters() {
    let h = home();
    let out = h.path().join("kenya.mp3");
    let r = listen(h.path())
        .args(["export", "--rate", "1.5", "-o"])
        .arg(&out)
        .arg(article("kenya-reinforcements-haiti.html"))
        .output()
        .expect("run");
    assert!(r.status.success(), "{}", stderr(&r));
    let cues = cues_of(&out.with_extension("vtt"));
    let last_end = cues.last().map(|c| c.2).unwrap_or(0.0);
    let decoded = decoded_seconds(&out);
    // The LAME Info frame lets the decoder drop the encoder's delay and padding: the MP3 plays
    // as long as the timeline, which ends with the last cue.
    assert!(
        (decoded - last_end).abs() < 0.01,
        "MP3 decodes to {decoded} s, last cue ends at {last_end} s"
    );
    // 1.5x: about 160 s / 1.5 of audio.
    assert!((80.0..130.0).contains(&decoded), "{decoded} s at 1.5x");
    // About 56 kbit/s.
    let bytes = std::fs::metadata(&out).expect("size").len() as f64;
    let kbps = bytes * 8.0 / decoded / 1000.0;
    assert!((50.0..64.0).contains(&kbps), "{kbps} kbit/s");

    use id3::TagLike;
    let tag = id3::Tag::read_from_path(&out).expect("ID3 tag");
    assert_eq!(
        tag.title(),
        Some("Kenya sends 270 more soldiers to reinforce Haiti security mission")
    );
    let chapters: Vec<_> = tag.chapters().collect();
    assert!(chapters.len() >= 2);
    assert_eq!(chapters[0].start_time, 0);
    assert!(
        chapters
            .windows(2)
            .all(|w| w[0].end_time == w[1].start_time)
    );
    let end_ms = f64::from(chapters.last().map(|c| c.end_time).unwrap_or(0));
    assert!((end_ms / 1000.0 - last_end).abs() < 0.05);
    assert!(tag.tables_of_contents().next().is_some());
    assert!(!out.with_extension("chapters.vtt").exists());
}

#[test]
fn rerun_skips_and_foreign_files_are_kept_without_force() {
    let h = home();
    let out = h.path().join("a.mp3");
    let src = article("kenya-reinforcements-haiti.txt");
    let export = |extra: &[&str]| {
        listen(h.path())
            .args(["export", "-o"])
            .arg(&out)
            .args(extra)
            .arg(&src)
            .output()
            .expect("run")
    };
    let r = export(&[]);
    assert!(r.status.success(), "{}", stderr(&r));
    let first = std::fs::read(&out).expect("mp3");
    let modified = std::fs::metadata(&out)
        .and_then(|m| m.modified())
        .expect("mtime");

    // Up to date: nothing is rendered again.
    let r = export(&[]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(stderr(&r).contains("Up to date"), "{}", stderr(&r));
    assert_eq!(
        std::fs::metadata(&out)
            .and_then(|m| m.modified())
            .expect("mtime"),
        modified
    );

    // Another rate is another rendering: our own stale file is replaced.
    let r = export(&["--rate", "2"]);
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(std::fs::read(&out).expect("mp3").len() < first.len() * 3 / 4);

    // A file listen did not make is kept, and the export says how to overwrite it.
    let foreign = h.path().join("mine.mp3");
    std::fs::write(&foreign, b"not ours").expect("write");
    let r = listen(h.path())
        .args(["export", "-o"])
        .arg(&foreign)
        .arg(&src)
        .output()
        .expect("run");
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    assert!(stderr(&r).contains("--force"), "{}", stderr(&r));
    assert_eq!(std::fs::read(&foreign).expect("read"), b"not ours");
    assert!(!foreign.with_extension("vtt").exists());

    let r = listen(h.path())
        .args(["export", "--force", "-o"])
        .arg(&foreign)
        .arg(&src)
        .output()
        .expect("run");
    assert!(r.status.success(), "{}", stderr(&r));
    assert!(decoded_seconds(&foreign) > 60.0);
}

#[test]
fn usage_errors() {
    let h = home();
    let src = article("kenya-reinforcements-haiti.txt");
    let r = listen(h.path())
        .args(["export", "--format", "wav", "-o"])
        .arg(h.path().join("a.mp3"))
        .arg(&src)
        .output()
        .expect("run");
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(stderr(&r).contains("--format wav"), "{}", stderr(&r));

    let r = listen(h.path())
        .args(["export", "-o"])
        .arg(h.path().join("a.mp3"))
        .arg(&src)
        .arg(article("canicule-vigilance-orange.html"))
        .output()
        .expect("run");
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(stderr(&r).contains("folder"), "{}", stderr(&r));

    let r = listen(h.path())
        .args(["export", "--base-url", "example.org", "-o"])
        .arg(h.path().join("pod"))
        .arg(&src)
        .output()
        .expect("run");
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));

    // An existing file without an audio extension is not a folder: say how -o is read.
    let notes = h.path().join("notes");
    std::fs::write(&notes, b"mine").expect("write");
    let r = listen(h.path())
        .args(["export", "-o"])
        .arg(&notes)
        .arg(&src)
        .output()
        .expect("run");
    assert_eq!(r.status.code(), Some(2), "{}", stderr(&r));
    assert!(stderr(&r).contains(".mp3 or .wav"), "{}", stderr(&r));
    assert_eq!(std::fs::read(&notes).expect("read"), b"mine");

    // A bad source fails alone, named, with exit code 1.
    let r = listen(h.path())
        .args(["export", "-o"])
        .arg(h.path().join("x.mp3"))
        .arg(h.path().join("missing.html"))
        .output()
        .expect("run");
    assert_eq!(r.status.code(), Some(1), "{}", stderr(&r));
    assert!(stderr(&r).contains("missing.html"), "{}", stderr(&r));

    // An unknown voice is the engine's failure (exit 3), and says what to do.
    let r = listen(h.path())
        .args(["export", "--voice", "no-such-voice", "-o"])
        .arg(h.path().join("y.mp3"))
        .arg(&src)
        .output()
        .expect("run");
    assert_eq!(r.status.code(), Some(3), "{}", stderr(&r));
    assert!(stderr(&r).contains("no-such-voice"), "{}", stderr(&r));
    assert!(!h.path().join("y.mp3").exists());
}

#[test]
fn french_article_uses_the_french_voice() {
    let h = home();
    let out = h.path().join("fr.wav");
    let r = listen(h.path())
        .args(["export", "-o"])
        .arg(&out)
        .arg(article("canicule-vigilance-orange.html"))
        .output()
        .expect("run");
    assert!(r.status.success(), "{}", stderr(&r));
    let vtt = std::fs::read_to_string(out.with_extension("vtt")).expect("vtt");
    assert!(vtt.contains("\"lang\":\"fr\""), "{vtt:.400}");
    assert!(!cues(&vtt).is_empty());
}

#[test]
fn no_audio_output_message_suggests_export() {
    // `listen()` points SPEECHD_ADDRESS at a socket that does not exist: no speech engine.
    let h = home();
    let r = listen(h.path())
        .arg(article("kenya-reinforcements-haiti.txt"))
        .output()
        .expect("run");
    assert_eq!(r.status.code(), Some(3), "{}", stderr(&r));
    assert!(stderr(&r).contains("listen export"), "{}", stderr(&r));
}

#[test]
fn configuration_file_rate_applies_and_local_paths_stay_out_of_the_files() {
    let h = home();
    let config = h.path().join("config.toml");
    std::fs::write(&config, "rate = 2.0\n").expect("write config");
    let src = article("kenya-reinforcements-haiti.txt");
    let normal = h.path().join("normal.wav");
    let fast = h.path().join("fast.wav");
    for (out, extra) in [(&normal, vec![]), (&fast, vec!["--config", "CONFIG"])] {
        let extra: Vec<String> = extra
            .iter()
            .map(|a| {
                if *a == "CONFIG" {
                    config.display().to_string()
                } else {
                    a.to_string()
                }
            })
            .collect();
        let r = listen(h.path())
            .args(["export", "-o"])
            .arg(out)
            .args(&extra)
            .arg(&src)
            .output()
            .expect("run");
        assert!(r.status.success(), "{}", stderr(&r));
    }
    let secs = |p: &Path| {
        let r = hound::WavReader::open(p).expect("wav");
        f64::from(r.duration()) / f64::from(r.spec().sample_rate)
    };
    let ratio = secs(&fast) / secs(&normal);
    assert!(
        (0.4..0.65).contains(&ratio),
        "rate 2 from the config: {ratio}"
    );

    // The subtitles' record identifies the source by a hash, not by its path.
    let vtt = std::fs::read_to_string(normal.with_extension("vtt")).expect("vtt");
    let dir = project_dir().display().to_string();
    assert!(!vtt.contains(&dir), "{vtt:.600}");
}
