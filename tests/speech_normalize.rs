//! The spoken form, per language: each case is a sentence and what the engine must be given.
//! The expectations were checked with `espeak-ng -x -v LANG` (see the README).

use listen::speech::spoken;

fn check(lang: &str, cases: &[(&str, &str)]) {
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|(input, want)| {
            let got = spoken(input, lang);
            (got != *want).then(|| format!("{input:?}\n   want {want:?}\n   got  {got:?}"))
        })
        .collect();
    assert!(failures.is_empty(), "{lang}:\n{}", failures.join("\n"));
}

#[test]
fn english() {
    check(
        "en",
        &[
            // Times
            (
                "It began at 2:00 a.m. local time.",
                "It began at 2 a.m. local time.",
            ),
            (
                "The train left at 9:05 p.m.",
                "The train left at 9 oh 5 p.m.",
            ),
            ("Doors open at 7:30.", "Doors open at 7 30."),
            ("We meet at 14:00.", "We meet at 14 hundred."),
            ("We meet at 3:00 today.", "We meet at 3 o'clock today."),
            // Money
            ("It cost $1.5 billion.", "It cost 1.5 billion dollars."),
            (
                "A fine of £3m was paid.",
                "A fine of 3 million pounds was paid.",
            ),
            ("Tickets cost €20 each.", "Tickets cost 20 euros each."),
            (
                "She has $100.50 left.",
                "She has 100 dollars and 50 cents left.",
            ),
            ("It costs $1.", "It costs 1 dollar."),
            ("Call 555-1234 now.", "Call 5 5 5, 1 2 3 4 now."),
            ("Between 200-1500 came.", "Between 200 and 1500 came."),
            (
                "Rooms cost $10-$20 a night.",
                "Rooms cost 10 dollars to 20 dollars a night.",
            ),
            (
                "The 2023/24 season ended.",
                "The twenty twenty-three to twenty twenty-four season ended.",
            ),
            ("It has 3.5m users.", "It has 3.5 million users."),
            ("It lost 2bn.", "It lost 2 billion."),
            ("He won the 100m race.", "He won the 100 meter race."),
            (
                "He ran 100m in 10 seconds.",
                "He ran 100 meters in 10 seconds.",
            ),
            (
                "Born c. 1920, he saw sales grow 10x and a 2.5x zoom, not 1920x1080 or 0x10.",
                "Born circa nineteen twenty, he saw sales grow 10 times and a 2.5 times zoom, not 1920 by 1080 or 0x10.",
            ),
            (
                "He ran the 100m in 9.58s; the 1990s and his 50s stay.",
                "He ran the 100 meters in 9.58 seconds; the nineteen nineties and his fifties stay.",
            ),
            (
                "After 9/11, shops stayed open 24/7.",
                "After nine eleven, shops stayed open twenty-four seven.",
            ),
            (
                "They signed a $1.5 billion deal.",
                "They signed a 1.5 billion dollar deal.",
            ),
            ("The $5 fee rose.", "The 5 dollar fee rose."),
            (
                "The $2 billion was spent.",
                "The 2 billion dollars was spent.",
            ),
            ("A £3m fine was paid.", "A 3 million pound fine was paid."),
            (
                "It raised $5 million from banks.",
                "It raised 5 million dollars from banks.",
            ),
            ("He paid US$5 million.", "He paid 5 million US dollars."),
            ("Only $0.99 today.", "Only 99 cents today."),
            // Percentages, large numbers
            ("Inflation hit 4.5% in May.", "Inflation hit 4.5% in May."),
            (
                "About 1,200,000 people voted.",
                "About 1200000 people voted.",
            ),
            // Ranges
            (
                "The 2020-2024 plan failed.",
                "The twenty twenty to twenty twenty-four plan failed.",
            ),
            ("It passed 51-49.", "It passed 51 to 49."),
            (
                "Between 2020-2024 sales rose.",
                "Between twenty twenty and twenty twenty-four sales rose.",
            ),
            (
                "In 2020–24 it grew.",
                "In twenty twenty to twenty twenty-four it grew.",
            ),
            // A phone number is no range (espeak-ng would say "dash four thousand ...").
            ("Call 555-123-4567 now.", "Call 5 5 5, 1 2 3, 4 5 6 7 now."),
            // Years, decades, ordinals, dates
            ("He was born in 1990.", "He was born in nineteen ninety."),
            ("It was built in 1905.", "It was built in nineteen oh five."),
            ("The 1990s were calm.", "The nineteen nineties were calm."),
            ("The '80s were loud.", "The eighties were loud."),
            ("She arrived on Jan. 18.", "She arrived on January 18th."),
            (
                "He died on January 2, 2001.",
                "He died on January 2nd, two thousand one.",
            ),
            (
                "It opened on 18 January.",
                "It opened on the 18th of January.",
            ),
            (
                "Filed on 2024-01-18.",
                "Filed on January 18th, twenty twenty-four.",
            ),
            ("2000 people came.", "2000 people came."),
            // Units
            (
                "It was 35 °C in Madrid.",
                "It was 35 degrees Celsius in Madrid.",
            ),
            (
                "It was 95°F outside.",
                "It was 95 degrees Fahrenheit outside.",
            ),
            ("The race is 5 km long.", "The race is 5 kilometers long."),
            (
                "He drove at 100 km/h.",
                "He drove at 100 kilometers per hour.",
            ),
            ("It weighs 1 kg.", "It weighs 1 kilogram."),
            ("Winds of 60 mph hit.", "Winds of 60 miles per hour hit."),
            // Regnal numerals and numbered things
            ("King Charles III spoke.", "King Charles the Third spoke."),
            (
                "Henry VIII had six wives.",
                "Henry the Eighth had six wives.",
            ),
            ("Elizabeth I ruled.", "Elizabeth the First ruled."),
            ("After World War II ended.", "After World War Two ended."),
            ("Read Part II first.", "Read Part Two first."),
            ("I think I can.", "I think I can."),
            ("WWII veterans met.", "World War Two veterans met."),
            // Titles and abbreviations by context
            (
                "Gen. Smith met Sen. Jones and Lt. Col. Brown.",
                "General Smith met Senator Jones and Lieutenant Colonel Brown.",
            ),
            ("He lives in St. Louis.", "He lives in Saint Louis."),
            ("He lives on Main St.", "He lives on Main Street."),
            (
                "Dr. Jones lives on Elm Dr. today.",
                "Doctor Jones lives on Elm Drive today.",
            ),
            (
                "They met at No. 10 Downing Street.",
                "They met at number 10 Downing Street.",
            ),
            ("He said no. 5 was best.", "He said number 5 was best."),
            (
                "See p. 12 and pp. 14-16.",
                "See page 12 and pages 14 to 16.",
            ),
            ("It was Smith vs. Jones.", "It was Smith versus Jones."),
            ("It took approx. 3 hours.", "It took approximately 3 hours."),
            (
                "Fruit, e.g. apples, i.e. food, etc.",
                "Fruit, for example apples, that is food, et cetera.",
            ),
            (
                "Rep. Nancy Pelosi (D., Calif.) spoke.",
                "Representative Nancy Pelosi (D., California) spoke.",
            ),
            ("It was 5 ft. tall.", "It was 5 feet tall."),
            (
                "Professor Jones, Dr. Smith and Elm Dr. in Boston, Mass.",
                "Professor Jones, Doctor Smith and Elm Drive in Boston, Massachusetts.",
            ),
            ("He went to Mass. on Sunday.", "He went to Mass. on Sunday."),
            (
                "Gov. Newsom (D-Calif.) signed it.",
                "Governor Newsom (D-California) signed it.",
            ),
            // Symbols
            ("Tom & Jerry.", "Tom and Jerry."),
            ("It is 2 + 2 = 4.", "It is 2 plus 2 equals 4."),
            ("It rose ~5 points.", "It rose about 5 points."),
            ("He was #1 in sales.", "He was number 1 in sales."),
            ("Add 1/2 cup.", "Add one half cup."),
            ("Under § 230 rules.", "Under section 230 rules."),
            // URLs and e-mail
            (
                "Visit https://www.example.com/news/world-news.html today.",
                "Visit example dot com slash news slash world news today.",
            ),
            (
                "See www.bbc.co.uk for more.",
                "See bbc dot co dot uk for more.",
            ),
            (
                "Write to jane.doe@example.org today.",
                "Write to jane dot doe at example dot org today.",
            ),
            ("Shop at Amazon.com now.", "Shop at Amazon dot com now."),
            // Reference markers, emoji, decorative symbols
            ("It grew [3] fast [citation needed].", "It grew fast."),
            ("Great news 🎉🎉 today ★.", "Great news today."),
            ("Keep [this] text.", "Keep [this] text."),
        ],
    );
}

