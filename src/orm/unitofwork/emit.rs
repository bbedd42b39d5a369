//! Running a plan through the one engine: each row's deferred parameters
//! are read as it runs (the key an earlier INSERT numbered, the key a row
//! has after an earlier UPDATE), and after each row the objects are where
//! SQLAlchemy's `_postfetch` / `_register_persistent` put them: a new
//! object is persistent with its key in the identity map, an updated key
//! is followed (`orm::rekey`), a deleted object leaves the map — a new
//! object only once its whole statement ran (an `executemany`). The
//! row-count checks count each statement's rows together, as SQLAlchemy's
//! `executemany` does.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::convert::{check_assign, from_param, to_param};
use crate::orm::expr::ColumnElement;
use crate::orm::failed::Failing;
use crate::orm::instance::{Instance, RelValue, Status};
use crate::orm::rekey::{check_updated, deleted_warning, inserted_key_of_values};
use crate::orm::session::Session;
use crate::orm::undo::Part;
use crate::orm::unitofwork::keys::key_param;
use crate::orm::unitofwork::plan::{Op, Plan, PlanParam, Statement, Step};
use crate::orm::unitofwork::states::PlanValue;
use crate::orm::unitofwork::switch;
use crate::schema::model::Model;
use crate::sql::ast::Param;
use crate::sql::insertmany_pg::{PAGE, values_rows};
use crate::sql::params::param_repr;
use crate::value::Value;

impl Plan {
    /// Run the plan in the open transaction. `failed_row` is set to the
    /// object each row writes, so a failure can say what it was writing.
    pub fn emit(&self, session: &mut Session, failed_row: &mut Option<Failing>) -> Result<()> {
        for step in &self.steps {
            match step {
                Step::Copy(list) => {
                    for (x, col, v) in list {
                        let v = match v {
                            PlanValue::Known(v) => v.clone(),
                            PlanValue::Deferred { inst, col } => inst.value(*col),
                        };
                        copy(session, x, *col, v)?;
                    }
                }
                Step::Run(s) => {
                    session
                        .engine
                        .set_compiled_key_extra(s.key_extra.as_deref());
                    let r = run(session, s, failed_row);
                    session.engine.set_compiled_key_extra(None);
                    r?
                }
                Step::Switch(list) => {
                    for x in list {
                        switch::switched(session, x)?;
                    }
                }
                Step::Fail(e) => {
                    *failed_row = None;
                    return Err(e.clone());
                }
            }
        }
        Ok(())
    }
}

/// The value of a parameter now.
pub fn resolve(p: &PlanParam) -> Result<Param> {
    Ok(match p {
        PlanParam::Bound(p) => p.clone(),
        // Written inline with its own values (`run` binds them).
        PlanParam::Sql { .. } => {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                "SQL written inline has no single value to bind",
            ));
        }
        PlanParam::Deferred { inst, col, ty } => to_param(ty, inst.st.borrow().value(*col))?,
        PlanParam::RowKey { inst, part } => {
            let st = inst.st.borrow();
            let key = st.row_key().ok_or_else(|| {
                Error::new(
                    ErrorKind::InvalidRequestError,
                    format!("{} has no row to name", inst.model.name),
                )
            })?;
            key_param(&key[*part])
        }
    })
}

/// A key copied into `x.col` in memory (SQLAlchemy's `sync.populate`):
/// an object with a row records the change as setting the column does
/// (`Session::set_column`: an expired column's old value is unknown), but
/// nothing is loaded first.
fn copy(session: &mut Session, x: &Rc<Instance>, col: usize, v: Value) -> Result<()> {
    let same = {
        let st = x.st.borrow();
        !st.column_expired(col)
            && st.value(col).same_value(&v)
            && st.value(col).type_name() == v.type_name()
    };
    if same {
        return Ok(());
    }
    if x.status() != Status::Persistent {
        session.edit(x).set_value(col, v);
        return Ok(());
    }
    let v = check_assign(&x.model, &x.model.columns[col], v)?;
    // Persistent: it keeps its committed values.
    session.edit(x).assign(col, v);
    session.modified_event(x);
    Ok(())
}

