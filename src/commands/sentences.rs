//! `listen sentences`: plain text in, one sentence per line out (or its spoken form, or JSON),
//! so that users can check how a text will be split and said and try out a lexicon.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::Serialize;

use crate::article::{Article, Block, BlockKind};
use crate::cli::SentencesArgs;
use crate::exit_codes::ExitCode;
use crate::lang;
use crate::script::{DEFAULT_LANG, Script};
use crate::speech::{self, Lexicon};

/// One element of `listen sentences --json`. Public interface: fields may be added, never
/// changed.
#[derive(Serialize)]
struct JsonSentence<'a> {
    text: &'a str,
    spoken: &'a str,
    start: usize,
    end: usize,
    spoken_map: &'a [[usize; 2]],
}

pub fn run(args: &SentencesArgs) -> ExitCode {
    let text = match read_input(&args.input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("listen: {}: {e:#}", args.input);
            return ExitCode::SomeFailed;
        }
    };
    // The configuration file's `lexicon` key, when --lexicon is not given.
    let configured = if args.lexicon.is_none() {
        match crate::config::Config::load(None) {
            Ok(c) => c.lexicon,
            Err(e) => {
                eprintln!("listen: {e}");
                return ExitCode::Usage;
            }
        }
    } else {
        None
    };
    let lexicon = match load_lexicon(args.lexicon.as_deref().or(configured.as_deref())) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("listen: {e:#}");
            return ExitCode::Usage;
        }
    };
    let article = Article {
        blocks: vec![Block::new(BlockKind::Paragraph, text)],
        ..Default::default()
    };
    let lang = args
        .lang
        .as_deref()
        .and_then(lang::primary_subtag)
        .or_else(|| lang::detect(&article))
        .unwrap_or_else(|| DEFAULT_LANG.to_string());
    let ctx = speech::Context {
        lexicon: lexicon.as_ref(),
        site: None,
    };
    // The script the player would read, so that the sentences shown are exactly its own (a
    // sentence with nothing to say, such as a lone emoji, is left out there too).
    let script = Script::build_with(&article, Some(&lang), &ctx);
    let mut sentences = script.sentences().map(|s| s.sentence);
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        let items: Vec<JsonSentence> = sentences
            .map(|s| JsonSentence {
                text: &s.text,
                spoken: &s.spoken,
                start: s.start,
                end: s.end,
                spoken_map: &s.spoken_map,
            })
            .collect();
        serde_json::to_string(&items)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        sentences.try_for_each(|s| {
            if args.spoken {
                writeln!(out, "{}", s.spoken)
            } else {
                writeln!(
                    out,
                    "{}",
                    s.text.split_whitespace().collect::<Vec<_>>().join(" ")
                )
            }
        })
    };
    // A closed pipe (`| head`) is not an error.
    let _ = written;
    ExitCode::Success
}

/// The input as text, read with the same checks as every source (size limit, binary content,
/// empty input, charset); whatever its format, it is taken as plain body text.
fn read_input(input: &str) -> Result<String, crate::source::SourceError> {
    use crate::source::file;
    let max = crate::source::FetchOptions::default().max_bytes;
    let doc = if input == "-" {
        file::read_stdin(max)?
    } else {
        file::read(Path::new(input), max)?
    };
    Ok(doc.text.trim_start_matches('\u{feff}').to_string())
}

/// Where the lexicon is read from when `--lexicon` is not given:
/// `lexicon.txt` in listen's configuration directory (e.g. `~/.config/listen/lexicon.txt`).
pub fn default_lexicon_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "listen").map(|d| d.config_dir().join("lexicon.txt"))
}

/// Loads the lexicon named on the command line or in the configuration file, else
/// `lexicon.txt` in the configuration directory if there is one. A named file that cannot be read is an error; bad rules are reported on
/// standard error with their line numbers and left out.
pub fn load_lexicon(explicit: Option<&Path>) -> anyhow::Result<Option<Lexicon>> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match default_lexicon_path() {
            Some(p) if p.is_file() => p,
            _ => return Ok(None),
        },
    };
    let (lexicon, errors) = Lexicon::load(&path)
        .with_context(|| format!("cannot read the lexicon {}", path.display()))?;
    for e in &errors {
        eprintln!(
            "listen: {}:{}: {} (rule ignored)",
            path.display(),
            e.line,
            e.message
        );
    }
    Ok(Some(lexicon))
}
