//! Article -> Script: the list of utterances that both the player and the exporter consume.
//!
//! This is where the pure stages meet: each block is split into sentences (`segment`) and each
//! sentence gets its spoken form (`speech`). Sentences are numbered from 0 across the whole body,
//! the numbering of `listen text`, of `--events` and of positions.

use serde::Serialize;

use crate::article::{Article, BlockKind};
use crate::{segment, speech};

/// The language assumed when neither the document, the text nor the user says.
pub const DEFAULT_LANG: &str = "en";

#[derive(Debug, Clone, Serialize)]
pub struct Script {
    pub title: Option<String>,
    /// Spoken form of the title (what `article_start` speaks).
    #[serde(skip)]
    pub title_spoken: Option<String>,
    pub byline: Option<String>,
    pub published: Option<String>,
    pub site_name: Option<String>,
    pub lang: String,
    /// The page's canonical address, as written (see [`Article::canonical_url`]).
    #[serde(skip)]
    pub canonical_url: Option<String>,
    pub blocks: Vec<ScriptBlock>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScriptBlock {
    pub kind: BlockKind,
    pub text: String,
    pub sentences: Vec<Sentence>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The sentence as written (a slice of the block text).
    pub text: String,
    /// What is handed to the engine.
    pub spoken: String,
    /// Byte offsets of `text` in the block's text.
    pub start: usize,
    pub end: usize,
    /// Where the pieces of `spoken` come from: `[spoken_offset, text_offset]` pairs (bytes,
    /// `text_offset` relative to `text`), in order; a piece identical to its source is a copy,
    /// otherwise it was rewritten (see [`crate::speech::Spoken`]).
    pub spoken_map: Vec<[usize; 2]>,
}

/// A sentence with its place in the article, as the player walks them.
#[derive(Debug, Clone, Copy)]
pub struct SentenceRef<'a> {
    /// Index over the whole body, from 0.
    pub index: usize,
    pub block: usize,
    pub sentence: &'a Sentence,
}

impl Script {
    /// Builds the script of an article. `lang_override` (the user's `--lang`) wins over the
    /// article's own language.
    pub fn build(article: &Article, lang_override: Option<&str>) -> Script {
        Self::build_with(article, lang_override, &speech::Context::default())
    }

    /// Like [`Script::build`], with a pronunciation lexicon and the page's site in `ctx`.
    pub fn build_with(
        article: &Article,
        lang_override: Option<&str>,
        ctx: &speech::Context,
    ) -> Script {
        let lang = lang_override
            .map(str::to_string)
            .or_else(|| article.lang.clone())
            .unwrap_or_else(|| DEFAULT_LANG.to_string());
        let blocks = article
            .blocks
            .iter()
            .map(|b| ScriptBlock {
                kind: b.kind,
                text: b.text.clone(),
                sentences: segment::utterances(&b.text, &lang)
                    .into_iter()
                    .map(|r| {
                        let text = b.text[r.clone()].to_string();
                        let spoken = speech::normalize(&text, &lang, ctx);
                        Sentence {
                            spoken: spoken.text,
                            spoken_map: spoken.map,
                            text,
                            start: r.start,
                            end: r.end,
                        }
                    })
                    .filter(|s| !s.spoken.is_empty())
                    .collect(),
            })
            .filter(|b| !b.sentences.is_empty())
            .collect();
        Script {
            title_spoken: article
                .title
                .as_deref()
                .map(|t| speech::normalize(t, &lang, ctx).text),
            title: article.title.clone(),
            byline: article.byline.clone(),
            published: article.published.clone(),
            site_name: article.site_name.clone(),
            canonical_url: article.canonical_url.clone(),
            lang,
            blocks,
        }
    }

    /// All body sentences in reading order.
    pub fn sentences(&self) -> impl Iterator<Item = SentenceRef<'_>> {
        self.blocks
            .iter()
            .enumerate()
            .flat_map(|(bi, b)| b.sentences.iter().map(move |s| (bi, s)))
            .enumerate()
            .map(|(index, (block, sentence))| SentenceRef {
                index,
                block,
                sentence,
            })
    }

    pub fn sentence_count(&self) -> usize {
        self.blocks.iter().map(|b| b.sentences.len()).sum()
    }

    /// Words that will be spoken, title included.
    pub fn word_count(&self) -> usize {
        let title = self.title_spoken.as_deref().unwrap_or("");
        title.split_whitespace().count()
            + self
                .sentences()
                .map(|s| s.sentence.spoken.split_whitespace().count())
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Block;

    #[test]
    fn numbers_sentences_across_blocks() {
        let article = Article {
            title: Some("T".into()),
            blocks: vec![
                Block::new(BlockKind::Paragraph, "One. Two."),
                Block::new(BlockKind::Paragraph, "Three."),
            ],
            ..Default::default()
        };
        let s = Script::build(&article, None);
        assert_eq!(s.lang, "en");
        let all: Vec<_> = s
            .sentences()
            .map(|r| (r.index, r.block, r.sentence.text.as_str()))
            .collect();
        assert_eq!(all, vec![(0, 0, "One."), (1, 0, "Two."), (2, 1, "Three.")]);
        assert_eq!(
            &s.blocks[0].text[s.blocks[0].sentences[1].start..s.blocks[0].sentences[1].end],
            "Two."
        );
    }
}
