//! News text beyond the public sets, per language: each case is a text and the sentences it must
//! give.

use listen::segment::sentences;

fn check(lang: &str, cases: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in cases {
        let got: Vec<&str> = sentences(text, lang)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        if got != *want {
            failures.push(format!("{text:?}\n   want {want:?}\n   got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{lang}:\n{}", failures.join("\n"));
}

#[test]
fn english_news() {
    check(
        "en",
        &[
            (
                "The strike began at 2:00 a.m. local time. Crews were ready.",
                &[
                    "The strike began at 2:00 a.m. local time.",
                    "Crews were ready.",
                ],
            ),
            (
                "The U.S. economy grew. Exports fell in the U.S. The dollar rose.",
                &[
                    "The U.S. economy grew.",
                    "Exports fell in the U.S.",
                    "The dollar rose.",
                ],
            ),
            (
                "Gen. Mark Milley and Sen. Chuck Schumer spoke with Lt. Col. Alexander Vindman.",
                &["Gen. Mark Milley and Sen. Chuck Schumer spoke with Lt. Col. Alexander Vindman."],
            ),
            (
                "The hearing is set for Jan. 18 in Washington. It will be public.",
                &[
                    "The hearing is set for Jan. 18 in Washington.",
                    "It will be public.",
                ],
            ),
            (
                "He arrived at No. 10 Downing Street. See p. 12 for the map.",
                &[
                    "He arrived at No. 10 Downing Street.",
                    "See p. 12 for the map.",
                ],
            ),
            (
                "It was Smith vs. Jones in court. The suit sought approx. 3 million dollars.",
                &[
                    "It was Smith vs. Jones in court.",
                    "The suit sought approx. 3 million dollars.",
                ],
            ),
            (
                "Inflation was 3.2 percent in May. Section 4.2 of the act applies.",
                &[
                    "Inflation was 3.2 percent in May.",
                    "Section 4.2 of the act applies.",
                ],
            ),
            (
                "Read more at www.example.com/news/2024/story.html. Or write to tips@example.org. Thanks.",
                &[
                    "Read more at www.example.com/news/2024/story.html.",
                    "Or write to tips@example.org.",
                    "Thanks.",
                ],
            ),
            (
                "He paused... Then he spoke. She said it was \u{2026} complicated.",
                &[
                    "He paused...",
                    "Then he spoke.",
                    "She said it was \u{2026} complicated.",
                ],
            ),
            (
                "\u{201c}We will not back down.\u{201d} The minister left. \u{201c}Why?\u{201d} asked a reporter.",
                &[
                    "\u{201c}We will not back down.\u{201d}",
                    "The minister left.",
                    "\u{201c}Why?\u{201d} asked a reporter.",
                ],
            ),
            (
                "The bill (H.R. 1) passed. The vote (which was close) came late. (It was 51-49.) Then recess.",
                &[
                    "The bill (H.R. 1) passed.",
                    "The vote (which was close) came late.",
                    "(It was 51-49.)",
                    "Then recess.",
                ],
            ),
            (
                "St. Louis is on the river. He lives on Main St. The house is old.",
                &[
                    "St. Louis is on the river.",
                    "He lives on Main St.",
                    "The house is old.",
                ],
            ),
            (
                "Apple Inc. said profits rose. Shares of Foo Corp. The rest fell.",
                &[
                    "Apple Inc. said profits rose.",
                    "Shares of Foo Corp.",
                    "The rest fell.",
                ],
            ),
            (
                "Dr. Smith, Ph.D., spoke at 5 p.m. EST on Monday. Mr. Jones did not.",
                &[
                    "Dr. Smith, Ph.D., spoke at 5 p.m. EST on Monday.",
                    "Mr. Jones did not.",
                ],
            ),
            (
                "Prices rose 4.5% in 2023. 2024 was calmer.",
                &["Prices rose 4.5% in 2023.", "2024 was calmer."],
            ),
            (
                "Was it Calif. or Ariz.? Nobody knew.",
                &["Was it Calif. or Ariz.?", "Nobody knew."],
            ),
            (
                "The team, e.g. the coach, agreed, i.e. nobody objected.",
                &["The team, e.g. the coach, agreed, i.e. nobody objected."],
            ),
            (
                "Steps: 1. Open the box 2. Take it out 3. Plug it in",
                &[
                    "Steps:",
                    "1. Open the box",
                    "2. Take it out",
                    "3. Plug it in",
                ],
            ),
            (
                "He ranked No. 1. Then No. 2 fell.",
                &["He ranked No. 1.", "Then No. 2 fell."],
            ),
            (
                "Headline here\nFirst line of text. Second one.",
                &["Headline here", "First line of text.", "Second one."],
            ),
        ],
    );
}

#[test]
fn german_news() {
    check(
        "de",
        &[
            (
                "Die Wahl findet am 3. Oktober statt. Das Ergebnis kommt später.",
                &[
                    "Die Wahl findet am 3. Oktober statt.",
                    "Das Ergebnis kommt später.",
                ],
            ),
            (
                "Im 19. Jahrhundert wuchs die Stadt. Sie hat heute 1.000.000 Einwohner.",
                &[
                    "Im 19. Jahrhundert wuchs die Stadt.",
                    "Sie hat heute 1.000.000 Einwohner.",
                ],
            ),
            (
                "Er kam am 12. Juni und ging am 13. Juli. Dann war Ruhe.",
                &["Er kam am 12. Juni und ging am 13. Juli.", "Dann war Ruhe."],
            ),
            (
                "Er kam 1990 nach Berlin. 2001 zog er weiter.",
                &["Er kam 1990 nach Berlin.", "2001 zog er weiter."],
            ),
            (
                "Laut Dr. Müller gilt das u. a. für Kinder, z. B. Schüler. Es gilt ab sofort.",
                &[
                    "Laut Dr. Müller gilt das u. a. für Kinder, z. B. Schüler.",
                    "Es gilt ab sofort.",
                ],
            ),
            (
                "Die XY GmbH & Co. KG liegt in der Hauptstr. 5 in Berlin. Sie ist pleite.",
                &[
                    "Die XY GmbH & Co. KG liegt in der Hauptstr. 5 in Berlin.",
                    "Sie ist pleite.",
                ],
            ),
            (
                "„Wir bleiben“, sagte sie. „Und zwar lange.“ Dann ging sie.",
                &[
                    "„Wir bleiben“, sagte sie.",
                    "„Und zwar lange.“",
                    "Dann ging sie.",
                ],
            ),
        ],
    );
}

#[test]
fn french_news() {
    check(
        "fr",
        &[
            (
                "M. Dupont a parlé. Mme Durand a répondu : « Non ! » Puis elle est partie.",
                &[
                    "M. Dupont a parlé.",
                    "Mme Durand a répondu : « Non ! »",
                    "Puis elle est partie.",
                ],
            ),
            (
                "Vraiment ? Oui, à 20 h 30. Le débat continue.",
                &["Vraiment ?", "Oui, à 20 h 30.", "Le débat continue."],
            ),
            (
                "Voir p. 12 et le chap. 3, etc. La suite demain.",
                &["Voir p. 12 et le chap. 3, etc.", "La suite demain."],
            ),
        ],
    );
}

#[test]
fn spanish_italian_portuguese_dutch_news() {
    check(
        "es",
        &[
            (
                "¿Qué pasó? ¡Nadie lo sabe! El Sr. García habló con la Dra. López.",
                &[
                    "¿Qué pasó?",
                    "¡Nadie lo sabe!",
                    "El Sr. García habló con la Dra. López.",
                ],
            ),
            (
                "Se vendieron 1.500 unidades, p. ej. en Madrid. Luego bajó.",
                &[
                    "Se vendieron 1.500 unidades, p. ej. en Madrid.",
                    "Luego bajó.",
                ],
            ),
        ],
    );
    check(
        "it",
        &[(
            "Il dott. Rossi e la Sig.ra Bianchi sono arrivati. Ecc. Poi sono partiti.",
            &[
                "Il dott. Rossi e la Sig.ra Bianchi sono arrivati.",
                "Ecc.",
                "Poi sono partiti.",
            ],
        )],
    );
    check(
        "pt",
        &[(
            "O Sr. Silva chegou. A Dra. Costa saiu às 10h. Ninguém viu.",
            &[
                "O Sr. Silva chegou.",
                "A Dra. Costa saiu às 10h.",
                "Ninguém viu.",
            ],
        )],
    );
    check(
        "da",
        &[(
            "Hr. Jensen kom kl. 10 den 5. maj. Det regnede bl.a. i København.",
            &[
                "Hr. Jensen kom kl. 10 den 5. maj.",
                "Det regnede bl.a. i København.",
            ],
        )],
    );
    check(
        "nl",
        &[(
            "Dhr. Jansen zei bijv. dat het kon. Het kabinet viel.",
            &["Dhr. Jansen zei bijv. dat het kon.", "Het kabinet viel."],
        )],
    );
}

#[test]
fn other_languages_and_cjk() {
    check(
        "ja",
        &[(
            "これはペンです。それはマーカーです。",
            &["これはペンです。", "それはマーカーです。"],
        )],
    );
    check(
        "zh",
        &[(
            "今天下雨了。我们在家！你呢？",
            &["今天下雨了。", "我们在家！", "你呢？"],
        )],
    );
    check(
        "ru",
        &[(
            "Проф. Иванов приехал в 10 ч. Он выступил. А. С. Пушкин родился в Москве.",
            &[
                "Проф. Иванов приехал в 10 ч. Он выступил.",
                "А. С. Пушкин родился в Москве.",
            ],
        )],
    );
    // Full-width stops end sentences inside English text too.
    check(
        "en",
        &[(
            "Test strange period．Does it segment correctly．",
            &["Test strange period．", "Does it segment correctly．"],
        )],
    );
}

#[test]
fn ranges_are_valid_on_odd_input() {
    let inputs = [
        "",
        " ",
        ".",
        "...",
        "?!",
        "a.b.c.",
        "1. 2. 3.",
        "• • •",
        "„“«»",
        "é. É. ü! Ö?",
        "\n\n\n",
        "。。。",
        "(((.)))",
        "Mr.",
        "U.S.",
        "a.m. P.M.",
        "x\u{a0}. Y",
        "3．２",
        "1.) a 2.) b",
    ];
    for lang in ["en", "de", "fr", "es", "it", "pt", "nl", "ru", "ja", "xx"] {
        for t in inputs {
            let rs = sentences(t, lang);
            let mut last = 0;
            for r in rs {
                assert!(r.start < r.end && r.end <= t.len(), "{lang} {t:?} {r:?}");
                assert!(r.start >= last, "{lang} {t:?}: overlapping");
                assert!(t.is_char_boundary(r.start) && t.is_char_boundary(r.end));
                assert_eq!(t[r.clone()].trim(), &t[r.clone()]);
                last = r.end;
            }
        }
    }
}
