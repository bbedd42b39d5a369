//! Uniquing ORM results as SQLAlchemy does (`orm/loading.py` `instances`,
//! `_create_unique_filters`; `engine/result.py` `Result.unique()`).
//!
//! SQLAlchemy drops a row as a repeat when its *unique key* was seen before
//! in the same result:
//!
//! - the legacy `Query` uniques every result with an ORM entity in it
//!   (`Model.query…`, `session.query(A, B.x)`; not `session.query(A.x)`),
//!   whatever is asked of it (`all first one`, iteration, slices);
//! - a 2.0 result uniques only after `.unique()`; joined eager loading of a
//!   collection makes fetching rows without it an error;
//! - Flask-SQLAlchemy's `db.paginate(select)` calls `.unique()`.
//!
//! The key of an ORM object is `id(obj)`: within one result that is the
//! object's identity key (mapped table and primary key), since the session
//! holds one object per row. ormsh keys objects by that identity key, never
//! by address: a result that prints as it streams frees each object once
//! shown, and a freed object's address is reused by the next one. A value
//! is keyed as Python's `hash` and `==` see it (`1 == 1.0 == True`). Only
//! keys are kept, not objects, so a streamed result stays small: one
//! integer per distinct object for the usual one-column key.

use std::hash::Hash;
use std::rc::Rc;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use rustc_hash::FxHashSet;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::instance::{Instance, Key, KeyPart};
use crate::schema::model::Model;
use crate::sql::ast::{FromItem, Select};
use crate::value::Value;

/// One value of a row as SQLAlchemy's unique filter sees it.
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum Part {
    /// An ORM object: its mapped table and identity key.
    Object(Rc<str>, Key),
    /// An ORM object not in the database yet: itself (its serial number).
    Pending(u64),
    /// A value only equal to itself (`id()` of a fresh Python object).
    Fresh(u64),
    None,
    /// Ints, bools and integral floats: Python's `1 == 1.0 == True`.
    Int(i64),
    /// Other floats, by their bits.
    Float(u64),
    Str(Rc<str>),
    /// A decimal that is not whole, normalised (`1.10` and `1.1` alike).
    Decimal(Rc<str>),
    Uuid(u128),
    Bytes(Rc<[u8]>),
    DateTime(NaiveDateTime),
    /// An aware datetime, by its UTC instant (never equal to a naive one).
    Aware(NaiveDateTime),
    Date(NaiveDate),
    Time(NaiveTime),
    TimeDelta(TimeDelta),
    /// `range(...)` as Python compares it: length, first item, step.
    Range(i64, i64, i64),
    Tuple(Box<[Part]>),
    /// `True`/`False` as themselves: only where values go by identity
    /// (hashing makes them the ints 1 and 0).
    Bool(bool),
    /// Another object, which compares by identity; the rows being uniqued
    /// hold it, so its address is not reused meanwhile.
    Other(usize),
}

/// How a result treats values its column's type makes unhashable (JSON).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rule {
    /// The legacy `Query`: such a value is keyed by `id()`.
    Legacy,
    /// `Result.unique()`: such a value is an error.
    Result,
}

/// The identity keys of the objects seen, per mapped table: integer keys
/// apart (eight bytes each), the others as the `Key` the object shares.
#[derive(Default)]
struct KeySet {
    tables: Vec<(Rc<str>, FxHashSet<i64>, FxHashSet<Key>)>,
}

impl KeySet {
    /// Add a key; false when it was there already.
    fn insert(&mut self, table: &Rc<str>, key: &Key) -> bool {
        let at = match self.tables.iter().position(|(t, ..)| t == table) {
            Some(i) => i,
            None => {
                self.tables
                    .push((table.clone(), FxHashSet::default(), FxHashSet::default()));
                self.tables.len() - 1
            }
        };
        let (_, ints, keys) = &mut self.tables[at];
        match &key[..] {
            [KeyPart::Int(i)] => ints.insert(*i),
            _ => keys.insert(key.clone()),
        }
    }
}

/// The rows of one result seen so far.
pub struct Uniquer {
    rule: Rule,
    /// Per column: its type makes unhashable values (`db.JSON`).
    unhashable: Rc<[bool]>,
    objects: KeySet,
    rows: FxHashSet<Box<[Part]>>,
    fresh: u64,
}

