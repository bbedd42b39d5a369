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
        _ => "psycopg2.OperationalError",
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
    }
}
