//! SQL expressions built by operators on columns, as SQLAlchemy builds them:
//! `User.name == 'x'`, `(A.x > 1) & (A.y < 2)`, `~c`, `col == None` → `IS NULL`,
//! `like`, `in_`, `between`, `desc`, `label`, `func.count(…)`, and the
//! `escape=` / `autoescape=` keywords of the LIKE family.

use std::rc::Rc;

use crate::error::Result;
use crate::orm::convert::{plain_param, to_param};
use crate::schema::model::Model;
use crate::schema::types::{ColumnType, NumericType};
use crate::sql::ast::{BinaryOp, FromItem, SqlExpr};
use crate::value::{Object, Value};

pub use crate::orm::boolean::{and, clause_of, not, or, where_clause_of};
pub use crate::orm::operators::{between, distinct, in_, is_, label, like, order};

/// A column or SQL expression as a value in the interpreter (SQLAlchemy's
/// `ColumnElement`: a mapped column, a comparison, a function call, …).
#[derive(Clone)]
pub struct ColumnElement {
    pub expr: SqlExpr,
    /// The SQL type of the result, when known (used to bind compared values).
    pub ty: Option<ColumnType>,
    /// Set when this is a plain mapped column `Model.attr`.
    pub column: Option<(Rc<Model>, usize)>,
    /// The key a result row uses for it (column attr, label, function name).
    pub key: Option<Rc<str>>,
    /// True for boolean-valued expressions (comparisons, and/or/not).
    pub is_clause: bool,
    /// FROM items the expression needs besides the tables its columns name
    /// (an aliased association table, for `Page.tags.contains(t)`).
    pub froms: Vec<FromItem>,
    /// The entity a mapped attribute is read through, when it is not the
    /// model itself (`aliased(User).name`: `aliased(User)`, which `str()`
    /// prints before the attribute, as SQLAlchemy's
    /// `QueryableAttribute.__str__` does).
    pub entity: Option<Rc<str>>,
    /// The model a `@hybrid_property` was read from (`User` for
    /// `User.full_name`), its name then in `key`: SQLAlchemy's proxied
    /// attribute, whose `str()` is `User.full_name` and whose `proxy_key`
    /// annotation names the column in a result and, for an expression
    /// with no name of its own, in the SELECT (`AS full_name`).
    pub hybrid: Option<Rc<str>>,
    /// The model a `column_property()` was read from (`User` for
    /// `User.full`), its name then in `key`: SQLAlchemy's
    /// `InstrumentedAttribute`, whose `str()` is `User.full`; an
    /// expression made from it is a plain expression again.
    pub prop_of: Option<Rc<str>>,
    /// Carries SQLAlchemy's ORM annotations (`_propagate_attrs` with the
    /// `orm` plugin): a mapped attribute, or an expression built from one
    /// (`Model.id > 1`, `func.count(Model.id)`). A select holding one
    /// anywhere runs ORM-enabled (`eval::core_table::is_core_select`).
    pub orm: bool,
}

impl Object for ColumnElement {
    fn type_name(&self) -> &str {
        crate::orm::expr_names::class_name(self)
    }
}

impl ColumnElement {
    pub fn column(model: &Rc<Model>, idx: usize) -> ColumnElement {
        let col = &model.columns[idx];
        // A `column_property()`: its expression, keyed by the attribute.
        if let Some(e) = &col.expression {
            return ColumnElement {
                key: Some(col.attr.clone()),
                prop_of: Some(model.name.clone()),
                orm: true,
                ..ColumnElement::derived((**e).clone(), Some(col.ty.clone()), false)
            };
        }
        ColumnElement {
            entity: None,
            hybrid: None,
            prop_of: None,
            expr: SqlExpr::col(&model.table, &col.name),
            // A `NullType` column is an expression of no known type:
            // values compared with it keep their own (SQLAlchemy's
            // `coerce_compared_value`), results read as stored.
            ty: (col.ty != ColumnType::Null).then(|| col.ty.clone()),
            column: Some((model.clone(), idx)),
            key: Some(col.attr.clone()),
            is_clause: false,
            froms: Vec::new(),
            orm: true,
        }
    }

    /// A column of a model still being defined (`author_id` inside its
    /// block): its table and name, no model yet.
    pub fn local_column(
        table: Rc<str>,
        name: Rc<str>,
        ty: ColumnType,
        key: Rc<str>,
    ) -> ColumnElement {
        ColumnElement {
            entity: None,
            hybrid: None,
            prop_of: None,
            orm: false,
            expr: SqlExpr::Column {
                table: Some(table),
                name,
            },
            ty: (ty != ColumnType::Null).then_some(ty),
            column: None,
            key: Some(key),
            is_clause: false,
            froms: Vec::new(),
        }
    }

