//! Article-extraction benchmark: extracts every page of the Zyte/Scrapinghub article-extraction
//! benchmark (github.com/scrapinghub/article-extraction-benchmark: `html/<id>.html.gz` and
//! `ground-truth.json`) with `listen::extract::extract`, prints F1, precision, recall, empty pages,
//! milliseconds per page and peak memory, and writes `{id: {"articleBody": ...}}` for the
//! benchmark's own scorer.
//!
//! ```text
//! cargo run --release --example extract_eval -- --dataset PATH [--out FILE]
//!     [--half even|odd] [--worst N] [--page ID] [--runs N] [--scorer score_extraction.py]
//! ```
//!
//! Time per page covers parsing and extraction (`extract::extract` on the decoded text), one
//! thread; decoding the bytes is timed apart. With `--runs N` each page is extracted N times and
//! its fastest run counts (steadier figures on a busy machine). Peak memory is the process's peak resident set
//! (VmHWM) over the whole run. `--half` keeps the pages at even or odd positions in id order
//! (to check that a change generalizes). `--scorer` runs the Python scorer on the written file
//! and prints both results side by side. `--cli path/to/listen` also runs `listen text --json`
//! over the pages (saved as `.html` files in a temporary folder) and checks that it gives the
//! same bodies.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use listen::extract::{self, Format, Input, metric};

struct Args {
    dataset: PathBuf,
    out: PathBuf,
    half: Option<usize>,
    worst: usize,
    page: Option<String>,
    runs: usize,
    scorer: Option<PathBuf>,
    parse_only: bool,
    cli: Option<PathBuf>,
}

fn usage() -> &'static str {
    "usage: extract_eval --dataset PATH [--out FILE] [--half even|odd] [--worst N] [--page ID] \
     [--runs N] [--scorer score_extraction.py] [--parse-only] [--cli path/to/listen]"
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let mut dataset = None;
    let mut args = Args {
        dataset: PathBuf::new(),
        out: std::env::temp_dir().join("listen-extract-predictions.json"),
        half: None,
        worst: 0,
        page: None,
        runs: 1,
        scorer: None,
        parse_only: false,
        cli: None,
    };
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value\n{}", usage()));
        match a.as_str() {
            "--dataset" => dataset = Some(PathBuf::from(value()?)),
            "--out" => args.out = PathBuf::from(value()?),
            "--half" => {
                args.half = match value()?.as_str() {
                    "even" => Some(0),
                    "odd" => Some(1),
                    v => return Err(format!("--half takes even or odd, not {v}")),
                }
            }
            "--worst" => args.worst = value()?.parse().map_err(|e| format!("--worst: {e}"))?,
            "--page" => args.page = Some(value()?),
            "--runs" => {
                args.runs = value()?
                    .parse::<usize>()
                    .map_err(|e| format!("--runs: {e}"))?
                    .max(1)
            }
            "--scorer" => args.scorer = Some(PathBuf::from(value()?)),
            "--parse-only" => args.parse_only = true,
            "--cli" => args.cli = Some(PathBuf::from(value()?)),
            "-h" | "--help" => return Err(usage().to_string()),
            _ => return Err(format!("unknown argument {a}\n{}", usage())),
        }
    }
    args.dataset = dataset.ok_or(format!("--dataset is required\n{}", usage()))?;
    Ok(args)
}

fn read_gz(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(bytes)
}

/// CPU time of this thread, in milliseconds: unlike wall time, it does not count the time
/// other processes hold the CPU (the figure to trust on a busy machine).
fn thread_cpu_ms() -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own; the clock id is a constant.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    if rc != 0 {
        return f64::NAN;
    }
    ts.tv_sec as f64 * 1000.0 + ts.tv_nsec as f64 / 1e6
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Text of the shingles in `a` missing from `b`, as runs of tokens (to see what went wrong).
fn missing_runs(a: &str, b: &str) -> Vec<String> {
    let ta = metric::tokenize(a);
    let tb = metric::tokenize(b);
    let mut have: std::collections::HashMap<&[&str], usize> = std::collections::HashMap::new();
    for w in tb.windows(metric::NGRAM) {
        *have.entry(w).or_default() += 1;
    }
    let mut runs = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for (i, w) in ta.windows(metric::NGRAM).enumerate() {
        let found = have.get_mut(w).filter(|n| **n > 0);
        match found {
            Some(n) => {
                *n -= 1;
                if !cur.is_empty() {
                    runs.push(cur.join(" "));
                    cur.clear();
                }
            }
            None => {
                if cur.is_empty() {
                    cur.extend_from_slice(w);
                } else {
                    cur.push(ta[i + metric::NGRAM - 1]);
                }
            }
        }
    }
    if !cur.is_empty() {
        runs.push(cur.join(" "));
    }
    runs
}

