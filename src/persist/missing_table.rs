//! A write fails with SQLite's `no such table: main.X` because a trigger
//! on the table written (made before `X` was dropped) writes into `X`:
//! the help names the trigger, where SQLite's words (and ormsh's usual
//! help, which suspects a foreign key) do not.

use crate::error::{Error, ErrorKind};
use crate::eval::Interp;

impl Interp {
    /// `e`, with a help naming the triggers that write into the missing
    /// table, when there are such triggers.
    pub fn explain_missing_table(&mut self, e: Error) -> Error {
        if e.kind != ErrorKind::OperationalError {
            return e;
        }
        let Some(rest) = e.message.strip_prefix("no such table: main.") else {
            return e;
        };
        let table = rest.split([' ', '\n']).next().unwrap_or(rest).to_string();
        let Ok(triggers) = self.session.engine.triggers_naming(&table) else {
            return e;
        };
        if triggers.is_empty() {
            return e;
        }
        let named: Vec<String> = (triggers.iter())
            .map(|(name, on)| format!("trigger {name} on table {on}"))
            .collect();
        let drop = &triggers[0].0;
        let help = format!(
            "the {} writes into {table}, which the database does not have (dropped after the trigger was made): drop the trigger (db.session.execute(db.text('DROP TRIGGER \"{}\"'))) or create {table} again",
            named.join(", the "),
            drop.replace('"', "\"\"").replace('\'', "\\'"),
        );
        // Keep what the flush added (the rollback), after ours.
        let rest = e
            .help
            .as_deref()
            .and_then(|h| h.split_once("; the transaction was "))
            .map(|(_, t)| format!("; the transaction was {t}"))
            .unwrap_or_default();
        let mut e = e;
        e.help = Some(format!("{help}{rest}"));
        e
    }
}
