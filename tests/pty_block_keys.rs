//! The keys of a block edited as one buffer, in a real terminal (a PTY),
//! each as the issue's tryout met it (issue 16): Ctrl-U, Ctrl-W and Home
//! stop at a later line's code and never take part of its `  ...> `;
//! Ctrl-J opens a line inside a block; Ctrl-D on an empty continuation
//! line ends the entry as Python's console does; a history hint shows
//! one line; a tutorial step is its statement alone; a block taller than
//! the terminal is edited where it is shown; an unclosed bracket goes on
//! over empty lines until Ctrl-C, as in Python's console; Home goes
//! before a line's indentation, as in Python's REPL, and no U+00A0
//! reaches the terminal.

mod pty_support;

use pty_support::{CONT, NBSP_AS_READ, Type, as_read, resize, shell, spawn, temp};
use rexpect::session::PtySession;

const UP: &str = "\x1b[A";
const DOWN: &str = "\x1b[B";
const HOME: &str = "\x1b[H";
const DELETE: &str = "\x1b[3~";
const CTRL_E: &str = "\x05";
const CTRL_U: &str = "\x15";
const CTRL_W: &str = "\x17";
const CTRL_J: &str = "\n";
const CTRL_D: &str = "\x04";

/// Send keys as typed, without a line end.
fn keys(p: &mut PtySession, k: &str) {
    p.send(k).unwrap();
    p.flush().unwrap();
}

