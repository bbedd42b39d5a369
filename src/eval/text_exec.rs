//! `db.session.execute(text('…'), params)`: the parameters as SQLAlchemy
//! takes them (a dict, or a list of dicts run once each, as `executemany`),
//! bound to the `:name` placeholders, and the statement as SQLite sees it
//! once prepared — rows or not, writing or not, transaction control (refused:
//! the session owns the transaction), and parameters SQLAlchemy does not bind
//! (`?`, `?1`, `$x`, `@x`: an error naming `:name` as the fix, where
//! SQLAlchemy fails in the driver).

use std::rc::Rc;

use crate::engine::{Described, StatementInfo, is_dml, refused_control};
use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::inserted_pk::InsertedPk;
use crate::eval::objects::ResultSet;
use crate::sql::ast::{Compiled, Param};
use crate::sql::compile::{self, Mode};
use crate::sql::dialect::Dialect;
use crate::sql::text::{bind_names, find_placeholder, missing_bind};
use crate::syntax::span::Span;
use crate::value::Value;
use crate::value::repr::str_repr;

/// One set of values for the `:name` placeholders.
type Binds = Vec<(Rc<str>, Param)>;

/// Where to mark an error: the `text()` argument, the parameters argument.
pub struct TextSpans {
    pub sql: Span,
    pub params: Span,
}

impl Interp {
    /// Run `text()` SQL with its parameters (see the module comment).
    pub fn execute_text(
        &mut self,
        sql: &str,
        params: Option<Value>,
        at: &TextSpans,
    ) -> Result<ResultSet> {
        let sets_given = params.clone();
        // On PostgreSQL the values are psycopg2's literals in the text
        // (`mogrify_text`); on SQLite pysqlite's bound values.
        let pg = self.session.engine.dialect_name() == crate::engine::DialectName::Postgresql;
        let mut kept = Vec::new();
        let sets = param_sets_kept(params, pg.then_some(&mut kept)).map_err(|e| e.at(at.params))?;
        let dialect = self.session.engine.dialect();
        let none: [Binds; 1] = [Vec::new()];
        let sets = if sets.is_empty() {
            &none[..]
        } else {
            &sets[..]
        };
        let compiled = (sets.iter().enumerate())
            .map(|(i, b)| {
                let c = text_compiled(sql, b, i, dialect)?;
                if pg {
                    mogrify_text(sql, b, i, dialect, &kept, self)
                } else {
                    Ok(c)
                }
            })
            .collect::<Result<Vec<_>>>()
            .map_err(|e| e.at(at.params))?;
        let first = &compiled[0];
        let bound = !first.params.is_empty();
        let described = self
            .session
            .engine
            .describe_bound(&sent_text(&first.sql, pg), bound)
            .map_err(|mut e| {
                // A syntax error's offset is in the compiled text, not the script.
                e.span = None;
                // The statement the server refused, named as SQLAlchemy's
                // errors name it (psycopg2 fails in execute()).
                if let Some(shown) = &first.shown {
                    e = e.in_statement(&shown.sql, || shown.params.clone(), &first.params);
                }
                e.at(at.sql)
            })?;
        let info = match described {
            Described::One(info) => info,
            // SQLAlchemy runs no statement and returns a result with no rows.
            Described::Nothing => return Ok(ResultSet::no_rows(-1)),
            Described::Several => {
                return Err(Error::new(
                    ErrorKind::ProgrammingError,
                    "You can only execute one statement at a time.",
                )
                .with_help("give each statement its own db.session.execute(text(...))")
                .at(at.sql));
            }
        };
        if let Some(control) = info.control {
            return Err(refused_control(control, "db.session.execute()").at(at.sql));
        }
        unnamed_parameters(sql, first, &info).map_err(|e| e.at(at.sql))?;
        if !pg {
            unsupported_binds(self, sql, &first.sql, &sets_given).map_err(|e| e.at(at.params))?;
        }
        if info.rows {
            if compiled.len() > 1 {
                return Err(Error::new(
                    ErrorKind::ProgrammingError,
                    "executemany() can only execute DML statements.",
                )
                .with_help(
                    "a list of dicts runs the statement once per dict; to read rows pass one dict",
                )
                .at(at.params));
            }
            if !info.readonly {
                // INSERT … RETURNING: the write joins the session's transaction.
                self.session.engine.begin()?;
            }
            // Rows not yet taken: Python's sqlite3 has counted none.
            let mut rows = self.raw_rows(first)?;
            rows.rowcount = if is_dml(sql) { 0 } else { -1 };
            rows.inserted_pk = Some(Rc::new(InsertedPk::NotCompiled));
            return Ok(rows);
        }
        // A list of sets is SQLAlchemy's `executemany`: logged once, with
        // the list (`Engine::echo_text_executemany`).
        let many = compiled.len() > 1 && self.session.engine.python_log_on();
        if many {
            self.session.engine.begin()?;
            self.session
                .engine
                .echo_text_executemany(&compiled, crate::engine::echo_log::Cached::Compiled);
        }
        let mut rowcount = 0;
        let mut ran = Ok(());
        for c in &compiled {
            match self.session.execute(c) {
                Ok(n) => rowcount += n as i64,
                Err(e) => {
                    ran = Err(e);
                    break;
                }
            }
        }
        if many {
            self.session.engine.echo_batch_end();
        }
        ran?;
        // SQLite's change count is the last write's after DDL or a PRAGMA:
        // Python's sqlite3 reports -1 for any statement but DML.
        let mut rs = ResultSet::no_rows(if is_dml(sql) { rowcount } else { -1 });
        rs.inserted_pk = Some(Rc::new(InsertedPk::NotCompiled));
        Ok(rs)
    }
}

