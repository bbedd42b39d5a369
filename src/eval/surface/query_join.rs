//! Query methods about the tables a query reads: `join` and `outerjoin`
//! (inner, LEFT OUTER or FULL OUTER), `select_from`, a 2.0 select's
//! `join_from`/`outerjoin_from`, `with_parent`, and
//! loader options (`options(joinedload(...))`). The relationship work is
//! `Interp::join`, `with_parent` and `options` in eval/query_rel.rs.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::query::Q;
use crate::orm::query::Query;
use crate::schema::model::Model;
use crate::sql::ast::{FromItem, JoinKind};
use crate::value::Value;

/// `join(target[, onclause], isouter=False, full=False)`: as SQLAlchemy,
/// `full=True` makes a FULL OUTER JOIN whatever `isouter` says.
pub(crate) fn join(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let isouter = a.take_kw("isouter").is_some_and(|v| v.truthy());
    let full = a.take_kw("full").is_some_and(|v| v.truthy());
    let kind = match (full, isouter) {
        (true, _) => JoinKind::Full,
        (false, true) => JoinKind::Left,
        (false, false) => JoinKind::Inner,
    };
    let mut nq = (*q.query(me)?).clone();
    nq.orm_criteria |= a.pos.iter().any(crate::eval::core_table::carries_orm);
    Ok(Value::obj(me.join(&nq, &a, kind)?))
}

/// `outerjoin(target[, onclause], full=False)`: a LEFT OUTER JOIN, or a
/// FULL OUTER JOIN with `full=True`.
pub(crate) fn outerjoin(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let full = a.take_kw("full").is_some_and(|v| v.truthy());
    let kind = if full { JoinKind::Full } else { JoinKind::Left };
    let mut nq = (*q.query(me)?).clone();
    nq.orm_criteria |= a.pos.iter().any(crate::eval::core_table::carries_orm);
    Ok(Value::obj(me.join(&nq, &a, kind)?))
}

/// `options(*loader_options)`
pub(crate) fn options(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let nq = q.query(me)?;
    Ok(Value::obj(me.options(&nq, &a)?))
}

/// `with_parent(obj[, relationship])`
pub(crate) fn with_parent(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let nq = q.query(me)?;
    Ok(Value::obj(me.with_parent(&nq, &a)?))
}

/// `select_from(*models)`: these tables first in the FROM list; the first
/// is the one `filter_by` applies to when nothing is joined.
pub(crate) fn select_from(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let mut nq = q.copy(me)?;
    nq.selected_from = true;
    nq.orm_criteria |= a.pos.iter().any(crate::eval::core_table::carries_orm);
    for (i, v) in a.pos.iter().enumerate() {
        if let Some(from) = crate::eval::aliased::from_item_of(v) {
            if !nq.extra_from.contains(&from) {
                nq.extra_from.insert(0, from);
            }
            continue;
        }
        // `select_from(text('log'))`: the text as a FROM item.
        if let Some(t) = v.downcast::<crate::eval::objects::TextClause>() {
            let from = FromItem::Text(t.0.clone());
            if !nq.extra_from.contains(&from) {
                nq.extra_from.insert(0, from);
            }
            continue;
        }
        let Some(m) = v.downcast::<Model>() else {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!("select_from() takes a model, not a {}", v.type_name()),
            )
            .at(a.span_of(i)));
        };
        let from = FromItem::Table {
            name: m.table.clone(),
            alias: None,
        };
        if !nq.extra_from.contains(&from) {
            nq.extra_from.insert(0, from);
        }
        nq.filter_model.get_or_insert(m);
    }
    Ok(Value::obj(nq))
}

/// `Select.join_from(from_, target[, onclause], isouter=False,
/// full=False)`: the join with its left side named, as
/// `select_from(from_).join(target[, onclause])`.
pub(crate) fn join_from(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let isouter = a.take_kw("isouter").is_some_and(|v| v.truthy());
    let full = a.take_kw("full").is_some_and(|v| v.truthy());
    let kind = match (full, isouter) {
        (true, _) => JoinKind::Full,
        (false, true) => JoinKind::Left,
        (false, false) => JoinKind::Inner,
    };
    joined_from(me, q, a, kind)
}

/// `Select.outerjoin_from(from_, target[, onclause], full=False)`.
pub(crate) fn outerjoin_from(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let full = a.take_kw("full").is_some_and(|v| v.truthy());
    let kind = if full { JoinKind::Full } else { JoinKind::Left };
    joined_from(me, q, a, kind)
}

fn joined_from(me: &mut Interp, q: &Q, mut a: Args, kind: JoinKind) -> Result<Value> {
    a.count(2, 3)?;
    let orm = a.pos.iter().any(crate::eval::core_table::carries_orm);
    let from = Args {
        name: a.name.clone(),
        pos: vec![a.pos.remove(0)],
        pos_spans: vec![a.pos_spans.remove(0)],
        kw: Vec::new(),
        span: a.span,
    };
    let with_from = select_from(me, q, from)?;
    let Some(nq) = with_from.downcast::<Query>() else {
        return Err(Error::type_("join_from(): select_from gave no statement"));
    };
    let mut nq = (*nq).clone();
    nq.orm_criteria |= orm;
    Ok(Value::obj(me.join(&nq, &a, kind)?))
}
