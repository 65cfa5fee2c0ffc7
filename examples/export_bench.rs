//! Speed of `listen export`, measured as a user runs it: the real binary, start-up included.
//!
//!   cargo build --release && cargo run --release --example export_bench -- [DATASET] [options]
//!
//! 1. The sample article (`articles/kenya-reinforcements-haiti.html`) to MP3 and to WAV, 5 runs
//!    each: wall time of the whole process and times faster than real time (target: under 0.4 s
//!    and at least 500x), and CPU time (what the machine's other load does not change).
//! 2. With DATASET (the extraction benchmark folder, e.g. /work/shared/data/extraction-benchmark):
//!    all its pages (`html/*.html.gz`) exported to MP3 in one run (target: under 60 s). The pages
//!    are served gzip-encoded from a server on 127.0.0.1, as `listen export URL...` fetches
//!    them, so the data is read in place, never copied.
//!
//! Options: `--listen PATH` (the binary; default: `listen` beside this example's folder),
//! `--jobs N` and `--format wav|mp3` (for the batch), `--runs N` (sample article runs), `--keep DIR` (export the
//! batch into DIR and keep it).

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::sync::Arc;
use std::time::Instant;

use listen::export::subtitles::read_marker;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("export_bench: {e}");
            ExitCode::FAILURE
        }
    }
}

struct Options {
    dataset: Option<PathBuf>,
    listen: PathBuf,
    jobs: Option<String>,
    format: String,
    runs: usize,
    keep: Option<PathBuf>,
}

fn options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let mut o = Options {
        dataset: None,
        listen: exe
            .parent()
            .and_then(Path::parent)
            .map(|d| d.join("listen"))
            .unwrap_or_else(|| PathBuf::from("listen")),
        jobs: None,
        format: "mp3".into(),
        runs: 5,
        keep: None,
    };
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--listen" => o.listen = PathBuf::from(value("--listen")?),
            "--jobs" => o.jobs = Some(value("--jobs")?),
            "--format" => o.format = value("--format")?,
            "--runs" => {
                o.runs = value("--runs")?
                    .parse()
                    .map_err(|_| "--runs needs a number".to_string())?
            }
            "--keep" => o.keep = Some(PathBuf::from(value("--keep")?)),
            _ if a.starts_with('-') => return Err(format!("unknown option {a}")),
            _ => o.dataset = Some(PathBuf::from(a)),
        }
    }
    if !o.listen.is_file() {
        return Err(format!(
            "no listen binary at {} (build it first: cargo build --release)",
            o.listen.display()
        ));
    }
    Ok(o)
}

fn run() -> Result<(), String> {
    let o = options()?;
    let project = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let sample = project.join("articles/kenya-reinforcements-haiti.html");
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    println!("listen binary: {}", o.listen.display());

    for ext in ["mp3", "wav"] {
        let out = tmp.path().join(format!("sample.{ext}"));
        let mut times = Vec::new();
        let cpu_before = children_cpu();
        for _ in 0..o.runs.max(1) {
            let t = Instant::now();
            let st = Command::new(&o.listen)
                .args(["export", "--quiet", "--force", "-o"])
                .arg(&out)
                .arg(&sample)
                .status()
                .map_err(|e| e.to_string())?;
            times.push(t.elapsed().as_secs_f64());
            if !st.success() {
                return Err(format!("listen export failed: {st}"));
            }
        }
        let cpu = (children_cpu() - cpu_before) / times.len() as f64;
        times.sort_by(f64::total_cmp);
        let audio = read_marker(&out.with_extension("vtt"))
            .ok_or("no subtitles marker")?
            .duration;
        let median = times[times.len() / 2];
        println!(
            "sample article -> {ext}: {audio:.1} s of audio; wall time (process, start-up \
             included) median {median:.3} s, best {:.3} s over {} runs: {:.0}x real time \
             (best {:.0}x); CPU time {cpu:.3} s a run",
            times[0],
            times.len(),
            audio / median,
            audio / times[0]
        );
    }

    let Some(dataset) = o.dataset else {
        println!("(give the extraction benchmark's folder to time the batch)");
        return Ok(());
    };
    let html = dataset.join("html");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&html)
        .map_err(|e| format!("{}: {e}", html.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    pages.sort();
    if pages.is_empty() {
        return Err(format!("no .html.gz pages in {}", html.display()));
    }
    let pages = Arc::new(pages);
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    {
        let pages = Arc::clone(&pages);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let pages = Arc::clone(&pages);
                std::thread::spawn(move || serve(stream, &pages));
            }
        });
    }
    let urls: Vec<String> = (0..pages.len())
        .map(|i| format!("http://127.0.0.1:{port}/{i}"))
        .collect();
    let out = match &o.keep {
        Some(d) => d.clone(),
        None => tmp.path().join("batch"),
    };
    let mut cmd = Command::new(&o.listen);
    cmd.args(["export", "--force", "--format", &o.format, "-o"])
        .arg(&out);
    if let Some(j) = &o.jobs {
        cmd.args(["--jobs", j]);
    }
    cmd.args(&urls);
    let t = Instant::now();
    let cpu_before = children_cpu();
    let output = cmd.output().map_err(|e| e.to_string())?;
    let wall = t.elapsed().as_secs_f64();
    let cpu = children_cpu() - cpu_before;
    let stderr = String::from_utf8_lossy(&output.stderr);
    let failed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("listen:"))
        .collect();
    let (mut files, mut audio) = (0, 0.0);
    for e in std::fs::read_dir(&out)
        .map_err(|e| e.to_string())?
        .flatten()
    {
        let p = e.path();
        if let Some(m) = Some(&p)
            .filter(|p| p.extension().is_some_and(|x| x == "vtt"))
            .and_then(|p| read_marker(p))
        {
            files += 1;
            audio += m.duration;
        }
    }
    println!(
        "extraction benchmark: {} pages -> {files} {} files, {:.1} h of audio in {wall:.1} s \
         wall time, {cpu:.1} s CPU time ({:.0}x real time; exit {}); {} sources reported errors",
        pages.len(),
        o.format,
        audio / 3600.0,
        audio / wall,
        output.status.code().unwrap_or(-1),
        failed.len()
    );
    for f in failed.iter().take(10) {
        println!("  {f}");
    }
    Ok(())
}

/// CPU seconds (user + system) used so far by this process's finished children.
fn children_cpu() -> f64 {
    // SAFETY: getrusage fills the struct we pass.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut ru) } != 0 {
        return 0.0;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(ru.ru_utime) + secs(ru.ru_stime)
}

/// Answers one request for `/N` with page N, gzip-encoded as stored.
fn serve(mut stream: TcpStream, pages: &[PathBuf]) {
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let page = request
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.trim_start_matches('/').parse::<usize>().ok())
        .and_then(|i| pages.get(i))
        .and_then(|p| std::fs::read(p).ok());
    let _ = match page {
        Some(body) => stream
            .write_all(
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n",
                    body.len()
                )
                .as_bytes(),
            )
            .and_then(|()| stream.write_all(&body)),
        None => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    };
}