#[test]
fn french() {
    check(
        "fr",
        &[
            ("Il est arrivé à 14h30.", "Il est arrivé à 14 heures 30."),
            ("Rendez-vous à 9 h.", "Rendez-vous à 9 heures."),
            (
                "M. Dupont et Mme Durand sont là.",
                "Monsieur Dupont et Madame Durand sont là.",
            ),
            (
                "Louis XIV régnait au XVIIe siècle.",
                "Louis 14 régnait au 17e siècle.",
            ),
            (
                "François Ier aimait Chambord.",
                "François premier aimait Chambord.",
            ),
            (
                "Il faisait 35 °C et la course faisait 5 km.",
                "Il faisait 35 degrés Celsius et la course faisait 5 kilomètres.",
            ),
            (
                "Cela coûte $1,5 milliard.",
                "Cela coûte 1,5 milliard de dollars.",
            ),
            ("Le billet coûte €20.", "Le billet coûte 20 euros."),
            (
                "Voir n° 10, p. 12, etc.",
                "Voir numéro 10, page 12, et cetera.",
            ),
            (
                "Entre 2020-2024, la hausse.",
                "Entre 2020 et 2024, la hausse.",
            ),
            ("De 2020-2024, la hausse.", "De 2020 à 2024, la hausse."),
            (
                "Écrivez à jean.dupont@exemple.fr.",
                "Écrivez à jean point dupont arobase exemple point fr.",
            ),
            (
                "Le 2024-05-01 tout a changé.",
                "Le 1er mai 2024 tout a changé.",
            ),
            ("Pierre & fils.", "Pierre et fils."),
        ],
    );
}

