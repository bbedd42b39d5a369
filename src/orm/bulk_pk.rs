//! ORM bulk UPDATE by primary key — `session.execute(update(User),
//! [{'id': 1, 'name': 'x'}, ...])`: one `UPDATE … WHERE pk = ?` per
//! parameter set, then the objects of the session with those keys take the
//! new values of their loaded columns, as committed (SQLAlchemy's
//! `_BulkORMUpdate._do_post_synchronize_bulk_evaluate`).

use std::rc::Rc;

use crate::error::Result;
use crate::orm::instance::Key;
use crate::orm::session::{Session, pk_criteria};
use crate::schema::model::Model;
use crate::sql::ast::{SqlExpr, Update};
use crate::sql::compile;
use crate::value::Value;

/// One parameter set of a bulk UPDATE by primary key.
pub struct PkRow {
    /// The row's primary key.
    pub key: Key,
    /// The columns set (by index): the SQL written and the value the
    /// session's object takes.
    pub set: Vec<(usize, SqlExpr, Value)>,
}

impl Session {
    /// Each row updated by its key (with `where_` ANDed on); the objects
    /// of the session with those keys follow. Returns the rows matched.
    pub fn bulk_update_by_pk(
        &mut self,
        model: &Rc<Model>,
        rows: Vec<PkRow>,
        where_: &[SqlExpr],
    ) -> Result<usize> {
        let mut n = 0;
        for row in &rows {
            if row.set.is_empty() {
                continue;
            }
            let mut criteria = pk_criteria(model, &row.key);
            criteria.extend(where_.iter().cloned());
            let stmt = Update {
                table: model.table.clone(),
                set: row
                    .set
                    .iter()
                    .map(|(i, e, _)| (model.columns[*i].name.clone(), e.clone()))
                    .collect(),
                where_: criteria,
                from: Vec::new(),
            };
            n += self.execute(&compile::update(&stmt))?;
        }
        for row in rows {
            let Some(inst) = self.identity.get(&(model.id, row.key.clone())) else {
                continue;
            };
            for (i, _, v) in row.set {
                let loaded = !inst.st.borrow().column_expired(i);
                if loaded {
                    self.edit(&inst).set_committed_value(i, v);
                }
            }
        }
        Ok(n)
    }
}
