//! The list of completions (Tab Tab) under a buffer of more than one row:
//! a block's later line, or a first line wrapped on the terminal.
//! rustyline prints the list below the buffer and then redraws the buffer,
//! first clearing as many rows above the cursor as the buffer had below
//! its first row (`clear_old_rows`), so it wiped the list's last rows —
//! a one-row list entirely, and nothing seemed to happen. The last
//! candidate printed is followed by that many empty rows, which the
//! redraw clears instead.

use std::borrow::Cow;
use std::cell::Cell;

use unicode_width::UnicodeWidthStr;

/// What the list printed next needs: how many candidates are left to
/// print, and how many empty rows follow the last.
#[derive(Default)]
pub struct ListPad {
    left: Cell<usize>,
    pad: Cell<usize>,
    /// The terminal's columns (0 when unknown) and the first line's
    /// prompt width, as the line began.
    pub columns: Cell<usize>,
    pub prompt_width: Cell<usize>,
}

impl ListPad {
    /// `count` candidates were offered for `line`: should they be listed,
    /// the last is followed by the rows the redraw will clear.
    pub fn offered(&self, line: &str, count: usize) {
        self.left.set(count);
        self.pad.set(rows_below(
            line,
            self.prompt_width.get(),
            self.columns.get(),
        ));
    }

    /// A candidate as the list prints it (rustyline's
    /// `Highlighter::highlight_candidate`, called for each in order).
    pub fn candidate<'c>(&self, candidate: &'c str) -> Cow<'c, str> {
        let left = self.left.get();
        if left == 0 {
            return Cow::Borrowed(candidate);
        }
        self.left.set(left - 1);
        if left > 1 || self.pad.get() == 0 {
            return Cow::Borrowed(candidate);
        }
        Cow::Owned(format!("{candidate}{}", "\n".repeat(self.pad.get())))
    }
}

/// The rows of `line` drawn after a prompt `prompt_width` columns wide,
/// below its first, on a terminal `columns` wide (0: no wrapping known).
pub fn rows_below(line: &str, prompt_width: usize, columns: usize) -> usize {
    let mut rows = 0;
    for (i, row) in line.split('\n').enumerate() {
        let width = row.width() + if i == 0 { prompt_width } else { 0 };
        if i > 0 {
            rows += 1;
        }
        rows += width.checked_div(columns).unwrap_or(0);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rows_below_the_first_count_later_lines_and_wrapped_rows() {
        assert_eq!(rows_below("q.", 7, 80), 0);
        assert_eq!(rows_below("for q in x:\n  ...>\u{a0}    q.", 7, 80), 1);
        assert_eq!(rows_below(&"x".repeat(100), 7, 80), 1);
        assert_eq!(rows_below("a\nb\nc", 7, 0), 2);
    }

    #[test]
    fn the_last_candidate_listed_is_followed_by_the_rows_the_redraw_clears() {
        let pad = ListPad::default();
        pad.columns.set(80);
        pad.prompt_width.set(7);
        pad.offered("for q in x:\n  ...>\u{a0}    q.", 2);
        assert_eq!(pad.candidate("id"), "id");
        assert_eq!(pad.candidate("title"), "title\n");
        // Printed again (a second list), nothing is added.
        assert_eq!(pad.candidate("id"), "id");
        pad.offered("q.", 2);
        assert_eq!(pad.candidate("id"), "id");
        assert_eq!(pad.candidate("title"), "title");
    }
}
