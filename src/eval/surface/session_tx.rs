//! The class table of `db.session.begin()`'s `SessionTransaction`: a
//! context manager (`with db.session.begin():`, `with
//! db.session.begin_nested():`) with `commit`, `rollback`, `is_active` and
//! `nested`.

use std::rc::Rc;

use crate::eval::session_begin::{SessionTx, commit, is_active, nested, parent, rollback};
use crate::eval::surface::{Class, Member, Sig};

/// SQLAlchemy's `SessionTransaction`.
pub static SESSION_TX: Class<Rc<SessionTx>> = Class::new(
    "SessionTransaction",
    &[
        Member::method("commit", commit, Sig::NONE, "flush, then COMMIT"),
        Member::method("rollback", rollback, Sig::NONE, "ROLLBACK"),
        Member::attr(
            "is_active",
            is_active,
            "whether no commit or rollback has ended it",
        ),
        Member::attr(
            "nested",
            nested,
            "whether it is a nested transaction (SAVEPOINT), from begin_nested()",
        ),
        Member::attr(
            "parent",
            parent,
            "the enclosing transaction; None for the session's own",
        ),
    ],
);
