//! Python's small built-ins that tutorials call in passing: `chr`, `ord`,
//! `hex`, `bin`, `oct`, `pow`, `callable`, `id`, `vars`, `object` and
//! `ascii`, with CPython 3.11's results and error wording. A table of
//! their own (`MORE`), which `builtins::lookup` reads after its own.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::builtins::Made;
use crate::eval::objects::{BoundMethod, Lambda, Namespace, Native, TypeSpec};
use crate::schema::model::Model;
use crate::syntax::ast::BinOp;
use crate::value::{Object, Value};

/// The built-ins of this module, as `builtins::BUILTINS` lists its own.
pub const MORE: &[(&str, Made)] = &[
    ("chr", Made::Native(chr)),
    ("ord", Made::Native(ord)),
    ("hex", Made::Native(|me, a| radix(me, a, "hex", 16, "0x"))),
    ("bin", Made::Native(|me, a| radix(me, a, "bin", 2, "0b"))),
    ("oct", Made::Native(|me, a| radix(me, a, "oct", 8, "0o"))),
    ("pow", Made::Native(pow)),
    ("callable", Made::Native(callable)),
    ("id", Made::Native(id)),
    ("vars", Made::Native(vars)),
    ("object", Made::Native(object)),
    ("ascii", Made::Native(ascii)),
    ("property", Made::Native(crate::eval::property_obj::make)),
];

/// What works instead of a Python built-in ormsh does not provide (the
/// help of its NameError), or None for another name.
pub fn missing_help(name: &str) -> Option<&'static str> {
    Some(match name {
        "globals" | "locals" => {
            "ormsh has no globals()/locals(); dir() lists the session's names and vars(obj) an object's"
        }
        "eval" | "exec" | "compile" => {
            "ormsh runs no code from strings: write the statement itself, or .read FILE a script"
        }
        "open" => {
            "ormsh reads no files from Python code: .read FILE runs a script, .import loads CSV"
        }
        "input" => "ormsh reads no input from Python code: assign the value in a statement",
        "breakpoint" | "delattr" | "memoryview" | "complex" | "slice" | "staticmethod"
        | "classmethod" | "aiter" | "anext" => {
            "ormsh does not provide this built-in; the ones it has include print len str int float list dict set tuple range sorted min max sum chr ord hex pow callable id vars object property"
        }
        _ => return None,
    })
}

/// An integer argument, or CPython's TypeError for another type.
fn int_arg(v: &Value) -> Result<i64> {
    v.as_i64().ok_or_else(|| {
        Error::type_(format!(
            "'{}' object cannot be interpreted as an integer",
            v.type_name()
        ))
    })
}

/// `chr(i)`: the one-character string of code point `i`.
fn chr(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let i = int_arg(&a.pos[0])?;
    let c = u32::try_from(i)
        .ok()
        .filter(|&c| c < 0x110000)
        .ok_or_else(|| Error::value("chr() arg not in range(0x110000)"))?;
    // A lone surrogate (U+D800–U+DFFF) is no Rust `char`.
    let c = char::from_u32(c).ok_or_else(|| {
        Error::value(format!(
            "chr({i}) is a lone surrogate, which ormsh's strings cannot hold"
        ))
        .with_help("chr() takes code points 0–0xD7FF and 0xE000–0x10FFFF here")
    })?;
    Ok(Value::str(&c.to_string()))
}

/// `ord(c)`: the code point of a one-character string (or a byte of a
/// one-byte `bytes`).
fn ord(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    match &a.pos[0] {
        Value::Str(s) => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Ok(Value::Int(i64::from(u32::from(c)))),
                _ => Err(Error::type_(format!(
                    "ord() expected a character, but string of length {} found",
                    s.chars().count()
                ))),
            }
        }
        Value::Bytes(b) if b.len() == 1 => Ok(Value::Int(i64::from(b[0]))),
        Value::Bytes(b) => Err(Error::type_(format!(
            "ord() expected a character, but string of length {} found",
            b.len()
        ))),
        v => Err(Error::type_(format!(
            "ord() expected string of length 1, but {} found",
            v.type_name()
        ))),
    }
}

