//! `insert(M).from_select(names, select, include_defaults=True)`:
//! SQLAlchemy's `Insert.from_select`, INSERT … SELECT. The names are the
//! table's column keys (or the model's columns); with `include_defaults`
//! every other column with a `default=` is added to the SELECT as
//! SQLAlchemy's `crud._scan_insert_from_select_cols` adds it (a value
//! bound once, a callable called once, an SQL expression as written).
//! Run through `db.session.execute`, with `.returning(...)`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::ResultSet;
use crate::orm::convert::to_param;
use crate::orm::dml::{Dml, DmlKind, FromSelect};
use crate::orm::expr::ColumnElement;
use crate::orm::query::Query;
use crate::schema::model::Model;
use crate::sql::ast::{Select, SqlExpr};
use crate::sql::{Mode, insert_select_in};
use crate::value::Value;

/// The column of `model` one of `from_select`'s names stands for: a
/// table column's key, or the model's own column object.
fn named_column(me: &mut Interp, model: &Model, v: &Value) -> Result<usize> {
    if let Some(c) = v.downcast::<ColumnElement>()
        && let Some((m, i)) = &c.column
        && m.id == model.id
    {
        return Ok(*i);
    }
    let key = match v {
        Value::Str(s) => s.to_string(),
        other => me.repr_value(other)?,
    };
    model
        .columns
        .iter()
        .position(|c| *c.table_key() == *key)
        .ok_or_else(|| {
            crate::value::exc_args::key_error(Value::str(&key), crate::value::repr::str_repr(&key))
                .with_help(format!(
                    "from_select() names the columns of table {}: {}",
                    model.table,
                    model
                        .columns
                        .iter()
                        .map(|c| c.table_key().to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
        })
}

/// `Insert.from_select(names, select, include_defaults=True)`.
pub fn from_select(me: &mut Interp, s: &Rc<Dml>, mut a: Args) -> Result<Value> {
    let include_defaults = a.take_kw("include_defaults").is_none_or(|v| v.truthy());
    a.count(2, 2)?;
    if !s.rows.is_empty() {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "This construct already inserts value expressions",
        )
        .with_help("give the rows one way: values(...) or from_select(...)"));
    }
    let names = match &a.pos[0] {
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        other => {
            return Err(Error::type_(format!(
                "from_select() takes a list of column names first, not {}",
                other.type_name()
            ))
            .at(a.span_of(0)));
        }
    };
    let mut columns = Vec::with_capacity(names.len());
    let mut invalid = None;
    for n in &names {
        match named_column(me, &s.model, n) {
            Ok(i) => columns.push(i),
            Err(e) => {
                invalid.get_or_insert(e.at(a.span_of(0)));
            }
        }
    }
    let Some(select) = a.pos[1].downcast::<Query>() else {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "from_select() takes a select() or a query giving the rows, not {}",
                a.pos[1].type_name()
            ),
        )
        .at(a.span_of(1))
        .with_help("e.g. db.insert(Post).from_select(['title'], db.select(User.name))"));
    };
    let mut new = (**s).clone();
    new.from_select = Some(Rc::new(FromSelect {
        columns,
        select: (*select).clone(),
        include_defaults,
        invalid,
    }));
    Ok(Value::obj(new))
}

impl Interp {
    /// The columns written and the SELECT, the defaults of the other
    /// columns added to it (callables called only when `run`).
    fn insert_select_parts(
        &mut self,
        d: &Dml,
        fs: &FromSelect,
        run: bool,
    ) -> Result<(Vec<Rc<str>>, Select)> {
        if let Some(e) = &fs.invalid {
            return Err(e.clone());
        }
        fs.select.compilable()?;
        let model = &d.model;
        let mut select = fs.select.to_select();
        let mut columns = fs.columns.clone();
        let mut anon = 0;
        if fs.include_defaults {
            for (i, col) in model.columns.iter().enumerate() {
                let Some(default) = col.default.clone() else {
                    continue;
                };
                if columns.contains(&i) {
                    continue;
                }
                columns.push(i);
                if let Some(e) = default.downcast::<ColumnElement>() {
                    select.columns.push(e.expr.clone());
                    continue;
                }
                let v = if run {
                    self.column_default_value(&default, "default", model, i, None)?
                } else {
                    Value::None
                };
                // Bound under the column's own name (`:n AS anon_1`).
                anon += 1;
                select.columns.push(SqlExpr::Label {
                    expr: Box::new(SqlExpr::Text {
                        sql: Rc::from(format!(":{}", col.name)),
                        binds: vec![(col.name.clone(), to_param(&col.ty, &v)?)],
                    }),
                    name: Rc::from(format!("anon_{anon}")),
                });
            }
        }
        let names = columns
            .iter()
            .map(|&i| model.columns[i].name.clone())
            .collect();
        Ok((names, select))
    }

    /// Runs `insert(M).from_select(...)`: the rows the SELECT gives
    /// inserted, RETURNING's rows as objects or values.
    pub(crate) fn insert_from_select(&mut self, d: &Dml, params: bool) -> Result<ResultSet> {
        let Some(fs) = d.from_select.clone() else {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                "this INSERT has no from_select()",
            ));
        };
        if params {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                "an INSERT … SELECT takes no parameters: its rows come from the SELECT",
            ));
        }
        let (columns, select) = self.insert_select_parts(d, &fs, true)?;
        let c = insert_select_in(
            &d.model.table,
            &columns,
            &select,
            &d.returning_columns(),
            Mode::Execute,
            self.session.engine.dialect(),
        );
        let (n, rows) = self.session.run_returning(&c)?;
        self.returned(d, n, rows)
    }

    /// `str(insert(M).from_select(...))` in the default dialect.
    pub(crate) fn insert_select_sql(&mut self, d: &Dml) -> Result<Option<String>> {
        let Some(fs) = d.from_select.clone() else {
            return Ok(None);
        };
        debug_assert_eq!(d.kind, DmlKind::Insert);
        let (columns, select) = self.insert_select_parts(d, &fs, false)?;
        let c = insert_select_in(
            &d.model.table,
            &columns,
            &select,
            &d.returning_columns(),
            Mode::Generic,
            &crate::sql::dialect::DEFAULT,
        );
        Ok(Some(c.sql))
    }
}
