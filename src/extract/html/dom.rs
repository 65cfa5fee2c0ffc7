//! A flat, read-only view of the parsed page, built in one pass over scraper's tree.
//!
//! Nodes are stored in document (pre-)order; each element knows the index one past its last
//! descendant (`end`), so "is X inside Y" is a range check and a subtree is a slice. Nodes that
//! can never be read (scripts, styles, forms' controls, hidden elements, ...) are left out while
//! building; the `<head>` is read for metadata only. Every later step is a loop over this vector,
//! which is what keeps extraction to a fraction of the parse time.

use ego_tree::iter::Edge;
use scraper::Html;
use scraper::node::{Element, Node as SNode};

use super::hints;

/// The tags the extractor tells apart. Everything else is `Inline` or, for unknown elements
/// such as custom elements, `Other` (block-like when it holds blocks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Text,
    Html,
    Body,
    Main,
    Article,
    Section,
    Div,
    P,
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Blockquote,
    Pre,
    Table,
    Tr,
    Td,
    TablePart,
    Caption,
    Figure,
    Figcaption,
    Header,
    Footer,
    Aside,
    Nav,
    Form,
    Address,
    Hr,
    Br,
    A,
    Img,
    Time,
    Details,
    /// Other block-level HTML elements (center, fieldset, hgroup, ...).
    Block,
    /// Inline HTML elements (span, em, strong, ...).
    Inline,
    /// Unknown or custom elements.
    Other,
}

impl Tag {
    fn of(name: &str) -> Tag {
        match name {
            "html" => Tag::Html,
            "body" => Tag::Body,
            "main" => Tag::Main,
            "article" => Tag::Article,
            "section" => Tag::Section,
            "div" => Tag::Div,
            "p" => Tag::P,
            "h1" => Tag::H(1),
            "h2" => Tag::H(2),
            "h3" => Tag::H(3),
            "h4" => Tag::H(4),
            "h5" => Tag::H(5),
            "h6" => Tag::H(6),
            "ul" | "menu" | "dir" => Tag::Ul,
            "ol" => Tag::Ol,
            "li" => Tag::Li,
            "dl" => Tag::Dl,
            "dt" => Tag::Dt,
            "dd" => Tag::Dd,
            "blockquote" => Tag::Blockquote,
            "pre" | "listing" | "plaintext" | "xmp" => Tag::Pre,
            "table" => Tag::Table,
            "tr" => Tag::Tr,
            "td" | "th" => Tag::Td,
            "tbody" | "thead" | "tfoot" | "colgroup" => Tag::TablePart,
            "caption" => Tag::Caption,
            "figure" => Tag::Figure,
            "figcaption" => Tag::Figcaption,
            "header" => Tag::Header,
            "footer" => Tag::Footer,
            "aside" => Tag::Aside,
            "nav" => Tag::Nav,
            "form" => Tag::Form,
            "address" => Tag::Address,
            "hr" => Tag::Hr,
            "br" => Tag::Br,
            "a" => Tag::A,
            "img" | "picture" => Tag::Img,
            "time" => Tag::Time,
            "details" => Tag::Details,
            "center" | "fieldset" | "legend" | "hgroup" | "summary" | "noframes" | "search"
            | "frameset" => Tag::Block,
            "span" | "em" | "strong" | "b" | "i" | "u" | "s" | "strike" | "del" | "ins"
            | "small" | "big" | "font" | "sup" | "sub" | "abbr" | "acronym" | "cite" | "q"
            | "code" | "kbd" | "samp" | "var" | "mark" | "dfn" | "bdi" | "bdo" | "label" | "tt"
            | "nobr" | "wbr" | "data" | "ruby" | "rb" | "rp" | "rt" | "output" | "meter"
            | "progress" => Tag::Inline,
            _ => Tag::Other,
        }
    }

    /// Elements that start a new block of text (before and after).
    pub fn is_block(self) -> bool {
        !matches!(
            self,
            Tag::Text | Tag::A | Tag::Img | Tag::Time | Tag::Inline | Tag::Other | Tag::Br
        )
    }
}

