//! `__table_args__` (and `db.Table`'s items after its columns): the
//! constraints and indexes of [`constraint_def`](crate::eval::constraint_def)
//! resolved against the table's columns, and the trailing options dict, as
//! SQLAlchemy's declarative `_setup_table` and `Table.__init__` read them.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::constraint_def::{ColRef, ConstraintSpec, SpecKind, dialect_kw, table_index};
use crate::eval::objects::ColumnSpec;
use crate::schema::column::{Column, ForeignKey};
use crate::schema::constraint::{PrimaryKey, TableArgs, TableConstraint, TableIndex};
use crate::schema::naming_convention::{Kind, NamingConvention, NamingError, Subject};
use crate::sql::ast::SqlExpr;
use crate::syntax::span::Span;
use crate::value::Value;

/// `__table_args__ = (item, …, {options})`, `{options}` or `None`, for the
/// table `table` whose columns are `columns` (marked by a primary key or
/// foreign key constraint that names them).
pub fn model_table_args(
    me: &mut Interp,
    v: &Value,
    span: Span,
    table: &Rc<str>,
    columns: &mut [Column],
) -> Result<TableArgs> {
    let (items, options): (Vec<Value>, Option<Value>) = match v {
        Value::None => (Vec::new(), None),
        Value::Dict(_) => (Vec::new(), Some(v.clone())),
        Value::Tuple(t) => match t.last() {
            Some(last @ Value::Dict(_)) => (t[..t.len() - 1].to_vec(), Some(last.clone())),
            _ => (t.to_vec(), None),
        },
        _ => {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                "__table_args__ value must be a tuple, dict, or None",
            )
            .at(span)
            .with_help(
                "write __table_args__ = (db.UniqueConstraint('a', 'b'),) — note the comma",
            ));
        }
    };
    let mut args = TableArgs::default();
    for item in &items {
        add_item(me, &mut args, item, table, columns).map_err(|e| e.at(span))?;
    }
    if let Some(Value::Dict(d)) = &options {
        let entries: Vec<(Value, Value)> = d
            .borrow()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        for (k, v) in entries {
            let Value::Str(k) = &k else {
                return Err(Error::type_(
                    "__table_args__'s options are keywords: their keys must be strings",
                )
                .at(span));
            };
            table_option(&mut args, k, &v, span)?;
        }
    }
    Ok(args)
}

/// One item of `__table_args__` or `db.Table(...)`: a constraint or an
/// index (a column there is not supported; anything else is SQLAlchemy's
/// `ArgumentError`).
pub fn add_item(
    me: &mut Interp,
    args: &mut TableArgs,
    item: &Value,
    table: &Rc<str>,
    columns: &mut [Column],
) -> Result<()> {
    if let Some(spec) = item.downcast::<ConstraintSpec>() {
        return add_spec(me, args, &spec, table, columns);
    }
    if item.is::<ColumnSpec>() {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "a db.Column in __table_args__ is not supported",
        )
        .with_help("make it a member of the model: name = db.Column(...)"));
    }
    Err(Error::new(
        ErrorKind::ArgumentError,
        format!(
            "'SchemaItem' object, such as a 'Column' or a 'Constraint' expected, got {}",
            me.repr_value(item)?
        ),
    )
    .with_help("__table_args__ holds constraints and indexes, then an optional dict of options"))
}

/// The table options SQLAlchemy's `Table` takes as keywords: SQLite's
/// dialect options used, those without SQL for SQLite accepted, other
/// dialects' options ignored.
pub fn table_option(args: &mut TableArgs, k: &str, v: &Value, span: Span) -> Result<()> {
    match k {
        "sqlite_autoincrement" => args.options.autoincrement = v.truthy(),
        "sqlite_with_rowid" => args.options.with_rowid = v.truthy(),
        "sqlite_strict" => args.options.strict = v.truthy(),
        "comment" | "info" | "extend_existing" | "keep_existing" | "implicit_returning"
        | "quote" | "quote_schema" => {}
        "schema" if matches!(v, Value::None) => {}
        "schema" | "prefixes" | "autoload_with" | "listeners" | "must_exist" | "resolve_fks"
        | "include_columns" => {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("the table option '{k}' is not supported"),
            )
            .at(span)
            .with_help("ormsh maps tables of the one SQLite database it has open"));
        }
        k => dialect_kw(k, "Table", span)?,
    }
    Ok(())
}

