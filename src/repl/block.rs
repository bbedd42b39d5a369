//! A multi-line block as one editable buffer. rustyline keeps a block in
//! one buffer but draws nothing before its later lines, and a prompt drawn
//! by the highlighter puts the cursor 7 columns off (rustyline measures
//! the cursor from the buffer, not from what the highlighter printed: its
//! `compute_layout`; upstream's continuation-prompt pull requests #338,
//! #372, #793 and #819 were reverted or left unmerged). So each later line
//! carries its `  ...> ` in the buffer itself, where rustyline measures
//! it, and the keys that would walk into it or delete it step over it
//! ([`edit_key`]). What runs, what completion and highlighting read, and
//! what the history keeps is the code without them ([`strip`]); a
//! recalled block is shown with them again ([`dress`]).
//!
//! Enter runs the entry when it is complete (a block after its empty
//! line; from an earlier line of a block as soon as an empty line would
//! close it), else opens a line; Alt-Enter always opens one; Up and Down
//! move between the block's lines (rustyline's own, the history past its
//! first and last); Tab at the start of a later line indents it.

use rustyline::{CharSearch, Cmd, KeyCode, KeyEvent, Modifiers, Movement};

use crate::syntax::{Completeness, completeness};

/// What each line after a block's first begins with.
pub const CONT: &str = "  ...> ";

/// What Tab inserts at the start of a later line.
const INDENT: &str = "    ";

/// The length of the prompt that row `i` of a buffer begins with: a
/// later line's `  ...> `, or `  ...>` once its space is gone (a key
/// that deleted it), else none.
pub fn prompt_len(row: &str, i: usize) -> usize {
    if i == 0 {
        0
    } else if row.starts_with(CONT) {
        CONT.len()
    } else if row.starts_with(CONT.trim_end()) {
        CONT.trim_end().len()
    } else {
        0
    }
}

