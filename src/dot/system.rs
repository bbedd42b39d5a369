//! `.shell CMD` and `.system CMD`, as sqlite3's: run a command line in the
//! system's shell (`$SHELL` is not asked: `/bin/sh -c`, as `system(3)`),
//! its output on the terminal, its failure reported with its exit status.

use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::process::Command;

use super::Call;
use crate::app::{App, Flow};
use crate::error::{Error, ErrorKind, Result};

/// `.shell CMD…` / `.system CMD…`: the rest of the line, as typed.
pub fn shell(app: &mut App, call: &Call) -> Result<Flow> {
    let cmd = call.line[call.name.len()..].trim();
    if cmd.is_empty() {
        return Err(Error::value(format!("usage: {} CMD", call.name))
            .with_help(format!("e.g. {} ls -l", call.name)));
    }
    app.interp.out.flush().map_err(crate::eval::output_error)?;
    let mut command = Command::new("/bin/sh");
    command.arg("-c").arg(cmd);
    let failed = |e: std::io::Error| {
        Error::new(
            ErrorKind::Command,
            format!("cannot run /bin/sh: {}", super::io_reason(&e)),
        )
    };
    // At the prompt the command has the terminal, as sqlite3's system()
    // gives it; otherwise it reads nothing (a script on standard input
    // stays ormsh's) and what it prints goes where statements print (a
    // file after `.output`).
    let status = if app.interp.interactive && !app.settings.redirect.active() {
        command.status().map_err(failed)?
    } else {
        let run = command
            .stdin(std::process::Stdio::null())
            .output()
            .map_err(failed)?;
        let out = &mut app.interp.out;
        out.write_all(&run.stdout)
            .map_err(crate::eval::output_error)?;
        out.flush().map_err(crate::eval::output_error)?;
        let _ = app.err.write_all(&run.stderr);
        run.status
    };
    if !status.success() {
        let how = match (status.code(), status.signal()) {
            (Some(code), _) => format!("ended with exit status {code}"),
            (None, Some(libc::SIGINT)) => "was interrupted (Ctrl-C)".to_string(),
            (None, Some(signal)) => format!("was stopped by signal {signal}"),
            (None, None) => "was stopped by a signal".to_string(),
        };
        return Err(Error::new(
            ErrorKind::Command,
            format!("the command {how}: {cmd}"),
        ));
    }
    Ok(Flow::Continue)
}
