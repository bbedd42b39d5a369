//! list/tuple/dict method table, every row generated from CPython 3.11 (see
//! the comment on `cases`).

#![allow(clippy::type_complexity)]

use std::rc::Rc;

use super::*;
use crate::value::Dict;
use crate::value::methods::{DICT, call};
use crate::value::repr::tests::{TestHost, r};

#[path = "list_methods_list_cases.rs"]
mod list_cases;

fn s(x: &str) -> Value {
    Value::str(x)
}

fn dict(pairs: Vec<(Value, Value)>) -> Value {
    let mut d = Dict::default();
    for (k, v) in pairs {
        d.insert(k, v).unwrap();
    }
    Value::Dict(Rc::new(RefCell::new(d)))
}

#[test]
fn methods_match_python() {
    let mut failures = Vec::new();
    for (recv, name, args, kwargs, want, want_after) in cases() {
        let before = r(&recv);
        let got = match call(&recv, name, &args, &kwargs, &mut TestHost) {
            None => "no such method".to_string(),
            Some(Ok(v)) => r(&v),
            Some(Err(e)) => e.to_string(),
        };
        let after = r(&recv);
        if got != want || after != want_after {
            failures.push(format!(
                "{before}.{name}{}: got {got} / {after}, want {want} / {want_after}",
                r(&Value::tuple(args))
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn method_lists() {
    for recv in [Value::list(vec![]), Value::tuple(vec![]), dict(vec![])] {
        let names: Vec<&str> = match &recv {
            Value::List(_) => LIST.names().collect(),
            Value::Tuple(_) => TUPLE.names().collect(),
            _ => DICT.names().collect(),
        };
        for m in names {
            let res = call(&recv.clone(), m, &[], &[], &mut TestHost);
            assert!(res.is_some(), "{}.{m}", recv.type_name());
        }
        assert!(call(&recv, "nope", &[], &[], &mut TestHost).is_none());
    }
    assert!(call(&Value::Int(1), "count", &[], &[], &mut TestHost).is_none());
}

/// A list that contains itself can still count, remove and compare.
#[test]
fn self_reference_does_not_panic() {
    let l = Value::list(vec![Value::Int(1)]);
    if let Value::List(v) = &l {
        v.borrow_mut().push(l.clone());
    }
    let n = call(&l, "count", std::slice::from_ref(&l), &[], &mut TestHost);
    assert_eq!(r(&n.unwrap().unwrap()), "1");
    call(&l, "remove", std::slice::from_ref(&l), &[], &mut TestHost)
        .unwrap()
        .unwrap();
    assert_eq!(r(&l), "[1]");
}

// (receiver, method, args, kwargs, result, receiver afterwards): `repr()`s
// from CPython 3.11, running `r = RECV; x = r.METHOD(*ARGS, **KW)`; errors
// as `Kind: message` (KeyError shows the repr of its key, as Python prints).
// Key functions are given by name: len, neg (`lambda x: -x`), lower.
// keys/values/items are wrapped in list() (ormsh returns lists, not views).
fn cases() -> Vec<(
    Value,
    &'static str,
    Vec<Value>,
    Vec<(Rc<str>, Value)>,
    &'static str,
    &'static str,
)> {
    let mut cases = list_cases::cases();
    cases.extend(vec![
        (
            Value::tuple(vec![Value::Int(1), Value::Int(2), Value::Int(1)]),
            "count",
            vec![Value::Int(1)],
            vec![],
            "2",
            "(1, 2, 1)",
        ),
        (
            Value::tuple(vec![Value::Int(1), Value::Int(2), Value::Int(1)]),
            "index",
            vec![Value::Int(2)],
            vec![],
            "1",
            "(1, 2, 1)",
        ),
        (
            Value::tuple(vec![Value::Int(1)]),
            "index",
            vec![Value::Int(2)],
            vec![],
            "ValueError: tuple.index(x): x not in tuple",
            "(1,)",
        ),
        (
            dict(vec![(s("a"), Value::Int(1))]),
            "get",
            vec![s("a")],
            vec![],
            "1",
            "{'a': 1}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1))]),
            "get",
            vec![s("b")],
            vec![],
            "None",
            "{'a': 1}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1))]),
            "get",
            vec![s("b"), Value::Int(0)],
            vec![],
            "0",
            "{'a': 1}",
        ),
        (
            dict(vec![]),
            "get",
            vec![],
            vec![],
            "TypeError: get expected at least 1 argument, got 0",
            "{}",
        ),
        (
            dict(vec![]),
            "get",
            vec![Value::Int(1), Value::Int(2), Value::Int(3)],
            vec![],
            "TypeError: get expected at most 2 arguments, got 3",
            "{}",
        ),
        (
            dict(vec![]),
            "get",
            vec![Value::list(vec![Value::Int(1)])],
            vec![],
            "TypeError: unhashable type: 'list'",
            "{}",
        ),
        (
            dict(vec![(Value::Int(1), s("x"))]),
            "get",
            vec![Value::Float(1.0)],
            vec![],
            "'x'",
            "{1: 'x'}",
        ),
        (
            dict(vec![(Value::Int(1), s("x"))]),
            "get",
            vec![Value::Bool(true)],
            vec![],
            "'x'",
            "{1: 'x'}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1)), (s("b"), Value::Int(2))]),
            "keys",
            vec![],
            vec![],
            "['a', 'b']",
            "{'a': 1, 'b': 2}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1)), (s("b"), Value::Int(2))]),
            "values",
            vec![],
            vec![],
            "[1, 2]",
            "{'a': 1, 'b': 2}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1)), (s("b"), Value::Int(2))]),
            "items",
            vec![],
            vec![],
            "[('a', 1), ('b', 2)]",
            "{'a': 1, 'b': 2}",
        ),
        (
            dict(vec![]),
            "keys",
            vec![Value::Int(1)],
            vec![],
            "TypeError: dict.keys() takes no arguments (1 given)",
            "{}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1))]),
            "pop",
            vec![s("a")],
            vec![],
            "1",
            "{}",
        ),
        (
            dict(vec![]),
            "pop",
            vec![s("a")],
            vec![],
            "KeyError: 'a'",
            "{}",
        ),
        (
            dict(vec![]),
            "pop",
            vec![Value::Int(1)],
            vec![],
            "KeyError: 1",
            "{}",
        ),
        (
            dict(vec![]),
            "pop",
            vec![s("a"), Value::Int(5)],
            vec![],
            "5",
            "{}",
        ),
        (
            dict(vec![]),
            "pop",
            vec![],
            vec![],
            "TypeError: pop expected at least 1 argument, got 0",
            "{}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1)), (s("b"), Value::Int(2))]),
            "popitem",
            vec![],
            vec![],
            "('b', 2)",
            "{'a': 1}",
        ),
        (
            dict(vec![]),
            "popitem",
            vec![],
            vec![],
            "KeyError: 'popitem(): dictionary is empty'",
            "{}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1))]),
            "setdefault",
            vec![s("a"), Value::Int(5)],
            vec![],
            "1",
            "{'a': 1}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1))]),
            "setdefault",
            vec![s("b"), Value::Int(5)],
            vec![],
            "5",
            "{'a': 1, 'b': 5}",
        ),
        (
            dict(vec![]),
            "setdefault",
            vec![s("b")],
            vec![],
            "None",
            "{'b': None}",
        ),
        (
            dict(vec![]),
            "setdefault",
            vec![],
            vec![],
            "TypeError: setdefault expected at least 1 argument, got 0",
            "{}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1))]),
            "update",
            vec![dict(vec![(s("b"), Value::Int(2)), (s("a"), Value::Int(3))])],
            vec![],
            "None",
            "{'a': 3, 'b': 2}",
        ),
        (
            dict(vec![]),
            "update",
            vec![Value::list(vec![
                Value::tuple(vec![s("a"), Value::Int(1)]),
                Value::list(vec![s("b"), Value::Int(2)]),
            ])],
            vec![],
            "None",
            "{'a': 1, 'b': 2}",
        ),
        (
            dict(vec![]),
            "update",
            vec![],
            vec![(Rc::from("a"), Value::Int(1))],
            "None",
            "{'a': 1}",
        ),
        (
            dict(vec![]),
            "update",
            vec![Value::Int(1)],
            vec![],
            "TypeError: 'int' object is not iterable",
            "{}",
        ),
        (
            dict(vec![]),
            "update",
            vec![Value::list(vec![Value::Int(1)])],
            vec![],
            "TypeError: cannot convert dictionary update sequence element #0 to a sequence",
            "{}",
        ),
        (
            dict(vec![]),
            "update",
            vec![Value::list(vec![Value::tuple(vec![
                s("a"),
                Value::Int(1),
                Value::Int(2),
            ])])],
            vec![],
            "ValueError: dictionary update sequence element #0 has length 3; 2 is required",
            "{}",
        ),
        (
            dict(vec![]),
            "update",
            vec![dict(vec![]), dict(vec![])],
            vec![],
            "TypeError: update expected at most 1 argument, got 2",
            "{}",
        ),
        (
            dict(vec![(s("a"), Value::Int(1))]),
            "clear",
            vec![],
            vec![],
            "None",
            "{}",
        ),
        (
            dict(vec![(s("a"), Value::list(vec![Value::Int(1)]))]),
            "copy",
            vec![],
            vec![],
            "{'a': [1]}",
            "{'a': [1]}",
        ),
    ]);
    cases
}
