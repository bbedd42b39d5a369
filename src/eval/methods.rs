//! A model's methods (the `def`s of a `class` body, SQLAlchemy's mapped
//! class being a plain Python class): made into functions when the class
//! is defined — plain methods, `@property` with its `@x.setter`,
//! `@staticmethod`, `@classmethod`, `@hybrid_property` (`eval::hybrid`) —,
//! read from an object or the model
//! (bound to it as Python binds them) and called. A method ormsh cannot
//! run (another decorator, special methods but `__init__`, Flask's request
//! names, a built-in ormsh lacks) is left out with a note naming it and
//! why; reading it later says the same.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::function::Function;
use crate::eval::property_call::{has_no_getter, is_property_call, no_getter};
use crate::orm::instance::Instance;
use crate::schema::methods::{MethodKind, Methods, ModelMethod};
use crate::schema::model::Model;
use crate::syntax::ast::{Expr, ExprKind, FuncDef, ModelDef, Stmt};
use crate::value::{Object, Value};

/// A mixin's name and the text its methods' spans point into.
type MixinText = (Rc<str>, Rc<str>);

/// A function bound to what it was read from: `user.check_password` (the
/// object) or `User.create` of a `@classmethod` (the model).
pub struct BoundFunction {
    pub recv: Value,
    pub func: Value,
}

impl Object for BoundFunction {
    fn type_name(&self) -> &str {
        "method"
    }
    fn take_values(&mut self) -> Vec<Value> {
        vec![
            std::mem::replace(&mut self.recv, Value::None),
            std::mem::replace(&mut self.func, Value::None),
        ]
    }
}

/// Names of Flask's request side a model method may use: ormsh has no web
/// server, so such a method is left out.
const WEB_NAMES: &[&str] = &[
    "request",
    "url_for",
    "render_template",
    "render_template_string",
    "redirect",
    "flash",
    "abort",
    "jsonify",
    "make_response",
    "send_file",
    "send_from_directory",
    "current_user",
    "login_user",
    "logout_user",
];

/// Python built-ins ormsh does not have (a method calling one is left out).
const MISSING_BUILTINS: &[&str] = &[
    "open",
    "input",
    "globals",
    "locals",
    "exec",
    "eval",
    "compile",
    "memoryview",
];

/// Why ormsh leaves the method `f` out, or None when it runs it.
fn reason(f: &FuncDef) -> Option<String> {
    let name = &*f.name.name;
    if name.starts_with("__")
        && name.ends_with("__")
        && !matches!(name, "__repr__" | "__str__" | "__init__")
    {
        return Some(format!(
            "ormsh runs a model's __init__, __repr__ and __str__, not its other special methods ({name})"
        ));
    }
    let free = names_used(&f.body);
    if let Some(n) = free.iter().find(|n| WEB_NAMES.contains(&&***n)) {
        return Some(format!(
            "it uses {n}: ormsh has no web server, so requests, routes and templates are left to Flask"
        ));
    }
    if let Some(n) = free.iter().find(|n| MISSING_BUILTINS.contains(&&***n)) {
        return Some(format!("it calls {n}(), which ormsh does not provide"));
    }
    None
}

/// Every name read in `body` (its statements' expressions, nested bodies).
fn names_used(body: &[Stmt]) -> Vec<Rc<str>> {
    let mut out = Vec::new();
    let mut bodies = vec![body];
    let mut exprs: Vec<&Expr> = Vec::new();
    while let Some(b) = bodies.pop() {
        for s in b {
            s.kind.parts(&mut exprs, &mut bodies);
        }
    }
    while let Some(e) = exprs.pop() {
        if let ExprKind::Name(n) = &e.kind {
            out.push(n.clone());
        }
        crate::syntax::depth::children(e, &mut exprs);
    }
    out
}

