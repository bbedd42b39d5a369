//! The SQL functions SQLAlchemy's pysqlite dialect registers on every
//! connection it opens (`SQLiteDialect_pysqlite.on_connect`): `floor`, as
//! Python's `math.floor`, which its compiler writes for `a // b` on Float
//! and Numeric operands (`FLOOR(a / b)`). It returns an integer, and fails
//! on what `math.floor` refuses (NULL, text, blobs, NaN), as the Python
//! function raising inside SQLite does; an infinity or a result past
//! 64 bits is pysqlite's `DataError` ("string or blob too big"). The rest of SQLite's math
//! functions (`sqrt`, `ln`, `power`, …) come from the bundled build
//! (`SQLITE_ENABLE_MATH_FUNCTIONS`, set in `.cargo/config.toml`), as in
//! the SQLite Python's `sqlite3` ships with.

use rusqlite::Connection;
use rusqlite::functions::{Context, FunctionFlags};
use rusqlite::types::ValueRef;

/// What pysqlite reports when a Python function registered with
/// `create_function` raises.
const RAISED: &str = "user-defined function raised exception";

/// What pysqlite reports when the function raises OverflowError
/// (`math.floor` of an infinity) or returns an int too large for SQLite's
/// 64-bit INTEGER: `sqlite3_result_error_toobig`, a `DataError`
/// (`engine::errors::map_err` reads this text).
pub(super) const TOO_BIG: &str = "string or blob too big";

/// Register the dialect's functions on `conn` (`on_connect`'s `floor_func`).
pub(super) fn register(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "floor",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        floor,
    )
}

/// Python's `math.floor` of one SQLite value.
fn floor(ctx: &Context<'_>) -> rusqlite::Result<i64> {
    match ctx.get_raw(0) {
        ValueRef::Integer(i) => Ok(i),
        ValueRef::Real(f) if f.is_infinite() => Err(failure(TOO_BIG)),
        ValueRef::Real(f) if f.is_finite() => {
            let f = f.floor();
            // i64::MIN is exactly -2⁶³; 2⁶³ itself is one past i64::MAX.
            if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&f) {
                Ok(f as i64)
            } else {
                Err(failure(TOO_BIG))
            }
        }
        _ => Err(failure(RAISED)),
    }
}

fn failure(msg: &str) -> rusqlite::Error {
    rusqlite::Error::UserFunctionError(msg.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(sql: &str) -> rusqlite::Result<rusqlite::types::Value> {
        let conn = Connection::open_in_memory()?;
        register(&conn)?;
        conn.query_row(sql, [], |r| r.get(0))
    }

    #[test]
    fn floor_is_python_math_floor() {
        use rusqlite::types::Value::Integer;
        assert_eq!(one("SELECT floor(7.5)").unwrap(), Integer(7));
        assert_eq!(one("SELECT floor(-7.5)").unwrap(), Integer(-8));
        assert_eq!(one("SELECT floor(7)").unwrap(), Integer(7));
        for bad in ["NULL", "'7.5'", "x'00'", "9e999", "1e19"] {
            assert!(one(&format!("SELECT floor({bad})")).is_err(), "{bad}");
        }
    }

    #[test]
    fn math_functions_are_built_in() {
        assert_eq!(
            one("SELECT sqrt(16)").unwrap(),
            rusqlite::types::Value::Real(4.0)
        );
    }
}
