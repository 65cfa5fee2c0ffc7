//! `listen export`: articles to audio files, without any audio device.
//!
//! Each source goes through the same pipeline as reading aloud (source -> Script, with the same
//! spoken text, language voice and rate), then becomes a [`plan::Plan`] (title first, pauses,
//! chapters at headings), which libespeak-ng renders in process ([`crate::engine::render`]).
//! Beside each audio file: WebVTT subtitles, one cue per sentence, timed from the engine's own
//! events, and chapters (ID3 in MP3; a `.chapters.vtt` file for WAV).
//!
//! Output is one file (`-o story.mp3`) or a folder (`-o podcast/`), which also gets
//! `playlist.m3u` and an RSS `feed.xml` listing every article exported into it.
//!
//! Choices (see the README's "Exporting audio"):
//! - Nothing is ever half written: files are complete or absent (see [`atomic`]).
//! - A rerun skips an article whose files record the same fingerprint (content, voice, rate,
//!   format) and whose audio is intact. Files an earlier export made for the same source are
//!   replaced when stale; any other existing file is kept: in a folder the article gets the next
//!   free name (`-2`), for a single output file the export stops, unless `--force`.
//! - Loading runs on two threads; rendering a batch runs in worker processes, one per core.

pub mod atomic;
pub mod encode;
pub mod feed;
pub mod interrupt;
pub mod mp3;
pub mod names;
pub mod plan;
pub mod subtitles;
pub mod timeline;
pub mod worker;

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::ExportArgs;
use crate::engine::render::Espeak;
use crate::exit_codes::ExitCode;
use crate::pipeline;
use crate::script::Script;
use crate::source::{FetchOptions, Source, SourceError};

use self::encode::Format;
use self::plan::Plan;
use self::subtitles::Marker;
use self::worker::{Event, Failure, Job, Report};

/// Part of every fingerprint: bump it when rendering changes so that reruns render again.
const RENDER_VERSION: &str = "listen-export-1";

/// Where the files go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One article to this audio file.
    File { audio: PathBuf, format: Format },
    /// A folder of articles with a playlist and a feed.
    Folder { dir: PathBuf, format: Format },
}

impl Target {
    /// Reads `-o` and `--format`: an `.mp3` or `.wav` name is a file (one source only), anything
    /// else a folder.
    pub fn resolve(out: &Path, format: Option<Format>, sources: usize) -> Result<Target, String> {
        let ext_format = out
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .filter(|_| !out.is_dir());
        match ext_format {
            Some(f) => {
                if let Some(g) = format.filter(|&g| g != f) {
                    return Err(format!(
                        "--format {} does not match the output file {} (name it .{} or leave out --format)",
                        g.extension(),
                        out.display(),
                        g.extension()
                    ));
                }
                if sources > 1 {
                    return Err(format!(
                        "{sources} sources do not fit in one file ({}): give a folder as -o",
                        out.display()
                    ));
                }
                Ok(Target::File {
                    audio: out.to_path_buf(),
                    format: f,
                })
            }
            None => Ok(Target::Folder {
                dir: out.to_path_buf(),
                format: format.unwrap_or(Format::Mp3),
            }),
        }
    }

    fn format(&self) -> Format {
        match self {
            Target::File { format, .. } | Target::Folder { format, .. } => *format,
        }
    }
}

/// The files of one article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    pub audio: PathBuf,
    pub subtitles: PathBuf,
    pub chapters: Option<PathBuf>,
}

impl Paths {
    pub fn for_audio(audio: &Path, format: Format) -> Paths {
        Paths {
            audio: audio.to_path_buf(),
            subtitles: audio.with_extension("vtt"),
            chapters: (format == Format::Wav).then(|| audio.with_extension("chapters.vtt")),
        }
    }

    pub fn in_folder(dir: &Path, stem: &str, format: Format) -> Paths {
        Paths::for_audio(&dir.join(format!("{stem}.{}", format.extension())), format)
    }

