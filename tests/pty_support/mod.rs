//! Starting ormsh in a real terminal (a PTY) for the PTY tests: the
//! binary with colour and the init file off, its history in a temporary
//! file, and a private temporary directory per test process.

#![allow(dead_code)] // each test file uses its own part

#[path = "../scratch/mod.rs"]
mod scratch;
use std::path::{Path, PathBuf};
use std::process::Command;

use rexpect::session::{PtySession, spawn_command};

/// How long one expectation may wait: generous, for a loaded machine.
pub const TIMEOUT_MS: u64 = 30_000;

/// ormsh in a PTY with `extra` arguments, once its first prompt is shown.
pub fn shell(history: &Path, extra: &[&str]) -> PtySession {
    let mut p = spawn(history, extra);
    p.exp_string("ormsh> ").expect("the first prompt");
    p
}

/// ormsh in a PTY with `extra` arguments, nothing read from it yet; it
/// works in the temporary directory, so nothing lands in the checkout.
pub fn spawn(history: &Path, extra: &[&str]) -> PtySession {
    // Long output pages through $PAGER: `cat` shows it as it is.
    spawn_env(history, extra, &[("PAGER", "cat")])
}

/// `spawn`, with these environment variables set.
pub fn spawn_env(history: &Path, extra: &[&str], env: &[(&str, &str)]) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    cmd.current_dir(work_dir())
        .args(["--color", "never", "--no-init"])
        .args(extra)
        .env("ORMSH_HISTORY", history)
        .env("TERM", "xterm")
        .env("NO_COLOR", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    spawn_command(cmd, Some(TIMEOUT_MS)).expect("spawn ormsh in a pty")
}

/// This test process's temporary directory.
pub fn work_dir() -> PathBuf {
    let dir = scratch::dir("pty");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// A fresh path `name` in this test process's temporary directory.
pub fn temp(name: &str) -> PathBuf {
    let p = work_dir().join(name);
    let _ = std::fs::remove_file(&p);
    p
}
