//! Built-in names: `print len str repr int float bool list dict tuple range
//! sorted min max sum abs round enumerate zip type help`; names for the
//! `datetime` family (in `dates`), SQL helpers (`and_ or_ not_ desc asc func text select`) and the
//! loader options.

use crate::eval::builtins_iter::{
    abs, all, any, divmod, enumerate, max, min, reversed, round, sorted, sum, zip,
};
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::builtins_sql::{and_, asc, desc, loader, not_, or_, text};
use crate::eval::objects::{NativeFn, Ns};
use crate::eval::surface::Sig;
use crate::value::PyStr;
use crate::value::repr::repr;
use crate::value::{Dict, Value, numbers};

/// What a built-in name gives.
#[derive(Clone, Copy)]
pub enum Made {
    /// A function.
    Native(NativeFn),
    /// A namespace or class-like object (`db`, `datetime`, `func`).
    Namespace(Ns),
}

/// Every built-in name, once: lookup, completion and "did you mean" read
/// this table. (Column types such as `Integer` are found through
/// `model_def::type_value` after it.)
pub const BUILTINS: &[(&str, Made)] = &[
    ("print", Made::Native(print)),
    ("len", Made::Native(len)),
    ("map", Made::Native(crate::eval::builtins_lazy::map)),
    ("filter", Made::Native(crate::eval::builtins_lazy::filter)),
    (
        "set",
        Made::Native(|me, a| crate::eval::pyset_ops::make(me, a, false)),
    ),
    (
        "frozenset",
        Made::Native(|me, a| crate::eval::pyset_ops::make(me, a, true)),
    ),
    ("str", Made::Native(to_str)),
    ("repr", Made::Native(to_repr)),
    ("format", Made::Native(format)),
    ("int", Made::Native(to_int)),
    ("float", Made::Native(to_float)),
    ("bool", Made::Native(to_bool)),
    ("list", Made::Native(to_list)),
    ("tuple", Made::Native(to_tuple)),
    ("dict", Made::Native(to_dict)),
    ("range", Made::Native(range)),
    ("sorted", Made::Native(sorted)),
    ("reversed", Made::Native(reversed)),
    ("min", Made::Native(min)),
    ("max", Made::Native(max)),
    ("sum", Made::Native(sum)),
    ("abs", Made::Native(abs)),
    ("divmod", Made::Native(divmod)),
    ("round", Made::Native(round)),
    ("enumerate", Made::Native(enumerate)),
    ("iter", Made::Native(crate::eval::iter_protocol::iter)),
    ("next", Made::Native(crate::eval::iter_protocol::next)),
    ("zip", Made::Native(zip)),
    ("any", Made::Native(any)),
    ("all", Made::Native(all)),
    ("type", Made::Native(crate::eval::pytypes::type_of)),
    ("isinstance", Made::Native(crate::eval::pytypes::isinstance)),
    ("issubclass", Made::Native(crate::eval::pytypes::issubclass)),
    ("super", Made::Native(|me, a| me.make_super(a))),
    ("exit", Made::Native(crate::eval::leave::exit)),
    ("quit", Made::Native(crate::eval::leave::exit)),
    ("bytes", Made::Native(crate::eval::builtins_bytes::bytes)),
    (
        "bytearray",
        Made::Native(crate::eval::builtins_bytes::bytearray),
    ),
    ("Decimal", Made::Native(crate::eval::pytypes::decimal)),
    ("UUID", Made::Native(crate::eval::pytypes::uuid)),
    ("uuid4", Made::Native(crate::eval::pytypes::uuid4)),
    ("hash", Made::Native(crate::eval::builtins_hash::hash)),
    ("hasattr", Made::Native(hasattr)),
    ("getattr", Made::Native(getattr)),
    ("setattr", Made::Native(setattr)),
    ("help", Made::Native(crate::eval::surface::help::help)),
    ("dir", Made::Native(crate::eval::surface::help::dir)),
    ("datetime", Made::Namespace(Ns::Datetime)),
    ("date", Made::Namespace(Ns::Date)),
    ("time", Made::Namespace(Ns::Time)),
    ("timedelta", Made::Namespace(Ns::Timedelta)),
    ("timezone", Made::Namespace(Ns::Timezone)),
    ("db", Made::Namespace(Ns::Db)),
    ("func", Made::Namespace(Ns::Func)),
    ("and_", Made::Native(and_)),
    ("or_", Made::Native(or_)),
    ("not_", Made::Native(not_)),
    ("desc", Made::Native(desc)),
    ("asc", Made::Native(asc)),
    ("text", Made::Native(text)),
    ("select", Made::Native(crate::eval::db::select)),
    ("aliased", Made::Native(crate::eval::aliased::aliased)),
    ("exists", Made::Native(crate::eval::surface::exists)),
    ("union", Made::Native(crate::eval::surface::db_union)),
    (
        "union_all",
        Made::Native(crate::eval::surface::db_union_all),
    ),
    (
        "intersect",
        Made::Native(crate::eval::surface::db_intersect),
    ),
    (
        "intersect_all",
        Made::Native(crate::eval::surface::db_intersect_all),
    ),
    ("except_", Made::Native(crate::eval::surface::db_except_)),
    (
        "except_all",
        Made::Native(crate::eval::surface::db_except_all),
    ),
    ("joinedload", Made::Native(|_, a| loader("joined", a))),
    ("selectinload", Made::Native(|_, a| loader("selectin", a))),
    ("subqueryload", Made::Native(|_, a| loader("subquery", a))),
    ("lazyload", Made::Native(|_, a| loader("select", a))),
    ("noload", Made::Native(|_, a| loader("noload", a))),
    ("raiseload", Made::Native(|_, a| loader("raise", a))),
    ("defaultload", Made::Native(|_, a| loader("default", a))),
    ("Column", Made::Native(crate::eval::model_def::column)),
    (
        "relationship",
        Made::Native(crate::eval::rel_specs::relationship),
    ),
    ("backref", Made::Native(crate::eval::rel_specs::backref)),
    (
        "mapped_column",
        Made::Native(crate::eval::mapped::mapped_column),
    ),
    ("Table", Made::Native(crate::eval::table_def::table)),
    (
        "declared_attr",
        Made::Native(crate::eval::mixins::declared_attr),
    ),
    (
        "ForeignKey",
        Made::Native(crate::eval::model_def::foreign_key),
    ),
];

