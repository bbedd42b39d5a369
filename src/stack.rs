//! Recursion: Python's recursion limit, and the stack every recursive walk
//! runs on.
//!
//! Two promises, the same in debug and release builds, on the main thread
//! and on a test harness's small-stacked threads:
//!
//! - **Python's limit.** Calls and each nested level of a comparison or a
//!   `repr` count towards one limit per thread, [`LIMIT`] (Python's default
//!   `sys.getrecursionlimit()`); past it the walk fails with Python's
//!   `RecursionError` and its wording ("maximum recursion depth exceeded in
//!   comparison"). Recursion that Python does not count (nested evaluation
//!   of one expression, compiling a SQL expression) has its own bound where
//!   it happens (`Interp::enter`, `sql::depth`).
//! - **No stack overflow.** Every recursive step runs through [`grow`]: when
//!   less than [`RED_ZONE`] bytes of the thread's stack are left it goes on
//!   on a fresh [`SEGMENT`] from the heap (stacker, as rustc does), so the
//!   stack a thread was started with never decides how deep ormsh may go.
//!   Since every recursion is bounded, so is the stack: at most about the
//!   deepest walk's levels times one level's frames (measured in a debug
//!   build, whose frames are the largest: ~15 KB an evaluation level, so
//!   `Interp`'s 5000 levels stay under 80 MB).
//!
//! Data that Python frees without recursion (a 200 000-deep list) is freed
//! without recursion here too: see `impl Drop for Value`.

use std::cell::Cell;

use crate::error::{Error, ErrorKind, Result};

/// Python's default recursion limit (`sys.getrecursionlimit()`): how deep
/// calls and nested comparisons or reprs may go, together.
pub const LIMIT: usize = 1000;

/// Stack kept free for the work between two recursion points. The largest:
/// cloning, comparing or freeing a SQL expression as deep as
/// `sql::depth::MAX_DEPTH` (derived code, recursive; between 1 and 2 MB in
/// a debug build, pinned by a test there), SQLite preparing a statement,
/// an evaluation level (~15 KB in debug).
pub const RED_ZONE: usize = 2 << 20;

/// The size of each stack segment added when the red zone is reached
/// (address space reserved as it is needed; pages are used as touched).
pub const SEGMENT: usize = 8 << 20;

thread_local! {
    /// Levels of Python recursion now active on this thread.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
}

/// Run `f` with at least [`RED_ZONE`] bytes of stack: on the current stack
/// when there is room, else on a new segment. Put at every point where a
/// walk recurses.
#[inline]
pub fn grow<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}

/// Stack a chunk of input starts with: with less left (a test harness's
/// 2 MB thread, a small `ulimit -s`), the whole chunk runs on one new
/// segment, rather than each of its levels growing one of its own.
pub const ENTRY: usize = SEGMENT / 2;

/// Run a whole chunk (parse and evaluation) with at least [`ENTRY`] bytes
/// of stack. Put where input enters the interpreter (`App`, `Interp::run`).
pub fn entry<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(ENTRY, SEGMENT, f)
}

/// Python's `RecursionError`, with what was being done (`"in comparison"`,
/// `"while getting the repr of an object"`, or nothing).
pub fn recursion_error(doing: &str) -> Error {
    let sep = if doing.is_empty() { "" } else { " " };
    Error::new(
        ErrorKind::RecursionError,
        format!("maximum recursion depth exceeded{sep}{doing}"),
    )
}

/// Puts the depth back when a level ends, by return, error or unwinding.
struct Level(usize);

impl Drop for Level {
    fn drop(&mut self) {
        DEPTH.set(self.0);
    }
}

/// Run `f` one level of Python recursion deeper (and with room on the
/// stack, see [`grow`]); a `RecursionError` saying what was being done
/// when the level would pass [`LIMIT`].
pub fn nested<R>(doing: &str, f: impl FnOnce() -> Result<R>) -> Result<R> {
    let d = DEPTH.get();
    if d >= LIMIT {
        return Err(recursion_error(doing));
    }
    DEPTH.set(d + 1);
    let _level = Level(d);
    grow(f)
}

/// Levels of Python recursion active now (for tests).
pub fn depth() -> usize {
    DEPTH.get()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dive(n: usize) -> Result<usize> {
        if n == 0 {
            return Ok(depth());
        }
        nested("in comparison", || dive(n - 1))
    }

    #[test]
    fn the_limit_is_pythons_and_the_depth_comes_back() {
        assert_eq!(dive(LIMIT).unwrap(), LIMIT);
        let e = dive(LIMIT + 1).unwrap_err();
        assert_eq!(e.kind, ErrorKind::RecursionError);
        assert_eq!(e.message, "maximum recursion depth exceeded in comparison");
        assert_eq!(depth(), 0);
    }

    /// A walk far deeper than a test thread's stack (2 MB) allows without
    /// growth: 100 000 levels of 1 KB frames.
    #[test]
    fn growth_outlasts_a_small_thread_stack() {
        fn deep(n: usize) -> usize {
            let pad = std::hint::black_box([0u8; 1024]);
            if n == 0 {
                return pad[0] as usize;
            }
            grow(|| deep(n - 1)) + 1
        }
        let r = std::thread::Builder::new()
            .stack_size(512 << 10)
            .spawn(|| deep(100_000))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(r, 100_000);
    }
}
