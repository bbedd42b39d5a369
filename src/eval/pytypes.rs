//! Python's classes as values: `type(x)` gives the class itself (the
//! built-in `int`, `datetime.date`, a model, …) so it prints, compares
//! and calls as Python's does; `isinstance(x, C)` asks the same question
//! with Python's subclasses (`bool` of `int`, `datetime` of `date`).
//! `Decimal(…)`, `UUID(…)` and `uuid4()` are the constructors of the
//! value types that `decimal` and `uuid` give.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::exceptions::ExceptionValue;
use crate::eval::objects::{Namespace, Native, Ns, TypeObj};
use crate::eval::pymod::exc::{self, ExcClass};
use crate::orm::instance::Instance;
use crate::schema::model::Model;
use crate::value::decimal::Decimal;
use crate::value::{Value, pyuuid};

/// The built-in names that are classes (`repr(int)` is `<class 'int'>`,
/// `type(int)` is `type`), with the module their `repr` names.
pub const BUILTIN_CLASSES: &[(&str, &str)] = &[
    ("int", ""),
    ("float", ""),
    ("bool", ""),
    ("str", ""),
    ("list", ""),
    ("tuple", ""),
    ("dict", ""),
    ("range", ""),
    ("bytes", ""),
    ("bytearray", ""),
    ("set", ""),
    ("frozenset", ""),
    ("map", ""),
    ("filter", ""),
    ("object", ""),
    ("property", ""),
    ("Decimal", "decimal."),
    ("UUID", "uuid."),
    // Not a built-in name: what `from zoneinfo import ZoneInfo` binds.
    ("ZoneInfo", "zoneinfo."),
];

/// `<class 'int'>`, `<class 'decimal.Decimal'>` for a built-in class name.
pub fn class_repr(name: &str) -> Option<String> {
    if crate::eval::schema_classes::is_schema_class(name) {
        let module = crate::eval::schema_classes::MODULE;
        return Some(format!("<class '{module}{name}'>"));
    }
    BUILTIN_CLASSES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(n, module)| format!("<class '{module}{n}'>"))
}

/// The class of `v` as a value: what `type(v)` returns.
pub fn class_of_value(me: &Interp, v: &Value) -> Value {
    let name = v.type_name();
    if BUILTIN_CLASSES.iter().any(|(n, _)| *n == name)
        && let Some(c) = crate::eval::builtins::lookup(name)
    {
        return c;
    }
    if let Some(c) = crate::eval::schema_classes::class(name) {
        return c;
    }
    let ns = match v {
        Value::DateTime(_) | Value::Aware(_) => Some(Ns::Datetime),
        Value::Date(_) => Some(Ns::Date),
        Value::Time(_) => Some(Ns::Time),
        _ if v.is::<crate::value::aware_time::AwareTime>() => Some(Ns::Time),
        Value::TimeDelta(_) => Some(Ns::Timedelta),
        _ if v
            .downcast::<crate::value::aware::TimeZone>()
            .is_some_and(|z| z.key.is_none()) =>
        {
            Some(Ns::Timezone)
        }
        _ => None,
    };
    if let Some(ns) = ns {
        return Value::obj(Namespace(ns));
    }
    if let Some(inst) = v.downcast::<Instance>() {
        return Value::Obj(inst.model.clone());
    }
    if let Some(c) = crate::eval::pyclass_text::type_of(v) {
        return c;
    }
    if let Some(e) = v.downcast::<ExceptionValue>() {
        return match &e.user {
            Some(u) => Value::Obj(u.clone()),
            None => exc::class_at(e.class),
        };
    }
    if v.is::<Model>() && me.registry.get(name).is_none() {
        // A model's class is SQLAlchemy's declarative metaclass.
        return Value::obj(TypeObj(Rc::from("DefaultMeta")));
    }
    Value::obj(TypeObj(Rc::from(name)))
}

/// The name a class value stands for, as `type_name` gives it for its
/// instances (`"int"`, `"date"`, `"User"`); `None` for a non-class.
pub fn class_name(c: &Value) -> Option<String> {
    if let Some(n) = c.downcast::<Native>() {
        return n.is_class().then(|| n.name.to_string());
    }
    if let Some(ns) = c.downcast::<Namespace>() {
        return match ns.0 {
            Ns::Datetime => Some("datetime".into()),
            Ns::Date => Some("date".into()),
            Ns::Time => Some("time".into()),
            Ns::Timedelta => Some("timedelta".into()),
            Ns::Timezone => Some("timezone".into()),
            _ => None,
        };
    }
    if let Some(m) = c.downcast::<Model>() {
        return Some(m.name.to_string());
    }
    c.downcast::<TypeObj>().map(|t| t.0.to_string())
}

