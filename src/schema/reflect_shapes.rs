//! The shapes of tables reflection reads as links between others: an
//! association table (two foreign-key columns and nothing else), a
//! self-referential one, and a link model with columns of its own (every
//! Django many-to-many table), with whether a link row written through the
//! many-to-many is complete — as SQLAlchemy's automap tells a
//! many-to-many table (`_is_many_to_many`) and more.

use std::collections::{HashMap, HashSet};

use crate::schema::reflect::TableInfo;
use crate::schema::reflect_plan::Target;

/// Two columns, each a single-column foreign key, to two different tables.
pub(crate) fn association_shaped(t: &TableInfo) -> bool {
    let fks = &t.foreign_keys;
    fks.len() == 2
        && t.columns.len() == 2
        && fks
            .iter()
            .all(|f| f.columns.len() == 1 && f.ref_table != t.name)
        && fks[0].ref_table != fks[1].ref_table
        && fks[0].columns[0] != fks[1].columns[0]
}

/// Two columns, each a single-column foreign key to the same other table
/// (`follows(follower_id, followed_id)` to `people`): an association
/// table reflection maps as a model, with a note.
pub(crate) fn self_association(t: &TableInfo) -> bool {
    let fks = &t.foreign_keys;
    fks.len() == 2
        && t.columns.len() == 2
        && fks
            .iter()
            .all(|f| f.columns.len() == 1 && f.ref_table != t.name)
        && fks[0].ref_table == fks[1].ref_table
        && fks[0].columns[0] != fks[1].columns[0]
}

/// Association-shaped, and both ends are tables that become (or are) models.
pub(crate) fn is_association(
    t: &TableInfo,
    models: &HashSet<&str>,
    known: &HashMap<String, Target>,
) -> bool {
    let is_model = |name: &str| known.contains_key(name) || models.contains(name);
    association_shaped(t) && t.foreign_keys.iter().all(|f| is_model(&f.ref_table))
}

/// A model table linking two others with columns of its own (every Django
/// many-to-many table: `id`, `playlist_id`, `track_id`): two single-column
/// foreign keys to two different tables, neither column in its primary
/// key. It stays a model, and its two ends also get a many-to-many pair.
pub(crate) fn link_shaped(t: &TableInfo) -> bool {
    let fks = &t.foreign_keys;
    fks.len() == 2
        && fks
            .iter()
            .all(|f| f.columns.len() == 1 && f.ref_table != t.name)
        && fks[0].ref_table != fks[1].ref_table
        && fks[0].columns[0] != fks[1].columns[0]
        && fks.iter().all(|f| {
            t.columns
                .iter()
                .any(|c| c.name == f.columns[0] && c.pk == 0)
        })
}

/// A link row written through the many-to-many (its two keys only) is
/// complete: every other column is nullable, has a DEFAULT, or is the
/// table's INTEGER PRIMARY KEY (the rowid).
pub(crate) fn link_writable(t: &TableInfo) -> bool {
    let keys: Vec<&String> = t.foreign_keys.iter().map(|f| &f.columns[0]).collect();
    let pk_count = t.columns.iter().filter(|c| c.pk > 0).count();
    t.columns.iter().all(|c| {
        keys.contains(&&c.name)
            || !c.notnull
            || c.default.is_some()
            || (c.pk > 0
                && pk_count == 1
                && !t.without_rowid
                && c.decl_type.eq_ignore_ascii_case("INTEGER"))
    })
}
