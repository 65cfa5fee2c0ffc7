//! Fetching a URL with reqwest (rustls) on tokio, safely: every bad response becomes a message
//! in words, never a hang, never a crash.
//!
//! - Timeouts: one for connecting, one for the whole request (headers and body).
//! - A body limit enforced while streaming, on the decompressed bytes: a gzip bomb stops at the
//!   limit after reading only that much.
//! - At most `max_redirects` redirects, to http and https only; a loop is reported as one.
//! - Content types: HTML, XHTML, plain text and Markdown are read; anything else (PDF, images,
//!   audio, video, archives, octet-stream, ...) is refused before the body is read, and binary
//!   data served under a text type is recognised and refused.
//! - Retries for transient failures: connection errors and connect timeouts, and the statuses
//!   429, 502, 503 and 504, honouring `Retry-After` up to [`RETRY_AFTER_CAP`]; with backoff.
//!   None for other statuses and none after a whole-request timeout (the user already waited).

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{self, HeaderMap};

use super::{Document, SourceError, decode, human_bytes, refuse_binary, without_os_error};
use crate::extract::{self, Format};

/// The longest `Retry-After` listen waits for. A server asking for more is reported at once
/// instead ("the server asks to retry in 2 min").
pub const RETRY_AFTER_CAP: Duration = Duration::from_secs(10);

/// The wait before the first retry; it doubles for each further one.
pub const RETRY_BACKOFF: Duration = Duration::from_secs(1);

/// How much of the body is looked at to recognise binary data.
const SNIFF_LEN: usize = 8192;

/// Limits for fetching. The defaults are the documented ones.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// The whole request: connecting, waiting for the answer, receiving the body.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// The most bytes of (decompressed) body accepted.
    pub max_bytes: u64,
    pub max_redirects: usize,
    /// How many times a transient failure is retried.
    pub retries: u32,
    /// The user's `--lang`, sent as `Accept-Language` when set.
    pub accept_language: Option<String>,
    /// The HTTP client, built on first use from the fields above and shared by the clones.
    client: std::sync::Arc<OnceLock<reqwest::Client>>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 20_000_000,
            max_redirects: 10,
            retries: 2,
            accept_language: None,
            client: Default::default(),
        }
    }
}

/// `listen/VERSION (+homepage)`.
pub const USER_AGENT: &str = concat!(
    "listen/",
    env!("CARGO_PKG_VERSION"),
    " (article reader; +https://github.com/listen-reader/listen)"
);

/// What `listen` asks for: HTML first, then plain text and Markdown, anything else last (some
/// servers answer 406 to an Accept header without a wildcard).
const ACCEPT: &str =
    "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8,*/*;q=0.1";

/// A duration in words for messages: "30 s", "0.5 s", "2 min", "1 h".
pub fn human_duration(d: Duration) -> String {
    let secs = d.as_secs_f64();
    if secs >= 3600.0 && d.as_secs().is_multiple_of(3600) {
        format!("{} h", d.as_secs() / 3600)
    } else if secs >= 120.0 && d.as_secs().is_multiple_of(60) {
        format!("{} min", d.as_secs() / 60)
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        let s = format!("{secs:.1}");
        format!("{} s", s.trim_end_matches(".0"))
    }
}

/// `Accept-Language` for a `--lang` value: "fr" -> "fr, *;q=0.5"; "en-GB" -> "en-GB, en;q=0.9,
/// *;q=0.5".
pub fn accept_language(lang: &str) -> String {
    let lang = lang.trim();
    match lang.split_once(['-', '_']) {
        Some((primary, _)) => {
            format!("{}, {primary};q=0.9, *;q=0.5", lang.replace('_', "-"))
        }
        None => format!("{lang}, *;q=0.5"),
    }
}

impl FetchOptions {
    fn client(&self) -> Result<&reqwest::Client, SourceError> {
        if let Some(c) = self.client.get() {
            return Ok(c);
        }
        let c = build_client(self)?;
        Ok(self.client.get_or_init(|| c))
    }
}

