//! `flask_login` as a `models.py` uses it: `UserMixin`, the mixin nearly
//! every tutorial's `class User(UserMixin, db.Model)` inherits, with
//! Flask-Login's own definitions (`flask_login/mixins.py`):
//! `is_active` and `is_anonymous` properties (True, False),
//! `is_authenticated` (`is_active`), and `get_id()` (`str(self.id)`,
//! NotImplementedError when there is no `id`). It is made once per
//! session from that source, as a plain class, so a model takes its
//! methods as any mixin's (`eval::mixins`). Flask-Login's
//! `__eq__`/`__ne__` — two `UserMixin` objects are equal when their
//! `get_id()` are, anything else compares by identity — are
//! `user_mixin_eq`, which `==` and `!=` ask first (ormsh's plain classes
//! define no operators of their own). The rest of Flask-Login (`LoginManager`,
//! `login_user`, `current_user`, …) needs requests and is refused by name.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::syntax::ast::StmtKind;
use crate::value::Value;

/// Flask-Login's `UserMixin` (mixins.py), less `__eq__`/`__ne__`
/// (`user_mixin_eq`) and `__hash__ = object.__hash__` (the default).
const USER_MIXIN: &str = r#"class UserMixin:
    """
    This provides default implementations for the methods that Flask-Login
    expects user objects to have.
    """

    @property
    def is_active(self):
        return True

    @property
    def is_authenticated(self):
        return self.is_active

    @property
    def is_anonymous(self):
        return False

    def get_id(self):
        try:
            return str(self.id)
        except AttributeError:
            raise NotImplementedError("No `id` attribute - override `get_id`") from None
"#;

fn not_made() -> Error {
    Error::new(
        ErrorKind::RuntimeError,
        "flask_login.UserMixin could not be made",
    )
}

/// `flask_login.UserMixin`: the class, made on first use and kept.
pub fn user_mixin(me: &mut Interp) -> Result<Value> {
    if let Some(v) = &me.flask.user_mixin {
        return Ok(v.clone());
    }
    let stmts = crate::syntax::parse_chunk(USER_MIXIN)?;
    let Some(StmtKind::Class(def)) = stmts.first().map(|s| &s.kind) else {
        return Err(not_made());
    };
    // Defined in a scope of its own, its source its own text.
    let source = std::mem::replace(&mut me.source, Rc::from(USER_MIXIN));
    me.locals.push(crate::eval::scope::frame(Vec::new()));
    let r = me.define_class(def);
    let made = me.lookup("UserMixin");
    me.locals.pop();
    me.source = source;
    r?;
    let v = made.ok_or_else(not_made)?;
    me.flask.user_mixin = Some(v.clone());
    Ok(v)
}

/// Flask-Login's `UserMixin.__eq__` / `__ne__`: when both sides are
/// `UserMixin` objects (a model or a plain class inheriting it), whether
/// their `get_id()` are equal; `None` otherwise (Python's
/// `NotImplemented`: the comparison goes on as for any object).
pub fn user_mixin_eq(me: &mut Interp, a: &Value, b: &Value) -> Option<Result<bool>> {
    let mixin = me.flask.user_mixin.clone()?;
    let is_one = |v: &Value| {
        crate::eval::pyclass_text::isinstance(v, &mixin)
            .or_else(|| crate::eval::model_base::isinstance(v, &mixin))
            .unwrap_or(false)
    };
    if !(is_one(a) && is_one(b)) {
        return None;
    }
    let name: Rc<str> = Rc::from("get_id");
    let get_id = |me: &mut Interp, v: &Value| -> Result<Value> {
        let f = me.get_attr(v, &name)?;
        me.call(&f, crate::eval::args::Args::new("get_id", Vec::new()))
    };
    Some((|| get_id(me, a)?.py_eq(&get_id(me, b)?))())
}
