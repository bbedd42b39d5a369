//! A block typed at the prompt is one editable buffer, in a real terminal
//! (a PTY): Up moves to an earlier line of it to fix a typo, Enter there
//! runs the block, Tab at the start of a later line indents, Alt-Enter
//! opens a line, and a block recalled from the history shows the
//! `  ...> ` of its later lines and is edited the same way.

mod pty_support;

use pty_support::{CONT, Type, shell, temp};
use rexpect::session::PtySession;

const UP: &str = "\x1b[A";
const CTRL_E: &str = "\x05";
const BACKSPACE: &str = "\x7f";
const ALT_ENTER: &str = "\x1b\r";

/// Send keys as typed, without a line end.
fn keys(p: &mut PtySession, k: &str) {
    p.send(k).unwrap();
    p.flush().unwrap();
}

/// The outputs in order, then the prompt.
fn outputs(p: &mut PtySession, outs: &[&str]) {
    for o in outs {
        p.exp_string(&format!("{o}\r\n"))
            .unwrap_or_else(|e| panic!("expected {o:?}: {e}"));
    }
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn a_typo_on_an_earlier_line_of_a_block_is_fixed_with_up() {
    let mut p = shell(&temp("block-up"), &[]);
    keys(&mut p, "for i in range(3):\r");
    p.exp_string(CONT).expect("the block's second line");
    // Tab at the start of the line indents it.
    // (Unindented, the block would be an IndentationError.)
    keys(&mut p, "\tprint(i * 7)");
    p.exp_string("print(i * 7)").unwrap();
    // Up to the first line, its end, and `3):` made `2):`.
    keys(&mut p, UP);
    keys(&mut p, CTRL_E);
    keys(&mut p, &BACKSPACE.repeat(3));
    keys(&mut p, "2):");
    // Enter on an earlier line runs the block as its empty line would.
    keys(&mut p, "\r");
    outputs(&mut p, &["0", "7"]);
    // Recalled, the block shows its continuation prompt.
    keys(&mut p, UP);
    p.exp_string(&format!("{CONT}    print(i * 7)"))
        .expect("the recalled block with its prompt");
    // Alt-Enter opens a line after the first; then Enter runs it all.
    keys(&mut p, UP);
    keys(&mut p, CTRL_E);
    keys(&mut p, ALT_ENTER);
    keys(&mut p, "\tprint('i is', i)\r");
    p.exp_string("i is 0").expect("the inserted line ran");
    outputs(&mut p, &["0", "i is 1", "7"]);
    p.enter("'after'").unwrap();
    p.exp_string("'after'").unwrap();
}

#[test]
fn a_block_recalled_from_the_history_is_edited_and_run() {
    let history = temp("block-recall");
    let mut p = shell(&history, &[]);
    keys(&mut p, "total = 0\r");
    p.exp_string("ormsh> ").unwrap();
    keys(&mut p, "for n in [1, 2, 3]:\r\ttotal += n\r\r");
    p.exp_string("ormsh> ").unwrap();
    keys(&mut p, "total\r");
    outputs(&mut p, &["6"]);
    // Up twice: past `total` to the block, shown with its prompt.
    keys(&mut p, UP);
    keys(&mut p, UP);
    p.exp_string("ormsh> for n in [1, 2, 3]:")
        .expect("the block's first line");
    p.exp_string(&format!("{CONT}    total += n"))
        .expect("its second line, after its prompt");
    // Its first line fixed: `3]` made `30]`; Enter runs the block.
    keys(&mut p, UP);
    keys(&mut p, CTRL_E);
    keys(&mut p, &BACKSPACE.repeat(2));
    keys(&mut p, "0]:\r");
    p.exp_string("ormsh> ").unwrap();
    keys(&mut p, "total\r");
    // 6 + 1 + 2 + 30
    outputs(&mut p, &["39"]);
    // The history keeps the code, without prompts.
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    let text = std::fs::read_to_string(&history).unwrap();
    assert!(
        text.contains("for n in [1, 2, 30]:\\n    total += n"),
        "{text}"
    );
    assert!(!text.contains("...>"), "{text}");
}

#[test]
fn an_earlier_line_of_a_tutorial_step_is_edited_and_the_step_counts() {
    let mut p = pty_support::spawn(&temp("block-step"), &["--tutorial", "one-to-one"]);
    p.exp_string("step 1/").expect("the first step");
    p.exp_string(&format!("{CONT}>"))
        .expect("the model block, with its prompts");
    // Up twice: to the `profile = ...` line; a comment added at its end.
    keys(&mut p, UP);
    keys(&mut p, UP);
    keys(&mut p, CTRL_E);
    keys(&mut p, "  # edited\r");
    p.exp_string("step 2/")
        .expect("the edited step ran and counted");
    p.exp_string(&format!("{CONT}>")).expect("step 2 offered");
    p.send_control('c').unwrap();
    p.exp_string("put aside").unwrap();
    p.enter("str('User' in dir()) * 2").unwrap();
    p.exp_string("'TrueTrue'").expect("the model was defined");
}

#[test]
fn lines_joined_by_ctrl_k_run_without_the_prompt_text() {
    let mut p = shell(&temp("block-join"), &[]);
    keys(&mut p, "print('a',\r");
    p.exp_string(CONT).expect("the entry's second line");
    keys(&mut p, "'b')");
    // Up to the first line, its end, and Ctrl-K joins the next line to it
    // (rustyline's own key: the `  ...> ` comes along in the buffer).
    keys(&mut p, UP);
    keys(&mut p, CTRL_E);
    keys(&mut p, "\x0b");
    keys(&mut p, "\r");
    // What runs is `print('a','b')`, not `print('a',  ...> 'b')`.
    p.exp_string("a b\r\n")
        .expect("the joined line ran as code");
    p.exp_string("ormsh> ").unwrap();
    p.enter("exit()").unwrap();
}
