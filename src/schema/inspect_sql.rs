//! What SQLAlchemy's SQLite dialect reads from a table's CREATE statement
//! for its `Inspector` (`dialects/sqlite/base.py`), with the same regular
//! expressions, so the same text gives the same answers: a primary key's
//! constraint name (`get_pk_constraint`'s `PK_PATTERN`), the names and
//! options of `FOREIGN KEY` constraints (`FK_PATTERN`; inline
//! `REFERENCES` are not parsed, as there), and the UNIQUE constraints
//! written in the table (`UNIQUE_PATTERN`, `INLINE_UNIQUE_PATTERN`).
//! Pure text functions; `eval::surface::inspector` joins them with the
//! `PRAGMA` answers.

use regex::Regex;

thread_local! {
    static PK: Regex = Regex::new(r#"(?i)CONSTRAINT\s+(?:"(.+?)"|(\w+))\s+PRIMARY\s+KEY"#)
        .expect("valid pattern");
    static FK: Regex = Regex::new(concat!(
        r#"(?i)(?:CONSTRAINT\s+(?:"(.+?)"|(\w+))\s+)?"#,
        r"FOREIGN\s+KEY\s*\(\s*(.+?)\s*\)\s+",
        r#"REFERENCES\s+(?:(?:"(.+?)")|([a-z0-9_]+))\s*\(\s*((?:"[^"]+"|[a-z0-9_]+)(?:(?:\s*,\s*|\s+)(?:"[^"]+"|[a-z0-9_]+))*\s*)\)\s*"#,
        r"((?:ON\s+(?:DELETE|UPDATE)\s+",
        r"(?:SET\s+NULL|SET\s+DEFAULT|CASCADE|RESTRICT|",
        r"NO\s+ACTION)\s*)*)",
        r"((?:NOT\s+)?DEFERRABLE)?",
        r"(?:\s+INITIALLY\s+(DEFERRED|IMMEDIATE))?",
    ))
    .expect("valid pattern");
    static UNIQUE: Regex = Regex::new(r#"(?i)(?:CONSTRAINT\s+(?:"(.+?)"|(\w+))\s+)?UNIQUE\s*\((.+?)\)"#)
        .expect("valid pattern");
    static INLINE_UNIQUE: Regex = Regex::new(concat!(
        r#"(?i)(?:(".+?")|(?:[\[`])?([a-z0-9_]+)(?:[\]`])?)[\t ]"#,
        r"+[a-z0-9_]+(?:[\t ]+[a-z0-9_]+)*?[\t ]+UNIQUE",
    ))
    .expect("valid pattern");
    static COLS: Regex = Regex::new(r#"(?i)(?:"(.+?)")|([a-z0-9_]+)"#).expect("valid pattern");
    static SPACES: Regex = Regex::new(r"\s+").expect("valid pattern");
    static ON: Regex = Regex::new(r" *\bON\b *").expect("valid pattern");
    static CREATE_BODY: Regex = Regex::new(
        r"(?is)^create table .*?\((.*)\)(?:\s*,?\s*(?:WITHOUT\s+ROWID|STRICT))*$"
    )
    .expect("valid pattern");
    static PARTIAL: Regex = Regex::new(r"(?i)\)\s+where\s+(.+)").expect("valid pattern");
}

/// The name a `CONSTRAINT name PRIMARY KEY` gives the key, if any.
pub fn pk_name(sql: &str) -> Option<String> {
    PK.with(|re| {
        let c = re.captures(sql)?;
        c.get(1).or(c.get(2)).map(|m| m.as_str().to_string())
    })
}

/// The column names in a constraint's column list
/// (`_find_cols_in_sig`).
pub fn cols_in_sig(sig: &str) -> Vec<String> {
    COLS.with(|re| {
        re.captures_iter(sig)
            .filter_map(|c| c.get(1).or(c.get(2)).map(|m| m.as_str().to_string()))
            .collect()
    })
}

/// A `FOREIGN KEY` constraint as written: its name, columns, the table
/// and columns it references, and its options (`ondelete`, `onupdate`
/// upper case; `deferrable`; `initially`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedFk {
    pub name: Option<String>,
    pub columns: Vec<String>,
    pub ref_table: String,
    pub ref_columns: Vec<String>,
    pub ondelete: Option<String>,
    pub onupdate: Option<String>,
    pub deferrable: Option<bool>,
    pub initially: Option<String>,
}

/// Every `FOREIGN KEY (…) REFERENCES …` in the statement, as
/// `get_foreign_keys`' `parse_fks` reads them.
pub fn foreign_keys(sql: &str) -> Vec<ParsedFk> {
    FK.with(|re| {
        re.captures_iter(sql)
            .map(|c| {
                let text = |i: usize| c.get(i).map(|m| m.as_str().to_string());
                let columns = cols_in_sig(&text(3).unwrap_or_default());
                let ref_columns = match text(6).filter(|s| !s.is_empty()) {
                    Some(s) => cols_in_sig(&s),
                    None => columns.clone(),
                };
                let mut fk = ParsedFk {
                    name: text(1).or(text(2)),
                    columns,
                    ref_table: text(4).or(text(5)).unwrap_or_default(),
                    ref_columns,
                    ..Default::default()
                };
                let actions = SPACES.with(|s| {
                    s.replace_all(&text(7).unwrap_or_default().to_uppercase(), " ")
                        .trim()
                        .to_string()
                });
                for token in
                    ON.with(|on| on.split(&actions).map(str::to_string).collect::<Vec<_>>())
                {
                    let rest = |t: &str| t.get(6..).unwrap_or("").trim().to_string();
                    if token.starts_with("DELETE") {
                        let a = rest(&token);
                        if !a.is_empty() && a != "NO ACTION" {
                            fk.ondelete = Some(a);
                        }
                    } else if token.starts_with("UPDATE") {
                        let a = rest(&token);
                        if !a.is_empty() && a != "NO ACTION" {
                            fk.onupdate = Some(a);
                        }
                    }
                }
                if let Some(d) = text(8).filter(|d| !d.is_empty()) {
                    fk.deferrable = Some(!d.to_uppercase().contains("NOT"));
                }
                fk.initially = text(9).map(|i| i.to_uppercase());
                fk
            })
            .collect()
    })
}

/// The UNIQUE constraints written in the statement, named or not, in the
/// order `get_unique_constraints`' `parse_uqs` yields them: table
/// constraints first, then inline ones.
pub fn unique_constraints(sql: &str) -> Vec<(Option<String>, Vec<String>)> {
    let mut out: Vec<(Option<String>, Vec<String>)> = UNIQUE.with(|re| {
        re.captures_iter(sql)
            .map(|c| {
                let name = c.get(1).or(c.get(2)).map(|m| m.as_str().to_string());
                (name, cols_in_sig(c.get(3).map_or("", |m| m.as_str())))
            })
            .collect()
    });
    INLINE_UNIQUE.with(|re| {
        for c in re.captures_iter(sql) {
            let col = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
            out.push((None, cols_in_sig(col)));
        }
    });
    out
}

/// A generated column's expression as `get_columns` reads it from the
/// CREATE statement: the text between the first `(` after its
/// `GENERATED ALWAYS AS` and the last `)` on that line (the dialect's
/// pattern is greedy, so two generated columns on one line give the
/// first one the text up to the second's end, as in SQLAlchemy).
pub fn computed_sqltext(table_sql: &str, column: &str) -> String {
    let body = CREATE_BODY.with(|re| {
        re.captures(table_sql.trim())
            .and_then(|c| c.get(1).map(|m| m.as_str().trim().to_string()))
    });
    let Some(body) = body else {
        return String::new();
    };
    let pattern = format!(
        r"(?i){}[^,]*\s+GENERATED\s+ALWAYS\s+AS\s+\((.*)\)\s*(?:virtual|stored)?",
        regex::escape(column)
    );
    Regex::new(&pattern)
        .ok()
        .and_then(|re| {
            re.captures(&body)
                .and_then(|c| c.get(1).map(|m| m.as_str().to_string()))
        })
        .unwrap_or_default()
}

/// A partial index's WHERE predicate, from its CREATE INDEX statement.
pub fn partial_predicate(index_sql: &str) -> Option<String> {
    PARTIAL.with(|re| {
        re.captures(index_sql)
            .and_then(|c| c.get(1).map(|m| m.as_str().to_string()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pk_names() {
        assert_eq!(
            pk_name("CREATE TABLE t (a, CONSTRAINT pk_t PRIMARY KEY (a))"),
            Some("pk_t".into())
        );
        assert_eq!(
            pk_name(r#"create table t (a, constraint "my pk" primary key (a))"#),
            Some("my pk".into())
        );
        assert_eq!(pk_name("CREATE TABLE t (a PRIMARY KEY)"), None);
    }

    #[test]
    fn fks() {
        let sql = "CREATE TABLE b (id INTEGER, a_id INT, x INT, CONSTRAINT fk_a FOREIGN KEY (a_id) REFERENCES a (id) ON DELETE CASCADE ON UPDATE NO ACTION DEFERRABLE INITIALLY deferred, FOREIGN KEY(x) REFERENCES \"c d\"(\"k\"))";
        let fks = foreign_keys(sql);
        assert_eq!(fks.len(), 2);
        assert_eq!(fks[0].name.as_deref(), Some("fk_a"));
        assert_eq!(fks[0].columns, vec!["a_id"]);
        assert_eq!(fks[0].ref_table, "a");
        assert_eq!(fks[0].ondelete.as_deref(), Some("CASCADE"));
        assert_eq!(fks[0].onupdate, None);
        assert_eq!(fks[0].deferrable, Some(true));
        assert_eq!(fks[0].initially.as_deref(), Some("DEFERRED"));
        assert_eq!(fks[1].name, None);
        assert_eq!(fks[1].ref_table, "c d");
        assert_eq!(fks[1].ref_columns, vec!["k"]);
        // Inline REFERENCES are not parsed, as in SQLAlchemy.
        assert!(
            foreign_keys("create table c (a int references a(id) on delete cascade)").is_empty()
        );
    }

    #[test]
    fn uniques() {
        let sql = "CREATE TABLE t (a INT, b TEXT NOT NULL UNIQUE, c VARCHAR(3) UNIQUE, CONSTRAINT uq UNIQUE (a, b), UNIQUE(c))";
        assert_eq!(
            unique_constraints(sql),
            vec![
                (Some("uq".into()), vec!["a".into(), "b".into()]),
                (None, vec!["c".into()]),
                (None, vec!["b".into()]),
                // As Python's `re` finds it too; the caller keeps only
                // the signatures of SQLite's automatic indexes.
                (None, vec!["CONSTRAINT".into()]),
            ]
        );
    }

    #[test]
    fn computed() {
        let sql = "CREATE TABLE b (t TEXT, n INT GENERATED ALWAYS AS (length(t)) VIRTUAL,\n u TEXT GENERATED ALWAYS AS (upper(t)) STORED) WITHOUT ROWID";
        assert_eq!(computed_sqltext(sql, "n"), "length(t)");
        assert_eq!(computed_sqltext(sql, "u"), "upper(t)");
        let one_line = "CREATE TABLE b (t TEXT, n INT GENERATED ALWAYS AS (length(t)) VIRTUAL, u TEXT AS (upper(t)))";
        assert_eq!(
            computed_sqltext(one_line, "n"),
            "length(t)) VIRTUAL, u TEXT AS (upper(t)"
        );
    }

    #[test]
    fn partial() {
        assert_eq!(
            partial_predicate("CREATE INDEX i ON t (a) WHERE a > 0"),
            Some("a > 0".into())
        );
        assert_eq!(partial_predicate("CREATE INDEX i ON t (a)"), None);
    }
}
