//! A query as data: entities (models or column expressions), criteria,
//! ordering, grouping, limits — shared by the legacy `Model.query` and the
//! 2.0 `db.select(...)`. Turns itself into a `sql::ast::Select` with the
//! labels SQLAlchemy gives (`user.id AS user_id` for the legacy Query).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::alias::AliasedModel;
use crate::orm::expr::ColumnElement;
use crate::orm::load_opts::LoadOpt;
use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Rel};
use crate::sql::ast::{FromItem, JoinKind, Param, Select, SetOp, SqlExpr};
use crate::value::Object;

#[derive(Clone)]
pub enum Entity {
    Model(Rc<Model>),
    /// A model read through an alias or a subquery (`aliased(User)`).
    Aliased(Rc<AliasedModel>),
    Expr(Rc<ColumnElement>),
}

#[derive(Clone)]
pub struct Query {
    /// Legacy `Query` (labels columns `table_col`) or 2.0 `Select`.
    pub legacy: bool,
    pub entities: Vec<Entity>,
    pub where_: Vec<SqlExpr>,
    pub order_by: Vec<SqlExpr>,
    pub group_by: Vec<SqlExpr>,
    pub having: Vec<SqlExpr>,
    pub limit: Option<i64>,
    /// `Select.fetch(n)`: the limit is written `FETCH FIRST n ROWS`.
    pub fetch: Option<crate::sql::FetchFirst>,
    pub offset: Option<i64>,
    pub distinct: bool,
    /// Extra FROM items (an association table for a many-to-many load).
    pub extra_from: Vec<FromItem>,
    /// `join(...)` / `outerjoin(...)`, in order.
    pub joins: Vec<Join>,
    /// Loader options (`joinedload(...)` …): relationship and strategy.
    pub loaders: Vec<(Rc<Rel>, Lazy)>,
    /// Chained loader options: the path of relationships and the strategy
    /// of its last step (`joinedload(User.posts).joinedload(Post.comments)`).
    pub nested: Vec<(Vec<Rc<Rel>>, Lazy)>,
    /// The lazy loader options (`lazyload`, `noload`, `raiseload`, with
    /// their paths), given to the objects it loads (`orm::load_opts`).
    pub load_opts: Vec<LoadOpt>,
    /// `contains_eager(...)` steps: relationships filled from the
    /// columns of the query's own joins (`orm::contains_eager`).
    pub contains: Vec<crate::orm::contains_eager::ContainsEager>,
    /// Column options (`defer`, `undefer`, `load_only`, `undefer_group`)
    /// on its model's columns (`orm::deferral`).
    pub column_opts: Vec<crate::orm::deferral::ColumnOpt>,
    /// The model `filter_by` applies to (the last joined one).
    pub filter_model: Option<Rc<Model>>,
    /// Why the statement cannot be built (a join of a model to itself),
    /// raised when it runs or is printed, after the autoflush, as
    /// SQLAlchemy finds it only when it compiles the statement.
    pub invalid: Option<Error>,
    /// A 2.0 compound SELECT (`select(…).union(select(…))`): its members;
    /// the entities then describe the result's columns.
    pub compound: Vec<(SetOp, Select)>,
    /// Expressions rewritten in this query's criteria and ordering: a
    /// legacy `union()` reads its members' columns from `anon_1`
    /// (SQLAlchemy's adaptation to `_from_obj_alias`).
    pub adapt: Vec<(SqlExpr, SqlExpr)>,
    /// `populate_existing()`: objects already in the session take the
    /// row's values (SQLAlchemy's `populate_existing` execution option).
    pub populate_existing: bool,
    /// `with_for_update()` (SQLAlchemy's `_for_update_arg`): written only
    /// by a dialect with row locks (`str()` of an unbound `Select`).
    pub for_update: bool,
    /// `yield_per(n)`: rows come in batches, and the legacy Query's
    /// uniquing of single-entity rows is off (SQLAlchemy's `loading.instances`).
    pub yield_per: bool,
    /// `correlate()` / `correlate_except()`: what it leaves out nested.
    pub correlate: crate::sql::correlate::Correlate,
    /// `prefix_with(...)`: text after `SELECT` (SQLAlchemy's
    /// `_prefixes`), each with the dialect it is for.
    pub prefixes: Vec<(Rc<str>, Rc<str>)>,
    /// `select_from()` was called (SQLAlchemy's `_from_obj` is set): a
    /// bulk `update()`/`delete()` refuses it.
    pub selected_from: bool,
    /// Criteria, ordering, grouping, a join or `select_from()` named a
    /// model, a relationship or a mapped attribute (SQLAlchemy's
    /// `_propagate_attrs` from the whole statement, not its columns only):
    /// the select runs ORM-enabled (`eval::core_table::is_core_select`).
    pub orm_criteria: bool,
}

