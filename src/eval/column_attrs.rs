//! A schema column's attributes as SQLAlchemy's `Column` has them, read
//! from the table's column (`User.__table__.c.name`) or through the mapped
//! attribute (`User.name`, whose `__getattr__` reaches its column):
//! `.unique`, `.index`, `.autoincrement`, `.comment`, `.doc`, `.info`,
//! `.default` / `.onupdate` (a `ColumnDefault`: `.arg`, `.is_scalar`,
//! `.is_callable`, `.for_update`) and `.server_default` (a `DefaultClause`
//! or `FetchedValue`: `.arg`, `.for_update`).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::surface::{Class, Member};
use crate::orm::expr::ColumnElement;
use crate::schema::column::Column;
use crate::value::{Object, Value};

/// SQLAlchemy's `ColumnDefault` of a column's `default=` or `onupdate=`.
pub struct ColumnDefault {
    pub arg: Value,
    /// Made from `onupdate=`.
    pub for_update: bool,
}

impl Object for ColumnDefault {
    fn type_name(&self) -> &str {
        if self.arg.is::<ColumnElement>() {
            "ColumnElementColumnDefault"
        } else if is_callable(&self.arg) {
            "CallableColumnDefault"
        } else {
            "ScalarElementColumnDefault"
        }
    }
    fn take_values(&mut self) -> Vec<Value> {
        vec![std::mem::replace(&mut self.arg, Value::None)]
    }
}

fn is_callable(v: &Value) -> bool {
    v.is::<crate::eval::objects::Native>()
        || v.is::<crate::eval::objects::Lambda>()
        || v.is::<crate::eval::function::Function>()
}

/// SQLAlchemy's `DefaultClause` of `server_default=`/`server_onupdate=`:
/// its SQL text, a string literal given as a string (`.arg` the string),
/// else the `text()` given; without SQL, a `FetchedValue`.
pub struct DefaultClause {
    pub sql: Option<Rc<str>>,
    pub for_update: bool,
}

impl Object for DefaultClause {
    fn type_name(&self) -> &str {
        if self.sql.is_some() {
            "DefaultClause"
        } else {
            "FetchedValue"
        }
    }
}

impl DefaultClause {
    /// The string a `server_default='q'` was given as, or None for SQL.
    fn literal(&self) -> Option<String> {
        self.sql
            .as_deref()?
            .strip_prefix('\'')
            .and_then(|s| s.strip_suffix('\''))
            .filter(|s| !s.replace("''", "").contains('\''))
            .map(|s| s.replace("''", "'"))
    }

    /// `.arg`: the string given, else the `text()` clause.
    fn arg(&self) -> Value {
        match (self.literal(), &self.sql) {
            (Some(s), _) => Value::str(&s),
            (None, Some(sql)) => {
                Value::obj(crate::eval::objects::TextClause(sql.clone(), Vec::new()))
            }
            (None, None) => Value::None,
        }
    }
}

/// `column.NAME` for one of the attributes this module gives; None for
/// another name.
pub fn attribute(col: &Column, name: &str) -> Option<Value> {
    Some(match name {
        // `unique=`/`index=` not given are None in SQLAlchemy.
        "unique" => flag(col.unique),
        "index" => flag(col.index),
        "autoincrement" => match col.autoincrement {
            Some(b) => Value::Bool(b),
            None => Value::str("auto"),
        },
        "comment" => text(&col.comment),
        "doc" => text(&col.doc),
        "info" => col
            .info
            .clone()
            .unwrap_or_else(|| Value::Dict(Default::default())),
        "default" => default_of(&col.default, false),
        "onupdate" => default_of(&col.onupdate, true),
        "server_default" => match (&col.server_default, col.server_fetched) {
            (Some(sql), _) => Value::obj(DefaultClause {
                sql: Some(sql.clone()),
                for_update: false,
            }),
            (None, true) => Value::obj(crate::eval::objects::FetchedValue),
            (None, false) => Value::None,
        },
        "server_onupdate" if col.server_onupdate => Value::obj(DefaultClause {
            sql: col.server_onupdate_sql.clone(),
            for_update: true,
        }),
        "server_onupdate" => Value::None,
        _ => return None,
    })
}

/// The names [`attribute`] answers, for `dir()`.
pub const NAMES: [&str; 10] = [
    "unique",
    "index",
    "autoincrement",
    "comment",
    "doc",
    "info",
    "default",
    "onupdate",
    "server_default",
    "server_onupdate",
];

fn flag(b: bool) -> Value {
    if b { Value::Bool(true) } else { Value::None }
}

fn text(t: &Option<Rc<str>>) -> Value {
    t.as_ref().map_or(Value::None, |s| Value::str(s))
}

fn default_of(v: &Option<Value>, for_update: bool) -> Value {
    match v {
        Some(arg) => Value::obj(ColumnDefault {
            arg: arg.clone(),
            for_update,
        }),
        None => Value::None,
    }
}

/// `repr()` of a `ColumnDefault` or `DefaultClause`, as SQLAlchemy's;
/// None for another value.
pub fn repr_of(me: &mut Interp, v: &Value) -> Result<Option<String>> {
    if let Some(d) = v.downcast::<ColumnDefault>() {
        let arg = me.repr_value(&d.arg)?;
        return Ok(Some(format!("{}({arg})", d.type_name())));
    }
    if let Some(d) = v.downcast::<DefaultClause>() {
        let update = if d.for_update { "True" } else { "False" };
        if d.sql.is_none() {
            return Ok(Some(format!("FetchedValue(for_update={update})")));
        }
        let arg = match d.literal() {
            Some(s) => crate::value::repr::str_repr(&s),
            None => me.repr_value(&d.arg())?,
        };
        return Ok(Some(format!("DefaultClause({arg}, for_update={update})")));
    }
    Ok(None)
}

type D = Rc<ColumnDefault>;

/// SQLAlchemy's `ColumnDefault`.
pub static COLUMN_DEFAULT: Class<D> = Class::new(
    "ColumnDefault",
    &[
        Member::attr(
            "arg",
            |_, d: &D| Ok(d.arg.clone()),
            "the value or callable given",
        ),
        Member::attr(
            "for_update",
            |_, d: &D| Ok(Value::Bool(d.for_update)),
            "made from onupdate=",
        ),
        Member::attr(
            "is_scalar",
            |_, d: &D| {
                Ok(Value::Bool(
                    !is_callable(&d.arg) && !d.arg.is::<ColumnElement>(),
                ))
            },
            "a plain value",
        ),
        Member::attr(
            "is_callable",
            |_, d: &D| Ok(Value::Bool(is_callable(&d.arg))),
            "a Python function",
        ),
        Member::attr(
            "is_clause_element",
            |_, d: &D| Ok(Value::Bool(d.arg.is::<ColumnElement>())),
            "a SQL expression",
        ),
    ],
);

type S = Rc<DefaultClause>;

/// SQLAlchemy's `DefaultClause`.
pub static DEFAULT_CLAUSE: Class<S> = Class::new(
    "DefaultClause",
    &[
        Member::attr("arg", |_, d: &S| Ok(d.arg()), "the string or text() given"),
        Member::attr(
            "for_update",
            |_, d: &S| Ok(Value::Bool(d.for_update)),
            "made from server_onupdate=",
        ),
    ],
);
