//! ORM bulk UPDATE by primary key — `session.execute(update(User),
//! [{'id': 1, 'name': 'x'}, ...])`: one `UPDATE … WHERE pk = ?` per
//! parameter set, then the objects of the session with those keys take the
//! new values of their loaded columns, as committed (SQLAlchemy's
//! `_BulkORMUpdate._do_post_synchronize_bulk_evaluate`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::identity_key::pk_criteria;
use crate::orm::instance::Key;
use crate::orm::session::Session;
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
    /// Columns the row does not set whose `onupdate=` fills them, written
    /// into its UPDATE only (Core's executemany applies them; the
    /// session's objects do not take them).
    pub fills: Vec<(usize, SqlExpr)>,
}

impl Session {
    /// Each row updated by its key (with `where_` ANDed on); unless `sync`
    /// is off, the objects of the session with those keys follow. Without
    /// `where_`, every row must match (`_emit_update_statements`'
    /// rowcount check: `StaleDataError`). Returns the rows matched.
    pub fn bulk_update_by_pk(
        &mut self,
        model: &Rc<Model>,
        rows: Vec<PkRow>,
        where_: &[SqlExpr],
        sync: bool,
    ) -> Result<usize> {
        let mut n = 0;
        let mut records = 0;
        for row in &rows {
            if row.set.is_empty() {
                continue;
            }
            records += 1;
            let mut criteria = pk_criteria(model, &row.key);
            criteria.extend(where_.iter().cloned());
            let stmt = Update {
                prefixes: Vec::new(),
                table: model.table.clone(),
                set: row
                    .set
                    .iter()
                    .map(|(i, e, _)| (*i, e))
                    .chain(row.fills.iter().map(|(i, e)| (*i, e)))
                    .map(|(i, e)| (model.columns[i].name.clone(), e.clone()))
                    .collect(),
                where_: criteria,
                from: Vec::new(),
            };
            n += self.execute(&compile::update(&stmt, self.engine.dialect()))?;
        }
        if where_.is_empty() && n != records {
            return Err(Error::new(
                ErrorKind::StaleDataError,
                format!(
                    "UPDATE statement on table '{}' expected to update {records} row(s); {n} were matched.",
                    model.table
                ),
            )
            .with_help("each parameter set must name the primary key of a row that exists"));
        }
        if !sync {
            return Ok(n);
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
