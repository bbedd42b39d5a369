//! Evaluating expressions: literals, names, operators (Python semantics on
//! plain values, SQL on columns), comparisons, f-strings, indexing and
//! slicing, comprehensions, conditional expressions, iteration.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::objects::Lambda;
use crate::orm::arith_type::coerced_literal_type;
use crate::orm::expr::{self as orm_expr, ColumnElement};
use crate::schema::types::ColumnType;
use crate::sql::ast::BinaryOp;
use crate::syntax::ast::{BinOp, BoolOp, CompFor, Expr, ExprKind, UnaryOp};
use crate::value::PyStr;
use crate::value::compare::mixin_view;
use crate::value::format::percent_format;
use crate::value::{Dict, Value, ops};

impl Interp {
    /// `**m` in a dict display: `m`'s pairs put into `d` in order (a later
    /// key replaces an earlier one's value, as Python's `BUILD_MAP`).
    fn merge_mapping(&mut self, d: &mut Dict, m: &Expr) -> Result<()> {
        let v = self.eval(m)?;
        let Value::Dict(src) = &v else {
            return Err(
                Error::type_(format!("'{}' object is not a mapping", v.type_name()))
                    .at(m.span)
                    .with_help("** in a dict display takes a dict: {**a, 'k': 1}"),
            );
        };
        let items: Vec<(Value, Value)> = (src.borrow().iter())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in items {
            d.insert(k, v)?;
        }
        Ok(())
    }

    pub fn eval(&mut self, e: &Expr) -> Result<Value> {
        self.enter().map_err(|err| err.at(e.span))?;
        let r = crate::stack::grow(|| self.eval_inner(e)).map_err(|err| err.at(e.span));
        // A temporary generator this expression let go (an argument, an
        // operand) is closed before its value is used, as CPython's
        // reference counting does.
        self.close_dropped();
        self.leave();
        r
    }