    fn all(&self) -> impl Iterator<Item = &PathBuf> {
        [&self.audio, &self.subtitles]
            .into_iter()
            .chain(self.chapters.as_ref())
    }

    fn any_exists(&self) -> Option<&PathBuf> {
        self.all().find(|p| p.symlink_metadata().is_ok())
    }
}

/// A loaded article, ready to render.
struct Article {
    seq: usize,
    source: Source,
    /// The marker's key: a hash of the source's key.
    key: String,
    plan: Plan,
    /// The voice asked for (`None`: the engine's voice for the language).
    voice: Option<String>,
    fingerprint: String,
}

impl Article {
    /// The title to name files and feed items by: the article's, else its source's last part.
    fn title(&self) -> String {
        self.plan
            .title
            .clone()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| fallback_title(&self.source))
    }
}

/// What to do with an article.
enum Decision {
    UpToDate(Paths),
    Render(Box<Job>),
    Refuse(String),
}

pub fn run(args: &ExportArgs) -> ExitCode {
    let started = Instant::now();
    let exported = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let sources = pipeline::sources(&args.sources);
    let target = match Target::resolve(&args.output, args.format, sources.len()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("listen: {e}");
            return ExitCode::Usage;
        }
    };
    if let Some(url) = args
        .base_url
        .as_ref()
        .filter(|u| !(u.starts_with("https://") || u.starts_with("http://")))
    {
        eprintln!(
            "listen: --base-url {url}: not an http(s) URL (e.g. https://example.org/podcast/)"
        );
        return ExitCode::Usage;
    }
    let dir = match &target {
        Target::Folder { dir, .. } => dir.clone(),
        Target::File { audio, .. } => audio
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        let why = match &target {
            Target::Folder { .. } if dir.is_file() => {
                "it is a file (-o is a folder unless its name ends in .mp3 or .wav)".to_string()
            }
            _ => e.to_string(),
        };
        eprintln!("listen: cannot create the folder {}: {why}", dir.display());
        return ExitCode::Usage;
    }
    atomic::sweep(&dir);

    let ui = Ui::new(args.quiet);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parallel = args.jobs.map_or(cores, usize::from).max(1);

    // 1. Sources -> plans, with the same pronunciation lexicon as reading aloud.
    let fetch = args.common.fetch_options();
    let lang = args.common.lang_override();
    let lexicon = match args.common.lexicon() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("listen: {e:#}");
            return ExitCode::Usage;
        }
    };
    let total = sources.len();
    ui.bar.set_style(spinner_style());
    ui.bar.set_message(format!("reading 0/{total}"));
    let read = AtomicUsize::new(0);
    let loaded = load_all(
        sources,
        &fetch,
        lang.as_deref(),
        lexicon.as_ref(),
        parallel.min(2),
        &|| {
            let n = read.fetch_add(1, Ordering::Relaxed) + 1;
            ui.bar.set_message(format!("reading {n}/{total}"));
            ui.bar.tick();
        },
    );
    let mut code = ExitCode::Success;
    let format = target.format();
    let mut articles = Vec::new();
    for (seq, (source, result)) in loaded.into_iter().enumerate() {
        match result {
            Ok(script) => articles.push(article(seq, source, &script, args, format)),
            Err(e) => {
                ui.error(&format!("{source}: {e}"));
                code = code.merge(ExitCode::SomeFailed);
            }
        }
    }

    // 2. Plans -> decisions (names, up to date, refusals).
    let decisions = decide(&target, &articles, args, exported);
    let mut jobs = Vec::new();
    let mut up_to_date = 0;
    for (a, d) in articles.iter().zip(decisions) {
        match d {
            Decision::UpToDate(paths) => {
                up_to_date += 1;
                ui.line(&format!("Up to date: {}", paths.audio.display()));
            }
            Decision::Refuse(msg) => {
                ui.error(&format!("{}: {msg}", a.source));
                code = code.merge(ExitCode::SomeFailed);
            }
            Decision::Render(job) => jobs.push(*job),
        }
    }

    // 3. Render. From here on Ctrl-C stops cleanly (before, nothing is being written and the
    // default action, ending the process, is right).
    interrupt::install();
    let outcome = render_all(jobs, parallel, &ui);
    code = code.merge(outcome.code);

    // 4. Playlist and feed.
    if let Target::Folder { dir, .. } = &target {
        code = code.merge(write_index(dir, args, exported, &ui));
    }

    ui.bar.finish_and_clear();
    if !args.quiet {
        let elapsed = started.elapsed().as_secs_f64();
        let mut summary = format!(
            "Exported {} article{} ({} of audio) in {:.2} s",
            outcome.done,
            if outcome.done == 1 { "" } else { "s" },
            feed::hms(outcome.seconds),
            elapsed
        );
        if outcome.seconds > 0.0 && elapsed > 0.0 {
            summary.push_str(&format!(", {:.0}x real time", outcome.seconds / elapsed));
        }
        if up_to_date > 0 {
            summary.push_str(&format!("; {up_to_date} up to date"));
        }
        if outcome.failed > 0 {
            summary.push_str(&format!("; {} failed", outcome.failed));
        }
        eprintln!("{summary}");
    }
    if interrupt::interrupted() {
        eprintln!(
            "listen: interrupted: {} article{} not exported (run the same command again to finish; \
             finished articles are kept)",
            outcome.interrupted,
            if outcome.interrupted == 1 {
                " was"
            } else {
                "s were"
            }
        );
        code = code.merge(ExitCode::Interrupted);
    }
    code
}

