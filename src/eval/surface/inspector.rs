//! `db.inspect(db.engine)`: SQLAlchemy's `Inspector`
//! (`engine/reflection.py`) over the open database, answering as
//! SQLAlchemy's SQLite dialect does (`dialects/sqlite/base.py`):
//! `get_table_names`, `get_view_names`, `has_table`, and per table
//! `get_columns` (dicts of `name`, `type` — the class `_resolve_type_affinity`
//! gives —, `nullable`, `default` as SQL text, `primary_key` as the
//! column's place in the key, `computed` for a generated column),
//! `get_pk_constraint`, `get_foreign_keys`, `get_indexes` and
//! `get_unique_constraints` (constraint names and options read from the
//! CREATE statement with the dialect's own patterns, `schema::inspect_sql`).
//! Unlike SQLAlchemy's, whose answers are cached for the inspector's life,
//! each call reads the database as it is then; `_ormsh_models` is never
//! listed. A table that does not exist is `NoSuchTableError`.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{TextClause, TypeSpec};
use crate::eval::surface::inspector_more as more;
use crate::eval::surface::{Class, Member, Sig};
use crate::persist::introspect::{describe, table_exists};
use crate::schema::inspect_sql;
use crate::schema::reflect::TableInfo;
use crate::schema::sql_types::reflect_type;
use crate::schema::types::TypeOptions;
use crate::syntax::ast::StmtKind;
use crate::value::dict::Dict;
use crate::value::{Object, Value};

/// What `db.inspect(db.engine)` returns (SQLAlchemy's `Inspector`).
pub struct Inspector;

impl Object for Inspector {
    fn type_name(&self) -> &str {
        "Inspector"
    }
}

type I = Rc<Inspector>;

pub(super) fn dict(pairs: Vec<(&str, Value)>) -> Value {
    let mut d = Dict::default();
    for (k, v) in pairs {
        d.insert_str(k, v);
    }
    Value::Dict(Rc::new(RefCell::new(d)))
}

pub(super) fn strs(items: &[String]) -> Value {
    Value::list(items.iter().map(|s| Value::str(s)).collect())
}

fn opt_str(s: &Option<String>) -> Value {
    s.as_deref().map_or(Value::None, Value::str)
}

pub(super) fn no_such_table(name: &str) -> Error {
    Error::new(ErrorKind::NoSuchTableError, name.to_string())
        .with_help("get_table_names() and get_view_names() list what the database has")
}

/// The table's description, or `NoSuchTableError`.
fn table(me: &Interp, name: &str) -> Result<TableInfo> {
    let e = &me.session.engine;
    if !exists(me, name)? {
        return Err(no_such_table(name));
    }
    let mut t = describe(e, name)?;
    if t.view {
        // `describe` gives a view a key to map it by; SQLite gives none.
        for c in &mut t.columns {
            c.pk = 0;
        }
    }
    Ok(t)
}

/// Whether the database has a table or view of that name, compared as
/// SQLite compares names (ASCII letters in either case), as the
/// dialect's `PRAGMA table_info` finds it; never `_ormsh_models`.
fn exists(me: &Interp, name: &str) -> Result<bool> {
    let e = &me.session.engine;
    if name.eq_ignore_ascii_case("_ormsh_models") {
        return Ok(false);
    }
    if table_exists(e, name)? {
        return Ok(true);
    }
    let names = e.table_names()?.into_iter().chain(e.view_names()?);
    Ok(names.into_iter().any(|n| n.eq_ignore_ascii_case(name)))
}

/// The table's CREATE statement, as the dialect's `_get_table_sql` reads it.
fn table_sql(me: &Interp, name: &str) -> String {
    let stored = me.session.engine.stored_schema().unwrap_or_default();
    stored
        .into_iter()
        .find(|[k, n, _, _]| (k == "table" || k == "view") && n.eq_ignore_ascii_case(name))
        .map(|[_, _, _, sql]| sql)
        .unwrap_or_default()
}

