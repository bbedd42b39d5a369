//! The 2.0 DML statements of one model — SQLAlchemy's `insert(User)`,
//! `update(User)` and `delete(User)` (`sql.dml.Insert`, `Update`,
//! `Delete`) as the ORM runs them: what `.values(...)`, `.where(...)`,
//! `.returning(...)` and `.execution_options(synchronize_session=...)`
//! built up. Each builder method makes a new statement; the receiver is
//! unchanged, as in SQLAlchemy. Running one is `eval::dml_exec`'s; the SQL
//! text is `sql::dml`'s.

use std::rc::Rc;

use crate::error::Result;
use crate::orm::bulk::SyncSession;
use crate::orm::expr::ColumnElement;
use crate::orm::query::Query;
use crate::schema::model::Model;
use crate::sql::ast::{Param, SqlExpr};
use crate::value::{Object, Value};

/// A value a column is set to, as SQL: bound in the column's type (a
/// `None` in a JSON column is JSON `'null'`, as in a flush), or an SQL
/// expression as written.
pub fn set_expr(model: &Rc<Model>, i: usize, v: &Value) -> Result<SqlExpr> {
    let col = ColumnElement::column(model, i);
    Ok(match (v, col.bind(v)?) {
        (Value::None, SqlExpr::Param { key, .. }) if model.columns[i].none_is_json_null() => {
            SqlExpr::Param {
                value: Param::Text(Rc::from("null")),
                key,
            }
        }
        (_, bound) => bound,
    })
}

/// Which statement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DmlKind {
    Insert,
    Update,
    Delete,
}

impl DmlKind {
    /// SQLAlchemy's class name (`type(stmt)`, messages).
    pub fn name(self) -> &'static str {
        match self {
            DmlKind::Insert => "Insert",
            DmlKind::Update => "Update",
            DmlKind::Delete => "Delete",
        }
    }
}

/// One thing `.returning(...)` names.
#[derive(Clone)]
pub enum Returned {
    /// A whole model: each row gives its object.
    Model(Rc<Model>),
    /// One mapped column of the statement's model (its index).
    Column(Box<ColumnElement>, usize),
}

impl Returned {
    /// The key a result row has for it (`User`, `id`).
    pub fn key(&self) -> Rc<str> {
        match self {
            Returned::Model(m) => m.name.clone(),
            Returned::Column(c, _) => c.key.clone().unwrap_or_else(|| Rc::from("")),
        }
    }
}

/// `insert(M)`, `update(M)` or `delete(M)` and what was added to it.
#[derive(Clone)]
pub struct Dml {
    pub kind: DmlKind,
    pub model: Rc<Model>,
    /// `.values(...)`: rows of (column index, value or SQL expression); an
    /// UPDATE has at most one row. Later `.values()` calls add to (a
    /// single row) or extend (several rows) what is there.
    pub rows: Vec<Vec<(usize, Value)>>,
    /// The values were given as a list of rows (`values([{...}, ...])`).
    pub multi: bool,
    /// `.where(...)`: ANDed together.
    pub where_: Vec<SqlExpr>,
    /// The FROM items the criteria's columns bring (an alias's
    /// `user AS user_1`, for an `UPDATE … FROM`).
    pub froms: Vec<crate::sql::ast::FromItem>,
    pub returning: Vec<Returned>,
    /// `.execution_options(synchronize_session=...)`.
    pub sync: Option<SyncSession>,
    /// `.from_select(names, select)` (an INSERT only).
    pub from_select: Option<Rc<FromSelect>>,
    /// Made by `sqlalchemy.dialects.sqlite.insert`: SQLite's own Insert,
    /// which has ON CONFLICT clauses (`orm::upsert`) and prints in
    /// SQLite's text.
    pub sqlite: bool,
    /// Its `on_conflict_do_nothing()` / `on_conflict_do_update()` clauses.
    pub on_conflict: Vec<crate::sql::upsert::OnConflict>,
    /// Made of a `db.Table` (`insert(table)`, `table.update()`): a Core
    /// statement, which synchronises no session objects.
    pub core: bool,
    /// `prefix_with(...)` of an INSERT: (text, dialect) pairs.
    pub prefixes: Vec<(Rc<str>, Rc<str>)>,
}

/// What `Insert.from_select(names, select, include_defaults=True)` gave:
/// the columns written (indexes into the model's) and the SELECT giving
/// their rows.
#[derive(Clone)]
pub struct FromSelect {
    pub columns: Vec<usize>,
    pub select: Query,
    /// The other columns' `default=`s are added to the SELECT.
    pub include_defaults: bool,
    /// A name the table lacks: SQLAlchemy's KeyError when the statement
    /// compiles (runs or prints), not when it is built.
    pub invalid: Option<crate::error::Error>,
}

impl Object for Dml {
    fn type_name(&self) -> &str {
        self.kind.name()
    }

    fn take_values(&mut self) -> Vec<Value> {
        self.rows
            .drain(..)
            .flat_map(|r| r.into_iter().map(|(_, v)| v))
            .collect()
    }
}

impl Dml {
    /// A bare statement of `model`.
    pub fn new(kind: DmlKind, model: Rc<Model>) -> Dml {
        Dml {
            kind,
            model,
            rows: Vec::new(),
            multi: false,
            where_: Vec::new(),
            froms: Vec::new(),
            returning: Vec::new(),
            sync: None,
            from_select: None,
            sqlite: false,
            on_conflict: Vec::new(),
            core: false,
            prefixes: Vec::new(),
        }
    }

    /// The column names RETURNING writes, in order.
    pub fn returning_columns(&self) -> Vec<Rc<str>> {
        let mut out = Vec::new();
        for r in &self.returning {
            match r {
                Returned::Model(m) => out.extend(m.columns.iter().map(|c| c.name.clone())),
                Returned::Column(_, i) => out.push(self.model.columns[*i].name.clone()),
            }
        }
        out
    }

    /// The keys of the rows RETURNING gives.
    pub fn returning_keys(&self) -> Rc<[Rc<str>]> {
        self.returning.iter().map(Returned::key).collect()
    }
}
