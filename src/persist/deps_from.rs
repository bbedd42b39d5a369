//! The names a stored model takes from the session besides module
//! aliases, enums, mixins and functions (`persist::deps`): names imported
//! bare from a declarable module (`from sqlalchemy import
//! UniqueConstraint`, then `__table_args__ = (UniqueConstraint('room',
//! 'day'),)`) and the type aliases its annotations name (`intpk =
//! Annotated[int, mapped_column(primary_key=True)]`, then `id:
//! Mapped[intpk]`, SQLAlchemy 2.0's documented pattern). Each is one more
//! row of `_ormsh_models`, recorded with the model and loaded before it:
//! kind `import` whose source is `from M import name [as alias]` (checked
//! by `import_shape`), or kind `alias` whose source is the one
//! assignment `NAME = Annotated[...]` (or `Optional[...]`, `Literal[...]`,
//! …), its value held to a declaration's rules and evaluated in
//! declaration mode. `.export python` writes both before the models.

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use crate::eval::Interp;
use crate::eval::pure::is_builtin;
use crate::eval::pymod;
use crate::eval::type_alias::TypeAlias;
use crate::persist::Entry;
use crate::persist::declare::Refusal;
use crate::persist::deps::DECLARABLE_MODULES;
use crate::syntax::ast::{ExprKind, Stmt, StmtKind};
use crate::syntax::parse_chunk;
use crate::value::Value;

/// The typing forms an alias row's value may subscript.
const ALIAS_FORMS: &[&str] = &["Annotated", "Optional", "Union", "Literal", "List"];

/// `from M import name` (or `… as alias`), the source of an import row.
pub fn from_source(module: &str, name: &str, alias: &str) -> String {
    if name == alias {
        format!("from {module} import {name}")
    } else {
        format!("from {module} import {name} as {alias}")
    }
}

/// The words a model's members use, not its methods' (what loading it
/// evaluates): those of their values, and those of their annotations
/// (read as text, never evaluated: only a type alias there matters).
fn member_words(source: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut values, mut annotations) = (BTreeSet::new(), BTreeSet::new());
    let Ok(stmts) = parse_chunk(source) else {
        return (values, annotations);
    };
    if let Some(StmtKind::Model(def)) = stmts.first().map(|s| &s.kind) {
        for m in &def.members {
            let text = |s: crate::syntax::span::Span| source.get(s.range()).unwrap_or_default();
            match &m.annotation {
                // (A member written `name: Mapped[int]` alone has a value
                // made from the annotation's span.)
                Some(a) if a.span == m.value.span => {}
                _ => crate::persist::export::bare_words(text(m.value.span), &mut values),
            }
            if let Some(a) = &m.annotation {
                crate::persist::export::bare_words(text(a.span), &mut annotations);
            }
        }
    }
    (values, annotations)
}

impl Interp {
    /// An import row (`import M as name`, `from M import n as name`):
    /// the module, or its name's value, bound to `name`.
    pub(super) fn load_import(&mut self, name: &str, src: &str) -> Result<(), Refusal> {
        let (def, imported) = import_shape(name, src)?;
        let module = pymod::value(def);
        let Some(n) = imported else {
            self.bind_dependency(name, module, src)?;
            self.store.import_aliases.insert(Rc::from(name), def.name);
            return Ok(());
        };
        // `from M import n as name`: the module's own value, which a
        // declaration may then read (`deps_from`).
        let v = (self.get_attr(&module, &n))
            .map_err(|e| format!("cannot import name {n} from {}: {}", def.name, e.message))?;
        self.bind_dependency(name, v.clone(), src)?;
        self.store.dependency_values.push((Rc::from(name), v));
        (self.store.from_imports).insert(Rc::from(name), (def.name, n));
        Ok(())
    }

    /// `from M import name as alias` ran: remembered when `M` is a module
    /// a definition may name, so a model using `alias` stores the import.
    pub(crate) fn name_imported(&mut self, module: &'static str, name: &str, alias: &Rc<str>) {
        if self.store.loading {
            return;
        }
        if DECLARABLE_MODULES.contains(&module) {
            (self.store.from_imports).insert(alias.clone(), (module, Rc::from(name)));
        } else {
            self.store.from_imports.remove(alias);
        }
    }

