//! `listen text`: what would be read, as text or JSON Lines, without speaking.

use std::io::Write;

use serde::Serialize;

use crate::cli::TextArgs;
use crate::exit_codes::ExitCode;
use crate::pipeline;
use crate::script::{Script, ScriptBlock};

/// One line of `listen text --json`. Public interface: fields may be added, never changed.
#[derive(Serialize)]
struct JsonArticle<'a> {
    source: String,
    title: &'a Option<String>,
    byline: &'a Option<String>,
    published: &'a Option<String>,
    site_name: &'a Option<String>,
    lang: &'a str,
    blocks: &'a [ScriptBlock],
}

#[derive(Serialize)]
struct JsonError {
    source: String,
    error: String,
}

pub async fn run(args: &TextArgs) -> ExitCode {
    let fetch = args.common.fetch_options();
    let lang = args.common.lang_override();
    let lexicon = match args.common.lexicon() {
        Ok(l) => l,
        Err(e) => {
            eprintln!("listen: {e:#}");
            return ExitCode::Usage;
        }
    };
    let sources = pipeline::sources(&args.sources);
    let many = sources.len() > 1;
    let mut code = ExitCode::Success;
    let stdout = std::io::stdout();
    for (i, item) in sources.into_iter().enumerate() {
        let result = match item {
            Ok(source) => {
                let r =
                    pipeline::load_script_with(&source, &fetch, lang.as_deref(), lexicon.as_ref())
                        .await;
                (source, r.map_err(|e| e.to_string()))
            }
            Err((source, e)) => (source, Err(e.to_string())),
        };
        let mut out = stdout.lock();
        let written = match result {
            (source, Ok(script)) => {
                if args.json {
                    write_json(&mut out, &source.to_string(), &script)
                } else {
                    if many {
                        let _ =
                            writeln!(out, "{}==> {} <==", if i > 0 { "\n" } else { "" }, source);
                    }
                    write_text(&mut out, &script, args.spoken)
                }
            }
            (source, Err(e)) => {
                eprintln!("listen: {source}: {e}");
                code = code.merge(ExitCode::SomeFailed);
                if args.json {
                    let line = JsonError {
                        source: source.to_string(),
                        error: e,
                    };
                    serde_json::to_string(&line)
                        .map_err(std::io::Error::other)
                        .and_then(|l| writeln!(out, "{l}"))
                } else {
                    Ok(())
                }
            }
        };
        if written.is_err() {
            // A closed pipe (e.g. `| head`): stop quietly.
            return code;
        }
    }
    code
}

fn write_json(out: &mut impl Write, source: &str, script: &Script) -> std::io::Result<()> {
    let line = JsonArticle {
        source: source.to_string(),
        title: &script.title,
        byline: &script.byline,
        published: &script.published,
        site_name: &script.site_name,
        lang: &script.lang,
        blocks: &script.blocks,
    };
    let s = serde_json::to_string(&line).map_err(std::io::Error::other)?;
    writeln!(out, "{s}")
}

/// Plain text: title, byline, then each block with its sentences numbered from 1 (the numbers
/// `--from` takes).
pub fn write_text(out: &mut impl Write, script: &Script, spoken: bool) -> std::io::Result<()> {
    if let Some(t) = &script.title {
        writeln!(out, "{t}")?;
    }
    let meta: Vec<&str> = [&script.byline, &script.site_name, &script.published]
        .into_iter()
        .filter_map(|m| m.as_deref())
        .collect();
    if !meta.is_empty() {
        writeln!(out, "{}", meta.join(" · "))?;
    }
    writeln!(out, "[lang: {}]", script.lang)?;
    let mut n = 0;
    for block in &script.blocks {
        writeln!(out)?;
        // A gutter mark on a block's first sentence tells headings, list items and quotes apart.
        let mark = match block.kind {
            crate::article::BlockKind::Heading => '#',
            crate::article::BlockKind::ListItem => '-',
            crate::article::BlockKind::Quote => '>',
            crate::article::BlockKind::Paragraph => ' ',
        };
        for (i, s) in block.sentences.iter().enumerate() {
            n += 1;
            let text = if spoken { &s.spoken } else { &s.text };
            let mark = if i == 0 { mark } else { ' ' };
            writeln!(out, "{n:>4} {mark} {text}")?;
        }
    }
    Ok(())
}
