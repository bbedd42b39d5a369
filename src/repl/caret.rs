//! `^C` after a line given up with Ctrl-C, as a terminal echoes it: the
//! line editor has already moved below the line (Ctrl-C accepts it so no
//! typed-ahead key is lost, see `keys`), so the mark is written at the end
//! of the line's last row, and the cursor comes back below it.

use unicode_width::UnicodeWidthStr;

/// The terminal text that writes `^C` after `prompt` + `line` just shown
/// (the cursor at the start of the row below it) on a terminal `width`
/// columns wide. A block's later lines are shown without the prompt. When
/// the mark does not fit on the row, it goes on the row below.
pub fn mark(prompt: &str, line: &str, width: Option<usize>) -> String {
    let last = line.rsplit('\n').next().unwrap_or("");
    let shown = if line.contains('\n') {
        0
    } else {
        prompt.width()
    } + last.width();
    let col = match width {
        Some(w) if w > 0 => {
            if shown > 0 && shown.is_multiple_of(w) {
                return "^C\n".to_string();
            }
            shown % w
        }
        _ => shown,
    };
    if width.is_some_and(|w| col + 2 > w) {
        return "^C\n".to_string();
    }
    let right = if col > 0 {
        format!("\x1b[{col}C")
    } else {
        String::new()
    };
    format!("\x1b[1A\r{right}^C\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mark_goes_at_the_end_of_the_line() {
        assert_eq!(mark("ormsh> ", "1 +", Some(80)), "\x1b[1A\r\x1b[10C^C\n");
        assert_eq!(mark("ormsh> ", "", None), "\x1b[1A\r\x1b[7C^C\n");
        // A wrapped line: its last row.
        assert_eq!(
            mark("ormsh> ", "0123456789", Some(10)),
            "\x1b[1A\r\x1b[7C^C\n"
        );
        // No room left on the row: below.
        assert_eq!(mark("ormsh> ", "012", Some(11)), "^C\n");
        assert_eq!(mark("ormsh> ", "012", Some(10)), "^C\n");
        // A block: its last line, no prompt.
        assert_eq!(
            mark("ormsh> ", "model A <\n  x", Some(80)),
            "\x1b[1A\r\x1b[3C^C\n"
        );
    }
}
