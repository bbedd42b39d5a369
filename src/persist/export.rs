//! `.export python`: the models as a Flask-SQLAlchemy `models.py`
//! (`db = SQLAlchemy()`, association tables, one class per model with its
//! members as written, `__repr__ = EXPR` and `__str__` as methods, the
//! class body's other methods and properties as written
//! (`export_methods`), a bind key as a comment), translated from each
//! definition's source so that what the user wrote is what Flask runs.
//! `.export sql`: the DDL `create_all()` would run. Only declarations are
//! exported (`persist::declare`): Flask-SQLAlchemy evaluates relationship
//! strings and `text()` too, so what ormsh refuses to run from a file is
//! not written for Python to run either.

use std::collections::{BTreeSet, HashSet};
use std::rc::Rc;

use crate::eval::Interp;
use crate::persist::declare::{Declaration, names, shape};
use crate::persist::deps::is_enum_class;
use crate::persist::export_stored::StoredSchema;
use crate::persist::export_table_args::{StoredTableArgs, stored_table_args};
use crate::persist::export_views::{ExportedViews, VIEW_TABLE_ARGS, VIRTUAL_TABLE_ARGS};
use crate::schema::model::Model;
use crate::schema::reflect::type_source;
use crate::schema::table::Table;
use crate::syntax::ast::StmtKind;
use crate::syntax::parse_chunk;
use crate::value::repr::str_repr;

/// The identifiers used bare (not after a `.`) in `src`, outside strings.
pub(crate) fn bare_words(src: &str, out: &mut BTreeSet<String>) {
    let b = src.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'\'' || c == b'"' {
            let q = c;
            i += 1;
            while i < b.len() && b[i] != q {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
        } else if c == b'#' {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            let after_dot = src[..start].trim_end().ends_with('.');
            let rest = src[i..].trim_start();
            let keyword_arg = rest.starts_with('=') && !rest.starts_with("==");
            if !after_dot && !keyword_arg {
                out.insert(src[start..i].to_string());
            }
        } else {
            i += 1;
        }
    }
}

