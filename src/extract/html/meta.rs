//! Metadata: title, byline, publication date, site name and language, from the `<head>`,
//! JSON-LD and microdata, with the page's own elements as fallbacks.

use serde_json::Value;

use super::dom::{Dom, HEADLINE_HINT, JUNK, Tag};
use crate::extract::textutil::normalize_space;

/// Structured data about the article found in JSON-LD.
#[derive(Default, Debug)]
pub struct LinkedData {
    pub headline: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub language: Option<String>,
    /// The declared article body: a hint only, often truncated or stale.
    pub body: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "AskPublicNewsArticle",
    "SatiricalArticle",
    "ScholarlyArticle",
    "TechArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "Report",
    "Review",
    "Recipe",
];

fn is_article(v: &Value) -> bool {
    let check = |s: &str| {
        let s = s.rsplit(['/', ':']).next().unwrap_or(s);
        ARTICLE_TYPES.contains(&s)
    };
    match &v["@type"] {
        Value::String(s) => check(s),
        Value::Array(a) => a.iter().filter_map(Value::as_str).any(check),
        _ => false,
    }
}

fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            if let Some(main) = map.get("mainEntity").filter(|m| is_article(m)).cloned() {
                out.push(main);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Object(_) => v["name"].as_str().map(String::from).into_iter().collect(),
        Value::Array(items) => items.iter().flat_map(names).collect(),
        _ => Vec::new(),
    }
}

fn text_field(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.as_str(),
        Value::Array(a) => a.first().and_then(Value::as_str)?,
        Value::Object(_) => v["name"].as_str().or(v["@value"].as_str())?,
        _ => return None,
    };
    let s = normalize_space(s);
    (!s.is_empty()).then_some(s)
}

impl LinkedData {
    pub fn parse(scripts: &[String]) -> LinkedData {
        let mut items = Vec::new();
        for s in scripts {
            let s = s
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim()
                .trim_start_matches("//<![CDATA[")
                .trim_end_matches("//]]>")
                .trim();
            if let Ok(v) = serde_json::from_str::<Value>(s) {
                flatten(v, &mut items, 0);
            }
        }
        let mut ld = LinkedData::default();
        for v in items.iter().filter(|v| is_article(v)) {
            if ld.headline.is_none() {
                ld.headline = text_field(&v["headline"]).or_else(|| text_field(&v["name"]));
            }
            if ld.authors.is_empty() {
                ld.authors = names(&v["author"])
                    .into_iter()
                    .map(|n| normalize_space(&n))
                    .filter(|n| !n.is_empty() && !n.starts_with("http"))
                    .collect();
            }
            if ld.published.is_none() {
                ld.published = text_field(&v["datePublished"]);
            }
            if ld.publisher.is_none() {
                ld.publisher = text_field(&v["publisher"]);
            }
            if ld.language.is_none() {
                ld.language = text_field(&v["inLanguage"]);
            }
            if ld.body.is_none() {
                ld.body = v["articleBody"]
                    .as_str()
                    .map(str::to_string)
                    .filter(|b| !b.trim().is_empty());
            }
        }
        if ld.publisher.is_none() {
            ld.publisher = items
                .iter()
                .find(|v| v["@type"] == "WebSite" || v["@type"] == "Organization")
                .and_then(|v| text_field(&v["name"]));
        }
        ld
    }
}

/// `<meta>` contents for the first of `keys` present.
fn meta(dom: &Dom, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| dom.head.meta(k))
        .map(normalize_space)
        .find(|v| !v.is_empty())
}

