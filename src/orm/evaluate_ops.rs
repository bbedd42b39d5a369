//! Python's operations on bound values, as SQLAlchemy's evaluator applies
//! them in memory (`orm::evaluate`): truth, `==` and ordering across kinds,
//! the comparison, string and arithmetic operators with Python's errors.

use std::cmp::Ordering;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::evaluate::Op;
use crate::sql::ast::Param;

pub(super) fn boolean(b: bool) -> Param {
    Param::Int(b as i64)
}

/// Python's truth of a value.
pub(crate) fn truthy(p: &Param) -> bool {
    match p {
        Param::Null => false,
        Param::Int(i) => *i != 0,
        Param::Bool(b) => *b,
        Param::Interval(us) => *us != 0,
        Param::Unbindable(u) => !matches!(&*u.repr, "[]" | "()" | "{}"),
        Param::Real(f) => *f != 0.0,
        Param::Text(t) => !t.is_empty(),
        Param::Blob(b) => !b.is_empty(),
        Param::Decimal(d) => d.parse::<f64>().is_ok_and(|f| f != 0.0),
    }
}

/// Python's `==` between two values (`1 == 1.0`; different kinds differ).
pub(super) fn equal(a: &Param, b: &Param) -> bool {
    matches!(order(a, b), Some(Ordering::Equal))
}

/// Python's ordering of two values, None when they cannot be ordered.
fn order(a: &Param, b: &Param) -> Option<Ordering> {
    // Python's bool is an int (`True == 1`).
    let as_int = |p: &Param| match p {
        Param::Bool(b) => Param::Int(i64::from(*b)),
        p => p.clone(),
    };
    let (a, b) = (&as_int(a), &as_int(b));
    match (a, b) {
        (Param::Int(x), Param::Int(y)) => Some(x.cmp(y)),
        (Param::Interval(x), Param::Interval(y)) => Some(x.cmp(y)),
        (Param::Int(x), Param::Real(y)) => (*x as f64).partial_cmp(y),
        (Param::Real(x), Param::Int(y)) => x.partial_cmp(&(*y as f64)),
        (Param::Real(x), Param::Real(y)) => x.partial_cmp(y),
        (Param::Text(x), Param::Text(y)) => Some(x.cmp(y)),
        (Param::Blob(x), Param::Blob(y)) => Some(x.cmp(y)),
        (Param::Null, Param::Null) => Some(Ordering::Equal),
        _ => None,
    }
}

fn kind(p: &Param) -> &'static str {
    match p {
        Param::Null => "NoneType",
        Param::Int(_) => "int",
        Param::Bool(_) => "bool",
        Param::Interval(_) => "timedelta",
        Param::Unbindable(_) => "object",
        Param::Real(_) => "float",
        Param::Text(_) => "str",
        Param::Blob(_) => "bytes",
        Param::Decimal(_) => "Decimal",
    }
}

/// `l op r` as Python computes it; a NULL operand gives None (but `IS`
/// compares NULLs).
pub(super) fn binary(op: Op, l: &Param, r: &Param) -> Result<Param> {
    match op {
        Op::Is => return Ok(boolean(equal(l, r))),
        Op::IsNot => return Ok(boolean(!equal(l, r))),
        _ if *l == Param::Null || *r == Param::Null => return Ok(Param::Null),
        _ => {}
    }
    let unordered = |sym: &str| {
        Error::type_(format!(
            "'{sym}' not supported between instances of '{}' and '{}'",
            kind(l),
            kind(r)
        ))
    };
    let cmp = |sym: &str, want: fn(Ordering) -> bool| -> Result<Param> {
        order(l, r)
            .map(|o| boolean(want(o)))
            .ok_or_else(|| unordered(sym))
    };
    match op {
        Op::Eq => Ok(boolean(equal(l, r))),
        Op::Ne => Ok(boolean(!equal(l, r))),
        Op::Lt => cmp("<", Ordering::is_lt),
        Op::Le => cmp("<=", Ordering::is_le),
        Op::Gt => cmp(">", Ordering::is_gt),
        Op::Ge => cmp(">=", Ordering::is_ge),
        Op::Concat => match (l, r) {
            (Param::Text(a), Param::Text(b)) => Ok(Param::Text(format!("{a}{b}").into())),
            _ => Err(unordered("+")),
        },
        Op::StartsWith | Op::EndsWith => match (l, r) {
            (Param::Text(a), Param::Text(b)) => Ok(boolean(if op == Op::StartsWith {
                a.starts_with(&**b)
            } else {
                a.ends_with(&**b)
            })),
            _ => Err(unordered("startswith")),
        },
        _ => arithmetic(op, l, r)?.ok_or_else(|| unordered(symbol(op))),
    }
}

