//! `MetaData(naming_convention={...})` (SQLAlchemy's `schema.MetaData`),
//! given to `SQLAlchemy(metadata=...)` or as a declarative base's
//! `metadata = MetaData(...)` under `SQLAlchemy(model_class=Base)`: its
//! naming convention (`schema::naming_convention`) becomes the
//! registry's, which each table defined after takes with it
//! (`TableArgs::naming`) and its DDL is named by. Its names are worked out
//! when a table is defined, so a template SQLAlchemy cannot fill fails
//! there (`named_args`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{Namespace, Ns};
use crate::schema::column::Column;
use crate::schema::constraint::TableArgs;
use crate::schema::ddl_names::{Failure, names};
use crate::schema::naming_convention::{NamingConvention, NamingError};
use crate::value::{Object, Value};

/// A `MetaData(...)` made in the session, not yet `db`'s.
pub struct MetaDataSpec {
    /// `None`: SQLAlchemy's default convention (`ix_%(column_0_label)s`).
    pub naming: Option<Rc<NamingConvention>>,
    /// The `naming_convention` dict as given.
    pub convention: Value,
}

impl Object for MetaDataSpec {
    fn type_name(&self) -> &str {
        "MetaData"
    }
}

/// `MetaData(schema=None, quote_schema=None, naming_convention=None,
/// info=None)`: SQLAlchemy's `MetaData.__init__`.
pub fn metadata(_: &mut Interp, mut a: Args) -> Result<Value> {
    let convention = a.take_kw("naming_convention").unwrap_or(Value::None);
    for (k, v, span) in std::mem::take(&mut a.kw) {
        match &*k {
            "info" => {}
            "schema" | "quote_schema" if matches!(v, Value::None) => {}
            "schema" | "quote_schema" => {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    format!("MetaData({k}=...) is not supported by ormsh: SQLite has one schema per database file"),
                )
                .at(span)
                .with_help("leave it out: MetaData(naming_convention={...})"));
            }
            _ => {
                return Err(Error::type_(format!(
                    "MetaData.__init__() got an unexpected keyword argument '{k}'"
                ))
                .at(span)
                .with_help(
                    "MetaData takes naming_convention= (ormsh's other MetaData keywords: info=)",
                ));
            }
        }
    }
    a.count(0, 0)?;
    let naming = convention_of(&convention)?;
    let convention = match convention {
        Value::None => crate::eval::metadata_naming::default_convention()?,
        v => v,
    };
    Ok(Value::obj(MetaDataSpec { naming, convention }))
}

/// The convention of a `naming_convention` value: `None` or an empty
/// dict is SQLAlchemy's default; a dict of the kinds' keys to templates.
pub fn convention_of(v: &Value) -> Result<Option<Rc<NamingConvention>>> {
    let Value::Dict(d) = v else {
        if matches!(v, Value::None) {
            return Ok(None);
        }
        return Err(Error::type_(format!(
            "naming_convention must be a dict, not {}",
            v.type_name()
        ))
        .with_help("MetaData(naming_convention={'pk': 'pk_%(table_name)s'})"));
    };
    let mut entries = Vec::new();
    for (k, t) in d.borrow().iter() {
        let (Value::Str(k), Value::Str(t)) = (k, t) else {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                "naming_convention with keys or templates that are not strings (constraint classes, token functions) is not supported by ormsh",
            )
            .with_help("key each template by 'pk', 'uq', 'ck', 'fk' or 'ix': {'uq': 'uq_%(table_name)s_%(column_0_name)s'}"));
        };
        entries.push((k.to_string(), Rc::from(&**t)));
    }
    if entries.is_empty() {
        return Ok(None);
    }
    NamingConvention::new(entries)
        .map(|c| Some(Rc::new(c)))
        .map_err(|why| {
            Error::new(ErrorKind::NotImplementedError, why)
                .with_help("key each template by 'pk', 'uq', 'ck', 'fk' or 'ix'")
        })
}

/// A declarative base's `metadata = ...`: a `MetaData(...)` (or `db`'s).
pub fn check_metadata(v: &Value) -> Result<()> {
    if v.is::<MetaDataSpec>() || is_db_metadata(v) {
        return Ok(());
    }
    Err(Error::type_(format!(
        "metadata must be a MetaData, not {}",
        v.type_name()
    ))
    .with_help("metadata = MetaData(naming_convention={...})"))
}

fn is_db_metadata(v: &Value) -> bool {
    v.downcast::<Namespace>()
        .is_some_and(|n| n.0 == Ns::Metadata)
}

/// `SQLAlchemy(metadata=md)` (or a base's `metadata`): the tables defined
/// from now on are named by `md`'s convention. `None` (a new `db` with
/// its own `MetaData()`) is SQLAlchemy's default convention.
pub fn use_metadata(me: &mut Interp, v: Option<&Value>) -> Result<()> {
    match v {
        None | Some(Value::None) => {
            me.registry.naming = None;
            me.registry.naming_dict = None;
        }
        Some(v) if is_db_metadata(v) => {}
        Some(v) => {
            check_metadata(v)?;
            if let Some(md) = v.downcast::<MetaDataSpec>() {
                me.registry.naming = md.naming.clone();
                // The dict given, which keys set later change.
                me.registry.naming_dict = (md.naming.is_some()).then(|| md.convention.clone());
            }
        }
    }
    Ok(())
}

/// The table arguments of a table defined now: the registry's naming
/// convention with them, its names worked out over `cols` so that a
/// template SQLAlchemy cannot fill fails here, as SQLAlchemy's fails
/// when the constraint joins the table.
pub fn named_args(
    me: &mut Interp,
    mut args: TableArgs,
    table: &str,
    cols: &[Column],
) -> Result<TableArgs> {
    me.registry.naming = crate::eval::metadata_naming::current(me)?;
    let Some(conv) = me.registry.naming.clone() else {
        return Ok(args);
    };
    args.naming = Some(conv.clone());
    let cols: Vec<Column> = (cols.iter())
        .filter(|c| c.expression.is_none())
        .cloned()
        .collect();
    match names(&conv, table, &cols, &args) {
        Ok(_) => Ok(args),
        Err(Failure::Naming(e @ NamingError::Unnamed)) => {
            Err(Error::new(ErrorKind::InvalidRequestError, e.message())
                .with_help("name the constraint: db.CheckConstraint('x > 0', name='x_positive')"))
        }
        Err(Failure::Naming(NamingError::UnknownToken(t))) => Err(crate::value::exc_args::key_error(
            Value::str(&t),
            format!("'{t}'"),
        )
        .with_help("the tokens are table_name, column_0_name (_key, _label, column_0N_name, column_0_N_name), referred_table_name, referred_column_0_name and constraint_name")),
    }
}

/// `MetaData(...)`'s members.
pub static METADATA_SPEC: crate::eval::surface::Class<Rc<MetaDataSpec>> =
    crate::eval::surface::Class::new(
        "MetaData",
        &[crate::eval::surface::Member::attr(
            "naming_convention",
            |_, m| Ok(m.convention.clone()),
            "the naming_convention dict: the names of the tables' unnamed constraints and indexes",
        )],
    );
