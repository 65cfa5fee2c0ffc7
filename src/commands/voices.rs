//! `listen voices`: the engine's voices, filtered by language. espeak-ng alone lists about
//! 13,000 (every voice once per variant), so by default only base voices are shown.

use std::io::Write;

use crate::cli::VoicesArgs;
use crate::engine::VoiceInfo;
use crate::engine::live::LiveEngine;
use crate::exit_codes::ExitCode;

pub async fn run(args: &VoicesArgs) -> ExitCode {
    let (tx, _rx) = tokio::sync::mpsc::unbounded_channel();
    let engine = match LiveEngine::connect(tx) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("listen: {e}");
            return ExitCode::EngineFailure;
        }
    };
    let all = match engine.voices(args.refresh).await {
        Ok(v) => v,
        Err(e) => {
            eprintln!("listen: {e}");
            return ExitCode::EngineFailure;
        }
    };
    let (shown, hidden) = filter(&all, args.lang.as_deref(), args.all);
    if args.lang.is_some() && shown.is_empty() && hidden == 0 {
        eprintln!(
            "listen: no voice for language \"{}\" (`listen voices` lists the languages there are)",
            args.lang.as_deref().unwrap_or_default()
        );
        return ExitCode::SomeFailed;
    }
    let mut out = std::io::stdout().lock();
    let result = if args.json {
        serde_json::to_string_pretty(&shown)
            .map_err(std::io::Error::other)
            .and_then(|s| writeln!(out, "{s}"))
    } else {
        print_table(&mut out, &shown, hidden)
    };
    let _ = result;
    ExitCode::Success
}

/// The voices to show and how many variants were left out.
pub fn filter<'a>(
    all: &'a [VoiceInfo],
    lang: Option<&str>,
    variants: bool,
) -> (Vec<&'a VoiceInfo>, usize) {
    let matching: Vec<&VoiceInfo> = all
        .iter()
        .filter(|v| lang.is_none_or(|l| v.speaks(l)))
        .collect();
    let shown: Vec<&VoiceInfo> = matching
        .iter()
        .copied()
        .filter(|v| variants || !v.is_variant())
        .collect();
    let hidden = matching.len() - shown.len();
    (shown, hidden)
}

fn print_table(out: &mut impl Write, voices: &[&VoiceInfo], hidden: usize) -> std::io::Result<()> {
    let width = voices
        .iter()
        .map(|v| v.lang.len())
        .max()
        .unwrap_or(4)
        .max(4);
    writeln!(out, "{:<width$}  NAME", "LANG")?;
    for v in voices {
        writeln!(out, "{:<width$}  {}", v.lang, v.name)?;
    }
    if hidden > 0 {
        writeln!(out, "({hidden} variants not shown; --all lists them)")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_by_language_and_variant() {
        let v = |n: &str, l: &str| VoiceInfo {
            name: n.into(),
            lang: l.into(),
        };
        let all = vec![
            v("French (France)", "fr-FR"),
            v("French (France)+Max", "fr-FR"),
            v("German", "de"),
        ];
        let (shown, hidden) = filter(&all, Some("fr"), false);
        assert_eq!(shown.len(), 1);
        assert_eq!(hidden, 1);
        let (shown, hidden) = filter(&all, None, true);
        assert_eq!((shown.len(), hidden), (3, 0));
    }
}
