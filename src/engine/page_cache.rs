//! SQLite's page cache, configured once before the first connection opens:
//! no pages allocated in bulk up front (`SQLITE_CONFIG_PAGECACHE` with no
//! buffer and no pages, so `pcache1InitBulk` allocates nothing). An
//! `INSERT … RETURNING` — the statement SQLAlchemy 2.x sends for each new
//! row on SQLite — buffers its row in an ephemeral table whose page cache
//! otherwise allocated and cleared 20 pages (~87 KB) for every row
//! (callgrind and DHAT, `scripts/BENCHMARKS.md`). Pages are still cached;
//! each is allocated when first needed.

use std::ffi::{c_int, c_void};
use std::sync::Once;

/// Apply the configuration; only the first call does anything. Must run
/// before SQLite initialises, i.e. before any connection is opened.
pub(super) fn configure() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // SAFETY: `sqlite3_config` is called before `sqlite3_initialize`
        // (no connection has been opened yet: every SQLite open goes
        // through `Engine::open_target`, which calls this first). With a
        // null buffer SQLite keeps no pointer of ours. Should SQLite be
        // initialised already it returns SQLITE_MISUSE and changes nothing.
        let none: c_int = 0;
        unsafe {
            rusqlite::ffi::sqlite3_config(
                rusqlite::ffi::SQLITE_CONFIG_PAGECACHE,
                std::ptr::null_mut::<c_void>(),
                none,
                none,
            );
        }
    });
}