/// A row an INSERT wrote, waiting for its bookkeeping: the object, the
/// column the database numbers, the values the database gave.
type Numbered = (Rc<Instance>, Option<usize>, Vec<(usize, Value)>);

/// Run one statement, logged as SQLAlchemy logs its batch
/// (`engine::echo_many`): an INSERT reading keys back row by row as
/// insertmanyvalues, any other of several rows as one `executemany`.
fn run(session: &mut Session, s: &Statement, failed_row: &mut Option<Failing>) -> Result<()> {
    if s.op == Op::Delete {
        // SQLAlchemy's `_organize_states_for_delete` reads each key as an
        // attribute: an object still expired loads here, after the
        // INSERTs and UPDATEs before it (no autoflush inside a flush).
        for x in s.rows.iter().filter_map(|r| r.inst.as_ref()) {
            if x.is_expired() {
                session.ensure_loaded(x)?;
            }
        }
    }
    let insertmany = matches!(s.op, Op::Insert { .. }) && !s.rows[0].returning.is_empty();
    let log = session.engine.python_log_on();
    // PostgreSQL's INSERT of several rows without RETURNING: one VALUES
    // list a page (insertmanyvalues, unordered).
    let unordered: Vec<String> = match s.op {
        Op::Insert { .. } | Op::AssocInsert
            if log
                && !insertmany
                && s.rows.len() > 1
                && session.engine.dialect().implicit_returning =>
        {
            (s.rows.chunks(PAGE))
                .map_while(|rows| values_rows(&s.sql, rows.len()))
                .collect()
        }
        _ => Vec::new(),
    };
    if log && (!s.many.is_empty() || !unordered.is_empty()) {
        // Each page's rows' values as one dict by the page's names
        // (`username__0`, `username__1`, …).
        let texts: Vec<&str> = match s.many.is_empty() {
            true => unordered.iter().map(|t| t.as_str()).collect(),
            false => s.many.iter().map(|t| &**t).collect(),
        };
        let pages: Option<Vec<(&str, Vec<Param>)>> = (texts.into_iter())
            .zip(s.rows.chunks(PAGE))
            .map(|(sql, rows)| {
                let mut p = Vec::new();
                for row in rows {
                    row_params(row, &mut p).ok()?;
                }
                Some((sql, p))
            })
            .collect();
        if let Some(pages) = pages {
            session
                .engine
                .echo_insertmany_pages(&pages, s.many.is_empty());
        }
    } else if !insertmany && s.rows.len() > 1 && log {
        // Every row's parameters as the statement starts (SQLAlchemy
        // binds them all before the `executemany`); a row reading a key
        // this very statement numbers has none yet: then each row logs.
        let mut rows = Vec::with_capacity(s.rows.len());
        let known = s.rows.iter().all(|row| {
            let mut p = Vec::new();
            let ok = row_params(row, &mut p).is_ok();
            rows.push(p);
            ok
        });
        if known {
            session.engine.echo_executemany(&s.sql, &rows);
        }
    }
    let done = run_rows(session, s, failed_row, insertmany);
    session.engine.echo_batch_end();
    done
}

/// The parameters of one row now, into `params`.
fn row_params(row: &crate::orm::unitofwork::plan::Row, params: &mut Vec<Param>) -> Result<()> {
    for p in &row.params {
        match p {
            PlanParam::Sql { params: own, .. } => params.extend(own.iter().cloned()),
            p => params.push(resolve(p)?),
        }
    }
    Ok(())
}