    pub(crate) fn derived(expr: SqlExpr, ty: Option<ColumnType>, is_clause: bool) -> ColumnElement {
        ColumnElement {
            entity: None,
            hybrid: None,
            prop_of: None,
            orm: false,
            expr,
            ty,
            column: None,
            key: None,
            is_clause,
            froms: Vec::new(),
        }
    }

    /// This element bringing along the FROM items of `parts` as well, each
    /// once, in order: SQLAlchemy's `_from_objects` of a composite element
    /// (a function, label, cast, case, comparison …) is its parts'.
    pub(crate) fn with_froms_of<'a>(
        mut self,
        parts: impl IntoIterator<Item = &'a ColumnElement>,
    ) -> ColumnElement {
        for p in parts {
            self.orm |= p.orm;
            for f in &p.froms {
                if !self.froms.contains(f) {
                    self.froms.push(f.clone());
                }
            }
        }
        self
    }

    /// [`with_froms_of`](Self::with_froms_of) over the values among `parts`
    /// that are SQL expressions (plain values bring none).
    pub(crate) fn with_froms_of_values<'a>(
        self,
        parts: impl IntoIterator<Item = &'a Value>,
    ) -> ColumnElement {
        let parts: Vec<Rc<ColumnElement>> = parts
            .into_iter()
            .filter_map(|v| v.downcast::<ColumnElement>())
            .collect();
        self.with_froms_of(parts.iter().map(|p| &**p))
    }

    /// The expression as an interpreter value, once its depth is checked
    /// (`sql::depth`: a `RecursionError` past SQLite's limit, so that no
    /// walk over it can run out of stack).
    pub fn into_value(self) -> Result<Value> {
        crate::sql::depth::check(&self.expr)?;
        Ok(Value::obj(self))
    }

    /// Bind a value compared with this expression.
    pub fn bind(&self, v: &Value) -> Result<SqlExpr> {
        if let Some(other) = v.downcast::<ColumnElement>() {
            return Ok(other.expr.clone());
        }
        // SQLAlchemy coerces a query, a `select()` or a subquery compared
        // with a column to a scalar subquery (`ScalarSelect`).
        if let Some(sel) = crate::orm::selectable::in_select_of(v) {
            return Ok(SqlExpr::Subquery(Box::new(sel?)));
        }
        let value = match &self.ty {
            // An index into JSON compares with the value as given, not
            // its JSON text (SQLAlchemy binds it untyped).
            Some(_) if matches!(self.expr, SqlExpr::JsonIndex { cast: None, .. }) => {
                plain_param(v)?
            }
            // SQLAlchemy's `coerce_compared_value`: a timedelta keeps its
            // own type, `Interval` (`DateTime + timedelta`).
            // A value of another type affinity (an int beside a Date) is
            // bound by its own type, so a bind processor that refuses it
            // is not the one that runs; an Enum's string is its own.
            Some(ty) if !matches!(v, Value::TimeDelta(_)) => match to_param(ty, v) {
                Err(e)
                    if e.kind == crate::error::ErrorKind::StatementError
                        && !(matches!(ty, ColumnType::Enum(_)) && matches!(v, Value::Str(_))) =>
                {
                    plain_param(v)?
                }
                r => r?,
            },
            _ => plain_param(v)?,
        };
        Ok(SqlExpr::Param {
            value,
            key: self.bind_key(),
        })
    }

    /// What SQLAlchemy names a value compared with this expression after:
    /// a column's name (not its attribute: `username_1` for
    /// `name = db.Column('username', …)`) or a function's; anything else
    /// (a label, arithmetic) gives `param_1`.
    fn bind_key(&self) -> Option<Rc<str>> {
        match &self.expr {
            // A column of a model's body given no name (`first =
            // db.Column(...)`) has none yet when the body runs: its
            // values bind anonymously (`:param_1`), as in SQLAlchemy.
            SqlExpr::Column { .. } if self.key.is_none() => None,
            SqlExpr::Column { name, .. } | SqlExpr::Func { name, .. } => Some(name.clone()),
            _ => None,
        }
    }
}

pub(crate) fn boxed(e: SqlExpr) -> Box<SqlExpr> {
    Box::new(e)
}

