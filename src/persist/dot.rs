//! The dot commands of issue 7 (`.open FILE`, `.export python|sql [FILE]`,
//! `.migrate Model`; declared in `dot::COMMANDS`), and what `App` does
//! after each chunk for persistence: save pending definitions and print
//! warnings on stderr.

use std::io::Write;

use crate::app::{App, Flow};
use crate::dot::Call;
use crate::error::{Error, ErrorKind, Result};

impl App {
    /// After each chunk: save pending model sources (when no transaction
    /// of the user's is open) and print the session's and the store's
    /// warnings on stderr.
    pub fn persist_after_chunk(&mut self) {
        self.interp.store_sync();
        let mut warnings = self.interp.session.take_warnings();
        warnings.extend(self.interp.store.take_warnings());
        if warnings.is_empty() {
            return;
        }
        let _ = self.interp.out.flush();
        // On a narrow terminal, broken between words.
        let width = crate::repl::pager::stderr_width();
        for w in warnings {
            for line in crate::tutorial::wrap_lines(&w, width) {
                let _ = writeln!(self.err, "{line}");
            }
        }
        let _ = self.err.flush();
    }
}

/// A failure of `.open` itself (the database could not be opened, or
/// ormsh does not open that kind) as the shell's own error, with no
/// Python class; an interruption, or what a statement it ran raised,
/// stays as it is.
fn command_error(e: Error) -> Error {
    match e.kind {
        ErrorKind::OperationalError | ErrorKind::NotImplementedError | ErrorKind::ArgumentError => {
            Error {
                kind: ErrorKind::Command,
                ..e
            }
        }
        _ => e,
    }
}

fn write_or_print(app: &mut App, text: &str, file: Option<&str>) -> Result<()> {
    match file {
        Some(f) => std::fs::write(f, text).map_err(|e| crate::dot::file_error("write", f, &e)),
        None => {
            let text = text.strip_suffix('\n').unwrap_or(text);
            app.interp.write_line(text)
        }
    }
}

/// `.open FILE`: another database, keeping the models.
pub fn open(app: &mut App, call: &Call) -> Result<Flow> {
    let [file] = call.args.as_slice() else {
        return Err(Error::value("usage: .open FILE").with_help(
            "e.g. .open app.db (created if missing), or .open sqlite:// for a new in-memory database",
        ));
    };
    // A quote left open would name a file the line did not mean
    // (`.open "my db` opens `my db`), and an empty name no file.
    let span = call.span_of(file);
    let raw = (call.line)
        .get(span.start as usize..span.end as usize)
        .unwrap_or("");
    if unclosed_quote(raw) {
        return Err(Error::value(format!("the quote in {raw} is not closed"))
            .with_help(format!("close it: .open {raw}{}", &raw[..1]))
            .at(span));
    }
    if file.is_empty() {
        return Err(Error::value("usage: .open FILE: the file name is empty")
            .with_help("e.g. .open app.db (created if missing), or .open sqlite:// for a new in-memory database")
            .at(span));
    }
    let fresh = crate::db_url::parse(std::ffi::OsStr::new(file))
        .ok()
        .and_then(|t| crate::cli::fresh::not_yet_there(&t));
    let target = crate::db_url::parse(std::ffi::OsStr::new(file)).ok();
    // Its failures are the command's own (sqlite3's `.open` names no
    // class): a missing directory, a file SQLite cannot open or read.
    let lines = app.interp.open_file(file).map_err(command_error)?;
    // The file this run created for the database just left goes if
    // nothing was written to it, as sqlite3 never makes it (not when
    // the same file was opened again).
    if let Some(left) = app.settings.current_fresh.take() {
        let again = target.as_ref().is_some_and(|t| match &t.location {
            crate::db_url::Location::File(p) => crate::cli::fresh::same_file(&left, p),
            _ => false,
        });
        if again {
            app.settings.current_fresh = Some(left);
        } else {
            crate::cli::fresh::remove_if_unwritten(&left);
        }
    }
    if fresh.is_some() {
        app.settings.current_fresh.clone_from(&fresh);
    }
    app.interp.store_wait_for_table(fresh.is_some());
    app.settings.opened_fresh.extend(fresh);
    if app.interp.interactive {
        app.interp
            .write_line(&format!("opened {}", app.interp.session.engine.url))?;
        for l in lines {
            app.interp.write_line(&l)?;
        }
    }
    crate::dot::tutorial::after_open(app)?;
    app.persist_after_chunk();
    Ok(Flow::Continue)
}

/// Whether the word `raw`, as written, ends inside a quote (`"my db`).
fn unclosed_quote(raw: &str) -> bool {
    let mut quote: Option<char> = None;
    let mut chars = raw.chars();
    while let Some(c) = chars.next() {
        match (quote, c) {
            (None, '\\') | (Some('"'), '\\') => {
                chars.next();
            }
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            _ => {}
        }
    }
    quote.is_some()
}

/// `.export python|sql [FILE]`
pub fn export(app: &mut App, call: &Call) -> Result<Flow> {
    let [kind, rest @ ..] = call.args.as_slice() else {
        return Err(Error::value("usage: .export python|sql [FILE]"));
    };
    if rest.len() > 1 {
        return Err(Error::value("usage: .export python|sql [FILE]"));
    }
    let (text, counted) = match *kind {
        "python" | "py" => (app.interp.export_python(), None),
        "sql" => {
            let (text, counted) = app.interp.export_sql();
            (text, Some(counted))
        }
        other => {
            return Err(Error::value(format!(
                "cannot export as '{other}'; .export python or .export sql"
            )));
        }
    };
    write_or_print(app, &text, rest.first().copied())?;
    if let Some(file) = rest.first()
        && app.interp.interactive
    {
        // At the prompt, say what went where (a script's output stays
        // the statements' own, as `.open`'s does).
        let line = match counted {
            // What the text holds, not the models alone: the file's
            // tables no model maps go with it.
            Some(c) => format!("the SQL of {} written to {file}", c.summary()),
            None => {
                let n = app.interp.registry.models().len();
                format!(
                    "the models as Flask-SQLAlchemy ({n} model{}) written to {file}",
                    if n == 1 { "" } else { "s" }
                )
            }
        };
        app.interp.write_line(&line)?;
    }
    Ok(Flow::Continue)
}

/// `.migrate MODEL`
pub fn migrate(app: &mut App, call: &Call) -> Result<Flow> {
    let [model] = call.args.as_slice() else {
        return Err(Error::value("usage: .migrate MODEL"));
    };
    for l in app.interp.migrate(model)? {
        app.interp.write_line(&l)?;
    }
    Ok(Flow::Continue)
}

/// `.notes`: what reflection left out or changed, one line each.
pub fn notes(app: &mut App, _call: &Call) -> Result<Flow> {
    let notes = app.interp.store.notes.clone();
    for n in notes {
        app.interp.write_line(&n)?;
    }
    Ok(Flow::Continue)
}
