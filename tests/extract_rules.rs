//! One test per extraction rule, each on a small hand-written page, through the public API
//! (`listen::extract::extract`).

use listen::article::{Article, BlockKind};
use listen::extract::{self, Format, Input};

fn html(page: &str) -> Article {
    extract::extract(&Input::new(page, Format::Html))
}

fn body(a: &Article) -> String {
    a.body_text()
}

/// Paragraphs long enough to read like an article (so that the page has a clear main text).
const P1: &str = "The council met on Tuesday evening to discuss the new budget, which includes \
    funding for schools, roads and the library, and voted to approve it after a long debate.";
const P2: &str = "Residents who attended the meeting said they were pleased with the outcome, \
    although several raised concerns about the cost of repairs to the old bridge in the centre.";
const P3: &str = "The mayor said the work would begin in the spring, once the contracts have been \
    signed, and that the town would keep the public informed at every stage of the project.";

/// A page whose article holds `inside` between the first and second paragraphs, with `around`
/// placed before the article in the page.
fn page(around: &str, inside: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Council approves budget | Town News</title>\
         </head><body>{around}<article><h1>Council approves budget</h1>\
         <p>{P1}</p>{inside}<p>{P2}</p><p>{P3}</p></article></body></html>"
    )
}

fn assert_clean(a: &Article, unwanted: &[&str]) {
    let b = body(a);
    for p in [P1, P2, P3] {
        assert!(b.contains(p), "article text missing: {p}\n--- got:\n{b}");
    }
    for u in unwanted {
        assert!(!b.contains(u), "boilerplate kept: {u:?}\n--- got:\n{b}");
    }
}

// ---------------------------------------------------------------------------- metadata ----

#[test]
fn title_without_site_suffix() {
    let a = html(&page("", ""));
    assert_eq!(a.title.as_deref(), Some("Council approves budget"));
    // From <title> alone, with the site name known from og:site_name.
    let a = html(&format!(
        "<html><head><title>Council approves budget - The Town Daily News</title>\
         <meta property=\"og:site_name\" content=\"The Town Daily News\"></head>\
         <body><div><p>{P1}</p><p>{P2}</p></div></body></html>"
    ));
    assert_eq!(a.title.as_deref(), Some("Council approves budget"));
    assert_eq!(a.site_name.as_deref(), Some("The Town Daily News"));
    // The headline is not repeated as the first block of the body.
    assert!(!a.blocks.iter().any(|b| b.text == "Council approves budget"));
}

#[test]
fn byline_published_and_site_name() {
    let a = html(&format!(
        "<html><head><meta name=\"author\" content=\"By Ann Lee\">\
         <meta property=\"article:published_time\" content=\"2024-03-05T09:30:00Z\">\
         <meta property=\"og:site_name\" content=\"Town News\"></head>\
         <body><article><p>{P1}</p><p>{P2}</p></article></body></html>"
    ));
    assert_eq!(a.byline.as_deref(), Some("Ann Lee"));
    assert_eq!(a.published.as_deref(), Some("2024-03-05T09:30:00Z"));
    assert_eq!(a.site_name.as_deref(), Some("Town News"));
    // The same from JSON-LD.
    let a = html(&format!(
        "<html><head><script type=\"application/ld+json\">{{\"@context\":\"https://schema.org\",\
         \"@type\":\"NewsArticle\",\"headline\":\"Budget\",\"datePublished\":\"2024-03-06\",\
         \"author\":[{{\"@type\":\"Person\",\"name\":\"Bo Chen\"}}],\
         \"publisher\":{{\"@type\":\"Organization\",\"name\":\"Daily Post\"}}}}</script></head>\
         <body><article><p>{P1}</p><p>{P2}</p></article></body></html>"
    ));
    assert_eq!(a.byline.as_deref(), Some("Bo Chen"));
    assert_eq!(a.published.as_deref(), Some("2024-03-06"));
    assert_eq!(a.site_name.as_deref(), Some("Daily Post"));
    // And from the page itself: a rel=author link and a <time datetime>.
    let a = html(&format!(
        "<html><body><article><p class=\"meta\">By <a rel=\"author\" href=\"/a\">Cy Dow</a> \
         <time datetime=\"2024-03-07\">March 7</time></p><p>{P1}</p><p>{P2}</p></article></body></html>"
    ));
    assert_eq!(a.byline.as_deref(), Some("Cy Dow"));
    assert_eq!(a.published.as_deref(), Some("2024-03-07"));
}