fn article(
    seq: usize,
    source: Source,
    script: &Script,
    args: &ExportArgs,
    format: Format,
) -> Article {
    let plan = Plan::from_script(script);
    let plan_json = serde_json::to_vec(&plan).unwrap_or_default();
    let voice = args.voice_for(&plan.lang).map(str::to_string);
    let fingerprint = plan::fingerprint(&[
        RENDER_VERSION.as_bytes(),
        &plan_json,
        voice.as_deref().unwrap_or("").as_bytes(),
        format!("{:.3}", args.rate()).as_bytes(),
        format.extension().as_bytes(),
    ]);
    Article {
        seq,
        // Standard input has no name of its own: its articles are told apart by title.
        key: match &source {
            Source::Stdin => {
                plan::fingerprint(&[b"stdin", plan.title.as_deref().unwrap_or("").as_bytes()])
            }
            _ => plan::fingerprint(&[b"source", source.key().as_bytes()]),
        },
        source,
        plan,
        voice,
        fingerprint,
    }
}

/// A source and its script, or why it has none.
type Loaded = (Source, Result<Script, String>);

/// Loads every source on `threads` threads (each with its own small runtime: extraction is
/// CPU work). Results are in the sources' order.
fn load_all(
    sources: Vec<Result<Source, (Source, SourceError)>>,
    fetch: &FetchOptions,
    lang: Option<&str>,
    lexicon: Option<&crate::speech::Lexicon>,
    threads: usize,
    on_done: &(dyn Fn() + Sync),
) -> Vec<Loaded> {
    let n = sources.len();
    let inputs: Vec<Mutex<Option<_>>> = sources.into_iter().map(|s| Mutex::new(Some(s))).collect();
    let outputs: Vec<Mutex<Option<Loaded>>> = (0..n).map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..threads.clamp(1, n.max(1)) {
            s.spawn(|| {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= n {
                        break;
                    }
                    let Some(item) = inputs[i].lock().ok().and_then(|mut g| g.take()) else {
                        continue;
                    };
                    let result = match item {
                        Ok(source) => {
                            let r = match &rt {
                                Ok(rt) => rt
                                    .block_on(pipeline::load_script_with(
                                        &source, fetch, lang, lexicon,
                                    ))
                                    .map_err(|e| e.to_string()),
                                Err(e) => Err(format!("cannot start the runtime: {e}")),
                            };
                            (source, r)
                        }
                        Err((source, e)) => (source, Err(e.to_string())),
                    };
                    if let Ok(mut slot) = outputs[i].lock() {
                        *slot = Some(result);
                    }
                    on_done();
                }
            });
        }
    });
    outputs
        .into_iter()
        .filter_map(|m| m.into_inner().ok().flatten())
        .collect()
}

