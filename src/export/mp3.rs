//! MP3 through LAME (`mp3lame-encoder`), encoding on other threads while speech is rendered.
//!
//! MP3 encoding costs about twice what synthesis does. A LAME encoder runs on its own thread, fed
//! batches of samples; when this process renders one article at a time (so a core is free), the
//! stream is also split into parts, each inside a pause, and every part is encoded by its own
//! LAME on its own thread, at the same time as the others. The parts get shorter towards the
//! expected end (a third of what is left, at least [`MIN_PART`] seconds), so that when synthesis
//! finishes the work left is spread over several threads and the last part is short: both cores
//! stay busy to the end. The streams are joined so that the result is one gapless MP3 whose
//! timing is exactly the renderer's:
//!
//! - each LAME stream decodes to `576 + n + pad(n)` samples for `n` input samples (its encoder
//!   delay and end padding, see [`padding`]); gapless players trim the delay of the file's first
//!   stream and the padding of its last, as the file's LAME Info frame says;
//! - so each later stream starts `576 + pad(n_before)` samples after the end of the one before:
//!   that many samples of the pause are left out of its input, and every later sample plays
//!   when the timeline says it does;
//! - the first stream's Info frame is rewritten for the whole file: frame count, byte count, seek
//!   table, end padding, music length and both CRCs.
//!
//! `tests` check all of this against LAME's own Info frame and by decoding.

use std::io;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use super::timeline::AudioSink;

/// Bit rate: clear speech at 22 kHz mono, in the 24-64 kbit/s range podcasts of speech use. At
/// 22,050 Hz it is also the lowest rate whose frames (182 bytes) can hold LAME's Info frame (169
/// bytes), which gapless players need for the exact length; at 48 kbit/s LAME leaves it out.
pub const KBPS: u32 = 56;

/// Samples per frame for MPEG-2 Layer III (16-24 kHz), and LAME's encoder delay.
const FRAME: u64 = 576;
const ENC_DELAY: u64 = 576;

/// Samples per batch handed to an encoding thread (about 3 s).
const BATCH: usize = 1 << 16;

/// Encoders that may be at work at once for one stream: enough to keep two cores busy to the
/// end (the parts finished last still have a backlog when synthesis ends), few enough to bound
/// the samples waiting in their queues (at most 8 batches each).
const MAX_BUSY: usize = 6;

/// The shortest part worth a LAME of its own (seconds).
const MIN_PART: f64 = 5.0;

/// The shortest pause the stream may be split in (seconds): room for the next stream's
/// left-out samples (at most 1,728) with silence on both sides.
const MIN_SPLIT_PAUSE: f64 = 0.3;

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// LAME 3.100's end padding for a stream of `n` samples (`lame_encode_flush`): up to the next
/// frame boundary, plus a frame when that is less than a frame.
pub fn padding(n: u64) -> u64 {
    let x = (ENC_DELAY + n) % FRAME;
    let pad = FRAME - x;
    if pad < FRAME { pad + FRAME } else { pad }
}

/// Audio frames LAME writes for `n` samples (not counting the Info frame).
pub fn frames(n: u64) -> u64 {
    (ENC_DELAY + n + padding(n)) / FRAME
}

/// What one encoding thread produced.
struct Encoded {
    data: Vec<u8>,
    /// The LAME Info frame (empty for a stream without one); `data` starts with room for it.
    info: Vec<u8>,
}

/// One LAME encoder on its own thread.
struct Lane {
    pending: Vec<i16>,
    tx: Option<SyncSender<Vec<i16>>>,
    handle: Option<JoinHandle<io::Result<Encoded>>>,
    /// Samples fed so far.
    fed: u64,
}

impl Lane {
    fn start(sample_rate: u32, info_frame: bool) -> io::Result<Lane> {
        use mp3lame_encoder::{Builder, Mode, Quality};
        let mut b = Builder::new().ok_or_else(|| other("LAME: out of memory"))?;
        b.set_num_channels(1).map_err(other)?;
        b.set_sample_rate(sample_rate).map_err(other)?;
        b.set_output_sample_rate(std::num::NonZeroU32::new(sample_rate))
            .map_err(other)?;
        b.set_mode(Mode::Mono).map_err(other)?;
        // The crate's `Bitrate` has no 56; LAME itself takes any standard rate.
        // SAFETY: the builder's LAME handle is valid until `build`.
        if unsafe { mp3lame_encoder::ffi::lame_set_brate(b.as_ptr(), KBPS as std::ffi::c_int) } != 0
        {
            return Err(other("LAME: bad bit rate"));
        }
        // 7 is LAME's fast mode: no audible difference on synthetic speech at this rate.
        b.set_quality(Quality::Ok).map_err(other)?;
        b.set_to_write_vbr_tag(info_frame).map_err(other)?;
        let mut lame = b.build().map_err(other)?;
        let (tx, rx) = sync_channel::<Vec<i16>>(8);
        let handle = std::thread::spawn(move || {
            let mut data = Vec::with_capacity(1 << 20);
            for batch in rx {
                for chunk in batch.chunks(8192) {
                    data.reserve(mp3lame_encoder::max_required_buffer_size(chunk.len()));
                    lame.encode_to_vec(mp3lame_encoder::MonoPcm(chunk), &mut data)
                        .map_err(other)?;
                }
            }
            data.reserve(7200);
            lame.flush_to_vec::<mp3lame_encoder::FlushGap>(&mut data)
                .map_err(other)?;
            let mut info = Vec::new();
            if info_frame {
                info.reserve(lame.lame_tag_size().max(1));
                if lame.lame_tag_encode_to_vec(&mut info).is_none() || info.len() > data.len() {
                    info.clear();
                }
            }
            Ok(Encoded { data, info })
        });
        Ok(Lane {
            pending: Vec::with_capacity(BATCH),
            tx: Some(tx),
            handle: Some(handle),
            fed: 0,
        })
    }

