//! `help(obj)` and `dir(obj)`, read from the class tables (and, for the
//! date classes, `eval::dates::CLASS_ATTRS`): what a value offers, with
//! one line each; for a method its line and keywords.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::dates::{class_attrs, class_path};
use crate::eval::objects::{BoundMethod, Namespace, Ns};
use crate::eval::surface::{Surface, class_of};
use crate::schema::model::Model;
use crate::value::{PyStr, Value};

/// `help()` points at the shell's help; `help(obj)` lists the members of
/// the object's type, methods with `()`, each with its line; a method
/// (`help(User.query.filter)`) gets its line and keywords; a model and a
/// date class are headed as classes, as Python's `help` heads them.
pub fn help(me: &mut Interp, a: Args) -> Result<Value> {
    a.count(0, 1)?;
    let Some(v) = a.pos.first() else {
        me.write_line("Type .help for the shell's commands, or see the README for the language.")?;
        return Ok(Value::None);
    };
    if let Some(m) = v.downcast::<BoundMethod>()
        && let Some(class) = class_of(&m.recv)
    {
        return help_method(me, class, &m.name);
    }
    if let Some(ns) = v.downcast::<Namespace>()
        && class_of(v).is_none()
    {
        me.write_line(&format!("Help on class {}:", ns_name(ns.0)))?;
        let mut rows: Vec<(String, &str)> = class_attrs(ns.0)
            .map(|c| (format!("{}()", c.name), c.doc))
            .collect();
        if ns.0 == crate::eval::objects::Ns::Timezone {
            rows.extend(
                (crate::eval::dates_tz::TIMEZONE_ATTRS.iter()).map(|(n, d)| (n.to_string(), *d)),
            );
        }
        return write_rows(me, rows);
    }
    let Some(class) = class_of(v) else {
        me.write_line(&format!(
            "{} has no members to list; see the README for the language.",
            v.type_name()
        ))?;
        return Ok(Value::None);
    };
    match v.downcast::<Model>() {
        Some(model) => me.write_line(&format!("Help on class {}:", model.name))?,
        None => me.write_line(&format!("Help on {}:", v.type_name()))?,
    }
    if !class.about().is_empty() {
        me.write_line(&format!("  {}", class.about()))?;
    }
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
    write_rows(me, rows)?;
    let dynamic = class.dynamic_names(me, v);
    if !dynamic.is_empty() {
        let names: Vec<&str> = dynamic.iter().map(|n| &**n).collect();
        me.write_line(&format!("  and its own: {}", names.join(", ")))?;
    }
    Ok(Value::None)
}

/// The date class a namespace stands for, as `help` names it.
fn ns_name(ns: Ns) -> &'static str {
    class_path(ns).trim_start_matches("datetime.")
}

/// One row per member: `.name  doc`, the names aligned.
fn write_rows(me: &mut Interp, rows: Vec<(String, &str)>) -> Result<Value> {
    let width = rows
        .iter()
        .map(|(n, _)| n.chars().count())
        .max()
        .unwrap_or(0);
    for (name, doc) in rows {
        me.write_line(&format!("  .{name:<width$}  {doc}"))?;
    }
    Ok(Value::None)
}

/// `help(obj.method)`: the method's line from its class table, and the
/// keywords it takes (those accepted and ignored with the reason).
fn help_method(me: &mut Interp, class: &dyn Surface, name: &str) -> Result<Value> {
    let doc = class.describe(name).map_or("", |(_, d)| d);
    me.write_line(&format!("Help on method {name} of {}:", class.type_name()))?;
    me.write_line(&format!("  .{name}()  {doc}"))?;
    if let Some(sig) = class.sig(name) {
        let mut kw: Vec<String> = sig.kw.iter().map(|k| k.to_string()).collect();
        kw.extend(
            sig.ignored
                .iter()
                .map(|(k, why)| format!("{k} (ignored: {why})")),
        );
        if sig.any_kw {
            kw.push("any other keyword, checked by the method".to_string());
        }
        me.write_line(&format!(
            "  keywords: {}",
            if kw.is_empty() {
                "none".to_string()
            } else {
                kw.join(", ")
            }
        ))?;
    }
    Ok(Value::None)
}

/// `dir(obj)`: the sorted names of its members and its own attributes
/// (Python's list also holds the dunder names, which ormsh has not).
pub fn dir(me: &mut Interp, a: Args) -> Result<Value> {
    if a.pos.is_empty() && a.kw.is_empty() {
        return Ok(me.scope_dir());
    }
    a.count(1, 1)?;
    let v = &a.pos[0];
    let mut names: Vec<Rc<str>> = match (class_of(v), v.downcast::<Namespace>()) {
        (Some(class), _) => {
            let mut n: Vec<Rc<str>> = class.names().into_iter().map(Rc::from).collect();
            n.extend(class.dynamic_names(me, v));
            n
        }
        // A date class (`datetime`, `date`): its table in `eval::dates`.
        (None, Some(ns)) => crate::eval::dates::class_attr_names(ns.0)
            .into_iter()
            .map(Rc::from)
            .collect(),
        (None, None) => Vec::new(),
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
