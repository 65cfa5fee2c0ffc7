//! HTML -> Article: metadata from the head and structured data, body by readability-style scoring.
//!
//! First version: paragraphs score their ancestors by text length and punctuation; links and
//! negative class/id hints lower the score; the best container's blocks are the body.

use std::collections::HashMap;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Node, Selector};

use super::Input;
use super::textutil::normalize_space;
use crate::article::{Article, Block, BlockKind};

pub fn extract(input: &Input) -> Article {
    let doc = Html::parse_document(input.text);
    let mut article = Article {
        title: title(&doc),
        byline: meta(&doc, &["author", "article:author", "byl", "dc.creator"])
            .or_else(|| jsonld_author(&doc)),
        published: meta(
            &doc,
            &[
                "article:published_time",
                "datePublished",
                "date",
                "dc.date",
                "pubdate",
            ],
        )
        .or_else(|| jsonld_field(&doc, "datePublished")),
        site_name: meta(&doc, &["og:site_name", "application-name"]),
        lang: lang(&doc, input.content_language),
        blocks: Vec::new(),
    };
    article.blocks = body(&doc);
    if let (Some(t), Some(first)) = (&article.title, article.blocks.first())
        && first.text == *t
    {
        article.blocks.remove(0);
    }
    article
}

fn sel(s: &str) -> Selector {
    // The selectors below are literals written in this file: a failure is a programming error
    // caught by the unit tests, never input-dependent.
    Selector::parse(s).unwrap_or_else(|_| panic!("bad built-in selector {s}"))
}

fn meta(doc: &Html, names: &[&str]) -> Option<String> {
    let s = sel("meta");
    for name in names {
        for m in doc.select(&s) {
            let el = m.value();
            let key = el
                .attr("property")
                .or(el.attr("name"))
                .or(el.attr("itemprop"));
            if key.is_some_and(|k| k.eq_ignore_ascii_case(name))
                && let Some(c) = el.attr("content")
            {
                let c = normalize_space(c);
                if !c.is_empty() {
                    return Some(c);
                }
            }
        }
    }
    None
}

fn jsonld(doc: &Html) -> Vec<serde_json::Value> {
    let s = sel(r#"script[type="application/ld+json"]"#);
    let mut out = Vec::new();
    for script in doc.select(&s) {
        let text: String = script.text().collect();
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&text) {
            flatten_jsonld(v, &mut out);
        }
    }
    out
}

fn flatten_jsonld(v: serde_json::Value, out: &mut Vec<serde_json::Value>) {
    match v {
        serde_json::Value::Array(items) => items.into_iter().for_each(|i| flatten_jsonld(i, out)),
        serde_json::Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten_jsonld(graph, out);
            }
            out.push(serde_json::Value::Object(map));
        }
        _ => {}
    }
}

fn is_article_type(v: &serde_json::Value) -> bool {
    let t = &v["@type"];
    let check = |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report";
    match t {
        serde_json::Value::String(s) => check(s),
        serde_json::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).any(check),
        _ => false,
    }
}

fn jsonld_field(doc: &Html, field: &str) -> Option<String> {
    jsonld(doc)
        .iter()
        .filter(|v| is_article_type(v))
        .find_map(|v| v[field].as_str().map(normalize_space))
        .filter(|s| !s.is_empty())
}

fn jsonld_author(doc: &Html) -> Option<String> {
    for v in jsonld(doc).iter().filter(|v| is_article_type(v)) {
        let a = &v["author"];
        let names: Vec<String> = match a {
            serde_json::Value::String(s) => vec![s.clone()],
            serde_json::Value::Object(_) => {
                a["name"].as_str().map(String::from).into_iter().collect()
            }
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str().or(i["name"].as_str()).map(String::from))
                .collect(),
            _ => vec![],
        };
        if !names.is_empty() {
            return Some(names.join(", "));
        }
    }
    None
}

