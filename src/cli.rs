//! The command line: raw arguments (clap), the database to open, then
//! scripts, `-c` statements or the shell; errors mapped to exit codes
//! (0 all went well, 1 a statement failed, 2 bad arguments).

use std::ffi::OsString;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Parser;

use crate::app::App;
use crate::db_url::{Location, Target};
use crate::engine::Engine;
use crate::eval::Interp;
use crate::orm::session::Session;
use crate::render::diagnostic::printable;

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
    /// Walk a tutorial lesson (.tutorial lists them)
    #[arg(long, value_name = "NAME")]
    pub tutorial: Option<String>,
    /// Open the file without its stored models and without reflecting its tables
    #[arg(long)]
    pub no_models: bool,
    /// Print the version
    #[arg(short = 'V', long)]
    pub version: bool,
}

pub fn version_line() -> String {
    format!(
        "ormsh {} (SQLite {})",
        env!("CARGO_PKG_VERSION"),
        Engine::sqlite_version()
    )
}

/// Run ormsh with the process's arguments; the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    if cli.version {
        println!("{}", version_line());
        return 0;
    }
    let target = match cli.database.as_deref().map(crate::db_url::parse) {
        None => Target::file(None),
        Some(Ok(t)) => t,
        // A database argument that cannot be read is a bad argument: exit 2.
        Some(Err(e)) => {
            eprintln!("ormsh: {}: {}", e.kind.name(), printable(&e.message));
            if let Some(help) = &e.help {
                eprintln!("help: {}", printable(help));
            }
            return 2;
        }
    };
    if let Err(e) = target.check_directory() {
        eprintln!("ormsh: {}", printable(&e.message));
        if let Some(help) = &e.help {
            eprintln!("help: {}", printable(help));
        }
        return 1;
    }
    let on_file = target.location != Location::Memory;
    // Opening reads the schema, which waits on a locked file too: with
    // --busy-timeout, not the 5 s default (a URL's ?timeout= still wins).
    let mut open_at = target.clone();
    open_at.busy_timeout_ms.get_or_insert(cli.busy_timeout);
    let engine = match Engine::open_target(&open_at, cli.readonly) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("ormsh: {}: {}", e.kind.name(), printable(&e.message));
            if let Some(help) = &e.help {
                eprintln!("help: {}", printable(help));
            }
            return 1;
        }
    };
    let engine = engine;
    engine.set_echo(cli.echo);
    // A timeout in the URL (?timeout=SECONDS) wins over --busy-timeout's default.
    if target.busy_timeout_ms.is_none() {
        engine.set_busy_timeout(cli.busy_timeout);
    }
    if cli.wal
        && let Err(e) = engine.use_wal()
    {
        eprintln!("ormsh: {}: {}", e.kind.name(), printable(&e.message));
        return 1;
    }
    let stdin_tty = std::io::stdin().is_terminal();
    let color = match cli.color.as_str() {
        "always" => true,
        "never" => false,
        _ => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    engine.set_echo_dim(color && std::io::stderr().is_terminal());
    if cli.sandbox
        && let Err(e) = engine.start_sandbox()
    {
        eprintln!("ormsh: cannot start the sandbox: {}", printable(&e.message));
        return 1;
    }
    crate::interrupt::install(engine.interrupter());
    let out: Box<dyn Write> = Box::new(Stdout::default());
    let mut interp = Interp::new(Session::new(engine), out);
    // Modes never change by themselves when piped; tables only fit a terminal.
    interp.mode = cli
        .mode
        .as_deref()
        .and_then(crate::render::table::Mode::from_name)
        .unwrap_or_default();
    interp.fit_terminal = std::io::stdout().is_terminal();
    let mut app = Exiting(App::new(interp, Box::new(std::io::stderr())));
    let mut failed = false;
    let scripted = !cli.files.is_empty() || !cli.commands.is_empty();
    let interactive = stdin_tty && (!scripted || cli.interactive);
    // Issue 7: stored models and reflection (src/persist/open.rs); what
    // the file held that was refused is noted in the banner, or on stderr.
    if on_file {
        app.interp.open_models(!cli.no_models);
        app.interp.report_refusals(interactive);
        app.persist_after_chunk();
    }
    // The init file: --init FILE always; init.orm in the config dir only
    // for the interactive shell.
    let init = match (&cli.init, cli.no_init) {
        (_, true) => None,
        (Some(f), false) => Some(f.clone()),
        (None, false) if interactive => crate::repl::history::init_path().filter(|p| p.exists()),
        _ => None,
    };
    if let Some(path) = init {
        let name = path.display().to_string();
        match std::fs::read(&path) {
            Ok(bytes) => {
                let text = match crate::source::decode(bytes).map_err(|e| e.report(&name)) {
                    Ok(t) => t,
                    Err(msg) => {
                        eprintln!("{msg}");
                        return 1;
                    }
                };
                let r = app.run_script(&text, &name, false, false);
                if let Some(code) = r.exit {
                    return code;
                }
            }
            Err(e) => {
                eprintln!(
                    "ormsh: cannot read the init file {}: {}",
                    path.display(),
                    io_reason(&e)
                );
                return 1;
            }
        }
    }
    for f in &cli.files {
        let name = f.to_string_lossy().into_owned();
        let (name, text) = if f == "-" {
            match read_stdin() {
                Ok(t) => ("<stdin>".to_string(), t),
                Err(msg) => {
                    eprintln!("{msg}");
                    return 1;
                }
            }
        } else {
            match crate::memory::read_file(f) {
                Ok(bytes) => match crate::source::decode(bytes).map_err(|e| e.report(&name)) {
                    Ok(t) => (name, t),
                    Err(msg) => {
                        eprintln!("{msg}");
                        return 1;
                    }
                },
                // A script that cannot be read is a bad argument: exit 2.
                Err(e) => {
                    eprintln!("ormsh: cannot read the script '{name}': {}", io_reason(&e));
                    eprintln!(
                        "help: a relative path starts from the current directory; '-' reads standard input"
                    );
                    return 2;
                }
            }
        };
        let r = app.run_script(&text, &name, cli.keep_going, cli.transcript);
        if r.interrupted {
            return interrupted(&mut app);
        }
        if let Some(code) = r.exit {
            return code;
        }
        if r.failures > 0 {
            failed = true;
            if !cli.keep_going {
                return 1;
            }
        }
    }
    for c in &cli.commands {
        let r = app.run_script(c, "<command>", cli.keep_going, cli.transcript);
        if r.interrupted {
            return interrupted(&mut app);
        }
        if let Some(code) = r.exit {
            return code;
        }
        if r.failures > 0 {
            failed = true;
            if !cli.keep_going {
                return 1;
            }
        }
    }
    if scripted && !cli.interactive {
        return failed as i32;
    }
    if !stdin_tty {
        let text = match read_stdin() {
            Ok(t) => t,
            Err(msg) => {
                eprintln!("{msg}");
                return 1;
            }
        };
        let r = app.run_script(&text, "<stdin>", cli.keep_going, cli.transcript);
        if r.interrupted {
            return interrupted(&mut app);
        }
        if let Some(code) = r.exit {
            return code;
        }
        let code = (failed || r.failures > 0) as i32;
        let _ = app.interp.session.engine.end_sandbox();
        return code;
    }
    let opts = crate::repl::ShellOptions {
        color,
        history: true,
        banner: {
            let mut lines = banner(&target.location, cli.sandbox, cli.readonly);
            // What opening the file loaded (stored models, reflected tables).
            let loaded = std::mem::take(&mut app.interp.store.banner);
            let help = lines.pop();
            lines.extend(loaded);
            lines.extend(help);
            lines
        },
        tutorial: cli.tutorial.clone(),
    };
    crate::repl::run(&mut app, opts)
}

