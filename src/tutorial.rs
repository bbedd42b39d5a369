//! Tutorials: the lessons in `scripts/tutorials/` embedded in the binary,
//! split into steps (the `##` narration before a statement, and the
//! statement), and the state of a walk through one (`walk`: which step,
//! whether what ran was the step, where stopped lessons resume), and what
//! in the database would make a lesson fail from its start (`in_the_way`).

pub mod in_the_way;
pub mod needed;
pub mod walk;

pub use walk::{Left, Walk};

use crate::app::split_chunks;
use crate::render::grid::text_width;

pub struct Lesson {
    pub name: &'static str,
    pub text: &'static str,
}

pub const LESSONS: &[Lesson] = &[
    Lesson {
        name: "quickstart",
        text: include_str!("../scripts/tutorials/quickstart.orm"),
    },
    Lesson {
        name: "users-posts",
        text: include_str!("../scripts/tutorials/users-posts.orm"),
    },
    Lesson {
        name: "authors-posts",
        text: include_str!("../scripts/tutorials/authors-posts.orm"),
    },
    Lesson {
        name: "roles-users",
        text: include_str!("../scripts/tutorials/roles-users.orm"),
    },
    Lesson {
        name: "many-to-many",
        text: include_str!("../scripts/tutorials/many-to-many.orm"),
    },
    Lesson {
        name: "one-to-one",
        text: include_str!("../scripts/tutorials/one-to-one.orm"),
    },
    Lesson {
        name: "tree",
        text: include_str!("../scripts/tutorials/tree.orm"),
    },
    Lesson {
        name: "loading",
        text: include_str!("../scripts/tutorials/loading.orm"),
    },
];

/// One step: what to read, then what to run.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub narration: Vec<String>,
    pub statement: String,
}

pub fn find(name: &str) -> Option<&'static Lesson> {
    LESSONS.iter().find(|l| l.name == name)
}

impl Lesson {
    /// The lesson's one-line summary: its first comment line.
    pub fn summary(&self) -> &'static str {
        self.text
            .lines()
            .find_map(|l| l.trim().strip_prefix('#'))
            .map_or("", |l| l.trim_start_matches('#').trim())
    }

    /// The steps of the lesson, in order.
    pub fn steps(&self) -> Vec<Step> {
        let lines: Vec<&str> = self.text.lines().collect();
        let chunks = split_chunks(self.text);
        let mut steps = Vec::new();
        let mut from = 0;
        for (first_line, chunk) in chunks {
            let narration = lines[from..first_line - 1]
                .iter()
                .filter_map(|l| l.trim().strip_prefix("##"))
                .map(|l| l.trim().to_string())
                .collect();
            let statement = without_trailing_comments(&chunk);
            from = first_line - 1 + statement.lines().count();
            steps.push(Step {
                narration,
                statement,
            });
        }
        steps
    }
}

/// A chunk without the comment and empty lines after its statement: a
/// compound statement's chunk (`for … : print(…)` on one line) runs on
/// to the next statement, so the next step's `##` narration would
/// otherwise be offered as part of this step.
fn without_trailing_comments(chunk: &str) -> String {
    let mut rows: Vec<&str> = chunk.trim_end().lines().collect();
    while rows.len() > 1
        && rows
            .last()
            .is_some_and(|r| r.trim().is_empty() || r.trim_start().starts_with('#'))
    {
        rows.pop();
    }
    rows.join("\n")
}

/// A narration line broken between words so that, after `indent`, no line
/// is wider than `width` columns (a word wider than that gets a line of its
/// own). Lines are not broken at all when `width` is unknown.
pub fn wrap(text: &str, indent: &str, width: Option<usize>) -> Vec<String> {
    let Some(width) = width else {
        return vec![format!("{indent}{text}")];
    };
    let room = width.saturating_sub(text_width(indent)).max(20);
    // textwrap's first fit, words kept whole, between spaces only (a
    // path or `a.b` is never broken at its `/` or `-`).
    let options = textwrap::Options::new(room)
        .break_words(false)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    textwrap::wrap(&words, options)
        .into_iter()
        .map(|l| format!("{indent}{l}"))
        .collect()
}

