//! Python's `list` and `tuple` methods with CPython 3.11 semantics and
//! error wording, as one table each (`LIST`, `TUPLE`; `count` and `index`
//! are shared). `sort` is a stable merge sort that, like CPython's
//! timsort, asks "is the later item less than the earlier one?" (so a
//! TypeError names the operands in Python's order) and calls `key=`
//! through `Host::call`.

use std::cell::RefCell;
use std::cmp::Ordering;

use crate::error::{Error, ErrorKind, Result};
use crate::value::args::{Arity, Call, index_arg, int_arg, iterate_with, slice_bounds};
use crate::value::compare::compare;
use crate::value::methods::{Method, Methods, NO_ARGS, Params, arg, one};
use crate::value::repr::{Host, repr};
use crate::value::{Value, position};

/// A list's items: the receiver of `LIST`'s methods.
type List = RefCell<Vec<Value>>;

/// The bound arguments of a call.
type Args<'a> = &'a [Option<Value>];

/// `value[, start[, stop]]`, positional only (`index`).
const VALUE_RANGE: Params = Params::Fixed(&["value", "start", "stop"], Arity::Expected(1, 3), &[]);

/// Every method of `list`.
pub static LIST: Methods<List> = Methods {
    type_name: "list",
    methods: &[
        Method::mutating(
            "append",
            one(&["object"]),
            append,
            "Append object to the end of the list.",
        ),
        Method::mutating("clear", NO_ARGS, clear, "Remove all items from list."),
        Method::new("copy", NO_ARGS, copy, "Return a shallow copy of the list."),
        Method::new(
            "count",
            one(&["value"]),
            |l, c, a, h| count(&l.borrow().clone(), c, a, h),
            "Return number of occurrences of value.",
        ),
        Method::mutating(
            "extend",
            one(&["iterable"]),
            extend,
            "Extend list by appending elements from the iterable.",
        ),
        Method::new(
            "index",
            VALUE_RANGE,
            |l, c, a, h| index(&l.borrow().clone(), c, a, h),
            "Return first index of value.",
        ),
        Method::mutating(
            "insert",
            Params::Fixed(&["index", "object"], Arity::Expected(2, 2), &[]),
            insert,
            "Insert object before index.",
        ),
        Method::mutating(
            "pop",
            Params::Fixed(&["index"], Arity::Expected(0, 1), &[]),
            pop,
            "Remove and return item at index (default last).",
        ),
        Method::mutating(
            "remove",
            one(&["value"]),
            remove,
            "Remove first occurrence of value.",
        ),
        Method::mutating("reverse", NO_ARGS, reverse, "Reverse *IN PLACE*."),
        Method::mutating(
            "sort",
            Params::Own,
            sort_method,
            "Sort the list in ascending order and return None.",
        ),
    ],
};

/// Every method of `tuple`.
pub static TUPLE: Methods<[Value]> = Methods {
    type_name: "tuple",
    methods: &[
        Method::new(
            "count",
            one(&["value"]),
            count,
            "Return number of occurrences of value.",
        ),
        Method::new("index", VALUE_RANGE, index, "Return first index of value."),
    ],
};

/// `list.append(object)`
fn append(l: &List, _: &Call, a: Args, _: &mut dyn Host) -> Result<Value> {
    crate::value::push_item(&mut l.borrow_mut(), arg(a, 0))?;
    Ok(Value::None)
}

/// `list.extend(iterable)`
fn extend(l: &List, _: &Call, a: Args, host: &mut dyn Host) -> Result<Value> {
    let items = iterate_with(&arg(a, 0), host)?;
    let n = l.borrow().len().saturating_add(items.len());
    crate::value::reserve_items(n)?;
    l.borrow_mut().extend(items);
    Ok(Value::None)
}

/// `list.insert(index, object)`: a negative index counts from the end; out
/// of range clamps.
fn insert(l: &List, _: &Call, a: Args, _: &mut dyn Host) -> Result<Value> {
    let i = int_arg(&arg(a, 0))?;
    let mut v = l.borrow_mut();
    let n = v.len() as i64;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
    crate::value::room_for_one(&mut v)?;
    v.insert(at as usize, arg(a, 1));
    Ok(Value::None)
}

/// `list.pop(index=-1)`
fn pop(l: &List, _: &Call, a: Args, _: &mut dyn Host) -> Result<Value> {
    let i = match &a[0] {
        Some(v) => int_arg(v)?,
        None => -1,
    };
    let mut v = l.borrow_mut();
    if v.is_empty() {
        return Err(Error::new(ErrorKind::IndexError, "pop from empty list"));
    }
    let n = v.len() as i64;
    let at = if i < 0 { i + n } else { i };
    if !(0..n).contains(&at) {
        return Err(Error::new(ErrorKind::IndexError, "pop index out of range"));
    }
    Ok(v.remove(at as usize))
}