/// A model's class, from its source (members as written); `abstract_base`
/// says whether a base named by a plain name is an abstract model, kept.
/// `stored`: what a reflected table's model must add to make the table
/// the file has (`export_table_args`).
/// `is_alias`: whether a name is a type alias the file writes (an
/// annotation naming one is written as it was), or an enum class it defines.
fn class_text(
    m: &Model,
    abstract_base: &dyn Fn(&str) -> bool,
    is_alias: &dyn Fn(&str) -> bool,
    stored: &StoredTableArgs,
) -> String {
    let mut out = format!("class {}(db.Model):\n", m.name);
    let mut has_table = false;
    let mut doc: Option<String> = None;
    let mut body = Vec::new();
    if let Ok(stmts) = parse_chunk(&m.source)
        && let Some(StmtKind::Model(def)) = stmts.first().map(|s| &s.kind)
    {
        // `class X(database.Model):` keeps the extension's name (the
        // file binds it: `write_imports`).
        let model_base = def
            .extension
            .as_ref()
            .map_or_else(|| "db.Model".to_string(), |e| format!("{}.Model", e.name));
        out = format!("class {}({model_base}):\n", m.name);
        // `class Tag(Model):` on an abstract model named `Model` (else
        // `Model` is read as `db.Model`).
        if let Some(b) = (def.base.as_ref().map(|(b, _)| b)).or(def.bare_model.as_ref())
            && abstract_base(&b.name)
        {
            out = format!("class {}({}):\n", m.name, b.name);
        }
        if !def.mixins.is_empty() {
            let names: Vec<&str> = def.mixins.iter().map(|x| &*x.name).collect();
            out = format!("class {}({}, {model_base}):\n", m.name, names.join(", "));
        }
        // `x = property(fset=f)` and `__str__ = __repr__` name methods:
        // written after them.
        let mut after = Vec::new();
        for mem in &def.members {
            let expr = m.source.get(mem.value.span.range()).unwrap_or("None");
            match &*mem.name.name {
                name if crate::eval::property_call::is_property_call(&mem.value)
                    || crate::eval::property_call::method_alias(def, mem).is_some() =>
                {
                    after.push(format!("    {name} = {expr}"))
                }
                special @ ("__repr__" | "__str__") => {
                    match crate::persist::export_methods::repr_def_text(&m.source, mem) {
                        Some(text) => body.push(format!("\n{text}")),
                        None => body.push(format!(
                            "\n    def {special}(self):\n        return {}",
                            parenthesized(expr)
                        )),
                    }
                }
                // Flask-SQLAlchemy's create_all() fails on a bind key the
                // app does not configure; ormsh keeps the model in the
                // one database, and so does the exported file.
                "__bind_key__" => body.push(format!(
                    "    # __bind_key__ = {expr} (ormsh keeps every model in one database)"
                )),
                // A reflected model's own table args are SQLAlchemy's
                // reflection of the file; the export writes the file's
                // (`stored`), which say more (expression indexes, DESC).
                "__table_args__" if m.reflected => {}
                // The docstring, first in the body as written.
                "__doc__" => doc = Some(expr.to_string()),
                "__tablename__" => {
                    has_table = true;
                    body.push(format!("    __tablename__ = {expr}"));
                    body.extend(stored.line.clone());
                }
                // A table without a primary key: SQLite's rowid is the
                // mapper's key, a system column CREATE TABLE leaves out,
                // filled by the database (so create_all makes the table
                // the file has, and an INSERT reads the rowid back).
                name if m.reflected
                    && (m.columns.iter()).any(|c| &*c.attr == name && c.sqlite_rowid) =>
                {
                    let col = (m.columns.iter()).find(|c| &*c.attr == name);
                    let col = col.map_or(name, |c| &*c.name);
                    body.push(format!(
                        "    {name} = db.Column({}, db.Integer, system=True, server_default=db.FetchedValue())",
                        str_repr(col)
                    ));
                    body.push(format!("    __mapper_args__ = {{'primary_key': [{name}]}}"));
                }
                name => match &mem.annotation {
                    Some(a) => body.push(typed_member(m, name, a, &mem.value, expr, is_alias)),
                    None => body.push(format!("    {name} = {}", stored.member(name, expr))),
                },
            }
        }
        // Methods and properties, as written.
        for f in &def.methods {
            if let Some(text) = crate::persist::export_methods::method_text(&m.source, f) {
                body.push(format!("\n{text}"));
            }
        }
        if !after.is_empty() {
            body.push(format!("\n{}", after.join("\n")));
        }
    } else {
        for c in &m.columns {
            body.push(format!("    {} = {}", c.attr, column_text(c, true)));
        }
    }
    if let Some(d) = doc {
        out.push_str(&format!("    {d}\n"));
    }
    if !has_table {
        out.push_str(&format!("    __tablename__ = {}\n", str_repr(&m.table)));
    }
    for b in body {
        out.push_str(&b);
        out.push('\n');
    }
    out
}

/// An expression's text as a `return` value: in parentheses when it
/// spans lines (its own were outside its span), so Python reads it whole.
fn parenthesized(expr: &str) -> String {
    if expr.contains('\n') {
        format!("({expr})")
    } else {
        expr.to_string()
    }
}

/// A typed member, `name: Mapped[...] = value` (without `= value` when
/// the source had none), its annotation in Python's canonical names.
fn typed_member(
    m: &Model,
    name: &str,
    ann: &crate::syntax::ast::Expr,
    value: &crate::syntax::ast::Expr,
    expr: &str,
    is_alias: &dyn Fn(&str) -> bool,
) -> String {
    let as_written = || m.source.get(ann.span.range()).unwrap_or("None").to_string();
    let names_alias = crate::schema::mapped::session_names(ann)
        .iter()
        .any(|n| is_alias(n));
    let text = match crate::schema::mapped::read(ann, &m.name, name) {
        Ok(_) if names_alias => as_written(),
        Ok(a) => crate::schema::mapped::python_text(&a),
        Err(_) => as_written(),
    };
    if value.span == ann.span {
        format!("    {name}: {text}")
    } else {
        format!("    {name}: {text} = {expr}")
    }
}

