//! A jump in a lesson (`.tutorial NAME STEP`) checked as a resume is, in
//! a real terminal (a PTY): after `.open :memory:` took away the tables
//! the lesson's earlier steps made, the jump is refused, naming the table
//! and the step that makes it again; a jump past steps that never ran
//! goes on, its note naming the table those steps make (issue 16, round
//! 2: `.tutorial quickstart 11` after `.open :memory:` offered the step,
//! which failed on `no such table`). A lesson on a read-only database
//! is refused, pointing to a writable in-memory one.

mod pty_support;

use pty_support::{Type, fresh_prompt, shell, spawn, temp};

/// Ctrl-U: clear the line (the step put at the prompt) before typing.
const CLEAR: &str = "\x15";

#[test]
fn a_jump_after_open_names_the_table_and_the_step_that_makes_it() {
    let mut p = spawn(&temp("t-jump-open"), &["--tutorial", "quickstart"]);
    p.exp_string("step 1/").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter("").unwrap();
    p.exp_string("step 2/").unwrap();
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.enter("").unwrap();
    p.exp_string("step 3/").expect("create_all ran");
    fresh_prompt(&mut p).unwrap();
    p.send(CLEAR).unwrap();
    p.enter(".tutorial stop").unwrap();
    p.exp_string("Tutorial stopped at step 3/").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter(".open :memory:").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter(".tutorial quickstart 11").unwrap();
    p.exp_string("at step 11 needs the table user, which step 2 makes")
        .expect("the missing table and the step that makes it");
    // `.open` kept the model: step 2's create_all makes the table again.
    p.exp_string(".tutorial quickstart 2")
        .expect("how to make it");
    let refused = p.exp_string("ormsh> ").unwrap();
    assert!(!refused.contains("step 11/"), "no step offered: {refused}");
    p.enter(".tutorial quickstart 2").unwrap();
    p.exp_string("step 2/").unwrap();
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.enter("").unwrap();
    p.exp_string("step 3/").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.send(CLEAR).unwrap();
    p.enter(".tutorial quickstart 11").unwrap();
    let jumped = p.exp_string("step 11/").expect("the table is back");
    assert!(!jumped.contains("needs the table"), "{jumped}");
}

#[test]
fn a_jump_past_steps_that_never_ran_names_the_table_they_make() {
    let mut p = shell(&temp("t-jump-fresh"), &[]);
    p.enter(".tutorial quickstart 11").unwrap();
    p.exp_string("Steps 1 to 10 did not run.").unwrap();
    p.exp_string("Step 11 needs the table user, which step 2 makes")
        .expect("the table named");
    p.exp_string("'.tutorial quickstart 1' goes back")
        .expect("the model is not defined: back to step 1");
    p.exp_string("step 11/").expect("the jump goes on");
}

/// Under `--readonly` a lesson would fail at its `db.create_all()`: it is
/// refused, pointing to `.open :memory:` as a writable database, where it
/// then starts (issue 16, round 2: the help said `.open :memory:` without
/// saying that it is writable).
#[test]
fn a_lesson_on_a_read_only_database_points_to_a_writable_one() {
    let db = temp("t-readonly.db");
    let conn = rusqlite::Connection::open(&db).expect("a database file");
    conn.execute_batch("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT)")
        .expect("a table");
    drop(conn);
    let db = db.to_string_lossy().into_owned();
    let mut p = spawn(&temp("t-readonly"), &["--readonly", &db]);
    p.exp_string("ormsh(readonly)> ").unwrap();
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("this database is read-only").unwrap();
    p.exp_string("a writable in-memory database: .open :memory:")
        .unwrap();
    let refused = p.exp_string("ormsh(readonly)> ").unwrap();
    assert!(!refused.contains("step 1/"), "{refused}");
    p.enter(".open :memory:").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("step 1/").expect("the lesson starts there");
}
