//! The command line as clap reads it: every option with its help line,
//! and `parse`, which turns clap's verdict into an exit code when the
//! arguments are bad (or asked for help or the version).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::Parser;

use crate::cli::exit;
use crate::engine::Engine;

/// ormsh's arguments (clap derive; `ormsh --help` shows the doc lines).
#[derive(Parser, Debug)]
#[command(name = "ormsh", version = concat!(env!("CARGO_PKG_VERSION")), disable_version_flag = true,
    about = "Define ORM models and query SQLite the way the Flask-SQLAlchemy quickstart does — no Python.")]
pub struct Cli {
    /// SQLite file (created if missing) or URI (sqlite:///path, sqlite:// = memory)
    pub database: Option<OsString>,
    /// Run a script, then exit (repeatable; '-' is stdin)
    #[arg(short = 'f', long = "file")]
    pub files: Vec<OsString>,
    /// Run a statement, then exit (repeatable)
    #[arg(short = 'c', long = "command")]
    pub commands: Vec<String>,
    /// Stay in the shell after -f / -c
    #[arg(short, long)]
    pub interactive: bool,
    /// In a script, go on past a failing statement (exit 1 at the end)
    #[arg(long)]
    pub keep_going: bool,
    /// Start with .echo on
    #[arg(short, long)]
    pub echo: bool,
    /// Start in that output mode (how lists of rows and instances print)
    #[arg(short = 'm', long = "mode", value_name = "MODE",
        value_parser = clap::builder::PossibleValuesParser::new(crate::render::table::MODE_NAMES))]
    pub mode: Option<String>,
    /// Print each statement of a script with its prompt before its output
    #[arg(short = 'x', long)]
    pub transcript: bool,
    /// Open the database read-only
    #[arg(long)]
    pub readonly: bool,
    /// One transaction for the whole session, rolled back at exit
    #[arg(long)]
    pub sandbox: bool,
    /// How long to wait for a database another process has locked, in ms
    /// (SQLite takes at most 2147483647)
    #[arg(long, value_name = "MS", default_value_t = 5000,
          value_parser = clap::value_parser!(u64).range(..=i32::MAX as u64))]
    pub busy_timeout: u64,
    /// Use SQLite's write-ahead log (readers and a writer at once)
    #[arg(long)]
    pub wal: bool,
    /// Run FILE first (default: init.orm in the config dir, interactive only)
    #[arg(long, value_name = "FILE")]
    pub init: Option<PathBuf>,
    /// Do not run an init file
    #[arg(long)]
    pub no_init: bool,
    /// Colour: auto (a terminal, unless NO_COLOR is set), always, never
    #[arg(long, value_name = "WHEN", default_value = "auto", value_parser = ["auto", "always", "never"])]
    pub color: String,
    /// Walk a tutorial lesson; with no NAME, list the lessons
    #[arg(long, value_name = "NAME", num_args = 0..=1)]
    pub tutorial: Option<Option<String>>,
    /// Open the file without its stored models and without reflecting its tables
    #[arg(long)]
    pub no_models: bool,
    /// Print the version
    #[arg(short = 'V', long)]
    pub version: bool,
}

/// `ormsh X.Y.Z (SQLite A.B.C)`, for `--version` and the banner.
pub fn version_line() -> String {
    format!(
        "ormsh {} (SQLite {})",
        env!("CARGO_PKG_VERSION"),
        Engine::sqlite_version()
    )
}

/// The process's arguments. `Err` is the exit code once clap has printed
/// its message: 2 for bad arguments, 0 for `--help`; `--version` prints
/// the version line and is 0 too.
pub fn parse() -> Result<Cli, i32> {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return Err(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    if cli.version {
        println!("{}", version_line());
        return Err(exit::OK);
    }
    if let Some(asked) = &cli.tutorial {
        crate::cli::lessons::check(asked.as_deref())?;
    }
    Ok(cli)
}
