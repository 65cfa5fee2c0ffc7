//! The spoken form of one sentence: a left-to-right pass that, at the start of each token, tries
//! the rules in order (user lexicon, reference markers, URLs and e-mail addresses, amounts of
//! money, numbers with what follows them, abbreviations by context, Roman numerals, symbols) and
//! otherwise copies the text. Every piece of output records where it came from, so that a
//! position in the spoken text maps back to the original.

use super::Spoken;
use super::lang::{Ctx, Tables};
use super::lexicon::Span;
use super::numbers;

/// Output under construction, with the map back to the original.
struct Out {
    text: String,
    map: Vec<[usize; 2]>,
    /// Per map entry: a verbatim copy (true) or a rewrite (false).
    copied: Vec<bool>,
    /// The last thing done dropped text (a marker, an emoji): a following space or punctuation
    /// must not leave a gap.
    dropped: bool,
    /// Whether the last map entry started a verbatim copy that is still running.
    copying: bool,
    /// Original offset just past the last copied byte.
    copy_end: usize,
}

impl Out {
    fn replace(&mut self, src: usize, s: &str) {
        if s.is_empty() {
            self.dropped = true;
            self.copying = false;
            return;
        }
        self.map.push([self.text.len(), src]);
        self.copied.push(false);
        self.text.push_str(s);
        self.dropped = false;
        self.copying = false;
    }

    fn copy(&mut self, src: usize, c: char) {
        if c.is_whitespace() {
            if self.text.is_empty() || self.text.ends_with(' ') {
                return;
            }
            self.start_copy(src);
            self.text.push(' ');
            self.copy_end = src + c.len_utf8();
            if c.len_utf8() != 1 {
                // A wider space became ' ': what follows starts a new piece of the map.
                self.copying = false;
            }
            return;
        }
        if self.dropped
            && matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')')
            && self.text.ends_with(' ')
        {
            // "today 🎉." -> "today.": the space goes, and with it a map entry it started.
            self.text.pop();
            if self.map.last().is_some_and(|e| e[0] >= self.text.len()) {
                self.map.pop();
                self.copied.pop();
            }
            self.copying = false;
        }
        self.start_copy(src);
        self.text.push(c);
        self.copy_end = src + c.len_utf8();
        self.dropped = false;
    }

    fn start_copy(&mut self, src: usize) {
        if !self.copying || self.copy_end != src {
            self.map.push([self.text.len(), src]);
            self.copied.push(true);
            self.copying = true;
        }
    }
}

/// Normalizes `text` in language `tables` (None: only language-independent rules), with the
/// lexicon's matches `fixed` (sorted, non-overlapping) taking precedence.
pub fn normalize(text: &str, tables: Option<&Tables>, fixed: &[Span]) -> Spoken {
    let mut n = Normalizer {
        t: text,
        tables,
        out: Out {
            text: String::with_capacity(text.len() + 16),
            map: Vec::new(),
            copied: Vec::new(),
            dropped: false,
            copying: false,
            copy_end: 0,
        },
    };
    let mut fixed = fixed.iter().peekable();
    let mut i = 0;
    while i < text.len() {
        while fixed.peek().is_some_and(|s| s.start < i) {
            fixed.next();
        }
        if let Some(span) = fixed.peek()
            && span.start == i
        {
            n.out.replace(i, &span.replacement);
            i = span.end.max(i + 1);
            while !text.is_char_boundary(i) {
                i += 1;
            }
            fixed.next();
            continue;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if n.token_start(i)
            && let Some((end, s)) = n.rules(i, c)
            && end > i
        {
            n.out.replace(i, &s);
            i = end;
            continue;
        }
        if is_decorative(c) {
            n.out.replace(i, "");
        } else {
            n.out.copy(i, c);
        }
        i += c.len_utf8();
    }
    let mut out = n.out;
    while out.text.ends_with(' ') {
        out.text.pop();
    }
    let len = out.text.len();
    let (map, copied): (Vec<[usize; 2]>, Vec<bool>) = out
        .map
        .into_iter()
        .zip(out.copied)
        .filter(|(e, _)| e[0] < len)
        .unzip();
    Spoken {
        text: out.text,
        map,
        copied,
        original_len: text.len(),
    }
}

/// Characters dropped from speech: emoji, pictographs, dingbats, decorative marks.
pub fn is_decorative(c: char) -> bool {
    matches!(c as u32,
        0x2600..=0x27BF // misc symbols, dingbats
        | 0x1F000..=0x1FAFF // emoji and pictographs
        | 0x2B00..=0x2BFF
        | 0xFE0F | 0x200D | 0x20E3)
        || matches!(
            c,
            '•' | '▶' | '►' | '■' | '□' | '●' | '◆' | '★' | '☆' | '|' | '※' | '†' | '‡'
        )
}

struct Normalizer<'a> {
    t: &'a str,
    tables: Option<&'a Tables>,
    out: Out,
}

type Rule = Option<(usize, String)>;