    /// True while the thread is still encoding (open, or closed with a backlog).
    fn busy(&self) -> bool {
        self.handle.as_ref().is_some_and(|h| !h.is_finished())
    }

    /// Lets the thread finish: it flushes LAME once the channel closes.
    fn close(&mut self) {
        if let Some(tx) = self.tx.take() {
            let _ = tx.send(std::mem::take(&mut self.pending));
        }
    }

    fn join(&mut self) -> io::Result<Encoded> {
        self.close();
        self.handle
            .take()
            .ok_or_else(|| other("the MP3 encoder stopped"))?
            .join()
            .map_err(|_| other("the MP3 encoder failed"))?
    }
}

impl AudioSink for Lane {
    fn write(&mut self, samples: &[i16]) -> io::Result<()> {
        self.fed += samples.len() as u64;
        self.pending.extend_from_slice(samples);
        if self.pending.len() >= BATCH {
            let batch = std::mem::replace(&mut self.pending, Vec::with_capacity(BATCH));
            if self.tx.as_ref().is_none_or(|tx| tx.send(batch).is_err()) {
                // The thread ended early: its error comes from join.
                self.tx = None;
                return Err(self
                    .join()
                    .err()
                    .unwrap_or_else(|| other("the MP3 encoder stopped")));
            }
        }
        Ok(())
    }
}

/// An MP3 stream being encoded.
pub struct Mp3Writer {
    sample_rate: u32,
    /// The encoders in stream order; the last one takes what is written now.
    lanes: Vec<Lane>,
    /// The stream's expected length in samples, when it may be split (`None`: never).
    expected: Option<u64>,
    /// Samples written so far.
    written: u64,
    /// [`MIN_PART`] in samples.
    min_part: u64,
}

impl Mp3Writer {
    /// `expected`: the stream's expected length in samples, to split it into parts encoded at
    /// the same time (give it when a core is free).
    pub fn new(sample_rate: u32, expected: Option<u64>) -> io::Result<Mp3Writer> {
        Ok(Mp3Writer {
            sample_rate,
            lanes: vec![Lane::start(sample_rate, true)?],
            expected,
            written: 0,
            min_part: (MIN_PART * f64::from(sample_rate)) as u64,
        })
    }

    /// Whether the current part is long enough to end at the next long pause: a third of what
    /// is left to come, at least [`MIN_PART`] seconds.
    fn part_done(&self) -> bool {
        let Some(expected) = self.expected else {
            return false;
        };
        let fed = self.lanes.last().map_or(0, |l| l.fed);
        fed >= self.min_part.max(expected.saturating_sub(self.written) / 3)
    }

    fn current(&mut self) -> io::Result<&mut Lane> {
        self.lanes
            .last_mut()
            .ok_or_else(|| other("the MP3 encoder stopped"))
    }

    pub fn write(&mut self, samples: &[i16]) -> io::Result<()> {
        self.written += samples.len() as u64;
        self.current()?.write(samples)
    }

    /// `n` samples of silence: the place to split the stream.
    pub fn silence(&mut self, n: u64) -> io::Result<()> {
        let long_enough = n as f64 >= MIN_SPLIT_PAUSE * f64::from(self.sample_rate);
        let split = long_enough
            && self.part_done()
            && self.lanes.iter().filter(|l| l.busy()).count() < MAX_BUSY;
        self.written += n;
        if !split {
            return self.current()?.silence(n);
        }
        let half = n / 2;
        let last = self.current()?;
        last.silence(half)?;
        last.close();
        let left_out = ENC_DELAY + padding(last.fed);
        let mut next = Lane::start(self.sample_rate, false)?;
        next.silence(n - half - left_out)?;
        self.lanes.push(next);
        Ok(())
    }

