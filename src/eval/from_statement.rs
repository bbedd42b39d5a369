//! `select(M).from_statement(text('SELECT …'))` and
//! `M.query.from_statement(text(…))` (SQLAlchemy's
//! `Select.from_statement` / `Query.from_statement`): objects of one model
//! loaded from the rows of hand-written SQL, each of the model's columns
//! read from the result column of its name, as SQLAlchemy matches a
//! textual statement's columns by name. The statement may be a `select()`
//! too (`from_statement(select(M).where(…))`): it runs as it is, its
//! columns named as the model's are.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::TextClause;
use crate::eval::surface::query::Q;
use crate::orm::query::{Entity, Query};
use crate::schema::model::Model;
use crate::sql::ast::Param;
use crate::sql::compile::{self, Mode};
use crate::value::{Object, Value};

/// A statement of one model whose rows come from `text` (SQLAlchemy's
/// `FromStatement`; a legacy `Query` when made from one).
pub struct FromStatement {
    pub model: Rc<Model>,
    pub source: Source,
    pub legacy: bool,
}

/// The statement whose rows a [`FromStatement`] reads.
pub enum Source {
    /// `text('SELECT …')`.
    Text(Rc<TextClause>),
    /// A `select()` or legacy `Query`, run as it is.
    Select(Rc<Query>),
}

impl Object for FromStatement {
    fn type_name(&self) -> &str {
        if self.legacy {
            "Query"
        } else {
            "FromStatement"
        }
    }
}

/// `stmt.from_statement(text(...))`.
pub fn from_statement(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let source = if let Some(text) = a.pos[0].downcast::<TextClause>() {
        Source::Text(text)
    } else if let Some(ts) = a.pos[0].downcast::<crate::eval::textual_select::TextualSelect>() {
        // Its rows carry the model's columns by name, as the text's do.
        Source::Text(ts.text.clone())
    } else if let Some(stmt) = a.pos[0].downcast::<Query>() {
        Source::Select(stmt)
    } else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "from_statement() of {} is not supported by ormsh: it takes text('SELECT …') or a select()",
                a.pos[0].type_name()
            ),
        )
        .at(a.span_of(0))
        .with_help("run the statement itself, or write its SQL in text()"));
    };
    let query = q.query(me)?;
    let model = match query.entities.as_slice() {
        [Entity::Model(m)] => m.clone(),
        _ => {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                "from_statement() of a statement of columns or of several entities is not supported by ormsh: it loads one model",
            )
            .with_help("select(Model).from_statement(text(...)), or run the text() itself for rows"));
        }
    };
    Ok(Value::obj(FromStatement {
        model,
        source,
        legacy: query.legacy,
    }))
}

/// `str()` of the statement: its inner statement's SQL (the text as
/// written, a `select()` as `str()` writes it; in a legacy `Query` as
/// the session's SQLite dialect writes it).
pub fn str_of(me: &mut Interp, fs: &FromStatement) -> Result<String> {
    match &fs.source {
        Source::Text(t) => Ok(t.0.to_string()),
        // A legacy Query is compiled for the session's database.
        Source::Select(q) if fs.legacy => {
            q.compilable()?;
            let dialect = me.session.engine.dialect();
            Ok(compile::select(&q.to_select(), Mode::Display, dialect).sql)
        }
        Source::Select(q) => me.query_sql(q),
    }
}

/// Where each of the model's columns is in the result, by name.
fn column_positions(model: &Model, names: &[String]) -> Result<Vec<usize>> {
    let mut at = Vec::with_capacity(model.columns.len());
    for c in &model.columns {
        match names.iter().position(|n| n.eq_ignore_ascii_case(&c.name)) {
            Some(i) => at.push(i),
            None if c.primary_key => {
                return Err(Error::new(
                    ErrorKind::NoSuchColumnError,
                    format!(
                        "Could not locate column in row for column '{}.{}'",
                        model.table, c.name
                    ),
                )
                .with_help("select every column of the model: SELECT * FROM …"));
            }
            None => {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "from_statement() rows without the column '{}' are not supported by ormsh (SQLAlchemy leaves it unloaded)",
                        c.name
                    ),
                )
                .with_help("select every column of the model: SELECT * FROM …"));
            }
        }
    }
    Ok(at)
}

impl Interp {
    /// The objects the statement's rows stand for, in row order.
    pub fn load_from_statement(&mut self, fs: &FromStatement) -> Result<Vec<Value>> {
        self.autoflush()?;
        let dialect = self.session.engine.dialect();
        let c = match &fs.source {
            Source::Text(text) => {
                let binds = crate::eval::text_clause::binds(text)?;
                compile::text(&text.0, &binds, Mode::Execute, dialect)
            }
            Source::Select(q) => {
                q.compilable()?;
                compile::select(&q.to_select(), Mode::Execute, dialect)
            }
        };
        let mut rows: Vec<Vec<Param>> = Vec::new();
        let names = self.session.engine.query(&c, |r| {
            rows.push(r.to_vec());
            Ok(true)
        })?;
        let at = column_positions(&fs.model, &names)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let ordered: Vec<Param> = at.iter().map(|&i| row[i].clone()).collect();
            let inst = self.session.instance_for_row(&fs.model, &ordered);
            out.push(inst.map_or(Value::None, |i| Value::Obj(i)));
        }
        Ok(out)
    }
}
