//! The column types of a model (`db.Integer`, `db.String(80)`,
//! `db.Numeric(10, 2)`, `db.Enum('a', 'b')`, …) and their constructors'
//! arguments, positional and keyword, as SQLAlchemy's type signatures take
//! them.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::model_def::str_kw;
use crate::eval::objects::TypeSpec;
use crate::eval::surface::Sig;
use crate::schema::sql_types::{SQL_TYPE_CLASSES, sql_type_class};
use crate::schema::types::{ColumnType, NumericType, TypeOptions};
use crate::value::Value;

/// The keywords each type takes, as SQLAlchemy's type constructors do:
/// used, or accepted and ignored with the reason (`Args::bind`).
fn type_sig(ty: &ColumnType) -> Sig {
    match ty {
        ColumnType::String(_)
        | ColumnType::Unicode(_)
        | ColumnType::Text
        | ColumnType::UnicodeText => Sig::kw(&["length", "collation"]),
        ColumnType::Numeric(_) => {
            Sig::kw(&["precision", "scale", "asdecimal", "decimal_return_scale"])
        }
        // `precision=`: FLOAT(N) on PostgreSQL; SQLAlchemy writes FLOAT for
        // SQLite whatever it is.
        ColumnType::Float => Sig::kw(&["precision", "asdecimal", "decimal_return_scale"]),
        ColumnType::Uuid => Sig::kw(&["as_uuid"]),
        ColumnType::Enum(_) => Sig {
            kw: &[
                "name",
                "create_constraint",
                "length",
                "values_callable",
                "validate_strings",
            ],
            ignored: &[(
                "native_enum",
                "SQLite has no ENUM type: SQLAlchemy writes VARCHAR either way",
            )],
            any_kw: false,
        },
        ColumnType::Boolean => Sig::kw(&["name", "create_constraint"]),
        ColumnType::DateTime | ColumnType::Time => Sig::kw(&["timezone"]),
        ColumnType::Json => Sig::kw(&["none_as_null"]),
        ColumnType::LargeBinary => Sig::kw(&["length"]),
        _ => Sig::NONE,
    }
}

/// The parameters a type's constructor takes by position, in the order of
/// SQLAlchemy's signatures (`String(length=None, collation=None)`,
/// `Float(precision=None, asdecimal=False, decimal_return_scale=None)`, …);
/// an Enum's positional arguments are its values.
fn type_params(ty: &ColumnType) -> &'static [&'static str] {
    match ty {
        ColumnType::String(_)
        | ColumnType::Unicode(_)
        | ColumnType::Text
        | ColumnType::UnicodeText => &["length", "collation"],
        ColumnType::Numeric(n) if n.sql_name == "FLOAT" => {
            &["precision", "asdecimal", "decimal_return_scale"]
        }
        ColumnType::Numeric(_) => &["precision", "scale", "decimal_return_scale", "asdecimal"],
        ColumnType::Float => &["precision", "asdecimal", "decimal_return_scale"],
        ColumnType::Boolean => &["create_constraint", "name"],
        ColumnType::DateTime | ColumnType::Time => &["timezone"],
        ColumnType::Json => &["none_as_null"],
        ColumnType::LargeBinary => &["length"],
        ColumnType::Uuid => &["as_uuid"],
        _ => &[],
    }
}

/// Positional type arguments as the keywords they stand for (`Float(10)`
/// is `Float(precision=10)`), so `type_sig` checks them all; too many, or
/// one given both ways, is Python's TypeError.
fn positional_as_keywords(ty: &ColumnType, name: &str, a: &mut Args) -> Result<()> {
    let params = type_params(ty);
    if params.is_empty() {
        return Ok(());
    }
    if a.pos.len() > params.len() {
        return Err(Error::type_(format!(
            "{name}.__init__() takes from 1 to {} positional arguments but {} were given",
            params.len() + 1,
            a.pos.len() + 1
        ))
        .at(a.span_of(params.len()))
        .with_help(format!("{name}({})", params.join(", "))));
    }
    let pos = std::mem::take(&mut a.pos);
    let spans = std::mem::take(&mut a.pos_spans);
    for ((v, span), param) in pos.into_iter().zip(spans).zip(params) {
        if let Some((_, _, at)) = a.kw.iter().find(|(k, _, _)| &**k == *param) {
            return Err(Error::type_(format!(
                "{name}.__init__() got multiple values for argument '{param}'"
            ))
            .at(*at)
            .with_help(format!("give {param} once, by position or as {param}=")));
        }
        a.kw.push((Rc::from(*param), v, span));
    }
    Ok(())
}

