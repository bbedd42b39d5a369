//! The names of SQLAlchemy 2.0's typed declarative that `db` lends from
//! `sqlalchemy.orm` (Flask-SQLAlchemy's `SQLAlchemy.__getattr__`), and so
//! `from sqlalchemy.orm import …` binds: `mapped_column` (a built-in too,
//! which stored definitions may name), and the classes annotations and
//! bases are written with (`Mapped`, `DeclarativeBase`, …; read from the
//! text by `schema::mapped` and `syntax::typed_class`, so these are only
//! imported and shown). `DB_SQL` (`surface/db_sql.rs`) extends this table.

use std::rc::Rc;

use crate::eval::Interp;
use crate::eval::mapped::SaClass;
use crate::eval::objects::Namespace;
use crate::eval::surface::{Class, Member};
use crate::value::Value;

type R = Rc<Namespace>;

/// A class of `sqlalchemy.orm`, by its qualified name.
macro_rules! sa_class {
    ($name:literal, $qual:literal, $doc:literal) => {
        Member::attr($name, |_, _| Ok(Value::obj(SaClass($qual))), $doc)
    };
}

/// `db.mapped_column`, `db.Mapped`, …, in the order `help(db)` lists them.
pub static DB_MAPPED: Class<R> = Class::new(
    "SQLAlchemy",
    &[
        Member::attr(
            "mapped_column",
            |_, _| {
                Ok(Interp::native(
                    "mapped_column",
                    crate::eval::mapped::mapped_column,
                ))
            },
            "a typed column: id: Mapped[int] = mapped_column(primary_key=True)",
        )
        .declarable(),
        sa_class!(
            "Mapped",
            "sqlalchemy.orm.base.Mapped",
            "the annotation of a mapped attribute: name: Mapped[str], posts: Mapped[List['Post']]"
        ),
        sa_class!(
            "DeclarativeBase",
            "sqlalchemy.orm.decl_api.DeclarativeBase",
            "the base of a declarative base: class Base(DeclarativeBase): pass"
        ),
        sa_class!(
            "DynamicMapped",
            "sqlalchemy.orm.base.DynamicMapped",
            "the annotation of a dynamic relationship: posts: DynamicMapped['Post']"
        ),
        sa_class!(
            "WriteOnlyMapped",
            "sqlalchemy.orm.base.WriteOnlyMapped",
            "the annotation of a write-only relationship (refused when mapped)"
        ),
        sa_class!(
            "MappedAsDataclass",
            "sqlalchemy.orm.decl_api.MappedAsDataclass",
            "dataclass mapping (refused as a base)"
        ),
    ],
);
