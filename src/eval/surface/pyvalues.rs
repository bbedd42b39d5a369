//! The members of `bytes`, `decimal.Decimal` and `uuid.UUID` values, as
//! Python defines them (`b.hex()`, `b.decode()`, `d.quantize(…)`,
//! `u.hex`, …).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::{Class, Member, Receiver, Sig};
use crate::value::decimal::Decimal;
use crate::value::{Value, pyuuid};

/// A `bytes` receiver.
pub struct Bytes(Rc<[u8]>);

impl Receiver for Bytes {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Bytes(b) => Some(Bytes(b.clone())),
            // A bytearray reads as its bytes (`value::bytearray`).
            Value::Obj(o) if let Some(Value::Bytes(b)) = o.mixin_value() => Some(Bytes(b.clone())),
            _ => None,
        }
    }
}

impl Receiver for Rc<Decimal> {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Decimal(d) => Some(d.clone()),
            _ => None,
        }
    }
}

/// A `uuid.UUID` receiver.
pub struct Uuid(u128);

impl Receiver for Uuid {
    fn from_value(v: &Value) -> Option<Self> {
        match v {
            Value::Uuid(u) => Some(Uuid(u.get())),
            _ => None,
        }
    }
}

fn hex(_: &mut Interp, b: &Bytes, a: Args) -> Result<Value> {
    a.count(0, 0)?;
    crate::value::reserve_str(b.0.len().saturating_mul(2))?;
    Ok(Value::str(
        &b.0.iter().map(|x| format!("{x:02x}")).collect::<String>(),
    ))
}

fn decode(_: &mut Interp, b: &Bytes, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "encoding")?;
    a.keyword_at(1, "errors")?;
    a.count(0, 2)?;
    let (encoding, errors) = (a.pos.first().cloned(), a.pos.get(1).cloned());
    let text = |v: Option<Value>, dflt: &str| -> Result<String> {
        match &v {
            None => Ok(dflt.to_string()),
            Some(Value::Str(s)) => Ok(s.to_string()),
            Some(v) => Err(Error::type_(format!(
                "decode() argument must be str, not {}",
                v.type_name()
            ))),
        }
    };
    let (enc, err) = (text(encoding, "utf-8")?, text(errors, "strict")?);
    Ok(Value::str(&crate::eval::decode::decode(&b.0, &enc, &err)?))
}

/// `b.startswith(prefix)` / `b.endswith(suffix)` with a bytes argument.
fn affix(b: &Bytes, a: &Args, start: bool) -> Result<Value> {
    a.count(1, 1)?;
    let Value::Bytes(p) = &a.pos[0] else {
        return Err(Error::type_(format!(
            "{} first arg must be bytes or a tuple of bytes, not {}",
            if start { "startswith" } else { "endswith" },
            a.pos[0].type_name()
        )));
    };
    Ok(Value::Bool(if start {
        b.0.starts_with(p)
    } else {
        b.0.ends_with(p)
    }))
}

/// The members `bytes` and `bytearray` share.
const BYTES_MEMBERS: &[Member<Bytes>] = &[
    Member::method("hex", hex, Sig::NONE, "the bytes as hexadecimal digits"),
    Member::method(
        "decode",
        decode,
        Sig::kw(&["encoding", "errors"]),
        "the text the bytes encode: decode(encoding='utf-8', errors='strict')",
    ),
    Member::method(
        "startswith",
        |_, b, a| affix(b, &a, true),
        Sig::NONE,
        "do the bytes begin with prefix?",
    ),
    Member::method(
        "endswith",
        |_, b, a| affix(b, &a, false),
        Sig::NONE,
        "do the bytes end with suffix?",
    ),
];

/// `bytes`'s members.
pub static BYTES: Class<Bytes> = Class::new("bytes", BYTES_MEMBERS)
    .with_missing(|_, _, name, hint| refuse_missing("bytes", PY_BYTES, name, hint));

/// `bytearray`'s members: those of `bytes` (ormsh's bytearrays do not
/// change in place).
pub static BYTEARRAY: Class<Bytes> = Class::new("bytearray", BYTES_MEMBERS)
    .with_missing(|_, _, name, hint| refuse_missing("bytearray", PY_BYTEARRAY, name, hint));

fn decimal_arg(v: &Value) -> Result<Decimal> {
    crate::value::decimal::ops::as_decimal(v).ok_or_else(|| {
        Error::type_(format!(
            "conversion from {} to Decimal is not supported",
            v.type_name()
        ))
    })
}

fn quantize(_: &mut Interp, d: &Rc<Decimal>, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "exp")?;
    a.count(0, 1)?;
    let Some(exp) = a.pos.first().cloned() else {
        return Err(Error::type_(
            "quantize() missing required argument 'exp' (pos 1)",
        ));
    };
    let e = decimal_arg(&exp)?;
    Ok(Value::Decimal(Rc::new(d.quantize(e.exponent())?)))
}