impl Uniquer {
    /// A uniquer for rows whose columns are `unhashable` as given (missing
    /// entries are hashable).
    pub fn new(rule: Rule, unhashable: Rc<[bool]>) -> Uniquer {
        Uniquer {
            rule,
            unhashable,
            objects: KeySet::default(),
            rows: FxHashSet::default(),
            fresh: 0,
        }
    }

    /// Has an object with this identity key been seen? Records it.
    pub fn repeats_key(&mut self, table: &Rc<str>, key: &Key) -> bool {
        !self.objects.insert(table, key)
    }

    /// Has this ORM object (by identity key) been seen? Records it.
    pub fn repeats_object(&mut self, inst: &Instance) -> bool {
        let key = inst.identity_key();
        match key {
            Some(k) => self.repeats_key(&inst.model.table, &k),
            None => !self.rows.insert(Box::new([Part::Pending(inst.serial)])),
        }
    }

    /// Has a row with these values been seen? Records it. Errors as
    /// `Result.unique()` does for a column of an unhashable type.
    pub fn repeats_row(&mut self, values: &[Value]) -> Result<bool> {
        if let [v] = values
            && let Some(inst) = v.downcast::<Instance>()
        {
            return Ok(self.repeats_object(&inst));
        }
        let mut parts = Vec::with_capacity(values.len());
        for (i, v) in values.iter().enumerate() {
            let unhashable = self.unhashable.get(i).copied().unwrap_or(false);
            parts.push(self.part(v, unhashable)?);
        }
        Ok(!self.rows.insert(parts.into_boxed_slice()))
    }

    fn next_fresh(&mut self) -> Part {
        self.fresh += 1;
        Part::Fresh(self.fresh)
    }

    /// The key of one value.
    fn part(&mut self, v: &Value, unhashable: bool) -> Result<Part> {
        if unhashable {
            return match self.rule {
                Rule::Result => Err(unhashable_error()),
                Rule::Legacy => Ok(self.by_id(v)),
            };
        }
        Ok(match v {
            Value::None => Part::None,
            Value::Bool(b) => Part::Int(i64::from(*b)),
            Value::Int(i) => Part::Int(*i),
            Value::Float(f) => float_part(*f).unwrap_or_else(|| self.next_fresh()),
            Value::Str(s) => Part::Str(s.into()),
            Value::Bytes(b) => Part::Bytes(b.clone()),
            Value::DateTime(d) => Part::DateTime(*d),
            Value::Aware(a) => Part::Aware(a.instant()),
            Value::Date(d) => Part::Date(*d),
            Value::Time(t) => Part::Time(*t),
            Value::TimeDelta(t) => Part::TimeDelta(*t),
            // Equal decimals are one key whatever their exponent; a whole
            // one is the int it equals.
            Value::Decimal(d) => match d.to_i64().filter(|_| d.is_integral()) {
                Some(i) => Part::Int(i),
                None => Part::Decimal(
                    d.normalize()
                        .map_or_else(|_| d.to_sci_string(), |n| n.to_sci_string())
                        .into(),
                ),
            },
            Value::Uuid(u) => Part::Uuid(u.get()),
            Value::Range(r) => range_part(r.0, r.1, r.2),
            // A level of Python's recursion each (hashing a tuple is in
            // Python), so key trees stay shallow enough to hash and free.
            Value::Tuple(items) => crate::stack::nested("", || {
                let mut parts = Vec::with_capacity(items.len());
                for x in items.iter() {
                    parts.push(self.part(x, false)?);
                }
                Ok(Part::Tuple(parts.into_boxed_slice()))
            })?,
            Value::List(_) | Value::Dict(_) => match self.rule {
                Rule::Result => return Err(unhashable_error()),
                Rule::Legacy => self.next_fresh(),
            },
            Value::Obj(o) => match v.downcast::<Instance>() {
                Some(inst) => match inst.identity_key() {
                    Some(k) => Part::Object(inst.model.table.clone(), k),
                    None => Part::Pending(inst.serial),
                },
                None => Part::Other(Rc::as_ptr(o).cast::<()>() as usize),
            },
        })
    }

