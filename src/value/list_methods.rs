//! Python's `list`, `tuple` and `dict` methods with CPython 3.11 semantics
//! and error wording. `sort` is a stable merge sort that, like CPython's
//! timsort, asks "is the later item less than the earlier one?" (so a
//! TypeError names the operands in Python's order) and calls `key=`
//! through `Host::call`. `dict.keys/values/items` return lists (ormsh has
//! no view objects).

use std::cell::RefCell;
use std::cmp::Ordering;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::value::args::{Arity, Call, index_arg, int_arg, iterate, slice_bounds};
use crate::value::ops::{check_hashable, compare};
use crate::value::repr::{Host, repr};
use crate::value::{Dict, Value, position};

const LIST: &[&str] = &[
    "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove", "reverse",
    "sort",
];
const TUPLE: &[&str] = &["count", "index"];
const DICT: &[&str] = &[
    "clear",
    "copy",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
];

/// Call `recv.name(*args, **kwargs)` on a list, tuple or dict; `None` when
/// the receiver has no such method.
pub fn call(
    recv: &Value,
    name: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    host: &mut dyn Host,
) -> Option<Result<Value>> {
    if !methods(recv).contains(&name) {
        return None;
    }
    let c = Call {
        type_name: recv.type_name(),
        name,
        args,
        kwargs,
    };
    Some(match recv {
        Value::List(l) => list_call(l, &c, host),
        Value::Tuple(t) => seq_call(t, &c, host),
        Value::Dict(d) => dict_call(d, &c),
        _ => return None,
    })
}

/// Method names per receiver type, for "did you mean" and completion.
pub fn methods(recv: &Value) -> &'static [&'static str] {
    match recv {
        Value::List(_) => LIST,
        Value::Tuple(_) => TUPLE,
        Value::Dict(_) => DICT,
        _ => &[],
    }
}

fn arg(a: &[Option<Value>], i: usize) -> Value {
    a.get(i).cloned().flatten().unwrap_or(Value::None)
}

fn list_call(l: &Rc<RefCell<Vec<Value>>>, c: &Call, host: &mut dyn Host) -> Result<Value> {
    use Arity::*;
    match c.name {
        "append" => {
            let a = c.bind(&["object"], One, &[])?;
            crate::value::push_item(&mut l.borrow_mut(), arg(&a, 0))?;
        }
        "extend" => {
            let a = c.bind(&["iterable"], One, &[])?;
            let items = iterate(&arg(&a, 0))?;
            let n = l.borrow().len().saturating_add(items.len());
            crate::value::reserve_items(n)?;
            l.borrow_mut().extend(items);
        }
        "insert" => {
            let a = c.bind(&["index", "object"], Expected(2, 2), &[])?;
            let i = int_arg(&arg(&a, 0))?;
            let mut v = l.borrow_mut();
            let n = v.len() as i64;
            let at = if i < 0 { (i + n).max(0) } else { i.min(n) };
            crate::value::room_for_one(&mut v)?;
            v.insert(at as usize, arg(&a, 1));
        }
        "pop" => {
            let a = c.bind(&["index"], Expected(0, 1), &[])?;
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
            return Ok(v.remove(at as usize));
        }
        "remove" => {
            let a = c.bind(&["value"], One, &[])?;
            let x = arg(&a, 0);
            let at = position(&l.borrow(), &x)?;
            match at {
                Some(i) => {
                    l.borrow_mut().remove(i);
                }
                None => {
                    return Err(Error::value("list.remove(x): x not in list"));
                }
            }
        }
        "clear" => {
            c.bind(&[], NoArgs, &[])?;
            l.borrow_mut().clear();
        }
        "copy" => {
            c.bind(&[], NoArgs, &[])?;
            return Ok(Value::list(l.borrow().clone()));
        }
        "reverse" => {
            c.bind(&[], NoArgs, &[])?;
            l.borrow_mut().reverse();
        }
        "sort" => {
            if !c.args.is_empty() {
                return Err(Error::type_("sort() takes no positional arguments"));
            }
            let a = c.bind(&["key", "reverse"], Takes(0, 0), &["key", "reverse"])?;
            let items = l.borrow().clone();
            let sorted = sort(
                items,
                a[0].as_ref(),
                a[1].as_ref().is_some_and(Value::truthy),
                host,
            )?;
            *l.borrow_mut() = sorted;
        }
        _ => {
            let items = l.borrow().clone();
            return seq_call(&items, c, host);
        }
    }
    Ok(Value::None)
}

