//! `--sleep`: a sleep timer. A duration stops reading at the end of the sentence playing when it
//! runs out; `end` stops at the end of the current article.

use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SleepTimer {
    After(Duration),
    EndOfArticle,
}

/// Parses `20m`, `1h30m`, `90s`, `1.5h`, a bare number of minutes (`20`), or `end`.
pub fn parse(s: &str) -> Result<SleepTimer, String> {
    let t = s.trim().to_ascii_lowercase();
    if t == "end" {
        return Ok(SleepTimer::EndOfArticle);
    }
    let bad = || format!("\"{s}\" is not a duration (e.g. 20m, 1h30m, 90s) or \"end\"");
    if let Ok(minutes) = t.parse::<f64>() {
        return seconds(minutes * 60.0).ok_or_else(bad);
    }
    let mut total = 0.0;
    let mut number = String::new();
    let mut any = false;
    for c in t.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let unit = match c {
            'h' => 3600.0,
            'm' => 60.0,
            's' => 1.0,
            _ => return Err(bad()),
        };
        let n: f64 = number.parse().map_err(|_| bad())?;
        total += n * unit;
        number.clear();
        any = true;
    }
    if !number.is_empty() || !any {
        return Err(bad());
    }
    seconds(total).ok_or_else(bad)
}

fn seconds(s: f64) -> Option<SleepTimer> {
    (s.is_finite() && s > 0.0 && s < 1e7).then(|| SleepTimer::After(Duration::from_secs_f64(s)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(s: u64) -> Result<SleepTimer, String> {
        Ok(SleepTimer::After(Duration::from_secs(s)))
    }

    #[test]
    fn parses_durations_and_end() {
        assert_eq!(parse("20m"), after(1200));
        assert_eq!(parse("20"), after(1200));
        assert_eq!(parse("1h30m"), after(5400));
        assert_eq!(parse("90s"), after(90));
        assert_eq!(parse("1.5h"), after(5400));
        assert_eq!(parse("END"), Ok(SleepTimer::EndOfArticle));
        for bad in ["", "soon", "20x", "m", "0", "-5m", "1h30", "1..5m"] {
            assert!(parse(bad).is_err(), "{bad}");
        }
    }
}
