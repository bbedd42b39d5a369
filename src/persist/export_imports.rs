//! `.export python`'s import lines: each name the exported classes use
//! bare (outside strings, not after a `.`, not a method's own parameter
//! or local variable) imported from where Python has it — `datetime`,
//! `typing`, `hashlib`, `werkzeug.security`, `flask`, `sqlalchemy`,
//! `sqlalchemy.orm` (`validates`, `column_property`, …),
//! `sqlalchemy.ext.hybrid`, `sqlalchemy.exc` —, and the schema names
//! ormsh lets a script use bare bound from `db` (`Column = db.Column`).

use std::collections::BTreeSet;

use crate::syntax::ast::{Expr, ExprKind, FuncDef, Stmt, StmtKind};

/// Names ormsh lets a script use bare that Flask-SQLAlchemy only has on
/// `db`: these, then the column types (`schema::types::TYPE_NAMES`;
/// both: `db_names`).
pub(crate) const DB_BUILDERS: &[&str] =
    &["Column", "ForeignKey", "relationship", "backref", "Table"];
/// `DB_BUILDERS`, then the column types, in the order the export binds
/// them (`Integer = db.Integer`).
pub(crate) fn db_names() -> Vec<&'static str> {
    (DB_BUILDERS.iter())
        .chain(crate::schema::types::TYPE_NAMES)
        .copied()
        .collect()
}

const DATETIME_NAMES: &[&str] = &["datetime", "date", "time", "timedelta", "timezone"];
/// The names of typed declarative members, imported where they are used.
const ORM_NAMES: &[&str] = &[
    "DynamicMapped",
    "Mapped",
    "WriteOnlyMapped",
    "declared_attr",
    "mapped_column",
    "validates",
    "column_property",
    "synonym",
    "deferred",
    "composite",
    "aliased",
    "foreign",
    "remote",
    "joinedload",
    "selectinload",
    "subqueryload",
    "lazyload",
    "noload",
    "raiseload",
    "contains_eager",
    "load_only",
    "defer",
    "undefer",
    "with_parent",
    "object_session",
    "query_expression",
    "with_expression",
    "reconstructor",
];
/// `sqlalchemy.ext.hybrid`'s decorators.
const HYBRID_NAMES: &[&str] = &["hybrid_property", "hybrid_method"];
/// The exception classes a method's `except` names, from `sqlalchemy.exc`.
const EXC_NAMES: &[&str] = &[
    "SQLAlchemyError",
    "IntegrityError",
    "OperationalError",
    "DataError",
    "StatementError",
    "InvalidRequestError",
    "NoResultFound",
    "MultipleResultsFound",
];
/// Flask's names a method may use (ormsh leaves out those that serve
/// requests; Flask runs them from the exported file).
const FLASK_NAMES: &[&str] = &[
    "current_app",
    "url_for",
    "request",
    "jsonify",
    "abort",
    "render_template",
];
const TYPING_NAMES: &[&str] = &[
    "List",
    "Literal",
    "Optional",
    "Annotated",
    "Any",
    "ClassVar",
    "Dict",
    "Set",
    "Tuple",
    "Union",
];
/// What a method body may call from `werkzeug.security` and `hashlib`.
const WERKZEUG_NAMES: &[&str] = &["generate_password_hash", "check_password_hash"];
const HASHLIB_NAMES: &[&str] = &["md5", "sha1", "sha224", "sha256", "sha384", "sha512"];
const SQLALCHEMY_NAMES: &[&str] = &[
    "func",
    "text",
    "and_",
    "or_",
    "not_",
    "desc",
    "asc",
    "select",
    "DDL",
    "event",
    "UniqueConstraint",
    "CheckConstraint",
    "Index",
    "PrimaryKeyConstraint",
    "ForeignKeyConstraint",
    "Computed",
    "Identity",
    "Sequence",
    "case",
    "cast",
    "literal",
    "literal_column",
    "null",
    "true",
    "false",
    "exists",
    "distinct",
    "extract",
    "between",
    "tuple_",
    "bindparam",
    "insert",
    "update",
    "delete",
    "inspect",
    "column",
    "table",
];

