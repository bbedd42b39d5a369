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
    /// Made by a table-level `ForeignKeyConstraint` (which writes the
    /// DDL), not by the column's own `ForeignKey`.
    pub table_level: bool,
    /// `deferrable=` / `initially=` (` DEFERRABLE INITIALLY DEFERRED`).
    pub defer: crate::sql::ddl_constraint::Deferrability,
}

#[derive(Clone)]
pub struct Column {
    /// The attribute name on the model (`User.username`).
    pub attr: Rc<str>,
    /// The column name in the table (usually the same).
    pub name: Rc<str>,
    /// `key=`: the column's key in its table's `.c` (SQLAlchemy's
    /// `Column.key`), when given; else the key is the column's name.
    pub key: Option<Rc<str>>,
    pub ty: ColumnType,
    /// What the type's keyword arguments add (collation, length, CHECK).
    pub type_opts: TypeOptions,
    pub primary_key: bool,
    pub nullable: bool,
    pub unique: bool,
    pub index: bool,
    /// `default=`: a value, or a callable applied at flush.
    pub default: Option<Value>,
    /// `onupdate=`: a value, or a callable, written by every UPDATE of
    /// the row that does not set the column itself (SQLAlchemy's
    /// Python-side `onupdate`, evaluated by the flush).
    pub onupdate: Option<Value>,
    /// `server_onupdate=`: the database sets the column when the row is
    /// updated (a trigger; nothing in the DDL, as SQLAlchemy writes
    /// none): after an UPDATE that does not set it, the attribute is read
    /// again (SQLAlchemy's postfetch).
    pub server_onupdate: bool,
    /// The SQL a `server_onupdate=` was given (None for `FetchedValue()`),
    /// for `Column.server_onupdate`.
    pub server_onupdate_sql: Option<Rc<str>>,
    /// `server_default=`: SQL text placed in the DDL.
    pub server_default: Option<Rc<str>>,
    /// `server_default=` given as a SQL expression (`db.func.now()`,
    /// `db.true()`): written again in the dialect of each database the
    /// DDL is for (`server_default` holds it in the one open when the
    /// model was defined), as SQLAlchemy compiles the DDL per dialect.
    pub server_default_expr: Option<Rc<crate::sql::ast::SqlExpr>>,
    /// `server_default=db.FetchedValue()`: the database fills the column
    /// on INSERT by means of its own (a trigger): nothing in the DDL, and
    /// the INSERT reads it back as it does a `server_default`.
    pub server_fetched: bool,
    pub autoincrement: Option<bool>,
    pub foreign_key: Option<ForeignKey>,
    /// `db.deferred(...)`, `mapped_column(deferred=True)`: left out of
    /// the SELECT that loads the model, read when first accessed.
    pub deferred: Option<crate::orm::deferral::Deferral>,
    /// `db.Computed(...)`: a generated column, never written by the
    /// flush (`eval::computed`).
    pub computed: Option<crate::eval::computed::Computed>,
    /// `db.Identity(...)`: an identity column (`eval::identity`).
    pub identity: Option<crate::eval::identity::Identity>,
    /// `db.Sequence(...)`: the sequence that numbers the column where the
    /// dialect has sequences (`eval::sequence`).
    pub sequence: Option<Rc<crate::eval::sequence::Sequence>>,
    /// `db.CheckConstraint(...)` given to `db.Column(...)`: each its name
    /// (when given) and condition, written after the column's own DDL
    /// (` CHECK (n > 0)`, ` CONSTRAINT name CHECK (…)`), as SQLAlchemy's
    /// `create_column_constraints` writes a column's constraints.
    pub checks: Vec<(Option<Rc<str>>, Rc<str>)>,
    /// `db.column_property(expr)`: not a column of the table but an SQL
    /// expression loaded with the object (`orm::column_property`).
    pub expression: Option<std::rc::Rc<crate::sql::ast::SqlExpr>>,
    /// `comment=`: kept for `Model.attr.comment` (SQLAlchemy's SQLite
    /// dialect writes no column comment in the DDL).
    pub comment: Option<Rc<str>>,
    /// `info=`: the application's dictionary, for `Model.attr.info`
    /// (`Column.info`); no SQL. An empty dict when none was given, made
    /// with the column and kept, so what the application puts in it stays
    /// (SQLAlchemy's `info` memoized on first read).
    pub info: Option<Value>,
    /// `doc=`: the attribute's docstring (`Column.doc`, `Model.attr.doc`);
    /// no SQL.
    pub doc: Option<Rc<str>>,
    /// SQLite's rowid of a table without a primary key, which reflection
    /// maps as the key (`rowid`, `_rowid_` or `oid`): not a column of the
    /// table, so `create_all()` writes neither it nor a PRIMARY KEY
    /// (`schema::ddl::create_table`).
    pub sqlite_rowid: bool,
    /// Given a `ForeignKey` and no type whose target table was not yet
    /// defined: the type is the referenced column's once that table is
    /// defined (SQLAlchemy's `ForeignKey._set_target_column` copies it
    /// onto a `NullType` column), until then a placeholder.
    pub fk_type_pending: bool,
}

impl Column {
    /// The database gives the column a value on INSERT when none is
    /// written: a `server_default=` (text or `FetchedValue()`).
    pub fn server_generated(&self) -> bool {
        self.server_default.is_some() || self.server_fetched
    }

    /// A `None` given to this column is written as JSON `'null'`, not SQL
    /// NULL: a `db.JSON` column without `none_as_null=True` (SQLAlchemy's
    /// `JSON.should_evaluate_none`). A column left unset is still NULL.
    pub fn none_is_json_null(&self) -> bool {
        self.ty == ColumnType::Json && !self.type_opts.none_as_null
    }

    /// The column's key in its table's `.c`: `key=`, else its name.
    pub fn table_key(&self) -> Rc<str> {
        self.key.clone().unwrap_or_else(|| self.name.clone())
    }

    pub fn new(name: Rc<str>, ty: ColumnType) -> Column {
        Column {
            attr: name.clone(),
            name,
            key: None,
            ty,
            type_opts: TypeOptions::default(),
            primary_key: false,
            nullable: true,
            unique: false,
            index: false,
            default: None,
            onupdate: None,
            server_onupdate: false,
            server_onupdate_sql: None,
            server_default: None,
            server_default_expr: None,
            server_fetched: false,
            autoincrement: None,
            foreign_key: None,
            deferred: None,
            computed: None,
            identity: None,
            sequence: None,
            checks: Vec::new(),
            expression: None,
            comment: None,
            info: Some(Value::Dict(Default::default())),
            doc: None,
            sqlite_rowid: false,
            fk_type_pending: false,
        }
    }
}
