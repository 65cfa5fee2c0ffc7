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
    /// ignored; relative paths are taken from the list's folder); - reads the list from
    /// standard input.
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

    /// Speed as a multiple of normal speech, from 0.5 to 3.0.
    #[arg(long, value_name = "X", default_value_t = 1.0, value_parser = parse_rate)]
    pub rate: f64,

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
