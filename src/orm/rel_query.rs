//! The query a relationship loads by: the target model with the owner's
//! key values compared to the relationship's columns (a many-to-many
//! through its association table), its extra criteria and `order_by`, as
//! SQLAlchemy's lazy loader builds `LazyLoader._generate_lazy_clause`.

use std::rc::Rc;

use crate::error::Result;
use crate::orm::instance::Instance;
use crate::orm::query::{Entity, Query};
use crate::schema::relationship::{Rel, RelKind};
use crate::sql::ast::{FromItem, SqlExpr};

/// [`Session::rel_query`] with each of `inst`'s values written by `value`
/// (given the column and the key it is compared with): bound now, or when
/// the query runs (`with_parent`, `orm::late`).
pub fn rel_query_by(
    inst: &Rc<Instance>,
    rel: &Rel,
    value: impl Fn(&Rc<Instance>, usize, &Rc<str>) -> Result<SqlExpr>,
) -> Result<Query> {
    {
        let mut q = Query::new(vec![Entity::Model(rel.target.clone())], true);
        let target = &rel.target;
        match &rel.kind {
            RelKind::ManyToOne { pairs } => {
                for (fk, r) in pairs {
                    let c = &target.columns[*r];
                    q.where_.push(SqlExpr::eq(
                        value(inst, *fk, &c.name)?,
                        SqlExpr::col(&target.table, &c.name),
                    ));
                }
            }
            RelKind::OneToMany { pairs } => {
                for (own, fk) in pairs {
                    let c = &target.columns[*fk];
                    q.where_.push(rel.key_eq(
                        value(inst, *own, &c.name)?,
                        SqlExpr::col(&target.table, &c.name),
                    ));
                }
            }
            RelKind::ManyToMany {
                table,
                owner,
                target: tcols,
            } => {
                for (sec, own) in owner {
                    q.where_.push(SqlExpr::eq(
                        value(inst, *own, sec)?,
                        SqlExpr::col(&table.name, sec),
                    ));
                }
                for (sec, t) in tcols {
                    q.where_.push(SqlExpr::eq(
                        target.sql_column(*t),
                        SqlExpr::col(&table.name, sec),
                    ));
                }
                q.extra_from.push(FromItem::Table {
                    name: table.name.clone(),
                    alias: None,
                });
            }
        }
        q.where_.extend(rel.criteria.iter().cloned());
        q.order_by = rel.order_by.clone();
        Ok(q)
    }
}
