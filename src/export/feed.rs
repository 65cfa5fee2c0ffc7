//! The folder's playlist (M3U) and podcast feed (RSS 2.0 with iTunes tags), written from the
//! markers of every article exported into the folder, so they list earlier exports too.

use super::subtitles::Marker;

/// The playlist's and the feed's file names in an export folder.
pub const PLAYLIST: &str = "playlist.m3u";
pub const FEED: &str = "feed.xml";

/// The generator line that marks a feed as ours (so a rerun may replace it).
pub const GENERATOR: &str = "listen (https://crates.io/crates/listen)";

/// The comment line that marks a playlist as ours (so a rerun may replace it).
pub const PLAYLIST_MARK: &str =
    "# Made by listen export: rewritten by each export into this folder";

/// One article in the folder, with its audio file's MIME type.
#[derive(Debug, Clone)]
pub struct Item {
    pub marker: Marker,
    pub mime: &'static str,
}

/// The feed's own metadata.
pub struct Channel<'a> {
    pub title: &'a str,
    /// Where the folder is served; enclosure links are relative without it.
    pub base_url: Option<&'a str>,
}

/// Extended M3U named `title`, with our mark: one entry per article, in export order.
pub fn m3u(title: &str, items: &[Item]) -> String {
    let mut out = format!("#EXTM3U\n#PLAYLIST:{}\n{PLAYLIST_MARK}\n", one_line(title));
    for it in items {
        out.push_str(&format!(
            "#EXTINF:{},{}\n{}\n",
            it.marker.duration.round() as u64,
            one_line(&it.marker.title),
            it.marker.audio
        ));
    }
    out
}

/// RSS 2.0 with the iTunes podcast tags; newest article first.
pub fn rss(channel: &Channel, items: &[Item], now: u64) -> String {
    let lang = most_common_lang(items);
    let link = channel.base_url.unwrap_or("");
    let mut out = String::with_capacity(1024 + items.len() * 800);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<rss version=\"2.0\" xmlns:itunes=\"http://www.itunes.com/dtds/podcast-1.0.dtd\">\n<channel>\n",
    );
    let title = xml(channel.title);
    let description = "Articles read aloud by listen";
    out.push_str(&format!("  <title>{title}</title>\n"));
    out.push_str(&format!("  <link>{}</link>\n", xml(link)));
    out.push_str(&format!("  <description>{description}</description>\n"));
    out.push_str(&format!("  <language>{}</language>\n", xml(&lang)));
    out.push_str(&format!("  <generator>{GENERATOR}</generator>\n"));
    out.push_str(&format!(
        "  <lastBuildDate>{}</lastBuildDate>\n",
        rfc2822(now)
    ));
    out.push_str("  <itunes:author>listen</itunes:author>\n");
    out.push_str(&format!(
        "  <itunes:summary>{description}</itunes:summary>\n"
    ));
    out.push_str("  <itunes:explicit>false</itunes:explicit>\n");
    out.push_str("  <itunes:type>episodic</itunes:type>\n");
    out.push_str("  <itunes:category text=\"News\"/>\n");
    for it in items.iter().rev() {
        let m = &it.marker;
        out.push_str("  <item>\n");
        out.push_str(&format!(
            "    <title>{}</title>\n",
            xml(&one_line(&m.title))
        ));
        if let Some(d) = &m.description {
            out.push_str(&format!("    <description>{}</description>\n", xml(d)));
            out.push_str(&format!(
                "    <itunes:summary>{}</itunes:summary>\n",
                xml(d)
            ));
        }
        if let Some(l) = &m.link {
            out.push_str(&format!("    <link>{}</link>\n", xml(l)));
        }
        out.push_str(&format!(
            "    <guid isPermaLink=\"false\">{}</guid>\n",
            xml(&m.key)
        ));
        // Articles of one export are a second apart, so apps keep their order.
        out.push_str(&format!(
            "    <pubDate>{}</pubDate>\n",
            rfc2822(m.exported + m.seq as u64)
        ));
        out.push_str(&format!(
            "    <enclosure url=\"{}\" length=\"{}\" type=\"{}\"/>\n",
            xml(&enclosure_url(channel.base_url, &m.audio)),
            m.audio_bytes,
            it.mime
        ));
        out.push_str(&format!(
            "    <itunes:duration>{}</itunes:duration>\n",
            hms(m.duration)
        ));
        out.push_str("    <itunes:episodeType>full</itunes:episodeType>\n");
        out.push_str("    <itunes:explicit>false</itunes:explicit>\n");
        out.push_str("  </item>\n");
    }
    out.push_str("</channel>\n</rss>\n");
    out
}

