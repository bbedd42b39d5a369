//! `subquery()` and `cte()` of a `Query` or `Select`, and the class tables
//! of what they make — SQLAlchemy's `Subquery` and `CTE` with their column
//! collection `.c` — and of `aliased(Model)`, its `AliasedClass`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::query::Q;
use crate::eval::surface::{Class, Member, Sig};
use crate::orm::alias::AliasedModel;
use crate::orm::query::Query;
use crate::orm::selectable::{Selectable, SubColumns};
use crate::orm::setops::{column_keys, column_types};
use crate::sql::ast::SetOp;
use crate::value::{PyStr, Value};

/// The `name` of `subquery(name)` / `cte(name)`: positional or keyword,
/// None or a string.
fn name_arg(a: &mut Args) -> Result<Option<Rc<str>>> {
    let v = match a.take_kw("name") {
        Some(v) => Some(v),
        None => a.pos.first().cloned(),
    };
    match &v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => {
            if crate::sql::anon::is_anon(s) {
                return Err(Error::value("a name may not hold control characters"));
            }
            Ok(Some(Rc::from(s.as_ref())))
        }
        Some(other) => Err(Error::type_(format!(
            "{}() name must be a string, not {}",
            a.name,
            other.type_name()
        ))),
    }
}

/// The statement a subquery or CTE holds: a legacy query's as its 2.0
/// `statement` (columns named by their own names, not `table_col`).
fn statement_of(me: &mut Interp, q: &Q) -> Result<Query> {
    let q = q.query(me)?;
    q.compilable()?;
    let mut s = (*q).clone();
    s.legacy = false;
    Ok(s)
}

/// `subquery(name=None)`: the statement as a named (else anonymous)
/// subquery, its columns under `.c`.
pub(crate) fn subquery(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let name = name_arg(&mut a)?;
    a.count(0, 1)?;
    let s = statement_of(me, q)?;
    let sq = Selectable::subquery(s.to_select(), &column_types(&s), &column_keys(&s), name);
    Ok(Value::obj(sq))
}

/// `cte(name=None, recursive=False)`: the statement as a common table
/// expression.
pub(crate) fn cte(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    let recursive = a.take_kw("recursive").is_some_and(|v| v.truthy());
    let name = name_arg(&mut a)?;
    a.count(0, 1)?;
    let s = statement_of(me, q)?;
    let c = Selectable::cte(
        s.to_select(),
        &column_types(&s),
        &column_keys(&s),
        name,
        recursive,
    );
    Ok(Value::obj(c))
}

fn columns(_: &mut Interp, s: &Rc<Selectable>) -> Result<Value> {
    s.check_columns()?;
    Ok(Value::obj(SubColumns(s.clone())))
}

fn name(_: &mut Interp, s: &Rc<Selectable>) -> Result<Value> {
    Ok(Value::Str(PyStr::from(&crate::sql::anon::plain(&s.name))))
}

/// `cte.union_all(select)` / `cte.union(select)`: the CTE grown by a
/// statement that may read it (a recursive query's second part).
fn cte_op(me: &mut Interp, s: &Rc<Selectable>, a: Args, op: SetOp) -> Result<Value> {
    a.count(1, usize::MAX)?;
    let mut out = (**s).clone();
    for (i, v) in a.pos.iter().enumerate() {
        let Some(q) = v.downcast::<Query>() else {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "{}() takes a query or select(), not {}",
                    a.name,
                    v.type_name()
                ),
            )
            .at(a.span_of(i)));
        };
        q.compilable()?;
        out = out.compound_cte(op, q.to_select()).ok_or_else(|| {
            Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "Subquery.{}() is not supported: only a CTE grows by a set operation",
                    a.name
                ),
            )
            .with_help("union the statements first: q1.union(q2).subquery()")
        })?;
    }
    let _ = me;
    Ok(Value::obj(out))
}

/// `subquery.alias(name=None)` / `cte.alias(name=None)`.
fn alias(_: &mut Interp, s: &Rc<Selectable>, mut a: Args) -> Result<Value> {
    a.count(0, 1)?;
    let name = name_arg(&mut a)?;
    Ok(Value::obj(s.alias(name)))
}

fn union_all(me: &mut Interp, s: &Rc<Selectable>, a: Args) -> Result<Value> {
    cte_op(me, s, a, SetOp::UnionAll)
}

fn union(me: &mut Interp, s: &Rc<Selectable>, a: Args) -> Result<Value> {
    cte_op(me, s, a, SetOp::Union)
}

/// `subquery.select()` / `cte.select()`: SQLAlchemy's
/// `FromClause.select()`, a 2.0 select of all its columns.
fn select(_: &mut Interp, s: &Rc<Selectable>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let ents = (s.keys().iter())
        .filter_map(|k| s.column(k))
        .map(|c| crate::orm::query::Entity::Expr(Rc::new(c)))
        .collect();
    Ok(Value::obj(Query::new(ents, false)))
}