/// A name for an article without a title: its file's or URL's last part.
fn fallback_title(source: &Source) -> String {
    let raw = match source {
        Source::File(p) => p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        Source::Url(u) => u
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_end_matches('/')
            .rsplit('/')
            .next()
            .unwrap_or("")
            .to_string(),
        Source::Stdin => String::new(),
    };
    if raw.trim().is_empty() {
        names::FALLBACK.to_string()
    } else {
        raw
    }
}

/// Names every article's files and decides which to render.
fn decide(
    target: &Target,
    articles: &[Article],
    args: &ExportArgs,
    exported: u64,
) -> Vec<Decision> {
    let format = target.format();
    match target {
        Target::File { audio, .. } => articles
            .iter()
            .map(|a| {
                let paths = Paths::for_audio(audio, format);
                let marker = subtitles::read_marker(&paths.subtitles);
                decide_one(a, paths, format, marker.as_ref(), args, exported)
            })
            .collect(),
        Target::Folder { dir, .. } => {
            let existing = existing_markers(dir);
            let by_key: HashMap<&str, &str> = existing
                .iter()
                .map(|(stem, m)| (m.key.as_str(), stem.as_str()))
                .collect();
            let mut taken: HashSet<String> = HashSet::new();
            articles
                .iter()
                .map(|a| {
                    let stem = match by_key.get(a.key.as_str()) {
                        Some(stem) if !taken.contains(*stem) => stem.to_string(),
                        _ => names::unique(&names::slug(&a.title()), |c| {
                            !taken.contains(c)
                                && (args.force
                                    || existing.get(c).is_some_and(|m| m.key == a.key)
                                    || Paths::in_folder(dir, c, format).any_exists().is_none())
                        }),
                    };
                    taken.insert(stem.clone());
                    let paths = Paths::in_folder(dir, &stem, format);
                    decide_one(a, paths, format, existing.get(&stem), args, exported)
                })
                .collect()
        }
    }
}

fn decide_one(
    a: &Article,
    paths: Paths,
    format: Format,
    marker: Option<&Marker>,
    args: &ExportArgs,
    exported: u64,
) -> Decision {
    let ours = marker.is_some_and(|m| m.key == a.key);
    let audio_name = paths
        .audio
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(m) = marker.filter(|_| ours && !args.force) {
        let intact = std::fs::metadata(&paths.audio).is_ok_and(|md| md.len() == m.audio_bytes);
        if m.fingerprint == a.fingerprint && m.audio == audio_name && intact {
            return Decision::UpToDate(paths);
        }
    }
    if let Some(p) = paths.any_exists().filter(|_| !ours && !args.force) {
        return Decision::Refuse(format!(
            "{} already exists and was not made by listen export for this source \
             (use --force to overwrite, or another -o)",
            p.display()
        ));
    }
    let title = a.title();
    let description = [&a.plan.byline, &a.plan.site_name, &a.plan.published]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .chain(match &a.source {
            Source::Url(u) => Some(u.as_str()),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let marker = Marker {
        key: a.key.clone(),
        source: a.source.to_string(),
        fingerprint: a.fingerprint.clone(),
        audio: audio_name,
        audio_bytes: 0,
        duration: 0.0,
        title,
        description: Some(description).filter(|d| !d.is_empty()),
        lang: a.plan.lang.clone(),
        link: match &a.source {
            Source::Url(u) => Some(u.clone()),
            _ => None,
        },
        exported,
        seq: a.seq,
    };
    Decision::Render(Box::new(Job {
        id: a.seq,
        plan: a.plan.clone(),
        voice: a.voice.clone(),
        voice_fallback: args.voice.is_none(),
        split_mp3: false,
        rate: args.rate(),
        format,
        audio: paths.audio,
        subtitles: paths.subtitles,
        chapters: paths.chapters,
        marker,
    }))
}

/// The markers of the articles exported into `dir`, by file stem.
fn existing_markers(dir: &Path) -> HashMap<String, Marker> {
    let mut out = HashMap::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".vtt") else {
            continue;
        };
        if stem.ends_with(".chapters") || stem.starts_with('.') {
            continue;
        }
        if let Some(m) = subtitles::read_marker(&e.path()) {
            out.insert(stem.to_string(), m);
        }
    }
    out
}

