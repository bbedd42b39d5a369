//! Memory: one account of what ormsh uses, and one limit. A counting global
//! allocator keeps the bytes in use; [`reserve`] is asked before each large
//! allocation whose size is known in advance (a repeated or joined string, a
//! list built from a range, a file read, a buffer about to double) and
//! [`check`] at safe points (each evaluation step, every few hundred rows).
//! Both fail with a `MemoryError` that says what was asked for, what is in
//! use, and the limit and where it comes from — instead of the abort a
//! failed allocation would cause, or the machine running out of memory.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicIsize, Ordering};

use crate::error::{Error, ErrorKind, Result};

/// The system allocator, counting the bytes in use.
pub struct Counting;

/// Bytes allocated less bytes freed, by every thread: memory allocated on
/// one thread and freed on another is counted right.
static IN_USE: AtomicIsize = AtomicIsize::new(0);

fn count(delta: isize) {
    IN_USE.fetch_add(delta, Ordering::Relaxed);
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

/// Bytes ormsh's Rust code has allocated and not freed. (SQLite's own
/// memory is bounded separately: `engine` gives it the same limit.)
pub fn in_use() -> usize {
    IN_USE.load(Ordering::Relaxed).max(0) as usize
}

/// Set up memory before anything else runs (first thing in `main`, before
/// any thread starts): one malloc arena for every thread — glibc would
/// reserve 64 MB of address space for each thread's own arena, which under
/// `ulimit -v` is room the interpreter then lacks — and the limit, computed
/// while the address space holds little but the program.
pub fn init() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a tunable of the allocator.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
    let _ = limit();
}

/// The most ormsh lets itself allocate, and why.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    /// Bytes.
    pub bytes: usize,
    /// Where the number comes from.
    pub source: Source,
}

/// Where a [`Limit`] comes from.
#[derive(Clone, Copy, Debug)]
pub enum Source {
    /// 80% of the machine's memory (`MemTotal`, bytes).
    Machine { total: usize },
    /// 80% of the control group's `memory.max` (bytes).
    Cgroup { max: usize },
    /// Half of the address space left under `ulimit -v` (`rlimit`, bytes)
    /// once ormsh had started (`started`: its size then, bytes). Half,
    /// because the allocator, SQLite and a buffer that doubles need room
    /// beyond the bytes counted.
    AddressSpace { rlimit: usize, started: usize },
    /// None of the above could be read.
    Unknown,
}

/// The limit: the smallest of the machine's, the control group's and the
/// address-space limit's, computed once.
pub fn limit() -> Limit {
    static LIMIT: OnceLock<Limit> = OnceLock::new();
    *LIMIT.get_or_init(|| {
        let mut best = Limit {
            bytes: usize::MAX,
            source: Source::Unknown,
        };
        let mut consider = |bytes: usize, source: Source| {
            if bytes < best.bytes {
                best = Limit { bytes, source };
            }
        };
        if let Some(total) = mem_total() {
            consider(total / 10 * 8, Source::Machine { total });
        }
        if let Some(max) = cgroup_max() {
            consider(max / 10 * 8, Source::Cgroup { max });
        }
        if let Some(rlimit) = address_space_limit() {
            let started = address_space_in_use().unwrap_or(0);
            consider(
                rlimit.saturating_sub(started) / 2,
                Source::AddressSpace { rlimit, started },
            );
        }
        best
    })
}

/// `MemTotal` from /proc/meminfo, in bytes.
fn mem_total() -> Option<usize> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kb = info
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse::<usize>()
        .ok()?;
    Some(kb * 1024)
}

/// The cgroup v2 `memory.max` of this process, when it is a number.
fn cgroup_max() -> Option<usize> {
    let cgroup = std::fs::read_to_string("/proc/self/cgroup").ok()?;
    let path = cgroup.lines().find_map(|l| l.strip_prefix("0::"))?;
    let path = path.trim().trim_end_matches('/');
    [
        format!("/sys/fs/cgroup{path}/memory.max"),
        "/sys/fs/cgroup/memory.max".into(),
    ]
    .iter()
    .find_map(|f| {
        std::fs::read_to_string(f)
            .ok()?
            .trim()
            .parse::<usize>()
            .ok()
    })
}

/// `ulimit -v` (RLIMIT_AS) in bytes, when set.
fn address_space_limit() -> Option<usize> {
    let mut rl = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes the struct it is given.
    if unsafe { libc::getrlimit(libc::RLIMIT_AS, &mut rl) } != 0
        || rl.rlim_cur == libc::RLIM_INFINITY
    {
        return None;
    }
    usize::try_from(rl.rlim_cur).ok()
}

/// The process's address space now (the first field of /proc/self/statm,
/// in pages), in bytes.
fn address_space_in_use() -> Option<usize> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: usize = statm.split_whitespace().next()?.parse().ok()?;
    // SAFETY: sysconf has no preconditions.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Some(pages * usize::try_from(page).unwrap_or(4096))
}

/// Allocations smaller than this are not checked one by one: the check at
/// safe points catches many of them adding up.
const SMALL: usize = 1 << 20;

