//! Iterable unpacking, as Python's `UNPACK_SEQUENCE`/`UNPACK_EX` and
//! `BUILD_LIST` with `*` do it: a target list with one starred target
//! (`first, *rest = xs`, `for i, (k, v) in …`) takes the items around it
//! and gives the starred name a list of the middle; `[*a, *b]`, `(*a, 1)`
//! and `{*a}` splice an iterable into a display; `name := value` binds.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::syntax::ast::{Expr, ExprKind, Ident};
use crate::syntax::span::Span;
use crate::value::Value;

impl Interp {
    /// The items of a display, each `*x` spliced in (its items, in order).
    pub(crate) fn eval_items(&mut self, items: &[Expr]) -> Result<Vec<Value>> {
        let mut out = Vec::with_capacity(items.len());
        for x in items {
            match &x.kind {
                ExprKind::Starred(inner) => {
                    let v = self.eval(inner)?;
                    let parts = self.to_vec(&v).map_err(|e| e.at(inner.span))?;
                    crate::value::reserve_items(out.len().saturating_add(parts.len()))?;
                    out.extend(parts);
                }
                _ => {
                    let v = self.eval(x)?;
                    out.push(v);
                }
            }
        }
        Ok(out)
    }

    /// Bind a loop target (a name, or a nested tuple or list of targets)
    /// to one item; an unpacking error points at `span` (the iterable, as
    /// Python's traceback shows the loop's line).
    pub(crate) fn bind_target(&mut self, target: &Expr, item: Value, span: Span) -> Result<()> {
        match &target.kind {
            ExprKind::Name(n) => {
                self.set_name(n.clone(), item);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let parts = self.unpack_targets(&item, items).map_err(|e| e.at(span))?;
                for (t, p) in items.iter().zip(parts) {
                    self.bind_target(t, p, span)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.bind_target(inner, item, span),
            _ => self.assign(target, item),
        }
    }

    /// The parts of `v` for the targets `targets`, one per target; a
    /// starred target's part is the list of the items between the others.
    pub(crate) fn unpack_targets(&mut self, v: &Value, targets: &[Expr]) -> Result<Vec<Value>> {
        let star = targets
            .iter()
            .position(|t| matches!(t.kind, ExprKind::Starred(_)));
        let Some(star) = star else {
            return self.unpack(v, targets.len());
        };
        let mut items = self.to_vec(v)?;
        let need = targets.len() - 1;
        if items.len() < need {
            return Err(Error::value(format!(
                "not enough values to unpack (expected at least {need}, got {})",
                items.len()
            )));
        }
        let after = items.split_off(items.len() - (need - star));
        let middle = items.split_off(star);
        items.push(Value::list(middle));
        items.extend(after);
        Ok(items)
    }

    /// `name := value`: bind and give the value. In a comprehension the
    /// name is bound in the scope around it, as Python does.
    pub(crate) fn named_expr(&mut self, name: &Ident, value: &Expr) -> Result<Value> {
        let v = self.eval(value)?;
        let mut keep = self.locals.len();
        while keep > 0
            && self
                .comp_frames
                .iter()
                .any(|f| Rc::ptr_eq(f, &self.locals[keep - 1]))
        {
            keep -= 1;
        }
        let inner = self.locals.split_off(keep);
        self.set_name(name.name.clone(), v.clone());
        self.locals.extend(inner);
        Ok(v)
    }

    /// Run `f` in a comprehension's own frame (its loop names stay in it).
    pub(crate) fn in_comprehension<T>(
        &mut self,
        f: impl FnOnce(&mut Interp) -> Result<T>,
    ) -> Result<T> {
        let frame = crate::eval::scope::frame(Vec::new());
        self.locals.push(frame.clone());
        self.comp_frames.push(frame);
        let r = f(self);
        self.comp_frames.pop();
        self.locals.pop();
        r
    }
}

/// A `*x` met outside a display or a target.
pub(crate) fn starred_here(span: Span) -> Error {
    Error::syntax("cannot use starred expression here", span)
}
