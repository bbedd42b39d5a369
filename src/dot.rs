//! Dot commands (`.help`, `.schema`, `.tables`, `.models`, `.echo`,
//! `.mode`, `.sql`, `.quit`/`.exit`, …): parsing the line and carrying them
//! out.

use crate::app::{App, Flow};
use crate::error::{Error, ErrorKind, Result};
use crate::eval::suggest::did_you_mean;
use crate::render::table::{MODE_NAMES, Mode};
use crate::syntax::span::Span;

/// Each command with its one-line help.
pub const COMMANDS: &[(&str, &str)] = &[
    (".help", "list the commands, or .help NAME for one"),
    (".models", "list the models defined in this session"),
    (
        ".schema",
        "show the DDL of every model, or of one: .schema User",
    ),
    (".tables", "list the tables in the database"),
    (".echo", "print each SQL statement as it runs: .echo on|off"),
    (
        ".timer",
        "print how long each statement takes: .timer on|off",
    ),
    (".read", "run the statements of a file: .read FILE"),
    (
        ".save",
        "write the statements of this session to a file: .save FILE",
    ),
    (
        ".tutorial",
        "list the lessons, walk one (.tutorial NAME), or leave (.tutorial stop)",
    ),
    (
        ".mode",
        "how lists of rows and instances print: .mode repr|table|box|markdown|csv|json|line",
    ),
    (
        ".sql",
        "run raw SQL, print its rows in the current mode: .sql SELECT * FROM user",
    ),
    (".quit", "leave ormsh"),
    (".exit", "leave ormsh with an exit code: .exit 3"),
];

/// What `.help NAME` says beyond the one line: how the command behaves.
pub const DETAILS: &[(&str, &str)] = &[
    (
        ".help",
        "With no NAME, one line per command. With NAMEs (the dot may be left out),
those commands at more length: .help mode sql",
    ),
    (
        ".models",
        "Each model with its table and columns, in the order they were defined;
reflected ones are marked. The models of a file database come back when it
is opened again.",
    ),
    (
        ".schema",
        "The CREATE TABLE and CREATE INDEX statements db.create_all() runs, as
SQLAlchemy writes them for SQLite. With a model name, that model's only.",
    ),
    (
        ".tables",
        "The tables that exist in the database now (created by db.create_all(),
.sql or another program), sorted; ormsh's own _ormsh_models is never shown.",
    ),
    (
        ".echo",
        "On: every SQL statement and its parameters go to stderr as they run,
as SQLAlchemy's echo=True logs them (dimmed on a terminal). Also -e.",
    ),
    (
        ".timer",
        "On: after each statement, 'Run Time: real 0.012 s' (wall time, as
sqlite3's .timer).",
    ),
    (
        ".read",
        "Runs FILE as a script, statement by statement, stopping at the first
error (which names FILE, line and column). Tab completes file names.",
    ),
    (
        ".save",
        "Writes every statement that ran without error in this session to FILE,
one after another, so that `ormsh -f FILE` (or .read FILE) replays it.",
    ),
    (
        ".tutorial",
        "With no NAME, the lessons. With a NAME, a walk through it: each step's
narration, then its statement put at the prompt; Enter runs it (edit it
first if you like) and the lesson moves on. '.tutorial stop' leaves.",
    ),
    (
        ".mode",
        "repr (the default): values print as Python prints them. table, box and
markdown draw a grid; csv and json are for other programs; line puts one
'column = value' per line. Lists of instances print one row each with the
model's columns; rows from db.session.query(...) with their labels; None
prints as NULL. On a terminal wide grids fit its width; scripts never wrap.",
    ),
    (
        ".sql",
        "Runs one SQL statement as written (values inline, no ORM) and prints its
rows in the current mode, or how many rows it changed. A write joins the
session's transaction: db.session.commit() keeps it, rollback() undoes it.
BEGIN, COMMIT and ROLLBACK are refused however they are written: the session
owns the transaction. Values cannot be bound: a ? is an error.",
    ),
    (
        ".quit",
        "Leaves ormsh (exit code 0); Ctrl-D on an empty line does too.",
    ),
    (
        ".exit",
        "Leaves ormsh with exit code CODE, 0 to 255 (default 0): scripts can
report failure with .exit 1.",
    ),
];

/// How many `.read` files may run inside each other (sqlite3's shell stops
/// at the same depth): a file that reads itself stops with an error instead
/// of holding ever more copies of itself.
pub const MAX_READ_NESTING: usize = 25;

