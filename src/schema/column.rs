//! A mapped column: its name, type and options (`primary_key`, `unique`,
//! `nullable`, `index`, `default`, `server_default`, `autoincrement`) and its
//! foreign key.

use std::rc::Rc;

use crate::schema::types::{ColumnType, TypeOptions};
use crate::value::Value;

#[derive(Clone, Debug, PartialEq)]
pub struct ForeignKey {
    pub table: Rc<str>,
    pub column: Rc<str>,
    pub ondelete: Option<Rc<str>>,
    pub onupdate: Option<Rc<str>>,
    /// `name=`: the constraint's name (`CONSTRAINT name FOREIGN KEY …`).
    pub name: Option<Rc<str>>,
}

#[derive(Clone)]
pub struct Column {
    /// The attribute name on the model (`User.username`).
    pub attr: Rc<str>,
    /// The column name in the table (usually the same).
    pub name: Rc<str>,
    pub ty: ColumnType,
    /// What the type's keyword arguments add (collation, length, CHECK).
    pub type_opts: TypeOptions,
    pub primary_key: bool,
    pub nullable: bool,
    pub unique: bool,
    pub index: bool,
    /// `default=`: a value, or a callable applied at flush.
    pub default: Option<Value>,
    /// `server_default=`: SQL text placed in the DDL.
    pub server_default: Option<Rc<str>>,
    pub autoincrement: Option<bool>,
    pub foreign_key: Option<ForeignKey>,
}

impl Column {
    pub fn new(name: Rc<str>, ty: ColumnType) -> Column {
        Column {
            attr: name.clone(),
            name,
            ty,
            type_opts: TypeOptions::default(),
            primary_key: false,
            nullable: true,
            unique: false,
            index: false,
            default: None,
            server_default: None,
            autoincrement: None,
            foreign_key: None,
        }
    }
}
