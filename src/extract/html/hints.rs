//! What class names, ids, roles and microdata say about an element.
//!
//! Pages name their boilerplate ("share-bar", "related-articles", "newsletter-signup",
//! "cookie-consent") and their content ("article-body", "story", "entry-content"). One
//! case-insensitive Aho-Corasick pass over a name finds every pattern; short, ambiguous
//! patterns ("ad", "nav", "tags") only count as whole words. Each class name is judged on its
//! own (and remembered); the element gets what its names say together. Content words protect an element
//! from the weak boilerplate patterns only (a "header-content" is not a site header, but a
//! "related-content" is still related links).

use crate::hash::FnvBuild;
use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use scraper::node::Element;

use super::dom::{
    ARTICLE_BODY, CAPTION_HINT, HEADLINE_HINT, JUNK_HINT, LAYOUT_HINT, POSITIVE_HINT, Tag,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Boilerplate, whatever else the name says.
    Strong,
    /// Boilerplate unless the name also says content.
    Weak,
    /// Page layout (sidebar, footer): boilerplate, unless it wraps the content.
    Layout,
    /// Captions and photo credits (boilerplate, strong).
    Caption,
    /// Boilerplate-like, but too common on content too: lowers the score only.
    Negative,
    /// Content.
    Positive,
    /// The headline.
    Headline,
}

struct Pattern {
    text: &'static str,
    kind: Kind,
    /// Must be a whole word (bounded by non-alphanumerics).
    word: bool,
}

const fn s(text: &'static str) -> Pattern {
    Pattern {
        text,
        kind: Kind::Strong,
        word: false,
    }
}
const fn sw(text: &'static str) -> Pattern {
    Pattern {
        text,
        kind: Kind::Strong,
        word: true,
    }
}
const fn l(text: &'static str) -> Pattern {
    Pattern {
        text,
        kind: Kind::Layout,
        word: false,
    }
}
const fn w(text: &'static str) -> Pattern {
    Pattern {
        text,
        kind: Kind::Weak,
        word: false,
    }
}
const fn ww(text: &'static str) -> Pattern {
    Pattern {
        text,
        kind: Kind::Weak,
        word: true,
    }
}
const fn n(text: &'static str) -> Pattern {
    Pattern {
        text,
        kind: Kind::Negative,
        word: false,
    }
}
const fn c(text: &'static str) -> Pattern {
    Pattern {
        text,
        kind: Kind::Caption,
        word: false,
    }
}
const fn p(text: &'static str) -> Pattern {
    Pattern {
        text,
        kind: Kind::Positive,
        word: false,
    }
}
const fn h(text: &'static str) -> Pattern {
    Pattern {
        text,
        kind: Kind::Headline,
        word: false,
    }
}

