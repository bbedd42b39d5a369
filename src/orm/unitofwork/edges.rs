//! The edges each kind of relationship puts between the flush's actions,
//! as SQLAlchemy's dependency processors declare them
//! (`dependency.py`: `per_property_dependencies` between table-level
//! actions, `per_state_dependencies` between one object's actions), with
//! and without `post_update`. Each pair is (first, then).

use crate::orm::unitofwork::graph::Act;
use crate::schema::relationship::RelKind;

/// The table-level actions one relationship joins: the owner's ("parent")
/// and the target's ("child") saves and deletes, the relationship's
/// processing of saves and of deletes, and the post-updates (after saves,
/// before deletes) of the table holding the foreign key.
pub struct TableActs {
    pub parent_saves: Act,
    pub child_saves: Act,
    pub parent_deletes: Act,
    pub child_deletes: Act,
    pub after_save: Act,
    pub before_delete: Act,
    pub post_updates: Act,
    pub pre_updates: Act,
}

/// SQLAlchemy's `per_property_dependencies`.
pub fn table_edges(kind: &RelKind, post_update: bool, a: &TableActs) -> Vec<(Act, Act)> {
    let (ps, cs, pd, cd) = (
        a.parent_saves,
        a.child_saves,
        a.parent_deletes,
        a.child_deletes,
    );
    let (save, delete, post, pre) = (a.after_save, a.before_delete, a.post_updates, a.pre_updates);
    match (kind, post_update) {
        (RelKind::OneToMany { .. }, false) => vec![
            (ps, save),
            (save, cs),
            (save, cd),
            (cs, pd),
            (cd, pd),
            (delete, cs),
            (delete, cd),
        ],
        (RelKind::OneToMany { .. }, true) => vec![
            (cs, save),
            (ps, save),
            (save, post),
            (cs, delete),
            (delete, post),
            (post, pd),
            (delete, pre),
            (pre, pd),
            (pre, cd),
        ],
        (RelKind::ManyToOne { .. }, false) => vec![(cs, save), (save, ps), (ps, cd), (pd, cd)],
        (RelKind::ManyToOne { .. }, true) => vec![
            (cs, save),
            (ps, save),
            (save, post),
            (save, pre),
            (delete, pre),
            (pre, cd),
            (pre, pd),
        ],
        (RelKind::ManyToMany { .. }, _) => vec![
            (ps, save),
            (cs, save),
            (save, cd),
            (delete, ps),
            (delete, pd),
            (delete, cd),
            (delete, cs),
        ],
    }
}

/// One object's actions for one related object: the owner's save or
/// delete (`parent`), the related object's (`child`, deleted or not; None
/// for an object outside the flush, SQLAlchemy's `(None, None)`), the
/// relationship's processing for the owner (`process`, of its deletes
/// when `delete`), and the post-update and pre-update of the table
/// holding the foreign key.
pub struct StateActs {
    pub parent: Act,
    pub child: Option<Act>,
    pub child_deleted: bool,
    pub process: Act,
    pub delete: bool,
    pub post_updates: Act,
    pub pre_updates: Act,
}

/// SQLAlchemy's `per_state_dependencies`. A pair naming a child outside
/// the flush is left out, as `UOWTransaction._generate_actions` drops an
/// edge with `None` in it: the owner's other edges stay, so its save still
/// follows its many-to-one's processing and precedes its collection's.
pub fn state_edges(kind: &RelKind, post_update: bool, a: &StateActs) -> Vec<(Act, Act)> {
    let (parent, child, process) = (Some(a.parent), a.child, Some(a.process));
    let (post, pre) = (Some(a.post_updates), Some(a.pre_updates));
    let pairs: Vec<(Option<Act>, Option<Act>)> =
        match (kind, post_update, a.delete, a.child_deleted) {
            (RelKind::OneToMany { .. }, false, false, _) => {
                vec![(parent, process), (process, child), (parent, child)]
            }
            (RelKind::OneToMany { .. }, false, true, _) => vec![(process, child), (child, parent)],
            (RelKind::OneToMany { .. }, true, false, true) => {
                vec![(child, process), (process, post)]
            }
            (RelKind::OneToMany { .. }, true, false, false) => {
                vec![(parent, process), (child, process), (process, post)]
            }
            (RelKind::OneToMany { .. }, true, true, _) => vec![(process, pre), (pre, parent)],
            (RelKind::ManyToOne { .. }, false, false, false) => {
                vec![(child, process), (process, parent)]
            }
            (RelKind::ManyToOne { .. }, false, false, true) => vec![(process, parent)],
            (RelKind::ManyToOne { .. }, false, true, true) => vec![(parent, child)],
            (RelKind::ManyToOne { .. }, false, true, false) => Vec::new(),
            (RelKind::ManyToOne { .. }, true, false, true) => vec![(process, post), (post, child)],
            (RelKind::ManyToOne { .. }, true, false, false) => {
                vec![(parent, process), (child, process), (process, post)]
            }
            (RelKind::ManyToOne { .. }, true, true, _) => {
                vec![(process, pre), (pre, parent), (pre, child)]
            }
            (RelKind::ManyToMany { .. }, _, false, true) => {
                vec![(parent, process), (process, child)]
            }
            (RelKind::ManyToMany { .. }, _, false, false) => {
                vec![(parent, process), (child, process)]
            }
            (RelKind::ManyToMany { .. }, _, true, _) => vec![(process, child), (process, parent)],
        };
    pairs
        .into_iter()
        .filter_map(|(x, y)| Some((x?, y?)))
        .collect()
}
