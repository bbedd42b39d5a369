//! Column deferral as written: `db.deferred(db.Column(...), group=,
//! raiseload=)` in a model, and the query options `db.defer(M.c,
//! raiseload=)`, `db.undefer(M.c)`, `db.load_only(M.a, M.b, raiseload=)`,
//! `db.undefer_group('g')` (SQLAlchemy's `sqlalchemy.orm` functions of
//! those names), resolved against the query's model by `options()`. The
//! loading is `orm::deferral`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::ColumnSpec;
use crate::eval::objects::LoaderOption;
use crate::eval::surface::Sig;
use crate::orm::deferral::{ColumnOpt, Deferral};
use crate::orm::expr::ColumnElement;
use crate::orm::query::Query;
use crate::syntax::span::Span;
use crate::value::Value;

/// The strategy names of the column options, as `LoaderOption::strategy`
/// holds them (its target then a tuple of the attributes named).
pub const COLUMN_STRATEGIES: &[&str] = &[
    "defer",
    "defer_raise",
    "undefer",
    "load_only",
    "load_only_raise",
    "undefer_group",
    "with_expression",
];

/// `db.deferred(column, group=None, raiseload=False)` (SQLAlchemy's
/// `orm.deferred`): the column, loaded only when first read.
pub fn deferred(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("deferred", &Sig::kw(&["group", "raiseload"]))?;
    let group = a.take_kw("group");
    let raiseload = a.take_kw("raiseload").is_some_and(|v| v.truthy());
    a.count(1, 1)?;
    let Some(spec) = a.pos[0].downcast::<ColumnSpec>() else {
        return Err(Error::type_(format!(
            "deferred() takes a column, not {}",
            a.pos[0].type_name()
        ))
        .at(a.span_of(0))
        .with_help("write db.deferred(db.Column(db.Text))"));
    };
    let group = match &group {
        Some(Value::Str(s)) => Some(Rc::from(s.as_str())),
        Some(Value::None) | None => None,
        Some(v) => {
            return Err(Error::type_(format!(
                "deferred(group=...) takes a name, not {}",
                v.type_name()
            )));
        }
    };
    let mut column = spec.column.clone();
    column.deferred = Some(Deferral {
        group,
        raiseload,
        expression: false,
    });
    Ok(Value::obj(ColumnSpec {
        name: spec.name.clone(),
        column,
        type_from_fk: spec.type_from_fk,
    }))
}

/// The option of `kind` over the attributes given (`kind_raise` with
/// `raiseload=True`).
fn option(
    kind: &'static str,
    raising: &'static str,
    mut a: Args,
    sig: &Sig,
    at_least: usize,
) -> Result<Value> {
    a.bind(kind, sig)?;
    let raise = a.take_kw("raiseload").is_some_and(|v| v.truthy());
    a.count(at_least, usize::MAX)?;
    Ok(Value::obj(LoaderOption {
        strategy: if raise { raising } else { kind },
        target: Value::tuple(a.pos.clone()),
        chain: Vec::new(),
    }))
}

/// `db.defer(M.c, raiseload=False)`: leave the column out of the load.
pub fn defer(_: &mut Interp, a: Args) -> Result<Value> {
    option("defer", "defer_raise", a, &Sig::kw(&["raiseload"]), 1)
}

/// `db.undefer(M.c)`: load a deferred column with the query.
pub fn undefer(_: &mut Interp, a: Args) -> Result<Value> {
    option("undefer", "undefer", a, &Sig::NONE, 1)
}

/// `db.load_only(M.a, M.b, raiseload=False)`: only these (and the
/// primary key) load with the query.
pub fn load_only(_: &mut Interp, a: Args) -> Result<Value> {
    if a.pos.is_empty() {
        // SQLAlchemy reads its first attribute unchecked: IndexError.
        return Err(Error::new(
            ErrorKind::IndexError,
            "load_only() names no column (SQLAlchemy: tuple index out of range)",
        )
        .at(a.span)
        .with_help("name the columns to load: db.load_only(Book.title)"));
    }
    option(
        "load_only",
        "load_only_raise",
        a,
        &Sig::kw(&["raiseload"]),
        0,
    )
}

