//! What a tutorial puts at the prompt: the step's narration (once per
//! step) and its statement, or the end of the lesson — or, while a failed
//! flush waits for `db.session.rollback()` (every statement would be
//! `PendingRollbackError`, the step included), that rollback, said why,
//! before the step is offered again.
//!
//! On a terminal too short for the narration and the step together (a
//! six-line step at 50×12 pushed its narration off the screen), the
//! narration is shown alone, with the step's height and how to have it:
//! Enter on the empty prompt puts the step there (as after Ctrl-C), so
//! the narration is read before the step scrolls it away.

use std::io::Write;

use crate::app::App;
use crate::render::grid::text_width;
use crate::tutorial::walk::ROLLBACK;

/// The line to pre-fill at the prompt (empty when no tutorial runs or
/// its step is put aside), after printing what goes with it on a
/// terminal of `size` (columns, rows).
pub fn offer(app: &mut App, size: Option<(usize, usize)>) -> String {
    let width = size.map(|(w, _)| w);
    let pending = app.interp.session.engine.pending_rollback();
    if app.tutorial.as_ref().is_none_or(|w| w.aside) {
        return String::new();
    }
    // The statements' output may go to a file (`.output`); the lesson's
    // words go to the terminal.
    let _ = app.interp.out.flush();
    let (out, walk) = match (app.settings.redirect.kept_stdout(), &mut app.tutorial) {
        (_, None) => return String::new(),
        (Some(stdout), Some(walk)) => (stdout.as_mut(), walk),
        (None, Some(walk)) => (app.interp.out.as_mut(), walk),
    };
    if pending {
        if !std::mem::replace(&mut walk.rollback, true) {
            let why = format!(
                "[{} — {} · the session waits for a rollback: that failure undid the flush, and the session runs nothing more until db.session.rollback(). Enter runs it; then the step is offered again.]",
                walk.lesson,
                walk.progress()
            );
            let _ = writeln!(out);
            for line in crate::tutorial::wrap(&why, "", width) {
                let _ = writeln!(out, "{line}");
            }
        }
        let _ = out.flush();
        return ROLLBACK.to_string();
    }
    if std::mem::replace(&mut walk.rollback, false) {
        // Rolled back: the step again, with its narration.
        walk.shown = false;
    }
    let mut initial = String::new();
    let first_show = !std::mem::replace(&mut walk.shown, true);
    match walk.current().cloned() {
        Some(step) => {
            if first_show {
                // The header says how to go on and how to leave, broken
                // between words on a narrow terminal.
                let header = format!(
                    "[{} — {} · Enter runs it · Ctrl-C puts it aside · .tutorial stop leaves]",
                    walk.lesson,
                    walk.progress()
                );
                let mut lines = crate::tutorial::wrap(&header, "", width);
                for n in &step.narration {
                    lines.extend(crate::tutorial::wrap(n, "  ", width));
                }
                let tall = statement_rows(&step.statement, width);
                // The empty line before, the narration, the step and a
                // row for the line the cursor leaves it on.
                if let Some((_, rows)) = size
                    && 1 + lines.len() + tall + 1 > rows
                {
                    let header = format!(
                        "[{} — {} · .tutorial stop leaves]",
                        walk.lesson,
                        walk.progress()
                    );
                    lines = crate::tutorial::wrap(&header, "", width);
                    for n in &step.narration {
                        lines.extend(crate::tutorial::wrap(n, "  ", width));
                    }
                    let how = format!(
                        "(The step takes {tall} lines of this screen: Enter on the empty prompt puts it there, Enter again runs it.)"
                    );
                    lines.extend(crate::tutorial::wrap(&how, "", width));
                    walk.aside = true;
                }
                let _ = writeln!(out);
                for line in lines {
                    let _ = writeln!(out, "{line}");
                }
                if walk.aside {
                    let _ = out.flush();
                    return String::new();
                }
            }
            initial = step.statement.clone();
        }
        None => {
            let done = format!("That was the last step of '{}'. Well done!", walk.lesson);
            let _ = writeln!(out);
            for line in crate::tutorial::wrap(&done, "", width) {
                let _ = writeln!(out, "{line}");
            }
            let _ = out.flush();
            app.lessons_left.forget(walk.lesson);
            app.tutorial = None;
        }
    }
    let _ = app.screen().flush();
    initial
}

/// The screen rows `statement` takes at the prompt, each line after a
/// 7-column prompt (`ormsh> `, `  ...> `) and wrapped at `width`.
fn statement_rows(statement: &str, width: Option<usize>) -> usize {
    let width = width.unwrap_or(usize::MAX).max(1);
    statement
        .lines()
        .map(|l| (7 + text_width(l)).div_ceil(width).max(1))
        .sum()
}