    /// `id(value)` for a value just read from a JSON column: CPython hands
    /// out the same object only for its singletons and caches (None, bools,
    /// ints -5..=256, the empty string and one-character Latin-1 strings);
    /// anything else is a new object, unequal to every other.
    fn by_id(&mut self, v: &Value) -> Part {
        match v {
            Value::None => Part::None,
            Value::Bool(b) => Part::Bool(*b),
            Value::Int(i) if (-5..=256).contains(i) => Part::Int(*i),
            Value::Str(s) if s.chars().count() <= 1 && s.chars().all(|c| (c as u32) < 256) => {
                Part::Str(s.into())
            }
            _ => self.next_fresh(),
        }
    }
}

fn unhashable_error() -> Error {
    Error::new(
        ErrorKind::InvalidRequestError,
        "Can't apply uniqueness to row tuple containing value of type JSON(); this datatype produces non-hashable values",
    )
    .with_help("unique() compares whole rows: select the JSON column apart from the rows to unique")
}

/// A float as Python hashes it: integral floats equal their int; NaN is
/// equal to nothing (None).
fn float_part(f: f64) -> Option<Part> {
    if f.is_nan() {
        return None;
    }
    // i64::MIN is exactly representable; the top bound is not, hence `<`.
    if f.fract() == 0.0 && f >= i64::MIN as f64 && f < i64::MAX as f64 {
        return Some(Part::Int(f as i64));
    }
    Some(Part::Float(f.to_bits()))
}

/// `range(a, b, s)` as Python compares ranges: by the items they give.
fn range_part(a: i64, b: i64, s: i64) -> Part {
    match crate::value::range_len(a, b, s) {
        0 => Part::Range(0, 0, 0),
        1 => Part::Range(1, a, 0),
        len => Part::Range(len, a, s),
    }
}

/// Can the rows of `sel`, a query of `model`, repeat one of its objects?
/// When its FROM reaches beyond the model's own table (a join, a second
/// table), or its table may hold a key twice (a view, a key with NULLs:
/// `Model::key_repeats`); else one table yields each primary key once.
pub fn may_repeat(sel: &Select, model: &Model) -> bool {
    model.key_repeats
        || !matches!(
            sel.from.as_slice(),
            [FromItem::Table { name, alias: None }] if *name == model.table
        )
}

/// Per column of a query's result: does its type make unhashable values?
pub fn unhashable_columns(q: &crate::orm::query::Query) -> Rc<[bool]> {
    use crate::orm::query::Entity;
    use crate::schema::types::ColumnType;
    q.entities
        .iter()
        .map(|e| match e {
            Entity::Model(_) | Entity::Aliased(_) => false,
            Entity::Expr(s) => matches!(s.ty, Some(ColumnType::Json)),
        })
        .collect()
}

