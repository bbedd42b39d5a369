//! The SQL type of `a + b`, `a - b`, `a * b`, `a / b` between numbers, as
//! SQLAlchemy's `_adapt_expression` reads the left type's
//! `_expression_adaptations` (`sql/sqltypes.py`): `Numeric(10, 2) *
//! Numeric(10, 4)` is the right side's `Numeric(10, 4)`, `Numeric * Integer`
//! the left's, `Integer * Numeric` the right's, `Integer / Integer` a plain
//! `Numeric()`, and so on. This decides how a result is read back (a
//! `Decimal` at which scale, a float, an int).

use crate::schema::types::{ColumnType, NumericType};
use crate::sql::ast::BinaryOp;
use crate::value::Value;

/// A type's `_type_affinity` among the ones the tables name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Affinity {
    Integer,
    Numeric,
    Float,
    Interval,
    Date,
    DateTime,
    Time,
    Other,
}

fn affinity(t: &ColumnType) -> Affinity {
    match t {
        ColumnType::Integer | ColumnType::BigInteger | ColumnType::SmallInteger => {
            Affinity::Integer
        }
        ColumnType::Float => Affinity::Float,
        // `Double` subclasses `Float`.
        ColumnType::Numeric(n) if matches!(n.sql_name, "FLOAT" | "DOUBLE") => Affinity::Float,
        ColumnType::Numeric(_) => Affinity::Numeric,
        ColumnType::Interval => Affinity::Interval,
        ColumnType::Date => Affinity::Date,
        ColumnType::DateTime => Affinity::DateTime,
        ColumnType::Time => Affinity::Time,
        _ => Affinity::Other,
    }
}

/// What a left type's table gives for `op` and the right side's
/// affinity: `Some(affinity)` of the class it names, `None` when the
/// table has no entry (the left type stands).
fn lookup(op: BinaryOp, left: Affinity, right: Affinity) -> Option<Affinity> {
    use Affinity::*;
    use BinaryOp::*;
    let found = match (left, op, right) {
        // `Integer._expression_adaptations`.
        // `Div` between integers is Python's `//` (`floordiv`): true
        // division is `TrueDivInt`, typed `Numeric()` where it is made.
        (Integer, Add | Sub | Mul | Div, Integer) => Integer,
        (Integer, Add | Sub | Mul | Div, Numeric) => Numeric,
        (Integer, Add | Sub | Mul | Div, Float) => Float,
        (Integer, Mul, Interval) => Interval,
        // `floordiv` with a Float or Numeric operand (`FLOOR(a / b)`):
        // `{Integer: cls, Numeric: Numeric}`, no Float entry, so
        // `Integer // 2.5` stays Integer.
        (Integer, FloorDiv, Integer) => Integer,
        (Integer, FloorDiv, Numeric) => Numeric,
        // `NumericCommon._expression_adaptations`: `self.__class__` for
        // numbers on the right, `Interval` for `*`.
        (Numeric | Float, Mul, Interval) => Interval,
        (Numeric | Float, Add | Sub | Mul | Div, Integer | Numeric | Float) => left,
        // The date and time types' tables (PostgreSQL's date/time
        // operators): `Date - Date` an Integer, `DateTime - DateTime` an
        // Interval, `Date + Interval` a DateTime.
        (Integer, Add, Date) => Date,
        (Date, Add | Sub, Integer) => Date,
        (Date, Add, Interval | Time) | (Date, Sub, Interval) => DateTime,
        (Date, Sub, Date) => Integer,
        (Date | DateTime, Sub, DateTime) => Interval,
        (DateTime, Add | Sub, Interval) => DateTime,
        (Time, Add, Date) => DateTime,
        (Time, Add | Sub, Interval) => Time,
        (Time, Sub, Time) => Interval,
        (Interval, Add, Date | DateTime) => DateTime,
        (Interval, Add | Sub, Interval) => Interval,
        (Interval, Add, Time) => Time,
        (Interval, Mul | Div, Numeric | Float) => Interval,
        _ => return None,
    };
    Some(found)
}

/// The type SQLAlchemy gives `left op right`, the right side's type
/// already coerced (`right_type`); `None` when neither side is typed.
pub fn arith_type(
    op: BinaryOp,
    left: Option<&ColumnType>,
    right: Option<&ColumnType>,
) -> Option<ColumnType> {
    // An untyped left (`NullType`) hands a commutative operator to the
    // right side's type (`NullType.Comparator._adapt_expression`).
    let Some(l) = left else {
        return match op {
            BinaryOp::Add | BinaryOp::Mul => right.cloned(),
            _ => None,
        };
    };
    let Some(r) = right else {
        return Some(l.clone());
    };
    let (la, ra) = (affinity(l), affinity(r));
    match lookup(op, la, ra) {
        // The class the table names is the right side's own: its type,
        // scale and all.
        Some(found) if found == ra => Some(r.clone()),
        // The left side's class: the left type.
        Some(found) if found == la => Some(l.clone()),
        // Another class: a bare instance of it.
        Some(Affinity::Numeric) => Some(ColumnType::Numeric(NumericType::PLAIN)),
        Some(Affinity::Float) => Some(ColumnType::Float),
        Some(Affinity::Interval) => Some(ColumnType::Interval),
        Some(Affinity::Integer) => Some(ColumnType::Integer),
        Some(Affinity::Date) => Some(ColumnType::Date),
        Some(Affinity::DateTime) => Some(ColumnType::DateTime),
        Some(Affinity::Time) => Some(ColumnType::Time),
        _ => Some(l.clone()),
    }
}

/// The type a plain value compared with (or combined with) an expression
/// of type `left` takes: SQLAlchemy's `coerce_compared_value`, the
/// expression's own type when the value's has the same affinity, else
/// the value's.
pub fn coerced_literal_type(left: Option<&ColumnType>, v: &Value) -> Option<ColumnType> {
    let lit = crate::orm::constructs::literal_type(v);
    match (left, lit) {
        (Some(l), Some(t)) if affinity(l) == affinity(&t) => Some(l.clone()),
        (Some(l), None) => Some(l.clone()),
        (_, t) => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numeric(scale: u32) -> ColumnType {
        ColumnType::Numeric(NumericType {
            scale: Some(scale),
            precision: Some(10),
            ..NumericType::PLAIN
        })
    }

    /// `Numeric(10, 2) * Numeric(10, 4)` reads at scale 4, `Numeric *
    /// Integer` at the left's, `Integer * Numeric` at the right's,
    /// `Numeric * Float` as the Numeric, `Float * Numeric` as a float.
    #[test]
    fn numeric_results_follow_sqlalchemy() {
        let (a, b) = (numeric(2), numeric(4));
        let mul = BinaryOp::Mul;
        assert_eq!(arith_type(mul, Some(&a), Some(&b)), Some(b.clone()));
        let int = ColumnType::Integer;
        assert_eq!(arith_type(mul, Some(&a), Some(&int)), Some(a.clone()));
        assert_eq!(arith_type(mul, Some(&int), Some(&a)), Some(a.clone()));
        let f = ColumnType::Float;
        assert_eq!(arith_type(mul, Some(&a), Some(&f)), Some(a.clone()));
        assert_eq!(arith_type(mul, Some(&f), Some(&a)), Some(f.clone()));
        assert_eq!(
            arith_type(BinaryOp::Div, Some(&int), Some(&int)),
            Some(int.clone())
        );
        assert_eq!(arith_type(BinaryOp::Mod, Some(&a), Some(&b)), Some(a));
    }
}