/// The parameters as SQLAlchemy's `execute()` takes them: none, a dict, or
/// a list (or tuple) of dicts.
pub(crate) fn param_sets(params: Option<Value>) -> Result<Vec<Binds>> {
    param_sets_kept(params, None)
}

/// [`param_sets`]; with `kept`, each value is kept there as Python gave
/// it and bound as its index (`Param::Int`), for psycopg2's literals
/// (`mogrify_text`).
fn param_sets_kept(params: Option<Value>, kept: Option<&mut Vec<Value>>) -> Result<Vec<Binds>> {
    let kept = std::cell::RefCell::new(kept);
    let dict_binds = |d: &Value| -> Result<Option<Binds>> {
        let Value::Dict(d) = d else {
            return Ok(None);
        };
        let mut binds = Vec::new();
        for (k, v) in d.borrow().iter() {
            if let Value::Str(k) = k {
                let p = match kept.borrow_mut().as_mut() {
                    Some(kept) => {
                        kept.push(v.clone());
                        Param::Int(kept.len() as i64 - 1)
                    }
                    None => crate::orm::convert_types::raw_param(v)?,
                };
                binds.push((k.into(), p));
            }
        }
        Ok(Some(binds))
    };
    let items = match &params {
        None | Some(Value::None) => return Ok(vec![]),
        Some(d @ Value::Dict(_)) => return Ok(dict_binds(d)?.into_iter().collect()),
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => t.to_vec(),
        Some(other) => {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!(
                    "mapping or list expected for parameters, not {}",
                    other.type_name()
                ),
            )
            .with_help("pass a dict: db.session.execute(text('... :x'), {'x': value})"));
        }
    };
    items
        .iter()
        .map(|item| {
            dict_binds(item)?.ok_or_else(|| {
                Error::new(
                    ErrorKind::ArgumentError,
                    format!(
                        "List argument must consist only of dictionaries, not {}",
                        item.type_name()
                    ),
                )
                .with_help(
                    "text() binds values by name: db.session.execute(text('SELECT :x'), {'x': 1})",
                )
            })
        })
        .collect()
}

/// The text of a compiled statement as the database reads it: on
/// PostgreSQL its `pyformat` (`%(name)s`, `%%`) read back as `?` and `%`.
pub(crate) fn sent_text(sql: &str, pg: bool) -> std::borrow::Cow<'_, str> {
    if pg {
        crate::sql::dialect_pg::pyformat_to_qmark(sql)
    } else {
        sql.into()
    }
}

