//! Tutorials in a real terminal (a PTY): a step moves on only when its own
//! statement (or an edit of it) ran, Ctrl-C puts a step aside and Enter on
//! an empty line brings it back, Ctrl-D on the step leaves the lesson,
//! `.tutorial NAME` resumes and `.tutorial NAME N` jumps, every step says
//! how to leave, and a database holding the lesson's rows is named; another
//! lesson's tables are named with their columns and its models set aside,
//! so the lesson runs; a step failed inside a flush offers the rollback;
//! a failed edit of a step never shows (as a history hint) as the step;
//! on a terminal too short for a step and its narration, the narration
//! is shown alone and Enter brings the step, and Ctrl-D while the step
//! waits leaves the lesson; a step that fails on a name a step skipped by
//! a jump makes names that step.

mod pty_support;

use pty_support::{Type, fresh_prompt, resize, shell, spawn, temp};
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
    p.exp_string("Steps 2 to 4 did not run")
        .expect("the jump says what it skipped");
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
    p.enter(".sql CREATE TABLE user (id INTEGER PRIMARY KEY, username TEXT, email TEXT)")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".sql INSERT INTO user (id) VALUES (1)").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("this database has them already:").unwrap();
    p.exp_string("user holds 1 row")
        .expect("what is in the way");
    p.exp_string(".open :memory:").expect("what would work");
    p.exp_string("ormsh> ").unwrap();
    // From a later step the lesson starts anyway.
    p.enter(".tutorial quickstart 3").unwrap();
    p.exp_string("step 3/").unwrap();
}

/// Type `n` Enters, each on a step as offered, waiting for the step after.
fn run_steps(p: &mut PtySession, from: usize, n: usize) {
    for step in from..from + n {
        p.enter("").unwrap();
        p.exp_string(&format!("step {}/", step + 1))
            .unwrap_or_else(|e| panic!("step {} ran: {e}", step));
    }
}

#[test]
fn another_lessons_tables_and_models_are_named_then_set_aside() {
    let mut p = spawn(&temp("t5"), &["--tutorial", "users-posts"]);
    p.exp_string("step 1/").unwrap();
    p.exp_string("ormsh> ").unwrap();
    // model User, model Post, db.create_all(): users-posts' tables.
    run_steps(&mut p, 1, 3);
    p.exp_string("ormsh> ").unwrap();
    p.send(CLEAR).unwrap();
    p.enter(".tutorial stop").unwrap();
    p.exp_string("Tutorial stopped at step 4/").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("user has the columns id, username; the lesson's User has id, username, email")
        .expect("the table in the way, with its columns");
    p.exp_string("post has the columns id, title, user_id")
        .unwrap();
    p.exp_string(".open :memory: then .tutorial quickstart")
        .expect("how to clear the way");
    p.exp_string("ormsh> ").unwrap();
    // A database of its own: users-posts' models outlive .open, and are
    // set aside, or create_all() would make their tables again.
    p.enter(".open :memory:").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("Set aside the models User, Post").unwrap();
    p.exp_string("step 1/").unwrap();
    p.exp_string("ormsh> ").unwrap();
    // Up to the commit (step 7) and past it: the lesson's own tables.
    run_steps(&mut p, 1, 7);
    p.exp_string("ormsh> admin.id").unwrap();
    p.enter("").unwrap();
    p.exp_string("\r\n1\r\n")
        .expect("admin.id after the commit");
    p.exp_string("step 9/").unwrap();
}

