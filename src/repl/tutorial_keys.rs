//! Ctrl-C and Ctrl-D on a tutorial's step at the prompt: Ctrl-C puts the
//! step aside (the prompt stays empty, so the screen does not fill with
//! the same statement; Enter on an empty line brings it back), and Ctrl-D
//! on the step as offered leaves the lesson, remembering where. What is
//! said goes to the terminal, even while `.output` writes to a file.

use std::io::Write;

use crate::app::App;
use crate::repl::reader::Input;

/// React to `input`, Ctrl-C or Ctrl-D, read on a line pre-filled with the
/// tutorial's step.
pub fn step_refused(app: &mut App, input: &Input) {
    let _ = app.interp.out.flush();
    let (out, tutorial) = match app.settings.redirect.kept_stdout() {
        Some(stdout) => (stdout.as_mut(), &mut app.tutorial),
        None => (app.interp.out.as_mut(), &mut app.tutorial),
    };
    match input {
        Input::Eof => {
            if let Some(w) = tutorial.take() {
                app.lessons_left.stop(&w);
                let _ = writeln!(
                    out,
                    "Tutorial stopped at {}; '.tutorial {}' resumes it.",
                    w.progress(),
                    w.lesson
                );
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
