//! `name = property(fget, fset)` in a model's class body: Python's
//! `property()` called with the class's own methods (the flaskr example's
//! `password = property(fset=set_password)`), made a property of the model
//! as `@property` / `@name.setter` make one. Reading one with no getter is
//! Python's `AttributeError: property 'x' of 'M' object has no getter`.
//! Also `name = method` (`__str__ = __repr__`): a class-body assignment of
//! an earlier method's name binds the same function to another name, as
//! Python's class body does.

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::schema::methods::{MethodKind, Methods, ModelMethod};
use crate::syntax::ast::{
    Arg, Expr, ExprKind, FuncDef, Ident, Member, ModelDef, Param, ParamKind, Stmt, StmtKind,
};
use crate::value::Value;

/// Is `value` a call of `property(...)` (the built-in, by its name)?
pub fn is_property_call(value: &Expr) -> bool {
    matches!(&value.kind, ExprKind::Call { func, .. }
        if matches!(&func.kind, ExprKind::Name(n) if &**n == "property"))
}

/// The method an alias member names (`__str__ = __repr__`: the value is
/// the bare name of a `def` earlier in the class body, or of a `def
/// __repr__`/`__str__` kept as a member), or None when `m` is no alias.
pub fn method_alias<'a>(def: &'a ModelDef, m: &'a Member) -> Option<&'a str> {
    let ExprKind::Name(n) = &m.value.kind else {
        return None;
    };
    let earlier = |at: crate::syntax::span::Span| at.start < m.span.start;
    let method = def
        .methods
        .iter()
        .any(|f| f.name.name == *n && earlier(f.name.span));
    let repr = matches!(&**n, "__repr__" | "__str__")
        && def
            .members
            .iter()
            .any(|o| o.name.name == *n && earlier(o.span) && is_def_member(o));
    (*n != m.name.name && (method || repr)).then_some(&**n)
}

/// A `def __repr__(self): return EXPR` kept as a member (its value lies
/// inside the `def`, after its name), not `__repr__ = EXPR`.
pub fn is_def_member(m: &Member) -> bool {
    m.value.span.start > m.name.span.end && m.name.span.start > m.span.start
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

    /// The alias members of `def` (`display = greet`, `__str__ =
    /// __repr__` when `__repr__` is a method), as the methods they name
    /// bound to another name in `out`; a method left out leaves its
    /// alias out too, with the same reason.
    pub(crate) fn alias_members(&mut self, def: &ModelDef, out: &mut Methods) -> Result<()> {
        for m in &def.members {
            let Some(n) = method_alias(def, m) else {
                continue;
            };
            let name = m.name.name.clone();
            // `describe = __repr__` of a `def __repr__(self): return EXPR`
            // kept as a member: a method returning EXPR.
            let repr = def
                .members
                .iter()
                .find(|o| &*o.name.name == n && is_def_member(o));
            if let Some(r) = repr
                && !matches!(&*name, "__repr__" | "__str__")
            {
                let f = std::rc::Rc::new(FuncDef {
                    name: m.name.clone(),
                    params: vec![Param {
                        name: Ident {
                            name: "self".into(),
                            span: r.name.span,
                        },
                        default: None,
                        kind: ParamKind::PositionalOrKeyword,
                    }],
                    body: vec![Stmt {
                        kind: StmtKind::Return(Some(r.value.clone())),
                        span: r.value.span,
                    }],
                    decorators: Vec::new(),
                    generator: false,
                });
                let func = self.make_function_in(&f, Some(def.name.name.clone()))?;
                out.defined.retain(|d| d.name != name);
                out.defined.push(ModelMethod {
                    name,
                    kind: MethodKind::Method,
                    func,
                    setter: None,
                    expression: None,
                });
            } else if let Some(d) = out.defined.iter().find(|d| &*d.name == n) {
                let alias = ModelMethod {
                    name: name.clone(),
                    kind: d.kind,
                    func: d.func.clone(),
                    setter: d.setter.clone(),
                    expression: d.expression.clone(),
                };
                out.defined.retain(|d| d.name != name);
                out.defined.push(alias);
            } else if let Some((_, why)) = out.skipped.iter().find(|(s, _)| &**s == n) {
                let why = why.clone();
                out.skipped.push((name, why));
            }
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
