//! Whether the open database has types of its own for decimals and zoned
//! datetimes (SQLAlchemy's `dialect.supports_native_decimal`, and
//! psycopg2's adaptation of aware datetimes): on PostgreSQL a `Decimal`
//! is bound exactly and read back as the server's `numeric` text, an aware
//! datetime is bound with its offset; on SQLite SQLAlchemy binds a float
//! and the wall time (`orm::convert`). The engine in use says which when
//! it is made (`Engine::with_backend`); values are converted before a
//! statement reaches it, so the conversions ask here.

use std::cell::Cell;

thread_local! {
    static NATIVE: Cell<bool> = const { Cell::new(false) };
}

/// Record whether the engine now in use has native decimal and zoned
/// datetime types (true for PostgreSQL).
pub fn set_native(on: bool) {
    NATIVE.with(|n| n.set(on));
}

/// Whether values are bound as psycopg2 adapts them (exact decimals,
/// datetimes with their offset) rather than as SQLAlchemy's SQLite
/// dialect stores them.
pub fn native() -> bool {
    NATIVE.with(Cell::get)
}