const PATTERNS: &[Pattern] = &[
    // Conversation and community.
    s("comment"),
    s("disqus"),
    s("respond"),
    s("replies"),
    s("shoutbox"),
    // Sharing, following, social.
    s("share"),
    s("sharing"),
    s("social"),
    s("sociable"),
    s("follow"),
    s("facebook"),
    s("twitter"),
    s("whatsapp"),
    s("pinterest"),
    s("linkedin"),
    // Teasers and recommendations.
    s("related"),
    s("recommend"),
    s("read-next"),
    s("readnext"),
    s("more-from"),
    s("more-stories"),
    s("morestories"),
    s("most-popular"),
    s("mostpopular"),
    s("most-read"),
    s("mostread"),
    s("popular"),
    s("trending"),
    s("teaser"),
    s("outbrain"),
    s("taboola"),
    s("zergnet"),
    s("recirc"),
    s("promo"),
    s("sponsor"),
    s("partner"),
    s("affiliate"),
    // Advertising.
    s("advert"),
    s("adslot"),
    s("ad-slot"),
    s("adunit"),
    s("ad-unit"),
    s("ad-container"),
    s("adcontainer"),
    s("ad-wrapper"),
    s("adwrapper"),
    s("ad-banner"),
    s("dfp"),
    s("doubleclick"),
    s("googlead"),
    sw("ad"),
    sw("ads"),
    sw("adv"),
    l("banner"),
    l("skyscraper"),
    // Subscriptions, newsletters, paywalls, accounts.
    s("newsletter"),
    s("subscri"),
    s("signup"),
    s("sign-up"),
    s("signin"),
    s("sign-in"),
    s("login"),
    s("register"),
    s("paywall"),
    s("membership"),
    s("donate"),
    s("donation"),
    s("upsell"),
    sw("cta"),
    // Consent.
    s("cookie"),
    s("consent"),
    s("gdpr"),
    // Site chrome.
    l("sidebar"),
    l("side-bar"),
    l("footer"),
    s("breadcrumb"),
    l("masthead"),
    l("navbar"),
    s("navigation"),
    s("pagination"),
    s("pager"),
    s("toolbar"),
    s("popup"),
    s("pop-up"),
    s("modal"),
    s("overlay"),
    s("skip-link"),
    s("skiplink"),
    s("jump-link"),
    s("sr-only"),
    s("visually-hidden"),
    s("visuallyhidden"),
    s("screen-reader"),
    s("screenreader"),
    s("offscreen"),
    s("a11y"),
    s("copyright"),
    s("disclaimer"),
    // Bylines, author boxes, tags, dates.
    s("byline"),
    s("author"),
    s("contributor"),
    s("timestamp"),
    s("pubdate"),
    s("publish-date"),
    s("tagline"),
    s("taglist"),
    s("tag-list"),
    s("keyword"),
    s("topics"),
    s("kicker"),
    s("eyebrow"),
    sw("tags"),
    sw("tag"),
    sw("bio"),
    sw("date"),
    // Audio and video players, "listen to this article" buttons.
    s("audio"),
    s("player"),
    s("listen"),
    s("podcast"),
    s("text-to-speech"),
    sw("tts"),
    s("slideshow"),
    s("carousel"),
    s("slider"),
    s("ticker"),
    // Misc.
    s("rating"),
    s("survey"),
    sw("poll"),
    s("print"),
    s("combx"),
    s("agegate"),
    s("ai2html"),
    s("supplemental"),
    s("rss"),
    s("alert"),
    s("notification"),
    s("rollover"),
    s("tooltip"),
    s("popover"),
    s("hovercard"),
    s("element-hidden"),
    s("is-hidden"),
    // Weak: site structure that content sometimes borrows.
    w("header"),
    w("menu"),
    w("community"),
    w("remark"),
    w("extra"),
    w("legend"),
    w("meta"),
    w("contact"),
    w("tools"),
    w("icon"),
    w("logo"),
    n("widget"),
    n("video"),
    n("gallery"),
    w("speech"),
    ww("nav"),
    ww("aside"),
    ww("time"),
    ww("toc"),
    ww("info"),
    // Captions and credits.
    c("caption"),
    c("credit"),
    c("figcaption"),
    c("wp-caption"),
    c("photo-info"),
    c("image-info"),
    c("img-info"),
    // Content.
    p("article"),
    p("body"),
    p("content"),
    p("entry"),
    p("main"),
    p("post"),
    p("text"),
    p("blog"),
    p("story"),
    p("prose"),
    p("column"),
    // Headline.
    h("headline"),
    h("title"),
];

static MATCHER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    // Building from fixed literals cannot fail; should it ever, hints are simply not used.
    AhoCorasick::builder()
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .ascii_case_insensitive(true)
        .build(PATTERNS.iter().map(|p| p.text))
        .ok()
});

#[derive(Default, Clone, Copy, PartialEq, Eq)]
struct Found {
    strong: bool,
    weak: bool,
    layout: bool,
    caption: bool,
    negative: bool,
    positive: bool,
    headline: bool,
}

fn scan(hay: &str) -> Found {
    let mut f = Found::default();
    let Some(ac) = MATCHER.as_ref() else {
        return f;
    };
    let bytes = hay.as_bytes();
    for m in ac.find_overlapping_iter(hay) {
        let pat = &PATTERNS[m.pattern().as_usize()];
        if pat.word {
            let before = m.start().checked_sub(1).map(|i| bytes[i]);
            let after = bytes.get(m.end()).copied();
            if before.is_some_and(|b| b.is_ascii_alphanumeric())
                || after.is_some_and(|b| b.is_ascii_alphanumeric())
            {
                continue;
            }
        }
        match pat.kind {
            Kind::Strong => f.strong = true,
            Kind::Weak => f.weak = true,
            Kind::Layout => f.layout = true,
            Kind::Caption => f.caption = true,
            Kind::Negative => f.negative = true,
            Kind::Positive => f.positive = true,
            Kind::Headline => f.headline = true,
        }
    }
    f
}

impl Found {
    fn merge(&mut self, o: Found) {
        self.strong |= o.strong;
        self.weak |= o.weak;
        self.layout |= o.layout;
        self.caption |= o.caption;
        self.negative |= o.negative;
        self.positive |= o.positive;
        self.headline |= o.headline;
    }
}

/// Classifies elements, remembering what each class name says (pages repeat the same class
/// names on hundreds of elements).
#[derive(Default)]
pub struct Classifier<'a> {
    tokens: HashMap<&'a str, Found, FnvBuild>,
}