/// The shell until the process exits: when it is dropped, its objects are
/// left to the OS rather than freed one by one (`Interp::abandon_objects`).
struct Exiting(App);

impl Drop for Exiting {
    fn drop(&mut self) {
        self.0.interp.abandon_objects();
    }
}

impl std::ops::Deref for Exiting {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}

impl std::ops::DerefMut for Exiting {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.0
    }
}

/// Buffered standard output. When the reader has gone (a broken pipe),
/// the write that found out fails and what was waiting in the buffer is
/// dropped with it: a later statement that prints nothing then succeeds
/// (`--keep-going`), and one that prints fails again.
struct Stdout(std::io::BufWriter<std::io::Stdout>);

impl Default for Stdout {
    fn default() -> Stdout {
        Stdout(std::io::BufWriter::new(std::io::stdout()))
    }
}

impl Stdout {
    fn dropping_on_broken_pipe<T>(&mut self, r: std::io::Result<T>) -> std::io::Result<T> {
        if let Err(e) = &r
            && e.kind() == std::io::ErrorKind::BrokenPipe
        {
            // into_parts hands the unwritten bytes back instead of writing.
            let _ = std::mem::take(self).0.into_parts();
        }
        r
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let r = self.0.write(buf);
        self.dropping_on_broken_pipe(r)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let r = self.0.flush();
        self.dropping_on_broken_pipe(r)
    }
}

/// The banner: version, database, help — one line each.
fn banner(at: &Location, sandbox: bool, readonly: bool) -> Vec<String> {
    let mut lines = vec![version_line()];
    let shown = match at {
        Location::Memory => None,
        Location::File(p) => Some(p.display().to_string()),
        Location::Uri(u) => Some(u.clone()),
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

/// Ctrl-C in a script: the open transaction is rolled back; exit 130.
fn interrupted(app: &mut App) -> i32 {
    let _ = app.interp.session.rollback();
    let _ = app.interp.session.engine.end_sandbox();
    130
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn read_stdin() -> Result<String, String> {
    let bytes = crate::memory::read_all(std::io::stdin())
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    crate::source::decode(bytes).map_err(|e| e.report("<stdin>"))
}
