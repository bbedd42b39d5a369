//! `relationship(..., secondary=...)`'s association table: a `db.Table`
//! given as a value, or a string SQLAlchemy resolves when the mappers
//! configure — a table name in the metadata (a mapped model's table too),
//! else an expression evaluated among the registry's names. A bare name
//! that is neither a table nor a class is SQLAlchemy's
//! `InvalidRequestError` ("failed to locate a name"): the session's
//! variables are not among the names it looks in.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::persist::declare::is_identifier;
use crate::schema::model::Model;
use crate::schema::table::Table;
use crate::value::Value;

impl Interp {
    /// The association table `v` names for a relationship of `owner`
    /// (SQLAlchemy's `_resolver` with `favor_tables=True`).
    pub(crate) fn secondary_table(&mut self, owner: &Model, v: &Value) -> Result<Rc<Table>> {
        if let Some(t) = v.downcast::<Table>() {
            return Ok(t);
        }
        if let Value::Str(s) = v {
            if let Some(t) = self.registry.table(s) {
                return Ok(t.clone());
            }
            // A mapped model's table by its `__tablename__`, as SQLAlchemy
            // finds it in the metadata.
            if let Some(m) = self.registry.by_table(s) {
                return Ok(Rc::new(Table {
                    name: m.table.clone(),
                    columns: m.columns.clone(),
                    args: m.args.clone(),
                }));
            }
            if is_identifier(s) && self.registry.get(s).is_none() {
                return Err(unlocated(owner, s, self.variable_table(s)));
            }
            let v = self.eval_text(s)?;
            return self.secondary_table(owner, &v);
        }
        Err(Error::type_(format!(
            "secondary= takes an association table made with db.Table(...), not {}",
            v.type_name()
        )))
    }

    /// The table a session variable `name` holds, if it holds one.
    fn variable_table(&self, name: &str) -> Option<Rc<str>> {
        (self.get_global(name))
            .and_then(|v| v.downcast::<Table>())
            .map(|t| t.name.clone())
    }
}

/// SQLAlchemy's message for a string it cannot resolve, with a help line
/// naming the table when the string is the variable that holds it.
fn unlocated(owner: &Model, name: &str, table: Option<Rc<str>>) -> Error {
    let help = match table {
        Some(t) => format!(
            "secondary='…' names a table by its name in the metadata: write secondary='{t}', or pass the variable unquoted: secondary={name}"
        ),
        None => {
            "secondary='…' names a table by its name in the metadata (the name given to db.Table)"
                .to_string()
        }
    };
    Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "When initializing mapper Mapper[{0}({1})], expression '{name}' failed to locate a name ('{name}'). If this is a class name, consider adding this relationship() to the <class '__main__.{0}'> class after both dependent classes have been defined.",
            owner.name, owner.table
        ),
    )
    .with_help(help)
}