/// Is an instance whose class is named `have` an instance of `want`?
/// (`bool` is an `int`, a `datetime` a `date`.)
fn subclass(have: &str, want: &str) -> bool {
    have == want
        || want == "object"
        || matches!(
            (have, want),
            ("bool", "int")
                | ("datetime", "date")
                | ("QueryPagination" | "SelectPagination", "Pagination")
        )
}

/// `type(x)`.
pub fn type_of(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(class_of_value(me, &a.pos[0]))
}

/// Is `v` a class (`isinstance(v, type)`): a model, a plain or enum
/// class, an exception class or a built-in one.
fn is_class(v: &Value) -> bool {
    v.is::<Model>()
        || v.is::<crate::eval::pyclass::PyClass>()
        || v.is::<ExcClass>()
        || class_name(v).is_some()
        || v.downcast::<Native>().is_some_and(|n| n.name == "type")
}

/// `isinstance(x, C)` and `isinstance(x, (C, D))`.
pub fn isinstance(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(2, 2)?;
    let have = a.pos[0].type_name().to_string();
    let model = a.pos[0].downcast::<Instance>().map(|i| i.model.clone());
    let raised = a.pos[0].downcast::<ExceptionValue>().map(|e| e.class);
    let obj = &a.pos[0];
    let test = |c: &Value| -> Result<bool> {
        if c.downcast::<Native>().is_some_and(|n| n.name == "type") {
            return Ok(is_class(obj));
        }
        if let Some(want) = c.downcast::<ExcClass>() {
            return Ok(raised.is_some_and(|row| exc::is_subclass(row, want.row())));
        }
        if let Some(r) = crate::eval::user_exc::isinstance(obj, c)
            .or_else(|| crate::eval::pyclass_text::isinstance(obj, c))
            .or_else(|| crate::eval::model_base::isinstance(obj, c))
        {
            return Ok(r);
        }
        if let (Some(m), Some(want)) = (&model, c.downcast::<Model>()) {
            return Ok(Rc::ptr_eq(m, &want) || *m.name == *want.name);
        }
        // A member of `class C(str, Enum)` is a `str` too.
        // (A `RowMapping` equals a dict but is no dict.)
        let mixin = match obj.is::<crate::eval::row_mapping::RowMapping>() {
            true => obj,
            false => crate::value::compare::mixin_view(obj),
        };
        match class_name(c) {
            Some(want) => Ok(subclass(&have, &want)
                || (!std::ptr::eq(mixin, obj) && subclass(mixin.type_name(), &want))),
            None => Err(Error::type_(
                "isinstance() arg 2 must be a type, a tuple of types, or a union",
            )),
        }
    };
    Ok(Value::Bool(any_class(&a.pos[1], test)?))
}

/// `issubclass(C, B)` and `issubclass(C, (B, D))`: exception classes by
/// Python's hierarchy, models and built-in classes by name.
pub fn issubclass(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(2, 2)?;
    let sub = &a.pos[0];
    let plain = |c: &Value| {
        crate::eval::user_exc::issubclass(sub, c)
            .or_else(|| crate::eval::pyclass_text::issubclass(sub, c))
            .or_else(|| crate::eval::model_base::issubclass(sub, c))
    };
    if let Some(r) = any_plain(&a.pos[1], plain) {
        return Ok(Value::Bool(r));
    }
    let sub_name = class_name(sub).or_else(|| sub.downcast::<ExcClass>().map(|c| c.name.into()));
    let Some(sub_name) = sub_name else {
        return Err(Error::type_("issubclass() arg 1 must be a class"));
    };
    let test = |c: &Value| -> Result<bool> {
        if let Some(want) = c.downcast::<ExcClass>() {
            return Ok(sub
                .downcast::<ExcClass>()
                .is_some_and(|s| exc::is_subclass(s.row(), want.row())));
        }
        match class_name(c) {
            Some(want) => Ok(sub.downcast::<ExcClass>().is_none() && subclass(&sub_name, &want)),
            None => Err(Error::type_(
                "issubclass() arg 2 must be a class, a tuple of classes, or a union",
            )),
        }
    };
    Ok(Value::Bool(any_class(&a.pos[1], test)?))
}

