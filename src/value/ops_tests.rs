//! Operator tables: every expected result or error checked against CPython
//! 3.11 (`python3 -c 'print(repr(EXPR))'`, errors as `Kind: message`).

#![allow(clippy::type_complexity)]

use super::*;
use crate::syntax::ast::CmpOp;
use std::cmp::Ordering;

use crate::value::compare::{compare, compare_op};
use crate::value::repr::tests::r;
use chrono::{NaiveDate, TimeDelta};

fn show(res: Result<Option<Value>>) -> String {
    match res {
        Ok(Some(v)) => r(&v),
        Ok(None) => "unsupported".into(),
        Err(e) => e.to_string(),
    }
}

/// `binary`, falling back to `binary_error` as the interpreter will.
fn eval(op: BinOp, a: &Value, b: &Value) -> String {
    match binary(op, a, b) {
        Ok(None) => binary_error(op, a, b).to_string(),
        res => show(res),
    }
}

fn i(x: i64) -> Value {
    Value::Int(x)
}
fn f(x: f64) -> Value {
    Value::Float(x)
}
fn s(x: &str) -> Value {
    Value::str(x)
}
fn td(days: i64, secs: i64) -> Value {
    Value::TimeDelta(TimeDelta::days(days) + TimeDelta::seconds(secs))
}

#[test]
fn arithmetic_table() {
    use BinOp::*;
    let t = Value::Bool(true);
    let fl = Value::Bool(false);
    let cases: Vec<(BinOp, Value, Value, &str)> = vec![
        (Add, i(1), i(2), "3"),
        (Add, t.clone(), t.clone(), "2"),
        (Add, f(0.1), f(0.2), "0.30000000000000004"),
        (Div, i(7), i(7), "1.0"),
        (Div, i(1), i(3), "0.3333333333333333"),
        (Div, i(1), i(0), "ZeroDivisionError: division by zero"),
        (
            Div,
            f(1.0),
            i(0),
            "ZeroDivisionError: float division by zero",
        ),
        (FloorDiv, i(-7), i(2), "-4"),
        (FloorDiv, i(7), i(-2), "-4"),
        (
            FloorDiv,
            i(1),
            i(0),
            "ZeroDivisionError: integer division or modulo by zero",
        ),
        (
            FloorDiv,
            f(1.0),
            f(0.0),
            "ZeroDivisionError: float floor division by zero",
        ),
        (Mod, i(-7), i(2), "1"),
        (Mod, i(7), i(-2), "-1"),
        (Mod, i(1), i(0), "ZeroDivisionError: integer modulo by zero"),
        (Mod, f(1.0), f(0.0), "ZeroDivisionError: float modulo"),
        (FloorDiv, f(-7.5), i(2), "-4.0"),
        (Mod, f(-7.5), i(2), "0.5"),
        (Mod, f(7.5), i(-2), "-0.5"),
        (Mod, f(-0.0), i(5), "0.0"),
        (Mod, f(0.0), i(-5), "-0.0"),
        (Pow, i(2), i(-1), "0.5"),
        (Pow, i(-2), i(-2), "0.25"),
        (Pow, i(0), i(0), "1"),
        (Pow, i(2), f(0.5), "1.4142135623730951"),
        (Pow, f(3.0), i(-1), "0.3333333333333333"),
        (
            Pow,
            i(0),
            i(-1),
            "ZeroDivisionError: 0.0 cannot be raised to a negative power",
        ),
        (
            Pow,
            f(10.0),
            i(400),
            "OverflowError: (34, 'Numerical result out of range')",
        ),
        (Mul, f(1e308), i(10), "inf"),
        (BitAnd, t.clone(), fl.clone(), "False"),
        (BitOr, t.clone(), i(1), "1"),
        (BitXor, t.clone(), t.clone(), "False"),
        (BitAnd, i(12), i(10), "8"),
        (BitXor, i(12), i(10), "6"),
        (
            BitAnd,
            i(1),
            f(1.0),
            "TypeError: unsupported operand type(s) for &: 'int' and 'float'",
        ),
        (Pow, i(2), i(10), "1024"),
        (Pow, i(-1), i(1 << 40), "1"),
    ];
    for (op, a, b, want) in cases {
        assert_eq!(
            eval(op, &a, &b),
            want,
            "{} {} {}",
            r(&a),
            op_symbol(op),
            r(&b)
        );
    }
}

