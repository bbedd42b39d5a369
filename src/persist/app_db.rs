//! The database of a Flask app's `SQLALCHEMY_DATABASE_URI`, opened when
//! `SQLAlchemy(app)` or `db.init_app(app)` runs, where Flask-SQLAlchemy 3
//! opens it (`_apply_driver_defaults`): `sqlite://` and `:memory:` a new
//! in-memory database; a relative file path inside the app's instance
//! folder (`instance/` under the working directory, made if missing, as
//! Flask's `instance_path` for an app run from a shell), an absolute one
//! as written. A note on stderr says which file. The file already open is
//! not opened again.

use std::path::{Path, PathBuf};

use crate::db_url::{Location, parse};
use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;

impl Interp {
    /// Open the database `uri` names for a Flask app whose instance folder
    /// is `instance` (None: `./instance`), as `.open` does.
    pub fn open_app_database(&mut self, uri: &str, instance: Option<&str>) -> Result<()> {
        self.open_database_in(uri, Folder::Instance(instance))
    }

    /// Open the database `uri` names for SQLAlchemy's `create_engine`: a
    /// relative file path from the working directory, as SQLite opens it.
    pub fn open_engine_database(&mut self, uri: &str) -> Result<()> {
        self.open_database_in(uri, Folder::Working)
    }

    fn open_database_in(&mut self, uri: &str, folder: Folder) -> Result<()> {
        let scheme = uri.split("://").next().unwrap_or("");
        if uri.contains("://")
            && !matches!(scheme, "sqlite" | "sqlite+pysqlite")
            && !scheme.starts_with("postgres")
        {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("ormsh opens SQLite and PostgreSQL databases only, not {scheme}:// ({uri})"),
            )
            .with_help("use a SQLite URI (sqlite:///app.db, a file; sqlite://, memory) or a PostgreSQL one (postgresql://user@host/dbname)"));
        }
        let target = parse(std::ffi::OsStr::new(uri))?;
        let (open, note) = match &target.location {
            Location::Memory | Location::Uri(_) | Location::Postgres(_) => (uri.to_string(), None),
            Location::File(p) if p.is_absolute() => (
                uri.to_string(),
                Some(format!("note: the database is {}", p.display())),
            ),
            Location::File(p) if matches!(folder, Folder::Working) => {
                let file = std::env::current_dir()
                    .map_err(|e| cannot(&e.to_string()))?
                    .join(p);
                let note = format!("note: the database is {}", file.display());
                (uri.to_string(), Some(note))
            }
            Location::File(p) => {
                let instance = match folder {
                    Folder::Instance(i) => i,
                    Folder::Working => None,
                };
                let folder = match instance {
                    Some(dir) => PathBuf::from(dir),
                    None => std::env::current_dir()
                        .map_err(|e| cannot(&e.to_string()))?
                        .join("instance"),
                };
                std::fs::create_dir_all(&folder).map_err(|e| {
                    cannot(&format!(
                        "cannot make the instance folder {}: {e}",
                        folder.display()
                    ))
                })?;
                let file = folder.join(p);
                let Some(text) = file.to_str() else {
                    return Err(cannot(&format!("{} is not UTF-8", file.display())));
                };
                let note = format!(
                    "note: the database is {} (Flask-SQLAlchemy puts a relative SQLite path in the app's instance folder)",
                    file.display()
                );
                (text.to_string(), Some(note))
            }
        };
        if self.is_open(&open) {
            return Ok(());
        }
        let banner = self.open_file(&open)?;
        self.store.app_opened = true;
        self.store.warnings.extend(app_db_note(note, banner));
        Ok(())
    }

    /// Is the file `path` (a file name or URL) the database open now?
    fn is_open(&self, path: &str) -> bool {
        let Ok(t) = parse(std::ffi::OsStr::new(path)) else {
            return false;
        };
        let now = &self.session.engine.url;
        let p = match t.location {
            Location::File(p) => p,
            // The same server and database, as the URL shown names it.
            Location::Postgres(_) => return t.url.as_deref() == Some(now.as_str()),
            _ => return false,
        };
        let current = now.strip_prefix("sqlite:///").map(Path::new);
        match (
            current.and_then(|c| c.canonicalize().ok()),
            p.canonicalize(),
        ) {
            (Some(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

/// The note saying which file opened, with the models loaded from it in
/// the same line (a script that defines them again, as a quick start run
/// twice does, then prints nothing more), and the open's other lines.
fn app_db_note(note: Option<String>, banner: Vec<String>) -> Vec<String> {
    let (loaded, rest): (Vec<String>, Vec<String>) = banner
        .into_iter()
        .partition(|l| !l.starts_with("note:") && l.contains(" loaded: "));
    let mut out: Vec<String> = Vec::new();
    match (note, loaded.first()) {
        (Some(n), Some(l)) => out.push(format!(
            "{n}; {}",
            l.replacen("loaded: ", "loaded from it: ", 1)
        )),
        (Some(n), None) => out.push(n),
        (None, _) => out.extend(loaded),
    }
    out.extend(rest);
    out
}

/// Where a relative SQLite path is: a Flask app's instance folder (None:
/// `./instance`), or the working directory.
enum Folder<'a> {
    Instance(Option<&'a str>),
    Working,
}

fn cannot(what: &str) -> Error {
    Error::new(ErrorKind::OperationalError, what.to_string())
}
