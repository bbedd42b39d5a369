//! The methods and attributes of SQLAlchemy's `Query`, `Select` and
//! `Session` (and Flask-SQLAlchemy's model class) that ormsh does not
//! have: reading one is a `NotImplementedError` naming the construct and
//! saying why, never a misleading `AttributeError`. Each table is sorted
//! by name; a name a class table has is found before these are asked.
//! `grammar/COVERAGE.md` lists the same refusals.

use crate::error::{Error, ErrorKind};

/// Why most inspection and compilation hooks are refused.
const INSPECT: &str = "ormsh's queries do not expose SQLAlchemy's statement internals";
/// Why the label-style switches are refused.
const LABELS: &str = "ormsh writes SQLAlchemy's default labels";
/// Why the set operations, subqueries and CTEs not yet in ormsh are refused.
const SETOPS: &str = "this set operation, subquery or CTE form is not in ormsh yet";
/// Why hints and prefixes are refused.
const HINTS: &str = "ormsh writes no dialect hints, prefixes or suffixes";

/// `Query`'s members ormsh refuses, with the reason.
const QUERY: &[(&str, &str)] = &[
    (
        "add_entity",
        "add the model with add_columns(Model) or query(A, B)",
    ),
    ("apply_labels", LABELS),
    ("autoflush", "ormsh always autoflushes before a query runs"),
    ("cte", SETOPS),
    ("enable_assertions", "ormsh's checks cannot be turned off"),
    (
        "enable_eagerloads",
        "loader options apply as given; leave them out instead",
    ),
    ("except_", SETOPS),
    ("except_all", SETOPS),
    ("get_children", INSPECT),
    ("get_execution_options", INSPECT),
    ("get_label_style", LABELS),
    (
        "instances",
        "rows of a cursor are not exposed; run the query",
    ),
    ("intersect", SETOPS),
    ("intersect_all", SETOPS),
    ("is_single_entity", INSPECT),
    ("lazy_loaded_from", INSPECT),
    (
        "merge_result",
        "ormsh keeps no results apart from a session",
    ),
    (
        "only_return_tuples",
        "rows of one model are the objects; query columns for rows",
    ),
    ("reset_joinpoint", "SQLAlchemy 2 has no join points"),
    ("selectable", INSPECT),
    ("set_label_style", LABELS),
    ("suffix_with", HINTS),
    (
        "tuples",
        "rows of one model are the objects; query columns for rows",
    ),
    ("union", SETOPS),
    ("union_all", SETOPS),
    ("whereclause", INSPECT),
    ("with_hint", HINTS),
    ("with_labels", LABELS),
    ("with_session", "ormsh has one session, db.session"),
    ("with_statement_hint", HINTS),
    (
        "with_transformation",
        "apply the function to the query yourself: f(query)",
    ),
];

/// `Select`'s members ormsh refuses, with the reason.
const SELECT: &[(&str, &str)] = &[
    ("add_cte", SETOPS),
    ("alias", SETOPS),
    ("column", "add columns with add_columns(...)"),
    ("columns_clause_froms", INSPECT),
    ("cte", SETOPS),
    ("except_", SETOPS),
    ("except_all", SETOPS),
    ("exists", SETOPS),
    ("get_children", INSPECT),
    ("get_execution_options", INSPECT),
    ("get_final_froms", INSPECT),
    ("get_label_style", LABELS),
    ("intersect", SETOPS),
    ("intersect_all", SETOPS),
    ("lateral", "SQLite has no LATERAL"),
    ("reduce_columns", INSPECT),
    ("set_label_style", LABELS),
    ("slice", "use limit() and offset()"),
    ("suffix_with", HINTS),
    ("union", SETOPS),
    ("union_all", SETOPS),
    ("whereclause", INSPECT),
    ("with_hint", HINTS),
    ("with_statement_hint", HINTS),
];

