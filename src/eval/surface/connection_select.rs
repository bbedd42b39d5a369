//! A `select(...)` run on a `Connection` (SQLAlchemy's
//! `Connection.execute(select)`): a Core statement, whose rows are
//! columns, never objects — a model selected stands for its table's
//! columns (`select(User)` gives `(1, 'a')` rows keyed `id`, `name`), an
//! aliased model for its columns through the alias. What a mapper event
//! listener reads with the flush's connection.

use std::rc::Rc;

use crate::orm::expr::ColumnElement;
use crate::orm::query::{Entity, Query};

/// The statement with each model entity replaced by its columns, and no
/// entity carrying the ORM's annotations.
pub(crate) fn core_select(q: &Query) -> Query {
    let mut core = q.clone();
    let mut entities = Vec::new();
    for e in &q.entities {
        match e {
            Entity::Model(m) => {
                for c in m.table_columns() {
                    let col = ColumnElement::local_column(
                        m.table.clone(),
                        c.name.clone(),
                        c.ty.clone(),
                        c.name.clone(),
                    );
                    entities.push(Entity::Expr(Rc::new(col)));
                }
            }
            Entity::Aliased(a) => {
                for c in a.model.columns.iter().filter(|c| c.expression.is_none()) {
                    if let Some(mut col) = a.column(&c.attr) {
                        col.orm = false;
                        col.key = Some(c.name.clone());
                        entities.push(Entity::Expr(Rc::new(col)));
                    }
                }
            }
            Entity::Expr(ce) => {
                let mut col = (**ce).clone();
                col.orm = false;
                entities.push(Entity::Expr(Rc::new(col)));
            }
        }
    }
    core.entities = entities;
    core
}