/// Expect `out` printed on a line of its own, then the prompt.
fn output(p: &mut PtySession, out: &str) {
    p.exp_string(&format!("\r\n{out}\r\n"))
        .unwrap_or_else(|e| panic!("expected {out:?}: {e}"));
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn ctrl_u_ctrl_w_and_home_stop_at_the_start_of_a_lines_code() {
    let mut p = shell(&temp("keys-kill"), &[]);
    keys(&mut p, "if True:\r");
    p.exp_string(CONT).unwrap();
    // Ctrl-U on an empty continuation line, then again after text: the
    // prompt keeps its space, so the indentation typed next is the code's.
    keys(&mut p, CTRL_U);
    keys(&mut p, "    x = 1 > 0");
    keys(&mut p, CTRL_U);
    keys(&mut p, "    x = 6\r");
    // Ctrl-W on the empty continuation line stops after its prompt, as
    // Ctrl-U does: it keeps the line break (joined, the next line would
    // be `x = 6 … x += 1`, a syntax error).
    keys(&mut p, CTRL_W);
    // Ctrl-W over indentation alone stops at the code's start too.
    keys(&mut p, "      ");
    keys(&mut p, CTRL_W);
    keys(&mut p, "    x += 1\r\r");
    p.exp_string("ormsh> ").unwrap();
    p.enter("x").unwrap();
    output(&mut p, "7");
    // Home goes to the first column of the line's code: Delete there
    // takes the code's first character, not the prompt's space.
    keys(&mut p, "y = (\r");
    p.exp_string(CONT).unwrap();
    keys(&mut p, "51");
    keys(&mut p, HOME);
    keys(&mut p, DELETE);
    keys(&mut p, CTRL_E);
    keys(&mut p, ")\r");
    p.exp_string("ormsh> ").unwrap();
    p.enter("y").unwrap();
    output(&mut p, "1");
}

#[test]
fn ctrl_j_opens_a_line_where_enter_would_run_the_block() {
    let mut p = shell(&temp("keys-ctrl-j"), &[]);
    keys(&mut p, "if True:\r    a = 1\r    b = 2\r");
    // Up to `b = 2`, its end: Enter there would run the block; Ctrl-J
    // opens a line after it instead.
    keys(&mut p, UP);
    keys(&mut p, CTRL_E);
    keys(&mut p, CTRL_J);
    keys(&mut p, "    c = 3");
    keys(&mut p, DOWN);
    keys(&mut p, "\r");
    p.exp_string("ormsh> ").unwrap();
    p.enter("a + b + c").unwrap();
    output(&mut p, "6");
    // On a line of its own, Ctrl-J is Enter (a line end typed ahead
    // while a statement runs arrives as LF).
    keys(&mut p, "6 * 7\n");
    output(&mut p, "42");
}

#[test]
fn ctrl_d_on_an_empty_continuation_line_ends_the_entry_as_python_does() {
    let mut p = shell(&temp("keys-ctrl-d"), &[]);
    keys(&mut p, "for i in range(2):\r    print(i * 5)\r");
    keys(&mut p, CTRL_D);
    p.exp_string("\r\n0\r\n5\r\n").expect("the block ran");
    p.exp_string("ormsh> ").unwrap();
    // An unclosed bracket: Python's console says so.
    keys(&mut p, "print(1,\r");
    keys(&mut p, CTRL_D);
    p.exp_string("'(' was never closed")
        .expect("the entry ended and was refused");
    p.exp_string("ormsh> ").unwrap();
    p.enter("'still here'").unwrap();
    output(&mut p, "'still here'");
    // A pasted block read line by line, its empty line not pasted: Ctrl-D
    // at the continuation prompt after it ends the entry too.
    keys(
        &mut p,
        "\x1b[200~for i in range(2):\r    print(i * 3)\r\x1b[201~",
    );
    p.exp_string("print(i * 3)").unwrap();
    keys(&mut p, CTRL_D);
    p.exp_string("\r\n0\r\n3\r\n")
        .expect("the pasted block ran");
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn a_history_hint_for_a_block_shows_one_line() {
    let mut p = shell(&temp("keys-hint"), &[]);
    keys(&mut p, "for i in range(2):\r    print(i + 10)\r\r");
    p.exp_string("11\r\n").unwrap();
    p.exp_string("ormsh> ").unwrap();
    keys(&mut p, "for");
    p.exp_string(&as_read("for i in range(2): …"))
        .expect("the hint: the rest of the first line, and an ellipsis");
    // → takes the whole entry; its later line is drawn only then.
    keys(&mut p, "\x1b[C");
    let drawn = p.exp_string(&format!("{CONT}    print(i + 10)")).unwrap();
    assert!(!drawn.contains("print"), "{drawn:?}");
    keys(&mut p, "\r\r");
    p.exp_string("11\r\n").expect("the recalled block ran");
}

#[test]
fn a_tutorial_step_offers_its_statement_without_the_next_narration() {
    let mut p = shell(&temp("keys-step"), &[]);
    p.enter(".tutorial quickstart 25").unwrap();
    p.exp_string("step 25/").unwrap();
    p.exp_string("print(category, category.posts)").unwrap();
    keys(&mut p, "\x03");
    let shown = p.exp_string("put aside").unwrap();
    assert!(!shown.contains("with_parent"), "{shown:?}");
}

#[test]
fn a_block_taller_than_the_terminal_is_edited_where_it_is_shown() {
    let mut p = spawn(&temp("keys-tall"), &[]);
    resize(&p, 80, 20);
    p.exp_string("ormsh> ").unwrap();
    p.enter("0").unwrap();
    p.exp_string("ormsh> ").unwrap();
    keys(&mut p, "if True:\r");
    for i in 1..=30 {
        keys(&mut p, &format!("    x{i} = {i}\r"));
        p.exp_string(&format!("x{i} = {i}")).unwrap();
    }
    // 32 rows on 20: Up stops at the highest row shown, `x12 = 12`
    // (never a row scrolled off, drawn on the top row while edited).
    keys(&mut p, &UP.repeat(40));
    keys(&mut p, CTRL_E);
    keys(&mut p, "0");
    keys(&mut p, &DOWN.repeat(40));
    keys(&mut p, "\r");
    p.exp_string("ormsh> ").unwrap();
    p.enter("(x1, x12)").unwrap();
    output(&mut p, "(1, 120)");
}

#[test]
fn an_unclosed_bracket_goes_on_over_empty_lines_until_ctrl_c() {
    let mut p = shell(&temp("keys-bracket"), &[]);
    keys(&mut p, "x = (1,\r\r\r2)\r");
    p.exp_string("ormsh> ").unwrap();
    p.enter("x").unwrap();
    output(&mut p, "(1, 2)");
    keys(&mut p, "(\r\r\r");
    keys(&mut p, "\x03");
    p.exp_string("^C").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("6 * 7").unwrap();
    output(&mut p, "42");
}

#[test]
fn home_goes_before_the_indentation_as_pythons_repl_does() {
    // README: Home (and Ctrl-A) stop just after a later line's prompt —
    // the first column of the input, before its indentation — as in
    // Python's own REPL; never into the prompt.
    let mut p = shell(&temp("keys-home"), &[]);
    keys(&mut p, "if True:\r");
    p.exp_string(CONT).unwrap();
    keys(&mut p, "    b = 2");
    p.exp_string("b = 2").unwrap();
    for home in [HOME, "\x01"] {
        keys(&mut p, home);
        keys(&mut p, "X");
        let drawn = p
            .exp_string(&format!("{CONT}X    b = 2"))
            .expect("X typed before the indentation, after the prompt");
        // The buffer's no-break space is drawn as a plain one.
        assert!(!drawn.contains(NBSP_AS_READ), "{drawn:?}");
        keys(&mut p, "\x08");
        p.exp_string(&format!("{CONT}    b = 2")).unwrap();
        keys(&mut p, CTRL_E);
    }
}

/// Simple statements on lines of one entry (Alt-Enter or Ctrl-J between
/// them) run in order, as Python's console runs a pasted pair (issue 16,
/// round 2: `a = 1`, Alt-Enter, `b = 2` was refused with "a block ends
/// with an empty line", with no block in sight); after a block, a line at
/// the margin is still Python's SyntaxError.
#[test]
fn lines_of_simple_statements_in_one_entry_all_run() {
    let mut p = shell(&temp("keys-pair"), &[]);
    keys(&mut p, "a = 1\x1b\rb = 2");
    p.exp_string(CONT).unwrap();
    keys(&mut p, "\r");
    p.exp_string("ormsh> ").unwrap();
    p.enter("a + b").unwrap();
    output(&mut p, "3");
    keys(&mut p, "6 * 7\x1b\r2 + 2\r");
    p.exp_string("\r\n42\r\n4\r\n").expect("both values shown");
    p.exp_string("ormsh> ").unwrap();
    // After a block the console's rule holds.
    keys(&mut p, "if True:\r    c = 1\x1b\rd = 2\r\r");
    p.exp_string("a block ends with an empty line").unwrap();
    p.exp_string("ormsh> ").unwrap();
}

/// Enter on an earlier line of a block not yet complete goes to the
/// block's end and keeps the line whole (issue 16, round 2: it split the
/// line, here inside a string), as Enter on an earlier line of a complete
/// block runs it rather than splitting.
#[test]
fn enter_on_an_earlier_line_of_an_open_block_goes_to_its_end() {
    let mut p = shell(&temp("keys-open-enter"), &[]);
    keys(&mut p, "s = (\r    'abcdef'\r    'gh'");
    // Up: the cursor lands inside 'abcdef'; Enter there.
    keys(&mut p, UP);
    keys(&mut p, "\r");
    keys(&mut p, "\r)\r");
    p.exp_string("ormsh> ").unwrap();
    p.enter("s").unwrap();
    output(&mut p, "'abcdefgh'");
}
