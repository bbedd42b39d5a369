//! `db.insert(User)`, `db.update(User)`, `db.delete(User)` — SQLAlchemy's
//! 2.0 `Insert`, `Update` and `Delete` of one model — and their builder
//! methods (`values`, `where`/`filter`/`filter_by`, `returning`,
//! `execution_options`). Each method returns a new statement; the
//! statement runs through `db.session.execute` (`eval::dml_exec`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::core_table;
use crate::eval::session_args::model_arg;
use crate::eval::surface::{Class, Member, Returns, Sig};
use crate::orm::bulk::SyncSession;
use crate::orm::dml::{Dml, DmlKind, Returned};
use crate::orm::expr::{ColumnElement, compare, where_clause_of};
use crate::schema::model::Model;
use crate::sql::ast::BinaryOp;
use crate::value::Value;
use crate::value::repr::repr;

type R = Rc<Dml>;

fn make(me: &mut Interp, a: Args, kind: DmlKind) -> Result<Value> {
    a.no_more_kw()?;
    a.count(1, 1)?;
    if let Some(t) = a.pos.first().and_then(core_table::table_of) {
        return Ok(core_table::dml_of_table(me, &t, kind));
    }
    let model = model_arg(&a, 0)?;
    Ok(Value::obj(Dml::new(kind, model)))
}

/// `insert(User)` / `insert(table)`: SQLAlchemy's `sql.expression.insert`.
pub fn insert(me: &mut Interp, a: Args) -> Result<Value> {
    make(me, a, DmlKind::Insert)
}

/// `update(User)` / `update(table)`: SQLAlchemy's `sql.expression.update`.
pub fn update(me: &mut Interp, a: Args) -> Result<Value> {
    make(me, a, DmlKind::Update)
}

/// `delete(User)` / `delete(table)`: SQLAlchemy's `sql.expression.delete`.
pub fn delete(me: &mut Interp, a: Args) -> Result<Value> {
    make(me, a, DmlKind::Delete)
}

/// The column of `model` a `.values()` key names: an attribute name or a
/// mapped column; anything else is SQLAlchemy's `CompileError`.
fn column_of(me: &mut Interp, model: &Rc<Model>, key: &Value) -> Result<usize> {
    let found = match key {
        // A hybrid property whose SQL is one of the model's columns sets
        // that column (SQLAlchemy's `_bulk_update_tuples`).
        Value::Str(s) => match model.column(s) {
            Some(i) => Some(i),
            None => crate::eval::hybrid::class_expr(me, model, s)?
                .and_then(|c| core_table::is_column_of(&c, model)),
        },
        other => other
            .downcast::<ColumnElement>()
            .and_then(|c| core_table::is_column_of(&c, model)),
    };
    found.ok_or_else(|| {
        Error::new(
            ErrorKind::CompileError,
            format!(
                "Unconsumed column names: {}",
                repr(key, me).unwrap_or_default()
            ),
        )
        .with_help(format!(
            "{}'s columns are: {}",
            model.name,
            model
                .columns
                .iter()
                .map(|c| &*c.attr)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

/// One row of values from a dict (`{'name': 'x'}` or `{User.name: 'x'}`).
fn row_of_dict(me: &mut Interp, model: &Rc<Model>, d: &Value) -> Result<Vec<(usize, Value)>> {
    let Value::Dict(d) = d else {
        return Err(Error::type_(format!(
            "values() takes keyword arguments, a dict or a list of dicts, not {}",
            d.type_name()
        )));
    };
    let items: Vec<(Value, Value)> = d
        .borrow()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let mut row = Vec::with_capacity(items.len());
    for (k, v) in items {
        let i = column_of(me, model, &k)?;
        put(&mut row, i, v);
    }
    Ok(row)
}

/// Set column `i` in a row, replacing a value given before.
fn put(row: &mut Vec<(usize, Value)>, i: usize, v: Value) {
    match row.iter_mut().find(|(j, _)| *j == i) {
        Some(slot) => slot.1 = v,
        None => row.push((i, v)),
    }
}

/// `values(**kw)`, `values({...})` or (INSERT) `values([{...}, ...])`.
fn values(me: &mut Interp, s: &R, mut a: Args) -> Result<Value> {
    let kw = std::mem::take(&mut a.kw);
    a.count(0, 1)?;
    if !a.pos.is_empty() && !kw.is_empty() {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            "Can't pass positional and kwargs to values() simultaneously",
        )
        .with_help("give the values one way: values(name='x') or values({'name': 'x'})"));
    }
    if s.from_select.is_some() {
        return Err(Error::new(
            ErrorKind::InvalidRequestError,
            "This construct already inserts from a SELECT",
        )
        .with_help("give the rows one way: values(...) or from_select(...)"));
    }
    let mut new = (**s).clone();
    let model = s.model.clone();
    let many = match a.pos.first() {
        Some(Value::List(l)) => Some(l.borrow().clone()),
        Some(Value::Tuple(t)) => Some(t.to_vec()),
        _ => None,
    };
    if let Some(items) = many {
        if s.kind != DmlKind::Insert {
            return Err(Error::new(
                ErrorKind::InvalidRequestError,
                "UPDATE construct does not support multiple parameter sets.",
            )
            .at(a.span_of(0))
            .with_help("give one set of values; to update rows by primary key, pass a list of dicts to db.session.execute(db.update(User), [...])"));
        }
        if !new.rows.is_empty() && !new.multi {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                "Can't mix single and multiple VALUES formats in one INSERT statement; one style appends to a list while the other replaces values, so the result is ambiguous.",
            ));
        }
        for item in &items {
            let row = row_of_dict(me, &model, item).map_err(|e| e.at(a.span_of(0)))?;
            new.rows.push(row);
        }
        new.multi = true;
        return Ok(Value::obj(new));
    }
    if new.multi {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            "Can't mix single and multiple VALUES formats in one INSERT statement; one style appends to a list while the other replaces values, so the result is ambiguous.",
        ));
    }
    let mut row = new.rows.pop().unwrap_or_default();
    if let Some(d) = a.pos.first() {
        for (i, v) in row_of_dict(me, &model, d).map_err(|e| e.at(a.span_of(0)))? {
            put(&mut row, i, v);
        }
    }
    for (k, v, span) in kw {
        let i = column_of(me, &model, &Value::str(&k)).map_err(|e| e.at(span))?;
        put(&mut row, i, v);
    }
    new.rows.push(row);
    Ok(Value::obj(new))
}

