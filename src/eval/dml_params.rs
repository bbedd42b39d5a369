//! The parameters `db.session.execute(stmt, params)` gives a DML
//! statement: one dict, or a list of them (an executemany, or an ORM bulk
//! statement). A key naming a column of the statement's table is a value
//! of that column (an INSERT's, or an UPDATE's `SET col=:col`); every key
//! is also a value for the statement's `bindparam()`s of that name, as
//! SQLAlchemy's compiled parameters are (`table.update().where(t.c.id ==
//! bindparam('i')).values(msg=bindparam('m'))` run with `[{'i': 1, 'm':
//! 'X'}, …]`). A key that is neither is left unused, as SQLAlchemy's
//! Core leaves it; ORM bulk statements, which map keys to attributes,
//! refuse it.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::objects::ResultSet;
use crate::orm::bulk::SyncSession;
use crate::orm::convert_types::raw_param;
use crate::orm::dml::Dml;
use crate::schema::model::Model;
use crate::sql::ast::SqlExpr;
use crate::sql::named_bind::{ParamFrame, name_of, own_value_of, with_params};
use crate::value::Value;

/// Column values by column index.
pub(super) type Values = Vec<(usize, Value)>;

/// One parameter dict.
pub(super) struct ParamSet {
    /// The keys naming columns, with their values.
    pub values: Values,
    /// Every key, as the values of the statement's named parameters.
    pub binds: ParamFrame,
    /// The keys naming no column.
    pub extra: Vec<Rc<str>>,
}

/// The parameters given to `execute` as parameter sets: a dict is one, a
/// list of dicts many.
pub(super) fn param_sets(me: &mut Interp, model: &Model, params: &Value) -> Result<Vec<ParamSet>> {
    let items = match params {
        Value::Dict(_) => return Ok(vec![dict_set(me, model, params)?]),
        Value::List(l) => l.borrow().clone(),
        Value::Tuple(t) => t.to_vec(),
        other => return Err(not_dicts(other)),
    };
    let mut sets = Vec::with_capacity(items.len());
    for item in &items {
        sets.push(dict_set(me, model, item)?);
    }
    Ok(sets)
}

fn not_dicts(v: &Value) -> Error {
    Error::new(
        ErrorKind::ArgumentError,
        format!(
            "List argument must consist only of dictionaries, not {}",
            v.type_name()
        ),
    )
}

/// One parameter dict, keyed by attribute name.
fn dict_set(me: &mut Interp, model: &Model, v: &Value) -> Result<ParamSet> {
    let Value::Dict(d) = v else {
        return Err(not_dicts(v));
    };
    let mut set = ParamSet {
        values: Vec::new(),
        binds: Rc::from(Vec::new()),
        extra: Vec::new(),
    };
    let mut binds = Vec::new();
    for (k, v) in d.borrow().iter() {
        let name: Rc<str> = Rc::from(me.str_of_value(k)?);
        match model.column(&name) {
            Some(i) => set.values.push((i, v.clone())),
            None => set.extra.push(name.clone()),
        }
        if let Ok(p) = raw_param(v) {
            binds.push((name, p));
        }
    }
    set.binds = Rc::from(binds);
    Ok(set)
}

/// For an ORM bulk statement (keys are attributes): a key naming no
/// column is SQLAlchemy's `CompileError`.
pub(super) fn check_strict(sets: &[ParamSet]) -> Result<()> {
    match sets.iter().find_map(|s| s.extra.first()) {
        Some(name) => Err(Error::new(
            ErrorKind::CompileError,
            format!("Unconsumed column names: {name}"),
        )),
        None => Ok(()),
    }
}

/// The column values of each set, checked by [`check_strict`].
pub(super) fn strict(sets: Vec<ParamSet>) -> Result<Vec<Values>> {
    check_strict(&sets)?;
    Ok(sets.into_iter().map(|s| s.values).collect())
}

/// Before an executemany runs any set: each set gives a value to every
/// named parameter of the statement that has none of its own, or it is
/// SQLAlchemy's `StatementError` naming the parameter and the set
/// (`construct_params` of each group, before the cursor runs).
pub(super) fn check_required(d: &Dml, sets: &[ParamSet]) -> Result<()> {
    let mut required: Vec<Rc<str>> = Vec::new();
    let mut note = |e: &SqlExpr| {
        if let (Some(name), Some(None)) = (name_of(e), own_value_of(e))
            && !required.contains(&name)
        {
            required.push(name);
        }
    };
    for w in &d.where_ {
        w.walk(&mut note);
    }
    for row in &d.rows {
        for (_, v) in row {
            if let Some(e) = v.downcast::<crate::orm::expr::ColumnElement>() {
                e.expr.walk(&mut note);
            }
        }
    }
    for (n, set) in sets.iter().enumerate() {
        let given = |name: &Rc<str>| set.binds.iter().any(|(k, _)| k == name);
        if let Some(name) = required.iter().find(|name| !given(name)) {
            let group = if sets.len() > 1 {
                format!(", in parameter group {n}")
            } else {
                String::new()
            };
            return Err(Error::new(
                ErrorKind::StatementError,
                format!(
                    "(sqlalchemy.exc.InvalidRequestError) A value is required for bind parameter '{name}'{group}"
                ),
            )
            .with_help(format!(
                "give every parameter dict a '{name}' key, or the bindparam() a value of its own"
            )));
        }
    }
    Ok(())
}

impl Interp {
    /// A Core or ORM UPDATE run once per parameter set (an executemany
    /// for several): each set's column keys over the statement's SET
    /// values, its keys the values of the named parameters; the rows
    /// matched, summed.
    pub(super) fn update_each(
        &mut self,
        d: &Dml,
        sets: Vec<ParamSet>,
        sync: SyncSession,
    ) -> Result<ResultSet> {
        check_required(d, &sets)?;
        let count = sets.len();
        let mut n = 0;
        let mut last = None;
        for set in sets {
            let mut row = d.rows.first().cloned().unwrap_or_default();
            row.retain(|(i, _)| !set.values.iter().any(|(j, _)| j == i));
            row.extend(set.values);
            let rs = with_params(set.binds, || self.update_rows(d, &row, sync))?;
            n += rs.rowcount;
            last = Some(rs);
        }
        match last {
            Some(rs) if count == 1 => Ok(rs),
            _ => Ok(ResultSet::no_rows(n)),
        }
    }

    /// A DELETE run once per parameter set, its keys the values of the
    /// statement's named parameters (a DELETE has no column values).
    pub(super) fn delete_each(
        &mut self,
        d: &Dml,
        sets: Vec<ParamSet>,
        sync: SyncSession,
    ) -> Result<ResultSet> {
        check_required(d, &sets)?;
        let (mut n, mut rows) = (0, Vec::new());
        for set in sets {
            let (k, r) = with_params(set.binds, || {
                self.session.bulk_delete_returning(
                    &d.model,
                    &d.where_,
                    sync,
                    &d.returning_columns(),
                    &d.prefixes,
                )
            })?;
            n += k;
            rows.extend(r);
        }
        self.returned(d, n, rows)
    }
}