fn build_client(opts: &FetchOptions) -> Result<reqwest::Client, SourceError> {
    let max = opts.max_redirects;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        let next = attempt.url();
        if !matches!(next.scheme(), "http" | "https") {
            let msg = format!("refused a redirect to {next} (only http and https are followed)");
            attempt.error(msg)
        } else if attempt.previous().iter().any(|u| u == next) {
            let n = attempt.previous().len();
            let msg = format!(
                "redirect loop: {next} redirects back to itself after {n} redirect{}",
                if n == 1 { "" } else { "s" }
            );
            attempt.error(msg)
        } else if attempt.previous().len() > max {
            attempt.error(format!("too many redirects ({max})"))
        } else {
            attempt.follow()
        }
    });
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .redirect(policy)
        // Our own retries below; reqwest's default only replays protocol-level refusals.
        .connect_timeout(opts.connect_timeout)
        .timeout(opts.timeout)
        .build()
        .map_err(|e| SourceError::Http(format!("cannot set up HTTP: {}", root_cause(&e))))
}

/// Whether and when to try again after a failed attempt.
enum Retry {
    No,
    /// A transient failure: retry after the backoff.
    Backoff,
    /// The server said when (`Retry-After`, within the cap).
    After(Duration),
}

struct Failure {
    error: SourceError,
    retry: Retry,
    /// A transient failure, so that "(tried N times)" can be added to it.
    retryable_message: bool,
    /// The fix, added after the attempt count: "raise the limit with --connect-timeout".
    hint: Option<&'static str>,
}

impl Failure {
    fn fatal(error: SourceError) -> Failure {
        Failure {
            error,
            retry: Retry::No,
            retryable_message: false,
            hint: None,
        }
    }
}

/// Fetches `url` and decodes it, retrying transient failures.
pub async fn fetch(url: &str, opts: &FetchOptions) -> Result<Document, SourceError> {
    let client = opts.client()?;
    let mut attempt: u32 = 0;
    loop {
        attempt += 1;
        let failure = match fetch_once(client, url, opts).await {
            Ok(doc) => return Ok(doc),
            Err(f) => f,
        };
        let wait = match failure.retry {
            Retry::No => None,
            Retry::Backoff => Some(RETRY_BACKOFF * 2u32.saturating_pow(attempt - 1)),
            Retry::After(d) => Some(d),
        };
        match wait {
            Some(d) if attempt <= opts.retries => tokio::time::sleep(d).await,
            _ => {
                let tried = (attempt > 1 && failure.retryable_message)
                    .then(|| format!("tried {attempt} times"));
                let notes: Vec<String> = tried
                    .into_iter()
                    .chain(failure.hint.map(str::to_string))
                    .collect();
                return Err(match failure.error {
                    SourceError::Http(msg) if !notes.is_empty() => {
                        SourceError::Http(format!("{msg} ({})", notes.join("; ")))
                    }
                    e => e,
                });
            }
        }
    }
}