fn title(doc: &Html) -> Option<String> {
    let h1: Option<String> = doc
        .select(&sel("h1"))
        .map(|h| normalize_space(&h.text().collect::<String>()))
        .find(|t| !t.is_empty());
    let candidates = [
        meta(doc, &["og:title", "twitter:title"]),
        jsonld_field(doc, "headline"),
        doc.select(&sel("title"))
            .next()
            .map(|t| strip_site_suffix(&normalize_space(&t.text().collect::<String>()))),
    ];
    let best = candidates.into_iter().flatten().find(|t| !t.is_empty());
    match (best, h1) {
        // Prefer the <h1> when the metadata title is a longer "Headline | Site" form of it.
        (Some(b), Some(h)) if b.starts_with(&h) || h.starts_with(&strip_site_suffix(&b)) => Some(h),
        (Some(b), _) => Some(strip_site_suffix(&b)),
        (None, h) => h,
    }
}

/// "Headline | Site Name" -> "Headline" (also " - ", " — ", " · ").
fn strip_site_suffix(t: &str) -> String {
    for sep in [" | ", " - ", " — ", " – ", " · ", " :: "] {
        if let Some(pos) = t.rfind(sep) {
            let head = &t[..pos];
            let tail = &t[pos + sep.len()..];
            if head.split_whitespace().count() >= 3 && tail.split_whitespace().count() <= 5 {
                return head.trim().to_string();
            }
        }
    }
    t.to_string()
}

fn lang(doc: &Html, content_language: Option<&str>) -> Option<String> {
    let from_html = doc
        .select(&sel("html"))
        .next()
        .and_then(|h| h.value().attr("lang").or(h.value().attr("xml:lang")))
        .map(str::to_string);
    from_html
        .or(content_language.map(str::to_string))
        .or_else(|| {
            meta(
                doc,
                &["og:locale", "language", "content-language", "dc.language"],
            )
        })
        .and_then(|l| crate::lang::primary_subtag(&l))
}

const DROP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "footer",
    "aside",
    "form",
    "button",
    "iframe",
    "svg",
    "figure",
    "figcaption",
    "header",
    "template",
    "select",
    "audio",
    "video",
    "canvas",
];

const NEGATIVE_HINTS: &[&str] = &[
    "comment",
    "share",
    "social",
    "related",
    "recommend",
    "promo",
    "advert",
    "ad-",
    "ads",
    "sponsor",
    "newsletter",
    "subscribe",
    "signup",
    "cookie",
    "consent",
    "footer",
    "sidebar",
    "menu",
    "nav",
    "breadcrumb",
    "caption",
    "credit",
    "listen",
    "audio",
    "player",
    "popup",
    "modal",
    "banner",
    "teaser",
    "outbrain",
    "taboola",
    "widget",
    "tags",
    "byline",
    "author",
];

const POSITIVE_HINTS: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text",
];

fn class_id(el: &ElementRef) -> String {
    let v = el.value();
    format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase()
}

fn has_hint(s: &str, hints: &[&str]) -> bool {
    s.split(|c: char| c.is_whitespace() || c == '_')
        .any(|word| hints.iter().any(|h| word == *h || word.contains(h)))
}

/// True for elements whose whole subtree is never part of the article.
fn is_dropped(el: &ElementRef) -> bool {
    let v = el.value();
    let name = v.name();
    if DROP_TAGS.contains(&name) {
        return true;
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = v.attr("style") {
        let s: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if matches!(
        v.attr("role"),
        Some("navigation" | "complementary" | "banner" | "contentinfo")
    ) {
        return true;
    }
    let ci = class_id(el);
    !ci.trim().is_empty()
        && has_hint(&ci, NEGATIVE_HINTS)
        && !has_hint(
            &ci,
            &[
                "article-body",
                "articlebody",
                "story-body",
                "post-body",
                "entry-content",
            ],
        )
}

fn text_of(el: ElementRef) -> String {
    let mut out = String::new();
    collect_text(el, &mut out);
    normalize_space(&out)
}

fn collect_text(el: ElementRef, out: &mut String) {
    for child in el.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                if let Some(ce) = ElementRef::wrap(child) {
                    if is_dropped(&ce) {
                        continue;
                    }
                    let block = matches!(e.name(), "br" | "p" | "div" | "li" | "td" | "tr");
                    if block {
                        out.push(' ');
                    }
                    collect_text(ce, out);
                    if block {
                        out.push(' ');
                    }
                }
            }
            _ => {}
        }
    }
}

