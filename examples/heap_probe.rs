//! The heap bytes a script holds at a point of its choosing (issue 17,
//! scripts/BENCHMARKS.md "bytes per loaded instance"): ormsh run as the
//! `ormsh` binary runs, its counting allocator wrapped so that the first
//! allocation of between 7 and 8 million bytes (a script's
//! `s = "m" * 7777777`) records the bytes in use just before it, and the
//! peak is kept. Both are printed on stderr at exit:
//!
//!     cargo run --example heap_probe --features heap-probe -- FILE.db -f SCRIPT.orm
//!
//! Run at two sizes (scripts/bench/per-instance.sh does), the difference
//! over the rows between them is the cost of one loaded row, free of the
//! allocator's headers, rounding and fragmentation that RSS includes.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

use ormsh::memory::{Counting, in_use};

struct Probe;

static PEAK: AtomicUsize = AtomicUsize::new(0);
static AT_MARK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Probe {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if (7_000_000..8_000_000).contains(&layout.size()) && AT_MARK.load(Ordering::Relaxed) == 0 {
            AT_MARK.store(in_use(), Ordering::Relaxed);
        }
        // SAFETY: forwarded as is.
        let p = unsafe { Counting.alloc(layout) };
        PEAK.fetch_max(in_use(), Ordering::Relaxed);
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as is.
        unsafe { Counting.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if (7_000_000..8_000_000).contains(&new_size) && AT_MARK.load(Ordering::Relaxed) == 0 {
            AT_MARK.store(in_use(), Ordering::Relaxed);
        }
        // SAFETY: forwarded as is.
        let p = unsafe { Counting.realloc(ptr, layout, new_size) };
        PEAK.fetch_max(in_use(), Ordering::Relaxed);
        p
    }
}

#[global_allocator]
static ALLOCATOR: Probe = Probe;

fn main() {
    ormsh::memory::init();
    let code = ormsh::cli::main();
    eprintln!(
        "heap_probe: in use at the mark {} bytes, peak {} bytes",
        AT_MARK.load(Ordering::Relaxed),
        PEAK.load(Ordering::Relaxed)
    );
    std::process::exit(code);
}
