//! The list methods of a relationship collection (`c.posts.append(p)`,
//! `remove`, `pop`, `clear`, and assigning a whole list), as SQLAlchemy's
//! instrumented list fires them: each change is an attribute event that
//! `orm::backref` carries to the other side. A list may hold an object
//! twice, as a Python list can; the other side lets go only when no copy
//! is left (SQLAlchemy's `has_dupes` check).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::orm::backref::{Op, Token, check_target, count_in, ptr_in, queue_remove};
use crate::orm::instance::Instance;
use crate::orm::relation::Collection;
use crate::orm::session::Session;
use crate::schema::relationship::Rel;

impl Session {
    /// `c.posts.append(p)`, keeping `p.category` in step (and taking `p`
    /// from the collection of its old parent). A list may hold an object
    /// twice, as in Python.
    pub fn append(&mut self, coll: &Collection, item: &Rc<Instance>) -> Result<()> {
        let rel = coll.rel.clone();
        check_target(&rel, item)?;
        let owner = coll.owner.clone();
        self.impl_append(&owner, &rel, item, &Token::new(&rel, Op::Append))
    }

    /// `c.posts.remove(p)`: the first copy of p goes; p must be in the list.
    pub fn remove(&mut self, coll: &Collection, item: &Rc<Instance>) -> Result<()> {
        crate::orm::retire::check_rel(&coll.rel)?;
        if !coll.contains(item) {
            return Err(Error::value("list.remove(x): x not in list"));
        }
        self.remove_with_backref(coll, item)
    }

    /// Take the first copy of `item` out of a collection (or queue its
    /// removal from a dynamic one), keeping the other side in step.
    pub(crate) fn remove_with_backref(
        &mut self,
        coll: &Collection,
        item: &Rc<Instance>,
    ) -> Result<()> {
        let rel = coll.rel.clone();
        let owner = coll.owner.clone();
        // The event comes before the removal, so a second copy counts.
        let dupes = count_in(&coll.snapshot(), item) > 1;
        let i = self.ensure_slot(&owner, &rel);
        if self.slot_in_memory(&owner, &rel, i) {
            let at = coll.items.borrow().iter().position(|x| Rc::ptr_eq(x, item));
            if let Some(at) = at {
                self.journal(&owner);
                coll.items.borrow_mut().remove(at);
            }
        } else {
            queue_remove(&mut self.edit(&owner).rels[i], coll, item);
        }
        self.touch(&owner);
        self.remove_event(&owner, &rel, item, &Token::new(&rel, Op::Remove), dupes)
    }

    /// `c.posts.pop(i)`: the event comes after the removal, so only a copy
    /// left behind keeps the other side.
    pub fn pop_at(&mut self, coll: &Collection, at: usize) -> Result<Rc<Instance>> {
        let rel = coll.rel.clone();
        let owner = coll.owner.clone();
        self.journal(&owner);
        let item = coll.items.borrow_mut().remove(at);
        let dupes = count_in(&coll.snapshot(), &item) > 1;
        self.touch(&owner);
        self.remove_event(&owner, &rel, &item, &Token::new(&rel, Op::Remove), dupes)?;
        Ok(item)
    }

    /// `c.posts.clear()`: every member gets its event while the list is
    /// still whole, then the list empties.
    pub fn clear(&mut self, coll: &Collection) -> Result<()> {
        let rel = coll.rel.clone();
        let owner = coll.owner.clone();
        let items = coll.snapshot();
        let t = Token::new(&rel, Op::Remove);
        for x in &items {
            let dupes = count_in(&items, x) > 1;
            self.remove_event(&owner, &rel, x, &t, dupes)?;
        }
        self.journal(&owner);
        coll.items.borrow_mut().clear();
        self.touch(&owner);
        Ok(())
    }

    /// `c.posts = [a, b]`: the collection becomes exactly `items`, in that
    /// order; members new to it get their events first, then the ones left
    /// out (SQLAlchemy's `bulk_replace`).
    pub fn set_collection(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        items: Vec<Rc<Instance>>,
    ) -> Result<()> {
        for it in &items {
            check_target(rel, it)?;
        }
        let Some(coll) = self.get_rel(inst, rel)?.downcast::<Collection>() else {
            return Ok(());
        };
        let old = coll.snapshot();
        self.journal(inst);
        *coll.items.borrow_mut() = items.clone();
        self.touch(inst);
        let t = Token::new(rel, Op::Replace);
        for it in items.iter().filter(|x| !ptr_in(&old, x)) {
            self.append_event(inst, rel, it, &t)?;
        }
        let mut gone: Vec<Rc<Instance>> = Vec::new();
        for x in old.iter().filter(|x| !ptr_in(&items, x)) {
            if !ptr_in(&gone, x) {
                gone.push(x.clone());
            }
        }
        for x in &gone {
            self.remove_event(inst, rel, x, &t, false)?;
        }
        Ok(())
    }
}