/// A `text()` statement as psycopg2 sends it, its values (kept by
/// `param_sets_kept`, bound as their indexes) written into the text as
/// psycopg2's literals (`engine::mogrify`), nothing bound: the server types
/// each from its literal, and PostgreSQL's own `?` operators in the text
/// stay operators. Compiled as SQLAlchemy's psycopg2 dialect writes it
/// (`%(name)s`, `%%`) and interpolated as psycopg2 does. A statement with
/// values read when it runs (`bindparams`) is bound as on SQLite.
fn mogrify_text(
    sql: &str,
    binds: &Binds,
    group: usize,
    dialect: &'static Dialect,
    kept: &[Value],
    host: &mut dyn crate::value::repr::Host,
) -> Result<Compiled> {
    let value = |p: &Param| match p {
        Param::Int(i) => kept.get(*i as usize).cloned().unwrap_or(Value::None),
        _ => Value::None,
    };
    let shown = compile::text(sql, binds, Mode::Display, dialect);
    if shown.late.is_empty() {
        let values: Vec<Value> = shown.params.iter().map(value).collect();
        // Sent as every statement on PostgreSQL is, in `pyformat`: its
        // own `%` doubled (the engine reads `%%` as `%`).
        let mut c = Compiled::new(
            crate::engine::mogrify(&shown.sql, &values)?.replace('%', "%%"),
            Vec::new(),
        );
        // The log and errors show the statement SQLAlchemy hands psycopg2:
        // `%(name)s` and the dict of the values given.
        let (_, names) = crate::sql::dialect_pg::pyformat_to_numbered(&shown.sql);
        let mut items: Vec<String> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        for (name, v) in names.iter().zip(&values) {
            if !seen.contains(&name.as_str()) {
                seen.push(name);
                let rep = crate::value::repr::repr(v, host)?;
                items.push(format!(
                    "{}: {}",
                    crate::value::repr::str_repr(name),
                    crate::sql::params::trunc_text(rep)
                ));
            }
        }
        c.shown = Some(std::rc::Rc::new(crate::sql::ast::Shown {
            sql: shown.sql,
            params: format!("{{{}}}", items.join(", ")),
        }));
        return Ok(c);
    }
    let mut c = text_compiled(sql, binds, group, dialect)?;
    let late: Vec<usize> = c.late.iter().map(|(i, _)| *i).collect();
    for (i, p) in c.params.iter_mut().enumerate() {
        if !late.contains(&i) {
            *p = crate::orm::convert_types::raw_param(&value(p))?;
        }
    }
    Ok(c)
}

/// Python's sqlite3 binds None, numbers, strings, bytes and dates; a
/// list, tuple, dict, Decimal, UUID, timedelta or time given for a
/// placeholder is its ProgrammingError,
/// naming the first such placeholder by position (from 1), as it binds
/// them in order. (Checked once the SQL is prepared, as sqlite3 binds.)
/// Like pysqlite's, it is a DBAPI error: SQLAlchemy's message adds the
/// statement as sent (`?` placeholders) and the parameters.
fn unsupported_binds(me: &mut Interp, sql: &str, sent: &str, params: &Option<Value>) -> Result<()> {
    let sets: Vec<Value> = match params {
        Some(d @ Value::Dict(_)) => vec![d.clone()],
        Some(Value::List(l)) => l.borrow().clone(),
        Some(Value::Tuple(t)) => t.to_vec(),
        _ => return Ok(()),
    };
    let names = bind_names(sql);
    for set in &sets {
        let Value::Dict(d) = set else { continue };
        let d = d.borrow();
        for (i, name) in names.iter().enumerate() {
            let key = Value::Str(crate::value::PyStr::from(&**name));
            if let Some(v) = d
                .get(&key)
                .filter(|v| crate::orm::convert_types::is_unbindable(v))
            {
                let message = format!(
                    "Error binding parameter {}: type '{}' is not supported",
                    i + 1,
                    crate::value::ops::qual_name(v)
                );
                let mut e = Error::new(ErrorKind::ProgrammingError, message.clone());
                e.exc = Some(crate::error::Payload(Rc::new(crate::error::DbapiError {
                    class: "ProgrammingError",
                    driver_class: None,
                    message,
                    sql: Some(sent.to_string()),
                    params: Some(sent_params(me, &names, &sets)?),
                    param_values: None,
                    sqlite_code: None,
                    pg: None,
                })));
                return Err(e.with_help(format!(
                    "bind a plain value to :{name} (a number, a string, bytes, a date or None); for a list, bind each item: IN (:a, :b)"
                )));
            }
        }
    }
    Ok(())
}