/// Fail with `MemoryError` unless `bytes` more fit under the limit; `what`
/// names what they are for ("a string of 200,000,000 characters"). Call it
/// before building something large whose size is known.
pub fn reserve(bytes: usize, what: impl FnOnce() -> String) -> Result<()> {
    if bytes < SMALL {
        return Ok(());
    }
    let (used, limit) = (in_use(), limit());
    if used.saturating_add(bytes) <= limit.bytes {
        return address_space_left(bytes, what);
    }
    Err(too_much(format!(
        "cannot allocate {} for {}: ormsh is using {} of the {} it allows itself ({})",
        size(bytes),
        what(),
        size(used),
        size(limit.bytes),
        source_text(limit.source)
    )))
}

/// Under `ulimit -v`, the address space itself (what the limit counts:
/// the allocator's arenas, SQLite's heap, fragmentation) must have room for
/// `bytes` more, with 16 × [`SMALL`] to spare for the small allocations
/// made before the next check. `Some((in use, limit))` when it has not.
fn address_space_short(bytes: usize) -> Option<(usize, usize)> {
    let rlimit = address_space_limit()?;
    let now = address_space_in_use()?;
    (now.saturating_add(bytes).saturating_add(16 * SMALL) > rlimit).then_some((now, rlimit))
}

/// [`address_space_short`] as the error for a request of `bytes`.
fn address_space_left(bytes: usize, what: impl FnOnce() -> String) -> Result<()> {
    let Some((now, rlimit)) = address_space_short(bytes) else {
        return Ok(());
    };
    Err(too_much(format!(
        "cannot allocate {} for {}: ormsh's address space is {} of the {} ulimit -v allows \
         (its data: {})",
        size(bytes),
        what(),
        size(now),
        size(rlimit),
        size(in_use())
    )))
}

/// Grow `v` so that `additional` more items fit, checking the bytes first
/// and asking the allocator in a way that fails with `MemoryError` instead
/// of aborting; doubles the capacity, as `push` would.
pub fn grow<T>(v: &mut Vec<T>, additional: usize, what: impl FnOnce() -> String) -> Result<()> {
    if v.capacity() - v.len() >= additional {
        return Ok(());
    }
    let want = v.len().saturating_add(additional).max(v.capacity() * 2);
    grow_to(v, want, what)
}

/// Give `v` a capacity of `capacity` items (when it has less), checking
/// the bytes first; `MemoryError` instead of an abort.
pub fn grow_to<T>(v: &mut Vec<T>, capacity: usize, what: impl FnOnce() -> String) -> Result<()> {
    if v.capacity() >= capacity {
        return Ok(());
    }
    let bytes = capacity.saturating_mul(std::mem::size_of::<T>());
    reserve(bytes, what)?;
    v.try_reserve_exact(capacity - v.len())
        .map_err(|_| refused(bytes))
}

/// [`grow`] for a string being written: room for `additional` more bytes.
pub fn grow_string(s: &mut String, additional: usize, what: impl FnOnce() -> String) -> Result<()> {
    if s.capacity() - s.len() >= additional {
        return Ok(());
    }
    let want = s.len().saturating_add(additional).max(s.capacity() * 2);
    reserve(want, what)?;
    s.try_reserve(want - s.len()).map_err(|_| refused(want))
}

/// The system refused memory the account said was there (another limit).
fn refused(bytes: usize) -> Error {
    too_much(format!(
        "the system refused {} (ormsh is using {} of the {} it allows itself, {})",
        size(bytes),
        size(in_use()),
        size(limit().bytes),
        source_text(limit().source)
    ))
}

/// Read a whole file (a script for `.read` or `-f`): at most
/// [`crate::value::MAX_LEN`] bytes, checked against the memory limit as it
/// grows, so that a device that never ends (`/dev/zero`) or a huge file is
/// an error of kind `OutOfMemory` saying so, not an exhausted machine.
pub fn read_file(path: impl AsRef<std::path::Path>) -> std::io::Result<Vec<u8>> {
    read_all(std::fs::File::open(path)?)
}

/// [`read_file`] for any reader (standard input).
pub fn read_all(mut r: impl std::io::Read) -> std::io::Result<Vec<u8>> {
    const CHUNK: usize = 64 << 10;
    let max = crate::value::MAX_LEN;
    let mut buf: Vec<u8> = Vec::new();
    loop {
        if buf.len() > max {
            return Err(std::io::Error::new(
                std::io::ErrorKind::OutOfMemory,
                format!(
                    "it is longer than the {} bytes ormsh reads",
                    crate::value::grouped(max)
                ),
            ));
        }
        grow(&mut buf, CHUNK, || "a file being read".into())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::OutOfMemory, e.message))?;
        let len = buf.len();
        buf.resize(len + CHUNK, 0);
        match r.read(&mut buf[len..]) {
            Ok(0) => {
                buf.truncate(len);
                return Ok(buf);
            }
            Ok(n) => buf.truncate(len + n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => buf.truncate(len),
            Err(e) => return Err(e),
        }
    }
}

/// The bytes in use when [`check`] last looked at the address space.
static LAST_LOOK: AtomicIsize = AtomicIsize::new(0);

