//! `text('SELECT …').columns(User.id, User.name, born=db.Date)`
//! (SQLAlchemy's `TextClause.columns`, a `TextualSelect`): the text's
//! result columns typed — given as mapped columns they are matched by
//! position (the rows keep the text's own column names); given as `name=type` keywords they are matched
//! by name. The values are read as each type reads them (a `Date` from
//! its ISO text). `select(M).from_statement(it)` loads objects from it as
//! from the text.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{ResultSet, TextClause};
use crate::orm::convert::{from_param, plain_param};
use crate::orm::expr::ColumnElement;
use crate::orm::row::Row;
use crate::schema::types::ColumnType;
use crate::sql::ast::SqlExpr;
use crate::value::{Object, Value};

/// One result column of a `TextualSelect`: its key and type.
pub struct TypedCol {
    pub key: Rc<str>,
    pub ty: Option<ColumnType>,
}

/// `text(...).columns(...)`.
pub struct TextualSelect {
    pub text: Rc<TextClause>,
    pub cols: Vec<TypedCol>,
    /// Matched by position (only column objects given), else by name.
    pub positional: bool,
}

impl Object for TextualSelect {
    fn type_name(&self) -> &str {
        "TextualSelect"
    }
}

/// `t.columns(*cols, **types)`.
pub fn columns(_: &mut Interp, t: &Rc<TextClause>, mut a: Args) -> Result<Value> {
    let mut cols = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        let c = v.downcast::<ColumnElement>();
        let col = c.as_ref().and_then(|c| match &c.expr {
            SqlExpr::Column { name, .. } => Some(TypedCol {
                key: c.key.clone().unwrap_or_else(|| name.clone()),
                ty: c.ty.clone(),
            }),
            _ => None,
        });
        let Some(col) = col else {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "TextClause.columns() of {} is not supported by ormsh: it takes a model's columns, or name=type keywords",
                    v.type_name()
                ),
            )
            .at(a.span_of(i))
            .with_help("text('SELECT id, name FROM user').columns(User.id, User.name), or .columns(born=db.Date)"));
        };
        cols.push(col);
    }
    let positional = !cols.is_empty() && a.kw.is_empty();
    for (k, v, span) in std::mem::take(&mut a.kw) {
        let ty = crate::eval::builtins_sqlexpr::type_arg("columns", &v).map_err(|e| e.at(span))?;
        match cols.iter_mut().find(|c| *c.key == *k) {
            // A keyword naming a column given types it.
            Some(c) => c.ty = Some(ty),
            None => cols.push(TypedCol {
                key: k,
                ty: Some(ty),
            }),
        }
    }
    Ok(Value::obj(TextualSelect {
        text: t.clone(),
        cols,
        positional,
    }))
}

/// A value of the text's result read as `ty` reads it.
fn typed(ty: &Option<ColumnType>, v: &Value) -> Result<Value> {
    match ty {
        Some(t) if !matches!(v, Value::None) => Ok(from_param(t, &plain_param(v)?)),
        _ => Ok(v.clone()),
    }
}

/// The rows of the text's result, their values typed by `ts`'s columns.
pub fn type_rows(ts: &TextualSelect, mut rs: ResultSet) -> Result<ResultSet> {
    let mut rows = Vec::with_capacity(rs.rows.len());
    for r in &rs.rows {
        let Some(row) = r.downcast::<Row>() else {
            rows.push(r.clone());
            continue;
        };
        let mut values = row.values.clone();
        let keys = &row.keys;
        for (i, c) in ts.cols.iter().enumerate() {
            let at = match ts.positional {
                true => (i < values.len()).then_some(i),
                false => keys.iter().position(|k| **k == *c.key),
            };
            if let Some(at) = at {
                values[at] = typed(&c.ty, &values[at])?;
            }
        }
        rows.push(Value::obj(Row {
            keys: keys.clone(),
            values,
            // A textual result's row: a `RowMapping` looked up by a
            // mapped column is `NoSuchColumnError`, as the reference shows.
            origins: None,
        }));
    }
    rs.rows = rows;
    Ok(rs)
}
