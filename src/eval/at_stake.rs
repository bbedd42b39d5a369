//! Whether a destructive statement at the prompt has anything to lose, so
//! that `db.drop_all()` and an unfiltered `Model.query.delete()` ask only
//! when rows (or objects pending in the session) would go: Flask-SQLAlchemy
//! never asks, and a question over empty tables only gets in the way of a
//! tutorial's `db.drop_all()` / `db.create_all()`.

use crate::error::Result;
use crate::eval::Interp;
use crate::schema::model::Model;

impl Interp {
    /// Ask before something destructive at the interactive prompt (default
    /// no); scripts never ask. Says so when the answer is no (Ctrl-C and
    /// Ctrl-D answer no), and the statement's value (`0` rows deleted) is
    /// not shown after it.
    pub fn ask(&mut self, question: &str) -> Result<bool> {
        let Some(confirm) = self.confirm.as_mut() else {
            return Ok(true);
        };
        let yes = confirm(question);
        if !yes {
            self.cancelled = true;
            self.declined = true;
            self.write_line("Cancelled: nothing was changed.")?;
        }
        Ok(yes)
    }

    /// Was a question answered no since the last call? (The shell asks
    /// after each entry, so that `.save` leaves out what did not run.)
    pub fn take_declined(&mut self) -> bool {
        std::mem::take(&mut self.declined)
    }

    /// Does table `name` exist and hold at least one row?
    fn table_holds_rows(&self, name: &str, existing: &[String]) -> Result<bool> {
        if !existing.iter().any(|e| e == name) {
            return Ok(false);
        }
        let quoted = self.session.engine.dialect().quote(name);
        let sql = format!("SELECT 1 FROM {quoted} LIMIT 1");
        Ok(!self.session.engine.quiet_query(&sql, &[])?.is_empty())
    }

    /// Before `drop_all()` (`MetaData.drop_all`): asks (at the prompt) only
    /// when a table of the models or `db.Table`s holds rows or the session
    /// holds pending objects; true when the drop goes ahead.
    pub fn ask_drop_all(&mut self) -> Result<bool> {
        if self.confirm.is_none() {
            return Ok(true);
        }
        let existing = self.session.engine.table_names()?;
        let names: Vec<String> = (self.registry.models().iter().map(|m| m.table.to_string()))
            .chain(self.registry.tables().iter().map(|t| t.name.to_string()))
            .collect();
        let mut at_stake = !self.session.pending().is_empty();
        for n in &names {
            at_stake = at_stake || self.table_holds_rows(n, &existing)?;
        }
        if !at_stake {
            return Ok(true);
        }
        self.ask("Drop every table of the defined models, with their data?")
    }

    /// Before an unfiltered `Query.delete()`: asks (at the prompt) only
    /// when the model's table holds rows or objects of it are pending (the
    /// autoflush would insert them); true when the delete goes ahead.
    /// After a failed flush it asks nothing: the statement could not run
    /// (`PendingRollbackError`, raised when it is sent).
    pub fn ask_delete_all(&mut self, model: &Model) -> Result<bool> {
        if self.confirm.is_none() || self.session.engine.pending_rollback() {
            return Ok(true);
        }
        let existing = self.session.engine.table_names()?;
        let pending = (self.session.pending().iter()).any(|i| i.model.table == model.table);
        if !pending && !self.table_holds_rows(&model.table, &existing)? {
            return Ok(true);
        }
        self.ask(&format!("Delete every row of table '{}'?", model.table))
    }
}