impl Normalizer<'_> {
    /// Rules apply only at the start of a token.
    fn token_start(&self, i: usize) -> bool {
        self.t[..i]
            .chars()
            .next_back()
            .is_none_or(|p| !p.is_alphanumeric())
    }

    fn rules(&self, i: usize, c: char) -> Rule {
        if c == '[' {
            return self.reference(i);
        }
        // Web and e-mail addresses contain one of these; most tokens do not.
        let tok_end = token_end(self.t, i);
        if self.t[i..tok_end].contains(['.', '@', '/'])
            && let Some(r) = self.url(i).or_else(|| self.email(i))
        {
            return Some(r);
        }
        let tables = self.tables?;
        // Amounts start with a symbol ("$", "€", "US$") or a code ("CHF", "Fr.").
        let tok = &self.t[i..tok_end];
        if (!c.is_alphanumeric() || tok.contains('$') || c == 'C' || c == 'F')
            && let Some(r) = self.currency(i, tables)
        {
            return Some(r);
        }
        if c.is_ascii_digit() {
            return self.number(i, tables);
        }
        if c.is_alphabetic() {
            return self.word(i, tables);
        }
        self.symbol(i, c, tables)
    }

    // ----- markers, URLs, e-mail -----

    /// "[3]", "[12]", "[a]", "[citation needed]", "[edit]": dropped.
    fn reference(&self, i: usize) -> Rule {
        let rest = &self.t[i + 1..];
        let close = rest.find(']').filter(|&p| p <= 24)?;
        let inner = &rest[..close];
        let drop =
            (!inner.is_empty() && inner.len() <= 3 && inner.bytes().all(|b| b.is_ascii_digit()))
                || (inner.len() == 1 && inner.bytes().all(|b| b.is_ascii_lowercase()))
                || matches!(
                    inner,
                    "citation needed" | "edit" | "update" | "clarification needed"
                )
                || inner
                    .strip_prefix("note ")
                    .is_some_and(|n| n.bytes().all(|b| b.is_ascii_alphanumeric()));
        drop.then(|| (i + close + 2, String::new()))
    }

    fn url(&self, i: usize) -> Rule {
        let rest = &self.t[i..];
        let lower_starts = |p: &str| {
            rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
        };
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|p| lower_starts(p));
        if scheme.is_none() && !lower_starts("www.") {
            return self.domain(i);
        }
        let end = token_end(self.t, i);
        let from = i + scheme.map_or(0, str::len);
        if end <= from {
            return None;
        }
        let url = &self.t[from..end];
        if url.is_empty() {
            return None;
        }
        Some((end, self.speak_url(url)))
    }

    /// A bare domain such as "example.com" or "bbc.co.uk/news".
    fn domain(&self, i: usize) -> Rule {
        let end = token_end(self.t, i);
        let tok = &self.t[i..end];
        let host = tok.split('/').next().unwrap_or("");
        let labels: Vec<&str> = host.split('.').collect();
        if labels.len() < 2
            || labels
                .iter()
                .any(|l| l.is_empty() || !l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
            || labels[0].len() < 2
        {
            return None;
        }
        let tld = labels[labels.len() - 1].to_ascii_lowercase();
        if !TLDS.contains(&tld.as_str()) || tok.contains('@') {
            return None;
        }
        Some((end, self.speak_url(tok)))
    }

    fn speak_url(&self, url: &str) -> String {
        let (dot, slash) = self.tables.map_or(("dot", "slash"), |t| (t.dot, t.slash));
        let url = url.trim_end_matches('/');
        let (host, path) = url.split_once('/').unwrap_or((url, ""));
        let host = host
            .strip_prefix("www.")
            .or_else(|| host.strip_prefix("WWW."))
            .unwrap_or(host);
        let host = host.split([':', '?', '#']).next().unwrap_or(host);
        let mut s = host
            .split('.')
            .collect::<Vec<_>>()
            .join(&format!(" {dot} "));
        for (n, seg) in path.split('/').filter(|p| !p.is_empty()).enumerate() {
            let seg = seg.split(['?', '#']).next().unwrap_or("");
            let seg = seg
                .trim_end_matches(".html")
                .trim_end_matches(".htm")
                .trim_end_matches(".php")
                .trim_end_matches(".aspx");
            let digits = seg.bytes().filter(u8::is_ascii_digit).count();
            if n >= 3
                || seg.is_empty()
                || seg.len() > 40
                || digits > 4
                || seg.contains(['=', '%', '&'])
            {
                break;
            }
            s.push_str(&format!(" {slash} "));
            s.push_str(&seg.replace(['-', '_', '.'], " "));
        }
        s
    }

    fn email(&self, i: usize) -> Rule {
        let end = token_end(self.t, i);
        let tok = &self.t[i..end];
        let (local, domain) = tok.split_once('@')?;
        let ok_local = !local.is_empty()
            && local
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b));
        let ok_domain = domain.contains('.')
            && domain.split('.').all(|l| {
                !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            });
        if !ok_local || !ok_domain {
            return None;
        }
        let (dot, at) = self.tables.map_or(("dot", "at"), |t| (t.dot, t.at));
        let local = local
            .replace('.', &format!(" {dot} "))
            .replace('_', " underscore ")
            .replace('-', " ");
        let domain = domain
            .split('.')
            .collect::<Vec<_>>()
            .join(&format!(" {dot} "));
        Some((end, format!("{local} {at} {domain}")))
    }

    // ----- money -----

    /// "$1.5 billion" -> "1.5 billion dollars", "€20" -> "20 euros", "$100.50" -> "100 dollars
    /// and 50 cents", "£3m" -> "3 million pounds".
    fn currency(&self, i: usize, t: &Tables) -> Rule {
        let rest = &self.t[i..];
        let &(sym, one, many) = t.currencies.iter().find(|(s, _, _)| rest.starts_with(s))?;
        let mut j = i + sym.len();
        j = skip_spaces(self.t, j);
        let num = number_at(self.t, j, t.lang)?;
        let mut k = num.end;
        let (mag, mag_end) = self.magnitude(k, t);
        if let Some(e) = mag_end {
            k = e;
        }
        let amount = num.spoken(t.lang);
        // "a $1.5 billion deal": an amount used as an adjective takes the singular.
        // Not with cents: "the $100.50 fee" keeps "100 dollars and 50 cents".
        let many =
            if (mag.is_some() || num.frac.is_none()) && attributive_amount(self.t, i, k, t.lang) {
                one
            } else {
                many
            };
        let cents_word = t.cents.iter().find(|(s, _, _)| *s == sym);
        let s = match (mag, num.frac.as_deref(), cents_word) {
            (Some(m), _, _) => {
                let of = if t.magnitude_of.is_empty() {
                    String::new()
                } else {
                    format!("{} ", t.magnitude_of)
                };
                format!("{amount} {m} {of}{many}")
            }
            (None, Some(f), Some(&(_, c1, cn)))
                if f.len() == 2 && num.int.bytes().all(|b| b.is_ascii_digit()) =>
            {
                let int = num.int.replace([',', '.', ' ', '\u{a0}', '\u{202f}'], "");
                let cents = f.trim_start_matches('0');
                let cw = if cents == "1" { c1 } else { cn };
                match (int.as_str(), cents) {
                    ("0", "") => format!("0 {many}"),
                    ("0", c) => format!("{c} {cw}"),
                    (n, "") => format!("{n} {}", if n == "1" { one } else { many }),
                    (n, c) => format!(
                        "{n} {} {} {c} {cw}",
                        if n == "1" { one } else { many },
                        t.and
                    ),
                }
            }
            _ => format!("{amount} {}", if num.is_one() { one } else { many }),
        };
        // "$10-$20": the dash between two amounts is "to".
        let dash = ["-", "–", " - ", " – "]
            .into_iter()
            .find(|d| self.t[k..].starts_with(d));
        if let Some(d) = dash
            && self.t[k + d.len()..].starts_with(sym)
            && self.t[k + d.len() + sym.len()..].starts_with(|c: char| c.is_ascii_digit())
        {
            return Some((k + d.len(), format!("{s} {} ", t.range)));
        }
        Some((k, s))
    }

    /// A magnitude right after an amount: "bn", " billion", " Mrd.". Returns its spoken form and
    /// where it ends.
    fn magnitude(&self, k: usize, t: &Tables) -> (Option<&'static str>, Option<usize>) {
        let rest = &self.t[k..];
        // Attached: "3m", "1.5bn".
        for &(w, s) in t.magnitudes {
            if rest.starts_with(w)
                && !next_is_letter(self.t, k + w.len())
                && w.len() <= 3
                && !w.ends_with('.')
            {
                return (Some(s), Some(k + w.len()));
            }
        }
        let j = skip_spaces(self.t, k);
        if j == k {
            return (None, None);
        }
        let rest = &self.t[j..];
        for &(w, s) in t.magnitudes {
            if w.len() > 1
                && rest.starts_with(w)
                && (w.ends_with('.') || !next_is_letter(self.t, j + w.len()))
            {
                return (Some(s), Some(j + w.len()));
            }
        }
        (None, None)
    }

    // ----- numbers -----

    fn number(&self, i: usize, t: &Tables) -> Rule {
        let num = number_at(self.t, i, t.lang)?;
        let e = num.end;
        let rest = &self.t[e..];
        let en = t.lang == "en";
        // Clock times.
        if let Some(r) = self.time(&num, t) {
            return Some(r);
        }
        // ISO dates: 2024-01-18.
        if let Some(r) = self.iso_date(i, t) {
            return Some(r);
        }
        // Phone numbers: 555-123-4567, 555-1234.
        if num.raw.len() == 3
            && let Some(r) = self.phone(i)
        {
            return Some(r);
        }
        // Ranges: 2020-2024, 10–12.
        if let Some(r) = self.range(i, &num, t) {
            return Some(r);
        }
        // Fractions: 1/2.
        for &(w, s) in t.fractions {
            if self.t[i..].starts_with(w)
                && !next_is_alnum(self.t, i + w.len())
                && w.as_bytes()[0].is_ascii_digit()
            {
                return Some((i + w.len(), s.to_string()));
            }
        }
        // Language-specific ordinals.
        if let Some(r) = self.ordinal(i, &num, t) {
            return Some(r);
        }
        // Currency after the amount: "20 €", "10$".
        let j = skip_spaces(self.t, e);
        for &(sym, one, many) in t.currencies {
            if self.t[j..].starts_with(sym)
                && !next_is_letter(self.t, j + sym.len())
                && sym != "Fr."
            {
                return Some((
                    j + sym.len(),
                    format!(
                        "{} {}",
                        num.spoken(t.lang),
                        if num.is_one() { one } else { many }
                    ),
                ));
            }
        }
        // Units: "35 °C", "5 km", "100 km/h".
        if let Some(r) = self.unit(i, &num, t) {
            return Some(r);
        }
        if en {
            // Decades: 1990s.
            if num.frac.is_none()
                && !num.grouped
                && rest.starts_with('s')
                && !next_is_letter(self.t, e + 1)
            {
                let v = num.value()?;
                if v % 10 == 0 && (v < 100 || (1000..=2090).contains(&v)) {
                    return Some((e + 1, numbers::en_decade(v)));
                }
            }
            // Day before month: "18 January" -> "the 18th of January".
            if let Some(v) = num.small_int().filter(|v| (1..=31).contains(v))
                && self.month_after(e, t)
            {
                return Some((e, format!("the {}{} of", v, en_suffix(v))));
            }
            // Day after a month: "January 18" -> "January 18th".
            if let Some(v) = num.small_int().filter(|v| (1..=31).contains(v))
                && !rest.starts_with(|c: char| c.is_alphanumeric() || c == ':')
                && self.month_before(i, t)
            {
                return Some((e, format!("{v}{}", en_suffix(v))));
            }
            // Years.
            if let Some(v) = num.value().filter(|v| (1100..=2099).contains(v))
                && num.raw.len() == 4
                && self.year_context(i, e)
            {
                return Some((e, numbers::en_year(v)));
            }
            // Thousands separators make the engine pause: 1,200 -> 1200.
            if num.grouped {
                return Some((e, num.spoken(t.lang)));
            }
        }
        None
    }

    fn time(&self, num: &Num, t: &Tables) -> Rule {
        if num.grouped || num.int.len() > 2 {
            return None;
        }
        let hour = num.int.parse::<u64>().ok().filter(|h| *h <= 24)?;
        // German "9.00 Uhr": the minutes were read as decimals.
        if t.lang == "de"
            && let Some(f) = num.frac.as_deref().filter(|f| f.len() == 2)
        {
            let m: u64 = f.parse().ok().filter(|m| *m < 60)?;
            let k = skip_spaces(self.t, num.end);
            if !self.t[k..].starts_with("Uhr") || next_is_letter(self.t, k + 3) {
                return None;
            }
            return Some((
                k + 3,
                if m == 0 {
                    format!("{hour} Uhr")
                } else {
                    format!("{hour} Uhr {m}")
                },
            ));
        }
        if num.frac.is_some() {
            return None;
        }
        let b = self.t.as_bytes();
        let e = num.end;
        let two_digits = |p: usize| {
            b.get(p..p + 2)
                .filter(|d| d.iter().all(u8::is_ascii_digit))
                .map(|d| u64::from(d[0] - b'0') * 10 + u64::from(d[1] - b'0'))
                .filter(|m| *m < 60 && !b.get(p + 2).is_some_and(u8::is_ascii_digit))
        };
        match t.lang {
            "fr" => {
                // 14h30, 14 h 30, 14h
                let j = skip_spaces(self.t, e);
                if b.get(j) != Some(&b'h')
                    || next_is_letter(self.t, j + 1) && !self.t[j + 1..].starts_with("h")
                {
                    return None;
                }
                if next_is_letter(self.t, j + 1) {
                    return None;
                }
                let k = skip_spaces(self.t, j + 1);
                let word = if hour <= 1 { "heure" } else { "heures" };
                match two_digits(k) {
                    Some(0) => Some((k + 2, format!("{hour} {word}"))),
                    Some(m) => Some((k + 2, format!("{hour} {word} {m}"))),
                    None => Some((j + 1, format!("{hour} {word}"))),
                }
            }
            "de" => {
                // 14:30 Uhr, 14.30 Uhr, 14 Uhr
                let sep = *b.get(e)?;
                if sep != b':' && sep != b'.' {
                    return None;
                }
                let m = two_digits(e + 1)?;
                let after = e + 3;
                let k = skip_spaces(self.t, after);
                let uhr = self.t[k..].starts_with("Uhr") && !next_is_letter(self.t, k + 3);
                if sep == b'.' && !uhr {
                    return None;
                }
                let end = if uhr { k + 3 } else { after };
                Some((
                    end,
                    if m == 0 {
                        format!("{hour} Uhr")
                    } else {
                        format!("{hour} Uhr {m}")
                    },
                ))
            }
            _ => {
                if b.get(e) != Some(&b':') {
                    return None;
                }
                let m = two_digits(e + 1)?;
                let after = e + 3;
                if t.lang == "es" {
                    let k = skip_spaces(self.t, after);
                    let h_suffix = self.t[k..].starts_with('h') && !next_is_letter(self.t, k + 1);
                    let end = if h_suffix { k + 1 } else { after };
                    return Some((
                        end,
                        if m == 0 {
                            format!("{hour} horas")
                        } else {
                            format!("{hour} y {m}")
                        },
                    ));
                }
                // English: "2:00 a.m." -> "2 a.m.", "2:05" -> "2 oh 5", "14:00" -> "14 hundred".
                let k = skip_spaces(self.t, after);
                let ampm = ["a.m.", "p.m.", "A.M.", "P.M.", "am", "pm", "AM", "PM"]
                    .into_iter()
                    .find(|p| self.t[k..].starts_with(p) && !next_is_letter(self.t, k + p.len()));
                let s = match (m, ampm) {
                    (0, Some(_)) => format!("{hour}"),
                    (0, None) if hour <= 12 => format!("{hour} o'clock"),
                    (0, None) => format!("{hour} hundred"),
                    (1..=9, _) => format!("{hour} oh {m}"),
                    _ => format!("{hour} {m}"),
                };
                Some((after, s))
            }
        }
    }

    fn iso_date(&self, i: usize, t: &Tables) -> Rule {
        let b = self.t.as_bytes();
        let d = |p: usize, n: usize| -> Option<u64> {
            let s = b.get(p..p + n)?;
            s.iter()
                .all(u8::is_ascii_digit)
                .then(|| s.iter().fold(0u64, |a, &c| a * 10 + u64::from(c - b'0')))
        };
        let y = d(i, 4)?;
        if b.get(i + 4) != Some(&b'-')
            || b.get(i + 7) != Some(&b'-')
            || next_is_alnum(self.t, i + 10)
        {
            return None;
        }
        let m = d(i + 5, 2).filter(|m| (1..=12).contains(m))?;
        let day = d(i + 8, 2).filter(|d| (1..=31).contains(d))?;
        let month = t.months[(m - 1) as usize];
        let s = match t.lang {
            "en" => format!("{month} {day}{}, {}", en_suffix(day), numbers::en_year(y)),
            "fr" => format!(
                "{} {month} {y}",
                if day == 1 {
                    "1er".to_string()
                } else {
                    day.to_string()
                }
            ),
            "es" => format!("{day} de {month} de {y}"),
            "de" => format!("{} {month} {y}", numbers::de_ordinal(day, "en")),
            _ => return None,
        };
        Some((i + 10, s))
    }

    /// "555-123-4567" and "555-1234" (not "200-1500": a range of round numbers) are read digit by
    /// digit, a pause between the groups, as one reads a phone number out.
    fn phone(&self, i: usize) -> Rule {
        if self.t[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '-')
        {
            return None;
        }
        let groups: Vec<&str> = self.t[i..]
            .split(|c: char| !c.is_ascii_digit() && c != '-')
            .next()?
            .split('-')
            .collect();
        let lens: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        let phone = match lens.as_slice() {
            [3, 3, 4] => true,
            [3, 4] => !groups[1].ends_with("00"),
            _ => false,
        };
        let end = i + groups.iter().map(|g| g.len() + 1).sum::<usize>() - 1;
        if !phone || next_is_alnum(self.t, end) {
            return None;
        }
        let spoken: Vec<String> = groups
            .iter()
            .map(|g| g.chars().map(String::from).collect::<Vec<_>>().join(" "))
            .collect();
        Some((end, spoken.join(", ")))
    }

    fn range(&self, i: usize, num: &Num, t: &Tables) -> Rule {
        let b = self.t.as_bytes();
        let e = num.end;
        let rest = &self.t[e..];
        let dash_len = if rest.starts_with('-') {
            1
        } else if rest.starts_with('–') {
            3
        } else if rest.starts_with(" – ") || rest.starts_with(" - ") {
            rest[1..].chars().next().map_or(0, char::len_utf8) + 2
        } else if rest.starts_with('/') && num.raw.len() == 4 {
            // A season: "2023/24" (only so: "1/2" is a fraction, "3/4" a date or a fraction).
            let next = num.value().map(|v| (v + 1) % 100);
            let second = self.t.get(e + 1..e + 3).and_then(|s| s.parse::<u64>().ok());
            if next.is_none() || next != second || next_is_alnum(self.t, e + 3) {
                return None;
            }
            1
        } else {
            return None;
        };
        let j = e + dash_len;
        if !b.get(j).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        // Not a phone number, a code or a date: "555-123-4567", "AS750-10" (a letter before).
        if self.t[..i]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphabetic() || c == '-')
        {
            return None;
        }
        let second = number_at(self.t, j, t.lang)?;
        if self.t[second.end..].starts_with(['-', '–', '/'])
            && b.get(second.end + 1).is_some_and(u8::is_ascii_digit)
        {
            return None;
        }
        if num.raw.len() > 7 || second.raw.len() > 7 {
            return None;
        }
        let en_year = |n: &Num| {
            n.value()
                .filter(|v| t.lang == "en" && (1100..=2099).contains(v) && n.raw.len() == 4)
                .map(numbers::en_year)
        };
        let a = en_year(num).unwrap_or_else(|| num.spoken(t.lang));
        // The second end is a year only when the first is: "555-1234" has no year in it.
        let bs = en_year(num)
            .and(en_year(&second))
            .unwrap_or_else(|| second.spoken(t.lang));
        // "2020-24": the second year is short.
        let bs = if t.lang == "en"
            && num.raw.len() == 4
            && second.raw.len() == 2
            && en_year(num).is_some()
        {
            let full = num.value()? / 100 * 100 + second.value()?;
            numbers::en_year(full)
        } else {
            bs
        };
        // "between 2020 and 2024", "entre ... et", "zwischen ... und".
        let prev = prev_word(self.t, i).to_lowercase();
        let joiner = if matches!(prev.as_str(), "between" | "entre" | "zwischen") {
            t.and
        } else {
            t.range
        };
        Some((second.end, format!("{a} {joiner} {bs}")))
    }

    fn ordinal(&self, i: usize, num: &Num, t: &Tables) -> Rule {
        let e = num.end;
        let b = self.t.as_bytes();
        match t.lang {
            "de" => {
                // "am 3. Oktober" -> "am dritten Oktober", "im 19. Jahrhundert".
                let v = num.small_int().filter(|_| num.raw.len() <= 3)?;
                if b.get(e) != Some(&b'.') || b.get(e + 1).is_none_or(|c| *c != b' ') {
                    return None;
                }
                let next = next_word(self.t, e + 1);
                let prev = prev_word(self.t, i).to_lowercase();
                let lower_next = next.to_lowercase();
                let de = crate::segment::lang::rules("de")?;
                let month = crate::segment::lang::contains(de.months, &lower_next);
                let noun = crate::segment::lang::contains(de.ordinal_nouns, &lower_next);
                let before = crate::segment::lang::contains(de.ordinal_before, &prev);
                if !(month || noun || (before && next.starts_with(char::is_uppercase))) {
                    return None;
                }
                let ending = if matches!(prev.as_str(), "der" | "die" | "das") {
                    "e"
                } else {
                    "en"
                };
                Some((e + 1, numbers::de_ordinal(v, ending)))
            }
            "es" => {
                // 1.º, 2.ª, 1º
                let v = num.small_int()?;
                let rest = &self.t[e..];
                let (len, fem) = [
                    (".º", false),
                    (".ª", true),
                    ("º", false),
                    ("ª", true),
                    (".°", false),
                ]
                .into_iter()
                .find(|(s, _)| rest.starts_with(s))
                .map(|(s, f)| (s.len(), f))?;
                let w = numbers::es_ordinal(v, fem)?;
                Some((e + len, w))
            }
            "fr" => {
                // "21e siècle", "2e", "3ème", "1er", "1re"
                let v = num.small_int().filter(|_| num.raw.len() <= 2)?;
                let rest = &self.t[e..];
                let len = ["ème", "eme", "er", "re", "e"]
                    .into_iter()
                    .find(|s| rest.starts_with(s) && !next_is_letter(self.t, e + s.len()))?
                    .len();
                let w = if v == 1 && rest.starts_with("re") {
                    "première".to_string()
                } else {
                    numbers::fr_ordinal(v)
                };
                Some((e + len, w))
            }
            _ => None,
        }
    }

    fn unit(&self, i: usize, num: &Num, t: &Tables) -> Rule {
        let e = num.end;
        let j = skip_spaces(self.t, e);
        if j > e + 3 {
            return None;
        }
        let rest = &self.t[j..];
        // "3.5m people", "2bn users": a magnitude written on the number, before a counted noun
        // (while "100m race" is metres).
        if t.lang == "en" && j == e {
            for (w, spoken) in [("m", "million"), ("bn", "billion")] {
                let after = j + w.len();
                if rest.starts_with(w)
                    && !next_is_letter(self.t, after)
                    && (w == "bn"
                        || COUNTED
                            .binary_search(&next_word(self.t, after).to_lowercase().as_str())
                            .is_ok())
                {
                    return Some((after, format!("{} {spoken}", num.spoken(t.lang))));
                }
            }
            // "9.58s", "0.5s": seconds (on a whole number, "the 1990s", "in his 50s" are plurals).
            if num.frac.is_some() && rest.starts_with('s') && !next_is_letter(self.t, j + 1) {
                return Some((j + 1, format!("{} seconds", num.spoken(t.lang))));
            }
            // "grow 10x", "a 2.5x zoom": times; "1920x1080", "a 2x4": by (not "0x1F", hex).
            if rest.starts_with('x') && !next_is_letter(self.t, j + 1) && num.raw != "0" {
                let by = rest[1..].starts_with(|c: char| c.is_ascii_digit());
                let word = if by { "by " } else { "times" };
                return Some((j + 1, format!("{} {word}", num.spoken(t.lang))));
            }
        }
        let &(sym, one, many) = t.units.iter().find(|(s, _, _)| {
            rest.starts_with(s)
                && !next_is_letter(self.t, j + s.len())
                && !self.t[j + s.len()..].starts_with(['²', '³'])
        })?;
        let mut end = j + sym.len();
        // "a 100m race" is a "100 meter race".
        let unit = if num.is_one() || attributive_amount(self.t, i, end, t.lang) {
            one
        } else {
            many
        };
        // "5 ft. tall": the unit's own period goes with it.
        if self.t[end..].starts_with('.')
            && !sym.ends_with('.')
            && next_word(self.t, end + 1).starts_with(char::is_lowercase)
        {
            end += 1;
        }
        Some((end, format!("{} {unit}", num.spoken(t.lang))))
    }

    fn year_context(&self, i: usize, e: usize) -> bool {
        let prev = prev_word(self.t, i).to_lowercase();
        let prev = prev.trim_end_matches(',');
        if YEAR_BEFORE.contains(&prev) {
            return true;
        }
        if self.t[..i].trim_end().ends_with(['(', ',']) {
            return true;
        }
        let rest = self.t[e..].trim_start();
        rest.is_empty() || rest.starts_with(['.', ',', ';', ':', ')', '!', '?'])
    }

    fn month_after(&self, e: usize, t: &Tables) -> bool {
        t.months.contains(&next_word(self.t, e))
    }

    fn month_before(&self, i: usize, t: &Tables) -> bool {
        let w = prev_word(self.t, i);
        let w = w.trim_end_matches('.');
        t.months.iter().any(|m| {
            *m == w
                || (w.len() >= 3
                    && m.starts_with(w)
                    && w.chars().next().is_some_and(char::is_uppercase))
        })
    }

    // ----- words -----

    fn word(&self, i: usize, t: &Tables) -> Rule {
        // Abbreviations (written with periods, or in the table as written).
        if let Some(r) = self.abbreviation(i, t) {
            return Some(r);
        }
        let end = self.t[i..]
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(self.t.len(), |(p, _)| i + p);
        let word = &self.t[i..end];
        if let Some(r) = self.roman(i, end, word, t) {
            return Some(r);
        }
        // German compound street names: "Hauptstr." -> "Hauptstraße".
        if t.lang == "de"
            && word.len() > 5
            && word.ends_with("str")
            && self.t[end..].starts_with('.')
        {
            let tail = if self.t[end + 1..].trim().is_empty() {
                "."
            } else {
                ""
            };
            return Some((end + 1, format!("{}straße{tail}", &word[..word.len() - 3])));
        }
        match word {
            "WWII" => Some((end, war(t, 2))),
            "WWI" => Some((end, war(t, 1))),
            _ => None,
        }
    }

    fn abbreviation(&self, i: usize, t: &Tables) -> Rule {
        let rest = &self.t[i..];
        let first = rest.as_bytes()[0].to_ascii_lowercase();
        for &(key, ctx, spoken) in t.abbreviations {
            // Cheap filter on the first byte (ASCII case folded) before the real comparison.
            if key.as_bytes()[0].to_ascii_lowercase() != first {
                continue;
            }
            let (matched, capital) = match_key(rest, key);
            if !matched {
                continue;
            }
            let end = i + key.len();
            // The key must end the word: "St." but not "Sta."; "Mme" but not "Mmes".
            if !key.ends_with('.') && next_is_alnum(self.t, end) {
                continue;
            }
            if key.ends_with('.') && self.t[end..].starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            let next_capital = next_word(self.t, end).starts_with(char::is_uppercase);
            let ok = match ctx {
                Ctx::Any => true,
                Ctx::BeforeNumber => {
                    self.t[skip_spaces(self.t, end)..].starts_with(|c: char| c.is_ascii_digit())
                }
                Ctx::BeforeCapital => next_capital,
                Ctx::AfterCapital => {
                    let p = prev_word(self.t, i);
                    (p.starts_with(char::is_uppercase)
                        || p.starts_with(|c: char| c.is_ascii_digit()))
                        && !p.ends_with([',', ';', ':'])
                        && !next_capital
                }
                Ctx::AfterComma => {
                    let before = self.t[..i].trim_end_matches(' ');
                    before.ends_with([',', '-', '(', '–'])
                }
                Ctx::AfterNumber => prev_word(self.t, i).starts_with(|c: char| c.is_ascii_digit()),
            };
            if !ok {
                continue;
            }
            // A period that also ends the sentence stays, and so does the period of an
            // abbreviation that can end a sentence when a capital follows ("Main St. Read
            // more"): the segmenter judged it no boundary, but a pause does no harm.
            let final_period = key.ends_with('.')
                && (self.t[end..]
                    .trim_start_matches(|c: char| c.is_whitespace() || "\"'”’»)".contains(c))
                    .is_empty()
                    || (next_capital
                        && ctx != Ctx::BeforeCapital
                        && can_end_sentence(t.lang, key)));
            let mut s = if capital {
                capitalize(spoken)
            } else {
                spoken.to_string()
            };
            if final_period {
                s.push('.');
            }
            return Some((end, s));
        }
        None
    }

    /// "King Charles III" -> "King Charles the Third", "World War II" -> "World War Two",
    /// "Louis XIV" -> "Louis quatorze", "Felipe VI" -> "Felipe sexto", "Ludwig XIV." -> "Ludwig
    /// der Vierzehnte".
    fn roman(&self, i: usize, end: usize, word: &str, t: &Tables) -> Rule {
        // French ordinals: "XXIe siècle", "Ier", "IIe".
        let (word, end, fr_ord) = match t.lang {
            "fr" => match ["er", "e", "ème"]
                .into_iter()
                .find(|s| word.ends_with(s) && word.len() > s.len())
            {
                Some(suffix) => (&word[..word.len() - suffix.len()], end, true),
                None => (word, end, false),
            },
            _ => (word, end, false),
        };
        let v = numbers::roman(word)?;
        let prev = prev_word(self.t, i);
        let counting = t.counting.contains(&prev.to_lowercase().as_str());
        if fr_ord {
            return Some((
                end,
                if v == 1 {
                    "premier".to_string()
                } else {
                    format!("{v}e")
                },
            ));
        }
        if !counting
            && (!prev.starts_with(char::is_uppercase) || prev.ends_with(['.', ',', ':', ';']))
        {
            return None;
        }
        // One letter (I, V, X) only after a known name.
        if word.len() == 1 && !t.regnal_names.contains(&prev) && !counting {
            return None;
        }
        let b = self.t.as_bytes();
        match t.lang {
            "en" => {
                if counting {
                    Some((end, capitalize(&numbers::en_cardinal(v))))
                } else {
                    Some((end, format!("the {}", capitalize(&numbers::en_ordinal(v)))))
                }
            }
            "fr" => {
                if v == 1 {
                    Some((end, "premier".to_string()))
                } else {
                    Some((end, v.to_string()))
                }
            }
            "es" => {
                if counting {
                    return Some((end, v.to_string()));
                }
                Some((
                    end,
                    numbers::es_ordinal(v, false).unwrap_or_else(|| v.to_string()),
                ))
            }
            "de" => {
                let dot = b.get(end) == Some(&b'.');
                if counting {
                    return Some((end, numbers::de_cardinal(v)));
                }
                // Keep a period that ends the sentence.
                let tail = if dot && self.t[end + 1..].trim().is_empty() {
                    "."
                } else {
                    ""
                };
                let e = if dot { end + 1 } else { end };
                Some((
                    e,
                    format!("der {}{tail}", capitalize(&numbers::de_ordinal(v, "e"))),
                ))
            }
            _ => None,
        }
    }

    // ----- symbols -----

    fn symbol(&self, i: usize, c: char, t: &Tables) -> Rule {
        let e = i + c.len_utf8();
        let spaced = |w: &str| Some((e, w.to_string()));
        let before_digit = self.t[e..].starts_with(|c: char| c.is_ascii_digit());
        let alone = self.t[..i].ends_with(' ') && self.t[e..].starts_with(' ');
        match c {
            '&' => spaced(t.and),
            '+' if alone => spaced(t.plus),
            '=' if alone => spaced(t.equals),
            '~' | '≈' if before_digit => Some((e, format!("{} ", t.about))),
            '#' | '№' if before_digit => Some((e, format!("{} ", t.number))),
            '§' => Some((e, format!("{} ", t.section))),
            '×' if alone => spaced(if t.lang == "en" { "times" } else { "×" }),
            '½' | '¼' | '¾' | '⅓' | '⅔' => {
                let w = t.fractions.iter().find(|(f, _)| f.starts_with(c))?.1;
                spaced(w)
            }
            '\'' | '’' if t.lang == "en" => {
                // '90s -> nineties
                let b = self.t.as_bytes();
                let d = b.get(e..e + 3)?;
                if d[0].is_ascii_digit()
                    && d[1] == b'0'
                    && d[2] == b's'
                    && !next_is_letter(self.t, e + 3)
                {
                    return Some((e + 3, numbers::en_decade(u64::from(d[0] - b'0') * 10)));
                }
                None
            }
            _ => None,
        }
    }
}

