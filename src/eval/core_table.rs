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
/// SQLAlchemy runs a select through the ORM when a mapped entity or
/// attribute carries its `orm` plugin in; one of table columns only
/// (`select(table)`, `select(table.c.x)`) is Core and gives a
/// `CursorResult` (`rowcount` -1, `lastrowid`, `is_insert` False). Read
/// from the selected columns: criteria written with mapped attributes
/// (`.where(Model.x > 1)`) are not told apart.
pub fn is_core_select(q: &Query) -> bool {
    !q.legacy
        && !q.entities.is_empty()
        && q.compound.is_empty()
        && q.entities.iter().all(|e| match e {
            Entity::Expr(c) => {
                c.column.is_none()
                    && c.hybrid.is_none()
                    && c.entity.is_none()
                    && matches!(
                        c.expr,
                        crate::sql::ast::SqlExpr::Column { table: Some(_), .. }
                    )
            }
            _ => false,
        })
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