async fn fetch_once(
    client: &reqwest::Client,
    url: &str,
    opts: &FetchOptions,
) -> Result<Document, Failure> {
    let mut req = client.get(url).header(header::ACCEPT, ACCEPT);
    if let Some(lang) = &opts.accept_language {
        req = req.header(header::ACCEPT_LANGUAGE, accept_language(lang));
    }
    let mut resp = req.send().await.map_err(|e| send_failure(&e, opts))?;

    let status = resp.status();
    let final_url = resp.url().to_string();
    if status.is_redirection() {
        // The policy follows every usable redirect; one left here had no usable Location.
        return Err(Failure::fatal(SourceError::Http(redirect_not_followed(
            status,
            resp.headers(),
        ))));
    }
    if !status.is_success() {
        return Err(status_failure(status, resp.headers()));
    }

    let header_str = |name: header::HeaderName| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header_str(header::CONTENT_TYPE);
    let content_language = header_str(header::CONTENT_LANGUAGE);
    // Compared as parsed, so that "http://host" and "http://host/" are the same place.
    let redirected = reqwest::Url::parse(url)
        .is_ok_and(|u| u.as_str() != final_url)
        .then(|| final_url.clone());
    // An empty type says nothing: the content is sniffed, as without the header.
    let mime = content_type
        .as_deref()
        .map(mime_of)
        .filter(|m| !m.is_empty());
    let format = match &mime {
        None => None,
        Some(m) => Some(format_for_mime(m).ok_or_else(|| {
            Failure::fatal(SourceError::UnsupportedType {
                mime: m.clone(),
                at: redirected.clone(),
            })
        })?),
    };
    let too_large = || {
        Failure::fatal(SourceError::TooLarge {
            what: "response",
            limit: opts.max_bytes,
        })
    };
    if resp
        .content_length()
        .is_some_and(|len| len > opts.max_bytes)
    {
        return Err(too_large());
    }

    // The body, streamed: the limit applies to the bytes as decompressed, chunk by chunk.
    let capacity = resp
        .content_length()
        .unwrap_or(64 * 1024)
        .min(opts.max_bytes);
    let mut bytes: Vec<u8> = Vec::with_capacity(usize::try_from(capacity).unwrap_or(0));
    let mut sniffed = false;
    loop {
        let chunk = match resp.chunk().await {
            Ok(Some(c)) => c,
            Ok(None) => break,
            Err(e) => return Err(Failure::fatal(body_error(&e, opts, bytes.len()))),
        };
        if bytes.len() as u64 + chunk.len() as u64 > opts.max_bytes {
            return Err(too_large());
        }
        bytes.extend_from_slice(&chunk);
        if !sniffed && bytes.len() >= SNIFF_LEN {
            sniffed = true;
            refuse_binary(&bytes, mime.as_deref()).map_err(Failure::fatal)?;
        }
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Failure::fatal(SourceError::Empty(
            "the server sent an empty page",
        )));
    }
    if !sniffed {
        // A body shorter than the sniffed length.
        refuse_binary(&bytes, mime.as_deref()).map_err(Failure::fatal)?;
    }

    let charset = content_type.as_deref().and_then(decode::charset_param);
    let text = decode::decode(&bytes, charset, format.is_none_or(|f| f == Format::Html));
    let format = format.unwrap_or_else(|| extract::sniff(&text));
    Ok(Document {
        text,
        format,
        url: Some(final_url),
        content_language,
    })
}

/// A failure before any response: connecting, TLS, redirects, waiting for the headers.
fn send_failure(e: &reqwest::Error, opts: &FetchOptions) -> Failure {
    let with_retry = |msg: String, retry: Retry| Failure {
        error: SourceError::Http(msg),
        retry,
        retryable_message: true,
        hint: None,
    };
    if e.is_redirect() {
        return Failure::fatal(SourceError::Http(redirect_message(e)));
    }
    let cause = root_cause(e);
    if e.is_connect() && e.is_timeout() {
        let msg = format!(
            "could not connect within {}",
            human_duration(opts.connect_timeout)
        );
        return Failure {
            hint: Some("raise the limit with --connect-timeout"),
            ..with_retry(msg, Retry::Backoff)
        };
    }
    if e.is_timeout() {
        // The whole-request limit: no retry, the user has already waited that long.
        return Failure::fatal(SourceError::Http(format!(
            "timed out after {} waiting for the server to answer (raise the limit with --timeout)",
            human_duration(opts.timeout)
        )));
    }
    if e.is_dns() {
        let host = e
            .url()
            .and_then(|u| u.host_str())
            .unwrap_or("the server")
            .to_string();
        let transient = cause.to_ascii_lowercase().contains("temporary");
        let msg =
            format!("cannot find the server {host} (check the address and the network): {cause}");
        return match transient {
            true => with_retry(msg, Retry::Backoff),
            false => Failure::fatal(SourceError::Http(msg)),
        };
    }
    let lower = cause.to_ascii_lowercase();
    if lower.contains("certificate") || lower.contains("tls") || lower.contains("handshake") {
        let what = if lower.contains("certificate") {
            "the server's certificate is not valid for it"
        } else {
            "secure connection failed"
        };
        return Failure::fatal(SourceError::Http(format!("{what} (TLS: {cause})")));
    }
    if e.is_connect() {
        return with_retry(
            format!(
                "cannot connect: {}",
                lowercase_first(&without_os_error(&cause))
            ),
            Retry::Backoff,
        );
    }
    if lower.contains("connection closed before message completed") {
        return Failure::fatal(SourceError::Http(
            "the server closed the connection without answering".into(),
        ));
    }
    if e.is_builder() {
        return Failure::fatal(SourceError::Http(format!("not a usable URL: {cause}")));
    }
    Failure::fatal(SourceError::Http(format!(
        "request failed: {}",
        lowercase_first(&cause)
    )))
}

