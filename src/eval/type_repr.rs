//! How column types print, as SQLAlchemy prints them: `repr(db.Integer)`
//! is the class (`<class 'sqlalchemy.sql.sqltypes.Integer'>`), a type
//! object shows the constructor arguments that differ from their defaults
//! (`String(length=80)`, `DateTime(timezone=True)`,
//! `Numeric(precision=10, scale=2)`, `Enum('a', 'b', name='kinds')`:
//! SQLAlchemy's `util.generic_repr`), and `str()` of a type object is its
//! DDL name in the default dialect (`VARCHAR(80)`).

use std::rc::Rc;

use crate::eval::objects::TypeSpec;
use crate::schema::types::{ColumnType, TypeOptions};
use crate::syntax::span::Span;
use crate::value::Value;
use crate::value::repr::{float_repr, str_repr};

/// A parameter's default, as `generic_repr` compares the given value with
/// it (Python's `!=`); `Given` shows the argument whenever it is given.
#[derive(Clone, Copy)]
enum ParamDefault {
    None,
    Bool(bool),
    Given,
}

/// The parameters `repr()` shows, in SQLAlchemy's order, with defaults.
fn shown_params(ty: &ColumnType) -> &'static [(&'static str, ParamDefault)] {
    use ParamDefault as D;
    match ty {
        ColumnType::String(_)
        | ColumnType::Unicode(_)
        | ColumnType::Text
        | ColumnType::UnicodeText => &[("length", D::None), ("collation", D::None)],
        ColumnType::Numeric(n) if matches!(n.sql_name, "FLOAT" | "DOUBLE") => &[
            ("precision", D::None),
            ("asdecimal", D::Bool(false)),
            ("decimal_return_scale", D::None),
        ],
        ColumnType::Float => &[
            ("precision", D::None),
            ("asdecimal", D::Bool(false)),
            ("decimal_return_scale", D::None),
        ],
        ColumnType::Numeric(_) => &[
            ("precision", D::None),
            ("scale", D::None),
            ("decimal_return_scale", D::None),
            ("asdecimal", D::Bool(true)),
        ],
        ColumnType::DateTime | ColumnType::Time => &[("timezone", D::Bool(false))],
        ColumnType::Boolean => &[("create_constraint", D::Bool(false)), ("name", D::None)],
        ColumnType::Enum(_) => &[
            ("name", D::None),
            ("native_enum", D::Bool(true)),
            ("create_constraint", D::Bool(false)),
            ("length", D::Given),
        ],
        ColumnType::Json => &[("none_as_null", D::Bool(false))],
        ColumnType::LargeBinary => &[("length", D::None)],
        ColumnType::Uuid => &[("as_uuid", D::Bool(true))],
        _ => &[],
    }
}

/// Python's `value != default` for the defaults types use.
fn differs(v: &Value, d: ParamDefault) -> bool {
    let as_number = |v: &Value| match v {
        Value::Bool(b) => Some(f64::from(u8::from(*b))),
        Value::Int(i) => Some(*i as f64),
        Value::Float(f) => Some(*f),
        _ => None,
    };
    match d {
        ParamDefault::Given => true,
        ParamDefault::None => !matches!(v, Value::None),
        ParamDefault::Bool(b) => as_number(v) != Some(f64::from(u8::from(b))),
    }
}

/// The repr of an argument value (types take numbers, strings, booleans).
fn plain_repr(v: &Value) -> String {
    match v {
        Value::None => "None".into(),
        Value::Bool(b) => (if *b { "True" } else { "False" }).into(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_repr(*f),
        Value::Str(s) => str_repr(s),
        other => format!("<{} object>", other.type_name()),
    }
}

/// The arguments a type's `repr()` shows, from the keywords it was given
/// (positional ones already named): SQLAlchemy's `generic_repr`.
pub fn shown_arguments(ty: &ColumnType, kw: &[(Rc<str>, Value, Span)]) -> Vec<(Rc<str>, Rc<str>)> {
    shown_params(ty)
        .iter()
        .filter_map(|(name, default)| {
            let (_, v, _) = kw.iter().find(|(k, _, _)| &**k == *name)?;
            differs(v, *default).then(|| (Rc::from(*name), Rc::from(plain_repr(v))))
        })
        .collect()
}

/// `repr()` of a type: the class when bare (`db.Integer`), else
/// `Name(arguments)`, an Enum's values first.
pub fn type_repr(t: &TypeSpec) -> String {
    if t.bare {
        let name = t.opts.class.unwrap_or(t.ty.name());
        return format!("<class 'sqlalchemy.sql.sqltypes.{name}'>");
    }
    type_object_repr(&t.ty, &t.opts)
}

/// `repr()` of a type object (`String(length=80)`), as a column holds it.
pub fn type_object_repr(ty: &ColumnType, opts: &TypeOptions) -> String {
    let mut parts: Vec<String> = match ty {
        ColumnType::Enum(values) => values.iter().map(|v| str_repr(v)).collect(),
        _ => Vec::new(),
    };
    parts.extend(opts.shown.iter().map(|(k, v)| format!("{k}={v}")));
    // PostgreSQL's JSONB always shows the type its `->>` gives.
    if opts.class == Some("JSONB") && !opts.shown.iter().any(|(k, _)| &**k == "astext_type") {
        parts.push("astext_type=Text()".into());
    }
    format!("{}({})", opts.class.unwrap_or(ty.name()), parts.join(", "))
}

/// `str()` of a type: the class's repr when bare, else its DDL in the
/// default dialect (`VARCHAR(80)`, `NUMERIC(10, 2)`).
pub fn type_str(t: &TypeSpec) -> String {
    if t.bare {
        return type_repr(t);
    }
    t.ty.ddl_with(&t.opts, |n| {
        crate::sql::dialect::DEFAULT.quote(n).into_owned()
    })
}

/// What `repr()` of a derived expression's type shows (`(price + 1).type`
/// is `Numeric(precision=10, scale=2)`: SQLAlchemy's `_adapt_expression`
/// hands on the column's own type object), read from the type itself
/// where the keywords it was made with are not at hand.
pub fn derived_shown(ty: &ColumnType) -> Vec<(Rc<str>, Rc<str>)> {
    let mut shown: Vec<(Rc<str>, Rc<str>)> = Vec::new();
    let mut put = |k: &str, v: String| shown.push((Rc::from(k), Rc::from(v)));
    match ty {
        // `Double` is a `Float`: `asdecimal` defaults to False.
        ColumnType::Numeric(n) if matches!(n.sql_name, "FLOAT" | "DOUBLE") => {
            if let Some(p) = n.precision {
                put("precision", p.to_string());
            }
            if n.asdecimal {
                put("asdecimal", "True".into());
            }
            if let Some(r) = n.return_scale {
                put("decimal_return_scale", r.to_string());
            }
        }
        ColumnType::Numeric(n) => {
            if let Some(p) = n.precision {
                put("precision", p.to_string());
            }
            if let Some(s) = n.scale {
                put("scale", s.to_string());
            }
            if let Some(r) = n.return_scale {
                put("decimal_return_scale", r.to_string());
            }
            if !n.asdecimal {
                put("asdecimal", "False".into());
            }
        }
        ColumnType::String(Some(len)) => put("length", len.to_string()),
        _ => {}
    }
    shown
}