/// The built-in names, in table order.
pub fn names() -> impl Iterator<Item = &'static str> {
    (BUILTINS.iter().chain(crate::eval::builtins_more::MORE)).map(|(n, _)| *n)
}

pub fn lookup(name: &str) -> Option<Value> {
    if name == "__name__" {
        // The session is Python's main module (`Flask(__name__)`).
        return Some(Value::str("__main__"));
    }
    if name == "Ellipsis" {
        return Some(crate::eval::leave::ellipsis());
    }
    let more = crate::eval::builtins_more::MORE.iter();
    match BUILTINS.iter().chain(more).find(|(n, _)| *n == name) {
        Some((n, Made::Native(f))) => Some(Interp::native(n, *f)),
        Some((_, Made::Namespace(ns))) => Some(Interp::namespace(*ns)),
        None => crate::eval::model_def::type_value(name)
            .or_else(|| crate::eval::pymod::exc::builtin(name)),
    }
}

/// Python's `print`'s keywords: `sep`, `end` (None or a string),
/// `flush` (the output is flushed), `file` (None only: ormsh prints to its
/// own output, and no value it has is a file).
const PRINT_SIG: Sig = Sig::kw(&["sep", "end", "file", "flush"]);

/// A `sep=`/`end=` of `print`: None (the default `dflt`) or a string.
fn print_text(a: &mut Args, key: &str, dflt: &str) -> Result<String> {
    let span =
        a.kw.iter()
            .find(|(k, _, _)| &**k == key)
            .map(|(_, _, s)| *s);
    match &a.take_kw(key) {
        None | Some(Value::None) => Ok(dflt.into()),
        Some(Value::Str(s)) => Ok(s.to_string()),
        Some(v) => Err(Error::type_(format!(
            "{key} must be None or a string, not {}",
            v.type_name()
        ))
        .at(span.unwrap_or(a.span))),
    }
}

fn print(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("print", &PRINT_SIG)?;
    let sep = print_text(&mut a, "sep", " ")?;
    let end = print_text(&mut a, "end", "\n")?;
    let flush = a.take_kw("flush").is_some_and(|v| v.truthy());
    if let Some((_, v, span)) = a.kw.iter().find(|(k, _, _)| &**k == "file")
        && !matches!(v, Value::None)
    {
        // No ormsh value has a write() method, as Python's print wants.
        return Err(Error::attr(format!(
            "'{}' object has no attribute 'write'",
            v.type_name()
        ))
        .at(*span)
        .with_help("print() writes only to ormsh's output: leave file= out (or give None)"));
    }
    a.take_kw("file");
    let mut line = String::new();
    for (i, v) in a.pos.iter().enumerate() {
        if i > 0 {
            line.push_str(&sep);
        }
        line.push_str(&me.str_value(v)?);
    }
    line.push_str(&end);
    use std::io::Write;
    me.out
        .write_all(line.as_bytes())
        .map_err(crate::eval::output_error)?;
    if flush {
        me.out.flush().map_err(crate::eval::output_error)?;
    }
    Ok(Value::None)
}