#[test]
fn language_from_html_header_meta_then_text() {
    let fr = "Le conseil municipal s'est réuni mardi soir pour discuter du nouveau budget, qui \
              prévoit des fonds pour les écoles, les routes et la bibliothèque de la ville.";
    let page = |html_attr: &str, head: &str| {
        format!(
            "<html {html_attr}><head>{head}</head><body><article><p>{fr}</p><p>{fr}</p>\
             </article></body></html>"
        )
    };
    let a = html(&page("lang=\"fr-FR\"", ""));
    assert_eq!(a.lang.as_deref(), Some("fr"));
    // Content-Language header when the page says nothing.
    let text = page("", "");
    let a = extract::extract(&Input {
        text: &text,
        format: Format::Html,
        url: None,
        content_language: Some("fr-CA, en"),
    });
    assert_eq!(a.lang.as_deref(), Some("fr"));
    // <html lang> wins over the header.
    let text = page("lang=\"de\"", "");
    let a = extract::extract(&Input {
        text: &text,
        format: Format::Html,
        url: None,
        content_language: Some("fr"),
    });
    assert_eq!(a.lang.as_deref(), Some("de"));
    // A <meta> declaration.
    let a = html(&page(
        "",
        "<meta http-equiv=\"Content-Language\" content=\"it\">",
    ));
    assert_eq!(a.lang.as_deref(), Some("it"));
    let a = html(&page("", "<meta property=\"og:locale\" content=\"es_ES\">"));
    assert_eq!(a.lang.as_deref(), Some("es"));
    // Nothing declared: detected from the text (whatlang).
    let a = html(&page("", ""));
    assert_eq!(a.lang.as_deref(), Some("fr"));
}

// ------------------------------------------------------------------------------ blocks ----

#[test]
fn headings_paragraphs_list_items_quotes() {
    let a = html(&page(
        "",
        "<h2>What was decided</h2><ul><li>More money for schools.</li>\
         <li>Repairs to the bridge.</li></ul><blockquote><p>We listened to everyone.</p>\
         </blockquote>",
    ));
    let kinds: Vec<(BlockKind, &str)> =
        a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
    assert_eq!(
        kinds,
        vec![
            (BlockKind::Paragraph, P1),
            (BlockKind::Heading, "What was decided"),
            (BlockKind::ListItem, "More money for schools."),
            (BlockKind::ListItem, "Repairs to the bridge."),
            (BlockKind::Quote, "We listened to everyone."),
            (BlockKind::Paragraph, P2),
            (BlockKind::Paragraph, P3),
        ]
    );
}

#[test]
fn br_pairs_become_paragraphs() {
    let a = html(&format!(
        "<html><body><div id=\"story\">{P1}<br><br>{P2}<br/>\n<br/>{P3}</div></body></html>"
    ));
    let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, vec![P1, P2, P3]);
}

#[test]
fn bare_divs_become_paragraphs() {
    let a = html(&format!(
        "<html><body><div class=\"main\"><div>{P1}</div><div>{P2}</div><div>{P3}</div></div>\
         </body></html>"
    ));
    let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, vec![P1, P2, P3]);
    assert!(a.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
}

#[test]
fn inline_spacing_entities_whitespace() {
    let a = html(&page(
        "",
        "<p>The <b>new</b> <i>budget</i>,   approved\n\t at <a href=\"/x\">the meeting</a>, \
         costs&nbsp;&euro;2&#44;5 million &amp; more than <em>last</em>year&#8217;s.</p>\
         <p>Words<span>joined</span> by in<b>line</b> tags stay whole.</p>",
    ));
    let texts: Vec<&str> = a.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(
        texts.contains(
            &"The new budget, approved at the meeting, costs €2,5 million & more than lastyear’s."
        ),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"Wordsjoined by inline tags stay whole."),
        "{texts:?}"
    );
}

