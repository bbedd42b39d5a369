//! The INSERT SQLAlchemy's PostgreSQL dialect sends for several new rows
//! of one shape whose key the database numbers: insertmanyvalues with an
//! implicit sentinel (`SQLCompiler.visit_insert`'s
//! `USE_INSERT_FROM_SELECT` form), the rows' values a `VALUES` list
//! numbered by `sen_counter`, selected in that order with each column
//! cast to its type (`PGCompiler.render_bind_cast`), so that RETURNING
//! gives the keys in the rows' order. At most
//! [`PAGE`] rows a statement (`insertmanyvalues_page_size`).

use std::rc::Rc;

use super::dialect::Dialect;

/// Rows one statement carries (SQLAlchemy's default
/// `insertmanyvalues_page_size`).
pub const PAGE: usize = 1000;

/// One column an insertmanyvalues INSERT writes: its name and the type
/// its value is cast to.
pub struct ManyColumn {
    pub name: Rc<str>,
    pub cast: String,
}

/// `INSERT INTO t (a, b) SELECT p0::T, p1::U FROM (VALUES (%(a__0)s,
/// %(b__0)s, 0), …) AS imp_sen(p0, p1, sen_counter) ORDER BY sen_counter
/// RETURNING t.id, …, t.id AS id__1` for `rows` rows, `sentinel` the key
/// column the rows are matched by.
pub fn insertmanyvalues(
    dialect: &'static Dialect,
    table: &str,
    columns: &[ManyColumn],
    rows: usize,
    returning: &[Rc<str>],
    sentinel: &str,
) -> String {
    let q = |s: &str| dialect.quote(s).into_owned();
    let t = q(table);
    let names: Vec<String> = columns.iter().map(|c| q(&c.name)).collect();
    let casts: Vec<String> = (columns.iter().enumerate())
        .map(|(i, c)| format!("p{i}::{}", c.cast))
        .collect();
    let values: Vec<String> = (0..rows)
        .map(|r| {
            let binds: Vec<String> = (columns.iter())
                .map(|c| format!("%({}__{r})s", c.name))
                .collect();
            format!("({}, {r})", binds.join(", "))
        })
        .collect();
    let params: Vec<String> = (0..columns.len()).map(|i| format!("p{i}")).collect();
    let mut ret: Vec<String> = returning.iter().map(|c| format!("{t}.{}", q(c))).collect();
    ret.push(format!("{t}.{} AS {sentinel}__1", q(sentinel)));
    format!(
        "INSERT INTO {t} ({}) SELECT {} FROM (VALUES {}) AS imp_sen({}, sen_counter) ORDER BY sen_counter RETURNING {}",
        names.join(", "),
        casts.join(", "),
        values.join(", "),
        params.join(", "),
        ret.join(", ")
    )
}

/// `INSERT INTO t (id) VALUES (DEFAULT), (DEFAULT) RETURNING t.id, t.id
/// AS id__1`: `rows` new rows of a table with only its key to number
/// (SQLAlchemy's `is_default_metavalue_only` form).
pub fn default_values(
    dialect: &'static Dialect,
    table: &str,
    rows: usize,
    returning: &[Rc<str>],
    sentinel: &str,
) -> String {
    let q = |s: &str| dialect.quote(s).into_owned();
    let t = q(table);
    let mut ret: Vec<String> = returning.iter().map(|c| format!("{t}.{}", q(c))).collect();
    ret.push(format!("{t}.{} AS {sentinel}__1", q(sentinel)));
    format!(
        "INSERT INTO {t} ({}) VALUES {} RETURNING {}",
        q(sentinel),
        vec!["(DEFAULT)"; rows].join(", "),
        ret.join(", ")
    )
}

/// The INSERT without RETURNING SQLAlchemy's psycopg2 dialect sends for
/// `rows` rows of the single-row `single` (`INSERT INTO t (a, b) VALUES
/// (%(a)s, %(b)s)`, its values plain placeholders): one `VALUES` list,
/// each row's placeholders numbered `%(a__0)s`, `%(a__1)s`
/// (insertmanyvalues without RETURNING, `use_insertmanyvalues_wo_returning`).
/// `None` when `single` does not end in such a `VALUES` tuple.
pub fn values_rows(single: &str, rows: usize) -> Option<String> {
    let at = single.rfind(" VALUES (")?;
    let (head, tuple) = single.split_at(at + " VALUES ".len());
    let rename = |r: Option<usize>| {
        let row = super::dialect_pg::replace_pyformat(tuple, |n| {
            Ok::<_, std::convert::Infallible>(match r {
                Some(r) => format!("%({n}__{r})s"),
                None => "?".to_owned(),
            })
        });
        let Ok(row) = row;
        row
    };
    // Only plain placeholders between the parentheses (no SQL of its own).
    let bare = rename(None);
    if !bare.ends_with(')') || bare[1..bare.len() - 1].contains(['(', ')', '%']) {
        return None;
    }
    let each: Vec<String> = (0..rows).map(|r| rename(Some(r))).collect();
    Some(format!("{head}{}", each.join(", ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sql::dialect::POSTGRESQL;

    /// What SQLAlchemy 2.0's psycopg2 dialect logged for
    /// `db.session.add_all([User(username='a'), User(username='b')])`.
    #[test]
    fn two_rows_as_sqlalchemy_writes_them() {
        let cols = [
            ManyColumn {
                name: "username".into(),
                cast: "VARCHAR".into(),
            },
            ManyColumn {
                name: "active".into(),
                cast: "BOOLEAN".into(),
            },
        ];
        assert_eq!(
            insertmanyvalues(&POSTGRESQL, "user", &cols, 2, &["id".into()], "id"),
            "INSERT INTO \"user\" (username, active) SELECT p0::VARCHAR, p1::BOOLEAN FROM (VALUES (%(username__0)s, %(active__0)s, 0), (%(username__1)s, %(active__1)s, 1)) AS imp_sen(p0, p1, sen_counter) ORDER BY sen_counter RETURNING \"user\".id, \"user\".id AS id__1"
        );
    }

    /// The reference's log of `K(id=10), K(id=11)`, three `K()` and two
    /// rows of an association table, flushed on PostgreSQL.
    #[test]
    fn rows_without_returning_and_key_only_rows() {
        assert_eq!(
            values_rows("INSERT INTO k (id) VALUES (%(id)s)", 2).as_deref(),
            Some("INSERT INTO k (id) VALUES (%(id__0)s), (%(id__1)s)")
        );
        assert_eq!(
            values_rows(
                "INSERT INTO tags (u_id, t_id) VALUES (%(u_id)s, %(t_id)s)",
                2
            )
            .as_deref(),
            Some(
                "INSERT INTO tags (u_id, t_id) VALUES (%(u_id__0)s, %(t_id__0)s), (%(u_id__1)s, %(t_id__1)s)"
            )
        );
        assert_eq!(
            values_rows("INSERT INTO k (n) VALUES (upper(%(upper_1)s))", 2),
            None
        );
        assert_eq!(
            default_values(&POSTGRESQL, "k", 3, &["id".into()], "id"),
            "INSERT INTO k (id) VALUES (DEFAULT), (DEFAULT), (DEFAULT) RETURNING k.id, k.id AS id__1"
        );
    }
}