/// The decorator `f` has, as a kind; `Err` names one ormsh does not run.
fn kind_of(f: &FuncDef) -> std::result::Result<(MethodKind, Option<Rc<str>>), String> {
    if let Some(k) = crate::eval::hybrid::kind_of(f) {
        return k;
    }
    match f.decorators.as_slice() {
        [] => Ok((MethodKind::Method, None)),
        [d] => match &d.kind {
            ExprKind::Name(n) if &**n == "property" => Ok((MethodKind::Property, None)),
            ExprKind::Name(n) if &**n == "staticmethod" => Ok((MethodKind::Static, None)),
            ExprKind::Name(n) if &**n == "classmethod" => Ok((MethodKind::Class, None)),
            ExprKind::Attr { value, attr } if &*attr.name == "setter" => match &value.kind {
                ExprKind::Name(p) => Ok((MethodKind::Property, Some(p.clone()))),
                _ => Err("ormsh runs @name.setter of a property of the class".into()),
            },
            _ => Err(format!(
                "ormsh runs @property, @x.setter, @staticmethod and @classmethod, not @{}",
                decorator_text(d)
            )),
        },
        _ => Err("ormsh runs methods with at most one decorator".into()),
    }
}

/// Is `d` a call of `validates` (`@validates('email')`, `@orm.validates(…)`)?
fn is_validates(d: &Expr) -> bool {
    let ExprKind::Call { func, .. } = &d.kind else {
        return false;
    };
    match &func.kind {
        ExprKind::Name(n) => &**n == "validates",
        ExprKind::Attr { attr, .. } => &*attr.name == "validates",
        _ => false,
    }
}

/// `validates('email')` → `validates`, for the note.
fn decorator_text(d: &Expr) -> String {
    match &d.kind {
        ExprKind::Name(n) => n.to_string(),
        ExprKind::Attr { value, attr } => format!("{}.{}", decorator_text(value), attr.name),
        ExprKind::Call { func, .. } => decorator_text(func),
        _ => "…".into(),
    }
}

/// Why a stored model's methods are left out.
const DECLARING: &str = "a model read from a database file keeps its columns and relationships; its methods are not run from the file";

impl Interp {
    /// The methods of a `class` body, made now (their defaults evaluated
    /// in the class body's scope); a note for each one left out.
    pub(crate) fn define_methods(&mut self, def: &ModelDef, table: &str) -> Result<Methods> {
        let mut out = Methods::default();
        // A mixin's methods first, the last base's first, so the model's
        // own and an earlier base's take their place (Python's MRO); each
        // made from its mixin's text.
        let inherited = self.mixin_methods(def, &mut out.mixin_classes)?;
        let own = def.methods.iter().map(|f| (f.clone(), None));
        let all: Vec<(Rc<FuncDef>, Option<MixinText>)> = inherited
            .into_iter()
            .map(|(f, m, t)| (f, Some((m, t))))
            .chain(own)
            .collect();
        for (f, from) in &all {
            let owner = match from {
                Some((m, _)) => m.clone(),
                None => def.name.name.clone(),
            };
            let text = from.as_ref().map(|(_, t)| t.clone());
            let saved = text.map(|t| std::mem::replace(&mut self.source, t));
            let r = self.define_method(def, table, f, owner, &mut out);
            if let Some(s) = saved {
                self.source = s;
            }
            r?;
        }
        if self.is_declaring() {
            for m in def.members.iter().filter(|m| is_property_call(&m.value)) {
                out.skipped.push((m.name.name.clone(), DECLARING.into()));
            }
        } else {
            self.property_members(def, &mut out)?;
            self.alias_members(def, &mut out)?;
        }
        Ok(out)
    }