/// The redirect policy's own message is the innermost error.
fn redirect_message(e: &reqwest::Error) -> String {
    let cause = root_cause(e);
    if cause.is_empty() || cause == e.to_string() {
        "a redirect could not be followed".into()
    } else if cause.contains("scheme is not allowed") {
        match e.url() {
            Some(u) => format!("refused a redirect to {u} (only http and https are followed)"),
            None => "refused a redirect to a URL that is not http or https".into(),
        }
    } else {
        cause
    }
}

/// A 3xx response the client did not follow: a Location it cannot use.
fn redirect_not_followed(status: StatusCode, headers: &HeaderMap) -> String {
    let location = headers
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .map(str::trim);
    match location {
        Some(loc) if has_non_http_scheme(loc) => {
            format!("refused a redirect to {loc} (only http and https are followed)")
        }
        Some(loc) => format!("{} with an unusable Location: {loc}", status_words(status)),
        None => format!("{} without a Location to go to", status_words(status)),
    }
}

fn has_non_http_scheme(loc: &str) -> bool {
    match loc.split_once(':') {
        Some((scheme, _)) => {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
                && !scheme.eq_ignore_ascii_case("http")
                && !scheme.eq_ignore_ascii_case("https")
        }
        None => false,
    }
}

/// "404 Not Found".
fn status_words(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(r) => format!("{} {r}", status.as_u16()),
        None => format!("HTTP status {}", status.as_u16()),
    }
}

/// An error status in words, with a hint where one helps, and whether to retry.
fn status_failure(status: StatusCode, headers: &HeaderMap) -> Failure {
    let words = status_words(status);
    let transient = matches!(status.as_u16(), 429 | 502 | 503 | 504);
    if transient {
        let after = headers
            .get(header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        let (retry, msg) = match after {
            Some(d) if d > RETRY_AFTER_CAP => (
                Retry::No,
                format!(
                    "{words} (the server asks to retry in {})",
                    human_duration(d)
                ),
            ),
            Some(d) => (Retry::After(d), words),
            None => (Retry::Backoff, words),
        };
        return Failure {
            error: SourceError::Http(msg),
            retry,
            retryable_message: true,
            hint: None,
        };
    }
    let hint = match status.as_u16() {
        401 => " (the page needs a login; save it from a browser and read the file)",
        403 => {
            " (the site refuses this request; if the page opens in a browser, save it and read the file)"
        }
        404 => " (check the address)",
        410 => " (the page was removed)",
        451 => " (blocked for legal reasons)",
        _ => "",
    };
    Failure::fatal(SourceError::Http(format!("{words}{hint}")))
}

/// `Retry-After`: delta-seconds, or an HTTP date (IMF-fixdate). `None` when unreadable.
pub fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let v = value.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = parse_http_date(v)?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// "Sun, 06 Nov 1994 08:49:37 GMT" (the only format HTTP senders may generate).
fn parse_http_date(s: &str) -> Option<SystemTime> {
    let rest = s.split_once(", ")?.1;
    let parts: Vec<&str> = rest.split_whitespace().collect();
    let [day, month, year, time, zone] = parts.as_slice() else {
        return None;
    };
    if *zone != "GMT" {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| m == month)? as i64 + 1;
    let day: i64 = day.parse().ok()?;
    let year: i64 = year.parse().ok()?;
    let hms: Vec<i64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, sec] = hms.as_slice() else {
        return None;
    };
    // A four-digit year, as the format has: a longer one would overflow the arithmetic below.
    if !(1..=31).contains(&day)
        || !(1..=9999).contains(&year)
        || !(0..24).contains(h)
        || !(0..60).contains(m)
        || !(0..=60).contains(sec)
    {
        return None;
    }
    // Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let secs = days * 86_400 + h * 3600 + m * 60 + sec;
    let secs = u64::try_from(secs).ok()?;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(secs))
}

