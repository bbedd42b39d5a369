//! What `db.engine.echo` was last set to, as SQLAlchemy's `echo_property`
//! keeps it: the flag given (`None`, `True`, `0`, `1`), read back as it
//! was written, beside whether statements are logged.

use super::Engine;

/// A value `db.engine.echo` holds (a key of SQLAlchemy's
/// `InstanceLogger._echo_map` but `'debug'`, which ormsh refuses).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EchoFlag {
    /// `None`: not logging.
    NoFlag,
    Bool(bool),
    /// `0` or `1`.
    Int(i64),
}

impl EchoFlag {
    /// Does the flag log statements?
    pub fn logs(self) -> bool {
        match self {
            EchoFlag::NoFlag => false,
            EchoFlag::Bool(b) => b,
            EchoFlag::Int(i) => i != 0,
        }
    }
}

impl Engine {
    /// `db.engine.echo = flag`: logging as the flag says, the flag kept.
    pub fn set_echo_flag(&self, flag: EchoFlag) {
        self.echo.set(flag.logs());
        self.echo_flag.set(flag);
    }

    /// `db.engine.echo`: the flag as last set.
    pub fn echo_flag(&self) -> EchoFlag {
        self.echo_flag.get()
    }
}
