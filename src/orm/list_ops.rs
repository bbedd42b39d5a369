//! The list methods of a relationship collection (`c.posts.append(p)`,
//! `remove`, `pop`, `clear`, and assigning a whole list), as SQLAlchemy's
//! instrumented list fires them: each change is an attribute event that
//! `orm::backref` carries to the other side. A list may hold an object
//! twice, as a Python list can; the other side lets go only when no copy
//! is left (SQLAlchemy's `has_dupes` check). A list may hold `None`, as
//! SQLAlchemy's does; the flush refuses it (`FlushError`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::backref::{Op, Token, count_in, ptr_in};
use crate::orm::instance::{Instance, RelValue};
use crate::orm::pending::{list_of, queue_remove};
use crate::orm::refused_event::check_target;
use crate::orm::relation::{Collection, is_obj};
use crate::orm::session::Session;
use crate::schema::relationship::{Lazy, Rel};

impl Session {
    /// `c.posts.append(p)`, keeping `p.category` in step (and taking `p`
    /// from the collection of its old parent). A list may hold an object
    /// twice, as in Python. `None` goes in as SQLAlchemy's list takes it:
    /// no event reaches another object, the owner counts as changed, and
    /// the flush refuses it (`refuse_none_in_collections`).
    pub fn append(&mut self, coll: &Collection, item: Option<&Rc<Instance>>) -> Result<()> {
        let rel = coll.rel.clone();
        let owner = coll.owner()?;
        let Some(item) = item else {
            crate::orm::retire::check_rel(&rel)?;
            let i = self.ensure_slot(&owner, &rel);
            // A dynamic relationship's appends are a set (SQLAlchemy's
            // `added_items`): one None at most.
            if let Some(c) = list_of(&owner, i)
                && !(rel.lazy == Lazy::Dynamic && c.has_none())
            {
                self.journal(&owner);
                c.items.borrow_mut().push(None);
            }
            self.touch(&owner, &rel.name);
            return Ok(());
        };
        check_target(&rel, item)?;
        self.impl_append(&owner, &rel, item, &Token::new(&rel, Op::Append))
    }

    /// `c.posts.remove(p)`: the first copy of p (or of `None`) goes; it
    /// must be in the list.
    pub fn remove(&mut self, coll: &Collection, item: Option<&Rc<Instance>>) -> Result<()> {
        crate::orm::retire::check_rel(&coll.rel)?;
        let present = match item {
            Some(x) => coll.contains(x),
            None => coll.has_none(),
        };
        if !present {
            return Err(Error::value("list.remove(x): x not in list"));
        }
        let Some(item) = item else {
            let owner = coll.owner()?;
            self.journal(&owner);
            let mut items = coll.items.borrow_mut();
            if let Some(at) = items.iter().position(Option::is_none) {
                items.remove(at);
            }
            drop(items);
            self.touch(&owner, &coll.rel.name);
            return Ok(());
        };
        self.remove_with_backref(coll, item)
    }

    /// `dynamic.remove(None)`: cancels an appended None, else is recorded
    /// as a removal (SQLAlchemy's `add_removed`), which the flush cannot
    /// write.
    pub fn dynamic_remove_none(&mut self, owner: &Rc<Instance>, rel: &Rc<Rel>) {
        let coll = self.dynamic_collection(owner, rel);
        let i = self.ensure_slot(owner, rel);
        self.journal(owner);
        let mut items = coll.items.borrow_mut();
        match items.iter().position(Option::is_none) {
            Some(at) => {
                items.remove(at);
            }
            None => self.edit(owner).slot_mut(i).none_removed = true,
        }
        drop(items);
        self.touch(owner, &rel.name);
    }

