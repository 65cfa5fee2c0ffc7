//! The configuration file: defaults for the command-line options, in TOML.
//!
//! It is read from `--config FILE`, or else from `config.toml` in the XDG configuration directory
//! (`$XDG_CONFIG_HOME/listen/config.toml`, by default `~/.config/listen/config.toml`); a missing
//! default file is the same as an empty one. Options given on the command line win over the
//! file. Every key is optional:
//!
//! ```toml
//! voice = "English (America)"   # a voice for every article, like --voice
//! rate = 1.2                    # like --rate: 0.5 to 3.0
//! lexicon = "lexicon.txt"       # a pronunciation lexicon; relative to this file's folder
//!
//! [voices]                      # the voice for articles in a language (wins over `voice`)
//! fr = "French (France)"
//! de = "German"
//!
//! [fetch]                       # limits for web pages (and, for max_bytes, files)
//! timeout = 30                  # seconds for a whole request, like --timeout
//! connect_timeout = 10          # seconds to connect, like --connect-timeout
//! max_bytes = "20 MB"           # or a number of bytes, like --max-bytes
//! max_redirects = 10            # like --max-redirects
//! retries = 2                   # retries of transient failures, like --retries
//! ```
//!
//! A mistake in the file (a syntax error, an unknown key, a value of the wrong kind or out of
//! range) is reported with the file, the line and the key, and stops the run (exit code 2).

use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The settings read from a configuration file. `None` and empty mean "not set".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// Where the settings came from (`None`: no file).
    pub path: Option<PathBuf>,
    /// A voice for every article, like `--voice`.
    pub voice: Option<String>,
    /// Speed, like `--rate`.
    pub rate: Option<f64>,
    /// Voice per language tag ("fr", "en-GB").
    pub voices: BTreeMap<String, String>,
    /// The pronunciation lexicon, resolved against the configuration file's folder.
    pub lexicon: Option<PathBuf>,
    pub fetch: FetchConfig,
}

/// The `[fetch]` table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FetchConfig {
    pub timeout: Option<Duration>,
    pub connect_timeout: Option<Duration>,
    pub max_bytes: Option<u64>,
    pub max_redirects: Option<usize>,
    pub retries: Option<u32>,
}

/// A configuration file that cannot be used: which file, where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub key: Option<String>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "config file {}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ", key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// The most seconds a timeout may be set to (a day).
pub const MAX_SECONDS: f64 = 86_400.0;