pub fn run(app: &mut App, line: &str) -> Result<Flow> {
    let mut words = line.split_whitespace();
    let cmd = words.next().unwrap_or(".");
    let args: Vec<&str> = words.collect();
    // Issue 7: .open, .export, .migrate (src/persist/dot.rs).
    if crate::persist::dot::COMMANDS.iter().any(|(c, _)| *c == cmd) {
        return crate::persist::dot::run(app, cmd, &args);
    }
    match cmd {
        ".help" => {
            let name = |c: &str| c.trim_start_matches('.').to_string();
            let all = || COMMANDS.iter().chain(crate::persist::dot::COMMANDS);
            if let Some(a) = args
                .iter()
                .find(|a| !all().any(|(c, _)| name(c) == name(a)))
            {
                let names = all().map(|(c, _)| *c);
                return Err(Error::name(format!(
                    "no command '{a}'{}",
                    did_you_mean(&format!(".{}", name(a)), names)
                ))
                .with_help("type .help to list the commands"));
            }
            let details = || DETAILS.iter().chain(crate::persist::dot::DETAILS);
            for (c, h) in all() {
                if args.is_empty() {
                    app.interp.write_line(&format!("{c:<10} {h}"))?;
                } else if args.iter().any(|a| name(c) == name(a)) {
                    app.interp.write_line(&format!("{c:<10} {h}"))?;
                    if let Some((_, more)) = details().find(|(d, _)| d == c) {
                        for l in more.lines() {
                            app.interp.write_line(&format!("{:<10} {l}", ""))?;
                        }
                    }
                }
            }
        }
        ".quit" => return Ok(Flow::Exit(0)),
        ".exit" => {
            let code = match args.first() {
                None => 0,
                // An exit status is one byte: 256 would reach the shell as 0.
                Some(a) => {
                    let digits = a.strip_prefix(['-', '+']).unwrap_or(a);
                    let whole = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
                    match a.parse::<u8>() {
                        Ok(n) => i32::from(n),
                        Err(_) => {
                            let err = if whole {
                                Error::value(format!(
                                    ".exit takes an exit code from 0 to 255, not {a}"
                                ))
                                .with_help(
                                    "an exit code is one byte: 0 for success, e.g. .exit 1 for failure",
                                )
                            } else {
                                Error::value(format!(".exit takes a whole number, not '{a}'"))
                                    .with_help("e.g. .exit 1")
                            };
                            return Err(err.at(span_in(line, a)));
                        }
                    }
                }
            };
            return Ok(Flow::Exit(code));
        }
        ".echo" => match args.as_slice() {
            ["on"] => app.interp.session.engine.set_echo(true),
            ["off"] => app.interp.session.engine.set_echo(false),
            _ => return Err(Error::value("usage: .echo on|off")),
        },
        ".timer" => match args.as_slice() {
            ["on"] => app.timer = true,
            ["off"] => app.timer = false,
            _ => return Err(Error::value("usage: .timer on|off")),
        },
        ".read" => {
            let [file] = args.as_slice() else {
                return Err(Error::value("usage: .read FILE"));
            };
            if app.reading >= MAX_READ_NESTING {
                return Err(Error::new(
                    ErrorKind::RecursionError,
                    format!(
                        ".read nested too deeply: {MAX_READ_NESTING} files are being read inside each other"
                    ),
                )
                .with_help(format!("does {file} .read itself, directly or through another file?"))
                .at(span_in(line, file)));
            }
            let bytes = crate::memory::read_file(file).map_err(|e| {
                let kind = match e.kind() {
                    std::io::ErrorKind::OutOfMemory => ErrorKind::MemoryError,
                    _ => ErrorKind::OperationalError,
                };
                Error::new(kind, format!("cannot read {file}: {e}"))
            })?;
            let text = crate::source::decode(bytes).map_err(|e| {
                Error::syntax(
                    format!("{file}:{}:{}: {}", e.line, e.col, e.what()),
                    span_in(line, file),
                )
                .with_help(crate::source::NotUtf8::HELP)
            })?;
            app.reading += 1;
            let r = app.run_script(&text, file, false, false);
            app.reading -= 1;
            if let Some(code) = r.exit {
                return Ok(Flow::Exit(code));
            }
            if r.failures > 0 {
                return Ok(Flow::Failed);
            }
        }
        ".save" => {
            let [file] = args.as_slice() else {
                return Err(Error::value("usage: .save FILE"));
            };
            let mut text = app.log.join("\n");
            text.push('\n');
            std::fs::write(file, text).map_err(|e| {
                Error::new(
                    ErrorKind::OperationalError,
                    format!("cannot write {file}: {e}"),
                )
            })?;
            let n = app.log.len();
            app.interp.write_line(&format!(
                "{n} statement{} saved to {file}",
                if n == 1 { "" } else { "s" }
            ))?;
        }
        ".tutorial" => match args.as_slice() {
            [] => {
                for l in crate::tutorial::LESSONS {
                    app.interp
                        .write_line(&format!("{:<14} {}", l.name, l.summary()))?;
                }
                app.interp.write_line("Start one with .tutorial NAME")?;
            }
            ["stop"] => {
                if app.tutorial.take().is_some() {
                    app.interp.write_line("Tutorial stopped.")?;
                }
            }
            [name] => {
                let Some(lesson) = crate::tutorial::find(name) else {
                    let names = crate::tutorial::LESSONS.iter().map(|l| l.name);
                    return Err(Error::name(format!(
                        "no lesson named '{name}'{}",
                        did_you_mean(name, names)
                    ))
                    .with_help("type .tutorial to list the lessons"));
                };
                if !app.interp.interactive {
                    return Err(
                        Error::value("a tutorial is walked at the interactive prompt")
                            .with_help(format!("run: ormsh --tutorial {name}")),
                    );
                }
                app.tutorial = Some(crate::tutorial::Walk::start(lesson));
            }
            _ => return Err(Error::value("usage: .tutorial [NAME|stop]")),
        },
        ".mode" => match args.as_slice() {
            [] => {
                let name = app.interp.mode.name();
                app.interp.write_line(name)?;
            }
            [name] => {
                app.interp.mode = Mode::from_name(name).ok_or_else(|| {
                    Error::value(format!(
                        "no output mode '{name}'{}",
                        did_you_mean(name, MODE_NAMES.iter().copied())
                    ))
                    .with_help(format!("the modes: {}", MODE_NAMES.join(" ")))
                })?;
            }
            _ => {
                return Err(Error::value(format!(
                    "usage: .mode {}",
                    MODE_NAMES.join("|")
                )));
            }
        },
        ".sql" => {
            // A failure marks the SQL it is about.
            let rest = &line[cmd.len()..];
            let start = cmd.len() + (rest.len() - rest.trim_start().len());
            let sql_span = Span::new(start, line.len());
            app.interp.run_sql(rest.trim()).map_err(|mut e| {
                // A syntax error's span is within the SQL: move it into the line.
                if let Some(s) = &mut e.span {
                    *s = Span::new(start + s.start as usize, start + s.end as usize);
                }
                e.at(sql_span)
            })?
        }
        ".tables" => {
            let names = app.interp.session.engine.table_names()?;
            if !names.is_empty() {
                app.interp.write_line(&names.join("  "))?;
            }
        }
        ".models" => {
            let lines: Vec<String> = app
                .interp
                .registry
                .models()
                .iter()
                .map(|m| {
                    format!(
                        "{} (table {}{}): {}",
                        m.name,
                        m.table,
                        if app.interp.store.is_reflected(&m.name) {
                            ", reflected"
                        } else {
                            ""
                        },
                        m.field_names().join(", ")
                    )
                })
                .collect();
            for l in lines {
                app.interp.write_line(&l)?;
            }
        }
        ".schema" => {
            let plan = app.interp.ddl_plan();
            let wanted: Option<std::rc::Rc<str>> = match args.first() {
                None => None,
                Some(name) => match app.interp.registry.get(name) {
                    Some(m) => Some(m.table.clone()),
                    None if app.interp.registry.table(name).is_some() => {
                        Some(std::rc::Rc::from(*name))
                    }
                    None => {
                        let names: Vec<String> = app
                            .interp
                            .registry
                            .models()
                            .iter()
                            .map(|m| m.name.to_string())
                            .collect();
                        return Err(Error::name(format!(
                            "no model named '{name}'{}",
                            did_you_mean(name, names.iter().map(|s| s.as_str()))
                        ))
                        .with_help("type .models to list the models"));
                    }
                },
            };
            for (table, stmts) in plan {
                if wanted.as_ref().is_some_and(|w| *w != table) {
                    continue;
                }
                for sql in stmts {
                    app.interp.write_line(&format!("{};", sql.trim()))?;
                }
            }
        }
        _ => {
            let names = COMMANDS
                .iter()
                .chain(crate::persist::dot::COMMANDS)
                .map(|(c, _)| *c);
            return Err(Error::new(
                ErrorKind::NameError,
                format!("unknown command '{cmd}'{}", did_you_mean(cmd, names)),
            )
            .with_help("type .help to list the commands")
            .at(span_in(line, cmd)));
        }
    }
    Ok(Flow::Continue)
}

/// Where `word`, a slice of `line`, sits in it.
fn span_in(line: &str, word: &str) -> Span {
    let start = (word.as_ptr() as usize).saturating_sub(line.as_ptr() as usize);
    let start = start.min(line.len());
    Span::new(start, (start + word.len()).min(line.len()))
}

#[cfg(test)]
mod tests {
    use super::{COMMANDS, DETAILS};

    #[test]
    fn every_command_has_more_to_say_in_help() {
        let details: Vec<&str> = DETAILS
            .iter()
            .chain(crate::persist::dot::DETAILS)
            .map(|(c, _)| *c)
            .collect();
        for (c, _) in COMMANDS.iter().chain(crate::persist::dot::COMMANDS) {
            assert!(details.contains(c), "{c} has no DETAILS");
        }
        assert_eq!(
            details.len(),
            COMMANDS.len() + crate::persist::dot::COMMANDS.len()
        );
    }
}
