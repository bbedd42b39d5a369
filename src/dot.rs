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
            for (c, h) in all() {
                if args.is_empty() || args.iter().any(|a| name(c) == name(a)) {
                    app.interp.write_line(&format!("{c:<10} {h}"))?;
                }
            }
        }
        ".quit" => return Ok(Flow::Exit(0)),
        ".exit" => {
            let code = match args.first() {
                None => 0,
                Some(a) => a.parse::<i32>().map_err(|_| {
                    Error::value(format!(".exit takes a whole number, not '{a}'"))
                        .with_help("e.g. .exit 1")
                })?,
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
            let text = std::fs::read_to_string(file).map_err(|e| {
                Error::new(
                    ErrorKind::OperationalError,
                    format!("cannot read {file}: {e}"),
                )
            })?;
            let r = app.run_script(&text, file, false, false);
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
            .with_help("type .help to list the commands"));
        }
    }
    Ok(Flow::Continue)
}
