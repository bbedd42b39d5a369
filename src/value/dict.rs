//! Python's `dict`: an insertion-ordered hash map (indexmap, hashed with
//! rustc-hash) whose keys compare with Python's `==` — `1`, `1.0` and `True`
//! are one key — and must be hashable (no lists or dicts, also inside
//! tuples). Lookups and inserts take constant time on average, so building
//! a dict of n keys is linear in n.

use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::rc::Rc;

use indexmap::IndexMap;
use rustc_hash::FxHasher;

use crate::error::Result;
use crate::value::Value;
use crate::value::compare::check_hashable;

/// A dict key: a hashable [`Value`], hashed consistently with
/// [`Value::py_eq`] (Python's `hash(x) == hash(y)` whenever `x == y`).
/// Also the key of other maps by value (the flush's rows by key).
#[derive(Clone)]
pub struct Key(Value);

impl Key {
    /// The value as a key; `None` for a list or dict (also inside a tuple).
    pub fn new(v: Value) -> Option<Key> {
        check_hashable(&v).ok().map(|_| Key(v))
    }
}

/// A JSON document as Python's `json.loads` gives it: objects as dicts
/// in their order, integers as ints, other numbers as floats.
pub fn from_json(j: &serde_json::Value) -> Value {
    match j {
        serde_json::Value::Null => Value::None,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => match n.as_i64() {
            Some(i) => Value::Int(i),
            None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(s) => Value::str(s),
        serde_json::Value::Array(a) => Value::list(a.iter().map(from_json).collect()),
        serde_json::Value::Object(o) => {
            let mut d = Dict::default();
            for (k, v) in o {
                d.insert_str(k, from_json(v));
            }
            Value::Dict(std::rc::Rc::new(std::cell::RefCell::new(d)))
        }
    }
}

#[cfg(test)]
thread_local! {
    /// Key comparisons made, for the test that pins constant-time lookups.
    static EQ_CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl PartialEq for Key {
    fn eq(&self, other: &Key) -> bool {
        #[cfg(test)]
        EQ_CALLS.with(|n| n.set(n.get() + 1));
        // Keys are hashable: `key_eq` is `==` for them, without recursion.
        self.0.key_eq(&other.0)
    }
}

impl Eq for Key {}

impl Hash for Key {
    fn hash<H: Hasher>(&self, h: &mut H) {
        hash_value(&self.0, h);
    }
}

/// Hash a hashable value. Numbers hash through their `f64` value, because
/// `py_eq` compares an int with a float through it: equal numbers of any
/// type then hash alike (large ints that differ below a float's precision
/// merely share a bucket). Nested tuples are walked from a worklist (a key
/// may nest any depth), in the same order a recursive walk would take.
fn hash_value<H: Hasher>(v: &Value, h: &mut H) {
    let mut todo = vec![v];
    while let Some(v) = todo.pop() {
        hash_one(v, h, &mut todo);
    }
}

/// Hash `v` itself; a tuple's items are left on `todo`, first on top.
fn hash_one<'a, H: Hasher>(v: &'a Value, h: &mut H, todo: &mut Vec<&'a Value>) {
    if let Value::Obj(o) = v
        && let Some(m) = o.mixin_value()
    {
        // An IntEnum's or StrEnum's member hashes as its value.
        return hash_one(m, h, todo);
    }
    if let Some(items) = v.tuple_like() {
        // A tuple, or a `Row` that is equal to one: tagged alike.
        TUPLE_TAG.hash(h);
        items.len().hash(h);
        todo.extend(items.iter().rev());
        return;
    }
    std::mem::discriminant(&Numeric::of(v)).hash(h);
    match v {
        Value::None | Value::List(_) | Value::Dict(_) => {}
        Value::Bool(_) | Value::Int(_) | Value::Float(_) => {
            hash_number(v.as_f64().unwrap_or(0.0), h)
        }
        Value::Str(s) => s.hash(h),
        Value::Bytes(b) => b.hash(h),
        // Hashed above, as tuple-like.
        Value::Tuple(_) => {}
        Value::DateTime(d) => d.hash(h),
        Value::Aware(a) => (1u8, a.instant()).hash(h),
        Value::Date(d) => d.hash(h),
        Value::Time(t) => t.hash(h),
        Value::TimeDelta(t) => t.hash(h),
        // As the float nearest it: equal to an int or float, a decimal is
        // equal to its nearest float, so they hash alike (as Python's do).
        Value::Decimal(d) => hash_number(d.to_f64(), h),
        Value::Uuid(u) => u.hash(h),
        Value::Range(r) => (r.0, r.1, r.2).hash(h),
        Value::Obj(o) => match o.value_hash() {
            Some(Ok(x)) => x.hash(h),
            _ => (Rc::as_ptr(o) as *const () as usize).hash(h),
        },
    }
}

/// What a tuple-like key's hash starts with, in place of a discriminant.
const TUPLE_TAG: u64 = 0x0074_7570_6c65;

/// Hash a number through its nearest float.
fn hash_number<H: Hasher>(f: f64, h: &mut H) {
    if f.fract() == 0.0 && f.abs() < 9.2e18 {
        // Whole numbers as integers (0.0 and -0.0 alike), which
        // rustc-hash spreads well.
        (f as i64).hash(h);
    } else {
        f.to_bits().hash(h);
    }
}

/// The value's variant, with bool, int and float as one (they compare
/// equal across types), for the hash's first word.
enum Numeric<'a> {
    Number,
    Other(&'a Value),
}

impl<'a> Numeric<'a> {
    fn of(v: &'a Value) -> Numeric<'a> {
        match v {
            Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::Decimal(_) => Numeric::Number,
            other => Numeric::Other(other),
        }
    }
}

impl Hash for Numeric<'_> {
    fn hash<H: Hasher>(&self, h: &mut H) {
        match self {
            Numeric::Number => 0usize.hash(h),
            Numeric::Other(v) => std::mem::discriminant(*v).hash(h),
        }
    }
}

/// An insertion-ordered map with Python's key equality (`1 == 1.0 == True`).
#[derive(Clone, Default)]
pub struct Dict {
    map: IndexMap<Key, Value, BuildHasherDefault<FxHasher>>,
}

impl Dict {
    /// The value stored under `key`; `None` when absent (and for an
    /// unhashable key, which no dict holds: callers that must raise
    /// Python's TypeError check with [`check_hashable`] first).
    pub fn get(&self, key: &Value) -> Option<&Value> {
        if check_hashable(key).is_err() {
            return None;
        }
        self.map.get(&Key(key.clone()))
    }

    /// `d[key] = value`: replaces the value of an equal key in place (the
    /// key first inserted stays, as in Python) or appends a new entry.
    /// TypeError `unhashable type: 'list'` for a list or dict key.
    pub fn insert(&mut self, key: Value, value: Value) -> Result<()> {
        check_hashable(&key)?;
        self.map.insert(Key(key), value);
        Ok(())
    }

    /// `d[key] = value` for a string key, which is always hashable.
    pub fn insert_str(&mut self, key: &str, value: Value) {
        self.map.insert(Key(Value::str(key)), value);
    }

    /// `del d[key]` / `d.pop(key)`: the removed value, keeping the order of
    /// the rest (linear in the entries after it, as indexmap shifts them).
    pub fn remove(&mut self, key: &Value) -> Option<Value> {
        if check_hashable(key).is_err() {
            return None;
        }
        self.map.shift_remove(&Key(key.clone()))
    }

    /// `d.popitem()`: the last entry inserted, removed.
    pub fn pop_last(&mut self) -> Option<(Value, Value)> {
        self.map.pop().map(|(k, v)| (k.0, v))
    }

    /// `d.clear()`.
    pub fn clear(&mut self) {
        self.map.clear();
    }

    /// The number of entries (`len(d)`).
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// No entries?
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&Value, &Value)> {
        self.map.iter().map(|(k, v)| (&k.0, v))
    }

    /// The key at position `i` in insertion order (a dict iterator's
    /// step).
    pub fn key_at(&self, i: usize) -> Option<&Value> {
        self.map.get_index(i).map(|(k, _)| &k.0)
    }

    /// The keys in insertion order.
    pub fn keys(&self) -> impl Iterator<Item = &Value> {
        self.map.keys().map(|k| &k.0)
    }

    /// A copy of the entries, for walking the dict while it may change.
    pub fn pairs(&self) -> Vec<(Value, Value)> {
        self.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }

    /// Every entry, moved out in insertion order (the dict is left empty):
    /// how a dict is freed without recursion (`value::drop`).
    pub fn take_entries(&mut self) -> Entries {
        Entries(std::mem::take(&mut self.map).into_iter())
    }
}

