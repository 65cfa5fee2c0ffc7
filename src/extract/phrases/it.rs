//! Italian boilerplate phrases.

use super::Phrases;

pub const PHRASES: Phrases = Phrases {
    blocks: &[
        "pubblicità",
        "condividi",
        "stampa",
        "commenti",
        "ascolta",
        "ascolta l articolo",
        "ascolta articolo",
        "leggi anche",
        "continua a leggere",
        "articoli correlati",
        "i più letti",
        "iscriviti",
        "newsletter",
        "seguici",
        "chiudi",
        "accetta",
    ],
    starts: &[
        "ascolta l articolo",
        "iscriviti alla",
        "seguici su",
        "questo sito utilizza cookie",
        "utilizziamo i cookie",
        "tutti i diritti riservati",
        "riproduzione riservata",
    ],
    labels: &["leggi anche", "foto", "video", "pubblicità", "tag"],
    contains: &["tutti i diritti riservati", "riproduzione riservata"],
};