/// `where(*criteria)` / `filter(*criteria)`.
fn where_(_: &mut Interp, s: &R, a: Args) -> Result<Value> {
    let mut new = (**s).clone();
    for (i, v) in a.pos.iter().enumerate() {
        new.where_
            .push(where_clause_of(v).map_err(|e| e.at(a.span_of(i)))?);
        if let Some(c) = v.downcast::<ColumnElement>() {
            for f in &c.froms {
                if !new.froms.contains(f) {
                    new.froms.push(f.clone());
                }
            }
        }
    }
    Ok(Value::obj(new))
}

/// `filter_by(**kw)`: each column of the model equal to its value.
fn filter_by(me: &mut Interp, s: &R, mut a: Args) -> Result<Value> {
    let kw = std::mem::take(&mut a.kw);
    a.count(0, 0)?;
    let mut new = (**s).clone();
    for (k, v, span) in kw {
        // A column, else a hybrid property's class-level SQL.
        let col = match s.model.column(&k) {
            Some(i) => ColumnElement::column(&s.model, i),
            None => match crate::eval::hybrid::class_expr(me, &s.model, &k)? {
                Some(c) => (*c).clone(),
                None => {
                    return Err(Error::new(
                        ErrorKind::InvalidRequestError,
                        format!(
                            "Entity namespace for \"{}\" has no property \"{k}\"",
                            s.model.table
                        ),
                    )
                    .at(span));
                }
            },
        };
        let c = compare(&col, BinaryOp::Eq, &v).map_err(|e| e.at(span))?;
        new.where_.push(c.expr);
    }
    Ok(Value::obj(new))
}

/// `returning(*cols)`: the model itself or its mapped columns.
fn returning(_: &mut Interp, s: &R, a: Args) -> Result<Value> {
    let mut new = (**s).clone();
    for (n, v) in a.pos.iter().enumerate() {
        if let Some(m) = v.downcast::<Model>()
            && m.id == s.model.id
        {
            new.returning.push(Returned::Model(m));
            continue;
        }
        let col = v.downcast::<ColumnElement>();
        let own = (col.as_ref()).and_then(|c| core_table::is_column_of(c, &s.model));
        match (col, own) {
            (Some(c), Some(i)) => new
                .returning
                .push(Returned::Column(Box::new((*c).clone()), i)),
            _ => {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "returning() of {} is not supported: ormsh returns {}'s own columns or the model itself",
                        v.type_name(),
                        s.model.name
                    ),
                )
                .at(a.span_of(n))
                .with_help(format!(
                    "name them: .returning({0}.id) or .returning({0})",
                    s.model.name
                )));
            }
        }
    }
    Ok(Value::obj(new))
}

/// `execution_options(synchronize_session=...)`.
fn execution_options(_: &mut Interp, s: &R, mut a: Args) -> Result<Value> {
    let sync = a.take_kw("synchronize_session");
    a.count(0, 0)?;
    let mut new = (**s).clone();
    if let Some(v) = sync {
        new.sync = Some(SyncSession::from_value(Some(&v))?);
    }
    Ok(Value::obj(new))
}

