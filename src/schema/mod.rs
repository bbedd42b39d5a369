//! Models as data: columns, types, table naming, the registry of defined
//! models, and the DDL plan for them. Never touches rusqlite.

pub mod column;
pub mod constraint;
pub mod ddl;
pub mod ddl_names;
pub mod inflect;
pub mod inspect_sql;
pub mod mapped;
pub mod methods;
pub mod model;
pub mod naming;
pub mod naming_convention;
pub mod reflect;
pub mod reflect_cover;
pub mod reflect_generated;
pub mod reflect_plan;
pub mod reflect_shapes;
pub mod reflect_source;
pub mod registry;
pub mod relationship;
pub mod sort_tables;
pub mod sql_types;
pub mod table;
pub mod types;
pub mod types_pg;
