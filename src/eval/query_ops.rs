//! Query methods: building (`filter filter_by order_by limit …`) returns a
//! new query; running (`all first one count paginate delete update …`)
//! autoflushes, then loads through the session.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::{Args, as_int};
use crate::eval::suggest::did_you_mean;
use crate::orm::expr::{self as sqlx, SqlVal, clause_of};
use crate::orm::pagination::Pagination;
use crate::orm::query::{Entity, Query};
use crate::orm::unique::{Rule, Uniquer, unhashable_columns};
use crate::sql::ast::{BinaryOp, Delete, Update};
use crate::sql::compile::{self};
use crate::value::Value;

impl Interp {
    pub fn query_method(&mut self, q: &Rc<Query>, name: &str, mut a: Args) -> Result<Value> {
        let mut nq = (**q).clone();
        let built = |nq: Query| Ok(Value::obj(nq));
        match name {
            "filter" | "where" => {
                a.no_more_kw()?;
                for (i, v) in a.pos.iter().enumerate() {
                    let clause = match v.downcast::<crate::eval::objects::TextClause>() {
                        Some(t) => {
                            unbound_text_param(&t.0).map_err(|e| e.at(a.span_of(i)))?;
                            crate::sql::ast::SqlExpr::Text {
                                sql: t.0.clone(),
                                binds: Vec::new(),
                            }
                        }
                        None => clause_of(v).map_err(|e| e.at(a.span_of(i)))?,
                    };
                    add_froms(&mut nq, v);
                    nq.where_.push(clause);
                }
                built(nq)
            }
            "filter_by" => {
                a.count(0, 0).or_else(|_| if a.pos.is_empty() { Ok(()) } else { Err(Error::type_("filter_by() takes keyword arguments only, like filter_by(username='admin')")) })?;
                // After a join, filter_by applies to the joined model.
                let model = nq
                    .filter_model
                    .clone()
                    .or_else(|| nq.primary_model())
                    .or_else(|| self.model_of_tables(&nq))
                    .ok_or_else(|| {
                        Error::new(
                            ErrorKind::InvalidRequestError,
                            "filter_by() needs a query of a model",
                        )
                    })?;
                for (k, v, span) in std::mem::take(&mut a.kw) {
                    if model.column(&k).is_none()
                        && let Some(rel) = self.rel_of(&model.name, &k)?
                    {
                        let c = self
                            .rel_compare(&rel, BinaryOp::Eq, &v)
                            .map_err(|e| e.at(span))?;
                        add_froms(&mut nq, &c);
                        nq.where_.push(clause_of(&c)?);
                        continue;
                    }
                    let Some(i) = model.column(&k) else {
                        let fields = model.field_names();
                        return Err(Error::new(
                            ErrorKind::InvalidRequestError,
                            format!(
                                "{} has no column '{k}'{}",
                                model.name,
                                did_you_mean(&k, fields.iter().copied())
                            ),
                        )
                        .with_help(format!(
                            "{}'s columns are: {}",
                            model.name,
                            fields.join(", ")
                        ))
                        .at(span));
                    };
                    let col = SqlVal::column(&model, i);
                    nq.where_.push(
                        sqlx::compare(&col, BinaryOp::Eq, &v)
                            .map_err(|e| e.at(span))?
                            .expr,
                    );
                }
                built(nq)
            }
            "order_by" => {
                a.no_more_kw()?;
                if a.pos.len() == 1 && matches!(a.pos[0], Value::None) {
                    nq.order_by.clear();
                    return built(nq);
                }
                for (i, v) in a.pos.iter().enumerate() {
                    nq.order_by
                        .push(self.order_expr(&nq, v).map_err(|e| e.at(a.span_of(i)))?);
                }
                built(nq)
            }
            "group_by" => {
                a.no_more_kw()?;
                for (i, v) in a.pos.iter().enumerate() {
                    nq.group_by
                        .push(self.order_expr(&nq, v).map_err(|e| e.at(a.span_of(i)))?);
                }
                built(nq)
            }
            "having" => {
                a.no_more_kw()?;
                for v in &a.pos {
                    nq.having.push(clause_of(v)?);
                }
                built(nq)
            }
            "limit" => {
                a.count(1, 1)?;
                nq.limit = if matches!(a.pos[0], Value::None) {
                    None
                } else {
                    Some(a.int(0)?)
                };
                built(nq)
            }
            "offset" => {
                a.count(1, 1)?;
                nq.offset = if matches!(a.pos[0], Value::None) {
                    None
                } else {
                    Some(a.int(0)?)
                };
                built(nq)
            }
            "slice" => {
                a.count(2, 2)?;
                built(slice_query(&nq, Some(a.int(0)?), Some(a.int(1)?)))
            }
            "distinct" => {
                a.count(0, usize::MAX)?;
                nq.distinct = true;
                built(nq)
            }
            "options" => {
                a.no_more_kw()?;
                built(self.options(&nq, &a)?)
            }
            "select_from" => {
                a.no_more_kw()?;
                for (i, v) in a.pos.iter().enumerate() {
                    let Some(m) = v.downcast::<crate::schema::model::Model>() else {
                        return Err(Error::new(
                            ErrorKind::ArgumentError,
                            format!("select_from() takes a model, not a {}", v.type_name()),
                        )
                        .at(a.span_of(i)));
                    };
                    let from = crate::sql::ast::FromItem::Table {
                        name: m.table.clone(),
                        alias: None,
                    };
                    if !nq.extra_from.contains(&from) {
                        nq.extra_from.insert(0, from);
                    }
                    nq.filter_model.get_or_insert(m);
                }
                built(nq)
            }
            "with_parent" => {
                a.no_more_kw()?;
                built(self.with_parent(&nq, &a)?)
            }
            "join" | "outerjoin" => {
                let isouter = a.take_kw("isouter").is_some_and(|v| v.truthy());
                a.take_kw("full");
                a.no_more_kw()?;
                built(self.join(&nq, &a, name == "outerjoin" || isouter)?)
            }
            "with_entities" | "add_columns" | "with_only_columns" => {
                a.no_more_kw()?;
                let mut ents = Vec::new();
                for (i, v) in a.pos.iter().enumerate() {
                    if let Some(m) = v.downcast::<crate::schema::model::Model>() {
                        ents.push(Entity::Model(m));
                    } else if let Some(s) = v.downcast::<SqlVal>() {
                        ents.push(Entity::Expr(s));
                    } else {
                        return Err(Error::new(
                            ErrorKind::ArgumentError,
                            format!("{name}() takes models or columns, not a {}", v.type_name()),
                        )
                        .at(a.span_of(i)));
                    }
                }
                if name == "add_columns" {
                    nq.entities.extend(ents);
                } else {
                    nq.entities = ents;
                }
                built(nq)
            }
            "all" => {
                a.count(0, 0)?;
                Ok(Value::list(self.query_all(&nq)?))
            }
            "first" => {
                a.count(0, 0)?;
                nq.limit = Some(1);
                Ok(self
                    .query_all(&nq)?
                    .into_iter()
                    .next()
                    .unwrap_or(Value::None))
            }
            "one" | "one_or_none" => {
                a.count(0, 0)?;
                let rows = self.query_all(&nq)?;
                match rows.len() {
                    0 if name == "one_or_none" => Ok(Value::None),
                    0 => Err(Error::new(
                        ErrorKind::NoResultFound,
                        "No row was found when one was required",
                    )),
                    1 => Ok(rows.into_iter().next().unwrap_or(Value::None)),
                    _ => Err(crate::eval::results::multiple_rows(name == "one_or_none")),
                }
            }
            "scalar" => {
                a.count(0, 0)?;
                let rows = self.query_all(&nq)?;
                if rows.len() > 1 {
                    return Err(Error::new(
                        ErrorKind::MultipleResultsFound,
                        "Multiple rows were found when exactly one was required",
                    ));
                }
                Ok(match rows.into_iter().next() {
                    None => Value::None,
                    Some(v) => match v.downcast::<crate::orm::row::Row>() {
                        Some(r) => r.values.first().cloned().unwrap_or(Value::None),
                        None => v,
                    },
                })
            }
            "count" => {
                a.count(0, 0)?;
                self.autoflush()?;
                let sel = nq.count_select();
                self.session.scalar_select(&sel)
            }
            "exists" => {
                a.count(0, 0)?;
                let sel = nq.to_select();
                Ok(SqlVal {
                    expr: crate::sql::ast::SqlExpr::Exists(Box::new(sel)),
                    ty: Some(crate::schema::types::ColumnType::Boolean),
                    column: None,
                    key: Some(Rc::from("anon_1")),
                    is_clause: true,
                    froms: Vec::new(),
                }
                .into_value()?)
            }
            "get" => {
                a.count(1, 1)?;
                let model = nq.single_model().cloned().ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidRequestError,
                        "get() needs a query of one model",
                    )
                })?;
                let key = crate::orm::session::Session::key_from_value(&model, &a.pos[0])?;
                Ok(self
                    .get_by_key(&model, key)?
                    .map_or(Value::None, |i| Value::Obj(i)))
            }
            "get_or_404" | "first_or_404" | "one_or_404" => {
                a.take_kw("description");
                let inner = match name {
                    "get_or_404" => "get",
                    "first_or_404" => "first",
                    _ => "one_or_none",
                };
                let v = match self.query_method(q, inner, a) {
                    // Flask-SQLAlchemy aborts with 404 on no row *and* on several.
                    Err(e) if e.kind == ErrorKind::MultipleResultsFound => Value::None,
                    other => other?,
                };
                if matches!(v, Value::None) {
                    return Err(Error::new(
                        ErrorKind::NotFound,
                        "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
                    ));
                }
                Ok(v)
            }
            "paginate" => {
                let page = a.take_kw("page").map_or(Ok(1), |v| as_int(&v, "page"))?;
                let per_page = a
                    .take_kw("per_page")
                    .map_or(Ok(20), |v| as_int(&v, "per_page"))?;
                let error_out = a.take_kw("error_out").is_none_or(|v| v.truthy());
                let max_per_page = a
                    .take_kw("max_per_page")
                    .map(|v| as_int(&v, "max_per_page"))
                    .transpose()?;
                a.take_kw("count");
                a.count(0, 0)?;
                let mut per_page = per_page;
                if let Some(m) = max_per_page {
                    per_page = per_page.min(m);
                }
                let not_found = || {
                    Error::new(
                        ErrorKind::NotFound,
                        "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
                    )
                };
                let (page, per_page) = if page < 1 || per_page < 1 {
                    if error_out {
                        return Err(not_found());
                    }
                    (page.max(1), if per_page < 1 { 20 } else { per_page })
                } else {
                    (page, per_page)
                };
                let mut items_q = nq.clone();
                items_q.limit = Some(per_page);
                items_q.offset = Some((page - 1) * per_page);
                let mut items = self.query_all(&items_q)?;
                if !nq.legacy {
                    // Flask-SQLAlchemy's `db.paginate(select)` takes
                    // `session.execute(select).unique().scalars()`.
                    let mut unique = Uniquer::new(Rule::Result, unhashable_columns(&nq));
                    let mut kept = Vec::with_capacity(items.len());
                    for v in crate::eval::results::unwrap_rows(items) {
                        if !unique.repeats_row(std::slice::from_ref(&v))? {
                            kept.push(v);
                        }
                    }
                    items = kept;
                }
                if items.is_empty() && page != 1 && error_out {
                    return Err(not_found());
                }
                let mut count_q = nq.clone();
                count_q.order_by.clear();
                let total = self
                    .session
                    .scalar_select(&count_q.count_select())?
                    .as_i64()
                    .unwrap_or(0);
                Ok(Value::obj(Pagination {
                    page,
                    per_page,
                    total,
                    items,
                }))
            }
            "delete" => {
                a.take_kw("synchronize_session");
                a.count(0, 0)?;
                let model = nq.single_model().cloned().ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidRequestError,
                        "delete() works on a query of one model",
                    )
                })?;
                if nq.where_.is_empty()
                    && !self.ask(&format!("Delete every row of table '{}'?", model.table))?
                {
                    return Ok(Value::Int(0));
                }
                self.autoflush()?;
                let doomed = self.session.load_all(&nq)?;
                let stmt = Delete {
                    table: model.table.clone(),
                    where_: nq.where_.clone(),
                };
                let n = self.session.execute(&compile::delete(&stmt))?;
                for v in doomed {
                    if let Some(inst) = v.downcast::<crate::orm::instance::Instance>() {
                        self.session.remove_newly_deleted(&inst);
                    }
                }
                Ok(Value::Int(n as i64))
            }
            "update" => {
                a.take_kw("synchronize_session");
                a.count(1, 1)?;
                let model = nq.single_model().cloned().ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidRequestError,
                        "update() works on a query of one model",
                    )
                })?;
                let Value::Dict(d) = &a.pos[0] else {
                    return Err(Error::type_(
                        "update() takes a dict of new values, like update({'name': 'x'})",
                    ));
                };
                self.autoflush()?;
                let affected = self.session.load_all(&nq)?;
                let mut set = Vec::new();
                for (k, v) in d.borrow().iter() {
                    let col = match k {
                        Value::Str(s) => model.column(s).map(|i| SqlVal::column(&model, i)),
                        other => other.downcast::<SqlVal>().map(|s| (*s).clone()),
                    };
                    let col = col.ok_or_else(|| {
                        Error::new(
                            ErrorKind::InvalidRequestError,
                            format!(
                                "{} has no column {}",
                                model.name,
                                crate::value::repr::repr(k, self).unwrap_or_default()
                            ),
                        )
                    })?;
                    let name = match &col.expr {
                        crate::sql::ast::SqlExpr::Column { name, .. } => name.clone(),
                        _ => return Err(Error::type_("update() keys must be columns")),
                    };
                    set.push((name, col.bind(v)?));
                }
                let stmt = Update {
                    table: model.table.clone(),
                    set,
                    where_: nq.where_.clone(),
                };
                let n = self.session.execute(&compile::update(&stmt))?;
                for v in affected {
                    if let Some(inst) = v.downcast::<crate::orm::instance::Instance>() {
                        self.session.expire(&inst);
                    }
                }
                Ok(Value::Int(n as i64))
            }
            "subquery" | "scalar_subquery" => {
                let sel = nq.to_select();
                Ok(SqlVal {
                    expr: crate::sql::ast::SqlExpr::Subquery(Box::new(sel)),
                    ty: None,
                    column: None,
                    key: None,
                    is_clause: false,
                    froms: Vec::new(),
                }
                .into_value()?)
            }
            _ => Err(Error::attr(format!(
                "'Query' object has no attribute '{name}'"
            ))),
        }
    }
}

