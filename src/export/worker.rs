//! Rendering one article to its files (a [`Job`]), in this process or in worker processes.
//!
//! libespeak-ng renders one thing at a time per process, so a batch uses every core by running
//! `listen render-worker` processes (hidden subcommand), each with its own libespeak-ng. They
//! take jobs as JSON lines on standard input and answer with progress and a result per job on
//! standard output. On Linux a worker dies with its parent, and what it was writing vanishes
//! with it (see `atomic`).

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::{Deserialize, Serialize};

use crate::engine::render::{Espeak, RenderError, Renderer};
use crate::exit_codes::ExitCode;

use super::atomic::{self, AtomicFile};
use super::encode::{Encoder, Format, Tags};
use super::interrupt;
use super::plan::Plan;
use super::subtitles::{self, Marker};
use super::timeline::{self, TimelineError};

/// One article to render, and where its files go.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Job {
    pub id: usize,
    pub plan: Plan,
    pub voice: Option<String>,
    /// The voice is a preference (from the configuration file, shared with the live engine):
    /// if espeak-ng does not have it, use its voice for the language.
    #[serde(default)]
    pub voice_fallback: bool,
    pub rate: f64,
    pub format: Format,
    /// Encode MP3 on two threads (when a core is free: not in a pool of workers).
    #[serde(default)]
    pub split_mp3: bool,
    pub audio: PathBuf,
    pub subtitles: PathBuf,
    /// The chapters file, for formats without chapter tags (WAV).
    pub chapters: Option<PathBuf>,
    /// What the subtitles file will record (size and duration are filled in).
    pub marker: Marker,
}

/// What a finished job made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub duration: f64,
    pub audio_bytes: u64,
    pub cues: usize,
    pub chapters: usize,
    pub voice: String,
}

/// Why a job failed: a message, and whether the speech engine was the cause.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Failure {
    pub message: String,
    pub engine: bool,
    /// Stopped by Ctrl-C (not a failure of the article).
    #[serde(default)]
    pub interrupted: bool,
}

impl Failure {
    fn io(path: &Path, e: std::io::Error) -> Failure {
        Failure {
            message: format!("cannot write {}: {e}", path.display()),
            engine: false,
            interrupted: false,
        }
    }

    fn render(e: RenderError) -> Failure {
        Failure {
            message: e.to_string(),
            engine: true,
            interrupted: false,
        }
    }

    pub fn interrupted() -> Failure {
        Failure {
            message: "interrupted".into(),
            engine: false,
            interrupted: true,
        }
    }
}