/// Integers are 64-bit: overflow is an error (Python would give a big int).
#[test]
fn overflow_is_an_error() {
    use BinOp::*;
    let max = i(i64::MAX);
    let min = i(i64::MIN);
    let over = "OverflowError: integer overflow: ormsh's integers are 64-bit (from -2**63 to 2**63 - 1); Python's are unbounded";
    assert_eq!(eval(Add, &max, &i(1)), over);
    assert_eq!(eval(Sub, &min, &i(1)), over);
    assert_eq!(eval(Mul, &i(10i64.pow(18)), &i(10)), over);
    assert_eq!(eval(Pow, &i(2), &i(63)), over);
    assert_eq!(eval(Pow, &i(-2), &i(63)), "-9223372036854775808");
    assert_eq!(eval(Pow, &i(2), &i(1 << 40)), over);
    assert_eq!(eval(FloorDiv, &min, &i(-1)), over);
    assert_eq!(eval(Mod, &min, &i(-1)), "0");
    assert_eq!(show(unary_neg(&min)), over);
    assert_eq!(show(unary_neg(&max)), "-9223372036854775807");
}

#[test]
fn sequences_table() {
    use BinOp::*;
    let l1 = Value::list(vec![i(1)]);
    let t1 = Value::tuple(vec![i(1)]);
    let cases: Vec<(BinOp, Value, Value, &str)> = vec![
        (Add, s("a"), s("b"), "'ab'"),
        (Mul, s("ab"), i(3), "'ababab'"),
        (Mul, i(2), s("ab"), "'abab'"),
        (Mul, s("ab"), i(-1), "''"),
        (Add, l1.clone(), l1.clone(), "[1, 1]"),
        (Mul, l1.clone(), i(0), "[]"),
        (Mul, t1.clone(), i(2), "(1, 1)"),
        (Add, t1.clone(), t1.clone(), "(1, 1)"),
        (
            Add,
            s("a"),
            i(1),
            "TypeError: can only concatenate str (not \"int\") to str",
        ),
        (
            Add,
            i(1),
            s("a"),
            "TypeError: unsupported operand type(s) for +: 'int' and 'str'",
        ),
        (
            Add,
            l1.clone(),
            t1.clone(),
            "TypeError: can only concatenate list (not \"tuple\") to list",
        ),
        (
            Add,
            t1.clone(),
            l1.clone(),
            "TypeError: can only concatenate tuple (not \"list\") to tuple",
        ),
        (
            Mul,
            s("a"),
            s("b"),
            "TypeError: can't multiply sequence by non-int of type 'str'",
        ),
        (
            Sub,
            s("a"),
            s("b"),
            "TypeError: unsupported operand type(s) for -: 'str' and 'str'",
        ),
        (
            Add,
            Value::None,
            Value::None,
            "TypeError: unsupported operand type(s) for +: 'NoneType' and 'NoneType'",
        ),
    ];
    for (op, a, b, want) in cases {
        assert_eq!(
            eval(op, &a, &b),
            want,
            "{} {} {}",
            r(&a),
            op_symbol(op),
            r(&b)
        );
    }
}

