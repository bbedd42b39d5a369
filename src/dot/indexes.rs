//! `.indexes [TABLE]`, as sqlite3's: the names of the indexes in the
//! database (SQLite's own `sqlite_autoindex_…` for UNIQUE and PRIMARY KEY
//! constraints included; PostgreSQL's `_pkey`/`_key` on PostgreSQL), or
//! of the tables matching TABLE (a LIKE pattern).

use super::Call;
use crate::app::{App, Flow};
use crate::error::{Error, Result};

/// `.indexes [TABLE]`
pub fn indexes(app: &mut App, call: &Call) -> Result<Flow> {
    let table = match call.args.as_slice() {
        [] => None,
        [table] => Some(*table),
        _ => return Err(Error::value("usage: .indexes [TABLE]")),
    };
    let names = app.interp.session.engine.index_names(table)?;
    if !names.is_empty() {
        app.interp.write_line(&names.join("  "))?;
    }
    Ok(Flow::Continue)
}
