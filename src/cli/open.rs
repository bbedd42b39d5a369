//! Opening the database named on the command line: the argument read by
//! `db_url::parse` (the one reader of file names and `sqlite://` URLs),
//! the engine opened on it and set up as the options ask (echo, busy
//! timeout, write-ahead log, sandbox). Each failure is printed here and
//! becomes an exit code.

use std::io::IsTerminal;

use crate::cli::args::Cli;
use crate::cli::exit;
use crate::db_url::Target;
use crate::engine::Engine;
use crate::error::Error;
use crate::render::diagnostic::printable;

/// The database the arguments name, opened and set up, and where it is;
/// `color` dims the echo when stderr is a terminal too. `Err` is the exit
/// code, the reason already printed.
pub fn open(cli: &Cli, color: bool) -> Result<(Engine, Target), i32> {
    let target = target(cli)?;
    let engine = engine(cli, &target)?;
    set_up(&engine, cli, &target, color)?;
    Ok((engine, target))
}

/// Where the database is: the argument as a file or URL, memory without
/// one. One that cannot be read is a bad argument (exit 2); a file in a
/// directory that does not exist fails (exit 1).
fn target(cli: &Cli) -> Result<Target, i32> {
    let target = match cli.database.as_deref().map(crate::db_url::parse) {
        None => Target::file(None),
        Some(Ok(t)) => t,
        Some(Err(e)) => {
            say(&e);
            return Err(exit::USAGE);
        }
    };
    if let Err(e) = target.check_directory() {
        eprintln!("ormsh: {}", printable(&e.message));
        if let Some(help) = &e.help {
            eprintln!("help: {}", printable(help));
        }
        return Err(exit::FAILED);
    }
    Ok(target)
}

/// The engine on `target`, read-only if asked. Opening reads the schema,
/// which waits on a locked file too: with `--busy-timeout`, not the 5 s
/// default (a URL's `?timeout=` still wins).
fn engine(cli: &Cli, target: &Target) -> Result<Engine, i32> {
    let mut open_at = target.clone();
    open_at.busy_timeout_ms.get_or_insert(cli.busy_timeout);
    Engine::open_target(&open_at, cli.readonly).map_err(|e| {
        say(&e);
        exit::FAILED
    })
}

/// Echo (dimmed when coloured and stderr is a terminal), the busy timeout
/// (a URL's `?timeout=SECONDS` wins over `--busy-timeout`), `--wal` and
/// `--sandbox`.
fn set_up(engine: &Engine, cli: &Cli, target: &Target, color: bool) -> Result<(), i32> {
    engine.set_echo(cli.echo);
    if target.busy_timeout_ms.is_none() {
        engine.set_busy_timeout(cli.busy_timeout);
    }
    if cli.wal
        && let Err(e) = engine.use_wal()
    {
        eprintln!("ormsh: {}: {}", e.kind.name(), printable(&e.message));
        return Err(exit::FAILED);
    }
    engine.set_echo_dim(color && std::io::stderr().is_terminal());
    if cli.sandbox
        && let Err(e) = engine.start_sandbox()
    {
        eprintln!("ormsh: cannot start the sandbox: {}", printable(&e.message));
        return Err(exit::FAILED);
    }
    Ok(())
}

/// `ormsh: KIND: message` and its help line on stderr.
fn say(e: &Error) {
    eprintln!("ormsh: {}: {}", e.kind.name(), printable(&e.message));
    if let Some(help) = &e.help {
        eprintln!("help: {}", printable(help));
    }
}