fn len(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let v = &a.pos[0];
    let n = match v {
        Value::Str(s) => s.chars().count(),
        Value::Bytes(b) => b.len(),
        Value::List(l) => l.borrow().len(),
        Value::Tuple(t) => t.len(),
        Value::Dict(d) => d.borrow().len(),
        Value::Range(r) => crate::value::range_len(r.0, r.1, r.2) as usize,
        Value::Obj(o) if o.py_len().is_some() => o.py_len().unwrap_or(0),
        // A member of `class C(str, Enum)` is its `str`.
        Value::Obj(o) if let Some(Value::Str(s)) = o.mixin_value() => s.chars().count(),
        _ => {
            if v.is::<crate::orm::query::Query>() || v.is::<crate::eval::rel_ops::DynamicRel>() {
                return Err(Error::type_(format!(
                    "object of type '{}' has no len()",
                    v.type_name()
                ))
                .with_help(if v.type_name() == "WriteOnlyCollection" {
                    "count with db.session.scalar(db.select(db.func.count()).select_from(obj.rel.select().subquery()))"
                } else {
                    "use .count() to count the rows of a query"
                }));
            }
            if v.is::<crate::eval::live_iter::PyIter>() {
                return Err(Error::type_(format!(
                    "object of type '{}' has no len()",
                    v.type_name()
                )));
            }
            // Flask-SQLAlchemy's pagination iterates its items but has no
            // `__len__`.
            if v.is::<crate::orm::pagination::Pagination>() {
                return Err(Error::type_(format!(
                    "object of type '{}' has no len()",
                    v.type_name()
                ))
                .with_help("len(p.items) counts this page's items, p.total those of all pages"));
            }
            me.to_vec(v)
                .map_err(|_| {
                    Error::type_(format!("object of type '{}' has no len()", v.type_name()))
                })?
                .len()
        }
    };
    Ok(Value::Int(n as i64))
}

/// `str(object='')`, and `str(object=b'', encoding='utf-8',
/// errors='strict')`: bytes decoded (`eval::decode`).
fn to_str(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("str", &Sig::kw(&["object", "encoding", "errors"]))?;
    let object = a.arg(0, "object");
    let encoding = a.arg(1, "encoding");
    let errors = a.arg(2, "errors");
    if encoding.is_none() && errors.is_none() {
        a.count(0, 1)?;
        return match object {
            None => Ok(Value::str("")),
            Some(v) => Ok(Value::Str(PyStr::from(me.str_value(&v)?))),
        };
    }
    a.count(0, 3)?;
    let text = |v: Option<Value>, what: &str, default: &str| match &v {
        None => Ok(default.to_string()),
        Some(Value::Str(s)) => Ok(Rc::<str>::from(s).to_string()),
        Some(v) => Err(Error::type_(format!(
            "str() argument '{what}' must be str, not {}",
            v.type_name()
        ))),
    };
    let (encoding, errors) = (
        text(encoding, "encoding", "utf-8")?,
        text(errors, "errors", "strict")?,
    );
    match &object {
        None => Ok(Value::str("")),
        Some(Value::Bytes(b)) => Ok(Value::str(&crate::eval::decode::decode(
            b, &encoding, &errors,
        )?)),
        Some(Value::Str(_)) => Err(Error::type_("decoding str is not supported")
            .at(a.span_of(0))
            .with_help("str(x) alone gives the text of x")),
        Some(v) => Err(Error::type_(format!(
            "decoding to str: need a bytes-like object, {} found",
            v.type_name()
        ))
        .at(a.span_of(0))
        .with_help("str(x) alone gives the text of x")),
    }
}

fn to_repr(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(Value::Str(PyStr::from(repr(&a.pos[0], me)?)))
}

/// `format(value, spec='')`
fn format(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 2)?;
    let spec = if a.len() == 2 {
        a.str(1)?
    } else {
        std::rc::Rc::from("")
    };
    Ok(Value::Str(crate::value::PyStr::from(
        crate::value::format::format_spec(&a.pos[0], &spec, me)?,
    )))
}