/// FROM items a clause brings along (an aliased association table).
fn add_froms(q: &mut Query, v: &Value) {
    if let Some(s) = v.downcast::<SqlVal>() {
        for f in &s.froms {
            if !q.extra_from.contains(f) {
                q.extra_from.push(f.clone());
            }
        }
    }
}

pub(crate) fn slice_query(q: &Query, lo: Option<i64>, hi: Option<i64>) -> Query {
    let mut q2 = q.clone();
    let base = q.offset.unwrap_or(0);
    let lo = lo.unwrap_or(0).max(0);
    q2.offset = if base + lo > 0 {
        Some(base + lo)
    } else {
        q.offset
    };
    if let Some(hi) = hi {
        q2.limit = Some((hi - lo).max(0));
    }
    q2
}

/// A `text()` condition's `:name` placeholders have no values to bind
/// (ormsh has no `.params()`): SQLAlchemy fails when the statement runs,
/// with `StatementError: A value is required for bind parameter 'x'`;
/// ormsh says so where the condition is written.
fn unbound_text_param(sql: &str) -> Result<()> {
    for part in crate::sql::text::split(sql) {
        if let crate::sql::text::TextPart::Bind(name) = part {
            return Err(Error::new(
                ErrorKind::StatementError,
                format!("A value is required for bind parameter '{name}'"),
            )
            .with_help(format!(
                "write the value into the condition (a column expression such as Model.col == value), or run the SQL with db.session.execute(text(...), {{'{name}': value}})"
            )));
        }
    }
    Ok(())
}
