//! `db.Enum(Status)` of a Python enum class (`eval::pyenum`), as
//! SQLAlchemy's `Enum(enum_class)` makes it: the members' names are the
//! type's values (stored as `VARCHAR` of the longest name) — or what
//! `values_callable=` gives for the class —, the members what Python code
//! reads and writes, and the type named after the class in lower case
//! (`Enum('ACTIVE', 'INACTIVE', name='status')`). Binding a member stores
//! its name (`schema::types::EnumClass`, `orm::convert`);
//! `validate_strings=True` refuses any other string when a statement
//! binds it.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pyclass::PyClass;
use crate::eval::pyenum::EnumMember;
use crate::schema::types::{EnumClass, EnumValues};
use crate::value::Value;
use crate::value::repr::str_repr;

/// The values of `db.Enum(v)` when `v` is an enum class; None for any
/// other argument.
pub fn values_of(v: &Value) -> Option<EnumValues> {
    let class = v.downcast::<PyClass>()?;
    if !class.is_enum() {
        return None;
    }
    let members: Vec<Value> = class.members.borrow().clone();
    let names: Vec<Rc<str>> = members
        .iter()
        .filter_map(|m| m.downcast::<EnumMember>().map(|m| m.name.clone()))
        .collect();
    Some(EnumValues {
        names: Rc::from(names),
        validate_strings: false,
        name: None,
        class: Some(EnumClass {
            name: class.name.clone(),
            members: Rc::from(members),
        }),
    })
}

/// The `name=` an enum class's type takes when none is given: the
/// class's name in lower case, as its repr shows it.
pub fn default_name(values: &EnumValues) -> Option<(Rc<str>, Rc<str>)> {
    let class = values.class.as_ref()?;
    Some((
        Rc::from("name"),
        Rc::from(str_repr(&class.name.to_lowercase())),
    ))
}

/// `Enum(..., values_callable=f, validate_strings=...)`: the keywords of
/// SQLAlchemy's `Enum` that need the interpreter, taken out of `a` before
/// the type is built. `values_callable` is called with the enum class and
/// must give one string per member (SQLAlchemy's `_parse_into_values`);
/// the strings become the stored values.
pub fn take_enum_keywords(me: &mut Interp, a: &mut Args) -> Result<EnumKeywords> {
    let validate_strings = a.take_kw("validate_strings").is_some_and(|v| v.truthy());
    let Some(f) = a.take_kw("values_callable") else {
        return Ok(EnumKeywords {
            values: None,
            validate_strings,
        });
    };
    let Some(class) = a.pos.first().filter(|v| values_of(v).is_some()).cloned() else {
        return Err(Error::type_(
            "values_callable= is for an Enum of a Python enum class: db.Enum(Status, values_callable=lambda e: [m.value for m in e])",
        ));
    };
    let got = me.call(&f, Args::new("values_callable", vec![class]))?;
    let mut names = Vec::new();
    for v in me.to_vec(&got)? {
        match &v {
            Value::Str(s) => names.push(Rc::from(&**s)),
            other => {
                return Err(Error::type_(format!(
                    "values_callable gave {}, not a string",
                    me.repr_value(other)?
                ))
                .with_help("return the members' stored strings, e.g. [m.value for m in e]"));
            }
        }
    }
    Ok(EnumKeywords {
        values: Some(names),
        validate_strings,
    })
}

/// What `take_enum_keywords` read.
#[derive(Default)]
pub struct EnumKeywords {
    /// The stored strings `values_callable` gave, member by member.
    pub values: Option<Vec<Rc<str>>>,
    pub validate_strings: bool,
}

impl EnumKeywords {
    /// The type's values with these keywords applied.
    pub fn apply(self, mut ev: EnumValues) -> Result<EnumValues> {
        if let Some(values) = self.values {
            if values.len() != ev.names.len() {
                return Err(Error::type_(format!(
                    "values_callable gave {} strings for {} members",
                    values.len(),
                    ev.names.len()
                ))
                .with_help("return one string per member, in the class's order"));
            }
            ev.names = Rc::from(values);
        }
        ev.validate_strings = self.validate_strings;
        Ok(ev)
    }
}

/// `Enum(..., length=n)`: SQLAlchemy refuses a length shorter than the
/// longest stored value.
pub fn check_length(length: Option<u32>, ev: &EnumValues) -> Result<()> {
    let longest = ev
        .names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0);
    match length {
        Some(n) if (n as usize) < longest => Err(Error::new(
            crate::error::ErrorKind::ValueError,
            format!(
                "When provided, length must be larger or equal than the length of the longest enum value. {n} < {longest}"
            ),
        )
        .with_help(format!("give length={longest} or more, or leave it out"))),
        _ => Ok(()),
    }
}

/// The attributes an `Enum` type answers (SQLAlchemy's `Enum`).
pub const TYPE_ATTRS: &[&str] = &[
    "enums",
    "enum_class",
    "name",
    "length",
    "native_enum",
    "validate_strings",
];

/// `col.type.enums` (the stored strings), `.enum_class` (the class, or
/// None), `.name`, `.length` (the given length, else the longest value),
/// `.native_enum`, `.validate_strings`; None for any other name.
pub fn type_attr(
    ev: &EnumValues,
    opts: &crate::schema::types::TypeOptions,
    name: &str,
) -> Option<Value> {
    Some(match name {
        "enums" => Value::list(ev.names.iter().map(|n| Value::str(n)).collect()),
        "enum_class" => ev
            .class
            .as_ref()
            .and_then(|c| c.members.first())
            .and_then(|m| m.downcast::<EnumMember>())
            .and_then(|m| m.class.upgrade())
            .map_or(Value::None, |c| Value::Obj(c)),
        "name" => ev.type_name(opts).map_or(Value::None, |n| Value::str(&n)),
        "length" => Value::Int(opts.length.map_or_else(
            || {
                ev.names
                    .iter()
                    .map(|n| n.chars().count())
                    .max()
                    .unwrap_or(0) as i64
            },
            i64::from,
        )),
        "native_enum" => Value::Bool(ev.native(opts)),
        "validate_strings" => Value::Bool(ev.validate_strings),
        _ => return None,
    })
}