/// `count` and `index`, shared by list and tuple.
fn seq_call(items: &[Value], c: &Call, host: &mut dyn Host) -> Result<Value> {
    match c.name {
        "count" => {
            let a = c.bind(&["value"], Arity::One, &[])?;
            let x = arg(&a, 0);
            let mut n = 0;
            for v in items {
                n += v.same_or_eq(&x)? as i64;
            }
            Ok(Value::Int(n))
        }
        "index" => {
            let a = c.bind(&["value", "start", "stop"], Arity::Expected(1, 3), &[])?;
            let x = arg(&a, 0);
            let bound = |v: &Option<Value>| {
                index_arg(v).map_err(|_| {
                    Error::type_("slice indices must be integers or have an __index__ method")
                })
            };
            let (st, en) = slice_bounds(items.len(), bound(&a[1])?, bound(&a[2])?);
            let found = position(&items[st..en.max(st)], &x)?.map(|i| st + i);
            match found {
                Some(i) => Ok(Value::Int(i as i64)),
                None if c.type_name == "tuple" => {
                    Err(Error::value("tuple.index(x): x not in tuple"))
                }
                None => Err(Error::value(format!("{} is not in list", repr(&x, host)?))),
            }
        }
        _ => Err(Error::attr(format!(
            "'{}' object has no attribute '{}'",
            c.type_name, c.name
        ))),
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

fn key_error(k: &Value) -> Error {
    let shown = match k {
        Value::Str(s) => crate::value::repr::str_repr(s),
        Value::Int(i) => i.to_string(),
        _ => crate::value::repr::repr(k, &mut NoHost).unwrap_or_else(|_| "<key>".into()),
    };
    Error::new(ErrorKind::KeyError, shown)
}

/// A host for reprs of keys (plain values only; objects show their type).
struct NoHost;

impl Host for NoHost {
    fn repr_obj(&mut self, obj: &Rc<dyn crate::value::Object>, out: &mut String) -> Result<()> {
        out.push_str(&format!("<{} object>", obj.type_name()));
        Ok(())
    }
    fn call(&mut self, f: &Value, _args: Vec<Value>) -> Result<Value> {
        Err(Error::type_(format!(
            "'{}' object is not callable",
            f.type_name()
        )))
    }
}

fn dict_call(d: &Rc<RefCell<Dict>>, c: &Call) -> Result<Value> {
    use Arity::*;
    Ok(match c.name {
        "get" => {
            let a = c.bind(&["key", "default"], Expected(1, 2), &[])?;
            let k = arg(&a, 0);
            check_hashable(&k)?;
            d.borrow().get(&k).cloned().unwrap_or_else(|| arg(&a, 1))
        }
        "keys" | "values" | "items" => {
            c.bind(&[], NoArgs, &[])?;
            let d = d.borrow();
            Value::list(
                d.iter()
                    .map(|(k, v)| match c.name {
                        "keys" => k.clone(),
                        "values" => v.clone(),
                        _ => Value::tuple(vec![k.clone(), v.clone()]),
                    })
                    .collect(),
            )
        }
        "pop" => {
            let a = c.bind(&["key", "default"], Expected(1, 2), &[])?;
            let k = arg(&a, 0);
            check_hashable(&k)?;
            let removed = d.borrow_mut().remove(&k);
            match (removed, &a[1]) {
                (Some(v), _) => v,
                (None, Some(default)) => default.clone(),
                (None, None) => return Err(key_error(&k)),
            }
        }
        "popitem" => {
            c.bind(&[], NoArgs, &[])?;
            let last = d.borrow_mut().pop_last();
            let (k, v) = last.ok_or_else(|| {
                Error::new(ErrorKind::KeyError, "'popitem(): dictionary is empty'")
            })?;
            Value::tuple(vec![k, v])
        }
        "setdefault" => {
            let a = c.bind(&["key", "default"], Expected(1, 2), &[])?;
            let k = arg(&a, 0);
            check_hashable(&k)?;
            let existing = d.borrow().get(&k).cloned();
            match existing {
                Some(v) => v,
                None => {
                    let v = arg(&a, 1);
                    d.borrow_mut().insert(k, v.clone())?;
                    v
                }
            }
        }
        "update" => {
            if c.args.len() > 1 {
                return Err(Error::type_(format!(
                    "update expected at most 1 argument, got {}",
                    c.args.len()
                )));
            }
            let mut pairs = Vec::new();
            match c.args.first() {
                None => {}
                Some(Value::Dict(other)) => pairs.extend(other.borrow().pairs()),
                Some(other) => {
                    for (n, item) in iterate(other)?.iter().enumerate() {
                        let kv = match item {
                            Value::List(_) | Value::Tuple(_) | Value::Str(_) => iterate(item)?,
                            _ => {
                                return Err(Error::type_(format!(
                                    "cannot convert dictionary update sequence element #{n} to a sequence"
                                )));
                            }
                        };
                        if kv.len() != 2 {
                            return Err(Error::value(format!(
                                "dictionary update sequence element #{n} has length {}; 2 is required",
                                kv.len()
                            )));
                        }
                        pairs.push((kv[0].clone(), kv[1].clone()));
                    }
                }
            }
            pairs.extend(c.kwargs.iter().map(|(k, v)| (Value::str(k), v.clone())));
            for (k, _) in &pairs {
                check_hashable(k)?;
            }
            let mut m = d.borrow_mut();
            for (k, v) in pairs {
                m.insert(k, v)?;
            }
            Value::None
        }
        "clear" => {
            c.bind(&[], NoArgs, &[])?;
            d.borrow_mut().clear();
            Value::None
        }
        "copy" => {
            c.bind(&[], NoArgs, &[])?;
            Value::Dict(Rc::new(RefCell::new(d.borrow().clone())))
        }
        _ => {
            return Err(Error::attr(format!(
                "'dict' object has no attribute '{}'",
                c.name
            )));
        }
    })
}

#[cfg(test)]
#[path = "list_methods_tests.rs"]
mod tests;