struct Outcome {
    code: ExitCode,
    done: usize,
    failed: usize,
    interrupted: usize,
    seconds: f64,
}

/// Renders the jobs: in this process when there is one (or one core), else in worker
/// processes.
fn render_all(jobs: Vec<Job>, parallel: usize, ui: &Ui) -> Outcome {
    let total = jobs.len();
    let estimate: HashMap<usize, f64> = jobs
        .iter()
        .map(|j| (j.id, j.plan.estimated_seconds(j.rate)))
        .collect();
    let by_id: HashMap<usize, (String, PathBuf)> = jobs
        .iter()
        .map(|j| (j.id, (j.marker.source.clone(), j.audio.clone())))
        .collect();
    ui.bar.set_style(bar_style());
    ui.bar
        .set_length(estimate.values().sum::<f64>().round() as u64);
    ui.bar.set_position(0);
    ui.bar.set_message(format!("0/{total} articles"));

    struct State {
        reported: HashMap<usize, f64>,
        finished: usize,
        outcome: Outcome,
    }
    let state = Mutex::new(State {
        reported: HashMap::new(),
        finished: 0,
        outcome: Outcome {
            code: ExitCode::Success,
            done: 0,
            failed: 0,
            interrupted: 0,
            seconds: 0.0,
        },
    });
    let on_event = |ev: Event| {
        let Ok(mut st) = state.lock() else { return };
        match ev {
            Event::Progress { id, seconds } => {
                let before = st.reported.insert(id, seconds).unwrap_or(0.0);
                ui.bar.inc((seconds - before).max(0.0).round() as u64);
            }
            Event::Finished { id, result } => {
                let before = st.reported.remove(&id).unwrap_or(0.0);
                st.finished += 1;
                let (source, audio) = by_id.get(&id).cloned().unwrap_or_default();
                match result {
                    Ok(report) => {
                        let est = estimate.get(&id).copied().unwrap_or(0.0);
                        let len = ui.bar.length().unwrap_or(0) as f64 + report.duration - est;
                        ui.bar.set_length(len.max(0.0).round() as u64);
                        ui.bar
                            .inc((report.duration - before).max(0.0).round() as u64);
                        st.outcome.done += 1;
                        st.outcome.seconds += report.duration;
                        ui.line(&describe(&audio, &report));
                    }
                    Err(f) if f.interrupted => st.outcome.interrupted += 1,
                    Err(f) => {
                        st.outcome.failed += 1;
                        st.outcome.code = st.outcome.code.merge(if f.engine {
                            ExitCode::EngineFailure
                        } else {
                            ExitCode::SomeFailed
                        });
                        ui.error(&format!("{source}: {}", f.message));
                    }
                }
                let n = st.finished;
                ui.bar.set_message(format!("{n}/{total} articles"));
            }
        }
    };

    let workers = parallel.min(total);
    let exe = std::env::current_exe().ok();
    match exe {
        Some(exe) if workers > 1 => {
            // Longest first, so that no worker is left alone with a long article at the end.
            let mut jobs = jobs;
            jobs.sort_by(|a, b| {
                let e = |j: &Job| estimate.get(&j.id).copied().unwrap_or(0.0);
                e(b).total_cmp(&e(a))
            });
            worker::run_pool(&exe, workers, jobs, &on_event)
        }
        _ => render_here(jobs, &on_event),
    }
    state.into_inner().map(|s| s.outcome).unwrap_or(Outcome {
        code: ExitCode::EngineFailure,
        done: 0,
        failed: total,
        interrupted: 0,
        seconds: 0.0,
    })
}