#[test]
fn soft_hyphens_and_zero_width_characters_removed() {
    let a = html(&page(
        "",
        "<p>An inter\u{00ad}national\u{200b} agree&shy;ment was sig\u{200d}ned to\u{feff}day \
         by every\u{2060}one.</p>",
    ));
    assert!(
        a.blocks
            .iter()
            .any(|b| b.text == "An international agreement was signed today by everyone."),
        "{:?}",
        a.blocks
    );
}

// ------------------------------------------------------------------------- left out ----

#[test]
fn navigation_footer_and_cookie_banner_left_out() {
    let a = html(&page(
        "<div class=\"cookie-banner\"><p>We use cookies to improve your experience. By \
         continuing to browse, you agree to our use of cookies.</p><button>Accept all</button>\
         </div><header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">World</a></li>\
         </ul></nav></header><div role=\"navigation\"><a href=\"/s\">Sport, culture and more \
         sections of the site</a></div>",
        "",
    ));
    assert_clean(&a, &["cookies", "Accept all", "Home", "World", "Sport"]);
    let a = html(&format!(
        "<html><body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>\
         <footer><p>Copyright 2024 Town News, 12 High Street, all our addresses and contact \
         details, terms, privacy and the rest.</p></footer></body></html>"
    ));
    assert_clean(&a, &["Copyright", "High Street"]);
}

#[test]
fn share_and_follow_widgets_left_out() {
    let a = html(&page(
        "",
        "<div class=\"share-tools\"><a href=\"#\">Share on Facebook</a><a href=\"#\">Share on X\
         </a><a href=\"#\">Email</a></div><div class=\"follow\"><p>Follow us on Instagram and \
         TikTok for more news from the town.</p></div>",
    ));
    assert_clean(&a, &["Share on", "Email", "Follow us", "TikTok"]);
}

#[test]
fn listen_to_this_article_buttons_left_out_in_any_language() {
    for button in [
        "<div class=\"audio-player\"><button>Play</button><span>Listen to this article</span>\
         <span>4 min</span></div>",
        "<p><a href=\"#audio\">Can't read it? Listen now!</a></p>",
        "<div><span>Can’t read it? Listen now!</span></div>",
        "<p>Écouter cet article</p>",
        "<div class=\"tts\"><span>Artikel anhören</span></div>",
        "<p><span>Escuchar</span></p>",
        "<p>Ascolta l'articolo</p>",
        "<p>Ouvir notícia</p>",
    ] {
        let a = html(&page("", button));
        assert_clean(
            &a,
            &[
                "Listen", "listen", "Écouter", "anhören", "Escuchar", "Ascolta", "Ouvir",
            ],
        );
    }
}

#[test]
fn newsletter_and_subscription_boxes_left_out() {
    let a = html(&page(
        "",
        "<div class=\"newsletter-signup\"><h3>Get the morning briefing</h3><p>Our best \
         stories, in your inbox every weekday morning, free of charge.</p><form><input \
         type=\"email\"><button>Sign up</button></form></div><aside><p>Subscribe from $1 a week \
         and support local journalism in the town.</p></aside><p>Sign up for our newsletter to \
         get the latest news.</p>",
    ));
    assert_clean(
        &a,
        &["briefing", "inbox", "Sign up", "Subscribe", "newsletter"],
    );
}

#[test]
fn related_teasers_left_out_also_between_paragraphs() {
    let a = html(&page(
        "",
        "<div class=\"inline-related\"><h4>Read more</h4><ul><li><a href=\"/a\">Bridge \
         repairs delayed again as costs rise</a></li><li><a href=\"/b\">Library to open on \
         Sundays</a></li></ul></div><p><strong>Related:</strong> <a href=\"/c\">Schools get \
         new computers</a></p><div class=\"story-card\"><a href=\"/d\"><img src=\"x.jpg\">\
         Mayor answers your questions</a></div>",
    ));
    assert_clean(
        &a,
        &[
            "Read more",
            "Bridge repairs",
            "Library to open",
            "Related",
            "computers",
            "Mayor answers",
        ],
    );
}