    /// The whole MP3 stream (without ID3), its Info frame describing all of it.
    pub fn finish(self) -> io::Result<Vec<u8>> {
        let mut lanes = self.lanes.into_iter();
        let Some(mut first) = lanes.next() else {
            return Err(other("the MP3 encoder stopped"));
        };
        let Encoded { mut data, info } = first.join()?;
        let mut frames_total = frames(first.fed);
        let mut last_fed = first.fed;
        let mut joined = false;
        for mut lane in lanes {
            data.extend_from_slice(&lane.join()?.data);
            frames_total += frames(lane.fed);
            last_fed = lane.fed;
            joined = true;
        }
        if info.is_empty() {
            return Ok(data);
        }
        let info_len = info.len();
        let mut info = info;
        if joined {
            patch_info(
                &mut info,
                &InfoTotals {
                    frames: frames_total,
                    bytes: data.len() as u64,
                    padding: padding(last_fed),
                    music_crc: crc16(&data[info_len..]),
                },
            )?;
        }
        data[..info_len].copy_from_slice(&info);
        Ok(data)
    }
}

/// What the Info frame says about the whole stream.
struct InfoTotals {
    frames: u64,
    /// Bytes of the stream, Info frame included.
    bytes: u64,
    padding: u64,
    music_crc: u16,
}

/// Rewrites a LAME Info frame (layout: LAME's `VbrTag.c`) for new totals.
fn patch_info(info: &mut [u8], t: &InfoTotals) -> io::Result<()> {
    let bad = || other("unexpected LAME Info frame");
    let i = info
        .windows(4)
        .take(64)
        .position(|w| w == b"Info" || w == b"Xing")
        .ok_or_else(bad)?;
    if info.len() < i + 156 || &info[i + 120..i + 124] != b"LAME" {
        return Err(bad());
    }
    let be32 = |v: u64| u32::try_from(v).unwrap_or(u32::MAX).to_be_bytes();
    info[i + 8..i + 12].copy_from_slice(&be32(t.frames));
    info[i + 12..i + 16].copy_from_slice(&be32(t.bytes));
    // Seek table: for a constant bit rate, byte position is proportional to time.
    for k in 0..100 {
        info[i + 16 + k] = (k * 256 / 100) as u8;
    }
    // Encoder delay (12 bits, kept) and padding (12 bits).
    let pad = t.padding.min(0xfff) as u8;
    info[i + 142] = (info[i + 142] & 0xf0) | ((t.padding.min(0xfff) >> 8) as u8);
    info[i + 143] = pad;
    info[i + 148..i + 152].copy_from_slice(&be32(t.bytes));
    info[i + 152..i + 154].copy_from_slice(&t.music_crc.to_be_bytes());
    let tag_crc = crc16(&info[..i + 154]);
    info[i + 154..i + 156].copy_from_slice(&tag_crc.to_be_bytes());
    Ok(())
}

