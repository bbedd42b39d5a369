//! Running the built ormsh as a test's child process: in a working
//! directory, with arguments, a script on its standard input (then
//! closed), no colour; its whole output collected.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `ormsh ARGS` in `dir` with `script` on standard input.
pub fn with_stdin(dir: &Path, args: &[&std::ffi::OsStr], script: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run ormsh");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(script.as_bytes())
        .expect("write script");
    child.wait_with_output().expect("ormsh output")
}

/// `ormsh ARGS` in `dir` with `script` on standard input, which must exit
/// 0: its (stdout, stderr).
#[allow(dead_code)] // not every test file asks for success
pub fn succeeding(dir: &Path, args: &[&str], script: &str) -> (String, String) {
    let all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    let o = with_stdin(dir, &all, script);
    assert!(
        o.status.success(),
        "ormsh failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}