/// `left op right` where `left` is an expression.
pub fn compare(left: &ColumnElement, op: BinaryOp, right: &Value) -> Result<ColumnElement> {
    let (op, right_expr) = match (op, right) {
        (BinaryOp::Eq, Value::None) => (BinaryOp::Is, SqlExpr::Null),
        (BinaryOp::Ne, Value::None) => (BinaryOp::IsNot, SqlExpr::Null),
        (
            BinaryOp::Is | BinaryOp::IsNot | BinaryOp::DistinctFrom | BinaryOp::NotDistinctFrom,
            Value::None,
        ) => (op, SqlExpr::Null),
        // SQLAlchemy's `_boolean_compare`: `x == True` / `x != False` / `x
        // IS False` compare with the constant `true()`/`false()` (`1`/`0`
        // on SQLite, as the dialect writes it), not a bound value.
        (BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Is | BinaryOp::IsNot, Value::Bool(b)) => {
            (op, SqlExpr::Bool(*b))
        }
        (
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge,
            Value::None | Value::Bool(_),
        ) => return Err(crate::orm::operators::none_operand()),
        // Kept with its Python value for `synchronize_session='evaluate'`.
        _ => (
            op,
            crate::orm::evaluate_values::keep(left.ty.as_ref(), right, left.bind(right)?),
        ),
    };
    // The right side's type: its own, or a plain value's as coerced to
    // the left's (`coerce_compared_value`).
    let right_ty = match right.downcast::<ColumnElement>() {
        Some(r) => r.ty.clone(),
        None => crate::orm::arith_type::coerced_literal_type(left.ty.as_ref(), right),
    };
    let arith = |op| crate::orm::arith_type::arith_type(op, left.ty.as_ref(), right_ty.as_ref());
    let ty = match op {
        BinaryOp::Add | BinaryOp::Sub => {
            date_arith_type(left.ty.as_ref(), right).or_else(|| arith(op))
        }
        BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => arith(op),
        BinaryOp::FloorDiv => arith(BinaryOp::FloorDiv),
        BinaryOp::TrueDivCast => arith(BinaryOp::Div),
        // SQLAlchemy types an integer true division Numeric (read as Decimal).
        BinaryOp::TrueDivInt if left.ty.as_ref().is_some_and(|t| t.is_integer()) => {
            Some(ColumnType::Numeric(NumericType::PLAIN))
        }
        // A Float or Numeric divided by an integer keeps the left's type.
        BinaryOp::TrueDivInt => arith(BinaryOp::Div),
        BinaryOp::Concat => Some(ColumnType::String(None)),
        // The bitwise operators keep the left's type (`_bitwise_operate`).
        BinaryOp::BitAnd
        | BinaryOp::BitOr
        | BinaryOp::BitXor
        | BinaryOp::LShift
        | BinaryOp::RShift => left.ty.clone(),
        _ => Some(ColumnType::Boolean),
    };
    let is_clause = !matches!(
        op,
        BinaryOp::Add
            | BinaryOp::Sub
            | BinaryOp::Mul
            | BinaryOp::Div
            | BinaryOp::TrueDivInt
            | BinaryOp::FloorDiv
            | BinaryOp::TrueDivCast
            | BinaryOp::Mod
            | BinaryOp::Concat
            | BinaryOp::BitAnd
            | BinaryOp::BitOr
            | BinaryOp::BitXor
            | BinaryOp::LShift
            | BinaryOp::RShift
    );
    let op = if op == BinaryOp::Add && adds_as_concat(left.ty.as_ref(), right_ty.as_ref()) {
        BinaryOp::Concat
    } else {
        op
    };
    let mut v = ColumnElement::derived(
        SqlExpr::Binary {
            op,
            left: boxed(left.expr.clone()),
            right: boxed(right_expr),
        },
        ty,
        is_clause,
    );
    v.froms = froms_of(left, right);
    v.orm = left.orm || right.downcast::<ColumnElement>().is_some_and(|r| r.orm);
    Ok(v)
}

/// Is `left + right` SQL's `||`? A string on the left (SQLAlchemy's
/// `Concatenable`), or an untyped left (`NullType`, whose comparator
/// hands a commutative operator to the right side's) and a string right.
fn adds_as_concat(left: Option<&ColumnType>, right: Option<&ColumnType>) -> bool {
    match left {
        Some(t) => t.is_string(),
        None => right.is_some_and(|t| t.is_string()),
    }
}

/// The type of `date ± interval`, as SQLAlchemy's `Date`/`DateTime`
/// `_expression_adaptations` give it: `DateTime` (`None` for any other
/// operands).
fn date_arith_type(left: Option<&ColumnType>, right: &Value) -> Option<ColumnType> {
    let interval = match right {
        Value::TimeDelta(_) => true,
        v => v
            .downcast::<ColumnElement>()
            .is_some_and(|c| c.ty == Some(ColumnType::Interval)),
    };
    match left {
        Some(ColumnType::Date | ColumnType::DateTime) if interval => Some(ColumnType::DateTime),
        _ => None,
    }
}

