//! `db.engine.echo = flag`, SQLAlchemy's `echo_property` (`sqlalchemy.log`):
//! `True` logs each statement at INFO as Python's logging writes it to
//! stdout (`engine::echo_log`), `False`/`None` stops the log. The flag is
//! a key of SQLAlchemy's `InstanceLogger._echo_map`, kept as given and
//! read back so (`db.engine.echo = None` reads `None`); `'debug'` (which
//! logs the rows too) is refused, any other value is its `KeyError`.

use crate::engine::echo_flag::EchoFlag;
use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::value::Value;

/// Turn the engine's log on or off as SQLAlchemy's `instance_logger`
/// does for `echoflag`.
pub fn set_echo(me: &mut Interp, v: Value) -> Result<()> {
    let flag = match &v {
        Value::None => EchoFlag::NoFlag,
        Value::Bool(b) => EchoFlag::Bool(*b),
        Value::Int(i) if *i == 0 || *i == 1 => EchoFlag::Int(*i),
        Value::Str(s) if s.as_str() == "debug" => {
            return Err(Error::new(
                ErrorKind::NotImplementedError,
                "ormsh's engine log has no DEBUG level: db.engine.echo = 'debug' would log the rows fetched too",
            )
            .with_help("db.engine.echo = True logs the statements and their parameters"));
        }
        _ => return Err(Error::new(ErrorKind::KeyError, me.repr_value(&v)?)),
    };
    me.session.engine.set_echo_flag(flag);
    me.session.engine.set_echo_logging(true);
    Ok(())
}

/// `db.engine.echo`: the flag as it was set (`None`, `True`, `0`, …).
pub fn flag_value(flag: EchoFlag) -> Value {
    match flag {
        EchoFlag::NoFlag => Value::None,
        EchoFlag::Bool(b) => Value::Bool(b),
        EchoFlag::Int(i) => Value::Int(i),
    }
}
