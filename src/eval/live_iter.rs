//! Python's iterators over the live container: a list (and an
//! `InstrumentedList`, a list subclass in SQLAlchemy) is walked by an index
//! that re-reads the length at each step, as CPython's `listiterator` does,
//! so a loop that removes or appends while it runs sees the change; a dict
//! or set changed in size while it is walked is Python's `RuntimeError`. Values that
//! cannot change while walked (tuples, strings, query results) are walked
//! from a copy. `enumerate`, `zip` and `reversed` are lazy iterator objects
//! over such cursors (`PyIter`), used once, as in Python.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::orm::relation::Collection;
use crate::value::dict::Dict;
use crate::value::{Object, Value, range_len};

/// Where an iteration stands: CPython's iterator objects, one per kind of
/// container.
pub enum Cursor {
    /// `range`: computed, never stored.
    Range { next: i64, left: i64, step: i64 },
    /// `listiterator`: the next index into the live list.
    List {
        list: Rc<RefCell<Vec<Value>>>,
        at: usize,
    },
    /// `listreverseiterator`: the next index, going down.
    ListRev {
        list: Rc<RefCell<Vec<Value>>>,
        at: usize,
    },
    /// An `InstrumentedList`, walked as a list.
    Coll { coll: Rc<Collection>, at: usize },
    /// An `InstrumentedList` walked by `reversed()`.
    CollRev { coll: Rc<Collection>, at: usize },
    /// `dict_keyiterator`: the size it started with (a change is a
    /// `RuntimeError`) and how many keys are left to give.
    Dict {
        dict: Rc<RefCell<Dict>>,
        at: usize,
        size: usize,
        left: usize,
    },
    /// `set_iterator`: the next slot of the live set and the size it
    /// started with (a change is a `RuntimeError`).
    Set {
        set: Rc<crate::eval::pyset::PySet>,
        at: usize,
        size: usize,
    },
    /// A value that does not change while walked, copied once.
    Items(std::vec::IntoIter<Value>),
    /// An iterator object (`enumerate(...)`, …): its state is shared.
    Iter(Rc<PyIter>),
    /// Exhausted: a list iterator that has run out stays out.
    Done,
}

/// Item `at` of a collection, as Python sees it (`None` kept).
fn coll_item(coll: &Collection, at: usize) -> Option<Value> {
    let items = coll.items.borrow();
    items
        .get(at)
        .map(|x| x.clone().map_or(Value::None, |x| Value::Obj(x)))
}

impl Cursor {
    /// The next item (CPython's `tp_iternext`), or `None` at the end.
    pub fn next(&mut self, me: &mut Interp) -> Result<Option<Value>> {
        let item = match self {
            Cursor::Range { next, left, step } => {
                if *left <= 0 {
                    None
                } else {
                    let x = *next;
                    *left -= 1;
                    *next = next.wrapping_add(*step);
                    Some(Value::Int(x))
                }
            }
            Cursor::List { list, at } => {
                let got = list.borrow().get(*at).cloned();
                *at += 1;
                got
            }
            Cursor::ListRev { list, at } => {
                let got = at
                    .checked_sub(1)
                    .and_then(|i| list.borrow().get(i).cloned());
                *at = at.saturating_sub(1);
                got
            }
            Cursor::Coll { coll, at } => {
                let got = coll_item(coll, *at);
                *at += 1;
                got
            }
            Cursor::CollRev { coll, at } => {
                let got = at.checked_sub(1).and_then(|i| coll_item(coll, i));
                *at = at.saturating_sub(1);
                got
            }
            Cursor::Dict {
                dict,
                at,
                size,
                left,
            } => {
                let d = dict.borrow();
                if d.len() != *size {
                    drop(d);
                    *self = Cursor::Done;
                    return Err(Error::new(
                        ErrorKind::RuntimeError,
                        "dictionary changed size during iteration",
                    )
                    .with_help("iterate over a copy: for k in list(d): ..."));
                }
                match d.key_at(*at).cloned() {
                    Some(_) if *left == 0 => {
                        drop(d);
                        *self = Cursor::Done;
                        return Err(Error::new(
                            ErrorKind::RuntimeError,
                            "dictionary keys changed during iteration",
                        )
                        .with_help("iterate over a copy: for k in list(d): ..."));
                    }
                    Some(k) => {
                        *at += 1;
                        *left -= 1;
                        Some(k)
                    }
                    None => None,
                }
            }
            Cursor::Set { set, at, size } => {
                let t = set.table.borrow();
                if t.len() != *size {
                    drop(t);
                    *self = Cursor::Done;
                    return Err(Error::new(
                        ErrorKind::RuntimeError,
                        "Set changed size during iteration",
                    )
                    .with_help("iterate over a copy: for x in set(s): ..."));
                }
                let got = t.next_from(*at);
                drop(t);
                got.map(|(v, next)| {
                    *at = next;
                    v
                })
            }
            Cursor::Items(it) => it.next(),
            Cursor::Iter(it) => return it.next(me),
            Cursor::Done => None,
        };
        if item.is_none() {
            *self = Cursor::Done;
        }
        Ok(item)
    }
}

