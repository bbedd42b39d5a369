//! Input that arrives faster than the shell reads it, in a real terminal (a
//! PTY): a script sent in one write, the same script pasted as a terminal
//! pastes it (with and without bracketed paste), lines typed while a
//! statement runs, after Ctrl-C at the prompt, and during a tutorial
//! (answers to questions: `pty_confirm`). Every statement runs, in order, each its own
//! history entry.

mod pty_support;

use std::io::Write;
use std::path::Path;

use pty_support::{Type, shell, spawn, temp};
use rexpect::session::PtySession;

/// The 30-line script as statements (a model block and a bracket spanning
/// lines each count as one), and the outputs it prints, in order.
fn script() -> (Vec<String>, Vec<String>) {
    let mut stmts = vec![
        "model Tag <\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(20), nullable=False)\n>".to_string(),
        "db.create_all()".to_string(),
    ];
    // Lines 6 to 24 each add a row named after its line.
    let names: Vec<String> = (6..=24).map(|n| format!("l{n:02}")).collect();
    for n in &names {
        stmts.push(format!("db.session.add(Tag(name='{n}'))"));
    }
    stmts.push("db.session.commit()".to_string());
    stmts.push("[t.name for t in Tag.query.order_by(Tag.id).all()]".to_string());
    stmts.push("Tag.query.filter(\n    Tag.name.endswith('9')\n).count() * 1000".to_string());
    stmts.push("'done %d' % Tag.query.count()".to_string());
    let listed: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    let outputs = vec![
        format!("[{}]", listed.join(", ")),
        "2000".to_string(),
        "'done 19'".to_string(),
    ];
    let lines: usize = stmts.iter().map(|s| s.lines().count()).sum();
    assert_eq!(lines, 30, "the script is 30 lines");
    (stmts, outputs)
}

/// Write `bytes` to the terminal in one write, as a fast typist, a program
/// or a terminal's paste does.
fn burst(p: &PtySession, bytes: &str) {
    let mut tty = p.process().get_file_handle().expect("the pty");
    tty.write_all(bytes.as_bytes())
        .expect("one write to the pty");
    tty.flush().expect("flush the pty");
}

/// Expect each output in order, then a prompt right after the last.
fn expect_outputs<S: AsRef<str>>(p: &mut PtySession, outputs: &[S]) {
    for out in outputs.iter().map(AsRef::as_ref) {
        p.exp_string(&format!("{out}\r\n"))
            .unwrap_or_else(|e| panic!("expected {out:?}: {e}"));
    }
    // The prompt follows the last output with no blank line between.
    let between = p
        .exp_string("ormsh> ")
        .expect("a prompt after the last statement");
    assert!(!between.contains('\n'), "{between:?}");
}

/// Leave with Ctrl-D and read the history file's entries (rustyline's
/// format: `#V2`, then one entry a line with `\n` and `\\` escaped).
fn history_after_exit(mut p: PtySession, history: &Path) -> Vec<String> {
    p.send_control('d').unwrap();
    p.exp_eof().expect("Ctrl-D leaves");
    let text = std::fs::read_to_string(history).expect("the history file");
    text.lines()
        .skip_while(|l| *l == "#V2")
        .map(|l| l.replace("\\n", "\n").replace("\\\\", "\\"))
        .collect()
}

/// Send the script in one burst, `ends` between lines and after the last,
/// inside `open`/`close`; every statement runs and is its own history entry.
fn run_burst(history_name: &str, ends: &str, open: &str, close: &str) {
    let (stmts, outputs) = script();
    let history = temp(history_name);
    let mut p = shell(&history, &[]);
    let text = stmts.join("\n").replace('\n', ends) + ends;
    burst(&p, &format!("{open}{text}{close}"));
    expect_outputs(&mut p, &outputs);
    p.enter("'after'").unwrap();
    p.exp_string("'after'\r\n")
        .expect("the shell still answers");
    p.exp_string("ormsh> ").unwrap();
    let mut want = stmts;
    want.push("'after'".to_string());
    assert_eq!(history_after_exit(p, &history), want);
}

#[test]
fn a_30_line_script_sent_in_one_write_runs_every_statement() {
    run_burst("burst", "\n", "", "");
}

#[test]
fn a_30_line_script_pasted_without_bracketed_paste_runs_every_statement() {
    // A terminal sends a pasted line end as a carriage return, like Enter.
    run_burst("paste-plain", "\r", "", "");
}

#[test]
fn a_30_line_script_pasted_with_bracketed_paste_runs_every_statement() {
    run_burst("paste-bracketed", "\r", "\x1b[200~", "\x1b[201~");
}