/// Whether `rest` starts with `key`, also when the text capitalizes a lowercase key at the start
/// of a sentence ("Ca. 5" for "ca."); the second value tells that case.
fn match_key(rest: &str, key: &str) -> (bool, bool) {
    if rest.starts_with(key) {
        return (true, false);
    }
    let mut kc = key.chars();
    let mut rc = rest.chars();
    match (kc.next(), rc.next()) {
        (Some(k), Some(r))
            if k.is_lowercase() && r.is_uppercase() && r.to_lowercase().eq(std::iter::once(k)) =>
        {
            (rc.as_str().starts_with(kc.as_str()), true)
        }
        _ => (false, false),
    }
}

/// Whether the segmenter counts `key` (with its final period) as an abbreviation that can end
/// a sentence ("etc.", "St.", "usw.").
fn can_end_sentence(lang: &str, key: &str) -> bool {
    let Some(rules) = crate::segment::lang::rules(lang) else {
        return false;
    };
    let k = key.trim_end_matches('.').to_lowercase();
    rules.abbreviation(&k) == Some(crate::segment::lang::Abbr::End)
}

fn war(t: &Tables, n: u64) -> String {
    match t.lang {
        "en" => format!("World War {}", if n == 1 { "One" } else { "Two" }),
        _ => format!("WW{}", if n == 1 { "I" } else { "II" }),
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn en_suffix(n: u64) -> &'static str {
    match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    }
}

