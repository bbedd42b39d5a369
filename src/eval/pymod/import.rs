//! Running `import M [as n]` and `from M import a [as b]` (Python's
//! import statement, on the modules of [`crate::eval::pymod`]): a module
//! ormsh provides binds its [`Module`](super::Module) object or its
//! names; `from __future__ import annotations` defers annotations, other
//! `__future__` features change nothing; the person's own
//! app module (`from yourapp import db, User`, `from .models import
//! User`, `from app.models import *` once the session defines a model)
//! binds the names this session has; any other module is
//! `ModuleNotFoundError`, saying which modules ormsh provides.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::pymod::{Module, ModuleDef, find, is_stdlib, provided, value};
use crate::syntax::ast::{Ident, Import, ImportName, ModulePath};
use crate::value::Value;

/// `__future__`'s features (Python 3.11): all already on, or changing
/// nothing ormsh does.
const FUTURE: &[&str] = &[
    "absolute_import",
    "annotations",
    "division",
    "generator_stop",
    "generators",
    "nested_scopes",
    "print_function",
    "unicode_literals",
    "with_statement",
];

fn dotted(parts: &[Ident]) -> String {
    parts.iter().map(|p| &*p.name).collect::<Vec<_>>().join(".")
}

/// Python's error for a module ormsh does not provide.
fn not_found(name: &str) -> Error {
    Error::new(
        ErrorKind::ModuleNotFoundError,
        format!("No module named '{name}'"),
    )
    .with_help(format!(
        "ormsh provides the modules {}; names this session defines (db, models, variables) can be imported from your app's own module: from yourapp import db, User",
        provided()
    ))
}

impl Interp {
    /// Run an import statement.
    pub fn import(&mut self, imp: &Import) -> Result<()> {
        match &imp.from {
            None => {
                for n in &imp.names {
                    self.import_module(n)?;
                }
                Ok(())
            }
            Some(m) => self.import_from(m, &imp.names),
        }
    }

    /// `import a.b.c` binds `a`; `import a.b.c as n` binds `n` to `a.b.c`.
    fn import_module(&mut self, n: &ImportName) -> Result<()> {
        let full = dotted(&n.path);
        let Some(def) = find(&full) else {
            return Err(not_found(&full).at(n.span));
        };
        let (name, bound) = match &n.alias {
            Some(a) => (a.name.clone(), def),
            None => {
                let top = &n.path[0].name;
                (
                    top.clone(),
                    find(top).ok_or_else(|| not_found(top).at(n.span))?,
                )
            }
        };
        self.set_name(name, value(bound));
        Ok(())
    }

    /// `from M import a as b, …` (no names: `*`).
    fn import_from(&mut self, m: &ModulePath, names: &[ImportName]) -> Result<()> {
        let module = dotted(&m.parts);
        if m.level == 0 && module == "__future__" {
            return self.import_future(names);
        }
        if let Some(def) = find(&module).filter(|_| m.level == 0) {
            return self.import_names(def, names, m.span);
        }
        let top = m.parts.first().map_or("", |p| &*p.name);
        let foreign = m.level == 0 && (is_stdlib(top) || find(top).is_some());
        if foreign || (names.is_empty() && self.registry.models().is_empty()) {
            let shown = format!("{}{module}", ".".repeat(m.level));
            return Err(not_found(&shown).at(m.span));
        }
        if names.is_empty() {
            // `from app.models import *`: the app module is this session,
            // whose public names are the ones already bound here.
            return Ok(());
        }
        self.import_own(&module, m, names)
    }

    /// `from __future__ import …`: accepted; `annotations` (PEP 563) stops
    /// class-body annotations from being evaluated from then on
    /// ([`Interp::future_annotations`]), as in Python's console.
    fn import_future(&mut self, names: &[ImportName]) -> Result<()> {
        for n in names {
            let name = &*n.path[0].name;
            if !FUTURE.contains(&name) {
                return Err(Error::syntax(
                    format!("future feature {name} is not defined"),
                    n.span,
                ));
            }
        }
        if names.is_empty() {
            return Err(Error::new(
                ErrorKind::SyntaxError,
                "future feature * is not defined",
            ));
        }
        if names.iter().any(|n| &*n.path[0].name == "annotations") {
            self.future_annotations = true;
        }
        Ok(())
    }

