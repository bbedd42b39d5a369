//! `aliased(...)` (`db.aliased`, SQLAlchemy's `orm.aliased`), the
//! entities a query may select besides models and columns — an aliased
//! model, a subquery's or CTE's columns — and `join(target, onclause)`
//! onto an alias, a subquery, a CTE or a `db.Table`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::Sig;
use crate::orm::alias::AliasedModel;
use crate::orm::expr::clause_of;
use crate::orm::query::{Entity, Join, Query};
use crate::orm::selectable::Selectable;
use crate::schema::model::Model;
use crate::schema::table::Table;
use crate::sql::anon::is_anon;
use crate::sql::ast::{FromItem, JoinKind};
use crate::value::Value;

const ALIASED_SIG: Sig = Sig::kw(&["alias", "name", "flat"]);

/// `aliased(Model, alias=None, name=None)`: the model under another name
/// (`user AS user_1`), or read from `alias`, a subquery; `aliased(sq)`:
/// the subquery under another name.
pub fn aliased(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("aliased", &ALIASED_SIG)?;
    let _ = a.take_kw("flat");
    let name = match &a.take_kw("name") {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) if !is_anon(s) && !s.is_empty() => Some(Rc::from(s.as_ref())),
        Some(v) => {
            return Err(Error::type_(format!(
                "aliased() name must be a non-empty string, not {}",
                v.type_name()
            )));
        }
    };
    let alias = a.take_kw("alias").or_else(|| a.pos.get(1).cloned());
    a.count(1, 2)?;
    let target = &a.pos[0];
    if let Some(m) = target.downcast::<Model>() {
        crate::orm::retire::check_model(&m).map_err(|e| e.at(a.span_of(0)))?;
        return match alias {
            None | Some(Value::None) => Ok(Value::obj(AliasedModel::of_table(&m, name))),
            Some(v) => {
                let Some(sq) = v.downcast::<Selectable>() else {
                    return Err(Error::new(
                        ErrorKind::ArgumentError,
                        format!(
                            "aliased() reads a model from a subquery, not {}",
                            v.type_name()
                        ),
                    ));
                };
                AliasedModel::of_selectable(&m, &sq, "")
                    .map(Value::obj)
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::InvalidRequestError,
                            format!(
                                "the subquery lacks some column of {}: it must select them all",
                                m.name
                            ),
                        )
                        .with_help(format!(
                            "select the model itself: db.select({}).subquery()",
                            m.name
                        ))
                    })
            }
        };
    }
    if let Some(al) = target.downcast::<AliasedModel>() {
        return Ok(Value::obj(AliasedModel::of_table(&al.model, name)));
    }
    if let Some(sq) = target.downcast::<Selectable>() {
        return Ok(Value::obj(sq.alias(name)));
    }
    Err(Error::new(
        ErrorKind::ArgumentError,
        format!(
            "aliased() takes a model, a subquery or a CTE, not {}",
            target.type_name()
        ),
    )
    .at(a.span_of(0)))
}

/// The entities an aliased model, a subquery or a CTE stands for in
/// `select(...)` / `query(...)` (a subquery: each of its columns), or
/// `None` for any other value.
pub fn entities_of(v: &Value) -> Option<Vec<Entity>> {
    if let Some(a) = v.downcast::<AliasedModel>() {
        return Some(vec![Entity::Aliased(a)]);
    }
    // `select(table)`: its columns (SQLAlchemy's `Table` as a FROM clause
    // in a column list).
    if let Some(t) = v.downcast::<Table>() {
        let cols = crate::eval::core_table::table_columns(&t);
        return Some(cols.into_iter().map(|c| Entity::Expr(Rc::new(c))).collect());
    }
    let sq = v.downcast::<Selectable>()?;
    Some(
        sq.keys()
            .iter()
            .filter_map(|k| sq.column(k))
            .map(|c| Entity::Expr(Rc::new(c)))
            .collect(),
    )
}

/// The FROM item `select_from(x)` reads for an alias, a subquery, a CTE
/// or a `db.Table` (`None` for anything else).
pub fn from_item_of(v: &Value) -> Option<FromItem> {
    if let Some(j) = v.downcast::<crate::eval::surface::join_clause::JoinClause>() {
        return Some(j.0.clone());
    }
    join_target(v).map(|(_, f)| f)
}

/// What `join(target, …)` reads for an alias, a subquery, a CTE or a
/// `db.Table`: the name the join's condition refers to and its FROM item.
fn join_target(v: &Value) -> Option<(Rc<str>, FromItem)> {
    if let Some(a) = v.downcast::<AliasedModel>() {
        return Some((a.name.clone(), a.from.clone()));
    }
    if let Some(s) = v.downcast::<Selectable>() {
        return Some((s.name.clone(), s.from_ref()));
    }
    let t = v.downcast::<Table>()?;
    let from = FromItem::Table {
        name: t.name.clone(),
        alias: None,
    };
    Some((t.name.clone(), from))
}

impl Interp {
    /// `join(target, onclause)` onto an alias, subquery, CTE or table;
    /// `None` when the target is a model or relationship (`Interp::join`).
    pub fn join_onto(&mut self, q: &Query, a: &Args, kind: JoinKind) -> Option<Result<Query>> {
        let (name, from) = join_target(a.pos.first()?)?;
        Some(self.join_onto_here(q, a, kind, name, from))
    }

    fn join_onto_here(
        &mut self,
        q: &Query,
        a: &Args,
        kind: JoinKind,
        name: Rc<str>,
        from: FromItem,
    ) -> Result<Query> {
        a.count(1, 2)?;
        let (on, left) = match a.pos.get(1) {
            Some(on) => {
                let on = clause_of(on).map_err(|e| e.at(a.span_of(1)))?;
                let left =
                    crate::eval::join_infer::left_for_onclause(&self.registry, q, &name, &on);
                (vec![on], left)
            }
            None => {
                // A `db.Table` joins by its foreign keys, as SQLAlchemy's
                // `join_condition` reads them.
                let what = match (
                    a.pos[0].downcast::<AliasedModel>(),
                    a.pos[0].downcast::<Table>(),
                ) {
                    (Some(al), _) => format!("aliased({})", al.model.name),
                    (None, Some(t)) => format!("table '{}'", t.name),
                    (None, None) => format!("the {}", a.pos[0].type_name()),
                };
                crate::eval::join_infer::infer_onclause(&self.registry, q, &from, &what)
                    .map_err(|e| e.at(a.span_of(0)))?
            }
        };
        let mut nq = q.clone();
        nq.joins.push(Join {
            table: name,
            alias: None,
            on,
            kind,
            left,
            target: Some(from),
        });
        Ok(nq)
    }
}

/// `str()` of a subquery or CTE (its SELECT, in the default dialect's
/// text, as SQLAlchemy prints an unbound statement) or of an alias
/// (`aliased(User)`); `None` for any other value.
pub fn str_of_selectable(v: &Value) -> Option<String> {
    if let Some(s) = crate::eval::expr_str::str_of_expression(v) {
        return Some(s);
    }
    if let Some(a) = v.downcast::<AliasedModel>() {
        return Some(format!("aliased({})", a.model.name));
    }
    let s = v.downcast::<Selectable>()?;
    let select = match &s.from {
        FromItem::Subquery { select, .. } => (**select).clone(),
        FromItem::Cte(c) => c.select.clone(),
        _ => return None,
    };
    Some(
        crate::sql::select(
            &select,
            crate::sql::Mode::Generic,
            &crate::sql::dialect::DEFAULT,
        )
        .sql,
    )
}
