//! A plain class's body (`class Point:` that is not a model), run as
//! CPython runs it: in a namespace of its own, its `def`s made into
//! functions that know their class (for `super()`), under
//! `@staticmethod`, `@classmethod`, `@property` or other decorators;
//! its docstring. The class itself is made in `eval::pyclass`.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::function::Function;
use crate::eval::pyclass::{ClassCell, DescrKind, Descriptor};
use crate::syntax::ast::{ClassDef, ExprKind, FuncDef, Stmt, StmtKind};
use crate::value::Value;

impl Interp {
    /// The class body run in a namespace of its own: its bindings, in order.
    pub(crate) fn run_class_body(
        &mut self,
        def: &Rc<ClassDef>,
        cell: &ClassCell,
    ) -> Result<Vec<(Rc<str>, Value)>> {
        let saved = self.enter_call(&[], Vec::new());
        self.quiet += 1;
        let r = self.class_body_stmts(def, cell);
        self.quiet -= 1;
        let frame = self.locals.last().map(|f| f.borrow().clone());
        self.leave_call(saved);
        // `return`/`break` have no meaning in a class body.
        self.flow = None;
        r?;
        Ok(frame.unwrap_or_default())
    }

    fn class_body_stmts(&mut self, def: &Rc<ClassDef>, cell: &ClassCell) -> Result<()> {
        for s in &def.body {
            match &s.kind {
                StmtKind::Def(f) => self
                    .class_def_method(def, f, cell)
                    .map_err(|e| e.at(s.span))?,
                StmtKind::Expr(e) if matches!(e.kind, ExprKind::Str(_)) => {}
                StmtKind::AnnAssign { value: None, .. } => {}
                StmtKind::AnnAssign {
                    target,
                    value: Some(v),
                    ..
                } => {
                    let v = self.eval(v)?;
                    self.assign(target, v)?;
                }
                _ => self.exec(s).map_err(|e| e.at(s.span))?,
            }
            if self.flow.is_some() {
                break;
            }
        }
        Ok(())
    }

    /// A `def` in a class body: the function, under `@staticmethod`,
    /// `@classmethod`, `@property` or other decorators, bound in the body.
    fn class_def_method(
        &mut self,
        def: &ClassDef,
        f: &Rc<FuncDef>,
        cell: &ClassCell,
    ) -> Result<()> {
        let name = &*f.name.name;
        // A mixin's `@declared_attr def __tablename__(cls)`: called by the
        // model based on it (`eval::declared_attr`), not by an operator.
        let schema_attr = crate::syntax::is_declared_attr(f)
            && matches!(name, "__tablename__" | "__table_args__" | "__mapper_args__");
        if name.starts_with("__")
            && name.ends_with("__")
            && !SPECIAL_METHODS.contains(&name)
            && !schema_attr
        {
            return Err(Error::new(
                crate::error::ErrorKind::NotImplementedError,
                format!(
                    "ormsh does not call the special method {name} of a plain class ({}.{name}): Python would call it for an operator or built-in, and ormsh would silently not",
                    def.name.name
                ),
            )
            .at(f.name.span)
            .with_help(format!(
                "a plain class may define {}; write an ordinary method instead (def equals(self, other): ...)",
                SPECIAL_METHODS.join(", ")
            )));
        }
        let made = self.make_function_in(f, Some(def.name.name.clone()))?;
        let mut v = match made.downcast::<Function>() {
            Some(func) => Value::obj(Function {
                def: func.def.clone(),
                defaults: func.defaults.clone(),
                owner: func.owner.clone(),
                closure: func.closure.clone(),
                class_cell: Some(cell.clone()),
                source: func.source.clone(),
                pure: func.pure,
            }),
            None => made,
        };
        for d in f.decorators.iter().rev() {
            let builtin = match &d.kind {
                ExprKind::Name(n) => match &**n {
                    "staticmethod" => Some(DescrKind::Static),
                    "classmethod" => Some(DescrKind::Class),
                    "property" => Some(DescrKind::Property),
                    _ => None,
                },
                _ => None,
            };
            v = match builtin {
                Some(kind) => Value::obj(Descriptor { kind, func: v }),
                None => {
                    let dv = self.eval(d)?;
                    let mut a = Args::new("decorator", vec![v]);
                    a.span = d.span;
                    self.call(&dv, a).map_err(|e| e.at(d.span))?
                }
            };
        }
        self.set_name(f.name.name.clone(), v);
        Ok(())
    }
}

/// The special methods a plain class's objects answer to.
const SPECIAL_METHODS: &[&str] = &["__init__", "__repr__", "__str__"];

/// The docstring of a class body.
pub(crate) fn class_doc(body: &[Stmt]) -> Option<Rc<str>> {
    match body.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(e)) => match &e.kind {
            ExprKind::Str(s) => Some(Rc::from(&**s)),
            _ => None,
        },
        _ => None,
    }
}