impl Interp {
    /// A cursor over `v` (Python's `iter(v)`): live for lists, collections
    /// and dicts, a copy for the rest (a value that is not iterable is
    /// Python's TypeError here, before any item).
    pub fn cursor(&mut self, v: &Value) -> Result<Cursor> {
        Ok(match v {
            Value::List(l) => Cursor::List {
                list: l.clone(),
                at: 0,
            },
            Value::Dict(d) => {
                let size = d.borrow().len();
                Cursor::Dict {
                    dict: d.clone(),
                    at: 0,
                    size,
                    left: size,
                }
            }
            Value::Range(r) => Cursor::Range {
                next: r.0,
                left: range_len(r.0, r.1, r.2),
                step: r.2,
            },
            Value::Obj(_) => {
                if let Some(coll) = v.downcast::<Collection>() {
                    Cursor::Coll { coll, at: 0 }
                } else if let Some(set) = v.downcast::<crate::eval::pyset::PySet>() {
                    let size = set.table.borrow().len();
                    Cursor::Set { set, at: 0, size }
                } else if let Some(it) = v.downcast::<PyIter>() {
                    Cursor::Iter(it)
                } else if let Some(view) = v.downcast::<crate::eval::dict_view::DictView>()
                    && view.part == crate::eval::dict_view::Part::Keys
                {
                    // Walked live, as the dict is.
                    return self.cursor(&Value::Dict(view.dict.clone()));
                } else {
                    Cursor::Items(self.to_vec(v)?.into_iter())
                }
            }
            _ => Cursor::Items(self.to_vec(v)?.into_iter()),
        })
    }

    /// A cursor walking `v` backwards (Python's `reversed(v)`): live for
    /// lists and collections; an iterator object is not reversible.
    pub fn reverse_cursor(&mut self, v: &Value) -> Result<Cursor> {
        if let Value::List(l) = v {
            let at = l.borrow().len();
            return Ok(Cursor::ListRev {
                list: l.clone(),
                at,
            });
        }
        if let Some(coll) = v.downcast::<Collection>() {
            let at = coll.items.borrow().len();
            return Ok(Cursor::CollRev { coll, at });
        }
        if let Some(it) = v.downcast::<PyIter>() {
            return Err(Error::type_(format!(
                "'{}' object is not reversible",
                it.type_name()
            )));
        }
        let mut items = self.to_vec(v)?;
        items.reverse();
        Ok(Cursor::Items(items.into_iter()))
    }
}

