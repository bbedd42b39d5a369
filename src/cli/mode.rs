//! What a run of ormsh does, decided from its arguments and its terminal
//! alone (pure, so the table in `tests.rs` pins it): scripts (`-f`, `-c`),
//! then an exit, standard input read as a script, or the shell (with a
//! tutorial); and whether output is coloured.

use std::ffi::OsStr;

use crate::cli::args::Cli;

/// What a run does once the database is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// `-f` files and then `-c` statements run first.
    pub scripted: bool,
    /// What follows them.
    pub then: Then,
}

/// What follows the scripts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    /// Exit: 1 if a script failed, else 0 (scripts without `-i`).
    Exit,
    /// Read standard input, which is not a terminal, as one more script
    /// (the plain shell).
    Stdin,
    /// The interactive shell, walking `tutorial` when one was asked for.
    Shell { tutorial: Option<String> },
}

impl Plan {
    /// The plan for `cli` when standard input is (or is not) a terminal:
    /// scripts alone exit unless `-i` asks for more; without a terminal
    /// the shell reads standard input as a script.
    pub fn choose(cli: &Cli, stdin_tty: bool) -> Plan {
        let scripted = !cli.files.is_empty() || !cli.commands.is_empty();
        let then = if scripted && !cli.interactive {
            Then::Exit
        } else if !stdin_tty {
            Then::Stdin
        } else {
            Then::Shell {
                tutorial: cli.tutorial.clone().flatten(),
            }
        };
        Plan { scripted, then }
    }

    /// Whether the interactive shell runs: then the init file in the
    /// config directory is read, and what a database held that was
    /// refused is noted in the banner rather than on stderr.
    pub fn interactive(&self) -> bool {
        matches!(self.then, Then::Shell { .. })
    }
}

/// Whether output is coloured: `--color always` or `never`, else (`auto`)
/// when standard output is a terminal and `NO_COLOR` is unset or empty.
pub fn colored(when: &str, stdout_tty: bool, no_color: Option<&OsStr>) -> bool {
    match when {
        "always" => true,
        "never" => false,
        _ => stdout_tty && no_color.is_none_or(|v| v.is_empty()),
    }
}