    /// The names of a module ormsh provides.
    fn import_names(
        &mut self,
        def: &'static ModuleDef,
        names: &[ImportName],
        span: crate::syntax::span::Span,
    ) -> Result<()> {
        let module = value(def);
        if names.is_empty() {
            let all = crate::eval::surface::module_names(self, &module);
            for n in all {
                let v = self.get_attr(&module, &n).map_err(|e| e.at(span))?;
                self.set_name(n, v);
            }
            return Ok(());
        }
        for n in names {
            let name = &n.path[0].name;
            let v = match self.get_attr(&module, name) {
                Ok(v) => v,
                // A name Python's module has, among the modules a
                // tutorial's import line takes it from with names ormsh
                // has: bound, refused when used.
                Err(e)
                    if e.kind == ErrorKind::NotImplementedError
                        && crate::eval::pymod::unavailable::DEFERRED.contains(&def.name) =>
                {
                    crate::eval::pymod::unavailable::Unavailable::value(def.name, name, &e)
                }
                Err(e) if e.kind == ErrorKind::AttributeError => {
                    return Err(cannot_import(name, def.name, &e).at(n.span));
                }
                Err(e) => return Err(e.at(n.span)),
            };
            let bound = bound_name(n);
            self.name_imported(def.name, name, &bound);
            self.set_name(bound, v);
        }
        Ok(())
    }

    /// `from yourapp import db, User`: the person's app module is this
    /// session; each name must be one it has. A session that defines
    /// models is that app, so a name it lacks is Python's `ImportError`
    /// (`cannot import name 'Nope' from 'app.models'`); a session with
    /// nothing of its own and none of the names has no such module.
    fn import_own(&mut self, module: &str, m: &ModulePath, names: &[ImportName]) -> Result<()> {
        let found: Vec<Option<Value>> =
            names.iter().map(|n| self.lookup(&n.path[0].name)).collect();
        let shown = format!("{}{module}", ".".repeat(m.level));
        if found.iter().all(Option::is_none) && self.registry.models().is_empty() {
            return Err(not_found(&shown).at(m.span));
        }
        if let Some(i) = found.iter().position(Option::is_none) {
            let n = &names[i];
            return Err(self.own_lacks(&n.path[0].name, &shown).at(n.span));
        }
        for (n, v) in names.iter().zip(found.into_iter().flatten()) {
            self.set_name(bound_name(n), v);
        }
        Ok(())
    }

    /// Python's `ImportError` for a name the app module (this session)
    /// does not have, with what it has: its models and the names it set.
    fn own_lacks(&self, name: &str, shown: &str) -> Error {
        let mut has: Vec<&str> = vec!["db"];
        has.extend(self.registry.models().iter().map(|m| &*m.name));
        let mut set: Vec<&str> = self
            .globals
            .keys()
            .map(|k| &**k)
            .filter(|k| !k.starts_with('_') && !has.contains(k))
            .collect();
        set.sort_unstable();
        has.extend(set);
        let near = match crate::eval::suggest::nearest(name, has.iter().copied()) {
            Some(c) => format!("did you mean '{c}'? "),
            None => String::new(),
        };
        // A module with no file, as Python words it: the session has none.
        Error::new(
            ErrorKind::ImportError,
            format!("cannot import name '{name}' from '{shown}' (unknown location)"),
        )
        .with_help(format!(
            "{near}ormsh reads '{shown}' as your app's own module, which is this session; it has {} — define {name} first (a class, a model block or an assignment)",
            has.join(", ")
        ))
    }
}

/// The name an imported name is bound to.
fn bound_name(n: &ImportName) -> Rc<str> {
    n.alias.as_ref().unwrap_or(&n.path[0]).name.clone()
}

/// Python's `ImportError` for a name `module` does not have.
fn cannot_import(name: &str, module: &str, e: &Error) -> Error {
    let hint = e
        .message
        .split_once(" — ")
        .or_else(|| e.message.split_once(". Did you mean"))
        .map_or(String::new(), |(_, h)| format!(" ({h})"));
    Error::new(
        ErrorKind::ImportError,
        format!("cannot import name '{name}' from '{module}'{hint}"),
    )
    .with_help(format!(
        "dir({module}) lists the names ormsh's {module} has"
    ))
}

impl Module {
    /// The module's dotted name.
    pub fn name(&self) -> &'static str {
        self.def.name
    }
}
