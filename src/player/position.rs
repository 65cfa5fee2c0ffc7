//! Reading positions that survive from one run to the next.
//!
//! One small JSON file per article in the state folder (`$XDG_STATE_HOME/listen/positions/`, by
//! default `~/.local/state/listen/positions/`), named after a hash of the article's key (its URL,
//! or the absolute path of the file). It holds the sentence to resume at, that sentence's text
//! and a hash of the whole extracted text, so a changed article can be re-aligned. Files are
//! written to a temporary name, synced and renamed over the old one: a crash or `kill -9` leaves
//! either the old position or the new one, never a torn file.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::script::Script;

/// What is saved for one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub key: String,
    /// The sentence to resume at, from 0 (the number shown to users is one more).
    pub sentence: usize,
    /// That sentence's text, to find it again if the article changed.
    pub text: String,
    /// Hash of the whole extracted text (`fnv1a64:` and 16 hex digits).
    pub text_hash: String,
    /// Sentences in the article when saved.
    pub sentences: usize,
    /// Read to the end: the next reading starts from the top.
    pub finished: bool,
    pub title: Option<String>,
    /// Seconds since 1970 when saved.
    pub saved_at: u64,
}

use crate::hash::fnv1a64;

/// A hash of the article's whole extracted text: title and every block.
pub fn text_hash(script: &Script) -> String {
    let mut all = String::new();
    all.push_str(script.title.as_deref().unwrap_or(""));
    for b in &script.blocks {
        all.push('\n');
        all.push_str(&b.text);
    }
    format!("fnv1a64:{:016x}", fnv1a64(all.as_bytes()))
}

/// Where reading starts, and what to tell the listener about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Start {
    pub sentence: usize,
    pub note: Option<String>,
}

/// Decides where an article starts: `--from` (from 1) wins, then `--restart`, then the saved
/// position. A finished article starts from the top. If the text changed since, reading resumes
/// at the same sentence text if it is still there (the occurrence nearest the old place, scaled
/// to the new length), else at the start. Errors when `--from` is past the end.
pub fn resolve(
    script: &Script,
    hash: &str,
    saved: Option<&Saved>,
    from: Option<usize>,
    restart: bool,
) -> Result<Start, String> {
    let total = script.sentence_count();
    let top = Start {
        sentence: 0,
        note: None,
    };
    if let Some(n) = from {
        if n == 0 || n > total {
            return Err(format!(
                "--from {n} is outside the article: it has {total} sentence{} (`listen text` numbers them)",
                if total == 1 { "" } else { "s" }
            ));
        }
        return Ok(Start {
            sentence: n - 1,
            note: (n > 1).then(|| format!("Starting at sentence {n} of {total}")),
        });
    }
    let Some(saved) = saved.filter(|_| !restart) else {
        return Ok(top);
    };
    if saved.finished {
        return Ok(Start {
            sentence: 0,
            note: Some("Read to the end last time; starting from the top".into()),
        });
    }
    let resuming = |i: usize, changed: bool| Start {
        sentence: i,
        note: Some(format!(
            "{}Resuming at sentence {} of {total}; --restart starts over",
            if changed {
                "The article has changed since last time. "
            } else {
                ""
            },
            i + 1
        )),
    };
    if saved.text_hash == hash && saved.sentence < total {
        return Ok(if saved.sentence == 0 {
            top
        } else {
            resuming(saved.sentence, false)
        });
    }
    // Where the old place falls in the new text, in proportion (the article may have grown or
    // shrunk around it): the nearest occurrence of the sentence to there wins.
    let expected = if saved.sentences > 0 {
        saved.sentence as f64 * total as f64 / saved.sentences as f64
    } else {
        saved.sentence as f64
    };
    let found = script
        .sentences()
        .filter(|s| s.sentence.text == saved.text)
        .map(|s| s.index)
        .min_by(|&a, &b| {
            let (da, db) = ((a as f64 - expected).abs(), (b as f64 - expected).abs());
            da.total_cmp(&db)
        });
    Ok(match found {
        Some(0) => top,
        Some(i) => resuming(i, true),
        None => Start {
            sentence: 0,
            note: Some(
                "The article has changed since last time and the sentence you were at is gone; \
                 starting from the top"
                    .into(),
            ),
        },
    })
}

