//! A declarative base, `class Base(DeclarativeBase): pass` (SQLAlchemy's
//! `DeclarativeBase` subclass, `eval::mapped::DeclarativeBaseClass`): the
//! `MetaData` of its models' tables (plain SQLAlchemy's
//! `Base.metadata.create_all(engine)`; ormsh has one, `db.metadata`) and
//! its name.

use std::rc::Rc;

use crate::eval::Interp;
use crate::eval::mapped::DeclarativeBaseClass;
use crate::eval::objects::Ns;
use crate::eval::surface::{Class, Member};
use crate::value::Value;

type R = Rc<DeclarativeBaseClass>;

/// `Base.metadata`, `Base.__name__`.
pub static DECLARATIVE_BASE: Class<R> = Class::new(
    "DeclarativeMeta",
    &[
        Member::attr(
            "metadata",
            |_, _| Ok(Interp::namespace(Ns::Metadata)),
            "the MetaData of its models' tables (ormsh has one: db.metadata)",
        ),
        Member::attr(
            "__name__",
            |_, b| Ok(Value::str(&b.name)),
            "the class's name",
        ),
    ],
);
