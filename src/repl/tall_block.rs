//! A block taller than the terminal. rustyline draws a buffer from its
//! first row and puts the cursor back by moving up from its last; rows
//! that scrolled off the top cannot be reached, so a cursor moved into
//! them would be drawn on the top visible row while the keys typed went
//! into a row not shown. Up (and Ctrl-P, and Alt-< to the buffer's
//! start) therefore stop at the highest row the screen still shows: the
//! block is edited in what is visible, and never drawn wrong.

use rustyline::{Cmd, KeyCode, KeyEvent, Modifiers};
use unicode_width::UnicodeWidthStr;

/// What Up, Ctrl-P or Alt-< does in `buffer`, the cursor at byte `pos`,
/// on a terminal of `size` (columns, rows) whose first line's prompt is
/// `prompt_width` columns: `Some(Noop)` when the row it would reach is
/// off the screen, else `None` (rustyline's own move).
pub fn up_key(
    key: KeyEvent,
    buffer: &str,
    pos: usize,
    size: Option<(usize, usize)>,
    prompt_width: usize,
) -> Option<Cmd> {
    let up = matches!(
        key,
        KeyEvent(KeyCode::Up, Modifiers::NONE) | KeyEvent(KeyCode::Char('P'), Modifiers::CTRL)
    );
    let to_start = key == KeyEvent(KeyCode::Char('<'), Modifiers::ALT);
    if !(up || to_start) || !buffer.contains('\n') {
        return None;
    }
    let (cols, height) = size?;
    let row = buffer[..pos].matches('\n').count();
    if row == 0 {
        return None;
    }
    let target = if to_start { 0 } else { row - 1 };
    let shown_from = first_visible_row(buffer, cols, height, prompt_width);
    (target < shown_from).then_some(Cmd::Noop)
}

/// The first row of `buffer` wholly on a screen of `height` rows and
/// `cols` columns when its last row is at the screen's bottom.
fn first_visible_row(buffer: &str, cols: usize, height: usize, prompt_width: usize) -> usize {
    let rows: Vec<&str> = buffer.split('\n').collect();
    let mut used = 0;
    for (i, row) in rows.iter().enumerate().rev() {
        let width = row.width() + if i == 0 { prompt_width } else { 0 };
        // A row that exactly fills the width puts the cursor on the next.
        let screen_rows = width.checked_div(cols).map_or(1, |r| r + 1);
        used += screen_rows;
        if used > height {
            return i + 1;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(n: usize) -> String {
        let mut b = "if True:".to_string();
        for i in 1..=n {
            b.push_str(&format!("\n  ...>\u{a0}    x{i} = {i}"));
        }
        b
    }

    #[test]
    fn up_stops_at_the_highest_row_the_screen_shows() {
        let up = KeyEvent(KeyCode::Up, Modifiers::NONE);
        let b = block(30);
        // 31 rows on 20: rows 11 to 30 are shown.
        assert_eq!(first_visible_row(&b, 80, 20, 7), 11);
        let at = |row: usize| b.match_indices('\n').nth(row - 1).unwrap().0 + 1;
        assert_eq!(up_key(up, &b, at(12), Some((80, 20)), 7), None);
        assert_eq!(up_key(up, &b, at(11), Some((80, 20)), 7), Some(Cmd::Noop));
        let start = KeyEvent(KeyCode::Char('<'), Modifiers::ALT);
        assert_eq!(
            up_key(start, &b, at(20), Some((80, 20)), 7),
            Some(Cmd::Noop)
        );
        // A block that fits, or an unknown size: rustyline's own Up.
        let small = block(5);
        assert_eq!(up_key(up, &small, small.len(), Some((80, 20)), 7), None);
        assert_eq!(up_key(up, &b, at(11), None, 7), None);
        // Wrapped rows take more of the screen: two rows each here.
        assert_eq!(first_visible_row(&block(3), 10, 4, 7), 2);
    }
}
