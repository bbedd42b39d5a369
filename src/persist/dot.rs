//! The dot commands of issue 7 (`.open FILE`, `.export python|sql [FILE]`,
//! `.migrate Model`), and what `App` does after each chunk for persistence:
//! save pending definitions and print warnings on stderr.

use std::io::Write;

use crate::app::{App, Flow};
use crate::error::{Error, ErrorKind, Result};

/// Each command with its one-line help (listed by `.help`).
pub const COMMANDS: &[(&str, &str)] = &[
    (
        ".open",
        "open another database file, keeping the models: .open app.db",
    ),
    (
        ".export",
        "write the models as Flask-SQLAlchemy or DDL: .export python|sql [FILE]",
    ),
    (
        ".migrate",
        "add a model's new columns and indexes to its table: .migrate User",
    ),
];

/// What `.help NAME` adds for each (see `dot::DETAILS`).
pub const DETAILS: &[(&str, &str)] = &[
    (
        ".open",
        "Closes this database (after the session's pending work is rolled back)
and opens FILE, created if missing. Models defined so far stay defined;
FILE's stored models are loaded and its other tables reflected.",
    ),
    (
        ".export",
        "python: a Flask-SQLAlchemy models.py (db = SQLAlchemy(), a class per
model, association tables, relationships, reprs) that runs unchanged in
Flask; a definition that is not a plain declaration is left out with a
comment saying why. sql: the DDL. Without FILE it prints.",
    ),
    (
        ".migrate",
        "Compares a model with its table and applies additive changes with ALTER
TABLE: new nullable or defaulted columns, new indexes. Dropping or
changing a column is refused with the reason; the data stays as it is.",
    ),
];

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
        for w in warnings {
            let _ = writeln!(self.err, "{w}");
        }
        let _ = self.err.flush();
    }
}

fn write_or_print(app: &mut App, text: &str, file: Option<&str>) -> Result<()> {
    match file {
        Some(f) => std::fs::write(f, text).map_err(|e| {
            Error::new(
                ErrorKind::OperationalError,
                format!("cannot write {f}: {e}"),
            )
        }),
        None => {
            let text = text.strip_suffix('\n').unwrap_or(text);
            app.interp.write_line(text)
        }
    }
}

/// Run one of this module's commands.
pub fn run(app: &mut App, cmd: &str, args: &[&str]) -> Result<Flow> {
    match (cmd, args) {
        (".open", [file]) => {
            let lines = app.interp.open_file(file)?;
            if app.interp.interactive {
                app.interp
                    .write_line(&format!("opened {}", app.interp.session.engine.url))?;
                for l in lines {
                    app.interp.write_line(&l)?;
                }
            }
            app.persist_after_chunk();
        }
        (".open", _) => {
            return Err(Error::value("usage: .open FILE").with_help(
                "e.g. .open app.db (created if missing), or .open sqlite:// for a new in-memory database",
            ));
        }
        (".export", [kind, rest @ ..]) if rest.len() <= 1 => {
            let text = match *kind {
                "python" | "py" => app.interp.export_python(),
                "sql" => app.interp.export_sql(),
                other => {
                    return Err(Error::value(format!(
                        "cannot export as '{other}'; .export python or .export sql"
                    )));
                }
            };
            write_or_print(app, &text, rest.first().copied())?;
        }
        (".export", _) => return Err(Error::value("usage: .export python|sql [FILE]")),
        (".migrate", [model]) => {
            for l in app.interp.migrate(model)? {
                app.interp.write_line(&l)?;
            }
        }
        (".migrate", _) => return Err(Error::value("usage: .migrate MODEL")),
        _ => return Err(Error::name(format!("unknown command '{cmd}'"))),
    }
    Ok(Flow::Continue)
}