/// One joined table.
#[derive(Clone)]
pub struct Join {
    pub table: Rc<str>,
    /// `JOIN tags AS tags_1`
    pub alias: Option<Rc<str>>,
    pub on: Vec<SqlExpr>,
    pub kind: JoinKind,
    /// The table the join starts from when it follows a relationship (its
    /// own model's): a query of the target joined along it,
    /// `Post.query.join(Category.posts)`, starts its FROM there, as
    /// SQLAlchemy places an explicit left side.
    pub left: Option<Rc<str>>,
    /// A subquery, CTE or alias joined, in place of the table (`table`
    /// then holds the name it is read by).
    pub target: Option<FromItem>,
}

impl Object for Query {
    fn type_name(&self) -> &str {
        if self.legacy { "Query" } else { "Select" }
    }
}

impl Query {
    pub fn new(entities: Vec<Entity>, legacy: bool) -> Query {
        Query {
            legacy,
            entities,
            where_: Vec::new(),
            order_by: Vec::new(),
            group_by: Vec::new(),
            having: Vec::new(),
            limit: None,
            fetch: None,
            offset: None,
            distinct: false,
            extra_from: Vec::new(),
            joins: Vec::new(),
            loaders: Vec::new(),
            nested: Vec::new(),
            load_opts: Vec::new(),
            contains: Vec::new(),
            column_opts: Vec::new(),
            filter_model: None,
            invalid: None,
            compound: Vec::new(),
            adapt: Vec::new(),
            populate_existing: false,
            for_update: false,
            yield_per: false,
            correlate: Default::default(),
            prefixes: Vec::new(),
            selected_from: false,
            orm_criteria: false,
        }
    }

    /// The model of the first entity, when it is a model (or a column of one).
    pub fn primary_model(&self) -> Option<Rc<Model>> {
        self.entities.iter().find_map(|e| match e {
            Entity::Model(m) => Some(m.clone()),
            Entity::Aliased(a) => Some(a.model.clone()),
            Entity::Expr(s) => s.column.as_ref().map(|(m, _)| m.clone()),
        })
    }

    /// A query of exactly one model entity: results are instances.
    pub fn single_model(&self) -> Option<&Rc<Model>> {
        match self.entities.as_slice() {
            [Entity::Model(m)] => Some(m),
            _ => None,
        }
    }

    /// The model whose objects a one-entity query loads: its model, or an
    /// aliased one's (`db.session.query(aliased(User))`).
    pub fn loaded_model(&self) -> Option<&Rc<Model>> {
        match self.entities.as_slice() {
            [Entity::Model(m)] => Some(m),
            [Entity::Aliased(a)] => Some(&a.model),
            _ => None,
        }
    }

    /// The result keys of each column, in order, and for each entity the
    /// range of columns it takes.
    pub fn keys(&self) -> Vec<Rc<str>> {
        crate::orm::result_keys::result_keys(&self.entities, self.legacy)
    }