/// The entries taken out of a dict (`Dict::take_entries`).
pub struct Entries(indexmap::map::IntoIter<Key, Value>);

impl Iterator for Entries {
    type Item = (Value, Value);

    fn next(&mut self) -> Option<(Value, Value)> {
        self.0.next().map(|(k, v)| (k.0, v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Value {
        Value::str(x)
    }

    #[test]
    fn equal_numbers_of_any_type_are_one_key() {
        // d = {1: 'a'}; d[1.0] = 'b'; d[True] = 'c'; d == {1: 'c'}
        let mut d = Dict::default();
        d.insert(Value::Int(1), s("a")).unwrap();
        d.insert(Value::Float(1.0), s("b")).unwrap();
        d.insert(Value::Bool(true), s("c")).unwrap();
        assert_eq!(d.len(), 1);
        assert!(matches!(d.keys().next(), Some(Value::Int(1))));
        assert!(
            d.get(&Value::Float(1.0))
                .is_some_and(|v| v.same_value(&s("c")))
        );
        // 0, 0.0, -0.0 and False too; 0.5 and '1' are other keys.
        d.insert(Value::Float(-0.0), s("z")).unwrap();
        assert!(d.get(&Value::Bool(false)).is_some());
        assert!(d.get(&Value::Float(0.5)).is_none());
        assert!(d.get(&s("1")).is_none());
        // Tuples of equal numbers are equal keys.
        d.insert(Value::tuple(vec![Value::Int(2), s("x")]), s("t"))
            .unwrap();
        assert!(
            d.get(&Value::tuple(vec![Value::Float(2.0), s("x")]))
                .is_some()
        );
        assert_eq!(d.len(), 3);
    }

    #[test]
    fn unhashable_keys_are_a_type_error() {
        let mut d = Dict::default();
        for key in [
            Value::list(vec![]),
            Value::Dict(Default::default()),
            Value::tuple(vec![Value::Int(1), Value::list(vec![])]),
        ] {
            let err = d.insert(key.clone(), Value::None).unwrap_err();
            assert!(err.to_string().contains("unhashable type"), "{err}");
            assert!(d.get(&key).is_none());
        }
        assert!(d.is_empty());
    }

    #[test]
    fn order_is_insertion_order_and_survives_removal() {
        let mut d = Dict::default();
        for k in ["c", "a", "b"] {
            d.insert(s(k), Value::None).unwrap();
        }
        d.insert(s("a"), Value::Int(1)).unwrap();
        assert!(d.remove(&s("c")).is_some());
        let keys: Vec<_> = d.keys().map(|k| k.as_str().unwrap().to_string()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert!(matches!(d.pop_last(), Some((Value::Str(ref k), Value::None)) if &**k == "b"));
    }

    #[test]
    fn building_a_dict_compares_each_key_with_few_others() {
        // Pins the hashing (issue 11, item 12): inserting 20 000 distinct
        // keys, then looking each up, compares keys a few times per key; a
        // linear search would compare 2 * 10^8 times.
        EQ_CALLS.with(|n| n.set(0));
        let mut d = Dict::default();
        for i in 0..20_000 {
            d.insert(Value::Int(i), Value::None).unwrap();
        }
        for i in 0..20_000 {
            assert!(d.get(&Value::Float(i as f64)).is_some());
        }
        let compared = EQ_CALLS.with(|n| n.get());
        assert!(compared < 60_000, "{compared} key comparisons");
    }

    /// The hash `Dict` gives `v` as a key.
    fn key_hash(v: Value) -> u64 {
        let mut h = FxHasher::default();
        Key::new(v).expect("hashable").hash(&mut h);
        h.finish()
    }

    #[test]
    fn equal_numbers_hash_alike() {
        // Python: hash(1) == hash(1.0) == hash(True); hash(0) == hash(-0.0).
        let one = key_hash(Value::Int(1));
        assert_eq!(one, key_hash(Value::Float(1.0)));
        assert_eq!(one, key_hash(Value::Bool(true)));
        let zero = key_hash(Value::Int(0));
        for z in [Value::Float(0.0), Value::Float(-0.0), Value::Bool(false)] {
            assert_eq!(zero, key_hash(z));
        }
        // Tuples of equal numbers, nested too: (1, (0, 2.5)) and (True, (-0.0, 2.5)).
        let t =
            |a: Value, b: Value| Value::tuple(vec![a, Value::tuple(vec![b, Value::Float(2.5)])]);
        let a = t(Value::Int(1), Value::Int(0));
        let b = t(Value::Bool(true), Value::Float(-0.0));
        assert_eq!(key_hash(a.clone()), key_hash(b.clone()));
        let mut d = Dict::default();
        d.insert(a, s("a")).unwrap();
        d.insert(b, s("b")).unwrap();
        assert_eq!(d.len(), 1);
        // A number and its string, or a 1-tuple and its item, differ.
        assert_ne!(one, key_hash(s("1")));
        assert_ne!(one, key_hash(Value::tuple(vec![Value::Int(1)])));
    }

    #[test]
    fn zero_and_negative_zero_are_one_key_keeping_the_first() {
        // {0: 'a', -0.0: 'b', False: 'c'} == {0: 'c'}
        let mut d = Dict::default();
        d.insert(Value::Int(0), s("a")).unwrap();
        d.insert(Value::Float(-0.0), s("b")).unwrap();
        d.insert(Value::Bool(false), s("c")).unwrap();
        assert_eq!(d.len(), 1);
        assert!(matches!(d.keys().next(), Some(Value::Int(0))));
        assert!(
            d.get(&Value::Float(0.0))
                .is_some_and(|v| v.same_value(&s("c")))
        );
    }

    #[test]
    fn nan_is_never_equal_to_a_key() {
        // nan != nan, so a NaN key is found only by identity in Python
        // (`x = float('nan'); d[x]`). An ormsh float has no identity:
        // every NaN is a key of its own, as each `float('nan')` call is in
        // Python ({float('nan'): 1, float('nan'): 2} has two entries).
        let nan = || Value::Float(f64::NAN);
        assert_eq!(key_hash(nan()), key_hash(nan()));
        let mut d = Dict::default();
        d.insert(nan(), Value::Int(1)).unwrap();
        d.insert(nan(), Value::Int(2)).unwrap();
        assert_eq!(d.len(), 2);
        assert!(d.get(&nan()).is_none());
        // Inside a tuple too: (nan,) == (nan,) is False for two NaNs.
        let t = || Value::tuple(vec![Value::Int(1), nan()]);
        d.insert(t(), Value::None).unwrap();
        assert!(d.get(&t()).is_none());
        assert_eq!(d.len(), 3);
        // Infinities are ordinary keys.
        d.insert(Value::Float(f64::INFINITY), Value::None).unwrap();
        assert!(d.get(&Value::Float(f64::INFINITY)).is_some());
        assert!(d.get(&Value::Float(f64::NEG_INFINITY)).is_none());
    }

    #[test]
    fn unhashable_inside_a_tuple_names_the_list() {
        // d[(1, [2])] = 0: TypeError: unhashable type: 'list'
        let mut d = Dict::default();
        let key = Value::tuple(vec![Value::Int(1), Value::list(vec![Value::Int(2)])]);
        let err = d.insert(key, Value::None).unwrap_err();
        assert!(err.to_string().contains("unhashable type: 'list'"), "{err}");
    }
}