/// The folder of saved positions.
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The user's state folder (`directories`: `$XDG_STATE_HOME/listen` on Linux; the local data
    /// folder where the platform has no state folder).
    pub fn open_default() -> Option<Store> {
        let dirs = directories::ProjectDirs::from("", "", "listen")?;
        let base = dirs
            .state_dir()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| dirs.data_local_dir().to_path_buf());
        Some(Store::at(base.join("positions")))
    }

    pub fn at(dir: PathBuf) -> Store {
        Store { dir }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, key: &str) -> PathBuf {
        self.dir
            .join(format!("{:016x}.json", fnv1a64(key.as_bytes())))
    }

    /// The saved position for `key`, if any. An unreadable or foreign file counts as none.
    pub fn load(&self, key: &str) -> Option<Saved> {
        let text = std::fs::read_to_string(self.path(key)).ok()?;
        let saved: Saved = serde_json::from_str(&text).ok()?;
        (saved.key == key).then_some(saved)
    }

    /// Saves atomically: a temporary file in the same folder, synced, renamed over the old one.
    pub fn save(&self, saved: &Saved) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let path = self.path(&saved.key);
        let tmp = path.with_extension(format!("json.{}.tmp", std::process::id()));
        let result = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            let json = serde_json::to_string_pretty(saved).map_err(std::io::Error::other)?;
            f.write_all(json.as_bytes())?;
            f.write_all(b"\n")?;
            f.sync_all()?;
            std::fs::rename(&tmp, &path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Forgets the position for `key` (reading would start from the top anyway).
    pub fn forget(&self, key: &str) -> std::io::Result<()> {
        match std::fs::remove_file(self.path(key)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Article, Block, BlockKind};

    fn script(paragraphs: &[&str]) -> Script {
        Script::build(
            &Article {
                title: Some("T".into()),
                blocks: paragraphs
                    .iter()
                    .map(|p| Block::new(BlockKind::Paragraph, *p))
                    .collect(),
                ..Default::default()
            },
            Some("en"),
        )
    }

    fn saved(script: &Script, sentence: usize) -> Saved {
        Saved {
            key: "k".into(),
            sentence,
            text: script
                .sentences()
                .nth(sentence)
                .map(|s| s.sentence.text.clone())
                .unwrap_or_default(),
            text_hash: text_hash(script),
            sentences: script.sentence_count(),
            finished: false,
            title: script.title.clone(),
            saved_at: 0,
        }
    }

    #[test]
    fn resumes_where_it_was() {
        let s = script(&["One is here. Two is here.", "Three is here. Four is here."]);
        let h = text_hash(&s);
        let start = resolve(&s, &h, Some(&saved(&s, 2)), None, false).expect("ok");
        assert_eq!(start.sentence, 2);
        assert_eq!(
            start.note.as_deref(),
            Some("Resuming at sentence 3 of 4; --restart starts over")
        );
        assert_eq!(
            resolve(&s, &h, Some(&saved(&s, 2)), None, true)
                .expect("ok")
                .sentence,
            0
        );
        assert_eq!(resolve(&s, &h, None, None, false).expect("ok").sentence, 0);
    }

    #[test]
    fn from_counts_from_one_and_wins() {
        let s = script(&["One is here. Two is here.", "Three is here."]);
        let h = text_hash(&s);
        let start = resolve(&s, &h, Some(&saved(&s, 2)), Some(2), false).expect("ok");
        assert_eq!(start.sentence, 1);
        assert!(resolve(&s, &h, None, Some(4), false).is_err());
        assert!(resolve(&s, &h, None, Some(0), false).is_err());
        assert_eq!(
            resolve(&s, &h, None, Some(3), false).expect("ok").sentence,
            2
        );
    }

    #[test]
    fn a_finished_article_starts_from_the_top() {
        let s = script(&["One is here. Two is here."]);
        let mut p = saved(&s, 1);
        p.finished = true;
        assert_eq!(
            resolve(&s, &text_hash(&s), Some(&p), None, false)
                .expect("ok")
                .sentence,
            0
        );
    }

    #[test]
    fn a_changed_article_resumes_at_the_same_sentence_text() {
        let old = script(&["One is here. Two is here.", "Three is here. Four is here."]);
        let p = saved(&old, 2); // "Three is here."
        let new = script(&[
            "A new first paragraph. With two sentences.",
            "One is here. Two is here.",
            "Three is here. Four is here.",
        ]);
        let start = resolve(&new, &text_hash(&new), Some(&p), None, false).expect("ok");
        assert_eq!(start.sentence, 4);
        assert!(start.note.expect("note").contains("has changed"));

        let gone = script(&["Entirely different text. Nothing in common."]);
        let start = resolve(&gone, &text_hash(&gone), Some(&p), None, false).expect("ok");
        assert_eq!(start.sentence, 0);
    }

    #[test]
    fn the_nearest_of_repeated_sentences_wins() {
        let (y, a, b, c) = (
            "It rained.",
            "The dog barked.",
            "The cat slept.",
            "The end came.",
        );
        let old = script(&[
            &format!("{y} {a}"),
            &format!("{y} {b}"),
            &format!("{y} {c}"),
        ]);
        let p = saved(&old, 4); // the third "It rained."
        assert_eq!(p.text, y);
        let new = script(&[
            "An intro came first.",
            &format!("{y} {a}"),
            &format!("{y} {b}"),
            &format!("{y} {c}"),
        ]);
        let start = resolve(&new, &text_hash(&new), Some(&p), None, false).expect("ok");
        assert_eq!(start.sentence, 5);
    }

    #[test]
    fn saves_atomically_and_loads_back() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path().join("positions"));
        let s = script(&["One is here. Two is here."]);
        let mut p = saved(&s, 1);
        assert_eq!(store.load("k"), None);
        store.save(&p).expect("save");
        assert_eq!(store.load("k"), Some(p.clone()));
        p.sentence = 0;
        store.save(&p).expect("save again");
        assert_eq!(store.load("k").map(|p| p.sentence), Some(0));
        let names: Vec<_> = std::fs::read_dir(store.dir())
            .expect("dir")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
        store.forget("k").expect("forget");
        assert_eq!(store.load("k"), None);
        store.forget("k").expect("forgetting twice is fine");
    }

    #[test]
    fn a_torn_or_foreign_file_counts_as_none() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::at(dir.path().to_path_buf());
        std::fs::write(store.path("k"), "{\"key\": \"k\", \"sent").expect("write");
        assert_eq!(store.load("k"), None);
        let s = script(&["One is here."]);
        let mut p = saved(&s, 0);
        p.key = "other".into();
        std::fs::write(store.path("k"), serde_json::to_string(&p).expect("json")).expect("write");
        assert_eq!(store.load("k"), None);
    }
}
