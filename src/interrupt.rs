//! Ctrl-C while a statement runs: a SIGINT handler sets a flag the
//! interpreter checks (every loop and long built-in, every evaluation
//! step) and interrupts SQLite (`sqlite3_interrupt`), so the statement
//! stops, is undone (`orm::undo`), and the shell goes on. While the
//! session writes rows or commits, SQLite is left alone (a `Shield`): an
//! interrupted write makes SQLite roll back the whole transaction, and a
//! commit once begun should finish; the flush checks the flag between rows.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::engine::Interrupter;
use crate::error::{Error, ErrorKind, Result};

static INTERRUPTED: AtomicBool = AtomicBool::new(false);
static SQLITE: Mutex<Option<Interrupter>> = Mutex::new(None);
static INSTALLED: AtomicBool = AtomicBool::new(false);
/// Shields held: while any is, the handler only sets the flag.
static SHIELDS: AtomicUsize = AtomicUsize::new(0);

/// Install the handler (once) and point it at the current connection.
pub fn install(sqlite: Interrupter) {
    if let Ok(mut slot) = SQLITE.lock() {
        *slot = Some(sqlite);
    }
    if !INSTALLED.swap(true, Ordering::SeqCst) {
        let _ = ctrlc::set_handler(|| {
            INTERRUPTED.store(true, Ordering::SeqCst);
            // The shield count is read under the same lock `shield` takes,
            // so a write cannot begin between the check and the interrupt.
            if let Ok(slot) = SQLITE.lock()
                && SHIELDS.load(Ordering::SeqCst) == 0
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

/// Ask the running statement to stop as Ctrl-C does, by the flag alone
/// (SQLite is not interrupted): for a watchdog, such as the one
/// `tests/fuzz_eval.rs` keeps over scripts its mutations may have made
/// loop forever.
pub fn request() {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// Forget a Ctrl-C (or `request`) once it has been acted on.
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

/// While alive, Ctrl-C does not interrupt SQLite (the flag is still set and
/// checked by whoever holds the shield).
pub struct Shield(());

/// Keep SQLite's current work from being interrupted until the shield drops.
pub fn shield() -> Shield {
    // Taken under the handler's lock: once this returns, no interrupt the
    // handler decided on before it can still reach SQLite.
    let slot = SQLITE.lock();
    SHIELDS.fetch_add(1, Ordering::SeqCst);
    drop(slot);
    Shield(())
}

impl Drop for Shield {
    fn drop(&mut self) {
        SHIELDS.fetch_sub(1, Ordering::SeqCst);
    }
}