/// `db.Column(...)` for a column (when no source is at hand).
fn column_text(c: &crate::schema::column::Column, in_model: bool) -> String {
    let mut args = Vec::new();
    if !in_model || c.attr != c.name {
        args.push(str_repr(&c.name));
    }
    args.push(match c.type_opts.class {
        Some(class) => crate::schema::sql_types::class_source(class, &c.type_opts),
        None => type_source(&c.ty),
    });
    args.retain(|a| !a.is_empty());
    if let Some(fk) = &c.foreign_key {
        args.push(format!(
            "db.ForeignKey({})",
            str_repr(&format!("{}.{}", fk.table, fk.column))
        ));
    }
    if c.primary_key {
        args.push("primary_key=True".into());
    } else if !c.nullable {
        args.push("nullable=False".into());
    }
    if c.unique {
        args.push("unique=True".into());
    }
    if c.index {
        args.push("index=True".into());
    }
    if c.server_fetched {
        args.push("server_default=db.FetchedValue()".to_string());
    }
    if let Some(d) = &c.server_default {
        args.push(format!("server_default=db.text({})", str_repr(d)));
    }
    if !in_model && c.attr != c.name {
        args.push(format!("key={}", str_repr(&c.attr)));
    }
    let col = format!("db.Column({})", args.join(", "));
    match &c.deferred {
        Some(d) if in_model => {
            let mut kw = String::new();
            if let Some(g) = &d.group {
                kw.push_str(&format!(", group={}", str_repr(g)));
            }
            if d.raiseload {
                kw.push_str(", raiseload=True");
            }
            format!("db.deferred({col}{kw})")
        }
        _ => col,
    }
}

fn table_text(t: &Table, source: Option<&str>) -> String {
    match source {
        Some(s) => format!("{}\n", s.trim()),
        None => format!(
            "{} = db.Table({},\n    {})\n",
            crate::schema::inflect::attr_name(&t.name),
            str_repr(&t.name),
            t.columns
                .iter()
                .map(|c| column_text(c, false))
                .collect::<Vec<_>>()
                .join(",\n    ")
        ),
    }
}

/// A table's source checked as a declaration (`None`: it has none).
type Checked = Result<Declaration, String>;

/// A Python comment saying why a definition was left out (printable, on
/// one line, so that it cannot end early).
fn left_out(what: &str, why: &str) -> String {
    let text: String = format!("{what} is not exported: {why}")
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect();
    format!("# {text}\n")
}

