//! `db.inspect(Model)`, `Model.__mapper__`, `db.inspect(obj).mapper`:
//! SQLAlchemy's `Mapper` of a model (`orm/mapper.py`), as far as ormsh's
//! one-table models have one: the mapped class (`class_`, `entity`), its
//! table (`local_table`, `persist_selectable`), its columns (`columns`,
//! `c`, by attribute name), `primary_key` (a tuple of the table's
//! columns), and its properties (`attrs`, `relationships`,
//! `column_attrs`, `get_property(name)`: `mapper_props`).

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

    /// One `Mapper` per model, as SQLAlchemy caches it on the class
    /// (`inspect(User) is User.__mapper__`).
    fn cached_identity(&self) -> Option<usize> {
        Some(Rc::as_ptr(&self.0) as usize)
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

/// `Mapper.columns`: the mapped columns, by attribute name.
fn columns(_: &mut Interp, m: &P) -> Result<Value> {
    crate::orm::retire::check_model(&m.0)?;
    let t = crate::schema::table::Table::of_model(&m.0);
    Ok(Value::obj(crate::schema::table::TableColumns(Rc::new(t))))
}

/// `Mapper.primary_key`: a tuple of the table's key columns, in the
/// key's order (SQLite's rowid where it keys a table without one).
fn primary_key(_: &mut Interp, m: &P) -> Result<Value> {
    crate::orm::retire::check_model(&m.0)?;
    let cols = (m.0.pk.iter())
        .map(|&i| {
            let c = &m.0.columns[i];
            crate::orm::expr::ColumnElement::local_column(
                m.0.table.clone(),
                c.name.clone(),
                c.ty.clone(),
                c.name.clone(),
            )
            .into_value()
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Value::tuple(cols))
}

fn attrs(me: &mut Interp, m: &P) -> Result<Value> {
    crate::eval::surface::mapper_props::attrs_of(me, &m.0)
}

fn relationships(me: &mut Interp, m: &P) -> Result<Value> {
    crate::eval::surface::mapper_props::relationships_of(me, &m.0)
}

fn column_attrs(_: &mut Interp, m: &P) -> Result<Value> {
    Ok(crate::eval::surface::mapper_props::column_attrs_of(&m.0))
}

/// `Mapper.get_property(key)`: one property, an `InvalidRequestError`
/// naming the mapper when it has none of that name.
fn get_property(me: &mut Interp, m: &P, a: crate::eval::args::Args) -> Result<Value> {
    a.count(1, 1)?;
    let all = crate::eval::surface::mapper_props::attrs_of(me, &m.0)?;
    let props = all
        .downcast::<crate::eval::surface::mapper_props::Props>()
        .expect("attrs_of gives Props");
    let key = a.pos[0].clone();
    crate::eval::surface::mapper_props::get_item(&props, &key).map_err(|_| {
        let shown = match &key {
            Value::Str(k) => k.to_string(),
            other => other.type_name().to_string(),
        };
        Error::new(
            crate::error::ErrorKind::InvalidRequestError,
            format!("Mapper '{}' has no property '{shown}'", m.0.name),
        )
        .with_help("mapper.attrs.keys() lists its properties")
    })
}

fn itself(_: &mut Interp, m: &P) -> Result<Value> {
    Ok(Value::obj(Mapper(m.0.clone())))
}

fn is_mapper(_: &mut Interp, _: &P) -> Result<Value> {
    Ok(Value::Bool(true))
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
        Member::attr("columns", columns, "the mapped columns, by attribute name"),
        Member::attr("c", columns, "the mapped columns (same as .columns)"),
        Member::attr("primary_key", primary_key, "a tuple of the key's columns"),
        Member::attr(
            "attrs",
            attrs,
            "every mapped property: declared relationships, columns, back-references",
        ),
        Member::attr(
            "relationships",
            relationships,
            "the relationship properties",
        ),
        Member::attr("column_attrs", column_attrs, "the column properties"),
        Member::method(
            "get_property",
            get_property,
            crate::eval::surface::Sig::NONE,
            "the property of that name",
        ),
        Member::attr("mapper", itself, "the Mapper itself"),
        Member::attr("is_mapper", is_mapper, "True"),
    ],
)
.with_missing(missing);
