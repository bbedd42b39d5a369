//! `text('… :x').bindparams(x=1)` (SQLAlchemy's `TextClause.bindparams`):
//! values for a `text()`'s `:name` placeholders kept with it — used where
//! the text is a condition or an ordering, and as the defaults of
//! `db.session.execute(text(...), params)`, whose own values win.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::TextClause;
use crate::sql::ast::Param;
use crate::sql::text::bind_names;
use crate::value::Value;
use crate::value::dict::Dict;

/// The bound values of a `text()`, as the compiler binds them.
pub fn binds(t: &TextClause) -> Result<Vec<(Rc<str>, Param)>> {
    t.1.iter()
        .map(|(n, v)| Ok((n.clone(), crate::orm::convert_types::raw_param(v)?)))
        .collect()
}

/// `t.bindparams(x=1, y=2)`: a new `text()` with these values; a name
/// its SQL has no `:name` for is SQLAlchemy's ArgumentError.
pub fn bindparams(_: &mut Interp, t: &Rc<TextClause>, mut a: Args) -> Result<Value> {
    if let Some(v) = a.pos.first() {
        return Err(Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "bindparams() of {} is not supported by ormsh: give the values by name",
                v.type_name()
            ),
        )
        .at(a.span_of(0))
        .with_help("write text('... :x').bindparams(x=value)"));
    }
    let names = bind_names(&t.0);
    let mut out = t.1.clone();
    for (k, v, _) in std::mem::take(&mut a.kw) {
        if !names.contains(&k) {
            return Err(Error::new(
                ErrorKind::ArgumentError,
                format!("This text() construct doesn't define a bound parameter named '{k}'"),
            )
            .with_help(format!("the SQL's placeholders: {}", placeholders(&names))));
        }
        out.retain(|(n, _)| *n != k);
        out.push((k, v));
    }
    Ok(Value::obj(TextClause(t.0.clone(), out)))
}

fn placeholders(names: &[Rc<str>]) -> String {
    if names.is_empty() {
        return "none".to_owned();
    }
    names
        .iter()
        .map(|n| format!(":{n}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The parameters `db.session.execute(t, params)` runs with: the
/// text's own values under the given ones (each dict of a list).
pub fn execute_params(t: &TextClause, params: Option<Value>) -> Option<Value> {
    if t.1.is_empty() {
        return params;
    }
    let merged = |given: Option<&Value>| -> Value {
        let mut d = Dict::default();
        for (k, v) in &t.1 {
            d.insert_str(k, v.clone());
        }
        if let Some(Value::Dict(g)) = given {
            for (k, v) in g.borrow().iter() {
                // The keys come from a dict: hashable.
                let _ = d.insert(k.clone(), v.clone());
            }
        }
        Value::Dict(Rc::new(std::cell::RefCell::new(d)))
    };
    match &params {
        None | Some(Value::None) => Some(merged(None)),
        Some(d @ Value::Dict(_)) => Some(merged(Some(d))),
        Some(Value::List(l)) => {
            let items = l.borrow().iter().map(|d| merged(Some(d))).collect();
            Some(Value::list(items))
        }
        _ => params,
    }
}