    fn eval_inner(&mut self, e: &Expr) -> Result<Value> {
        Ok(match &e.kind {
            ExprKind::Name(n) => match self.lookup(n) {
                Some(v) => v,
                None => {
                    self.hidden_from_declaration(n)?;
                    return Err(self.name_error(n));
                }
            },
            ExprKind::None => Value::None,
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Int(i) => Value::Int(*i),
            ExprKind::Float(f) => Value::Float(*f),
            ExprKind::Str(s) => Value::Str(PyStr::from(&**s)),
            ExprKind::Bytes(b) => Value::Bytes(b.clone()),
            ExprKind::FString(parts) => Value::Str(PyStr::from(self.fstring(parts)?)),
            ExprKind::List(items) => Value::list(self.eval_items(items)?),
            ExprKind::Tuple(items) => Value::tuple(self.eval_items(items)?),
            ExprKind::Set(items) => {
                use crate::eval::pyset::{PySet, is_constant};
                let folded = items.len() > 2 && items.iter().all(is_constant);
                let items = self.eval_items(items)?;
                if folded {
                    PySet::value_of_constants(items)?
                } else {
                    PySet::value_of(items)?
                }
            }
            ExprKind::SetComp { elt, clauses } => {
                let mut out = Vec::new();
                self.in_comprehension(|me| me.comprehend(elt, clauses, &mut out))?;
                crate::eval::pyset::PySet::value_of(out).map_err(|e| e.at(elt.span))?
            }
            ExprKind::Starred(_) => return Err(crate::eval::unpack::starred_here(e.span)),
            ExprKind::NamedExpr { target, value } => self.named_expr(target, value)?,
            ExprKind::Dict(pairs) => {
                let mut d = Dict::default();
                for (k, v) in pairs {
                    if let ExprKind::Starred(m) = &k.kind {
                        self.merge_mapping(&mut d, m)?;
                        continue;
                    }
                    let k = self.eval(k)?;
                    let v = self.eval(v)?;
                    d.insert(k, v)?;
                }
                Value::Dict(Rc::new(std::cell::RefCell::new(d)))
            }
            ExprKind::ListComp { elt, clauses } => {
                let mut out = Vec::new();
                self.in_comprehension(|me| me.comprehend(elt, clauses, &mut out))?;
                Value::list(out)
            }
            ExprKind::GenExp { elt, clauses } => self.make_generator(elt, clauses)?,
            ExprKind::DictComp { pair, clauses } => {
                let mut out = Vec::new();
                self.in_comprehension(|me| me.comprehend(pair, clauses, &mut out))?;
                let mut d = Dict::default();
                for kv in out {
                    if let Value::Tuple(kv) = &kv
                        && let [k, v] = &kv[..]
                    {
                        d.insert(k.clone(), v.clone())
                            .map_err(|e| e.at(pair.span))?;
                    }
                }
                Value::Dict(Rc::new(std::cell::RefCell::new(d)))
            }
            ExprKind::Attr { value, attr } => {
                let obj = self.eval(value)?;
                self.get_attr(&obj, &attr.name)
                    .map_err(|err| err.at(attr.span))?
            }
            ExprKind::Call { func, args } => self.eval_call(func, args, e.span)?,
            ExprKind::Index { value, index } => {
                let obj = self.eval(value)?;
                if let Some(form) = obj.downcast::<crate::eval::pymod::TypingForm>() {
                    return self.typing_subscript(&form, e);
                }
                if let ExprKind::Slice { lo, hi, step } = &index.kind {
                    let lo = self.eval_opt(lo)?;
                    let hi = self.eval_opt(hi)?;
                    let step = self.eval_opt(step)?;
                    self.slice(&obj, lo, hi, step)?
                } else {
                    let idx = self.eval(index)?;
                    self.get_item(&obj, &idx)?
                }
            }
            ExprKind::Slice { .. } => {
                return Err(Error::syntax("a slice is only allowed inside [ ]", e.span));
            }
            ExprKind::Unary { op, operand } => {
                let v = self.eval(operand)?;
                self.unary(*op, v)?
            }
            ExprKind::Binary { op, left, right } => {
                let a = self.eval(left)?;
                let b = self.eval(right)?;
                self.binary(*op, a, b)?
            }
            ExprKind::BoolOp { op, left, right } => {
                let a = self.eval(left)?;
                if a.is::<ColumnElement>() {
                    return Err(Error::type_(format!(
                        "'{}' cannot combine SQL expressions; Python would test their truth",
                        if *op == BoolOp::And { "and" } else { "or" }
                    ))
                    .with_help(if *op == BoolOp::And {
                        "use & with parentheses, (A.x > 1) & (A.y < 2), or and_(…)"
                    } else {
                        "use | with parentheses, (A.x > 1) | (A.y < 2), or or_(…)"
                    }));
                }
                match (op, a.truthy()) {
                    (BoolOp::And, false) | (BoolOp::Or, true) => a,
                    _ => self.eval(right)?,
                }
            }
            ExprKind::Compare { left, rest } => {
                let mut a = self.eval(left)?;
                let mut result = Value::Bool(true);
                for (i, (op, rhs)) in rest.iter().enumerate() {
                    let b = self.eval(rhs)?;
                    let r = self.compare(*op, &a, &b)?;
                    if i + 1 == rest.len() || !r.truthy() || r.is::<ColumnElement>() {
                        result = r;
                        if !result.truthy() {
                            break;
                        }
                    }
                    a = b;
                }
                result
            }
            ExprKind::IfElse { body, cond, orelse } => {
                if self.eval(cond)?.truthy() {
                    self.eval(body)?
                } else {
                    self.eval(orelse)?
                }
            }
            ExprKind::Lambda { params, body } => Value::obj(Lambda {
                defaults: (params.iter())
                    .map(|p| p.default.as_ref().map(|d| self.eval(d)).transpose())
                    .collect::<Result<Vec<_>>>()?,
                params: params.clone(),
                body: body.clone(),
                pure: self.is_declaring(),
                closure: self.closure(),
            }),
        })
    }

