//! Python's `set` and `frozenset`: CPython's open-addressing table
//! (`Objects/setobject.c`) rebuilt slot for slot — the same hashes
//! (`builtins_hash::py_hash`), linear probes of 9 then perturbation, the
//! same resize points and dummies — so a set iterates and prints in the
//! order `python3` shows (`{3, 1, 2}` is `{1, 2, 3}`). Members compare
//! with Python's `==` (`1`, `1.0` and `True` are one member). The set
//! algebra on these tables is in `pyset_ops`, the methods in
//! `surface::set`.

use std::cell::RefCell;

use crate::error::{Error, Result};
use crate::eval::builtins_hash::py_hash;
use crate::value::{Object, Value};

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

/// The slots CPython's set probes for a hash, in order (`set_lookkey`):
/// a run of up to `LINEAR_PROBES` + 1 neighbours, then a jump mixing in
/// the hash's higher bits. Endless: the table always has an empty slot.
struct Probe {
    mask: usize,
    perturb: u64,
    i: usize,
    j: usize,
    end: usize,
}

impl Probe {
    fn new(hash: i64, mask: usize) -> Probe {
        let i = (hash as u64 as usize) & mask;
        Probe {
            mask,
            perturb: hash as u64,
            i,
            j: i,
            end: run_end(i, mask),
        }
    }
}

/// The last slot of the linear run from `i` (none past the table's end).
fn run_end(i: usize, mask: usize) -> usize {
    if i + LINEAR_PROBES <= mask {
        i + LINEAR_PROBES
    } else {
        i
    }
}

impl Iterator for Probe {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.j > self.end {
            self.perturb >>= PERTURB_SHIFT;
            self.i = (self
                .i
                .wrapping_mul(5)
                .wrapping_add(1)
                .wrapping_add(self.perturb as usize))
                & self.mask;
            self.j = self.i;
            self.end = run_end(self.i, self.mask);
        }
        let j = self.j;
        self.j += 1;
        Some(j)
    }
}

/// One slot of the table.
#[derive(Clone)]
enum Slot {
    Empty,
    /// A removed member (CPython's `dummy`): probes go on past it.
    Dummy,
    Full(i64, Value),
}

/// CPython's `PySetObject` table: `fill` counts full and dummy slots,
/// `used` the members; `finger` is where `pop()` looks next.
#[derive(Clone)]
pub struct Table {
    slots: Vec<Slot>,
    fill: usize,
    used: usize,
    finger: usize,
}

