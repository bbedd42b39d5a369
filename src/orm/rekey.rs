//! A primary key changed by a flush, as SQLAlchemy follows it
//! (`Session._register_altered`, the transaction's `_key_switches`, and
//! `OneToManyDP.process_saves` with `passive_updates=True`):
//!
//! - the UPDATE (and a later DELETE) names the row by the key it has in the
//!   database — `InstState::key`, the key as last loaded or flushed — never
//!   by the attribute values the user changed;
//! - once the UPDATE ran, the identity map holds the object at its new key
//!   and `InstState::key` is the new key; the key the transaction began
//!   with is kept (`InstState::tx_key`) so a rollback puts it back;
//! - children loaded in memory that refer to the old key through a
//!   one-to-many relationship take the new one in memory only, as with
//!   SQLAlchemy's default `passive_updates=True`: the database moves their
//!   rows when the foreign key says `ON UPDATE CASCADE`; with a foreign
//!   key constraint but no cascade the parent's UPDATE fails on it; with no
//!   constraint the rows keep the old key, as there. A foreign key inside
//!   a child's primary key re-keys the child (SQLAlchemy's `pk_cascaded`);
//! - an UPDATE that matched no row is `StaleDataError`, in SQLAlchemy's
//!   words; a DELETE that matched none is SQLAlchemy's warning.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::convert::to_param;
use crate::orm::instance::{Instance, Key, KeyPart, RelValue, Status};
use crate::orm::nested::Noted;
use crate::orm::session::Session;
use crate::schema::model::Model;
use crate::schema::relationship::RelKind;
use crate::value::Value;

/// The identity key of `values` (one per column of `model`): None when a
/// key column is None. Shaped as `Session::key_of` builds it from a row.
pub fn key_of_values(model: &Model, values: &[Value]) -> Result<Option<Key>> {
    let part = |i: usize| -> Result<Option<KeyPart>> {
        Ok(KeyPart::of_param(&to_param(
            &model.columns[i].ty,
            &values[i],
        )?))
    };
    // One allocation for the usual single-column key.
    Ok(match model.pk[..] {
        [i] => part(i)?.map(|p| Rc::from([p])),
        _ => model
            .pk
            .iter()
            .map(|&i| part(i))
            .collect::<Result<Option<Vec<KeyPart>>>>()?
            .map(Rc::from),
    })
}

/// The identity key a just-inserted object takes: a composite key with
/// some parts NULL still names its row (the mapper's
/// `allow_partial_pks=True`, which `_register_persistent` follows); all
/// NULL names none.
pub fn inserted_key_of_values(model: &Model, values: &[Value]) -> Result<Option<Key>> {
    if model.pk.len() < 2 {
        return key_of_values(model, values);
    }
    let params = (model.pk.iter())
        .map(|&i| to_param(&model.columns[i].ty, &values[i]))
        .collect::<Result<Vec<_>>>()?;
    Ok(KeyPart::key_of(&params))
}

/// SQLAlchemy's check of a flushed UPDATE: its rows (`expected` of them,
/// run as one statement) must match exactly one row each
/// (`persistence._emit_update_statements`). A DELETE that matches
/// nothing is only a warning there (`confirm_deleted_rows`), so the flush
/// does not call this for deletes.
pub fn check_updated(table: &str, expected: usize, matched: usize) -> Result<()> {
    if matched == expected {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::StaleDataError,
        format!(
            "UPDATE statement on table '{table}' expected to update {expected} row(s); {matched} were matched."
        ),
    ))
}

/// SQLAlchemy's warning for a flushed DELETE of `expected` rows that
/// matched another number (`confirm_deleted_rows`): the flush goes on, the
/// objects count as deleted.
pub fn deleted_warning(table: &str, expected: usize, matched: usize) -> Option<String> {
    (matched != expected).then(|| {
        format!(
            "warning: DELETE statement on table '{table}' expected to delete {expected} row(s); {matched} were matched.\nhelp: the row was deleted, or its key changed, outside the session; the object counts as deleted"
        )
    })
}

/// Did the flushed UPDATE of `parent` change a column its one-to-many
/// relationships refer to (SQLAlchemy's `OneToManyDP._pks_changed`, which
/// asks `sync.source_modified` of the relationship's own columns)?
fn referenced_changed(session: &Session, parent: &Instance) -> bool {
    let st = parent.st.borrow();
    let Some(committed) = st.committed() else {
        return false;
    };
    session.mapping.of(&parent.model.name).iter().any(|rel| {
        let RelKind::OneToMany { pairs } = &rel.kind else {
            return false;
        };
        !rel.viewonly
            && pairs.iter().any(|(own, _)| {
                let was = &committed[*own];
                !crate::orm::history::is_no_value(was) && !was.same_value(st.value(*own))
            })
    })
}

impl Session {
    /// After a flushed UPDATE of `inst`, whose row had key `old`: when the
    /// key columns changed, re-key the object in the identity map, keep the
    /// key the transaction began with for rollback, and move children
    /// loaded in memory to the new key.
    pub(crate) fn follow_key(&mut self, inst: &Rc<Instance>, old: &Key) -> Result<()> {
        let model = inst.model.clone();
        let new = key_of_values(&model, inst.st.borrow().values())?;
        let Some(new) = new.filter(|k| k != old) else {
            // A changed column children refer to that is not the key
            // (SQLAlchemy's `_pks_changed` is `sync.source_modified`).
            if referenced_changed(self, inst) {
                return self.cascade_key(inst);
            }
            return Ok(());
        };
        self.identity.remove_if(&(model.id, old.clone()), inst);
        self.edit(inst).rekey(old, new.clone());
        self.note_key_switch(inst, old, &new);
        // Listed for rollback (`restore_keys`), UPDATE or not.
        if self.edit(inst).note_updated_in_tx() {
            self.updated_in_tx.push(inst.clone());
        }
        self.identity.insert((model.id, new), inst);
        self.cascade_key(inst)?;
        self.switch_many_to_one_referrers(inst)
    }