/// The type object SQLAlchemy's `_resolve_type_affinity` makes of a
/// declared type (`INTEGER()`, `VARCHAR(length=20)`, `NullType()`), made
/// as the reflected models' types are, from its source.
fn type_object(me: &mut Interp, decl: &str, source: Option<String>) -> Result<Value> {
    let src = source.unwrap_or_else(|| reflect_type(&decl.to_uppercase()).source());
    if src.is_empty() {
        return Ok(Value::obj(TypeSpec {
            ty: crate::schema::types::ColumnType::Null,
            bare: false,
            opts: TypeOptions::default(),
        }));
    }
    // `db.INTEGER` is the class; SQLAlchemy's dict holds an instance.
    let call = if src.ends_with(')') {
        src
    } else {
        format!("{src}()")
    };
    let stmts = crate::syntax::parse_chunk(&call)?;
    match stmts.first().map(|s| &s.kind) {
        Some(StmtKind::Expr(e)) => me.eval(e),
        _ => Ok(Value::None),
    }
}

pub(super) fn one_name(a: &Args) -> Result<Rc<str>> {
    a.no_more_kw()?;
    a.count(1, 1)?;
    a.str(0)
}

fn get_table_names(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    a.no_more_kw()?;
    a.count(0, 0)?;
    Ok(strs(&me.session.engine.table_names()?))
}

fn get_view_names(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    a.no_more_kw()?;
    a.count(0, 0)?;
    Ok(strs(&me.session.engine.view_names()?))
}

pub(super) fn has_table(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    Ok(Value::Bool(exists(me, &name)?))
}

pub(super) fn get_columns(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    let t = table(me, &name)?;
    let sql = table_sql(me, &name);
    let mut out = Vec::new();
    for c in &t.columns {
        let ty = type_object(me, &c.decl_type, c.type_source.clone())?;
        let mut pairs = vec![
            ("name", Value::str(&c.name)),
            ("type", ty),
            ("nullable", Value::Bool(!c.notnull)),
            ("default", opt_str(&c.default)),
            ("primary_key", Value::Int(c.pk.into())),
        ];
        if let Some((_, stored)) = &c.generated {
            pairs.push((
                "computed",
                dict(vec![
                    (
                        "sqltext",
                        Value::str(&inspect_sql::computed_sqltext(&sql, &c.name)),
                    ),
                    ("persisted", Value::Bool(*stored)),
                ]),
            ));
        }
        out.push(dict(pairs));
    }
    Ok(Value::list(out))
}

/// The key's columns in key order and the constraint's name.
fn pk_of(me: &Interp, t: &TableInfo) -> (Vec<String>, Option<String>) {
    let mut cols: Vec<(u32, String)> = (t.columns.iter())
        .filter(|c| c.pk > 0)
        .map(|c| (c.pk, c.name.clone()))
        .collect();
    cols.sort_by_key(|(pk, _)| *pk);
    let cols: Vec<String> = cols.into_iter().map(|(_, n)| n).collect();
    let name = match cols.is_empty() {
        true => None,
        false => inspect_sql::pk_name(&table_sql(me, &t.name)),
    };
    (cols, name)
}

pub(super) fn get_pk_constraint(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    let t = table(me, &name)?;
    let (cols, pk_name) = pk_of(me, &t);
    // No key: `ReflectionDefaults.pk_constraint()`, its keys the other way.
    if cols.is_empty() {
        return Ok(dict(vec![
            ("name", Value::None),
            ("constrained_columns", Value::list(Vec::new())),
        ]));
    }
    Ok(dict(vec![
        ("constrained_columns", strs(&cols)),
        ("name", opt_str(&pk_name)),
    ]))
}

