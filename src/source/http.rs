//! Fetching a URL with reqwest (rustls): timeouts, a body limit enforced while streaming, a
//! bounded number of redirects to http(s) only, and content-type checks.

use std::time::Duration;

use futures_util::StreamExt;

use super::{Document, SourceError, decode};
use crate::extract::{self, Format};

/// Limits for one fetch. Defaults are the documented ones.
#[derive(Debug, Clone)]
pub struct FetchOptions {
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub max_bytes: u64,
    pub max_redirects: usize,
    /// Sent as `Accept-Language` when set.
    pub accept_language: Option<String>,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 20_000_000,
            max_redirects: 10,
            accept_language: None,
        }
    }
}

const USER_AGENT: &str = concat!(
    "listen/",
    env!("CARGO_PKG_VERSION"),
    " (article reader; +https://github.com/listen-reader/listen)"
);

fn client(opts: &FetchOptions) -> Result<reqwest::Client, SourceError> {
    let max = opts.max_redirects;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        if !matches!(attempt.url().scheme(), "http" | "https") {
            let msg = format!("redirect to a {} URL refused", attempt.url().scheme());
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
        .connect_timeout(opts.connect_timeout)
        .timeout(opts.timeout)
        .build()
        .map_err(|e| SourceError::Http(format!("cannot set up HTTP: {e}")))
}

fn describe(e: &reqwest::Error, opts: &FetchOptions) -> String {
    if e.is_timeout() {
        if e.is_connect() {
            return format!(
                "connection timed out after {} s",
                opts.connect_timeout.as_secs()
            );
        }
        return format!("timed out after {} s", opts.timeout.as_secs());
    }
    if e.is_redirect() {
        // The policy's own message is in the source chain.
        let mut src: Option<&dyn std::error::Error> = std::error::Error::source(e);
        while let Some(s) = src {
            if std::error::Error::source(s).is_none() {
                return s.to_string();
            }
            src = std::error::Error::source(s);
        }
        return "redirect failed".into();
    }
    if e.is_connect() {
        return format!("cannot connect: {}", root_cause(e));
    }
    if e.is_decode() || e.is_body() {
        return format!("the connection broke while reading: {}", root_cause(e));
    }
    root_cause(e)
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

pub async fn fetch(url: &str, opts: &FetchOptions) -> Result<Document, SourceError> {
    let client = client(opts)?;
    let mut req = client.get(url).header(
        reqwest::header::ACCEPT,
        "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,*/*;q=0.1",
    );
    if let Some(lang) = &opts.accept_language {
        req = req.header(reqwest::header::ACCEPT_LANGUAGE, lang.as_str());
    }
    let resp = req
        .send()
        .await
        .map_err(|e| SourceError::Http(describe(&e, opts)))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(SourceError::Http(
            format!(
                "{} {}",
                status.as_u16(),
                status.canonical_reason().unwrap_or("")
            )
            .trim_end()
            .to_string(),
        ));
    }
    let final_url = resp.url().to_string();
    let header = |name: reqwest::header::HeaderName| {
        resp.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header(reqwest::header::CONTENT_TYPE);
    let content_language = header(reqwest::header::CONTENT_LANGUAGE);
    let format = match content_type.as_deref().map(mime_of) {
        None => None,
        Some(m) => Some(
            format_for_mime(&m)
                .ok_or_else(|| SourceError::UnsupportedType(format!("{m} at {final_url}")))?,
        ),
    };
    if let Some(len) = resp.content_length()
        && len > opts.max_bytes
    {
        return Err(SourceError::TooLarge(opts.max_bytes));
    }
    let mut bytes = Vec::new();
    let mut stream = resp.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| SourceError::Http(describe(&e, opts)))?;
        if bytes.len() as u64 + chunk.len() as u64 > opts.max_bytes {
            return Err(SourceError::TooLarge(opts.max_bytes));
        }
        bytes.extend_from_slice(&chunk);
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(SourceError::Http("the response is empty".into()));
    }
    if decode::looks_binary(&bytes) {
        return Err(SourceError::Binary);
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

fn mime_of(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

fn format_for_mime(mime: &str) -> Option<Format> {
    match mime {
        "text/html" | "application/xhtml+xml" | "application/xml" | "text/xml" => {
            Some(Format::Html)
        }
        "text/markdown" | "text/x-markdown" => Some(Format::Markdown),
        "text/plain" | "" => Some(Format::Text),
        _ => None,
    }
}