/// `plain` of a class or of a tuple's classes, when it decides every one
/// of them (plain classes, `db.Model`).
fn any_plain(classes: &Value, plain: impl Fn(&Value) -> Option<bool>) -> Option<bool> {
    match classes {
        Value::Tuple(ts) => {
            let mut any = false;
            for t in ts.iter() {
                any |= plain(t)?;
            }
            Some(any)
        }
        c => plain(c),
    }
}

/// `test` of a class, or of any class of a tuple (stopping at the first
/// that passes), as `isinstance`/`issubclass` read their second argument.
fn any_class(classes: &Value, test: impl Fn(&Value) -> Result<bool>) -> Result<bool> {
    match classes {
        Value::Tuple(ts) => {
            for t in ts.iter() {
                if test(t)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        c => test(c),
    }
}

/// `Decimal(value='0')`: from a string, an int, a float (its exact
/// value) or a decimal, as `decimal.Decimal` takes them.
pub fn decimal(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "value")?;
    a.count(0, 1)?;
    let d = match a.pos.first() {
        None => Decimal::from_i64(0),
        Some(Value::Str(s)) => Decimal::parse(s)?,
        Some(v @ (Value::Int(_) | Value::Bool(_))) => Decimal::from_i64(v.as_i64().unwrap_or(0)),
        Some(Value::Float(f)) => Decimal::from_f64(*f)?,
        Some(Value::Decimal(d)) => return Ok(Value::Decimal(d.clone())),
        Some(other) => {
            return Err(Error::type_(format!(
                "conversion from {} to Decimal is not supported",
                other.type_name()
            ))
            .with_help("Decimal('1.10'), Decimal(3) or Decimal(1.5)"));
        }
    };
    Ok(Value::Decimal(Rc::new(d)))
}

/// `UUID(hex)` or `UUID(int=n)`, as `uuid.UUID` takes them.
pub fn uuid(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "hex")?;
    let int = a.take_kw("int");
    a.count(0, 1)?;
    match (a.pos.first(), int) {
        (Some(Value::Str(s)), None) => Ok(Value::uuid(pyuuid::parse(s)?)),
        (None, Some(v)) => {
            let n = v
                .as_i64()
                .filter(|n| *n >= 0)
                .ok_or_else(|| Error::value("int is out of range (need a 128-bit value)"))?;
            Ok(Value::uuid(n as u128))
        }
        (Some(v), None) => Err(Error::new(
            crate::error::ErrorKind::AttributeError,
            format!("'{}' object has no attribute 'replace'", v.type_name()),
        )
        .with_help("UUID('12345678-1234-5678-1234-567812345678')")),
        _ => Err(Error::type_(
            "one of the hex, bytes, bytes_le, fields, or int arguments must be given",
        )),
    }
}

/// `uuid4()`: a random UUID.
pub fn uuid4(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    Ok(Value::uuid(pyuuid::uuid4()))
}

/// The module of one of SQLAlchemy's (or Flask-SQLAlchemy's) classes that
/// ormsh's objects stand for, as `type(x)` prints it
/// (`<class 'sqlalchemy.sql.elements.BinaryExpression'>`); None for any
/// other class name.
pub fn sqlalchemy_module(class: &str) -> Option<&'static str> {
    Some(match class {
        "InstrumentedAttribute" => "sqlalchemy.orm.attributes",
        "BinaryExpression" | "Label" | "TextClause" | "BooleanClauseList" | "UnaryExpression"
        | "BindParameter" | "ColumnClause" | "Case" | "Cast" | "Over" | "Tuple" | "Null"
        | "True_" | "False_" | "TypeCoerce" => "sqlalchemy.sql.elements",
        "Select" | "Subquery" | "Exists" | "CTE" => "sqlalchemy.sql.selectable",
        "AnnotatedColumn" => "sqlalchemy.sql.annotation",
        "symbol" => "sqlalchemy.util.langhelpers",
        "IteratorResult"
        | "ChunkedIteratorResult"
        | "ScalarResult"
        | "MappingResult"
        | "FrozenResult" => "sqlalchemy.engine.result",
        "CursorResult" => "sqlalchemy.engine.cursor",
        "scoped_session" => "sqlalchemy.orm.scoping",
        "Function" => "sqlalchemy.sql.functions",
        g if crate::orm::expr_names::function_class(g) == g => "sqlalchemy.sql.functions",
        "Query" => "flask_sqlalchemy.query",
        "Pagination" | "QueryPagination" | "SelectPagination" => "flask_sqlalchemy.pagination",
        _ => return None,
    })
}