/// Words before a four-digit number that make it a year.
/// Nouns counted in millions in the news ("3.5m people"), lowercase and sorted: after one of
/// them an attached "m" is "million", not "metres".
const COUNTED: &[&str] = &[
    "acres",
    "adults",
    "barrels",
    "cars",
    "cases",
    "children",
    "copies",
    "customers",
    "deaths",
    "devices",
    "doses",
    "downloads",
    "employees",
    "euros",
    "families",
    "followers",
    "hectares",
    "homes",
    "households",
    "jobs",
    "listeners",
    "members",
    "migrants",
    "passengers",
    "patients",
    "people",
    "pounds",
    "readers",
    "refugees",
    "residents",
    "shares",
    "students",
    "subscribers",
    "tonnes",
    "tons",
    "units",
    "users",
    "vehicles",
    "viewers",
    "visitors",
    "voters",
    "workers",
];

const YEAR_BEFORE: &[&str] = &[
    "in",
    "since",
    "from",
    "by",
    "until",
    "till",
    "of",
    "to",
    "and",
    "between",
    "before",
    "after",
    "during",
    "year",
    "summer",
    "winter",
    "spring",
    "fall",
    "autumn",
    "early",
    "late",
    "mid",
    "the",
    "circa",
    "c.",
    "ca.",
    "through",
    "around",
    "about",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan.",
    "feb.",
    "aug.",
    "sept.",
    "oct.",
    "nov.",
    "dec.",
    "or",
    "than",
    "back",
    "fiscal",
];

