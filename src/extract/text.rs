//! Plain text -> Article: paragraphs are separated by blank lines; a short first paragraph
//! without closing punctuation is the title.

use super::textutil::normalize_space;
use crate::article::{Article, Block, BlockKind};

pub fn extract(text: &str) -> Article {
    let text = text.trim_start_matches('\u{feff}');
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.trim().is_empty() {
                paragraphs.push(normalize_space(&current));
            }
            current.clear();
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.trim().is_empty() {
        paragraphs.push(normalize_space(&current));
    }
    let mut article = Article::default();
    if let Some(first) = paragraphs.first()
        && looks_like_title(first)
        && paragraphs.len() > 1
    {
        article.title = Some(paragraphs.remove(0));
    }
    article.blocks = paragraphs
        .into_iter()
        .map(|p| Block::new(BlockKind::Paragraph, p))
        .collect();
    article
}

fn looks_like_title(p: &str) -> bool {
    let chars = p.chars().count();
    chars <= 200 && !p.ends_with(['.', '!', '?', ':', ';', ','])
        || (chars <= 120 && p.ends_with('?'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_short_line_is_title() {
        let a = extract("A Title\n\nFirst para\ncontinues.\n\nSecond.");
        assert_eq!(a.title.as_deref(), Some("A Title"));
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.blocks[0].text, "First para continues.");
    }

    #[test]
    fn sentence_first_paragraph_is_not_title() {
        let a = extract("This is a sentence.\n\nAnother one.");
        assert_eq!(a.title, None);
        assert_eq!(a.blocks.len(), 2);
    }
}