    /// `NAME = Annotated[...]` ran at the top level: its text kept, so that
    /// a model naming the alias can store it too.
    pub(crate) fn alias_assigned(&mut self, target: &crate::syntax::ast::Expr, v: &Value) {
        let ExprKind::Name(name) = &target.kind else {
            return;
        };
        if self.store.loading || !self.at_top_level() {
            return;
        }
        let text = self.source.get(self.store.stmt_span.range()).map(str::trim);
        match text {
            Some(t) if v.is::<TypeAlias>() && alias_shape(name, t).is_ok() => {
                (self.store.alias_sources).insert(name.clone(), Rc::from(t));
            }
            _ => {
                self.store.alias_sources.remove(name);
            }
        }
    }

    /// The import and alias rows a model written as `source` needs: each
    /// name its members use that the session imported bare from a
    /// declarable module (and that a declaration cannot see without it),
    /// each type alias its annotations name, and the imports the aliases'
    /// own values need.
    pub(crate) fn bare_import_entries(&self, source: &str) -> Vec<Entry> {
        let mut out = Vec::new();
        let (mut words, annotations) = member_words(source);
        let mut seen = HashSet::new();
        for w in annotations {
            if let Some(text) = self.store.alias_sources.get(w.as_str())
                && self.get_global(&w).is_some_and(|v| v.is::<TypeAlias>())
            {
                crate::persist::export::bare_words(text, &mut words);
                seen.insert(w.clone());
                out.push(Entry {
                    kind: "alias",
                    name: Rc::from(w.as_str()),
                    source: text.clone(),
                });
            }
        }
        while let Some(w) = words.pop_first() {
            if !seen.insert(w.clone()) {
                continue;
            }
            let Some(v) = self.get_global(&w) else {
                continue;
            };
            if let Some(text) = self.store.alias_sources.get(w.as_str())
                && v.is::<TypeAlias>()
            {
                crate::persist::export::bare_words(text, &mut words);
                out.push(Entry {
                    kind: "alias",
                    name: Rc::from(w.as_str()),
                    source: text.clone(),
                });
            } else if let Some((module, name)) = self.store.from_imports.get(w.as_str())
                && !is_builtin(&w)
            {
                out.push(Entry {
                    kind: "import",
                    name: Rc::from(w.as_str()),
                    source: Rc::from(from_source(module, name, &w)),
                });
            }
        }
        out
    }

    /// An alias row: the one assignment `name = FORM[...]`, its value held
    /// to a declaration's rules (`known`: the names it may use) and
    /// evaluated in declaration mode.
    pub(crate) fn load_alias(
        &mut self,
        name: &str,
        src: &str,
        known: &HashSet<String>,
    ) -> Result<(), Refusal> {
        let stmt = alias_shape(name, src)?;
        let StmtKind::Assign { value, .. } = &stmt.kind else {
            return Err(alias_refusal(name));
        };
        crate::persist::declare::function_body(value, &[], &|n| known.contains(n))?;
        let saved = std::mem::replace(&mut self.source, Rc::from(src));
        let r = self.declaring(|me| me.eval(value));
        self.source = saved;
        let v = r.map_err(|e| format!("its value failed: {}", e.message))?;
        if !v.is::<TypeAlias>() {
            return Err(alias_refusal(name));
        }
        self.bind_dependency(name, v.clone(), src)?;
        self.store.dependency_values.push((Rc::from(name), v));
        (self.store.alias_sources).insert(Rc::from(name), Rc::from(src));
        Ok(())
    }

    /// May a declaration read the global `name`, whose value is `v`? Yes
    /// when a stored import or alias row bound it to that very value.
    pub(crate) fn is_dependency_value(&self, name: &str, v: &Value) -> bool {
        self.store.dependency_values.iter().any(|(n, d)| {
            &**n == name
                && match (d, v) {
                    (Value::Obj(a), Value::Obj(b)) => Rc::ptr_eq(a, b),
                    _ => false,
                }
        })
    }

    /// The `from M import name as alias` lines `.export python` writes for
    /// the words `used` that the session (or the file) imported so.
    pub(crate) fn export_from_imports(&self, used: &BTreeSet<String>) -> BTreeSet<String> {
        used.iter()
            .filter_map(|w| {
                let (m, n) = self.store.from_imports.get(w.as_str())?;
                // A name the import lines write anyway, under its own name.
                let written = **n == **w && crate::persist::export_imports::writes(w);
                (!written).then(|| from_source(m, n, w))
            })
            .collect()
    }

