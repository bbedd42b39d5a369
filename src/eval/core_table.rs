//! A `db.Table` (an association table, `Model.__table__`, a table of
//! `db.metadata.tables`) in Core statements, as SQLAlchemy's `Table`
//! takes part in them: `insert(table)` / `table.insert()`,
//! `update(table)` / `table.update()`, `delete(table)` /
//! `table.delete()`, and `select(table)` / `table.select()`, which
//! selects its columns (rows of values, not objects).
//!
//! The DML statements are `orm::dml::Dml`s of the table read as an
//! unmapped class of its own: its columns keyed by their names, no
//! relationships, no objects ever loaded (so synchronising the session
//! finds nothing, as SQLAlchemy's Core statements touch no objects).

use std::rc::Rc;

use crate::eval::Interp;
use crate::orm::dml::{Dml, DmlKind};
use crate::orm::expr::ColumnElement;
use crate::orm::query::{Entity, Query};
use crate::schema::model::Model;
use crate::schema::table::Table;
use crate::value::Value;

/// The table as the target of a DML statement: a class named after the
/// table, holding its columns (keyed by name) and its primary key.
pub fn table_target(me: &mut Interp, t: &Table) -> Rc<Model> {
    let pk = (t.columns.iter().enumerate())
        .filter(|(_, c)| c.primary_key)
        .map(|(i, _)| i)
        .collect();
    Rc::new(Model {
        id: me.registry.next_id(),
        name: t.name.clone(),
        table: t.name.clone(),
        columns: t.columns.clone(),
        pk,
        repr: None,
        str_expr: None,
        methods: Default::default(),
        source: Rc::from(""),
        defined_in: Rc::new(crate::error::DefSource {
            text: Rc::from(""),
            file: None,
            first_line: 1,
        }),
        rels: Vec::new(),
        args: t.args.clone(),
        pure: false,
        reflected: false,
        key_repeats: false,
        tablename_attr: None,
        automap: false,
        retired: Default::default(),
    })
}

/// `insert(table)`, `update(table)`, `delete(table)`: SQLAlchemy's
/// `sql.expression.insert(table)` and its kin.
pub fn dml_of_table(me: &mut Interp, t: &Table, kind: DmlKind) -> Value {
    let model = table_target(me, t);
    let mut d = Dml::new(kind, model);
    d.core = true;
    Value::obj(d)
}

/// The columns of a table, each a column expression (`table.c.NAME`).
pub fn table_columns(t: &Table) -> Vec<ColumnElement> {
    (t.columns.iter())
        .map(|c| {
            ColumnElement::local_column(
                t.name.clone(),
                c.name.clone(),
                c.ty.clone(),
                c.name.clone(),
            )
        })
        .collect()
}

/// `select(table)` / `table.select()`: a 2.0 select of the table's
/// columns.
pub fn select_table(t: &Table) -> Query {
    let ents = table_columns(t)
        .into_iter()
        .map(|c| Entity::Expr(Rc::new(c)))
        .collect();
    Query::new(ents, false)
}

/// Whether `db.session.execute(q)` runs `q` as Core, not ORM-enabled:
/// SQLAlchemy runs a statement through the ORM when any element of it
/// carries the `orm` plugin (`_propagate_attrs`): a mapped entity or
/// attribute, or an expression built from one, among the columns, in the
/// criteria, ordering or grouping, or a model or relationship joined or
/// selected from (`select(table).where(Model.id > 1)` and
/// `select(func.count()).select_from(Model)` are ORM). One of table
/// columns and plain expressions only (`select(table)`,
/// `select(table.c.x)`, `select(literal(1))`) is Core and gives a
/// `CursorResult` (`rowcount` -1, `lastrowid`, `is_insert` False), as
/// is a 2.0 compound select's.
pub fn is_core_select(q: &Query) -> bool {
    // A 2.0 compound select (`select(A).union(select(B))`) has no ORM
    // plugin of its own: its rows are plain rows, its result a cursor's.
    if !q.legacy && !q.compound.is_empty() {
        return true;
    }
    !q.entities.is_empty() && !query_carries_orm(q)
}

/// Whether any element of `q` carries SQLAlchemy's ORM plugin: a legacy
/// `Query`, an entity or column of a model, criteria naming one
/// (`is_core_select`); a select nested in another statement
/// (`in_(select(Model.id))`, `scalar_subquery()`) brings it along.
pub fn query_carries_orm(q: &Query) -> bool {
    q.legacy
        || q.orm_criteria
        || q.entities.iter().any(|e| match e {
            Entity::Expr(c) => {
                c.orm || c.column.is_some() || c.hybrid.is_some() || c.entity.is_some()
            }
            _ => true,
        })
}

/// Whether a value given to `where()`, `order_by()`, `join()`,
/// `select_from()` … brings SQLAlchemy's ORM plugin into the statement:
/// a model, an aliased model, a relationship attribute, or a column
/// expression built from a mapped attribute.
pub fn carries_orm(v: &Value) -> bool {
    if let Some(c) = v.downcast::<crate::orm::expr::ColumnElement>() {
        return c.orm;
    }
    if let Some(q) = v.downcast::<Query>() {
        return query_carries_orm(&q);
    }
    v.downcast::<Model>().is_some()
        || v.downcast::<crate::eval::rel_ops::RelAttr>().is_some()
        || v.downcast::<crate::orm::alias::AliasedModel>().is_some()
        || v.downcast::<crate::eval::alias_rel::AliasedRel>().is_some()
}

/// A DML target given as a value: a table, else `None` (a model is
/// `session_args::model_arg`'s).
pub fn table_of(v: &Value) -> Option<Rc<Table>> {
    v.downcast::<Table>()
}

/// Whether `c` is column `i` of `model`: its own mapped column, or (for a
/// table's statement) the table's column of that name.
pub fn is_column_of(c: &ColumnElement, model: &Model) -> Option<usize> {
    if let Some((m, i)) = &c.column
        && m.id == model.id
    {
        return Some(*i);
    }
    match &c.expr {
        crate::sql::ast::SqlExpr::Column {
            table: Some(t),
            name,
        } if *t == model.table => model.columns.iter().position(|col| col.name == *name),
        _ => None,
    }
}