#[test]
fn dates_table() {
    use BinOp::*;
    let d = |y, m, dd| Value::Date(NaiveDate::from_ymd_opt(y, m, dd).unwrap());
    let dt = |y, m, dd, h| {
        Value::DateTime(
            NaiveDate::from_ymd_opt(y, m, dd)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap(),
        )
    };
    let cases: Vec<(BinOp, Value, Value, &str)> = vec![
        (
            Sub,
            dt(2020, 1, 1, 0),
            dt(2019, 12, 31, 12),
            "datetime.timedelta(seconds=43200)",
        ),
        (
            Add,
            dt(2020, 1, 1, 0),
            td(1, 3600),
            "datetime.datetime(2020, 1, 2, 1, 0)",
        ),
        (
            Sub,
            dt(2020, 1, 1, 0),
            td(0, 1),
            "datetime.datetime(2019, 12, 31, 23, 59, 59)",
        ),
        (
            Sub,
            d(2020, 3, 1),
            d(2020, 2, 1),
            "datetime.timedelta(days=29)",
        ),
        (
            Add,
            d(2020, 1, 1),
            td(1, 90000),
            "datetime.date(2020, 1, 3)",
        ),
        (Div, td(1, 0), td(0, 5 * 3600), "4.8"),
        (FloorDiv, td(1, 0), td(0, 5 * 3600), "4"),
        (
            Mod,
            td(1, 0),
            td(0, 5 * 3600),
            "datetime.timedelta(seconds=14400)",
        ),
        (
            Mul,
            f(2.5),
            td(0, 1),
            "datetime.timedelta(seconds=2, microseconds=500000)",
        ),
        (
            Div,
            td(0, 1),
            i(3),
            "datetime.timedelta(microseconds=333333)",
        ),
        (
            Div,
            td(1, 0),
            i(0),
            "ZeroDivisionError: integer division or modulo by zero",
        ),
        (
            Add,
            d(2020, 1, 1),
            i(1),
            "TypeError: unsupported operand type(s) for +: 'datetime.date' and 'int'",
        ),
        (
            Add,
            td(1, 0),
            i(1),
            "TypeError: unsupported operand type(s) for +: 'datetime.timedelta' and 'int'",
        ),
    ];
    for (op, a, b, want) in cases {
        assert_eq!(
            eval(op, &a, &b),
            want,
            "{} {} {}",
            r(&a),
            op_symbol(op),
            r(&b)
        );
    }
}

fn cmp_show(op: CmpOp, a: &Value, b: &Value) -> String {
    match compare_op(op, a, b) {
        Ok(Some(x)) => if x { "True" } else { "False" }.into(),
        Ok(None) => "unsupported".into(),
        Err(e) => e.to_string(),
    }
}

#[test]
fn comparisons_table() {
    use CmpOp::*;
    let nan = f(f64::NAN);
    let cases: Vec<(CmpOp, Value, Value, &str)> = vec![
        (Lt, i(1), f(1.5), "True"),
        (Lt, Value::Bool(true), i(2), "True"),
        (Ge, i(i64::MAX), f(2f64.powi(63)), "False"),
        (Lt, i(i64::MAX), f(2f64.powi(63)), "True"),
        (Lt, nan.clone(), i(1), "False"),
        (Ge, nan.clone(), i(1), "False"),
        (Lt, s("B"), s("a"), "True"),
        (Lt, s("é"), s("z"), "False"),
        (
            Lt,
            Value::list(vec![i(1), i(2)]),
            Value::list(vec![i(1), i(3)]),
            "True",
        ),
        (
            Lt,
            Value::list(vec![i(1)]),
            Value::list(vec![i(1), i(0)]),
            "True",
        ),
        (
            Gt,
            Value::tuple(vec![i(2)]),
            Value::tuple(vec![i(1), i(9)]),
            "True",
        ),
        (
            Lt,
            Value::None,
            i(1),
            "TypeError: '<' not supported between instances of 'NoneType' and 'int'",
        ),
        (
            Gt,
            i(1),
            Value::None,
            "TypeError: '>' not supported between instances of 'int' and 'NoneType'",
        ),
        (
            Ge,
            i(1),
            s("a"),
            "TypeError: '>=' not supported between instances of 'int' and 'str'",
        ),
        (
            Lt,
            Value::list(vec![i(1), i(2)]),
            Value::list(vec![i(1), s("a")]),
            "TypeError: '<' not supported between instances of 'int' and 'str'",
        ),
        (
            Lt,
            Value::list(vec![]),
            Value::tuple(vec![]),
            "TypeError: '<' not supported between instances of 'list' and 'tuple'",
        ),
        (
            Lt,
            td(1, 0),
            i(1),
            "TypeError: '<' not supported between instances of 'datetime.timedelta' and 'int'",
        ),
        (Lt, td(-1, 0), td(0, 0), "True"),
        (Eq, i(1), f(1.0), "True"),
        (Eq, i(1), s("1"), "False"),
        (Ne, Value::None, Value::None, "False"),
        (Is, Value::None, Value::None, "True"),
    ];
    for (op, a, b, want) in cases {
        assert_eq!(cmp_show(op, &a, &b), want, "{} {op:?} {}", r(&a), r(&b));
    }
    assert_eq!(compare(&i(3), &f(2.5)).unwrap(), Ordering::Greater);
    assert_eq!(
        compare(&Value::None, &i(1)).unwrap_err().to_string(),
        "TypeError: '<' not supported between instances of 'NoneType' and 'int'"
    );
}

