//! The members of SQLAlchemy's `Insert`, `Update` and `Delete` that ormsh
//! lacks: reading one is a `NotImplementedError` naming it and saying why,
//! never a misleading `AttributeError` (a name SQLAlchemy's statement has
//! not either, as `Delete.values`, stays an AttributeError).

use std::rc::Rc;

use crate::error::{Error, ErrorKind};
use crate::eval::Interp;
use crate::orm::dml::{Dml, DmlKind};

/// Why the statement-text hooks are refused.
const TEXT: &str = "ormsh writes the statement as SQLAlchemy's SQLite dialect does, with no hints, prefixes or dialect options";

/// The refused members: name, the statements that have it, why.
const REFUSED: &[(&str, &[DmlKind], &str)] = &[
    ("inline", &[DmlKind::Insert], TEXT),
    (
        "ordered_values",
        &[DmlKind::Update],
        "ormsh writes SET in the order values() gives",
    ),
    (
        "params",
        &[DmlKind::Insert, DmlKind::Update, DmlKind::Delete],
        TEXT,
    ),
    (
        "return_defaults",
        &[DmlKind::Insert, DmlKind::Update],
        "use .returning(...) for the values the database gave",
    ),
    (
        "with_dialect_options",
        &[DmlKind::Insert, DmlKind::Update, DmlKind::Delete],
        TEXT,
    ),
    (
        "with_hint",
        &[DmlKind::Insert, DmlKind::Update, DmlKind::Delete],
        TEXT,
    ),
];

/// `stmt.NAME` that ormsh's statement lacks: refused when SQLAlchemy's
/// has it, else Python's AttributeError.
pub fn missing(_: &mut Interp, d: &Rc<Dml>, name: &str, hint: &str) -> Error {
    let kind = d.kind.name();
    match REFUSED
        .iter()
        .find(|(n, kinds, _)| *n == name && kinds.contains(&d.kind))
    {
        Some((_, _, why)) => Error::new(
            ErrorKind::NotImplementedError,
            format!("{kind}.{name} (SQLAlchemy's {kind}.{name}) is not supported by ormsh: {why}"),
        )
        .with_help(format!(
            "dir(stmt) lists what ormsh's {kind} has; grammar/COVERAGE.md says what is refused and why"
        )),
        None => Error::attr(format!("'{kind}' object has no attribute '{name}'{hint}")),
    }
}