impl Interp {
    /// The models as a Flask-SQLAlchemy `models.py`: only what declaration
    /// mode accepts (`persist::declare`), so the file runs nothing when
    /// Flask imports it; a definition that is not a declaration is left
    /// out with a comment saying why.
    pub fn export_python(&self) -> String {
        let builtin = |n: &str| crate::eval::builtins::lookup(n).is_some();
        let table_decls: Vec<(&Rc<Table>, Option<Checked>)> = self
            .registry
            .tables()
            .iter()
            .map(|t| {
                let src = self.store.table_sources.get(&t.name);
                (t, src.map(|s| shape("table", &t.name, s, &builtin)))
            })
            .collect();
        // A model's table too: `secondary='name'` may name it.
        let mut known: HashSet<&str> = (self.registry.models().iter())
            .flat_map(|m| [&*m.name, &*m.table])
            .collect();
        for (t, d) in &table_decls {
            known.insert(&t.name);
            if let Some(Ok(d)) = d {
                known.insert(&d.binds);
            }
        }
        let deps = self.dependency_names();
        known.extend(deps.iter().map(|n| n.as_str()));
        let known = |n: &str| known.contains(n);
        let tables: Vec<(usize, String)> = table_decls
            .iter()
            .map(|(t, d)| {
                (
                    self.registry.metadata_position(&t.name),
                    match d {
                        None => table_text(t, None),
                        Some(d) => match d
                            .as_ref()
                            .map_err(|e| e.clone())
                            .and_then(|d| names(d, &known))
                        {
                            Ok(()) => {
                                table_text(t, self.store.table_sources.get(&t.name).map(|s| &**s))
                            }
                            Err(why) => left_out(&format!("the table {}", str_repr(&t.name)), &why),
                        },
                    },
                )
            })
            .collect();
        let objects = self.session.engine.stored_schema().unwrap_or_default();
        let views = ExportedViews::new(&objects, self.registry.models());
        // automap's classes are the session's own (SQLAlchemy makes them
        // at each `prepare()`): the file's models stand for their tables.
        let classes = self
            .registry
            .models()
            .iter()
            // Nor is a shadow table of an FTS or R*Tree index: its
            // virtual table makes it.
            .filter(|m| !m.automap && !self.store.is_index_data(&m.name))
            .map(|m| {
                let text = match shape("model", &m.name, &m.source, &builtin)
                    .and_then(|d| names(&d, &known))
                {
                    Ok(()) => {
                        let stored = if views.is_view(m) {
                            StoredTableArgs {
                                line: Some(VIEW_TABLE_ARGS.to_string()),
                                ..StoredTableArgs::default()
                            }
                        } else if views.is_virtual(m) {
                            StoredTableArgs {
                                line: Some(VIRTUAL_TABLE_ARGS.to_string()),
                                ..StoredTableArgs::default()
                            }
                        } else if m.reflected {
                            stored_table_args(&self.session.engine, &m.table)
                        } else {
                            StoredTableArgs::default()
                        };
                        let abstract_base = |b: &str| {
                            self.get_global(b)
                                .is_some_and(crate::eval::mixins::is_abstract_model)
                        };
                        // An enum class is written as named, unquoted
                        // (the file defines it first): the annotation
                        // as written, as for an alias.
                        let is_alias = |n: &str| {
                            self.is_stored_alias(n) || self.get_global(n).is_some_and(is_enum_class)
                        };
                        class_text(m, &abstract_base, &is_alias, &stored)
                    }
                    Err(why) => left_out(&format!("the model {}", m.name), &why),
                };
                (self.registry.metadata_position(&m.table), text)
            });
        // In the order the tables were defined (SQLAlchemy's metadata
        // order, which create_all sorts from; a table a relationship names
        // as a variable came before it).
        let mut defs: Vec<(usize, String)> = tables.into_iter().chain(classes).collect();
        defs.sort_by_key(|(at, _)| *at);
        defs.extend(views.block.clone().map(|b| (usize::MAX, b)));
        let mut used = BTreeSet::new();
        for (_, s) in &defs {
            bare_words(s, &mut used);
        }
        // An enum class only an annotation names (`Mapped["Priority"]`,
        // written quoted) is defined before the model.
        for m in self.registry.models().iter().filter(|m| !m.automap) {
            used.extend(
                crate::persist::deps::annotation_names(&m.source)
                    .into_iter()
                    .filter(|n| self.get_global(n).is_some_and(is_enum_class))
                    .map(|n| n.to_string()),
            );
        }
        let sources: Vec<&str> = self.registry.models().iter().map(|m| &*m.source).collect();
        let texts: Vec<&str> = defs.iter().map(|(_, s)| s.as_str()).collect();
        let locals =
            crate::persist::export_imports::method_locals_only(&sources, &texts.join("\n"));
        used.retain(|w| !locals.contains(w));
        let mut imports = BTreeSet::new();
        let mut enums = self.export_classes(&mut used, &mut imports);
        enums.extend(self.export_aliases(&mut used));
        imports.extend(self.export_imports(&used));
        imports.extend(self.export_from_imports(&used));
        // A module alias (`import datetime`) is not also imported by name.
        used.retain(|w| !imports.iter().any(|i| i.ends_with(&format!(" {w}"))));
        let mut out = format!(
            "\"\"\"Flask-SQLAlchemy models exported by ormsh from {}.\"\"\"\n\n",
            self.session.engine.url
        );
        let naming = self.registry.naming.as_ref().map(|c| c.source());
        let extensions = self.extension_names();
        crate::persist::export_imports::write_imports(
            &mut out,
            &used,
            &imports,
            naming,
            &extensions,
        );
        for e in enums {
            out.push_str("\n\n");
            out.push_str(&e);
        }
        for (_, d) in defs {
            out.push_str("\n\n");
            out.push_str(&d);
        }
        out
    }

