//! Identifier quoting exactly as SQLAlchemy's `SQLiteIdentifierPreparer`
//! does it: a name is written bare when it is lower case, made only of
//! `[a-z0-9_$]`, does not start with a digit or `$`, and is not one of
//! SQLite's reserved words; otherwise it is wrapped in `"…"` with any `"`
//! doubled. So `user` stays `user`, while `order`, `UserName`, `x y` and
//! `we"ird` become `"order"`, `"UserName"`, `"x y"` and `"we""ird"`.
//!
//! `str()` of a statement not bound to an engine (a 2.0 `select()`) uses
//! the default dialect instead: the same rules with its own word list
//! ([`is_generic_reserved`]), so there `user` is `"user"`; PostgreSQL's
//! words are in `dialect_pg`.
//!
//! Quoting is what keeps identifiers from changing a statement's shape: every
//! table, column, alias, label and index name the compiler writes goes
//! through [`quote_with`], as the dialect's `Dialect::quote`.

use std::borrow::Cow;

/// `SQLiteIdentifierPreparer.reserved_words` (sqlalchemy/dialects/sqlite/base.py).
const RESERVED: &[&str] = &[
    "add",
    "after",
    "all",
    "alter",
    "analyze",
    "and",
    "as",
    "asc",
    "attach",
    "autoincrement",
    "before",
    "begin",
    "between",
    "by",
    "cascade",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "commit",
    "conflict",
    "constraint",
    "create",
    "cross",
    "current_date",
    "current_time",
    "current_timestamp",
    "database",
    "default",
    "deferrable",
    "deferred",
    "delete",
    "desc",
    "detach",
    "distinct",
    "drop",
    "each",
    "else",
    "end",
    "escape",
    "except",
    "exclusive",
    "exists",
    "explain",
    "fail",
    "false",
    "for",
    "foreign",
    "from",
    "full",
    "glob",
    "group",
    "having",
    "if",
    "ignore",
    "immediate",
    "in",
    "index",
    "indexed",
    "initially",
    "inner",
    "insert",
    "instead",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "key",
    "left",
    "like",
    "limit",
    "match",
    "natural",
    "not",
    "notnull",
    "null",
    "of",
    "offset",
    "on",
    "or",
    "order",
    "outer",
    "plan",
    "pragma",
    "primary",
    "query",
    "raise",
    "references",
    "reindex",
    "rename",
    "replace",
    "restrict",
    "right",
    "rollback",
    "row",
    "select",
    "set",
    "table",
    "temp",
    "temporary",
    "then",
    "to",
    "transaction",
    "trigger",
    "true",
    "union",
    "unique",
    "update",
    "using",
    "vacuum",
    "values",
    "view",
    "virtual",
    "when",
    "where",
];

/// `RESERVED_WORDS` of SQLAlchemy's default dialect
/// (sqlalchemy/sql/compiler.py), used by `str()` of a statement that is not
/// bound to an engine: `user` is reserved here, `key` and `value` are not.
const GENERIC_RESERVED: &[&str] = &[
    "all",
    "analyse",
    "analyze",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "asymmetric",
    "authorization",
    "between",
    "binary",
    "both",
    "case",
    "cast",
    "check",
    "collate",
    "column",
    "constraint",
    "create",
    "cross",
    "current_date",
    "current_role",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "deferrable",
    "desc",
    "distinct",
    "do",
    "else",
    "end",
    "except",
    "false",
    "for",
    "foreign",
    "freeze",
    "from",
    "full",
    "grant",
    "group",
    "having",
    "ilike",
    "in",
    "initially",
    "inner",
    "intersect",
    "into",
    "is",
    "isnull",
    "join",
    "leading",
    "left",
    "like",
    "limit",
    "localtime",
    "localtimestamp",
    "natural",
    "new",
    "not",
    "notnull",
    "null",
    "off",
    "offset",
    "old",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "overlaps",
    "placing",
    "primary",
    "references",
    "right",
    "select",
    "session_user",
    "set",
    "similar",
    "some",
    "symmetric",
    "table",
    "then",
    "to",
    "trailing",
    "true",
    "union",
    "unique",
    "user",
    "using",
    "verbose",
    "when",
    "where",
];

/// Is `word` (already lower case) one of SQLite's reserved words?
pub fn is_reserved(word: &str) -> bool {
    RESERVED.binary_search(&word).is_ok()
}

/// Is `word` (already lower case) one of the default dialect's reserved words?
pub fn is_generic_reserved(word: &str) -> bool {
    GENERIC_RESERVED.binary_search(&word).is_ok()
}

/// `_requires_quotes` with the given reserved-word test: the rules other than
/// the word list are the same for SQLite and the default dialect.
fn requires_quotes_with(name: &str, reserved: fn(&str) -> bool) -> bool {
    let Some(first) = name.chars().next() else {
        return true;
    };
    let legal = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    // Upper case needs quotes; a name without it is its own lower case,
    // so the word lists can be searched without allocating.
    let has_upper = name.chars().any(char::is_uppercase);
    has_upper || reserved(name) || first.is_ascii_digit() || first == '$' || !legal
}

fn quoted(name: &str, requires: bool) -> Cow<'_, str> {
    if requires {
        Cow::Owned(format!("\"{}\"", name.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(name)
    }
}

/// The identifier as SQLAlchemy writes it for a dialect whose reserved
/// words `reserved` tells (`Dialect::quote`): bare when it can be,
/// otherwise `"…"` with embedded `"` doubled.
pub fn quote_with(name: &str, reserved: fn(&str) -> bool) -> Cow<'_, str> {
    quoted(name, requires_quotes_with(name, reserved))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_list_is_sorted_for_binary_search() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
        assert!(GENERIC_RESERVED.windows(2).all(|w| w[0] < w[1]));
    }

    /// Expected forms from SQLAlchemy 2.x (`sqlite.dialect().identifier_preparer.quote`).
    #[test]
    fn quoting_table() {
        for (name, quoted) in [
            ("user", "user"),
            ("category_id", "category_id"),
            ("post2_tag", "post2_tag"),
            ("a$b", "a$b"),
            ("order", "\"order\""),
            ("group", "\"group\""),
            ("select", "\"select\""),
            ("Order", "\"Order\""),
            ("UserName", "\"UserName\""),
            ("x y", "\"x y\""),
            ("we\"ird", "\"we\"\"ird\""),
            ("2fa", "\"2fa\""),
            ("$x", "\"$x\""),
            ("", "\"\""),
            ("café", "\"café\""),
            ("a;DROP TABLE user", "\"a;DROP TABLE user\""),
        ] {
            assert_eq!(quote_with(name, is_reserved), quoted, "{name}");
        }
    }

    /// Expected forms from SQLAlchemy 2.x
    /// (`default.DefaultDialect().identifier_preparer.quote`).
    #[test]
    fn generic_quoting_table() {
        for (name, quoted) in [
            ("user", "\"user\""),
            ("key", "key"),
            ("value", "value"),
            ("type", "type"),
            ("index", "index"),
            ("replace", "replace"),
            ("names", "names"),
            ("offset", "\"offset\""),
            ("order", "\"order\""),
            ("limit", "\"limit\""),
            ("analyse", "\"analyse\""),
            ("Order", "\"Order\""),
            ("x y", "\"x y\""),
            ("we\"ird", "\"we\"\"ird\""),
            ("2fa", "\"2fa\""),
            ("café", "\"café\""),
        ] {
            assert_eq!(quote_with(name, is_generic_reserved), quoted, "{name}");
        }
    }
}