#[test]
fn membership_table() {
    use CmpOp::*;
    let mut d = crate::value::Dict::default();
    d.insert(s("a"), i(1)).unwrap();
    let d = Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(d)));
    let cases: Vec<(CmpOp, Value, Value, &str)> = vec![
        (In, s("bc"), s("abcd"), "True"),
        (In, s(""), s("abc"), "True"),
        (NotIn, s("x"), s("abc"), "True"),
        (
            In,
            i(1),
            s("a"),
            "TypeError: 'in <string>' requires string as left operand, not int",
        ),
        (In, i(2), Value::list(vec![i(1), f(2.0)]), "True"),
        (
            In,
            Value::list(vec![i(1)]),
            Value::list(vec![Value::list(vec![i(1)])]),
            "True",
        ),
        (In, i(1), Value::tuple(vec![Value::Bool(true)]), "True"),
        (In, s("a"), d.clone(), "True"),
        (In, i(1), d.clone(), "False"),
        (
            In,
            Value::list(vec![]),
            d.clone(),
            "TypeError: unhashable type: 'list'",
        ),
        (In, i(3), Value::range(0, 10, 3), "True"),
        (In, i(4), Value::range(0, 10, 3), "False"),
        (In, i(10), Value::range(0, 10, 1), "False"),
        (In, i(8), Value::range(10, 0, -2), "True"),
        (In, f(3.0), Value::range(0, 5, 1), "True"),
        (In, f(1.5), Value::range(0, 5, 1), "False"),
        (
            In,
            Value::Bytes(b"a"[..].into()),
            Value::Bytes(b"abc"[..].into()),
            "True",
        ),
        (In, i(97), Value::Bytes(b"abc"[..].into()), "True"),
        (In, s("a"), i(1), "unsupported"),
    ];
    for (op, a, b, want) in cases {
        assert_eq!(cmp_show(op, &a, &b), want, "{} {op:?} {}", r(&a), r(&b));
    }
}

#[test]
fn unary_table() {
    assert_eq!(show(unary_neg(&Value::Bool(true))), "-1");
    assert_eq!(show(unary_neg(&f(0.0))), "-0.0");
    assert_eq!(show(unary_pos(&Value::Bool(true))), "1");
    assert_eq!(show(unary_invert(&i(5))), "-6");
    assert_eq!(show(unary_invert(&Value::Bool(false))), "-1");
    assert_eq!(
        show(unary_neg(&td(0, 1))),
        "datetime.timedelta(days=-1, seconds=86399)"
    );
    assert_eq!(show(unary_neg(&s("a"))), "unsupported");
    assert_eq!(
        unary_error("-", &s("a")).to_string(),
        "TypeError: bad operand type for unary -: 'str'"
    );
    assert_eq!(
        unary_error("~", &f(1.5)).to_string(),
        "TypeError: bad operand type for unary ~: 'float'"
    );
}
