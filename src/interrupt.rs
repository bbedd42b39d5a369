//! Ctrl-C while a statement runs: a SIGINT handler sets a flag the
//! interpreter checks and interrupts SQLite (`sqlite3_interrupt`), so the
//! statement stops, its transaction is rolled back, and the shell goes on.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::engine::Interrupter;
use crate::error::{Error, ErrorKind, Result};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static SQLITE: Mutex<Option<Interrupter>> = Mutex::new(None);
static INSTALLED: AtomicBool = AtomicBool::new(false);

/// Install the handler (once) and point it at the current connection.
pub fn install(sqlite: Interrupter) {
    if let Ok(mut slot) = SQLITE.lock() {
        *slot = Some(sqlite);
    }
    if !INSTALLED.swap(true, Ordering::SeqCst) {
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            if let Ok(slot) = SQLITE.lock()
                && let Some(s) = slot.as_ref()
            {
                s.interrupt();
            }
        });
    }
}

/// Was Ctrl-C pressed since the last `clear`?
pub fn pending() -> bool {
    INTERRUPTED.load(Ordering::Relaxed)
}

pub fn clear() {
    INTERRUPTED.store(false, Ordering::SeqCst);
}

/// Fail with `KeyboardInterrupt` if Ctrl-C was pressed (checked by the
/// interpreter as it evaluates, so long Python-level loops stop too).
pub fn check() -> Result<()> {
    if pending() {
        return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
    }
    Ok(())
}
