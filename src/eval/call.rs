//! Calls: evaluating arguments, then dispatching on what is called —
//! built-ins, bound methods (the class tables of `eval::surface`), models
//! (construction), lambdas, types and namespaces that are callable.

use std::rc::Rc;

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{BoundMethod, FuncName, Lambda, Namespace, Native, Ns, TypeSpec};
use crate::eval::surface;
use crate::orm::expr as orm_expr;
use crate::schema::model::Model;
use crate::syntax::ast::{Arg, Expr};
use crate::syntax::span::Span;
use crate::value::Value;

impl Interp {
    pub(crate) fn eval_call(&mut self, func: &Expr, args: &[Arg], span: Span) -> Result<Value> {
        let f = self.eval(func)?;
        let npos = args.iter().filter(|a| matches!(a, Arg::Pos(_))).count();
        let mut a = Args {
            name: callee_name(func),
            pos: Vec::with_capacity(npos),
            pos_spans: Vec::with_capacity(npos),
            kw: Vec::with_capacity(args.len() - npos),
            span,
        };
        for arg in args {
            match arg {
                Arg::Pos(e) => {
                    a.pos.push(self.eval(e)?);
                    a.pos_spans.push(e.span);
                }
                Arg::Kw(name, e) => {
                    let v = self.eval(e)?;
                    a.kw.push((name.name.clone(), v, name.span));
                }
                Arg::Star(e) => {
                    let v = self.eval(e)?;
                    for item in self.to_vec(&v)? {
                        a.pos.push(item);
                        a.pos_spans.push(e.span);
                    }
                }
                Arg::StarStar(e) => {
                    let v = self.eval(e)?;
                    let Value::Dict(d) = &v else {
                        return Err(Error::type_("argument after ** must be a dict").at(e.span));
                    };
                    for (k, val) in d.borrow().iter() {
                        let Value::Str(k) = k else {
                            return Err(Error::type_("keywords must be strings").at(e.span));
                        };
                        if a.kw.iter().any(|(have, _, _)| **have == **k) {
                            return Err(Error::type_(format!(
                                "{}() got multiple values for keyword argument '{k}'",
                                a.name
                            ))
                            .at(e.span)
                            .with_help(format!("give {k} once, by name or in the ** dict")));
                        }
                        a.kw.push((k.into(), val.clone(), e.span));
                    }
                }
            }
        }
        self.call(&f, a)
    }

    pub fn call(&mut self, f: &Value, a: Args) -> Result<Value> {
        let span = a.span;
        self.enter().map_err(|e| e.at(span))?;
        // A call is a level of Python's recursion (stack::LIMIT).
        let r = crate::stack::nested("", || self.call_inner(f, a)).map_err(|e| e.at(span));
        self.leave();
        r
    }

    fn call_inner(&mut self, f: &Value, mut a: Args) -> Result<Value> {
        if let Some(n) = f.downcast::<Native>() {
            return (n.f)(self, a);
        }
        if let Some(m) = f.downcast::<BoundMethod>() {
            return self.call_method(&m.recv, &m.name, a);
        }
        if let Some(m) = f.downcast::<crate::eval::unbound_method::MethodDescriptor>() {
            return crate::eval::unbound_method::call(self, &m, a);
        }
        if let Some(model) = f.downcast::<Model>() {
            self.refuse_when_declaring(|| format!("make a {} object", model.name))?;
            crate::orm::retire::check_model(&model)?;
            return self.construct(&model, a);
        }
        if let Some(l) = f.downcast::<crate::eval::mapper_events::ListensFor>() {
            return crate::eval::mapper_events::apply(self, &l, a);
        }
        if crate::eval::pymod::functools::is_callable(f) {
            return crate::eval::pymod::functools::call(self, f, a);
        }
        if let Some(c) = f.downcast::<crate::eval::pyclass::PyClass>() {
            return self.call_class(&c, a);
        }
        if let Some(func) = f.downcast::<crate::eval::function::Function>() {
            return self.call_function(&func, a);
        }
        if let Some(m) = f.downcast::<crate::eval::methods::BoundFunction>() {
            return self.call_bound(&m, a);
        }
        if let Some(c) = f.downcast::<crate::eval::pymod::exc::ExcClass>() {
            if crate::eval::http_exc::is_http(c.row())
                && let Some(d) = a.take_kw("description")
            {
                a.pos.insert(0, d);
            }
            a.no_more_kw()?;
            return Ok(crate::eval::exceptions::instantiate(&c, a.pos));
        }
        if let Some(c) = f.downcast::<crate::eval::user_exc::UserExcClass>() {
            a.no_more_kw()?;
            return Ok(crate::eval::user_exc::instantiate(&c, a.pos));
        }
        if let Some(v) = f.downcast::<crate::eval::validates::Validates>() {
            return crate::eval::validates::apply(&v, a);
        }
        if let Some(u) = f.downcast::<crate::eval::pymod::unavailable::Unavailable>() {
            return Err(u.error());
        }
        if let Some(l) = f.downcast::<Lambda>() {
            if l.pure && !self.is_declaring() {
                return self.declaring(|me| me.call_lambda(&l, a));
            }
            return self.call_lambda(&l, a);
        }
        if let Some(t) = f.downcast::<TypeSpec>() {
            return crate::eval::model_def::parametrise_type(self, &t, a);
        }
        if let Some(ns) = f.downcast::<Namespace>() {
            if ns.0 == crate::eval::objects::Ns::Session {
                return crate::eval::session_nested::scoped_call(a);
            }
            return crate::eval::dates::call_namespace(self, ns.0, a);
        }
        if let Some(op) = f.downcast::<crate::orm::constructs::CustomOperator>() {
            a.count(1, 1)?;
            return op.apply(&a.pos[0])?.into_value();
        }
        if let Some(w) = f.downcast::<crate::eval::pymod::web::WebOnly>() {
            return Err(crate::eval::pymod::web::call(&w));
        }
        if let Some(fr) = f.downcast::<surface::result_more::FrozenResult>() {
            return fr.call(a);
        }
        if let Some(fname) = f.downcast::<FuncName>() {
            // `func.cast` is SQLAlchemy's `Cast` construct itself
            // (`register_function("cast", Cast)`).
            if fname.0.eq_ignore_ascii_case("cast") {
                return crate::eval::builtins_sqlexpr::cast(self, a);
            }
            let mut a = a;
            a.bind(&fname.0, &surface::Sig::NONE)?;
            return orm_expr::func(&fname.0, &a.pos)?.into_value();
        }
        Err(Error::type_(format!(
            "'{}' object is not callable",
            f.type_name()
        )))
    }

