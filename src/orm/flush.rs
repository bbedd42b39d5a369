//! The unit of work: turn the session's pending, modified and deleted objects
//! into INSERT / UPDATE / DELETE statements in dependency order (parents
//! first on insert, children first on delete), run them in one transaction,
//! and on failure roll everything back at once with a clear account.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::convert::to_param;
use crate::orm::instance::{Instance, Status};
use crate::orm::session::{Session, key_display, pk_criteria};
use crate::schema::model::Model;
use crate::sql::ast::{Delete, Insert, Param, SqlExpr, Update};
use crate::sql::compile;

/// One statement the flush will run.
pub enum Op {
    Insert(Rc<Instance>),
    Update(Rc<Instance>, Vec<usize>),
    Delete(Rc<Instance>),
}

/// How deep a model sits in the foreign-key graph of the models at hand:
/// referenced tables get lower ranks and are inserted first.
fn rank(model: &Model, models: &[Rc<Model>], depth: usize) -> usize {
    if depth > models.len() {
        return depth;
    }
    model
        .columns
        .iter()
        .filter_map(|c| c.foreign_key.as_ref())
        .filter_map(|fk| {
            models
                .iter()
                .find(|m| m.table == fk.table && m.id != model.id)
        })
        .map(|parent| 1 + rank(parent, models, depth + 1))
        .max()
        .unwrap_or(0)
}

/// The statements a flush will run, in order (pure: nothing is executed).
pub fn plan(session: &Session) -> Vec<Op> {
    let mut models: Vec<Rc<Model>> = Vec::new();
    for inst in session.new.iter().chain(&session.deleted) {
        if !models.iter().any(|m| m.id == inst.model.id) {
            models.push(inst.model.clone());
        }
    }
    let rank_of = |m: &Model| rank(m, &models, 0);
    let mut inserts: Vec<&Rc<Instance>> = session.new.iter().collect();
    inserts.sort_by_key(|i| rank_of(&i.model));
    let mut ops: Vec<Op> = inserts.into_iter().map(|i| Op::Insert(i.clone())).collect();
    for inst in &session.dirty {
        if inst.status() != Status::Persistent || inst.st.borrow().marked_deleted {
            continue;
        }
        let changed = inst.changed_columns();
        if !changed.is_empty() {
            ops.push(Op::Update(inst.clone(), changed));
        }
    }
    let mut deletes: Vec<&Rc<Instance>> = session.deleted.iter().collect();
    deletes.sort_by_key(|i| std::cmp::Reverse(rank_of(&i.model)));
    ops.extend(deletes.into_iter().map(|i| Op::Delete(i.clone())));
    ops
}

/// Flush the session. On failure the transaction is rolled back at once and
/// the error says what failed and what was discarded.
pub fn flush(session: &mut Session) -> Result<()> {
    if !session.has_changes() {
        return Ok(());
    }
    let ops = plan(session);
    let mut failed_row: Option<String> = None;
    let result = run(session, &ops, &mut failed_row);
    match result {
        Ok(()) => {
            session.new.clear();
            for inst in session.dirty.drain(..) {
                let mut st = inst.st.borrow_mut();
                st.in_dirty_list = false;
                st.committed = None;
            }
            session.deleted.clear();
            Ok(())
        }
        Err(mut e) => {
            let discarded = describe_discarded(session);
            let _ = session.rollback();
            if e.kind == ErrorKind::IntegrityError || e.kind == ErrorKind::OperationalError {
                if let Some(row) = failed_row {
                    e.message = format!("{} (while flushing {row})", e.message);
                }
                e.help = Some(format!(
                    "the transaction was rolled back: {discarded}; what was committed before is unchanged"
                ));
            }
            Err(e)
        }
    }
}

fn run(session: &mut Session, ops: &[Op], failed_row: &mut Option<String>) -> Result<()> {
    if ops.is_empty() {
        return Ok(());
    }
    session.engine.begin()?;
    for op in ops {
        match op {
            Op::Insert(inst) => {
                *failed_row = Some(row_desc(inst, None));
                insert(session, inst)?;
            }
            Op::Update(inst, cols) => {
                *failed_row = Some(row_desc(inst, Some(cols)));
                update(session, inst, cols)?;
            }
            Op::Delete(inst) => {
                *failed_row = Some(row_desc(inst, Some(&[])));
                delete(session, inst)?;
            }
        }
    }
    Ok(())
}

