//! The set algebra as CPython computes it (`set_intersection`,
//! `set_difference`, `set_symmetric_difference`, `set_issubset`, …),
//! member by member in the order its loops take, so results print in
//! Python's order; the operators `| & - ^` and `< <= > >=` between sets,
//! `set(iterable)` and `frozenset(iterable)`, and `x in s`.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pyset::{PySet, Table, hash_of};
use crate::syntax::ast::{BinOp, CmpOp};
use crate::value::Value;

/// A copy of a set's table (`set_copy`: merged into a new table).
pub fn copy(t: &Table) -> Result<Table> {
    let mut out = Table::default();
    out.merge(t)?;
    Ok(out)
}

/// `a & b` (the smaller walked, its members kept).
pub fn intersection(a: &Table, b: &Table) -> Result<Table> {
    let (small, big) = if b.len() > a.len() { (a, b) } else { (b, a) };
    let mut out = Table::default();
    for (h, v) in small.entries() {
        if big.contains_hashed(h, &v)? {
            out.add_hashed(h, v)?;
        }
    }
    Ok(out)
}

/// `a - b`.
pub fn difference(a: &Table, b: &Table) -> Result<Table> {
    if (a.len() >> 2) > b.len() {
        let mut out = copy(a)?;
        difference_update(&mut out, b)?;
        return Ok(out);
    }
    let mut out = Table::default();
    for (h, v) in a.entries() {
        if !b.contains_hashed(h, &v)? {
            out.add_hashed(h, v)?;
        }
    }
    Ok(out)
}

/// `a -= b` (`set_difference_update_internal`).
pub fn difference_update(a: &mut Table, b: &Table) -> Result<()> {
    for (h, v) in b.entries() {
        a.discard_hashed(h, &v)?;
    }
    a.compact()
}

/// `a ^ b`: a copy of `b`, then each member of `a` removed from it or
/// added to it.
pub fn symmetric_difference(a: &Table, b: &Table) -> Result<Table> {
    let mut out = copy(b)?;
    symmetric_update(&mut out, a)?;
    Ok(out)
}

/// `a ^= b`.
pub fn symmetric_update(a: &mut Table, b: &Table) -> Result<()> {
    for (h, v) in b.entries() {
        if !a.discard_hashed(h, &v)? {
            a.add_hashed(h, v)?;
        }
    }
    Ok(())
}

