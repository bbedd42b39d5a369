//! The modules an import statement may name, and what each lends:
//! `from decimal import Decimal`, `import uuid` (then `uuid.uuid4()`),
//! `from datetime import date, timedelta`, `from sqlalchemy import func`
//! (every name `db` lends from SQLAlchemy). A module ormsh does not have
//! is a `NotImplementedError` naming it; a name a module lacks is
//! Python's `ImportError`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::syntax::ast::ImportStmt;
use crate::value::{Object, Value};

/// The modules ormsh has, with the names each gives (`None`: every
/// attribute of `db`, as Flask-SQLAlchemy's `db` lends SQLAlchemy's).
const MODULES: &[(&str, Option<&[&str]>)] = &[
    ("decimal", Some(&["Decimal"])),
    ("uuid", Some(&["UUID", "uuid4"])),
    ("datetime", Some(&["datetime", "date", "time", "timedelta"])),
    ("sqlalchemy", None),
    ("sqlalchemy.orm", None),
];

/// Names Python's modules have that ormsh refuses, with the reason.
const REFUSED: &[(&str, &str)] = &[
    ("datetime.timezone", "aware datetimes"),
    ("datetime.tzinfo", "aware datetimes"),
    ("decimal.getcontext", "decimal contexts"),
    ("decimal.localcontext", "decimal contexts"),
    ("decimal.Context", "decimal contexts"),
];

/// A module bound by `import NAME`: its attributes are the names it gives.
pub struct Module(pub &'static str);

impl Object for Module {
    fn type_name(&self) -> &str {
        "module"
    }
}

fn find(module: &str) -> Result<(&'static str, Option<&'static [&'static str]>)> {
    MODULES
        .iter()
        .find(|(m, _)| *m == module)
        .copied()
        .ok_or_else(|| {
            Error::new(
                ErrorKind::NotImplementedError,
                format!("the module '{module}' is not supported by ormsh"),
            )
            .with_help(format!(
                "ormsh can import from {}",
                MODULES
                    .iter()
                    .map(|(m, _)| *m)
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })
}

/// `module.name`: the value, or `None` when the module has no such name.
pub fn member(me: &mut Interp, module: &str, name: &str) -> Option<Value> {
    let (_, names) = find(module).ok()?;
    match names {
        Some(names) => names
            .contains(&name)
            .then(|| crate::eval::builtins::lookup(name))
            .flatten(),
        None => {
            let db = Interp::namespace(crate::eval::objects::Ns::Db);
            me.get_attr(&db, &Rc::from(name)).ok()
        }
    }
}

/// The names `module` gives, for `dir()` and completion.
pub fn names(module: &str) -> Vec<Rc<str>> {
    match find(module) {
        Ok((_, Some(names))) => names.iter().map(|n| Rc::from(*n)).collect(),
        _ => Vec::new(),
    }
}

/// Run an import statement: bind the module, or the names taken from it.
pub fn import(me: &mut Interp, imp: &ImportStmt) -> Result<()> {
    me.refuse_when_declaring(|| format!("import from {}", imp.module.name))?;
    let (module, _) = find(&imp.module.name).map_err(|e| e.at(imp.module.span))?;
    if imp.names.is_empty() {
        if module.contains('.') && imp.alias.is_none() {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("'import {module}' is not supported by ormsh (it binds a package)"),
            )
            .at(imp.module.span)
            .with_help(format!(
                "import {module} as NAME, or from {module} import NAME"
            )));
        }
        let bound = imp.alias.as_ref().map_or(module.into(), |a| a.name.clone());
        me.set_name(bound, Value::obj(Module(module)));
        return Ok(());
    }
    for (name, alias) in &imp.names {
        let full = format!("{module}.{}", name.name);
        if let Some((_, what)) = REFUSED.iter().find(|(n, _)| *n == full) {
            let e = if *what == "aware datetimes" {
                crate::eval::dates::aware_refused()
            } else {
                Error::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "{full} is not supported by ormsh ({what}: ormsh's Decimal uses Python's default context, 28 digits, half even)"
                    ),
                )
            };
            return Err(e.at(name.span));
        }
        let v = member(me, module, &name.name).ok_or_else(|| {
            Error::new(
                ErrorKind::ImportError,
                format!("cannot import name '{}' from '{module}'", name.name),
            )
            .at(name.span)
        })?;
        let bound = alias.as_ref().unwrap_or(name).name.clone();
        me.set_name(bound, v);
    }
    Ok(())
}