#[test]
fn a_bracketed_paste_without_a_last_line_end_waits_at_the_prompt() {
    let history = temp("paste-open");
    let mut p = shell(&history, &[]);
    burst(&p, "\x1b[200~10+1\r20+2\r30+3\x1b[201~");
    expect_outputs(&mut p, &["11", "22"]);
    // The last line is at the prompt, to edit or run as if typed.
    p.send(" + 0").unwrap();
    p.enter("").unwrap();
    p.exp_string("33\r\n")
        .expect("the last pasted line ran with Enter");
    p.exp_string("ormsh> ").unwrap();
    assert_eq!(
        history_after_exit(p, &history),
        ["10+1", "20+2", "30+3 + 0"]
    );
}

#[test]
fn a_tab_inside_a_bracketed_paste_is_text_not_completion() {
    let mut p = shell(&temp("paste-tab"), &[]);
    burst(&p, "\x1b[200~len('a\tb')\r\x1b[201~");
    p.exp_string("3\r\n")
        .expect("the tab was pasted as a character");
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn lines_typed_while_a_statement_runs_all_run_after_it() {
    // The test holds the database's write lock, so the statement waits
    // for it (up to a minute) while more lines are typed.
    let db = temp("busy.db");
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("CREATE TABLE t (x INTEGER)").unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let db_arg = db.to_str().unwrap();
    let mut p = shell(&temp("busy"), &[db_arg, "--busy-timeout", "60000"]);
    p.enter(".sql INSERT INTO t VALUES (7)").unwrap();
    // rustyline ends the line it read with a new line, once the terminal
    // is back in normal mode: the statement is running from there on.
    p.exp_string("VALUES (7)").unwrap();
    p.exp_string("\n").unwrap();
    // The terminal echoes them as they come: no output expected below is
    // the end of an echoed line.
    burst(&p, "10+1\n20+2\n30+3\n");
    holder.execute_batch("ROLLBACK").unwrap();
    expect_outputs(&mut p, &["11", "22", "33"]);
}

#[test]
fn lines_after_ctrl_c_at_the_prompt_are_kept() {
    let mut p = shell(&temp("ctrl-c"), &[]);
    // Ctrl-C clears a line and a half-typed block; what follows it runs.
    burst(&p, "unfinished(\x03model X <\r\x036*7\r7*7\r");
    expect_outputs(&mut p, &["42", "49"]);
}

#[test]
fn enter_typed_ahead_in_a_tutorial_runs_the_next_steps() {
    let mut p = spawn(&temp("tutorial"), &["--tutorial", "quickstart"]);
    p.exp_string("step 1/").expect("the first step");
    p.exp_string("ormsh> ").unwrap();
    // Three Enters at once: steps 1, 2 and 3 run, step 4 waits.
    burst(&p, "\r\r\r");
    p.exp_string("step 4/").expect("three steps ran");
}

#[test]
fn an_empty_line_inside_a_pasted_class_does_not_close_it() {
    // A tutorial's model: an empty line before its `def __repr__`, another
    // between the class and the next statement (issue 15, seed 002).
    let history = temp("paste-class-blank");
    let mut p = shell(&history, &[]);
    let class = "class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(80))\n\n    def __repr__(self):\n        return '<User %r>' % self.name";
    let text = format!(
        "{class}\n\n\ndb.create_all()\ndb.session.add(User(name='ann'))\nUser.query.all()\n"
    );
    burst(
        &p,
        &format!("\x1b[200~{}\x1b[201~", text.replace('\n', "\r")),
    );
    expect_outputs(&mut p, &["[<User 'ann'>]"]);
    assert_eq!(
        history_after_exit(p, &history),
        [
            class,
            "db.create_all()",
            "db.session.add(User(name='ann'))",
            "User.query.all()"
        ]
    );
}

#[test]
fn a_paste_ending_in_an_empty_line_runs_its_block_at_once() {
    let mut p = shell(&temp("paste-block-end"), &[]);
    burst(&p, "\x1b[200~for i in range(2):\r    i * 10\r\r\x1b[201~");
    expect_outputs(&mut p, &["0", "10"]);
}

#[test]
fn text_with_crlf_line_ends_pasted_without_bracketed_paste_is_one_line_a_line() {
    // A CR LF is one line end: no empty line after each (which would
    // close the block at its first line, as an Enter does).
    let history = temp("paste-crlf-plain");
    let mut p = shell(&history, &[]);
    burst(&p, "for i in range(2):\r\n    i * 10\r\n\r\n7*6\r\n");
    expect_outputs(&mut p, &["0", "10", "42"]);
    assert_eq!(
        history_after_exit(p, &history),
        ["for i in range(2):\n    i * 10", "7*6"]
    );
}

#[test]
fn text_with_crlf_line_ends_pasted_as_cr_cr_is_one_line_a_line() {
    // tmux's paste-buffer (without -r) turns each LF into CR: a CR LF
    // arrives as CR CR, one line end; two pairs are an empty line.
    let history = temp("paste-crcr");
    let mut p = shell(&history, &[]);
    burst(&p, "\x1b[200~x = 5\r\ry = x * 2\r\ry\r\r\x1b[201~");
    let shown = p.exp_string("10\r\n").expect("y");
    assert!(!shown.contains("ormsh> \r\n"), "no empty prompt: {shown:?}");
    p.exp_string("ormsh> ").unwrap();
    burst(
        &p,
        "\x1b[200~for i in range(2):\r\r    i * 10\r\r\r\r7*6\r\r\x1b[201~",
    );
    let shown = p.exp_string("42\r\n").expect("the block, then 7*6");
    assert!(shown.contains("0\r\n10\r\n"), "{shown:?}");
    assert!(!shown.contains("...> \r\n  ...> "), "{shown:?}");
    p.exp_string("ormsh> ").unwrap();
    assert_eq!(
        history_after_exit(p, &history),
        [
            "x = 5",
            "y = x * 2",
            "y",
            "for i in range(2):\n    i * 10",
            "7*6"
        ]
    );
}

/// Cursor up one row, to its start, and clear it: a line taken back.
const TAKE_BACK: &str = "\x1b[1A\r\x1b[2K";

#[test]
fn a_statement_after_a_pasted_empty_line_shows_under_the_primary_prompt() {
    // Python's console: the empty line closes the block, which runs, and
    // the next line is shown after its output, at `>>> `. The line was
    // read under the continuation prompt before the shell knew: it is
    // taken back, then written again under `ormsh> `.
    let history = temp("paste-blank-next");
    let mut p = shell(&history, &[]);
    burst(
        &p,
        "\x1b[200~for i in range(2):\r\n    i * 10\r\n\r\nx = 5\r\nx\r\n\x1b[201~",
    );
    p.exp_string(TAKE_BACK).expect("the line is taken back");
    expect_outputs_then(&mut p, &["0", "10"]);
    p.exp_string("ormsh> x = 5\r\n")
        .expect("x = 5 shown again after the block's output");
    expect_outputs(&mut p, &["5"]);
    assert_eq!(
        history_after_exit(p, &history),
        ["for i in range(2):\n    i * 10", "x = 5", "x"]
    );
}

#[test]
fn more_empty_lines_after_a_pasted_block_show_as_empty_primary_prompts() {
    let mut p = shell(&temp("paste-blanks"), &[]);
    burst(&p, "\x1b[200~if True:\r    7\r\r\r8\r\x1b[201~");
    expect_outputs_then(&mut p, &["7"]);
    p.exp_string("ormsh> \r\normsh> 8\r\n")
        .expect("the second empty line at the primary prompt, then 8");
    expect_outputs(&mut p, &["8"]);
}

/// Expect each output in order (more may follow).
fn expect_outputs_then(p: &mut PtySession, outputs: &[&str]) {
    for out in outputs {
        p.exp_string(&format!("{out}\r\n"))
            .unwrap_or_else(|e| panic!("expected {out:?}: {e}"));
    }
}

#[test]
fn a_pasted_doctest_sessions_output_lines_are_taken_off_the_screen() {
    // The lines after a `>>> ` statement are its output as printed when
    // the session was recorded: they do not run, and ormsh prints the
    // real output in their place.
    let history = temp("paste-doctest");
    let mut p = shell(&history, &[]);
    burst(
        &p,
        "\x1b[200~>>> for i in range(2):\r...     i\r...\r0\r1\r>>> x = 3\r>>> x\r3\r\x1b[201~",
    );
    p.exp_string(TAKE_BACK).expect("the pasted 0 is taken back");
    expect_outputs_then(&mut p, &["0", "1"]);
    p.exp_string(TAKE_BACK).expect("the pasted 1 is taken back");
    expect_outputs_then(&mut p, &["3"]);
    p.exp_string(TAKE_BACK).expect("the pasted 3 is taken back");
    assert_eq!(
        history_after_exit(p, &history),
        ["for i in range(2):\n    i", "x = 3", "x"]
    );
}