/// Renders jobs one after another in this process.
fn render_here(jobs: Vec<Job>, on_event: &(dyn Fn(Event) + Sync)) {
    if jobs.is_empty() {
        // Everything is up to date: no need to start libespeak-ng.
        return;
    }
    let mut engine = match Espeak::new() {
        Ok(e) => e,
        Err(e) => {
            for j in jobs {
                on_event(Event::Finished {
                    id: j.id,
                    result: Err(Failure {
                        message: e.to_string(),
                        engine: true,
                        interrupted: false,
                    }),
                });
            }
            return;
        }
    };
    for mut job in jobs {
        // A core is free while this process renders: let MP3 encoding use it.
        job.split_mp3 = true;
        if interrupt::interrupted() {
            on_event(Event::Finished {
                id: job.id,
                result: Err(Failure::interrupted()),
            });
            continue;
        }
        let mut last = Instant::now();
        let result = worker::run_job(&mut engine, &job, &mut |seconds| {
            if last.elapsed() > Duration::from_millis(50) {
                last = Instant::now();
                on_event(Event::Progress {
                    id: job.id,
                    seconds,
                });
            }
            !interrupt::interrupted()
        });
        on_event(Event::Finished { id: job.id, result });
    }
}

fn describe(audio: &Path, r: &Report) -> String {
    let size = if r.audio_bytes >= 1_000_000 {
        format!("{:.1} MB", r.audio_bytes as f64 / 1e6)
    } else {
        format!("{} kB", r.audio_bytes.div_ceil(1000))
    };
    let mut s = format!(
        "Wrote {} ({}, {size}, {} sentence{}",
        audio.display(),
        feed::hms(r.duration),
        r.cues,
        if r.cues == 1 { "" } else { "s" }
    );
    if r.chapters > 0 {
        s.push_str(&format!(", {} chapters", r.chapters));
    }
    s.push(')');
    s
}

/// Writes the folder's playlist and feed from every article exported into it.
fn write_index(dir: &Path, args: &ExportArgs, now: u64, ui: &Ui) -> ExitCode {
    let mut newest: HashMap<String, Marker> = HashMap::new();
    for (_, m) in existing_markers(dir) {
        let intact =
            std::fs::metadata(dir.join(&m.audio)).is_ok_and(|md| md.len() == m.audio_bytes);
        if !intact || m.audio.contains(['/', '\\']) {
            continue;
        }
        match newest.get(&m.key) {
            Some(old) if (old.exported, old.seq) >= (m.exported, m.seq) => {}
            _ => {
                newest.insert(m.key.clone(), m);
            }
        }
    }
    let mut items: Vec<feed::Item> = newest
        .into_values()
        .map(|marker| {
            let mime = Path::new(&marker.audio)
                .extension()
                .and_then(|e| e.to_str())
                .and_then(Format::from_extension)
                .unwrap_or(Format::Mp3)
                .mime();
            feed::Item { marker, mime }
        })
        .collect();
    items.sort_by(|a, b| {
        (a.marker.exported, a.marker.seq, &a.marker.audio).cmp(&(
            b.marker.exported,
            b.marker.seq,
            &b.marker.audio,
        ))
    });
    // canonicalize resolves `-o ..` and `-o .` to a folder with a name.
    let folder_name = std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .ok()
        .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "listen".to_string());
    let channel = feed::Channel {
        title: &folder_name,
        base_url: args.base_url.as_deref(),
    };
    let mut code = ExitCode::Success;
    for (name, content, mark) in [
        (
            feed::PLAYLIST,
            feed::m3u(&folder_name, &items),
            feed::PLAYLIST_MARK,
        ),
        (
            feed::FEED,
            feed::rss(&channel, &items, now),
            feed::GENERATOR,
        ),
    ] {
        let path = dir.join(name);
        // Ours if it carries our mark; a file that cannot be read is not known to be ours.
        let foreign = match std::fs::read_to_string(&path) {
            Ok(old) => !old.contains(mark),
            Err(e) => e.kind() != std::io::ErrorKind::NotFound,
        };
        if foreign && !args.force {
            ui.error(&format!(
                "{} already exists and was not made by listen export: not replaced (use --force)",
                path.display()
            ));
            code = code.merge(ExitCode::SomeFailed);
            continue;
        }
        if let Err(e) = atomic::write(&path, content.as_bytes()) {
            ui.error(&format!("cannot write {}: {e}", path.display()));
            code = code.merge(ExitCode::SomeFailed);
        }
    }
    if args.base_url.is_none() && !items.is_empty() {
        ui.line(&format!(
            "Note: {} links to the audio files relatively; to serve the folder as a podcast, \
             give the URL it will have with --base-url",
            dir.join(feed::FEED).display()
        ));
    }
    code
}

