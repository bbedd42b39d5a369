//! A multi-line block as one editable buffer. rustyline keeps a block in
//! one buffer but draws nothing before its later lines, and a prompt drawn
//! by the highlighter puts the cursor 7 columns off (rustyline measures
//! the cursor from the buffer, not from what the highlighter printed: its
//! `compute_layout`; upstream's continuation-prompt pull requests #338,
//! #372, #793 and #819 were reverted or left unmerged). So each later line
//! carries its `  ...> ` in the buffer itself, where rustyline measures
//! it, and the keys that would walk into it or delete part of it step
//! over it or stop at the code ([`edit_key`]). What runs, what completion
//! and highlighting read, and what the history keeps is the code without
//! them ([`strip`]); a recalled block is shown with them again ([`dress`]).
//!
//! Enter runs the entry when it is complete (a block after its empty
//! line; from an earlier line of a block as soon as an empty line would
//! close it), else opens a line — from an earlier line of a block not
//! yet complete it goes to the block's end instead, the line kept whole; Alt-Enter always opens one, and Ctrl-J
//! inside a block before its end; Up and Down move between the block's lines
//! (rustyline's own, the history past its first and last); Home goes to
//! the start of a line's code; Tab at the start of a later line indents it.

use rustyline::{CharSearch, Cmd, KeyCode, KeyEvent, Modifiers, Movement};

use crate::syntax::{Completeness, completeness};

/// What each line after a block's first begins with. Its last
/// character is a no-break space, which shows as a space but is never
/// typed in code: the keys that go to the start of a line's code (Home,
/// Ctrl-U) search back for it, so they stop exactly after the prompt
/// (rustyline gives a bound key's movement its own repeat count, so a
/// move is made by searching for a character, never by a count).
pub const CONT: &str = "  ...>\u{a0}";

/// The prompt as it reads (and as pasted-line prompts are drawn).
pub const CONT_SHOWN: &str = "  ...> ";

/// The prompt's last character.
pub const NBSP: char = '\u{a0}';

/// What Tab inserts at the start of a later line.
const INDENT: &str = "    ";

/// The length of the prompt that row `i` of a buffer begins with: a
/// later line's `  ...>` and its space (a no-break one, or a plain one
/// in text made elsewhere), or `  ...>` once its space is gone, else
/// none.
pub fn prompt_len(row: &str, i: usize) -> usize {
    let bare = CONT_SHOWN.trim_end();
    if i == 0 || !row.starts_with(bare) {
        0
    } else if row.starts_with(CONT) {
        CONT.len()
    } else if row.starts_with(CONT_SHOWN) {
        CONT_SHOWN.len()
    } else {
        bare.len()
    }
}

/// The code of a buffer: each later line without its `  ...> `. A
/// prompt a key carried into the middle or end of a line (rustyline's
/// own Ctrl-K, Ctrl-D or Delete at a line end joins the next line, its
/// prompt with it) goes too, so prompt text never runs as code.
pub fn strip(buffer: &str) -> String {
    let code = strip_at(buffer, buffer.len()).0;
    let bare = CONT_SHOWN.trim_end();
    if !code.contains(bare) {
        return code;
    }
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

/// Where the cursor is in a buffer: its row, that row's start, end and
/// where its code starts, and whether it is the last row.
struct At<'b> {
    buffer: &'b str,
    pos: usize,
    row: usize,
    end: usize,
    text: usize,
    last: bool,
    /// The row's prompt ends with the no-break space searched for.
    searchable: bool,
    next: Option<(usize, usize, usize)>,
}

