//! `.output FILE` and `.once FILE`, as sqlite3's: what statements print
//! goes to FILE — until `.output` with no file (or `stdout`) for `.output`,
//! for the next statement only for `.once`. Errors and warnings stay on
//! stderr, and a tutorial's narration on the terminal (`App::screen`).

use std::io::{BufWriter, Write};

use super::Call;
use crate::app::{App, Flow};
use crate::error::{Error, Result};

/// Where output goes now, and the output it replaced.
#[derive(Default)]
pub struct Redirect {
    /// The file output goes to, and standard output kept for `.output`.
    to: Option<(String, Box<dyn Write>)>,
    /// `.once`: the next statement's output only.
    once: bool,
}

impl Redirect {
    /// `stdout`, or the file output goes to (for `.show`).
    pub fn describe(&self) -> String {
        match &self.to {
            Some((file, _)) if self.once => format!("{file} (once)"),
            Some((file, _)) => file.clone(),
            None => "stdout".to_string(),
        }
    }

    /// Whether output goes to a file now.
    pub fn active(&self) -> bool {
        self.to.is_some()
    }

    /// Standard output, kept while output goes to a file.
    pub fn kept_stdout(&mut self) -> Option<&mut Box<dyn Write>> {
        self.to.as_mut().map(|(_, stdout)| stdout)
    }

    /// Whether the chunk about to run is the one `.once` meant.
    pub fn once_armed(&self) -> bool {
        self.once
    }
}

/// `.output [FILE|stdout]`
pub fn output(app: &mut App, call: &Call) -> Result<Flow> {
    match call.args.as_slice() {
        [] | ["stdout"] => restore(app),
        [file] => redirect(app, call, file, false),
        _ => Err(usage(".output")),
    }
}

/// `.once FILE`
pub fn once(app: &mut App, call: &Call) -> Result<Flow> {
    match call.args.as_slice() {
        [file] => redirect(app, call, file, true),
        _ => Err(usage(".once")),
    }
}

fn usage(name: &str) -> Error {
    Error::value(format!("usage: {name} FILE")).with_help(format!(
        "e.g. {name} users.csv; .output alone goes back to the screen"
    ))
}

fn redirect(app: &mut App, call: &Call, file: &str, once: bool) -> Result<Flow> {
    if file.starts_with('|') || file.starts_with('-') {
        return Err(
            Error::value(format!("{} writes to a file, not '{file}'", call.name))
                .with_help("to run a program, use .shell CMD")
                .at(call.span_of(file)),
        );
    }
    restore(app)?;
    let f = std::fs::File::create(file)
        .map_err(|e| super::file_error("write", file, &e).at(call.span_of(file)))?;
    app.interp.out.flush().map_err(crate::eval::output_error)?;
    let stdout = std::mem::replace(&mut app.interp.out, Box::new(BufWriter::new(f)));
    app.settings.redirect.to = Some((file.to_string(), stdout));
    app.settings.redirect.once = once;
    Ok(Flow::Continue)
}

/// Back to the output that was replaced, the file written out.
fn restore(app: &mut App) -> Result<Flow> {
    app.settings.redirect.once = false;
    if let Some((file, stdout)) = app.settings.redirect.to.take() {
        let mut f = std::mem::replace(&mut app.interp.out, stdout);
        f.flush()
            .map_err(|e| super::file_error("write", &file, &e))?;
    }
    Ok(Flow::Continue)
}

impl App {
    /// Where the shell's own words at the prompt go (a tutorial's
    /// narration, its step header, how to leave): the terminal, even
    /// while `.output` sends the statements' output to a file.
    pub fn screen(&mut self) -> &mut dyn Write {
        match self.settings.redirect.kept_stdout() {
            Some(stdout) => stdout.as_mut(),
            None => self.interp.out.as_mut(),
        }
    }

    /// After the statement `.once` meant: output goes back where it was.
    pub fn end_once(&mut self) {
        if let Err(e) = restore(self) {
            let _ = writeln!(self.err, "error: {}", e.message);
        }
    }
}
