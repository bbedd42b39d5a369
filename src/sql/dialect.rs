//! The dialect seam: the text one database writes its own way, as
//! SQLAlchemy's dialect compilers (`SQLiteCompiler` over the default
//! `SQLCompiler`/`StrSQLCompiler`) write it. The compiler asks the
//! [`Dialect`] of its [`Mode`] for function names, `true()`/`false()`,
//! `extract()`, an empty `IN`, true division and UPDATE's `FROM`; everything else is the
//! shared text of `compile`, `expr` and `select`.
//!
//! Three dialects: [`SQLITE`] (what runs, and SQLAlchemy's `str()` of
//! a statement bound to SQLite), [`POSTGRESQL`] (issue 19, in progress:
//! its table is here, `dialect_pg` holds its reserved words and
//! `%(name)s` parameters) and [`DEFAULT`] (its `str()` of an unbound
//! statement). The compiler carries its dialect (`compile::Compiler`):
//! the caller names it, the open engine's (`Engine::dialect`) for what
//! runs or `str()` of what is bound to it, [`DEFAULT`] for `Mode::Generic`.

use std::borrow::Cow;

use super::ast::Param;
use super::json::JsonStep;

/// How a dialect writes `func.NAME(...)` when NAME is one it spells its
/// own way (SQLAlchemy's `visit_NAME_func`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncText {
    /// This text alone; the arguments are not written (`now()` is
    /// `CURRENT_TIMESTAMP` on SQLite).
    Fixed(&'static str),
    /// Another name, with the arguments (`char_length(x)` is `length(x)`).
    Renamed(&'static str),
    /// `func.aggregate_strings(expr, separator)` under this name, the
    /// separator written into the text when the statement runs
    /// (`visit_aggregate_strings_func`'s `literal_execute`): SQLite's
    /// `group_concat`, PostgreSQL's `string_agg`.
    AggregateStrings(&'static str),
}

/// How a dialect writes Python's `/` between two integer expressions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TrueDiv {
    /// `a / (b + 0.0)` (SQLite).
    AddZeroPointZero,
    /// `a / CAST(b AS NUMERIC)` (the default dialect).
    CastNumeric,
}

/// How a dialect writes an index into a JSON value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonIndexText {
    /// `col[:col_1]` (the default dialect's `visit_getitem_binary`).
    Subscript,
    /// `JSON_QUOTE(JSON_EXTRACT(col, ?))`, or `CAST(JSON_EXTRACT(col, ?)
    /// AS type)` when read as another type (SQLite's
    /// `visit_json_getitem_op_binary`).
    JsonExtract,
    /// `col -> %(col_1)s` (`#>` for a path), or `CAST(col ->> %(col_1)s AS
    /// type)` (`#>>`) when read as another type (PostgreSQL's
    /// `visit_json_getitem_op_binary`, `visit_json_path_getitem_op_binary`).
    Arrow,
}

/// How a dialect writes a SELECT's `LIMIT`/`OFFSET` (its `limit_clause`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LimitText {
    /// `\n LIMIT ? OFFSET ?`, always both: an OFFSET alone binds `-1` as
    /// its limit, a LIMIT alone binds `0` as its offset (SQLite's).
    Sqlite,
    /// `\n LIMIT x[ OFFSET y]`, `LIMIT -1` before an OFFSET alone (the
    /// default dialect's `str()`).
    Default,
    /// ` \n LIMIT x[ OFFSET y]`, `\n LIMIT ALL OFFSET y` for an OFFSET
    /// alone (`PGCompiler.limit_clause`).
    Postgresql,
}

/// How a dialect writes a bound parameter (the DB-API's `paramstyle`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamStyle {
    /// `?` (pysqlite's `qmark`).
    Qmark,
    /// `%(name)s` (psycopg2's `pyformat`); the engine numbers them
    /// `$1…$n` for the server.
    Pyformat,
}

