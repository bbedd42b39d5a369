//! `.import FILE TABLE`, as sqlite3's, read through the csv crate: the
//! rows of a CSV file inserted into a table. Into a model's table each
//! field is converted to its column's type as SQLAlchemy stores it
//! (integers, floats, booleans as 0/1, dates and times as ISO text, an
//! empty field as NULL — but as '' in a String or Text column, as
//! sqlite3's `.import` stores it); a first row naming the columns is a header that
//! maps fields to columns by name, and one naming only some of them is
//! refused (sqlite3 would insert it as data), naming `--skip 1`. A table that does not exist is made
//! from the header, every column TEXT, as sqlite3 makes it. The rows join
//! the session's transaction, as `.sql` writes do. A row the database
//! refuses (a constraint) is reported as sqlite3 reports it, `FILE:LINE:
//! INSERT failed: why`, and the other rows go in, as sqlite3's do.

use std::io::Write;
use std::rc::Rc;

use super::Call;
use crate::app::{App, Flow};
use crate::error::{Error, ErrorKind, Result};
use crate::schema::types::ColumnType;
use crate::sql::ast::Param;
use crate::sql::dialect::SQLITE;

/// A column of the table being filled: its name and, for a model's
/// table, the type its fields are converted to.
struct Target {
    name: String,
    ty: Option<ColumnType>,
}

/// `.import FILE TABLE`
pub fn import(app: &mut App, call: &Call) -> Result<Flow> {
    let (skip, args) = options(call)?;
    let [file, table] = args.as_slice() else {
        return Err(Error::value("usage: .import [--csv] [--skip N] FILE TABLE")
            .with_help("e.g. .import users.csv user (or a model name: .import users.csv User)"));
    };
    let (file, table) = (*file, *table);
    if app.interp.session.engine.dialect_name() == crate::engine::DialectName::Postgresql {
        return Err(super::dump::on_postgresql(
            ".import",
            "reads the file as sqlite3's .import does, into SQLite's storage formats",
        )
        .with_help(format!(
            "on PostgreSQL, psql's \\copy {} FROM '{file}' WITH (FORMAT csv, HEADER) loads a CSV file; or add the rows with db.session.add_all([...])",
            crate::sql::dialect::POSTGRESQL.quote(table)
        )));
    }
    let mut records = read_csv(file).map_err(|e| e.at(call.span_of(file)))?;
    let skip = skip.min(records.len());
    records.drain(..skip);
    app.interp.autoflush()?;
    let model = app.interp.registry.get(table).cloned().or_else(|| {
        let models = app.interp.registry.models();
        models.iter().find(|m| &*m.table == table).cloned()
    });
    let table_name: String = model
        .as_ref()
        .map_or(table.to_string(), |m| m.table.to_string());
    let engine = app.interp.session.engine.clone();
    let info = engine.quiet_query(
        &format!("PRAGMA table_info({})", SQLITE.quote(&table_name)),
        &[],
    )?;
    let mut rows = records.as_slice();
    let mut create = None;
    let targets: Vec<Target> = if info.is_empty() {
        if model.is_some() {
            return Err(
                Error::new(ErrorKind::Command, format!("no such table: {table_name}"))
                    .with_help("create it first: db.create_all()")
                    .at(call.span_of(table)),
            );
        }
        let Some((header, rest)) = rows.split_first() else {
            return Err(Error::value(format!(
                "{file} is empty: no header to make {table_name} from"
            )));
        };
        rows = rest;
        let (sql, targets) = create_table(&table_name, header);
        create = Some(sql);
        targets
    } else {
        let columns: Vec<Target> = info
            .iter()
            .filter_map(|r| match r.get(1) {
                Some(Param::Text(n)) => Some(Target {
                    name: n.to_string(),
                    ty: model.as_ref().and_then(|m| {
                        m.columns
                            .iter()
                            .find(|c| *c.name == **n)
                            .map(|c| c.ty.clone())
                    }),
                }),
                _ => None,
            })
            .collect();
        match rows.first().map(|h| header_of(h, &columns)) {
            Some(Some(order)) => {
                rows = &rows[1..];
                order
                    .into_iter()
                    .map(|i| Target {
                        name: columns[i].name.clone(),
                        ty: columns[i].ty.clone(),
                    })
                    .collect()
            }
            Some(None) => {
                refuse_partial_header(file, skip, &table_name, &rows[0], &columns)?;
                columns
            }
            None => columns,
        }
    };
    let skipped = skip + records.len() - rows.len();
    let (n, failed) = insert_rows(app, file, &table_name, &targets, rows, skipped, create)?;
    app.interp.session.expire_all();
    let failed = match failed {
        0 => String::new(),
        f => format!(", {f} failed"),
    };
    app.interp.write_line(&format!(
        "{n} row{} imported into {table_name}{failed}",
        if n == 1 { "" } else { "s" }
    ))?;
    Ok(Flow::Continue)
}