#[test]
fn a_step_failed_in_a_flush_offers_the_rollback_then_the_step() {
    let mut p = first_step_run("t6", "quickstart");
    p.exp_string("ormsh> ").unwrap();
    run_steps(&mut p, 2, 1);
    p.exp_string("ormsh> ").unwrap();
    // Not a step: a user without its email, then a commit that fails.
    p.send(CLEAR).unwrap();
    p.enter("db.session.add(User(username='x'))").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.send(CLEAR).unwrap();
    p.enter("db.session.commit()").unwrap();
    p.exp_string("NOT NULL constraint failed: user.email")
        .unwrap();
    p.exp_string("waits for a rollback")
        .expect("why the rollback");
    p.exp_string("ormsh> db.session.rollback()")
        .expect("the rollback offered");
    p.enter("").unwrap();
    // Rolled back, the step is offered again (the rollback is no step,
    // however close to one), and runs.
    p.exp_string("step 3/").unwrap();
    p.exp_string("ormsh> admin = User(").unwrap();
    p.enter("").unwrap();
    p.exp_string("step 4/").unwrap();
}

/// Run the step at the prompt (`db.create_all()`, step 2) with Enter and
/// say what the terminal showed of it: the step as the lesson has it, no
/// history hint after it (a failed edit drawn as if it were the step).
fn step_2_as_the_lesson_has_it(p: &mut PtySession) {
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.enter("").unwrap();
    let after = p.exp_string("step 3/").expect("the step ran");
    assert!(
        !after.starts_with('x') && !after.starts_with(".help"),
        "a hint drawn after the step: {after:?}"
    );
}

#[test]
fn a_failed_edit_of_a_step_never_shows_as_the_step() {
    let mut p = first_step_run("t-failed-edit", "quickstart");
    p.exp_string("ormsh> db.create_all()").unwrap();
    // An edit that fails goes into the history: `db.create_all()x` (End
    // first: a character typed first replaces the step).
    p.enter("\x05x").unwrap();
    p.exp_string("SyntaxError").expect("the edit failed");
    p.exp_string("^").expect("the caret under the error");
    // A command typed onto the step offered again fails too.
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.enter("\x05.help tutorial").unwrap();
    let after = p
        .exp_string("db.create_all().help tutorial")
        .expect("the command typed onto the step");
    assert!(!after.starts_with('x'), "the failed edit hinted: {after:?}");
    p.exp_string("^").expect("it failed");
    step_2_as_the_lesson_has_it(&mut p);
    // A jump back to the step offers it as the lesson has it too.
    p.send(CLEAR).unwrap();
    p.enter(".tutorial quickstart 2").unwrap();
    p.exp_string("step 2/").expect("jumped to step 2");
    step_2_as_the_lesson_has_it(&mut p);
}

/// At 50×12 the first step of quickstart (a model block that wraps to 9
/// rows) would push its narration off the screen (issue 16, round 2): the
/// narration comes alone, with how to get the step, and Enter on the
/// empty prompt brings it; a short step still comes with its narration.
#[test]
fn a_step_too_tall_for_the_screen_waits_for_its_narration_to_be_read() {
    let mut p = spawn(&temp("t-short"), &[]);
    resize(&p, 50, 12);
    p.exp_string("ormsh> ").expect("the first prompt");
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("step 1/").unwrap();
    p.exp_string("Welcome!").expect("the narration");
    p.exp_string("Enter on").expect("how to have the step");
    let prompt = p.exp_string("ormsh> ").unwrap();
    assert!(!prompt.contains("model User"), "{prompt:?}");
    // Enter on the empty prompt: the step, then Enter runs it.
    p.enter("").unwrap();
    p.exp_string("ormsh> model User <")
        .expect("the step offered");
    p.enter("").unwrap();
    p.exp_string("step 2/").expect("the step ran");
    p.exp_string("create_all() issues").expect("its narration");
    p.exp_string("ormsh> db.create_all()")
        .expect("a short step comes at once");
}

