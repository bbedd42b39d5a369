//! Column expressions — `User.name` (SQLAlchemy's `InstrumentedAttribute`)
//! and what operators make of it (`BinaryExpression`, a `ColumnElement`):
//! the operator methods of SQLAlchemy's `ColumnOperators`, built by
//! `orm::expr`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::column_json::{json_as, json_as_numeric};
use crate::eval::surface::{Class, Member, Returns, Sig, column_ops as ops, column_schema};
use crate::orm::constructs;
use crate::orm::expr::{self as orm_expr, ColumnElement};
use crate::sql::ast::{BinaryOp, SqlExpr};
use crate::value::Value;

type C = Rc<ColumnElement>;

/// Exactly `n` positional arguments, in the words SQLAlchemy's
/// operators use.
pub(super) fn arity(a: &Args, n: usize) -> Result<()> {
    if a.pos.len() == n {
        return Ok(());
    }
    Err(Error::type_(format!(
        "{}() takes {n} argument{} ({} given)",
        a.name,
        if n == 1 { "" } else { "s" },
        a.pos.len()
    )))
}

pub(super) fn done(r: Result<ColumnElement>) -> Result<Value> {
    r?.into_value()
}

/// The LIKE family, which reads its own name and keywords.
fn like(_: &mut Interp, c: &C, mut a: Args) -> Result<Value> {
    let kw: Vec<(Rc<str>, Value)> = ["escape", "autoescape"]
        .into_iter()
        .filter_map(|k| a.take_kw(k).map(|v| (Rc::from(k), v)))
        .collect();
    done(orm_expr::like(c, &a.name, &a.pos, &kw))
}

/// `in_(other)` / `not_in(other)`: over any iterable of values (a dict
/// gives its keys, a generator its items, as Python iterates them); on a
/// `tuple_()`, tuples of values.
fn in_list(me: &mut Interp, c: &C, a: Args, negated: bool) -> Result<Value> {
    arity(&a, 1)?;
    let values = in_operand(me, &a.pos[0]).map_err(|e| e.at(a.span_of(0)))?;
    if let SqlExpr::Tuple(items) = &c.expr {
        let rows = match &values {
            Value::List(l) => l.borrow().clone(),
            Value::Tuple(t) => t.to_vec(),
            other => {
                return Err(Error::type_(format!(
                    "{}() takes a list of tuples, not {}",
                    a.name,
                    other.type_name()
                ))
                .with_help("write tuple_(A.x, A.y).in_([(1, 2), (3, 4)])"));
            }
        };
        return done(constructs::in_tuples(c, items, &rows, negated));
    }
    done(orm_expr::in_(c, &values, negated))
}

/// `in_`'s operand as SQLAlchemy's `InElementImpl` takes it: a list,
/// tuple, SELECT or query as it is, any other iterable but `str` and
/// `bytes` as the list of its items; anything else is ArgumentError.
fn in_operand(me: &mut Interp, v: &Value) -> Result<Value> {
    match v {
        Value::List(_) | Value::Tuple(_) => return Ok(v.clone()),
        Value::Str(_) | Value::Bytes(_) => return Err(in_expected(me, v)),
        _ if crate::orm::selectable::in_select_of(v).is_some() => return Ok(v.clone()),
        _ if v.is::<ColumnElement>() => return Err(in_expected(me, v)),
        _ => {}
    }
    match me.to_vec(v) {
        Ok(items) => Ok(Value::list(items)),
        Err(e) if e.kind == ErrorKind::TypeError && e.message.ends_with("is not iterable") => {
            Err(in_expected(me, v))
        }
        Err(e) => Err(e),
    }
}

/// SQLAlchemy's refusal of an `in_()` operand that is no list, SELECT or
/// bound parameter.
fn in_expected(me: &mut Interp, v: &Value) -> Error {
    let shown = me
        .repr_value(v)
        .unwrap_or_else(|_| v.type_name().to_owned());
    Error::new(
        ErrorKind::ArgumentError,
        format!(
            "IN expression list, SELECT construct, or bound parameter object expected, got {shown}."
        ),
    )
    .with_help("give a list of values, User.id.in_([1, 2, 3]), or a select()")
}

fn in_(me: &mut Interp, c: &C, a: Args) -> Result<Value> {
    in_list(me, c, a, false)
}

fn not_in(me: &mut Interp, c: &C, a: Args) -> Result<Value> {
    in_list(me, c, a, true)
}

/// `nulls_first()` / `nulls_last()` (and the older `nullsfirst`,
/// `nullslast`).
fn nulls_first(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 0)?;
    constructs::nulls(c, true).into_value()
}