/// `with_expression(M.attr, expr)` (SQLAlchemy's `orm.with_expression`):
/// load the `query_expression()` `M.attr` as `expr` (a plain value is
/// bound) with the query.
pub fn with_expression(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "key")?;
    a.keyword_at(1, "expression")?;
    a.count(2, 2)?;
    Ok(Value::obj(LoaderOption {
        strategy: "with_expression",
        target: Value::tuple(a.pos.clone()),
        chain: Vec::new(),
    }))
}

/// `db.undefer_group('g')`: load the deferred columns of group `g`.
pub fn undefer_group(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    a.str(0)?;
    option("undefer_group", "undefer_group", a, &Sig::NONE, 1)
}

/// SQLAlchemy's refusal of an attribute given by name.
fn strings_refused(at: Span) -> Error {
    Error::new(
        ErrorKind::ArgumentError,
        "Strings are not accepted for attribute names in loader options; please use class-bound attributes directly.",
    )
    .at(at)
    .with_help("write the attribute: db.defer(Book.summary)")
}

/// Add the column option `opt` to `nq`, its attributes resolved to the
/// columns of the query's model; `at` marks it in messages.
pub fn add_column_option(nq: &mut Query, opt: &LoaderOption, at: Span) -> Result<()> {
    if !opt.chain.is_empty() {
        return Err(path_refused(at));
    }
    let attrs: Vec<Value> = match &opt.target {
        Value::Tuple(t) => t.to_vec(),
        other => vec![other.clone()],
    };
    if opt.strategy == "undefer_group" {
        if let Some(Value::Str(s)) = attrs.first() {
            nq.column_opts
                .push(ColumnOpt::UndeferGroup(Rc::from(s.as_str())));
        }
        return Ok(());
    }
    let model = nq.single_model().cloned();
    if opt.strategy == "with_expression" {
        return add_expression(nq, model.as_ref(), &attrs, at);
    }
    let mut cols = Vec::new();
    for v in &attrs {
        if matches!(v, Value::Str(_)) {
            return Err(strings_refused(at));
        }
        let col = v.downcast::<ColumnElement>().and_then(|c| {
            (c.column.clone())
                .or_else(|| crate::orm::column_property::attribute_of(model.as_ref()?, &c))
        });
        let Some((m, i)) = col else {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "{}() takes a model's column attribute, not {}",
                    opt.strategy.trim_end_matches("_raise"),
                    v.type_name()
                ),
            )
            .at(at)
            .with_help("write the column: db.load_only(Book.title)"));
        };
        match &model {
            Some(q) if q.id == m.id => cols.push(i),
            _ => {
                let root = model.as_ref().map_or_else(
                    || "the query's entities".to_owned(),
                    |q| format!("mapped class {}->{}", q.name, q.table),
                );
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "Mapped attribute '{}.{}' does not apply to any of the root entities in this query, e.g. {root}. Please specify the full path from one of the root entities to the target attribute. ",
                        m.name, m.columns[i].attr
                    ),
                )
                .at(at)
                .with_help("ormsh defers columns of a query of one model"));
            }
        }
    }
    let raise = opt.strategy.ends_with("_raise");
    let kind = opt.strategy.trim_end_matches("_raise");
    if let Some(m) = &model {
        for &i in &cols {
            check_conflict(nq, m, i, (kind, raise)).map_err(|e| e.at(at))?;
        }
    }
    nq.column_opts.push(match opt.strategy {
        "defer" | "defer_raise" => ColumnOpt::Defer { cols, raise },
        "undefer" => ColumnOpt::Undefer(cols),
        _ => ColumnOpt::LoadOnly { cols, raise },
    });
    Ok(())
}

