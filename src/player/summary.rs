//! What a run did with each source, told at the end: read, skipped and failed, with reasons.

use super::session::At;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// Not reached (yet).
    Pending,
    /// Read to the end.
    Read,
    /// Left before the end: where (of how many sentences), and how.
    Left(At, usize, &'static str),
    /// Never started, and why.
    NotReached(&'static str),
    /// Could not be read: the message names the source.
    Failed(String),
}

pub struct Summary {
    names: Vec<String>,
    titles: Vec<Option<String>>,
    statuses: Vec<Status>,
}

/// "sentence 12 of 48", or "the end".
pub fn at_text(at: At, sentences: usize) -> String {
    match at {
        At::Sentence(i) => format!("sentence {} of {sentences}", i + 1),
        At::Finished => "the end".into(),
    }
}

impl Summary {
    pub fn new(names: Vec<String>) -> Summary {
        let n = names.len();
        Summary {
            names,
            titles: vec![None; n],
            statuses: vec![Status::Pending; n],
        }
    }

    pub fn set(&mut self, k: usize, status: Status) {
        if let Some(s) = self.statuses.get_mut(k) {
            *s = status;
        }
    }

    pub fn status(&self, k: usize) -> &Status {
        self.statuses.get(k).unwrap_or(&Status::Pending)
    }

    pub fn set_title(&mut self, k: usize, title: Option<String>) {
        if let Some(t) = self.titles.get_mut(k) {
            *t = title;
        }
    }

    /// The sources never reached are so for `why`.
    pub fn not_reached(&mut self, why: &'static str) {
        for s in &mut self.statuses {
            if *s == Status::Pending {
                *s = Status::NotReached(why);
            }
        }
    }

    fn label(&self, k: usize) -> String {
        match &self.titles[k] {
            Some(t) if !t.is_empty() => format!("{} ({t})", self.names[k]),
            _ => self.names[k].clone(),
        }
    }

    /// The summary for standard error, or `None` when there is nothing to add: a single source
    /// read to the end, or one whose failure was already reported.
    pub fn render(&self) -> Option<String> {
        let total = self.statuses.len();
        if total == 1 {
            return match &self.statuses[0] {
                Status::Left(at @ At::Sentence(_), n, _) => Some(format!(
                    "Stopped at {}; reading it again resumes there (--restart starts over).\n",
                    at_text(*at, *n)
                )),
                _ => None,
            };
        }
        let read = self.statuses.iter().filter(|s| **s == Status::Read).count();
        let failed = self
            .statuses
            .iter()
            .filter(|s| matches!(s, Status::Failed(_)))
            .count();
        let skipped = total - read - failed;
        let mut out = format!("Read {read} of {total}; skipped {skipped}; failed {failed}.\n");
        for (k, s) in self.statuses.iter().enumerate() {
            let line = match s {
                Status::Read => continue,
                Status::Left(at, n, how) => {
                    format!(
                        "  skipped  {}: left at {} ({how})",
                        self.label(k),
                        at_text(*at, *n)
                    )
                }
                Status::NotReached(why) => {
                    format!("  skipped  {}: not reached ({why})", self.label(k))
                }
                Status::Pending => format!("  skipped  {}: not reached", self.label(k)),
                Status::Failed(msg) => {
                    format!("  failed   {}", msg.lines().next().unwrap_or_default())
                }
            };
            out.push_str(&line);
            out.push('\n');
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_article_read_says_nothing() {
        let mut s = Summary::new(vec!["a.html".into()]);
        s.set(0, Status::Read);
        assert_eq!(s.render(), None);
        s.set(0, Status::Left(At::Sentence(11), 48, "quit"));
        assert_eq!(
            s.render().expect("text"),
            "Stopped at sentence 12 of 48; reading it again resumes there (--restart starts over).\n"
        );
    }

    #[test]
    fn a_batch_lists_what_was_not_read_with_reasons() {
        let mut s = Summary::new(vec![
            "a.html".into(),
            "b.html".into(),
            "c.html".into(),
            "d.html".into(),
        ]);
        s.set(0, Status::Read);
        s.set_title(1, Some("B".into()));
        s.set(1, Status::Left(At::Sentence(2), 12, "moved on with n"));
        s.set(2, Status::Failed("c.html: no such file or folder".into()));
        s.not_reached("quit before it");
        assert_eq!(
            s.render().expect("text"),
            "Read 1 of 4; skipped 2; failed 1.\n\
             \x20 skipped  b.html (B): left at sentence 3 of 12 (moved on with n)\n\
             \x20 failed   c.html: no such file or folder\n\
             \x20 skipped  d.html: not reached (quit before it)\n"
        );
    }
}
