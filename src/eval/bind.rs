//! Binding a call's arguments to a `def`'s parameters as CPython does
//! (`initialize_locals` in ceval.c): positional arguments fill the plain
//! parameters, the rest go to `*args`; keywords find their parameter (not
//! a positional-only one) or go to `**kwargs`; defaults fill the gaps — in
//! CPython's order of checks and with its messages.

use std::cell::RefCell;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::args::Args;
use crate::syntax::ast::ParamKind;
use crate::value::{Value, dict::Dict};

/// What the binder needs of a function: its parameters and their defaults.
pub struct Shape<'a> {
    /// The name messages give (`f`, `User.__init__`).
    pub qualname: &'a str,
    pub params: &'a [crate::syntax::ast::Param],
    /// One per parameter: its default, if it has one.
    pub defaults: &'a [Option<Value>],
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`.
fn listed(names: &[String]) -> String {
    match names {
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
        [] => String::new(),
    }
}

/// The parameters' values from the arguments, in the parameters' order.
pub fn bind(f: &Shape<'_>, a: Args) -> Result<Vec<(Rc<str>, Value)>> {
    let params = f.params;
    let positional = params
        .iter()
        .filter(|p| {
            matches!(
                p.kind,
                ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword
            )
        })
        .count();
    let var_pos = params
        .iter()
        .position(|p| p.kind == ParamKind::VarPositional);
    let var_kw = params.iter().position(|p| p.kind == ParamKind::VarKeyword);
    let given = a.pos.len();
    let mut slots: Vec<Option<Value>> = vec![None; params.len()];
    let mut pos = a.pos.into_iter();
    for slot in slots.iter_mut().take(positional) {
        match pos.next() {
            Some(v) => *slot = Some(v),
            None => break,
        }
    }
    let extra: Vec<Value> = pos.collect();
    if let Some(i) = var_pos {
        slots[i] = Some(Value::tuple(extra));
    }
    let mut kwargs = Dict::default();
    let mut posonly_as_kw = Vec::new();
    for (k, v, span) in a.kw {
        let found = params.iter().position(|p| {
            p.name.name == k
                && matches!(
                    p.kind,
                    ParamKind::PositionalOrKeyword | ParamKind::KeywordOnly
                )
        });
        let Some(i) = found else {
            if var_kw.is_some() {
                kwargs.insert(Value::str(&k), v)?;
                continue;
            }
            if params
                .iter()
                .any(|p| p.kind == ParamKind::PositionalOnly && p.name.name == k)
            {
                posonly_as_kw.push(k.to_string());
                continue;
            }
            return Err(Error::type_(format!(
                "{}() got an unexpected keyword argument '{k}'",
                f.qualname
            ))
            .at(span));
        };
        if slots[i].is_some() {
            return Err(Error::type_(format!(
                "{}() got multiple values for argument '{k}'",
                f.qualname
            ))
            .at(span));
        }
        slots[i] = Some(v);
    }
    if !posonly_as_kw.is_empty() {
        return Err(Error::type_(format!(
            "{}() got some positional-only arguments passed as keyword arguments: '{}'",
            f.qualname,
            posonly_as_kw.join(", ")
        )));
    }
    if given > positional && var_pos.is_none() {
        return Err(too_many(f, positional, given, &slots));
    }
    if let Some(i) = var_kw {
        slots[i] = Some(Value::Dict(Rc::new(RefCell::new(kwargs))));
    }
    fill_defaults(f, &mut slots)?;
    Ok(params
        .iter()
        .map(|p| p.name.name.clone())
        .zip(slots.into_iter().map(|s| s.unwrap_or(Value::None)))
        .collect())
}

/// The defaults into the parameters not given; the missing ones are
/// CPython's TypeError (positional ones first, then keyword-only).
fn fill_defaults(f: &Shape<'_>, slots: &mut [Option<Value>]) -> Result<()> {
    for kw_only in [false, true] {
        let mut missing = Vec::new();
        for (i, p) in f.params.iter().enumerate() {
            let is_kw = p.kind == ParamKind::KeywordOnly;
            let is_pos = matches!(
                p.kind,
                ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword
            );
            if (kw_only && !is_kw) || (!kw_only && !is_pos) || slots[i].is_some() {
                continue;
            }
            match &f.defaults[i] {
                Some(d) => slots[i] = Some(d.clone()),
                None => missing.push(format!("'{}'", p.name.name)),
            }
        }
        if !missing.is_empty() {
            let what = if kw_only {
                "keyword-only"
            } else {
                "positional"
            };
            return Err(Error::type_(format!(
                "{}() missing {} {}: {}",
                f.qualname,
                missing.len(),
                if missing.len() == 1 {
                    format!("required {what} argument")
                } else {
                    format!("required {what} arguments")
                },
                listed(&missing)
            )));
        }
    }
    Ok(())
}

/// CPython's `too_many_positional`.
fn too_many(f: &Shape<'_>, positional: usize, given: usize, slots: &[Option<Value>]) -> Error {
    let with_default = (f.params.iter().zip(f.defaults))
        .filter(|(p, d)| {
            d.is_some()
                && matches!(
                    p.kind,
                    ParamKind::PositionalOnly | ParamKind::PositionalOrKeyword
                )
        })
        .count();
    let kwonly_given = (f.params.iter().zip(slots))
        .filter(|(p, s)| p.kind == ParamKind::KeywordOnly && s.is_some())
        .count();
    let takes = if with_default > 0 {
        format!(
            "from {} to {positional} positional arguments",
            positional - with_default
        )
    } else {
        plural(positional, "positional argument", "positional arguments")
    };
    let given_text = if kwonly_given > 0 {
        format!(
            "{} (and {}) were",
            plural(given, "positional argument", "positional arguments"),
            plural(
                kwonly_given,
                "keyword-only argument",
                "keyword-only arguments"
            )
        )
    } else if given == 1 {
        "1 was".to_string()
    } else {
        format!("{given} were")
    };
    Error::type_(format!(
        "{}() takes {takes} but {given_text} given",
        f.qualname
    ))
}
