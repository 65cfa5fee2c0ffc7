//! The command line, as clap types only. What the program runs with is resolved from these in
//! `main` and the command modules.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
    after_help = "Examples:\n  listen https://example.org/news/story\n  listen articles/\n  listen --rate 1.5 --voice 'French (France)' page.html\n  listen text --json page.html\n\nExit codes: 0 all read, 1 some sources failed, 2 usage error, 3 speech engine failure, 130 interrupted."
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
    #[arg(value_name = "SOURCE", required = true)]
    pub sources: Vec<String>,

    /// Voice name, as listed by `listen voices`. Default: the engine's voice for the article's
    /// language.
    #[arg(long, value_name = "NAME")]
    pub voice: Option<String>,

    /// Speed as a multiple of normal speech, from 0.5 to 3.0.
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_rate)]
    pub rate: f64,

    /// Don't show the text being read.
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

    /// espeak-ng voice, by name or identifier (e.g. en-gb, fr, "English (America)+Max").
    /// Default: the voice for the article's language.
    #[arg(long, value_name = "NAME")]
    pub voice: Option<String>,

    /// Speed as a multiple of normal speech, from 0.5 to 3.0.
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_rate)]
    pub rate: f64,

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
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,

    /// Give up on a web request after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub timeout: u64,

    /// Give up connecting to a web server after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub connect_timeout: u64,

    /// Refuse documents larger than this many bytes.
    #[arg(long, value_name = "N", default_value_t = 20_000_000)]
    pub max_bytes: u64,

    /// Follow at most this many redirects.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub max_redirects: usize,
}

fn parse_rate(s: &str) -> Result<f64, String> {
    let v: f64 = s
        .trim_end_matches(['x', 'X'])
        .parse()
        .map_err(|_| format!("\"{s}\" is not a number (e.g. 1.5)"))?;
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
    pub fn fetch_options(&self) -> crate::source::FetchOptions {
        crate::source::FetchOptions {
            timeout: std::time::Duration::from_secs(self.timeout),
            connect_timeout: std::time::Duration::from_secs(self.connect_timeout),
            max_bytes: self.max_bytes,
            max_redirects: self.max_redirects,
            accept_language: self.lang.clone(),
        }
    }

    /// The `--lang` override as a primary subtag.
    pub fn lang_override(&self) -> Option<String> {
        self.lang.as_deref().and_then(crate::lang::primary_subtag)
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