    /// One method of a model's class body (or of a mixin, `owner`) into
    /// `out`, or a note saying why it is left out.
    fn define_method(
        &mut self,
        def: &ModelDef,
        table: &str,
        f: &Rc<FuncDef>,
        owner: Rc<str>,
        out: &mut Methods,
    ) -> Result<()> {
        {
            // A `@declared_attr` function is a member the class was
            // declared with (`eval::declared_attr`), not a method.
            if crate::syntax::is_declared_attr(f) {
                return Ok(());
            }
            if let Some(v) = self.validates_decorator(f)? {
                let func = self.make_function_in(f, Some(owner.clone()))?;
                crate::eval::validates::register(
                    &mut out.validators,
                    &def.name.name,
                    table,
                    &f.name.name,
                    &v,
                )
                .map_err(|e| e.at(f.name.span))?;
                out.defined.retain(|m| m.name != f.name.name);
                out.defined.push(ModelMethod {
                    name: f.name.name.clone(),
                    kind: MethodKind::Method,
                    func,
                    setter: None,
                    expression: None,
                });
                return Ok(());
            }
            let why = if self.is_declaring() {
                Err(DECLARING.to_string())
            } else {
                match reason(f) {
                    Some(why) => Err(why),
                    None => kind_of(f),
                }
            };
            let (kind, setter_of) = match why {
                Ok(k) => k,
                Err(why) => {
                    self.session.warnings.push(format!(
                        "note: {}.{}() is left out of the class: {why}",
                        def.name.name, f.name.name
                    ));
                    out.skipped.push((f.name.name.clone(), why));
                    return Ok(());
                }
            };
            let func = self.make_function_in(f, Some(owner))?;
            if let Some(p) = setter_of {
                if matches!(kind, MethodKind::Hybrid | MethodKind::HybridMethod) {
                    crate::eval::hybrid::attach_expression(out, &p, func)
                        .map_err(|e| e.at(f.name.span))?;
                    return Ok(());
                }
                match out.defined.iter_mut().find(|m| m.name == p) {
                    Some(m) if matches!(m.kind, MethodKind::Property | MethodKind::Hybrid) => {
                        m.setter = Some(func)
                    }
                    _ => {
                        return Err(Error::name(format!(
                            "name '{p}' is not defined: @{p}.setter follows the @property {p}"
                        ))
                        .at(f.name.span));
                    }
                }
                return Ok(());
            }
            out.defined.retain(|m| m.name != f.name.name);
            out.defined.push(ModelMethod {
                name: f.name.name.clone(),
                kind,
                func,
                setter: None,
                expression: None,
            });
        }
        Ok(())
    }

