//! `exit()` and `quit()`: Python's `SystemExit`, which ends a script or
//! the shell (the app turns it into its exit, `app::Flow::Exit`), and the
//! constant `Ellipsis` (`...`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Payload, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::exceptions::ExceptionValue;
use crate::value::{Object, Value};

/// `exit(code=None)`: raise `SystemExit(code)`; its message is the code
/// (`""` for None, the text of a string, which is printed and exits 1).
pub fn exit(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.keyword_at(0, "code")?;
    a.count(0, 1)?;
    let code = a.pos.first().cloned().unwrap_or(Value::None);
    let message = match &code {
        Value::None => String::new(),
        v => me.str_of_value(v)?,
    };
    let class = crate::eval::pymod::exc::row_of_kind(ErrorKind::Raised("SystemExit")).unwrap_or(0);
    let args = if matches!(code, Value::None) {
        Vec::new()
    } else {
        vec![code]
    };
    let mut e = Error::new(ErrorKind::Raised("SystemExit"), message);
    e.exc = Some(Payload(Rc::new(Value::obj(ExceptionValue {
        class,
        args,
        dbapi: None,
        cause: None,
        user: None,
        description: None,
        pg: None,
        sqlite_code: None,
    }))));
    Err(e)
}

/// The exit status a `SystemExit` error asks for, and the text to print
/// first (a string code); None for any other error.
pub fn exit_status(e: &Error) -> Option<(i32, Option<String>)> {
    if e.kind != ErrorKind::Raised("SystemExit") {
        return None;
    }
    let code = e
        .exc
        .as_ref()
        .and_then(|p| p.0.downcast_ref::<Value>())
        .and_then(|v| v.downcast::<ExceptionValue>())
        .and_then(|x| x.args.first().cloned());
    Some(match code {
        None | Some(Value::None) => (0, None),
        Some(Value::Int(n)) => (i32::try_from(n & 0xff).unwrap_or(1), None),
        Some(Value::Bool(b)) => (i32::from(b), None),
        Some(_) => (1, Some(e.message.clone())),
    })
}

/// Python's `Ellipsis` (`...`).
pub struct EllipsisObj;

impl Object for EllipsisObj {
    fn type_name(&self) -> &str {
        "ellipsis"
    }
}

/// The one `Ellipsis`.
pub fn ellipsis() -> Value {
    thread_local! {
        static ONE: Value = Value::obj(EllipsisObj);
    }
    ONE.with(Value::clone)
}

/// `exit` and `quit` as Python's console shows them (`_sitebuiltins.Quitter`).
pub fn quitter_repr(n: &crate::eval::objects::Native) -> Option<String> {
    matches!(n.name, "exit" | "quit")
        .then(|| format!("Use {}() or Ctrl-D (i.e. EOF) to exit", n.name))
}
