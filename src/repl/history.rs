//! Where the history lives (the data directory the `directories` crate
//! gives for ormsh, or `ORMSH_HISTORY`), keeping it private (mode 0600),
//! and where the init file lives (the config directory).

use std::path::PathBuf;

use directories::ProjectDirs;

pub const MAX_ENTRIES: usize = 2000;

fn dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "ormsh")
}

/// The history file: `ORMSH_HISTORY`, or `history` in ormsh's data directory.
pub fn history_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("ORMSH_HISTORY") {
        return Some(PathBuf::from(p));
    }
    dirs().map(|d| d.data_dir().join("history"))
}

/// `init.orm` in ormsh's config directory.
pub fn init_path() -> Option<PathBuf> {
    dirs().map(|d| d.config_dir().join("init.orm"))
}

/// Make the history file readable by its owner only.
pub fn make_private(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}