    /// Children that stayed in `parent`'s one-to-many collections since
    /// they were loaded or flushed take its new key in memory, as
    /// SQLAlchemy's `OneToManyDP` synchronises them with `passive_updates`:
    /// no UPDATE is written for them (the database's `ON UPDATE CASCADE`
    /// moves their rows; without it their rows keep the old key, as there).
    /// A foreign key inside a child's own primary key re-keys the child
    /// (SQLAlchemy's `pk_cascaded`). Children added to the collection are
    /// written by the flush as any change.
    fn cascade_key(&mut self, parent: &Rc<Instance>) -> Result<()> {
        let rels = self.mapping.of(&parent.model.name).to_vec();
        for rel in rels {
            let RelKind::OneToMany { pairs } = &rel.kind else {
                continue;
            };
            if rel.viewonly {
                continue;
            }
            let children: Vec<Rc<Instance>> = {
                let st = parent.st.borrow();
                let Some(slot) = st.slot_named(&rel.name) else {
                    continue;
                };
                let current: Vec<Rc<Instance>> = match &slot.value {
                    RelValue::Scalar(v) => v.iter().cloned().collect(),
                    RelValue::List(c) => c.snapshot(),
                };
                current
                    .into_iter()
                    .filter(|c| slot.snapshot.iter().any(|s| Rc::ptr_eq(s, c)))
                    .collect()
            };
            for child in children {
                if child.status() != Status::Persistent || child.is_marked_deleted() {
                    continue;
                }
                let old_key = child.identity_key();
                let mut rekeyed = false;
                for (own, fk) in pairs {
                    let v = parent.value(*own);
                    let same = {
                        let st = child.st.borrow();
                        st.value(*fk).same_value(&v) && st.value(*fk).type_name() == v.type_name()
                    };
                    if same {
                        continue;
                    }
                    // What the row holds (or would, cascaded), not a change.
                    self.edit(&child).set_committed_value(*fk, v);
                    rekeyed |= child.model.pk.contains(fk);
                }
                if let (true, Some(old)) = (rekeyed, old_key) {
                    self.follow_key(&child, &old)?;
                }
            }
        }
        Ok(())
    }

    /// Rollback: objects whose key a flush of the transaction changed are
    /// back at the key it began with (SQLAlchemy's `_restore_snapshot`
    /// over `_key_switches`). Objects inserted in the transaction have left
    /// the session already.
    pub(crate) fn restore_keys(&mut self) {
        for inst in self.updated_in_tx.iter().cloned().collect::<Vec<_>>() {
            let Some((orig, now)) = inst.st.borrow_mut().take_tx_key() else {
                continue;
            };
            if let Some(now) = now {
                self.identity.remove_if(&(inst.model.id, now), &inst);
            }
            inst.st.borrow_mut().restore_key(orig.clone());
            match inst.status() {
                Status::Persistent => self.identity.insert((inst.model.id, orig), &inst),
                // Expunged during the transaction: its key goes back, and
                // what it holds from the rolled-back flush is expired, as
                // SQLAlchemy leaves it (reading it is then
                // DetachedInstanceError).
                Status::Detached => inst.st.borrow_mut().expire(),
                _ => {}
            }
        }
    }
}

impl Session {
    /// After the flushed UPDATE of `inst`'s row, which had key `key`: the
    /// object counts as updated in the transaction, and a key change is
    /// followed.
    pub(crate) fn after_update(&mut self, inst: &Rc<Instance>, key: &Key) -> Result<()> {
        self.edit(inst).forget_row_key();
        if self.edit(inst).note_updated_in_tx() {
            self.updated_in_tx.push(inst.clone());
        }
        self.note_nested(Noted::Updated, inst);
        self.follow_key(inst, key)
    }

    /// After the flushed DELETE of `inst`'s row: the object is deleted and
    /// leaves the identity map.
    pub(crate) fn after_delete(&mut self, inst: &Rc<Instance>) {
        let key = {
            let mut st = self.edit(inst);
            st.become_deleted();
            st.identity_key().cloned()
        };
        // Only if it still holds the key (SQLAlchemy's `safe_discard`): a
        // new object inserted in this flush may have taken the freed key
        // of an object deleted twice.
        if let Some(key) = key {
            self.identity.remove_if(&(inst.model.id, key), inst);
        }
        self.deleted_in_tx.push(inst.clone());
        self.note_nested(Noted::Deleted, inst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_matched_as_sqlalchemy_words_it() {
        assert!(check_updated("tag", 1, 1).is_ok());
        assert!(check_updated("tag", 3, 3).is_ok());
        for (n, text) in [
            (
                0,
                "UPDATE statement on table 'tag' expected to update 1 row(s); 0 were matched.",
            ),
            (
                2,
                "UPDATE statement on table 'tag' expected to update 1 row(s); 2 were matched.",
            ),
        ] {
            let e = check_updated("tag", 1, n).unwrap_err();
            assert_eq!(e.kind, ErrorKind::StaleDataError);
            assert_eq!(e.message, text);
        }
        assert_eq!(deleted_warning("tag", 1, 1), None);
        assert!(deleted_warning("tag", 2, 1).unwrap().starts_with(
            "warning: DELETE statement on table 'tag' expected to delete 2 row(s); 1 were matched.\n"
        ));
        assert!(deleted_warning("tag", 1, 0).unwrap().starts_with(
            "warning: DELETE statement on table 'tag' expected to delete 1 row(s); 0 were matched.\n"
        ));
    }
}
