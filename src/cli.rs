//! The command line: raw arguments (clap), the database to open, then
//! scripts, `-c` statements or the shell; errors mapped to exit codes
//! (0 all went well, 1 a statement failed, 2 bad arguments).

use std::io::{BufRead, IsTerminal, Read, Write};
use std::path::PathBuf;

use clap::Parser;

use crate::app::{App, Flow, split_chunks};
use crate::engine::Engine;
use crate::eval::Interp;
use crate::orm::session::Session;
use crate::render::diagnostic::Origin;
use crate::syntax::{Completeness, completeness};

#[derive(Parser, Debug)]
#[command(name = "ormsh", version = concat!(env!("CARGO_PKG_VERSION")), disable_version_flag = true,
    about = "Define ORM models and query SQLite the way the Flask-SQLAlchemy quickstart does — no Python.")]
pub struct Cli {
    /// SQLite file (created if missing) or URI (sqlite:///path, sqlite:// = memory)
    pub database: Option<String>,
    /// Run a script, then exit (repeatable; '-' is stdin)
    #[arg(short = 'f', long = "file")]
    pub files: Vec<String>,
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
    /// Print each statement of a script with its prompt before its output
    #[arg(short = 'x', long)]
    pub transcript: bool,
    /// Open the database read-only
    #[arg(long)]
    pub readonly: bool,
    /// Open the file without its stored models and without reflecting its tables
    #[arg(long)]
    pub no_models: bool,
    /// Print the version
    #[arg(short = 'V', long)]
    pub version: bool,
}

/// Where the database lives: None for memory.
fn database_path(arg: Option<&str>) -> Result<Option<PathBuf>, String> {
    match arg {
        None | Some("sqlite://") | Some(":memory:") => Ok(None),
        Some(uri) if uri.starts_with("sqlite:///") => {
            Ok(Some(PathBuf::from(&uri["sqlite:///".len()..])))
        }
        Some(uri) if uri.contains("://") => Err(format!(
            "'{uri}' is not a SQLite URI; use sqlite:///path or a file name"
        )),
        Some(path) => Ok(Some(PathBuf::from(path))),
    }
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
    let path = match database_path(cli.database.as_deref()) {
        Ok(p) => p,
        Err(msg) => {
            eprintln!("ormsh: {msg}");
            return 2;
        }
    };
    if let Some(p) = &path
        && let Some(dir) = p.parent()
        && !dir.as_os_str().is_empty()
        && !dir.exists()
    {
        eprintln!(
            "ormsh: cannot open {}: the directory {} does not exist",
            p.display(),
            dir.display()
        );
        return 1;
    }
    let engine = match Engine::open(path.as_deref(), cli.readonly) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("ormsh: {}: {}", e.kind.name(), e.message);
            return 1;
        }
    };
    let mut engine = engine;
    engine.echo = cli.echo;
    let out: Box<dyn Write> = Box::new(std::io::BufWriter::new(std::io::stdout()));
    let interp = Interp::new(Session::new(engine), out);
    let mut app = App::new(interp, Box::new(std::io::stderr()));
    // Issue 7: stored models and reflection (src/persist/open.rs).
    if path.is_some() {
        app.interp.open_models(!cli.no_models);
        app.persist_after_chunk();
    }

    let stdin_tty = std::io::stdin().is_terminal();
    let mut failed = false;
    let scripted = !cli.files.is_empty() || !cli.commands.is_empty();
    for f in &cli.files {
        let (name, text) = if f == "-" {
            match read_stdin() {
                Ok(t) => ("<stdin>".to_string(), t),
                Err(msg) => {
                    eprintln!("ormsh: {msg}");
                    return 1;
                }
            }
        } else {
            match std::fs::read(f) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(t) => (f.clone(), t),
                    Err(e) => {
                        eprintln!(
                            "ormsh: {f} is not UTF-8 text (invalid byte at offset {})",
                            e.utf8_error().valid_up_to()
                        );
                        return 1;
                    }
                },
                Err(e) => {
                    eprintln!("ormsh: cannot read {f}: {}", io_reason(&e));
                    return 1;
                }
            }
        };
        let r = app.run_script(&text, &name, cli.keep_going, cli.transcript);
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
                eprintln!("ormsh: {msg}");
                return 1;
            }
        };
        let r = app.run_script(&text, "<stdin>", cli.keep_going, cli.transcript);
        if let Some(code) = r.exit {
            return code;
        }
        return (failed || r.failures > 0) as i32;
    }
    shell(&mut app, path.is_none())
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

fn read_stdin() -> Result<String, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "standard input is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A plain line-reading shell (the full editor is a later issue).
fn shell(app: &mut App, memory: bool) -> i32 {
    let _ = writeln!(
        app.interp.out,
        "{} — {}. .help for help{}.",
        version_line(),
        if memory {
            "SQLite in-memory database (transient)"
        } else {
            "SQLite database"
        },
        if memory {
            ", .open FILE to persist"
        } else {
            ""
        }
    );
    for line in std::mem::take(&mut app.interp.store.banner) {
        let _ = writeln!(app.interp.out, "{line}");
    }
    app.interp.interactive = true;
    let stdin = std::io::stdin();
    let mut buf = String::new();
    loop {
        let _ = write!(
            app.interp.out,
            "{}",
            if buf.is_empty() { "ormsh> " } else { "  ...> " }
        );
        let _ = app.interp.out.flush();
        let mut line = String::new();
        match stdin.lock().read_line(&mut line) {
            Ok(0) => {
                let _ = writeln!(app.interp.out);
                return 0;
            }
            Ok(_) => {}
            Err(_) => return 1,
        }
        buf.push_str(&line);
        let dot = buf.trim_start().starts_with('.');
        if !dot && completeness(&buf) == Completeness::Incomplete {
            continue;
        }
        let chunk = std::mem::take(&mut buf);
        for (first_line, piece) in split_chunks(&chunk) {
            let origin = Origin {
                file: None,
                first_line,
            };
            if let Flow::Exit(code) = app.run_chunk(&piece, &origin) {
                return code;
            }
        }
    }
}
