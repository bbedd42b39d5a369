//! `db.inspect(obj).mapper`: SQLAlchemy's `Mapper` of the object's model
//! (`orm/mapper.py`), as far as ormsh's one-table models have one: the
//! mapped class (`class_`, `entity`) and its table (`local_table`,
//! `persist_selectable`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::surface::{Class, Member};
use crate::schema::model::Model;
use crate::value::{Object, Value};

/// The `Mapper` of one model (SQLAlchemy's `Mapper`).
pub struct Mapper(pub Rc<Model>);

impl Object for Mapper {
    fn type_name(&self) -> &str {
        "Mapper"
    }
}

impl Mapper {
    /// `<Mapper at 0x…; User>`, as SQLAlchemy's `Mapper.__repr__`.
    pub fn repr(&self) -> String {
        format!(
            "<Mapper at {:#x}; {}>",
            Rc::as_ptr(&self.0) as usize,
            self.0.name
        )
    }
}

type P = Rc<Mapper>;

/// `Mapper.class_`: the mapped class.
fn class_(_: &mut Interp, m: &P) -> Result<Value> {
    Ok(Value::Obj(m.0.clone()))
}

/// `Mapper.local_table`: the model's `Table`.
fn local_table(_: &mut Interp, m: &P) -> Result<Value> {
    crate::orm::retire::check_model(&m.0)?;
    Ok(Value::obj(crate::schema::table::Table::of_model(&m.0)))
}

/// Names what ormsh answers: SQLAlchemy's `Mapper` has many more.
fn missing(_: &mut Interp, _: &P, name: &str, hint: &str) -> Error {
    let known: Vec<&str> = MAPPER.members.iter().map(|m| m.name).collect();
    Error::attr(format!("'Mapper' object has no attribute '{name}'{hint}"))
        .with_help(format!("ormsh's Mapper answers: {}", known.join(", ")))
}

/// The attributes of a `Mapper` ormsh answers.
pub static MAPPER: Class<P> = Class::new(
    "Mapper",
    &[
        Member::attr("class_", class_, "the mapped class"),
        Member::attr("entity", class_, "the mapped class"),
        Member::attr("local_table", local_table, "the model's Table"),
        Member::attr("persist_selectable", local_table, "the model's Table"),
    ],
)
.with_missing(missing);
