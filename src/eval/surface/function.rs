//! The class tables of functions made by `def` (`f.__name__`,
//! `__qualname__`, `__doc__`, `__defaults__`) and of methods bound to an
//! object or a model (`__self__`, `__func__`, and the function's names).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::function::Function;
use crate::eval::methods::BoundFunction;
use crate::eval::surface::{Class, Member};
use crate::syntax::ast::{ExprKind, ParamKind, StmtKind};
use crate::value::Value;

type F = Rc<Function>;
type M = Rc<BoundFunction>;

fn name(_: &mut Interp, f: &F) -> Result<Value> {
    Ok(Value::str(&f.def.name.name))
}

fn qualname(_: &mut Interp, f: &F) -> Result<Value> {
    Ok(Value::str(&f.qualname()))
}

fn module(_: &mut Interp, _: &F) -> Result<Value> {
    Ok(Value::str("__main__"))
}

/// The docstring: the body's first statement when it is a string.
fn doc(_: &mut Interp, f: &F) -> Result<Value> {
    Ok(match f.def.body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(e)) => match &e.kind {
            ExprKind::Str(s) => Value::str(s),
            _ => Value::None,
        },
        _ => Value::None,
    })
}

/// The positional parameters' defaults as a tuple, or None.
fn defaults(_: &mut Interp, f: &F) -> Result<Value> {
    let d: Vec<Value> = (f.def.params.iter().zip(&f.defaults))
        .filter(|(p, _)| {
            matches!(
                p.kind,
                ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword
            )
        })
        .filter_map(|(_, d)| d.clone())
        .collect();
    Ok(if d.is_empty() {
        Value::None
    } else {
        Value::tuple(d)
    })
}

/// A function made by `def` (Python's `function`).
pub static FUNCTION: Class<F> = Class::new(
    "function",
    &[
        Member::attr("__name__", name, "the function's name"),
        Member::attr("__qualname__", qualname, "the name with its class"),
        Member::attr("__module__", module, "the module it was defined in"),
        Member::attr("__doc__", doc, "its docstring, or None"),
        Member::attr("__defaults__", defaults, "the positional defaults"),
    ],
);

fn function_of(m: &M) -> Option<F> {
    m.func.downcast::<Function>()
}

fn method_name(me: &mut Interp, m: &M) -> Result<Value> {
    function_of(m).map_or(Ok(Value::None), |f| name(me, &f))
}

fn method_qualname(me: &mut Interp, m: &M) -> Result<Value> {
    function_of(m).map_or(Ok(Value::None), |f| qualname(me, &f))
}

fn method_self(_: &mut Interp, m: &M) -> Result<Value> {
    Ok(m.recv.clone())
}

fn method_func(_: &mut Interp, m: &M) -> Result<Value> {
    Ok(m.func.clone())
}

/// A function bound to an object or a model (Python's `method`).
pub static METHOD: Class<M> = Class::new(
    "method",
    &[
        Member::attr("__name__", method_name, "the function's name"),
        Member::attr("__qualname__", method_qualname, "the name with its class"),
        Member::attr("__self__", method_self, "what it is bound to"),
        Member::attr("__func__", method_func, "the function"),
    ],
);
