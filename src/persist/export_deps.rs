//! `.export python`'s module aliases, enum classes and mixins
//! (`persist::deps`): the `import sqlalchemy as sa` lines a definition's
//! names need, each enum class a model uses, written before the tables
//! and models as `class Status(enum.Enum):` with its body as stored (the
//! base always spelled `enum.X`, so that a bare `Enum` stays `db.Enum`),
//! and each mixin as written.

use std::collections::BTreeSet;

use crate::eval::Interp;
use crate::persist::deps::{DECLARABLE_MODULES, import_source, is_enum_class, is_mixin_class};
use crate::persist::deps_function::is_plain_function;
use crate::syntax::ast::StmtKind;
use crate::syntax::parse_chunk;

impl Interp {
    /// The session's names a definition may use besides models and
    /// tables: aliases of declarable modules and enum classes.
    pub(crate) fn dependency_names(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .global_names()
            .into_iter()
            .filter(|n| {
                self.get_global(n).is_some_and(|v| {
                    (is_enum_class(v) || is_mixin_class(v) || is_plain_function(v))
                        && self.store.class_sources.contains_key(&**n)
                })
            })
            .map(|n| n.to_string())
            .collect();
        out.extend(self.store.import_aliases.keys().map(|k| k.to_string()));
        // Names imported bare and type aliases (`deps_from`), still bound.
        let bare = (self.store.from_imports.keys()).chain(self.store.alias_sources.keys());
        out.extend(
            bare.filter(|k| self.get_global(k).is_some())
                .map(|k| k.to_string()),
        );
        out
    }

    /// `import M as alias` for each alias `used` names that a definition
    /// was stored with (a module bound to the name later, as `import
    /// datetime` after a model using the class `datetime`, is not one).
    pub(crate) fn export_imports(&self, used: &BTreeSet<String>) -> BTreeSet<String> {
        used.iter()
            .filter_map(|w| {
                let m = self.store.import_aliases.get(w.as_str())?;
                DECLARABLE_MODULES.contains(m).then(|| import_source(m, w))
            })
            .collect()
    }

    /// The enum classes and mixins `used` names, each as a class
    /// statement (the imports enums need added to `imports`, the names a
    /// mixin's text uses to `used`).
    pub(crate) fn export_classes(
        &self,
        used: &mut BTreeSet<String>,
        imports: &mut BTreeSet<String>,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let mut more = BTreeSet::new();
        let mut mixins_seen = BTreeSet::new();
        for w in used.iter() {
            let Some(src) = self.store.class_sources.get(w.as_str()) else {
                continue;
            };
            if self.get_global(w).is_some_and(is_plain_function) {
                if crate::persist::deps_function::function_shape(w, src).is_err() {
                    continue;
                }
                crate::persist::export::bare_words(src, &mut more);
                out.push(format!("{}\n", src.trim()));
                continue;
            }
            if self.get_global(w).is_some_and(is_mixin_class) {
                self.export_mixin(w, &mut mixins_seen, &mut out, &mut more);
                continue;
            }
            if !self.get_global(w).is_some_and(is_enum_class) {
                continue;
            }
            let Some(text) = enum_text(src) else { continue };
            let mut words = BTreeSet::new();
            crate::persist::export::bare_words(&text, &mut words);
            if words.contains("auto") {
                imports.insert("from enum import auto".into());
            }
            imports.insert("import enum".into());
            out.push(text);
        }
        used.extend(more);
        out
    }
}

impl Interp {
    /// The mixin (or abstract model) `w` as written, after the mixins
    /// and abstract models its own text names (`class Sub(Base):` after
    /// `Base`), each once; the names its text uses go to `more`.
    fn export_mixin(
        &self,
        w: &str,
        seen: &mut BTreeSet<String>,
        out: &mut Vec<String>,
        more: &mut BTreeSet<String>,
    ) {
        let Some(src) = self.store.class_sources.get(w) else {
            return;
        };
        if !seen.insert(w.to_string()) {
            return;
        }
        let mut words = BTreeSet::new();
        crate::persist::export::bare_words(src, &mut words);
        for b in &words {
            if b != w && self.get_global(b).is_some_and(is_mixin_class) {
                self.export_mixin(b, seen, out, more);
            }
        }
        more.extend(words);
        out.push(format!("{}\n", src.trim()));
    }
}

/// `class Name(enum.Kind):` and the stored body, from its first statement.
fn enum_text(src: &str) -> Option<String> {
    let stmts = parse_chunk(src).ok()?;
    let StmtKind::Class(def) = &stmts.first()?.kind else {
        return None;
    };
    let base = def.bases.first()?;
    let kind = match &base.kind {
        crate::syntax::ast::ExprKind::Attr { attr, .. } => attr.name.clone(),
        crate::syntax::ast::ExprKind::Name(n) => n.clone(),
        _ => return None,
    };
    let first = def.body.first()?.span.start as usize;
    let head = src.get(..first)?;
    let body = match head.rfind('\n') {
        Some(nl) if head[nl..].trim().is_empty() => src.get(nl + 1..)?.to_string(),
        _ => format!("    {}", src.get(first..)?),
    };
    Some(format!(
        "class {}(enum.{kind}):\n{}\n",
        def.name.name,
        body.trim_end()
    ))
}
