//! f-strings: `f"…{expr!r:>10}…"`, nested fields in a spec (`{x:>{w}}`)
//! and the `{expr=}` debug form, written
//! into one buffer (`str`/`repr` straight in for the common case, else
//! through `format_spec`).

use crate::error::Result;
use crate::eval::Interp;
use crate::syntax::ast::FPart;
use crate::value::format::format_spec;
use crate::value::repr::{repr, repr_into, str_into, str_of};
use crate::value::{PyStr, Value};

impl Interp {
    /// An f-string's text: literal parts, each `{expr!conv:spec}` (and
    /// `{expr=}`) formatted as Python's `format()` does.
    pub(super) fn fstring(&mut self, parts: &[FPart]) -> Result<String> {
        let guess: usize = parts
            .iter()
            .map(|p| match p {
                FPart::Lit(t) => t.len(),
                FPart::Expr { .. } => 8,
            })
            .sum();
        let mut s = String::with_capacity(guess);
        for p in parts {
            match p {
                FPart::Lit(t) => s.push_str(t),
                FPart::Expr {
                    expr,
                    conv,
                    spec,
                    spec_fields,
                    debug_text,
                } => {
                    let v = self.eval(expr)?;
                    // `{x:>{w}.2f}`: the spec's own fields first.
                    let spec = match spec_fields {
                        Some(f) => Some(std::rc::Rc::from(self.fstring(f)?.as_str())),
                        None => spec.clone(),
                    };
                    if let Some(d) = debug_text {
                        s.push_str(d);
                    }
                    let conv = conv.or(if debug_text.is_some() && spec.is_none() {
                        Some('r')
                    } else {
                        None
                    });
                    if spec.as_ref().is_none_or(|sp| sp.is_empty()) {
                        // The common case, written straight into the buffer.
                        if let Value::Str(text) = &v {
                            crate::value::grow_str(&mut s, text.len())?;
                        }
                        match conv {
                            Some('r') | Some('a') => repr_into(&v, &mut s, self)?,
                            _ => str_into(&v, &mut s, self)?,
                        }
                        continue;
                    }
                    let v = match conv {
                        Some('r') | Some('a') => Value::Str(PyStr::from(repr(&v, self)?)),
                        Some('s') => Value::Str(PyStr::from(str_of(&v, self)?)),
                        _ => v,
                    };
                    let text = match &spec {
                        Some(spec) if !spec.is_empty() => {
                            format_spec(&v, spec, self).map_err(|e| e.at(expr.span))?
                        }
                        _ => str_of(&v, self)?,
                    };
                    crate::value::grow_str(&mut s, text.len())?;
                    s.push_str(&text);
                }
            }
        }
        Ok(s)
    }
}