    /// Is `name` a type alias whose assignment `.export python` writes?
    pub(crate) fn is_stored_alias(&self, name: &str) -> bool {
        self.store.alias_sources.contains_key(name)
            && self.get_global(name).is_some_and(|v| v.is::<TypeAlias>())
    }

    /// The alias assignments (`intpk = Annotated[...]`) the words `used`
    /// name, as stored, for `.export python`; their words added to `used`.
    pub(crate) fn export_aliases(&self, used: &mut BTreeSet<String>) -> Vec<String> {
        let mut out = Vec::new();
        let mut more = BTreeSet::new();
        for w in used.iter() {
            if let Some(text) = self.store.alias_sources.get(w.as_str())
                && self.get_global(w).is_some_and(|v| v.is::<TypeAlias>())
            {
                crate::persist::export::bare_words(text, &mut more);
                out.push(format!("{text}\n"));
            }
        }
        used.extend(more);
        out
    }
}

fn alias_refusal(name: &str) -> Refusal {
    format!(
        "a stored alias must be {name} = {}[...]",
        ALIAS_FORMS.join("|")
    )
}

/// An alias row's statement: one `name = FORM[...]` (FORM bare or after
/// a module name).
fn alias_shape(name: &str, src: &str) -> Result<Stmt, Refusal> {
    let stmts = parse_chunk(src).map_err(|_| alias_refusal(name))?;
    let [stmt] = <[Stmt; 1]>::try_from(stmts).map_err(|_| alias_refusal(name))?;
    let StmtKind::Assign { target, value } = &stmt.kind else {
        return Err(alias_refusal(name));
    };
    let named = matches!(&target.kind, ExprKind::Name(n) if &**n == name);
    let form = match &value.kind {
        ExprKind::Index { value, .. } => match &value.kind {
            ExprKind::Name(n) => Some(n.clone()),
            ExprKind::Attr { value, attr } if matches!(value.kind, ExprKind::Name(_)) => {
                Some(attr.name.clone())
            }
            _ => None,
        },
        _ => None,
    };
    if !named || !form.is_some_and(|f| ALIAS_FORMS.contains(&&*f)) {
        return Err(alias_refusal(name));
    }
    Ok(stmt)
}

/// An import row's module, checked: one `import M [as name]` binding
/// `name`, of a declarable module, or one `from M import n [as name]`
/// (`deps_from`; the name `n` given too).
#[allow(clippy::type_complexity)]
fn import_shape(
    name: &str,
    src: &str,
) -> Result<(&'static pymod::ModuleDef, Option<Rc<str>>), Refusal> {
    let refusal =
        || format!("a stored import must be import MODULE as {name} or from MODULE import {name}");
    let stmts = parse_chunk(src).map_err(|_| refusal())?;
    let [
        Stmt {
            kind: StmtKind::Import(imp),
            ..
        },
    ] = stmts.as_slice()
    else {
        return Err(refusal());
    };
    let [n] = imp.names.as_slice() else {
        return Err(refusal());
    };
    let (module, imported) = match &imp.from {
        None => (
            n.path
                .iter()
                .map(|p| &*p.name)
                .collect::<Vec<_>>()
                .join("."),
            None,
        ),
        Some(m) if m.level == 0 && n.path.len() == 1 => (
            m.parts
                .iter()
                .map(|p| &*p.name)
                .collect::<Vec<_>>()
                .join("."),
            Some(n.path[0].name.clone()),
        ),
        Some(_) => return Err(refusal()),
    };
    let binds = match (&n.alias, &imported) {
        (Some(a), _) => &*a.name,
        (None, Some(i)) => &**i,
        (None, None) => &*module,
    };
    if binds != name {
        return Err(refusal());
    }
    if !DECLARABLE_MODULES.contains(&&*module) {
        return Err(format!(
            "the module {module} is not one a definition may name ({})",
            DECLARABLE_MODULES.join(", ")
        ));
    }
    Ok((pymod::find(&module).ok_or_else(refusal)?, imported))
}
