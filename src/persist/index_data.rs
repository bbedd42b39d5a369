//! The shadow tables where an FTS or R*Tree index (a virtual table) keeps
//! its data — `x_data`, `x_content`, `x_idx`… of FTS5, `x_segments`… of
//! FTS4, `x_node`, `x_parent`, `x_rowid` of an R*Tree. SQLAlchemy's
//! reflection and automap map them like any table with a key; ormsh maps
//! them too, but as index data: out of the banner and `.models` unless
//! asked (`.models all`), with one note per index, and the connection's
//! defensive mode (`engine::open`) makes SQLite refuse every write to
//! them, which would corrupt the index (`engine::errors` says so).

use crate::schema::reflect::{Item, ItemKind, TableInfo};

/// One note per index whose shadow tables were mapped: which models read
/// them and that writes go to the index's own table.
pub fn notes(infos: &[TableInfo], items: &[Item]) -> Vec<String> {
    let mut owners: Vec<&str> = infos.iter().filter_map(|t| t.index_of.as_deref()).collect();
    owners.sort_unstable();
    owners.dedup();
    owners
        .into_iter()
        .map(|owner| {
            let models: Vec<&str> = infos
                .iter()
                .filter(|t| t.index_of.as_deref() == Some(owner))
                .filter_map(|t| {
                    items
                        .iter()
                        .find(|i| i.kind == ItemKind::Model && i.table == t.name)
                })
                .map(|i| i.name.as_str())
                .collect();
            format!(
                "{owner}: an FTS or R*Tree index; the tables where it keeps its data are mapped for reading ({}; .models all lists them); SQLite refuses writes to them, which would corrupt the index: write to {owner}",
                models.join(", ")
            )
        })
        .collect()
}