/// The enclosure link: the base URL joined with the file name, percent-encoded.
pub fn enclosure_url(base: Option<&str>, file: &str) -> String {
    let name = percent_encode(file);
    match base {
        None => name,
        Some(b) if b.ends_with('/') => format!("{b}{name}"),
        Some(b) => format!("{b}/{name}"),
    }
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn most_common_lang(items: &[Item]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for it in items {
        match counts.iter_mut().find(|(l, _)| *l == it.marker.lang) {
            Some((_, n)) => *n += 1,
            None => counts.push((&it.marker.lang, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map_or_else(|| "en".to_string(), |(l, _)| l.to_string())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes text for XML content and attributes, dropping characters XML 1.0 forbids.
pub fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// `H:MM:SS` (the iTunes duration form).
pub fn hms(secs: f64) -> String {
    let s = secs.round().max(0.0) as u64;
    format!("{}:{:02}:{:02}", s / 3600, s / 60 % 60, s % 60)
}

/// RFC 2822 date in UTC, as RSS wants: `Tue, 10 Jun 2003 04:00:00 +0000`.
pub fn rfc2822(unix: u64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = unix / 86_400;
    let rem = unix % 86_400;
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
        DAYS[(days % 7) as usize],
        d,
        MONTHS[(m - 1) as usize],
        y,
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Days since 1970-01-01 -> (year, month, day), proleptic Gregorian (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(title: &str, audio: &str, seq: usize) -> Item {
        Item {
            marker: Marker {
                key: format!("k{seq}"),
                source: String::new(),
                fingerprint: "f".into(),
                audio: audio.into(),
                audio_bytes: 1234,
                duration: 3725.4,
                title: title.into(),
                description: Some("By A & B".into()),
                lang: "en".into(),
                link: Some("https://x.org/?a=1&b=2".into()),
                exported: 1_700_000_000,
                seq,
            },
            mime: "audio/mpeg",
        }
    }

    #[test]
    fn dates_and_durations() {
        assert_eq!(rfc2822(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        assert_eq!(rfc2822(1_700_000_000), "Tue, 14 Nov 2023 22:13:20 +0000");
        assert_eq!(rfc2822(951_782_400), "Tue, 29 Feb 2000 00:00:00 +0000");
        assert_eq!(hms(3725.4), "1:02:05");
        assert_eq!(hms(59.6), "0:01:00");
    }

    #[test]
    fn links() {
        assert_eq!(enclosure_url(None, "a b.mp3"), "a%20b.mp3");
        assert_eq!(
            enclosure_url(Some("https://h/p/"), "é.mp3"),
            "https://h/p/%C3%A9.mp3"
        );
        assert_eq!(
            enclosure_url(Some("https://h/p"), "a.mp3"),
            "https://h/p/a.mp3"
        );
    }

    #[test]
    fn playlist_and_feed() {
        let items = vec![
            item("First <one>", "first.mp3", 0),
            item("Second", "second.mp3", 1),
        ];
        let m = m3u("pod", &items);
        assert_eq!(
            m,
            format!(
                "#EXTM3U\n#PLAYLIST:pod\n{PLAYLIST_MARK}\n\
                 #EXTINF:3725,First <one>\nfirst.mp3\n#EXTINF:3725,Second\nsecond.mp3\n"
            )
        );
        let feed = rss(
            &Channel {
                title: "Pod & cast",
                base_url: Some("https://h/p"),
            },
            &items,
            1_700_000_100,
        );
        assert!(feed.contains("<title>Pod &amp; cast</title>"));
        assert!(feed.contains(
            "<enclosure url=\"https://h/p/first.mp3\" length=\"1234\" type=\"audio/mpeg\"/>"
        ));
        assert!(feed.contains("<itunes:duration>1:02:05</itunes:duration>"));
        // Newest first.
        let at = |s: &str| {
            feed.find(s)
                .unwrap_or_else(|| panic!("{s} missing from {feed}"))
        };
        assert!(at("Second") < at("First &lt;one&gt;"));
        assert_eq!(feed.matches("<item>").count(), 2);
        assert!(xml("a\u{1}b") == "ab");
    }
}
