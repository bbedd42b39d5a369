//! The session in a real terminal (a PTY), issue 16's "Sessions and
//! files": the prompt says `(readonly)` as it says `(sandbox)`, also after
//! `.open`; Ctrl-C at a `[y/N]` question cancels at once; a line given up
//! with Ctrl-C shows `^C`; Ctrl-D on a line with text does not leave;
//! Ctrl-D at the prompt says once what changes not yet committed it would
//! lose.

mod pty_support;

use pty_support::{Type, fresh_prompt, shell, spawn, temp, work_dir};

#[test]
fn the_prompt_says_readonly_also_after_open() {
    let dir = work_dir();
    for name in ["ro1.db", "ro2.db"] {
        let path = dir.join(name);
        let _ = std::fs::remove_file(&path);
        let status = std::process::Command::new(env!("CARGO_BIN_EXE_ormsh"))
            .args(["--no-init", "-c", ".sql CREATE TABLE t (id INTEGER)"])
            .args(["-c", "db.session.commit()"])
            .arg(&path)
            .status()
            .unwrap();
        assert!(status.success());
    }
    let mut p = spawn(&temp("s1"), &["--readonly", "ro1.db"]);
    p.exp_string("ormsh(readonly)> ")
        .expect("the prompt says it");
    p.enter(".open ro2.db").unwrap();
    p.exp_string("opened").unwrap();
    p.exp_string("ormsh(readonly)> ")
        .expect("read-only after .open too");
    p.enter(".sql INSERT INTO t VALUES (1)").unwrap();
    p.exp_string("readonly database").expect("no write");
}

#[test]
fn ctrl_c_at_a_question_cancels_at_once() {
    let mut p = shell(&temp("s2"), &[]);
    p.enter("class T(db.Model): id = db.Column(db.Integer, primary_key=True)")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("db.create_all(); db.session.add(T()); db.session.commit()")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("db.drop_all()").unwrap();
    p.exp_string("[y/N] ").expect("the question");
    p.send_control('c').unwrap();
    p.exp_string("Cancelled: nothing was changed.")
        .expect("Ctrl-C answered no");
    p.exp_string("ormsh> ").unwrap();
    p.enter("T.query.count()").unwrap();
    p.exp_string("1\r\n").expect("the row is still there");
}

#[test]
fn a_line_given_up_shows_caret_c_and_ctrl_d_with_text_stays() {
    let mut p = shell(&temp("s3"), &[]);
    p.send("6 * ").unwrap();
    p.send_control('c').unwrap();
    p.exp_string("^C").expect("the line marked as given up");
    p.exp_string("ormsh> ").unwrap();
    p.send("6 * 7").unwrap();
    p.send_control('d').unwrap();
    p.enter("").unwrap();
    p.exp_string("42\r\n")
        .expect("Ctrl-D on a line with text did not leave");
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn open_says_which_objects_it_detached() {
    let mut p = shell(&temp("s4"), &[]);
    p.enter("class T(db.Model): id = db.Column(db.Integer, primary_key=True)")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("db.create_all(); t = T(); db.session.add(t); db.session.commit()")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    let other = temp("s4.db");
    p.enter(&format!(".open {}", other.display())).unwrap();
    p.exp_string("1 object loaded from the in-memory database is now detached")
        .expect("the .open says so");
    p.exp_string("ormsh> ").unwrap();
    p.enter("t.id").unwrap();
    p.exp_string("which .open has closed")
        .expect("and so does t");
}

#[test]
fn ctrl_d_says_once_what_leaving_would_lose() {
    let db = temp("s5.db");
    let _ = std::fs::remove_file(&db);
    let mut p = shell(&temp("s5"), &[db.to_str().unwrap()]);
    p.enter(".sql CREATE TABLE t (x INTEGER)").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter("db.session.commit()").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter(".sql INSERT INTO t VALUES (1)").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.send_control('d').unwrap();
    p.exp_string("changes not yet committed would be lost")
        .expect("the first Ctrl-D warns");
    fresh_prompt(&mut p).expect("and stays");
    p.enter("db.session.commit()").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().expect("nothing to lose: Ctrl-D leaves");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .args(["--no-init", "-c", ".sql SELECT count(*) FROM t"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains('1'));
}

#[test]
fn a_second_ctrl_d_leaves_without_the_changes() {
    let db = temp("s6.db");
    let _ = std::fs::remove_file(&db);
    let mut p = shell(&temp("s6"), &[db.to_str().unwrap()]);
    p.enter("class T(db.Model): id = db.Column(db.Integer, primary_key=True)")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("db.create_all(); db.session.add(T())").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_string("Ctrl-D again leaves without them").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().expect("the second Ctrl-D leaves");
}

#[test]
fn quit_with_changes_not_yet_committed_says_they_were_discarded() {
    for leave in [".quit", "exit()"] {
        let db = temp("s7.db");
        let _ = std::fs::remove_file(&db);
        let mut p = shell(&temp("s7"), &[db.to_str().unwrap()]);
        p.enter(".sql CREATE TABLE t (x INTEGER)").unwrap();
        p.exp_string("ormsh> ").unwrap();
        p.enter("db.session.commit()").unwrap();
        p.exp_string("ormsh> ").unwrap();
        p.enter(".sql INSERT INTO t VALUES (1)").unwrap();
        p.exp_string("ormsh> ").unwrap();
        p.enter(leave).unwrap();
        p.exp_string("the changes not yet committed were discarded")
            .unwrap_or_else(|e| panic!("{leave}: {e}"));
        p.exp_eof().expect("and it leaves");
    }
    // Nothing to lose: no word.
    let mut p = shell(&temp("s8"), &[]);
    p.enter(".quit").unwrap();
    let said = p.exp_eof().expect("leaves");
    assert!(!said.contains("discarded"), "{said}");
}
