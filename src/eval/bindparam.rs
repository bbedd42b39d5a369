//! `db.bindparam('x', value=…, type_=…)`, `Query.params(…)` /
//! `Select.params(…)` and `db.type_coerce(expr, type_)`: SQLAlchemy's
//! named bound parameter (`sql::named_bind`, values given when the
//! statement runs), the statement with values for them
//! (`orm::bind_params`), and an expression read as another type without
//! a CAST (`TypeCoerce`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::Sig;
use crate::eval::surface::query::Q;
use crate::orm::convert_types::raw_param;
use crate::orm::expr::ColumnElement;
use crate::sql::ast::{Param, SqlExpr};
use crate::sql::named_bind::{self, ParamFrame};
use crate::value::Value;

/// `bindparam(key, value=…, type_=None, …)`: `:key`, its value given
/// when the statement runs (or `value`).
pub fn bindparam(_: &mut Interp, mut a: Args) -> Result<Value> {
    const SIG: Sig = Sig {
        kw: &["key", "value", "type_"],
        ignored: &[
            ("unique", "ormsh keeps the name as given"),
            (
                "required",
                "a parameter with no value fails when the statement runs either way",
            ),
            ("quote", "the name is a parameter name, never quoted"),
            (
                "literal_execute",
                "the value is bound as a parameter either way",
            ),
        ],
        any_kw: false,
    };
    a.bind("bindparam", &SIG)?;
    let ty = match a.take_kw("type_") {
        None | Some(Value::None) => None,
        Some(v) => Some(crate::eval::builtins_sqlexpr::type_arg("bindparam", &v)?),
    };
    a.keyword_at(0, "key")?;
    a.keyword_at(1, "value")?;
    a.count(1, 2)?;
    let name: Rc<str> = match &a.pos[0] {
        Value::Str(s) => Rc::from(&**s),
        Value::None => {
            return Err(Error::type_(
                "bindparam() of no name (key=None) is not supported by ormsh: name it",
            )
            .at(a.span_of(0)));
        }
        other => {
            return Err(Error::type_(format!(
                "bindparam() key must be a str, not {}",
                other.type_name()
            ))
            .at(a.span_of(0)));
        }
    };
    let value = match a.pos.get(1) {
        Some(v) => Some(raw_param(v)?),
        None => None,
    };
    let ty = ty.or_else(|| a.pos.get(1).and_then(crate::orm::constructs::literal_type));
    ColumnElement::derived(named_bind::named(name, value), ty, false).into_value()
}

/// The `(name, value)` pairs of `params(**kw)` or `params({...})`.
fn param_values(a: &Args) -> Result<Vec<(Rc<str>, Param)>> {
    let mut out = Vec::new();
    for v in &a.pos {
        let Value::Dict(d) = v else {
            return Err(Error::type_(format!(
                "params() takes a dict or keyword arguments, not {}",
                v.type_name()
            )));
        };
        for (k, v) in d.borrow().iter() {
            let Value::Str(k) = k else {
                return Err(Error::type_("params() keys must be parameter names (str)"));
            };
            out.push((Rc::from(&**k), raw_param(v)?));
        }
    }
    for (k, v, _) in &a.kw {
        out.push((k.clone(), raw_param(v)?));
    }
    Ok(out)
}

/// `query.params(x=1)` / `select.params({'x': 1})`.
pub fn params(me: &mut Interp, q: &Q, a: Args) -> Result<Value> {
    let values = param_values(&a)?;
    let mut nq = q.copy(me)?;
    crate::orm::bind_params::bind_query(&mut nq, &values);
    Ok(Value::obj(nq))
}

/// The values of `db.session.execute(stmt, {...})` for a SELECT's named
/// parameters; None for no parameters.
pub fn execute_values(params: Option<&Value>) -> Result<Option<ParamFrame>> {
    match params {
        None | Some(Value::None) => Ok(None),
        Some(Value::Dict(d)) => {
            let mut out = Vec::new();
            for (k, v) in d.borrow().iter() {
                if let Value::Str(k) = k {
                    out.push((Rc::from(&**k), raw_param(v)?));
                }
            }
            Ok(Some(Rc::from(out)))
        }
        Some(other) => Err(Error::new(
            crate::error::ErrorKind::ArgumentError,
            format!(
                "a SELECT runs with one dict of parameters, not {}",
                other.type_name()
            ),
        )
        .with_help("db.session.execute(stmt, {'x': 1})")),
    }
}

/// `type_coerce(expr, type_)`: the expression as it is, read as `type_`.
pub fn type_coerce(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("type_coerce", &Sig::kw(&["expression", "type_"]))?;
    a.keyword_at(0, "expression")?;
    a.keyword_at(1, "type_")?;
    a.count(2, 2)?;
    let ty = crate::eval::builtins_sqlexpr::type_arg("type_coerce", &a.pos[1])?;
    let mut e = crate::orm::constructs::expression_of(&a.pos[0], Some(&ty))?;
    e.ty = Some(ty);
    // A bound value is coerced in place; anything else is wrapped.
    if !matches!(e.expr, SqlExpr::Param { .. }) {
        e.expr = SqlExpr::TypeCoerce(Box::new(e.expr));
        e.column = None;
    }
    e.into_value()
}
