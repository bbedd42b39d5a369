//! `.indexes [TABLE]`, as sqlite3's: the names of the indexes in the
//! database (SQLite's own `sqlite_autoindex_…` for UNIQUE and PRIMARY KEY
//! constraints included), or of the tables matching TABLE (a LIKE pattern).

use super::Call;
use crate::app::{App, Flow};
use crate::error::{Error, Result};
use crate::sql::ast::Param;

/// `.indexes [TABLE]`
pub fn indexes(app: &mut App, call: &Call) -> Result<Flow> {
    let (filter, params) = match call.args.as_slice() {
        [] => ("", vec![]),
        [table] => (" AND tbl_name LIKE ?", vec![Param::Text((*table).into())]),
        _ => return Err(Error::value("usage: .indexes [TABLE]")),
    };
    let names = app.interp.session.engine.names(
        &format!(
            "SELECT name FROM sqlite_master WHERE type = 'index' \
             AND tbl_name <> '_ormsh_models'{filter} ORDER BY name"
        ),
        &params,
    )?;
    if !names.is_empty() {
        app.interp.write_line(&names.join("  "))?;
    }
    Ok(Flow::Continue)
}
