//! The shell in a real terminal (a PTY): multi-line entry, Tab completion,
//! history across runs, Ctrl-C during a long statement, Ctrl-D, and a
//! tutorial step run with Enter, dot command output shown at once.

mod pty_support;

use std::time::Duration;

use pty_support::{CONT, Type, shell, spawn, temp};
use rexpect::session::PtySession;

fn define_user(p: &mut PtySession) {
    p.enter("model User <").unwrap();
    p.exp_string(CONT).expect("a continuation prompt");
    p.enter("    id = db.Column(db.Integer, primary_key=True)")
        .unwrap();
    p.exp_string(CONT).unwrap();
    p.enter("    username = db.Column(db.String(80), unique=True)")
        .unwrap();
    p.exp_string(CONT).unwrap();
    p.enter(">").unwrap();
    p.exp_string("ormsh> ").expect("the block closed");
    p.enter("db.create_all(); db.session.add(User(username='admin')); db.session.commit()")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn a_model_block_entered_line_by_line() {
    let mut p = shell(&temp("h1"), &[]);
    define_user(&mut p);
    p.enter("User.query.first().username").unwrap();
    p.exp_string("'admin'").expect("the row");
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn tab_completes_columns_and_filter_by_fields() {
    let mut p = shell(&temp("h2"), &[]);
    define_user(&mut p);
    p.send("User.usern").unwrap();
    p.send("\t").unwrap();
    p.enter("").unwrap();
    p.exp_string("User.username").expect("the column completed");
    p.exp_string("ormsh> ").unwrap();
    p.send("User.query.filter_by(usern").unwrap();
    p.send("\t").unwrap();
    p.enter("'admin').count()").unwrap();
    p.exp_string("1\r\n")
        .expect("filter_by(username= completed and ran");
    p.exp_string("ormsh> ").unwrap();
    // A variable is completed by the type of the value it holds.
    p.enter("q = User.query").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.send("q.coun").unwrap();
    p.send("\t").unwrap();
    p.enter("()").unwrap();
    p.exp_string("1\r\n").expect("q.count completed and ran");
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn history_is_recalled_in_the_next_run() {
    let h = temp("h3");
    let mut p = shell(&h, &[]);
    p.enter("6 * 7").unwrap();
    p.exp_string("42").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    let mut p = shell(&h, &[]);
    p.send("\x1b[A").unwrap(); // Up
    p.enter("").unwrap();
    p.exp_string("42")
        .expect("the statement recalled from the last run");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&h).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
}

#[test]
fn ctrl_c_interrupts_a_long_statement_and_the_shell_goes_on() {
    let mut p = shell(&temp("h4"), &[]);
    // A recursive CTE through .sql: it would count for ever.
    p.enter(".sql WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    p.send_control('c').unwrap();
    // The CTE is endless: only the interrupt ends it (within the PTY's
    // expect timeout, a hang guard; how soon is not timed here).
    p.exp_string("Interrupted").expect("the statement stopped");
    p.exp_string("ormsh> ").unwrap();
    p.enter("1 + 1").unwrap();
    p.exp_string("2").expect("still answering");
}

#[test]
fn ctrl_c_at_the_prompt_clears_the_line_and_ctrl_d_exits_0() {
    let mut p = shell(&temp("h5"), &[]);
    p.send("this is not finished").unwrap();
    p.send_control('c').unwrap();
    p.enter("3 + 4").unwrap();
    p.exp_string("7").expect("the cleared line is gone");
    p.exp_string("ormsh> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    // nix's WaitStatus, e.g. `Exited(Pid(123), 0)`.
    let status = format!("{:?}", p.process().wait().unwrap());
    assert!(
        status.starts_with("Exited(") && status.ends_with(", 0)"),
        "{status}"
    );
}

#[test]
fn a_dot_command_answers_before_the_next_prompt() {
    let mut p = shell(&temp("h7"), &[]);
    p.enter(".tutorial").unwrap();
    // The lesson list, then the prompt: nothing held back in a buffer.
    p.exp_string("quickstart").expect("the lessons listed");
    p.exp_string("Start one with .tutorial NAME")
        .expect("the whole list");
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn a_tutorial_step_runs_with_enter() {
    let mut p = spawn(&temp("h6"), &["--tutorial", "quickstart"]);
    p.exp_string("step 1/").expect("the first step");
    p.enter("").unwrap(); // runs the model block put at the prompt
    p.exp_string("step 2/").expect("the lesson moved on");
}

/// The process's exit status as nix's `WaitStatus` prints it.
fn exit_status(p: &mut PtySession) -> String {
    format!("{:?}", p.process().wait().unwrap())
}

#[test]
fn exit_and_quit_at_the_prompt_leave_the_shell() {
    // `exit` alone says how to leave, as Python's console does.
    let mut p = shell(&temp("h8"), &[]);
    p.enter("exit").unwrap();
    p.exp_string("Use exit() or Ctrl-D (i.e. EOF) to exit")
        .expect("the Quitter's repr");
    p.exp_string("ormsh> ").unwrap();
    p.enter("exit()").unwrap();
    p.exp_eof().expect("exit() leaves the shell");
    let status = exit_status(&mut p);
    assert!(status.ends_with(", 0)"), "{status}");

    let mut p = shell(&temp("h9"), &[]);
    p.enter("quit(3)").unwrap();
    p.exp_eof().expect("quit(3) leaves the shell");
    let status = exit_status(&mut p);
    assert!(status.ends_with(", 3)"), "{status}");

    // Inside a block, as Python leaves from a loop's body.
    let mut p = shell(&temp("h10"), &[]);
    p.enter("for i in range(3):").unwrap();
    p.exp_string("...").unwrap();
    p.enter("    if i == 1: exit()").unwrap();
    p.exp_string("...").unwrap();
    p.enter("").unwrap();
    p.exp_eof().expect("exit() in a block leaves the shell");
    let status = exit_status(&mut p);
    assert!(status.ends_with(", 0)"), "{status}");
}

/// A line at the left margin typed while a block is open is Python's
/// console's `SyntaxError: invalid syntax`, and nothing of the entry runs.
#[test]
fn a_margin_line_inside_an_open_block_is_invalid_syntax() {
    let mut p = shell(&temp("h-margin"), &[]);
    p.enter("if True:").unwrap();
    p.exp_string(CONT).unwrap();
    p.enter("    x = 1").unwrap();
    p.exp_string(CONT).unwrap();
    p.enter("y = 2").unwrap();
    p.exp_string(CONT).unwrap();
    p.enter("").unwrap();
    p.exp_string("SyntaxError: invalid syntax")
        .expect("the entry refused");
    p.exp_string("ormsh> ").unwrap();
    p.enter("'x' in dir()").unwrap();
    p.exp_string("False").expect("nothing of the entry ran");
    p.exp_string("ormsh> ").unwrap();
}
