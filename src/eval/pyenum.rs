//! Python's enum classes: `enum.Enum`, `enum.IntEnum`, `enum.StrEnum`
//! and `enum.auto` as the `enum` module gives them, and a class made from
//! one (`class Status(enum.Enum): ACTIVE = 'active'`): its members made
//! once when the class is defined (an equal value is an alias of the
//! first member, as `EnumType` makes them), `Status.ACTIVE`, `.name`,
//! `.value`, `Status('active')` (by value), `Status['ACTIVE']` (by name),
//! `list(Status)`, `len(Status)`, and their reprs
//! (`<Status.ACTIVE: 'active'>`). The member objects are shared, so `is`
//! and `==` are identity, as for Python's `Enum`.

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pyclass::{Descriptor, PyClass, dict_set};
use crate::value::{Object, Value};

/// Which of `enum`'s base classes an enum class comes from.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum EnumKind {
    Enum,
    IntEnum,
    StrEnum,
    /// `class Shade(str, enum.Enum)`: members are `str`s, printed as
    /// `Shade.DARK` (no `StrEnum` text).
    StrMixin,
    /// `class Level(int, enum.Enum)`: members are `int`s.
    IntMixin,
}

impl EnumKind {
    fn name(self) -> &'static str {
        match self {
            EnumKind::Enum | EnumKind::StrMixin | EnumKind::IntMixin => "Enum",
            EnumKind::IntEnum => "IntEnum",
            EnumKind::StrEnum => "StrEnum",
        }
    }

    /// The kind of an enum class with a data type mixed in before its
    /// enum base (`class Shade(str, enum.Enum)`), `mixin` naming it.
    pub fn mixed(self, mixin: &str) -> Option<EnumKind> {
        Some(match (self, mixin) {
            (EnumKind::Enum, "str") => EnumKind::StrMixin,
            (EnumKind::Enum, "int") => EnumKind::IntMixin,
            (EnumKind::StrEnum | EnumKind::StrMixin, "str") => self,
            (EnumKind::IntEnum | EnumKind::IntMixin, "int") => self,
            _ => return None,
        })
    }

    /// Do the members print as `Class.NAME` (no data type's own text)?
    fn str_is_name(self) -> bool {
        matches!(
            self,
            EnumKind::Enum | EnumKind::StrMixin | EnumKind::IntMixin
        )
    }
}

/// One member of an enum class (`Status.ACTIVE`).
pub struct EnumMember {
    pub class: Weak<PyClass>,
    pub class_name: Rc<str>,
    pub name: Rc<str>,
    pub value: Value,
    pub kind: EnumKind,
}

impl Object for EnumMember {
    fn type_name(&self) -> &str {
        &self.class_name
    }
    fn mixin_value(&self) -> Option<&Value> {
        (self.kind != EnumKind::Enum).then_some(&self.value)
    }
    fn take_values(&mut self) -> Vec<Value> {
        vec![std::mem::replace(&mut self.value, Value::None)]
    }
}

/// `enum.auto()`: the next value, chosen when the class is made.
pub struct Auto;

impl Object for Auto {
    fn type_name(&self) -> &str {
        "auto"
    }
}

/// `enum.Enum`, `enum.IntEnum`, `enum.StrEnum`: one class each (per
/// thread), so that `Status.__base__ is Enum` holds.
pub fn root(kind: EnumKind) -> Value {
    thread_local! {
        static MADE: RefCell<Vec<(EnumKind, Value)>> = const { RefCell::new(Vec::new()) };
    }
    MADE.with_borrow_mut(|made| {
        if let Some((_, v)) = made.iter().find(|(k, _)| *k == kind) {
            return v.clone();
        }
        let v = Value::obj(PyClass {
            name: Rc::from(kind.name()),
            base: None,
            dict: RefCell::new(Vec::new()),
            enum_kind: Some(kind),
            members: RefCell::new(Vec::new()),
            doc: None,
            statement: None,
        });
        made.push((kind, v.clone()));
        v
    })
}

/// `auto` of the `enum` module: calling it gives an `Auto`.
pub fn auto(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::obj(Auto))
}

/// The name of a member value, if it is one.
pub fn member_name(v: &Value) -> Option<&str> {
    match v {
        Value::Obj(o) => (o.as_ref() as &dyn std::any::Any)
            .downcast_ref::<EnumMember>()
            .map(|m| &*m.name),
        _ => None,
    }
}

/// Is this name one of the class body's that stays a plain attribute
/// (`__dunder__`, `_sunder_`, a function or descriptor)?
fn not_a_member(name: &str, v: &Value) -> bool {
    (name.starts_with('_') && name.ends_with('_'))
        || v.is::<crate::eval::function::Function>()
        || v.is::<Descriptor>()
        || v.is::<crate::eval::methods::BoundFunction>()
}

