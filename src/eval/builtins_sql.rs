//! The SQL helpers among the built-in names: `and_ or_ not_ desc asc text`
//! and the loader options (`joinedload`, `selectinload`, `subqueryload`,
//! `lazyload`), each making the SQLAlchemy construct of that name.

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{LoaderOption, TextClause};
use crate::eval::surface::Sig;
use crate::orm::expr::{self as orm_expr, ColumnElement, where_clause_of};
use crate::value::Value;

/// SQLAlchemy's `and_(*clauses)`; with none, an empty clause that
/// compiles to nothing (left out of a WHERE), with SQLAlchemy's
/// deprecation warning.
pub(super) fn and_(me: &mut Interp, a: Args) -> Result<Value> {
    boolean(me, a, true)
}

/// SQLAlchemy's `or_(*clauses)`, as `and_`.
pub(super) fn or_(me: &mut Interp, a: Args) -> Result<Value> {
    boolean(me, a, false)
}

fn boolean(me: &mut Interp, a: Args, is_and: bool) -> Result<Value> {
    a.no_more_kw()?;
    if a.pos.is_empty() {
        let (name, neutral) = if is_and {
            ("and_", "true(), *args)' or 'and_(True")
        } else {
            ("or_", "false(), *args)' or 'or_(False")
        };
        me.session.warnings.push(format!(
            "warning: Invoking {name}() without arguments is deprecated, and will be disallowed in a future release.   For an empty {name}() construct, use '{name}({neutral}, *args)'. (SQLAlchemy's SADeprecationWarning: an empty {name}() is left out of the WHERE clause)"
        ));
    }
    let items = a
        .pos
        .iter()
        .map(where_clause_of)
        .collect::<Result<Vec<_>>>()?;
    let mut v = if is_and {
        orm_expr::and(items)
    } else {
        orm_expr::or(items)
    };
    v.froms = froms_of_all(&a.pos);
    v.into_value()
}

/// The FROM items the clauses of `and_`/`or_` bring along, each once.
fn froms_of_all(items: &[Value]) -> Vec<crate::sql::ast::FromItem> {
    let mut out = Vec::new();
    for v in items {
        if let Some(c) = v.downcast::<ColumnElement>() {
            for f in &c.froms {
                if !out.contains(f) {
                    out.push(f.clone());
                }
            }
        }
    }
    out
}

pub(super) fn not_(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let s = a.pos[0]
        .downcast::<ColumnElement>()
        .ok_or_else(|| Error::type_("not_() takes a SQL expression"))?;
    orm_expr::not(&s).into_value()
}

fn order(a: Args, name: &str) -> Result<Value> {
    a.count(1, 1)?;
    if let Value::Str(label) = &a.pos[0] {
        // desc('oldest') orders by a label of the query.
        return ColumnElement {
            entity: None,
            hybrid: None,
            prop_of: None,
            orm: false,
            expr: crate::sql::ast::SqlExpr::Order {
                expr: Box::new(crate::sql::ast::SqlExpr::Column {
                    table: None,
                    name: label.into(),
                }),
                desc: name == "desc",
            },
            ty: None,
            column: None,
            key: Some(label.into()),
            is_clause: false,
            froms: Vec::new(),
        }
        .into_value();
    }
    let s = a.pos[0]
        .downcast::<ColumnElement>()
        .ok_or_else(|| Error::type_(format!("{name}() takes a column, like {name}(User.id)")))?;
    orm_expr::order(&s, name == "desc").into_value()
}

pub(super) fn desc(_: &mut Interp, a: Args) -> Result<Value> {
    order(a, "desc")
}

pub(super) fn asc(_: &mut Interp, a: Args) -> Result<Value> {
    order(a, "asc")
}

pub(super) fn text(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("text", &Sig::NONE)?;
    a.count(1, 1)?;
    let sql = a.str(0)?;
    me.check_declared_sql(&sql)
        .map_err(|e| e.at(a.span_of(0)))?;
    Ok(Value::obj(TextClause(sql, Vec::new())))
}

pub(super) fn loader(strategy: &'static str, mut a: Args) -> Result<Value> {
    crate::eval::loader_opts::bind_loader_kw(strategy, &mut a)?;
    let strategy = crate::eval::loader_opts::loader_strategy(strategy, &mut a);
    a.count(1, 1)?;
    Ok(Value::obj(LoaderOption {
        strategy,
        target: a.pos[0].clone(),
        chain: Vec::new(),
    }))
}
