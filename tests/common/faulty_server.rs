//! A fault-injecting HTTP/1.1 server on 127.0.0.1, written on raw TCP so that every misbehaviour
//! is exact: headers that never come, a body that trickles, a reset in the middle of the body, a
//! gzip bomb generated while it is sent, an endless chunked body, wrong content types, redirect
//! loops, 4xx/5xx statuses with and without `Retry-After`.
//!
//! Each connection gets its own thread; the server lives until the test process exits. Every
//! request's path and headers are recorded, so tests can check what the client sent and how
//! often it retried.
#![allow(dead_code)] // each test binary uses a different part of this module

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    /// Header names in lower case.
    pub headers: HashMap<String, String>,
}

pub struct FaultyServer {
    addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

/// Handler threads stop on their own after this long, whatever the client does.
const MAX_HANDLER_LIFE: Duration = Duration::from_secs(60);

impl FaultyServer {
    pub fn start() -> FaultyServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let addr = listener.local_addr().expect("local addr");
        let seen: Arc<Mutex<Vec<Seen>>> = Arc::default();
        let seen2 = Arc::clone(&seen);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let seen = Arc::clone(&seen2);
                std::thread::spawn(move || handle(stream, &seen));
            }
        });
        FaultyServer { addr, seen }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    /// The requests made for `path` so far.
    pub fn requests(&self, path: &str) -> Vec<Seen> {
        self.seen
            .lock()
            .expect("lock")
            .iter()
            .filter(|s| s.path == path)
            .cloned()
            .collect()
    }
}

/// A readable article, long enough for extraction.
pub const ARTICLE_HTML: &str = "<!DOCTYPE html><html lang=\"en\"><head><title>Harbour lights return</title></head>\
<body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article><h1>Harbour lights return</h1>\
<p>The old harbour lights were switched on again last night after a restoration that took three years.</p>\
<p>Volunteers cleaned and rewired each of the forty lamps by hand, working mostly on weekends.</p>\
<p>The town council paid for the new cables, while a local school raised money for the glass.</p>\
<p>Fishermen say the lights make the narrow entrance to the harbour much safer at night.</p>\
<p>A small festival is planned for the summer, with music on the quay and boats decorated with lanterns.</p>\
</article><footer>Contact us</footer></body></html>";

/// A French article in windows-1252 with no charset anywhere (header or meta): only the bytes
/// tell.
pub fn cp1252_page() -> Vec<u8> {
    let text = "<html><head><title>Le caf\u{e9} de la gare</title></head><body><article>\
<h1>Le caf\u{e9} de la gare rouvre ses portes</h1>\
<p>Apr\u{e8}s deux ann\u{e9}es de travaux, le caf\u{e9} de la gare a rouvert ses portes \u{e0} la client\u{e8}le mercredi matin.</p>\
<p>Les habitu\u{e9}s ont retrouv\u{e9} avec plaisir le comptoir en zinc, les banquettes rouges et la fa\u{e7}ade restaur\u{e9}e.</p>\
<p>\u{ab} C\u{2019}est une tr\u{e8}s bonne nouvelle pour le quartier \u{bb}, a d\u{e9}clar\u{e9} la g\u{e9}rante, tr\u{e8}s \u{e9}mue.</p>\
<p>Le menu propose d\u{e9}sormais des cr\u{ea}pes, des g\u{e2}teaux maison et un caf\u{e9} torr\u{e9}fi\u{e9} \u{e0} deux pas d\u{2019}ici.</p>\
</article></body></html>";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

fn handle(stream: TcpStream, seen: &Mutex<Vec<Seen>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    // Reads through a reference, so that the stream's only descriptor is the one `respond`
    // closes (a reset must close the last one).
    let mut reader = BufReader::new(&stream);
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
        return;
    }
    let mut headers = HashMap::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_string();
    let hits = {
        let mut seen = seen.lock().expect("lock");
        seen.push(Seen {
            path: path.clone(),
            headers,
        });
        seen.iter().filter(|s| s.path == path).count()
    };
    // Routing ignores the query string, so tests can tell their requests apart
    // ("/reset?batch").
    let route = path.split('?').next().unwrap_or("/").to_string();
    drop(reader);
    let _ = respond(&route, hits, stream);
}

fn head(status: &str, headers: &[(&str, String)]) -> Vec<u8> {
    let mut h = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
    for (k, v) in headers {
        h.push_str(&format!("{k}: {v}\r\n"));
    }
    h.push_str("\r\n");
    h.into_bytes()
}

