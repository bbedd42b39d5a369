//! `select(...)` / `db.select(...)`: a 2.0 `Select` of models or columns.
//! (The members of `db` and `db.session` are the tables of
//! `eval::surface::db` and `eval::surface::session`.)

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::session_args::entities;
use crate::eval::surface::Sig;
use crate::orm::query::Query;
use crate::value::Value;

/// `db.select(User)` / `select(User.id, User.name)`
pub fn select(_: &mut Interp, mut a: Args) -> Result<Value> {
    // SQLAlchemy's `select(*entities, **__kw)` takes no keyword: any is
    // its ArgumentError.
    a.bind("select", &Sig::NONE).map_err(|mut e| {
        e.kind = ErrorKind::ArgumentError;
        e
    })?;
    let ents = match a.pos.as_slice() {
        [Value::List(l)] => {
            let items = l.borrow().clone();
            entities(&Args::new("select", items))?
        }
        _ => entities(&a)?,
    };
    if ents.is_empty() {
        return Err(Error::type_(
            "select() needs a model or columns, like db.select(User)",
        ));
    }
    Ok(Value::obj(Query::new(ents, false)))
}