/// A column's index in `columns`, found by key or as a column object.
fn find(
    r: &ColRef,
    class: &str,
    table: &str,
    columns: &[Column],
) -> Result<(usize, Option<SqlExpr>)> {
    let missing = |name: &str, span: Span| {
        Error::new(
            ErrorKind::ConstraintColumnNotFoundError,
            format!(
                "Can't create {class} on table '{table}': no column named '{name}' is present."
            ),
        )
        .at(span)
        .with_help(format!(
            "its columns are: {}",
            columns
                .iter()
                .map(|c| &*c.attr)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    };
    match r {
        // SQLAlchemy's key of `attr = db.Column('col name')` is the
        // column's name; ormsh takes the attribute's name too.
        ColRef::Key(k, span) => (columns.iter().position(|c| c.attr == *k))
            .or_else(|| columns.iter().position(|c| c.name == *k))
            .map(|i| (i, None))
            .ok_or_else(|| missing(k, *span)),
        ColRef::Column {
            table: t,
            name,
            span,
        } => {
            if let Some(t) = t
                && **t != *table
            {
                return Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "{class} on table '{table}' names column '{t}.{name}' of another table"
                    ),
                )
                .at(*span));
            }
            columns
                .iter()
                .position(|c| c.name == *name)
                .map(|i| (i, None))
                .ok_or_else(|| missing(name, *span))
        }
        ColRef::Expr(e, span) => match class {
            "Index" => Ok((usize::MAX, Some(e.clone()))),
            _ => Err(Error::new(
                ErrorKind::ArgumentError,
                format!("{class}() takes columns, not an expression"),
            )
            .at(*span)),
        },
    }
}

/// One constraint or index added to the table's arguments.
fn add_spec(
    me: &Interp,
    args: &mut TableArgs,
    spec: &ConstraintSpec,
    table: &Rc<str>,
    columns: &mut [Column],
) -> Result<()> {
    let class = spec.class_name();
    let found = spec
        .cols
        .iter()
        .map(|r| find(r, class, table, columns))
        .collect::<Result<Vec<_>>>()?;
    let names: Vec<Rc<str>> = found
        .iter()
        .filter(|(i, _)| *i != usize::MAX)
        .map(|(i, _)| columns[*i].name.clone())
        .collect();
    let (name, defer) = (spec.name.clone(), spec.defer.clone());
    match &spec.kind {
        SpecKind::Unique => args.constraints.push(TableConstraint::Unique {
            name,
            columns: names,
            defer,
        }),
        SpecKind::Check(sql) => args.constraints.push(TableConstraint::Check {
            name,
            sql: sql.clone(),
            defer,
        }),
        SpecKind::PrimaryKey => {
            for (i, _) in &found {
                columns[*i].primary_key = true;
                columns[*i].nullable = false;
            }
            args.primary_key = Some(PrimaryKey {
                name,
                columns: names,
                defer,
            });
        }
        SpecKind::ForeignKey {
            refs,
            ondelete,
            onupdate,
        } => {
            for ((i, _), (rt, rc)) in found.iter().zip(refs) {
                let c = &mut columns[*i];
                if c.foreign_key.is_none() {
                    c.foreign_key = Some(ForeignKey {
                        table: rt.clone(),
                        column: rc.clone(),
                        ondelete: ondelete.clone(),
                        onupdate: onupdate.clone(),
                        name: name.clone(),
                        table_level: true,
                        defer: Default::default(),
                    });
                }
            }
            args.constraints.push(TableConstraint::ForeignKey {
                name,
                columns: names,
                ref_table: refs.first().map(|r| r.0.clone()).unwrap_or_default(),
                ref_columns: refs.iter().map(|r| r.1.clone()).collect(),
                ondelete: ondelete.clone(),
                onupdate: onupdate.clone(),
                defer,
            });
        }
        SpecKind::Index { .. } => {
            let cols = index_cols(&found, columns);
            let named = index_name(me, spec, table, &found, columns)?;
            args.indexes.extend(table_index(
                &named,
                table,
                &cols,
                me.session.engine.dialect(),
            ));
        }
    }
    Ok(())
}

