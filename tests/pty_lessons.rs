//! Tutorials in a real terminal (a PTY), between lessons and with pasted
//! input: a lesson that redefines a class another lesson defined on
//! another table sets aside that class and the models related to it (so
//! its own `User(...)` steps run), also after `.open :memory:`; lines
//! pasted while a step waits each run as typed at their own prompt, the
//! step offered again once the paste is done.

mod pty_support;

use pty_support::{Type, fresh_prompt, spawn, temp};
use rexpect::session::PtySession;

/// Walk the first three steps of roles-users (Role, User, create_all),
/// then put its fourth aside with Ctrl-C.
fn roles_users_made(history: &str) -> PtySession {
    let mut p = spawn(&temp(history), &["--tutorial", "roles-users"]);
    for step in 1..=3 {
        p.exp_string(&format!("step {step}/")).unwrap();
        fresh_prompt(&mut p).unwrap();
        p.enter("").unwrap();
    }
    p.exp_string("step 4/").unwrap();
    p.exp_string("ormsh> admin_role = Role(").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("step put aside").expect("Ctrl-C answered");
    fresh_prompt(&mut p).unwrap();
    p
}

/// Walk quickstart's first four steps, the third and fourth making Users.
fn quickstart_makes_users(p: &mut PtySession) {
    for step in 1..=4 {
        p.exp_string(&format!("step {step}/")).unwrap();
        fresh_prompt(p).unwrap();
        p.enter("").unwrap();
    }
    let shown = p.exp_string("step 5/").expect("the User steps ran");
    assert!(!shown.contains("Error"), "{shown}");
}

#[test]
fn a_lesson_sets_aside_a_class_it_redefines_and_the_models_related_to_it() {
    let mut p = roles_users_made("l1");
    p.enter(".tutorial quickstart").unwrap();
    p.exp_string(
        "Set aside the model User (the lesson's model of that name maps another table), and the model Role (relationships to it): 'quickstart' defines its own.",
    )
    .expect("both set aside, each for its reason");
    quickstart_makes_users(&mut p);
    p.exp_string("ormsh> db.session.add(admin)").unwrap();
    p.send_control('c').unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter(".models").unwrap();
    let listed = p.exp_string("\x1b[?2004h").unwrap();
    assert!(listed.contains("User"), "{listed}");
    assert!(!listed.contains("Role"), "Role was set aside: {listed}");
}

#[test]
fn after_open_memory_a_lesson_started_over_sets_them_aside_too() {
    let mut p = roles_users_made("l2");
    // The models typed in stay across .open (the README's rule); the
    // lesson sets aside those in its way.
    p.enter(".open :memory:").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter(".models").unwrap();
    p.exp_string("Role").expect("the models stay");
    fresh_prompt(&mut p).unwrap();
    p.enter(".tutorial quickstart 1").unwrap();
    p.exp_string("and the model Role (relationships to it)")
        .expect("Role set aside");
    quickstart_makes_users(&mut p);
}

/// Write `bytes` to the terminal in one write, as a terminal's paste does.
fn burst(p: &PtySession, bytes: &str) {
    use std::io::Write;
    let mut tty = p.process().get_file_handle().expect("the pty");
    tty.write_all(bytes.as_bytes())
        .expect("one write to the pty");
    tty.flush().expect("flush the pty");
}

/// quickstart's step 2 (`db.create_all()`) at the prompt, cleared with
/// Ctrl-U, then `paste` in one write: each pasted line runs as typed at
/// its own prompt, and the step is offered again after the paste.
fn three_lines_pasted_on_a_cleared_step(history: &str, paste: &str) {
    three_lines_pasted_on_step_2(history, true, paste);
}

/// quickstart's step 2 at the prompt, cleared with Ctrl-U when `clear`
/// (or not: the paste lands on the offered step, untouched), then
/// `paste` in one write.
fn three_lines_pasted_on_step_2(history: &str, clear: bool, paste: &str) {
    let mut p = spawn(&temp(history), &["--tutorial", "quickstart"]);
    p.exp_string("step 1/").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter("").unwrap();
    p.exp_string("step 2/").unwrap();
    p.exp_string("ormsh> db.create_all()").unwrap();
    if clear {
        p.send("\x15").unwrap();
        p.flush().unwrap();
    }
    burst(&p, paste);
    // Typed keys are drawn as they come, the history's hint redrawn
    // between them: the last line's end is what shows whole.
    let mut ran = p.exp_string(" = 7").expect("the last pasted line");
    ran += &p
        .exp_string("ormsh> db.create_all()")
        .expect("the step offered again after the paste");
    assert!(!ran.contains("Error"), "{ran}");
    assert!(!ran.contains("db.create_all()z"), "{ran}");
    p.send("\x15").unwrap();
    p.enter("print(z1 + z2 + z3)").unwrap();
    p.exp_string("\r\n18\r\n").expect("each pasted line ran");
    p.exp_string("ormsh> db.create_all()")
        .expect("the step still offered");
    p.enter("").unwrap();
    p.exp_string("step 3/").expect("the step runs");
}

#[test]
fn lines_pasted_while_a_step_waits_each_run_then_the_step_comes_back() {
    three_lines_pasted_on_a_cleared_step("l3", "\x1b[200~z1 = 5\rz2 = 6\rz3 = 7\r\x1b[201~");
}

#[test]
fn lines_pasted_as_plain_keys_while_a_step_waits_each_run_too() {
    // A terminal without bracketed paste (tmux `send-keys`, xterm with it
    // off) sends the lines as typed keys: after the first, each comes to
    // the step offered again, untouched, and replaces it.
    three_lines_pasted_on_a_cleared_step("l4", "z1 = 5\rz2 = 6\rz3 = 7\r");
}

#[test]
fn lines_pasted_onto_the_offered_step_replace_it_and_it_comes_back() {
    three_lines_pasted_on_step_2("l5", false, "z1 = 5\rz2 = 6\rz3 = 7\r");
    three_lines_pasted_on_step_2("l6", false, "\x1b[200~z1 = 5\rz2 = 6\rz3 = 7\r\x1b[201~");
}
