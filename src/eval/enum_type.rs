//! `db.Enum(Status)` of a Python enum class (`eval::pyenum`), as
//! SQLAlchemy's `Enum(enum_class)` makes it: the members' names are the
//! type's values (stored as `VARCHAR` of the longest name), the members
//! what Python code reads and writes, and the type named after the class
//! in lower case (`Enum('ACTIVE', 'INACTIVE', name='status')`). Binding a
//! member stores its name (`schema::types::EnumClass`, `orm::convert`).

use std::rc::Rc;

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
    let names = members
        .iter()
        .filter_map(|m| m.downcast::<EnumMember>().map(|m| m.name.clone()))
        .collect();
    Some(EnumValues {
        names,
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