/// `int(x)`, `int(text, base)`: `value::numbers` holds Python's rules.
fn to_int(_: &mut Interp, mut a: Args) -> Result<Value> {
    a.keyword_at(1, "base")?;
    a.count(0, 2)?;
    let Some(v) = a.pos.first() else {
        return Ok(Value::Int(0));
    };
    if let Some(b) = a.pos.get(1) {
        let base = b.as_i64().ok_or_else(|| {
            Error::type_(format!(
                "'{}' object cannot be interpreted as an integer",
                b.type_name()
            ))
        })?;
        let Value::Str(s) = v else {
            return Err(Error::type_(
                "int() can't convert non-string with explicit base",
            ));
        };
        return numbers::parse_int(s, base).map(Value::Int);
    }
    int_of(v)
}

/// Python's `int(v)` of one value (no base).
pub(crate) fn int_of(v: &Value) -> Result<Value> {
    // A member of an `IntEnum` (or `class C(int, Enum)`) is its int.
    let v = crate::value::compare::mixin_view(v);
    match v {
        Value::Int(_) => Ok(v.clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        Value::Float(f) => numbers::float_to_int(*f).map(Value::Int),
        Value::Decimal(d) => crate::value::decimal::ops::to_int(d),
        Value::Str(s) => numbers::parse_int(s, 10).map(Value::Int),
        other => Err(Error::type_(format!(
            "int() argument must be a string, a bytes-like object or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

fn to_float(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 1)?;
    let Some(v) = a.pos.first() else {
        return Ok(Value::Float(0.0));
    };
    let v = crate::value::compare::mixin_view(v);
    match v {
        Value::Float(_) => Ok(v.clone()),
        Value::Int(_) | Value::Bool(_) => Ok(Value::Float(v.as_f64().unwrap_or(0.0))),
        Value::Decimal(d) => Ok(Value::Float(d.to_f64())),
        Value::Str(s) => numbers::parse_float(s).map(Value::Float),
        other => Err(Error::type_(format!(
            "float() argument must be a string or a real number, not '{}'",
            other.type_name()
        ))),
    }
}

fn to_bool(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 1)?;
    Ok(Value::Bool(a.pos.first().is_some_and(|v| v.truthy())))
}

fn to_list(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 1)?;
    match a.pos.first() {
        None => Ok(Value::list(vec![])),
        Some(v) => Ok(Value::list(me.to_vec(v)?)),
    }
}

fn to_tuple(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 1)?;
    match a.pos.first() {
        None => Ok(Value::tuple(vec![])),
        Some(v) => Ok(Value::tuple(me.to_vec(v)?)),
    }
}

fn to_dict(me: &mut Interp, a: Args) -> Result<Value> {
    let mut d = Dict::default();
    if let Some(v) = a.pos.first() {
        if let Value::Dict(src) = v {
            d = src.borrow().clone();
        } else if let Some(m) = v.downcast::<crate::eval::row_mapping::RowMapping>()
            && let Value::Dict(src) = &m.dict
        {
            // A `Mapping`: its items, not its iteration's keys.
            d = src.borrow().clone();
        } else {
            for pair in me.to_vec(v)? {
                let kv = me.to_vec(&pair)?;
                if kv.len() != 2 {
                    return Err(Error::value(
                        "dictionary update sequence element has the wrong length; 2 is required",
                    ));
                }
                d.insert(kv[0].clone(), kv[1].clone())?;
            }
        }
    }
    for (k, v, _) in a.kw {
        d.insert(Value::Str(k.into()), v)?;
    }
    Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
}

fn range(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 3)?;
    let nums = (0..a.len()).map(|i| a.int(i)).collect::<Result<Vec<_>>>()?;
    let (start, stop, step) = match nums.as_slice() {
        [stop] => (0, *stop, 1),
        [start, stop] => (*start, *stop, 1),
        [start, stop, step] => (*start, *stop, *step),
        _ => unreachable_range(),
    };
    if step == 0 {
        return Err(Error::value("range() arg 3 must not be zero"));
    }
    Ok(Value::range(start, stop, step))
}

fn unreachable_range() -> (i64, i64, i64) {
    (0, 0, 1)
}

fn hasattr(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(2, 2)?;
    let name = a.str(1)?;
    Ok(Value::Bool(me.get_attr(&a.pos[0], &name).is_ok()))
}

fn getattr(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(2, 3)?;
    let name = a.str(1)?;
    match me.get_attr(&a.pos[0], &name) {
        Ok(v) => Ok(v),
        Err(e) => a.pos.get(2).cloned().ok_or(e),
    }
}

fn setattr(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(3, 3)?;
    let name = a.str(1)?;
    me.set_attr(&a.pos[0], &name, a.pos[2].clone())?;
    Ok(Value::None)
}