/// At 50×12 Ctrl-D on the empty prompt under a narration shown alone
/// left the shell without a word (issue 16, round 2): it leaves the
/// lesson, as on a step offered, and so it does after Ctrl-C put the
/// step aside; the shell stays.
#[test]
fn ctrl_d_while_the_step_waits_leaves_the_lesson_not_the_shell() {
    let mut p = spawn(&temp("t-short-eof"), &[]);
    resize(&p, 50, 12);
    fresh_prompt(&mut p).expect("the first prompt");
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("Enter on").expect("the narration alone");
    fresh_prompt(&mut p).unwrap();
    p.send_control('d').unwrap();
    p.exp_string("Tutorial stopped at step 1/")
        .expect("Ctrl-D left the lesson");
    fresh_prompt(&mut p).expect("the shell stays");
    p.enter("6*7").unwrap();
    p.exp_string("42\r\n").expect("and runs statements");

    let mut p = first_step_run("t-aside-eof", "quickstart");
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("step put aside").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.send_control('d').unwrap();
    p.exp_string("Tutorial stopped at step 2/")
        .expect("Ctrl-D left the lesson put aside");
    fresh_prompt(&mut p).expect("the shell stays");
    p.enter(".tutorial").unwrap();
    p.exp_string("(stopped at step 2)").unwrap();
}

/// A step that fails on a name a step skipped by a jump makes (issue 16,
/// round 2: `.tutorial users-posts 15` then `ann.posts` was offered again
/// with no word) names that step and how to go back to it.
#[test]
fn a_step_failed_after_a_jump_names_the_skipped_step() {
    let mut p = shell(&temp("t-jump"), &[]);
    p.enter(".tutorial users-posts 15").unwrap();
    p.exp_string("Steps 1 to 14 did not run").unwrap();
    p.exp_string("step 15/").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter("").unwrap();
    p.exp_string("NameError").expect("the step failed");
    p.exp_string("'ann' is made by step 4")
        .expect("the step that makes the name");
    p.exp_string("goes back to it").unwrap();
    p.exp_string("goes back to the first, step 1")
        .expect("and the first step skipped");
    fresh_prompt(&mut p).unwrap();
    // Stopped and resumed, the walk still knows what the jump skipped.
    p.send(CLEAR).unwrap();
    p.enter(".tutorial stop").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter(".tutorial users-posts").unwrap();
    p.exp_string("Resuming 'users-posts' at step 15").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter("").unwrap();
    p.exp_string("NameError").unwrap();
    p.exp_string("'ann' is made by step 4")
        .expect("the hint after resuming");
}

/// Ctrl-U on a step of several lines offered at the prompt keeps
/// readline's meaning (unix-line-discard: the line the cursor is on, back
/// to its start), and Ctrl-C takes the whole block off the prompt
/// (issue 16, round 2: what clears a whole block, as the README says).
#[test]
fn ctrl_u_clears_a_blocks_line_and_ctrl_c_the_whole_block() {
    let mut p = spawn(&temp("t-ctrl-u"), &["--tutorial", "quickstart"]);
    p.exp_string("step 1/").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.exp_string("model User <").expect("the block offered");
    // Ctrl-C: the whole block goes, the prompt stays empty.
    p.send_control('c').unwrap();
    p.exp_string("step put aside").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter("").unwrap();
    p.exp_string("ormsh> model User <")
        .expect("the block offered again");
    // Ctrl-U at its end: only the last line, `>`, is cleared; typed
    // again, the block is the step and runs.
    p.send(CLEAR).unwrap();
    p.enter(">").unwrap();
    p.exp_string("step 2/")
        .expect("the lines above the cursor's were kept");
}

/// A lesson resumed after `.open :memory:` notices that the tables its
/// earlier steps made are gone (issue 16, round 2: it resumed, and its
/// next steps failed on `no such table`), names them and says how to
/// make them again; started over, it runs.
#[test]
fn a_lesson_resumed_on_another_database_names_the_tables_it_lost() {
    let mut p = first_step_run("t-reopen", "quickstart");
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.enter("").unwrap();
    p.exp_string("step 3/").expect("create_all ran");
    p.exp_string("ormsh> ").unwrap();
    p.send(CLEAR).unwrap();
    p.enter(".tutorial stop").unwrap();
    p.exp_string("Tutorial stopped at step 3/").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".open :memory:").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("after making the table user")
        .expect("the lost table named");
    p.exp_string(".tutorial quickstart 1")
        .expect("how to make it again");
    let rest = p.exp_string("ormsh> ").unwrap();
    assert!(!rest.contains("Resuming"), "{rest:?}");
    p.enter(".tutorial quickstart 1").unwrap();
    p.exp_string("step 1/").expect("started over");
}

