//! Memory: a counting global allocator, and a check made at safe points
//! (each evaluation step, every few hundred rows) that fails with a clear
//! `MemoryError` when ormsh nears what the process may use — instead of the
//! abort a failed allocation would cause.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::OnceLock;

use crate::error::{Error, ErrorKind, Result};

/// The system allocator, counting the bytes in use.
pub struct Counting;

thread_local! {
    /// Bytes this thread allocated less those it freed. Per thread, so that
    /// counting costs no atomic instruction (an allocation-heavy workload
    /// paid ~3% for one); the interpreter's thread is the one that matters,
    /// the other (Ctrl-C's) allocates next to nothing.
    static IN_USE: Cell<isize> = const { Cell::new(0) };
}

fn count(delta: isize) {
    // `try_with`: never fails for a const-initialised Cell, but an allocator
    // must not panic.
    let _ = IN_USE.try_with(|n| n.set(n.get().wrapping_add(delta)));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded as is to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            count(layout.size() as isize);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) };
        count(-(layout.size() as isize));
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: forwarded as is; the counts follow the sizes.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            count(new_size as isize - layout.size() as isize);
        }
        p
    }
}

/// Bytes allocated now by the calling thread (the interpreter's).
pub fn in_use() -> usize {
    IN_USE.try_with(|n| n.get().max(0) as usize).unwrap_or(0)
}

/// What ormsh lets itself allocate: 80% of the machine's memory, or under
/// an address-space limit (`ulimit -v`) half of what is left of it after
/// 64 MB for code, stacks, malloc's arenas and SQLite — half, so that a
/// container doubling its storage near the limit still fits.
fn limit() -> usize {
    static LIMIT: OnceLock<usize> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        let mut limit = usize::MAX;
        let mut rl = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit writes the struct it is given.
        if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut rl) } == 0
            && rl.rlim_cur != libc::RLIM_INFINITY
        {
            limit = (rl.rlim_cur as usize).saturating_sub(64 << 20) / 2;
        }
        if let Ok(info) = std::fs::read_to_string("/proc/meminfo")
            && let Some(kb) = info
                .lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<usize>().ok())
        {
            limit = limit.min(kb * 1024 / 10 * 8);
        }
        limit
    })
}

/// Fail with `MemoryError` when ormsh nears its memory limit.
pub fn check() -> Result<()> {
    let used = in_use();
    if used > limit() {
        return Err(Error::new(
            ErrorKind::MemoryError,
            format!("ormsh is using {} MB, close to the {} MB it may use", used >> 20, limit() >> 20),
        )
        .with_help("print a query as it streams (User.query.all() at the prompt), or narrow it with filter() or limit()"));
    }
    Ok(())
}
