//! A private speech stack for live tests: PulseAudio with only a null sink, and a
//! speech-dispatcher (espeak-ng) bound to it, each on a socket in a temporary folder. What is
//! spoken goes to the null sink, where `parecord` records it; nothing reaches real speakers,
//! and a user's own speech-dispatcher is never touched.
//!
//! Facts this relies on (see shared/notes/speech-stack.md): speech-dispatcher only finds a
//! private PulseAudio through `PULSE_SERVER`; it keeps its pid file under `$HOME`/`XDG_RUNTIME_DIR`
//! and may ignore SIGTERM, so it gets its own home and a SIGKILL to its process group; the first
//! record stream after PulseAudio starts delivers no data for over a second, so a warm-up
//! recording comes first.

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Sandbox {
    dir: tempfile::TempDir,
    pulse: Option<Child>,
    speechd: Option<Child>,
    pub pulse_server: String,
    pub speechd_address: String,
}

fn wait_for(what: &str, timeout: Duration, mut ready: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ready() {
        if start.elapsed() > timeout {
            panic!("sandbox: {what} not ready after {timeout:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read /etc/speech-dispatcher") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

impl Sandbox {
    /// Starts the stack. Panics with the reason if a part is missing: the live tests need it
    /// (`scripts/install-deps.sh` installs it).
    pub fn start() -> Sandbox {
        let dir = tempfile::Builder::new()
            .prefix("listen-sandbox-")
            .tempdir()
            .expect("tempdir");
        let root = dir.path().to_path_buf();
        for sub in ["pulse", "home", "run", "log"] {
            std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        }
        let pulse_sock = root.join("pulse.sock");
        let pulse_server = format!("unix:{}", pulse_sock.display());
        let pulse = Command::new("pulseaudio")
            .args([
                "--daemonize=no",
                "--disallow-exit",
                "--exit-idle-time=-1",
                "-n",
                "--use-pid-file=no",
                "--system=no",
                "--disable-shm=yes",
                "-L",
                &format!(
                    "module-native-protocol-unix auth-anonymous=1 socket={}",
                    pulse_sock.display()
                ),
                "-L",
                "module-null-sink sink_name=speech_sink rate=22050 channels=1",
            ])
            .env("HOME", root.join("home"))
            .env("PULSE_RUNTIME_PATH", root.join("pulse"))
            .env("PULSE_STATE_PATH", root.join("pulse"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start pulseaudio (apt install pulseaudio)");
        let mut sandbox = Sandbox {
            speechd_address: format!("unix_socket:{}", root.join("speechd.sock").display()),
            pulse_server,
            pulse: Some(pulse),
            speechd: None,
            dir,
        };
        let server = sandbox.pulse_server.clone();
        wait_for("pulseaudio", Duration::from_secs(10), || {
            Command::new("pactl")
                .args(["-s", &server, "info"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        });

        let conf = root.join("conf");
        copy_dir(Path::new("/etc/speech-dispatcher"), &conf);
        let mut speechd_conf =
            std::fs::read_to_string(conf.join("speechd.conf")).expect("speechd.conf");
        speechd_conf.push_str(&format!(
            "\nAudioOutputMethod \"pulse\"\nAudioPulseServer \"{}\"\nTimeout 0\n\
             AddModule \"espeak-ng\" \"sd_espeak-ng\" \"espeak-ng.conf\"\nDefaultModule espeak-ng\n\
             DefaultLanguage \"en\"\nLogLevel 5\n",
            sandbox.pulse_server
        ));
        std::fs::write(conf.join("speechd.conf"), speechd_conf).expect("write speechd.conf");
        let speechd = Command::new("speech-dispatcher")
            .args([
                "--run-single",
                "--timeout",
                "0",
                "--communication-method",
                "unix_socket",
            ])
            .arg("--config-dir")
            .arg(&conf)
            .arg("--socket-path")
            .arg(root.join("speechd.sock"))
            .arg("--log-dir")
            .arg(root.join("log"))
            .env("PULSE_SERVER", &sandbox.pulse_server)
            .env("HOME", root.join("home"))
            .env("XDG_RUNTIME_DIR", root.join("run"))
            .env("XDG_CACHE_HOME", root.join("home"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start speech-dispatcher (apt install speech-dispatcher)");
        sandbox.speechd = Some(speechd);
        let sock = root.join("speechd.sock");
        wait_for("speech-dispatcher", Duration::from_secs(10), || {
            sock.exists()
        });

        // Warm-up: the first record stream delivers nothing for a while.
        let mut warm = sandbox.record(&root.join("warmup.wav"));
        std::thread::sleep(Duration::from_millis(1800));
        warm.stop();
        sandbox
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// speech-dispatcher logs at level 5 here, so tests can see the settings it passes to its
    /// output module (e.g. `language=fr`).
    pub fn log_dir(&self) -> PathBuf {
        self.dir.path().join("log")
    }

    /// Points a `listen` command at this sandbox's speech-dispatcher.
    pub fn apply(&self, cmd: &mut Command) {
        cmd.env("SPEECHD_ADDRESS", &self.speechd_address);
    }

    /// Starts recording the null sink to `path` (WAV).
    pub fn record(&self, path: &Path) -> Recording {
        let child = Command::new("parecord")
            .args([
                "--latency-msec=50",
                "-d",
                "speech_sink.monitor",
                "--file-format=wav",
            ])
            .arg(path)
            .env("PULSE_SERVER", &self.pulse_server)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start parecord (apt install pulseaudio-utils)");
        Recording {
            child: Some(child),
            path: path.to_path_buf(),
        }
    }

    /// Kills the audio server, as when a sound server crashes mid-article.
    pub fn kill_audio(&mut self) {
        if let Some(mut p) = self.pulse.take() {
            kill_group(&p);
            let _ = p.wait();
        }
    }
}

fn kill_group(child: &Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stderr(Stdio::null())
        .status();
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        for child in [self.speechd.take(), self.pulse.take()]
            .into_iter()
            .flatten()
        {
            let mut child = child;
            kill_group(&child);
            let _ = child.wait();
        }
    }
}

pub struct Recording {
    child: Option<Child>,
    pub path: PathBuf,
}

impl Recording {
    /// Stops recording; parecord finishes the WAV header on SIGINT.
    pub fn stop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = Command::new("kill")
                .args(["-INT", &c.id().to_string()])
                .status();
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(5) {
                if let Ok(Some(_)) = c.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Recording {
    fn drop(&mut self) {
        self.stop();
    }
}

/// What a recording holds.
#[derive(Debug)]
pub struct Audio {
    pub seconds: f64,
    pub rms: f64,
    /// Seconds from the first to the last sound above the noise floor.
    pub speech_span: f64,
    /// Seconds of 50 ms windows that hold sound.
    pub active: f64,
}

pub fn analyse(path: &Path) -> Audio {
    let mut reader = hound::WavReader::open(path).expect("recording is a WAV file");
    let spec = reader.spec();
    let rate = spec.sample_rate as f64 * spec.channels as f64;
    let samples: Vec<f64> = reader
        .samples::<i16>()
        .filter_map(Result::ok)
        .map(|s| s as f64 / 32768.0)
        .collect();
    let seconds = samples.len() as f64 / rate;
    let rms = (samples.iter().map(|s| s * s).sum::<f64>() / samples.len().max(1) as f64).sqrt();
    let window = (rate * 0.05) as usize;
    let loud: Vec<bool> = samples
        .chunks(window.max(1))
        .map(|w| w.iter().any(|s| s.abs() > 0.02))
        .collect();
    let first = loud.iter().position(|&l| l);
    let last = loud.iter().rposition(|&l| l);
    let speech_span = match (first, last) {
        (Some(a), Some(b)) => (b - a + 1) as f64 * 0.05,
        _ => 0.0,
    };
    let active = loud.iter().filter(|&&l| l).count() as f64 * 0.05;
    Audio {
        seconds,
        rms,
        speech_span,
        active,
    }
}