/// `hex(i)`, `bin(i)`, `oct(i)`: `'-0xff'` for -255.
fn radix(_: &mut Interp, a: Args, _name: &str, base: u32, prefix: &str) -> Result<Value> {
    a.count(1, 1)?;
    let i = int_arg(&a.pos[0])?;
    let sign = if i < 0 { "-" } else { "" };
    let n = i.unsigned_abs();
    let digits = match base {
        16 => format!("{n:x}"),
        8 => format!("{n:o}"),
        _ => format!("{n:b}"),
    };
    Ok(Value::str(&format!("{sign}{prefix}{digits}")))
}

/// `pow(base, exp[, mod])`: `base ** exp`, or with a modulus the
/// integers' modular power (a negative exponent takes the inverse).
fn pow(me: &mut Interp, mut a: Args) -> Result<Value> {
    let m = a.take_kw("mod");
    let exp = a.take_kw("exp");
    let base = a.take_kw("base");
    let mut pos = std::mem::take(&mut a.pos).into_iter();
    let base = base.or_else(|| pos.next());
    let exp = exp.or_else(|| pos.next());
    let m = m.or_else(|| pos.next());
    a.no_more_kw()?;
    let (Some(base), Some(exp)) = (base, exp) else {
        return Err(Error::type_(
            "pow() missing required argument 'base' or 'exp'",
        ));
    };
    if pos.next().is_some() {
        return Err(Error::type_("pow() takes at most 3 arguments"));
    }
    match m {
        None | Some(Value::None) => me.binary(BinOp::Pow, base, exp),
        Some(m) => {
            let (Some(b), Some(e), Some(m)) = (base.as_i64(), exp.as_i64(), m.as_i64()) else {
                return Err(Error::type_(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            mod_pow(b, e, m).map(Value::Int)
        }
    }
}

/// `pow(b, e, m)` on integers, as CPython computes it (the result takes
/// the modulus's sign).
fn mod_pow(b: i64, e: i64, m: i64) -> Result<i64> {
    if m == 0 {
        return Err(Error::value("pow() 3rd argument cannot be 0"));
    }
    let mm = i128::from(m).abs();
    let mut base = i128::from(b).rem_euclid(mm);
    if e < 0 {
        base = inverse(base, mm)
            .ok_or_else(|| Error::value("base is not invertible for the given modulus"))?;
    }
    let (mut r, mut e) = (1i128 % mm, e.unsigned_abs());
    while e > 0 {
        if e & 1 == 1 {
            r = r * base % mm;
        }
        base = base * base % mm;
        e >>= 1;
    }
    // Python's `%` takes the divisor's sign.
    if m < 0 && r != 0 {
        r -= mm;
    }
    Ok(r as i64)
}

/// The inverse of `a` modulo `m` (extended Euclid), when there is one.
fn inverse(a: i128, m: i128) -> Option<i128> {
    let (mut r0, mut r1, mut t0, mut t1) = (m, a, 0i128, 1i128);
    while r1 != 0 {
        let q = r0 / r1;
        (r0, r1) = (r1, r0 - q * r1);
        (t0, t1) = (t1, t0 - q * t1);
    }
    (r0 == 1).then(|| t0.rem_euclid(m))
}

/// Can `v` be called? (What `Interp::call` calls.)
pub fn is_callable(v: &Value) -> bool {
    v.is::<Native>()
        || v.is::<BoundMethod>()
        || v.is::<Model>()
        || v.is::<Lambda>()
        || v.is::<TypeSpec>()
        || v.is::<crate::eval::function::Function>()
        || v.is::<crate::eval::methods::BoundFunction>()
        || v.is::<crate::eval::pyclass::PyClass>()
        || v.is::<crate::eval::pymod::exc::ExcClass>()
        || v.is::<crate::eval::user_exc::UserExcClass>()
        || v.is::<crate::eval::validates::Validates>()
        || v.is::<crate::eval::mapper_events::ListensFor>()
        || v.is::<crate::orm::constructs::CustomOperator>()
        || v.is::<crate::eval::objects::FuncName>()
        || crate::eval::pymod::functools::is_callable(v)
        // A class: a built-in one, `type(x)`'s, a date class, `db.Model`.
        || crate::eval::pytypes::class_name(v).is_some()
        || matches!(v, Value::Obj(o) if o.class_identity().is_some())
        || v.downcast::<Namespace>()
            .is_some_and(|n| n.0 == crate::eval::objects::Ns::Session)
}

/// `callable(x)`.
fn callable(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(Value::Bool(is_callable(&a.pos[0])))
}

/// `id(x)`: an int that is the same for one object while it lives and
/// differs between objects alive at once. For a value ormsh keeps on the
/// heap (a list, dict, object, …) it is its address, as CPython's; for
/// one it keeps inline (an int, a float, None) it is made from the value,
/// so equal values of one type share it, as CPython's cached ones do.
pub fn address(me: &mut Interp, v: &Value) -> i64 {
    let at = match v {
        Value::List(l) => Some(Rc::as_ptr(l) as *const () as usize),
        Value::Dict(d) => Some(Rc::as_ptr(d) as *const () as usize),
        Value::Tuple(t) => Some(Rc::as_ptr(t) as *const () as usize),
        Value::Obj(o) => Some(Rc::as_ptr(o) as *const () as usize),
        Value::Range(r) => Some(Rc::as_ptr(r) as *const () as usize),
        Value::Decimal(d) => Some(Rc::as_ptr(d) as *const () as usize),
        _ => None,
    };
    if let Some(at) = at {
        return at as i64;
    }
    let mut h = DefaultHasher::new();
    v.type_name().hash(&mut h);
    me.repr_value(v).unwrap_or_default().hash(&mut h);
    // Aligned and positive, as an address is.
    ((h.finish() >> 20) << 4) as i64
}

fn id(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(Value::Int(address(me, &a.pos[0])))
}

/// `vars(obj)`: `obj.__dict__`.
fn vars(me: &mut Interp, a: Args) -> Result<Value> {
    if a.pos.is_empty() && a.kw.is_empty() {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            "vars() without an argument (the session's local names) is not available in ormsh",
        )
        .with_help("vars(obj) gives obj.__dict__; dir() lists names"));
    }
    a.count(1, 1)?;
    me.get_attr(&a.pos[0], &Rc::from("__dict__"))
        .map_err(|_| Error::type_("vars() argument must have __dict__ attribute"))
}

/// `object()`: a bare object, equal only to itself.
pub struct BareObject;

impl Object for BareObject {
    fn type_name(&self) -> &str {
        "object"
    }
}

fn object(_: &mut Interp, a: Args) -> Result<Value> {
    if !a.pos.is_empty() || !a.kw.is_empty() {
        return Err(Error::type_("object() takes no arguments"));
    }
    Ok(Value::obj(BareObject))
}

/// `<object object at 0x…>`, as CPython prints it.
pub fn repr_of(v: &Value) -> Option<String> {
    let o = v.downcast::<BareObject>()?;
    let at = Rc::as_ptr(&o) as *const () as usize;
    Some(format!("<object object at {at:#x}>"))
}

/// `ascii(x)`: `repr(x)` with each non-ASCII character escaped
/// (`\xe9`, `\u20ac`, `\U0001f600`).
fn ascii(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let text = me.repr_value(&a.pos[0])?;
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let n = u32::from(c);
        match n {
            0..=0x7f => out.push(c),
            0x80..=0xff => out.push_str(&format!("\\x{n:02x}")),
            0x100..=0xffff => out.push_str(&format!("\\u{n:04x}")),
            _ => out.push_str(&format!("\\U{n:08x}")),
        }
    }
    Ok(Value::str(&out))
}