fn link_text_len(el: ElementRef) -> usize {
    el.select(&sel("a"))
        .map(|a| a.text().map(|t| t.trim().len()).sum::<usize>())
        .sum()
}

fn within_dropped(el: ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| is_dropped(&a))
        || is_dropped(&el)
}

fn body(doc: &Html) -> Vec<Block> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    for p in doc.select(&sel("p, pre, td")) {
        if within_dropped(p) {
            continue;
        }
        let text = text_of(p);
        let len = text.chars().count();
        if len < 25 {
            continue;
        }
        let link = link_text_len(p) as f64 / text.len().max(1) as f64;
        let score =
            (1.0 + text.matches([',', '.', ';']).count() as f64 + (len / 100).min(3) as f64)
                * (1.0 - link);
        let mut factor = 1.0;
        for (depth, anc) in p
            .ancestors()
            .filter_map(ElementRef::wrap)
            .enumerate()
            .take(3)
        {
            *scores.entry(anc.id()).or_default() += score * factor;
            factor = if depth == 0 { 0.5 } else { factor / 3.0 };
        }
    }
    let best = scores
        .iter()
        .filter_map(|(id, s)| {
            let node = doc.tree.get(*id)?;
            let el = ElementRef::wrap(node)?;
            let ci = class_id(&el);
            let mut s = *s;
            if has_hint(&ci, POSITIVE_HINTS) || matches!(el.value().name(), "article" | "main") {
                s *= 1.25;
            }
            if el.value().attr("itemprop") == Some("articleBody") {
                s *= 1.5;
            }
            Some((el, s))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(el, _)| el);
    let Some(root) = best.or_else(|| doc.select(&sel("body")).next()) else {
        return Vec::new();
    };
    let mut blocks = Vec::new();
    collect_blocks(root, &mut blocks);
    blocks
}

fn collect_blocks(el: ElementRef, out: &mut Vec<Block>) {
    for child in el.children() {
        let Some(ce) = ElementRef::wrap(child) else {
            continue;
        };
        if is_dropped(&ce) {
            continue;
        }
        let kind = match ce.value().name() {
            "p" | "pre" => Some(BlockKind::Paragraph),
            "h2" | "h3" | "h4" | "h5" | "h6" => Some(BlockKind::Heading),
            "li" => Some(BlockKind::ListItem),
            "blockquote" => Some(BlockKind::Quote),
            _ => None,
        };
        match kind {
            Some(kind) => {
                let text = text_of(ce);
                let link = link_text_len(ce) as f64 / text.len().max(1) as f64;
                if !text.is_empty() && (link < 0.5 || kind == BlockKind::Heading) {
                    out.push(Block::new(kind, text));
                }
            }
            None => collect_blocks(ce, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Format, Input};

    fn ex(html: &str) -> Article {
        extract(&Input::new(html, Format::Html))
    }

    #[test]
    fn finds_body_and_metadata() {
        let a = ex(
            r#"<html lang="fr-FR"><head><title>Le titre du jour | Site</title>
            <meta name="author" content="Jean Dupont"></head><body>
            <nav><p>Accueil, Monde, Sport, Culture, et tout le reste du menu.</p></nav>
            <article><h1>Le titre du jour</h1>
            <p>Premier paragraphe, assez long pour compter, avec des virgules, et un point.</p>
            <div class="share"><p>Partager sur les réseaux sociaux, maintenant, vite.</p></div>
            <p>Deuxième paragraphe, lui aussi assez long, avec une phrase complète.</p>
            </article><footer><p>Mentions légales, contact, plan du site, et cetera.</p></footer>
            </body></html>"#,
        );
        assert_eq!(a.title.as_deref(), Some("Le titre du jour"));
        assert_eq!(a.byline.as_deref(), Some("Jean Dupont"));
        assert_eq!(a.lang.as_deref(), Some("fr"));
        let texts: Vec<_> = a.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("Premier"));
        assert!(texts[1].starts_with("Deuxième"));
    }

    #[test]
    fn strips_site_suffix() {
        assert_eq!(
            strip_site_suffix("Kenya sends more troops | Daily News"),
            "Kenya sends more troops"
        );
        assert_eq!(strip_site_suffix("Short - Thing"), "Short - Thing");
    }
}