/// Why a whole subtree is left out of the view.
fn skipped_tag(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "iframe"
            | "frame"
            | "object"
            | "embed"
            | "applet"
            | "canvas"
            | "video"
            | "audio"
            | "map"
            | "select"
            | "option"
            | "optgroup"
            | "datalist"
            | "textarea"
            | "input"
            | "button"
            | "dialog"
            | "link"
            | "meta"
            | "title"
            | "base"
            | "source"
            | "track"
            | "param"
    )
}

/// Node flags.
pub const JUNK_HINT: u16 = 1; // class/id/role says boilerplate (share, related, comments, ...)
pub const POSITIVE_HINT: u16 = 2; // class/id says content (article, body, story, ...)
pub const ARTICLE_BODY: u16 = 4; // itemprop=articleBody or similar explicit marker
pub const HAS_BLOCK: u16 = 8; // has a block-level descendant
pub const CAPTION_HINT: u16 = 16; // class/id says caption or credit
pub const JUNK: u16 = 32; // decided: never read this subtree
pub const HEADLINE_HINT: u16 = 64; // class/id/itemprop says headline
pub const HAS_ARTICLE_BODY: u16 = 128; // an ARTICLE_BODY element is inside
pub const HAS_CONTENT: u16 = 256; // a content-named element with much text is inside
pub const LAYOUT_HINT: u16 = 512; // the junk hint names page layout only (sidebar, footer, ...)

pub struct Node<'a> {
    pub tag: Tag,
    /// The text of a text node (raw, whitespace as in the source).
    pub text: &'a str,
    pub el: Option<&'a Element>,
    pub parent: u32,
    /// One past the last descendant.
    pub end: u32,
    pub flags: u16,
    /// Class/id weight, readability-style: +25 content-like, -25 boilerplate-like.
    pub weight: i16,
    /// Visible characters (whitespace not counted) in the subtree.
    pub chars: u32,
    /// Of which inside links.
    pub link_chars: u32,
    /// Commas in the subtree.
    pub commas: u32,
    /// Paragraphs in the subtree (itself included): `<p>` elements, and leaf blocks of 20 or
    /// more characters (a bare `<div>` of text), as `Dom::accumulate` totals them.
    pub paras: u32,
    /// `<li>` elements in the subtree (itself included).
    pub items: u32,
    /// Image elements (`<img>`, `<picture>`) in the subtree (itself included).
    pub imgs: u32,
    /// Visible characters inside block quotes.
    pub quote_chars: u32,
}

impl Node<'_> {
    pub fn has(&self, flag: u16) -> bool {
        self.flags & flag != 0
    }

    pub fn attr(&self, name: &str) -> Option<&str> {
        self.el
            .and_then(|e| e.attrs().find(|(k, _)| *k == name).map(|(_, v)| v))
    }

    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// What the page says about itself, collected while building.
#[derive(Default)]
pub struct Head<'a> {
    /// `<meta>` key (name, property, itemprop or http-equiv, lowercased) and content.
    pub metas: Vec<(String, &'a str)>,
    pub title: Option<String>,
    pub jsonld: Vec<String>,
    pub html_lang: Option<&'a str>,
    /// The first `<link rel="canonical" href>`, as written (possibly relative).
    pub canonical: Option<&'a str>,
}

impl Head<'_> {
    pub fn meta(&self, key: &str) -> Option<&str> {
        self.metas
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| *v)
    }
}

pub struct Dom<'a> {
    pub nodes: Vec<Node<'a>>,
    pub head: Head<'a>,
}

pub const NONE: u32 = u32::MAX;

/// Text (visible characters) a content-named element must hold to protect its ancestors.
const CONTENT_CHARS: u32 = 400;

