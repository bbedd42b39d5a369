//! The `Session` itself, as `db.session()` and `Session(engine)` give it:
//! everything `db.session` (Flask-SQLAlchemy's `scoped_session`) passes on,
//! and the methods it does not (`eval::session_nested`).

use std::rc::Rc;

use super::session::SESSION;
use super::{Class, Member, Sig};
use crate::eval::objects::Namespace;
use crate::eval::session_nested as nested;

type R = Rc<Namespace>;

/// The `Session` itself (`db.session()`, `Session(engine)`): what
/// `db.session` passes on, and the methods the `scoped_session` does not
/// (`eval::session_nested`).
pub static ORM_SESSION: Class<R> = Class::new(
    "Session",
    &[
        Member::method(
            "in_nested_transaction",
            nested::in_nested_transaction,
            Sig::NONE,
            "whether a nested transaction (SAVEPOINT) is open",
        ),
        Member::method(
            "get_nested_transaction",
            nested::get_nested_transaction,
            Sig::NONE,
            "the innermost nested transaction, or None",
        ),
        Member::method(
            "in_transaction",
            nested::in_transaction,
            Sig::NONE,
            "whether the transaction has begun",
        ),
    ],
)
.with_base(&SESSION)
.with_missing(super::session::missing);