fn nulls_last(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 0)?;
    constructs::nulls(c, false).into_value()
}

/// `collate(collation)`.
fn collate(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 1)?;
    let name = a.str(0)?;
    constructs::collate(c, &name).into_value()
}

/// `op(opstring, precedence=0, is_comparison=False)`: a function making
/// `expr OP other`.
fn op(me: &mut Interp, c: &C, mut a: Args) -> Result<Value> {
    let precedence = a.take_kw("precedence");
    let is_comparison = a.take_kw("is_comparison").is_some_and(|v| v.truthy());
    arity(&a, 1)?;
    let opstring = a.str(0)?;
    me.check_declared_sql(&opstring)
        .map_err(|e| e.at(a.span_of(0)))?;
    let precedence = match precedence {
        None => 0,
        Some(v) => i32::try_from(crate::eval::args::as_int(&v, "precedence")?)
            .map_err(|_| Error::value("precedence is out of range"))?,
    };
    Ok(Value::obj(constructs::CustomOperator {
        left: (**c).clone(),
        op: opstring,
        precedence,
        is_comparison,
    }))
}

/// `between(low, high, symmetric=False)`.
fn between(_: &mut Interp, c: &C, mut a: Args) -> Result<Value> {
    let symmetric = a.take_kw("symmetric").is_some_and(|v| v.truthy());
    arity(&a, 2)?;
    done(orm_expr::between(c, &a.pos[0], &a.pos[1], symmetric))
}

fn is_(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 1)?;
    done(orm_expr::is_(c, &a.pos[0], false))
}

fn is_not(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 1)?;
    done(orm_expr::is_(c, &a.pos[0], true))
}

/// `expr.concat(other)`: `expr || other` (SQLAlchemy's
/// `ColumnOperators.concat`).
fn concat(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 1)?;
    done(orm_expr::compare(c, BinaryOp::Concat, &a.pos[0]))
}

/// `expr.cast(type_)`: `CAST(expr AS type)` (SQLAlchemy's
/// `ColumnElement.cast`, as `cast(expr, type_)`).
fn cast(_: &mut Interp, c: &C, mut a: Args) -> Result<Value> {
    a.bind("cast", &Sig::kw(&["type_"]))?;
    a.keyword_at(0, "type_")?;
    arity(&a, 1)?;
    let ty = crate::eval::builtins_sqlexpr::type_arg("cast", &a.pos[0])
        .map_err(|e| e.at(a.span_of(0)))?;
    let sql = crate::eval::builtins_sqlexpr::cast_type_sql(&a.pos[0]);
    done(constructs::cast(&Value::obj((**c).clone()), &ty, sql))
}

fn desc(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 0)?;
    orm_expr::order(c, true).into_value()
}

fn asc(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 0)?;
    orm_expr::order(c, false).into_value()
}

fn label(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 1)?;
    done(orm_expr::label(c, &a.pos[0]))
}

fn distinct(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    arity(&a, 0)?;
    orm_expr::distinct(c).into_value()
}

/// `over(partition_by=None, order_by=None, range_=, rows=, groups=,
/// exclude=)`: a function call as a
/// window function (`orm::window`); other expressions have no `over`.
fn over(_: &mut Interp, c: &C, mut a: Args) -> Result<Value> {
    if !crate::orm::window::is_function(c) {
        return Err(Error::attr(format!(
            "'{}' object has no attribute 'over'",
            crate::value::Object::type_name(&**c)
        )));
    }
    let args = crate::orm::window::OverArgs::take(&mut a);
    arity(&a, 0)?;
    crate::orm::window::over(c, &args)?.into_value()
}

const ESCAPE: Sig = Sig::kw(&["escape"]);
const AUTOESCAPE: Sig = Sig::kw(&["escape", "autoescape"]);

