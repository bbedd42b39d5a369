//! Functions made by `def`: the definition, its defaults (evaluated once,
//! when the `def` runs, as in Python), and a call — arguments bound by
//! position then by keyword with CPython's messages, the body run in a
//! scope of its own, expression statements silent, `return`'s value the
//! result.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::flow::Flow;
use crate::syntax::ast::FuncDef;
use crate::value::{Object, Value};

/// A function made by `def`.
pub struct Function {
    pub def: Rc<FuncDef>,
    /// One per parameter: its default, if it has one.
    pub defaults: Vec<Option<Value>>,
}

impl Object for Function {
    fn type_name(&self) -> &str {
        "function"
    }
    fn take_values(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.defaults)
            .into_iter()
            .flatten()
            .collect()
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

impl Interp {
    /// `def`: the function, its defaults evaluated now.
    pub(crate) fn make_function(&mut self, def: &Rc<FuncDef>) -> Result<Value> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(e) => Some(self.eval(e)?),
                None => None,
            });
        }
        Ok(Value::obj(Function {
            def: def.clone(),
            defaults,
        }))
    }

    /// Call a `def` function.
    pub(crate) fn call_function(&mut self, f: &Function, a: Args) -> Result<Value> {
        let frame = bind(f, a)?;
        self.locals.push(frame);
        self.quiet += 1;
        let r = self.exec_block(&f.def.body);
        self.quiet -= 1;
        self.locals.pop();
        let depth = self.locals.len();
        self.global_decl.retain(|(d, _)| *d <= depth);
        let flow = self.flow.take();
        r?;
        Ok(match flow {
            Some(Flow::Return(v)) => v,
            _ => Value::None,
        })
    }
}

/// The parameters' values from the arguments, as Python binds them.
fn bind(f: &Function, a: Args) -> Result<Vec<(Rc<str>, Value)>> {
    let def = &f.def;
    let fname = &def.name.name;
    let names: Vec<Rc<str>> = def.params.iter().map(|p| p.name.name.clone()).collect();
    if a.pos.len() > names.len() {
        return Err(Error::type_(format!(
            "{fname}() takes {} but {} {} given",
            plural(names.len(), "positional argument", "positional arguments"),
            a.pos.len(),
            if a.pos.len() == 1 { "was" } else { "were" }
        )));
    }
    let mut slots: Vec<Option<Value>> = a.pos.into_iter().map(Some).collect();
    slots.resize(names.len(), None);
    for (k, v, span) in a.kw {
        let Some(i) = names.iter().position(|n| *n == k) else {
            return Err(Error::type_(format!(
                "{fname}() got an unexpected keyword argument '{k}'"
            ))
            .at(span));
        };
        if slots[i].is_some() {
            return Err(
                Error::type_(format!("{fname}() got multiple values for argument '{k}'")).at(span),
            );
        }
        slots[i] = Some(v);
    }
    let mut missing = Vec::new();
    for (i, slot) in slots.iter_mut().enumerate() {
        if slot.is_none() {
            match &f.defaults[i] {
                Some(d) => *slot = Some(d.clone()),
                None => missing.push(format!("'{}'", names[i])),
            }
        }
    }
    if !missing.is_empty() {
        let listed = match missing.as_slice() {
            [one] => one.clone(),
            [a, b] => format!("{a} and {b}"),
            [init @ .., last] => format!("{}, and {last}", init.join(", ")),
            [] => String::new(),
        };
        return Err(Error::type_(format!(
            "{fname}() missing {} {}: {listed}",
            missing.len(),
            if missing.len() == 1 {
                "required positional argument"
            } else {
                "required positional arguments"
            }
        )));
    }
    Ok(names.into_iter().zip(slots.into_iter().flatten()).collect())
}
