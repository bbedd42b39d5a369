//! What a stored definition names besides models and tables: the module
//! aliases of its source (`import sqlalchemy as sa`, `import
//! sqlalchemy.orm as so`, Miguel Grinberg's mega-tutorial style) and the
//! enum classes its columns take (`class Status(enum.Enum): …`) and the
//! mixins it takes columns from (`class TimestampMixin:`). Each is one
//! more row of `_ormsh_models` — kind `import` (named by the alias, the
//! source `import M as alias`), `enum` or `mixin` (the class statement as
//! written) — recorded when a definition using it is, and loaded before
//! the models so that their declarations can name it. A mixin row is
//! checked as a model's members are (`declare::names`) and its class
//! made without running its body.
//!
//! Both are checked as declarations, more narrowly than a model: an
//! import row is one `import M [as name]` (or `from M import n [as
//! name]`, checked and loaded in `deps_from`) of a module whose names only
//! build schema (`DECLARABLE_MODULES`), bound to the name the row gives;
//! an enum row is one `class Name(Enum|IntEnum|StrEnum)` statement (the
//! base bare or after one module name) whose body holds only a docstring,
//! `pass` and `NAME = literal` or `NAME = auto()` lines. Loading one runs
//! nothing but the literals: the enum class is made from them as
//! `EnumType` makes it (`eval::pyenum::make_members`).

use std::collections::HashSet;
use std::rc::Rc;

use crate::eval::Interp;
use crate::eval::pyclass::PyClass;
use crate::eval::pyenum::{self, EnumKind};
use crate::eval::pymod::Module;
use crate::persist::Entry;
use crate::persist::declare::{Refusal, is_identifier};
use crate::syntax::ast::{ClassDef, Expr, ExprKind, Stmt, StmtKind};
use crate::syntax::parse_chunk;
use crate::value::Value;

/// The modules a stored definition may name by an alias: their names
/// build columns, types, keys, relationships and values, nothing else
/// (`eval::pymod::dynamic` holds them to that while declaring).
pub const DECLARABLE_MODULES: &[&str] = &[
    "sqlalchemy",
    "sqlalchemy.orm",
    "sqlalchemy.sql",
    "sqlalchemy.sql.expression",
    "sqlalchemy.dialects.postgresql",
    "datetime",
    "decimal",
    "enum",
    "typing",
    "uuid",
];

/// Is `v` a module a declaration may name?
pub fn is_declarable_module(v: &Value) -> bool {
    v.downcast::<Module>()
        .is_some_and(|m| DECLARABLE_MODULES.contains(&m.def.name))
}

/// Is `v` an enum class made by a `class` statement?
pub fn is_enum_class(v: &Value) -> bool {
    v.downcast::<PyClass>()
        .is_some_and(|c| c.is_enum() && !c.members.borrow().is_empty())
}

/// Is `v` a plain class a model may take as a mixin (no base, not an
/// enum, a body of columns and relationships, and methods, which a
/// stored mixin keeps in its source and leaves out when loaded), or an
/// abstract model?
pub fn is_mixin_class(v: &Value) -> bool {
    v.downcast::<PyClass>().is_some_and(|c| {
        !c.is_enum()
            && c.base.is_none()
            && c.statement
                .as_ref()
                .is_some_and(|(d, _)| crate::syntax::mixin_members(d).is_some())
    })
}

/// The import statement that binds `alias` to the module `module`.
pub fn import_source(module: &str, alias: &str) -> String {
    if module == alias {
        format!("import {module}")
    } else {
        format!("import {module} as {alias}")
    }
}