/// CRC-16 as LAME computes it for the Info frame (polynomial 0x8005, reflected, from 0).
fn crc16(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &b in bytes {
        crc ^= u16::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xA001
            } else {
                crc >> 1
            };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    const SR: u32 = 22050;

    /// Speech-like noise bursts separated by pauses, with a click at the start of each burst.
    fn signal() -> (Vec<(bool, usize)>, Vec<usize>) {
        // (is_pause, length)
        let parts: Vec<(bool, usize)> = (0..12)
            .map(|k| {
                if k % 2 == 0 {
                    (false, 15_000 + k * 1_000)
                } else {
                    (true, 9_000)
                }
            })
            .collect();
        let mut clicks = Vec::new();
        let mut pos = 0;
        for &(pause, len) in &parts {
            if !pause {
                clicks.push(pos + 2_000);
            }
            pos += len;
        }
        (parts, clicks)
    }

    fn burst(len: usize, click_at: usize) -> Vec<i16> {
        let mut seed: u32 = 12345;
        (0..len)
            .map(|i| {
                if i == click_at {
                    return 30_000;
                }
                seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (((seed >> 16) as i16) / 40)
                    .saturating_add(((i as f64 * 0.05).sin() * 1500.0) as i16)
            })
            .collect()
    }

    fn encode(split: bool) -> (Vec<u8>, u64) {
        let (parts, _) = signal();
        let expected = parts.iter().map(|&(_, len)| len as u64).sum();
        let mut w = Mp3Writer::new(SR, split.then_some(expected)).expect("writer");
        w.min_part = 20_000;
        let mut total = 0;
        for (pause, len) in parts {
            if pause {
                w.silence(len as u64).expect("silence");
            } else {
                w.write(&burst(len, 2_000)).expect("write");
            }
            total += len as u64;
        }
        // Six pauses; parts of a third of what is left, at least 20,000 samples: four lanes
        // (fewer than MAX_BUSY, so none was refused).
        let lanes = w.lanes.len();
        if split {
            assert_eq!(lanes, 4);
        } else {
            assert_eq!(lanes, 1);
        }
        (w.finish().expect("finish"), total)
    }

    fn info_at(data: &[u8]) -> usize {
        data.windows(4)
            .take(64)
            .position(|w| w == b"Info")
            .expect("Info frame")
    }

    fn be32(b: &[u8]) -> u64 {
        u64::from(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    }

    #[test]
    fn our_arithmetic_matches_lames_info_frame() {
        let (data, n) = encode(false);
        let i = info_at(&data);
        assert_eq!(be32(&data[i + 8..]), frames(n), "frames");
        assert_eq!(be32(&data[i + 12..]), data.len() as u64, "bytes");
        let pad = (u64::from(data[i + 142] & 0x0f) << 8) | u64::from(data[i + 143]);
        assert_eq!(pad, padding(n), "padding");
        let delay = (u64::from(data[i + 141]) << 4) | u64::from(data[i + 142] >> 4);
        assert_eq!(delay, ENC_DELAY);
        // LAME's own CRCs, recomputed.
        let frame_len = data.len() / (frames(n) as usize + 1);
        let info_len = (frame_len - 2..=frame_len + 2)
            .find(|&l| crc16(&data[l..]) == u16::from_be_bytes([data[i + 152], data[i + 153]]))
            .expect("music CRC over the frames after the Info frame");
        assert!(info_len > i + 156);
        assert_eq!(
            crc16(&data[..i + 154]),
            u16::from_be_bytes([data[i + 154], data[i + 155]]),
            "tag CRC"
        );
    }

    /// Decodes with symphonia as a gapless player does: without the encoder delay and padding
    /// that the LAME Info frame gives.
    fn decode(data: Vec<u8>) -> Vec<f32> {
        use symphonia::core::codecs::audio::AudioDecoderOptions;
        use symphonia::core::formats::probe::Hint;
        use symphonia::core::formats::{FormatOptions, TrackType};
        use symphonia::core::io::MediaSourceStream;
        let mss = MediaSourceStream::new(Box::new(std::io::Cursor::new(data)), Default::default());
        let mut hint = Hint::new();
        hint.with_extension("mp3");
        let mut format = symphonia::default::get_probe()
            .probe(&hint, mss, FormatOptions::default(), Default::default())
            .expect("probe");
        let track = format.default_track(TrackType::Audio).expect("track");
        let id = track.id;
        let length = track.num_frames.expect("length from the Info frame");
        assert!(track.delay.is_some(), "delay from the Info frame");
        let params = track
            .codec_params
            .as_ref()
            .and_then(|p| p.audio())
            .expect("audio")
            .clone();
        let mut dec = symphonia::default::get_codecs()
            .make_audio_decoder(&params, &AudioDecoderOptions::default())
            .expect("decoder");
        let mut out = Vec::new();
        while let Some(p) = format.next_packet().expect("packet") {
            if p.track_id != id {
                continue;
            }
            // The decoder drops what the packet's trims say (delay and padding).
            let buf = dec.decode(&p).expect("decode");
            let mut v = vec![0f32; buf.samples_interleaved()];
            buf.copy_to_slice_interleaved(&mut v);
            out.extend(v);
        }
        assert_eq!(out.len() as u64, length);
        out
    }

    fn click_positions(samples: &[f32]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        for (i, &s) in samples.iter().enumerate() {
            if s.abs() > 0.6 && out.last().is_none_or(|&l| i > l + 1000) {
                out.push(i);
            }
        }
        out
    }

    #[test]
    fn split_stream_is_gapless_and_on_time() {
        let (_, clicks) = signal();
        let (whole, n) = encode(false);
        let (split, _) = encode(true);
        let a = decode(whole);
        let b = decode(split.clone());
        assert_eq!(a.len() as u64, n, "one stream decodes to its input length");
        assert_eq!(b.len() as u64, n, "split stream decodes to the same length");
        let ca = click_positions(&a);
        let cb = click_positions(&b);
        assert_eq!(ca.len(), clicks.len());
        assert_eq!(cb.len(), clicks.len());
        for ((x, y), want) in ca.iter().zip(&cb).zip(&clicks) {
            assert!(x.abs_diff(*want) <= 2, "{x} vs {want}");
            assert!(y.abs_diff(*want) <= 2, "{y} vs {want} (split)");
        }
        // The rewritten Info frame is consistent: its CRC checks out.
        let i = info_at(&split);
        assert_eq!(
            crc16(&split[..i + 154]),
            u16::from_be_bytes([split[i + 154], split[i + 155]])
        );
        assert_eq!(be32(&split[i + 12..]), split.len() as u64);
    }
}
