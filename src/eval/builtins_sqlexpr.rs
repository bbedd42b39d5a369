//! The SQL expression functions `db` lends from `sqlalchemy` (`db.case`,
//! `db.cast`, `db.extract`, `db.literal`, `db.literal_column`,
//! `db.tuple_`, `db.true`, `db.false`, `db.null`, `db.nulls_first`,
//! `db.nulls_last`, `db.distinct`, `db.collate`, `db.between`): their
//! arguments bound as SQLAlchemy's signatures name them, the construct
//! made by `orm::constructs`.

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::TypeSpec;
use crate::eval::surface::Sig;
use crate::orm::constructs;
use crate::orm::expr::{self as orm_expr, ColumnElement};
use crate::schema::types::ColumnType;
use crate::value::Value;

/// The column expression argument `i` of `name()`; a plain value is
/// bound as a literal.
fn expression(a: &Args, i: usize) -> Result<ColumnElement> {
    constructs::expression_of(&a.pos[i], None).map_err(|e| e.at(a.span_of(i)))
}

/// A type argument: `db.String`, `db.Numeric(10, 2)`.
pub(crate) fn type_arg(name: &str, v: &Value) -> Result<ColumnType> {
    match v.downcast::<TypeSpec>() {
        Some(t) => Ok(t.ty.clone()),
        None => Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "{name}() takes a type such as db.String, not {}",
                v.type_name()
            ),
        )
        .with_help(format!("{name}(User.age, db.String)"))),
    }
}

/// The type a CAST names, as SQLAlchemy's type compiler writes it
/// (`CHAR(3)`, `REAL`, `TEXT(30)`): the DDL without a collation, which
/// SQLAlchemy puts after the CAST.
pub(crate) fn cast_type_sql(v: &Value) -> Option<std::rc::Rc<str>> {
    let t = v.downcast::<TypeSpec>()?;
    let opts = crate::schema::types::TypeOptions {
        collation: None,
        ..t.opts.clone()
    };
    Some(t.ty.ddl_with(&opts, |n| n.to_string()).into())
}

/// An optional `type_=` keyword.
fn type_kw(name: &str, a: &mut Args) -> Result<Option<ColumnType>> {
    match a.take_kw("type_") {
        None | Some(Value::None) => Ok(None),
        Some(v) => type_arg(name, &v).map(Some),
    }
}

/// `case(*whens, value=None, else_=None)`: the whens are `(condition,
/// result)` tuples, or one dict of `{compared: result}` with `value=`.
pub fn case(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("case", &Sig::kw(&["value", "else_"]))?;
    let value = a.take_kw("value").filter(|v| !matches!(v, Value::None));
    let else_ = a.take_kw("else_");
    a.no_more_kw()?;
    let mut whens = Vec::new();
    for (i, w) in a.pos.iter().enumerate() {
        match w {
            Value::Dict(d) => {
                for (k, v) in d.borrow().iter() {
                    whens.push((k.clone(), v.clone()));
                }
            }
            Value::Tuple(t) if t.len() == 2 => whens.push((t[0].clone(), t[1].clone())),
            Value::List(_) => {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    "The \"whens\" argument to case(), when referring to a sequence of \
                     items, is now passed as a series of positional elements, rather than \
                     as a list.",
                )
                .at(a.span_of(i))
                .with_help("write case((cond, value), (cond2, value2), else_=...)"));
            }
            // SQLAlchemy unpacks each when as a pair: a SQL expression's
            // iteration is its `__getitem__`, which a comparison lacks.
            other if other.is::<crate::orm::expr::ColumnElement>() => {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    "Operator 'getitem' is not supported on this expression",
                )
                .at(a.span_of(i))
                .with_help("each when of case() is a (condition, result) tuple: case((User.id == 1, 'one'), else_='other')"));
            }
            other => {
                let _ = me;
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "case() takes (condition, result) tuples or a dict, not {}",
                        other.type_name()
                    ),
                )
                .at(a.span_of(i))
                .with_help("write case((User.age > 30, 'old'), else_='young')"));
            }
        }
    }
    constructs::case(&whens, value.as_ref(), else_.as_ref())?.into_value()
}

/// `cast(expression, type_)`.
pub fn cast(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("cast", &Sig::kw(&["expression", "type_"]))?;
    a.keyword_at(0, "expression")?;
    a.keyword_at(1, "type_")?;
    a.count(2, 2)?;
    let ty = type_arg("cast", &a.pos[1]).map_err(|e| e.at(a.span_of(1)))?;
    constructs::cast(&a.pos[0], &ty, cast_type_sql(&a.pos[1]))?.into_value()
}

