//! The command line, as clap types, and how an option resolves against the configuration file
//! (flag, else file, else default: [`CommonArgs::fetch_options`], `rate()`, `voice_for()`).

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::config::Config;

/// Reads articles aloud: web pages, saved HTML, text and Markdown files.
///
/// listen finds the article in a page (leaving out menus, ads, teasers and comments), splits it
/// into sentences, makes each one speakable, and reads it through the system's speech engine
/// (speech-dispatcher on Linux).
#[derive(Debug, Parser)]
#[command(
    name = "listen",
    version,
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true,
    after_help = "Examples:\n  listen https://example.org/news/story\n  listen articles/\n  listen --rate 1.5 --voice 'French (France)' page.html\n  listen text --json page.html\n  listen --sleep 20m --list reading.txt\n\nKeys in a terminal: space pause, left/right sentence, up/down paragraph, n/p article, +/- speed, q quit, ? help.\n\nExit codes: 0 all read, 1 some sources failed, 2 usage error, 3 speech engine failure, 130 interrupted."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub read: ReadArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print what would be read, without speaking: title, byline, then each paragraph with its
    /// numbered sentences.
    Text(TextArgs),
    /// List the speech engine's voices.
    Voices(VoicesArgs),
    /// Render articles to audio files (MP3 or WAV) with subtitles and chapters; several
    /// articles go to a folder with a playlist and a podcast feed. No audio device needed.
    Export(ExportArgs),
    /// Internal: renders audio for `listen export` (jobs on standard input).
    #[command(hide = true)]
    RenderWorker,
    /// Split plain text into sentences, one per line, to check how it will be split and said
    /// (with --spoken: what the engine is given). The whole input is body text.
    Sentences(SentencesArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `listen man > listen.1`.
    Man,
}

/// Reading aloud (the default command).
#[derive(Debug, Args)]
pub struct ReadArgs {
    /// URLs, files (.html, .txt, .md), folders of such files, or - for standard input.
    #[arg(value_name = "SOURCE", required_unless_present = "list")]
    pub sources: Vec<String>,

    /// Also read the sources listed in FILE, one per line (blank lines and # comments are
    /// ignored; ~/ is the home folder, other relative paths are taken from the list's folder);
    /// - reads the list from standard input.
    #[arg(long, value_name = "FILE")]
    pub list: Option<PathBuf>,

    /// Start at sentence N (numbered from 1, as `listen text` shows them) instead of where
    /// reading stopped last time. With several sources, applies to the first one read.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..), conflicts_with = "restart")]
    pub from: Option<u64>,

    /// Start from the top, ignoring where reading stopped last time.
    #[arg(long)]
    pub restart: bool,

    /// Stop after a while: a duration (20m, 1h30m, 90s) stops at the end of the sentence
    /// playing when it runs out; `end` stops at the end of the current article.
    #[arg(long, value_name = "DURATION|end", value_parser = crate::player::sleep::parse)]
    pub sleep: Option<crate::player::sleep::SleepTimer>,

    /// Voice name, as listed by `listen voices`. Default: the engine's voice for the article's
    /// language.
    #[arg(long, value_name = "NAME")]
    pub voice: Option<String>,

    /// Speed as a multiple of normal speech, from 0.5 to 3.0 [default: 1.0, or `rate` in the
    /// config file].
    #[arg(long, value_name = "X", value_parser = parse_rate)]
    pub rate: Option<f64>,

    /// Don't show the text being read (and take no keys).
    #[arg(long, short)]
    pub quiet: bool,

    /// Write progress events as JSON Lines to FILE, or to standard output with -.
    #[arg(long, value_name = "FILE|-")]
    pub events: Option<String>,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct TextArgs {
    /// URLs, files, folders, or - for standard input.
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<String>,

    /// One JSON object per source per line (JSON Lines); see the README for the format.
    #[arg(long)]
    pub json: bool,

    /// Show each sentence's spoken form (what the engine is given) instead of its text.
    #[arg(long)]
    pub spoken: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

/// `listen export`.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  listen export page.html -o story.mp3\n  listen export articles/ -o podcast/ --base-url https://example.org/podcast/\n  listen export --rate 1.5 --format wav https://example.org/news/story -o out/\n\nBeside each audio file: NAME.vtt (subtitles, one cue per sentence) and, for WAV, NAME.chapters.vtt\n(MP3 files carry their chapters in ID3). A folder also gets playlist.m3u and feed.xml.\nA rerun skips articles whose files are up to date."
)]
pub struct ExportArgs {
    /// URLs, files (.html, .txt, .md), folders of such files, or - for standard input.
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<String>,

