//! Mixins of a model: `class TimestampMixin:` with columns (`created =
//! db.Column(...)`, `updated: Mapped[datetime] = mapped_column(...)`),
//! then `class Post(TimestampMixin, db.Model):`. As SQLAlchemy's
//! declarative scan (`_produce_column_copies`), each model gets its own
//! copy of a mixin's columns and relationships: the mixin's member
//! expressions are evaluated again for each model, after the model's own
//! members, a name the model defines itself staying the model's. A
//! `@declared_attr` function is that member, called with the model's class
//! (`eval::declared_attr`); a mixin's other methods (and properties) are the
//! model's too (`mixin_methods`, made in `methods`), and the model's
//! objects are instances of its mixins.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::pyclass::PyClass;
use crate::syntax::ast::{ClassDef, Expr, ExprKind, Ident, Member, ModelDef, Stmt, StmtKind};
use crate::value::Value;

/// One member a mixin gives: the member, the mixin's name (as the model's
/// bases name it) and the text its spans point into.
pub struct MixinMember {
    pub member: Member,
    pub mixin: Ident,
    pub text: Rc<str>,
    /// Made by a `@declared_attr` function (a relationship may be),
    /// which the model calls with its class (`eval::declared_attr`).
    pub declared_attr: Option<Rc<crate::syntax::ast::FuncDef>>,
}

/// One member of a class body as the model reads it: the member, the
/// mixin giving it (if any), and the `@declared_attr` function making it.
pub(crate) type BodyMember<'a> = (
    &'a Member,
    Option<&'a MixinMember>,
    Option<&'a Rc<crate::syntax::ast::FuncDef>>,
);

/// A mixin's method, its mixin's name and the text its spans point into.
pub type MixinMethod = (Rc<crate::syntax::ast::FuncDef>, Rc<str>, Rc<str>);