/// What one database writes its own way.
#[derive(Debug)]
pub struct Dialect {
    /// SQLAlchemy's name for it (`sqlite`, `postgresql`, `default`).
    pub name: &'static str,
    /// How a bound parameter is written.
    pub paramstyle: ParamStyle,
    /// Its reserved words (lower case), which names must quote.
    pub reserved: fn(&str) -> bool,
    /// `true()` and `false()` (`1`/`0` without native booleans).
    pub true_sql: &'static str,
    pub false_sql: &'static str,
    /// A NULL inserted into the integer primary key numbers it (SQLite's
    /// rowid alias): several key-only rows of one flush are written
    /// `INSERT INTO k (id) VALUES (NULL) RETURNING id`, as SQLAlchemy's
    /// insertmanyvalues writes them.
    pub null_numbers_key: bool,
    /// Functions this dialect spells its own way, by generic name.
    functions: &'static [(&'static str, FuncText)],
    /// `extract(field, x)`: the field names it knows and what each is
    /// written as; `None` writes the ANSI `EXTRACT(field FROM x)`.
    strftime_extract: Option<&'static [(&'static str, &'static str)]>,
    /// Python's `/` between integers.
    pub truediv: TrueDiv,
    /// An `IN` of tuples is written `IN (VALUES (…), …)`.
    pub tuple_in_values: bool,
    /// Booleans are a type of their own (`supports_native_boolean`): a
    /// `true()` alone in a WHERE is `true`, else `1 = 1`.
    pub native_boolean: bool,
    /// `db.Sequence(...)` is created and read (`supports_sequences`):
    /// `CREATE SEQUENCE`, `nextval('name')` in the INSERT. Without it a
    /// column's sequence is ignored, as SQLAlchemy's SQLite dialect does.
    pub sequences: bool,
    /// What `with_for_update()` adds after the LIMIT (SQLAlchemy's
    /// `for_update_clause`: nothing on SQLite, which has no row locks).
    pub for_update: &'static str,
    /// The keyword before the other tables an UPDATE's criteria name
    /// (`update_from_clause`: `UPDATE a SET … FROM b WHERE …`, SQLite
    /// 3.33 and later).
    pub update_from: &'static str,
    /// The keyword before the other tables a DELETE's criteria name
    /// (`delete_extra_from_clause`: PostgreSQL's `DELETE FROM a USING b
    /// WHERE …`); `None` where the dialect cannot write one (SQLite's).
    pub delete_using: Option<&'static str>,
    /// An index into a JSON value.
    pub json_index: JsonIndexText,
    /// `regexp_match` and its negation (`visit_regexp_match_op_binary`).
    regexp: (&'static str, &'static str),
    /// Its own case-insensitive LIKE and its negation (PostgreSQL's
    /// `ILIKE`, `visit_ilike_op_binary`); `None` writes `lower(a) LIKE
    /// lower(b)`.
    pub ilike: Option<(&'static str, &'static str)>,
    /// How `LIMIT`/`OFFSET` are written.
    pub limit: LimitText,
    /// `col.match(term)`: the text between the operands and after the
    /// term (`visit_match_op_binary`: ` MATCH `, PostgreSQL's
    /// ` @@ plainto_tsquery(` … `)`).
    pub match_text: (&'static str, &'static str),
    /// `is_distinct_from` and `is_not_distinct_from` (SQLite's
    /// `visit_is_distinct_from_binary` writes `IS NOT` and `IS`).
    pub distinct_from: (&'static str, &'static str),
    /// `bitwise_xor`'s operator, or `None` where the dialect has none and
    /// writes `(a | b - a & b)` (SQLite's `visit_bitwise_xor_op_binary`).
    pub xor: Option<&'static str>,
    /// A new row's key the database numbers is read back with `INSERT …
    /// RETURNING "t".id`, its table named (SQLAlchemy's
    /// `implicit_returning` on PostgreSQL); SQLite's single-row INSERT
    /// reads `lastrowid` and its RETURNING names bare columns.
    pub implicit_returning: bool,
}