/// Run one statement, row by row, with the bookkeeping after each row and
/// the row-count check after all.
fn run_rows(
    session: &mut Session,
    s: &Statement,
    failed_row: &mut Option<Failing>,
    insertmany: bool,
) -> Result<()> {
    let mut matched = 0usize;
    let mut params: Vec<Param> = Vec::new();
    // The INSERTs of one statement are one `executemany` in SQLAlchemy:
    // their keys and defaults reach the objects once all rows are in, so
    // a row failing leaves the rows before it new, without a key.
    let mut numbered: Vec<Numbered> = Vec::new();
    // The INSERT without RETURNING, when the key it returns is the rowid
    // (checked once per statement in the database's own schema).
    let plain = (s.plain.as_ref()).filter(|_| {
        let row = &s.rows[0];
        let x = row.inst.as_ref();
        let key = x.and_then(|x| row.returning.first().map(|&i| &x.model.columns[i]));
        key.is_some_and(|c| session.engine.key_is_rowid(&s.table, &c.name))
    });
    for (at, row) in s.rows.iter().enumerate() {
        crate::interrupt::check()?;
        if insertmany {
            session.engine.echo_insertmany(at + 1, s.rows.len());
        }
        if row.params.iter().any(|p| names_any(p, &numbered)) {
            // A row reading an earlier one's key (never so in SQLAlchemy's
            // batches): that one's bookkeeping first.
            for (x, auto_pk, returned) in numbered.drain(..) {
                inserted(session, &x, auto_pk, &returned)?;
            }
        }
        params.clear();
        row_params(row, &mut params)?;
        *failed_row = match (&row.inst, s.op) {
            (Some(x), Op::Insert { .. }) => Some((x.clone(), None)),
            (Some(x), Op::Update) => Some((x.clone(), Some(row.cols.clone()))),
            (Some(x), Op::Delete) => Some((x.clone(), Some(Vec::new()))),
            _ => None,
        };
        match (s.op, &row.inst) {
            (Op::Insert { auto_pk }, Some(x)) => {
                let returned = if row.returning.is_empty() {
                    let rowid = session.engine.insert_with(&s.sql, &params)?;
                    numbered_pk(auto_pk, rowid)
                } else if let Some(plain) = plain {
                    // The same row and key RETURNING would give, read as
                    // a single row's INSERT reads it; the echo and any
                    // error show SQLAlchemy's statement.
                    let rowid = session.engine.insert_shown_as(&s.sql, plain, &params)?;
                    let i = row.returning[0];
                    vec![(i, from_param(&x.model.columns[i].ty, &Param::Int(rowid)))]
                } else {
                    // The values RETURNING read (SQLAlchemy's
                    // `returned_defaults`), as the columns' types read them.
                    let got = session.engine.insert_returning(&s.sql, &params)?;
                    (row.returning.iter().zip(&got))
                        .map(|(&i, p)| (i, from_param(&x.model.columns[i].ty, p)))
                        .collect()
                };
                numbered.push((x.clone(), auto_pk, returned));
            }
            (Op::Update, Some(x)) => {
                let key = x.identity_key();
                matched += session.engine.execute_with(&s.sql, &params)?;
                let sql_onupdate = |v: &Value| v.is::<crate::orm::expr::ColumnElement>();
                if !row.onupdate.is_empty() {
                    let mut st = session.edit(x);
                    for (i, v) in row.onupdate.iter().filter(|(_, v)| !sql_onupdate(v)) {
                        st.set_fresh_value(*i, v.clone());
                    }
                }
                // Columns the database set: read again on next access
                // (SQLAlchemy's postfetch).
                let fetch: Vec<usize> = (x.model.columns.iter().enumerate())
                    .filter(|(i, c)| {
                        // A `column_property()` is read again after every
                        // flush of its object (`expire_on_flush`); a
                        // column set to SQL is read back too.
                        (c.server_onupdate || c.computed.is_some() || c.expression.is_some())
                            && !row.cols.contains(i)
                            || row.cols.contains(i) && x.value(*i).is::<ColumnElement>()
                    })
                    .map(|(i, _)| i)
                    .chain(
                        (row.onupdate.iter())
                            .filter(|(_, v)| sql_onupdate(v))
                            .map(|(i, _)| *i),
                    )
                    .collect();
                session.expire_attrs(x, &fetch, &[]);
                if let Some(key) = key {
                    session.after_update(x, &key)?;
                }
            }
            (Op::Delete, Some(x)) => {
                matched += session.engine.execute_with(&s.sql, &params)?;
                session.after_delete(x);
            }
            (Op::AssocInsert, _) => {
                matched += session
                    .engine
                    .execute_with(&s.sql, &params)
                    .map_err(|e| link_refused(e, &s.table, &params))?;
            }
            _ => matched += session.engine.execute_with(&s.sql, &params)?,
        }
    }
    for (x, auto_pk, returned) in numbered {
        inserted(session, &x, auto_pk, &returned)?;
    }
    match s.op {
        Op::Update => {
            check_updated(&s.table, s.rows.len(), matched).map_err(|e| {
                match is_view(session, &s.table) {
                    true => e.with_help(VIEW_COUNTS_NO_ROWS.replace("{view}", &s.table)),
                    false => e,
                }
            })?
        }
        Op::Delete => {
            session
                .warnings
                .extend(deleted_warning(&s.table, s.rows.len(), matched).map(|w| {
                    match is_view(session, &s.table) {
                        true => format!(
                            "{}\nhelp: {}",
                            w.split("\nhelp: ").next().unwrap_or(&w),
                            VIEW_COUNTS_NO_ROWS.replace("{view}", &s.table)
                        ),
                        false => w,
                    }
                }))
        }
        Op::AssocDelete { by_owner: false } if matched != s.rows.len() => {
            return Err(Error::new(
                ErrorKind::StaleDataError,
                format!(
                    "DELETE statement on table '{}' expected to delete {} row(s); Only {} were matched.",
                    s.table,
                    s.rows.len(),
                    matched
                ),
            )
            .with_help("the association rows were changed outside the session; reload the objects (db.session.expire_all()) and try again"));
        }
        _ => {}
    }
    Ok(())
}