/// Class names that file the page under a category or tag ("tag-business", "category-ads",
/// WordPress's post classes): they name the topic, not the element's role.
fn is_taxonomy(token: &str) -> bool {
    const PREFIXES: &[&str] = &[
        "tag-",
        "tags-",
        "category-",
        "categories-",
        "cat-",
        "topic-",
        "topics-",
        "postid-",
        "post-id-",
        "page-id-",
        "format-",
        "status-",
        "type-",
        "author-",
        "section-",
    ];
    let lower = token.as_bytes();
    PREFIXES
        .iter()
        .any(|p| lower.len() > p.len() && lower[..p.len()].eq_ignore_ascii_case(p.as_bytes()))
}

impl<'a> Classifier<'a> {
    fn token(&mut self, token: &'a str) -> Found {
        *self.tokens.entry(token).or_insert_with(|| {
            if is_taxonomy(token) {
                Found::default()
            } else {
                scan(token)
            }
        })
    }

    /// Flags and readability-style weight of an element, from its class, id, role and
    /// microdata.
    pub fn classify(&mut self, e: &'a Element, tag: Tag) -> (u16, i16) {
        let mut flags = 0u16;
        let mut f = Found::default();
        // The root's classes describe the page (its template, its topic), not an element.
        let root = matches!(tag, Tag::Html | Tag::Body);
        for (k, v) in e.attrs() {
            match k {
                "class" if !root => {
                    for token in v.split_ascii_whitespace() {
                        f.merge(self.token(token));
                    }
                }
                "id" if !root => f.merge(scan(v)),
                "role" => match v.trim() {
                    "navigation" | "complementary" | "banner" | "contentinfo" | "menu"
                    | "menubar" | "search" | "dialog" | "alertdialog" | "toolbar" | "tablist"
                    | "alert" => flags |= JUNK_HINT,
                    "main" | "article" => flags |= POSITIVE_HINT,
                    _ => {}
                },
                "itemprop" => {
                    for prop in v.split_ascii_whitespace() {
                        match prop {
                            "articleBody" | "reviewBody" => flags |= ARTICLE_BODY,
                            "headline" => flags |= HEADLINE_HINT,
                            "author" | "creator" | "datePublished" | "dateModified"
                            | "publisher" | "comment" => flags |= JUNK_HINT,
                            "caption" | "copyrightHolder" | "copyrightNotice" => {
                                flags |= JUNK_HINT | CAPTION_HINT
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            }
        }
        let (flags, weight) = apply(f, flags, tag);
        (flags, weight)
    }
}

fn apply(f: Found, mut flags: u16, tag: Tag) -> (u16, i16) {
    let mut weight = 0i16;
    if f != Found::default() {
        if f.positive {
            weight += 25;
            flags |= POSITIVE_HINT;
        }
        if f.strong || f.weak || f.layout || f.caption || f.negative {
            weight -= 25;
        }
        // Embedded posts (tweets, Instagram) are quoted as part of the story.
        if (f.strong || f.caption || f.layout || (f.weak && !f.positive)) && tag != Tag::Blockquote
        {
            flags |= JUNK_HINT;
            if !f.strong && !f.caption {
                flags |= LAYOUT_HINT;
            }
        }
        if f.caption {
            flags |= CAPTION_HINT;
        }
        if f.headline {
            flags |= HEADLINE_HINT;
        }
    }
    if matches!(tag, Tag::Nav | Tag::Aside | Tag::Footer | Tag::Figcaption) {
        flags |= JUNK_HINT;
    }
    if tag == Tag::Figcaption {
        flags |= CAPTION_HINT;
    }
    (flags, weight)
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn flags_of(html: &str) -> (u16, i16) {
        let doc = Html::parse_fragment(html);
        // A fragment that gave no element would pass every "no junk flag" check below.
        let el = doc
            .root_element()
            .first_child()
            .and_then(scraper::ElementRef::wrap)
            .expect("the fragment is one element");
        Classifier::default().classify(el.value(), Tag::Div)
    }

    #[test]
    fn boilerplate_names() {
        for html in [
            r#"<div class="share-bar">"#,
            r#"<div class="related-content">"#,
            r#"<div id="newsletterSignup">"#,
            r#"<div class="ad">"#,
            r#"<div class="ad-slot top">"#,
            r#"<div class="site-header">"#,
            r#"<div role="navigation">"#,
            r#"<div class="listen-button">"#,
        ] {
            assert!(flags_of(html).0 & JUNK_HINT != 0, "{html}");
        }
    }

    #[test]
    fn content_names() {
        for html in [
            r#"<div class="article-body">"#,
            r#"<div class="header-content">"#,
            r#"<div class="heading">"#,
            r#"<div class="download">"#,
            r#"<div class="shadow">"#,
        ] {
            assert!(flags_of(html).0 & JUNK_HINT == 0, "{html}");
        }
        let (f, w) = flags_of(r#"<div itemprop="articleBody" class="story-text">"#);
        assert!(f & ARTICLE_BODY != 0 && f & POSITIVE_HINT != 0);
        assert_eq!(w, 25);
    }
}
