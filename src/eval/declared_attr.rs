//! `@declared_attr` functions of a model and of its mixins and abstract
//! bases (`__tablename__`, `__table_args__`, columns, relationships):
//! called with the class being declared, as SQLAlchemy's declarative scan
//! does (`_produce_column_copies`, `_setup_table`), once per model. While
//! the model is being made its class is a [`DeclaringClass`]: its
//! `__name__`, its `__tablename__` (the one given, else Flask-SQLAlchemy's
//! name from the class) and the members already read; any other attribute
//! refuses the class with an error naming it, so nothing a function would
//! build is dropped.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::function::Function;
use crate::eval::scope::Frame;
use crate::eval::surface::Class;
use crate::syntax::ast::{Expr, ExprKind, FuncDef, Member};
use crate::value::{Object, Value};

/// The class a `@declared_attr` function is called with while its model
/// is being declared.
pub struct DeclaringClass {
    pub name: Rc<str>,
    pub tablename: Rc<str>,
    /// The class body's names read so far (its columns, as expressions).
    pub body: Option<Frame>,
}

impl Object for DeclaringClass {
    fn type_name(&self) -> &str {
        "DefaultMeta"
    }
}

/// A name no source text can spell, under which a function's value is
/// bound while its member is read.
fn bound_name(member: &str) -> Rc<str> {
    Rc::from(format!(" declared_attr {member}"))
}

/// Is `name` one [`bound_name`] made?
pub fn is_bound_name(name: &str) -> bool {
    name.starts_with(" declared_attr ")
}

impl Interp {
    /// Call the `@declared_attr` function `f` (read from `text`) with the
    /// class `class` (its table `table`), bind its value in the class body
    /// and give the member that reads it.
    pub(crate) fn declared_member(
        &mut self,
        f: &Rc<FuncDef>,
        class: &Rc<str>,
        table: Rc<str>,
    ) -> Result<Member> {
        let made = self.make_function_in(f, None)?;
        let func = made
            .downcast::<Function>()
            .expect("make_function_in makes a Function");
        let cls = Value::obj(DeclaringClass {
            name: class.clone(),
            tablename: table,
            body: self.locals.last().cloned(),
        });
        let mut a = Args::new(&f.name.name, vec![cls]);
        a.span = f.name.span;
        let v = self
            .call_function(&func, a)
            .map_err(|e| e.at(f.name.span))?;
        let name = bound_name(&f.name.name);
        if let Some(frame) = self.locals.last() {
            frame.borrow_mut().push((name.clone(), v));
        }
        Ok(Member {
            name: f.name.clone(),
            span: f.name.span,
            value: Expr {
                kind: ExprKind::Name(name),
                span: f.name.span,
            },
            annotation: None,
        })
    }
}

/// The member a model's own `@declared_attr def name(cls)` stands for
/// until it is called (`Interp::declared_member` gives its value).
pub fn placeholder(f: &FuncDef) -> Member {
    Member {
        name: f.name.clone(),
        span: f.name.span,
        value: Expr {
            kind: ExprKind::Name(f.name.name.clone()),
            span: f.name.span,
        },
        annotation: None,
    }
}

type R = Rc<DeclaringClass>;

/// `cls.name` for a name of the class body read so far.
fn body_attr(_: &mut Interp, c: &R, name: &str) -> Option<Result<Value>> {
    let frame = c.body.as_ref()?;
    let vars = frame.borrow();
    let (_, v) = vars
        .iter()
        .rev()
        .find(|(n, _)| &**n == name && !is_bound_name(n))?;
    Some(Ok(v.clone()))
}

fn body_names(_: &mut Interp, c: &R) -> Vec<Rc<str>> {
    c.body
        .as_ref()
        .map(|f| {
            (f.borrow().iter())
                .filter(|(n, _)| !is_bound_name(n))
                .map(|(n, _)| n.clone())
                .collect()
        })
        .unwrap_or_default()
}

fn missing(_: &mut Interp, c: &R, name: &str, _: &str) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "a @declared_attr function of {} reads cls.{name}: ormsh calls it while {} is being declared, with cls.__name__, cls.__tablename__ and the class's members defined above it",
            c.name, c.name
        ),
    )
    .with_help("name the column or table as a string (db.Index('ix_code', 'code')), or define the member above the function")
}

/// The class a `@declared_attr` function is called with.
pub static DECLARING_CLASS: Class<R> = Class::new(
    "DefaultMeta",
    &[
        crate::eval::surface::Member::attr(
            "__name__",
            |_, c: &R| Ok(Value::str(&c.name)),
            "the class's name",
        ),
        crate::eval::surface::Member::attr(
            "__qualname__",
            |_, c: &R| Ok(Value::str(&c.name)),
            "the class's qualified name",
        ),
        crate::eval::surface::Member::attr(
            "__tablename__",
            |_, c: &R| Ok(Value::str(&c.tablename)),
            "the table's name: the one given, else Flask-SQLAlchemy's from the class name",
        ),
    ],
)
.with_dynamic(body_attr, body_names)
.with_missing(missing);
