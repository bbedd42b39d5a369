//! The reference Python environment the interop tests run (Flask-SQLAlchemy;
//! for PostgreSQL psycopg2 too), shared by `flask_interop.rs` and
//! `flask_interop_pg.rs`. A virtualenv named by an environment variable is
//! used as it is; otherwise one is made with `python3 -m venv` and pip in
//! Cargo's `CARGO_TARGET_TMPDIR` (the directory Cargo gives integration tests
//! for their data, inside `target/`), so no test writes under the home
//! directory or the checkout. Without Python (or pip's network) the caller
//! skips.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What one reference environment holds and where it may already be.
pub struct Spec {
    /// The variable naming an existing virtualenv (never written to).
    pub env_var: &'static str,
    /// The directory's name under `CARGO_TARGET_TMPDIR` when it is unset.
    pub dir_name: &'static str,
    /// A Python `import` line that succeeds once the environment is ready.
    pub imports: &'static str,
    /// What `pip install` needs to make it.
    pub packages: &'static [&'static str],
}

fn works(py: &Path, imports: &str) -> bool {
    Command::new(py)
        .args(["-c", imports])
        .env("PYTHONDONTWRITEBYTECODE", "1")
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// The interpreter of the environment `spec` describes, made when missing;
/// `None` when it cannot be had (the caller prints why and skips).
pub fn python(spec: &Spec) -> Option<PathBuf> {
    if let Some(venv) = std::env::var_os(spec.env_var) {
        let py = PathBuf::from(venv).join("bin/python");
        return works(&py, spec.imports).then_some(py);
    }
    let venv = Path::new(env!("CARGO_TARGET_TMPDIR")).join(spec.dir_name);
    let py = venv.join("bin/python");
    if works(&py, spec.imports) {
        return Some(py);
    }
    let made = Command::new("python3")
        .args(["-m", "venv", "--clear"])
        .arg(&venv)
        .status()
        .is_ok_and(|s| s.success())
        && Command::new(venv.join("bin/pip"))
            .args(["install", "-q", "--disable-pip-version-check"])
            .args(spec.packages)
            .status()
            .is_ok_and(|s| s.success());
    (made && works(&py, spec.imports)).then_some(py)
}