fn insert(session: &mut Session, inst: &Rc<Instance>) -> Result<()> {
    let model = inst.model.clone();
    let mut columns = Vec::with_capacity(model.columns.len());
    let mut row = Vec::with_capacity(model.columns.len());
    let mut auto_pk = None;
    {
        let st = inst.st.borrow();
        for (i, c) in model.columns.iter().enumerate() {
            let v = &st.values[i];
            let is_none = matches!(v, crate::value::Value::None);
            if is_none
                && c.primary_key
                && model.pk.len() == 1
                && c.ty.is_integer()
                && c.autoincrement != Some(false)
            {
                auto_pk = Some(i);
                continue;
            }
            if is_none && !st.set[i] && c.server_default.is_some() {
                continue;
            }
            columns.push(c.name.clone());
            row.push(to_param(&c.ty, v)?);
        }
    }
    let stmt = Insert {
        table: model.table.clone(),
        columns,
        rows: vec![row],
        returning: Vec::new(),
    };
    let rowid = session.engine.insert(&compile::insert(&stmt))?;
    let mut st = inst.st.borrow_mut();
    if let Some(i) = auto_pk {
        st.values[i] = crate::value::Value::Int(rowid);
        st.set[i] = true;
    }
    let key_params = model
        .pk
        .iter()
        .map(|&i| to_param(&model.columns[i].ty, &st.values[i]))
        .collect::<Result<Vec<Param>>>()?;
    let mut full = vec![Param::Null; model.columns.len()];
    for (&i, p) in model.pk.iter().zip(key_params) {
        full[i] = p;
    }
    let key = Session::key_of(&model, &full).ok_or_else(|| {
        Error::new(
            ErrorKind::IntegrityError,
            format!("{} has no value for its primary key", model.name),
        )
    })?;
    st.status = Status::Persistent;
    st.key = Some(key.clone());
    // Server defaults are read back on next access.
    if model
        .columns
        .iter()
        .enumerate()
        .any(|(i, c)| c.server_default.is_some() && !st.set[i])
    {
        st.expired = true;
    }
    drop(st);
    session
        .identity
        .insert((model.table.clone(), key), inst.clone());
    session.inserted_in_tx.push(inst.clone());
    Ok(())
}

fn update(session: &mut Session, inst: &Rc<Instance>, cols: &[usize]) -> Result<()> {
    let model = inst.model.clone();
    let key = inst.st.borrow().key.clone();
    let Some(key) = key else { return Ok(()) };
    let set = {
        let st = inst.st.borrow();
        cols.iter()
            .map(|&i| {
                let c = &model.columns[i];
                Ok((
                    c.name.clone(),
                    SqlExpr::Param {
                        value: to_param(&c.ty, &st.values[i])?,
                        key: Some(c.name.clone()),
                    },
                ))
            })
            .collect::<Result<Vec<_>>>()?
    };
    let stmt = Update {
        table: model.table.clone(),
        set,
        where_: pk_criteria(&model, &key),
    };
    session.engine.execute(&compile::update(&stmt))?;
    Ok(())
}

fn delete(session: &mut Session, inst: &Rc<Instance>) -> Result<()> {
    let model = inst.model.clone();
    let key = inst.st.borrow().key.clone();
    let Some(key) = key else { return Ok(()) };
    let stmt = Delete {
        table: model.table.clone(),
        where_: pk_criteria(&model, &key),
    };
    session.engine.execute(&compile::delete(&stmt))?;
    {
        let mut st = inst.st.borrow_mut();
        st.status = Status::Deleted;
        st.marked_deleted = false;
    }
    session.identity.remove(&(model.table.clone(), key));
    session.deleted_in_tx.push(inst.clone());
    Ok(())
}

/// `User(username='admin', email='a@b')` — the values being written.
fn row_desc(inst: &Instance, only: Option<&[usize]>) -> String {
    let st = inst.st.borrow();
    let model = &inst.model;
    let fields: Vec<String> = model
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            only.is_none_or(|o| o.contains(i) || (o.is_empty() && model.pk.contains(i)))
        })
        .filter(|(i, _)| st.set[*i] || only.is_some())
        .map(|(i, c)| format!("{}={}", c.attr, short_repr(&st.values[i])))
        .collect();
    let verb = match only {
        None => "the new ",
        Some([]) => "the deletion of ",
        Some(_) => "the change to ",
    };
    let key = st
        .key
        .as_ref()
        .map(|k| format!(" {}", key_display(k)))
        .unwrap_or_default();
    format!("{verb}{}{key}({})", model.name, fields.join(", "))
}

fn short_repr(v: &crate::value::Value) -> String {
    use crate::value::Value;
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => if *b { "True" } else { "False" }.into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => crate::value::repr::float_repr(*f),
        Value::Str(s) => crate::value::repr::str_repr(s),
        other => format!("<{}>", other.type_name()),
    }
}

fn describe_discarded(session: &Session) -> String {
    let pending = session.new.len() + session.inserted_in_tx.len();
    let changed = session.dirty.len();
    let deleted = session.deleted.len() + session.deleted_in_tx.len();
    let mut parts = Vec::new();
    if pending > 0 {
        parts.push(format!(
            "{pending} new object{} discarded",
            if pending == 1 { "" } else { "s" }
        ));
    }
    if changed > 0 {
        parts.push(format!(
            "{changed} change{} undone",
            if changed == 1 { "" } else { "s" }
        ));
    }
    if deleted > 0 {
        parts.push(format!(
            "{deleted} deletion{} undone",
            if deleted == 1 { "" } else { "s" }
        ));
    }
    if parts.is_empty() {
        "nothing was pending".into()
    } else {
        parts.join(", ")
    }
}
