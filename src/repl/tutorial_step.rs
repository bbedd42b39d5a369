//! What a tutorial puts at the prompt: the step's narration (once per
//! step) and its statement, or the end of the lesson — or, while a failed
//! flush waits for `db.session.rollback()` (every statement would be
//! `PendingRollbackError`, the step included), that rollback, said why,
//! before the step is offered again.

use std::io::Write;

use crate::app::App;
use crate::tutorial::walk::ROLLBACK;

/// The line to pre-fill at the prompt (empty when no tutorial runs or
/// its step is put aside), after printing what goes with it on a
/// terminal `width` columns wide.
pub fn offer(app: &mut App, width: Option<usize>) -> String {
    let pending = app.interp.session.engine.pending_rollback();
    let Some(walk) = &mut app.tutorial else {
        return String::new();
    };
    if walk.aside {
        return String::new();
    }
    let out = &mut app.interp.out;
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
    match walk.current() {
        Some(step) => {
            if first_show {
                // The header says how to go on and how to leave, broken
                // between words on a narrow terminal.
                let header = format!(
                    "[{} — {} · Enter runs it · Ctrl-C puts it aside · .tutorial stop leaves]",
                    walk.lesson,
                    walk.progress()
                );
                let _ = writeln!(out);
                for line in crate::tutorial::wrap(&header, "", width) {
                    let _ = writeln!(out, "{line}");
                }
                for n in &step.narration {
                    for line in crate::tutorial::wrap(n, "  ", width) {
                        let _ = writeln!(out, "{line}");
                    }
                }
            }
            initial = step.statement.clone();
        }
        None => {
            let _ = writeln!(
                out,
                "\nThat was the last step of '{}'. Well done!",
                walk.lesson
            );
            app.lessons_left.forget(walk.lesson);
            app.tutorial = None;
        }
    }
    let _ = app.interp.out.flush();
    initial
}