/// `line` broken between words to `width` (`wrap`), its later lines
/// under column `indent` (a listing's second column: `.help`, the
/// lessons); as is when it fits or `width` is unknown.
pub fn hanging(line: &str, indent: usize, width: Option<usize>) -> Vec<String> {
    let head: String = line.chars().take(indent).collect();
    match width {
        Some(w) if text_width(line) > w && head.chars().count() == indent => {
            let rest: String = line.chars().skip(indent).collect();
            let pad = " ".repeat(indent);
            let mut lines = wrap(&rest, &pad, Some(w));
            if let Some(first) = lines.first_mut() {
                *first = format!("{head}{}", &first[indent..]);
            }
            lines
        }
        _ => vec![line.to_string()],
    }
}

/// A message of one or more lines (a warning with its `help:`) for a
/// terminal `width` columns wide: each line wider than that broken between
/// words, its later parts under its first word; lines that fit, as they are.
pub fn wrap_lines(text: &str, width: Option<usize>) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        match width {
            Some(w) if text_width(line) > w => {
                let body = line.trim_start();
                let lead = &line[..line.len() - body.len()];
                out.extend(wrap(body, lead, Some(w)));
            }
            _ => out.push(line.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_warning_wraps_between_words_and_keeps_lines_that_fit() {
        let w = "warning: changes not yet committed would be lost: db.session.commit() keeps them\n  a.b  c";
        let lines = wrap_lines(w, Some(30));
        assert_eq!(
            lines,
            [
                "warning: changes not yet",
                "committed would be lost:",
                "db.session.commit() keeps them",
                "  a.b  c",
            ]
        );
        assert_eq!(wrap_lines(w, None), w.lines().collect::<Vec<_>>());
    }

    #[test]
    fn narration_wraps_between_words() {
        let text = "create_all() issues CREATE TABLE for every model that has no table yet.";
        assert_eq!(
            wrap(text, "  ", Some(32)),
            [
                "  create_all() issues CREATE",
                "  TABLE for every model that has",
                "  no table yet.",
            ]
        );
        assert_eq!(wrap(text, "  ", None), [format!("  {text}")]);
        // Too narrow to be useful: 20 columns of text at least.
        assert_eq!(wrap("a bb", "  ", Some(3)), ["  a bb"]);
        for l in wrap(text, "  ", Some(40)) {
            assert!(text_width(&l) <= 40, "{l}");
        }
    }

    #[test]
    fn a_step_never_holds_the_next_steps_narration() {
        for l in LESSONS {
            for (i, s) in l.steps().iter().enumerate() {
                let last = s.statement.lines().last().unwrap_or_default();
                assert!(!last.trim_start().starts_with('#'), "{} {}", l.name, i + 1);
            }
        }
        let quick = find("quickstart").unwrap().steps();
        assert!(quick[24].statement.starts_with("for category in"));
        assert!(!quick[24].statement.contains('\n'));
        assert!(quick[25].narration[0].starts_with("with_parent()"));
    }

    /// Narration over a `db.session.commit()` says what the commit does
    /// (issue 16: in `loading` three sat over one they did not describe).
    #[test]
    fn narration_over_a_commit_describes_it() {
        for l in LESSONS {
            for (i, s) in l.steps().iter().enumerate() {
                if s.statement.trim() == "db.session.commit()" && !s.narration.is_empty() {
                    let said = s.narration.join(" ").to_lowercase();
                    assert!(said.contains("commit"), "{} step {}: {said}", l.name, i + 1);
                }
            }
        }
    }

    /// Narration over an `.echo` step says what it turns (issue 16: in
    /// `loading` two described the query of the step after).
    #[test]
    fn narration_over_echo_describes_it() {
        for l in LESSONS {
            for (i, s) in l.steps().iter().enumerate() {
                if s.statement.trim().starts_with(".echo") && !s.narration.is_empty() {
                    let said = s.narration.join(" ").to_lowercase();
                    assert!(said.contains("echo"), "{} step {}: {said}", l.name, i + 1);
                }
            }
        }
    }

    #[test]
    fn every_lesson_has_narrated_steps() {
        for l in LESSONS {
            let steps = l.steps();
            assert!(steps.len() >= 5, "{}", l.name);
            assert!(steps.iter().any(|s| !s.narration.is_empty()), "{}", l.name);
            assert!(!l.summary().is_empty(), "{}", l.name);
        }
    }
}
