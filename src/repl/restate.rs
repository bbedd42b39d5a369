//! A pasted line shown under the wrong prompt, put right. Inside a paste,
//! the line after an empty one is read (and shown by the line editor)
//! under the continuation prompt before the shell knows whether the empty
//! line closed the block; when it did, Python's console would have run
//! the block first and shown that line under the primary prompt. So the
//! line is taken off the screen before the block runs, and written again
//! under the primary prompt when its turn comes.

use unicode_width::UnicodeWidthStr;

/// The terminal text that takes back the line `prompt` + `line` just
/// shown (the cursor at the start of the row below it), for a terminal
/// `width` columns wide (the line may have wrapped).
pub fn erase(prompt: &str, line: &str, width: Option<usize>) -> String {
    let shown = prompt.width() + line.width();
    let rows = match width {
        Some(w) if w > 0 => shown.div_ceil(w).max(1),
        _ => 1,
    };
    // Up one row and clear it, as many times as the line took.
    "\x1b[1A\r\x1b[2K".repeat(rows)
}

/// The line written again as the line editor showed it when typed (the
/// terminal is out of the editor's raw mode: it turns the line end into
/// CR LF itself, as for every output line).
pub fn echo(prompt: &str, line: &str) -> String {
    format!("{prompt}{line}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_taken_back_row_by_row() {
        assert_eq!(erase("  ...> ", "x = 5", Some(80)), "\x1b[1A\r\x1b[2K");
        // 7 + 10 columns on a 10-column terminal: two rows.
        assert_eq!(
            erase("  ...> ", "0123456789", Some(10)),
            "\x1b[1A\r\x1b[2K".repeat(2)
        );
        assert_eq!(erase("  ...> ", "x", None), "\x1b[1A\r\x1b[2K");
        assert_eq!(echo("ormsh> ", "x = 5"), "ormsh> x = 5\n");
    }
}