    /// A lambda's parameters bound from the positional arguments, then the
    /// keywords by name, as Python binds them.
    fn call_lambda(&mut self, l: &Lambda, a: Args) -> Result<Value> {
        let plain = (l.params.iter()).all(|p| {
            p.default.is_none() && p.kind == crate::syntax::ast::ParamKind::PositionalOrKeyword
        });
        if !plain {
            // Defaults, `*args`, `**kwargs`: bound as a `def`'s are.
            let shape = crate::eval::bind::Shape {
                qualname: "<lambda>",
                params: &l.params,
                defaults: &l.defaults,
            };
            let frame = crate::eval::bind::bind(&shape, a)?;
            let saved = self.enter_call(&l.closure, frame);
            let r = self.eval(&l.body);
            self.leave_call(saved);
            return r;
        }
        let names: Vec<Rc<str>> = l.params.iter().map(|p| p.name.name.clone()).collect();
        let signature = format!("<lambda>({})", names.join(", "));
        if a.pos.len() > names.len() {
            return Err(Error::type_(format!(
                "<lambda>() takes {} positional argument{} but {} {} given",
                names.len(),
                if names.len() == 1 { "" } else { "s" },
                a.pos.len(),
                if a.pos.len() == 1 { "was" } else { "were" }
            ))
            .with_help(signature));
        }
        let mut slots: Vec<Option<Value>> = a.pos.into_iter().map(Some).collect();
        slots.resize(names.len(), None);
        for (k, v, span) in a.kw {
            let Some(i) = names.iter().position(|n| *n == k) else {
                return Err(Error::type_(format!(
                    "<lambda>() got an unexpected keyword argument '{k}'{}",
                    crate::eval::suggest::did_you_mean(&k, names.iter().map(|n| &**n))
                ))
                .at(span)
                .with_help(signature));
            };
            if slots[i].is_some() {
                return Err(Error::type_(format!(
                    "<lambda>() got multiple values for argument '{k}'"
                ))
                .at(span)
                .with_help(signature));
            }
            slots[i] = Some(v);
        }
        let missing: Vec<String> = names
            .iter()
            .zip(&slots)
            .filter(|(_, v)| v.is_none())
            .map(|(n, _)| format!("'{n}'"))
            .collect();
        if !missing.is_empty() {
            // Python's list: 'x', 'x' and 'y', 'x', 'y', and 'z'.
            let listed = match missing.as_slice() {
                [one] => one.clone(),
                [a, b] => format!("{a} and {b}"),
                [init @ .., last] => format!("{}, and {last}", init.join(", ")),
                [] => String::new(),
            };
            return Err(Error::type_(format!(
                "<lambda>() missing {} required positional argument{}: {listed}",
                missing.len(),
                if missing.len() == 1 { "" } else { "s" }
            ))
            .with_help(signature));
        }
        let frame = names.into_iter().zip(slots.into_iter().flatten()).collect();
        let saved = self.enter_call(&l.closure, frame);
        let r = self.eval(&l.body);
        self.leave_call(saved);
        r
    }

    /// Call `recv.name(...)`.
    pub fn call_method(&mut self, recv: &Value, name: &str, a: Args) -> Result<Value> {
        self.check_method_call(recv, name)?;
        if let Value::Dict(d) = recv
            && a.pos.is_empty()
            && a.kw.is_empty()
            && let Some(v) = crate::eval::dict_view::view(d, name)
        {
            return Ok(v);
        }
        if let Some(class) = surface::class_of(recv) {
            return class.call(self, recv, name, a);
        }
        Err(Error::attr(format!(
            "'{}' object has no attribute '{name}'",
            recv.type_name()
        )))
    }

    pub fn native(name: &'static str, f: crate::eval::objects::NativeFn) -> Value {
        Value::obj(Native { name, f })
    }

    /// `db`, `db.session`…: one object each, as in Python (`db.session is
    /// db.session`), made once per thread rather than on every access.
    pub fn namespace(ns: Ns) -> Value {
        thread_local! {
            static MADE: std::cell::RefCell<Vec<(Ns, Value)>> =
                const { std::cell::RefCell::new(Vec::new()) };
        }
        MADE.with_borrow_mut(|made| {
            if let Some((_, v)) = made.iter().find(|(n, _)| *n == ns) {
                return v.clone();
            }
            let v = Value::obj(Namespace(ns));
            made.push((ns, v.clone()));
            v
        })
    }
}

/// The name a call's errors use, shared with the syntax tree.
fn callee_name(e: &Expr) -> Rc<str> {
    use crate::syntax::ast::ExprKind;
    match &e.kind {
        ExprKind::Name(n) => n.clone(),
        ExprKind::Attr { attr, .. } => attr.name.clone(),
        _ => Rc::from("function"),
    }
}
