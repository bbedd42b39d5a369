//! Dot commands (`.help`, `.schema`, `.tables`, `.models`, `.echo`,
//! `.quit`/`.exit`, …): parsing the line and carrying them out.

use crate::app::{App, Flow};
use crate::error::{Error, ErrorKind, Result};
use crate::eval::db::compile_ddl_table;
use crate::eval::suggest::did_you_mean;
use crate::schema::ddl;

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
    let me = &mut app.interp;
    match cmd {
        ".help" => {
            for (c, h) in COMMANDS {
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
                        "{} (table {}): {}",
                        m.name,
                        m.table,
                        m.field_names().join(", ")
                    )
                })
                .collect();
            for l in lines {
                me.write_line(&l)?;
            }
        }
        ".schema" => {
            let models = match args.first() {
                None => me.registry.dependency_order(),
                Some(name) => match me.registry.get(name) {
                    Some(m) => vec![m.clone()],
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
                        )));
                    }
                },
            };
            for m in models {
                let text = compile_ddl_table(&m);
                me.write_line(&format!("{};", text.trim()))?;
                for idx in ddl::create_indexes(&m) {
                    me.write_line(&format!("{};", crate::sql::ddl::create_index(&idx).trim()))?;
                }
            }
        }
        _ => {
            let names = COMMANDS.iter().map(|(c, _)| *c);
            return Err(Error::new(
                ErrorKind::NameError,
                format!("unknown command '{cmd}'{}", did_you_mean(cmd, names)),
            )
            .with_help("type .help to list the commands"));
        }
    }
    Ok(Flow::Continue)
}
