//! The user's pronunciation lexicon: a plain text file of rules applied to each sentence before
//! the built-in spoken-form rules (a lexicon match is final).
//!
//! ```text
//! # comments start with #
//! Nguyen = Win                   whole words or phrases, case-sensitive
//! Gen. = Gen                     (overrides a built-in expansion)
//! /\bCOVID-(\d+)\b/ = covid $1   a regular expression (Rust regex syntax), $1 for groups
//! /\bnasa\b/i = nasa             i: ignore case
//! [lang fr]                      the rules below apply to French only
//! Lyon = Lion
//! [site example.com]             ... to pages of example.com (and its subdomains) only
//! [lang de site spiegel.de]      both
//! [*]                            back to every language and site
//! ```

use std::fmt;
use std::path::Path;

use regex::Regex;

#[derive(Debug, Default)]
pub struct Lexicon {
    rules: Vec<Rule>,
}

#[derive(Debug)]
struct Rule {
    lang: Option<String>,
    site: Option<String>,
    pattern: Pattern,
    replacement: String,
}

#[derive(Debug)]
enum Pattern {
    Words(String),
    Regex(Regex),
}

/// A match of the lexicon in a sentence: `start..end` is replaced by `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub replacement: String,
}

/// A rule the lexicon could not use, with its line number (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl Lexicon {
    /// Parses a lexicon. Bad lines are returned as errors and left out; the others are used.
    pub fn parse(text: &str) -> (Lexicon, Vec<LexiconError>) {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        let mut lang: Option<String> = None;
        let mut site: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            let line_no = n + 1;
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| LexiconError {
                line: line_no,
                message,
            };
            if let Some(scope) = line.strip_prefix('[') {
                match parse_scope(scope) {
                    Ok((l, s)) => {
                        lang = l;
                        site = s;
                    }
                    Err(m) => errors.push(err(m)),
                }
                continue;
            }
            match parse_rule(line) {
                Ok((pattern, replacement)) => rules.push(Rule {
                    lang: lang.clone(),
                    site: site.clone(),
                    pattern,
                    replacement,
                }),
                Err(m) => errors.push(err(m)),
            }
        }
        (Lexicon { rules }, errors)
    }

    /// Reads and parses the lexicon file at `path`.
    pub fn load(path: &Path) -> std::io::Result<(Lexicon, Vec<LexiconError>)> {
        let text = std::fs::read_to_string(path)?;
        Ok(Self::parse(&text))
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The matches in `text` of the rules in scope for `lang` and `site`, sorted and not
    /// overlapping (an earlier rule wins over a later one at the same place).
    pub fn matches(&self, text: &str, lang: &str, site: Option<&str>) -> Vec<Span> {
        let primary = lang.split(['-', '_']).next().unwrap_or("");
        let mut spans: Vec<(usize, Span)> = Vec::new();
        for (order, rule) in self.rules.iter().enumerate() {
            if rule
                .lang
                .as_deref()
                .is_some_and(|l| !l.eq_ignore_ascii_case(primary))
            {
                continue;
            }
            if let Some(s) = rule.site.as_deref()
                && !site.is_some_and(|host| host_matches(host, s))
            {
                continue;
            }
            match &rule.pattern {
                Pattern::Words(w) => {
                    for (start, _) in text.match_indices(w.as_str()) {
                        let end = start + w.len();
                        let before = text[..start].chars().next_back();
                        let after = text[end..].chars().next();
                        let edge = |c: Option<char>, inner: Option<char>| {
                            // A boundary is needed only where the rule itself has a word character.
                            c.is_none_or(|c| !c.is_alphanumeric())
                                || inner.is_some_and(|i| !i.is_alphanumeric())
                        };
                        if edge(before, w.chars().next()) && edge(after, w.chars().next_back()) {
                            spans.push((
                                order,
                                Span {
                                    start,
                                    end,
                                    replacement: rule.replacement.clone(),
                                },
                            ));
                        }
                    }
                }
                Pattern::Regex(re) => {
                    for caps in re.captures_iter(text) {
                        let Some(m) = caps.get(0) else { continue };
                        if m.is_empty() {
                            continue;
                        }
                        let mut replacement = String::new();
                        caps.expand(&rule.replacement, &mut replacement);
                        spans.push((
                            order,
                            Span {
                                start: m.start(),
                                end: m.end(),
                                replacement,
                            },
                        ));
                    }
                }
            }
        }
        spans.sort_by_key(|(order, s)| (s.start, *order));
        let mut out: Vec<Span> = Vec::with_capacity(spans.len());
        for (_, s) in spans {
            if out.last().is_none_or(|l| s.start >= l.end) {
                out.push(s);
            }
        }
        out
    }
}

