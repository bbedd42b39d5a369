//! What the methods of `db` and `db.session` take, checked before they
//! act: a model instance (anything else is SQLAlchemy's
//! `UnmappedInstanceError`), a model, a query, the entities of a query.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::args::Args;
use crate::orm::expr::ColumnElement;
use crate::orm::instance::Instance;
use crate::orm::query::{Entity, Query};
use crate::schema::model::Model;
use crate::value::Value;

pub(crate) fn instance_arg(a: &Args, i: usize) -> Result<Rc<Instance>> {
    if let Some(m) = a.pos.get(i).and_then(|v| v.downcast::<Model>()) {
        return Err(Error::new(
            ErrorKind::UnmappedInstanceError,
            format!(
                "{}() takes an instance; this is the model {} itself",
                a.name, m.name
            ),
        )
        .with_help(format!(
            "make one first: {}({}=…)",
            m.name,
            m.columns
                .iter()
                .find(|c| !c.primary_key)
                .map_or("id", |c| &*c.attr)
        ))
        .at(a.span_of(i)));
    }
    let inst = a
        .pos
        .get(i)
        .and_then(|v| v.downcast::<Instance>())
        .ok_or_else(|| unmapped(&format!("{}()", a.name), a.pos.get(i)).at(a.span_of(i)))?;
    crate::orm::retire::check_object(&inst).map_err(|e| e.at(a.span_of(i)))?;
    Ok(inst)
}

/// SQLAlchemy's `UnmappedInstanceError`: the session was given something
/// that is not an instance of a model (`None`, a number, a list…); `what`
/// names the call (`add()`).
pub(crate) fn unmapped(what: &str, v: Option<&Value>) -> Error {
    let got = match v {
        None => "nothing".to_string(),
        Some(Value::None) => "None".to_string(),
        Some(v) => format!("a {}", v.type_name()),
    };
    let e = Error::new(
        ErrorKind::UnmappedInstanceError,
        format!("{what} takes a model instance, got {got}"),
    );
    match v {
        Some(Value::None) => e.with_help(
            "the value is None: a query's first() or db.session.get() that found no row gives None",
        ),
        Some(Value::List(_) | Value::Tuple(_)) if what == "add()" => {
            e.with_help("db.session.add_all([...]) adds several objects")
        }
        _ => e.with_help("give an object made from a model, like User(name='a')"),
    }
}

pub(crate) fn model_arg(a: &Args, i: usize) -> Result<Rc<Model>> {
    let m = a
        .pos
        .get(i)
        .and_then(|v| v.downcast::<Model>())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::ArgumentError,
                format!("{}() takes a model as argument {}", a.name, i + 1),
            )
            .at(a.span_of(i))
        })?;
    crate::orm::retire::check_model(&m).map_err(|e| e.at(a.span_of(i)))?;
    Ok(m)
}

/// The entity of `session.get(entity, ident)` and `get_or_404`: a model.
/// Anything else is what SQLAlchemy's `inspect(entity)` refuses,
/// `NoInspectionAvailable` (a model's name as a string included).
pub(crate) fn entity_arg(a: &Args, i: usize) -> Result<Rc<Model>> {
    match a.pos.get(i) {
        Some(v) if v.downcast::<Model>().is_none() => {
            let e = Error::new(
                ErrorKind::NoInspectionAvailable,
                format!(
                    "No inspection system is available for object of type <class '{}'>",
                    v.type_name()
                ),
            );
            let e = match v {
                Value::Str(s) => e.with_help(format!(
                    "give the model class itself, not its name: {s}, not '{s}'"
                )),
                _ => e.with_help(format!("give a model class: {}(User, 1)", a.name)),
            };
            Err(e.at(a.span_of(i)))
        }
        _ => model_arg(a, i),
    }
}

pub(crate) fn query_arg(a: &Args, i: usize) -> Result<Rc<Query>> {
    let q = any_query_arg(a, i)?;
    not_legacy(&q).map_err(|e| e.at(a.span_of(i)))?;
    Ok(q)
}

