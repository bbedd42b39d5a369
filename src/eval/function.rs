//! Functions made by `def`: the definition, its defaults (evaluated once,
//! when the `def` runs, as in Python), and a call — arguments bound by
//! position then by keyword with CPython's messages, the body run in a
//! scope of its own, expression statements silent, `return`'s value the
//! result.

use std::rc::Rc;

use crate::error::{DefSource, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::bind::{Shape, bind};
use crate::eval::flow::Flow;
use crate::eval::model_init::CLASS_CELL;
use crate::eval::scope::Frame;
use crate::syntax::ast::{FuncDef, ParamKind};
use crate::value::{Object, Value};

/// A function made by `def`.
pub struct Function {
    pub def: Rc<FuncDef>,
    /// One per parameter: its default, if it has one.
    pub defaults: Vec<Option<Value>>,
    /// The model whose class body defined it (a method), for its
    /// `__qualname__` (`User.__init__`) and `super()`.
    pub owner: Option<Rc<str>>,
    /// The scopes around the `def` (`scope`): none for a method or a
    /// function defined at top level.
    pub closure: Vec<Frame>,
    /// A method of a plain class (`eval::pyclass`): the class, once made
    /// (Python's `__class__` cell, for `super()`); its `__init__` is named
    /// by its class as Python names it (a model's is SQLAlchemy's).
    pub class_cell: Option<crate::eval::pyclass::ClassCell>,
    /// The text the `def` was read from, where an error in its body is
    /// shown (the last frame of Python's traceback).
    pub source: Rc<DefSource>,
    /// Made by a declaration from a database file (a stored function a
    /// model's `default=` names, `persist::deps_function`): its calls run
    /// in declaration mode (`eval::pure`), as a stored lambda's.
    pub pure: bool,
}

impl Function {
    /// Python's `__qualname__`: `f`, or `User.check_password` for a method
    /// (a model's `__init__` is SQLAlchemy's instrumented `__init__`).
    pub fn qualname(&self) -> String {
        match &self.owner {
            Some(m) if self.class_cell.is_some() || &*self.def.name.name != "__init__" => {
                format!("{m}.{}", self.def.name.name)
            }
            _ => self.def.name.name.to_string(),
        }
    }
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

impl Interp {
    /// `def`: the function, its defaults evaluated now.
    pub(crate) fn make_function(&mut self, def: &Rc<FuncDef>) -> Result<Value> {
        self.make_function_in(def, None)
    }

    /// `def` in the class body of the model `owner` (a method).
    pub(crate) fn make_function_in(
        &mut self,
        def: &Rc<FuncDef>,
        owner: Option<Rc<str>>,
    ) -> Result<Value> {
        let mut defaults = Vec::with_capacity(def.params.len());
        for p in &def.params {
            defaults.push(match &p.default {
                Some(e) => Some(self.eval(e)?),
                None => None,
            });
        }
        // A class body's names are not visible to its methods (Python).
        let closure = if owner.is_some() {
            Vec::new()
        } else {
            self.closure()
        };
        Ok(Value::obj(Function {
            def: def.clone(),
            defaults,
            owner,
            closure,
            class_cell: None,
            source: Rc::new(DefSource {
                text: self.source.clone(),
                file: self.source_file.clone(),
                first_line: self.source_line,
            }),
            pure: self.is_declaring(),
        }))
    }

    /// Run `f` with the text a `def` was read from as the source being
    /// run: the spans of its body point into that text, so a `def`, a
    /// `class` or a model made inside it takes its own text (and its
    /// errors their place) from there, not from the calling statement.
    pub(crate) fn in_def_source<T>(
        &mut self,
        source: &DefSource,
        f: impl FnOnce(&mut Interp) -> T,
    ) -> T {
        let text = std::mem::replace(&mut self.source, source.text.clone());
        let file = std::mem::replace(&mut self.source_file, source.file.clone());
        let line = std::mem::replace(&mut self.source_line, source.first_line);
        let r = f(self);
        self.source = text;
        self.source_file = file;
        self.source_line = line;
        r
    }

    /// Call a `def` function.
    pub(crate) fn call_function(&mut self, f: &Function, a: Args) -> Result<Value> {
        if f.pure && !self.is_declaring() {
            return self.declaring(|me| me.call_function(f, a));
        }
        let qualname = f.qualname();
        let shape = Shape {
            qualname: &qualname,
            params: &f.def.params,
            defaults: &f.defaults,
        };
        let mut frame = bind(&shape, a)?;
        let class = match (&f.class_cell, &f.owner) {
            (Some(cell), _) => cell.borrow().upgrade().map(|c| Value::Obj(c) as Value),
            (None, Some(owner)) => self
                .registry
                .get(owner)
                .map(|m| Value::Obj(m.clone()) as Value),
            (None, None) => None,
        };
        if let Some(class) = class {
            // Python's `__class__` cell, for `super()`: after the first
            // argument, or first when there is none (`super(): no arguments`).
            let cell = (Rc::from(CLASS_CELL), class);
            let first_positional = f.def.params.first().is_some_and(|p| {
                matches!(
                    p.kind,
                    ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword
                )
            });
            if first_positional {
                frame.push(cell);
            } else {
                frame.insert(0, cell);
            }
        }
        if f.def.generator {
            let mut locals = f.closure.clone();
            locals.push(crate::eval::scope::frame(frame));
            return Ok(crate::eval::gen_fn::make(
                qualname,
                f.source.clone(),
                locals,
                &f.def.body,
            ));
        }
        let saved = self.enter_call(&f.closure, frame);
        self.quiet += 1;
        let r = self.in_def_source(&f.source, |me| me.exec_block(&f.def.body));
        self.quiet -= 1;
        self.leave_call(saved);
        let flow = self.flow.take();
        r.map_err(|e| e.in_function(|| qualname.clone(), &f.source))?;
        Ok(match flow {
            Some(Flow::Return(v)) => v,
            _ => Value::None,
        })
    }
}
