//! Ctrl-C and Ctrl-D on a tutorial's step at the prompt: Ctrl-C puts the
//! step aside (the prompt stays empty, so the screen does not fill with
//! the same statement; Enter on an empty line brings it back), and Ctrl-D
//! on the step as offered leaves the lesson, remembering where — so does
//! Ctrl-D on the empty prompt while the step is put aside, or while its
//! narration is shown alone on a short terminal. What is said goes to
//! the terminal, even while `.output` writes to a file. A step that
//! failed on a name a step skipped by a jump makes says which step.

use std::io::Write;

use crate::app::App;
use crate::repl::reader::Input;

/// React to `input`, Ctrl-C or Ctrl-D, read on a line pre-filled with the
/// tutorial's step.
pub fn step_refused(app: &mut App, input: &Input) {
    refused(app, input, false);
}

/// Ctrl-D on the empty prompt while a lesson's step is put aside: the
/// lesson is left, as by Ctrl-D on the step (the editor left the cursor
/// on the prompt's line: a line end first).
pub fn eof_while_aside(app: &mut App) {
    refused(app, &Input::Eof, true);
}

fn refused(app: &mut App, input: &Input, newline: bool) {
    let _ = app.interp.out.flush();
    let (out, tutorial) = match app.settings.redirect.kept_stdout() {
        Some(stdout) => (stdout.as_mut(), &mut app.tutorial),
        None => (app.interp.out.as_mut(), &mut app.tutorial),
    };
    match input {
        Input::Eof => {
            if newline {
                let _ = writeln!(out);
            }
            if let Some(w) = tutorial.take() {
                app.lessons_left.stop(&w);
                let width = crate::repl::pager::terminal_size().map(|(_, cols)| cols);
                let said = format!(
                    "Tutorial stopped at {}; '.tutorial {}' resumes it.",
                    w.progress(),
                    w.lesson
                );
                for line in crate::tutorial::wrap(&said, "", width) {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
        _ => {
            if let Some(w) = tutorial {
                w.aside = true;
                let width = crate::repl::pager::terminal_size().map(|(_, cols)| cols);
                let said = "(step put aside: Enter on an empty line offers it again; .tutorial stop leaves)";
                for line in crate::tutorial::wrap(said, "", width) {
                    let _ = writeln!(out, "{line}");
                }
            }
        }
    }
    let _ = out.flush();
}

/// The step failed: when on a name that a step skipped by a jump makes
/// (`.tutorial users-posts 15`, then `bob.posts`), say which step and how
/// to run it, after the error.
pub fn skipped_setup(app: &mut App) {
    let Some(name) = app.undefined.take() else {
        return;
    };
    let Some(hint) = app.tutorial.as_ref().and_then(|w| w.skipped_setup(&name)) else {
        return;
    };
    let width = crate::repl::pager::terminal_size().map(|(_, cols)| cols);
    for line in crate::tutorial::wrap(&hint, "", width) {
        let _ = writeln!(app.err, "{line}");
    }
    let _ = app.err.flush();
}