/// A positive length (`String(80)`, `Text(length=200)`).
fn length(v: Option<Value>, what: &str) -> Result<Option<u32>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v) => Ok(Some(
            v.as_i64()
                .filter(|n| *n > 0 && *n < u32::MAX as i64)
                .ok_or_else(|| {
                    Error::type_(format!(
                        "{what} length must be a positive whole number, not {}",
                        v.type_name()
                    ))
                })? as u32,
        )),
    }
}

/// `db.String(80)`, `db.Numeric(10, 2)`, `db.Enum('a', 'b')`, with the
/// keywords `type_sig` lists.
pub fn parametrise_type(me: &mut Interp, t: &TypeSpec, mut a: Args) -> Result<Value> {
    let name = t.opts.class.unwrap_or(t.ty.name());
    if !t.bare {
        return Err(Error::type_(format!(
            "'{name}' type object is not callable"
        )));
    }
    let enum_kw = match t.ty {
        ColumnType::Enum(_) => crate::eval::enum_type::take_enum_keywords(me, &mut a)?,
        _ => Default::default(),
    };
    positional_as_keywords(&t.ty, name, &mut a)?;
    let shown = crate::eval::type_repr::shown_arguments(&t.ty, &a.kw);
    a.bind(name, &type_sig(&t.ty))?;
    let mut opts = TypeOptions {
        shown,
        class: t.opts.class,
        collation: str_kw(&mut a, "collation")?,
        none_as_null: a.take_kw("none_as_null").is_some_and(|v| v.truthy()),
        timezone: a.take_kw("timezone").is_some_and(|v| v.truthy()),
        ..TypeOptions::default()
    };
    let constraint_name = str_kw(&mut a, "name")?;
    if a.take_kw("create_constraint").is_some_and(|v| v.truthy()) {
        opts.check = Some(constraint_name.clone());
    }
    let ty = match &t.ty {
        ColumnType::String(_) | ColumnType::Unicode(_) => {
            let n = length(a.arg(0, "length"), "String")?;
            a.count(0, 1)?;
            if matches!(t.ty, ColumnType::String(_)) {
                ColumnType::String(n)
            } else {
                ColumnType::Unicode(n)
            }
        }
        ColumnType::Text | ColumnType::UnicodeText => {
            opts.length = length(a.arg(0, "length"), "Text")?;
            a.count(0, 1)?;
            t.ty.clone()
        }
        ColumnType::Numeric(n) => ColumnType::Numeric(NumericType {
            precision: digits_kw(&mut a, "precision")?,
            scale: digits_kw(&mut a, "scale")?,
            // `Double` reads floats unless asked; `Numeric` Decimals.
            asdecimal: a.take_kw("asdecimal").map_or(n.asdecimal, |v| v.truthy()),
            return_scale: digits_kw(&mut a, "decimal_return_scale")?,
            ..n.clone()
        }),
        ColumnType::Enum(_)
            if let Some(ev) = a.pos.first().and_then(crate::eval::enum_type::values_of) =>
        {
            opts.length = length(a.take_kw("length"), "Enum")?;
            a.count(1, 1)?;
            if let Some(named) = crate::eval::enum_type::default_name(&ev)
                && !opts.shown.iter().any(|(k, _)| **k == *"name")
            {
                opts.shown.insert(0, named);
            }
            let mut ev = enum_kw.apply(ev)?;
            ev.name = constraint_name.clone().map(|n| Rc::from(&*n));
            crate::eval::enum_type::check_length(opts.length, &ev)?;
            ColumnType::Enum(ev)
        }
        ColumnType::Enum(_) => {
            opts.length = length(a.take_kw("length"), "Enum")?;
            let values = (0..a.len())
                .map(|i| {
                    a.str(i).map_err(|e| {
                        e.with_help(
                            "db.Enum takes its values as strings, db.Enum('draft', 'published'), \
                             or a Python enum class: db.Enum(Status)",
                        )
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            if values.is_empty() {
                return Err(Error::type_(
                    "Enum needs its values, like db.Enum('draft', 'published')",
                ));
            }
            let mut ev = enum_kw.apply(values.into())?;
            ev.name = constraint_name.clone().map(|n| Rc::from(&*n));
            crate::eval::enum_type::check_length(opts.length, &ev)?;
            ColumnType::Enum(ev)
        }
        ColumnType::LargeBinary => {
            // Checked, then left out: SQLAlchemy writes BLOB for SQLite
            // whatever the length.
            length(a.arg(0, "length"), "LargeBinary")?;
            a.count(0, 1)?;
            ColumnType::LargeBinary
        }
        ColumnType::Float => {
            let return_scale = digits_kw(&mut a, "decimal_return_scale")?;
            opts.precision = digits_kw(&mut a, "precision")?;
            if a.take_kw("asdecimal").is_some_and(|v| v.truthy()) {
                // SQLAlchemy's Float is a Numeric that reads floats unless
                // asked for Decimals.
                ColumnType::Numeric(NumericType {
                    sql_name: "FLOAT",
                    precision: opts.precision,
                    return_scale,
                    ..NumericType::PLAIN
                })
            } else {
                ColumnType::Float
            }
        }
        ColumnType::Uuid => {
            if a.take_kw("as_uuid").is_some_and(|v| !v.truthy()) {
                return Err(Error::new(
                    crate::error::ErrorKind::NotImplementedError,
                    "Uuid(as_uuid=False) is not supported: ormsh's Uuid columns hold uuid.UUID values",
                )
                .with_help("leave as_uuid= out (SQLAlchemy's default, as_uuid=True)"));
            }
            ColumnType::Uuid
        }
        other => {
            a.count(0, 0)?;
            other.clone()
        }
    };
    Ok(Value::obj(TypeSpec {
        ty,
        bare: false,
        opts,
    }))
}

/// A count of digits (`precision=`, `scale=`): a whole number from 0, or
/// None.
fn digits_kw(a: &mut Args, name: &str) -> Result<Option<u32>> {
    match a.take_kw(name) {
        None | Some(Value::None) => Ok(None),
        Some(v) => v
            .as_i64()
            .filter(|n| (0..=1000).contains(n))
            .map(|n| Some(n as u32))
            .ok_or_else(|| {
                Error::type_(format!(
                    "{name} must be a whole number of digits, not {}",
                    crate::value::repr::float_repr(v.as_f64().unwrap_or(f64::NAN))
                ))
            }),
    }
}

/// `db.Integer` etc.
pub fn type_value(name: &str) -> Option<Value> {
    let ty = match name {
        "Integer" => ColumnType::Integer,
        "BigInteger" => ColumnType::BigInteger,
        "SmallInteger" => ColumnType::SmallInteger,
        "Float" => ColumnType::Float,
        "Numeric" => ColumnType::Numeric(NumericType::PLAIN),
        // SQLAlchemy's `Double()`: `DOUBLE` (`DOUBLE PRECISION` on
        // PostgreSQL), read as floats.
        "Double" => ColumnType::Numeric(crate::schema::mapped::DOUBLE),
        "DECIMAL" => ColumnType::Numeric(NumericType {
            sql_name: "DECIMAL",
            ..NumericType::PLAIN
        }),
        "Uuid" => ColumnType::Uuid,
        "Interval" => ColumnType::Interval,
        "String" => ColumnType::String(None),
        "Unicode" => ColumnType::Unicode(None),
        "Text" => ColumnType::Text,
        "UnicodeText" => ColumnType::UnicodeText,
        "Boolean" => ColumnType::Boolean,
        "Date" => ColumnType::Date,
        "DateTime" => ColumnType::DateTime,
        "Time" => ColumnType::Time,
        "LargeBinary" => ColumnType::LargeBinary,
        "JSON" => ColumnType::Json,
        "Enum" => ColumnType::Enum(Default::default()),
        _ => {
            // `db.INTEGER`, `db.CHAR`, …: the generic type under the
            // upper-case class's name.
            let (class, ty) = SQL_TYPE_CLASSES
                .iter()
                .find(|c| **c == name)
                .and_then(|c| Some((*c, sql_type_class(c)?)))?;
            return Some(Value::obj(TypeSpec {
                ty,
                bare: true,
                opts: TypeOptions {
                    class: Some(class),
                    ..TypeOptions::default()
                },
            }));
        }
    };
    Some(Value::obj(TypeSpec {
        ty,
        bare: true,
        opts: TypeOptions::default(),
    }))
}
