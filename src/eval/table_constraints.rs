//! `Table.constraints` and `Table.foreign_key_constraints` (SQLAlchemy's sets of a table's `Constraint`s): its
//! `PrimaryKeyConstraint`, a `UniqueConstraint` per `unique=True` column,
//! a `ForeignKeyConstraint` per column `ForeignKey`, and each constraint
//! of `__table_args__` (or of `db.Table`'s items), each with its `name`.
//! Their reprs are those of the constraints as written
//! (`eval::constraint_repr`); a set of them has no fixed order, as in
//! Python (whose set orders them by address).

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::constraint_def::{ColRef, ConstraintSpec, SpecKind};
use crate::eval::pyset::{PySet, Table as SetTable};
use crate::eval::schema_repr::PrimaryKey;
use crate::eval::schema_repr::lookup_table;
use crate::schema::constraint::TableConstraint;
use crate::schema::table::{Table, TableColumns};
use crate::sql::ddl_constraint::Deferrability;
use crate::syntax::span::Span;
use crate::value::Value;

/// The columns of `t` named `names`, as a constraint of the table holds them.
fn cols(t: &Table, names: &[Rc<str>]) -> Vec<ColRef> {
    (names.iter())
        .map(|n| ColRef::Column {
            table: Some(t.name.clone()),
            name: n.clone(),
            span: Span::default(),
        })
        .collect()
}

fn spec(kind: SpecKind, name: Option<Rc<str>>, cols: Vec<ColRef>, defer: Deferrability) -> Value {
    Value::obj(ConstraintSpec {
        kind,
        name,
        cols,
        defer,
    })
}

/// `table.constraints`.
pub fn constraints(_: &mut Interp, t: &Rc<Table>) -> Result<Value> {
    let mut set = SetTable::default();
    for (_, c) in all(t) {
        set.add(c)?;
    }
    Ok(PySet::value(set, false))
}

/// `table.foreign_key_constraints`: SQLAlchemy's set of the table's
/// `ForeignKeyConstraint`s (a column's `ForeignKey` and those of
/// `__table_args__`, a composite one among them).
pub fn foreign_key_constraints(_: &mut Interp, t: &Rc<Table>) -> Result<Value> {
    let mut set = SetTable::default();
    for (fk, c) in all(t) {
        if fk {
            set.add(c)?;
        }
    }
    Ok(PySet::value(set, false))
}

/// Every constraint of `t`, each with whether it is a foreign key.
fn all(t: &Rc<Table>) -> Vec<(bool, Value)> {
    let mut set: Vec<(bool, Value)> = Vec::new();
    set.push((false, Value::obj(PrimaryKey(t.clone()))));
    for c in &t.columns {
        let one = std::slice::from_ref(&c.name);
        if c.unique {
            let u = spec(
                SpecKind::Unique,
                None,
                cols(t, one),
                Deferrability::default(),
            );
            set.push((false, u));
        }
        if let Some(fk) = c.foreign_key.as_ref().filter(|fk| !fk.table_level) {
            let kind = SpecKind::ForeignKey {
                refs: vec![(fk.table.clone(), fk.column.clone())],
                ondelete: fk.ondelete.clone(),
                onupdate: fk.onupdate.clone(),
            };
            let c = spec(
                kind,
                fk.name.clone(),
                cols(t, one),
                Deferrability::default(),
            );
            set.push((true, c));
        }
    }
    for c in &t.args.constraints {
        let fk = matches!(c, TableConstraint::ForeignKey { .. });
        set.push((
            fk,
            match c {
                TableConstraint::Unique {
                    name,
                    columns,
                    defer,
                } => spec(
                    SpecKind::Unique,
                    name.clone(),
                    cols(t, columns),
                    defer.clone(),
                ),
                TableConstraint::Check { name, sql, defer } => spec(
                    SpecKind::Check(sql.clone()),
                    name.clone(),
                    Vec::new(),
                    defer.clone(),
                ),
                TableConstraint::ForeignKey {
                    name,
                    columns,
                    ref_table,
                    ref_columns,
                    ondelete,
                    onupdate,
                    defer,
                } => {
                    let kind = SpecKind::ForeignKey {
                        refs: (ref_columns.iter())
                            .map(|r| (ref_table.clone(), r.clone()))
                            .collect(),
                        ondelete: ondelete.clone(),
                        onupdate: onupdate.clone(),
                    };
                    spec(kind, name.clone(), cols(t, columns), defer.clone())
                }
            },
        ));
    }
    set
}

/// `constraint.name`: the name it was given, or None.
pub fn name(_: &mut Interp, c: &Rc<ConstraintSpec>) -> Result<Value> {
    Ok(c.name.as_ref().map_or(Value::None, |n| Value::str(n)))
}

/// `constraint.column_keys`: SQLAlchemy's `ColumnCollectionConstraint.
/// column_keys`, the keys of its columns in its order (an expression
/// term has none).
pub fn column_keys(_: &mut Interp, c: &Rc<ConstraintSpec>) -> Result<Value> {
    let keys = (c.cols.iter())
        .filter_map(|r| match r {
            ColRef::Key(k, _) => Some(Value::str(k)),
            ColRef::Column { name, .. } => Some(Value::str(name)),
            ColRef::Expr(..) => None,
        })
        .collect();
    Ok(Value::list(keys))
}

/// `constraint.columns`: SQLAlchemy's `ColumnCollectionConstraint.columns`,
/// the table's columns the constraint holds, in its order, by key
/// (`len()`, iteration, `.name`); a constraint no table has taken yet
/// holds none (SQLAlchemy attaches its string names then).
pub fn columns(me: &mut Interp, c: &Rc<ConstraintSpec>) -> Result<Value> {
    let mut found: Option<Rc<Table>> = None;
    let mut columns = Vec::new();
    for r in &c.cols {
        if let ColRef::Column {
            table: Some(t),
            name,
            ..
        } = r
        {
            if found.as_ref().is_none_or(|f| &f.name != t) {
                found = lookup_table(me, t);
            }
            if let Some(col) = found.as_ref().and_then(|tb| tb.column(name)) {
                columns.push(col.clone());
            }
        }
    }
    let (name, args) = found.map_or((Rc::from(""), Default::default()), |t| {
        (t.name.clone(), t.args.clone())
    });
    Ok(Value::obj(TableColumns(Rc::new(Table {
        name,
        columns,
        args,
    }))))
}