/// Each index expression: a column's name, or the expression itself.
fn index_cols(
    found: &[(usize, Option<SqlExpr>)],
    columns: &[Column],
) -> Vec<(Rc<str>, Option<SqlExpr>)> {
    found
        .iter()
        .map(|(i, e)| match e {
            Some(e) => (Rc::from(""), Some(e.clone())),
            None => (columns[*i].name.clone(), None),
        })
        .collect()
}

/// `db.Index('ix', User.name)` outside a model: the table its columns
/// belong to takes it, if that table is defined; `None` for an index of
/// keys only (SQLAlchemy leaves it unattached, and nothing creates it).
pub fn attach_outside(me: &Interp, spec: &ConstraintSpec) -> Result<Option<TableIndex>> {
    let mut tables: Vec<Rc<str>> = Vec::new();
    for r in &spec.cols {
        match r {
            ColRef::Column { table: Some(t), .. } => tables.push(t.clone()),
            ColRef::Expr(e, _) => e.walk(&mut |x| {
                if let SqlExpr::Column { table: Some(t), .. } = x {
                    tables.push(t.clone());
                }
            }),
            _ => {}
        }
    }
    let Some(table) = tables.first().cloned() else {
        return Ok(None);
    };
    let columns: Vec<Column> = if let Some(m) = me.registry.by_table(&table) {
        m.columns.clone()
    } else if let Some(t) = me.registry.table(&table) {
        t.columns.clone()
    } else {
        return Ok(None);
    };
    let found = spec
        .cols
        .iter()
        .map(|r| find(r, "Index", &table, &columns))
        .collect::<Result<Vec<_>>>()?;
    let cols = index_cols(&found, &columns);
    let named = index_name(me, spec, &table, &found, &columns)?;
    Ok(table_index(
        &named,
        &table,
        &cols,
        me.session.engine.dialect(),
    ))
}

/// `Index(None, ...)` as the table takes it: named by the naming
/// convention's `ix` template (SQLAlchemy's default one is
/// `ix_%(column_0_label)s`), its columns those it names and those in its
/// expressions (`Index.columns`); a convention without `ix` leaves it
/// unnamed, and `create_all` fails on it as SQLAlchemy's DDL compiler does.
fn index_name(
    me: &Interp,
    spec: &ConstraintSpec,
    table: &str,
    found: &[(usize, Option<SqlExpr>)],
    columns: &[Column],
) -> Result<ConstraintSpec> {
    let mut named = spec.clone();
    if spec.name.is_some() {
        return Ok(named);
    }
    let mut cols: Vec<(Rc<str>, Rc<str>)> = Vec::new();
    let mut add = |c: &Column| {
        let key = c.key.clone().unwrap_or_else(|| c.name.clone());
        if !cols.iter().any(|(n, _)| *n == c.name) {
            cols.push((c.name.clone(), key));
        }
    };
    for (i, e) in found {
        match e {
            None => add(&columns[*i]),
            Some(e) => e.walk(&mut |x| {
                if let SqlExpr::Column { name, .. } = x
                    && let Some(c) = columns.iter().find(|c| c.name == *name)
                {
                    add(c);
                }
            }),
        }
    }
    let default;
    let current = crate::eval::metadata_naming::current(me)?;
    let conv = match &current {
        Some(c) => &**c,
        None => {
            default =
                NamingConvention::new(vec![("ix".to_string(), Rc::from("ix_%(column_0_label)s"))])
                    .map_err(|why| Error::new(ErrorKind::NotImplementedError, why))?;
            &default
        }
    };
    let subject = Subject {
        table,
        columns: cols.iter().map(|(n, k)| (&**n, &**k)).collect(),
        referred_table: None,
        referred_columns: Vec::new(),
        name: None,
    };
    named.name = conv
        .name(Kind::Index, &subject)
        .map_err(|e| naming_error(e, table))?;
    Ok(named)
}

/// A naming failure as SQLAlchemy raises it.
fn naming_error(e: NamingError, table: &str) -> Error {
    match e {
        NamingError::Unnamed => Error::new(ErrorKind::InvalidRequestError, e.message())
            .with_help("name the index: db.Index('ix_name', 'col')"),
        NamingError::UnknownToken(t) => {
            crate::value::exc_args::key_error(Value::str(&t), format!("'{t}'")).with_help(format!(
                "the 'ix' template's tokens for an index of table '{table}' are table_name and column_0_name (_key, _label, column_0N_name, column_0_N_name)"
            ))
        }
    }
}