    /// The `@validates(...)` decorator of `f`, evaluated (Python's NameError
    /// when `validates` was not imported); None for other methods.
    fn validates_decorator(
        &mut self,
        f: &FuncDef,
    ) -> Result<Option<Rc<crate::eval::validates::Validates>>> {
        let [d] = f.decorators.as_slice() else {
            return Ok(None);
        };
        if self.is_declaring() || !is_validates(d) {
            return Ok(None);
        }
        let v = self.eval(d)?;
        match v.downcast::<crate::eval::validates::Validates>() {
            Some(v) => Ok(Some(v)),
            None => Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "ormsh runs @validates from sqlalchemy.orm; this @{} is something else",
                    decorator_text(d)
                ),
            )
            .at(d.span)),
        }
    }

    /// `obj.name` for a method of the object's model: bound, a property's
    /// value, a static method's function; a method left out says why.
    pub(crate) fn instance_method(
        &mut self,
        inst: &Rc<Instance>,
        name: &str,
    ) -> Option<Result<Value>> {
        let model = inst.model.clone();
        if let Some(why) = model.methods.skipped(name) {
            return Some(Err(left_out(&model, name, why)));
        }
        let m = model.methods.get(name)?;
        let recv = Value::Obj(inst.clone());
        Some(match m.kind {
            MethodKind::Method | MethodKind::HybridMethod => Ok(bound(recv, &m.func)),
            MethodKind::Property if has_no_getter(&m.func) => Err(no_getter(&model.name, name)),
            MethodKind::Property | MethodKind::Hybrid => self.call_with_first(&m.func, recv, name),
            MethodKind::Static => Ok(m.func.clone()),
            MethodKind::Class => Ok(bound(Value::Obj(model.clone()), &m.func)),
        })
    }

    /// `Model.name` for a method: the function itself (a static or plain
    /// method), bound to the model (a class method); a property read from
    /// the class has no object to run on.
    pub(crate) fn model_method(&mut self, model: &Rc<Model>, name: &str) -> Option<Result<Value>> {
        if let Some(why) = model.methods.skipped(name) {
            return Some(Err(left_out(model, name, why)));
        }
        let m = model.methods.get(name)?;
        Some(match m.kind {
            MethodKind::Method | MethodKind::Static => Ok(m.func.clone()),
            MethodKind::Class => Ok(bound(Value::Obj(model.clone()), &m.func)),
            // Called on the model, with it as `self` (or `cls`).
            MethodKind::HybridMethod => {
                let f = m.expression.as_ref().unwrap_or(&m.func);
                Ok(bound(Value::Obj(model.clone()), f))
            }
            MethodKind::Hybrid => {
                let f = m.expression.clone().unwrap_or_else(|| m.func.clone());
                self.call_with_first(&f, Value::Obj(model.clone()), name)
                    .map(|v| crate::eval::hybrid::proxied(v, model, name))
            }
            MethodKind::Property => Err(Error::new(
                ErrorKind::NotImplementedError,
                format!(
                    "{}.{name} is a property: ormsh reads it from an object ({}_obj.{name})",
                    model.name,
                    model.name.to_lowercase()
                ),
            )),
        })
    }

    /// `obj.name = v` for a property: its setter runs; None when `name`
    /// is no property.
    pub(crate) fn set_property(
        &mut self,
        inst: &Rc<Instance>,
        name: &str,
        v: Value,
    ) -> Option<Result<()>> {
        let m = inst.model.methods.get(name)?;
        if !matches!(m.kind, MethodKind::Property | MethodKind::Hybrid) {
            return None;
        }
        let Some(setter) = m.setter.clone() else {
            return Some(Err(Error::attr(format!(
                "property '{name}' of '{}' object has no setter",
                inst.model.name
            ))));
        };
        let a = Args {
            name: Rc::from(name),
            pos: vec![Value::Obj(inst.clone()), v],
            pos_spans: Vec::new(),
            kw: Vec::new(),
            span: Default::default(),
        };
        Some(self.call(&setter, a).map(|_| ()))
    }

    /// A `__repr__`/`__str__` method of the object's model, run.
    pub(crate) fn special_method(
        &mut self,
        inst: &Rc<Instance>,
        name: &str,
    ) -> Option<Result<String>> {
        let m = inst.model.methods.get(name)?;
        let func = m.func.clone();
        let v = self.call_with_first(&func, Value::Obj(inst.clone()), name);
        Some(v.and_then(|v| match v {
            Value::Str(ref s) => Ok(s.to_string()),
            other => Err(Error::type_(format!(
                "{name} returned non-string (type {})",
                other.type_name()
            ))),
        }))
    }

    /// Call a bound function: its receiver first.
    pub(crate) fn call_bound(&mut self, m: &BoundFunction, mut a: Args) -> Result<Value> {
        a.pos.insert(0, m.recv.clone());
        if !a.pos_spans.is_empty() {
            a.pos_spans.insert(0, a.span);
        }
        let f = m.func.downcast::<Function>().expect("a function");
        self.call_function(&f, a)
    }

    fn call_with_first(&mut self, func: &Value, first: Value, name: &str) -> Result<Value> {
        let f = func.downcast::<Function>().expect("a function");
        let a = Args {
            name: Rc::from(name),
            pos: vec![first],
            pos_spans: Vec::new(),
            kw: Vec::new(),
            span: Default::default(),
        };
        self.call_function(&f, a)
    }
}

fn bound(recv: Value, func: &Value) -> Value {
    Value::obj(BoundFunction {
        recv,
        func: func.clone(),
    })
}

/// Is `e` the refusal of a method left out of its class (`left_out`)?
pub fn is_left_out(e: &Error) -> bool {
    e.kind == ErrorKind::NotImplementedError && e.message.contains("() is left out of the class: ")
}

fn left_out(model: &Model, name: &str, why: &str) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!("{}.{name}() is left out of the class: {why}", model.name),
    )
}

/// `<bound method User.check_password of <User 'x'>>` needs the receiver's
/// repr: the parts, for `show`.
pub fn bound_parts(v: &Value) -> Option<(Value, String)> {
    let m = v.downcast::<BoundFunction>()?;
    let f = m.func.downcast::<Function>()?;
    let owner = match m.recv.downcast::<Instance>() {
        Some(i) => i.model.name.clone(),
        None => match m.recv.downcast::<Model>() {
            Some(model) => model.name.clone(),
            None => Rc::from("?"),
        },
    };
    Some((m.recv.clone(), format!("{owner}.{}", f.def.name.name)))
}
