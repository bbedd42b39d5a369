//! Starting ormsh in a real terminal (a PTY) for the PTY tests: the
//! binary with colour and the init file off, its history in a temporary
//! file, and a private temporary directory per test process; lines typed
//! with Enter as a terminal sends it ([`Type::enter`]).

#![allow(dead_code)] // each test file uses its own part

#[path = "../scratch/mod.rs"]
mod scratch;
use std::path::{Path, PathBuf};
use std::process::Command;

use rexpect::session::{PtySession, spawn_command};

/// What a block's later lines begin with on the screen: `  ...> `, its
/// space a plain one — the buffer's no-break space
/// (`ormsh::repl::block::CONT`) is drawn as a space, so no U+00A0 reaches
/// the terminal.
pub const CONT: &str = "  ...> ";

/// U+00A0 as rexpect reads it: each byte of the terminal's output as one
/// character, so its UTF-8 is the two characters C2 A0.
pub const NBSP_AS_READ: &str = "\u{c2}\u{a0}";

/// `text` as rexpect reads it from the terminal: each byte of its UTF-8
/// one character (what `exp_string` must be given for text that is not
/// ASCII).
pub fn as_read(text: &str) -> String {
    text.bytes().map(char::from).collect()
}

/// Typing into the terminal.
pub trait Type {
    /// `line`, then Enter as a terminal sends it: CR. (rexpect's
    /// `send_line` ends a line with LF, which is Ctrl-J.)
    fn enter(&mut self, line: &str) -> Result<(), rexpect::error::Error>;
}

impl Type for PtySession {
    fn enter(&mut self, line: &str) -> Result<(), rexpect::error::Error> {
        self.send(line)?;
        self.send("\r")?;
        self.flush()?;
        Ok(())
    }
}

/// Wait for the prompt of a new line, the editor in raw mode (it turns
/// bracketed paste on as it enters it). `"ormsh> "` alone also matches the
/// line just typed, which the editor draws again (without its history
/// hint) as Enter accepts it: a key sent then reaches the terminal while
/// the statement runs, outside raw mode, where Ctrl-D is the line
/// discipline's end-of-file and is lost.
pub fn fresh_prompt(p: &mut PtySession) -> Result<(), rexpect::error::Error> {
    p.exp_string("\x1b[?2004h")?;
    p.exp_string("ormsh> ")?;
    Ok(())
}

/// How long one expectation may wait: generous, for a loaded machine.
pub const TIMEOUT_MS: u64 = 30_000;

/// ormsh in a PTY with `extra` arguments, once its first prompt is shown.
pub fn shell(history: &Path, extra: &[&str]) -> PtySession {
    let mut p = spawn(history, extra);
    p.exp_string("ormsh> ").expect("the first prompt");
    p
}

/// Make the terminal `rows` rows of `cols` columns (the shell reads the
/// size as each line begins).
pub fn resize(p: &PtySession, cols: u16, rows: u16) {
    use std::os::fd::AsRawFd;
    let tty = p.process().get_file_handle().expect("the pty");
    let size = libc::winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: TIOCSWINSZ reads one winsize from a valid pointer, on the
    // pty's open file descriptor.
    let done = unsafe { libc::ioctl(tty.as_raw_fd(), libc::TIOCSWINSZ, &size) };
    assert_eq!(done, 0, "resize the pty");
}

/// ormsh in a PTY with `extra` arguments, nothing read from it yet; it
/// works in the temporary directory, so nothing lands in the checkout.
pub fn spawn(history: &Path, extra: &[&str]) -> PtySession {
    // Long output pages through $PAGER: `cat` shows it as it is.
    spawn_env(history, extra, &[("PAGER", "cat")])
}

/// `spawn`, with these environment variables set.
pub fn spawn_env(history: &Path, extra: &[&str], env: &[(&str, &str)]) -> PtySession {
    spawn_env_unset(history, extra, env, &[])
}

/// `spawn_env`, with the environment variables `unset` removed.
pub fn spawn_env_unset(
    history: &Path,
    extra: &[&str],
    env: &[(&str, &str)],
    unset: &[&str],
) -> PtySession {
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
    for k in unset {
        cmd.env_remove(k);
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
