//! `db.Computed('price * qty', persisted=True)`: a generated column
//! (SQLAlchemy's `Computed`). Its DDL is `GENERATED ALWAYS AS (…)`, with
//! `STORED` or `VIRTUAL` when `persisted` says; the flush never writes it
//! (SQLite computes it) and reads it again after an INSERT or UPDATE, as
//! SQLAlchemy fetches server-generated values.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::TextClause;
use crate::eval::surface::Sig;
use crate::value::{Object, Value};

/// A generated column's expression and storage.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    /// The SQL expression, as written into the DDL.
    pub sqltext: Rc<str>,
    /// `persisted=`: True is `STORED`, False `VIRTUAL`, None SQLite's
    /// default (virtual) with neither word.
    pub persisted: Option<bool>,
}

impl Computed {
    /// ` GENERATED ALWAYS AS (…) [STORED|VIRTUAL]`, as SQLAlchemy's
    /// `DDLCompiler.visit_computed_column` writes it.
    pub fn ddl(&self) -> String {
        let mut s = format!(" GENERATED ALWAYS AS ({})", self.sqltext);
        match self.persisted {
            Some(true) => s.push_str(" STORED"),
            Some(false) => s.push_str(" VIRTUAL"),
            None => {}
        }
        s
    }
}

/// `db.Computed(...)` as a value, until `db.Column` takes it.
pub struct ComputedSpec(pub Computed);

impl Object for ComputedSpec {
    fn type_name(&self) -> &str {
        "Computed"
    }
}

const COMPUTED_SIG: Sig = Sig {
    kw: &["sqltext", "persisted"],
    ignored: &[],
    any_kw: false,
};

/// `db.Computed(sqltext, persisted=None)` (SQLAlchemy's `Computed`).
pub fn computed(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("Computed", &COMPUTED_SIG)?;
    if let Some(v) = a.take_kw("sqltext") {
        a.pos.insert(0, v);
        a.pos_spans.insert(0, a.span);
    }
    let persisted = match a.take_kw("persisted") {
        None | Some(Value::None) => None,
        Some(v) => Some(v.truthy()),
    };
    a.count(1, 1)?;
    let v = &a.pos[0];
    let sqltext: Rc<str> = if let Value::Str(s) = v {
        Rc::from(&**s)
    } else if let Some(t) = v.downcast::<TextClause>() {
        t.0.clone()
    } else if let Some(e) = v.downcast::<crate::orm::expr::ColumnElement>() {
        Rc::from(crate::sql::ddl_expr::ddl_expression(
            &e.expr,
            me.session.engine.dialect(),
        ))
    } else {
        return Err(Error::type_(format!(
            "Computed() takes the SQL expression as a string, text('SQL') or a column expression, not {}",
            v.type_name()
        ))
        .with_help("db.Column(db.Integer, db.Computed('price * qty'))")
        .at(a.span_of(0)));
    };
    Ok(Value::obj(ComputedSpec(Computed { sqltext, persisted })))
}