/// A legacy `Query` (`Model.query`, `db.session.query(...)`) is no
/// statement: SQLAlchemy's `ObjectNotExecutableError` where one is
/// executed (`session.execute`, `db.paginate`).
pub(crate) fn not_legacy(q: &Query) -> Result<()> {
    if !q.legacy {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::ObjectNotExecutableError,
        "Not an executable object: <flask_sqlalchemy.query.Query object>",
    )
    .with_help("give a 2.0 statement, e.g. db.select(User), or call .paginate() on the query"))
}

/// The `Query` or `Select` argument at `i`.
fn any_query_arg(a: &Args, i: usize) -> Result<Rc<Query>> {
    a.pos
        .get(i)
        .and_then(|v| v.downcast::<Query>())
        .ok_or_else(|| {
            Error::new(
                ErrorKind::ArgumentError,
                format!("{}() takes a query such as db.select(User)", a.name),
            )
            .at(a.span_of(i))
        })
}

/// Query entities from arguments: models and column expressions.
pub(crate) fn entities(a: &Args) -> Result<Vec<Entity>> {
    let mut out = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        if let Some(sq) = v.downcast::<crate::orm::selectable::Selectable>() {
            sq.check_columns().map_err(|e| e.at(a.span_of(i)))?;
        }
        match crate::eval::aliased::entities_of(v) {
            Some(ents) => out.extend(ents),
            None => out.push(entity(a, i, v)?),
        }
    }
    Ok(out)
}

/// One model or column expression of a query's entities.
fn entity(a: &Args, i: usize, v: &Value) -> Result<Entity> {
    {
        {
            if let Some(m) = v.downcast::<Model>() {
                crate::orm::retire::check_model(&m).map_err(|e| e.at(a.span_of(i)))?;
                Ok(Entity::Model(m))
            } else if let Some(s) = v.downcast::<ColumnElement>() {
                Ok(Entity::Expr(s))
            } else if let Some(r) = v.downcast::<crate::eval::rel_ops::RelAttr>() {
                let e =
                    crate::eval::rel_entity::rel_entity(&r.0).map_err(|e| e.at(a.span_of(i)))?;
                Ok(Entity::Expr(std::rc::Rc::new(e)))
            } else if let Some(text) = number_text(v) {
                // SQLAlchemy's `_text_coercion` of a number in a columns
                // clause: `literal_column(str(n))`, untyped (`select(1.5)`).
                Ok(Entity::Expr(std::rc::Rc::new(
                    crate::orm::constructs::literal_column(&text, None),
                )))
            } else if let Value::Bool(b) = v {
                Ok(Entity::Expr(std::rc::Rc::new(
                    crate::orm::constructs::boolean(*b),
                )))
            } else if matches!(v, Value::None) {
                Ok(Entity::Expr(std::rc::Rc::new(
                    crate::orm::constructs::null(),
                )))
            } else {
                Err(Error::new(
                    ErrorKind::ArgumentError,
                    format!("a query selects models or columns, not a {}", v.type_name()),
                )
                .at(a.span_of(i)))
            }
        }
    }
}

/// A Python int or float as `str()` writes it, for the columns clause.
fn number_text(v: &Value) -> Option<String> {
    match v {
        Value::Int(n) => Some(n.to_string()),
        Value::Float(f) => Some(crate::value::repr::float_repr(*f)),
        _ => None,
    }
}

/// `SQLAlchemy(session_options={...})`: the session's `expire_on_commit`
/// and `autoflush` as given (SQLAlchemy's `sessionmaker(**options)`);
/// other keys are noted and left as they are.
pub(crate) fn session_options(me: &mut crate::eval::Interp, opts: &Value) -> Result<()> {
    let Value::Dict(d) = opts else {
        return Err(Error::type_(format!(
            "session_options must be a dict, not {}",
            opts.type_name()
        ))
        .with_help("SQLAlchemy(app, session_options={'expire_on_commit': False})"));
    };
    let entries: Vec<(Value, Value)> = d
        .borrow()
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (k, v) in entries {
        match k.as_str() {
            Some("expire_on_commit") => me.session.expire_on_commit = v.truthy(),
            Some("autoflush") => me.session.autoflush = v,
            _ => {
                let key = me.repr_value(&k)?;
                me.session.warnings.push(format!(
                    "note: session_options key {key} is ignored: ormsh's session takes expire_on_commit and autoflush"
                ));
            }
        }
    }
    Ok(())
}
