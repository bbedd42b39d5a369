//! Freeing values without recursion. Rust frees a list inside a list inside
//! a list… by recursion, one native frame chain per level, so freeing a
//! 200 000-deep list (`for i in range(200000): x = [x]`, then `x = None`)
//! would overflow the stack. Like CPython's "trashcan", dropping the last
//! reference to a container takes its contents out and frees them from an
//! explicit worklist: the stack stays flat however deep the data, and the
//! worklist holds one entry per level being freed (its items are not copied).
//! Objects that own values (a bound method's receiver, rows…) hand them
//! over through `Object::take_values`; ORM instances and collections, which
//! weak references name, through `Object::release_values` (so a chain of
//! objects 100 000 deep through a self-referential relationship frees flat).

use std::rc::Rc;

use crate::value::Value;
use crate::value::dict::Entries;

/// The contents of one container being freed, taken out of it.
enum Pending {
    Items(std::vec::IntoIter<Value>),
    /// A tuple this drop owns alone, and the index of its next item.
    Slice(Rc<[Value]>, usize),
    /// Dict entries; the value of the entry whose key was just handed out.
    Pairs(Entries, Option<Value>),
}

impl Pending {
    fn next(&mut self) -> Option<Value> {
        match self {
            Pending::Items(it) => it.next(),
            Pending::Slice(t, i) => {
                let items = Rc::get_mut(t)?;
                let v = std::mem::replace(items.get_mut(*i)?, Value::None);
                *i += 1;
                Some(v)
            }
            Pending::Pairs(it, value) => value.take().or_else(|| {
                let (k, v) = it.next()?;
                *value = Some(v);
                Some(k)
            }),
        }
    }
}

/// When `v` holds the last reference to a container (or value-owning
/// object), take its contents out, leaving it empty.
fn open(v: &mut Value) -> Option<Pending> {
    match v {
        Value::List(l) if Rc::strong_count(l) == 1 => {
            let items = std::mem::take(&mut *l.try_borrow_mut().ok()?);
            (!items.is_empty()).then(|| Pending::Items(items.into_iter()))
        }
        Value::Tuple(t) if Rc::strong_count(t) == 1 && !t.is_empty() => {
            let t = t.clone();
            // The old value goes (shallow: `t` still holds the tuple).
            *v = Value::None;
            Some(Pending::Slice(t, 0))
        }
        Value::Dict(d) if Rc::strong_count(d) == 1 => {
            let mut d = d.try_borrow_mut().ok()?;
            (!d.is_empty()).then(|| Pending::Pairs(d.take_entries(), None))
        }
        Value::Obj(o) => {
            let items = if Rc::strong_count(o) != 1 {
                return None;
            } else if Rc::weak_count(o) == 0 {
                Rc::get_mut(o)?.take_values()
            } else {
                // The last strong reference, with weak ones left.
                o.release_values()
            };
            (!items.is_empty()).then(|| Pending::Items(items.into_iter()))
        }
        _ => None,
    }
}

impl Drop for Value {
    fn drop(&mut self) {
        let Some(first) = open(self) else {
            return;
        };
        let mut pending = vec![first];
        while let Some(top) = pending.last_mut() {
            match top.next() {
                // Emptied first, `v` then drops without going deeper.
                Some(mut v) => pending.extend(open(&mut v)),
                None => {
                    pending.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;
    use crate::value::Dict;

    /// Nested `depth` deep through each kind of container in turn.
    fn deep(depth: usize) -> Value {
        let mut v = Value::Int(0);
        for i in 0..depth {
            v = match i % 3 {
                0 => Value::list(vec![v, Value::Int(1)]),
                1 => Value::tuple(vec![Value::str("x"), v]),
                _ => {
                    let mut d = Dict::default();
                    d.insert(Value::Int(1), v).expect("an int key");
                    Value::Dict(Rc::new(RefCell::new(d)))
                }
            };
        }
        v
    }

    /// Far deeper than a recursive drop survives on a 256 KB stack.
    #[test]
    fn a_million_levels_free_on_a_small_stack() {
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(|| drop(deep(1_000_000)))
            .unwrap()
            .join()
            .unwrap();
    }

    /// Shared inner parts stay alive and whole.
    #[test]
    fn shared_parts_survive() {
        let inner = Value::list(vec![Value::Int(7), deep(10)]);
        let outer = Value::list(vec![inner.clone(), inner.clone()]);
        drop(outer);
        let Value::List(l) = &inner else {
            panic!("a list")
        };
        assert_eq!(Rc::strong_count(l), 1);
        assert_eq!(l.borrow().len(), 2);
        assert!(matches!(l.borrow()[0], Value::Int(7)));
    }
}