    /// The error the statement would meet when compiled, if any: no
    /// columns (`check_columns`), the one recorded (`invalid`), without
    /// the span of the call that recorded it, or a compiler's refusal.
    pub fn compilable(&self) -> Result<()> {
        self.check_columns()?;
        match &self.invalid {
            Some(e) => Err(e.clone()),
            // What SQLAlchemy's compiler refuses (`sql::compile_check`).
            None => {
                let brought = self.entities.iter().flat_map(|e| match e {
                    Entity::Expr(s) => s.froms.as_slice(),
                    _ => &[],
                });
                let joined = self.joins.iter().filter_map(|j| j.target.as_ref());
                crate::sql::compile_check::check_froms(
                    brought.chain(&self.extra_from).chain(joined),
                )?;
                crate::sql::compile_check::check(&self.to_select())
            }
        }
    }

    /// A query with no entity (`with_entities()`, `db.session.query()`,
    /// `with_only_columns()`) has nothing to SELECT: SQLAlchemy's
    /// InvalidRequestError when it is compiled, so before any SQL of it.
    fn check_columns(&self) -> Result<()> {
        if !self.entities.is_empty() {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::InvalidRequestError,
            "Query contains no columns with which to SELECT from.",
        )
        .with_help("name what to select, like with_entities(User.id, User.name)"))
    }

    /// The SELECT statement this query runs.
    pub fn to_select(&self) -> Select {
        let adapt = |v: &[SqlExpr]| -> Vec<SqlExpr> {
            v.iter()
                .map(|e| crate::orm::setops::adapt(&self.adapt, e))
                .collect()
        };
        if !self.compound.is_empty() {
            return Select {
                compound: self.compound.clone(),
                order_by: adapt(&self.order_by),
                limit: self.limit.map(int_param),
                fetch: self.fetch,
                offset: self.offset.map(int_param),
                ..Select::default()
            };
        }
        let mut known: Vec<FromItem> = Vec::new();
        let mut columns = Vec::new();
        let mut from: Vec<Rc<str>> = Vec::new();
        let add_from = |t: &Rc<str>, from: &mut Vec<Rc<str>>| {
            if !from.contains(t) {
                from.push(t.clone());
            }
        };
        let mask = self.column_mask();
        for e in &self.entities {
            match e {
                Entity::Model(m) => {
                    add_from(&m.table, &mut from);
                    let loaded = (m.columns.iter().enumerate())
                        .filter(|(i, _)| crate::orm::deferral::loads(&mask, *i));
                    for (i, c) in loaded {
                        let label = self.legacy.then(|| format!("{}_{}", m.table, c.name));
                        let given = self.expression_for(i);
                        columns.push(crate::orm::column_property::read_as(
                            m, i, &m.table, label, given,
                        ));
                    }
                }
                Entity::Aliased(a) => {
                    add_from(&a.name, &mut from);
                    known.push(a.from.clone());
                    for (expr, c) in a.exprs().into_iter().zip(&a.columns) {
                        columns.push(if self.legacy {
                            SqlExpr::Label {
                                expr: Box::new(expr),
                                name: Rc::from(format!("{}_{c}", a.name)),
                            }
                        } else {
                            expr
                        });
                    }
                }
                Entity::Expr(s) => {
                    known.extend(s.froms.iter().cloned());
                    // A table the expression is read through comes first
                    // (SQLAlchemy's parententity: `Comment.post` selects
                    // from comment, then post).
                    for f in &s.froms {
                        if let FromItem::Table { name, alias: None } = f {
                            add_from(name, &mut from);
                        }
                    }
                    s.expr.tables_into(&mut from);
                    let expr = s.expr.clone();
                    let labelled =
                        match (&expr, self.legacy) {
                            (SqlExpr::Label { .. }, _) => expr,
                            (
                                SqlExpr::Column {
                                    table: Some(t),
                                    name,
                                },
                                true,
                            ) => {
                                // The same column again is `m_g__1` (the
                                // compiler's dedup of a repeated column); a
                                // label the script gave it is another column.
                                let label = format!("{t}_{name}");
                                let again = columns.iter().any(|c| {
                                    matches!(c, SqlExpr::Label { expr: e, name: n }
                                    if **e == expr
                                        && (**n == *label || crate::sql::anon::is_anon(n)))
                                });
                                SqlExpr::Label {
                                    name: match again {
                                        true => crate::sql::anon::anon_name(&format!("{label}_")),
                                        false => Rc::from(label),
                                    },
                                    expr: Box::new(expr.clone()),
                                }
                            }
                            (SqlExpr::Column { .. }, false) => expr,
                            // `CAST(item.qty AS …) AS item_qty`, as a column.
                            (
                                SqlExpr::Cast { expr: inner, .. } | SqlExpr::TypeCoerce(inner),
                                true,
                            ) if column_label(inner).is_some() => SqlExpr::Label {
                                name: column_label(inner).unwrap_or_default(),
                                expr: Box::new(expr.clone()),
                            },
                            // A 2.0 select's CAST of a column is labelled by the
                            // compiler with the column's name (`AS id`).
                            (
                                SqlExpr::Cast { expr: inner, .. } | SqlExpr::TypeCoerce(inner),
                                false,
                            ) if matches!(**inner, SqlExpr::Column { .. }) => expr,
                            // `literal_column()` text is never labelled.
                            (SqlExpr::LiteralColumn(_), _) => expr,
                            // The compiler labels functions (`count_1`, `"ABS_1"`)
                            // from the anonymous-name counters it shares with
                            // bind names, as SQLAlchemy does; `DISTINCT x` stays
                            // bare.
                            (e, _) if crate::sql::func_modifier::left_to_compiler(e) => expr,
                            // SQLAlchemy's unary expressions (`x.desc()`,
                            // `nulls_last(x)`) are never labelled; `-x` and
                            // `~x` only over an expression that is not a named
                            // column (`-(x + 1) AS anon_1`, `_wraps_unnamed_column`).
                            (SqlExpr::Order { .. } | SqlExpr::Nulls { .. }, _) => expr,
                            (SqlExpr::Neg(x) | SqlExpr::BitNot(x), _)
                                if crate::sql::ast::is_named_column(x) =>
                            {
                                expr
                            }
                            // A hybrid property's unnamed expression takes its
                            // name (`AS full_name`, `orm::expr_names`).
                            _ if let Some(name) = crate::orm::expr_names::expression_label(s) => {
                                SqlExpr::Label {
                                    name,
                                    expr: Box::new(expr.clone()),
                                }
                            }
                            // Anything else is labelled anonymously, numbered
                            // where the compiler meets it (`sql::anon`).
                            _ => SqlExpr::Label {
                                name: crate::sql::anon::anon_name("anon"),
                                expr: Box::new(expr.clone()),
                            },
                        };
                    columns.push(labelled);
                }
            }
        }
        if self.joins.is_empty() && self.extra_from.is_empty() {
            from = crate::orm::from_order::mapped_first(from, &self.entities);
        }
        let where_ = adapt(&self.where_);
        for w in &where_ {
            w.tables_into(&mut from);
        }
        known.extend(self.joins.iter().filter_map(|j| j.target.clone()));
        known.extend(
            self.extra_from
                .iter()
                .filter(|f| matches!(f, FromItem::Subquery { .. } | FromItem::Cte(_)))
                .cloned(),
        );
        Select {
            distinct: self.distinct,
            columns,
            from: self.build_from(from, &known),
            where_,
            group_by: adapt(&self.group_by),
            having: adapt(&self.having),
            order_by: adapt(&self.order_by),
            limit: self.limit.map(int_param),
            fetch: self.fetch,
            offset: self.offset.map(int_param),
            compound: Vec::new(),
            for_update: self.for_update,
            correlate: self.correlate.clone(),
            prefixes: self.prefixes.clone(),
        }
    }
}

fn int_param(i: i64) -> SqlExpr {
    SqlExpr::Param {
        value: Param::Int(i),
        key: None,
    }
}

/// The legacy label of a table's column, `table_column`.
fn column_label(e: &SqlExpr) -> Option<Rc<str>> {
    match e {
        SqlExpr::Column {
            table: Some(t),
            name,
        } => Some(Rc::from(format!("{t}_{name}"))),
        _ => None,
    }
}