/// Does `write_imports` import (or bind from `db`) the name `name` when
/// it is used?
pub fn writes(name: &str) -> bool {
    [
        &db_names()[..],
        DATETIME_NAMES,
        ORM_NAMES,
        TYPING_NAMES,
        WERKZEUG_NAMES,
        HASHLIB_NAMES,
        SQLALCHEMY_NAMES,
        HYBRID_NAMES,
        EXC_NAMES,
        FLASK_NAMES,
        &["Decimal", "uuid", "json", "hashlib"],
    ]
    .iter()
    .any(|names| names.contains(&name))
}

/// The import lines and `db = SQLAlchemy()` for the names `used`, with
/// the module imports `imports` (`import sqlalchemy as sa`), written to
/// `out`; `naming`: the metadata's naming convention, as source;
/// `extensions`: the other names the models call `db` by, bound to it.
pub fn write_imports(
    out: &mut String,
    used: &BTreeSet<String>,
    imports: &BTreeSet<String>,
    naming: Option<String>,
    extensions: &[String],
) {
    let pick = |names: &[&str]| -> Vec<String> {
        names
            .iter()
            .filter(|n| used.contains(**n))
            .map(|n| n.to_string())
            .collect()
    };

    let dt = pick(DATETIME_NAMES);
    let typing = pick(TYPING_NAMES);
    let mut stdlib = Vec::new();
    if !dt.is_empty() {
        stdlib.push(format!("from datetime import {}", dt.join(", ")));
    }
    if used.contains("Decimal") {
        stdlib.push("from decimal import Decimal".to_string());
    }
    if !typing.is_empty() {
        stdlib.push(format!("from typing import {}", typing.join(", ")));
    }
    if used.contains("uuid") {
        stdlib.push("import uuid".to_string());
    }
    if used.contains("json") {
        stdlib.push("import json".to_string());
    }
    if used.contains("hashlib") {
        stdlib.push("import hashlib".to_string());
    }
    let hashes = pick(HASHLIB_NAMES);
    if !hashes.is_empty() {
        stdlib.push(format!("from hashlib import {}", hashes.join(", ")));
    }
    if !stdlib.is_empty() {
        out.push_str(&format!("{}\n\n", stdlib.join("\n")));
    }
    let flask = pick(FLASK_NAMES);
    if !flask.is_empty() {
        out.push_str(&format!("from flask import {}\n", flask.join(", ")));
    }
    out.push_str("from flask_sqlalchemy import SQLAlchemy\n");
    let werkzeug = pick(WERKZEUG_NAMES);
    if !werkzeug.is_empty() {
        out.push_str(&format!(
            "from werkzeug.security import {}\n",
            werkzeug.join(", ")
        ));
    }
    let sa = pick(SQLALCHEMY_NAMES);
    if !sa.is_empty() {
        out.push_str(&format!("from sqlalchemy import {}\n", sa.join(", ")));
    }
    let exc = pick(EXC_NAMES);
    if !exc.is_empty() {
        out.push_str(&format!("from sqlalchemy.exc import {}\n", exc.join(", ")));
    }
    let hybrid = pick(HYBRID_NAMES);
    if !hybrid.is_empty() {
        out.push_str(&format!(
            "from sqlalchemy.ext.hybrid import {}\n",
            hybrid.join(", ")
        ));
    }
    let orm = pick(ORM_NAMES);
    if !orm.is_empty() {
        out.push_str(&format!("from sqlalchemy.orm import {}\n", orm.join(", ")));
    }
    for i in imports {
        out.push_str(&format!("{i}\n"));
    }
    match naming {
        Some(conv) => out.push_str(&format!(
            "from sqlalchemy import MetaData\n\ndb = SQLAlchemy(metadata={conv})\n"
        )),
        None => out.push_str("\ndb = SQLAlchemy()\n"),
    }
    for n in extensions {
        out.push_str(&format!("{n} = db\n"));
    }
    for n in pick(&db_names()) {
        out.push_str(&format!("{n} = db.{n}\n"));
    }
}

