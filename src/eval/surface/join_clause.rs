//! `subquery.join(target, onclause, isouter=False, full=False)` and
//! `outerjoin(...)`: SQLAlchemy's `FromClause.join`, a `Join` of the
//! subquery (or CTE) and a model, table, alias or another subquery, which
//! `select_from()` reads as its FROM.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::orm::expr::clause_of;
use crate::orm::selectable::Selectable;
use crate::schema::model::Model;
use crate::sql::ast::{FromItem, JoinKind};
use crate::value::{Object, Value};

/// SQLAlchemy's `Join` of two FROM items, made by `FromClause.join`.
pub struct JoinClause(pub FromItem);

impl Object for JoinClause {
    fn type_name(&self) -> &str {
        "Join"
    }
}

/// The FROM item a join's right side names: a model's table, or what
/// `aliased::from_item_of` reads (an alias, a subquery, a table).
fn right_of(v: &Value) -> Option<FromItem> {
    if let Some(m) = v.downcast::<Model>() {
        return Some(FromItem::Table {
            name: m.table.clone(),
            alias: None,
        });
    }
    crate::eval::aliased::from_item_of(v)
}

/// `subquery.join(target, onclause, isouter=False, full=False)`.
pub(super) fn join(_: &mut Interp, s: &Rc<Selectable>, a: Args) -> Result<Value> {
    joined(s, a, false)
}

/// `subquery.outerjoin(target, onclause, full=False)`.
pub(super) fn outerjoin(_: &mut Interp, s: &Rc<Selectable>, a: Args) -> Result<Value> {
    joined(s, a, true)
}

fn joined(s: &Selectable, mut a: Args, outer: bool) -> Result<Value> {
    let isouter = outer || a.take_kw("isouter").is_some_and(|v| v.truthy());
    let full = a.take_kw("full").is_some_and(|v| v.truthy());
    let onclause = a.take_kw("onclause");
    a.no_more_kw()?;
    a.count(1, 2)?;
    let right = right_of(&a.pos[0]).ok_or_else(|| {
        Error::new(
            ErrorKind::ArgumentError,
            format!(
                "join() takes a model, table, alias or subquery, not {}",
                a.pos[0].type_name()
            ),
        )
        .at(a.span_of(0))
    })?;
    let Some(on) = a.pos.get(1).cloned().or(onclause) else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "a subquery's join() without an ON clause is not supported by ormsh",
        )
        .at(a.span_of(0))
        .with_help("give the condition: subq.join(Post, Post.user_id == subq.c.id)"));
    };
    let on = clause_of(&on).map_err(|e| e.at(a.span_of(1)))?;
    let kind = match (full, isouter) {
        (true, _) => JoinKind::Full,
        (false, true) => JoinKind::Left,
        (false, false) => JoinKind::Inner,
    };
    Ok(Value::obj(JoinClause(FromItem::Join {
        left: Box::new(s.from_ref()),
        right: Box::new(right),
        on,
        kind,
    })))
}