pub(super) fn get_foreign_keys(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    let t = table(me, &name)?;
    // From the PRAGMA: a key naming no column refers to the other
    // table's primary key (none when that table does not exist).
    let mut keys = Vec::new();
    for fk in &t.foreign_keys {
        let refs: Vec<String> = if fk.ref_columns.iter().all(Option::is_none) {
            match table(me, &fk.ref_table) {
                Ok(rt) => pk_of(me, &rt).0,
                Err(_) => Vec::new(),
            }
        } else {
            fk.ref_columns.iter().flatten().cloned().collect()
        };
        keys.push((fk.columns.clone(), fk.ref_table.clone(), refs));
    }
    let mut named: Vec<Option<inspect_sql::ParsedFk>> = vec![None; keys.len()];
    let mut order: Vec<usize> = Vec::new();
    for p in inspect_sql::foreign_keys(&table_sql(me, &name)) {
        let found = (0..keys.len()).find(|&i| {
            named[i].is_none()
                && keys[i].0 == p.columns
                && keys[i].1 == p.ref_table
                && keys[i].2 == p.ref_columns
        });
        if let Some(i) = found {
            named[i] = Some(p);
            order.push(i);
        }
    }
    // The parsed ones first, then the inline ones, as SQLAlchemy lists them.
    order.extend((0..keys.len()).filter(|i| named[*i].is_none()));
    let mut out = Vec::new();
    for i in order {
        let (cols, ref_table, refs) = &keys[i];
        let p = named[i].clone().unwrap_or_default();
        let mut opts: Vec<(&str, Value)> = Vec::new();
        if let Some(d) = &p.ondelete {
            opts.push(("ondelete", Value::str(d)));
        }
        if let Some(u) = &p.onupdate {
            opts.push(("onupdate", Value::str(u)));
        }
        if let Some(d) = p.deferrable {
            opts.push(("deferrable", Value::Bool(d)));
        }
        if let Some(i) = &p.initially {
            opts.push(("initially", Value::str(i)));
        }
        out.push(dict(vec![
            ("name", opt_str(&p.name)),
            ("constrained_columns", strs(cols)),
            ("referred_schema", Value::None),
            ("referred_table", Value::str(ref_table)),
            ("referred_columns", strs(refs)),
            ("options", dict(opts)),
        ]));
    }
    Ok(Value::list(out))
}

pub(super) fn get_indexes(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    let t = table(me, &name)?;
    let stored = me.session.engine.stored_schema().unwrap_or_default();
    let mut idx: Vec<_> = (t.indexes.iter())
        .filter(|i| !i.name.starts_with("sqlite_autoindex"))
        // An index on an expression is skipped (SQLAlchemy warns).
        .filter(|i| !i.columns.is_empty())
        .collect();
    idx.sort_by(|a, b| a.name.cmp(&b.name));
    let mut out = Vec::new();
    for i in idx {
        let sql = (stored.iter())
            .find(|[k, n, _, _]| k == "index" && *n == i.name)
            .map(|[_, _, _, s]| s.as_str())
            .unwrap_or("");
        let mut opts = Vec::new();
        if let Some(p) = inspect_sql::partial_predicate(sql) {
            opts.push((
                "sqlite_where",
                Value::obj(TextClause(Rc::from(p.as_str()), Vec::new())),
            ));
        }
        out.push(dict(vec![
            ("name", Value::str(&i.name)),
            ("column_names", strs(&i.columns)),
            ("unique", Value::Int(i.unique.into())),
            ("dialect_options", dict(opts)),
        ]));
    }
    Ok(Value::list(out))
}

pub(super) fn get_unique_constraints(me: &mut Interp, _: &I, a: Args) -> Result<Value> {
    let name = one_name(&a)?;
    let t = table(me, &name)?;
    // SQLite makes an automatic index for each UNIQUE constraint: only
    // what the CREATE statement says and such an index confirms counts.
    let mut auto: Vec<Vec<String>> = (t.indexes.iter())
        .filter(|i| i.name.starts_with("sqlite_autoindex"))
        .map(|i| i.columns.clone())
        .collect();
    let mut out = Vec::new();
    for (uq_name, cols) in inspect_sql::unique_constraints(&table_sql(me, &name)) {
        if let Some(at) = auto.iter().position(|c| *c == cols) {
            auto.remove(at);
            out.push(dict(vec![
                ("name", opt_str(&uq_name)),
                ("column_names", strs(&cols)),
            ]));
        }
    }
    Ok(Value::list(out))
}