    /// An audio file (.mp3 or .wav) for one article, or a folder (created if missing).
    #[arg(long, short, value_name = "OUT")]
    pub output: PathBuf,

    /// Audio format. Default: the output file's extension; mp3 in a folder.
    #[arg(long, value_enum)]
    pub format: Option<crate::export::encode::Format>,

    /// Where the folder will be served: the feed's links to the audio files start with it.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,

    /// Overwrite files that listen did not make, and render again articles that are up to date.
    #[arg(long)]
    pub force: bool,

    /// espeak-ng voice, by name (as `listen voices` lists them, e.g. "English (America)+Max")
    /// or identifier (en-gb, fr). Default: the configuration file's voice for the article's
    /// language, else espeak-ng's voice for that language.
    #[arg(long, value_name = "NAME")]
    pub voice: Option<String>,

    /// Speed as a multiple of normal speech, from 0.5 to 3.0 [default: the configuration
    /// file's rate, else 1.0].
    #[arg(long, value_name = "X", value_parser = parse_rate)]
    pub rate: Option<f64>,

    /// Articles rendered at once, in worker processes. Default: the number of CPU cores.
    #[arg(long, short, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: Option<u16>,

    /// Print only errors.
    #[arg(long, short)]
    pub quiet: bool,

    #[command(flatten)]
    pub common: CommonArgs,
}

#[derive(Debug, Args)]
pub struct SentencesArgs {
    /// A text file, or - (the default) for standard input.
    #[arg(value_name = "FILE|-", default_value = "-")]
    pub input: String,

    /// Language of the text (e.g. fr). Default: detected from the text.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Print each sentence's spoken form (what the engine is given) instead of its text.
    #[arg(long)]
    pub spoken: bool,

    /// Print a JSON array of {"text", "spoken", "start", "end", "spoken_map"} (byte offsets).
    #[arg(long)]
    pub json: bool,

    /// Pronunciation lexicon to apply (default: lexicon.txt in the config directory).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct VoicesArgs {
    /// Only voices for this language (e.g. fr, en-GB).
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Include every variant (espeak-ng lists each voice once per variant: thousands).
    #[arg(long)]
    pub all: bool,

    /// Print a JSON array of {"name", "lang"}.
    #[arg(long)]
    pub json: bool,

    /// Ask the engine again instead of using the cached list.
    #[arg(long)]
    pub refresh: bool,
}

/// Options shared by the commands that read sources.
#[derive(Debug, Args, Clone)]
pub struct CommonArgs {
    /// Language of the articles (e.g. fr), overriding what the page says or the text suggests.
    /// Also sent to web servers as the preferred language.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Read settings from FILE instead of the default file (config.toml in the XDG config
    /// folder, e.g. ~/.config/listen/config.toml).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Give up on a web request (connecting, waiting, receiving) after this many seconds
    /// [default: 30].
    #[arg(long, value_name = "SECONDS", value_parser = crate::config::parse_seconds)]
    pub timeout: Option<Duration>,

    /// Give up connecting to a web server after this many seconds [default: 10].
    #[arg(long, value_name = "SECONDS", value_parser = crate::config::parse_seconds)]
    pub connect_timeout: Option<Duration>,

    /// Refuse pages and files larger than this, in bytes or with a unit (20MB, 500KB)
    /// [default: 20MB].
    #[arg(long, value_name = "N", value_parser = crate::config::parse_bytes)]
    pub max_bytes: Option<u64>,

    /// Follow at most this many redirects [default: 10].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(0..=100))]
    pub max_redirects: Option<u16>,

    /// Retry a web request this many times after a transient failure (connection error, 429,
    /// 502, 503, 504) [default: 2].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: Option<u32>,

    /// Pronunciation lexicon to apply (default: lexicon.txt in the config directory; see the
    /// README for the format).
    #[arg(long, value_name = "FILE")]
    pub lexicon: Option<PathBuf>,