impl Interp {
    /// The members `def`'s mixins give it, in the order of its bases,
    /// without the names the model defines itself.
    pub(crate) fn mixin_members(&mut self, def: &ModelDef) -> Result<Vec<MixinMember>> {
        let mut out: Vec<MixinMember> = Vec::new();
        for mixin in &def.mixins {
            let class = self.mixin_class(mixin)?;
            let Some((stmt, text)) = &class.statement else {
                return Err(not_a_mixin(mixin));
            };
            let Some((members, methods, declared)) = crate::syntax::mixin_members(stmt) else {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    format!(
                        "ormsh takes a mixin's columns and relationships; the body of {} holds other statements",
                        mixin.name
                    ),
                )
                .at(mixin.span)
                .with_help("give the mixin only name = db.Column(...) / name: Mapped[...] = mapped_column(...) lines"));
            };
            // Its methods are the model's too (`mixin_methods`).
            let _ = methods;
            for m in members {
                // A base's docstring is not the model's (Python's
                // `__doc__` is not inherited).
                if matches!(&*m.name.name, "__abstract__" | "__doc__") {
                    continue;
                }
                // Python's class attributes: a base's `__tablename__` or
                // `__table_args__` is the model's unless it sets its own
                // (SQLAlchemy reads them with getattr on the class).
                let schema_dunder = matches!(
                    &*m.name.name,
                    "__tablename__" | "__table_args__" | "__mapper_args__"
                );
                if m.name.name.starts_with("__") && !schema_dunder {
                    return Err(Error::new(
                        ErrorKind::NotImplementedError,
                        format!(
                            "ormsh takes a mixin's columns and relationships; {}.{} is not one",
                            mixin.name, m.name.name
                        ),
                    )
                    .at(mixin.span)
                    .with_help(format!("set {} in each model", m.name.name)));
                }
                let by_function = declared.iter().find(|d| d.name.name == m.name.name);
                let taken = def.members.iter().any(|o| o.name.name == m.name.name)
                    || (def.methods.iter())
                        .any(|f| f.name.name == m.name.name && crate::syntax::is_declared_attr(f))
                    || out.iter().any(|o| o.member.name.name == m.name.name);
                if !taken {
                    out.push(MixinMember {
                        member: m,
                        mixin: mixin.clone(),
                        text: text.clone(),
                        declared_attr: by_function.cloned(),
                    });
                }
            }
        }
        Ok(out)
    }

    /// The methods `def`'s mixins give it (not `@declared_attr` ones),
    /// each with its mixin's name and text, the last base's first; the
    /// mixin classes pushed to `classes`.
    pub(crate) fn mixin_methods(
        &mut self,
        def: &ModelDef,
        classes: &mut Vec<Value>,
    ) -> Result<Vec<MixinMethod>> {
        let mut out = Vec::new();
        for mixin in def.mixins.iter().rev() {
            let class = self.mixin_class(mixin)?;
            classes.push(Value::Obj(class.clone()));
            let Some((stmt, text)) = &class.statement else {
                continue;
            };
            if let Some((_, methods, _)) = crate::syntax::mixin_members(stmt) {
                for f in methods {
                    out.push((f, class.name.clone(), text.clone()));
                }
            }
        }
        Ok(out)
    }

    /// The plain class a mixin base names (read as a global while
    /// declaring: a stored model's mixin is stored beside it).
    fn mixin_class(&self, mixin: &Ident) -> Result<Rc<PyClass>> {
        let v = if self.is_declaring() {
            self.get_global(&mixin.name).cloned()
        } else {
            self.lookup(&mixin.name)
        };
        let Some(v) = v else {
            return Err(Error::name(format!("name '{}' is not defined", mixin.name)).at(mixin.span));
        };
        match v.downcast::<PyClass>() {
            Some(c) if !c.is_enum() && c.base.is_none() => Ok(c),
            _ => Err(not_a_mixin(mixin)),
        }
    }

    /// `class Base(db.Model): __abstract__ = True …`: no table; a class
    /// whose members each model based on it gets a copy of, as a mixin's
    /// (`class Item(Base):`). `Ok(false)`: `def` is not abstract.
    pub(crate) fn define_abstract(&mut self, def: &ModelDef) -> Result<bool> {
        let Some(flag) = def.members.iter().find(|m| &*m.name.name == "__abstract__") else {
            return Ok(false);
        };
        if !self.eval(&flag.value)?.truthy() {
            return Ok(false);
        }
        let body = def
            .members
            .iter()
            .map(|m| Stmt {
                kind: match &m.annotation {
                    Some(a) => StmtKind::AnnAssign {
                        target: name_expr(&m.name),
                        annotation: a.clone(),
                        value: Some(m.value.clone()),
                    },
                    None => StmtKind::Assign {
                        target: name_expr(&m.name),
                        value: m.value.clone(),
                    },
                },
                span: m.span,
            })
            .chain(def.methods.iter().map(|f| Stmt {
                kind: StmtKind::Def(f.clone()),
                span: f.name.span,
            }))
            .collect();
        // Its own bases (mixins, an abstract model it is based on) stay
        // its bases: a model based on it takes their members and methods
        // too (`on_abstract_base`), as Python's MRO reaches them.
        let stmt = Rc::new(ClassDef {
            name: def.name.clone(),
            bases: def.mixins.iter().map(name_expr).collect(),
            body,
            decorators: Vec::new(),
        });
        let class = Rc::new(PyClass {
            name: def.name.name.clone(),
            base: None,
            dict: std::cell::RefCell::new(Vec::new()),
            enum_kind: None,
            members: std::cell::RefCell::new(Vec::new()),
            doc: None,
            statement: Some((stmt, self.source.clone())),
        });
        if self.locals.is_empty() {
            self.class_defined(&def.name.name);
        }
        self.set_global(def.name.name.clone(), Value::Obj(class));
        Ok(true)
    }

    /// `class Item(Base):` on an abstract model: the model with `Base` as
    /// its first mixin.
    pub(crate) fn on_abstract_base(&self, def: &ModelDef) -> Option<ModelDef> {
        let base = match (&def.base, &def.bare_model) {
            (Some((b, _)), _) | (None, Some(b)) => b,
            (None, None) => return None,
        };
        let v = self.get_global(&base.name)?;
        if !is_abstract_model(v) {
            return None;
        }
        let mut d = def.clone();
        let mut chain = Vec::new();
        self.abstract_chain(base, &mut chain);
        d.mixins.splice(0..0, chain);
        d.base = None;
        d.plain = None;
        d.bare_model = None;
        Some(d)
    }
}