    pub fn name_error(&self, n: &str) -> Error {
        if let Some(e) = self.streamed_name_error(n) {
            return e;
        }
        // CPython's scopes in turn: the running function's locals, the
        // session's globals (its models among them, as a Flask shell has
        // them), then the builtins.
        let locals: Vec<Rc<str>> = self.locals.last().map_or_else(Vec::new, |f| {
            f.borrow().iter().map(|(n, _)| n.clone()).collect()
        });
        let mut names: Vec<Rc<str>> = self.global_names();
        names.extend(self.registry.models().iter().map(|m| m.name.clone()));
        let scopes = [
            locals.iter().map(|s| &**s).collect(),
            names.iter().map(|s| &**s).collect(),
            crate::eval::suggest::suggestable(),
        ];
        use crate::schema::model::Retired;
        match self.registry.gone(n) {
            Some(Retired::ReplacedBy(new)) => Error::name(format!(
                "name '{n}' is not defined: model {new}, defined over the same table, replaced the model {n} reflected from it"
            ))
            .with_help(format!("use {new}")),
            Some(Retired::Closed) => Error::name(format!(
                "name '{n}' is not defined: model {n} was reflected from a database that .open has closed"
            ))
            .with_help(".models lists the models of the open database"),
            _ => {
                let near = match crate::eval::suggest::nearest_in_scopes(n, &scopes) {
                    Some(c) => format!(" — did you mean '{c}'?"),
                    None => String::new(),
                };
                let e = Error::name(format!("name '{n}' is not defined{near}"));
                match crate::eval::builtins_more::missing_help(n) {
                    Some(help) => e.with_help(help),
                    None => e,
                }
            }
        }
    }

    pub(crate) fn eval_opt(&mut self, e: &Option<Box<Expr>>) -> Result<Option<Value>> {
        match e {
            Some(e) => Ok(Some(self.eval(e)?)),
            None => Ok(None),
        }
    }

    pub fn eval_all(&mut self, items: &[Expr]) -> Result<Vec<Value>> {
        items.iter().map(|x| self.eval(x)).collect()
    }

    fn comprehend(&mut self, elt: &Expr, clauses: &[CompFor], out: &mut Vec<Value>) -> Result<()> {
        let Some((first, rest)) = clauses.split_first() else {
            let item = self.eval(elt)?;
            return crate::value::push_item(out, item);
        };
        let it = self.eval(&first.iter)?;
        if rest.is_empty() && first.conds.is_empty() && !self.is_declaring() {
            // One item per item of `it`: check them all at once (declaring,
            // the step budget speaks first).
            crate::value::reserve_iter(&it).map_err(|e| e.at(first.iter.span))?;
        }
        self.for_each(&it, first.iter.span, &mut |me, item| {
            me.bind_target(&first.target, item, first.iter.span)?;
            for c in &first.conds {
                if !me.eval(c)?.truthy() {
                    return Ok(true);
                }
            }
            // Each `for` clause nests one level deeper (a comprehension may
            // have thousands): counted as evaluation nesting, on a stack
            // that grows.
            me.enter()?;
            let r = crate::stack::grow(|| me.comprehend(elt, rest, out));
            me.leave();
            r?;
            Ok(true)
        })
    }

    pub fn unary(&mut self, op: UnaryOp, v: Value) -> Result<Value> {
        if let Some(s) = v.downcast::<ColumnElement>() {
            return match op {
                UnaryOp::Invert | UnaryOp::Not if s.is_clause || op == UnaryOp::Invert => {
                    Ok(orm_expr::not(&s).into_value()?)
                }
                UnaryOp::Neg => Ok(ColumnElement {
                    entity: None,
                    hybrid: None,
                    prop_of: None,
                    orm: s.orm,
                    expr: crate::sql::ast::SqlExpr::Neg(Box::new(s.expr.clone())),
                    ty: s.ty.clone(),
                    column: None,
                    key: None,
                    is_clause: false,
                    froms: s.froms.clone(),
                }
                .into_value()?),
                _ => Err(Error::type_("'not' cannot negate a SQL expression")
                    .with_help("use ~expr or not_(expr)")),
            };
        }
        match op {
            UnaryOp::Not => Ok(Value::Bool(!v.truthy())),
            UnaryOp::Neg => crate::value::ops::unary_neg(&v)?.ok_or_else(|| bad_unary("-", &v)),
            UnaryOp::Pos => crate::value::ops::unary_pos(&v)?.ok_or_else(|| bad_unary("+", &v)),
            UnaryOp::Invert => {
                crate::value::ops::unary_invert(&v)?.ok_or_else(|| bad_unary("~", &v))
            }
        }
    }

