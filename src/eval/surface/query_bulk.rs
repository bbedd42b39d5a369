//! `Query.delete()` and `Query.update(values)`: the arguments read and
//! checked, a DELETE of every row confirmed, an autoflush; the statement and
//! the session's synchronisation (`synchronize_session=`) are
//! `orm::bulk`'s.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::bulk_target::Target;
use crate::eval::surface::query::Q;
use crate::orm::bulk::{Fill, SyncSession};
use crate::orm::bulk_query_state::validate_query_state;
use crate::orm::convert::check_assign;
use crate::orm::expr::ColumnElement;
use crate::schema::model::Model;
use crate::sql::ast::{Param, SqlExpr};
use crate::value::Value;

/// `delete(synchronize_session='auto')`: the number of rows deleted.
pub(crate) fn delete(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let sync = a.take_kw("synchronize_session");
    a.count(0, 0)?;
    let q = q.query(me)?;
    validate_query_state(&q)?;
    let target = Target::of(&q, "delete")?;
    let model = target.model.clone();
    let where_: Vec<SqlExpr> = q.where_.iter().map(|e| target.unalias(e)).collect();
    let sync = target.sync(SyncSession::from_value(sync.as_ref())?, &where_)?;
    if where_.is_empty() && !me.ask_delete_all(&model)? {
        return Ok(Value::Int(0));
    }
    me.autoflush()?;
    let dialect = me.session.engine.dialect();
    crate::eval::dml_froms::check_single_table(&model, &where_, sync, dialect)?;
    let n = me.session.bulk_delete(&model, &where_, sync)?;
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
    let target = Target::of(&q, "update")?;
    let model = target.model.clone();
    let where_: Vec<SqlExpr> = q.where_.iter().map(|e| target.unalias(e)).collect();
    let sync = target.sync(SyncSession::from_value(sync.as_ref())?, &where_)?;
    let Value::Dict(d) = &a.pos[0] else {
        return Err(Error::type_(
            "update() takes a dict of new values, like update({'name': 'x'})",
        ));
    };
    me.autoflush()?;
    let mut set = Vec::new();
    let mut given = Vec::new();
    for (k, v) in d.borrow().iter() {
        let i = target.set_column(me, k)?;
        let col = ColumnElement::column(&model, i);
        let value = match (v, col.bind(v)?) {
            // A None set into a JSON column is JSON 'null', as in a flush.
            (Value::None, SqlExpr::Param { key, .. }) if model.columns[i].none_is_json_null() => {
                SqlExpr::Param {
                    value: Param::Text(Rc::from("null")),
                    key,
                }
            }
            (_, bound) => target.unalias(&bound),
        };
        set.push((i, value));
        given.push((i, v.clone()));
    }
    let fills = onupdate_fills(me, &model, &set)?;
    let n = me
        .session
        .bulk_update(&model, &where_, &q.extra_from, (set, &given), fills, sync)?;
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
