//! An error raised while a statement's parameters are read, as SQLAlchemy
//! reports it: `Connection._execute_context` hands it to
//! `_handle_dbapi_exception`, and `DBAPIError.instance` wraps an exception
//! that is no DBAPI error in a `StatementError` whose text names the
//! original class (`(sqlalchemy.exc.CircularDependencyError) Circular
//! dependency detected. …`). Met where a callable bind parameter loads an
//! expired object and that load's autoflush fails.

use crate::error::{Error, ErrorKind};
use crate::eval::pymod::exc::{row_names, row_of_kind};

/// `e` as the `StatementError` SQLAlchemy raises for it, its help kept.
pub fn in_statement(e: Error) -> Error {
    if e.kind == ErrorKind::StatementError {
        return e;
    }
    let class = match row_of_kind(e.kind) {
        Some(at) => {
            let (name, module) = row_names(at);
            format!("{module}.{name}")
        }
        None => e.kind.name().to_owned(),
    };
    let mut out = Error::new(
        ErrorKind::StatementError,
        format!("({class}) {}", e.message),
    );
    out.span = e.span;
    out.help = e.help;
    out
}