    /// Take the first copy of `item` out of a collection (or queue its
    /// removal from a dynamic one), keeping the other side in step.
    pub(crate) fn remove_with_backref(
        &mut self,
        coll: &Collection,
        item: &Rc<Instance>,
    ) -> Result<()> {
        let rel = coll.rel.clone();
        let owner = coll.owner()?;
        // The event comes before the removal, so a second copy counts.
        let dupes = count_in(&coll.snapshot(), item) > 1;
        let i = self.ensure_slot(&owner, &rel);
        if self.slot_in_memory(&owner, &rel, i) {
            let at = coll.items.borrow().iter().position(|x| is_obj(x, item));
            if let Some(at) = at {
                self.journal(&owner);
                coll.items.borrow_mut().remove(at);
            }
        } else {
            queue_remove(self.edit(&owner).slot_mut(i), coll, item);
        }
        self.touch(&owner, &rel.name);
        self.remove_event(&owner, &rel, item, &Token::new(&rel, Op::Remove), dupes)
    }

    /// `c.posts.pop(i)`: the event comes after the removal, so only a copy
    /// left behind keeps the other side. A `None` popped has no event.
    pub fn pop_at(&mut self, coll: &Collection, at: usize) -> Result<Option<Rc<Instance>>> {
        let rel = coll.rel.clone();
        let owner = coll.owner()?;
        self.journal(&owner);
        let item = coll.items.borrow_mut().remove(at);
        self.touch(&owner, &rel.name);
        let Some(item) = item else {
            return Ok(None);
        };
        let dupes = count_in(&coll.snapshot(), &item) > 1;
        self.remove_event(&owner, &rel, &item, &Token::new(&rel, Op::Remove), dupes)?;
        Ok(Some(item))
    }

    /// `c.posts[at] = item` (SQLAlchemy's instrumented `__setitem__`): the
    /// member there gets its removal event (while still in the list, so
    /// a second copy keeps the other side), `item` its append event, then
    /// it takes the place. An event that moved members leaves `at` past
    /// the end: IndexError, as Python's list store.
    pub fn replace_at(
        &mut self,
        coll: &Collection,
        at: usize,
        item: Option<Rc<Instance>>,
    ) -> Result<()> {
        let rel = coll.rel.clone();
        let owner = coll.owner()?;
        crate::orm::retire::check_rel(&rel)?;
        if let Some(x) = &item {
            check_target(&rel, x)?;
        }
        let old = coll.items.borrow().get(at).cloned().flatten();
        if let Some(old) = &old {
            let dupes = count_in(&coll.snapshot(), old) > 1;
            self.remove_event(&owner, &rel, old, &Token::new(&rel, Op::Remove), dupes)?;
        }
        if let Some(x) = &item {
            let t = Token::new(&rel, Op::Append);
            Session::check_single_parent(&rel, x, None, &t)?;
            self.append_event(&owner, &rel, x, &t)?;
        }
        self.journal(&owner);
        let mut items = coll.items.borrow_mut();
        let Some(slot) = items.get_mut(at) else {
            return Err(Error::new(
                ErrorKind::IndexError,
                "list assignment index out of range",
            ));
        };
        *slot = item;
        drop(items);
        self.touch(&owner, &rel.name);
        Ok(())
    }

    /// `c.posts.clear()`: every member gets its event while the list is
    /// still whole, then the list empties.
    pub fn clear(&mut self, coll: &Collection) -> Result<()> {
        let rel = coll.rel.clone();
        let owner = coll.owner()?;
        let items = coll.snapshot();
        let t = Token::new(&rel, Op::Remove);
        for x in &items {
            let dupes = count_in(&items, x) > 1;
            self.remove_event(&owner, &rel, x, &t, dupes)?;
        }
        self.journal(&owner);
        coll.items.borrow_mut().clear();
        self.touch(&owner, &rel.name);
        Ok(())
    }

