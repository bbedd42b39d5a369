//! Dot commands (`.help`, `.schema`, `.tables`, `.models`, `.echo`,
//! `.quit`/`.exit`, …): parsing the line and carrying them out.

use crate::app::{App, Flow};
use crate::error::{Error, ErrorKind, Result};
use crate::eval::suggest::did_you_mean;

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
    let me = &mut app.interp;
    match cmd {
        ".help" => {
            for (c, h) in COMMANDS.iter().chain(crate::persist::dot::COMMANDS) {
                if args.is_empty()
                    || args
                        .iter()
                        .any(|a| c.trim_start_matches('.') == a.trim_start_matches('.'))
                {
                    me.write_line(&format!("{c:<10} {h}"))?;
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
            ["on"] => me.session.engine.echo = true,
            ["off"] => me.session.engine.echo = false,
            _ => return Err(Error::value("usage: .echo on|off")),
        },
        ".tables" => {
            let names = me.session.engine.table_names()?;
            if !names.is_empty() {
                me.write_line(&names.join("  "))?;
            }
        }
        ".models" => {
            let lines: Vec<String> = me
                .registry
                .models()
                .iter()
                .map(|m| {
                    format!(
                        "{} (table {}{}): {}",
                        m.name,
                        m.table,
                        if me.store.is_reflected(&m.name) {
                            ", reflected"
                        } else {
                            ""
                        },
                        m.field_names().join(", ")
                    )
                })
                .collect();
            for l in lines {
                me.write_line(&l)?;
            }
        }
        ".schema" => {
            let plan = me.ddl_plan();
            let wanted: Option<std::rc::Rc<str>> = match args.first() {
                None => None,
                Some(name) => match me.registry.get(name) {
                    Some(m) => Some(m.table.clone()),
                    None if me.registry.table(name).is_some() => Some(std::rc::Rc::from(*name)),
                    None => {
                        let names: Vec<String> = me
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
                    me.write_line(&format!("{};", sql.trim()))?;
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
