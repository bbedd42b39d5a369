//! A statement's direct parts: its expressions and its bodies (blocks of
//! statements), borrowed or taken apart. The depth check and the
//! non-recursive drop (`depth`) walk statements through these, so a new
//! statement kind is listed once, here.

use std::rc::Rc;

use crate::syntax::ast::{Expr, Stmt, StmtKind};

impl StmtKind {
    /// Push this statement's expressions to `exprs` and its bodies to `bodies`.
    pub fn parts<'a>(&'a self, exprs: &mut Vec<&'a Expr>, bodies: &mut Vec<&'a [Stmt]>) {
        match self {
            StmtKind::Model(m) => {
                for mem in &m.members {
                    exprs.push(&mem.value);
                    exprs.extend(&mem.annotation);
                }
                for f in &m.methods {
                    exprs.extend(&f.decorators);
                    exprs.extend(f.params.iter().filter_map(|p| p.default.as_ref()));
                    bodies.push(&f.body);
                }
            }
            StmtKind::Assign { target, value } | StmtKind::AugAssign { target, value, .. } => {
                exprs.push(target);
                exprs.push(value);
            }
            StmtKind::ChainAssign { targets, value } => {
                exprs.extend(targets);
                exprs.push(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                exprs.push(target);
                exprs.push(annotation);
                exprs.extend(value);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                exprs.push(target);
                exprs.push(iter);
                bodies.push(body);
                bodies.push(orelse);
            }
            StmtKind::If { branches, orelse } => {
                for (c, b) in branches {
                    exprs.push(c);
                    bodies.push(b);
                }
                bodies.push(orelse);
            }
            StmtKind::While { cond, body, orelse } => {
                exprs.push(cond);
                bodies.push(body);
                bodies.push(orelse);
            }
            StmtKind::Match(m) => {
                exprs.push(&m.subject);
                for c in &m.cases {
                    c.pattern.exprs(exprs);
                    exprs.extend(&c.guard);
                    bodies.push(&c.body);
                }
            }
            StmtKind::Try(t) => {
                bodies.push(&t.body);
                for h in &t.handlers {
                    exprs.extend(&h.class);
                    bodies.push(&h.body);
                }
                bodies.push(&t.orelse);
                bodies.push(&t.finalbody);
            }
            StmtKind::With { items, body } => {
                for it in items {
                    exprs.push(&it.context);
                    exprs.extend(&it.target);
                }
                bodies.push(body);
            }
            StmtKind::Class(c) => {
                exprs.extend(&c.decorators);
                exprs.extend(&c.bases);
                bodies.push(&c.body);
            }
            StmtKind::Def(f) => {
                exprs.extend(&f.decorators);
                exprs.extend(f.params.iter().filter_map(|p| p.default.as_ref()));
                bodies.push(&f.body);
            }
            StmtKind::Return(v) => exprs.extend(v),
            StmtKind::Yield { value, target, .. } => {
                exprs.extend(target);
                exprs.extend(value);
            }
            StmtKind::Del(ts) => exprs.extend(ts),
            StmtKind::Assert { test, msg } => {
                exprs.push(test);
                exprs.extend(msg);
            }
            StmtKind::Expr(e) => exprs.push(e),
            StmtKind::Raise { exc, cause } => {
                exprs.extend(exc);
                exprs.extend(cause);
            }
            StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Import(_)
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_)
            | StmtKind::DeclarativeBase(..) => {}
        }
    }

    /// Take this statement apart into its expressions and bodies.
    pub fn into_parts(self, exprs: &mut Vec<Expr>, bodies: &mut Vec<Vec<Stmt>>) {
        match self {
            StmtKind::Model(m) => {
                for mem in m.members {
                    exprs.push(mem.value);
                    exprs.extend(mem.annotation);
                }
                for f in m.methods {
                    if let Ok(f) = Rc::try_unwrap(f) {
                        exprs.extend(f.decorators);
                        exprs.extend(f.params.into_iter().filter_map(|p| p.default));
                        bodies.push(f.body);
                    }
                }
            }
            StmtKind::Assign { target, value } | StmtKind::AugAssign { target, value, .. } => {
                exprs.push(target);
                exprs.push(value);
            }
            StmtKind::ChainAssign { targets, value } => {
                exprs.extend(targets);
                exprs.push(value);
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => {
                exprs.push(target);
                exprs.push(annotation);
                exprs.extend(value);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
            } => {
                exprs.push(target);
                exprs.push(iter);
                bodies.push(body);
                bodies.push(orelse);
            }
            StmtKind::If { branches, orelse } => {
                for (c, b) in branches {
                    exprs.push(c);
                    bodies.push(b);
                }
                bodies.push(orelse);
            }
            StmtKind::While { cond, body, orelse } => {
                exprs.push(cond);
                bodies.push(body);
                bodies.push(orelse);
            }
            StmtKind::Match(m) => {
                let m = *m;
                exprs.push(m.subject);
                for c in m.cases {
                    exprs.extend(c.guard);
                    bodies.push(c.body);
                }
            }
            StmtKind::Try(t) => {
                let t = *t;
                bodies.push(t.body);
                for h in t.handlers {
                    exprs.extend(h.class);
                    bodies.push(h.body);
                }
                bodies.push(t.orelse);
                bodies.push(t.finalbody);
            }
            StmtKind::With { items, body } => {
                for it in items {
                    exprs.push(it.context);
                    exprs.extend(it.target);
                }
                bodies.push(body);
            }
            StmtKind::Class(c) => {
                if let Ok(c) = Rc::try_unwrap(c) {
                    exprs.extend(c.decorators);
                    exprs.extend(c.bases);
                    bodies.push(c.body);
                }
            }
            StmtKind::Def(f) => {
                if let Ok(f) = Rc::try_unwrap(f) {
                    exprs.extend(f.decorators);
                    exprs.extend(f.params.into_iter().filter_map(|p| p.default));
                    bodies.push(f.body);
                }
            }
            StmtKind::Return(v) => exprs.extend(v),
            StmtKind::Yield { value, target, .. } => {
                exprs.extend(target);
                exprs.extend(value);
            }
            StmtKind::Del(ts) => exprs.extend(ts),
            StmtKind::Assert { test, msg } => {
                exprs.push(test);
                exprs.extend(msg);
            }
            StmtKind::Expr(e) => exprs.push(e),
            StmtKind::Raise { exc, cause } => {
                exprs.extend(exc);
                exprs.extend(cause);
            }
            StmtKind::Pass
            | StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Import(_)
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_)
            | StmtKind::DeclarativeBase(..) => {}
        }
    }
}
