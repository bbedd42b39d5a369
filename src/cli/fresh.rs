//! A database file the command line named that did not exist: SQLite
//! creates it on opening, empty; if nothing was ever written to it, it is
//! removed at exit, as sqlite3 creates a file only once something is
//! written (a typo in a file name leaves nothing behind). A file `.open`
//! leaves is removed then, on the same terms.

use std::path::{Path, PathBuf};

use crate::db_url::{Location, Target};

/// The file `target` names, when it does not exist yet.
pub fn not_yet_there(target: &Target) -> Option<PathBuf> {
    match &target.location {
        Location::File(p) if !p.exists() => Some(p.clone()),
        _ => None,
    }
}

/// Remove `path` if it is still empty (nothing was written to it).
pub fn remove_if_unwritten(path: &Path) {
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        let _ = std::fs::remove_file(path);
    }
}

/// Whether `a` and `b` are the same file (the same device and inode).
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}