/// Letters and digits only, lowercased: titles are compared this way, as the `<title>`, the
/// `og:title`, the `<h1>` and a heading repeated in the body differ in case and punctuation.
pub(super) fn comparable(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

const SEPARATORS: &[&str] = &[
    " | ", " - ", " — ", " – ", " · ", " :: ", " » ", " « ", " / ", " • ",
];

/// "Headline | Site Name" -> "Headline"; also "Site Name: Headline" when the site is known.
pub fn strip_site(title: &str, site: Option<&str>) -> String {
    let site_c = site.map(comparable).filter(|s| !s.is_empty());
    for sep in SEPARATORS {
        if let Some(pos) = title.rfind(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            let tail_is_site = site_c
                .as_deref()
                .is_some_and(|s| comparable(tail).contains(s) || s.contains(&comparable(tail)));
            if tail_is_site
                || (head.split_whitespace().count() >= 3 && tail.split_whitespace().count() <= 4)
            {
                return strip_site(head.trim(), site);
            }
        }
        if let Some(pos) = title.find(sep) {
            let (head, tail) = (&title[..pos], &title[pos + sep.len()..]);
            let head_is_site = site_c
                .as_deref()
                .is_some_and(|s| comparable(head) == s && tail.split_whitespace().count() >= 2);
            // "Opinion | Headline": a section label before the headline.
            let head_is_label = *sep == " | "
                && head.split_whitespace().count() <= 2
                && tail.split_whitespace().count() >= 4;
            if head_is_site || head_is_label {
                return strip_site(tail.trim(), site);
            }
        }
    }
    title.trim().to_string()
}

/// The texts of the page's `<h1>` elements and elements marked as the headline (first few).
fn headline_elements(dom: &Dom) -> Vec<String> {
    let mut out = Vec::new();
    for (i, n) in dom.nodes.iter().enumerate() {
        if (n.tag == Tag::H(1) || (n.has(HEADLINE_HINT) && matches!(n.tag, Tag::H(_))))
            && !n.has(JUNK)
        {
            let t = normalize_space(&dom.raw_text(i as u32));
            if !t.is_empty() && t.chars().count() < 300 {
                out.push(t);
                if out.len() >= 4 {
                    break;
                }
            }
        }
    }
    out
}

pub fn title(dom: &Dom, ld: &LinkedData, site: Option<&str>) -> Option<String> {
    let from_meta = ld
        .headline
        .clone()
        .or_else(|| meta(dom, &["og:title", "twitter:title", "headline"]));
    let doc_title = dom
        .head
        .title
        .as_deref()
        .map(normalize_space)
        .filter(|t| !t.is_empty());
    let h1s = headline_elements(dom);
    // An on-page headline that the metadata confirms is the headline as the reader sees it.
    for h in &h1s {
        let hc = comparable(h);
        if hc.is_empty() {
            continue;
        }
        let confirmed = [&from_meta, &doc_title]
            .into_iter()
            .flatten()
            .any(|t| comparable(t).starts_with(&hc) || hc.starts_with(&comparable(t)));
        if confirmed {
            return Some(h.clone());
        }
    }
    if let Some(t) = from_meta {
        return Some(strip_site(&t, site));
    }
    if let Some(t) = doc_title {
        return Some(strip_site(&t, site));
    }
    h1s.into_iter().next()
}

fn clean_byline(s: &str) -> Option<String> {
    let s = normalize_space(s);
    let mut out = s.as_str();
    for prefix in ["by ", "par ", "von ", "por ", "di ", "door ", "av ", "af "] {
        if let Some(head) = s.get(..prefix.len())
            && head.eq_ignore_ascii_case(prefix)
        {
            out = &s[prefix.len()..];
            break;
        }
    }
    let out = out.trim().trim_end_matches([',', ';', '|']).trim();
    (!out.is_empty()
        && out.chars().count() <= 120
        && !out.starts_with("http")
        && !out.contains("://"))
    .then(|| out.to_string())
}

pub fn byline(dom: &Dom, ld: &LinkedData) -> Option<String> {
    if let Some(a) = meta(
        dom,
        &[
            "author",
            "article:author",
            "byl",
            "dc.creator",
            "dcterms.creator",
            "sailthru.author",
            "parsely-author",
            "citation_author",
        ],
    )
    .and_then(|a| clean_byline(&a))
    {
        return Some(a);
    }
    if !ld.authors.is_empty() {
        let mut seen: Vec<&str> = Vec::new();
        for a in &ld.authors {
            if !seen.contains(&a.as_str()) {
                seen.push(a);
            }
        }
        return clean_byline(&seen.join(", "));
    }
    // Microdata, rel=author, or an element named as the byline.
    for (i, n) in dom.nodes.iter().enumerate() {
        let Some(el) = n.el else { continue };
        let hit = el.attrs().any(|(k, v)| {
            (k == "itemprop" && v.split_ascii_whitespace().any(|p| p == "author"))
                || (k == "rel" && v.split_ascii_whitespace().any(|p| p == "author"))
                || (k == "class"
                    && v.split_ascii_whitespace().any(|c| {
                        c.eq_ignore_ascii_case("byline") || c.eq_ignore_ascii_case("author")
                    }))
        });
        if hit {
            let nested_name = dom
                .children(i as u32)
                .find(|&c| dom.nodes[c as usize].attr("itemprop") == Some("name"));
            let t = dom.raw_text(nested_name.unwrap_or(i as u32));
            if let Some(b) = clean_byline(&t) {
                return Some(b);
            }
        }
    }
    None
}

pub fn published(dom: &Dom, ld: &LinkedData) -> Option<String> {
    meta(
        dom,
        &[
            "article:published_time",
            "datepublished",
            "og:published_time",
            "published_time",
            "publishdate",
            "pubdate",
            "publish-date",
            "date",
            "dc.date",
            "dc.date.issued",
            "dcterms.created",
            "sailthru.date",
            "parsely-pub-date",
            "citation_publication_date",
        ],
    )
    .or_else(|| ld.published.clone())
    .or_else(|| {
        dom.nodes.iter().find_map(|n| {
            let el = n.el?;
            let marked = el.attrs().any(|(k, v)| {
                (k == "itemprop" && v == "datePublished") || (k == "pubdate") || k == "datetime"
            });
            if !marked {
                return None;
            }
            el.attrs()
                .find(|(k, _)| *k == "datetime" || *k == "content")
                .map(|(_, v)| normalize_space(v))
                .filter(|v| !v.is_empty())
        })
    })
}

/// The page's own address for itself: `<link rel="canonical">`, else `og:url`. As written: a
/// relative address is resolved by whoever knows the page's URL.
pub fn canonical_url(dom: &Dom) -> Option<String> {
    dom.head
        .canonical
        .map(str::to_string)
        .or_else(|| meta(dom, &["og:url"]))
        .filter(|u| !u.chars().any(char::is_whitespace) && u.len() <= 2048)
}

pub fn site_name(dom: &Dom, ld: &LinkedData) -> Option<String> {
    [
        meta(dom, &["og:site_name"]),
        meta(dom, &["application-name"]),
        ld.publisher.clone(),
        meta(dom, &["al:ios:app_name"]),
    ]
    .into_iter()
    .flatten()
    .find(|s| !s.contains("://") && s.chars().count() <= 80)
}

/// The page's language: `<html lang>`, then the HTTP header, then `<meta>` declarations and
/// JSON-LD. Detection from the text, when all are silent, is the caller's.
pub fn language(dom: &Dom, ld: &LinkedData, content_language: Option<&str>) -> Option<String> {
    let header = content_language.and_then(|h| h.split(',').next());
    let declared = [
        dom.head.html_lang.map(str::to_string),
        header.map(str::to_string),
        meta(
            dom,
            &[
                "content-language",
                "language",
                "dc.language",
                "og:locale",
                "inlanguage",
            ],
        ),
        ld.language.clone(),
    ];
    declared
        .into_iter()
        .flatten()
        .find_map(|l| crate::lang::primary_subtag(&l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_suffixes() {
        assert_eq!(
            strip_site("Kenya sends more troops | Daily News", None),
            "Kenya sends more troops"
        );
        assert_eq!(
            strip_site(
                "Kenya sends more troops - The Daily Planet News Network",
                Some("The Daily Planet News Network")
            ),
            "Kenya sends more troops"
        );
        assert_eq!(
            strip_site("Daily News: Kenya sends more troops", Some("Daily News")),
            "Daily News: Kenya sends more troops"
        );
        assert_eq!(
            strip_site("Daily News | Kenya sends more troops", Some("Daily News")),
            "Kenya sends more troops"
        );
        assert_eq!(strip_site("Short - Thing", None), "Short - Thing");
        assert_eq!(
            strip_site("Opinion | Republicans Are Following Trump to Nowhere", None),
            "Republicans Are Following Trump to Nowhere"
        );
    }

    #[test]
    fn linked_data_article() {
        let ld = LinkedData::parse(&[r#"{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","name":"The Site"},
            {"@type":["NewsArticle"],"headline":"Big news","datePublished":"2024-05-01T10:00:00Z",
             "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chen"}],
             "inLanguage":"en-GB","articleBody":"Text."}]}"#
            .to_string()]);
        assert_eq!(ld.headline.as_deref(), Some("Big news"));
        assert_eq!(ld.authors, vec!["Ann Lee", "Bo Chen"]);
        assert_eq!(ld.published.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(ld.publisher.as_deref(), Some("The Site"));
        assert_eq!(ld.language.as_deref(), Some("en-GB"));
        assert_eq!(ld.body.as_deref(), Some("Text."));
    }

    #[test]
    fn bylines() {
        assert_eq!(clean_byline("  By Jane  Doe ").as_deref(), Some("Jane Doe"));
        assert_eq!(clean_byline("https://facebook.com/x"), None);
    }
}