#[test]
fn recommended_lists_after_the_article_left_out() {
    let a = html(&format!(
        "<html><body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>\
         <section class=\"recommended\"><h2>You may also like</h2>\
         <article><a href=\"/1\"><h3>Ten walks around the town</h3></a></article>\
         <article><a href=\"/2\"><h3>The best bakeries, ranked</h3></a></article>\
         <article><a href=\"/3\"><h3>A history of the old bridge</h3></a></article>\
         </section></body></html>"
    ));
    assert_clean(&a, &["You may also like", "walks", "bakeries", "history"]);
}

#[test]
fn ads_left_out() {
    let a = html(&page(
        "",
        "<div class=\"ad-slot\"><span>Advertisement</span><a href=\"https://ads.example\">\
         Fly direct to Miami from $199. Book now and save!</a></div><p>ADVERTISEMENT</p>\
         <div id=\"google_ads_1\" class=\"ads\">Buy the best shoes at the lowest prices</div>",
    ));
    assert_clean(&a, &["Advertisement", "ADVERTISEMENT", "Miami", "shoes"]);
}

#[test]
fn captions_and_photo_credits_left_out() {
    let a = html(&page(
        "",
        "<figure><img src=\"bridge.jpg\" alt=\"The bridge\"><figcaption>The old bridge in the \
         town centre, seen from the river bank.<span class=\"credit\">Photo: Jane Doe / Town \
         News</span></figcaption></figure><div class=\"image-caption\">Councillors during the \
         vote on Tuesday evening.</div><p>Photo: John Smith/Reuters</p>",
    ));
    assert_clean(
        &a,
        &["river bank", "Jane Doe", "Councillors during", "John Smith"],
    );
}

#[test]
fn bylines_datelines_and_reading_times_left_out() {
    let a = html(&page(
        "",
        "<p class=\"meta\">By Ann Lee</p><p>Published 12 March 2024, 10:04 GMT</p>\
         <p>Updated: 5 hours ago</p><p>4 min read</p>",
    ));
    assert_clean(&a, &["Ann Lee", "Published", "Updated", "min read"]);
    let a = html(&page(
        "",
        "<p>Par Hélène Lacroix</p><p>Publié le 7 juillet 2025 à 6 h 15</p>",
    ));
    assert_clean(&a, &["Lacroix", "Publié"]);
}

#[test]
fn comments_left_out() {
    let a = html(&format!(
        "<html><body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article>\
         <section id=\"comments\"><h2>Comments (2)</h2><div class=\"comment\"><p>Finally some \
         progress on the budget, it was about time the council did something for us.</p></div>\
         <div class=\"comment\"><p>How much will all of this cost the taxpayers of the town, \
         and who is going to pay for the bridge?</p></div></section></body></html>"
    ));
    assert_clean(&a, &["Comments", "Finally some progress", "taxpayers"]);
}

#[test]
fn scripts_styles_noscript_left_out() {
    let a = html(&page(
        "<script>var tracking = 'collect everything about the reader';</script>\
         <style>.article p { font-family: Georgia, serif; }</style>",
        "<noscript><p>Please enable JavaScript to see the interactive map of the town.</p>\
         </noscript><script type=\"application/json\">{\"data\": \"a long payload of text\"}\
         </script><template><p>A template paragraph that is never shown to the reader.</p>\
         </template>",
    ));
    assert_clean(
        &a,
        &["tracking", "Georgia", "JavaScript", "payload", "template"],
    );
}

#[test]
fn hidden_elements_left_out() {
    let a = html(&page(
        "",
        "<p hidden>A hidden paragraph that only scripts would ever reveal to anybody.</p>\
         <div aria-hidden=\"true\"><p>Decorative text hidden from every reader and assistive \
         technology.</p></div><p style=\"color: red; DISPLAY : none\">Text hidden with an inline \
         style, never rendered on the page.</p><p style=\"visibility:hidden\">Invisible.</p>",
    ));
    assert_clean(
        &a,
        &[
            "hidden paragraph",
            "Decorative",
            "inline style",
            "Invisible",
        ],
    );
}

// ------------------------------------------------------------------ structured hints ----