/// Top-level domains read as a web address ("example.com").
const TLDS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "io", "ai", "co", "uk", "de", "fr", "es", "it", "nl", "eu",
    "info", "tv", "me", "app", "dev", "ch", "at", "be", "ca", "au", "us", "int", "news", "pt",
];

/// Longest token (bytes) the address and amount rules look at.
const MAX_TOKEN: usize = 512;

/// End of the non-space token at `i`, without trailing punctuation.
fn token_end(t: &str, i: usize) -> usize {
    // Looked at from every token start: bounded, so that a long run without spaces stays linear.
    let mut end = t.len().min(i + MAX_TOKEN);
    while !t.is_char_boundary(end) {
        end -= 1;
    }
    let end = t[i..end].find(char::is_whitespace).map_or(end, |p| i + p);
    let tok = t[i..end].trim_end_matches(|c: char| ".,;:!?)]}\"'”’»>".contains(c));
    i + tok.len()
}

fn skip_spaces(t: &str, mut j: usize) -> usize {
    for c in t[j..].chars() {
        if c == ' ' || c == '\u{a0}' || c == '\u{202f}' {
            j += c.len_utf8();
        } else {
            break;
        }
    }
    j
}

fn next_is_letter(t: &str, j: usize) -> bool {
    t.get(j..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphabetic)
}

