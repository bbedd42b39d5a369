//! Column `onupdate=` values (SQLAlchemy's Python-side `onupdate`): which
//! objects a flush may UPDATE, so the interpreter can work out their
//! values before it (a callable is Python code: the flush cannot call
//! it), and which of those an UPDATE row writes (`unitofwork::rows`).

use std::rc::Rc;

use rustc_hash::FxHashSet as HashSet;

use crate::orm::instance::{Instance, Status};
use crate::orm::session::Session;
use crate::orm::unitofwork::states::{history, touched_all};
use crate::orm::unitofwork::switch::takes_over_row;
use crate::value::Value;

/// The objects the next flush may UPDATE whose model has an `onupdate=`
/// column, each once, with the columns the object does not change itself:
/// those with a row that are modified (a column's value not its row's), or whose foreign keys a
/// relationship change may copy into (the items, present or let go, of
/// the new, touched and deleted objects' relationships), and the new ones
/// taking over a deleted object's row or that a `post_update`
/// relationship may UPDATE after their INSERT. A superset of
/// what the plan UPDATEs: the plan writes the values only into the rows
/// it UPDATEs anyway.
pub fn candidates(session: &Session) -> Vec<(Rc<Instance>, Vec<usize>)> {
    let mut seen: HashSet<*const Instance> = HashSet::default();
    // A modified object whose columns all hold their row's values again
    // (`a.title = a.title`) has no net change: SQLAlchemy's history sees
    // none, issues no UPDATE and calls no `onupdate`.
    let mut all: Vec<Rc<Instance>> = (session.dirty.iter())
        .filter(|x| (0..x.model.columns.len()).any(|i| changed(x, i)))
        .cloned()
        .collect();
    let owners: Vec<Rc<Instance>> = touched_all(session)
        .into_iter()
        .chain(session.deleted.iter().cloned())
        .collect();
    for t in &owners {
        all.push(t.clone());
        for rel in session.mapping.of(&t.model.name) {
            if let Some((h, _)) = history(t, rel) {
                all.extend(h.added.into_iter().chain(h.unchanged).chain(h.deleted));
            }
        }
    }
    // A new object is UPDATEd by the flush when it takes over the row of
    // one deleted (`switch`), or by a `post_update` relationship's second
    // UPDATE.
    let post_updated = |m: &str| {
        (session.mapping.rels.values())
            .any(|r| r.post_update && (*r.owner.name == *m || *r.target.name == *m))
    };
    all.into_iter()
        .filter(|x| x.model.columns.iter().any(|c| c.onupdate.is_some()))
        .filter(|x| match x.status() {
            Status::Persistent => !x.is_marked_deleted(),
            Status::Pending => post_updated(&x.model.name) || takes_over_row(session, x),
            _ => false,
        })
        .filter(|x| seen.insert(Rc::as_ptr(x)))
        .map(|x| {
            let cols = (x.model.columns.iter().enumerate())
                .filter(|(i, c)| c.onupdate.is_some() && !changed(&x, *i))
                .map(|(i, _)| i)
                .collect();
            (x, cols)
        })
        .collect()
}

/// Column `i` of `x` holds a value other than the one in its row.
fn changed(x: &Instance, i: usize) -> bool {
    let st = x.st.borrow();
    st.committed()
        .is_some_and(|before| !same(st.value(i), &before[i]))
}

/// The same value of the same type (as the UPDATE's change check).
pub(crate) fn same(a: &Value, b: &Value) -> bool {
    a.same_value(b) && a.type_name() == b.type_name()
}

/// The `onupdate=` values of `x` in `list` (`Session::onupdate`).
pub(crate) fn values_of<'s>(
    list: &'s [(Rc<Instance>, usize, Value)],
    x: &Rc<Instance>,
) -> impl Iterator<Item = (usize, &'s Value)> + use<'s> {
    let p = Rc::as_ptr(x);
    list.iter()
        .filter(move |(y, _, _)| Rc::as_ptr(y) == p)
        .map(|(_, i, v)| (*i, v))
}
