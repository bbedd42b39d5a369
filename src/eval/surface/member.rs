//! A member of a class table: one attribute or method of a Python-visible
//! type, with its body (`MethodFn`, `GetFn`), its keyword signature and its
//! `help()` line. Re-exported from `eval::surface`.

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::value::Value;

use super::Sig;

/// A method's body: the interpreter, the receiver, the bound arguments.
pub type MethodFn<R> = fn(&mut Interp, &R, Args) -> Result<Value>;

/// A data attribute's getter.
pub type GetFn<R> = fn(&mut Interp, &R) -> Result<Value>;

/// A data attribute's setter (`obj.name = v`, where SQLAlchemy's class
/// has a settable property: `engine.echo`).
pub type SetFn<R> = fn(&mut Interp, &R, Value) -> Result<()>;

/// What a member is.
pub enum Kind<T: 'static> {
    /// Called as `obj.name(...)`; `obj.name` alone is a bound method.
    Method(MethodFn<T>, Sig),
    /// Read as `obj.name`.
    Attr(GetFn<T>),
}

impl<R> Clone for Kind<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Kind<R> {}

impl<R> Clone for Member<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Member<R> {}

/// One attribute or method of a Python-visible type.
pub struct Member<T: 'static> {
    pub name: &'static str,
    pub kind: Kind<T>,
    /// One line for `help(obj)`: what it does, as SQLAlchemy documents it.
    pub doc: &'static str,
    /// Whether a definition stored in a database file may name it
    /// (`eval::pure`): it builds schema objects or SQL expressions and
    /// reaches no session (`db.Column`, `db.Integer`, `db.and_`).
    pub declarable: bool,
}

impl<T> Member<T> {
    /// A method taking the keywords of `sig`.
    pub const fn method(name: &'static str, f: MethodFn<T>, sig: Sig, doc: &'static str) -> Self {
        Member {
            name,
            kind: Kind::Method(f, sig),
            doc,
            declarable: false,
        }
    }

    /// A data attribute.
    pub const fn attr(name: &'static str, get: GetFn<T>, doc: &'static str) -> Self {
        Member {
            name,
            kind: Kind::Attr(get),
            doc,
            declarable: false,
        }
    }

    /// This member, which stored definitions may name.
    pub const fn declarable(mut self) -> Self {
        self.declarable = true;
        self
    }
}