/// Renders a job with `renderer`. `progress` gets the seconds of audio rendered so far, and
/// stops the job by returning `false`. The
/// files appear only when complete: the chapters and subtitles first, the audio last (a rerun
/// re-renders an article whose audio does not match its subtitles' record).
pub fn run_job(
    renderer: &mut dyn Renderer,
    job: &Job,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Report, Failure> {
    let voice = match renderer.set_voice(&job.plan.lang, job.voice.as_deref()) {
        Err(RenderError::NoSuchVoice { .. }) if job.voice_fallback => {
            renderer.set_voice(&job.plan.lang, None)
        }
        r => r,
    }
    .map_err(Failure::render)?;
    renderer.set_rate(job.rate).map_err(Failure::render)?;
    let sample_rate = renderer.sample_rate();

    let audio = AtomicFile::create(&job.audio).map_err(|e| Failure::io(&job.audio, e))?;
    let expected = job
        .split_mp3
        .then(|| (job.plan.estimated_seconds(job.rate) * f64::from(sample_rate)) as u64);
    let mut encoder = Encoder::new(job.format, sample_rate, audio.file(), expected)
        .map_err(|e| Failure::io(&job.audio, e))?;
    let sr = f64::from(sample_rate.max(1));
    let timeline = timeline::render(renderer, &job.plan, job.rate, &mut encoder, &mut |s| {
        progress(s as f64 / sr)
    })
    .map_err(|e| match e {
        TimelineError::Render(e) => Failure::render(e),
        TimelineError::Io(e) => Failure::io(&job.audio, e),
        TimelineError::Stopped => Failure::interrupted(),
    })?;
    let tags = Tags {
        title: job.plan.title.clone(),
        artist: job
            .plan
            .byline
            .clone()
            .or_else(|| job.plan.site_name.clone()),
        album: job.plan.site_name.clone(),
        source: job
            .marker
            .link
            .clone()
            .unwrap_or_else(|| job.marker.key.clone()),
    };
    let audio_bytes = encoder
        .finish(&timeline, &tags)
        .map_err(|e| Failure::io(&job.audio, e))?;

    if let Some(path) = &job.chapters {
        if timeline.chapters.is_empty() {
            // An earlier export of this article may have left one.
            let _ = std::fs::remove_file(path);
        } else {
            atomic::write(path, subtitles::chapters_webvtt(&timeline).as_bytes())
                .map_err(|e| Failure::io(path, e))?;
        }
    }
    let mut marker = job.marker.clone();
    marker.audio_bytes = audio_bytes;
    marker.duration = timeline.duration();
    atomic::write(
        &job.subtitles,
        subtitles::webvtt(&timeline, &marker).as_bytes(),
    )
    .map_err(|e| Failure::io(&job.subtitles, e))?;
    audio.commit().map_err(|e| Failure::io(&job.audio, e))?;
    Ok(Report {
        duration: timeline.duration(),
        audio_bytes,
        cues: timeline.cues.len(),
        chapters: timeline.chapters.len(),
        voice,
    })
}

/// A worker's message to the parent, one JSON line each.
#[derive(Debug, Serialize, Deserialize)]
enum Message {
    /// Seconds of audio rendered so far in job `id`.
    Progress {
        id: usize,
        seconds: f64,
    },
    Done {
        id: usize,
        report: Report,
    },
    Failed {
        id: usize,
        failure: Failure,
    },
}

/// Seconds of audio between two progress messages.
const PROGRESS_STEP: f64 = 20.0;

/// `listen render-worker`: renders the jobs read from standard input until it closes.
pub fn serve() -> ExitCode {
    die_with_parent();
    interrupt::ignore_ctrl_c();
    let mut engine: Option<Result<Espeak, RenderError>> = None;
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { break };
        if line.trim().is_empty() {
            continue;
        }
        let job: Job = match serde_json::from_str(&line) {
            Ok(j) => j,
            Err(e) => {
                eprintln!("listen render-worker: bad job: {e}");
                return ExitCode::Usage;
            }
        };
        let renderer = engine.get_or_insert_with(Espeak::new);
        let result = match renderer {
            Ok(r) => {
                let mut reported = 0.0;
                run_job(r, &job, &mut |seconds| {
                    if seconds - reported >= PROGRESS_STEP {
                        reported = seconds;
                        send(
                            &stdout,
                            &Message::Progress {
                                id: job.id,
                                seconds,
                            },
                        );
                    }
                    true
                })
            }
            Err(e) => Err(Failure::render(e.clone())),
        };
        let msg = match result {
            Ok(report) => Message::Done { id: job.id, report },
            Err(failure) => Message::Failed {
                id: job.id,
                failure,
            },
        };
        if !send(&stdout, &msg) {
            break;
        }
    }
    ExitCode::Success
}

fn send(stdout: &std::io::Stdout, msg: &Message) -> bool {
    let Ok(line) = serde_json::to_string(msg) else {
        return false;
    };
    let mut out = stdout.lock();
    writeln!(out, "{line}").and_then(|()| out.flush()).is_ok()
}

/// On Linux, asks the kernel to kill this worker when its parent dies, so that an interrupted
/// export stops at once (and its unfinished files vanish).
fn die_with_parent() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_PDEATHSIG takes a signal number; getppid has no arguments.
    unsafe {
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
        if libc::getppid() == 1 {
            // The parent died before the call above.
            std::process::exit(1);
        }
    }
}

/// What the pool reports to the caller (from its threads).
pub enum Event {
    /// Seconds of audio rendered so far in job `id`.
    Progress { id: usize, seconds: f64 },
    Finished {
        id: usize,
        result: Result<Report, Failure>,
    },
}

struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Worker {
    fn pid(&self) -> u32 {
        self.child.id()
    }

    fn spawn(exe: &Path) -> std::io::Result<Worker> {
        let mut child = Command::new(exe)
            .arg("render-worker")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()?;
        let (Some(stdin), Some(stdout)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(std::io::Error::other("no pipes to the worker"));
        };
        Ok(Worker {
            child,
            stdin,
            stdout: BufReader::new(stdout),
        })
    }

    /// Runs one job; `Err` when the worker itself failed (it is then dead).
    fn run(&mut self, job: &Job, events: &(dyn Fn(Event) + Sync)) -> Result<(), String> {
        let line = serde_json::to_string(job).map_err(|e| e.to_string())?;
        writeln!(self.stdin, "{line}")
            .and_then(|()| self.stdin.flush())
            .map_err(|e| format!("cannot send work to the render worker: {e}"))?;
        let mut buf = String::new();
        loop {
            buf.clear();
            match self.stdout.read_line(&mut buf) {
                Ok(0) | Err(_) => {
                    let status = self.child.wait().map(|s| s.to_string()).unwrap_or_default();
                    return Err(format!("the render worker stopped unexpectedly ({status})"));
                }
                Ok(_) => {}
            }
            match serde_json::from_str::<Message>(&buf) {
                Ok(Message::Progress { id, seconds }) => events(Event::Progress { id, seconds }),
                Ok(Message::Done { id, report }) => {
                    events(Event::Finished {
                        id,
                        result: Ok(report),
                    });
                    return Ok(());
                }
                Ok(Message::Failed { id, failure }) => {
                    events(Event::Finished {
                        id,
                        result: Err(failure),
                    });
                    return Ok(());
                }
                Err(e) => return Err(format!("bad message from the render worker: {e}")),
            }
        }
    }

    fn close(mut self) {
        drop(self.stdin);
        let _ = self.child.wait();
    }

    fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Renders `jobs` in `workers` processes of `exe`, handing each the next job when it is done.
/// Every job ends with one `Event::Finished`.
pub fn run_pool(exe: &Path, workers: usize, jobs: Vec<Job>, events: &(dyn Fn(Event) + Sync)) {
    let queue = Mutex::new(VecDeque::from(jobs));
    let start_error: Mutex<Option<String>> = Mutex::new(None);
    // Live workers' process ids, for the watcher that kills them on Ctrl-C.
    let pids: Mutex<Vec<u32>> = Mutex::new(Vec::new());
    let running = AtomicUsize::new(workers.max(1));
    let lock = |q: &Mutex<VecDeque<Job>>| q.lock().unwrap_or_else(|e| e.into_inner()).pop_front();
    std::thread::scope(|s| {
        s.spawn(|| {
            while running.load(Ordering::SeqCst) > 0 {
                if interrupt::interrupted() {
                    // The jobs not started end here, each with its event (the summary counts
                    // them as not exported).
                    let left: Vec<Job> = queue
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .drain(..)
                        .collect();
                    for job in left {
                        events(Event::Finished {
                            id: job.id,
                            result: Err(Failure::interrupted()),
                        });
                    }
                    for &pid in pids.lock().unwrap_or_else(|e| e.into_inner()).iter() {
                        kill(pid);
                    }
                }
                std::thread::sleep(std::time::Duration::from_millis(30));
            }
        });
        for _ in 0..workers.max(1) {
            s.spawn(|| {
                let mut worker: Option<Worker> = None;
                while let Some(job) = lock(&queue) {
                    if worker.is_none() {
                        match Worker::spawn(exe) {
                            Ok(w) => {
                                pids.lock().unwrap_or_else(|e| e.into_inner()).push(w.pid());
                                worker = Some(w);
                            }
                            Err(e) => {
                                // Leave the job to the other workers, if any start.
                                queue
                                    .lock()
                                    .unwrap_or_else(|e| e.into_inner())
                                    .push_front(job);
                                *start_error.lock().unwrap_or_else(|e| e.into_inner()) =
                                    Some(format!(
                                        "cannot start a render worker ({}): {e}",
                                        exe.display()
                                    ));
                                break;
                            }
                        }
                    }
                    let Some(w) = worker.as_mut() else { break };
                    if let Err(message) = w.run(&job, events) {
                        if let Some(w) = worker.take() {
                            forget_pid(&pids, w.pid());
                            w.kill();
                        }
                        let failure = if interrupt::interrupted() {
                            Failure::interrupted()
                        } else {
                            Failure {
                                message,
                                engine: true,
                                interrupted: false,
                            }
                        };
                        events(Event::Finished {
                            id: job.id,
                            result: Err(failure),
                        });
                    }
                }
                if let Some(w) = worker {
                    forget_pid(&pids, w.pid());
                    w.close();
                }
                running.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    let message = start_error
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .unwrap_or_else(|| "no render worker could be started".into());
    for job in queue.into_inner().unwrap_or_else(|e| e.into_inner()) {
        events(Event::Finished {
            id: job.id,
            result: Err(Failure {
                message: message.clone(),
                engine: true,
                interrupted: false,
            }),
        });
    }
}

fn forget_pid(pids: &Mutex<Vec<u32>>, pid: u32) {
    pids.lock()
        .unwrap_or_else(|e| e.into_inner())
        .retain(|&p| p != pid);
}

fn kill(pid: u32) {
    #[cfg(unix)]
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: sends SIGKILL to a worker process we started and have not reaped.
        unsafe {
            libc::kill(pid, libc::SIGKILL);
        }
    }
}