/// `a <= b`.
pub fn is_subset(a: &Table, b: &Table) -> Result<bool> {
    if a.len() > b.len() {
        return Ok(false);
    }
    for (h, v) in a.entries() {
        if !b.contains_hashed(h, &v)? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Do `a` and `b` share no member?
pub fn is_disjoint(a: &Table, b: &Table) -> Result<bool> {
    let (small, big) = if b.len() > a.len() { (a, b) } else { (b, a) };
    for (h, v) in small.entries() {
        if big.contains_hashed(h, &v)? {
            return Ok(false);
        }
    }
    Ok(true)
}

impl Interp {
    /// `set_update_internal`: a set merged, a dict's keys added after one
    /// resize, any other iterable's items added one by one.
    pub(crate) fn set_update(&mut self, t: &mut Table, v: &Value) -> Result<()> {
        if let Some(s) = v.downcast::<PySet>() {
            let other = s.table.borrow().clone();
            return t.merge(&other);
        }
        if let Value::Dict(d) = v {
            let keys: Vec<Value> = d.borrow().keys().cloned().collect();
            if (t.fill() + keys.len()) * 5 >= t.mask() * 3 {
                t.resize((t.len() + keys.len()) * 2)?;
            }
            for k in keys {
                t.add(k)?;
            }
            return Ok(());
        }
        for x in self.to_vec(v)? {
            t.add(x)?;
        }
        Ok(())
    }

    /// `set_intersection` with any iterable: a set's smaller side walked,
    /// else the iterable's items in order.
    pub(crate) fn set_intersection(&mut self, t: &Table, v: &Value) -> Result<Table> {
        if let Some(other) = self.as_table(v)? {
            return intersection(t, &other);
        }
        let mut out = Table::default();
        for x in self.to_vec(v)? {
            let h = hash_of(&x)?;
            if t.contains_hashed(h, &x)? {
                out.add_hashed(h, x)?;
            }
        }
        Ok(out)
    }

    /// `set_difference` with any iterable (a non-set: copied, then each
    /// item discarded).
    pub(crate) fn set_difference(&mut self, t: &Table, v: &Value) -> Result<Table> {
        if let Some(other) = self.as_table(v)? {
            return difference(t, &other);
        }
        let mut out = copy(t)?;
        self.set_difference_update(&mut out, v)?;
        Ok(out)
    }

    /// `set_difference_update_internal` with any iterable.
    pub(crate) fn set_difference_update(&mut self, t: &mut Table, v: &Value) -> Result<()> {
        if let Some(other) = self.as_table(v)? {
            return difference_update(t, &other);
        }
        for x in self.to_vec(v)? {
            t.discard(&x)?;
        }
        t.compact()
    }

    /// A set's own table as it is laid out, or a dict's keys as a set;
    /// `None` for another iterable (walked in its own order).
    pub(crate) fn as_table(&mut self, v: &Value) -> Result<Option<Table>> {
        if let Some(s) = v.downcast::<PySet>() {
            return Ok(Some(s.table.borrow().clone()));
        }
        if matches!(v, Value::Dict(_)) {
            return self.set_table(v).map(Some);
        }
        Ok(None)
    }

    /// A new set of an iterable's items (`make_new_set`: a set merged
    /// into a fresh table), what a set method given any iterable works on.
    pub(crate) fn set_table(&mut self, v: &Value) -> Result<Table> {
        let mut t = Table::default();
        self.set_update(&mut t, v)?;
        Ok(t)
    }
}

/// `set(iterable)` / `frozenset(iterable)`.
pub(crate) fn make(me: &mut Interp, a: Args, frozen: bool) -> Result<Value> {
    let name = if frozen { "frozenset" } else { "set" };
    if !a.kw.is_empty() {
        return Err(Error::type_(format!("{name}() takes no keyword arguments")));
    }
    if a.pos.len() > 1 {
        return Err(Error::type_(format!(
            "{name} expected at most 1 argument, got {}",
            a.pos.len()
        )));
    }
    let Some(src) = a.pos.first() else {
        return Ok(PySet::value(Table::default(), frozen));
    };
    if frozen
        && let Some(s) = src.downcast::<PySet>()
        && s.frozen
    {
        return Ok(src.clone());
    }
    let t = if let Some(s) = src.downcast::<PySet>() {
        copy(&s.table.borrow())?
    } else {
        me.set_table(src).map_err(|e| e.at(a.span_of(0)))?
    };
    Ok(PySet::value(t, frozen))
}

/// `a OP b` between two sets (`| & - ^`); `None` when an operand is not
/// a set. The result has the left operand's type.
pub fn binary(op: BinOp, a: &Value, b: &Value) -> Option<Result<Value>> {
    let (x, y) = (a.downcast::<PySet>()?, b.downcast::<PySet>()?);
    let frozen = x.frozen;
    let r = (|| {
        let (xt, yt) = (x.table.borrow(), y.table.borrow());
        let t = match op {
            BinOp::BitOr => {
                let mut t = copy(&xt)?;
                if !Rc::ptr_eq(&x, &y) {
                    t.merge(&yt)?;
                }
                t
            }
            BinOp::BitAnd => intersection(&xt, &yt)?,
            BinOp::Sub => difference(&xt, &yt)?,
            BinOp::BitXor => symmetric_difference(&xt, &yt)?,
            _ => return Err(unsupported(op.symbol(), a, b)),
        };
        Ok(PySet::value(t, frozen))
    })();
    Some(r)
}

fn unsupported(sym: &str, a: &Value, b: &Value) -> Error {
    Error::type_(format!(
        "unsupported operand type(s) for {sym}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    ))
}

/// `a < b`, `a <= b`, `a > b`, `a >= b` between sets (subset tests);
/// `None` when an operand is not a set.
pub fn compare(op: CmpOp, a: &Value, b: &Value) -> Option<Result<bool>> {
    let (x, y) = (a.downcast::<PySet>()?, b.downcast::<PySet>()?);
    let (xt, yt) = (x.table.borrow(), y.table.borrow());
    Some(match op {
        CmpOp::Le => is_subset(&xt, &yt),
        CmpOp::Ge => is_subset(&yt, &xt),
        CmpOp::Lt => Ok(xt.len() < yt.len()).and_then(|p| Ok(p && is_subset(&xt, &yt)?)),
        CmpOp::Gt => Ok(yt.len() < xt.len()).and_then(|p| Ok(p && is_subset(&yt, &xt)?)),
        _ => return None,
    })
}

/// `x in s` for a set `s` (a set `x` is looked up as a frozenset).
pub fn contains(haystack: &Value, needle: &Value) -> Option<Result<bool>> {
    let s = haystack.downcast::<PySet>()?;
    Some((|| {
        let h = match needle.downcast::<PySet>() {
            Some(n) => n.table.borrow().frozen_hash(),
            None => hash_of(needle)?,
        };
        s.table.borrow().contains_hashed(h, needle)
    })())
}

/// `s |= t`, `s &= t`, `s -= t`, `s ^= t` on a set: the set changed in
/// place (what another name for it sees too); `None` when `s` is not a
/// mutable set or `t` not a set (a frozenset makes a new one).
pub fn augment(op: BinOp, cur: &Value, rhs: &Value) -> Option<Result<()>> {
    let s = cur.downcast::<PySet>().filter(|s| !s.frozen)?;
    let o = rhs.downcast::<PySet>()?;
    let other = o.table.borrow().clone();
    let mut t = s.table.borrow().clone();
    let r = match op {
        BinOp::BitOr => t.merge(&other),
        BinOp::BitAnd => intersection(&t, &other).map(|x| t = x),
        BinOp::Sub => difference_update(&mut t, &other),
        BinOp::BitXor => symmetric_update(&mut t, &other),
        _ => return None,
    };
    *s.table.borrow_mut() = t;
    Some(r)
}
