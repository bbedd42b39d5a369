//! Identifier quoting exactly as SQLAlchemy's `SQLiteIdentifierPreparer`
//! does it: a name is written bare when it is lower case, made only of
//! `[a-z0-9_$]`, does not start with a digit or `$`, and is not one of
//! SQLite's reserved words; otherwise it is wrapped in `"…"` with any `"`
//! doubled. So `user` stays `user`, while `order`, `UserName`, `x y` and
//! `we"ird` become `"order"`, `"UserName"`, `"x y"` and `"we""ird"`.
//!
//! Quoting is what keeps identifiers from changing a statement's shape: every
//! table, column, alias, label and index name the compiler writes goes
//! through [`quote_ident`].

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

/// Is `word` (already lower case) one of SQLite's reserved words?
pub fn is_reserved(word: &str) -> bool {
    RESERVED.binary_search(&word).is_ok()
}

/// SQLAlchemy's `IdentifierPreparer._requires_quotes` for SQLite.
pub fn requires_quotes(name: &str) -> bool {
    let Some(first) = name.chars().next() else {
        return true;
    };
    let legal = name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    let lower = name.to_lowercase();
    is_reserved(&lower) || first.is_ascii_digit() || first == '$' || !legal || lower != name
}

/// The identifier as SQLAlchemy writes it for SQLite: bare when it can be,
/// otherwise `"…"` with embedded `"` doubled.
pub fn quote_ident(name: &str) -> Cow<'_, str> {
    if requires_quotes(name) {
        Cow::Owned(format!("\"{}\"", name.replace('"', "\"\"")))
    } else {
        Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_list_is_sorted_for_binary_search() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
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
            assert_eq!(quote_ident(name), quoted, "{name}");
        }
    }
}
