//! list/tuple/dict method table, every row generated from CPython 3.11 (see
//! the comment on `cases`).

#![allow(clippy::type_complexity)]

use std::rc::Rc;

use super::*;
use crate::value::Dict;
use crate::value::methods::{DICT, call};
use crate::value::repr::tests::{TestHost, r};

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
    vec![
        (
            Value::list(vec![Value::Int(1)]),
            "append",
            vec![Value::Int(2)],
            vec![],
            "None",
            "[1, 2]",
        ),
        (
            Value::list(vec![]),
            "append",
            vec![],
            vec![],
            "TypeError: list.append() takes exactly one argument (0 given)",
            "[]",
        ),
        (
            Value::list(vec![]),
            "append",
            vec![Value::Int(1), Value::Int(2)],
            vec![],
            "TypeError: list.append() takes exactly one argument (2 given)",
            "[]",
        ),
        (
            Value::list(vec![Value::Int(1)]),
            "extend",
            vec![Value::list(vec![Value::Int(2), Value::Int(3)])],
            vec![],
            "None",
            "[1, 2, 3]",
        ),
        (
            Value::list(vec![Value::Int(1)]),
            "extend",
            vec![s("ab")],
            vec![],
            "None",
            "[1, 'a', 'b']",
        ),
        (
            Value::list(vec![Value::Int(1)]),
            "extend",
            vec![Value::tuple(vec![Value::Int(2)])],
            vec![],
            "None",
            "[1, 2]",
        ),
        (
            Value::list(vec![]),
            "extend",
            vec![Value::Int(1)],
            vec![],
            "TypeError: 'int' object is not iterable",
            "[]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2)]),
            "insert",
            vec![Value::Int(0), Value::Int(9)],
            vec![],
            "None",
            "[9, 1, 2]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2)]),
            "insert",
            vec![Value::Int(-1), Value::Int(9)],
            vec![],
            "None",
            "[1, 9, 2]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2)]),
            "insert",
            vec![Value::Int(99), Value::Int(9)],
            vec![],
            "None",
            "[1, 2, 9]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2)]),
            "insert",
            vec![Value::Int(-99), Value::Int(9)],
            vec![],
            "None",
            "[9, 1, 2]",
        ),
        (
            Value::list(vec![]),
            "insert",
            vec![Value::Int(1)],
            vec![],
            "TypeError: insert expected 2 arguments, got 1",
            "[]",
        ),
        (
            Value::list(vec![]),
            "insert",
            vec![s("a"), Value::Int(1)],
            vec![],
            "TypeError: 'str' object cannot be interpreted as an integer",
            "[]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(3)]),
            "pop",
            vec![],
            vec![],
            "3",
            "[1, 2]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(3)]),
            "pop",
            vec![Value::Int(0)],
            vec![],
            "1",
            "[2, 3]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(3)]),
            "pop",
            vec![Value::Int(-1)],
            vec![],
            "3",
            "[1, 2]",
        ),
        (
            Value::list(vec![]),
            "pop",
            vec![],
            vec![],
            "IndexError: pop from empty list",
            "[]",
        ),
        (
            Value::list(vec![Value::Int(1)]),
            "pop",
            vec![Value::Int(5)],
            vec![],
            "IndexError: pop index out of range",
            "[1]",
        ),
        (
            Value::list(vec![Value::Int(1)]),
            "pop",
            vec![s("a")],
            vec![],
            "TypeError: 'str' object cannot be interpreted as an integer",
            "[1]",
        ),
        (
            Value::list(vec![]),
            "pop",
            vec![Value::Int(1), Value::Int(2)],
            vec![],
            "TypeError: pop expected at most 1 argument, got 2",
            "[]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(1)]),
            "remove",
            vec![Value::Int(1)],
            vec![],
            "None",
            "[2, 1]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2)]),
            "remove",
            vec![Value::Float(2.0)],
            vec![],
            "None",
            "[1]",
        ),
        (
            Value::list(vec![]),
            "remove",
            vec![Value::Int(1)],
            vec![],
            "ValueError: list.remove(x): x not in list",
            "[]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(1)]),
            "index",
            vec![Value::Int(1)],
            vec![],
            "0",
            "[1, 2, 1]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(1)]),
            "index",
            vec![Value::Int(1), Value::Int(1)],
            vec![],
            "2",
            "[1, 2, 1]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(1)]),
            "index",
            vec![Value::Int(1), Value::Int(-1)],
            vec![],
            "2",
            "[1, 2, 1]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2)]),
            "index",
            vec![Value::Int(3)],
            vec![],
            "ValueError: 3 is not in list",
            "[1, 2]",
        ),
        (
            Value::list(vec![s("a")]),
            "index",
            vec![s("b")],
            vec![],
            "ValueError: 'b' is not in list",
            "['a']",
        ),
        (
            Value::list(vec![]),
            "index",
            vec![],
            vec![],
            "TypeError: index expected at least 1 argument, got 0",
            "[]",
        ),
        (
            Value::list(vec![Value::Int(1)]),
            "index",
            vec![Value::Int(1), s("a")],
            vec![],
            "TypeError: slice indices must be integers or have an __index__ method",
            "[1]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(1)]),
            "count",
            vec![Value::Int(1)],
            vec![],
            "2",
            "[1, 2, 1]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Bool(true), Value::Float(1.0)]),
            "count",
            vec![Value::Int(1)],
            vec![],
            "3",
            "[1, True, 1.0]",
        ),
        (
            Value::list(vec![Value::Int(1)]),
            "count",
            vec![],
            vec![],
            "TypeError: list.count() takes exactly one argument (0 given)",
            "[1]",
        ),
        (
            Value::list(vec![Value::Int(3), Value::Int(1), Value::Int(2)]),
            "sort",
            vec![],
            vec![],
            "None",
            "[1, 2, 3]",
        ),
        (
            Value::list(vec![Value::Int(3), Value::Int(1), Value::Int(2)]),
            "sort",
            vec![],
            vec![(Rc::from("reverse"), Value::Bool(true))],
            "None",
            "[3, 2, 1]",
        ),
        (
            Value::list(vec![s("bb"), s("a"), s("ccc")]),
            "sort",
            vec![],
            vec![(Rc::from("key"), s("len"))],
            "None",
            "['a', 'bb', 'ccc']",
        ),
        (
            Value::list(vec![s("b"), s("A"), s("c")]),
            "sort",
            vec![],
            vec![(Rc::from("key"), s("lower"))],
            "None",
            "['A', 'b', 'c']",
        ),
        (
            Value::list(vec![s("b"), s("A"), s("c")]),
            "sort",
            vec![],
            vec![],
            "None",
            "['A', 'b', 'c']",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(3)]),
            "sort",
            vec![],
            vec![(Rc::from("key"), s("neg"))],
            "None",
            "[3, 2, 1]",
        ),
        (
            Value::list(vec![
                Value::tuple(vec![Value::Int(1), s("b")]),
                Value::tuple(vec![Value::Int(1), s("a")]),
                Value::tuple(vec![Value::Int(0), s("z")]),
            ]),
            "sort",
            vec![],
            vec![],
            "None",
            "[(0, 'z'), (1, 'a'), (1, 'b')]",
        ),
        (
            Value::list(vec![s("x"), s("yy"), s("z"), s("ww")]),
            "sort",
            vec![],
            vec![
                (Rc::from("key"), s("len")),
                (Rc::from("reverse"), Value::Bool(true)),
            ],
            "None",
            "['yy', 'ww', 'x', 'z']",
        ),
        (
            Value::list(vec![Value::Int(1), s("a")]),
            "sort",
            vec![],
            vec![],
            "TypeError: '<' not supported between instances of 'str' and 'int'",
            "[1, 'a']",
        ),
        (
            Value::list(vec![]),
            "sort",
            vec![Value::Int(1)],
            vec![],
            "TypeError: sort() takes no positional arguments",
            "[]",
        ),
        (
            Value::list(vec![]),
            "sort",
            vec![],
            vec![(Rc::from("x"), Value::Int(1))],
            "TypeError: 'x' is an invalid keyword argument for sort()",
            "[]",
        ),
        (
            Value::list(vec![Value::Float(2.5), Value::Int(1), Value::Bool(true)]),
            "sort",
            vec![],
            vec![],
            "None",
            "[1, True, 2.5]",
        ),
        (
            Value::list(vec![Value::None, Value::Int(1)]),
            "sort",
            vec![],
            vec![],
            "TypeError: '<' not supported between instances of 'int' and 'NoneType'",
            "[None, 1]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2), Value::Int(3)]),
            "reverse",
            vec![],
            vec![],
            "None",
            "[3, 2, 1]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::Int(2)]),
            "clear",
            vec![],
            vec![],
            "None",
            "[]",
        ),
        (
            Value::list(vec![]),
            "clear",
            vec![Value::Int(1)],
            vec![],
            "TypeError: list.clear() takes no arguments (1 given)",
            "[]",
        ),
        (
            Value::list(vec![Value::Int(1), Value::list(vec![Value::Int(2)])]),
            "copy",
            vec![],
            vec![],
            "[1, [2]]",
            "[1, [2]]",
        ),
        (
            Value::list(vec![]),
            "copy",
            vec![Value::Int(1)],
            vec![],
            "TypeError: list.copy() takes no arguments (1 given)",
            "[]",
        ),
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
    ]
}