impl Interp {
    /// `base`, an abstract model, then its bases in the order Python's
    /// MRO reaches them (an abstract model based on another, `class
    /// Model(CRUDMixin, db.Model): __abstract__ = True`), each once.
    fn abstract_chain(&self, base: &Ident, out: &mut Vec<Ident>) {
        if out.iter().any(|b| b.name == base.name) {
            return;
        }
        out.push(base.clone());
        let Some(class) = self
            .get_global(&base.name)
            .and_then(|v| v.downcast::<PyClass>())
        else {
            return;
        };
        let Some((stmt, _)) = &class.statement else {
            return;
        };
        if !is_abstract_model(&Value::Obj(class.clone())) {
            return;
        }
        for b in &stmt.bases {
            if let ExprKind::Name(n) = &b.kind {
                let ident = Ident {
                    name: n.clone(),
                    span: base.span,
                };
                self.abstract_chain(&ident, out);
            }
        }
    }
}

/// Is `v` an abstract model's class (`__abstract__ = True`)?
pub fn is_abstract_model(v: &Value) -> bool {
    v.downcast::<PyClass>().is_some_and(|c| {
        c.statement.as_ref().is_some_and(|(d, _)| {
            d.body.iter().any(|s| {
                matches!(&s.kind, StmtKind::Assign { target, .. }
                    if matches!(&target.kind, ExprKind::Name(n) if &**n == "__abstract__"))
            })
        })
    })
}

fn name_expr(n: &Ident) -> Expr {
    Expr {
        kind: ExprKind::Name(n.name.clone()),
        span: n.span,
    }
}

/// A base before `db.Model` that is not a plain class of columns.
fn not_a_mixin(mixin: &Ident) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "ormsh takes a plain class of columns as a mixin before db.Model; {} is not one",
            mixin.name
        ),
    )
    .at(mixin.span)
    .with_help("class TimestampMixin: created = db.Column(db.DateTime) — then class Post(TimestampMixin, db.Model):")
}

/// An error in a mixin's member, pointed at the mixin among the model's
/// bases (its own span is in the mixin's text).
pub fn in_mixin(e: Error, m: &MixinMember) -> Error {
    let mut out = Error::new(
        e.kind,
        format!(
            "{} (in the mixin {}'s {})",
            e.message, m.mixin.name, m.member.name.name
        ),
    )
    .at(m.mixin.span);
    out.exc = e.exc;
    out
}

/// SQLAlchemy's refusal of a mixin's `relationship()` that is not made
/// by a `@declared_attr` function (`_scan_attributes`).
pub fn untyped_relationship() -> Error {
    Error::new(
        ErrorKind::InvalidRequestError,
        "Mapper properties (i.e. deferred,column_property(), relationship(), etc.) must be declared as @declared_attr callables on declarative mixin classes.  For dataclass field() objects, use a lambda:",
    )
    .with_help("make it a function: @declared_attr then def user(cls): return db.relationship('User')")
}

/// `sqlalchemy.orm.declared_attr` as a decorator: the function itself (a
/// `@declared_attr def user_id(cls): ...` of a model or mixin is read
/// from its text as the member `user_id`, which the model calls with its
/// class, `eval::declared_attr`).
pub fn declared_attr(_: &mut Interp, a: Args) -> Result<Value> {
    a.count(1, 1)?;
    Ok(a.pos[0].clone())
}
