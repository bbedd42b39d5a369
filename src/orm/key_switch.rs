//! A flushed key change followed along many-to-one relationships that
//! have no one-to-many back-reference: SQLAlchemy's `_DetectKeySwitch`,
//! which, once an object's referenced columns changed, searches the
//! identity map for objects whose loaded many-to-one points at it and
//! gives them the new values in memory (`sync._populate` with
//! `passive_updates=True`: the database's `ON UPDATE CASCADE` moves
//! their rows, no UPDATE is written for them). With a back-reference the
//! one-to-many side does it (`orm::rekey`).

use std::rc::Rc;

use crate::error::Result;
use crate::orm::instance::{Instance, RelValue, Status};
use crate::orm::session::Session;
use crate::schema::relationship::{Rel, RelKind};

impl Session {
    /// Objects whose loaded many-to-one (without back-reference) refers
    /// to `target` take its current values in their foreign-key columns.
    pub(crate) fn switch_many_to_one_referrers(&mut self, target: &Rc<Instance>) -> Result<()> {
        let mut rels: Vec<Rc<Rel>> = (self.mapping.rels.values())
            .filter(|r| {
                r.target.name == target.model.name
                    && r.reverse.is_none()
                    && !r.viewonly
                    && matches!(r.kind, RelKind::ManyToOne { .. })
            })
            .cloned()
            .collect();
        rels.sort_by(|a, b| (&a.owner.name, &a.name).cmp(&(&b.owner.name, &b.name)));
        for rel in rels {
            let RelKind::ManyToOne { pairs } = &rel.kind else {
                continue;
            };
            let referrers: Vec<Rc<Instance>> = (self.identity.alive().into_iter())
                .filter(|x| {
                    x.model.name == rel.owner.name
                        && x.status() == Status::Persistent
                        && x.st.borrow().slot_named(&rel.name).is_some_and(|s| {
                            s.loaded
                                && matches!(&s.value, RelValue::Scalar(Some(t)) if Rc::ptr_eq(t, target))
                        })
                })
                .collect();
            for child in referrers {
                let old_key = child.identity_key();
                let mut rekeyed = false;
                for (fk, referenced) in pairs {
                    let v = target.value(*referenced);
                    if child.value(*fk).same_value(&v) {
                        continue;
                    }
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
}