/// sqlite3's options before FILE: `--csv` (what ormsh reads anyway) and
/// `--skip N` (leave out the first N lines); the words left.
fn options<'c>(call: &'c Call) -> Result<(usize, Vec<&'c str>)> {
    let mut skip = 0;
    let mut rest = Vec::new();
    let mut words = call.args.iter();
    while let Some(w) = words.next() {
        match *w {
            "--csv" => {}
            "--skip" => {
                let n = words.next().and_then(|n| n.parse::<usize>().ok());
                skip = n.ok_or_else(|| {
                    Error::value("--skip takes a number of lines: .import --skip 1 FILE TABLE")
                })?;
            }
            w if w.starts_with('-') && rest.is_empty() => {
                return Err(Error::value(format!(
                    ".import reads CSV only: no option '{w}' (--csv, --skip N)"
                ))
                .at(call.span_of(w)));
            }
            w => rest.push(w),
        }
    }
    Ok((skip, rest))
}

/// Every record of the file (fields kept as text).
fn read_csv(file: &str) -> Result<Vec<csv::StringRecord>> {
    let bytes = crate::memory::read_file(file).map_err(|e| super::file_error("read", file, &e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut records = Vec::new();
    for r in reader.records() {
        records.push(r.map_err(|e| Error::value(format!("{file}: {e}")))?);
    }
    Ok(records)
}

/// When every field of `first` names a column, the columns in its order.
fn header_of(first: &csv::StringRecord, columns: &[Target]) -> Option<Vec<usize>> {
    first
        .iter()
        .map(|f| {
            columns
                .iter()
                .position(|c| c.name.eq_ignore_ascii_case(f.trim()))
        })
        .collect()
}

/// A first row that names some of the table's columns, not all its
/// fields: a header with a field misspelt or of another table, which
/// sqlite3 would insert as data (it reads the first row into an existing
/// table as data) — refused, naming those fields and the ways on.
fn refuse_partial_header(
    file: &str,
    skip: usize,
    table: &str,
    first: &csv::StringRecord,
    columns: &[Target],
) -> Result<()> {
    let names = |f: &str| {
        columns
            .iter()
            .any(|c| c.name.eq_ignore_ascii_case(f.trim()))
    };
    let others: Vec<String> = (first.iter())
        .filter(|f| !names(f))
        .map(|f| format!("'{}'", f.trim()))
        .collect();
    if others.len() == first.len() {
        return Ok(());
    }
    let all: Vec<&str> = columns.iter().map(|c| c.name.as_str()).collect();
    Err(Error::value(format!(
        "{file} line {}: a header naming columns of {table}, but {} name{} none ({table} has {})",
        skip + 1,
        others.join(", "),
        if others.len() == 1 { "s" } else { "" },
        all.join(", ")
    ))
    .with_help(format!(
        "name the table's columns in the header; or leave the header out, and the fields go to the columns in their order: .import --skip {} {file} {table} (sqlite3 reads a first line into an existing table as data)",
        skip + 1
    )))
}

/// sqlite3's table for a file with no table: one TEXT column per field of
/// the header. Its CREATE TABLE, and its columns.
fn create_table(table: &str, header: &csv::StringRecord) -> (String, Vec<Target>) {
    let names: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
    let columns: Vec<String> = names
        .iter()
        .map(|n| format!("{} TEXT", SQLITE.quote(n)))
        .collect();
    let sql = format!(
        "CREATE TABLE {} ({})",
        SQLITE.quote(table),
        columns.join(", ")
    );
    (
        sql,
        names
            .into_iter()
            .map(|name| Target { name, ty: None })
            .collect(),
    )
}

/// Insert `rows`, the file's records after the first `skipped`, into
/// `table` (made first by `create`, when given); the rows inserted and
/// the rows the database refused. A row that breaks a constraint is
/// reported as sqlite3's `.import` reports it (`FILE:LINE: INSERT failed:
/// why`, on standard error) and the rows around it go in.
fn insert_rows(
    app: &mut App,
    file: &str,
    table: &str,
    targets: &[Target],
    rows: &[csv::StringRecord],
    skipped: usize,
    create: Option<String>,
) -> Result<(usize, usize)> {
    let names: Vec<String> = targets
        .iter()
        .map(|t| SQLITE.quote(&t.name).into_owned())
        .collect();
    let sql = format!(
        "INSERT INTO {} ({}) VALUES ({})",
        SQLITE.quote(table),
        names.join(", "),
        vec!["?"; targets.len()].join(", ")
    );
    // Every field is converted before the first row goes in: a bad field
    // leaves the table as it was.
    let mut all = Vec::with_capacity(rows.len());
    for (i, record) in rows.iter().enumerate() {
        let line = i + skipped + 1;
        if record.len() != targets.len() {
            return Err(Error::value(format!(
                "{file} line {line}: {} fields, but {table} takes {} ({})",
                record.len(),
                targets.len(),
                targets
                    .iter()
                    .map(|t| t.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .with_help("a first row naming the columns maps the fields to them by name"));
        }
        let mut params = Vec::with_capacity(targets.len());
        for (field, t) in record.iter().zip(targets) {
            params.push(convert(field, t.ty.as_ref()).map_err(|why| {
                Error::value(format!("{file} line {line}, column {}: {why}", t.name))
            })?);
        }
        all.push((line, params));
    }
    let engine = app.interp.session.engine.clone();
    engine.begin()?;
    if let Some(create) = create {
        engine.execute_with(&create, &[])?;
    }
    let mut failed = 0;
    for (line, params) in &all {
        crate::interrupt::check()?;
        match engine.execute_with(&sql, params) {
            Ok(_) => {}
            Err(e) if e.kind == ErrorKind::IntegrityError => {
                failed += 1;
                let why = e.message.lines().next().unwrap_or_default();
                let _ = writeln!(app.err, "{file}:{line}: INSERT failed: {why}");
            }
            Err(e) => return Err(e),
        }
    }
    let _ = app.err.flush();
    Ok((all.len() - failed, failed))
}

/// One field as the value SQLAlchemy would store for a column of `ty`.
fn convert(field: &str, ty: Option<&ColumnType>) -> std::result::Result<Param, String> {
    let Some(ty) = ty else {
        return Ok(Param::Text(Rc::from(field)));
    };
    let text = matches!(
        ty,
        ColumnType::String(_) | ColumnType::Unicode(_) | ColumnType::Text | ColumnType::UnicodeText
    );
    if text {
        return Ok(Param::Text(Rc::from(field)));
    }
    let f = field.trim();
    if f.is_empty() {
        return Ok(Param::Null);
    }
    Ok(match ty {
        ColumnType::Integer | ColumnType::BigInteger | ColumnType::SmallInteger => f
            .parse::<i64>()
            .map(Param::Int)
            .map_err(|_| format!("'{field}' is not an integer"))?,
        ColumnType::Float | ColumnType::Numeric(_) => f
            .parse::<f64>()
            .map(Param::Real)
            .map_err(|_| format!("'{field}' is not a number"))?,
        ColumnType::Boolean => match f.to_ascii_lowercase().as_str() {
            "1" | "true" | "t" | "yes" | "y" => Param::Int(1),
            "0" | "false" | "f" | "no" | "n" => Param::Int(0),
            _ => return Err(format!("'{field}' is not a boolean (true/false, 1/0)")),
        },
        ColumnType::Date => Param::Text(Rc::from(iso_date(f).ok_or_else(|| bad_date(field))?)),
        ColumnType::DateTime => {
            Param::Text(Rc::from(iso_datetime(f).ok_or_else(|| bad_date(field))?))
        }
        ColumnType::Enum(values) if !values.iter().any(|v| &**v == f) => {
            return Err(format!(
                "'{field}' is not one of the Enum's values ({})",
                values.join(", ")
            ));
        }
        ColumnType::Uuid => Param::Text(Rc::from(f.replace('-', "").to_ascii_lowercase())),
        ColumnType::LargeBinary => Param::Blob(Rc::from(field.as_bytes())),
        _ => Param::Text(Rc::from(f)),
    })
}

fn bad_date(field: &str) -> String {
    format!("'{field}' is not an ISO date (YYYY-MM-DD[ HH:MM[:SS[.ffffff]]])")
}

/// `YYYY-MM-DD`, checked.
fn iso_date(f: &str) -> Option<String> {
    let b = f.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    (b.len() == 10 && digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10))
        .then(|| f.to_string())
}

/// A date and time as SQLAlchemy stores it: `YYYY-MM-DD HH:MM:SS.ffffff`
/// (a `T` between them read as a space, missing parts as zeros).
fn iso_datetime(f: &str) -> Option<String> {
    let date = iso_date(f.get(..10)?)?;
    let time = f[10..].trim_start_matches(['T', ' ']);
    let (hms, frac) = time.split_once('.').unwrap_or((time, ""));
    let mut parts = hms.split(':').filter(|p| !p.is_empty());
    let mut two = || -> Option<u32> {
        match parts.next() {
            None => Some(0),
            Some(p) if p.len() == 2 => p.parse().ok(),
            Some(_) => None,
        }
    };
    let (h, m, s) = (two()?, two()?, two()?);
    if parts.next().is_some()
        || h > 23
        || m > 59
        || s > 59
        || frac.len() > 6
        || !frac.bytes().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    Some(format!("{date} {h:02}:{m:02}:{s:02}.{frac:0<6}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_are_stored_as_sqlalchemy_stores_them() {
        assert_eq!(
            iso_datetime("2024-01-02").unwrap(),
            "2024-01-02 00:00:00.000000"
        );
        assert_eq!(
            iso_datetime("2024-01-02T03:04").unwrap(),
            "2024-01-02 03:04:00.000000"
        );
        assert_eq!(
            iso_datetime("2024-01-02 03:04:05.5").unwrap(),
            "2024-01-02 03:04:05.500000"
        );
        assert!(iso_datetime("2024-1-2").is_none());
        assert!(iso_datetime("2024-01-02 25:00").is_none());
    }
}