const VALUES: Member<R> = Member::method(
    "values",
    values,
    Sig {
        kw: &[],
        ignored: &[],
        any_kw: true,
    },
    "the values to write: values(name='x'), values({...}), or (INSERT) a list of dicts",
);
const RETURNING: Member<R> = Member::method(
    "returning",
    returning,
    Sig::NONE,
    "the columns (or the model) each changed row gives back",
);
const OPTIONS: Member<R> = Member::method(
    "execution_options",
    execution_options,
    Sig::kw(&["synchronize_session"]),
    "how the session's objects follow: synchronize_session='auto'|'evaluate'|'fetch'|False",
);
const WHERE: Member<R> = Member::method(
    "where",
    where_,
    Sig::NONE,
    "the rows it changes: where(User.id == 1)",
);
const FILTER: Member<R> = Member::method("filter", where_, Sig::NONE, "the same as where()");
const FILTER_BY: Member<R> = Member::method(
    "filter_by",
    filter_by,
    Sig {
        kw: &[],
        ignored: &[],
        any_kw: true,
    },
    "the rows whose columns equal these values: filter_by(name='x')",
);

const FROM_SELECT: Member<R> = Member::method(
    "from_select",
    crate::eval::dml_from_select::from_select,
    Sig::kw(&["include_defaults"]),
    "INSERT … SELECT: from_select(['title', 'user_id'], db.select(User.name, User.id))",
);

/// `db.insert(User)`'s members (SQLAlchemy's `Insert`).
pub static INSERT: Class<R> = Class::new(
    "Insert",
    &[
        VALUES,
        FROM_SELECT,
        RETURNING,
        OPTIONS,
        super::prefix_with::INSERT_PREFIX_WITH,
    ],
)
.with_results(&[
    ("prefix_with", Returns::Class(&INSERT)),
    ("values", Returns::Class(&INSERT)),
    ("from_select", Returns::Class(&INSERT)),
    ("returning", Returns::Class(&INSERT)),
    ("execution_options", Returns::Class(&INSERT)),
])
.with_missing(super::dml_refused::missing);

/// `db.update(User)`'s members (SQLAlchemy's `Update`).
pub static UPDATE: Class<R> = Class::new(
    "Update",
    &[
        WHERE,
        FILTER,
        FILTER_BY,
        VALUES,
        RETURNING,
        OPTIONS,
        super::prefix_with::DML_PREFIX_WITH,
    ],
)
.with_results(&[
    ("prefix_with", Returns::Class(&UPDATE)),
    ("where", Returns::Class(&UPDATE)),
    ("filter", Returns::Class(&UPDATE)),
    ("filter_by", Returns::Class(&UPDATE)),
    ("values", Returns::Class(&UPDATE)),
    ("returning", Returns::Class(&UPDATE)),
    ("execution_options", Returns::Class(&UPDATE)),
])
.with_missing(super::dml_refused::missing);

/// `db.delete(User)`'s members (SQLAlchemy's `Delete`).
pub static DELETE: Class<R> = Class::new(
    "Delete",
    &[
        WHERE,
        FILTER,
        FILTER_BY,
        RETURNING,
        OPTIONS,
        super::prefix_with::DML_PREFIX_WITH,
    ],
)
.with_results(&[
    ("prefix_with", Returns::Class(&DELETE)),
    ("where", Returns::Class(&DELETE)),
    ("filter", Returns::Class(&DELETE)),
    ("filter_by", Returns::Class(&DELETE)),
    ("returning", Returns::Class(&DELETE)),
    ("execution_options", Returns::Class(&DELETE)),
])
.with_missing(super::dml_refused::missing);

/// `execute(..., execution_options={...})`: the `synchronize_session`
/// it names (the only option ormsh reads; any other is refused, saying so).
pub(crate) fn sync_option(options: Option<&Value>) -> Result<Option<SyncSession>> {
    let Some(options) = options else {
        return Ok(None);
    };
    let Value::Dict(d) = options else {
        return Err(Error::type_(format!(
            "execution_options must be a dict, not {}",
            options.type_name()
        )));
    };
    let mut sync = None;
    for (k, v) in d.borrow().iter() {
        match k {
            Value::Str(s) if s.as_str() == "synchronize_session" => {
                sync = Some(SyncSession::from_value(Some(v))?);
            }
            // Read for queries by `query_populate::populate_option`.
            Value::Str(s) if s.as_str() == "populate_existing" => {}
            other => {
                let name = match other {
                    Value::Str(s) => format!("'{s}'"),
                    v => format!("of type {}", v.type_name()),
                };
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "the execution option {name} is not supported: ormsh reads only synchronize_session"
                    ),
                ));
            }
        }
    }
    Ok(sync)
}
