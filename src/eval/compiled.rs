//! `Select.compile(compile_kwargs={'literal_binds': True})`: SQLAlchemy's
//! `Compiled` of a 2.0 select for the default dialect, whose `str()` is
//! its SQL — the bound values written inline as SQL literals with
//! `literal_binds` (SQLAlchemy's `render_literal_value`), else the
//! `:param_1` placeholders `str(stmt)` shows.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::surface::query::Q;
use crate::eval::surface::{Class, Member, Sig};
use crate::sql::compile::{self, Mode};
use crate::sql::dialect::DEFAULT;
use crate::value::{Object, Value};

/// A compiled statement: its SQL text.
pub struct Compiled {
    pub sql: Rc<str>,
}

impl Object for Compiled {
    fn type_name(&self) -> &str {
        "StrSQLCompiler"
    }
}

/// `compile()`'s keywords.
pub const COMPILE: Sig = Sig::kw(&["bind", "dialect", "compile_kwargs"]);

/// `Select.compile(bind=None, dialect=None, compile_kwargs=None)`
pub(crate) fn compile(me: &mut Interp, q: &Q, mut a: Args) -> Result<Value> {
    for k in ["bind", "dialect"] {
        if let Some(v) = a.take_kw(k)
            && !matches!(v, Value::None)
        {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                format!("compile({k}=...) is not supported by ormsh: it compiles for the default dialect, as str(stmt)"),
            )
            .with_help("stmt.compile(compile_kwargs={'literal_binds': True})"));
        }
    }
    let mut literal = false;
    let kwargs = a.take_kw("compile_kwargs");
    a.count(0, 0)?;
    match &kwargs {
        None | Some(Value::None) => {}
        Some(Value::Dict(d)) => {
            for (k, v) in d.borrow().iter() {
                match k.as_str() {
                    Some("literal_binds") => literal = v.truthy(),
                    _ => {
                        return Err(Error::new(
                            ErrorKind::NotImplementedError,
                            format!(
                                "compile_kwargs key {} is not supported by ormsh",
                                me.repr_value(k)?
                            ),
                        )
                        .with_help("ormsh takes compile_kwargs={'literal_binds': True}"));
                    }
                }
            }
        }
        Some(v) => {
            return Err(Error::type_(format!(
                "compile_kwargs must be a dict, not {}",
                v.type_name()
            )));
        }
    }
    let q = q.query(me)?;
    let sql = if literal {
        q.compilable()?;
        compile::select(&q.to_select(), Mode::Inline, &DEFAULT).sql
    } else {
        me.query_sql(&q)?
    };
    Ok(Value::obj(Compiled { sql: Rc::from(sql) }))
}

/// `str(compiled)`; None for another value.
pub fn str_of(v: &Value) -> Option<String> {
    v.downcast::<Compiled>().map(|c| c.sql.to_string())
}

type C = Rc<Compiled>;

/// SQLAlchemy's `Compiled`.
pub static COMPILED: Class<C> = Class::new(
    "StrSQLCompiler",
    &[Member::attr(
        "string",
        |_, c: &C| Ok(Value::str(&c.sql)),
        "the SQL text",
    )],
);