/// The names a method binds itself: its parameters and the targets of
/// its assignments, loops, `with … as`, `except … as`, imports and
/// nested `def`s and classes (Python's local variables of the function).
pub fn local_names(f: &FuncDef, out: &mut BTreeSet<String>) {
    out.extend(f.params.iter().map(|p| p.name.name.to_string()));
    let mut bodies: Vec<&[Stmt]> = vec![&f.body];
    while let Some(b) = bodies.pop() {
        for s in b {
            let mut exprs = Vec::new();
            s.kind.parts(&mut exprs, &mut bodies);
            match &s.kind {
                StmtKind::Assign { target, .. }
                | StmtKind::AugAssign { target, .. }
                | StmtKind::AnnAssign { target, .. }
                | StmtKind::For { target, .. } => target_names(target, out),
                StmtKind::With { items, .. } => {
                    for t in items.iter().filter_map(|i| i.target.as_ref()) {
                        target_names(t, out);
                    }
                }
                StmtKind::Try(t) => {
                    out.extend(
                        t.handlers
                            .iter()
                            .filter_map(|h| h.name.as_ref())
                            .map(|n| n.name.to_string()),
                    );
                }
                StmtKind::Def(d) => {
                    out.insert(d.name.name.to_string());
                }
                StmtKind::Class(c) => {
                    out.insert(c.name.name.to_string());
                }
                StmtKind::Import(i) => {
                    for n in &i.names {
                        let bound = match (&n.alias, &i.from) {
                            (Some(a), _) => Some(&a.name),
                            (None, Some(_)) => n.path.last().map(|p| &p.name),
                            (None, None) => n.path.first().map(|p| &p.name),
                        };
                        out.extend(bound.map(|b| b.to_string()));
                    }
                }
                _ => {}
            }
        }
    }
}

/// The names an assignment target binds (`a`, `a, (b, *c)`).
fn target_names(t: &Expr, out: &mut BTreeSet<String>) {
    match &t.kind {
        ExprKind::Name(n) => {
            out.insert(n.to_string());
        }
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            items.iter().for_each(|i| target_names(i, out));
        }
        ExprKind::Starred(e) => target_names(e, out),
        _ => {}
    }
}

/// The names in `texts` (the exported definitions) that are only ever a
/// method's own (a parameter or local variable, never read free in a
/// method nor outside the methods): no import is written for them. The
/// methods are those of each model class in `sources`.
pub fn method_locals_only(sources: &[&str], texts: &str) -> BTreeSet<String> {
    let mut locals = BTreeSet::new();
    let mut free = BTreeSet::new();
    let mut outside = texts.to_string();
    for src in sources {
        let Ok(stmts) = crate::syntax::parse_chunk(src) else {
            continue;
        };
        let Some(StmtKind::Model(def)) = stmts.first().map(|s| &s.kind) else {
            continue;
        };
        for f in &def.methods {
            let Some(text) = crate::persist::export_methods::method_text(src, f) else {
                continue;
            };
            let mut own = BTreeSet::new();
            local_names(f, &mut own);
            let mut words = BTreeSet::new();
            crate::persist::export::bare_words(&text, &mut words);
            free.extend(words.difference(&own).cloned());
            locals.extend(own);
            outside = outside.replace(&text, "");
        }
    }
    let mut words = BTreeSet::new();
    crate::persist::export::bare_words(&outside, &mut words);
    locals
        .into_iter()
        .filter(|n| !free.contains(n) && !words.contains(n))
        .collect()
}