/// `Session`'s (and `scoped_session`'s) members ormsh refuses, with the
/// reason.
const SESSION: &[(&str, &str)] = &[
    ("bind", "ormsh has one engine, db.engine"),
    ("bind_mapper", "ormsh has one engine, db.engine"),
    ("bind_table", "ormsh has one engine, db.engine"),
    ("binds", "ormsh has one engine, db.engine"),
    (
        "bulk_insert_mappings",
        "use db.session.execute(db.insert(Model), [dict, ...])",
    ),
    ("bulk_save_objects", "use db.session.add_all([...])"),
    (
        "bulk_update_mappings",
        "use db.session.execute(db.update(Model), [dict, ...])",
    ),
    (
        "configure",
        "ormsh's session is configured as Flask-SQLAlchemy's",
    ),
    (
        "delete_all",
        "delete each: for o in objs: db.session.delete(o)",
    ),
    (
        "enable_relationship_loading",
        "add the object to the session instead",
    ),
    (
        "execution_options",
        "pass execution_options= to db.session.execute",
    ),
    ("get_bind", "ormsh has one engine, db.engine"),
    ("get_transaction", "ormsh does not expose its transaction"),
    ("identity_key", INSPECT),
    (
        "identity_map",
        "the identity map is not exposed; db.inspect(obj) tells an object's state",
    ),
    ("info", "ormsh's session keeps no user data"),
    (
        "invalidate",
        "ormsh has one connection; close() ends the session",
    ),
    (
        "merge_all",
        "merge each: [db.session.merge(o) for o in objs]",
    ),
    ("object_session", "ormsh has one session, db.session"),
    ("prepare", "SQLite has no two-phase commit"),
    ("query_property", "every model has .query already"),
    ("reset", "use close()"),
];

/// What a model class has in SQLAlchemy that ormsh refuses, with the
/// reason.
/// What SQLAlchemy's `Engine` has that ormsh's one engine does not.
const ENGINE: &[(&str, &str)] = &[
    (
        "begin",
        "ormsh runs statements in its session: with Session(engine) as session, session.begin(): …",
    ),
    (
        "connect",
        "ormsh runs statements in its session: session.execute(text(\"…\")) with session = Session(engine), or db.session.execute(...)",
    ),
    ("dispose", "ormsh closes its database at exit"),
    (
        "raw_connection",
        "ormsh runs SQL with session.execute(text(\"…\")) or .sql",
    ),
];

const MODEL: &[(&str, &str)] = &[
    ("metadata", "the tables are db.metadata"),
    (
        "query_class",
        "every model's query is Flask-SQLAlchemy's Query",
    ),
    ("registry", INSPECT),
];

/// The reason `name` of `table` is refused, if it is.
fn reason(table: &[(&str, &'static str)], name: &str) -> Option<&'static str> {
    let i = table.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    Some(table[i].1)
}

/// The error for `Class.name`, refused for `why`.
fn refusal(class: &str, name: &str, why: &str, help: &str) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!("{class}.{name} (SQLAlchemy's {class}.{name}) is not supported by ormsh: {why}"),
    )
    .with_help(format!(
        "{help}; grammar/COVERAGE.md says what is refused and why"
    ))
}

/// A `Query` member of SQLAlchemy's that ormsh refuses.
pub fn query(name: &str) -> Option<Error> {
    reason(QUERY, name).map(|why| refusal("Query", name, why, "dir(query) lists what ormsh has"))
}

/// A `Select` member of SQLAlchemy's that ormsh refuses.
pub fn select(name: &str) -> Option<Error> {
    reason(SELECT, name).map(|why| refusal("Select", name, why, "dir(stmt) lists what ormsh has"))
}

/// A `Session` member of SQLAlchemy's that ormsh refuses.
pub fn session(name: &str) -> Option<Error> {
    reason(SESSION, name)
        .map(|why| refusal("Session", name, why, "dir(db.session) lists what ormsh has"))
}

/// An `Engine` method of SQLAlchemy's that ormsh refuses.
pub fn engine(name: &str) -> Option<Error> {
    reason(ENGINE, name).map(|why| refusal("Engine", name, why, "dir(engine) lists what ormsh has"))
}

/// A model class attribute of SQLAlchemy's that ormsh refuses.
pub fn model(name: &str) -> Option<Error> {
    reason(MODEL, name).map(|why| refusal("Model", name, why, "dir(Model) lists what ormsh has"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_for_binary_search() {
        for t in [QUERY, SELECT, SESSION, MODEL, ENGINE] {
            assert!(t.windows(2).all(|w| w[0].0 < w[1].0), "{:?}", t[0]);
        }
        assert!(query("autoflush").is_some());
        assert!(query("filter").is_none());
    }
}
