//! The DDL plan of a model: the CREATE TABLE and CREATE INDEX structures that
//! `sql::ddl` writes out, following SQLAlchemy's choices for SQLite.

use std::rc::Rc;

use crate::schema::model::Model;
use crate::sql::ast::{ColumnDdl, CreateIndex, CreateTable, ForeignKeyDdl};

pub fn create_table(model: &Model) -> CreateTable {
    let columns = model
        .columns
        .iter()
        .map(|c| ColumnDdl {
            name: c.name.clone(),
            type_sql: Rc::from(c.ty.ddl()),
            not_null: !c.nullable || c.primary_key,
            default_sql: c.server_default.clone(),
        })
        .collect();
    let primary_key = model
        .pk
        .iter()
        .map(|&i| model.columns[i].name.clone())
        .collect();
    // unique=True with index=True becomes a UNIQUE INDEX instead.
    let uniques = model
        .columns
        .iter()
        .filter(|c| c.unique && !c.index)
        .map(|c| vec![c.name.clone()])
        .collect();
    let foreign_keys = model
        .columns
        .iter()
        .filter_map(|c| {
            let fk = c.foreign_key.as_ref()?;
            Some(ForeignKeyDdl {
                columns: vec![c.name.clone()],
                ref_table: fk.table.clone(),
                ref_columns: vec![fk.column.clone()],
                ondelete: fk.ondelete.clone(),
                onupdate: fk.onupdate.clone(),
            })
        })
        .collect();
    CreateTable {
        name: model.table.clone(),
        columns,
        primary_key,
        uniques,
        foreign_keys,
        checks: Vec::new(),
    }
}

pub fn create_indexes(model: &Model) -> Vec<CreateIndex> {
    model
        .columns
        .iter()
        .filter(|c| c.index)
        .map(|c| CreateIndex {
            name: Rc::from(format!("ix_{}_{}", model.table, c.name)),
            table: model.table.clone(),
            columns: vec![c.name.clone()],
            unique: c.unique,
        })
        .collect()
}