/// The progress bar (hidden when standard error is not a terminal) and messages around it.
struct Ui {
    bar: ProgressBar,
    quiet: bool,
}

impl Ui {
    fn new(quiet: bool) -> Ui {
        let bar = if quiet {
            ProgressBar::hidden()
        } else {
            ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
        };
        bar.enable_steady_tick(Duration::from_millis(120));
        Ui { bar, quiet }
    }

    fn line(&self, msg: &str) {
        if !self.quiet {
            self.bar.suspend(|| eprintln!("{msg}"));
        }
    }

    fn error(&self, msg: &str) {
        self.bar.suspend(|| eprintln!("listen: {msg}"));
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn bar_style() -> ProgressStyle {
    ProgressStyle::with_template(
        "{spinner} {msg} [{bar:30}] {pos}/{len} s of audio, {elapsed_precise} elapsed",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets() {
        let t = Target::resolve(Path::new("a/b.MP3"), None, 1).expect("file");
        assert_eq!(
            t,
            Target::File {
                audio: "a/b.MP3".into(),
                format: Format::Mp3
            }
        );
        assert!(Target::resolve(Path::new("b.mp3"), Some(Format::Wav), 1).is_err());
        assert!(Target::resolve(Path::new("b.wav"), None, 2).is_err());
        assert_eq!(
            Target::resolve(Path::new("pod"), None, 3).expect("folder"),
            Target::Folder {
                dir: "pod".into(),
                format: Format::Mp3
            }
        );
        assert_eq!(
            Target::resolve(Path::new("pod.d"), Some(Format::Wav), 1).expect("folder"),
            Target::Folder {
                dir: "pod.d".into(),
                format: Format::Wav
            }
        );
    }

    #[test]
    fn paths() {
        let p = Paths::in_folder(Path::new("out"), "a-b", Format::Wav);
        assert_eq!(p.audio, PathBuf::from("out/a-b.wav"));
        assert_eq!(p.subtitles, PathBuf::from("out/a-b.vtt"));
        assert_eq!(p.chapters, Some(PathBuf::from("out/a-b.chapters.vtt")));
        assert_eq!(
            Paths::for_audio(Path::new("x.mp3"), Format::Mp3).chapters,
            None
        );
    }

    #[test]
    fn fallback_titles() {
        assert_eq!(fallback_title(&Source::File("a/notes.txt".into())), "notes");
        assert_eq!(
            fallback_title(&Source::Url("https://x.org/news/story/?a=1".into())),
            "story"
        );
        assert_eq!(fallback_title(&Source::Stdin), "article");
    }
}