fn next_is_alnum(t: &str, j: usize) -> bool {
    t.get(j..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_alphanumeric)
}

/// The word after position `j` (spaces skipped): letters only.
fn next_word(t: &str, j: usize) -> &str {
    let s = t[j..].trim_start();
    let s = s.trim_start_matches(['"', '“', '‘', '\'', '(', '«', '„']);
    let end = s
        .char_indices()
        .take(64)
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or_else(
            || s.char_indices().nth(64).map_or(s.len(), |(p, _)| p),
            |(p, _)| p,
        );
    &s[..end]
}

/// Whether the amount written at `start..end` is used as an adjective before a noun, as in "a
/// $1.5 billion deal" or "the $5 fee", where a newsreader says "dollar", not "dollars". English
/// only. A determiner must come before it and a lowercase word that is not a function word or a
/// common verb after it, so that "the $2 billion was spent" and "a $5 in tips" keep the plural.
fn attributive_amount(t: &str, start: usize, end: usize, lang: &str) -> bool {
    if lang != "en" {
        return false;
    }
    const DETERMINERS: &[&str] = &[
        "a", "an", "the", "this", "that", "its", "his", "her", "their", "our", "your", "whose",
        "each", "every", "another",
    ];
    const NOT_NOUNS: &[&str] = &[
        "a", "an", "the", "and", "or", "but", "nor", "in", "of", "for", "to", "from", "on", "at",
        "by", "with", "into", "over", "per", "than", "as", "if", "is", "was", "are", "were", "be",
        "been", "has", "had", "have", "will", "would", "could", "should", "may", "might", "can",
        "must", "it", "he", "she", "they", "we", "i", "you", "that", "which", "who", "this",
        "each", "more", "less", "worth", "so", "too", "already", "earlier", "last", "went", "goes",
        "came", "comes", "said", "says", "remains", "remained",
    ];
    let before = prev_word(t, start);
    if !DETERMINERS.iter().any(|d| before.eq_ignore_ascii_case(d)) {
        return false;
    }
    // The noun must follow directly: a space, then a lowercase word (no punctuation between).
    let j = skip_spaces(t, end);
    if j == end || !t[j..].starts_with(|c: char| c.is_ascii_lowercase()) {
        return false;
    }
    let word = next_word(t, j);
    word.len() > 1 && word.bytes().all(|b| b.is_ascii_lowercase()) && !NOT_NOUNS.contains(&word)
}