impl At<'_> {
    fn of(buffer: &str, pos: usize) -> At<'_> {
        let rows = lines(buffer);
        let row = rows.iter().rposition(|&(s, _, _)| s <= pos).unwrap_or(0);
        let (start, end, text) = rows[row];
        At {
            buffer,
            pos,
            row,
            end,
            text,
            last: row + 1 == rows.len(),
            searchable: buffer[start..text].ends_with(NBSP),
            next: rows.get(row + 1).copied(),
        }
    }

    /// On a later line, at or after its code's start.
    fn in_code(&self) -> bool {
        self.row > 0 && self.pos >= self.text
    }

    /// At the start of a later line's code.
    fn at_text(&self) -> bool {
        self.row > 0 && self.pos == self.text
    }

    /// The code of the row before the cursor.
    fn before(&self) -> &str {
        &self.buffer[self.text.min(self.pos)..self.pos]
    }

    /// The next line's first letter (its indentation skipped, as joining
    /// lines does), when it has one.
    fn next_letter(&self) -> Option<char> {
        let (_, next_end, next_text) = self.next?;
        let c = self.buffer[next_text..next_end]
            .trim_start()
            .chars()
            .next()?;
        (!CONT.contains(c)).then_some(c)
    }
}

/// Back to the end of the line before (over the `  ...> ` between).
const BACK_TO_LINE_END: Movement = Movement::ViCharSearch(1, CharSearch::Backward('\n'));

/// Back to the start of this line's code: just after its prompt.
const BACK_TO_TEXT: Movement = Movement::ViCharSearch(1, CharSearch::BackwardAfter(NBSP));

/// What a key does to the buffer of an entry `block` continues (the
/// lines read before it, usually none), with the cursor at byte `pos`;
/// `None` leaves the key to rustyline. rustyline gives a bound key's
/// movement its own repeat count, so moves are made by searching for a
/// character (the line end before the cursor, the prompt's no-break
/// space, the first letter of the next line), never by a count of
/// characters. Up and Down are rustyline's: it lines columns up with the
/// first line's prompt, which is at least as wide as `  ...> `, so they
/// never land inside one.
pub fn edit_key(key: KeyEvent, block: &str, buffer: &str, pos: usize) -> Option<Cmd> {
    let at = At::of(buffer, pos);
    match key {
        KeyEvent(KeyCode::Enter, Modifiers::NONE) => Some(enter(block, buffer, !at.last)),
        KeyEvent(KeyCode::Char('J'), Modifiers::CTRL) => Some(ctrl_j(block, &at)),
        KeyEvent(KeyCode::Enter, Modifiers::ALT) => Some(Cmd::Insert(1, format!("\n{CONT}"))),
        KeyEvent(KeyCode::Tab, Modifiers::NONE)
            if at.in_code() && at.before().trim().is_empty() =>
        {
            Some(Cmd::Insert(1, INDENT.to_string()))
        }
        _ => line_start_key(key, &at).or_else(|| line_end_key(key, &at)),
    }
}

/// The keys that would walk into the `  ...> ` before a later line's
/// code, or delete part of it: at the code's start they step over it
/// (Left) or join the line to the one before (Backspace), and what kills
/// back to the line's start (Ctrl-U, or Ctrl-W and Alt-Backspace over
/// blanks — at the code's start too, as the README says: a word kill
/// never takes the line break and its prompt) or moves there (Home)
/// stops at the code.
fn line_start_key(key: KeyEvent, at: &At) -> Option<Cmd> {
    if !at.in_code() {
        return None;
    }
    let before = at.before();
    let kill_to_text = || {
        Some(if at.at_text() {
            Cmd::Noop
        } else if at.searchable {
            Cmd::Kill(BACK_TO_TEXT)
        } else {
            return None;
        })
    };
    match key {
        KeyEvent(KeyCode::Left, Modifiers::NONE)
        | KeyEvent(KeyCode::Char('B'), Modifiers::CTRL)
            if at.at_text() =>
        {
            Some(Cmd::Move(BACK_TO_LINE_END))
        }
        KeyEvent(KeyCode::Backspace, Modifiers::NONE | Modifiers::ALT)
        | KeyEvent(KeyCode::Char('H'), Modifiers::CTRL)
            if at.at_text() =>
        {
            Some(Cmd::Kill(BACK_TO_LINE_END))
        }
        KeyEvent(KeyCode::Char('U'), Modifiers::CTRL) => kill_to_text(),
        // A word kill over blanks only would go on into the prompt.
        KeyEvent(KeyCode::Char('W'), Modifiers::CTRL) if before.trim().is_empty() => kill_to_text(),
        KeyEvent(KeyCode::Backspace, Modifiers::ALT)
            if !before.chars().any(char::is_alphanumeric) =>
        {
            kill_to_text()
        }
        KeyEvent(KeyCode::Home, Modifiers::NONE)
        | KeyEvent(KeyCode::Char('A'), Modifiers::CTRL) => Some(if at.at_text() {
            Cmd::Noop
        } else if at.searchable {
            Cmd::Move(BACK_TO_TEXT)
        } else {
            return None;
        }),
        // Ctrl-T would swap a character of the prompt with the code's.
        KeyEvent(KeyCode::Char('T'), Modifiers::CTRL) if at.pos <= at.text + 1 => Some(Cmd::Noop),
        _ => None,
    }
}