impl Default for Table {
    fn default() -> Table {
        Table {
            slots: vec![Slot::Empty; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }
}

impl Table {
    /// The table's size less one (CPython's `mask`).
    pub fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Full and dummy slots (CPython's `fill`).
    pub fn fill(&self) -> usize {
        self.fill
    }

    pub fn len(&self) -> usize {
        self.used
    }

    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// The members with their hashes, in table order (iteration order).
    pub fn entries(&self) -> Vec<(i64, Value)> {
        self.slots
            .iter()
            .filter_map(|s| match s {
                Slot::Full(h, v) => Some((*h, v.clone())),
                _ => None,
            })
            .collect()
    }

    /// The next member at or after slot `at`, with the slot after it
    /// (CPython's `setiter_iternext` walk).
    pub fn next_from(&self, at: usize) -> Option<(Value, usize)> {
        self.slots
            .iter()
            .enumerate()
            .skip(at)
            .find_map(|(j, s)| match s {
                Slot::Full(_, v) => Some((v.clone(), j + 1)),
                _ => None,
            })
    }

    pub fn values(&self) -> Vec<Value> {
        self.entries().into_iter().map(|(_, v)| v).collect()
    }

    /// The slot holding a member equal to `key` (`set_lookkey`).
    fn find(&self, hash: i64, key: &Value) -> Result<Option<usize>> {
        for j in Probe::new(hash, self.mask()) {
            match &self.slots[j] {
                Slot::Empty => return Ok(None),
                Slot::Full(h, v) if *h == hash && v.py_eq(key)? => return Ok(Some(j)),
                _ => {}
            }
        }
        unreachable!("a probe sequence never ends")
    }

    pub fn contains_hashed(&self, hash: i64, key: &Value) -> Result<bool> {
        Ok(self.find(hash, key)?.is_some())
    }

    pub fn contains(&self, key: &Value) -> Result<bool> {
        self.contains_hashed(hash_of(key)?, key)
    }

    /// `set_add_entry`: a new member goes in the first dummy met, else
    /// the empty slot that ended the probe; the table grows at 3/5 full.
    pub fn add_hashed(&mut self, hash: i64, key: Value) -> Result<()> {
        let mut freeslot = None;
        let mut empty = 0;
        for j in Probe::new(hash, self.mask()) {
            match &self.slots[j] {
                Slot::Empty => {
                    empty = j;
                    break;
                }
                Slot::Full(h, v) if *h == hash && v.py_eq(&key)? => return Ok(()),
                Slot::Dummy if freeslot.is_none() => freeslot = Some(j),
                _ => {}
            }
        }
        self.used += 1;
        if let Some(f) = freeslot {
            self.slots[f] = Slot::Full(hash, key);
            return Ok(());
        }
        self.fill += 1;
        self.slots[empty] = Slot::Full(hash, key);
        if self.fill * 5 < self.mask() * 3 {
            return Ok(());
        }
        let to = if self.used > 50000 {
            self.used * 2
        } else {
            self.used * 4
        };
        self.resize(to)
    }

    pub fn add(&mut self, key: Value) -> Result<()> {
        let h = hash_of(&key)?;
        self.add_hashed(h, key)
    }

    /// `set_table_resize`: the smallest power of two above `minused`,
    /// the members put back in table order.
    pub fn resize(&mut self, minused: usize) -> Result<()> {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        crate::value::reserve_items(size)?;
        let old = std::mem::replace(&mut self.slots, vec![Slot::Empty; size]);
        self.fill = self.used;
        for s in old {
            if let Slot::Full(h, v) = s {
                self.insert_clean(h, v);
            }
        }
        Ok(())
    }

    /// `set_insert_clean`: into a table with no dummies and no equal member.
    fn insert_clean(&mut self, hash: i64, key: Value) {
        for j in Probe::new(hash, self.mask()) {
            if matches!(self.slots[j], Slot::Empty) {
                self.slots[j] = Slot::Full(hash, key);
                return;
            }
        }
    }

    /// `set_discard_entry`: was it there?
    pub fn discard_hashed(&mut self, hash: i64, key: &Value) -> Result<bool> {
        match self.find(hash, key)? {
            Some(j) => {
                self.slots[j] = Slot::Dummy;
                self.used -= 1;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    pub fn discard(&mut self, key: &Value) -> Result<bool> {
        self.discard_hashed(hash_of(key)?, key)
    }

    /// `set_pop`: from the finger on, wrapping.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let n = self.slots.len();
        let mut j = self.finger & self.mask();
        while !matches!(self.slots[j], Slot::Full(..)) {
            j = (j + 1) % n;
        }
        let Slot::Full(_, v) = std::mem::replace(&mut self.slots[j], Slot::Dummy) else {
            return None;
        };
        self.used -= 1;
        self.finger = j + 1;
        Some(v)
    }

    /// `set_merge`: another table's members added (copied slot for slot
    /// into an empty table of the same size, as CPython does).
    pub fn merge(&mut self, other: &Table) -> Result<()> {
        if other.used == 0 {
            return Ok(());
        }
        if (self.fill + other.used) * 5 >= self.mask() * 3 {
            self.resize((self.used + other.used) * 2)?;
        }
        if self.fill == 0 && self.mask() == other.mask() && other.fill == other.used {
            self.slots = other.slots.clone();
            self.fill = other.fill;
            self.used = other.used;
            return Ok(());
        }
        if self.fill == 0 {
            self.fill = other.used;
            self.used = other.used;
            for (h, v) in other.entries() {
                self.insert_clean(h, v);
            }
            return Ok(());
        }
        for (h, v) in other.entries() {
            self.add_hashed(h, v)?;
        }
        Ok(())
    }

    /// After removals: more than a fifth of the table dummies is resized
    /// away (the end of `set_difference_update_internal`).
    pub fn compact(&mut self) -> Result<()> {
        if (self.fill - self.used) * 5 < self.mask() {
            return Ok(());
        }
        let to = if self.used > 50000 {
            self.used * 2
        } else {
            self.used * 4
        };
        self.resize(to)
    }

    /// `frozenset.__hash__`.
    pub fn frozen_hash(&self) -> i64 {
        fn shuffle(h: u64) -> u64 {
            ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
        }
        let mut hash = 0u64;
        for (h, _) in self.entries() {
            hash ^= shuffle(h as u64);
        }
        hash ^= (self.used as u64 + 1).wrapping_mul(1_927_868_237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907_133_923);
        if hash == u64::MAX {
            hash = 590_923_713;
        }
        hash as i64
    }
}

/// A member's hash: Python's `hash()`, a TypeError for an unhashable value.
pub fn hash_of(v: &Value) -> Result<i64> {
    if let Value::Obj(o) = v
        && let Some(h) = o.value_hash()
    {
        return h;
    }
    py_hash(v)
}

/// A `set` or `frozenset` value.
pub struct PySet {
    pub frozen: bool,
    pub table: RefCell<Table>,
}

impl Object for PySet {
    fn type_name(&self) -> &str {
        if self.frozen { "frozenset" } else { "set" }
    }

    fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.table.get_mut().slots)
            .into_iter()
            .filter_map(|s| match s {
                Slot::Full(_, v) => Some(v),
                _ => None,
            })
            .collect()
    }

    fn py_len(&self) -> Option<usize> {
        Some(self.table.borrow().len())
    }

    fn value_hash(&self) -> Option<Result<i64>> {
        Some(if self.frozen {
            Ok(self.table.borrow().frozen_hash())
        } else {
            Err(Error::type_("unhashable type: 'set'"))
        })
    }

    fn py_eq_obj(&self, other: &dyn Object) -> Option<Result<bool>> {
        // `{'a'} == d.keys()`: the view compares as a set.
        if let Some(view) =
            (other as &dyn std::any::Any).downcast_ref::<crate::eval::dict_view::DictView>()
        {
            return crate::eval::dict_view::set_like_eq(view, self);
        }
        let other = (other as &dyn std::any::Any).downcast_ref::<PySet>()?;
        Some(set_eq(&self.table.borrow(), &other.table.borrow()))
    }
}

/// `a == b` of two sets: the same size, each member of one in the other.
fn set_eq(a: &Table, b: &Table) -> Result<bool> {
    if a.len() != b.len() {
        return Ok(false);
    }
    for (h, v) in a.entries() {
        if !b.contains_hashed(h, &v)? {
            return Ok(false);
        }
    }
    Ok(true)
}

impl PySet {
    /// A new set (or frozenset) as a value.
    pub fn value(table: Table, frozen: bool) -> Value {
        Value::obj(PySet {
            frozen,
            table: RefCell::new(table),
        })
    }

    /// The set a display of constants makes: CPython's compiler folds
    /// `{c1, c2, c3, …}` (more than two constants) into a frozenset
    /// constant, which its constant merging rebuilds from its own order,
    /// and the set is that constant merged into an empty set.
    pub fn value_of_constants(items: Vec<Value>) -> Result<Value> {
        let mut first = Table::default();
        for x in items {
            first.add(x)?;
        }
        let mut merged = Table::default();
        for x in first.values() {
            merged.add(x)?;
        }
        let mut t = Table::default();
        t.merge(&merged)?;
        Ok(PySet::value(t, false))
    }

    /// A set of `items`, added in order (`BUILD_SET`).
    pub fn value_of(items: Vec<Value>) -> Result<Value> {
        let mut t = Table::default();
        for x in items {
            t.add(x)?;
        }
        Ok(PySet::value(t, false))
    }
}

impl crate::eval::Interp {
    /// `{1, 2}`, `set()`, `frozenset({1, 2})`, `frozenset()`.
    pub(crate) fn repr_set(&mut self, s: &PySet, out: &mut String) -> Result<()> {
        let items = s.table.borrow().values();
        if items.is_empty() {
            out.push_str(if s.frozen { "frozenset()" } else { "set()" });
            return Ok(());
        }
        if s.frozen {
            out.push_str("frozenset(");
        }
        out.push('{');
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            crate::value::repr::repr_into(x, out, self)?;
        }
        out.push('}');
        if s.frozen {
            out.push(')');
        }
        Ok(())
    }
}

/// Is `e` what CPython's AST optimizer folds to a constant: a literal, a
/// unary or binary operator on constants, a tuple of constants?
pub fn is_constant(e: &crate::syntax::ast::Expr) -> bool {
    use crate::syntax::ast::ExprKind as K;
    match &e.kind {
        K::Int(_) | K::Float(_) | K::Str(_) | K::Bytes(_) | K::None | K::Bool(_) => true,
        K::Unary { operand, .. } => is_constant(operand),
        K::Binary { left, right, .. } => is_constant(left) && is_constant(right),
        K::Tuple(xs) => xs.iter().all(is_constant),
        _ => false,
    }
}
