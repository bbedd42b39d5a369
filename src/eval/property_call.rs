//! `name = property(fget, fset)` in a model's class body: Python's
//! `property()` called with the class's own methods (the flaskr example's
//! `password = property(fset=set_password)`), made a property of the model
//! as `@property` / `@name.setter` make one. Reading one with no getter is
//! Python's `AttributeError: property 'x' of 'M' object has no getter`.

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::schema::methods::{MethodKind, Methods, ModelMethod};
use crate::syntax::ast::{Arg, Expr, ExprKind, Member, ModelDef};
use crate::value::Value;

/// Is `value` a call of `property(...)` (the built-in, by its name)?
pub fn is_property_call(value: &Expr) -> bool {
    matches!(&value.kind, ExprKind::Call { func, .. }
        if matches!(&func.kind, ExprKind::Name(n) if &**n == "property"))
}

/// The parts of `property(fget=None, fset=None, fdel=None, doc=None)`
/// ormsh reads: the getter's and setter's expressions.
fn parts(value: &Expr) -> Result<(Option<&Expr>, Option<&Expr>)> {
    let ExprKind::Call { args, .. } = &value.kind else {
        return Ok((None, None));
    };
    let (mut fget, mut fset) = (None, None);
    let mut at = 0;
    for a in args {
        match a {
            Arg::Pos(e) => {
                match at {
                    0 => fget = Some(e),
                    1 => fset = Some(e),
                    2 | 3 => {}
                    _ => {
                        return Err(Error::type_(format!(
                            "property() takes at most 4 arguments ({} given)",
                            at + 1
                        ))
                        .at(e.span));
                    }
                }
                at += 1;
            }
            Arg::Kw(k, e) => match &*k.name {
                "fget" => fget = Some(e),
                "fset" => fset = Some(e),
                "fdel" | "doc" => {}
                other => {
                    return Err(Error::type_(format!(
                        "property() got an unexpected keyword argument '{other}'"
                    ))
                    .at(k.span));
                }
            },
            Arg::Star(e) | Arg::StarStar(e) => {
                return Err(Error::type_(
                    "ormsh reads property() with its functions written out, not unpacked",
                )
                .at(e.span));
            }
        }
    }
    Ok((fget, fset))
}

impl Interp {
    /// The `property(...)` members of `def`, as properties in `out` (after
    /// its methods are made): each function named is one of the class's
    /// methods (or a method left out, whose note then covers the property
    /// too), `None`, or a name bound outside the class.
    pub(crate) fn property_members(&mut self, def: &ModelDef, out: &mut Methods) -> Result<()> {
        let members: Vec<&Member> = def
            .members
            .iter()
            .filter(|m| is_property_call(&m.value))
            .collect();
        for m in members {
            let (fget, fset) = parts(&m.value)?;
            let func = self.property_function(out, fget)?;
            let setter = self.property_function(out, fset)?;
            let name = m.name.name.clone();
            out.defined.retain(|d| d.name != name);
            out.defined.push(ModelMethod {
                name,
                kind: MethodKind::Property,
                func: func.unwrap_or(Value::None),
                setter,
                expression: None,
            });
        }
        Ok(())
    }

    /// One function of a `property(...)` call: a method of the class by
    /// its name, else the value of the expression (a `def` outside the
    /// class); `None` for none.
    fn property_function(&mut self, out: &Methods, e: Option<&Expr>) -> Result<Option<Value>> {
        let Some(e) = e else {
            return Ok(None);
        };
        if let ExprKind::Name(n) = &e.kind {
            if let Some(m) = out.defined.iter().find(|m| m.name == *n) {
                return Ok(Some(m.func.clone()));
            }
            if let Some((_, why)) = out.skipped.iter().find(|(s, _)| s == n) {
                return Err(Error::new(
                    crate::error::ErrorKind::NotImplementedError,
                    format!("property() names {n}, which is left out of the class: {why}"),
                )
                .at(e.span));
            }
        }
        match self.eval(e)? {
            Value::None => Ok(None),
            v if v.is::<crate::eval::function::Function>() => Ok(Some(v)),
            other => Err(Error::type_(format!(
                "ormsh's property() takes functions (def …), not {}",
                other.type_name()
            ))
            .at(e.span)),
        }
    }
}

/// Python's error for reading a property made without a getter.
pub fn no_getter(model: &str, name: &str) -> Error {
    Error::attr(format!(
        "property '{name}' of '{model}' object has no getter"
    ))
}

/// Whether a property's getter is missing (`property(fset=…)`).
pub fn has_no_getter(func: &Value) -> bool {
    matches!(func, Value::None)
}
