//! The shell's yes/no question before `db.drop_all()` or an unfiltered
//! `Model.query.delete()`, in a real terminal (a PTY): asked only of a
//! person typing at the prompt and only when rows would be lost; an answer
//! typed ahead goes to it, a pasted statement is never asked about (the
//! paste's next line is a statement, not an answer).

mod pty_support;

use std::io::Write;

use pty_support::{Type, fresh_prompt, shell, temp};
use rexpect::session::PtySession;

/// Write `bytes` to the terminal in one write (typed ahead, or a paste).
fn burst(p: &PtySession, bytes: &str) {
    let mut tty = p.process().get_file_handle().expect("the pty");
    tty.write_all(bytes.as_bytes())
        .expect("one write to the pty");
    tty.flush().expect("flush the pty");
}

/// A model with one row committed, typed line by line.
const ONE_ROW: &str = "class T(db.Model):\r    id = db.Column(db.Integer, primary_key=True)\r\rdb.create_all()\rdb.session.add(T())\rdb.session.commit()\r";

#[test]
fn an_answer_typed_ahead_goes_to_the_question() {
    let mut p = shell(&temp("confirm"), &[]);
    burst(
        &p,
        &format!("{ONE_ROW}db.drop_all()\rn\r6*7\rdb.drop_all()\ry\r7*7\rT.query.count()\r"),
    );
    p.exp_string("[y/N] ").expect("the first question");
    p.exp_string("Cancelled: nothing was changed.")
        .expect("n answered it");
    p.exp_string("42\r\n").expect("6*7 ran");
    p.exp_string("[y/N] ").expect("the second question");
    p.exp_string("49\r\n").expect("y answered it, 7*7 ran");
    p.exp_string("no such table")
        .expect("the table was dropped");
}

#[test]
fn no_question_when_no_table_holds_rows() {
    let mut p = shell(&temp("confirm-empty"), &[]);
    let typed = "class T(db.Model):\r    id = db.Column(db.Integer, primary_key=True)\r\rdb.create_all()\rT.query.delete()\rdb.drop_all()\r6*7\r";
    burst(&p, typed);
    let before = p.exp_string("42\r\n").expect("6*7 ran");
    assert!(!before.contains("[y/N]"), "{before:?}");
    assert!(
        before.contains("\r\n0\r\n"),
        "delete() said 0 rows: {before:?}"
    );
}

#[test]
fn a_pasted_drop_all_is_not_asked_about() {
    // A tutorial pasted whole: its `db.create_all()` after `db.drop_all()`
    // must run, not answer a question (issue 15, dropall.txt).
    let mut p = shell(&temp("confirm-paste"), &[]);
    burst(&p, &format!("{ONE_ROW}6*7\r"));
    p.exp_string("42\r\n").expect("the row was committed");
    let text = "db.drop_all()\rdb.create_all()\rdb.session.add(T())\rdb.session.commit()\rT.query.count()\r";
    burst(&p, &format!("\x1b[200~{text}\x1b[201~"));
    let before = p.exp_string("1\r\n").expect("one row after the re-create");
    assert!(!before.contains("[y/N]"), "{before:?}");
    assert!(!before.contains("Cancelled"), "{before:?}");
}

#[test]
fn a_statement_typed_ahead_is_no_answer_and_runs_next() {
    // The tryout typed the next statement before the question showed: it
    // answered the question (as no) and was lost.
    let mut p = shell(&temp("confirm-statement"), &[]);
    burst(
        &p,
        &format!("{ONE_ROW}db.drop_all()\r6*7\rT.query.count()\r"),
    );
    p.exp_string("[y/N] ").expect("the question");
    p.exp_string("'6*7' is no answer").expect("said so");
    p.exp_string("Cancelled: nothing was changed.").unwrap();
    p.exp_string("42\r\n").expect("6*7 ran after all");
    p.exp_string("\r\n1\r\n").expect("the row is still there");
}

#[test]
fn ctrl_c_or_ctrl_d_at_the_question_cancels_and_nothing_follows() {
    // The tryout saw `0` (the rows deleted) under "Cancelled".
    let mut p = shell(&temp("confirm-cancel"), &[]);
    burst(&p, &format!("{ONE_ROW}6*7\r"));
    p.exp_string("42\r\n").expect("the row was committed");
    fresh_prompt(&mut p).unwrap();
    for key in ['c', 'd'] {
        p.enter("T.query.delete()").unwrap();
        p.exp_string("Delete every row of table 't'? [y/N] ")
            .expect("the question");
        p.send_control(key).unwrap();
        p.exp_string("Cancelled: nothing was changed.\r\n")
            .expect("cancelled");
        let after = p.exp_string("ormsh> ").expect("the prompt");
        assert!(!after.contains("0\r\n"), "Ctrl-{key}: {after:?}");
    }
    p.enter("T.query.count()").unwrap();
    p.exp_string("\r\n1\r\n").expect("the row is still there");
}

#[test]
fn a_cancelled_drop_all_is_saved_commented_out() {
    // The tryout's data loss: `.save` kept the declined `db.drop_all()`,
    // and `.read` of the file (which never asks) dropped the tables.
    let saved = temp("confirm-save.orm");
    let mut p = shell(&temp("confirm-save"), &[]);
    let at = saved.display();
    burst(
        &p,
        &format!("{ONE_ROW}db.drop_all()\rn\r.save '{at}'\r6*7\r"),
    );
    p.exp_string("Cancelled: nothing was changed.")
        .expect("n answered it");
    p.exp_string("42\r\n").expect("6*7 ran after .save");
    let saved = std::fs::read_to_string(&saved).expect("the saved file");
    assert!(
        saved.contains("# cancelled at its question, so not run:\n# db.drop_all()\n"),
        "{saved:?}"
    );
    assert!(
        !saved.lines().any(|l| l.trim() == "db.drop_all()"),
        "{saved:?}"
    );
}
