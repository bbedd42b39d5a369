//! `@decorator` above a plain `def` (Python's function decorators): the
//! decorator expressions are evaluated top to bottom before the function
//! is made, then applied bottom to top, and the name is bound to what the
//! outermost one returns — `f = dec(f)`. Methods of a `class` body keep
//! their own handling (`methods`: `@property`, `@staticmethod`,
//! `@classmethod`, `@validates`, `@x.setter`).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::syntax::ast::FuncDef;

impl Interp {
    /// Run a `def` statement: make the function, decorate it, bind its name.
    pub(crate) fn exec_def(&mut self, def: &Rc<FuncDef>) -> Result<()> {
        let mut decorators = Vec::with_capacity(def.decorators.len());
        for d in &def.decorators {
            decorators.push((self.eval(d)?, d.span));
        }
        let mut f = self.make_function(def)?;
        for (d, span) in decorators.into_iter().rev() {
            let mut a = Args::new("decorator", vec![f]);
            a.span = span;
            f = self.call(&d, a).map_err(|e| e.at(span))?;
        }
        self.set_name(def.name.name.clone(), f);
        if self.locals.is_empty() {
            // Its text, for a model that names it (`persist::deps_function`).
            self.class_defined(&def.name.name);
        }
        Ok(())
    }
}
