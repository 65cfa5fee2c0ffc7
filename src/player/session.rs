//! The reading state of one article: which utterance is being spoken, which are queued in the
//! engine, where the listener is, whether reading is paused. Pure: no I/O and no clock; the
//! driver (`reader.rs`) feeds it engine events and key commands and carries out what it says.
//!
//! Utterances are numbered: 0 is the title, `u >= 1` is body sentence `u - 1`. The title is always
//! spoken first; after it, reading goes on at the sentence to resume at.
//!
//! Pausing and moving both cancel what the engine holds and queue again from the new place, so a
//! pause resumes at the start of the interrupted sentence. A speed change applies to what is
//! queued from then on: the engine keeps the speed an utterance was queued with, so the sentence
//! queued ahead at the old speed is cancelled and queued again when it comes up
//! ([`Happened::Ended::stale_next`]).

use std::collections::VecDeque;

use crate::engine::{EngineEvent, UtteranceId};

/// The title's utterance number.
pub const TITLE: usize = 0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    NextSentence,
    PreviousSentence,
    NextParagraph,
    PreviousParagraph,
}

/// Where to pick up if reading stopped now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// At this body sentence (from 0).
    Sentence(usize),
    /// Read to the end.
    Finished,
}

/// What an engine event meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happened {
    /// The utterance began to play.
    Began(usize),
    /// The utterance ended. `stale_next`: the one queued after it carries an old speed and must
    /// be cancelled and queued again.
    Ended { utterance: usize, stale_next: bool },
    /// The utterance being spoken was cancelled by someone else (another program).
    CancelledElsewhere(usize),
    /// An event about an utterance we no longer follow (cancelled by us): nothing to do.
    Nothing,
}

#[derive(Debug, Clone, Copy)]
struct Queued {
    id: UtteranceId,
    utterance: usize,
    epoch: u32,
    began: bool,
}

#[derive(Debug)]
pub struct Session {
    /// Block number of each body sentence.
    block_of: Vec<usize>,
    /// The body sentence that follows the title.
    resume: usize,
    /// The utterance being spoken, or to be spoken next.
    pos: usize,
    /// The next utterance to hand to the engine.
    next: usize,
    in_flight: VecDeque<Queued>,
    paused: bool,
    /// Bumped at every speed change; utterances remember the epoch they were queued in.
    epoch: u32,
    /// Queue nothing ahead of the utterance being spoken (the sleep timer is about to stop).
    pub hold: bool,
}

impl Session {
    /// `block_of[i]` is the block of body sentence `i`; reading goes on at sentence `resume`
    /// after the title.
    pub fn new(block_of: Vec<usize>, resume: usize) -> Session {
        let resume = resume.min(block_of.len().saturating_sub(1));
        Session {
            block_of,
            resume,
            pos: TITLE,
            next: TITLE,
            in_flight: VecDeque::new(),
            paused: false,
            epoch: 0,
            hold: false,
        }
    }

    /// One past the last utterance.
    fn end(&self) -> usize {
        self.block_of.len() + 1
    }

    fn after(&self, u: usize) -> usize {
        if u == TITLE { self.resume + 1 } else { u + 1 }
    }

    /// The next utterance to hand to the engine, if one should be queued now: nothing while
    /// paused, and at most `1 + lookahead` in the engine.
    pub fn to_queue(&self, lookahead: usize) -> Option<usize> {
        let room = if self.hold { 1 } else { 1 + lookahead };
        (!self.paused && self.next < self.end() && self.in_flight.len() < room).then_some(self.next)
    }