#[test]
fn a_lesson_walking_stops_when_open_takes_its_tables_away() {
    let mut p = first_step_run("t9", "quickstart");
    // db.create_all(), admin = …, guest = …, db.session.add(admin).
    run_steps(&mut p, 2, 4);
    p.exp_string("ormsh> db.session.add(guest)").unwrap();
    p.send(CLEAR).unwrap();
    p.enter(".open :memory:").unwrap();
    p.exp_string("Tutorial 'quickstart' stopped at step 6/")
        .expect("the lesson stops");
    p.exp_string("made the table user, and this database does not have it")
        .unwrap();
    p.exp_string("in-memory database, now gone").unwrap();
    p.exp_string(".tutorial quickstart 1").unwrap();
    let shown = p.exp_string("ormsh> ").unwrap();
    assert!(!shown.contains("step 6/"), "no step is offered: {shown}");
    // Enter on the empty prompt offers nothing: the lesson stopped.
    p.enter("").unwrap();
    p.enter("1+1").unwrap();
    let shown = p.exp_string("2\r\n").unwrap();
    assert!(!shown.contains("db.session"), "{shown}");
    // Resuming is refused the same way, without a file to open again.
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("stopped at step 6 after making the table user")
        .unwrap();
    let refused = p.exp_string("ormsh> ").unwrap();
    assert!(!refused.contains(".open the database"), "{refused}");
    // Another lesson while one walks: the first is said to be put aside.
    p.enter(".tutorial quickstart 1").unwrap();
    p.exp_string("step 1/").unwrap();
    p.exp_string("ormsh> ").unwrap();
    run_steps(&mut p, 1, 1);
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.send(CLEAR).unwrap();
    p.enter(".tutorial users-posts").unwrap();
    p.exp_string("Put 'quickstart' aside at step 2/")
        .expect("the switch is said");
    p.exp_string("'.tutorial quickstart' resumes it").unwrap();
    p.exp_string("step 1/").unwrap();
}

#[test]
fn the_narration_stays_on_the_terminal_while_output_goes_to_a_file() {
    let file = temp("t10-out.txt");
    let mut p = shell(&temp("t10"), &[]);
    p.enter(&format!(".output {}", file.display())).unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string("step 1/").expect("the header on the screen");
    p.exp_string("Welcome!")
        .expect("the narration on the screen");
    p.exp_string("ormsh> model User <").unwrap();
    p.enter("").unwrap();
    p.exp_string("step 2/")
        .expect("the next header on the screen");
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.send(CLEAR).unwrap();
    p.enter("print('to' + ' the file')").unwrap();
    p.exp_string("ormsh> db.create_all()").unwrap();
    p.send(CLEAR).unwrap();
    p.enter(".output").unwrap();
    p.exp_string("ormsh> db.create_all()").unwrap();
    let written = std::fs::read_to_string(&file).expect("the file");
    assert_eq!(written, "to the file\n", "only the output went there");
}

/// Starting a lesson sets aside the models over its tables, and the models
/// whose relationships point at those: the note says which is which (it
/// called both "another layout over the lesson's tables", though `Post` is
/// not on `tree`'s).
#[test]
fn the_set_aside_note_tells_a_model_over_the_tables_from_one_related_to_it() {
    let mut p = shell(&temp("t-aside"), &[]);
    p.enter("class Category(db.Model): id = db.Column(db.Integer, primary_key=True)")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("class Post(db.Model): id = db.Column(db.Integer, primary_key=True); category_id = db.Column(db.Integer, db.ForeignKey('category.id')); category = db.relationship('Category')")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial tree").unwrap();
    p.exp_string(
        "Set aside the model Category (another layout over the lesson's tables), and the model Post (relationships to it): 'tree' defines its own.",
    )
    .expect("the two kinds named apart");
}
