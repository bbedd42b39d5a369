//! The statements selectin loading runs (SQLAlchemy's `SelectInLoader`):
//! the target's query by a column `IN (…)` the parents' keys, and a
//! many-to-many's through its association table; the distinct keys of the
//! parents that fill the `IN`. Run and read by `orm::eager`.

use std::rc::Rc;

use crate::error::Result;
use crate::orm::deferral;
use crate::orm::instance::{Instance, KeyPart};
use crate::orm::query::{Entity, Query};
use crate::orm::relation::param_of;
use crate::schema::model::Model;
use crate::schema::relationship::Rel;
use crate::sql::ast::{FromItem, JoinKind, Param, Select, SqlExpr};

/// `select(model).where(model.column.in_(values)).order_by(…)`.
pub(super) fn in_query(
    model: &Rc<Model>,
    column: &Rc<str>,
    values: &[Param],
    order_by: Vec<SqlExpr>,
) -> Query {
    // A 2.0 `select()` (bare column names), as `SelectInLoader` runs it.
    let mut q = Query::new(vec![Entity::Model(model.clone())], false);
    q.where_.push(SqlExpr::InList {
        expr: Box::new(SqlExpr::col(&model.table, column)),
        values: values.to_vec(),
        negated: false,
        null_type: None,
    });
    q.order_by = order_by;
    q
}

/// A many-to-many's selectin statement, as SQLAlchemy 2.1 writes it
/// (`SelectInLoader._load_for_path`): from the association table when it
/// can join the target (`omit_join`: `SELECT tags.page_id, tag.… FROM tags
/// JOIN tag ON tag.id = tags.tag_id WHERE tags.page_id IN (…)`), else — a
/// self-referential one — from an alias of the parent (`SELECT p_1.id,
/// p.… FROM p AS p_1 JOIN fr AS fr_1 ON p_1.id = fr_1.a JOIN p ON p.id =
/// fr_1.b WHERE p_1.id IN (…)`). The target's deferred columns are left out.
pub(super) fn secondary_select(
    rel: &Rel,
    table: &Rc<str>,
    (ocol, oi): &(Rc<str>, usize),
    (tcol, ti): &(Rc<str>, usize),
    keys: &[Param],
) -> Select {
    let t = &rel.target;
    let table_ref = |name: &Rc<str>, alias: Option<Rc<str>>| FromItem::Table {
        name: name.clone(),
        alias,
    };
    let (key, from) = if rel.owner.id == t.id {
        let pa: Rc<str> = Rc::from(format!("{}_1", t.table));
        let sec: Rc<str> = Rc::from(format!("{table}_1"));
        let own = SqlExpr::col(&pa, &t.columns[*oi].name);
        let inner = FromItem::Join {
            left: Box::new(table_ref(&t.table, Some(pa.clone()))),
            right: Box::new(table_ref(table, Some(sec.clone()))),
            on: SqlExpr::eq(own.clone(), SqlExpr::col(&sec, ocol)),
            kind: JoinKind::Inner,
        };
        let from = FromItem::Join {
            left: Box::new(inner),
            right: Box::new(table_ref(&t.table, None)),
            on: SqlExpr::eq(t.sql_column(*ti), SqlExpr::col(&sec, tcol)),
            kind: JoinKind::Inner,
        };
        (own, from)
    } else {
        let from = FromItem::Join {
            left: Box::new(table_ref(table, None)),
            right: Box::new(table_ref(&t.table, None)),
            on: SqlExpr::eq(t.sql_column(*ti), SqlExpr::col(table, tcol)),
            kind: JoinKind::Inner,
        };
        (SqlExpr::col(table, ocol), from)
    };
    let mask = deferral::model_mask(t);
    let mut columns = vec![key.clone()];
    columns.extend(
        (t.columns.iter().enumerate())
            .filter(|(i, _)| deferral::loads(&mask, *i))
            .map(|(i, _)| crate::orm::column_property::read(t, i, &t.table, None)),
    );
    Select {
        columns,
        from: vec![from],
        where_: vec![SqlExpr::InList {
            expr: Box::new(key),
            values: keys.to_vec(),
            negated: false,
            null_type: None,
        }],
        order_by: rel.order_by.clone(),
        ..Select::default()
    }
}

/// The distinct non-NULL values of one column over some instances, in
/// the order first seen (a set of seen values: linear in the instances).
pub(super) fn keys_of(insts: &[Rc<Instance>], colidx: usize) -> Result<Vec<Param>> {
    let mut out: Vec<Param> = Vec::new();
    let mut seen: rustc_hash::FxHashSet<KeyPart> = Default::default();
    for i in insts {
        let p = param_of(i, colidx)?;
        if let Some(k) = KeyPart::of_param(&p)
            && seen.insert(k)
        {
            out.push(p);
        }
    }
    Ok(out)
}