    /// The configuration file's settings, loaded by [`Cli::load_config`].
    #[arg(skip)]
    pub settings: Box<Config>,
}

pub fn parse_rate(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim_end_matches(['x', 'X'])
        .parse()
        .map_err(|_| format!("\"{s}\" is not a number (e.g. 1.5)"))?;
    check_rate(v)
}

/// A speed within the bounds, from the command line or the configuration file.
pub fn check_rate(v: f64) -> Result<f64, String> {
    if (crate::engine::rate::MIN..=crate::engine::rate::MAX).contains(&v) {
        Ok(v)
    } else {
        Err(format!(
            "{v} is outside {} to {}",
            crate::engine::rate::MIN,
            crate::engine::rate::MAX
        ))
    }
}

impl CommonArgs {
    /// The pronunciation lexicon: `--lexicon`, else the configuration file's `lexicon`, else
    /// `lexicon.txt` in the configuration directory (see
    /// [`crate::commands::sentences::load_lexicon`]).
    pub fn lexicon(&self) -> anyhow::Result<Option<crate::speech::Lexicon>> {
        crate::commands::sentences::load_lexicon(
            self.lexicon.as_deref().or(self.settings.lexicon.as_deref()),
        )
    }

    /// Fetch limits: the command line, else the configuration file, else the defaults.
    pub fn fetch_options(&self) -> crate::source::FetchOptions {
        let cfg = &self.settings.fetch;
        let mut o = crate::source::FetchOptions::default();
        o.timeout = self.timeout.or(cfg.timeout).unwrap_or(o.timeout);
        o.connect_timeout = self
            .connect_timeout
            .or(cfg.connect_timeout)
            .unwrap_or(o.connect_timeout);
        o.max_bytes = self.max_bytes.or(cfg.max_bytes).unwrap_or(o.max_bytes);
        o.max_redirects = self
            .max_redirects
            .map(usize::from)
            .or(cfg.max_redirects)
            .unwrap_or(o.max_redirects);
        o.retries = self.retries.or(cfg.retries).unwrap_or(o.retries);
        o.accept_language = self.lang.clone();
        o
    }

    /// The `--lang` override as a primary subtag.
    pub fn lang_override(&self) -> Option<String> {
        self.lang.as_deref().and_then(crate::lang::primary_subtag)
    }
}

impl ReadArgs {
    /// The speed: `--rate`, else the configuration file, else 1.0.
    pub fn rate(&self) -> f64 {
        self.rate.or(self.common.settings.rate).unwrap_or(1.0)
    }

    /// The voice for an article in `lang`: `--voice`, else the configuration file's voice for
    /// the language, else its `voice`; `None` lets the engine choose for the language.
    pub fn voice_for(&self, lang: &str) -> Option<&str> {
        self.voice
            .as_deref()
            .or_else(|| self.common.settings.voice_for(lang))
    }
}

impl ExportArgs {
    /// The speed: `--rate`, else the configuration file, else 1.0 (as for reading aloud).
    pub fn rate(&self) -> f64 {
        self.rate.or(self.common.settings.rate).unwrap_or(1.0)
    }

    /// The voice for an article in `lang`, chosen as for reading aloud.
    pub fn voice_for(&self, lang: &str) -> Option<&str> {
        self.voice
            .as_deref()
            .or_else(|| self.common.settings.voice_for(lang))
    }
}

impl Cli {
    /// Reads the configuration file (`--config FILE` or the default one) into the options of
    /// the command that reads sources. Commands that have no use for it skip it.
    pub fn load_config(&mut self) -> Result<(), crate::config::ConfigError> {
        let common = match &mut self.command {
            None => &mut self.read.common,
            Some(Command::Text(t)) => &mut t.common,
            Some(Command::Export(e)) => &mut e.common,
            Some(_) => return Ok(()),
        };
        *common.settings = Config::load(common.config.as_deref())?;
        Ok(())
    }
}

/// For `--events`: a path, or `-` for standard output.
pub fn events_target(arg: &str) -> Option<PathBuf> {
    (arg != "-").then(|| PathBuf::from(arg))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn rate_bounds() {
        assert_eq!(parse_rate("1.5"), Ok(1.5));
        assert_eq!(parse_rate("2x"), Ok(2.0));
        assert!(parse_rate("0.2").is_err());
        assert!(parse_rate("fast").is_err());
    }
}
