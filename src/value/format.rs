//! `%`-formatting, `str.format` and the format-spec mini-language (STUB).

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::value::Value;
use crate::value::repr::{Host, repr, str_of};

/// `fmt % args` where args is a single value, a tuple, or a dict.
pub fn percent_format(fmt: &str, args: &Value, host: &mut dyn Host) -> Result<String> {
    let args: Vec<Value> = match args {
        Value::Tuple(t) => t.to_vec(),
        v => vec![v.clone()],
    };
    let mut out = String::new();
    let mut it = args.iter();
    let mut chars = fmt.chars();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('%') => out.push('%'),
            Some('r') => out.push_str(&repr(
                it.next()
                    .ok_or_else(|| Error::type_("not enough arguments for format string"))?,
                host,
            )?),
            Some(_) => out.push_str(&str_of(
                it.next()
                    .ok_or_else(|| Error::type_("not enough arguments for format string"))?,
                host,
            )?),
            None => return Err(Error::value("incomplete format")),
        }
    }
    Ok(out)
}

/// `format(value, spec)`: Python's format-spec mini-language.
pub fn format_spec(v: &Value, spec: &str, host: &mut dyn Host) -> Result<String> {
    let _ = spec;
    str_of(v, host)
}

/// `fmt.format(*args, **kwargs)`.
pub fn str_format(
    fmt: &str,
    args: &[Value],
    kwargs: &[(Rc<str>, Value)],
    host: &mut dyn Host,
) -> Result<String> {
    let _ = (args, kwargs, host);
    Ok(fmt.to_string())
}
