//! Names and assignment: looking a name up through the function frames,
//! the globals and the session's models (declaration mode hides what a
//! stored definition may not read), binding a name, and assigning to
//! targets — names, tuples and lists unpacked with a starred target,
//! attributes and subscripts — as Python's assignment statement does.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::{Interp, builtins};
use crate::syntax::ast::{Expr, ExprKind};
use crate::value::Value;

impl Interp {
    pub(crate) fn lookup(&self, name: &str) -> Option<Value> {
        for frame in self.locals.iter().rev() {
            if let Some((_, v)) = frame.borrow().iter().rev().find(|(n, _)| &**n == name) {
                return Some(v.clone());
            }
        }
        let declaring = self.is_declaring();
        if let Some(v) = self.globals.get(name) {
            // A variable hidden from a declaration: the name means ormsh's
            // own (`mapped_column` imported from `sqlalchemy.orm`, `db =
            // SQLAlchemy(app)` are the built-ins a stored source names).
            if !declaring
                || Interp::declaration_may_see(name, Some(v))
                || self.is_dependency_value(name, v)
            {
                return Some(v.clone());
            }
        }
        if let Some(m) = self.registry.get(name) {
            return Some(Value::Obj(m.clone()));
        }
        if declaring && !Interp::declaration_may_see(name, None) {
            return None;
        }
        if name == "_"
            && let Some(v) = &self.last_result
        {
            return Some(v.clone());
        }
        builtins::lookup(name)
    }

    /// A name that exists but is hidden from a declaration: refused with
    /// a `PermissionError` rather than a `NameError`.
    pub(crate) fn hidden_from_declaration(&self, name: &str) -> Result<()> {
        if self.globals.contains_key(name) {
            return self.refuse_when_declaring(|| format!("read the variable '{name}'"));
        }
        if builtins::lookup(name).is_some() {
            return self.refuse_when_declaring(|| format!("use {name}"));
        }
        Ok(())
    }

    pub(crate) fn set_name(&mut self, name: Rc<str>, v: Value) {
        let depth = self.locals.len();
        if depth > 0
            && self
                .global_decl
                .iter()
                .any(|(d, n)| *d == depth && *n == name)
        {
            self.globals.insert(name, v);
            return;
        }
        let target = self
            .nonlocal_frame(&name)
            .or_else(|| self.locals.last().cloned());
        if let Some(frame) = target {
            let mut frame = frame.borrow_mut();
            if let Some(slot) = frame.iter_mut().find(|(n, _)| *n == name) {
                slot.1 = v;
            } else {
                frame.push((name, v));
            }
        } else {
            self.globals.insert(name, v);
        }
    }

    /// Unpack a value into exactly `n` parts (tuple assignment).
    pub(crate) fn unpack(&mut self, v: &Value, n: usize) -> Result<Vec<Value>> {
        let items = self.to_vec(v)?;
        if items.len() != n {
            let msg = if items.len() > n {
                format!("too many values to unpack (expected {n})")
            } else {
                format!(
                    "not enough values to unpack (expected {n}, got {})",
                    items.len()
                )
            };
            return Err(Error::value(msg));
        }
        Ok(items)
    }

    pub(crate) fn assign(&mut self, target: &Expr, v: Value) -> Result<()> {
        if self.is_declaring() {
            // Only `name = db.Table(...)` binds anything.
            let table = matches!(target.kind, ExprKind::Name(_))
                && v.is::<crate::schema::table::Table>()
                && self.locals.is_empty();
            if !table {
                self.refuse_when_declaring(|| "assign anything but a db.Table to a name".into())
                    .map_err(|e| e.at(target.span))?;
            }
        }
        match &target.kind {
            ExprKind::Name(n) => {
                self.set_name(n.clone(), v);
                Ok(())
            }
            ExprKind::Attr { value, attr } => {
                let obj = self.eval(value)?;
                self.set_attr(&obj, &attr.name, v)
                    .map_err(|e| e.at(attr.span))
            }
            ExprKind::Index { value, index } => {
                let obj = self.eval(value)?;
                if let ExprKind::Slice { lo, hi, step } = &index.kind {
                    let s = self.slice_args(lo, hi, step)?;
                    return self
                        .assign_slice(&obj, &s, &v)
                        .map_err(|e| e.at(target.span));
                }
                let idx = self.eval(index)?;
                self.set_item(&obj, idx, v).map_err(|e| e.at(target.span))
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let parts = self
                    .unpack_targets(&v, items)
                    .map_err(|e| e.at(target.span))?;
                for (t, p) in items.iter().zip(parts) {
                    match &t.kind {
                        ExprKind::Starred(inner) => self.assign(inner, p)?,
                        _ => self.assign(t, p)?,
                    }
                }
                Ok(())
            }
            _ => Err(Error::syntax(
                "cannot assign to this expression",
                target.span,
            )),
        }
    }
}
