//! Python's `functools` as decorators and helpers use it: `wraps(f)` (the
//! decorator that gives a wrapper the wrapped function's `__name__`,
//! `__qualname__` and `__doc__`, as `update_wrapper` does), `partial(f,
//! *args, **kw)` and `reduce(f, iterable[, initial])`.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::function::Function;
use crate::syntax::ast::{Expr, ExprKind, FuncDef, Stmt, StmtKind};
use crate::value::{Object, Value};

/// `functools.wraps(wrapped)`: called with the wrapper, copies the
/// wrapped function's names and docstring onto it.
pub struct Wraps {
    pub wrapped: Value,
}

impl Object for Wraps {
    fn type_name(&self) -> &str {
        "partial"
    }
    fn take_values(&mut self) -> Vec<Value> {
        vec![std::mem::replace(&mut self.wrapped, Value::None)]
    }
}

/// `functools.partial(func, *args, **keywords)`
pub struct Partial {
    pub func: Value,
    pub args: Vec<Value>,
    pub kw: Vec<(Rc<str>, Value)>,
}

impl Object for Partial {
    fn type_name(&self) -> &str {
        "functools.partial"
    }
    fn take_values(&mut self) -> Vec<Value> {
        let mut out = vec![std::mem::replace(&mut self.func, Value::None)];
        out.append(&mut self.args);
        out.extend(std::mem::take(&mut self.kw).into_iter().map(|(_, v)| v));
        out
    }
}

/// `wraps(wrapped)`
pub fn wraps(_: &mut Interp, mut a: Args) -> Result<Value> {
    let wrapped = a.arg(0, "wrapped");
    a.count(0, 1)?;
    let Some(wrapped) = wrapped else {
        return Err(Error::type_(
            "wraps() missing 1 required positional argument: 'wrapped'",
        ));
    };
    Ok(Value::obj(Wraps { wrapped }))
}

/// `partial(func, *args, **keywords)`
pub fn partial(_: &mut Interp, mut a: Args) -> Result<Value> {
    if a.pos.is_empty() {
        return Err(Error::type_("type 'partial' takes at least one argument"));
    }
    let func = a.pos.remove(0);
    Ok(Value::obj(Partial {
        func,
        args: std::mem::take(&mut a.pos),
        kw: a.kw.drain(..).map(|(k, v, _)| (k, v)).collect(),
    }))
}

/// `reduce(function, iterable[, initial])`
pub fn reduce(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(2, 3)?;
    let f = a.pos[0].clone();
    let mut items = me.to_vec(&a.pos[1])?.into_iter();
    let mut acc = match a.pos.get(2) {
        Some(init) => init.clone(),
        None => items
            .next()
            .ok_or_else(|| Error::type_("reduce() of empty iterable with no initial value"))?,
    };
    for x in items {
        acc = me.call(&f, Args::new("function", vec![acc, x]))?;
    }
    Ok(acc)
}

/// Is `f` what `wraps` or `partial` made?
pub fn is_callable(f: &Value) -> bool {
    f.is::<Wraps>() || f.is::<Partial>()
}

/// Calling what `wraps` and `partial` made (`is_callable`).
pub fn call(me: &mut Interp, f: &Value, a: Args) -> Result<Value> {
    if let Some(w) = f.downcast::<Wraps>() {
        return apply_wraps(&w, a);
    }
    let Some(p) = f.downcast::<Partial>() else {
        return Err(Error::type_(format!(
            "'{}' object is not callable",
            f.type_name()
        )));
    };
    let mut a = a;
    let mut pos = p.args.clone();
    pos.append(&mut a.pos);
    a.pos_spans = vec![a.span; pos.len()];
    a.pos = pos;
    for (k, v) in &p.kw {
        if !a.kw.iter().any(|(have, _, _)| have == k) {
            a.kw.push((k.clone(), v.clone(), a.span));
        }
    }
    me.call(&p.func, a)
}

/// The docstring statement of a body, if it starts with one.
fn docstring(body: &[Stmt]) -> Option<&Stmt> {
    body.first().filter(|s| {
        matches!(
            &s.kind,
            StmtKind::Expr(Expr {
                kind: ExprKind::Str(_),
                ..
            })
        )
    })
}

/// `update_wrapper(wrapper, wrapped)` for two `def` functions: the
/// wrapper's body under the wrapped one's name, owner and docstring.
fn apply_wraps(w: &Wraps, mut a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let wrapper = a.pos.remove(0);
    let (Some(outer), Some(inner)) = (
        wrapper.downcast::<Function>(),
        w.wrapped.downcast::<Function>(),
    ) else {
        // Another callable keeps its own names (ormsh copies them only
        // between `def` functions).
        return Ok(wrapper);
    };
    let mut def: FuncDef = (*outer.def).clone();
    def.name = inner.def.name.clone();
    if docstring(&def.body).is_some() {
        def.body.remove(0);
    }
    if let Some(doc) = docstring(&inner.def.body) {
        def.body.insert(0, doc.clone());
    }
    Ok(Value::obj(Function {
        def: Rc::new(def),
        defaults: outer.defaults.clone(),
        owner: inner.owner.clone(),
        closure: outer.closure.clone(),
        class_cell: outer.class_cell.clone(),
        source: outer.source.clone(),
        pure: outer.pure,
    }))
}
