//! The command line: raw arguments (clap, `args`), what the run does
//! (`mode`), the database to open (`open`), then the init file, scripts,
//! `-c` statements, standard input (`scripts`) or the shell; each failure
//! mapped to an exit code (`exit`). Output is `output::Stdout`.

/// `eprintln!` that ignores a closed stderr (`ormsh … 2>&1 | head`):
/// the run's exit code says how it ended; a panic would not.
macro_rules! eprintln {
    ($($t:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($t)*);
    }};
}

mod args;
pub(crate) mod fresh;
mod lessons;
mod mode;
mod open;
mod output;
mod scripts;

use std::io::{IsTerminal, Write};

use crate::app::App;
use crate::cli::mode::{Plan, Then};
use crate::cli::output::{Exiting, Stdout};
use crate::db_url::{Location, Target};
use crate::engine::Engine;
use crate::eval::Interp;
use crate::orm::session::Session;
use crate::render::table::Mode;

pub use args::{Cli, version_line};

/// The process's exit codes.
pub mod exit {
    /// All went well (also `--help` and `--version`).
    pub const OK: i32 = 0;
    /// A statement failed, or the database, the init file or standard
    /// input could not be opened or read.
    pub const FAILED: i32 = 1;
    /// Bad arguments: clap's usage errors, a database argument or a script
    /// that cannot be read.
    pub const USAGE: i32 = 2;
    /// Ctrl-C stopped a script (128 + SIGINT, as shells report it).
    pub const INTERRUPTED: i32 = 130;
}

/// Run ormsh with the process's arguments; the exit code.
pub fn main() -> i32 {
    let cli = match args::parse() {
        Ok(c) => c,
        Err(code) => return code,
    };
    let plan = Plan::choose(&cli, std::io::stdin().is_terminal());
    let color = mode::colored(
        &cli.color,
        std::io::stdout().is_terminal(),
        std::env::var_os("NO_COLOR").as_deref(),
    );
    let created = cli
        .database
        .as_deref()
        .and_then(|d| crate::db_url::parse(d).ok())
        .and_then(|t| fresh::not_yet_there(&t));
    let (engine, target) = match open::open(&cli, color) {
        Ok(opened) => opened,
        Err(code) => return code,
    };
    crate::interrupt::install(engine.interrupter());
    let mut app = Exiting(new_app(engine, &cli));
    app.0.settings.current_fresh.clone_from(&created);
    app.0.interp.store_wait_for_table(created.is_some());
    let code = run(&mut app, &cli, &plan, &target, color);
    let opened = std::mem::take(&mut app.0.settings.opened_fresh);
    // Definitions still pending are saved as the app goes; then the files
    // this run created (on the command line or with `.open`) and never
    // wrote to are removed.
    drop(app);
    for path in created.iter().chain(&opened) {
        fresh::remove_if_unwritten(path);
    }
    code
}

/// The interpreter on the session, writing to standard output in the
/// `--mode` asked for (modes never change by themselves when piped;
/// tables only fit a terminal).
fn new_app(engine: Engine, cli: &Cli) -> App {
    let out: Box<dyn Write> = Box::new(Stdout::default());
    let mut interp = Interp::new(Session::new(engine), out);
    interp.mode = cli
        .mode
        .as_deref()
        .and_then(Mode::from_name)
        .unwrap_or_default();
    interp.fit_terminal = std::io::stdout().is_terminal();
    App::new(interp, Box::new(std::io::stderr()))
}

/// Everything after opening, as `plan` says: the file's stored models,
/// the init file, the scripts, then an exit, standard input or the shell.
fn run(app: &mut App, cli: &Cli, plan: &Plan, target: &Target, color: bool) -> i32 {
    // Issue 7: stored models and reflection (src/persist/open.rs); what
    // the file held that was refused is noted in the banner, or on stderr.
    // PostgreSQL too: `_ormsh_models` in its current schema, its tables
    // reflected through `pg_catalog` (`persist::introspect_pg`).
    if !matches!(target.location, Location::Memory) {
        app.interp.open_models(!cli.no_models);
        app.interp.report_refusals(plan.interactive());
        app.persist_after_chunk();
    }
    if let Some(path) = scripts::init_file(cli, plan.interactive())
        && let Err(code) = scripts::run_init(app, &path)
    {
        return code;
    }
    let failed = match plan.scripted.then(|| scripts::run_scripts(app, cli)) {
        None => false,
        Some(Ok(failed)) => failed,
        Some(Err(code)) => return code,
    };
    match &plan.then {
        Then::Exit => failed as i32,
        Then::Stdin => scripts::run_stdin(app, cli, failed),
        Then::Shell { tutorial } => {
            let opts = crate::repl::ShellOptions {
                color,
                history: true,
                banner: shell_banner(app, target, cli),
                tutorial: tutorial.clone(),
            };
            crate::repl::run(app, opts)
        }
    }
}

/// The shell's banner, with what opening the file loaded (stored models,
/// reflected tables) before its last line.
fn shell_banner(app: &mut App, target: &Target, cli: &Cli) -> Vec<String> {
    let mut lines = banner(&target.location, cli.sandbox, cli.readonly);
    // The database's own version: the server's on PostgreSQL.
    if let Some(first) = lines.first_mut() {
        *first = format!(
            "ormsh {} ({})",
            env!("CARGO_PKG_VERSION"),
            app.interp.session.engine.server_version()
        );
    }
    let loaded = std::mem::take(&mut app.interp.store.banner);
    let help = lines.pop();
    lines.extend(loaded);
    lines.extend(help);
    lines
}

/// The banner: version, database, help — one line each.
fn banner(at: &Location, sandbox: bool, readonly: bool) -> Vec<String> {
    let mut lines = vec![version_line()];
    let shown = match at {
        Location::Memory => None,
        Location::File(p) => Some(p.display().to_string()),
        Location::Uri(u) => Some(u.clone()),
        Location::Postgres(u) => Some(crate::db_url::without_password(u)),
    };
    lines.push(match shown {
        None => "Database: in memory, gone at exit (to keep data: ormsh FILE.db)".into(),
        Some(p) => format!(
            "Database: {p}{}",
            if readonly { " (read-only)" } else { "" }
        ),
    });
    if sandbox {
        lines.push("Sandbox: everything you do will be rolled back when you leave.".into());
    }
    lines.push("Type .help for help, .tutorial for lessons, Ctrl-D to leave.".into());
    lines
}

#[cfg(test)]
mod tests;