/// A column expression's members (SQLAlchemy's `ColumnOperators`).
pub static COLUMN: Class<C> = Class::new(
    "InstrumentedAttribute",
    &[
        Member::method("in_", in_, Sig::NONE, "expr IN (values…): one of a list"),
        Member::method("not_in", not_in, Sig::NONE, "expr NOT IN (values…)"),
        Member::method(
            "notin_",
            not_in,
            Sig::NONE,
            "expr NOT IN (values…) (older name)",
        ),
        Member::method(
            "like",
            like,
            ESCAPE,
            "expr LIKE pattern (% any run, _ one character)",
        ),
        Member::method(
            "ilike",
            like,
            ESCAPE,
            "case-insensitive LIKE: lower(expr) LIKE lower(pattern)",
        ),
        Member::method("not_like", like, ESCAPE, "expr NOT LIKE pattern"),
        Member::method(
            "notlike",
            like,
            ESCAPE,
            "expr NOT LIKE pattern (older name)",
        ),
        Member::method("not_ilike", like, ESCAPE, "case-insensitive NOT LIKE"),
        Member::method(
            "notilike",
            like,
            ESCAPE,
            "case-insensitive NOT LIKE (older name)",
        ),
        Member::method("startswith", like, AUTOESCAPE, "expr LIKE text || '%'"),
        Member::method("endswith", like, AUTOESCAPE, "expr LIKE '%' || text"),
        Member::method("contains", like, AUTOESCAPE, "expr LIKE '%' || text || '%'"),
        Member::method(
            "istartswith",
            like,
            AUTOESCAPE,
            "lower(expr) LIKE lower(text) || '%'",
        ),
        Member::method(
            "iendswith",
            like,
            AUTOESCAPE,
            "lower(expr) LIKE '%' || lower(text)",
        ),
        Member::method(
            "icontains",
            like,
            AUTOESCAPE,
            "lower(expr) LIKE '%' || lower(text) || '%'",
        ),
        Member::method(
            "regexp_match",
            super::column_regexp::regexp_match,
            super::column_regexp::REGEXP_SIG,
            "expr REGEXP pattern (Python's re.search, as pysqlite)",
        ),
        Member::method(
            "regexp_replace",
            super::column_regexp::regexp_replace,
            super::column_regexp::REGEXP_SIG,
            "refused as SQLAlchemy's SQLite dialect refuses it (CompileError)",
        ),
        Member::method(
            "between",
            between,
            Sig::kw(&["symmetric"]),
            "expr BETWEEN low AND high",
        ),
        Member::method("is_", is_, Sig::NONE, "expr IS other (for None: IS NULL)"),
        Member::method("is_not", is_not, Sig::NONE, "expr IS NOT other"),
        Member::method("isnot", is_not, Sig::NONE, "expr IS NOT other (older name)"),
        Member::method("concat", concat, Sig::NONE, "expr || other"),
        Member::method(
            "match",
            ops::binary,
            Sig::NONE,
            "expr MATCH term (full-text search)",
        ),
        Member::method(
            "is_distinct_from",
            ops::binary,
            Sig::NONE,
            "SQLite: expr IS NOT other",
        ),
        Member::method(
            "is_not_distinct_from",
            ops::binary,
            Sig::NONE,
            "SQLite: expr IS other",
        ),
        Member::method(
            "isnot_distinct_from",
            ops::binary,
            Sig::NONE,
            "expr IS other (older name)",
        ),
        Member::method("bitwise_and", ops::binary, Sig::NONE, "expr & other"),
        Member::method("bitwise_or", ops::binary, Sig::NONE, "expr | other"),
        Member::method(
            "bitwise_xor",
            ops::binary,
            Sig::NONE,
            "SQLite: (expr | other - expr & other)",
        ),
        Member::method("bitwise_not", ops::bitwise_not, Sig::NONE, "~expr"),
        Member::method("bitwise_lshift", ops::binary, Sig::NONE, "expr << other"),
        Member::method("bitwise_rshift", ops::binary, Sig::NONE, "expr >> other"),
        Member::method("cast", cast, Sig::kw(&["type_"]), "CAST(expr AS type)"),
        Member::method("desc", desc, Sig::NONE, "descending, for order_by()"),
        Member::method("asc", asc, Sig::NONE, "ascending, for order_by()"),
        Member::method(
            "label",
            label,
            Sig::NONE,
            "expr AS name: the result's column is called name",
        ),
        Member::method("distinct", distinct, Sig::NONE, "DISTINCT expr"),
        Member::method(
            "nulls_first",
            nulls_first,
            Sig::NONE,
            "NULLs sort first: User.age.desc().nulls_first()",
        ),
        Member::method("nulls_last", nulls_last, Sig::NONE, "NULLs sort last"),
        Member::method(
            "nullsfirst",
            nulls_first,
            Sig::NONE,
            "NULLs sort first (older name)",
        ),
        Member::method(
            "nullslast",
            nulls_last,
            Sig::NONE,
            "NULLs sort last (older name)",
        ),
        Member::method(
            "collate",
            collate,
            Sig::NONE,
            "expr COLLATE name: User.name.collate('NOCASE')",
        ),
        Member::method(
            "op",
            op,
            Sig::kw(&["precedence", "is_comparison"]),
            "a custom operator: User.flags.op('&')(4)",
        ),
        Member::method(
            "over",
            over,
            Sig::kw(crate::orm::window::OVER_KEYWORDS),
            "a window function: func.rank().over(order_by=User.age.desc(), rows=(None, 0))",
        ),
        Member::method(
            "filter",
            super::column_func::filter,
            Sig::NONE,
            "a function's FILTER (WHERE …): func.count(M.id).filter(M.x > 1)",
        ),
        Member::method(
            "within_group",
            super::column_func::within_group,
            Sig::NONE,
            "a function's WITHIN GROUP (ORDER BY …)",
        ),
        Member::method(
            "as_string",
            json_as,
            Sig::NONE,
            "a JSON index read as a string: Doc.data['k'].as_string()",
        ),
        Member::method(
            "as_integer",
            json_as,
            Sig::NONE,
            "a JSON index read as an integer",
        ),
        Member::method(
            "as_float",
            json_as,
            Sig::NONE,
            "a JSON index read as a float",
        ),
        Member::method(
            "as_boolean",
            json_as,
            Sig::NONE,
            "a JSON index read as a boolean",
        ),
        Member::method(
            "as_numeric",
            json_as_numeric,
            Sig::kw(&["asdecimal"]),
            "a JSON index read as Numeric(precision, scale)",
        ),
        Member::method("as_json", json_as, Sig::NONE, "a JSON index read as JSON"),
        Member::attr("key", column_schema::key, "the attribute's name"),
        Member::attr("name", column_schema::name, "the column's name"),
        Member::attr(
            "type",
            column_schema::column_type,
            "the column's type object, as String(length=80)",
        ),
    ],
)
.with_dynamic(column_schema::column_flag, column_schema::column_flag_names)
// What the members whose result has a fixed class give (read by Tab
// completion).
.with_results(&[
    ("in_", Returns::Class(&COLUMN)),
    ("not_in", Returns::Class(&COLUMN)),
    ("notin_", Returns::Class(&COLUMN)),
    ("like", Returns::Class(&COLUMN)),
    ("ilike", Returns::Class(&COLUMN)),
    ("not_like", Returns::Class(&COLUMN)),
    ("notlike", Returns::Class(&COLUMN)),
    ("not_ilike", Returns::Class(&COLUMN)),
    ("notilike", Returns::Class(&COLUMN)),
    ("startswith", Returns::Class(&COLUMN)),
    ("endswith", Returns::Class(&COLUMN)),
    ("contains", Returns::Class(&COLUMN)),
    ("istartswith", Returns::Class(&COLUMN)),
    ("iendswith", Returns::Class(&COLUMN)),
    ("icontains", Returns::Class(&COLUMN)),
    ("regexp_match", Returns::Class(&COLUMN)),
    ("between", Returns::Class(&COLUMN)),
    ("is_", Returns::Class(&COLUMN)),
    ("is_not", Returns::Class(&COLUMN)),
    ("isnot", Returns::Class(&COLUMN)),
    ("match", Returns::Class(&COLUMN)),
    ("is_distinct_from", Returns::Class(&COLUMN)),
    ("is_not_distinct_from", Returns::Class(&COLUMN)),
    ("isnot_distinct_from", Returns::Class(&COLUMN)),
    ("bitwise_and", Returns::Class(&COLUMN)),
    ("bitwise_or", Returns::Class(&COLUMN)),
    ("bitwise_xor", Returns::Class(&COLUMN)),
    ("bitwise_not", Returns::Class(&COLUMN)),
    ("bitwise_lshift", Returns::Class(&COLUMN)),
    ("bitwise_rshift", Returns::Class(&COLUMN)),
    ("desc", Returns::Class(&COLUMN)),
    ("asc", Returns::Class(&COLUMN)),
    ("label", Returns::Class(&COLUMN)),
    ("distinct", Returns::Class(&COLUMN)),
    ("nulls_first", Returns::Class(&COLUMN)),
    ("nulls_last", Returns::Class(&COLUMN)),
    ("nullsfirst", Returns::Class(&COLUMN)),
    ("nullslast", Returns::Class(&COLUMN)),
    ("collate", Returns::Class(&COLUMN)),
    ("over", Returns::Class(&COLUMN)),
    ("filter", Returns::Class(&COLUMN)),
    ("within_group", Returns::Class(&COLUMN)),
    ("as_string", Returns::Class(&COLUMN)),
    ("as_integer", Returns::Class(&COLUMN)),
    ("as_float", Returns::Class(&COLUMN)),
    ("as_boolean", Returns::Class(&COLUMN)),
    ("as_numeric", Returns::Class(&COLUMN)),
    ("as_json", Returns::Class(&COLUMN)),
]);