impl<'a> Dom<'a> {
    pub fn build(doc: &'a Html) -> Dom<'a> {
        let mut nodes: Vec<Node<'a>> = Vec::with_capacity(4096);
        let mut head = Head::default();
        let mut stack: Vec<u32> = Vec::with_capacity(64);
        // Root of the subtree being skipped.
        let mut skip: Option<ego_tree::NodeId> = None;
        let mut classifier = hints::Classifier::default();
        for edge in doc.tree.root().traverse() {
            match edge {
                Edge::Open(n) => match n.value() {
                    SNode::Element(e) => {
                        let name = e.name();
                        collect_head(&mut head, n, e, name);
                        if skip.is_some() {
                            continue;
                        }
                        // The root and the body are never hidden for a reader: pages hide them
                        // until their scripts have run ("anti-flicker" snippets).
                        let root = matches!(name, "html" | "body");
                        if skipped_tag(name) || (!root && is_hidden(e)) {
                            skip = Some(n.id());
                            continue;
                        }
                        let tag = Tag::of(name);
                        let (flags, weight) = classifier.classify(e, tag);
                        let parent = stack.last().copied().unwrap_or(NONE);
                        let idx = nodes.len() as u32;
                        nodes.push(Node {
                            tag,
                            text: "",
                            el: Some(e),
                            parent,
                            end: idx + 1,
                            flags,
                            weight,
                            chars: 0,
                            link_chars: 0,
                            commas: 0,
                            paras: u32::from(tag == Tag::P),
                            items: u32::from(tag == Tag::Li),
                            imgs: u32::from(tag == Tag::Img),
                            quote_chars: 0,
                        });
                        stack.push(idx);
                    }
                    SNode::Text(t) if skip.is_none() => {
                        let Some(&parent) = stack.last() else {
                            continue;
                        };
                        let text: &str = t;
                        let (chars, commas) = text_stats(text);
                        let idx = nodes.len() as u32;
                        nodes.push(Node {
                            tag: Tag::Text,
                            text,
                            el: None,
                            parent,
                            end: idx + 1,
                            flags: 0,
                            weight: 0,
                            chars,
                            link_chars: 0,
                            commas,
                            paras: 0,
                            items: 0,
                            imgs: 0,
                            quote_chars: 0,
                        });
                    }
                    _ => {}
                },
                Edge::Close(n) => {
                    if let Some(s) = skip {
                        if s == n.id() {
                            skip = None;
                        }
                        continue;
                    }
                    if n.value().is_element()
                        && let Some(idx) = stack.pop()
                    {
                        nodes[idx as usize].end = nodes.len() as u32;
                    }
                }
            }
        }
        let mut dom = Dom { nodes, head };
        dom.accumulate();
        dom
    }

    /// Bottom-up totals (characters, link characters, commas, paragraphs, ...), whether a
    /// block is inside, and which subtrees are boilerplate.
    fn accumulate(&mut self) {
        for i in (0..self.nodes.len()).rev() {
            let n = &mut self.nodes[i];
            if is_junk(n) {
                n.flags |= JUNK;
            }
            let content_core =
                n.has(POSITIVE_HINT) && !n.has(JUNK_HINT) && n.chars >= CONTENT_CHARS;
            let n = &self.nodes[i];
            let junk = n.has(JUNK);
            let (parent, chars, commas, tag) = (n.parent, n.chars, n.commas, n.tag);
            let (paras, items, imgs) = (n.paras, n.items, n.imgs);
            let body_inside = n.has(ARTICLE_BODY) || n.has(HAS_ARTICLE_BODY);
            let content_inside = content_core || n.has(HAS_CONTENT);
            let link = if tag == Tag::A { chars } else { n.link_chars };
            let block = tag.is_block() || n.has(HAS_BLOCK);
            // A leaf block of text (a bare <div> paragraph) counts as a paragraph, as <p> does.
            let leaf_para = matches!(tag, Tag::Div | Tag::Section | Tag::Block | Tag::Other)
                && !n.has(HAS_BLOCK)
                && chars >= 20;
            let paras = paras + u32::from(leaf_para);
            self.nodes[i].paras = paras;
            if tag == Tag::A {
                self.nodes[i].link_chars = chars;
            }
            if tag == Tag::Blockquote {
                self.nodes[i].quote_chars = chars;
            }
            let quote_chars = self.nodes[i].quote_chars;
            if parent != NONE {
                let p = &mut self.nodes[parent as usize];
                if block {
                    p.flags |= HAS_BLOCK;
                }
                if junk {
                    continue;
                }
                p.chars += chars;
                p.link_chars += link;
                p.commas += commas;
                p.paras += paras;
                p.items += items;
                p.imgs += imgs;
                p.quote_chars += quote_chars;
                if body_inside {
                    p.flags |= HAS_ARTICLE_BODY;
                }
                if content_inside {
                    p.flags |= HAS_CONTENT;
                }
            }
        }
    }

    /// True when `inner` is `outer` or inside it.
    pub fn contains(&self, outer: u32, inner: u32) -> bool {
        inner >= outer && inner < self.nodes[outer as usize].end
    }

    /// The element's ancestors, nearest first.
    pub fn ancestors(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let mut cur = self.nodes[i as usize].parent;
        std::iter::from_fn(move || {
            if cur == NONE {
                None
            } else {
                let r = cur;
                cur = self.nodes[cur as usize].parent;
                Some(r)
            }
        })
    }

    /// The element's children, in order.
    pub fn children(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let end = self.nodes[i as usize].end;
        let mut cur = i + 1;
        std::iter::from_fn(move || {
            if cur >= end {
                None
            } else {
                let r = cur;
                cur = self.nodes[cur as usize].end;
                Some(r)
            }
        })
    }

    /// The subtree's text, whitespace as in the source.
    pub fn raw_text(&self, i: u32) -> String {
        let mut s = String::new();
        for n in &self.nodes[i as usize..self.nodes[i as usize].end as usize] {
            if n.tag == Tag::Text {
                s.push_str(n.text);
            } else if n.tag.is_block() || n.tag == Tag::Br {
                s.push(' ');
            }
        }
        s
    }

    /// Index of the `<body>` element, else the root; None for an empty view.
    pub fn body(&self) -> Option<u32> {
        if self.nodes.is_empty() {
            return None;
        }
        Some(
            self.nodes
                .iter()
                .position(|n| n.tag == Tag::Body)
                .map(|p| p as u32)
                .unwrap_or(0),
        )
    }
}

/// Boilerplate-named subtrees are left out: all of them but the document itself, `<main>`,
/// those holding an explicitly marked article body, layout wrappers ("content-with-sidebar")
/// around a content-named element with much text, and embedded posts (a "social-embed" around
/// a quoted tweet is quoted content). Their text does not count in their ancestors' totals.
fn is_junk(n: &Node) -> bool {
    if !n.has(JUNK_HINT) || matches!(n.tag, Tag::Html | Tag::Body | Tag::Main) {
        return false;
    }
    if n.has(HAS_ARTICLE_BODY) || n.has(ARTICLE_BODY) {
        return false;
    }
    if n.has(LAYOUT_HINT) && n.has(HAS_CONTENT) {
        return false;
    }
    n.chars == 0 || n.quote_chars * 2 <= n.chars
}

/// Visible characters and commas of a text.
fn text_stats(text: &str) -> (u32, u32) {
    let mut chars = 0u32;
    let mut commas = 0u32;
    if text.is_ascii() {
        for &b in text.as_bytes() {
            if !b.is_ascii_whitespace() {
                chars += 1;
                commas += u32::from(b == b',');
            }
        }
        return (chars, commas);
    }
    for c in text.chars() {
        if c.is_whitespace() || super::super::textutil::is_invisible(c) {
            continue;
        }
        chars += 1;
        if matches!(c, ',' | '，' | '、' | '،') {
            commas += 1;
        }
    }
    (chars, commas)
}

fn is_hidden(e: &Element) -> bool {
    for (k, v) in e.attrs() {
        match k {
            "hidden" => return true,
            "aria-hidden" if v.trim().eq_ignore_ascii_case("true") => return true,
            "style" if style_hides(v) => return true,
            _ => {}
        }
    }
    false
}

/// `display: none` or `visibility: hidden` in an inline style.
fn style_hides(style: &str) -> bool {
    let lower = style.as_bytes();
    let mentions = |word: &[u8]| {
        lower
            .windows(word.len())
            .any(|w| w.eq_ignore_ascii_case(word))
    };
    if !mentions(b"none") && !mentions(b"hidden") {
        return false;
    }
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    compact.split(';').any(|decl| {
        decl.strip_prefix("display:")
            .is_some_and(|v| v.starts_with("none"))
            || decl
                .strip_prefix("visibility:")
                .is_some_and(|v| v.starts_with("hidden"))
    })
}

fn collect_head<'a>(
    head: &mut Head<'a>,
    n: ego_tree::NodeRef<'a, SNode>,
    e: &'a Element,
    name: &str,
) {
    match name {
        "meta" => {
            let mut key = None;
            let mut content = None;
            for (k, v) in e.attrs() {
                match k {
                    "name" | "property" | "itemprop" | "http-equiv" if key.is_none() => {
                        key = Some(v)
                    }
                    "content" => content = Some(v),
                    _ => {}
                }
            }
            if let (Some(k), Some(c)) = (key, content) {
                head.metas.push((k.trim().to_ascii_lowercase(), c));
            }
        }
        "title" if head.title.is_none() => {
            // Only the document's own <title>, not an SVG's.
            let in_svg = n
                .ancestors()
                .any(|a| a.value().as_element().is_some_and(|e| e.name() == "svg"));
            if !in_svg {
                let t: String = n
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| &**t))
                    .collect();
                head.title = Some(t);
            }
        }
        "script" => {
            let is_ld = e
                .attrs()
                .any(|(k, v)| k == "type" && v.trim().eq_ignore_ascii_case("application/ld+json"));
            if is_ld && head.jsonld.len() < 32 {
                let t: String = n
                    .children()
                    .filter_map(|c| c.value().as_text().map(|t| &**t))
                    .collect();
                head.jsonld.push(t);
            }
        }
        "link" if head.canonical.is_none() => {
            let canonical = e.attr("rel").is_some_and(|rel| {
                rel.split_ascii_whitespace()
                    .any(|r| r.eq_ignore_ascii_case("canonical"))
            });
            if canonical {
                head.canonical = e.attr("href").map(str::trim).filter(|h| !h.is_empty());
            }
        }
        "html" if head.html_lang.is_none() => {
            head.html_lang = e
                .attrs()
                .find(|(k, v)| (*k == "lang" || *k == "xml:lang") && !v.trim().is_empty())
                .map(|(_, v)| v);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_styles() {
        assert!(style_hides("color: red; display : none"));
        assert!(style_hides("VISIBILITY:hidden"));
        assert!(!style_hides("display:block"));
    }

    #[test]
    fn flat_view_skips_unreadable_nodes() {
        let doc = Html::parse_document(
            "<html><head><title>T</title><meta name=author content=A></head><body>\
             <div><p>one <a>two</a></p><script>x()</script><p hidden>no</p></div></body></html>",
        );
        let dom = Dom::build(&doc);
        assert_eq!(dom.head.title.as_deref(), Some("T"));
        assert_eq!(dom.head.meta("author"), Some("A"));
        let body = dom.body().unwrap_or(0);
        assert_eq!(dom.nodes[body as usize].chars, 6);
        assert_eq!(dom.nodes[body as usize].link_chars, 3);
        assert!(dom.nodes.iter().all(|n| n.text != "x()" && n.text != "no"));
        let div = dom.children(body).next().unwrap_or(0);
        assert_eq!(dom.nodes[div as usize].tag, Tag::Div);
        assert!(dom.nodes[div as usize].has(HAS_BLOCK));
    }
}
