//! sqlite3's display settings: `.headers on|off`, `.nullvalue TEXT`,
//! `.changes on|off`, `.timer`/`.echo` (with no argument they say what is
//! set), and `.show`, which lists them all. What `.timer` and `.changes`
//! print after each statement is here too ([`App::measure_begin`]).

use std::io::Write;
use std::time::Instant;

use super::Call;
use crate::app::{App, Flow};
use crate::error::{Error, Result};

/// The shell's own settings that are not the interpreter's (`App::settings`).
pub struct Settings {
    /// `.timer on`: how long each statement took, after its output.
    pub timer: bool,
    /// `.changes on`: how many rows each statement changed.
    pub changes: bool,
    /// `.output FILE` / `.once FILE` (`dot::redirect`).
    pub redirect: super::redirect::Redirect,
    /// `.pager on|off` (`dot::pager`): long results go through `$PAGER`
    /// on a terminal.
    pub pager: bool,
    /// Files `.open` created (they did not exist): removed at exit if
    /// nothing was written to them, as the command line's database is
    /// (`cli::fresh`).
    pub opened_fresh: Vec<std::path::PathBuf>,
    /// The database open now, when this run created its file (on the
    /// command line or with `.open`): removed when `.open` leaves it if
    /// nothing was written to it.
    pub current_fresh: Option<std::path::PathBuf>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            timer: false,
            changes: false,
            redirect: super::redirect::Redirect::default(),
            pager: true,
            opened_fresh: Vec::new(),
            current_fresh: None,
        }
    }
}

/// What a statement's timer and change count started from.
pub struct Measure {
    started: Instant,
    total_changes: u64,
}

/// `on` or `off` — or any word sqlite3's shell takes for them (`yes`,
/// `no`, `true`, `false`, `1`, `0`, in any case: its `booleanValue`);
/// None with no argument; else the command's usage.
pub fn on_off(call: &Call) -> Result<Option<bool>> {
    let usage = || Error::value(format!("usage: {} on|off", call.name));
    match call.args.as_slice() {
        [] => Ok(None),
        [word] => boolean(word).map(Some).ok_or_else(|| {
            usage().with_help("on, yes, true or 1 turn it on; off, no, false or 0 turn it off")
        }),
        _ => Err(usage()),
    }
}

/// The setting a word names, as sqlite3's shell reads it.
fn boolean(word: &str) -> Option<bool> {
    match word.to_ascii_lowercase().as_str() {
        "on" | "yes" | "true" | "1" => Some(true),
        "off" | "no" | "false" | "0" => Some(false),
        _ => None,
    }
}

fn word(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

/// Say `name: on|off` (a command given no argument).
fn say(app: &mut App, name: &str, on: bool) -> Result<Flow> {
    app.interp.write_line(&format!("{name}: {}", word(on)))?;
    Ok(Flow::Continue)
}

/// `.echo [on|off]`: set, or say, whether SQL is echoed.
pub fn echo(app: &mut App, call: &Call) -> Result<Flow> {
    match on_off(call)? {
        Some(on) => app.interp.session.engine.set_echo(on),
        None => return say(app, "echo", app.interp.session.engine.echo()),
    }
    Ok(Flow::Continue)
}

/// `.timer [on|off]`
pub fn timer(app: &mut App, call: &Call) -> Result<Flow> {
    match on_off(call)? {
        Some(on) => app.settings.timer = on,
        None => return say(app, "timer", app.settings.timer),
    }
    Ok(Flow::Continue)
}

/// `.changes [on|off]`: sqlite3's count of changed rows after each
/// statement.
pub fn changes(app: &mut App, call: &Call) -> Result<Flow> {
    match on_off(call)? {
        Some(on) => app.settings.changes = on,
        None => return say(app, "changes", app.settings.changes),
    }
    Ok(Flow::Continue)
}

/// `.headers [on|off]`: whether csv and column print a header.
pub fn headers(app: &mut App, call: &Call) -> Result<Flow> {
    match on_off(call)? {
        Some(on) => app.interp.table_opts.headers = on,
        None => return say(app, "headers", app.interp.table_opts.headers),
    }
    Ok(Flow::Continue)
}

/// `.nullvalue TEXT`: how None shows in tables and csv. With no
/// argument, sqlite3's usage (it does not quietly reset the setting).
pub fn nullvalue(app: &mut App, call: &Call) -> Result<Flow> {
    match call.args.as_slice() {
        [text] => app.interp.table_opts.null = Some(text.to_string()),
        _ => {
            return Err(Error::value("usage: .nullvalue TEXT").with_help(
                "e.g. .nullvalue NULL, or quote a text with spaces: .nullvalue '(none)'",
            ));
        }
    }
    Ok(Flow::Continue)
}

/// `.show`: every setting, one per line, as sqlite3 lists them.
pub fn show(app: &mut App, _call: &Call) -> Result<Flow> {
    let opts = &app.interp.table_opts;
    let null = match &opts.null {
        Some(t) => format!("{t:?}"),
        None => "NULL (tables), empty (csv)".to_string(),
    };
    let lines = [
        ("echo", word(app.interp.session.engine.echo()).to_string()),
        ("headers", word(opts.headers).to_string()),
        ("mode", app.interp.mode.name().to_string()),
        ("nullvalue", null),
        ("output", app.settings.redirect.describe()),
        ("timer", word(app.settings.timer).to_string()),
        ("changes", word(app.settings.changes).to_string()),
        ("pager", word(app.settings.pager).to_string()),
        ("filename", filename(&app.interp.session.engine.url)),
    ];
    for (name, value) in lines {
        app.interp.write_line(&format!("{name:>12}: {value}"))?;
    }
    Ok(Flow::Continue)
}

/// The database as sqlite3's `.show` names it: the file's path, or
/// `:memory:`; a PostgreSQL database by its URL.
fn filename(url: &str) -> String {
    match url {
        "sqlite://" => ":memory:".to_string(),
        u => u.strip_prefix("sqlite:///").unwrap_or(u).to_string(),
    }
}

impl App {
    /// Before a statement (or `.sql`): the clock and the change count, if
    /// `.timer` or `.changes` will report them.
    pub fn measure_begin(&self) -> Option<Measure> {
        (self.settings.timer || self.settings.changes).then(|| Measure {
            started: Instant::now(),
            total_changes: self.interp.session.engine.total_changes(),
        })
    }

    /// After the statement's output and errors: `Run Time: real 0.000123`
    /// (sub-millisecond, as the wall clock measured it) and sqlite3's
    /// `changes: N   total_changes: M`.
    pub fn measure_end(&mut self, m: Option<Measure>) {
        let Some(m) = m else { return };
        let elapsed = m.started.elapsed().as_secs_f64();
        let total = self.interp.session.engine.total_changes();
        let out = &mut self.interp.out;
        if self.settings.timer {
            let _ = writeln!(out, "Run Time: real {elapsed:.6}");
        }
        if self.settings.changes {
            let n = total.saturating_sub(m.total_changes);
            let _ = writeln!(out, "changes: {n}   total_changes: {total}");
        }
        let _ = out.flush();
    }
}
