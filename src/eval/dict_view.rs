//! Python's dict views: what `d.keys()`, `d.values()` and `d.items()`
//! return — live views of the dict (a key set after the view was taken
//! shows in it), printed `dict_keys(['a', 'b'])`, not subscriptable,
//! with `len`, `in` and iteration; the keys and items views are sets for
//! `| & - ^` (CPython's `dictviews_or` and friends build a `set`).

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::syntax::ast::BinOp;
use crate::value::{Dict, Object, Value};

/// Which view: `dict_keys`, `dict_values` or `dict_items`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Keys,
    Values,
    Items,
}

/// A view of a dict (CPython's `_PyDictViewObject`).
pub struct DictView {
    pub part: Part,
    pub dict: Rc<RefCell<Dict>>,
}

impl Object for DictView {
    fn type_name(&self) -> &str {
        match self.part {
            Part::Keys => "dict_keys",
            Part::Values => "dict_values",
            Part::Items => "dict_items",
        }
    }

    fn py_len(&self) -> Option<usize> {
        Some(self.dict.borrow().len())
    }

    /// `==`: a keys or items view is a set to it (CPython's
    /// `dictview_richcompare`: equal to a set, frozenset or set-like view
    /// of the same members); a values view only to itself.
    fn py_eq_obj(&self, other: &dyn Object) -> Option<Result<bool>> {
        set_like_eq(self, other)
    }
}

/// `view == other` for a keys or items view and a set, frozenset or
/// set-like view (None otherwise: compared by identity).
pub fn set_like_eq(view: &DictView, other: &dyn Object) -> Option<Result<bool>> {
    if view.part == Part::Values {
        return None;
    }
    let any = other as &dyn std::any::Any;
    let set_like = any
        .downcast_ref::<DictView>()
        .is_some_and(|v| v.part != Part::Values)
        || any.is::<crate::eval::pyset::PySet>();
    if !set_like {
        return None;
    }
    Some((|| {
        if other.py_len() != Some(view.dict.borrow().len()) {
            return Ok(false);
        }
        for m in view.members() {
            if !set_like_contains(other, &m)? {
                return Ok(false);
            }
        }
        Ok(true)
    })())
}

/// `v in other` for a set, frozenset or keys/items view.
fn set_like_contains(other: &dyn Object, v: &Value) -> Result<bool> {
    let any = other as &dyn std::any::Any;
    if let Some(s) = any.downcast_ref::<crate::eval::pyset::PySet>() {
        return s.table.borrow().contains(v);
    }
    let Some(view) = any.downcast_ref::<DictView>() else {
        return Ok(false);
    };
    let d = view.dict.borrow();
    match (view.part, v) {
        (Part::Keys, _) => Ok(d.get(v).is_some()),
        (Part::Items, Value::Tuple(kv)) if kv.len() == 2 => match d.get(&kv[0]) {
            Some(have) => have.py_eq(&kv[1]),
            None => Ok(false),
        },
        _ => Ok(false),
    }
}

impl DictView {
    /// What iterating the view gives now: keys, values or `(key, value)`.
    pub fn members(&self) -> Vec<Value> {
        let d = self.dict.borrow();
        d.iter()
            .map(|(k, v)| match self.part {
                Part::Keys => k.clone(),
                Part::Values => v.clone(),
                Part::Items => Value::tuple(vec![k.clone(), v.clone()]),
            })
            .collect()
    }
}

/// `d.keys()`, `d.values()`, `d.items()` (Python's `dict.keys` …): the
/// view, or None for another method name.
pub fn view(d: &Rc<RefCell<Dict>>, name: &str) -> Option<Value> {
    let part = match name {
        "keys" => Part::Keys,
        "values" => Part::Values,
        "items" => Part::Items,
        _ => return None,
    };
    Some(Value::obj(DictView {
        part,
        dict: d.clone(),
    }))
}

/// The repr: `dict_keys(['a', 'b'])`, as CPython's `dictview_repr`.
pub fn repr(me: &mut Interp, v: &Value, out: &mut String) -> Result<bool> {
    let Some(view) = v.downcast::<DictView>() else {
        return Ok(false);
    };
    out.push_str(view.type_name());
    out.push('(');
    out.push_str(&me.repr_value(&Value::list(view.members()))?);
    out.push(')');
    Ok(true)
}

/// `x in view`: a key looked up (`dict_keys`), a pair's key looked up and
/// its value compared (`dict_items`), the values walked (`dict_values`).
pub fn contains(me: &mut Interp, view: &DictView, needle: &Value) -> Result<bool> {
    match view.part {
        Part::Keys => me.contains(&Value::Dict(view.dict.clone()), needle),
        Part::Values => crate::value::position(&view.members(), needle).map(|p| p.is_some()),
        Part::Items => {
            let Value::Tuple(t) = needle else {
                return Ok(false);
            };
            let [k, v] = &t[..] else {
                return Ok(false);
            };
            crate::value::compare::check_hashable(k)?;
            let found = view.dict.borrow().get(k).cloned();
            match found {
                Some(have) => crate::value::position(&[have], v).map(|p| p.is_some()),
                None => Ok(false),
            }
        }
    }
}

/// Is `v` a view that is a set (`dict_keys`, `dict_items`)?
fn set_like(v: &Value) -> bool {
    v.downcast::<DictView>()
        .is_some_and(|d| d.part != Part::Values)
}

/// `view | other`, `&`, `-`, `^` with a keys or items view on either side:
/// both made sets, then the set operation (its result a `set`); None when
/// neither side is such a view or the operator is another.
pub fn binary(me: &mut Interp, op: BinOp, a: &Value, b: &Value) -> Option<Result<Value>> {
    if !matches!(
        op,
        BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
    ) || !(set_like(a) || set_like(b))
    {
        return None;
    }
    Some((|| {
        let as_set = |me: &mut Interp, v: &Value| -> Result<Value> {
            crate::eval::pyset_ops::make(me, Args::new("set", vec![v.clone()]), false).map_err(
                |_| {
                    Error::type_(format!(
                        "unsupported operand type(s) for {}: '{}' and '{}'",
                        op.symbol(),
                        a.type_name(),
                        b.type_name()
                    ))
                },
            )
        };
        let (x, y) = (as_set(me, a)?, as_set(me, b)?);
        crate::eval::pyset_ops::binary(op, &x, &y)
            .unwrap_or_else(|| Err(Error::type_("a set operation needs two sets")))
    })())
}