/// The code of a buffer: each later line without its `  ...> `. A
/// prompt a key carried into the middle or end of a line (rustyline's
/// own Ctrl-K, Ctrl-D or Delete at a line end joins the next line, its
/// prompt with it) goes too, so prompt text never runs as code.
pub fn strip(buffer: &str) -> String {
    let code = strip_at(buffer, buffer.len()).0;
    if !code.contains(CONT.trim_end()) {
        return code;
    }
    let bare = CONT.trim_end();
    code.split('\n')
        .map(|line| {
            let line = line.replace(CONT, "");
            match line.strip_suffix(bare) {
                Some(head) => head.to_string(),
                None => line,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The code of a buffer and where byte `pos` of the buffer falls in it.
pub fn strip_at(buffer: &str, pos: usize) -> (String, usize) {
    let mut code = String::with_capacity(buffer.len());
    let mut at = None;
    let mut start = 0;
    for (i, line) in buffer.split('\n').enumerate() {
        let skip = prompt_len(line, i);
        let body = &line[skip..];
        if i > 0 {
            code.push('\n');
        }
        let end = start + line.len();
        if at.is_none() && pos <= end {
            at = Some(code.len() + pos.saturating_sub(start + skip));
        }
        code.push_str(body);
        start = end + 1;
    }
    (code.clone(), at.unwrap_or(code.len()))
}

/// Where byte `code_pos` of [`strip`]'s code is in `buffer`.
pub fn raw_pos(buffer: &str, code_pos: usize) -> usize {
    let mut code_start = 0;
    let mut raw_start = 0;
    for (i, line) in buffer.split('\n').enumerate() {
        let skip = prompt_len(line, i);
        let body = line.len() - skip;
        if code_pos <= code_start + body {
            return raw_start + skip + (code_pos - code_start);
        }
        code_start += body + 1;
        raw_start += line.len() + 1;
    }
    buffer.len()
}

/// Code shown for editing: each later line after `  ...> `.
pub fn dress(code: &str) -> String {
    code.replace('\n', &format!("\n{CONT}"))
}

/// The buffer's lines as (start byte, end byte, where its text starts).
fn lines(buffer: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, line) in buffer.split('\n').enumerate() {
        out.push((start, start + line.len(), start + prompt_len(line, i)));
        start += line.len() + 1;
    }
    out
}

/// What a key does to the buffer of an entry `block` continues (the
/// lines read before it, usually none), with the cursor at byte `pos`;
/// `None` leaves the key to rustyline. rustyline gives a bound key's
/// movement its own repeat count, so moves are made by searching for a
/// character (the line end before the cursor, the first letter of the
/// next line), never by a count of characters. Up and Down are
/// rustyline's: it lines columns up with the first line's prompt, which
/// is as wide as `  ...> `, so they never land inside one.
pub fn edit_key(key: KeyEvent, block: &str, buffer: &str, pos: usize) -> Option<Cmd> {
    let rows = lines(buffer);
    let row = rows.iter().rposition(|&(s, _, _)| s <= pos).unwrap_or(0);
    let (start, end, text) = rows[row];
    let at_text = row > 0 && pos == text;
    // Between the `>` and the space of a full `  ...> ` (where Home
    // leaves the cursor: rustyline can put the cursor after a character
    // searched for, not after a count of them).
    let in_space = row > 0 && text == start + CONT.len() && pos + 1 == text;
    let last = row + 1 == rows.len();
    let back_to_line_end = Movement::ViCharSearch(1, CharSearch::Backward('\n'));
    // The next line's first letter (its indentation skipped, as joining
    // lines does), found by searching for it after the line end.
    let next_letter = || {
        let (_, next_end, next_text) = *rows.get(row + 1)?;
        let c = buffer[next_text..next_end].trim_start().chars().next()?;
        (!CONT.contains(c)).then_some(c)
    };
    match key {
        KeyEvent(KeyCode::Enter, Modifiers::NONE)
        | KeyEvent(KeyCode::Char('J'), Modifiers::CTRL) => Some(enter(block, buffer, !last)),
        KeyEvent(KeyCode::Enter, Modifiers::ALT) => Some(Cmd::Insert(1, format!("\n{CONT}"))),
        KeyEvent(KeyCode::Tab, Modifiers::NONE)
            if row > 0 && pos >= text && buffer[text..pos].trim().is_empty() =>
        {
            Some(Cmd::Insert(1, INDENT.to_string()))
        }
        // Step over the `  ...> ` between two lines.
        KeyEvent(KeyCode::Left, Modifiers::NONE) if at_text || in_space => {
            Some(Cmd::Move(back_to_line_end))
        }
        // A letter typed there takes the space's place (the line's code
        // is what follows `  ...>`); Tab steps over the space.
        KeyEvent(KeyCode::Char(c), Modifiers::NONE) if in_space => Some(Cmd::Overwrite(c)),
        KeyEvent(KeyCode::Tab, Modifiers::NONE) if in_space => Some(Cmd::Overwrite(' ')),
        KeyEvent(KeyCode::Backspace, _) | KeyEvent(KeyCode::Char('H' | 'W'), Modifiers::CTRL)
            if at_text || in_space =>
        {
            Some(Cmd::Kill(back_to_line_end))
        }
        KeyEvent(KeyCode::Right, Modifiers::NONE) if pos == end && !last => {
            let c = next_letter()?;
            Some(Cmd::Move(Movement::ViCharSearch(1, CharSearch::Forward(c))))
        }
        KeyEvent(KeyCode::Delete, Modifiers::NONE) if pos == end && !last => {
            let c = next_letter()?;
            Some(Cmd::Kill(Movement::ViCharSearch(
                1,
                CharSearch::ForwardBefore(c),
            )))
        }
        // Home: after the `>` of `  ...> ` (when none is typed before the
        // cursor); what is typed there goes after its space.
        KeyEvent(KeyCode::Home, Modifiers::NONE)
        | KeyEvent(KeyCode::Char('A'), Modifiers::CTRL)
            if row > 0 && pos >= text && !buffer[text..pos].contains('>') =>
        {
            Some(Cmd::Move(Movement::ViCharSearch(
                1,
                CharSearch::BackwardAfter('>'),
            )))
        }
        KeyEvent(KeyCode::Char('U'), Modifiers::CTRL)
            if row > 0 && pos >= text && !buffer[text..pos].contains('>') =>
        {
            Some(Cmd::Kill(Movement::ViCharSearch(
                1,
                CharSearch::BackwardAfter('>'),
            )))
        }
        // Ctrl-T would swap a character of the prompt with the code's.
        KeyEvent(KeyCode::Char('T'), Modifiers::CTRL) if row > 0 && pos <= text + 1 => {
            Some(Cmd::Noop)
        }
        _ => None,
    }
}

/// Enter: run the entry when it is complete, or when an empty line would
/// complete it and the cursor is on an earlier line (an edit made there);
/// else open a new line at the cursor.
fn enter(block: &str, buffer: &str, earlier_line: bool) -> Cmd {
    let code = format!("{block}{}", strip(buffer));
    let head = code.trim_start();
    if head.starts_with('.') && !head.starts_with("...") && !code.contains('\n') {
        return Cmd::AcceptLine;
    }
    let done = |text: String| completeness(&text) != Completeness::Incomplete;
    if done(format!("{code}\n")) || (earlier_line && done(format!("{code}\n\n"))) {
        Cmd::AcceptLine
    } else {
        Cmd::Insert(1, format!("\n{CONT}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: &str = "for i in x:\n  ...>     print(i)\n  ...> ";

    #[test]
    fn the_code_has_no_prompts_and_positions_map_both_ways() {
        assert_eq!(strip(B), "for i in x:\n    print(i)\n");
        assert_eq!(dress("for i in x:\n    print(i)\n"), B);
        let p = B.find("print").unwrap();
        let (code, at) = strip_at(B, p);
        assert_eq!(&code[at..at + 5], "print");
        assert_eq!(raw_pos(B, at), p);
        // A line without its prompt (an old history entry) is kept whole.
        assert_eq!(strip("a\nb"), "a\nb");
    }

    #[test]
    fn enter_runs_a_complete_entry_and_opens_a_line_in_an_open_block() {
        let enter = KeyEvent(KeyCode::Enter, Modifiers::NONE);
        assert_eq!(edit_key(enter, "", "1 + 1", 5), Some(Cmd::AcceptLine));
        let open = "for i in x:\n  ...>     print(i)";
        assert_eq!(
            edit_key(enter, "", open, open.len()),
            Some(Cmd::Insert(1, format!("\n{CONT}")))
        );
        assert_eq!(edit_key(enter, "", B, B.len()), Some(Cmd::AcceptLine));
        // From the first line, after an edit there: it runs.
        assert_eq!(edit_key(enter, "", open, 3), Some(Cmd::AcceptLine));
        assert_eq!(edit_key(enter, "", ".help", 5), Some(Cmd::AcceptLine));
    }

    #[test]
    fn left_backspace_right_and_tab_step_over_the_prompt() {
        let text = B.find("    print").unwrap();
        let back = Movement::ViCharSearch(1, CharSearch::Backward('\n'));
        let left = KeyEvent(KeyCode::Left, Modifiers::NONE);
        assert_eq!(edit_key(left, "", B, text), Some(Cmd::Move(back.clone())));
        let bs = KeyEvent(KeyCode::Backspace, Modifiers::NONE);
        assert_eq!(edit_key(bs, "", B, text), Some(Cmd::Kill(back)));
        assert_eq!(edit_key(bs, "", B, text + 1), None);
        let right = KeyEvent(KeyCode::Right, Modifiers::NONE);
        let eol = B.find('\n').unwrap();
        let to_p = Movement::ViCharSearch(1, CharSearch::Forward('p'));
        assert_eq!(edit_key(right, "", B, eol), Some(Cmd::Move(to_p)));
        let x = KeyEvent(KeyCode::Char('x'), Modifiers::NONE);
        assert_eq!(edit_key(x, "", B, text - 1), Some(Cmd::Overwrite('x')));
        assert_eq!(edit_key(x, "", B, text), None);
        // A prompt whose space was deleted still is one.
        assert_eq!(strip("a\n  ...>b"), "a\nb");
        let home = KeyEvent(KeyCode::Home, Modifiers::NONE);
        let after = Movement::ViCharSearch(1, CharSearch::BackwardAfter('>'));
        assert_eq!(
            edit_key(home, "", B, text + 6),
            Some(Cmd::Move(after.clone()))
        );
        let tab = KeyEvent(KeyCode::Tab, Modifiers::NONE);
        assert_eq!(
            edit_key(tab, "", B, B.len()),
            Some(Cmd::Insert(1, INDENT.into()))
        );
        assert_eq!(edit_key(tab, "", B, 5), None);
        // Lines joined by a key rustyline handles: the prompt never runs.
        assert_eq!(strip("print('a',  ...> 'b')"), "print('a','b')");
        assert_eq!(
            strip("s = 'first  ...> \n  ...> third'"),
            "s = 'first\nthird'"
        );
        assert_eq!(strip("s = 'first  ...>\n  ...> x'"), "s = 'first\nx'");
        let ctrl_t = KeyEvent(KeyCode::Char('T'), Modifiers::CTRL);
        assert_eq!(edit_key(ctrl_t, "", B, text - 4), Some(Cmd::Noop));
        assert_eq!(edit_key(ctrl_t, "", B, text + 3), None);
    }
}
