//! An index into a JSON column read as another type — `as_string()`,
//! `as_integer()`, `as_float()`, `as_boolean()`, `as_numeric(p, s)`,
//! `as_json()` — SQLAlchemy's `JSON.Comparator` casts (`orm::json`).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::column::{arity, done};
use crate::orm::expr::ColumnElement;
use crate::value::Value;

type C = Rc<ColumnElement>;

/// `as_string()`, `as_integer()`, …: an index into JSON read as another
/// type (`orm::json`).
pub(super) fn json_as(_: &mut Interp, c: &C, a: Args) -> Result<Value> {
    use crate::schema::types::ColumnType;
    arity(&a, 0)?;
    let ty = match &*a.name {
        "as_string" => Some(ColumnType::Unicode(None)),
        "as_integer" => Some(ColumnType::Integer),
        "as_float" => Some(ColumnType::Float),
        "as_boolean" => Some(ColumnType::Boolean),
        _ => None,
    };
    done(crate::orm::json::as_type(c, &a.name, ty))
}

/// `as_numeric(precision, scale, asdecimal=True)`: an index into JSON
/// read as `Numeric(precision, scale)`.
pub(super) fn json_as_numeric(_: &mut Interp, c: &C, mut a: Args) -> Result<Value> {
    let asdecimal = a.take_kw("asdecimal");
    a.count(2, 3)?;
    let asdecimal = match asdecimal.or_else(|| a.pos.get(2).cloned()) {
        Some(v) => v.truthy(),
        None => true,
    };
    let ty = crate::schema::types::ColumnType::Numeric(crate::schema::types::NumericType {
        precision: Some(
            u32::try_from(a.int(0)?)
                .map_err(|_| Error::type_("as_numeric() takes a precision of 0 or more"))?,
        ),
        scale: Some(
            u32::try_from(a.int(1)?)
                .map_err(|_| Error::type_("as_numeric() takes a scale of 0 or more"))?,
        ),
        asdecimal,
        ..crate::schema::types::NumericType::PLAIN
    });
    done(crate::orm::json::as_type(c, "as_numeric", Some(ty)))
}