    pub fn binary(&mut self, op: BinOp, a: Value, b: Value) -> Result<Value> {
        // `str + str` consumes the left string: appended in place when
        // nothing else holds it (see `PyStr::push_str`).
        let (a, b) = match (op, &a, &b) {
            (BinOp::Add, Value::Str(_), Value::Str(_)) => match (a.into_str(), b.into_str()) {
                (Ok(mut head), Ok(tail)) => {
                    head.push_str(&tail)?;
                    return Ok(Value::Str(head));
                }
                (a, b) => (
                    a.map_or_else(|v| v, Value::Str),
                    b.map_or_else(|v| v, Value::Str),
                ),
            },
            _ => (a, b),
        };
        if let Some(r) = crate::eval::pyset_ops::binary(op, &a, &b) {
            return r;
        }
        if let Some(r) = crate::eval::dict_view::binary(self, op, &a, &b) {
            return r;
        }
        // `'%s' % User.name` is Python's string formatting (str's `__mod__`
        // answers before the expression's `__rmod__` is asked).
        if op == BinOp::Mod
            && let Value::Str(fmt) = &a
        {
            return Ok(Value::Str(PyStr::from(percent_format(fmt, &b, self)?)));
        }
        // SQL expressions build SQL.
        let a_sql = a.downcast::<ColumnElement>();
        let b_sql = b.downcast::<ColumnElement>();
        if a_sql.is_some() || b_sql.is_some() {
            return self.sql_binary(op, &a, &b, a_sql, b_sql);
        }
        // A member of `class C(str, Enum)` (or `IntEnum`, `StrEnum`) is
        // its value in arithmetic, as a `str`/`int` subclass instance.
        let (a0, b0) = (&a, &b);
        let (a, b) = (mixin_view(a0).clone(), mixin_view(b0).clone());
        if op == BinOp::Mod
            && let Value::Str(fmt) = &a
        {
            return Ok(Value::Str(PyStr::from(percent_format(fmt, b0, self)?)));
        }
        // A collection is a list subclass in Python: `[x] + p.kids` and
        // `p.kids * 2` work on its items.
        let (a, b) = (list_view(a), list_view(b));
        if let Some(v) = ops::binary(op, &a, &b)? {
            return Ok(v);
        }
        Err(ops::binary_error(op, a0, b0))
    }

