//! Portuguese boilerplate phrases.

use super::Phrases;

pub const PHRASES: Phrases = Phrases {
    blocks: &[
        "publicidade",
        "compartilhar",
        "partilhar",
        "imprimir",
        "comentários",
        "ouvir",
        "ouvir notícia",
        "ouvir artigo",
        "ouça este artigo",
        "leia mais",
        "leia também",
        "continue lendo",
        "notícias relacionadas",
        "mais lidas",
        "assine",
        "newsletter",
        "siga nos",
        "fechar",
        "aceitar",
    ],
    starts: &[
        "ouça este artigo",
        "assine a",
        "assine nossa",
        "siga nos no",
        "este site usa cookies",
        "utilizamos cookies",
        "todos os direitos reservados",
    ],
    labels: &[
        "leia também",
        "leia mais",
        "veja também",
        "foto",
        "fotos",
        "imagem",
        "vídeo",
    ],
    contains: &["todos os direitos reservados"],
};
