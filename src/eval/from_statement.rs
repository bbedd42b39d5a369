//! `select(M).from_statement(text('SELECT …'))` and
//! `M.query.from_statement(text(…))` (SQLAlchemy's
//! `Select.from_statement` / `Query.from_statement`): objects of one model
//! loaded from the rows of hand-written SQL, each of the model's columns
//! read from the result column of its name, as SQLAlchemy matches a
//! textual statement's columns by name.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::TextClause;
use crate::eval::surface::query::Q;
use crate::orm::query::Entity;
use crate::schema::model::Model;
use crate::sql::ast::Param;
use crate::sql::compile::{self, Mode};
use crate::value::{Object, Value};

/// A statement of one model whose rows come from `text` (SQLAlchemy's
/// `FromStatement`; a legacy `Query` when made from one).
pub struct FromStatement {
    pub model: Rc<Model>,
    pub text: Rc<TextClause>,
    pub legacy: bool,
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
    let Some(text) = a.pos[0].downcast::<TextClause>() else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "from_statement() of {} is not supported by ormsh: it takes text('SELECT …')",
                a.pos[0].type_name()
            ),
        )
        .at(a.span_of(0))
        .with_help("run the select itself, or write its SQL in text()"));
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
        text,
        legacy: query.legacy,
    }))
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
        let binds = crate::eval::text_clause::binds(&fs.text)?;
        let c = compile::text(
            &fs.text.0,
            &binds,
            Mode::Execute,
            self.session.engine.dialect(),
        );
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
