//! A walk through a lesson: the step offered at the prompt, whether an
//! entry was that step (its statement as offered, or an edit of it — any
//! other entry runs and the step is offered again), a step put aside by
//! Ctrl-C, the steps a jump skipped (a step that fails on a name one of
//! them makes says which and how to run it), and where stopped lessons
//! resume.

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
    /// The steps (0 for the first) a jump (`.tutorial NAME N`) went past
    /// without running them.
    pub skipped: Vec<usize>,
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
            skipped: Vec::new(),
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

    /// Record a jump from step `from` to this walk's step (0 for the
    /// first): the steps between did not run, and those skipped by
    /// earlier jumps before it still have not.
    pub fn jumped(&mut self, from: usize, before: &[usize]) {
        self.skipped = before.iter().copied().filter(|&s| s < self.pos).collect();
        self.skipped.extend(from..self.pos);
        self.skipped.sort_unstable();
        self.skipped.dedup();
    }

    /// After the step failed on `name` not being defined: which skipped
    /// step makes it, and how to run it — None when no skipped step
    /// binds it (the failure is not the jump's).
    pub fn skipped_setup(&self, name: &str) -> Option<String> {
        let at = *self.skipped.iter().find(|&&s| {
            self.steps
                .get(s)
                .is_some_and(|st| binds(&st.statement, name))
        })?;
        let first = self.skipped.first().copied().unwrap_or(at);
        let back = |n: usize| format!("'.tutorial {} {}'", self.lesson, n + 1);
        let mut hint = format!(
            "hint: '{name}' is made by step {}, which the jump to step {} skipped: {} goes back to it",
            at + 1,
            self.pos + 1,
            back(at)
        );
        if first < at {
            hint.push_str(&format!(
                " (it may need the skipped steps before it: {} goes back to the first, step {})",
                back(first),
                first + 1
            ));
        }
        hint.push('.');
        Some(hint)
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

/// Whether `statement` binds `name` at its top level: assigns it
/// (`ann = …`, `a, b = …`), defines a model, class or function of that
/// name, or imports it. Lines inside a block (a model's columns) bind
/// nothing outside it.
fn binds(statement: &str, name: &str) -> bool {
    let ident = |t: &str| -> String {
        t.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    statement
        .lines()
        .filter(|l| !l.starts_with([' ', '\t']))
        .any(|line| {
            for kw in ["model ", "class ", "def "] {
                if let Some(rest) = line.strip_prefix(kw) {
                    return ident(rest.trim_start()) == name;
                }
            }
            if line.starts_with("from ") || line.starts_with("import ") {
                let names = line.rsplit(" import ").next().unwrap_or("");
                return names
                    .split(',')
                    .any(|n| n.split(" as ").last().is_some_and(|n| n.trim() == name));
            }
            // An assignment: the targets before a lone `=`, outside brackets.
            let mut depth = 0i32;
            let chars: Vec<char> = line.chars().collect();
            for (i, &c) in chars.iter().enumerate() {
                match c {
                    '(' | '[' | '{' => depth += 1,
                    ')' | ']' | '}' => depth -= 1,
                    '\'' | '"' => return false,
                    '=' if depth == 0 => {
                        let prev = i.checked_sub(1).map(|p| chars[p]);
                        if chars.get(i + 1) == Some(&'=')
                            || prev.is_some_and(|p| "=<>!+-*/%&|^@:".contains(p))
                        {
                            return false;
                        }
                        let targets: String = chars[..i].iter().collect();
                        return targets.split(',').any(|t| t.trim() == name);
                    }
                    _ => {}
                }
            }
            false
        })
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
    /// The steps of each stopped lesson that a jump skipped.
    skipped: Vec<(&'static str, Vec<usize>)>,
}

impl Left {
    /// Remember where `walk` stopped.
    pub fn stop(&mut self, walk: &Walk) {
        self.forget(walk.lesson);
        self.stopped
            .push((walk.lesson, walk.pos, walk.ran_on.clone()));
        self.skipped.push((walk.lesson, walk.skipped.clone()));
    }

    /// The steps of stopped `lesson` that a jump skipped.
    pub fn skipped(&self, lesson: &str) -> Vec<usize> {
        self.skipped
            .iter()
            .find(|(l, _)| *l == lesson)
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
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
        self.skipped.retain(|(l, _)| *l != lesson);
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
    fn a_step_failed_after_a_jump_names_the_skipped_step_that_makes_the_name() {
        assert!(binds("ann = User(username='ann')", "ann"));
        assert!(binds("a, bob = 1, 2", "bob"));
        assert!(binds(
            "model User <\n    id = db.Column(db.Integer)\n>",
            "User"
        ));
        assert!(!binds(
            "model User <\n    id = db.Column(db.Integer)\n>",
            "id"
        ));
        assert!(!binds("first.user = bob", "bob"));
        assert!(!binds("User.query.filter(User.id == 1)", "User"));
        assert!(!binds("f(x=1)", "x"));
        let lesson = crate::tutorial::find("users-posts").unwrap();
        let mut w = Walk::at(lesson, 14);
        w.jumped(0, &[]);
        let hint = w
            .skipped_setup("bob")
            .expect("bob is made by a skipped step");
        assert!(hint.contains("'bob' is made by step 13"), "{hint}");
        assert!(hint.contains("'.tutorial users-posts 13'"), "{hint}");
        assert!(hint.contains("'.tutorial users-posts 1'"), "{hint}");
        assert_eq!(w.skipped_setup("nosuch"), None);
        // Back to step 4, then on: what step 4 reached was run.
        let mut back = Walk::at(lesson, 3);
        back.jumped(3, &w.skipped);
        assert_eq!(back.skipped, [0, 1, 2]);
        assert_eq!(back.skipped_setup("bob"), None);
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
