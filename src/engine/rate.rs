//! The user's speed multiplier (0.5x to 3.0x) mapped onto an engine's rate scale.

/// Slowest and fastest multipliers accepted on the command line.
pub const MIN: f64 = 0.5;
pub const MAX: f64 = 3.0;

/// speech-dispatcher's espeak-ng module (Debian's defaults `EspeakMinRate 80`,
/// `EspeakNormalRate 170`, `EspeakMaxRate 449`) maps its -100..100 scale linearly onto
/// 80..170..449 words per minute. We invert that, so 2.0x really is twice as fast. Speeds past the
/// module's top rate (449 / 170, about 2.6x) play at that rate.
pub const SPEECHD_WPM: (f64, f64, f64) = (80.0, 170.0, 449.0);

/// espeak-ng's words per minute count speech only; the pauses at commas, full stops and between
/// utterances add about a quarter. Measured on the sample article through speech-dispatcher:
/// 369 words in 160.5 s at 1x (138 a minute against 170 nominal) and in 83.1 s at 2x (266
/// against 340). Estimates of how long speech lasts (the watchdog, the time left) use this.
pub const PAUSE_FACTOR: f64 = 0.8;

/// Maps a multiplier onto speech-dispatcher's -100..100 scale.
pub fn speechd_rate(multiplier: f64) -> f64 {
    let (min, normal, max) = SPEECHD_WPM;
    let wpm = normal * multiplier.clamp(MIN, MAX);
    let r = if wpm >= normal {
        (wpm - normal) / (max - normal) * 100.0
    } else {
        (wpm - normal) / (normal - min) * 100.0
    };
    r.clamp(-100.0, 100.0)
}

/// Words per minute speech-dispatcher's espeak-ng module speaks at for a multiplier (after the
/// module's own limits), pauses included.
pub fn speechd_wpm(multiplier: f64) -> f64 {
    let (min, normal, max) = SPEECHD_WPM;
    (normal * multiplier.clamp(MIN, MAX)).clamp(min, max) * PAUSE_FACTOR
}

/// For engines whose rate scale is itself a multiplier of `normal` (macOS, Windows).
pub fn scaled_rate(multiplier: f64, min: f64, normal: f64, max: f64) -> f64 {
    (normal * multiplier.clamp(MIN, MAX)).clamp(min, max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speechd_mapping() {
        assert_eq!(speechd_rate(1.0), 0.0);
        assert!((speechd_rate(2.0) - 60.93).abs() < 0.01);
        assert_eq!(speechd_rate(3.0), 100.0);
        assert!((speechd_rate(0.5) + 94.44).abs() < 0.01);
        assert_eq!(speechd_wpm(3.0), 449.0 * PAUSE_FACTOR);
        assert_eq!(speechd_wpm(2.0), 340.0 * PAUSE_FACTOR);
    }

    #[test]
    fn scaled_mapping() {
        assert_eq!(scaled_rate(2.0, 0.1, 0.5, 1.0), 1.0);
        assert_eq!(scaled_rate(1.5, 0.5, 1.0, 6.0), 1.5);
    }
}
