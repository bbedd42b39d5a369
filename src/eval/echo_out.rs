//! The interpreter's output with the engine's log in its place: the lines
//! `SQLALCHEMY_ECHO`/`db.engine.echo = True` log (`engine::echo_log`) go
//! to stdout as SQLAlchemy's default `StreamHandler(sys.stdout)` writes
//! them, before whatever the program prints next.

use std::io::{Result, Write};

/// A writer that writes the pending log lines before its own bytes.
pub struct EchoOut(pub Box<dyn Write>);

impl EchoOut {
    fn log_first(&mut self) -> Result<()> {
        let pending = crate::engine::echo_log::take_pending();
        if pending.is_empty() {
            Ok(())
        } else {
            self.0.write_all(&pending)
        }
    }
}

impl Write for EchoOut {
    fn write(&mut self, buf: &[u8]) -> Result<usize> {
        self.log_first()?;
        self.0.write(buf)
    }

    fn flush(&mut self) -> Result<()> {
        self.log_first()?;
        self.0.flush()
    }
}