/// The parameters as SQLAlchemy's message shows them: each set's values
/// in the order of the statement's placeholders, a tuple (a list of them
/// for several sets).
fn sent_params(me: &mut Interp, names: &[Rc<str>], sets: &[Value]) -> Result<String> {
    let mut tuples = Vec::with_capacity(sets.len());
    for set in sets {
        let Value::Dict(d) = set else { continue };
        let d = d.borrow();
        let values = names
            .iter()
            .map(|n| {
                d.get(&Value::Str(crate::value::PyStr::from(&**n)))
                    .cloned()
                    .unwrap_or(Value::None)
            })
            .collect();
        tuples.push(Value::tuple(values));
    }
    let shown = match tuples.len() {
        1 => tuples.pop().unwrap_or(Value::None),
        _ => Value::list(tuples),
    };
    crate::value::repr::repr(&shown, me)
}

/// SQLite found parameters that are not the `?` each `:name` became: a
/// `?`, `?1`, `$x` or `@x` the SQL was written with, which would be NULL.
fn unnamed_parameters(sql: &str, c: &Compiled, info: &StatementInfo) -> Result<()> {
    let named = info.parameters.iter().find_map(|p| p.as_deref());
    if named.is_none() && info.parameters.len() == c.params.len() {
        return Ok(());
    }
    let name = named.unwrap_or("?");
    let at = find_placeholder(sql, name);
    let place = match at {
        Some(i) => format!(
            " at character {} of {}",
            sql[..i].chars().count() + 1,
            excerpt(sql)
        ),
        None => String::new(),
    };
    // A name the SQL does not use yet: x, x2, x3, …
    let taken = bind_names(sql);
    let free = (1..)
        .map(|n| {
            if n == 1 {
                "x".to_owned()
            } else {
                format!("x{n}")
            }
        })
        .find(|n| !taken.iter().any(|t| **t == **n))
        .unwrap_or_default();
    let example = match at {
        Some(i) if sql.chars().count() <= 80 => format!(
            "text({}), {{'{free}': value}}",
            str_repr(&format!("{}:{free}{}", &sql[..i], &sql[i + name.len()..]))
        ),
        _ => format!("text('... :{free} ...'), {{'{free}': value}}"),
    };
    Err(Error::new(
        ErrorKind::ProgrammingError,
        format!("text() binds only :name parameters; {name}{place} would be NULL"),
    )
    .with_help(format!("name it and pass its value: {example}")))
}

/// The SQL as a Python string, shortened past 80 characters.
fn excerpt(sql: &str) -> String {
    if sql.chars().count() <= 80 {
        return str_repr(sql);
    }
    let head: String = sql.chars().take(77).collect();
    format!("{}...", str_repr(&head))
}

/// `text('… :name …')` with one set of binds (the `group`th of an
/// executemany), as a statement to run: each `:name` becomes `?`; a name
/// with no value is SQLAlchemy's `StatementError`, naming the group past
/// the first as it does.
pub fn text_compiled(
    sql: &str,
    binds: &[(Rc<str>, Param)],
    group: usize,
    dialect: &'static Dialect,
) -> Result<Compiled> {
    if let Some(n) = missing_bind(sql, binds) {
        let in_group = if group > 0 {
            format!(", in parameter group {group}")
        } else {
            String::new()
        };
        return Err(Error::new(
            ErrorKind::StatementError,
            format!("A value is required for bind parameter '{n}'{in_group}"),
        )
        .with_help(format!(
            "pass it: db.session.execute(text(...), {{'{n}': value}})"
        )));
    }
    Ok(compile::text(sql, binds, Mode::Execute, dialect))
}