/// Whether parameter `p` reads the key or a column of an object among
/// `rows`.
fn names_any(p: &PlanParam, rows: &[Numbered]) -> bool {
    let inst = match p {
        PlanParam::Bound(_) | PlanParam::Sql { .. } => return false,
        PlanParam::Deferred { inst, .. } | PlanParam::RowKey { inst, .. } => inst,
    };
    rows.iter().any(|(x, _, _)| Rc::ptr_eq(x, inst))
}

/// The numbered primary key `auto_pk`, if any, as the value it reads.
fn numbered_pk(auto_pk: Option<usize>, rowid: i64) -> Vec<(usize, Value)> {
    auto_pk
        .map(|i| (i, Value::Int(rowid)))
        .into_iter()
        .collect()
}

/// After the INSERT of `inst`: the values the database gave it (the
/// numbered key, the columns RETURNING read), persistent with its identity
/// key in the map; columns a server default filled and the INSERT did not
/// read are read back on next access.
fn inserted(
    session: &mut Session,
    inst: &Rc<Instance>,
    auto_pk: Option<usize>,
    returned: &[(usize, Value)],
) -> Result<()> {
    let model = inst.model.clone();
    // Columns the object set to SQL (`Ev(n=func.abs(-5))`): the database
    // computed them, so they are read back on next access.
    let sql_set: Vec<usize> = (0..model.columns.len())
        .filter(|&i| inst.value(i).is::<ColumnElement>())
        .collect();
    let mut st = session.edit_part(inst, |st| {
        (st.status() == Status::Pending).then(|| Part::Inserted {
            auto_pk: auto_pk.map(|i| (i, st.is_set(i))),
            expired: st.is_expired(),
        })
    });
    for (i, v) in returned {
        st.set_value(*i, v.clone());
    }
    let key =
        inserted_key_of_values(&model, st.values())?.ok_or_else(|| null_identity_key(&model))?;
    st.become_inserted(key.clone());
    // A collection only read while the object was new, not changed, was
    // an empty one outside its dict (SQLAlchemy 2's `_set_empty`): now
    // that the object has a row, reading it loads from the database.
    for slot in st.slots_mut() {
        if let RelValue::List(c) = &slot.value
            && slot.empty_read
            && c.items.borrow().is_empty()
        {
            slot.loaded = false;
            slot.empty_read = false;
        }
    }
    // Only the columns the INSERT left to their server default are
    // expired; those it wrote are not.
    st.expire_server_defaults(|i| {
        let c = &model.columns[i];
        (c.server_generated() || c.computed.is_some() || c.expression.is_some())
            && !returned.iter().any(|(j, _)| *j == i)
    });
    drop(st);
    session.identity.insert((model.id, key), inst);
    session.inserted_in_tx.push(inst.clone());
    session.note_nested(crate::orm::nested::Noted::Inserted, inst);
    if !sql_set.is_empty() {
        session.expire_attrs(inst, &sql_set, &[]);
    }
    Ok(())
}

