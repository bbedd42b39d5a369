//! A walk through a lesson: the step offered at the prompt, whether an
//! entry was that step (its statement as offered, or an edit of it — any
//! other entry runs and the step is offered again), a step put aside by
//! Ctrl-C, and where stopped lessons resume.

use crate::tutorial::{Lesson, Step};

/// A walk through a lesson.
pub struct Walk {
    pub lesson: &'static str,
    pub steps: Vec<Step>,
    pub pos: usize,
    /// Ctrl-C put the step aside: the prompt stays empty until Enter on an
    /// empty line offers it again.
    pub aside: bool,
    /// The current step's narration has been shown.
    pub shown: bool,
    /// `db.session.rollback()` is offered in the step's place: a failed
    /// flush waits for it.
    pub rollback: bool,
    /// The database file the lesson walks on (`db.engine.url`), or None
    /// for an in-memory one, gone once another is opened.
    pub ran_on: Option<String>,
}

/// What a walk offers while a failed flush waits for a rollback.
pub const ROLLBACK: &str = "db.session.rollback()";

impl Walk {
    /// A walk from the lesson's first step.
    pub fn start(lesson: &'static Lesson) -> Walk {
        Walk::at(lesson, 0)
    }

    /// A walk from step `pos` (0 for the first).
    pub fn at(lesson: &'static Lesson, pos: usize) -> Walk {
        Walk {
            lesson: lesson.name,
            steps: lesson.steps(),
            pos,
            aside: false,
            shown: false,
            rollback: false,
            ran_on: None,
        }
    }

    pub fn current(&self) -> Option<&Step> {
        self.steps.get(self.pos)
    }

    /// `step 3/14`
    pub fn progress(&self) -> String {
        format!("step {}/{}", self.pos + 1, self.steps.len())
    }

    /// On to the next step.
    pub fn advance(&mut self) {
        self.pos += 1;
        self.shown = false;
    }

    /// Whether `entry`, which ran without error, was the current step: its
    /// statement as offered or an edit of it (not the rollback offered in
    /// its place, however close to it: `db.session.commit()`).
    pub fn is_step(&self, entry: &str) -> bool {
        if self.rollback && normalize(entry) == ROLLBACK {
            return false;
        }
        self.current()
            .is_some_and(|s| is_edit_of(entry, &s.statement))
    }
}

/// Whether `entry` is `statement` or an edit of it: the same text (line
/// ends and indentation at the end aside); for a block (`model User <`
/// …), the same first line; for one line, at least half of it kept
/// (normalised Levenshtein similarity). A dot command is never an edit
/// of a statement, nor the reverse (`.help tutorial` is not the step).
pub fn is_edit_of(entry: &str, statement: &str) -> bool {
    let e = normalize(entry);
    let s = normalize(statement);
    if e == s {
        return true;
    }
    if e.is_empty() || e.starts_with('.') != s.starts_with('.') {
        return false;
    }
    if e.contains('\n') && s.contains('\n') {
        return e.lines().next() == s.lines().next();
    }
    strsim::normalized_levenshtein(&e, &s) >= 0.5
}

/// The text without trailing spaces on its lines, nor empty lines.
fn normalize(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        .trim()
        .to_string()
}

/// Where each stopped lesson was left, so that `.tutorial NAME` resumes it.
#[derive(Default)]
pub struct Left {
    /// The lesson, its step, and the database file it walked on.
    stopped: Vec<(&'static str, usize, Option<String>)>,
}

impl Left {
    /// Remember where `walk` stopped.
    pub fn stop(&mut self, walk: &Walk) {
        self.forget(walk.lesson);
        self.stopped
            .push((walk.lesson, walk.pos, walk.ran_on.clone()));
    }

    /// The step (0 for the first) where `lesson` was stopped, if it was.
    pub fn at(&self, lesson: &str) -> Option<usize> {
        self.stopped
            .iter()
            .find(|(l, ..)| *l == lesson)
            .map(|(_, pos, _)| *pos)
    }

    /// The database file `lesson` walked on when it stopped (None when
    /// it was an in-memory one, or the lesson did not stop).
    pub fn ran_on(&self, lesson: &str) -> Option<&str> {
        self.stopped
            .iter()
            .find(|(l, ..)| *l == lesson)
            .and_then(|(.., on)| on.as_deref())
    }

    /// Forget where `lesson` stopped (it was finished or started over).
    pub fn forget(&mut self, lesson: &str) {
        self.stopped.retain(|(l, ..)| *l != lesson);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_step_or_an_edit_of_it_moves_on() {
        let step = "User.query.filter_by(username='admin').first()";
        assert!(is_edit_of(step, step));
        assert!(is_edit_of(&format!("  {step}  \n"), step));
        assert!(is_edit_of(
            "User.query.filter_by(username='guest').first()",
            step
        ));
        assert!(!is_edit_of("1+1", step));
        assert!(!is_edit_of("1+1", "db.create_all()"));
        assert!(!is_edit_of(".help tutorial", "db.create_all()"));
        assert!(!is_edit_of("", "db.create_all()"));
        assert!(is_edit_of(".echo on", ".echo on"));
        let block = "model User <\n    id = db.Column(db.Integer, primary_key=True)\n>";
        let edited = "model User <\n    id = db.Column(db.Integer, primary_key=True)\n    age = db.Column(db.Integer)\n>";
        assert!(is_edit_of(edited, block));
        assert!(!is_edit_of("model Post <\n    id = 1\n>", block));
    }

    #[test]
    fn stopped_lessons_are_remembered_once() {
        let lesson = crate::tutorial::find("quickstart").unwrap();
        let mut left = Left::default();
        let mut w = Walk::start(lesson);
        w.pos = 6;
        left.stop(&w);
        w.pos = 7;
        left.stop(&w);
        assert_eq!(left.at("quickstart"), Some(7));
        left.forget("quickstart");
        assert_eq!(left.at("quickstart"), None);
    }
}