/// The word before position `i` (up to the previous space, at most 64 characters), with
/// opening quotes and brackets removed: the segmenter's.
fn prev_word(t: &str, i: usize) -> &str {
    crate::segment::text::prev_word(t, i, 0)
}

/// A number as written: integer part with its group separators, and a fraction.
struct Num<'a> {
    raw: &'a str,
    int: &'a str,
    frac: Option<String>,
    grouped: bool,
    end: usize,
}

impl Num<'_> {
    fn value(&self) -> Option<u64> {
        if self.frac.is_some() {
            return None;
        }
        self.int
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok()
    }

    fn small_int(&self) -> Option<u64> {
        (!self.grouped).then(|| self.value()).flatten()
    }

    fn is_one(&self) -> bool {
        self.frac.is_none() && self.int == "1"
    }

    /// As handed to the engine: English group commas removed (they make it pause).
    fn spoken(&self, lang: &str) -> String {
        if lang == "en" && self.grouped {
            self.raw.replace(',', "")
        } else {
            self.raw.to_string()
        }
    }
}

/// The number starting at `i`: English "1,200.50"; French "1 200,5"; Spanish and German
/// "1.200,50" (a period followed by exactly three digits groups, otherwise it is a decimal
/// point).
fn number_at<'a>(t: &'a str, i: usize, lang: &str) -> Option<Num<'a>> {
    let b = t.as_bytes();
    if !b.get(i).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (group, decimal): (&[u8], u8) = match lang {
        "en" => (b",", b'.'),
        "fr" => (b" ", b','),
        _ => (b".", b','),
    };
    let mut j = i;
    while j < b.len() && b[j].is_ascii_digit() {
        j += 1;
    }
    let mut grouped = false;
    let first_len = j - i;
    if first_len <= 3 {
        loop {
            let (sep_len, ok) = if j < b.len() && group.contains(&b[j]) {
                (1, true)
            } else if lang == "fr" && t[j..].starts_with(['\u{a0}', '\u{202f}']) {
                (t[j..].chars().next().map_or(1, char::len_utf8), true)
            } else {
                (0, false)
            };
            if !ok {
                break;
            }
            let g = j + sep_len;
            let three = b
                .get(g..g + 3)
                .is_some_and(|d| d.iter().all(u8::is_ascii_digit));
            let fourth = b.get(g + 3).is_some_and(u8::is_ascii_digit);
            if !three || fourth {
                break;
            }
            grouped = true;
            j = g + 3;
        }
    }
    let int_end = j;
    let mut frac = None;
    // Decimal part: the language's mark, or a period where groups are not periods.
    let dec_ok = |c: u8| c == decimal || (c == b'.' && !group.contains(&b'.') && decimal != b'.');
    if j + 1 < b.len() && dec_ok(b[j]) && b[j + 1].is_ascii_digit() {
        let mut k = j + 1;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        frac = Some(t[j + 1..k].to_string());
        j = k;
    }
    // Spanish and German also write decimals with a period ("12.5%"): accept when not grouped.
    if frac.is_none()
        && !grouped
        && lang != "en"
        && j + 1 < b.len()
        && b[j] == b'.'
        && b[j + 1].is_ascii_digit()
    {
        let mut k = j + 1;
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        if k - (j + 1) != 3 {
            frac = Some(t[j + 1..k].to_string());
            j = k;
        }
    }
    Some(Num {
        raw: &t[i..j],
        int: &t[i..int_end],
        frac,
        grouped,
        end: j,
    })
}