/// What an iterator object makes of its cursors.
pub enum IterKind {
    /// `enumerate(it, start)`: the next count.
    Enumerate(Cursor, i64),
    /// `zip(*its, strict=...)`.
    Zip(Vec<Cursor>, bool),
    /// `reversed(seq)`.
    Reversed(Cursor),
    /// `map(function, *iterables)` (`eval::builtins_lazy`).
    Map(Value, Vec<Cursor>),
    /// `filter(function, iterable)`; `None` keeps the true items.
    Filter(Option<Value>, Cursor),
    /// `(x for x in xs)` (`eval::generator`).
    Gen(Box<crate::eval::generator::GenState>),
    /// A generator function's generator (`eval::gen_fn`).
    GenFn(Box<crate::eval::gen_fn::GenFnState>),
    /// `iter(x)`: a plain iterator over a container, by its type's name.
    Plain(Cursor, &'static str),
    /// `result.partitions(size)`: SQLAlchemy's generator, taking the next
    /// `size` rows from the result's cursor at each step.
    Partitions(Rc<crate::eval::objects::ResultSet>, usize),
}

/// `enumerate`, `zip` and `list_reverseiterator` objects: lazy, used once.
pub struct PyIter(pub RefCell<IterKind>);

impl Object for PyIter {
    fn type_name(&self) -> &str {
        match &*self.0.borrow() {
            IterKind::Enumerate(..) => "enumerate",
            IterKind::Zip(..) => "zip",
            IterKind::Reversed(Cursor::ListRev { .. } | Cursor::CollRev { .. }) => {
                "list_reverseiterator"
            }
            IterKind::Reversed(_) => "reversed",
            IterKind::Map(..) => "map",
            IterKind::Filter(..) => "filter",
            IterKind::Gen(_) | IterKind::GenFn(_) | IterKind::Partitions(..) => "generator",
            IterKind::Plain(_, name) => name,
        }
    }
}

impl PyIter {
    /// A new iterator object as a value.
    pub fn value(kind: IterKind) -> Value {
        Value::obj(PyIter(RefCell::new(kind)))
    }

    /// The next item. The state is taken out while its cursors run, so an
    /// iterator that meets itself (`zip(e, e)`) sees itself exhausted
    /// rather than borrowing twice.
    fn next(&self, me: &mut Interp) -> Result<Option<Value>> {
        let mut kind =
            std::mem::replace(&mut *self.0.borrow_mut(), IterKind::Reversed(Cursor::Done));
        let r = step(&mut kind, me);
        *self.0.borrow_mut() = kind;
        r
    }
}

fn step(kind: &mut IterKind, me: &mut Interp) -> Result<Option<Value>> {
    match kind {
        IterKind::Enumerate(c, n) => {
            let Some(v) = c.next(me)? else {
                return Ok(None);
            };
            let i = *n;
            *n = n
                .checked_add(1)
                .ok_or_else(|| Error::new(ErrorKind::OverflowError, "enumerate count overflow"))?;
            Ok(Some(Value::tuple(vec![Value::Int(i), v])))
        }
        IterKind::Reversed(c) => c.next(me),
        IterKind::Zip(cs, strict) => zip_step(cs, *strict, me),
        IterKind::Map(f, cs) => crate::eval::builtins_lazy::map_step(f, cs, me),
        IterKind::Filter(f, c) => crate::eval::builtins_lazy::filter_step(f, c, me),
        IterKind::Gen(g) => crate::eval::generator::gen_step(g, me),
        IterKind::GenFn(g) => crate::eval::gen_fn::step(g, me),
        IterKind::Plain(c, _) => c.next(me),
        IterKind::Partitions(rs, size) => {
            if *size == 0 {
                return Ok(None);
            }
            let part = crate::eval::results::take_some(rs, *size)?;
            Ok((!part.is_empty()).then(|| Value::list(part)))
        }
    }
}

/// One tuple of `zip`, or its end; with `strict`, Python's ValueError
/// naming the first argument that is shorter or longer.
fn zip_step(cs: &mut [Cursor], strict: bool, me: &mut Interp) -> Result<Option<Value>> {
    if cs.is_empty() {
        return Ok(None);
    }
    let mut row = Vec::with_capacity(cs.len());
    for k in 0..cs.len() {
        match cs[k].next(me)? {
            Some(v) => row.push(v),
            None if !strict => return Ok(None),
            None if k > 0 => return Err(zip_unequal(k, "shorter")),
            None => {
                for (j, c) in cs.iter_mut().enumerate().skip(1) {
                    if c.next(me)?.is_some() {
                        return Err(zip_unequal(j, "longer"));
                    }
                }
                return Ok(None);
            }
        }
    }
    Ok(Some(Value::tuple(row)))
}

/// `zip() argument 2 is shorter than argument 1`, as Python words it.
fn zip_unequal(k: usize, what: &str) -> Error {
    Error::value(format!(
        "zip() argument {} is {what} than argument{}",
        k + 1,
        if k == 1 {
            " 1".to_string()
        } else {
            format!("s 1-{k}")
        }
    ))
}
