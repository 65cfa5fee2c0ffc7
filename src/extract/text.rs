//! Plain text -> Article.
//!
//! Paragraphs are separated by blank lines; the lines of a paragraph are joined (hard-wrapped
//! text reads as one paragraph). A text with no blank lines at all whose lines are long is one
//! paragraph per line (text copied from a web page). Lines starting with a list marker (`-`,
//! `*`, `•`, `1.`, `2)`) are list items. Separator lines (`***`, `---`, `===` under a title) are
//! not read. A short first paragraph without closing punctuation is the title.

use super::textutil::normalize_space;
use crate::article::{Article, Block, BlockKind};

pub fn extract(text: &str) -> Article {
    let text = text.trim_start_matches('\u{feff}');
    let lines: Vec<&str> = text.lines().collect();
    let unwrapped = looks_unwrapped(&lines);
    let mut blocks: Vec<Block> = Vec::new();
    let mut current = String::new();
    let mut current_kind = BlockKind::Paragraph;
    let flush = |current: &mut String, kind: BlockKind, blocks: &mut Vec<Block>| {
        let t = normalize_space(current);
        current.clear();
        if !t.is_empty() {
            blocks.push(Block::new(kind, t));
        }
    };
    for line in &lines {
        let trimmed = line.trim();
        if trimmed.is_empty() || is_separator(trimmed) {
            flush(&mut current, current_kind, &mut blocks);
            current_kind = BlockKind::Paragraph;
            continue;
        }
        if let Some(item) = list_item(trimmed) {
            flush(&mut current, current_kind, &mut blocks);
            current_kind = BlockKind::ListItem;
            current.push_str(item);
            current.push('\n');
            continue;
        }
        if unwrapped {
            flush(&mut current, current_kind, &mut blocks);
            current_kind = BlockKind::Paragraph;
        }
        current.push_str(line);
        current.push('\n');
    }
    flush(&mut current, current_kind, &mut blocks);

    let mut article = Article::default();
    if let Some(first) = blocks.first()
        && first.kind == BlockKind::Paragraph
        && looks_like_title(&first.text)
        && blocks.len() > 1
    {
        article.title = Some(blocks.remove(0).text);
    }
    article.blocks = blocks;
    article
}

/// No blank line at all, and long lines: each line is a paragraph.
fn looks_unwrapped(lines: &[&str]) -> bool {
    let non_empty: Vec<&&str> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    if non_empty.len() < 3 || non_empty.len() != lines.len() {
        return false;
    }
    let chars: usize = non_empty.iter().map(|l| l.chars().count()).sum();
    chars / non_empty.len() > 100
}

/// `***`, `---`, `===`, `* * *`, `~~~`: a line made of one repeated punctuation mark.
fn is_separator(line: &str) -> bool {
    let mut marks = line.chars().filter(|c| !c.is_whitespace());
    let Some(first) = marks.next() else {
        return false;
    };
    matches!(first, '*' | '-' | '=' | '_' | '~' | '#' | '•')
        && line.chars().filter(|c| !c.is_whitespace()).count() >= 3
        && marks.all(|c| c == first)
}

/// The text of a list item line, without its marker.
fn list_item(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "• ", "– ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim_start()).filter(|r| !r.is_empty());
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some(r.trim_start()).filter(|r| !r.is_empty());
        }
    }
    None
}

fn looks_like_title(p: &str) -> bool {
    let chars = p.chars().count();
    chars <= 200 && !p.ends_with(['.', '!', '?', ':', ';', ','])
        || (chars <= 120 && p.ends_with('?'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(a: &Article) -> Vec<(BlockKind, &str)> {
        a.blocks.iter().map(|b| (b.kind, b.text.as_str())).collect()
    }

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

    #[test]
    fn underlined_title_lists_and_separators() {
        let a = extract(
            "The Title\r\n=========\r\n\r\nIntro text.\r\n\r\n- one\r\n- two\r\n3) three\r\n\r\n* * *\r\n\r\nEnd.",
        );
        assert_eq!(a.title.as_deref(), Some("The Title"));
        assert_eq!(
            texts(&a),
            vec![
                (BlockKind::Paragraph, "Intro text."),
                (BlockKind::ListItem, "one"),
                (BlockKind::ListItem, "two"),
                (BlockKind::ListItem, "three"),
                (BlockKind::Paragraph, "End."),
            ]
        );
    }

    #[test]
    fn unwrapped_text_is_one_paragraph_per_line() {
        let long = "This line is a whole paragraph of text copied from a web page, long enough to be one on its own.";
        let text = format!("{long}\n{long} Again.\n{long} And again.\n");
        let a = extract(&text);
        assert_eq!(a.blocks.len(), 3);
        // Hard-wrapped text (short lines) stays joined.
        let a = extract("A wrapped\nparagraph of\nshort lines.\n");
        assert_eq!(
            texts(&a),
            vec![(BlockKind::Paragraph, "A wrapped paragraph of short lines.")]
        );
    }
}