impl Config {
    /// The default file: `config.toml` in the XDG configuration directory.
    pub fn default_path() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "listen").map(|d| d.config_dir().join("config.toml"))
    }

    /// Reads `explicit` (from `--config`), or else the default file if it exists.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let path = match explicit {
            Some(p) => p.to_path_buf(),
            None => match Self::default_path() {
                Some(p) if p.exists() => p,
                _ => return Ok(Config::default()),
            },
        };
        let fail = |message: String| ConfigError {
            path: path.clone(),
            line: None,
            key: None,
            message,
        };
        let bytes = std::fs::read(&path).map_err(|e| {
            fail(match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
                std::io::ErrorKind::IsADirectory => "a folder, not a file".to_string(),
                _ => format!("cannot read it: {e}"),
            })
        })?;
        let text = String::from_utf8(bytes)
            .map_err(|_| fail("not UTF-8 text (TOML files are UTF-8)".to_string()))?;
        Config::parse(&text, &path)
    }

    /// Parses the text of the file at `path` (used in messages, and to resolve `lexicon`).
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let at = |span: Range<usize>, key: Option<String>, message: String| ConfigError {
            path: path.to_path_buf(),
            line: Some(line_of(text, span.start)),
            key,
            message,
        };
        let doc = DeTable::parse(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            let key = key_on_line(text, span.start);
            at(span, key, syntax_message(e.message()))
        })?;
        let mut cfg = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        for (k, v) in doc.get_ref().iter() {
            let key = k.get_ref().as_ref();
            let err = |message: String| at(v.span(), Some(key.to_string()), message);
            match key {
                "voice" => cfg.voice = Some(non_empty_string(v).map_err(err)?),
                "rate" => {
                    cfg.rate = Some(number(v).and_then(crate::cli::check_rate).map_err(err)?);
                }
                "lexicon" => {
                    let s = non_empty_string(v).map_err(err)?;
                    cfg.lexicon = Some(resolve_path(&s, path));
                }
                "voices" => {
                    let table = as_table(v).map_err(err)?;
                    for (lang, name) in table.iter() {
                        let lang = lang.get_ref().as_ref();
                        let full = format!("voices.{}", display_key(lang));
                        let err = |message: String| at(name.span(), Some(full.clone()), message);
                        if !is_language_tag(lang) {
                            return Err(err(format!(
                                "\"{lang}\" is not a language tag (e.g. fr, en-GB)"
                            )));
                        }
                        let name = non_empty_string(name).map_err(err)?;
                        cfg.voices.insert(lang.to_string(), name);
                    }
                }
                "fetch" => {
                    let table = as_table(v).map_err(err)?;
                    for (fk, fv) in table.iter() {
                        let fkey = fk.get_ref().as_ref();
                        let full = format!("fetch.{}", display_key(fkey));
                        let err = |message: String| at(fv.span(), Some(full.clone()), message);
                        let f = &mut cfg.fetch;
                        match fkey {
                            "timeout" => f.timeout = Some(seconds(fv).map_err(err)?),
                            "connect_timeout" => {
                                f.connect_timeout = Some(seconds(fv).map_err(err)?)
                            }
                            "max_bytes" => f.max_bytes = Some(byte_size(fv).map_err(err)?),
                            "max_redirects" => {
                                f.max_redirects = Some(count(fv, 100).map_err(err)? as usize)
                            }
                            "retries" => f.retries = Some(count(fv, 10).map_err(err)? as u32),
                            _ => {
                                return Err(at(
                                    fk.span(),
                                    Some(full.clone()),
                                    "unknown setting (the [fetch] settings are timeout, \
                                     connect_timeout, max_bytes, max_redirects, retries)"
                                        .into(),
                                ));
                            }
                        }
                    }
                }
                _ => {
                    return Err(at(
                        k.span(),
                        Some(display_key(key)),
                        "unknown setting (the settings are voice, rate, lexicon, [voices] and \
                         [fetch]; see the README)"
                            .into(),
                    ));
                }
            }
        }
        Ok(cfg)
    }

    /// The voice for an article in `lang`: `[voices]` for the language (exact tag first, then
    /// its primary subtag), else `voice`.
    pub fn voice_for(&self, lang: &str) -> Option<&str> {
        let primary = lang.split(['-', '_']).next().unwrap_or(lang);
        self.voices
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(lang))
            .or_else(|| {
                self.voices
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(primary))
            })
            .map(|(_, v)| v.as_str())
            .or(self.voice.as_deref())
    }
}

