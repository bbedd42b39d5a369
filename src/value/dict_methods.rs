//! Python's `dict` methods with CPython 3.11 semantics and error wording,
//! as one table (`DICT`). `keys`/`values`/`items` return lists (ormsh has
//! no view objects).

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::value::args::{Arity, Call, iterate};
use crate::value::compare::check_hashable;
use crate::value::methods::{Method, Methods, NO_ARGS, Params, arg};
use crate::value::repr::Host;
use crate::value::{Dict, Value};

/// A dict: the receiver of `DICT`'s methods.
type D = RefCell<Dict>;

/// The bound arguments of a call.
type Args<'a> = &'a [Option<Value>];

/// `key[, default]`, positional only (`get`, `pop`, `setdefault`).
const KEY_DEFAULT: Params = Params::Fixed(&["key", "default"], Arity::Expected(1, 2), &[]);

/// Every method of `dict`.
pub static DICT: Methods<D> = Methods {
    type_name: "dict",
    methods: &[
        Method::mutating("clear", NO_ARGS, clear, "Remove all items from the dict."),
        Method::new("copy", NO_ARGS, copy, "Return a shallow copy of the dict."),
        Method::new(
            "get",
            KEY_DEFAULT,
            get,
            "Return the value for key if key is in the dictionary, else default.",
        ),
        Method::new(
            "items",
            NO_ARGS,
            view,
            "Return a list of the dict's (key, value) pairs.",
        ),
        Method::new("keys", NO_ARGS, view, "Return a list of the dict's keys."),
        Method::mutating(
            "pop",
            KEY_DEFAULT,
            pop,
            "Remove the key and return its value, or default; KeyError when there is neither.",
        ),
        Method::mutating(
            "popitem",
            NO_ARGS,
            popitem,
            "Remove and return a (key, value) pair as a 2-tuple.",
        ),
        Method::mutating(
            "setdefault",
            KEY_DEFAULT,
            setdefault,
            "Insert key with a value of default if key is not in the dictionary.",
        ),
        Method::mutating(
            "update",
            Params::Own,
            update,
            "Update the dict from a dict or iterable of pairs, then from the keyword arguments.",
        ),
        Method::new(
            "values",
            NO_ARGS,
            view,
            "Return a list of the dict's values.",
        ),
    ],
};

/// `dict.get(key, default=None)`
fn get(d: &D, _: &Call, a: Args, _: &mut dyn Host) -> Result<Value> {
    let k = arg(a, 0);
    check_hashable(&k)?;
    let found = d.borrow().get(&k).cloned();
    Ok(found.unwrap_or_else(|| arg(a, 1)))
}

/// `dict.keys()`, `values()` and `items()` (by the name called), as lists.
fn view(d: &D, c: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    let d = d.borrow();
    Ok(Value::list(
        d.iter()
            .map(|(k, v)| match c.name {
                "keys" => k.clone(),
                "values" => v.clone(),
                _ => Value::tuple(vec![k.clone(), v.clone()]),
            })
            .collect(),
    ))
}

/// `dict.pop(key[, default])`
fn pop(d: &D, _: &Call, a: Args, _: &mut dyn Host) -> Result<Value> {
    let k = arg(a, 0);
    check_hashable(&k)?;
    let removed = d.borrow_mut().remove(&k);
    match (removed, &a[1]) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(key_error(&k)),
    }
}

/// `dict.popitem()`: the last pair inserted.
fn popitem(d: &D, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    let last = d.borrow_mut().pop_last();
    let (k, v) = last.ok_or_else(|| {
        crate::value::exc_args::key_error(
            Value::str("popitem(): dictionary is empty"),
            "'popitem(): dictionary is empty'",
        )
    })?;
    Ok(Value::tuple(vec![k, v]))
}

/// `dict.setdefault(key, default=None)`
fn setdefault(d: &D, _: &Call, a: Args, _: &mut dyn Host) -> Result<Value> {
    let k = arg(a, 0);
    check_hashable(&k)?;
    let existing = d.borrow().get(&k).cloned();
    match existing {
        Some(v) => Ok(v),
        None => {
            let v = arg(a, 1);
            d.borrow_mut().insert(k, v.clone())?;
            Ok(v)
        }
    }
}

/// `dict.update([other, ]**kwargs)`: `other` is a dict or an iterable of
/// pairs; the keywords come after it.
fn update(d: &D, c: &Call, _: Args, host: &mut dyn Host) -> Result<Value> {
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
            for (n, item) in crate::value::args::iterate_with(other, host)?
                .iter()
                .enumerate()
            {
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
    Ok(Value::None)
}

/// `dict.clear()`
fn clear(d: &D, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    d.borrow_mut().clear();
    Ok(Value::None)
}

/// `dict.copy()`
fn copy(d: &D, _: &Call, _: Args, _: &mut dyn Host) -> Result<Value> {
    Ok(Value::Dict(Rc::new(RefCell::new(d.borrow().clone()))))
}

/// Python's `KeyError` for a missing key: the key's repr.
fn key_error(k: &Value) -> Error {
    let shown = match k {
        Value::Str(s) => crate::value::repr::str_repr(s),
        Value::Int(i) => i.to_string(),
        _ => crate::value::repr::repr(k, &mut NoHost).unwrap_or_else(|_| "<key>".into()),
    };
    crate::value::exc_args::key_error(k.clone(), shown)
}

/// A host for reprs of keys (plain values only; objects show their type).
pub(crate) struct NoHost;

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
