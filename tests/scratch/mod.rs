//! One scratch directory per test process, made by `tempfile` under the
//! system's temporary directory and removed when the process exits
//! (`atexit`: a static is never dropped, and the test harnesses end with
//! `std::process::exit`). Tests keep their files in subdirectories of it.

use std::path::PathBuf;
use std::sync::OnceLock;

static DIR: OnceLock<PathBuf> = OnceLock::new();

extern "C" fn remove_dir() {
    if let Some(d) = DIR.get() {
        let _ = std::fs::remove_dir_all(d);
    }
}

/// The directory `sub` inside this process's scratch directory, created
/// if missing; the scratch directory's name starts `ormsh-`.
pub fn dir(sub: &str) -> PathBuf {
    let root = DIR.get_or_init(|| {
        let d = tempfile::Builder::new()
            .prefix("ormsh-")
            .tempdir()
            .expect("make a temporary directory")
            .keep();
        // SAFETY: `remove_dir` is a plain function that only reads `DIR`.
        unsafe { libc::atexit(remove_dir) };
        d
    });
    let d = root.join(sub);
    std::fs::create_dir_all(&d).expect("make a scratch subdirectory");
    d
}

/// A fresh working directory `sub` for one test (emptied first), removed
/// when dropped.
#[allow(dead_code)] // not every test file keeps one
pub struct FreshDir(pub PathBuf);

#[allow(dead_code)]
impl FreshDir {
    pub fn new(sub: &str) -> FreshDir {
        let d = dir(sub);
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).expect("temp dir");
        FreshDir(d)
    }
}

impl Drop for FreshDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
