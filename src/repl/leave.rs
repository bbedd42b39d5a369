//! Leaving the shell: Ctrl-D at the prompt says once what would be lost
//! (changes not yet committed), `.quit` and `exit()` say they were
//! discarded, and a sandbox is rolled back at the end. On a narrow
//! terminal the warnings break between words.

use std::io::Write;

use crate::app::App;

/// Ctrl-D at the prompt while the session holds changes not yet
/// committed (objects added or changed, rows a `.sql` statement or
/// `.import` wrote): say so instead of leaving, once — the next Ctrl-D
/// leaves without them, as Python's console would have silently. A
/// sandbox, whose changes are meant to go, and an in-memory database,
/// which goes whole, leave at once.
pub(super) fn unsaved_changes(app: &mut App) -> bool {
    let session = &app.interp.session;
    // In memory (`sqlite://`) nothing outlives the shell, committed or not.
    let in_memory = session.engine.url.as_str() == "sqlite://";
    if in_memory
        || session.engine.is_sandbox()
        || !(session.has_changes() || session.engine.has_writes())
    {
        return false;
    }
    say(
        app,
        "warning: changes not yet committed would be lost: db.session.commit() keeps them; Ctrl-D again leaves without them",
    );
    let _ = app.interp.out.flush();
    true
}

/// Leaving with `.quit`, `.exit` or `exit()` while the session holds
/// changes not yet committed: they go (as in Python's console), and a
/// line says so, as Ctrl-D would have warned first.
pub(super) fn discarded(app: &mut App) {
    let session = &app.interp.session;
    let in_memory = session.engine.url.as_str() == "sqlite://";
    if in_memory
        || session.engine.is_sandbox()
        || !(session.has_changes() || session.engine.has_writes())
    {
        return;
    }
    say(
        app,
        "warning: the changes not yet committed were discarded (db.session.commit() before leaving keeps them)",
    );
}

/// A warning, broken between words on a narrow terminal.
fn say(app: &mut App, warning: &str) {
    let width = super::pager::terminal_size().map(|(_, cols)| cols);
    for line in crate::tutorial::wrap_lines(warning, width) {
        let _ = writeln!(app.interp.out, "{line}");
    }
}

/// Leaving: a sandbox is rolled back.
pub(super) fn end(app: &mut App) {
    if app.interp.session.engine.is_sandbox() {
        let _ = app.interp.session.engine.end_sandbox();
        let _ = writeln!(app.interp.out, "Sandbox: everything was rolled back.");
    }
    let _ = app.interp.out.flush();
}