/// A model's source with its members' annotations blanked: they are read
/// as text (`schema::mapped`), never evaluated, so `Mapped[datetime.date]`
/// needs no `import datetime` row (and must not make `datetime` the module
/// for the other definitions).
fn without_annotations(source: &str) -> String {
    let Ok(stmts) = parse_chunk(source) else {
        return source.to_string();
    };
    let mut text: Vec<u8> = source.as_bytes().to_vec();
    if let Some(StmtKind::Model(def)) = stmts.first().map(|s| &s.kind) {
        for m in &def.members {
            // (A member written `name: Mapped[int]` alone has a value made
            // from the annotation's span, with no text of its own.)
            let Some(a) = &m.annotation else { continue };
            for b in text.get_mut(a.span.range()).into_iter().flatten() {
                *b = b' ';
            }
        }
    }
    String::from_utf8(text).unwrap_or_else(|_| source.to_string())
}

/// The names a model's members' annotations use beyond the typing forms
/// (`schema::mapped::session_names`): classes and type aliases.
pub(crate) fn annotation_names(source: &str) -> Vec<Rc<str>> {
    let Ok(stmts) = parse_chunk(source) else {
        return Vec::new();
    };
    let Some(StmtKind::Model(def)) = stmts.first().map(|s| &s.kind) else {
        return Vec::new();
    };
    (def.members.iter())
        .filter_map(|m| m.annotation.as_ref())
        .flat_map(|a| crate::schema::mapped::session_names(&unquoted(a)))
        .collect()
}

/// A quoted annotation (`Mapped["Priority"]`) read as the expression it
/// holds; any other as it is.
fn unquoted(a: &Expr) -> Expr {
    let mut a = a.clone();
    let mut stack = vec![&mut a];
    while let Some(e) = stack.pop() {
        if let ExprKind::Str(s) = &e.kind {
            if let Ok(stmts) = parse_chunk(s)
                && let [
                    Stmt {
                        kind: StmtKind::Expr(x),
                        ..
                    },
                ] = stmts.as_slice()
            {
                *e = x.clone();
            }
            continue;
        }
        match &mut e.kind {
            ExprKind::Index { value, index } => {
                stack.push(value);
                stack.push(index);
            }
            ExprKind::Tuple(items) => stack.extend(items.iter_mut()),
            ExprKind::Binary { left, right, .. } => {
                stack.push(left);
                stack.push(right);
            }
            _ => {}
        }
    }
    a
}

/// The enum kind a base written `Enum`, `enum.IntEnum`, … names.
fn enum_base(e: &Expr) -> Option<EnumKind> {
    let last = match &e.kind {
        ExprKind::Name(n) => n,
        ExprKind::Attr { value, attr } if matches!(value.kind, ExprKind::Name(_)) => &attr.name,
        _ => return None,
    };
    match &**last {
        "Enum" => Some(EnumKind::Enum),
        "IntEnum" => Some(EnumKind::IntEnum),
        "StrEnum" => Some(EnumKind::StrEnum),
        _ => None,
    }
}

/// A literal member value: a string, number, bool, `None`, a negative
/// number, or `auto()` (bare or after a module name).
fn literal_member(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Str(_)
        | ExprKind::Int(_)
        | ExprKind::Float(_)
        | ExprKind::Bool(_)
        | ExprKind::None => true,
        ExprKind::Unary { operand, .. } => {
            matches!(operand.kind, ExprKind::Int(_) | ExprKind::Float(_))
        }
        ExprKind::Call { func, args } if args.is_empty() => match &func.kind {
            ExprKind::Name(n) => &**n == "auto",
            ExprKind::Attr { value, attr } => {
                matches!(value.kind, ExprKind::Name(_)) && &*attr.name == "auto"
            }
            _ => false,
        },
        _ => false,
    }
}