/// Why a write through a view's INSTEAD OF trigger fails SQLAlchemy's
/// row count check (`{view}`: the view's name).
const VIEW_COUNTS_NO_ROWS: &str = "{view} is a view: its INSTEAD OF trigger made the change, but SQLite counts no rows for what a trigger changes, so the row count SQLAlchemy checks is 0; write to the table behind the view instead";

/// Whether `table` is a view of the database.
fn is_view(session: &Session, table: &str) -> bool {
    (session.engine.view_names()).is_ok_and(|v| v.iter().any(|n| n.eq_ignore_ascii_case(table)))
}

/// An INSERT that left the new row's key all NULL (a key SQLite lets
/// hold NULL: not an `INTEGER PRIMARY KEY`): SQLAlchemy's `FlushError`
/// "Instance … has a NULL identity key" (`mapper._postfetch`'s check in
/// `persistence._finalize_insert_update_commands`), raised after the
/// INSERT ran; the flush's rollback undoes it.
fn null_identity_key(model: &Model) -> Error {
    let cols: Vec<String> = (model.pk.iter())
        .map(|&i| format!("{}.{}", model.table, model.columns[i].name))
        .collect();
    let attrs: Vec<String> = (model.pk.iter())
        .map(|&i| format!("{}=…", model.columns[i].attr))
        .collect();
    Error::new(
        ErrorKind::FlushError,
        format!(
            "Instance <new {}> has a NULL identity key: the INSERT stored NULL in {}, which SQLite allows for a key that is not an INTEGER PRIMARY KEY, and no row can be named by it",
            model.name,
            cols.join(", ")
        ),
    )
    .with_help(format!(
        "give the new object its key: {}({}, …); SQLite numbers only an INTEGER PRIMARY KEY",
        model.name,
        attrs.join(", ")
    ))
}

/// A link row of a many-to-many relationship that the association
/// table's key refuses: in SQLAlchemy (`ManyToManyDP.process_saves`) an
/// object appended to a collection it is already in gets a second link
/// row, so the error says that, and what would work.
fn link_refused(mut e: Error, table: &str, params: &[Param]) -> Error {
    let unique = e.message.contains("UNIQUE")
        || e.message.contains("PRIMARY KEY")
        || e.message.contains("duplicate key");
    if e.kind != ErrorKind::IntegrityError || !unique {
        return e;
    }
    let values: Vec<String> = params.iter().map(param_repr).collect();
    e.message = format!(
        "{} (while flushing a link row of table {table} with values ({}))",
        e.message,
        values.join(", ")
    );
    e.help = Some(format!(
        "that link is already in {table}: an object appended again to a many-to-many collection it is already in (or linked in the database already) gets a second link row, as in SQLAlchemy, and the table's key refuses it; take the extra one out (collection.remove(obj) removes one) or test `obj in collection` before appending"
    ));
    e
}