    fn sql_binary(
        &mut self,
        op: BinOp,
        a: &Value,
        b: &Value,
        a_sql: Option<Rc<ColumnElement>>,
        b_sql: Option<Rc<ColumnElement>>,
    ) -> Result<Value> {
        let bop = match op {
            BinOp::BitAnd | BinOp::BitOr => {
                let l = orm_expr::clause_of(a)?;
                let r = orm_expr::clause_of(b)?;
                let mut v = if op == BinOp::BitAnd {
                    orm_expr::and(vec![l, r])
                } else {
                    orm_expr::or(vec![l, r])
                };
                for side in [&a_sql, &b_sql].into_iter().flatten() {
                    v.froms.extend(side.froms.iter().cloned());
                }
                return v.into_value();
            }
            BinOp::Add => BinaryOp::Add,
            BinOp::Sub => BinaryOp::Sub,
            BinOp::Mul => BinaryOp::Mul,
            // Python's `/` between integers is true division; SQLAlchemy
            // writes `a / (b + 0.0)` so SQLite does not truncate.
            BinOp::Div if is_int_sql(a) && is_int_sql(b) => BinaryOp::TrueDivInt,
            // A Float or Numeric divided by an integer: SQLite's
            // `visit_truediv_binary` adds `+ 0.0` to the divisor too.
            BinOp::Div if operand_types(a, b).is_some_and(|(_, r)| is_int_type(&r)) => {
                BinaryOp::TrueDivInt
            }
            BinOp::Div if divisor_cast(a, b).is_some() => BinaryOp::TrueDivCast,
            BinOp::FloorDiv if !int_operands(a, b) => BinaryOp::FloorDiv,
            BinOp::Div | BinOp::FloorDiv => BinaryOp::Div,
            BinOp::Mod => BinaryOp::Mod,
            _ => {
                return Err(Error::type_(format!(
                    "operator {} is not supported on SQL expressions",
                    op.symbol()
                )));
            }
        };
        let mut made = match (a_sql, b_sql) {
            (Some(l), _) => orm_expr::compare(&l, bop, b)?,
            (None, Some(r)) => orm_expr::compare_reflected(a, bop, &r)?,
            _ => return unreachable_none(),
        };
        if bop == BinaryOp::TrueDivCast
            && let Some(type_sql) = divisor_cast(a, b)
            && let crate::sql::ast::SqlExpr::Binary { right, .. } = &mut made.expr
        {
            let divisor = std::mem::replace(&mut **right, crate::sql::ast::SqlExpr::Null);
            **right = crate::sql::ast::SqlExpr::Cast {
                expr: Box::new(divisor),
                type_sql,
            };
        }
        made.into_value()
    }
}

/// Are both operands of `a // b` integers once a plain value takes the
/// other side's type (`coerce_compared_value`)? SQLAlchemy writes `a / b`
/// then, else `FLOOR(a / b)`.
fn int_operands(a: &Value, b: &Value) -> bool {
    operand_types(a, b).is_some_and(|(l, r)| is_int_type(&l) && is_int_type(&r))
}

/// The types of a binary operator's operands, a plain value taking the
/// other side's (`coerce_compared_value`); None without an expression.
fn operand_types(a: &Value, b: &Value) -> Option<(Option<ColumnType>, Option<ColumnType>)> {
    let ty = |v: &Value| v.downcast::<ColumnElement>().map(|s| s.ty.clone());
    Some(match (ty(a), ty(b)) {
        (Some(l), Some(r)) => (l, r),
        (Some(l), None) => (l.clone(), coerced_literal_type(l.as_ref(), b)),
        (None, Some(r)) => (coerced_literal_type(r.as_ref(), a), r),
        (None, None) => return None,
    })
}

/// The type a Float or Numeric divisor of `a / b` is cast to in the
/// default dialect's text (`FLOAT`, `NUMERIC(10, 2)`); None for others.
fn divisor_cast(a: &Value, b: &Value) -> Option<Rc<str>> {
    match operand_types(a, b)?.1? {
        t @ (ColumnType::Float | ColumnType::Numeric(_)) => Some(Rc::from(t.ddl())),
        _ => None,
    }
}

fn is_int_type(t: &Option<ColumnType>) -> bool {
    t.as_ref().is_some_and(|t| t.is_integer())
}

/// An integer value or an integer-typed SQL expression.
fn is_int_sql(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Bool(_) => true,
        _ => v
            .downcast::<ColumnElement>()
            .is_some_and(|s| s.ty.as_ref().is_some_and(|t| t.is_integer())),
    }
}

fn bad_unary(op: &str, v: &Value) -> Error {
    crate::value::ops::unary_error(op, v)
}

pub(crate) fn not_iterable(v: &Value) -> Error {
    Error::type_(format!("'{}' object is not iterable", v.type_name()))
}

pub(super) fn unreachable_none<T>() -> Result<T> {
    Err(Error::type_("internal: no SQL operand"))
}

/// A relationship collection as the plain list of its items; any other
/// value unchanged.
pub(super) fn list_view(v: Value) -> Value {
    if let Some(k) = v.downcast::<crate::orm::result_keys::RMKeyView>() {
        return Value::list(k.0.iter().map(|n| Value::str(n)).collect());
    }
    match v.downcast::<crate::orm::relation::Collection>() {
        Some(c) => Value::list(c.values()),
        None => v,
    }
}