#[test]
fn spanish() {
    check(
        "es",
        &[
            (
                "Llegó a las 14:00 con retraso.",
                "Llegó a las 14 horas con retraso.",
            ),
            ("Llegó a las 14:30.", "Llegó a las 14 y 30."),
            (
                "El Sr. García y la Dra. López.",
                "El señor García y la doctora López.",
            ),
            (
                "Felipe VI reina en el siglo XXI.",
                "Felipe sexto reina en el siglo 21.",
            ),
            (
                "Hacía 35 °C y corrió 5 km.",
                "Hacía 35 grados Celsius y corrió 5 kilómetros.",
            ),
            ("Cuesta 20 € o $100.", "Cuesta 20 euros o 100 dólares."),
            (
                "Ver n.º 10, pág. 12, etc.",
                "Ver número 10, página 12, etcétera.",
            ),
            (
                "El 1.º de mayo y la 2.ª vez.",
                "El primero de mayo y la segunda vez.",
            ),
            ("Subió en 2020-2024.", "Subió en 2020 a 2024."),
            ("EE. UU. respondió.", "Estados Unidos respondió."),
        ],
    );
}

#[test]
fn german() {
    check(
        "de",
        &[
            (
                "Er kam am 3. Oktober um 14:30 Uhr.",
                "Er kam am dritten Oktober um 14 Uhr 30.",
            ),
            ("Um 9.00 Uhr ging es los.", "Um 9 Uhr ging es los."),
            (
                "Im 19. Jahrhundert wuchs die Stadt.",
                "Im neunzehnten Jahrhundert wuchs die Stadt.",
            ),
            ("Der 1. Mai ist frei.", "Der erste Mai ist frei."),
            ("Ludwig XIV. war König.", "Ludwig der Vierzehnte war König."),
            (
                "Dr. Müller kam, z. B. heute.",
                "Doktor Müller kam, zum Beispiel heute.",
            ),
            (
                "Es war 35 °C warm und 5 km weit.",
                "Es war 35 Grad Celsius warm und 5 Kilometer weit.",
            ),
            (
                "Das kostet 1,5 Mrd. Euro bzw. 20 €.",
                "Das kostet 1,5 Milliarden Euro beziehungsweise 20 Euro.",
            ),
            (
                "Siehe Nr. 10, S. 12, usw.",
                "Siehe Nummer 10, Seite 12, und so weiter.",
            ),
            ("Von 2020-2024 stieg es.", "Von 2020 bis 2024 stieg es."),
            (
                "Ca. 5 Menschen kamen, d. h. wenige.",
                "Circa 5 Menschen kamen, das heißt wenige.",
            ),
            ("Auf Seite 12 steht es.", "Auf Seite 12 steht es."),
            (
                "Sie wohnt in der Hauptstr. 5 in Berlin.",
                "Sie wohnt in der Hauptstraße 5 in Berlin.",
            ),
        ],
    );
}

#[test]
fn other_languages_keep_the_generic_rules() {
    check(
        "ru",
        &[
            (
                "Сайт www.example.ru [1] 🎉 работает.",
                "Сайт example dot ru работает.",
            ),
            ("Цена 5 руб.", "Цена 5 руб."),
        ],
    );
}
