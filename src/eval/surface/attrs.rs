//! `db.inspect(obj).attrs` and what it holds: SQLAlchemy's
//! `ReadOnlyProperties` of `AttributeState`s (`orm/state.py`), one per
//! mapped attribute, each answering `value`, `loaded_value`, `history`
//! and `load_history()`; and the `History` named tuple
//! (`orm/attributes.py`). The history itself is `orm::attr_history`.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::attr_history::{self, History, Part};
use crate::orm::instance::Instance;
use crate::schema::relationship::{Lazy, Rel};
use crate::value::{Object, Value};

use super::{Class, Member, Sig};

/// `inspect(obj).attrs`: the object's mapped attributes by name.
pub struct Attrs(pub Rc<Instance>);

impl Object for Attrs {
    fn type_name(&self) -> &str {
        "ReadOnlyProperties"
    }
}

/// `inspect(obj).attrs.name`: one attribute of one object.
pub struct AttrState {
    pub inst: Rc<Instance>,
    pub key: Rc<str>,
}

impl Object for AttrState {
    fn type_name(&self) -> &str {
        "AttributeState"
    }
}

/// One mapped attribute: a column (by number) or a relationship.
enum Attr {
    Column(usize),
    Rel(Rc<Rel>),
}

/// The mapped attribute names of `inst`'s model in the mapper's order:
/// the relationships the model declares, its columns, then the
/// relationships back-references gave it.
pub fn attr_names(me: &mut Interp, inst: &Instance) -> Result<Vec<Rc<str>>> {
    crate::orm::retire::check_object(inst)?;
    let any_rels = me.registry.models().iter().any(|m| !m.rels.is_empty());
    let rels: Vec<Rc<str>> = if !any_rels {
        Vec::new()
    } else {
        let mapping = me.mapping()?;
        mapping
            .of(&inst.model.name)
            .iter()
            .map(|r| r.name.clone())
            .collect()
    };
    let declared = |n: &Rc<str>| inst.model.rels.iter().any(|(d, _)| d == n);
    let mut out: Vec<Rc<str>> = rels.iter().filter(|n| declared(n)).cloned().collect();
    out.extend(inst.model.columns.iter().map(|c| c.attr.clone()));
    out.extend(rels.iter().filter(|n| !declared(n)).cloned());
    Ok(out)
}

fn attr_of(me: &mut Interp, inst: &Instance, key: &str) -> Result<Option<Attr>> {
    if let Some(i) = inst.model.column(key) {
        return Ok(Some(Attr::Column(i)));
    }
    Ok(me.rel_of(&inst.model.name, key)?.map(Attr::Rel))
}

/// The attribute's state, or None when the model maps no such name.
pub fn attr_state(me: &mut Interp, inst: &Rc<Instance>, key: &str) -> Result<Option<Value>> {
    crate::orm::retire::check_object(inst)?;
    Ok(attr_of(me, inst, key)?.map(|a| {
        let key = match a {
            Attr::Column(i) => inst.model.columns[i].attr.clone(),
            Attr::Rel(r) => r.name.clone(),
        };
        Value::obj(AttrState {
            inst: inst.clone(),
            key,
        })
    }))
}

type N = Rc<Attrs>;

fn attrs_get(me: &mut Interp, a: &N, name: &str) -> Option<Result<Value>> {
    attr_state(me, &a.0, name).transpose()
}

fn attrs_names(me: &mut Interp, a: &N) -> Vec<Rc<str>> {
    attr_names(me, &a.0).unwrap_or_default()
}

fn keys(me: &mut Interp, a: &N, args: Args) -> Result<Value> {
    args.count(0, 0)?;
    let names = attr_names(me, &a.0)?;
    Ok(Value::list(names.iter().map(|n| Value::str(n)).collect()))
}

fn values(me: &mut Interp, a: &N, args: Args) -> Result<Value> {
    args.count(0, 0)?;
    Ok(Value::list(all_states(me, &a.0)?))
}

/// Every attribute's state, in the mapper's order (iterating `attrs`).
pub fn all_states(me: &mut Interp, inst: &Rc<Instance>) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    for n in attr_names(me, inst)? {
        out.extend(attr_state(me, inst, &n)?);
    }
    Ok(out)
}

fn attrs_missing(_: &mut Interp, a: &N, name: &str, hint: &str) -> Error {
    Error::attr(format!(
        "'{}' is not an attribute of the model {}{hint}",
        name, a.0.model.name
    ))
    .with_help("db.inspect(obj).attrs.keys() lists them")
}

/// `inspect(obj).attrs`: each mapped attribute by name.
pub static ATTRS: Class<N> = Class::new(
    "ReadOnlyProperties",
    &[
        Member::method("keys", keys, Sig::NONE, "the attribute names"),
        Member::method(
            "values",
            values,
            Sig::NONE,
            "the AttributeState of each attribute",
        ),
    ],
)
.with_dynamic_first(attrs_get, attrs_names)
.with_missing(attrs_missing);

type A = Rc<AttrState>;

fn key(_: &mut Interp, a: &A) -> Result<Value> {
    Ok(Value::str(&a.key))
}

/// `getattr(obj, key)`: loads what is not loaded.
fn value(me: &mut Interp, a: &A) -> Result<Value> {
    me.get_attr(&Value::Obj(a.inst.clone()), &a.key)
}

