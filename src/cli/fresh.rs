//! A database file the command line named that did not exist: SQLite
//! creates it on opening, empty; if nothing was ever written to it (it is
//! empty, or holds only the header a transaction that made nothing
//! wrote), it is
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

/// Remove `path` if nothing was written to it: still empty, or only
/// SQLite's header (a transaction that made nothing, as `db.create_all()`
/// with no models, writes page 1 with an empty schema).
pub fn remove_if_unwritten(path: &Path) {
    if is_unwritten(path) {
        let _ = std::fs::remove_file(path);
    }
}

/// Whether the file at `path` holds nothing: empty, or one SQLite page
/// with no schema object, no `user_version` nor `application_id`, and no
/// write-ahead log beside it.
fn is_unwritten(path: &Path) -> bool {
    let Ok(meta) = std::fs::metadata(path) else {
        return false;
    };
    if !meta.is_file() {
        return false;
    }
    if meta.len() == 0 {
        return true;
    }
    let mut wal = path.as_os_str().to_owned();
    wal.push("-wal");
    if Path::new(&wal).exists() || meta.len() > 65536 {
        return false;
    }
    std::fs::read(path).is_ok_and(|page| header_only(&page))
}

/// Whether `file` is a one-page SQLite database whose schema is empty
/// (the header's layout: sqlite.org/fileformat.html, section 1.3).
fn header_only(file: &[u8]) -> bool {
    if file.len() < 108 || !file.starts_with(b"SQLite format 3\0") {
        return false;
    }
    let u16_at = |at: usize| usize::from(u16::from_be_bytes([file[at], file[at + 1]]));
    let u32_at =
        |at: usize| u32::from_be_bytes([file[at], file[at + 1], file[at + 2], file[at + 3]]);
    let page_size = match u16_at(16) {
        1 => 65536,
        n => n,
    };
    file.len() == page_size
        && u32_at(28) <= 1
        && u32_at(60) == 0
        && u32_at(68) == 0
        // Page 1 is a table leaf (the schema) with no cells.
        && file[100] == 0x0d
        && u16_at(103) == 0
}

/// Whether `a` and `b` are the same file (the same device and inode).
pub fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}
