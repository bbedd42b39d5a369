//! Dot commands at the prompt (issue 16): `.export python FILE` says what
//! it wrote; `.timer`'s line comes after the statement's output.

mod pty_support;

use pty_support::{CONT, Type, shell, temp};

#[test]
fn export_says_what_it_wrote_and_the_timer_follows_the_output() {
    let mut p = shell(&temp("dot1"), &[]);
    p.enter("model Note <").unwrap();
    p.exp_string(CONT).unwrap();
    p.enter("    id = db.Column(db.Integer, primary_key=True)")
        .unwrap();
    p.exp_string(CONT).unwrap();
    p.enter(">").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".export python pty_dot_models.py").unwrap();
    p.exp_string("the models as Flask-SQLAlchemy (1 model) written to pty_dot_models.py")
        .expect("what .export wrote");
    p.exp_string("ormsh> ").unwrap();
    p.enter(".timer on").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("print('out' + 'put')").unwrap();
    p.exp_string("output\r\nRun Time: real 0.")
        .expect("the timer's line after the output");
    p.exp_string("ormsh> ").unwrap();
    let _ = std::fs::remove_file(pty_support::work_dir().join("pty_dot_models.py"));
}