/// Python's methods of `Decimal` and `bytes` ormsh does not have: asking
/// for one is a `NotImplementedError` naming it, not an `AttributeError`.
const PY_DECIMAL: &[&str] = &[
    "adjusted",
    "as_integer_ratio",
    "as_tuple",
    "canonical",
    "compare",
    "compare_signal",
    "compare_total",
    "compare_total_mag",
    "conjugate",
    "copy_abs",
    "copy_negate",
    "copy_sign",
    "exp",
    "fma",
    "imag",
    "is_canonical",
    "is_finite",
    "is_infinite",
    "is_nan",
    "is_normal",
    "is_qnan",
    "is_snan",
    "is_subnormal",
    "ln",
    "log10",
    "logb",
    "logical_and",
    "logical_invert",
    "logical_or",
    "logical_xor",
    "max",
    "max_mag",
    "min",
    "min_mag",
    "next_minus",
    "next_plus",
    "next_toward",
    "number_class",
    "radix",
    "real",
    "remainder_near",
    "rotate",
    "same_quantum",
    "scaleb",
    "shift",
    "sqrt",
    "to_eng_string",
    "to_integral",
    "to_integral_exact",
    "to_integral_value",
];
/// The methods of `bytearray` ormsh lacks: those of `bytes`, and the ones
/// that change it in place.
const PY_BYTEARRAY: &[&str] = &[
    "append",
    "clear",
    "copy",
    "extend",
    "insert",
    "pop",
    "remove",
    "reverse",
    "capitalize",
    "center",
    "count",
    "find",
    "fromhex",
    "index",
    "join",
    "lower",
    "replace",
    "split",
    "strip",
    "upper",
];
const PY_BYTES: &[&str] = &[
    "capitalize",
    "center",
    "count",
    "expandtabs",
    "find",
    "fromhex",
    "index",
    "isalnum",
    "isalpha",
    "isascii",
    "isdigit",
    "islower",
    "isspace",
    "istitle",
    "isupper",
    "join",
    "ljust",
    "lower",
    "lstrip",
    "maketrans",
    "partition",
    "removeprefix",
    "removesuffix",
    "replace",
    "rfind",
    "rindex",
    "rjust",
    "rpartition",
    "rsplit",
    "rstrip",
    "split",
    "splitlines",
    "strip",
    "swapcase",
    "title",
    "translate",
    "upper",
    "zfill",
];

/// The error for a missing attribute of a value of `class`, whose Python
/// methods ormsh lacks are `python`.
fn refuse_missing(class: &str, python: &[&str], name: &str, hint: &str) -> Error {
    if python.contains(&name) {
        return Error::new(
            crate::error::ErrorKind::NotImplementedError,
            format!("{class}.{name}() is not supported by ormsh"),
        )
        .with_help(format!("dir() of a {class} lists what ormsh has"));
    }
    Error::attr(format!("'{class}' object has no attribute '{name}'{hint}"))
}

/// `decimal.Decimal`'s members.
pub static DECIMAL: Class<Rc<Decimal>> = Class::new(
    "Decimal",
    &[
        Member::method(
            "quantize",
            quantize,
            Sig::kw(&["exp"]),
            "rounded (half to even) to the exponent of exp: d.quantize(Decimal('0.01'))",
        ),
        Member::method(
            "normalize",
            |_, d, a| {
                a.count(0, 0)?;
                Ok(Value::Decimal(Rc::new(d.normalize()?)))
            },
            Sig::NONE,
            "the same number without trailing zeros",
        ),
        Member::method(
            "is_zero",
            |_, d, a| {
                a.count(0, 0)?;
                Ok(Value::Bool(d.is_zero()))
            },
            Sig::NONE,
            "is it a zero (of either sign)?",
        ),
        Member::method(
            "is_signed",
            |_, d, a| {
                a.count(0, 0)?;
                Ok(Value::Bool(d.is_signed()))
            },
            Sig::NONE,
            "is the sign negative (also for -0)?",
        ),
    ],
)
.with_missing(|_, _, name, hint| refuse_missing("decimal.Decimal", PY_DECIMAL, name, hint));

/// `uuid.UUID`'s members.
pub static UUID: Class<Uuid> = Class::new(
    "UUID",
    &[
        Member::attr(
            "hex",
            |_, u| Ok(Value::str(&pyuuid::hex(u.0))),
            "the 32 hexadecimal digits, as SQLAlchemy stores a Uuid on SQLite",
        ),
        Member::attr(
            "int",
            |_, u| {
                i64::try_from(u.0).map(Value::Int).map_err(|_| {
                    Error::new(
                        crate::error::ErrorKind::OverflowError,
                        "the UUID's 128-bit integer does not fit an ormsh int (64 bits)",
                    )
                    .with_help("use u.hex for its digits")
                })
            },
            "the UUID as a 128-bit integer",
        ),
        Member::attr(
            "version",
            |_, u| Ok(pyuuid::version(u.0).map_or(Value::None, Value::Int)),
            "the version number (4 for uuid4()), or None",
        ),
        Member::attr(
            "urn",
            |_, u| Ok(Value::str(&format!("urn:uuid:{}", pyuuid::hyphenated(u.0)))),
            "the UUID as a URN",
        ),
        Member::attr(
            "bytes",
            |_, u| Ok(Value::Bytes(Rc::from(&u.0.to_be_bytes()[..]))),
            "the 16 bytes, most significant first",
        ),
    ],
);