/// Does the legacy `Query` unique this query's rows? When it has an ORM
/// entity (SQLAlchemy's `filtered`).
pub fn legacy_uniques(q: &crate::orm::query::Query) -> bool {
    use crate::orm::query::Entity;
    q.legacy
        && !q.yield_per
        && q.entities
            .iter()
            .any(|e| matches!(e, Entity::Model(_) | Entity::Aliased(_)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::PyStr;

    fn row(values: &[Value]) -> Vec<Value> {
        values.to_vec()
    }

    #[test]
    fn values_are_keyed_as_python_hashes_them() {
        let mut u = Uniquer::new(Rule::Result, Rc::from(vec![]));
        let table = [
            (row(&[Value::Int(1)]), false),
            (row(&[Value::Float(1.0)]), true),
            (row(&[Value::Bool(true)]), true),
            (row(&[Value::Float(-0.0)]), false),
            (row(&[Value::Int(0)]), true),
            (row(&[Value::Bool(false)]), true),
            (row(&[Value::Float(1.5)]), false),
            (row(&[Value::Float(1.5)]), true),
            (row(&[Value::Float(f64::NAN)]), false),
            (row(&[Value::Float(f64::NAN)]), false),
            (row(&[Value::Str(PyStr::from("1"))]), false),
            (row(&[Value::Bytes(Rc::from(&b"1"[..]))]), false),
            (row(&[Value::None]), false),
            (row(&[Value::None]), true),
            (row(&[Value::Int(1), Value::None]), false),
            (row(&[Value::Float(1.0), Value::None]), true),
            (row(&[Value::tuple(vec![Value::Int(2)])]), false),
            (row(&[Value::tuple(vec![Value::Float(2.0)])]), true),
            (row(&[Value::range(0, 0, 1)]), false),
            (row(&[Value::range(5, 2, 1)]), true),
            (row(&[Value::range(0, 3, 1)]), false),
            (row(&[Value::range(0, 3, 2)]), false),
            (row(&[Value::range(0, 4, 2)]), true),
        ];
        for (i, (r, repeat)) in table.iter().enumerate() {
            assert_eq!(u.repeats_row(r).unwrap(), *repeat, "row {i}");
        }
    }

    #[test]
    fn dates_and_datetimes_differ() {
        let d = NaiveDate::from_ymd_opt(2024, 1, 2).unwrap();
        let mut u = Uniquer::new(Rule::Result, Rc::from(vec![]));
        assert!(!u.repeats_row(&[Value::Date(d)]).unwrap());
        let dt = d.and_hms_opt(0, 0, 0).unwrap();
        assert!(!u.repeats_row(&[Value::DateTime(dt)]).unwrap());
        assert!(u.repeats_row(&[Value::DateTime(dt)]).unwrap());
    }

    #[test]
    fn unhashable_columns_are_an_error_for_result_unique() {
        let mut u = Uniquer::new(Rule::Result, Rc::from(vec![false, true]));
        let e = u.repeats_row(&[Value::Int(1), Value::Int(5)]).unwrap_err();
        assert_eq!(e.kind, ErrorKind::InvalidRequestError);
        let mut u = Uniquer::new(Rule::Result, Rc::from(vec![]));
        assert!(u.repeats_row(&[Value::list(vec![])]).is_err());
    }

    #[test]
    fn unhashable_columns_of_the_legacy_query_go_by_cpython_identity() {
        let mut u = Uniquer::new(Rule::Legacy, Rc::from(vec![true]));
        let s = |t: &str| Value::Str(PyStr::from(t));
        let table = [
            (Value::Int(5), false),
            (Value::Int(5), true),
            (Value::Int(1000), false),
            (Value::Int(1000), false),
            (Value::Int(-5), false),
            (Value::Int(-5), true),
            (Value::Int(-6), false),
            (Value::Int(-6), false),
            (s("s"), false),
            (s("s"), true),
            (s(""), false),
            (s(""), true),
            (s("é"), false),
            (s("é"), true),
            (s("ab"), false),
            (s("ab"), false),
            (s("€"), false),
            (s("€"), false),
            (Value::None, false),
            (Value::None, true),
            (Value::Bool(true), false),
            (Value::Bool(true), true),
            (Value::Int(1), false),
            (Value::Float(1.0), false),
            (Value::Float(1.0), false),
            (Value::list(vec![]), false),
            (Value::list(vec![]), false),
        ];
        for (i, (v, repeat)) in table.iter().enumerate() {
            assert_eq!(
                u.repeats_row(std::slice::from_ref(v)).unwrap(),
                *repeat,
                "value {i}"
            );
        }
    }

    #[test]
    fn identity_keys_are_per_table() {
        let mut u = Uniquer::new(Rule::Legacy, Rc::from(vec![]));
        let k: Key = Rc::from(vec![KeyPart::Int(1)]);
        let t: Key = Rc::from(vec![KeyPart::Text(Rc::from("a")), KeyPart::Int(1)]);
        let (a, b): (Rc<str>, Rc<str>) = (Rc::from("a"), Rc::from("b"));
        assert!(!u.repeats_key(&a, &k));
        assert!(u.repeats_key(&a, &k));
        assert!(!u.repeats_key(&b, &k));
        assert!(!u.repeats_key(&a, &t));
        assert!(u.repeats_key(
            &a,
            &Rc::from(vec![KeyPart::Text(Rc::from("a")), KeyPart::Int(1)])
        ));
    }
}