fn send(
    mut s: TcpStream,
    status: &str,
    ctype: &str,
    extra: &[(&str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut headers = vec![
        ("Content-Type", ctype.to_string()),
        ("Content-Length", body.len().to_string()),
    ];
    headers.extend(extra.iter().cloned());
    s.write_all(&head(status, &headers))?;
    s.write_all(body)?;
    s.flush()
}

fn error_page(status: &str) -> Vec<u8> {
    format!("<html><body><h1>{status}</h1></body></html>").into_bytes()
}

/// Sends the body bytes one small piece at a time, until the client goes away.
fn trickle(s: &mut TcpStream, piece: &[u8], every: Duration) -> std::io::Result<()> {
    let start = Instant::now();
    while start.elapsed() < MAX_HANDLER_LIFE {
        s.write_all(piece)?;
        s.flush()?;
        std::thread::sleep(every);
    }
    Ok(())
}

/// Closes with a TCP reset (SO_LINGER 0) instead of an orderly FIN.
fn reset(s: TcpStream) {
    use std::os::fd::AsRawFd;
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: a valid socket and a correctly sized option value.
    unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            &linger as *const libc::linger as *const libc::c_void,
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
    drop(s);
}

/// A writer that frames everything written to it as HTTP chunks.
struct Chunked<'a>(&'a mut TcpStream);

impl Write for Chunked<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        self.0
            .write_all(format!("{:x}\r\n", buf.len()).as_bytes())?;
        self.0.write_all(buf)?;
        self.0.write_all(b"\r\n")?;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Streams `total` bytes of `unit` repeated, gzip-compressed as they are generated, so that a
/// 1 GB bomb never exists in memory on either side (the client stops reading at its limit and
/// the next write here fails).
fn gzip_bomb(mut s: TcpStream, unit: u8, total: u64) -> std::io::Result<()> {
    s.write_all(&head(
        "200 OK",
        &[
            ("Content-Type", "text/html".into()),
            ("Content-Encoding", "gzip".into()),
            ("Transfer-Encoding", "chunked".into()),
        ],
    ))?;
    let block = vec![unit; 1 << 20];
    let mut enc = flate2::write::GzEncoder::new(Chunked(&mut s), flate2::Compression::fast());
    let mut sent = 0u64;
    while sent < total {
        enc.write_all(&block)?;
        sent += block.len() as u64;
    }
    enc.finish()?;
    s.write_all(b"0\r\n\r\n")
}

fn respond(path: &str, hits: usize, mut s: TcpStream) -> std::io::Result<()> {
    let html = "text/html; charset=utf-8";
    match path {
        "/article" | "/article-2" => send(s, "200 OK", html, &[], ARTICLE_HTML.as_bytes()),
        "/markdown" => send(
            s,
            "200 OK",
            "text/markdown",
            &[],
            b"# Notes from the quay\n\nThe ferry was late again this morning. Nobody seemed to mind very much.\n",
        ),
        p if p.starts_with("/status/") => {
            let status = match &p["/status/".len()..] {
                "404" => "404 Not Found",
                "410" => "410 Gone",
                "500" => "500 Internal Server Error",
                "503" => "503 Service Unavailable",
                "429" => "429 Too Many Requests",
                "403" => "403 Forbidden",
                _ => "400 Bad Request",
            };
            send(s, status, "text/html", &[], &error_page(status))
        }
        // /retry-after/N: 503 with Retry-After: N.
        p if p.starts_with("/retry-after/") => {
            let secs = p["/retry-after/".len()..].to_string();
            let status = "503 Service Unavailable";
            send(s, status, "text/html", &[("Retry-After", secs)], &error_page(status))
        }
        // /flaky/N: 503 (Retry-After: 0) for the first N requests, then the article.
        p if p.starts_with("/flaky/") => {
            let n: usize = p["/flaky/".len()..].parse().unwrap_or(1);
            if hits <= n {
                let status = "503 Service Unavailable";
                send(s, status, "text/html", &[("Retry-After", "0".into())], &error_page(status))
            } else {
                send(s, "200 OK", html, &[], ARTICLE_HTML.as_bytes())
            }
        }
        "/slow-headers" => {
            // Never answer; hold the connection open until the client gives up.
            std::thread::sleep(MAX_HANDLER_LIFE);
            Ok(())
        }
        "/slow-body" => {
            s.write_all(&head(
                "200 OK",
                &[("Content-Type", html.into()), ("Content-Length", "100000".into())],
            ))?;
            s.write_all(b"<html><body><article><p>")?;
            trickle(&mut s, b"word ", Duration::from_millis(100))
        }
        "/reset" => {
            s.write_all(&head(
                "200 OK",
                &[("Content-Type", html.into()), ("Content-Length", "100000".into())],
            ))?;
            s.write_all(&ARTICLE_HTML.repeat(3).as_bytes()[..1000])?;
            s.flush()?;
            std::thread::sleep(Duration::from_millis(100));
            reset(s);
            Ok(())
        }
        "/close-early" => {
            // Promises 100,000 bytes, sends 1,000, closes normally.
            s.write_all(&head(
                "200 OK",
                &[("Content-Type", html.into()), ("Content-Length", "100000".into())],
            ))?;
            s.write_all(&ARTICLE_HTML.repeat(3).as_bytes()[..1000])?;
            Ok(())
        }
        "/no-answer" => Ok(()), // reads the request, closes without a response
        "/redirect-loop" => send(s, "302 Found", "text/html", &[("Location", "/redirect-loop".into())], b""),
        p if p.starts_with("/redirect-chain/") => {
            let n: u32 = p["/redirect-chain/".len()..].parse().unwrap_or(0);
            let next = format!("/redirect-chain/{}", n + 1);
            send(s, "302 Found", "text/html", &[("Location", next)], b"")
        }
        "/redirect-to-article" => send(s, "301 Moved Permanently", "text/html", &[("Location", "/article".into())], b""),
        "/redirect-file" => send(
            s,
            "302 Found",
            "text/html",
            &[("Location", "file:///etc/passwd".into())],
            b"",
        ),
        "/redirect-to-pdf" => send(s, "302 Found", "text/html", &[("Location", "/pdf".into())], b""),
        "/gzip-bomb" => gzip_bomb(s, 0, 1 << 30),
        // "Zeros" as text: 1 GB of the character 0.
        "/gzip-bomb-text" => gzip_bomb(s, b'0', 1 << 30),
        "/endless" => {
            s.write_all(&head(
                "200 OK",
                &[("Content-Type", html.into()), ("Transfer-Encoding", "chunked".into())],
            ))?;
            let piece = "<p>And then the story went on, and on, and on.</p>\n".repeat(1000);
            let mut c = Chunked(&mut s);
            let start = Instant::now();
            while start.elapsed() < MAX_HANDLER_LIFE {
                c.write_all(piece.as_bytes())?;
            }
            Ok(())
        }
        "/endless-slow" => {
            s.write_all(&head(
                "200 OK",
                &[("Content-Type", html.into()), ("Transfer-Encoding", "chunked".into())],
            ))?;
            let start = Instant::now();
            while start.elapsed() < MAX_HANDLER_LIFE {
                Chunked(&mut s).write_all(b"<p>More.</p>\n")?;
                std::thread::sleep(Duration::from_millis(100));
            }
            Ok(())
        }
        "/pdf" => send(
            s,
            "200 OK",
            "application/pdf",
            &[],
            b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
        ),
        "/png-as-html" => {
            let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0".to_vec();
            png.extend((0..4000u32).map(|i| (i * 7 % 256) as u8));
            send(s, "200 OK", "text/html", &[], &png)
        }
        "/octet-stream" => send(s, "200 OK", "application/octet-stream", &[], ARTICLE_HTML.as_bytes()),
        "/cp1252" => send(s, "200 OK", "text/html", &[], &cp1252_page()),
        "/empty" => send(s, "200 OK", html, &[], b""),
        // Declared UTF-8, with bytes that are not.
        "/bad-utf8" => {
            let mut body = ARTICLE_HTML.as_bytes().to_vec();
            let at = ARTICLE_HTML.find("Volunteers").unwrap_or(0);
            body.splice(at..at, b"\xff\xfe\xc3(".iter().copied());
            send(s, "200 OK", html, &[], &body)
        }
        "/no-article" => send(
            s,
            "200 OK",
            html,
            &[],
            b"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav><footer>\xc2\xa9 2025</footer></body></html>",
        ),
        "/declared-large" => {
            // Declares 30 MB, then trickles: the client must refuse on the header alone.
            s.write_all(&head(
                "200 OK",
                &[("Content-Type", html.into()), ("Content-Length", "30000000".into())],
            ))?;
            trickle(&mut s, b"<p>x</p>", Duration::from_millis(100))
        }
        _ => send(s, "404 Not Found", "text/plain", &[], b"not found"),
    }
}