/// The methods of `db.inspect(db.engine)` ormsh answers.
pub static INSPECTOR: Class<I> = Class::new(
    "Inspector",
    &[
        Member::method(
            "get_table_names",
            get_table_names,
            Sig::NONE,
            "the tables' names, sorted (views and _ormsh_models left out)",
        ),
        Member::method(
            "get_view_names",
            get_view_names,
            Sig::NONE,
            "the views' names",
        ),
        Member::method(
            "has_table",
            has_table,
            Sig::NONE,
            "whether a table or view of that name exists",
        ),
        Member::method(
            "get_columns",
            get_columns,
            Sig::NONE,
            "a dict per column: name, type, nullable, default, primary_key (and computed)",
        ),
        Member::method(
            "get_pk_constraint",
            get_pk_constraint,
            Sig::NONE,
            "the primary key: constrained_columns and name",
        ),
        Member::method(
            "get_foreign_keys",
            get_foreign_keys,
            Sig::NONE,
            "a dict per foreign key: name, constrained_columns, referred_table, referred_columns, options",
        ),
        Member::method(
            "get_indexes",
            get_indexes,
            Sig::NONE,
            "a dict per index (not SQLite's automatic ones): name, column_names, unique",
        ),
        Member::method(
            "get_unique_constraints",
            get_unique_constraints,
            Sig::NONE,
            "a dict per UNIQUE constraint written in the table: name, column_names",
        ),
        Member::method(
            "get_check_constraints",
            more::get_check_constraints,
            Sig::NONE,
            "a dict per CHECK constraint written in the table: sqltext, name",
        ),
        Member::method(
            "get_view_definition",
            more::get_view_definition,
            Sig::NONE,
            "the view's CREATE VIEW statement, as stored",
        ),
        Member::method(
            "get_table_options",
            more::get_table_options,
            Sig::NONE,
            "sqlite_with_rowid (False for WITHOUT ROWID) and sqlite_strict, when set",
        ),
        Member::method(
            "get_sorted_table_and_fkc_names",
            more::get_sorted_table_and_fkc_names,
            Sig::NONE,
            "(table, [(table, fk name)]) in CREATE order, then (None, the keys of a cycle)",
        ),
        Member::method(
            "get_temp_table_names",
            more::get_temp_table_names,
            Sig::NONE,
            "the connection's temporary tables",
        ),
        Member::method(
            "get_temp_view_names",
            more::get_temp_view_names,
            Sig::NONE,
            "the connection's temporary views",
        ),
        Member::method(
            "get_schema_names",
            more::get_schema_names,
            Sig::NONE,
            "main and any attached database",
        ),
        Member::method(
            "has_schema",
            more::has_schema,
            Sig::NONE,
            "whether a schema of that name exists",
        ),
        Member::method(
            "has_index",
            more::has_index,
            Sig::NONE,
            "whether the table has an index of that name (not SQLite's automatic ones)",
        ),
        Member::attr("default_schema_name", more::default_schema_name, "main"),
        Member::method(
            "get_table_comment",
            more::get_table_comment,
            Sig::NONE,
            "NotImplementedError: SQLite keeps no comments",
        ),
        Member::method("get_multi_columns", more::get_multi, Sig::NONE, MULTI),
        Member::method("get_multi_pk_constraint", more::get_multi, Sig::NONE, MULTI),
        Member::method("get_multi_foreign_keys", more::get_multi, Sig::NONE, MULTI),
        Member::method("get_multi_indexes", more::get_multi, Sig::NONE, MULTI),
        Member::method(
            "get_multi_unique_constraints",
            more::get_multi,
            Sig::NONE,
            MULTI,
        ),
        Member::method(
            "get_multi_check_constraints",
            more::get_multi,
            Sig::NONE,
            MULTI,
        ),
        Member::method("get_multi_table_options", more::get_multi, Sig::NONE, MULTI),
    ],
);

const MULTI: &str = "{(None, table): the single method's answer} over the tables";
