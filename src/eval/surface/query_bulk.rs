//! `Query.delete()` and `Query.update(values)`: the arguments read and
//! checked, a DELETE of every row confirmed, an autoflush; the statement and
//! the session's synchronisation (`synchronize_session=`) are
//! `orm::bulk`'s.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::query::Q;
use crate::orm::bulk::{Fill, SyncSession};
use crate::orm::bulk_query_state::validate_query_state;
use crate::orm::convert::check_assign;
use crate::orm::expr::ColumnElement;
use crate::orm::query::Query;
use crate::schema::model::Model;
use crate::sql::ast::{Param, SqlExpr};
use crate::value::Value;
use crate::value::repr::repr;

/// The one model a bulk statement works on.
fn subject(q: &Query, what: &str) -> Result<Rc<Model>> {
    q.single_model().cloned().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidRequestError,
            format!("{what}() works on a query of one model"),
        )
    })
}

/// `delete(synchronize_session='auto')`: the number of rows deleted.
pub(crate) fn delete(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let sync = a.take_kw("synchronize_session");
    a.count(0, 0)?;
    let q = q.query(me)?;
    validate_query_state(&q)?;
    let model = subject(&q, "delete")?;
    let sync = SyncSession::from_value(sync.as_ref())?;
    if q.where_.is_empty() && !me.ask_delete_all(&model)? {
        return Ok(Value::Int(0));
    }
    me.autoflush()?;
    crate::eval::dml_froms::check_single_table(&model, &q.where_, sync)?;
    let n = me.session.bulk_delete(&model, &q.where_, sync)?;
    Ok(Value::Int(n as i64))
}

/// `update(values, synchronize_session='auto')`: `values` is a dict of
/// column names or columns to new values (or expressions); the number of
/// rows matched.
pub(crate) fn update(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let sync = a.take_kw("synchronize_session");
    a.count(1, 1)?;
    let q = q.query(me)?;
    validate_query_state(&q)?;
    let model = subject(&q, "update")?;
    let sync = SyncSession::from_value(sync.as_ref())?;
    let Value::Dict(d) = &a.pos[0] else {
        return Err(Error::type_(
            "update() takes a dict of new values, like update({'name': 'x'})",
        ));
    };
    me.autoflush()?;
    let mut set = Vec::new();
    let mut given = Vec::new();
    for (k, v) in d.borrow().iter() {
        let col = match k {
            Value::Str(s) => model.column(s).map(|i| ColumnElement::column(&model, i)),
            other => other.downcast::<ColumnElement>().map(|s| (*s).clone()),
        };
        let col = col.ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "{} has no column {}",
                    model.name,
                    repr(k, me).unwrap_or_default()
                ),
            )
        })?;
        let SqlExpr::Column { name, .. } = &col.expr else {
            return Err(Error::type_("update() keys must be columns"));
        };
        let i = model
            .columns
            .iter()
            .position(|c| c.name == *name)
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidRequestError,
                    format!("{} has no column '{name}'", model.name),
                )
            })?;
        let value = match (v, col.bind(v)?) {
            // A None set into a JSON column is JSON 'null', as in a flush.
            (Value::None, SqlExpr::Param { key, .. }) if model.columns[i].none_is_json_null() => {
                SqlExpr::Param {
                    value: Param::Text(Rc::from("null")),
                    key,
                }
            }
            (_, bound) => bound,
        };
        set.push((i, value));
        given.push((i, v.clone()));
    }
    let fills = onupdate_fills(me, &model, &set)?;
    let n = me
        .session
        .bulk_update(&model, &q.where_, &q.extra_from, (set, &given), fills, sync)?;
    Ok(Value::Int(n as i64))
}

/// The `onupdate=` values of the columns `set` leaves out, as SQLAlchemy's
/// UPDATE compiler adds them (`crud._append_param_update`): a callable
/// called once for the statement, its value checked as an assignment and
/// bound (SQLAlchemy's prefetched values, which the matched objects take);
/// an SQL expression written into the SET (postfetched: the matched
/// objects' column expires).
pub(crate) fn onupdate_fills(
    me: &mut Interp,
    model: &Rc<Model>,
    set: &[(usize, SqlExpr)],
) -> Result<Vec<Fill>> {
    let mut fills = Vec::new();
    for (i, c) in model.columns.iter().enumerate() {
        let Some(f) = c.onupdate.clone() else {
            continue;
        };
        if set.iter().any(|(j, _)| *j == i) {
            continue;
        }
        let v = me.column_default_value(&f, "onupdate", model, i, None)?;
        let fill = if let Some(sql) = v.downcast::<ColumnElement>() {
            Fill {
                column: i,
                expr: sql.expr.clone(),
                value: None,
            }
        } else {
            let v = check_assign(model, c, v)?;
            let expr = ColumnElement::column(model, i).bind(&v)?;
            Fill {
                column: i,
                expr,
                value: Some(v),
            }
        };
        fills.push(fill);
    }
    Ok(fills)
}