    /// The engine accepted `utterance` as `id`.
    pub fn queued(&mut self, id: UtteranceId, utterance: usize) {
        self.in_flight.push_back(Queued {
            id,
            utterance,
            epoch: self.epoch,
            began: false,
        });
        self.next = self.after(utterance);
    }

    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }

    /// The utterance being spoken (or about to begin), if any.
    pub fn front(&self) -> Option<usize> {
        self.in_flight.front().map(|q| q.utterance)
    }

    /// Whether the utterance at the front has begun to play.
    pub fn front_began(&self) -> bool {
        self.in_flight.front().is_some_and(|q| q.began)
    }

    /// Everything has been spoken.
    pub fn finished(&self) -> bool {
        self.in_flight.is_empty() && self.pos >= self.end()
    }

    pub fn paused(&self) -> bool {
        self.paused
    }

    /// The utterance being spoken or to be spoken next.
    pub fn pos(&self) -> usize {
        self.pos
    }

    /// The body sentence being spoken or to be spoken next (`None` on the title or past the end).
    pub fn current_sentence(&self) -> Option<usize> {
        (self.pos != TITLE && self.pos < self.end()).then(|| self.pos - 1)
    }

    /// Where to pick up if reading stopped now: at the interrupted sentence (a sentence that has
    /// begun but not ended is read again), or where the title leads.
    pub fn at(&self) -> At {
        if self.pos == TITLE {
            At::Sentence(self.resume)
        } else if self.pos >= self.end() {
            At::Finished
        } else {
            At::Sentence(self.pos - 1)
        }
    }

    pub fn on_event(&mut self, event: EngineEvent) -> Happened {
        let Some(front) = self.in_flight.front_mut() else {
            return Happened::Nothing;
        };
        match event {
            EngineEvent::Begin(id) if id == front.id && !front.began => {
                front.began = true;
                Happened::Began(front.utterance)
            }
            EngineEvent::End(id) if id == front.id => {
                let done = front.utterance;
                self.in_flight.pop_front();
                self.pos = self.after(done);
                let stale_next = self
                    .in_flight
                    .front()
                    .is_some_and(|q| q.epoch != self.epoch);
                Happened::Ended {
                    utterance: done,
                    stale_next,
                }
            }
            EngineEvent::Stopped(id) if id == front.id => {
                Happened::CancelledElsewhere(front.utterance)
            }
            _ => Happened::Nothing,
        }
    }

    /// Goes to `utterance`. Returns whether the engine holds speech that must be cancelled.
    pub fn jump(&mut self, utterance: usize) -> bool {
        let cancel = !self.in_flight.is_empty();
        self.in_flight.clear();
        self.pos = utterance.min(self.end());
        self.next = self.pos;
        cancel
    }

    /// Pauses. Returns whether the engine holds speech that must be cancelled.
    pub fn pause(&mut self) -> bool {
        self.paused = true;
        let pos = self.pos;
        self.jump(pos)
    }

    pub fn resume(&mut self) {
        self.paused = false;
    }

    /// The speed changed: what is queued from now on carries the new speed.
    pub fn speed_changed(&mut self) {
        self.epoch = self.epoch.wrapping_add(1);
    }

    /// The utterance a move leads to. Past the last sentence is [`Self::end`]: the article is
    /// done. On the title, forward moves lead to the first sentence to read and backward moves
    /// restart the title. "Previous paragraph" goes to the start of the current paragraph, or to
    /// the previous one when already at its start (like "previous track" in a music player).
    pub fn target(&self, nav: Nav) -> usize {
        let Some(i) = self.current_sentence() else {
            return match nav {
                Nav::NextSentence | Nav::NextParagraph if self.pos == TITLE => self.resume + 1,
                Nav::NextSentence | Nav::NextParagraph => self.end(),
                _ if self.pos == TITLE => TITLE,
                // Past the end (not normally seen): back to the last sentence.
                _ => self.end() - 1,
            };
        };
        match nav {
            Nav::NextSentence => i + 2,
            Nav::PreviousSentence => i.saturating_sub(1) + 1,
            Nav::NextParagraph => {
                let b = self.block_of[i];
                (i..self.block_of.len())
                    .find(|&j| self.block_of[j] != b)
                    .map_or(self.end(), |j| j + 1)
            }
            Nav::PreviousParagraph => {
                let start = self.paragraph_start(i);
                if i > start || start == 0 {
                    start + 1
                } else {
                    self.paragraph_start(start - 1) + 1
                }
            }
        }
    }

    /// The first sentence of sentence `i`'s paragraph.
    fn paragraph_start(&self, i: usize) -> usize {
        let b = self.block_of[i];
        let mut j = i;
        while j > 0 && self.block_of[j - 1] == b {
            j -= 1;
        }
        j
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EngineEvent::{Begin, End, Stopped};

    /// Three paragraphs: sentences 0-1, 2-4, 5.
    fn session(resume: usize) -> Session {
        Session::new(vec![0, 0, 1, 1, 1, 2], resume)
    }

    /// Queues what the session asks for, with ids from `next_id`.
    fn fill(s: &mut Session, next_id: &mut u64) -> Vec<(u64, usize)> {
        let mut out = Vec::new();
        while let Some(u) = s.to_queue(1) {
            *next_id += 1;
            s.queued(*next_id, u);
            out.push((*next_id, u));
        }
        out
    }

    #[test]
    fn reads_title_then_every_sentence_with_one_queued_ahead() {
        let mut s = session(0);
        let mut id = 0;
        let mut spoken = Vec::new();
        loop {
            let q = fill(&mut s, &mut id);
            assert!(s.in_flight() <= 2);
            let _ = q;
            let Some(front) = s.in_flight.front().map(|q| q.id) else {
                break;
            };
            if let Happened::Began(u) = s.on_event(Begin(front)) {
                spoken.push(u);
            }
            s.on_event(End(front));
        }
        assert_eq!(spoken, vec![0, 1, 2, 3, 4, 5, 6]);
        assert!(s.finished());
        assert_eq!(s.at(), At::Finished);
    }

    #[test]
    fn resumes_after_the_title() {
        let mut s = session(3);
        let mut id = 0;
        assert_eq!(fill(&mut s, &mut id), vec![(1, TITLE), (2, 4)]);
        assert_eq!(s.at(), At::Sentence(3));
        s.on_event(Begin(1));
        assert_eq!(
            s.on_event(End(1)),
            Happened::Ended {
                utterance: TITLE,
                stale_next: false
            }
        );
        assert_eq!(s.current_sentence(), Some(3));
        assert_eq!(fill(&mut s, &mut id), vec![(3, 5)]);
    }

    #[test]
    fn pause_resumes_at_the_start_of_the_interrupted_sentence() {
        let mut s = session(0);
        let mut id = 0;
        fill(&mut s, &mut id);
        s.on_event(Begin(1));
        s.on_event(End(1));
        fill(&mut s, &mut id); // 2 = sentence 0 (utterance 1), 3 = utterance 2
        assert_eq!(s.on_event(Begin(2)), Happened::Began(1));
        assert!(s.pause());
        assert!(s.paused());
        assert_eq!(fill(&mut s, &mut id), vec![]);
        // The cancelled utterances report in late: ignored.
        assert_eq!(s.on_event(Stopped(2)), Happened::Nothing);
        assert_eq!(s.on_event(End(2)), Happened::Nothing);
        assert_eq!(s.at(), At::Sentence(0));
        s.resume();
        assert_eq!(fill(&mut s, &mut id), vec![(4, 1), (5, 2)]);
    }

    #[test]
    fn moves_by_sentence_and_paragraph() {
        let mut s = session(0);
        s.jump(4); // sentence 3, second of paragraph 1
        assert_eq!(s.current_sentence(), Some(3));
        assert_eq!(s.target(Nav::NextSentence), 5);
        assert_eq!(s.target(Nav::PreviousSentence), 3);
        assert_eq!(s.target(Nav::NextParagraph), 6); // sentence 5
        assert_eq!(s.target(Nav::PreviousParagraph), 3); // start of paragraph 1 (sentence 2)
        s.jump(3); // at the start of paragraph 1
        assert_eq!(s.target(Nav::PreviousParagraph), 1); // paragraph 0
        s.jump(1);
        assert_eq!(s.target(Nav::PreviousParagraph), 1);
        assert_eq!(s.target(Nav::PreviousSentence), 1);
        s.jump(6); // last sentence
        assert_eq!(s.target(Nav::NextSentence), 7); // the end
        assert_eq!(s.target(Nav::NextParagraph), 7);
        s.jump(7);
        assert!(s.finished());
        assert_eq!(s.at(), At::Finished);
    }

    #[test]
    fn on_the_title_forward_goes_to_the_first_sentence_to_read() {
        let s = session(2);
        assert_eq!(s.target(Nav::NextSentence), 3);
        assert_eq!(s.target(Nav::NextParagraph), 3);
        assert_eq!(s.target(Nav::PreviousSentence), TITLE);
    }

    #[test]
    fn a_speed_change_requeues_what_was_queued_at_the_old_speed() {
        let mut s = session(0);
        let mut id = 0;
        s.jump(1);
        fill(&mut s, &mut id); // 1 -> utterance 1, 2 -> utterance 2
        s.on_event(Begin(1));
        s.speed_changed();
        assert_eq!(
            s.on_event(End(1)),
            Happened::Ended {
                utterance: 1,
                stale_next: true
            }
        );
        // The driver cancels and queues again from the current place.
        assert!(s.jump(s.pos()));
        assert_eq!(fill(&mut s, &mut id), vec![(3, 2), (4, 3)]);
        s.on_event(Begin(3));
        assert_eq!(
            s.on_event(End(3)),
            Happened::Ended {
                utterance: 2,
                stale_next: false
            }
        );
    }

    #[test]
    fn hold_keeps_nothing_queued_ahead() {
        let mut s = session(0);
        let mut id = 0;
        s.hold = true;
        assert_eq!(fill(&mut s, &mut id), vec![(1, TITLE)]);
    }

    #[test]
    fn cancelled_elsewhere_is_reported() {
        let mut s = session(0);
        let mut id = 0;
        fill(&mut s, &mut id);
        assert_eq!(s.on_event(Stopped(1)), Happened::CancelledElsewhere(TITLE));
    }
}