    /// `c.posts = [a, b]`: the collection becomes exactly `items`, in that
    /// order (`None`s too); members new to it get their events first, then
    /// the ones left out (SQLAlchemy's `bulk_replace`).
    pub fn set_collection(
        &mut self,
        inst: &Rc<Instance>,
        rel: &Rc<Rel>,
        items: Vec<Option<Rc<Instance>>>,
    ) -> Result<()> {
        for it in items.iter().flatten() {
            check_target(rel, it)?;
        }
        let Some(coll) = self.get_rel(inst, rel)?.downcast::<Collection>() else {
            return Ok(());
        };
        let old = coll.snapshot();
        let t = Token::new(rel, Op::Replace);
        // `single_parent`: each member new to the list gets an append
        // event, so a second copy of one finds the first's parent. Checked
        // before anything changes.
        let mut added: Vec<Rc<Instance>> = Vec::new();
        for it in items.iter().flatten().filter(|x| !ptr_in(&old, x)) {
            if rel.single_parent && ptr_in(&added, it) {
                let help = format!(
                    "{}.{} has single_parent=True: a list assigned to it may hold each {} it gains only once",
                    rel.owner.name, rel.name, rel.target.name
                );
                return Err(Session::second_parent(rel, it, Some(help)));
            }
            Session::check_single_parent(rel, it, None, &t)?;
            added.push(it.clone());
        }
        let (items, refused) = self.refused_in_replace(inst, rel, &old, items, &t);
        self.journal(inst);
        *coll.items.borrow_mut() = items;
        let new = coll.snapshot();
        self.touch(inst, &rel.name);
        for it in new.iter().filter(|x| !ptr_in(&old, x)) {
            self.append_event(inst, rel, it, &t)?;
        }
        if let Some(e) = refused {
            return Err(e);
        }
        // Members that stay get SQLAlchemy's append-without-mutation
        // event: no other side changes, but the save-update cascade runs.
        let mut kept: Vec<Rc<Instance>> = Vec::new();
        for x in old.iter().filter(|x| ptr_in(&new, x)) {
            if !ptr_in(&kept, x) {
                kept.push(x.clone());
            }
        }
        for x in &kept {
            self.cascade_save_update(inst, rel, x, &t)?;
        }
        let mut gone: Vec<Rc<Instance>> = Vec::new();
        for x in old.iter().filter(|x| !ptr_in(&new, x)) {
            if !ptr_in(&gone, x) {
                gone.push(x.clone());
            }
        }
        for x in &gone {
            self.remove_event(inst, rel, x, &t, false)?;
        }
        Ok(())
    }

    /// Before a flush: a `None` removed from a collection of an object the
    /// flush saves fails (SQLAlchemy registers removals in its presort
    /// steps and fails on a removed None with an AttributeError). Objects
    /// outside the session and ones being deleted are not checked, as
    /// there. A `None` added is refused later (`refuse_none_in`).
    pub fn refuse_none_in_collections(&self, objs: &[Rc<Instance>]) -> Result<()> {
        for x in objs {
            if !self.contains(x) || x.is_marked_deleted() {
                continue;
            }
            let st = x.st.borrow();
            for slot in st.slots() {
                let RelValue::List(c) = &slot.value else {
                    continue;
                };
                if c.rel.viewonly {
                    continue;
                }
                if slot.none_removed {
                    return Err(Error::attr(format!(
                        "None was removed from {}.{}, which the flush cannot write",
                        c.rel.owner.name, c.rel.name
                    ))
                    .with_help(format!(
                        "remove only objects from the dynamic relationship {}",
                        c.rel.name
                    )));
                }
            }
        }
        Ok(())
    }

    /// A `None` in a collection of `x` (the relationship `only`, or any)
    /// is SQLAlchemy's `FlushError` ("Can't flush None value found in
    /// collection …", `DependencyProcessor._verify_canload`), met when
    /// the flush processes that relationship's saves for `x`. An object
    /// outside the session or being deleted is not checked, as there.
    pub fn refuse_none_in(&self, x: &Rc<Instance>, only: Option<&Rel>) -> Result<()> {
        if !self.contains(x) || x.is_marked_deleted() {
            return Ok(());
        }
        let st = x.st.borrow();
        for slot in st.slots() {
            let RelValue::List(c) = &slot.value else {
                continue;
            };
            let wanted =
                only.is_none_or(|r| r.owner.name == c.rel.owner.name && r.name == c.rel.name);
            // A None the load gave is committed, not added.
            if c.rel.viewonly || !wanted || c.nones() <= usize::from(slot.loaded_none) {
                continue;
            }
            return Err(Error::new(
                ErrorKind::FlushError,
                format!(
                    "Can't flush None value found in collection {}.{}",
                    c.rel.owner.name, c.rel.name
                ),
            )
            .with_help(format!("take it out first: {}.remove(None)", c.rel.name)));
        }
        Ok(())
    }
}
