//! A function defined in the session with `def` that a model's
//! definition names (`code = db.Column(db.String, default=make_code)`):
//! stored beside the model as one more `_ormsh_models` row, kind
//! `function`, when it is a declaration — `def NAME([context]):` with an
//! optional docstring and one `return EXPR`, no decorators, no defaults,
//! its expression held to a model's rules with its parameters in scope
//! (`declare_names::function_body`). Loaded, it is a function whose calls
//! run in declaration mode (`Function::pure`), as a stored lambda's. Any
//! other function cannot be stored: the definition says so when the model
//! is defined (`unstorable_note`), and reopening the file names it.

use std::collections::HashSet;
use std::rc::Rc;

use crate::eval::Interp;
use crate::eval::function::Function;
use crate::persist::declare::Refusal;
use crate::syntax::ast::{Expr, ExprKind, FuncDef, ParamKind, Stmt, StmtKind};
use crate::syntax::parse_chunk;
use crate::value::Value;

/// What a stored function may be, for messages.
pub const SHAPE: &str =
    "def NAME(): or def NAME(context): with one return EXPR line (and a docstring)";

/// Is `v` a function defined at top level with `def` (no method)?
pub fn is_plain_function(v: &Value) -> bool {
    v.downcast::<Function>()
        .is_some_and(|f| f.owner.is_none() && f.class_cell.is_none())
}

/// A function row's statement, checked for its shape: the `def` and its
/// returned expression.
pub fn function_shape(name: &str, src: &str) -> Result<(Rc<FuncDef>, Expr), Refusal> {
    let stmts = parse_chunk(src).map_err(|_| "its source does not parse".to_string())?;
    let [
        Stmt {
            kind: StmtKind::Def(def),
            ..
        },
    ] = stmts.as_slice()
    else {
        return Err(format!("a stored function must be one {SHAPE}"));
    };
    if *def.name.name != *name {
        return Err(format!("its source defines {}, not {name}", def.name.name));
    }
    let plain_params = def.params.len() <= 1
        && (def.params.iter())
            .all(|p| p.default.is_none() && p.kind == ParamKind::PositionalOrKeyword);
    let body: Vec<&Stmt> = (def.body.iter().enumerate())
        .filter(|(i, s)| {
            !(*i == 0
                && matches!(
                    &s.kind,
                    StmtKind::Expr(Expr {
                        kind: ExprKind::Str(_),
                        ..
                    })
                ))
        })
        .map(|(_, s)| s)
        .collect();
    let ret = match body.as_slice() {
        [
            Stmt {
                kind: StmtKind::Return(Some(e)),
                ..
            },
        ] => e.clone(),
        _ => return Err(format!("a stored function must be {SHAPE}")),
    };
    if !def.decorators.is_empty() || !plain_params || def.generator {
        return Err(format!("a stored function must be {SHAPE}"));
    }
    Ok((def.clone(), ret))
}

/// The shape and names of a function row, checked.
pub fn checked(
    name: &str,
    src: &str,
    known: &dyn Fn(&str) -> bool,
) -> Result<Rc<FuncDef>, Refusal> {
    let (def, ret) = function_shape(name, src)?;
    let params: Vec<Rc<str>> = def.params.iter().map(|p| p.name.name.clone()).collect();
    crate::persist::declare::function_body(&ret, &params, known)?;
    Ok(def)
}

impl Interp {
    /// Load a function row: checked, then made in declaration mode (so
    /// its calls run in it too) and bound to its name.
    pub(crate) fn load_function(
        &mut self,
        name: &str,
        src: &str,
        known: &HashSet<String>,
    ) -> Result<(), Refusal> {
        let def = checked(name, src, &|n| known.contains(n))?;
        let saved = std::mem::replace(&mut self.source, Rc::from(src));
        let made = self.declaring(|me| me.make_function(&def));
        self.source = saved;
        let f = made.map_err(|e| e.message)?;
        if self.get_global(name).is_some() {
            return Err(format!("the session's variable {name} has that name"));
        }
        self.set_global(Rc::from(name), f);
        self.store
            .class_sources
            .insert(Rc::from(name), Rc::from(src));
        Ok(())
    }

    /// The row of the function `name` a definition names, or why it
    /// cannot be stored.
    pub(crate) fn function_entry(&self, name: &str) -> Result<crate::persist::Entry, Refusal> {
        let Some(src) = self.store.class_sources.get(name).cloned() else {
            return Err("it was not defined by a def at the top level".into());
        };
        // What the function may name when it is loaded: models, tables
        // and what a declaration sees.
        let known = |n: &str| {
            self.registry.models().iter().any(|m| &*m.name == n)
                || Interp::declaration_may_see(n, self.get_global(n))
        };
        checked(name, &src, &known)?;
        Ok(crate::persist::Entry {
            kind: "function",
            name: Rc::from(name),
            source: src,
        })
    }

    /// A function a definition names that cannot be stored with it: a
    /// note now, saying what reopening the file will do and what to write
    /// instead.
    pub(crate) fn unstorable_note(&mut self, name: &str, why: &str) {
        if !self.store_is_file() {
            return;
        }
        self.session.warnings.push(format!(
            "note: the function {name} cannot be stored in the file with the definition that names it ({why}); when the file is reopened, that definition will not load until {name} is defined and the definition run again — write {name} with one return line (def {name}(): return ...), or the default as default=lambda: ..."
        ));
    }
}
