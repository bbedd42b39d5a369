//! Empty lines inside a pasted block. At the prompt an empty line closes
//! an open block (`for`, `class`, …), as in Python's console; but a code
//! block copied from a tutorial or a `models.py` has empty lines inside
//! its classes (before a `def __repr__`). Within one bracketed paste the
//! lines after an empty one are already there, so they decide, as
//! Python 3.13's console and IPython read a paste: an indented line (or a
//! clause such as `else:`) goes on with the block, anything else (or the
//! end of the paste) closes it. A line at column 0 right after a block's
//! body closes it too, as in a file (`dedent_closes`).

use crate::syntax::prompts::Prompt;
use crate::syntax::{Completeness, completeness};

/// What the line after a pasted empty line inside a block makes of it.
#[derive(Debug, PartialEq, Eq)]
pub enum AfterBlank {
    /// Another empty line of the paste: still undecided.
    Undecided,
    /// The block goes on: the empty line was inside it.
    Inside,
    /// The empty line closed the block; this line starts the next entry
    /// (or, when empty, was the paste's end or an Enter typed).
    Closes,
}

/// Does an empty line read with `prompt` wait for the next line, rather
/// than close the block in `buf`? Only inside a paste that goes on, and
/// only where the empty line would close a block (not inside brackets).
pub fn waits(buf: &str, line: &str, prompt: Prompt, in_paste: bool) -> bool {
    in_paste
        && prompt == Prompt::None
        && !buf.is_empty()
        && line.trim().is_empty()
        && completeness(&format!("{buf}\n")) != Completeness::Incomplete
}

/// Does `line`, read from a paste (`pasted`) with no prompt of its own,
/// close the block open in `buf` by its dedent — at column 0, not a
/// clause nor what a decorator waits for (`syntax::dedent_closes`)? As in
/// a file, the block then runs and the line starts the next entry
/// (typed, the entry is complete with it, and invalid, as at CPython's
/// prompt).
pub fn dedent_closes(buf: &str, line: &str, prompt: Prompt, pasted: bool) -> bool {
    pasted
        && prompt == Prompt::None
        && !buf.is_empty()
        && crate::syntax::dedent_closes(&format!("{buf}{line}\n"))
}

/// The line after a pasted empty line: `in_paste` when more of the paste
/// follows it.
pub fn after_blank(line: &str, prompt: Prompt, in_paste: bool) -> AfterBlank {
    if prompt != Prompt::None {
        return AfterBlank::Closes;
    }
    if line.trim().is_empty() {
        return if in_paste {
            AfterBlank::Undecided
        } else {
            AfterBlank::Closes
        };
    }
    if line.starts_with([' ', '\t']) || is_clause(line) {
        AfterBlank::Inside
    } else {
        AfterBlank::Closes
    }
}

/// `else`, `elif`, `except`, `finally`: a clause of the compound
/// statement before it.
fn is_clause(line: &str) -> bool {
    ["else", "elif", "except", "finally"].iter().any(|kw| {
        line.strip_prefix(kw)
            .is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_after_a_pasted_empty_line_decides() {
        let n = Prompt::None;
        assert_eq!(after_blank("    def f(self):", n, true), AfterBlank::Inside);
        assert_eq!(after_blank("\tx = 1", n, false), AfterBlank::Inside);
        assert_eq!(after_blank("else:", n, true), AfterBlank::Inside);
        assert_eq!(
            after_blank("except ValueError:", n, true),
            AfterBlank::Inside
        );
        assert_eq!(after_blank("elsewhere = 1", n, true), AfterBlank::Closes);
        assert_eq!(
            after_blank("class Post(db.Model):", n, true),
            AfterBlank::Closes
        );
        assert_eq!(after_blank("", n, true), AfterBlank::Undecided);
        assert_eq!(after_blank("   ", n, true), AfterBlank::Undecided);
        assert_eq!(after_blank("", n, false), AfterBlank::Closes);
        assert_eq!(
            after_blank("    x", Prompt::Primary, true),
            AfterBlank::Closes
        );
    }

    #[test]
    fn only_an_empty_line_inside_a_paste_and_a_block_waits() {
        let n = Prompt::None;
        assert!(waits("class A(db.Model):\n", "", n, true));
        assert!(waits("for x in y:\n", "  ", n, true));
        assert!(!waits("for x in y:\n", "", n, false));
        assert!(!waits("", "", n, true));
        assert!(!waits("for x in y:\n", "x", n, true));
        assert!(!waits("for x in y:\n", "", Prompt::Continuation, true));
        assert!(!waits("x = [\n1,\n", "", n, true));
    }
}
