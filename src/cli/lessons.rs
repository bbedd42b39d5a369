//! `--tutorial` on the command line: with no NAME it lists the lessons
//! and exits; a NAME that is no lesson is a usage error (exit 2) that
//! lists them, before any database is opened.

use std::io::Write;

use crate::cli::exit;
use crate::eval::suggest::did_you_mean;
use crate::tutorial::LESSONS;

/// `Ok` when the shell should start walking the lesson `asked`; else the
/// exit code once the list or the error is printed.
pub fn check(asked: Option<&str>) -> Result<(), i32> {
    match asked {
        None => {
            let width = crate::repl::pager::terminal_size().map(|(_, cols)| cols);
            let mut out = std::io::stdout().lock();
            for line in listing() {
                for part in crate::tutorial::hanging(&line, 15, width) {
                    let _ = writeln!(out, "{part}");
                }
            }
            let _ = writeln!(out, "Start one with: ormsh --tutorial NAME");
            Err(exit::OK)
        }
        Some(name) if crate::tutorial::find(name).is_some() => Ok(()),
        Some(name) => {
            let names = LESSONS.iter().map(|l| l.name);
            // Written with errors ignored: a reader that closed the pipe
            // early (`| head`) is not a reason to panic.
            let mut err = std::io::stderr().lock();
            let _ = writeln!(
                err,
                "ormsh: no lesson named '{name}'{}",
                did_you_mean(name, names)
            );
            let _ = writeln!(err, "The lessons are:");
            let width = crate::repl::pager::stderr_width();
            for line in listing() {
                for part in crate::tutorial::hanging(&format!("  {line}"), 17, width) {
                    let _ = writeln!(err, "{part}");
                }
            }
            Err(exit::USAGE)
        }
    }
}

/// One line per lesson: its name and summary.
fn listing() -> Vec<String> {
    LESSONS
        .iter()
        .map(|l| format!("{:<14} {}", l.name, l.summary()))
        .collect()
}