/// `SQLCompiler.extract_map`: the fields `extract()` accepts.
pub const EXTRACT_FIELDS: &[&str] = &[
    "month",
    "day",
    "year",
    "second",
    "hour",
    "doy",
    "minute",
    "quarter",
    "dow",
    "week",
    "epoch",
    "milliseconds",
    "microseconds",
    "timezone_hour",
    "timezone_minute",
];

/// SQLAlchemy's SQLite dialect (`SQLiteCompiler`).
pub static SQLITE: Dialect = Dialect {
    name: "sqlite",
    paramstyle: ParamStyle::Qmark,
    reserved: super::quote::is_reserved,
    true_sql: "1",
    null_numbers_key: true,
    false_sql: "0",
    functions: &[
        ("now", FuncText::Fixed("CURRENT_TIMESTAMP")),
        (
            "localtimestamp",
            FuncText::Fixed("DATETIME(CURRENT_TIMESTAMP, 'localtime')"),
        ),
        ("char_length", FuncText::Renamed("length")),
        (
            "aggregate_strings",
            FuncText::AggregateStrings("group_concat"),
        ),
    ],
    // `SQLiteCompiler.extract_map` over the default one: the fields it
    // names get a strftime format, the rest keep their own name.
    strftime_extract: Some(&[
        ("month", "%m"),
        ("day", "%d"),
        ("year", "%Y"),
        ("second", "%S"),
        ("hour", "%H"),
        ("doy", "%j"),
        ("minute", "%M"),
        ("epoch", "%s"),
        ("dow", "%w"),
        ("week", "%W"),
    ]),
    truediv: TrueDiv::AddZeroPointZero,
    tuple_in_values: true,
    native_boolean: false,
    sequences: false,
    for_update: "",
    update_from: " FROM ",
    delete_using: None,
    json_index: JsonIndexText::JsonExtract,
    regexp: (" REGEXP ", " NOT REGEXP "),
    ilike: None,
    limit: LimitText::Sqlite,
    match_text: (" MATCH ", ""),
    distinct_from: (" IS NOT ", " IS "),
    xor: None,
    implicit_returning: false,
};

/// SQLAlchemy's default dialect, as `str()` of an unbound statement
/// writes it (`StrSQLCompiler`).
pub static DEFAULT: Dialect = Dialect {
    name: "default",
    paramstyle: ParamStyle::Qmark,
    reserved: super::quote::is_generic_reserved,
    true_sql: "true",
    null_numbers_key: false,
    false_sql: "false",
    functions: &[(
        "aggregate_strings",
        FuncText::AggregateStrings("aggregate_strings"),
    )],
    strftime_extract: None,
    truediv: TrueDiv::CastNumeric,
    tuple_in_values: false,
    native_boolean: true,
    sequences: false,
    for_update: " FOR UPDATE",
    update_from: " FROM ",
    delete_using: None,
    json_index: JsonIndexText::Subscript,
    regexp: (" <regexp> ", " <not regexp> "),
    ilike: None,
    limit: LimitText::Default,
    match_text: (" MATCH ", ""),
    distinct_from: (" IS DISTINCT FROM ", " IS NOT DISTINCT FROM "),
    xor: Some(" ^ "),
    implicit_returning: false,
};

/// SQLAlchemy's PostgreSQL dialect (`PGCompiler` with psycopg2):
/// native booleans, ANSI `EXTRACT`, `CAST(… AS NUMERIC)` division,
/// `FOR UPDATE`, `UPDATE … FROM`, an empty `IN` as
/// `(SELECT CAST(NULL AS INTEGER) WHERE 1!=1)`.
pub static POSTGRESQL: Dialect = Dialect {
    name: "postgresql",
    paramstyle: ParamStyle::Pyformat,
    reserved: super::dialect_pg::is_reserved,
    true_sql: "true",
    null_numbers_key: false,
    false_sql: "false",
    functions: &[(
        "aggregate_strings",
        FuncText::AggregateStrings("string_agg"),
    )],
    strftime_extract: None,
    truediv: TrueDiv::CastNumeric,
    tuple_in_values: false,
    native_boolean: true,
    sequences: true,
    for_update: " FOR UPDATE",
    update_from: " FROM ",
    delete_using: Some(" USING "),
    json_index: JsonIndexText::Arrow,
    // `PGCompiler._regexp_match` without flags.
    regexp: (" ~ ", " !~ "),
    ilike: Some((" ILIKE ", " NOT ILIKE ")),
    limit: LimitText::Postgresql,
    match_text: (" @@ plainto_tsquery(", ")"),
    distinct_from: (" IS DISTINCT FROM ", " IS NOT DISTINCT FROM "),
    xor: Some(" # "),
    implicit_returning: true,
};