/// The FROM items both sides of an expression bring along (an alias's
/// `user AS user_1`), each once: SQLAlchemy's `_from_objects` of a
/// `BinaryExpression`.
pub fn froms_of(left: &ColumnElement, right: &Value) -> Vec<FromItem> {
    let mut out = left.froms.clone();
    if let Some(r) = right.downcast::<ColumnElement>() {
        for f in &r.froms {
            if !out.contains(f) {
                out.push(f.clone());
            }
        }
    }
    out
}

/// `value op expr` with a plain value on the left (`5 < User.age`): flipped.
pub fn compare_reflected(
    left: &Value,
    op: BinaryOp,
    right: &ColumnElement,
) -> Result<ColumnElement> {
    let flipped = match op {
        BinaryOp::Lt => BinaryOp::Gt,
        BinaryOp::Le => BinaryOp::Ge,
        BinaryOp::Gt => BinaryOp::Lt,
        BinaryOp::Ge => BinaryOp::Le,
        BinaryOp::Eq | BinaryOp::Ne => op,
        _ => {
            let l = crate::orm::evaluate_values::keep(right.ty.as_ref(), left, right.bind(left)?);
            // The value's type as coerced to the expression's: it is the
            // left operand, whose type leads (`_adapt_expression`).
            let left_ty = crate::orm::arith_type::coerced_literal_type(right.ty.as_ref(), left);
            let (op, ty) = match op {
                BinaryOp::Add if adds_as_concat(left_ty.as_ref(), right.ty.as_ref()) => {
                    (BinaryOp::Concat, Some(ColumnType::String(None)))
                }
                // A number on the left leads, as SQLAlchemy's reversed
                // operator adapts the coerced literal's type to the
                // column's (`1.5 - User.id` is `Double`).
                _ if matches!(left, Value::Int(_) | Value::Float(_) | Value::Decimal(_)) => (
                    op,
                    crate::orm::arith_type::arith_type(op, left_ty.as_ref(), right.ty.as_ref())
                        .or_else(|| right.ty.clone()),
                ),
                _ => (op, right.ty.clone().or(left_ty)),
            };
            let mut v = ColumnElement::derived(
                SqlExpr::Binary {
                    op,
                    left: boxed(l),
                    right: boxed(right.expr.clone()),
                },
                ty,
                false,
            );
            v.froms = froms_of(right, left);
            v.orm = right.orm || left.downcast::<ColumnElement>().is_some_and(|l| l.orm);
            return Ok(v);
        }
    };
    compare(right, flipped, left)
}

/// `func.NAME(args…)`.
pub fn func(name: &str, args: &[Value]) -> Result<ColumnElement> {
    // `func.extract(field, expr)` is SQLAlchemy's `Extract` construct
    // itself (`_FunctionGenerator` maps the name to it): `EXTRACT(field
    // FROM expr)`, typed Integer.
    if name.eq_ignore_ascii_case("extract")
        && let [Value::Str(field), expr] = args
    {
        return crate::orm::constructs::extract(field.as_ref(), expr);
    }
    // `func.MAX` is SQLAlchemy's generic `max`; other names stay as written.
    let name = &*crate::sql::func::canonical_name(name);
    let mut types = Vec::with_capacity(args.len());
    let exprs = if args.is_empty() && name.eq_ignore_ascii_case("count") {
        vec![SqlExpr::Star]
    } else {
        args.iter()
            .map(|a| match a.downcast::<ColumnElement>() {
                Some(s) => {
                    types.push(s.ty.clone());
                    Ok(s.expr.clone())
                }
                // None is SQL NULL written as it is, not a bound value
                // (`coerce` to `Null()`): `coalesce(x, NULL)`.
                None if matches!(a, Value::None) => {
                    types.push(None);
                    Ok(SqlExpr::Null)
                }
                None => {
                    types.push(crate::orm::constructs::literal_type(a));
                    Ok(SqlExpr::Param {
                        value: plain_param(a)?,
                        key: Some(Rc::from(name)),
                    })
                }
            })
            .collect::<Result<Vec<_>>>()?
    };
    let ty = crate::orm::func_types::return_type(name, &types);
    let mut v = ColumnElement::derived(
        SqlExpr::Func {
            name: Rc::from(name),
            args: exprs,
        },
        ty,
        false,
    );
    v.key = Some(Rc::from(name));
    // An aliased column's FROM item goes with it (`lower(u_1.name)`).
    for a in args {
        if let Some(s) = a.downcast::<ColumnElement>() {
            v.orm |= s.orm;
            for f in &s.froms {
                if !v.froms.contains(f) {
                    v.froms.push(f.clone());
                }
            }
        }
    }
    Ok(v)
}