/// At the end of a line before the last: Right goes to the next line's
/// code, Delete (Ctrl-D, Ctrl-K) joins the next line to this one, its
/// prompt and indentation dropped.
fn line_end_key(key: KeyEvent, at: &At) -> Option<Cmd> {
    if at.pos != at.end || at.last {
        return None;
    }
    let next_is_last = at.next.is_some_and(|(_, e, _)| e == at.buffer.len());
    match key {
        KeyEvent(KeyCode::Right, Modifiers::NONE)
        | KeyEvent(KeyCode::Char('F'), Modifiers::CTRL) => {
            Some(Cmd::Move(match at.next_letter() {
                Some(c) => Movement::ViCharSearch(1, CharSearch::Forward(c)),
                None => Movement::LineDown(1),
            }))
        }
        KeyEvent(KeyCode::Delete, Modifiers::NONE)
        | KeyEvent(KeyCode::Char('D' | 'K'), Modifiers::CTRL) => {
            Some(Cmd::Kill(match at.next_letter() {
                Some(c) => Movement::ViCharSearch(1, CharSearch::ForwardBefore(c)),
                None if next_is_last => Movement::EndOfBuffer,
                None => Movement::ViCharSearch(1, CharSearch::ForwardBefore('\n')),
            }))
        }
        _ => None,
    }
}

/// Ctrl-J inside a block, the cursor before the buffer's end (on an
/// earlier line, or inside a line), opens a line at the cursor as
/// Alt-Enter does; at the end, or on an entry of one line, it is Enter:
/// that is where a line end typed ahead lands, and a line end typed ahead
/// while a statement runs, or sent by a program, reaches the editor as
/// LF (the terminal's own translation of CR).
fn ctrl_j(block: &str, at: &At) -> Cmd {
    if at.buffer.contains('\n') && at.pos < at.buffer.len() {
        Cmd::Insert(1, format!("\n{CONT}"))
    } else {
        enter(block, at.buffer, !at.last)
    }
}