/// A SAVEPOINT statement of a nested transaction (SQLAlchemy's
/// `SavepointClause`, `ReleaseSavepointClause`,
/// `RollbackToSavepointClause`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavepointOp {
    /// `SAVEPOINT name`: the nested transaction begins.
    Take,
    /// `RELEASE SAVEPOINT name`: it commits into the enclosing one.
    Release,
    /// `ROLLBACK TO SAVEPOINT name`: its writes are undone.
    RollbackTo,
}

impl Dialect {
    /// The text of a SAVEPOINT statement (`visit_savepoint`,
    /// `visit_release_savepoint`, `visit_rollback_to_savepoint`; the
    /// dialects here write them alike, the name quoted as any name).
    pub fn savepoint(&self, op: SavepointOp, name: &str) -> String {
        let name = self.quote(name);
        match op {
            SavepointOp::Take => format!("SAVEPOINT {name}"),
            SavepointOp::Release => format!("RELEASE SAVEPOINT {name}"),
            SavepointOp::RollbackTo => format!("ROLLBACK TO SAVEPOINT {name}"),
        }
    }

    /// The operator `regexp_match` (or, `negated`, its `~`) is written as.
    pub fn regexp(&self, negated: bool) -> &'static str {
        if negated {
            self.regexp.1
        } else {
            self.regexp.0
        }
    }

    /// How this dialect writes the generic function `name`, when it has
    /// its own spelling.
    pub fn function(&self, name: &str) -> Option<FuncText> {
        self.functions
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| *t)
    }

    /// `extract(field, x)` around `x`'s text: the part before and after
    /// it. `field` is one of [`EXTRACT_FIELDS`] (checked where the
    /// expression is made).
    pub fn extract(&self, field: &str) -> (String, &'static str) {
        match self.strftime_extract {
            Some(map) => {
                let format = map
                    .iter()
                    .find(|(f, _)| *f == field)
                    .map_or(field, |(_, s)| s);
                (format!("CAST(STRFTIME('{format}', "), ") AS INTEGER)")
            }
            None => (format!("EXTRACT({field} FROM "), ")"),
        }
    }

    /// The bound value of a JSON index: SQLite's `JSONIndexType` and
    /// `JSONPathType` write `$."k"`, `$[0]`, `$."a"[1]` (the key as
    /// given, unescaped, as SQLAlchemy does). The default dialect binds
    /// the same text.
    pub fn json_path_param(&self, path: &[JsonStep], is_path: bool) -> Param {
        if self.json_index == JsonIndexText::Arrow {
            return super::dialect_pg::json_index_param(path, is_path);
        }
        let mut s = String::from("$");
        for step in path {
            match step {
                JsonStep::Key(k) => {
                    s.push_str(".\"");
                    s.push_str(k);
                    s.push('"');
                }
                JsonStep::Position(i) => s.push_str(&format!("[{i}]")),
            }
        }
        Param::Text(s.into())
    }

    /// Is `word` (lower case) reserved, so that a name spelt so is quoted?
    pub fn is_reserved(&self, word: &str) -> bool {
        (self.reserved)(word)
    }

    /// The identifier as this dialect writes it (SQLAlchemy's
    /// `IdentifierPreparer.quote`): `"user"` on PostgreSQL, `user` on SQLite.
    pub fn quote<'a>(&self, name: &'a str) -> Cow<'a, str> {
        super::quote::quote_with(name, self.reserved)
    }

    /// A bound parameter named `name`, as this dialect writes it: `?`, or
    /// `%(name)s` (SQLAlchemy's `BIND_TEMPLATES["pyformat"]`).
    pub fn placeholder<'a>(&self, name: &'a str) -> std::borrow::Cow<'a, str> {
        match self.paramstyle {
            ParamStyle::Qmark => "?".into(),
            ParamStyle::Pyformat => format!("%({name})s").into(),
        }
    }

    /// `true()`/`false()` standing alone as a WHERE or HAVING criterion
    /// (SQLAlchemy's `visit_is_true_unary_operator`): `1 = 1`/`0 = 1`
    /// without native booleans.
    pub fn bool_criterion(&self, b: bool) -> String {
        let text = if b { self.true_sql } else { self.false_sql };
        if self.native_boolean {
            text.to_owned()
        } else {
            format!("{text} = 1")
        }
    }

    /// What an empty expanding `IN` of `arity` columns compares with
    /// (`SQLiteCompiler.visit_empty_set_expr`):
    /// `(SELECT 1 FROM (SELECT 1) WHERE 1!=1)`, a `1` per column; on
    /// PostgreSQL (`PGCompiler.visit_empty_set_expr`) a typed NULL per
    /// column, of the compared type `ty` as PostgreSQL writes it, else
    /// `INTEGER` (as SQLAlchemy's for an untyped one).
    pub fn empty_set(&self, arity: usize, ty: Option<&str>) -> String {
        if self.paramstyle == ParamStyle::Pyformat {
            let null = format!("CAST(NULL AS {})", ty.unwrap_or("INTEGER"));
            let nulls = vec![null.as_str(); arity.max(1)].join(", ");
            return format!("(SELECT {nulls} WHERE 1!=1)");
        }
        let ones = vec!["1"; arity.max(1)].join(", ");
        format!("(SELECT {ones} FROM (SELECT {ones}) WHERE 1!=1)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Texts from SQLAlchemy 2.0's SQLite and default compilers.
    #[test]
    fn sqlite_and_default_text() {
        assert_eq!(
            SQLITE.extract("year"),
            ("CAST(STRFTIME('%Y', ".to_owned(), ") AS INTEGER)")
        );
        assert_eq!(SQLITE.extract("quarter").0, "CAST(STRFTIME('quarter', ");
        assert_eq!(DEFAULT.extract("dow").0, "EXTRACT(dow FROM ");
        assert_eq!(
            SQLITE.empty_set(1, None),
            "(SELECT 1 FROM (SELECT 1) WHERE 1!=1)"
        );
        assert_eq!(
            SQLITE.empty_set(2, None),
            "(SELECT 1, 1 FROM (SELECT 1, 1) WHERE 1!=1)"
        );
        assert_eq!(
            SQLITE.function("now"),
            Some(FuncText::Fixed("CURRENT_TIMESTAMP"))
        );
        assert_eq!(DEFAULT.function("now"), None);
        assert_eq!(SQLITE.bool_criterion(false), "0 = 1");
        // `JSONIndexType` / `JSONPathType`: keys quoted as given.
        let path = [
            JsonStep::Key("a".into()),
            JsonStep::Position(1),
            JsonStep::Key("b c".into()),
        ];
        assert_eq!(
            SQLITE.json_path_param(&path, true),
            Param::Text("$.\"a\"[1].\"b c\"".into())
        );
        assert_eq!(SQLITE.json_index, JsonIndexText::JsonExtract);
        assert_eq!(DEFAULT.json_index, JsonIndexText::Subscript);
        assert_eq!(DEFAULT.bool_criterion(true), "true");
        assert!(
            SQLITE
                .strftime_extract
                .unwrap()
                .iter()
                .all(|(f, _)| EXTRACT_FIELDS.contains(f))
        );
    }
}