fn run(args: &Args) -> Result<(), String> {
    let gt_path = args.dataset.join("ground-truth.json");
    let gt_text =
        std::fs::read_to_string(&gt_path).map_err(|e| format!("{}: {e}", gt_path.display()))?;
    let gt: BTreeMap<String, serde_json::Value> =
        serde_json::from_str(&gt_text).map_err(|e| format!("{}: {e}", gt_path.display()))?;
    drop(gt_text);
    let ids: Vec<&String> = gt
        .keys()
        .enumerate()
        .filter(|(i, id)| {
            args.half.is_none_or(|h| i % 2 == h)
                && args
                    .page
                    .as_ref()
                    .is_none_or(|p| id.starts_with(p.as_str()))
        })
        .map(|(_, id)| id)
        .collect();
    if ids.is_empty() {
        return Err("no page selected".into());
    }

    let cli_dir = match &args.cli {
        Some(_) => Some(tempfile::tempdir().map_err(|e| format!("temporary folder: {e}"))?),
        None => None,
    };
    let mut predictions = serde_json::Map::new();
    let mut scores = Vec::new();
    let mut per_page = Vec::new();
    let mut times = Vec::new();
    let mut decode_times = Vec::new();
    let mut cpu_times = Vec::new();
    for id in &ids {
        let path = args.dataset.join("html").join(format!("{id}.html.gz"));
        let bytes = read_gz(&path)?;
        if let Some(dir) = &cli_dir {
            let file = dir.path().join(format!("{id}.html"));
            std::fs::write(&file, &bytes).map_err(|e| format!("{}: {e}", file.display()))?;
        }
        let t0 = Instant::now();
        let text = listen::source::decode::decode(&bytes, None, true);
        decode_times.push(t0.elapsed().as_secs_f64() * 1000.0);
        drop(bytes);
        if args.parse_only {
            let (mut best, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
            for _ in 0..args.runs {
                let t = Instant::now();
                let c = thread_cpu_ms();
                let doc = scraper::Html::parse_document(&text);
                best_cpu = best_cpu.min(thread_cpu_ms() - c);
                best = best.min(t.elapsed().as_secs_f64() * 1000.0);
                drop(doc);
            }
            times.push(best);
            cpu_times.push(best_cpu);
            continue;
        }
        let input = Input::new(&text, Format::Html);
        let mut best = f64::INFINITY;
        let mut best_cpu = f64::INFINITY;
        let mut article = None;
        for _ in 0..args.runs {
            let t = Instant::now();
            let c = thread_cpu_ms();
            let a = extract::extract(&input);
            best_cpu = best_cpu.min(thread_cpu_ms() - c);
            best = best.min(t.elapsed().as_secs_f64() * 1000.0);
            article = Some(a);
        }
        times.push(best);
        cpu_times.push(best_cpu);
        let body = article.map(|a| a.body_text()).unwrap_or_default();
        let truth = gt[*id]["articleBody"].as_str().unwrap_or("");
        let s = metric::score_page(truth, &body);
        scores.push(s);
        per_page.push((id.as_str(), s));
        if args.page.is_some() {
            println!("==== {id} {}", gt[*id]["url"].as_str().unwrap_or(""));
            print!("{}", extract::explain_html(&text));
            println!("---- prediction\n{body}\n");
            println!("---- missing (in truth, not extracted)");
            for r in missing_runs(truth, &body) {
                println!("  - {r}");
            }
            println!("---- extra (extracted, not in truth)");
            for r in missing_runs(&body, truth) {
                println!("  + {r}");
            }
        }
        let mut entry = serde_json::Map::new();
        entry.insert("articleBody".into(), serde_json::Value::String(body));
        predictions.insert((*id).clone(), serde_json::Value::Object(entry));
    }
    if args.parse_only {
        println!(
            "parse only (scraper::Html::parse_document): median {:.3} ms  mean {:.3} ms  (thread CPU: median {:.3} mean {:.3})",
            median(&mut times.clone()),
            times.iter().sum::<f64>() / times.len() as f64,
            median(&mut cpu_times.clone()),
            cpu_times.iter().sum::<f64>() / cpu_times.len() as f64
        );
        return Ok(());
    }
    let json = serde_json::to_string_pretty(&predictions).map_err(|e| e.to_string())?;
    std::fs::write(&args.out, json).map_err(|e| format!("{}: {e}", args.out.display()))?;

    let s = metric::summarize(&scores);
    if args.worst > 0 {
        per_page.sort_by(|a, b| a.1.f1().total_cmp(&b.1.f1()));
        println!("{:<10} {:>6} {:>6} {:>6}  url", "id", "P", "R", "F1");
        for (id, p) in per_page.iter().take(args.worst) {
            println!(
                "{:<10} {:>6.3} {:>6.3} {:>6.3}  {}",
                &id[..10],
                p.precision(),
                p.recall(),
                p.f1(),
                gt[*id]["url"].as_str().unwrap_or("")
            );
        }
    }
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    let decode_mean = decode_times.iter().sum::<f64>() / decode_times.len() as f64;
    println!(
        "pages {}  F1 {:.4}  precision {:.4}  recall {:.4}  accuracy {:.3}  empty {}",
        s.pages, s.f1, s.precision, s.recall, s.accuracy, s.empty
    );
    println!(
        "ms/page (parse+extract): median {:.3}  mean {:.3}  max {:.3}   decode: median {:.3} mean {:.3}",
        median(&mut times.clone()),
        mean,
        times.iter().cloned().fold(0.0, f64::max),
        median(&mut decode_times),
        decode_mean
    );
    println!(
        "thread CPU ms/page (parse+extract): median {:.3}  mean {:.3}",
        median(&mut cpu_times.clone()),
        cpu_times.iter().sum::<f64>() / cpu_times.len() as f64
    );
    match peak_rss_mb() {
        Some(mb) => println!("peak memory (VmHWM): {mb:.1} MB"),
        None => println!("peak memory: unknown (no /proc/self/status)"),
    }
    println!("predictions: {}", args.out.display());

    if let (Some(cli), Some(dir)) = (&args.cli, &cli_dir) {
        compare_with_cli(cli, dir.path(), &predictions)?;
    }

    if let Some(scorer) = &args.scorer {
        let out = std::process::Command::new("python3")
            .arg(scorer)
            .arg(&args.out)
            .arg("--gt")
            .arg(&gt_path)
            .args(["--bootstrap", "0"])
            .output()
            .map_err(|e| format!("python3 {}: {e}", scorer.display()))?;
        println!("python scorer:\n{}", String::from_utf8_lossy(&out.stdout));
        if !out.status.success() {
            return Err(format!(
                "python scorer failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    Ok(())
}

/// Runs `listen text --json` over the saved pages and compares its bodies with ours.
fn compare_with_cli(
    cli: &Path,
    dir: &Path,
    predictions: &serde_json::Map<String, serde_json::Value>,
) -> Result<(), String> {
    let out = std::process::Command::new(cli)
        .args(["text", "--json"])
        .arg(dir)
        .output()
        .map_err(|e| format!("{}: {e}", cli.display()))?;
    let mut same = 0;
    let mut differ = Vec::new();
    let mut seen = 0;
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| format!("listen text --json: {e}: {line}"))?;
        let source = v["source"].as_str().unwrap_or("");
        let Some(id) = Path::new(source)
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let body = v["blocks"]
            .as_array()
            .map(|blocks| {
                blocks
                    .iter()
                    .filter_map(|b| b["text"].as_str())
                    .collect::<Vec<_>>()
                    .join("\n\n")
            })
            .unwrap_or_default();
        seen += 1;
        if predictions[&id]["articleBody"].as_str() == Some(body.as_str()) {
            same += 1;
        } else {
            differ.push(id);
        }
    }
    println!(
        "listen text --json: {same} of {} pages give the same body ({seen} answered){}",
        predictions.len(),
        if differ.is_empty() {
            String::new()
        } else {
            format!("; different: {}", differ.join(" "))
        }
    );
    if same != predictions.len() {
        return Err("listen text --json and the eval disagree".into());
    }
    Ok(())
}

fn main() -> ExitCode {
    // Die quietly when the output pipe closes (`| head`), as command-line tools do.
    // SAFETY: resetting a signal disposition to its default at start-up, before any thread.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    match parse_args().and_then(|a| run(&a)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("extract_eval: {e}");
            ExitCode::FAILURE
        }
    }
}