/// An enum row's statement, checked: the class, its kind and its body's
/// `(name, value)` lines.
fn enum_shape(name: &str, src: &str) -> Result<(Rc<ClassDef>, EnumKind), Refusal> {
    let stmts = parse_chunk(src).map_err(|_| "its source does not parse".to_string())?;
    let [
        Stmt {
            kind: StmtKind::Class(def),
            ..
        },
    ] = stmts.as_slice()
    else {
        return Err("a stored enum must be one class statement".into());
    };
    if *def.name.name != *name {
        return Err(format!("its source defines {}, not {name}", def.name.name));
    }
    let [base] = def.bases.as_slice() else {
        return Err("a stored enum has one base, Enum, IntEnum or StrEnum".into());
    };
    let kind = enum_base(base).ok_or("a stored enum has one base, Enum, IntEnum or StrEnum")?;
    for (i, s) in def.body.iter().enumerate() {
        let ok = match &s.kind {
            StmtKind::Pass => true,
            StmtKind::Expr(e) => i == 0 && matches!(e.kind, ExprKind::Str(_)),
            StmtKind::Assign { target, value } => {
                matches!(&target.kind, ExprKind::Name(n) if !n.starts_with('_'))
                    && literal_member(value)
            }
            _ => false,
        };
        if !ok {
            return Err(
                "a stored enum's body holds only NAME = literal or NAME = auto() lines".into(),
            );
        }
    }
    Ok((def.clone(), kind))
}

impl Interp {
    /// A top-level enum class was defined by the statement being run:
    /// its text kept, so that a definition naming it can store it too.
    pub(crate) fn class_defined(&mut self, name: &Rc<str>) {
        if self.store.loading {
            return;
        }
        if let Some(text) = self.source.get(self.store.stmt_span.range()) {
            self.store
                .class_sources
                .insert(name.clone(), Rc::from(text.trim()));
        }
    }

    /// The import and enum rows a definition written as `source` names:
    /// each bare name bound to a declarable module or to an enum class
    /// this session defined (recorded before the definition itself).
    pub(crate) fn record_dependencies(&mut self, source: &str) {
        self.record_dependencies_seen(source, &mut HashSet::new());
    }

    /// `record_dependencies`, a mixin's own (its bases, the abstract
    /// model it is based on) recorded before it; `seen`: the mixins
    /// visited (a class naming itself in a method is recorded once).
    fn record_dependencies_seen(&mut self, source: &str, seen: &mut HashSet<String>) {
        let mut words = std::collections::BTreeSet::new();
        crate::persist::export::bare_words(&without_annotations(source), &mut words);
        // An enum class named only in an annotation (`prio: Mapped[Priority]`)
        // is the column's type: stored with the model too.
        words.extend(
            annotation_names(source)
                .into_iter()
                .filter(|n| self.get_global(n).is_some_and(is_enum_class))
                .map(|n| n.to_string()),
        );
        let mut entries = Vec::new();
        let mut unstorable: Vec<(String, String)> = Vec::new();
        for w in &words {
            let Some(v) = self.get_global(w.as_str()).cloned() else {
                continue;
            };
            let v = &v;
            if let Some(m) = v.downcast::<Module>()
                && DECLARABLE_MODULES.contains(&m.def.name)
            {
                self.store
                    .import_aliases
                    .insert(Rc::from(w.as_str()), m.def.name);
                entries.push(Entry {
                    kind: "import",
                    name: Rc::from(w.as_str()),
                    source: Rc::from(import_source(m.def.name, w)),
                });
            } else if crate::persist::deps_function::is_plain_function(v) {
                match self.function_entry(w) {
                    Ok(e) => entries.push(e),
                    Err(why) => unstorable.push((w.clone(), why)),
                }
            } else if let Some(src) = self.store.class_sources.get(w.as_str()).cloned()
                && (is_enum_class(v) || is_mixin_class(v))
            {
                if is_mixin_class(v) && seen.insert(w.clone()) {
                    self.record_dependencies_seen(&src, seen);
                }
                entries.push(Entry {
                    kind: if is_enum_class(v) { "enum" } else { "mixin" },
                    name: Rc::from(w.as_str()),
                    source: src,
                });
            }
        }
        (unstorable.iter()).for_each(|(name, why)| self.unstorable_note(name, why));
        entries.extend(self.bare_import_entries(source));
        // Imports first: they are loaded first anyway.
        entries.sort_by_key(|e| e.kind != "import");
        for e in entries {
            self.record_dependency(e);
        }
    }