/// `extract(field, expr)`.
pub fn extract(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("extract", &Sig::kw(&["field", "expr"]))?;
    a.keyword_at(0, "field")?;
    a.keyword_at(1, "expr")?;
    a.count(2, 2)?;
    let field = a.str(0)?;
    constructs::extract(&field, &a.pos[1])
        .map_err(|e| e.at(a.span_of(0)))?
        .into_value()
}

/// `literal(value, type_=None, literal_execute=False)`.
pub fn literal(_: &mut Interp, mut a: Args) -> Result<Value> {
    const LITERAL: Sig = Sig {
        kw: &["value", "type_"],
        ignored: &[(
            "literal_execute",
            "the value is bound as a parameter either way",
        )],
        any_kw: false,
    };
    a.bind("literal", &LITERAL)?;
    let ty = type_kw("literal", &mut a)?;
    a.keyword_at(0, "value")?;
    a.count(1, 1)?;
    constructs::literal(&a.pos[0], ty.as_ref())
        .map_err(|e| e.at(a.span_of(0)))?
        .into_value()
}

/// `literal_column(text, type_=None)`: SQL text written as it is.
pub fn literal_column(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("literal_column", &Sig::kw(&["text", "type_"]))?;
    let ty = type_kw("literal_column", &mut a)?;
    a.keyword_at(0, "text")?;
    a.count(1, 1)?;
    let text = a.str(0)?;
    me.check_declared_sql(&text)
        .map_err(|e| e.at(a.span_of(0)))?;
    constructs::literal_column(&text, ty).into_value()
}

/// `column(text, type_=None, is_literal=False)`: SQLAlchemy's
/// `sqlalchemy.column`, a `ColumnClause` naming a column of no table
/// (`is_literal=True` writes the text as it is, as `literal_column`).
pub fn column(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("column", &Sig::kw(&["text", "type_", "is_literal"]))?;
    let mut ty = type_kw("column", &mut a)?;
    let literal = a.take_kw("is_literal").is_some_and(|v| v.truthy());
    a.keyword_at(0, "text")?;
    a.count(1, 2)?;
    if let Some(t) = a.pos.get(1).filter(|v| !matches!(v, Value::None)) {
        if ty.is_some() {
            return Err(Error::type_(
                "column() got multiple values for argument 'type_'",
            ));
        }
        ty = Some(type_arg("column", t)?);
    }
    let text = a.str(0)?;
    if literal {
        me.check_declared_sql(&text)
            .map_err(|e| e.at(a.span_of(0)))?;
        return constructs::literal_column(&text, ty).into_value();
    }
    constructs::column_clause(&text, ty).into_value()
}

/// `tuple_(*clauses)`.
pub fn tuple_(_: &mut Interp, mut a: Args) -> Result<Value> {
    const TUPLE: Sig = Sig {
        kw: &[],
        ignored: &[("types", "values are bound by their own types")],
        any_kw: false,
    };
    a.bind("tuple_", &TUPLE)?;
    constructs::tuple(&a.pos)?.into_value()
}

/// `true()`.
pub fn true_(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    constructs::boolean(true).into_value()
}

/// `false()`.
pub fn false_(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    constructs::boolean(false).into_value()
}

/// `null()`.
pub fn null(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    constructs::null().into_value()
}

/// `nulls_first(column)` (also `nullsfirst`).
pub fn nulls_first(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    constructs::nulls(&expression(&a, 0)?, true).into_value()
}

/// `nulls_last(column)` (also `nullslast`).
pub fn nulls_last(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    constructs::nulls(&expression(&a, 0)?, false).into_value()
}

/// `distinct(expr)`: `DISTINCT expr`.
pub fn distinct(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    orm_expr::distinct(&expression(&a, 0)?).into_value()
}

/// `collate(expression, collation)`.
pub fn collate(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(2, 2)?;
    let collation = a.str(1)?;
    constructs::collate(&expression(&a, 0)?, &collation).into_value()
}

/// `between(expr, lower_bound, upper_bound, symmetric=False)`.
pub fn between(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("between", &Sig::kw(&["symmetric"]))?;
    let symmetric = a.take_kw("symmetric").is_some_and(|v| v.truthy());
    a.count(3, 3)?;
    orm_expr::between(&expression(&a, 0)?, &a.pos[1], &a.pos[2], symmetric)?.into_value()
}
