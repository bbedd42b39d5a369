//! The scripts a run is given: the init file, `-f` files (`-` is standard
//! input) and `-c` statements in order, and standard input read as one
//! script when it is not a terminal. Each returns the exit code that ends
//! the run, its reason printed: 1 for a failed statement or an unreadable
//! init file, 2 for a script that cannot be read, 130 after Ctrl-C, or the
//! code of `.exit N`.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::app::{App, ScriptResult};
use crate::cli::args::Cli;
use crate::cli::exit;

/// The init file to run: `--init FILE` always, `init.orm` in the config
/// directory (if it exists) only for the interactive shell, none with
/// `--no-init`.
pub fn init_file(cli: &Cli, interactive: bool) -> Option<PathBuf> {
    match (&cli.init, cli.no_init) {
        (_, true) => None,
        (Some(f), false) => Some(f.clone()),
        (None, false) if interactive => crate::repl::history::init_path().filter(|p| p.exists()),
        _ => None,
    }
}

/// Run the init file. Its failures do not stop the run; one that cannot
/// be read or decoded does (1), and so does `.exit` in it.
pub fn run_init(app: &mut App, path: &Path) -> Result<(), i32> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        eprintln!(
            "ormsh: cannot read the init file {}: {}",
            path.display(),
            io_reason(&e)
        );
        exit::FAILED
    })?;
    let text = crate::source::decode(bytes)
        .map_err(|e| e.report(&name))
        .map_err(|msg| {
            eprintln!("{msg}");
            exit::FAILED
        })?;
    let r = app.run_script(&text, &name, false, false);
    match r.exit {
        Some(code) => Err(code),
        None => Ok(()),
    }
}

/// The `-f` files, then the `-c` statements. `Ok(true)` when one failed
/// and `--keep-going` carried on; without it the first failure ends the
/// run (1).
pub fn run_scripts(app: &mut App, cli: &Cli) -> Result<bool, i32> {
    let mut failed = false;
    for f in &cli.files {
        let (name, text) = read_script(f)?;
        let r = app.run_script(&text, &name, cli.keep_going, cli.transcript);
        failed |= settle(app, r, cli.keep_going)?;
    }
    for c in &cli.commands {
        let r = app.run_script(c, "<command>", cli.keep_going, cli.transcript);
        failed |= settle(app, r, cli.keep_going)?;
    }
    Ok(failed)
}

/// Standard input (not a terminal) run as one more script: 1 if it or an
/// earlier script (`failed`) had a failing statement, else 0; a sandbox
/// is rolled back.
pub fn run_stdin(app: &mut App, cli: &Cli, failed: bool) -> i32 {
    let text = match read_stdin() {
        Ok(t) => t,
        Err(msg) => {
            eprintln!("{msg}");
            return exit::FAILED;
        }
    };
    let r = app.run_script(&text, "<stdin>", cli.keep_going, cli.transcript);
    if r.interrupted {
        return interrupted(app);
    }
    if let Some(code) = r.exit {
        return code;
    }
    let code = (failed || r.failures > 0) as i32;
    let _ = app.interp.session.engine.end_sandbox();
    code
}

/// A `-f` argument's name (as errors show it) and text. One that cannot be
/// read is a bad argument (2); one that is not UTF-8 fails (1).
fn read_script(f: &OsStr) -> Result<(String, String), i32> {
    let name = f.to_string_lossy().into_owned();
    let decoded = if f == "-" {
        read_stdin().map(|t| ("<stdin>".to_string(), t))
    } else {
        match crate::memory::read_file(f) {
            Ok(bytes) => crate::source::decode(bytes)
                .map_err(|e| e.report(&name))
                .map(|t| (name, t)),
            Err(e) => {
                eprintln!("ormsh: cannot read the script '{name}': {}", io_reason(&e));
                eprintln!(
                    "help: a relative path starts from the current directory; '-' reads standard input"
                );
                return Err(exit::USAGE);
            }
        }
    };
    decoded.map_err(|msg| {
        eprintln!("{msg}");
        exit::FAILED
    })
}

/// How a script ended, for the run: `Err` the exit code when it ends the
/// run (Ctrl-C, `.exit`, a failure without `--keep-going`), else whether
/// a statement failed.
fn settle(app: &mut App, r: ScriptResult, keep_going: bool) -> Result<bool, i32> {
    if r.interrupted {
        return Err(interrupted(app));
    }
    if let Some(code) = r.exit {
        return Err(code);
    }
    if r.failures > 0 && !keep_going {
        return Err(exit::FAILED);
    }
    Ok(r.failures > 0)
}

/// Ctrl-C in a script: the open transaction is rolled back; exit 130.
fn interrupted(app: &mut App) -> i32 {
    let _ = app.interp.session.rollback();
    let _ = app.interp.session.engine.end_sandbox();
    exit::INTERRUPTED
}

/// Why a file could not be read, in words.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// All of standard input, decoded as a script.
fn read_stdin() -> Result<String, String> {
    let bytes = crate::memory::read_all(std::io::stdin())
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    crate::source::decode(bytes).map_err(|e| e.report("<stdin>"))
}
