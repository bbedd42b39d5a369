//! What SQLAlchemy's PostgreSQL dialect writes its own way beyond the
//! [`POSTGRESQL`](super::dialect::POSTGRESQL) table (issue 19, in
//! progress): its reserved words (`postgresql/base.py`'s `RESERVED_WORDS`,
//! so `"user"`, `"order"`, `"limit"` are quoted), statements with
//! psycopg2's `%(name)s` parameters read back as the server's `$1…$n`,
//! and the echo of their values as a dict, as SQLAlchemy logs them for
//! psycopg2 (`{'username': 'admin', 'email': 'admin@example.com'}`).

use super::ast::Param;
use super::json::JsonStep;
use super::params::{MAX_PARAMS, param_repr, trunc_repr};

/// `RESERVED_WORDS` of SQLAlchemy's PostgreSQL dialect, sorted.
const RESERVED: &[&str] = &[
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
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
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
    "fetch",
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
    "of",
    "off",
    "offset",
    "old",
    "on",
    "only",
    "or",
    "order",
    "outer",
    "over",
    "overlaps",
    "placing",
    "primary",
    "references",
    "returning",
    "right",
    "select",
    "session_user",
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
    "variadic",
    "verbose",
    "when",
    "where",
    "window",
    "with",
];

/// The bound value of a JSON index on PostgreSQL: the key or position
/// itself (`JSONIndexType`), or a path as PostgreSQL's text array
/// `{a, 1}` (`JSONPathType`'s bind processor).
pub fn json_index_param(path: &[JsonStep], is_path: bool) -> Param {
    let step = |s: &JsonStep| match s {
        JsonStep::Key(k) => k.to_string(),
        JsonStep::Position(i) => i.to_string(),
    };
    match (is_path, path) {
        (false, [JsonStep::Key(k)]) => Param::Text(k.clone()),
        (false, [JsonStep::Position(i)]) => Param::Int(*i),
        _ => {
            let steps: Vec<String> = path.iter().map(step).collect();
            Param::Text(format!("{{{}}}", steps.join(", ")).into())
        }
    }
}

/// Is `word` (lower case) one of PostgreSQL's reserved words?
pub fn is_reserved(word: &str) -> bool {
    RESERVED.binary_search(&word).is_ok()
}