/// A failure while receiving the body.
fn body_error(e: &reqwest::Error, opts: &FetchOptions, received: usize) -> SourceError {
    let so_far = match received {
        0 => String::new(),
        n => format!(", {} received", human_bytes(n as u64)),
    };
    if e.is_timeout() {
        return SourceError::Http(format!(
            "timed out after {} while receiving the page{so_far} (raise the limit with --timeout)",
            human_duration(opts.timeout)
        ));
    }
    let cause = root_cause(e);
    match io_kind(e) {
        Some(std::io::ErrorKind::ConnectionReset | std::io::ErrorKind::ConnectionAborted) => {
            return SourceError::Http(format!(
                "the connection was reset while receiving the page{so_far}"
            ));
        }
        Some(std::io::ErrorKind::UnexpectedEof) => {
            return SourceError::Http(format!(
                "the connection closed before the page was complete{so_far}"
            ));
        }
        Some(_) => {
            return SourceError::Http(format!(
                "the connection broke while receiving the page{so_far}: {}",
                lowercase_first(&without_os_error(&cause))
            ));
        }
        None => {}
    }
    if e.is_decode() {
        return SourceError::Http(format!(
            "the page's compressed data is damaged: {}",
            lowercase_first(&cause)
        ));
    }
    SourceError::Http(format!(
        "the connection broke while receiving the page{so_far}: {}",
        lowercase_first(&cause)
    ))
}

/// The kind of the I/O error at the root of `e`, if there is one.
fn io_kind(e: &(dyn std::error::Error + 'static)) -> Option<std::io::ErrorKind> {
    let mut src: Option<&dyn std::error::Error> = Some(e);
    let mut kind = None;
    while let Some(s) = src {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            kind = Some(io.kind());
        }
        src = s.source();
    }
    kind
}

fn root_cause(e: &dyn std::error::Error) -> String {
    let mut last = e.to_string();
    let mut src = e.source();
    while let Some(s) = src {
        last = s.to_string();
        src = s.source();
    }
    last
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        // Leave acronyms ("TLS", "DNS") alone.
        Some(c) if chars.clone().next().is_some_and(|d| d.is_lowercase()) => {
            c.to_lowercase().chain(chars).collect()
        }
        _ => s.to_string(),
    }
}

fn mime_of(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The format for a MIME type, `None` for types listen does not read.
fn format_for_mime(mime: &str) -> Option<Format> {
    match mime {
        "text/html" | "application/xhtml+xml" | "application/xml" | "text/xml" => {
            Some(Format::Html)
        }
        "text/markdown" | "text/x-markdown" => Some(Format::Markdown),
        "text/plain" => Some(Format::Text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(784_111_777); // 06 Nov 1994 08:49:37
        assert_eq!(
            parse_retry_after("120", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:40 GMT", now),
            Some(Duration::from_secs(3))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 99999999999999999 08:49:37 GMT", now),
            None
        );
    }

    #[test]
    fn words() {
        assert_eq!(human_duration(Duration::from_secs(30)), "30 s");
        assert_eq!(human_duration(Duration::from_millis(500)), "0.5 s");
        assert_eq!(human_duration(Duration::from_secs(3600)), "1 h");
        assert_eq!(human_duration(Duration::from_secs(300)), "5 min");
        assert_eq!(status_words(StatusCode::NOT_FOUND), "404 Not Found");
        assert_eq!(accept_language("fr"), "fr, *;q=0.5");
        assert_eq!(accept_language("en_GB"), "en-GB, en;q=0.9, *;q=0.5");
        assert!(has_non_http_scheme("file:///etc/passwd"));
        assert!(!has_non_http_scheme("/relative/path:x"));
        assert!(!has_non_http_scheme("HTTPS://example.org/"));
    }

    #[test]
    fn content_types() {
        assert_eq!(format_for_mime("text/html"), Some(Format::Html));
        assert_eq!(format_for_mime("text/markdown"), Some(Format::Markdown));
        for t in [
            "application/pdf",
            "image/png",
            "audio/mpeg",
            "video/mp4",
            "application/zip",
            "application/octet-stream",
        ] {
            assert_eq!(format_for_mime(t), None, "{t}");
        }
        assert_eq!(mime_of("Text/HTML; charset=utf-8"), "text/html");
    }
}