/// Enter: run the entry when it is complete, or when an empty line would
/// complete it and the cursor is on an earlier line (an edit made there);
/// from an earlier line of a block not yet complete, go to the block's
/// end, where its next line is typed (the line edited stays whole:
/// Alt-Enter is the key that opens a line at the cursor); else open a
/// new line at the cursor.
fn enter(block: &str, buffer: &str, earlier_line: bool) -> Cmd {
    let code = format!("{block}{}", strip(buffer));
    let head = code.trim_start();
    if head.starts_with('.') && !head.starts_with("...") && !code.contains('\n') {
        return Cmd::AcceptLine;
    }
    let done = |text: String| completeness(&text) != Completeness::Incomplete;
    if done(format!("{code}\n")) || (earlier_line && done(format!("{code}\n\n"))) {
        Cmd::AcceptLine
    } else if earlier_line {
        Cmd::Move(Movement::EndOfBuffer)
    } else {
        Cmd::Insert(1, format!("\n{CONT}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const B: &str = "for i in x:\n  ...>\u{a0}    print(i)\n  ...>\u{a0}";

    fn key(code: KeyCode, m: Modifiers) -> KeyEvent {
        KeyEvent(code, m)
    }

    #[test]
    fn the_code_has_no_prompts_and_positions_map_both_ways() {
        assert_eq!(strip(B), "for i in x:\n    print(i)\n");
        assert_eq!(dress("for i in x:\n    print(i)\n"), B);
        let p = B.find("    print").unwrap();
        let (code, at) = strip_at(B, p);
        assert_eq!(&code[at..at + 9], "    print");
        assert_eq!(raw_pos(B, at), p);
        // A line without its prompt (an old history entry) is kept whole.
        assert_eq!(strip("a\nb"), "a\nb");
        // A prompt written with a plain space, or without it, is one.
        assert_eq!(strip("a\n  ...> b\n  ...>c"), "a\nb\nc");
    }

    #[test]
    fn enter_runs_a_complete_entry_and_opens_a_line_in_an_open_block() {
        let enter = key(KeyCode::Enter, Modifiers::NONE);
        assert_eq!(edit_key(enter, "", "1 + 1", 5), Some(Cmd::AcceptLine));
        let open = "for i in x:\n  ...>\u{a0}    print(i)";
        let new_line = Some(Cmd::Insert(1, format!("\n{CONT}")));
        assert_eq!(edit_key(enter, "", open, open.len()), new_line);
        assert_eq!(edit_key(enter, "", B, B.len()), Some(Cmd::AcceptLine));
        // From the first line, after an edit there: it runs.
        assert_eq!(edit_key(enter, "", open, 3), Some(Cmd::AcceptLine));
        assert_eq!(edit_key(enter, "", ".help", 5), Some(Cmd::AcceptLine));
        // From an earlier line of a block not complete (an open model
        // block): to its end, the line kept whole (issue 16, round 2).
        let unfinished =
            "model A <\n  ...>\u{a0}    x = db.Column(db.Integer)\n  ...>\u{a0}    y = 1";
        let mid = unfinished.find("db.Column").unwrap();
        assert_eq!(
            edit_key(enter, "", unfinished, mid),
            Some(Cmd::Move(Movement::EndOfBuffer))
        );
        assert_eq!(edit_key(enter, "", unfinished, unfinished.len()), new_line);
        // Ctrl-J opens a line inside a block, even where Enter would run
        // it, and is Enter at the buffer's end and on one line.
        let ctrl_j = KeyEvent::ctrl('J');
        assert_eq!(edit_key(ctrl_j, "", open, 3), new_line);
        assert_eq!(edit_key(ctrl_j, "", open, open.len()), new_line);
        assert_eq!(edit_key(ctrl_j, "", B, B.len()), Some(Cmd::AcceptLine));
        let model = "model A <\n  ...>\u{a0}    x = 1\n  ...>\u{a0}>";
        assert_eq!(
            edit_key(ctrl_j, "", model, model.len()),
            Some(Cmd::AcceptLine)
        );
        assert_eq!(edit_key(ctrl_j, "", model, model.len() - 1), new_line);
        assert_eq!(edit_key(ctrl_j, "", "1 + 1", 5), Some(Cmd::AcceptLine));
    }

    #[test]
    fn keys_at_a_lines_start_never_reach_into_its_prompt() {
        let text = B.find("    print").unwrap();
        let back = Movement::ViCharSearch(1, CharSearch::Backward('\n'));
        let left = key(KeyCode::Left, Modifiers::NONE);
        assert_eq!(edit_key(left, "", B, text), Some(Cmd::Move(back.clone())));
        assert_eq!(edit_key(left, "", B, text + 1), None);
        for k in [
            key(KeyCode::Backspace, Modifiers::NONE),
            key(KeyCode::Backspace, Modifiers::ALT),
        ] {
            assert_eq!(edit_key(k, "", B, text), Some(Cmd::Kill(back.clone())));
        }
        // Ctrl-W at the code's start (an empty line's too) stops there, as
        // Ctrl-U does: the line break and its prompt stay.
        assert_eq!(edit_key(KeyEvent::ctrl('W'), "", B, text), Some(Cmd::Noop));
        assert_eq!(
            edit_key(KeyEvent::ctrl('W'), "", B, B.len()),
            Some(Cmd::Noop)
        );
        let bs = key(KeyCode::Backspace, Modifiers::NONE);
        assert_eq!(edit_key(bs, "", B, text + 1), None);
        // Ctrl-U kills back to the code's start, never the prompt's space.
        let ctrl_u = KeyEvent::ctrl('U');
        assert_eq!(edit_key(ctrl_u, "", B, text), Some(Cmd::Noop));
        let to_text = Some(Cmd::Kill(BACK_TO_TEXT));
        assert_eq!(edit_key(ctrl_u, "", B, text + 6), to_text);
        let empty_last = B.len();
        assert_eq!(edit_key(ctrl_u, "", B, empty_last), Some(Cmd::Noop));
        // Ctrl-W over the indentation alone stops at the code's start.
        let ctrl_w = KeyEvent::ctrl('W');
        assert_eq!(edit_key(ctrl_w, "", B, text + 4), to_text);
        assert_eq!(edit_key(ctrl_w, "", B, text + 6), None);
        let alt_bs = key(KeyCode::Backspace, Modifiers::ALT);
        assert_eq!(edit_key(alt_bs, "", B, text + 2), to_text);
        // Home goes to the code's start.
        for home in [key(KeyCode::Home, Modifiers::NONE), KeyEvent::ctrl('A')] {
            let moved = Some(Cmd::Move(BACK_TO_TEXT));
            assert_eq!(edit_key(home, "", B, text + 6), moved);
            assert_eq!(edit_key(home, "", B, text), Some(Cmd::Noop));
            assert_eq!(edit_key(home, "", B, 3), None);
        }
        let ctrl_t = KeyEvent::ctrl('T');
        assert_eq!(edit_key(ctrl_t, "", B, text), Some(Cmd::Noop));
        assert_eq!(edit_key(ctrl_t, "", B, text + 3), None);
    }

    #[test]
    fn keys_at_a_lines_end_step_over_the_next_prompt() {
        let eol = B.find('\n').unwrap();
        let right = key(KeyCode::Right, Modifiers::NONE);
        let to_p = Movement::ViCharSearch(1, CharSearch::Forward('p'));
        assert_eq!(edit_key(right, "", B, eol), Some(Cmd::Move(to_p)));
        let del = key(KeyCode::Delete, Modifiers::NONE);
        let before_p = Movement::ViCharSearch(1, CharSearch::ForwardBefore('p'));
        assert_eq!(edit_key(del, "", B, eol), Some(Cmd::Kill(before_p)));
        // The next line is the empty last one: it goes whole.
        let eol2 = B.rfind('\n').unwrap();
        let ctrl_d = KeyEvent::ctrl('D');
        let all = Some(Cmd::Kill(Movement::EndOfBuffer));
        assert_eq!(edit_key(ctrl_d, "", B, eol2), all);
        assert_eq!(
            edit_key(right, "", B, eol2),
            Some(Cmd::Move(Movement::LineDown(1)))
        );
        let tab = key(KeyCode::Tab, Modifiers::NONE);
        assert_eq!(
            edit_key(tab, "", B, B.len()),
            Some(Cmd::Insert(1, INDENT.into()))
        );
        assert_eq!(edit_key(tab, "", B, 5), None);
        // Lines joined by a key rustyline handles: the prompt never runs.
        assert_eq!(strip("print('a',  ...>\u{a0}'b')"), "print('a','b')");
        assert_eq!(
            strip("s = 'first  ...>\u{a0}\n  ...>\u{a0}third'"),
            "s = 'first\nthird'"
        );
    }
}