/// A subquery's or CTE's members.
pub static SUBQUERY: Class<Rc<Selectable>> = Class::new(
    "Subquery",
    &[
        Member::attr("c", columns, "its columns, by name"),
        Member::attr("columns", columns, "its columns, by name (same as .c)"),
        Member::attr("name", name, "the name it is read by"),
        Member::method("select", select, Sig::NONE, "a select() of all its columns"),
        Member::method(
            "join",
            super::join_clause::join,
            Sig::kw(&["onclause", "isouter", "full"]),
            "a Join of it and a model, table or subquery, for select_from()",
        ),
        Member::method(
            "outerjoin",
            super::join_clause::outerjoin,
            Sig::kw(&["onclause", "full"]),
            "a LEFT OUTER Join of it and a model, table or subquery",
        ),
        Member::method(
            "alias",
            alias,
            Sig::kw(&["name"]),
            "the same subquery or CTE read under another name",
        ),
        Member::method(
            "union_all",
            union_all,
            Sig::NONE,
            "a CTE grown by UNION ALL of a statement",
        ),
        Member::method(
            "union",
            union,
            Sig::NONE,
            "a CTE grown by UNION of a statement",
        ),
    ],
);

/// `sq.c.KEY`: the column as a SQL expression.
fn sub_column(_: &mut Interp, c: &Rc<SubColumns>, key: &str) -> Option<Result<Value>> {
    c.0.column(key).map(|e| e.into_value())
}

fn sub_column_names(_: &mut Interp, c: &Rc<SubColumns>) -> Vec<Rc<str>> {
    c.0.keys()
}

fn no_sub_column(_: &mut Interp, c: &Rc<SubColumns>, key: &str, hint: &str) -> Error {
    Error::attr(format!(
        "'ReadOnlyColumnCollection' object has no attribute '{key}'{hint}"
    ))
    .with_help(format!("its columns are {}", c.0.keys().join(", ")))
}

/// `sq.c.keys()`: the keys of its columns, in order.
fn sub_column_keys(_: &mut Interp, c: &Rc<SubColumns>, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    let keys = c.0.keys();
    Ok(Value::list(
        keys.iter().map(|k| Value::Str(PyStr::from(&**k))).collect(),
    ))
}

/// `sq.c`: one attribute per column.
pub static SUB_COLUMNS: Class<Rc<SubColumns>> = Class::new(
    "ReadOnlyColumnCollection",
    &[Member::method(
        "keys",
        sub_column_keys,
        Sig::NONE,
        "the keys of its columns, in order",
    )],
)
.with_dynamic(sub_column, sub_column_names)
.with_missing(no_sub_column);

/// `sq.c['KEY']`: a column by its key, else KeyError.
pub fn sub_column_item(c: &SubColumns, key: &Value) -> Result<Value> {
    let Value::Str(k) = key else {
        return Err(Error::type_(format!(
            "column keys are strings, not {}",
            key.type_name()
        )));
    };
    match c.0.column(k) {
        Some(e) => e.into_value(),
        None => Err(crate::value::exc_args::key_error(
            key.clone(),
            crate::value::repr::str_repr(k),
        )),
    }
}

/// `Alias.attr`: a column read through the alias.
fn alias_column(me: &mut Interp, a: &Rc<AliasedModel>, key: &str) -> Option<Result<Value>> {
    if let Some(e) = a.column(key) {
        return Some(e.into_value());
    }
    // `aliased(User).posts`: the relationship with its owner read through
    // the alias.
    let rel = match me.mapping() {
        Ok(m) => m.get(&a.model.name, key).cloned()?,
        Err(e) => return Some(Err(e)),
    };
    Some(Ok(Value::obj(crate::eval::alias_rel::AliasedRel {
        rel,
        parent: Some(a.clone()),
        target: None,
    })))
}

fn alias_column_names(me: &mut Interp, a: &Rc<AliasedModel>) -> Vec<Rc<str>> {
    let mut names: Vec<Rc<str>> = a.model.columns.iter().map(|c| c.attr.clone()).collect();
    if let Ok(m) = me.mapping() {
        names.extend(m.of(&a.model.name).iter().map(|r| r.name.clone()));
    }
    names
}

/// A name that is neither a column nor a relationship of the model:
/// SQLAlchemy's `AliasedClass.__getattr__` names the model's class.
fn alias_missing(_: &mut Interp, a: &Rc<AliasedModel>, key: &str, hint: &str) -> Error {
    Error::attr(format!(
        "type object '{}' has no attribute '{key}'{hint}",
        a.model.name
    ))
}

/// `aliased(Model)`'s members: the model's columns, read through it.
pub static ALIASED: Class<Rc<AliasedModel>> = Class::new("AliasedClass", &[])
    .with_dynamic(alias_column, alias_column_names)
    .with_missing(alias_missing);