/// Fail with `MemoryError` when ormsh has gone past its memory limit, or,
/// under `ulimit -v`, when its address space nears the limit: looked at
/// again each time the bytes in use have moved by [`SMALL`], so the cost
/// of reading it is paid once per megabyte allocated.
pub fn check() -> Result<()> {
    let used = in_use();
    let limit = limit();
    if used <= limit.bytes {
        if matches!(limit.source, Source::AddressSpace { .. })
            && (used as isize).abs_diff(LAST_LOOK.load(Ordering::Relaxed)) >= SMALL
        {
            LAST_LOOK.store(used as isize, Ordering::Relaxed);
            if let Some((now, rlimit)) = address_space_short(0) {
                return Err(too_much(format!(
                    "ormsh's address space is {}, close to the {} ulimit -v allows \
                     (its data: {})",
                    size(now),
                    size(rlimit),
                    size(used)
                )));
            }
        }
        return Ok(());
    }
    let (used_text, limit_text) = sizes_apart(used, limit.bytes);
    Err(too_much(format!(
        "ormsh is using {used_text}, more than the {limit_text} it allows itself ({})",
        source_text(limit.source)
    )))
}

fn too_much(message: String) -> Error {
    Error::new(ErrorKind::MemoryError, message).with_help(
        "build less at once: print a query as it streams (User.query.all() at the prompt), \
         narrow it with filter() or limit(), or work on a slice",
    )
}

/// Where the limit comes from, in words.
fn source_text(source: Source) -> String {
    match source {
        Source::Machine { total } => format!("80% of the machine's {}", size(total)),
        Source::Cgroup { max } => format!("80% of the control group's memory.max, {}", size(max)),
        Source::AddressSpace { rlimit, started } => format!(
            "half of what ulimit -v {} leaves beyond the {} ormsh started with",
            size(rlimit),
            size(started)
        ),
        Source::Unknown => "no limit could be read".into(),
    }
}

/// Two sizes that differ, shown so that they read differently: as
/// [`size`] when that tells them apart, else in KB, else in bytes.
fn sizes_apart(a: usize, b: usize) -> (String, String) {
    if size(a) != size(b) {
        return (size(a), size(b));
    }
    let kb = |n: usize| format!("{} KB", crate::value::grouped(n >> 10));
    if kb(a) != kb(b) {
        return (kb(a), kb(b));
    }
    let bytes = |n: usize| format!("{} bytes", crate::value::grouped(n));
    (bytes(a), bytes(b))
}

/// Bytes for people: `812 KB`, `95.4 MB`, `18.8 GB` (powers of 1024).
pub fn size(bytes: usize) -> String {
    const UNITS: [&str; 5] = ["bytes", "KB", "MB", "GB", "TB"];
    let mut x = bytes as f64;
    let mut unit = 0;
    while x >= 1024.0 && unit + 1 < UNITS.len() {
        x /= 1024.0;
        unit += 1;
    }
    match unit {
        0 => format!("{bytes} bytes"),
        _ if x >= 100.0 => format!("{x:.0} {}", UNITS[unit]),
        _ => format!("{x:.1} {}", UNITS[unit]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_write_them() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(1000), "1000 bytes");
        assert_eq!(size(1536), "1.5 KB");
        assert_eq!(size(100 << 20), "100 MB");
        assert_eq!(size(19_284 << 20), "18.8 GB");
        assert_eq!(size(usize::MAX), "16777216 TB");
    }

    #[test]
    fn sizes_over_and_under_a_limit_never_read_the_same() {
        assert_eq!(
            sizes_apart(121 << 20, 115 << 20),
            ("121 MB".into(), "115 MB".into())
        );
        let (a, b) = sizes_apart((115 << 20) + 300_000, 115 << 20);
        assert_eq!((a.as_str(), b.as_str()), ("118,052 KB", "117,760 KB"));
        let (a, b) = sizes_apart((1 << 20) + 1, 1 << 20);
        assert_eq!(
            (a.as_str(), b.as_str()),
            ("1,048,577 bytes", "1,048,576 bytes")
        );
    }

    #[test]
    fn a_request_over_the_limit_says_what_was_asked_used_and_allowed() {
        let err = reserve(usize::MAX / 2, || "a list of 10**18 items".into()).unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("MemoryError: cannot allocate "), "{text}");
        assert!(
            text.contains(" for a list of 10**18 items: ormsh is using "),
            "{text}"
        );
        assert!(text.contains(" it allows itself ("), "{text}");
        // Small requests are left to the check at safe points.
        assert!(reserve(SMALL - 1, || unreachable!()).is_ok());
    }

    #[test]
    fn growing_past_the_limit_is_an_error_not_an_abort() {
        let mut v: Vec<u64> = Vec::new();
        let err = grow(&mut v, usize::MAX / 16, || "a list".into()).unwrap_err();
        assert!(
            err.to_string().contains("MemoryError: cannot allocate"),
            "{err}"
        );
        grow(&mut v, 10, || unreachable!()).unwrap();
        assert!(v.capacity() >= 10);
    }
}