/// `list.remove(value)`: the first item that is `value` or equal to it.
fn remove(l: &List, _: &Call, a: Args, _: &mut dyn Host) -> Result<Value> {
    let x = arg(a, 0);
    let at = position(&l.borrow(), &x)?;
    match at {
        Some(i) => {
            l.borrow_mut().remove(i);
            Ok(Value::None)
        }
        None => Err(Error::value("list.remove(x): x not in list")),
    }
}

/// `list.clear()`
fn clear(l: &List, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    l.borrow_mut().clear();
    Ok(Value::None)
}

/// `list.copy()`
fn copy(l: &List, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    Ok(Value::list(l.borrow().clone()))
}

/// `list.reverse()`
fn reverse(l: &List, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    l.borrow_mut().reverse();
    Ok(Value::None)
}

/// `list.sort(*, key=None, reverse=False)`: keyword arguments only.
fn sort_method(l: &List, c: &Call, _: Args, host: &mut dyn Host) -> Result<Value> {
    if !c.args.is_empty() {
        return Err(Error::type_("sort() takes no positional arguments"));
    }
    let a = c.bind(&["key", "reverse"], Arity::Takes(0, 0), &["key", "reverse"])?;
    let items = l.borrow().clone();
    let sorted = sort(
        items,
        a[0].as_ref(),
        a[1].as_ref().is_some_and(Value::truthy),
        host,
    )?;
    *l.borrow_mut() = sorted;
    Ok(Value::None)
}

/// `count(value)` of a list or tuple: items that are `value` or equal to it.
fn count(items: &[Value], _: &Call, a: Args, _: &mut dyn Host) -> Result<Value> {
    let x = arg(a, 0);
    let mut n = 0;
    for v in items {
        n += v.same_or_eq(&x)? as i64;
    }
    Ok(Value::Int(n))
}

/// `index(value[, start[, stop]])` of a list or tuple.
fn index(items: &[Value], c: &Call, a: Args, host: &mut dyn Host) -> Result<Value> {
    let x = arg(a, 0);
    let bound = |v: &Option<Value>| {
        index_arg(v)
            .map_err(|_| Error::type_("slice indices must be integers or have an __index__ method"))
    };
    let (st, en) = slice_bounds(items.len(), bound(&a[1])?, bound(&a[2])?);
    let found = position(&items[st..en.max(st)], &x)?.map(|i| st + i);
    match found {
        Some(i) => Ok(Value::Int(i as i64)),
        None if c.type_name == "tuple" => Err(Error::value("tuple.index(x): x not in tuple")),
        None => Err(Error::value(format!("{} is not in list", repr(&x, host)?))),
    }
}

/// Stable sort of `items` by `key` (called through the host), reversed on
/// request; the first comparison error is returned.
pub fn sort(
    items: Vec<Value>,
    key: Option<&Value>,
    reverse: bool,
    host: &mut dyn Host,
) -> Result<Vec<Value>> {
    let keys = match key {
        Some(f) if !matches!(f, Value::None) => items
            .iter()
            .map(|v| host.call(f, vec![v.clone()]))
            .collect::<Result<Vec<_>>>()?,
        _ => items.clone(),
    };
    let mut order: Vec<usize> = (0..items.len()).collect();
    // `later < earlier`, the question timsort asks.
    let lt = |later: usize, earlier: usize| -> Result<bool> {
        let o = if reverse {
            compare(&keys[earlier], &keys[later])?
        } else {
            compare(&keys[later], &keys[earlier])?
        };
        Ok(o == Ordering::Less)
    };
    merge_sort(&mut order, &lt)?;
    Ok(order.into_iter().map(|i| items[i].clone()).collect())
}

fn merge_sort(v: &mut [usize], lt: &dyn Fn(usize, usize) -> Result<bool>) -> Result<()> {
    if v.len() <= 1 {
        return Ok(());
    }
    let mid = v.len() / 2;
    merge_sort(&mut v[..mid], lt)?;
    merge_sort(&mut v[mid..], lt)?;
    let (left, right) = (v[..mid].to_vec(), v[mid..].to_vec());
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        if lt(right[j], left[i])? {
            v[k] = right[j];
            j += 1;
        } else {
            v[k] = left[i];
            i += 1;
        }
        k += 1;
    }
    for &x in left[i..].iter().chain(&right[j..]) {
        v[k] = x;
        k += 1;
    }
    Ok(())
}

#[cfg(test)]
#[path = "list_methods_tests.rs"]
mod tests;