fn host_matches(host: &str, site: &str) -> bool {
    let host = host.trim_start_matches("www.");
    host.eq_ignore_ascii_case(site)
        || (host.len() > site.len()
            && host.ends_with(site)
            && host.as_bytes()[host.len() - site.len() - 1] == b'.')
}

/// "[lang fr]", "[site example.com]", "[lang de site spiegel.de]", "[*]" (after the '[').
fn parse_scope(scope: &str) -> Result<(Option<String>, Option<String>), String> {
    let inner = scope
        .strip_suffix(']')
        .ok_or("a scope line must end with ']', e.g. [lang fr]")?
        .trim();
    if inner == "*" || inner.is_empty() || inner == "all" {
        return Ok((None, None));
    }
    let (mut lang, mut site) = (None, None);
    let mut words = inner.split_whitespace();
    while let Some(key) = words.next() {
        let value = words.next().ok_or_else(|| {
            format!("'{key}' needs a value, e.g. [lang fr] or [site example.com]")
        })?;
        match key {
            "lang" => {
                if !(2..=3).contains(&value.len())
                    || !value.chars().all(|c| c.is_ascii_alphabetic())
                {
                    return Err(format!("'{value}' is not a language code (e.g. en, fr)"));
                }
                lang = Some(value.to_ascii_lowercase());
            }
            "site" => site = Some(value.trim_start_matches("www.").to_ascii_lowercase()),
            _ => {
                return Err(format!(
                    "unknown scope '{key}': use [lang CODE], [site HOST], both, or [*]"
                ));
            }
        }
    }
    Ok((lang, site))
}

fn parse_rule(line: &str) -> Result<(Pattern, String), String> {
    if let Some(rest) = line.strip_prefix('/') {
        // /regex/flags = replacement
        let close = find_regex_end(rest)
            .ok_or("a regex rule needs a closing '/', e.g. /Dr\\.? (\\w+)/ = Doctor $1")?;
        let pattern = &rest[..close];
        let after = &rest[close + 1..];
        let (flags, repl) = after
            .split_once('=')
            .ok_or("missing '=' after the regular expression")?;
        let flags = flags.trim();
        if !flags.chars().all(|c| c == 'i') {
            return Err(format!("unknown regex flag '{flags}' (only i is known)"));
        }
        if pattern.is_empty() {
            return Err("empty regular expression".into());
        }
        let src = if flags.contains('i') {
            format!("(?i){pattern}")
        } else {
            pattern.to_string()
        };
        let re = Regex::new(&src).map_err(|e| format!("bad regular expression: {e}"))?;
        return Ok((Pattern::Regex(re), repl.trim().to_string()));
    }
    let (word, repl) = line
        .split_once('=')
        .ok_or("missing '=': write WORD = REPLACEMENT or /REGEX/ = REPLACEMENT")?;
    let word = word.trim();
    if word.is_empty() {
        return Err("nothing before '='".into());
    }
    Ok((Pattern::Words(word.to_string()), repl.trim().to_string()))
}

/// The index of the '/' that closes a regex (not escaped).
fn find_regex_end(s: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in s.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '/' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_scopes_words_and_regexes() {
        let (lex, errors) = Lexicon::parse(
            "# names\nNguyen = Win\n/\\bCOVID-(\\d+)\\b/ = covid $1\n[lang fr]\nLyon = Lion\n[site example.com]\nACME = acme\n[*]\n/nasa/i = nasa\n",
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(lex.len(), 5);
        let t = "Nguyen and COVID-19 in Lyon at ACME, NASA.";
        let m = lex.matches(t, "en", None);
        let got: Vec<(&str, &str)> = m
            .iter()
            .map(|s| (&t[s.start..s.end], s.replacement.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("Nguyen", "Win"),
                ("COVID-19", "covid 19"),
                ("NASA", "nasa")
            ]
        );
        let m = lex.matches(t, "fr", Some("www.news.example.com"));
        assert!(m.iter().any(|s| s.replacement == "Lion"));
        assert!(m.iter().any(|s| s.replacement == "acme"));
    }

    #[test]
    fn whole_words_only() {
        let (lex, _) = Lexicon::parse("Gen = Jen\n");
        assert!(lex.matches("Genesis", "en", None).is_empty());
        assert_eq!(lex.matches("Gen. Smith", "en", None).len(), 1);
    }

    #[test]
    fn bad_rules_report_their_line() {
        let (lex, errors) = Lexicon::parse(
            "ok = fine\nno equals sign\n/unclosed = x\n/(/ = x\n[lang]\n[planet mars]\n = x\n",
        );
        assert_eq!(lex.len(), 1);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![2, 3, 4, 5, 6, 7]);
        assert!(
            errors[2]
                .to_string()
                .starts_with("line 4: bad regular expression")
        );
    }
}