    /// The names other than `db` the models call the Flask-SQLAlchemy
    /// extension by (`class X(database.Model):`), in the models' order.
    fn extension_names(&self) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for m in self.registry.models() {
            if let Ok(stmts) = parse_chunk(&m.source)
                && let Some(StmtKind::Model(def)) = stmts.first().map(|s| &s.kind)
                && let Some(e) = &def.extension
                && !names.iter().any(|n| **n == *e.name)
            {
                names.push(e.name.to_string());
            }
        }
        names
    }

    /// The DDL of every model and table, as `.schema` shows it; a table
    /// whose DDL SQLAlchemy would refuse to compile (a foreign key action
    /// that is SQL of its own) is left out with a comment. The tables of
    /// the file no model maps follow with their rows, then its views and
    /// triggers; with the text, how many of each it holds.
    pub fn export_sql(&self) -> (String, SqlExported) {
        let columns = self
            .registry
            .models()
            .iter()
            .map(|m| (m.table.clone(), &m.columns))
            .chain(
                self.registry
                    .tables()
                    .iter()
                    .map(|t| (t.name.clone(), &t.columns)),
            );
        let refused: Vec<(Rc<str>, String)> = columns
            .filter_map(|(table, cols)| {
                cols.iter()
                    .filter_map(|c| c.foreign_key.as_ref())
                    .find_map(|fk| crate::eval::ddl_ops::bad_fk_phrase(fk).err())
                    .map(|e| (table, e.message))
            })
            .collect();
        let refused: Vec<(Rc<str>, String)> = (refused.into_iter())
            .chain(self.unnamed_index_tables())
            .collect();
        let mut stored = StoredSchema::read(self);
        let mut out = String::new();
        let mut from_models = 0usize;
        let plan = self.ddl_plan();
        let planned: std::collections::HashSet<String> =
            plan.iter().map(|(t, _)| t.to_lowercase()).collect();
        for (table, stmts) in plan {
            if stored.write_table(&table, &mut out) {
                continue;
            }
            if let Some((_, why)) = refused.iter().find(|(t, _)| *t == table) {
                let text: String = format!("table {} is not exported: {why}", str_repr(&table))
                    .chars()
                    .map(|c| if c.is_control() { '?' } else { c })
                    .collect();
                out.push_str(&format!("-- {text}\n\n"));
                continue;
            }
            for s in stmts {
                out.push_str(s.trim());
                out.push_str(";\n\n");
            }
            from_models += 1;
        }
        stored.write_unmapped(&self.session.engine, &planned, &mut out);
        stored.write_views_and_triggers(&mut out);
        let counted = SqlExported {
            mapped: from_models + stored.tables - stored.unmapped,
            unmapped: stored.unmapped,
            views: stored.views,
        };
        (out, counted)
    }
}

/// What `.export sql` wrote: the tables of the models and `db.Table`s,
/// the tables of the file no model maps (with their rows), the views.
pub struct SqlExported {
    pub mapped: usize,
    pub unmapped: usize,
    pub views: usize,
}

impl SqlExported {
    /// `1 table of the models, 2 tables no model maps (with their rows),
    /// 1 view` (each part only when there is one, the first always).
    pub fn summary(&self) -> String {
        let n =
            |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
        let mut parts = vec![n(
            self.mapped,
            "table of the models",
            "tables of the models",
        )];
        if self.unmapped > 0 {
            parts.push(format!(
                "{} (with {} rows)",
                n(self.unmapped, "table no model maps", "tables no model maps"),
                if self.unmapped == 1 { "its" } else { "their" }
            ));
        }
        if self.views > 0 {
            parts.push(n(self.views, "view", "views"));
        }
        parts.join(", ")
    }
}
