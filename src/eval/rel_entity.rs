//! A relationship attribute given to a query as an entity
//! (`db.session.query(Comment.post, Comment.id)`): SQLAlchemy selects the
//! relationship's comparator clause, its join condition
//! (`RelationshipProperty.Comparator.__clause_element__`), as an
//! anonymous boolean column, the relationship's own table first in FROM.

use crate::error::{Error, ErrorKind, Result};
use crate::orm::expr::{ColumnElement, and};
use crate::orm::relation::join_condition;
use crate::schema::relationship::{Rel, RelKind};
use crate::schema::types::ColumnType;
use crate::sql::ast::FromItem;

/// The column expression a query selects for `Model.rel`: the join
/// condition, of type Boolean. A many-to-many or self-referential one
/// (whose clause SQLAlchemy writes over an aliased table) is refused.
pub(crate) fn rel_entity(rel: &Rel) -> Result<ColumnElement> {
    if matches!(rel.kind, RelKind::ManyToMany { .. }) || rel.owner.table == rel.target.table {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "selecting the relationship {}.{} in a query is not supported for a {} relationship",
                rel.owner.name,
                rel.name,
                if matches!(rel.kind, RelKind::ManyToMany { .. }) {
                    "many-to-many"
                } else {
                    "self-referential"
                }
            ),
        )
        .with_help(format!(
            "select the columns instead, e.g. query({}.id) with a join",
            rel.owner.name
        )));
    }
    let (cond, _) = join_condition(rel);
    let mut e = and(cond);
    e.ty = Some(ColumnType::Boolean);
    e.orm = true;
    e.froms = vec![FromItem::Table {
        name: rel.owner.table.clone(),
        alias: None,
    }];
    Ok(e)
}
