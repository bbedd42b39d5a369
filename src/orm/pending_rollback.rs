//! The session after a failed flush, as SQLAlchemy leaves it: the
//! database transaction is rolled back and the objects restored at once
//! (`orm::failed`), but the session's transaction stays inactive —
//! `db.session.is_active` is False and every statement run for the
//! session (a query, a load, a flush with changes, `commit()`) is
//! `PendingRollbackError` — until `db.session.rollback()` or `close()`
//! begins anew (`SessionTransaction._assert_active`).

use crate::engine::Engine;
use crate::error::Error;

/// SQLAlchemy's `PendingRollbackError` for a statement run while a failed
/// flush waits for `rollback()` (the engine raises it too,
/// `engine::pending_rollback_error`), its help for a failed nested
/// transaction if that is what waits.
pub fn error(engine: &Engine) -> Error {
    engine.pending_rollback_err()
}