/// The 1-based line of byte offset `pos`.
fn line_of(text: &str, pos: usize) -> usize {
    let pos = pos.min(text.len());
    text.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// For a syntax error: the key being defined on the error's line, if the line looks like
/// `key = ...`.
fn key_on_line(text: &str, pos: usize) -> Option<String> {
    let pos = pos.min(text.len());
    let start = text[..pos].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let (key, _) = line.split_once('=')?;
    let key = key.trim();
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    bare.then(|| key.to_string())
}

fn syntax_message(m: &str) -> String {
    let m = m.trim();
    format!("not valid TOML: {m}")
}

/// A key as written in a dotted path: bare if it can be, quoted otherwise.
fn display_key(k: &str) -> String {
    if !k.is_empty()
        && k.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
    {
        k.to_string()
    } else {
        format!("{k:?}")
    }
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn kind(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

fn non_empty_string(v: &Spanned<DeValue<'_>>) -> Result<String, String> {
    match v.get_ref() {
        DeValue::String(s) if s.trim().is_empty() => Err("must not be empty".into()),
        DeValue::String(s) => Ok(s.trim().to_string()),
        other => Err(format!(
            "expected a string in quotes, found {}",
            kind(other)
        )),
    }
}

fn as_table<'a, 'i>(v: &'a Spanned<DeValue<'i>>) -> Result<&'a DeTable<'i>, String> {
    match v.get_ref() {
        DeValue::Table(t) => Ok(t),
        other => Err(format!("expected a table, found {}", kind(other))),
    }
}

fn integer(i: &toml::de::DeInteger<'_>) -> Option<i64> {
    let digits = i.as_str().replace('_', "");
    let digits = digits.trim_start_matches('+');
    i64::from_str_radix(digits, i.radix()).ok()
}

fn number(v: &Spanned<DeValue<'_>>) -> Result<f64, String> {
    match v.get_ref() {
        DeValue::Integer(i) => integer(i)
            .map(|n| n as f64)
            .ok_or_else(|| "not a usable number".into()),
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .ok_or_else(|| "not a usable number".into()),
        other => Err(format!("expected a number, found {}", kind(other))),
    }
}

fn seconds(v: &Spanned<DeValue<'_>>) -> Result<Duration, String> {
    let s = match v.get_ref() {
        // "30 s" is accepted too.
        DeValue::String(s) => return parse_seconds(s),
        _ => number(v).map_err(|e| format!("{e} (a number of seconds, e.g. 30)"))?,
    };
    seconds_from(s)
}

fn seconds_from(s: f64) -> Result<Duration, String> {
    if !(s > 0.0 && s <= MAX_SECONDS) {
        return Err(format!(
            "{s} is not a number of seconds above 0 and at most {MAX_SECONDS}"
        ));
    }
    Duration::try_from_secs_f64(s).map_err(|e| e.to_string())
}

fn byte_size(v: &Spanned<DeValue<'_>>) -> Result<u64, String> {
    match v.get_ref() {
        DeValue::String(s) => parse_bytes(s),
        DeValue::Integer(i) => match integer(i) {
            Some(n) if n > 0 => Ok(n as u64),
            _ => Err("must be a size above 0 (bytes, or a string like \"20 MB\")".into()),
        },
        other => Err(format!(
            "expected a size (bytes, or a string like \"20 MB\"), found {}",
            kind(other)
        )),
    }
}

fn count(v: &Spanned<DeValue<'_>>, max: i64) -> Result<i64, String> {
    match v.get_ref() {
        DeValue::Integer(i) => match integer(i) {
            Some(n) if (0..=max).contains(&n) => Ok(n),
            _ => Err(format!("must be a whole number from 0 to {max}")),
        },
        other => Err(format!("expected a whole number, found {}", kind(other))),
    }
}

/// `~/x` is in the home folder; a relative path is relative to the configuration file's folder.
fn resolve_path(s: &str, config_path: &Path) -> PathBuf {
    if let Some(rest) = s.strip_prefix("~/")
        && let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf())
    {
        return home.join(rest);
    }
    let p = PathBuf::from(s);
    if p.is_absolute() {
        return p;
    }
    match config_path.parent() {
        Some(dir) => dir.join(p),
        None => p,
    }
}

/// Seconds from the command line or the file: "30", "0.5", "30s", "30 s".
pub fn parse_seconds(s: &str) -> Result<Duration, String> {
    let t = s.trim();
    let num = t.strip_suffix('s').map(str::trim_end).unwrap_or(t);
    let v: f64 = num
        .parse()
        .map_err(|_| format!("\"{s}\" is not a number of seconds (e.g. 30 or 0.5)"))?;
    seconds_from(v)
}

/// A size from the command line or the file: "20000000", "20MB", "20 MB", "500k", "1.5M",
/// "2 MiB". Decimal units (1 MB = 1,000,000 bytes) unless binary ones (KiB, MiB, GiB) are named.
pub fn parse_bytes(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '_'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let bad = || format!("\"{s}\" is not a size (e.g. 20000000, 20MB, 500KB)");
    let n: f64 = num.replace('_', "").parse().map_err(|_| bad())?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" | "bytes" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return Err(bad()),
    };
    let bytes = (n * mult).round();
    if !(1.0..1e15).contains(&bytes) {
        return Err(format!("\"{s}\" must be a size above 0 and below 1000 TB"));
    }
    Ok(bytes as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/home/u/.config/listen/config.toml"))
    }

    #[test]
    fn full_file() {
        let cfg = parse(
            "voice = \"English (America)\"\nrate = 1.5\nlexicon = \"words.txt\"\n\n\
             [voices]\nfr = \"French (France)\"\nen-GB = \"English (Great Britain)\"\n\n\
             [fetch]\ntimeout = 12\nconnect_timeout = 2.5\nmax_bytes = \"5 MB\"\n\
             max_redirects = 3\nretries = 0\n",
        )
        .unwrap();
        assert_eq!(cfg.rate, Some(1.5));
        assert_eq!(
            cfg.lexicon.as_deref(),
            Some(Path::new("/home/u/.config/listen/words.txt"))
        );
        assert_eq!(cfg.fetch.timeout, Some(Duration::from_secs(12)));
        assert_eq!(cfg.fetch.connect_timeout, Some(Duration::from_millis(2500)));
        assert_eq!(cfg.fetch.max_bytes, Some(5_000_000));
        assert_eq!(cfg.fetch.max_redirects, Some(3));
        assert_eq!(cfg.fetch.retries, Some(0));
        assert_eq!(cfg.voice_for("fr"), Some("French (France)"));
        assert_eq!(cfg.voice_for("fr-CA"), Some("French (France)"));
        assert_eq!(cfg.voice_for("en-gb"), Some("English (Great Britain)"));
        assert_eq!(cfg.voice_for("de"), Some("English (America)"));
    }

    #[test]
    fn errors_name_line_and_key() {
        let e = parse("voice = \"x\"\n\n[fetch]\ntimeout = \"soon\"\n").unwrap_err();
        assert_eq!(e.line, Some(4));
        assert_eq!(e.key.as_deref(), Some("fetch.timeout"));
        assert!(e.message.contains("not a number of seconds"), "{e}");

        let e = parse("rate = 7\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(1), Some("rate")));
        assert!(e.message.contains("outside"), "{e}");

        let e = parse("# comment\nspeed = 2\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(2), Some("speed")));
        assert!(e.message.contains("unknown setting"), "{e}");

        let e = parse("[fetch]\nmax_redirects = -1\n").unwrap_err();
        assert_eq!(e.key.as_deref(), Some("fetch.max_redirects"));

        let e = parse("[voices]\nfr = 3\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(2), Some("voices.fr")));

        let e = parse("voice = \"x\"\nrate = 1.\n").unwrap_err();
        assert_eq!((e.line, e.key.as_deref()), (Some(2), Some("rate")));
        assert!(e.message.starts_with("not valid TOML"), "{e}");

        let text = e.to_string();
        assert!(
            text.starts_with("config file /home/u/.config/listen/config.toml, line 2, key `rate`:"),
            "{text}"
        );
    }

    #[test]
    fn sizes_and_seconds() {
        assert_eq!(parse_bytes("20MB"), Ok(20_000_000));
        assert_eq!(parse_bytes("1.5 M"), Ok(1_500_000));
        assert_eq!(parse_bytes("2 MiB"), Ok(2_097_152));
        assert_eq!(parse_bytes("1000"), Ok(1000));
        assert!(parse_bytes("0").is_err());
        assert!(parse_bytes("lots").is_err());
        assert!(parse_bytes("5 parsecs").is_err());
        assert_eq!(parse_seconds("0.5"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_seconds("30s"), Ok(Duration::from_secs(30)));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("-3").is_err());
        assert!(parse_seconds("NaN").is_err());
        assert!(parse_seconds("1e300").is_err());
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let e = Config::load(Some(Path::new("/nonexistent/listen.toml"))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "config file /nonexistent/listen.toml: no such file"
        );
    }
}