/// `with_expression(M.attr, expr)` added to `nq`: `M.attr` a
/// `query_expression()` of the query's model, or any other of its
/// columns but the key, which SQLAlchemy then selects as `expr` and
/// loads from it.
fn add_expression(
    nq: &mut Query,
    model: Option<&Rc<crate::schema::model::Model>>,
    attrs: &[Value],
    at: Span,
) -> Result<()> {
    let [attr, expr] = attrs else {
        return Err(Error::type_("with_expression() takes an attribute and an expression").at(at));
    };
    let col = match (attr.downcast::<ColumnElement>(), model) {
        (Some(c), Some(m)) => match &c.column {
            // A table column of the model itself, not its key.
            Some((cm, i)) if cm.id == m.id && c.entity.is_none() => {
                (!m.columns[*i].primary_key).then_some(*i)
            }
            _ => crate::orm::column_property::attribute_of(m, &c)
                .filter(|(_, i)| m.columns[*i].expression.is_some())
                .map(|(_, i)| i),
        },
        _ => None,
    };
    let Some(col) = col else {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "with_expression() of {} is not supported by ormsh: it loads a query_expression() or a column other than the key of the query's one model",
                attr.type_name()
            ),
        )
        .at(at)
        .with_help("declare score = db.query_expression() and write db.select(User).options(with_expression(User.score, expr))"));
    };
    let expr = crate::orm::constructs::expression_of(expr, None).map_err(|e| e.at(at))?;
    nq.column_opts.push(ColumnOpt::Expression {
        col,
        expr: Rc::new(expr.expr),
    });
    Ok(())
}

/// SQLAlchemy's refusal of two options naming column `i` with different
/// strategies (`defer(M.c)` then `undefer(M.c)`).
fn check_conflict(
    nq: &Query,
    model: &crate::schema::model::Model,
    i: usize,
    new: (&str, bool),
) -> Result<()> {
    let loaded = |k: &str| k != "defer";
    for o in &nq.column_opts {
        let (cols, old) = match o {
            ColumnOpt::Defer { cols, raise } => (cols, ("defer", *raise)),
            ColumnOpt::Undefer(cols) => (cols, ("undefer", false)),
            ColumnOpt::LoadOnly { cols, raise } => (cols, ("load_only", *raise)),
            ColumnOpt::UndeferGroup(_) | ColumnOpt::Expression { .. } => continue,
        };
        let same = loaded(old.0) == loaded(new.0) && (loaded(old.0) || old.1 == new.1);
        if cols.contains(&i) && !same {
            let name = |k: &str| format!("{k}({}.{})", model.name, model.columns[i].attr);
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                format!(
                    "Loader strategy replacement {} is in conflict with existing strategy {}",
                    name(new.0),
                    name(old.0)
                ),
            )
            .with_help("name each column in one option only"));
        }
    }
    Ok(())
}

/// A column option along a relationship's path
/// (`joinedload(A.b).load_only(B.c)`): refused.
pub fn path_refused(at: Span) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        "column options along a relationship path are not supported by ormsh",
    )
    .at(at)
    .with_help("ormsh applies defer, undefer and load_only to the query's own model: .options(db.load_only(Book.title))")
}

/// `mapped_column(deferred=, deferred_group=, deferred_raiseload=)`: a
/// group or `deferred_raiseload=True` defers the column too, as
/// SQLAlchemy's `mapped_column` reads them.
pub fn mapped_deferral(kw: &[(Rc<str>, Value, Span)]) -> Result<Option<Deferral>> {
    let mut on = None;
    let mut d = Deferral::default();
    for (k, v, at) in kw {
        match &**k {
            "deferred" => on = Some(v.truthy()),
            "deferred_group" => match v {
                Value::Str(s) => d.group = Some(Rc::from(&**s)),
                Value::None => {}
                other => {
                    return Err(Error::type_(format!(
                        "mapped_column(deferred_group=...) takes a name, not {}",
                        other.type_name()
                    ))
                    .at(*at));
                }
            },
            _ => d.raiseload = v.truthy(),
        }
    }
    let on = on.unwrap_or(d.group.is_some() || d.raiseload);
    Ok(on.then_some(d))
}