fn symbol(op: Op) -> &'static str {
    match op {
        Op::Add => "+",
        Op::Sub => "-",
        Op::Mul => "*",
        Op::TrueDiv => "/",
        _ => "%",
    }
}

/// Python arithmetic between numbers: ints stay ints (with Python's
/// modulo), `/` gives a float; None when an operand is no number.
fn arithmetic(op: Op, l: &Param, r: &Param) -> Result<Option<Param>> {
    let zero = || {
        Error::new(
            ErrorKind::ZeroDivisionError,
            if op == Op::TrueDiv {
                "division by zero"
            } else {
                "integer modulo by zero"
            },
        )
    };
    if let (Param::Int(a), Param::Int(b), false) = (l, r, op == Op::TrueDiv) {
        let v = match op {
            Op::Add => a.checked_add(*b),
            Op::Sub => a.checked_sub(*b),
            Op::Mul => a.checked_mul(*b),
            _ if *b == 0 => return Err(zero()),
            _ => a
                .checked_rem_euclid(*b)
                .map(|m| if *b < 0 && m != 0 { m + b } else { m }),
        };
        return v.map(|v| Some(Param::Int(v))).ok_or_else(|| {
            Error::new(
                ErrorKind::OverflowError,
                "Python int too large to convert to SQLite INTEGER",
            )
        });
    }
    let num = |p: &Param| match p {
        Param::Int(i) => Some(*i as f64),
        Param::Real(f) => Some(*f),
        _ => None,
    };
    let (Some(a), Some(b)) = (num(l), num(r)) else {
        return Ok(None);
    };
    Ok(Some(Param::Real(match op {
        Op::Add => a + b,
        Op::Sub => a - b,
        Op::Mul => a * b,
        _ if b == 0.0 => return Err(zero()),
        Op::TrueDiv => a / b,
        _ => a - b * (a / b).floor(),
    })))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's answers (python3: `7 % -3` is -2, …).
    #[test]
    fn arithmetic_and_comparison_follow_python() {
        use Param::{Int, Null, Real, Text};
        let rows: &[(Op, Param, Param, Param)] = &[
            (Op::Mod, Int(7), Int(-3), Int(-2)),
            (Op::Mod, Int(-7), Int(3), Int(2)),
            (Op::Mod, Int(-7), Int(-3), Int(-1)),
            (Op::Mod, Real(7.5), Int(-2), Real(-0.5)),
            (Op::Mod, Real(-7.5), Int(2), Real(0.5)),
            (Op::TrueDiv, Int(7), Int(2), Real(3.5)),
            (Op::Add, Int(1), Real(0.5), Real(1.5)),
            (Op::Eq, Int(1), Real(1.0), Int(1)),
            (Op::Eq, Int(1), Text("1".into()), Int(0)),
            (Op::Lt, Text("B".into()), Text("a".into()), Int(1)),
            (Op::Eq, Null, Int(1), Null),
            (Op::Is, Null, Null, Int(1)),
            (Op::IsNot, Int(3), Null, Int(1)),
            (
                Op::Concat,
                Text("a".into()),
                Text("b".into()),
                Text("ab".into()),
            ),
        ];
        for (op, l, r, want) in rows {
            assert_eq!(
                &binary(*op, l, r).expect("evaluates"),
                want,
                "{l:?} {op:?} {r:?}"
            );
        }
        let e = binary(Op::Lt, &Int(1), &Text("a".into())).expect_err("unordered");
        assert_eq!(
            e.message,
            "'<' not supported between instances of 'int' and 'str'"
        );
        let e = binary(Op::Mod, &Int(1), &Int(0)).expect_err("by zero");
        assert_eq!(e.kind, ErrorKind::ZeroDivisionError);
    }
}
