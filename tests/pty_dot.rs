//! Dot commands at the prompt (issue 16): `.export python FILE` says what
//! it wrote; `.timer`'s line comes after the statement's output.

mod pty_support;

use pty_support::{CONT, Type, resize, shell, spawn, temp};

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

/// At 50 columns `.help NAME` and the list of lessons break between
/// words, not where the terminal would cut a word (found in the issue-16
/// round-2 tryout: `step'` / `s`; the banner is broken the same way).
#[test]
fn help_banner_and_lessons_break_between_words_on_a_narrow_terminal() {
    let mut p = spawn(&temp("dot-narrow"), &[]);
    resize(&p, 50, 40);
    p.exp_string("ormsh> ").expect("the first prompt");
    p.enter(".help tutorial").unwrap();
    let help = p.exp_string("ormsh> ").unwrap();
    p.enter(".tutorial").unwrap();
    p.exp_string("authors-posts").unwrap();
    let list = p.exp_string("ormsh> ").unwrap();
    for text in [&help, &list] {
        for line in text.split("\r\n") {
            let line = line.rsplit('\r').next().unwrap_or(line);
            if line.contains('\u{1b}') {
                continue;
            }
            assert!(line.chars().count() <= 50, "{line:?} in {text:?}");
        }
    }
    assert!(help.contains("narration"), "{help:?}");
}