/// The class body's bindings made into members (and the other attributes).
pub fn make_members(
    me: &mut Interp,
    class: &Rc<PyClass>,
    body: Vec<(Rc<str>, Value)>,
) -> Result<()> {
    let kind = class.enum_kind.unwrap_or(EnumKind::Enum);
    let mut last_int = 0i64;
    for (name, v) in body {
        if not_a_member(&name, &v) {
            dict_set(&class.dict, name, v);
            continue;
        }
        let value = if v.is::<Auto>() {
            match kind {
                EnumKind::StrEnum => Value::str(&name.to_lowercase()),
                EnumKind::StrMixin => {
                    last_int += 1;
                    Value::str(&last_int.to_string())
                }
                _ => {
                    last_int += 1;
                    Value::Int(last_int)
                }
            }
        } else {
            if let Value::Int(i) = v {
                last_int = i;
            }
            match kind {
                EnumKind::Enum => v,
                // `str(value)`, as `str.__new__` makes the member.
                EnumKind::StrMixin => Value::str(&me.str_value(&v)?),
                EnumKind::IntEnum | EnumKind::IntMixin => match v {
                    Value::Int(_) | Value::Bool(_) => Value::Int(v.as_i64().unwrap_or(0)),
                    Value::Str(ref s) if s.trim().parse::<i64>().is_ok() => {
                        Value::Int(s.trim().parse::<i64>().unwrap_or(0))
                    }
                    other => {
                        return Err(Error::new(
                            ErrorKind::ValueError,
                            format!(
                                "invalid literal for int() with base 10: {}",
                                me.repr_value(&other)?
                            ),
                        ));
                    }
                },
                EnumKind::StrEnum => match v {
                    Value::Str(_) => v,
                    other => {
                        return Err(Error::type_(format!(
                            "{} is not a string",
                            me.repr_value(&other)?
                        )));
                    }
                },
            }
        };
        let existing = class
            .members
            .borrow()
            .iter()
            .find(|m| {
                m.downcast::<EnumMember>()
                    .is_some_and(|m| m.value.py_eq(&value).unwrap_or(false))
            })
            .cloned();
        let member = match existing {
            Some(alias) => alias,
            None => {
                let m = Value::obj(EnumMember {
                    class: crate::eval::pyclass::weak(class),
                    class_name: class.name.clone(),
                    name: name.clone(),
                    value,
                    kind,
                });
                class.members.borrow_mut().push(m.clone());
                m
            }
        };
        dict_set(&class.dict, name, member);
    }
    Ok(())
}

/// `Status('active')`: the member of that value (or the member itself).
pub fn by_value(me: &mut Interp, class: &Rc<PyClass>, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let want = &a.pos[0];
    if let Some(m) = want.downcast::<EnumMember>()
        && m.class.upgrade().is_some_and(|c| c.is_subclass_of(class))
    {
        return Ok(want.clone());
    }
    for m in class.members.borrow().iter() {
        if let Some(em) = m.downcast::<EnumMember>()
            && em.value.py_eq(want)?
        {
            return Ok(m.clone());
        }
    }
    if class.members.borrow().is_empty() && class.base.is_none() {
        return Err(Error::type_(format!(
            "{}() takes the enum's class body: class Status({}): ACTIVE = 'active'",
            class.name, class.name
        )));
    }
    Err(Error::new(
        ErrorKind::ValueError,
        format!("{} is not a valid {}", me.repr_value(want)?, class.name),
    ))
}

/// `Status['ACTIVE']`: the member (or alias) of that name.
pub fn by_name(me: &mut Interp, class: &PyClass, key: &Value) -> Result<Value> {
    if let Value::Str(s) = key
        && let Some(v) = crate::eval::pyclass::dict_get(&class.dict, s)
        && v.is::<EnumMember>()
    {
        return Ok(v);
    }
    Err(crate::value::exc_args::key_error(
        key.clone(),
        me.repr_value(key)?,
    ))
}

/// `<enum 'Status'>`
pub fn class_repr(c: &PyClass) -> String {
    format!("<enum '{}'>", c.name)
}

/// `<Status.ACTIVE: 'active'>`
pub fn member_repr(me: &mut Interp, m: &EnumMember) -> Result<String> {
    Ok(format!(
        "<{}.{}: {}>",
        m.class_name,
        m.name,
        me.repr_value(&m.value)?
    ))
}

/// `str(Status.ACTIVE)`: `Status.ACTIVE` (a mixed-in `str`/`int` enum's
/// too); an `IntEnum`'s or `StrEnum`'s member is its value's text
/// (Python 3.11).
pub fn member_str(me: &mut Interp, m: &EnumMember) -> Result<String> {
    if m.kind.str_is_name() {
        Ok(format!("{}.{}", m.class_name, m.name))
    } else {
        me.str_value(&m.value)
    }
}

/// `@enum.unique`: the class itself, or `ValueError` naming each alias and
/// the member it stands for (`duplicate values found in <enum 'S'>: B -> A`).
pub fn unique(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let Some(class) = a.pos[0].downcast::<PyClass>().filter(|c| c.is_enum()) else {
        return Err(Error::type_(
            "enum.unique() decorates an enum class: @enum.unique above class Status(enum.Enum):",
        ));
    };
    let aliases: Vec<String> = class
        .dict
        .borrow()
        .iter()
        .filter_map(|(name, v)| {
            let m = v.downcast::<EnumMember>()?;
            (*m.name != **name).then(|| format!("{name} -> {}", m.name))
        })
        .collect();
    if aliases.is_empty() {
        return Ok(a.pos[0].clone());
    }
    Err(Error::new(
        ErrorKind::ValueError,
        format!(
            "duplicate values found in {}: {}",
            class_repr(&class),
            aliases.join(", ")
        ),
    ))
}

/// `member in Status` (Python 3.11's `EnumType.__contains__`): a member
/// is in its own class; anything else that is not a member is a
/// `TypeError`.
pub fn contains(class: &Rc<PyClass>, needle: &Value) -> Result<bool> {
    match needle.downcast::<EnumMember>() {
        Some(m) => Ok(m.class.upgrade().is_some_and(|c| c.is_subclass_of(class))),
        None => Err(Error::type_(format!(
            "unsupported operand type(s) for 'in': '{}' and 'EnumType'",
            crate::value::ops::qual_name(needle)
        ))
        .with_help(format!(
            "test a value with {}(value) in a try, or value in [m.value for m in {}]",
            class.name, class.name
        ))),
    }
}
