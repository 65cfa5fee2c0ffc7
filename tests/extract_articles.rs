//! Regression test over the project's sample articles in `articles/`: each page yields its
//! article text and none of its page chrome.

use std::path::Path;

use listen::article::Article;
use listen::extract::{self, Format, Input, metric};

fn load(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("articles")
        .join(name);
    match std::fs::read(&path) {
        Ok(bytes) => listen::source::decode::decode(&bytes, None, true),
        Err(e) => panic!("{}: {e}", path.display()),
    }
}

fn extract(name: &str, format: Format) -> Article {
    extract::extract(&Input::new(&load(name), format))
}

fn assert_no_chrome(a: &Article, chrome: &[&str]) {
    let body = a.body_text();
    for c in chrome {
        assert!(
            !body.contains(c),
            "page chrome {c:?} in the extracted body:\n{body}"
        );
        assert!(
            a.title.as_deref().is_none_or(|t| !t.contains(c)),
            "page chrome {c:?} in the title"
        );
    }
}

#[test]
fn kenya_html_gives_exactly_the_text_version() {
    let html = extract("kenya-reinforcements-haiti.html", Format::Html);
    let txt = extract("kenya-reinforcements-haiti.txt", Format::Text);
    let md = extract("kenya-reinforcements-haiti.md", Format::Markdown);

    assert_eq!(
        html.title.as_deref(),
        Some("Kenya sends 270 more soldiers to reinforce Haiti security mission")
    );
    assert_eq!(html.title, txt.title);
    assert_eq!(html.title, md.title);
    // Same words in the same order (the text file does not mark the subheading).
    let (h, t) = (html.body_text(), txt.body_text());
    let s = metric::score_page(&t, &h);
    assert!(
        s.exact,
        "HTML body differs from the text version:\n{h}\n---\n{t}"
    );
    assert_eq!(
        html.blocks.iter().map(|b| &b.text).collect::<Vec<_>>(),
        md.blocks.iter().map(|b| &b.text).collect::<Vec<_>>()
    );

    assert_eq!(html.byline.as_deref(), Some("Marie-Claire Joseph"));
    assert_eq!(html.published.as_deref(), Some("2025-01-18T16:42:00Z"));
    assert_eq!(html.site_name.as_deref(), Some("The Island Ledger"));
    assert_eq!(html.lang.as_deref(), Some("en"));
    assert_no_chrome(
        &html,
        &[
            "Can't read it? Listen now!",
            "Listen",
            "listen",
            "cookies",
            "Accept all",
            "Subscribe",
            "Share this article",
            "WhatsApp",
            "Photo:",
            "Kenyan soldiers board",
            "Read more",
            "Gangs tighten grip",
            "Kenyan court ruling",
            "Advertisement",
            "Miami",
            "briefing",
            "Sign up",
            "More from the Americas",
            "elections delayed",
            "Comments",
            "Finally some progress",
            "Most read",
            "Hurricane",
            "The Island Ledger",
        ],
    );
}

#[test]
fn french_article_text_without_chrome() {
    let a = extract("canicule-vigilance-orange.html", Format::Html);
    assert_eq!(
        a.title.as_deref(),
        Some("Canicule : douze départements placés en vigilance orange dès mardi")
    );
    assert_eq!(a.lang.as_deref(), Some("fr"));
    assert_eq!(a.byline.as_deref(), Some("Hélène Lacroix"));
    assert_eq!(a.site_name.as_deref(), Some("Le Courrier du Sud-Ouest"));
    let body = a.body_text();
    for sentence in [
        "Météo-France a placé douze départements du Sud-Ouest en vigilance orange canicule",
        "Un numéro vert, le 0 800 06 66 66, est ouvert tous les jours de 9 heures à 19 heures.",
        "Des mesures dans les écoles et les entreprises",
        "près de 40 % des salariés du bâtiment",
        "« Une dégradation orageuse est possible vendredi",
        "redoutent de nouvelles pertes de récoltes.",
    ] {
        assert!(body.contains(sentence), "missing {sentence:?} in:\n{body}");
    }
    assert_eq!(a.blocks.len(), 7, "{body}");
    assert_no_chrome(
        &a,
        &[
            "cookies",
            "accepter",
            "S'abonner",
            "Actualité",
            "Par Hélène",
            "Publié le",
            "Écouter cet article",
            "3 min",
            "Partager",
            "e-mail",
            "À lire aussi",
            "Sécheresse",
            "Publicité",
            "Recevez la météo",
            "Je m'inscris",
            "Réactions",
            "Encore une fois",
            "Merci pour le numéro vert",
            "Les plus lus",
            "Tour de France",
            "Tous droits réservés",
            "Mentions légales",
        ],
    );
}