#[test]
fn article_body_marker_beats_a_longer_sidebar() {
    let long = format!("{P1} {P2} {P3}");
    let a = html(&format!(
        "<html><body><div class=\"col\"><div itemprop=\"articleBody\"><p>{P1}</p><p>{P2}</p>\
         </div></div><div class=\"col\"><div class=\"promo-box\"><p>{long}</p><p>{long}</p>\
         </div></div></body></html>"
    ));
    let b = body(&a);
    assert!(b.contains(P1) && b.contains(P2), "{b}");
    assert!(!b.contains(P3), "{b}");
}

#[test]
fn json_ld_article_body_is_not_trusted_blindly() {
    // A truncated articleBody does not replace the page's full text...
    let a = html(&format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\
         \"articleBody\":\"The council met on Tuesday...\"}}</script></head>\
         <body><article><p>{P1}</p><p>{P2}</p><p>{P3}</p></article></body></html>"
    ));
    assert_eq!(body(&a), format!("{P1}\n\n{P2}\n\n{P3}"));
    // ...but is used when the page itself has no readable text.
    let a = html(
        "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\
         \"articleBody\":\"Only the structured data holds the text of this story.\"}</script>\
         </head><body><div id=\"app\"></div></body></html>",
    );
    assert_eq!(
        body(&a),
        "Only the structured data holds the text of this story."
    );
}

#[test]
fn json_ld_article_body_fills_in_for_a_paywalled_page() {
    let full = format!("{P1}\n{P2}\n{P3}\n{P1}\n{P2}\n{P3}");
    let a = html(&format!(
        "<html><head><script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",         \"articleBody\":{}}}</script></head><body><article><p>The council met on Tuesday          evening to discuss the new budget.</p><div class=\"paywall\"><p>Subscribe to read          the rest of this story.</p></div></article></body></html>",
        serde_json::Value::String(full.replace("’", "&#8217;"))
    ));
    assert_eq!(a.blocks.len(), 6, "{:?}", a.blocks);
    assert_eq!(a.blocks[0].text, P1);
    assert!(!body(&a).contains("Subscribe"));
}

#[test]
fn a_page_with_text_never_comes_out_empty() {
    let a = html("<html><body>Just one short line of text.</body></html>");
    assert_eq!(body(&a), "Just one short line of text.");
    let a = html(
        "<html><head><meta name=\"description\" content=\"What the page is about.\"></head>\
         <body></body></html>",
    );
    assert_eq!(body(&a), "What the page is about.");
}

// --------------------------------------------------------------- text and Markdown ----

#[test]
fn text_and_markdown_give_the_same_model() {
    let text = format!("Council approves budget\n\n{P1}\n\n{P2}\n");
    let md = format!("# Council approves budget\n\n{P1}\n\n{P2}\n");
    let t = extract::extract(&Input::new(&text, Format::Text));
    let m = extract::extract(&Input::new(&md, Format::Markdown));
    let h = html(&format!(
        "<html><head><title>Council approves budget</title></head><body><article>\
         <h1>Council approves budget</h1><p>{P1}</p><p>{P2}</p></article></body></html>"
    ));
    assert_eq!(t.title.as_deref(), Some("Council approves budget"));
    assert_eq!(t.title, m.title);
    assert_eq!(t.title, h.title);
    assert_eq!(t.blocks, m.blocks);
    assert_eq!(t.blocks, h.blocks);
    assert_eq!(t.lang.as_deref(), Some("en"));
}

#[test]
fn canonical_address_from_link_then_og_url() {
    let with_link = page("", "").replace(
        "<head>",
        "<head><meta property=\"og:url\" content=\"https://news.example/og\">\
         <link rel=\"Canonical\" href=\"/2026/budget\">",
    );
    assert_eq!(
        html(&with_link).canonical_url.as_deref(),
        Some("/2026/budget")
    );
    let og_only = page("", "").replace(
        "<head>",
        "<head><meta property=\"og:url\" content=\"https://news.example/og\">",
    );
    assert_eq!(
        html(&og_only).canonical_url.as_deref(),
        Some("https://news.example/og")
    );
    assert_eq!(html(&page("", "")).canonical_url, None);
}