    /// Load the import and enum rows of `rows` (kind, name, source);
    /// returns the names they bound. Refusals go to `store.refused`.
    pub(crate) fn load_dependencies(
        &mut self,
        rows: &[(String, String, String, String)],
        known: &HashSet<String>,
    ) -> HashSet<String> {
        let mut bound: HashSet<String> = HashSet::new();
        // A row refused leaves its name unknown to the rows after it.
        let mut known = known.clone();
        for kind in ["metadata", "import", "alias", "enum", "mixin", "function"] {
            let mut todo: Vec<&(String, String, String, String)> =
                rows.iter().filter(|r| r.0 == kind).collect();
            // A mixin based on another (an abstract model on an abstract
            // model) loads after it, whatever the rows' order: each pass
            // loads what it can, until one loads nothing.
            loop {
                let mut failed = Vec::new();
                for row @ (k, name, src, _) in todo.iter().copied() {
                    let r = match k.as_str() {
                        "import" => self.load_import(name, src),
                        "alias" => self.load_alias(name, src, &known),
                        "enum" => self.load_enum(name, src),
                        "function" => self.load_function(name, src, &known),
                        "metadata" => self.load_metadata(name, src),
                        _ => self.load_mixin(name, src, &known),
                    };
                    match r {
                        Ok(()) => {
                            bound.insert(name.clone());
                        }
                        Err(why) => failed.push((row, why)),
                    }
                }
                if kind == "mixin" && !failed.is_empty() && failed.len() < todo.len() {
                    todo = failed.into_iter().map(|(row, _)| row).collect();
                    continue;
                }
                for ((_, name, _, what), why) in failed {
                    known.remove(name);
                    self.store
                        .refused
                        .push(format!("{what} was not loaded: {why}"));
                }
                break;
            }
        }
        bound
    }

    fn load_enum(&mut self, name: &str, src: &str) -> Result<(), Refusal> {
        let (def, kind) = enum_shape(name, src)?;
        let mut body: Vec<(Rc<str>, Value)> = Vec::new();
        let mut doc = None;
        for s in &def.body {
            match &s.kind {
                StmtKind::Expr(Expr {
                    kind: ExprKind::Str(d),
                    ..
                }) => doc = Some(d.clone()),
                StmtKind::Assign { target, value } => {
                    let ExprKind::Name(n) = &target.kind else {
                        continue;
                    };
                    let v = match &value.kind {
                        ExprKind::Call { .. } => Value::obj(pyenum::Auto),
                        _ => self.eval(value).map_err(|e| e.message)?,
                    };
                    body.retain(|(b, _)| b != n);
                    body.push((n.clone(), v));
                }
                _ => {}
            }
        }
        let class = Rc::new(PyClass {
            name: def.name.name.clone(),
            base: pyenum::root(kind).downcast::<PyClass>(),
            dict: std::cell::RefCell::new(Vec::new()),
            enum_kind: Some(kind),
            members: std::cell::RefCell::new(Vec::new()),
            doc,
            statement: None,
        });
        pyenum::make_members(self, &class, body).map_err(|e| e.message)?;
        self.bind_dependency(name, Value::Obj(class), src)?;
        self.store
            .class_sources
            .insert(Rc::from(name), Rc::from(src));
        Ok(())
    }

    /// Bind a loaded import or enum to its global name, unless the session
    /// has a variable of that name already (an import of the same module
    /// is no conflict).
    pub(super) fn bind_dependency(
        &mut self,
        name: &str,
        v: Value,
        _src: &str,
    ) -> Result<(), Refusal> {
        if !is_identifier(name) {
            return Err("its name is not an identifier".into());
        }
        if let Some(old) = self.get_global(name) {
            let same = match (old.downcast::<Module>(), v.downcast::<Module>()) {
                (Some(a), Some(b)) => std::ptr::eq(a.def, b.def),
                _ => false,
            };
            if !same {
                return Err(format!("the session's variable {name} has that name"));
            }
            return Ok(());
        }
        self.set_global(Rc::from(name), v);
        Ok(())
    }
}
