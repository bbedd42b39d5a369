//! Tutorials in a real terminal (a PTY): a step moves on only when its own
//! statement (or an edit of it) ran, Ctrl-C puts a step aside and Enter on
//! an empty line brings it back, Ctrl-D on the step leaves the lesson,
//! `.tutorial NAME` resumes and `.tutorial NAME N` jumps, every step says
//! how to leave, and a database holding the lesson's rows is named.

mod pty_support;

use pty_support::{Type, shell, spawn, temp};
use rexpect::session::PtySession;

/// Ctrl-U: clear the line (the step put at the prompt) before typing.
const CLEAR: &str = "\x15";

/// Start `lesson` and run its first step (the model block) with Enter.
fn first_step_run(history: &str, lesson: &str) -> PtySession {
    let mut p = spawn(&temp(history), &["--tutorial", lesson]);
    p.exp_string("step 1/").expect("the first step");
    p.exp_string(".tutorial stop")
        .expect("the step says how to leave");
    p.exp_string("ormsh> ").unwrap();
    p.enter("").unwrap();
    p.exp_string("step 2/").expect("the lesson moved on");
    p
}

#[test]
fn only_the_step_itself_moves_the_lesson_on() {
    let mut p = first_step_run("t1", "quickstart");
    p.exp_string("ormsh> db.create_all()")
        .expect("step 2 at the prompt");
    // Something else runs, and the same step is offered again.
    p.send(CLEAR).unwrap();
    p.enter("1+1").unwrap();
    p.exp_string("2\r\n").expect("1+1 ran");
    p.exp_string("ormsh> db.create_all()")
        .expect("step 2 offered again");
    p.send(CLEAR).unwrap();
    p.enter(".help tutorial").unwrap();
    p.exp_string("resumes a stopped lesson").expect("the help");
    p.exp_string("ormsh> db.create_all()")
        .expect("step 2 still offered");
    p.enter("").unwrap();
    p.exp_string("step 3/").expect("the step itself ran");
}

#[test]
fn ctrl_c_puts_the_step_aside_and_enter_brings_it_back() {
    let mut p = first_step_run("t2", "quickstart");
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("step put aside").expect("Ctrl-C answered");
    p.exp_string("ormsh> ").unwrap();
    p.enter("6*7").unwrap();
    p.exp_string("42\r\n").unwrap();
    p.exp_string("ormsh> ").unwrap();
    // The empty prompt stays empty until Enter on an empty line.
    p.enter("").unwrap();
    p.exp_string("ormsh> db.create_all()")
        .expect("the step offered again");
    p.enter("").unwrap();
    p.exp_string("step 3/").expect("the step ran");
}

#[test]
fn ctrl_d_on_the_step_leaves_and_the_lesson_resumes_or_jumps() {
    let mut p = first_step_run("t3", "quickstart");
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.send_control('d').unwrap();
    p.exp_string("Tutorial stopped at step 2/")
        .expect("Ctrl-D left the lesson");
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial").unwrap();
    p.exp_string("(stopped at step 2)")
        .expect("the list says where");
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("Resuming 'quickstart' at step 2").unwrap();
    p.exp_string("step 2/").expect("narration shown again");
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.send(CLEAR).unwrap();
    p.enter(".tutorial quickstart 5").unwrap();
    p.exp_string("step 5/").expect("jumped to step 5");
    p.send(CLEAR).unwrap();
    p.enter(".tutorial stop").unwrap();
    p.exp_string("Tutorial stopped at step 5/").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial quickstart 99").unwrap();
    p.exp_string("'quickstart' has steps 1 to").unwrap();
}

#[test]
fn a_database_holding_the_lessons_rows_is_named() {
    let mut p = shell(&temp("t4"), &[]);
    p.enter(".sql CREATE TABLE user (id INTEGER PRIMARY KEY)")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".sql INSERT INTO user VALUES (1)").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("already has rows in user (1 row)")
        .expect("what is in the way");
    p.exp_string(".open :memory:").expect("what would work");
    p.exp_string("ormsh> ").unwrap();
    // From a later step the lesson starts anyway.
    p.enter(".tutorial quickstart 3").unwrap();
    p.exp_string("step 3/").unwrap();
}
