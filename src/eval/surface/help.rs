//! `help(obj)` and `dir(obj)`, read from the class tables: what a value
//! offers, with one line each.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::class_of;
use crate::value::{PyStr, Value};

/// `help()` points at the shell's help; `help(obj)` lists the members of
/// the object's type, methods with `()`, each with its line.
pub fn help(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 1)?;
    let Some(v) = a.pos.first() else {
        me.write_line("Type .help for the shell's commands, or see the README for the language.")?;
        return Ok(Value::None);
    };
    let Some(class) = class_of(v) else {
        me.write_line(&format!(
            "{} has no members to list; see the README for the language.",
            v.type_name()
        ))?;
        return Ok(Value::None);
    };
    me.write_line(&format!("Help on {}:", v.type_name()))?;
    let rows: Vec<(String, &str)> = class
        .names()
        .into_iter()
        .filter_map(|n| {
            let (is_method, doc) = class.describe(n)?;
            Some((
                if is_method {
                    format!("{n}()")
                } else {
                    n.to_string()
                },
                doc,
            ))
        })
        .collect();
    let width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    for (name, doc) in rows {
        me.write_line(&format!("  .{name:<width$}  {doc}"))?;
    }
    let dynamic = class.dynamic_names(me, v);
    if !dynamic.is_empty() {
        let names: Vec<&str> = dynamic.iter().map(|n| &**n).collect();
        me.write_line(&format!("  and its own: {}", names.join(", ")))?;
    }
    Ok(Value::None)
}

/// `dir(obj)`: the sorted names of its members and its own attributes
/// (Python's list also holds the dunder names, which ormsh has not).
pub fn dir(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    let v = &a.pos[0];
    let mut names: Vec<Rc<str>> = match class_of(v) {
        Some(class) => {
            let mut n: Vec<Rc<str>> = class.names().into_iter().map(Rc::from).collect();
            n.extend(class.dynamic_names(me, v));
            n
        }
        None => Vec::new(),
    };
    names.sort();
    names.dedup();
    Ok(Value::list(
        names
            .iter()
            .map(|n| Value::Str(PyStr::from(&**n)))
            .collect(),
    ))
}