/// A statement written with `%(name)s` parameters (and `%%` for a literal
/// `%`, as SQLAlchemy doubles it for psycopg2) with each placeholder, in
/// order of appearance, replaced by what `each(name)` gives and each `%%`
/// by `%`; a `%` of neither form is kept. The one reading of psycopg2's
/// `pyformat` text ([`pyformat_to_numbered`], `engine::pg_literal::mogrify`).
pub fn replace_pyformat<E>(
    sql: &str,
    mut each: impl FnMut(&str) -> Result<String, E>,
) -> Result<String, E> {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut rest = sql;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if let Some(after) = tail.strip_prefix("%%") {
            out.push('%');
            rest = after;
        } else if let Some((name, after)) = tail
            .strip_prefix("%(")
            .and_then(|t| t.split_once(")s"))
            .filter(|(n, _)| !n.contains(')'))
        {
            out.push_str(&each(name)?);
            rest = after;
        } else {
            out.push('%');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// A statement written with `%(name)s` parameters (and `%%` for a literal
/// `%`, as SQLAlchemy doubles it for psycopg2) as the server takes it:
/// `$1…$n` in order of appearance, one per occurrence, with the names in
/// that order (the values are bound in it).
pub fn pyformat_to_numbered(sql: &str) -> (String, Vec<String>) {
    let mut names = Vec::new();
    let out = replace_pyformat(sql, |name| {
        names.push(name.to_owned());
        Ok::<_, std::convert::Infallible>(format!("${}", names.len()))
    });
    let Ok(out) = out;
    (out, names)
}

/// A statement written with `%(name)s` parameters as the engine's
/// `?`-numbering reads it (`engine::pg_lex`): each placeholder `?`, each
/// `%%` a `%`. Text without either is returned as it is, so the engine's
/// own `?` statements pass through unchanged.
pub fn pyformat_to_qmark(sql: &str) -> std::borrow::Cow<'_, str> {
    if !sql.contains('%') {
        return sql.into();
    }
    let out = replace_pyformat(sql, |_| Ok::<_, std::convert::Infallible>("?".to_owned()));
    let Ok(out) = out;
    out.into()
}

/// The parameters of one execution of `sql` as SQLAlchemy's psycopg2
/// dialect logs them: a dict by the names of its `%(name)s` placeholders,
/// each name once (a name written twice binds one value), `{}` for none;
/// `None` when the text's placeholders are not one per value (a statement
/// of the engine's own, written with `?`).
pub fn params_dict_for(sql: &str, params: &[Param]) -> Option<String> {
    let (_, names) = pyformat_to_numbered(sql);
    if names.len() != params.len() {
        return None;
    }
    let mut kept_names: Vec<&str> = Vec::with_capacity(names.len());
    let mut kept: Vec<Param> = Vec::with_capacity(names.len());
    for (n, p) in names.iter().zip(params) {
        if !kept_names.contains(&n.as_str()) {
            kept_names.push(n);
            kept.push(p.clone());
        }
    }
    Some(params_dict_repr(&kept_names, &kept))
}

/// The values of one execution as SQLAlchemy's echo logs a dict of
/// parameters (`_repr_params._repr_param_dict`): `{'id_1': 5}`, each value
/// cut to 300 characters, the middle of more than 100 left out.
pub fn params_dict_repr(names: &[&str], params: &[Param]) -> String {
    let item = |(n, p): (&&str, &Param)| {
        format!(
            "{}: {}",
            param_repr(&Param::Text((*n).into())),
            trunc_repr(p)
        )
    };
    let items: Vec<(&&str, &Param)> = names.iter().zip(params).collect();
    if items.len() > MAX_PARAMS {
        let half = MAX_PARAMS / 2;
        let first: Vec<String> = items[..half].iter().copied().map(item).collect();
        let last: Vec<String> = items[items.len() - half..]
            .iter()
            .copied()
            .map(item)
            .collect();
        return format!(
            "{{{} ... {} parameters truncated ... {}}}",
            first.join(", "),
            items.len() - MAX_PARAMS,
            last.join(", ")
        );
    }
    let text: Vec<String> = items.into_iter().map(item).collect();
    format!("{{{}}}", text.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::dialect::{POSTGRESQL, SQLITE};

    #[test]
    fn reserved_list_is_sorted_for_binary_search() {
        assert!(RESERVED.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(RESERVED.len(), 102);
    }

    /// `postgresql.dialect().identifier_preparer.quote(name)` and
    /// `sqlite.dialect()`'s: the words each dialect reserves.
    #[test]
    fn reserved_words_by_dialect() {
        for (word, pg, lite) in [
            ("user", true, false),
            ("order", true, true),
            ("limit", true, true),
            ("returning", true, false),
            ("ilike", true, false),
            ("key", false, true),
            ("email", false, false),
        ] {
            assert_eq!(POSTGRESQL.is_reserved(word), pg, "{word} on postgresql");
            assert_eq!(SQLITE.is_reserved(word), lite, "{word} on sqlite");
        }
    }

    /// SQLAlchemy's psycopg2 statements, as its echo prints them
    /// (`INSERT INTO "user" (username, email) VALUES (%(username)s,
    /// %(email)s) RETURNING "user".id`).
    #[test]
    fn pyformat_statements_numbered() {
        let (sql, names) = pyformat_to_numbered(
            "INSERT INTO \"user\" (username, email) VALUES (%(username)s, %(email)s) RETURNING \"user\".id",
        );
        assert_eq!(
            sql,
            "INSERT INTO \"user\" (username, email) VALUES ($1, $2) RETURNING \"user\".id"
        );
        assert_eq!(names, ["username", "email"]);
        let (sql, names) = pyformat_to_numbered("SELECT x %% %(param_1)s WHERE y LIKE '%%a'");
        assert_eq!(sql, "SELECT x % $1 WHERE y LIKE '%a'");
        assert_eq!(names, ["param_1"]);
        assert_eq!(POSTGRESQL.placeholder("id_1"), "%(id_1)s");
        assert_eq!(SQLITE.placeholder("id_1"), "?");
    }

    /// SQLAlchemy's log line for psycopg2: `[generated in …] {'username':
    /// 'admin', 'email': 'admin@example.com'}`.
    #[test]
    fn params_as_a_dict() {
        let p = [Param::Text("admin".into()), Param::Int(1), Param::Null];
        assert_eq!(
            params_dict_repr(&["username", "id_1", "x"], &p),
            "{'username': 'admin', 'id_1': 1, 'x': None}"
        );
        assert_eq!(params_dict_repr(&[], &[]), "{}");
        let many: Vec<Param> = (0..102).map(Param::Int).collect();
        let names: Vec<String> = (0..102).map(|i| format!("p_{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let text = params_dict_repr(&names, &many);
        assert!(text.starts_with("{'p_0': 0, "), "{text}");
        assert!(
            text.contains("'p_49': 49 ... 2 parameters truncated ... 'p_52': 52"),
            "{text}"
        );
        assert!(text.ends_with("'p_101': 101}"), "{text}");
    }

    /// `PGCompiler.visit_empty_set_expr` for an integer column.
    #[test]
    fn empty_in_and_booleans() {
        assert_eq!(
            POSTGRESQL.empty_set(1, None),
            "(SELECT CAST(NULL AS INTEGER) WHERE 1!=1)"
        );
        assert_eq!(
            POSTGRESQL.empty_set(1, Some("VARCHAR(50)")),
            "(SELECT CAST(NULL AS VARCHAR(50)) WHERE 1!=1)"
        );
        assert_eq!(POSTGRESQL.bool_criterion(true), "true");
        assert_eq!(POSTGRESQL.extract("year").0, "EXTRACT(year FROM ");
    }
}