/// What the object's dict holds, without loading, or `NO_VALUE`.
fn loaded_value(me: &mut Interp, a: &A) -> Result<Value> {
    Ok(match attr_of(me, &a.inst, &a.key)? {
        Some(Attr::Column(i)) if attr_history::column_in_dict(&a.inst, i) => a.inst.value(i),
        // What a dynamic relationship's change event puts in the dict.
        Some(Attr::Rel(r)) if r.lazy == Lazy::Dynamic => {
            match attr_history::rel_in_dict(&a.inst, &r) {
                true => Value::Bool(true),
                false => crate::orm::history::no_value(),
            }
        }
        Some(Attr::Rel(r)) if attr_history::rel_in_dict(&a.inst, &r) => {
            me.get_attr(&Value::Obj(a.inst.clone()), &a.key)?
        }
        _ => crate::orm::history::no_value(),
    })
}

/// The history of what is loaded (`PASSIVE_NO_INITIALIZE`).
fn history(me: &mut Interp, a: &A) -> Result<Value> {
    crate::orm::retire::check_object(&a.inst)?;
    let h = match attr_of(me, &a.inst, &a.key)? {
        Some(Attr::Column(i)) => attr_history::column_history(&a.inst, i),
        Some(Attr::Rel(r)) => attr_history::rel_history(&a.inst, &r),
        None => History::blank(),
    };
    Ok(Value::obj(h))
}

/// SQLAlchemy's `attributes.get_history(obj, key)` (passive
/// `PASSIVE_OFF`): the attribute is loaded if it is not, then its
/// `History`; a name the model does not map is Python's `KeyError`.
pub fn get_history(me: &mut Interp, inst: &Rc<Instance>, key: &str) -> Result<Value> {
    crate::orm::retire::check_object(inst)?;
    if attr_of(me, inst, key)?.is_none() {
        return Err(
            crate::value::exc_args::key_error(Value::str(key), format!("'{key}'")).with_help(
                format!("{} maps no attribute named {key:?}", inst.model.name),
            ),
        );
    }
    let a = Rc::new(AttrState {
        inst: inst.clone(),
        key: Rc::from(key),
    });
    value(me, &a)?;
    history(me, &a)
}

/// Load the attribute if it is not loaded, then its history.
fn load_history(me: &mut Interp, a: &A, args: Args) -> Result<Value> {
    args.count(0, 0)?;
    value(me, a)?;
    history(me, a)
}

/// One mapped attribute of one object.
pub static ATTRIBUTE_STATE: Class<A> = Class::new(
    "AttributeState",
    &[
        Member::attr("key", key, "the attribute's name"),
        Member::attr(
            "value",
            value,
            "the attribute's value, loaded if it is not (as reading obj.key)",
        ),
        Member::attr(
            "loaded_value",
            loaded_value,
            "the value held without loading, or NO_VALUE",
        ),
        Member::attr(
            "history",
            history,
            "History(added, unchanged, deleted) of what is loaded, loading nothing",
        ),
        Member::method(
            "load_history",
            load_history,
            Sig::NONE,
            "the History, loading the attribute first",
        ),
    ],
);

type H = Rc<History>;

fn added(_: &mut Interp, h: &H) -> Result<Value> {
    Ok(h.added.value())
}

fn unchanged(_: &mut Interp, h: &H) -> Result<Value> {
    Ok(h.unchanged.value())
}

fn deleted(_: &mut Interp, h: &H) -> Result<Value> {
    Ok(h.deleted.value())
}

fn joined(parts: &[&Part]) -> Value {
    Value::list(
        parts
            .iter()
            .flat_map(|p| p.items().iter().cloned())
            .collect(),
    )
}

fn has_changes(_: &mut Interp, h: &H, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::Bool(
        !h.added.items().is_empty() || !h.deleted.items().is_empty(),
    ))
}

fn empty(_: &mut Interp, h: &H, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::Bool(
        h.added.items().is_empty()
            && h.deleted.items().is_empty()
            && h.unchanged.items().is_empty(),
    ))
}

fn sum(_: &mut Interp, h: &H, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(joined(&[&h.added, &h.unchanged, &h.deleted]))
}

fn non_deleted(_: &mut Interp, h: &H, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(joined(&[&h.added, &h.unchanged]))
}

fn non_added(_: &mut Interp, h: &H, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(joined(&[&h.unchanged, &h.deleted]))
}

/// The three parts, as iterating the named tuple gives them.
pub fn history_parts(h: &History) -> Vec<Value> {
    vec![h.added.value(), h.unchanged.value(), h.deleted.value()]
}

/// SQLAlchemy's `History` named tuple.
pub static HISTORY: Class<H> = Class::new(
    "History",
    &[
        Member::attr("added", added, "the values set since the last flush"),
        Member::attr(
            "unchanged",
            unchanged,
            "the values held that were there before",
        ),
        Member::attr("deleted", deleted, "the values replaced or removed"),
        Member::method(
            "has_changes",
            has_changes,
            Sig::NONE,
            "True when something was added or deleted",
        ),
        Member::method("empty", empty, Sig::NONE, "True when all three are empty"),
        Member::method("sum", sum, Sig::NONE, "added + unchanged + deleted"),
        Member::method("non_deleted", non_deleted, Sig::NONE, "added + unchanged"),
        Member::method("non_added", non_added, Sig::NONE, "unchanged + deleted"),
    ],
);
