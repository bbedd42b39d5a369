//! psycopg2's exception classes by SQLSTATE (`psycopg2.errors`, named
//! after PostgreSQL's condition names in `errcodes.txt`), as SQLAlchemy's
//! message shows them: `(psycopg2.errors.UniqueViolation) duplicate key …`.

use crate::error::ErrorKind;

/// The SQLSTATEs met most, with psycopg2's class for each.
const CLASSES: &[(&str, &str)] = &[
    ("22001", "psycopg2.errors.StringDataRightTruncation"),
    ("22003", "psycopg2.errors.NumericValueOutOfRange"),
    ("22012", "psycopg2.errors.DivisionByZero"),
    ("22P02", "psycopg2.errors.InvalidTextRepresentation"),
    ("23502", "psycopg2.errors.NotNullViolation"),
    ("23503", "psycopg2.errors.ForeignKeyViolation"),
    ("23505", "psycopg2.errors.UniqueViolation"),
    ("23514", "psycopg2.errors.CheckViolation"),
    ("25006", "psycopg2.errors.ReadOnlySqlTransaction"),
    ("25P02", "psycopg2.errors.InFailedSqlTransaction"),
    ("40001", "psycopg2.errors.SerializationFailure"),
    ("40P01", "psycopg2.errors.DeadlockDetected"),
    ("42601", "psycopg2.errors.SyntaxError"),
    ("42703", "psycopg2.errors.UndefinedColumn"),
    ("42804", "psycopg2.errors.DatatypeMismatch"),
    ("42883", "psycopg2.errors.UndefinedFunction"),
    ("42P01", "psycopg2.errors.UndefinedTable"),
    ("42P07", "psycopg2.errors.DuplicateTable"),
    ("55P03", "psycopg2.errors.LockNotAvailable"),
    ("57014", "psycopg2.errors.QueryCanceled"),
    ("P0001", "psycopg2.errors.RaiseException"),
];

/// psycopg2's class for `sqlstate`; one not in the table is named by its
/// DB-API base class (`psycopg2.OperationalError`).
pub(super) fn psycopg2_class(sqlstate: &str, kind: ErrorKind) -> &'static str {
    if let Some((_, c)) = CLASSES.iter().find(|(s, _)| *s == sqlstate) {
        return c;
    }
    match kind {
        ErrorKind::IntegrityError => "psycopg2.IntegrityError",
        ErrorKind::ProgrammingError => "psycopg2.ProgrammingError",
        ErrorKind::DataError => "psycopg2.DataError",
        ErrorKind::InternalError => "psycopg2.InternalError",
        _ => "psycopg2.OperationalError",
    }
}

/// The DB-API class psycopg2 raises for a SQLSTATE class (its first two
/// characters), as `psycopg2/pqpath.c`'s `base_exception_from_sqlstate`
/// maps them (its `psycopg2.errors` classes' bases): 22 data, 23
/// integrity, 24/25/2B/2D/2F/38/39/3B/F0/P0/XX internal, 20/21/3D/3F/42/44
/// programming, the rest operational (psycopg2's `NotSupportedError` for
/// 0A and `DatabaseError` for classes it does not know are not among
/// ormsh's kinds).
pub(super) fn kind_of_class(class: &str) -> ErrorKind {
    match class {
        "22" => ErrorKind::DataError,
        "23" => ErrorKind::IntegrityError,
        "24" | "25" | "2B" | "2D" | "2F" | "38" | "39" | "3B" | "F0" | "P0" | "XX" => {
            ErrorKind::InternalError
        }
        "20" | "21" | "3D" | "3F" | "42" | "44" => ErrorKind::ProgrammingError,
        _ => ErrorKind::OperationalError,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_by_sqlstate() {
        assert!(CLASSES.windows(2).all(|w| w[0].0 < w[1].0));
        assert_eq!(
            psycopg2_class("23505", ErrorKind::IntegrityError),
            "psycopg2.errors.UniqueViolation"
        );
        assert_eq!(
            psycopg2_class("23999", ErrorKind::IntegrityError),
            "psycopg2.IntegrityError"
        );
        // A write in a read-only transaction, a statement after a failed
        // one: psycopg2's InternalError.
        assert_eq!(kind_of_class("25"), ErrorKind::InternalError);
        assert_eq!(kind_of_class("42"), ErrorKind::ProgrammingError);
        assert_eq!(kind_of_class("40"), ErrorKind::OperationalError);
    }
}
