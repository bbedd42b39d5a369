//! The dot commands `App` carries out itself (the table in `dot` names
//! them): `.help`, `.models`, `.tables`,
//! `.read`, `.save`, `.mode`, `.sql`, `.quit`, `.exit`.

use super::{COMMANDS, Call, MAX_READ_NESTING};
use crate::app::{App, Flow};
use crate::error::{Error, ErrorKind, Result};
use crate::eval::suggest::did_you_mean;
use crate::render::table::{MODE_NAMES, Mode};
use crate::syntax::span::Span;

/// `.help [NAME…]`: one line per command, or the named ones at length.
pub fn help(app: &mut App, call: &Call) -> Result<Flow> {
    let bare = |c: &str| c.trim_start_matches('.').to_string();
    if let Some(a) = call
        .args
        .iter()
        .find(|a| !COMMANDS.iter().any(|c| bare(c.name) == bare(a)))
    {
        return Err(Error::name(format!(
            "no command '{a}'{}",
            did_you_mean(&format!(".{}", bare(a)), COMMANDS.iter().map(|c| c.name))
        ))
        .with_help("type .help to list the commands"));
    }
    let width = terminal_width(app);
    for c in COMMANDS {
        if call.args.is_empty() {
            hanging(app, &format!("{:<10} {}", c.name, c.help), 11, width)?;
        } else if call.args.iter().any(|a| bare(c.name) == bare(a)) {
            hanging(app, &format!("{:<10} {}", c.name, c.help), 11, width)?;
            match width {
                // On a terminal the details flow to its width.
                Some(_) => {
                    let text = c.details.split_whitespace().collect::<Vec<_>>().join(" ");
                    for l in crate::tutorial::wrap(&text, &" ".repeat(11), width) {
                        app.interp.write_line(&l)?;
                    }
                }
                None => {
                    for l in c.details.lines() {
                        app.interp.write_line(&format!("{:<10} {l}", ""))?;
                    }
                }
            }
        }
    }
    Ok(Flow::Continue)
}

/// The terminal's width when output goes to one (text there is broken
/// between words, not by the terminal inside one).
pub fn terminal_width(app: &App) -> Option<usize> {
    if !app.interp.fit_terminal || app.settings.redirect.active() {
        return None;
    }
    crate::repl::pager::terminal_size().map(|(_, cols)| cols)
}

/// `line` broken between words to `width`, its later lines indented by
/// `indent` columns (as is, with no width): `tutorial::hanging`.
pub fn hanging(app: &mut App, line: &str, indent: usize, width: Option<usize>) -> Result<()> {
    for l in crate::tutorial::hanging(line, indent, width) {
        app.interp.write_line(&l)?;
    }
    Ok(())
}

/// `.quit`
pub fn quit(_app: &mut App, _call: &Call) -> Result<Flow> {
    Ok(Flow::Exit(0))
}

/// `.exit [CODE]`: an exit status is one byte, so 256 (which would reach
/// the shell as 0) is refused.
pub fn exit(_app: &mut App, call: &Call) -> Result<Flow> {
    let Some(a) = call.args.first() else {
        return Ok(Flow::Exit(0));
    };
    if let Ok(n) = a.parse::<u8>() {
        return Ok(Flow::Exit(i32::from(n)));
    }
    let digits = a.strip_prefix(['-', '+']).unwrap_or(a);
    let whole = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    let err = if whole {
        Error::value(format!(".exit takes an exit code from 0 to 255, not {a}"))
            .with_help("an exit code is one byte: 0 for success, e.g. .exit 1 for failure")
    } else {
        Error::value(format!(".exit takes a whole number, not '{a}'")).with_help("e.g. .exit 1")
    };
    Err(err.at(call.span_of(a)))
}

/// `.read FILE`: run it as a script, at most `MAX_READ_NESTING` deep.
pub fn read(app: &mut App, call: &Call) -> Result<Flow> {
    let [file] = call.args.as_slice() else {
        return Err(Error::value("usage: .read FILE"));
    };
    if app.reading >= MAX_READ_NESTING {
        return Err(Error::new(
            ErrorKind::Command,
            format!(
                ".read nested too deeply: {MAX_READ_NESTING} files are being read inside each other"
            ),
        )
        .with_help(format!(
            "does {file} .read itself, directly or through another file?"
        ))
        .at(call.span_of(file)));
    }
    let bytes = crate::memory::read_file(file)
        .map_err(|e| super::file_error("read", file, &e).at(call.span_of(file)))?;
    let text = crate::source::decode(bytes).map_err(|e| {
        Error::syntax(
            format!("{file}:{}:{}: {}", e.line, e.col, e.what()),
            call.span_of(file),
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
    Ok(Flow::Continue)
}

/// `.save FILE`: the statements that ran without error, replayable.
pub fn save(app: &mut App, call: &Call) -> Result<Flow> {
    let [file] = call.args.as_slice() else {
        return Err(Error::value("usage: .save FILE"));
    };
    let mut text = app.log.join("\n");
    text.push('\n');
    std::fs::write(file, text).map_err(|e| super::file_error("write", file, &e))?;
    let n = app.log.len();
    app.interp.write_line(&format!(
        "{n} statement{} saved to {file}",
        if n == 1 { "" } else { "s" }
    ))?;
    Ok(Flow::Continue)
}

/// `.mode [NAME]`: show or set the output mode.
pub fn mode(app: &mut App, call: &Call) -> Result<Flow> {
    match call.args.as_slice() {
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
    }
    Ok(Flow::Continue)
}

/// `.sql STATEMENT`: a failure marks the SQL it is about.
pub fn sql(app: &mut App, call: &Call) -> Result<Flow> {
    let line = call.line;
    let rest = &line[call.name.len()..];
    let start = call.name.len() + (rest.len() - rest.trim_start().len());
    let sql_span = Span::new(start, line.len());
    app.interp.run_sql(rest.trim()).map_err(|mut e| {
        // A syntax error's span is within the SQL: move it into the line.
        if let Some(s) = &mut e.span {
            *s = Span::new(start + s.start as usize, start + s.end as usize);
        }
        e.at(sql_span)
    })?;
    Ok(Flow::Continue)
}

/// `.tables`
pub fn tables(app: &mut App, _call: &Call) -> Result<Flow> {
    // Views too, as sqlite3's `.tables` lists them.
    let mut names = app.interp.session.engine.table_names()?;
    names.extend(app.interp.session.engine.view_names()?);
    names.sort();
    if !names.is_empty() {
        app.interp.write_line(&names.join("  "))?;
    }
    Ok(Flow::Continue)
}

/// `.models`, `.models all` (with the models of an index's data tables).
pub fn models(app: &mut App, call: &Call) -> Result<Flow> {
    let all = match call.args.as_slice() {
        [] => false,
        ["all"] => true,
        [other, ..] => {
            return Err(Error::value(format!(".models takes no argument but all, not {other:?}"))
                .at(call.span_of(other))
                .with_help(".models lists the models; .models all adds those of FTS and R*Tree index data"));
        }
    };
    let store = &app.interp.store;
    let hidden = (app.interp.registry.models().iter())
        .filter(|m| store.is_index_data(&m.name))
        .count();
    let mut lines: Vec<String> = app
        .interp
        .registry
        .models()
        .iter()
        .filter(|m| all || !store.is_index_data(&m.name))
        .map(|m| {
            format!(
                "{} (table {}{}): {}",
                m.name,
                m.table,
                if store.is_index_data(&m.name) {
                    ", reflected, index data: read-only"
                } else if store.is_reflected(&m.name) {
                    ", reflected"
                } else if m.automap {
                    ", automap: Base.classes"
                } else {
                    ""
                },
                m.field_names().join(", ")
            )
        })
        .collect();
    if !all && hidden > 0 {
        lines.push(format!(
            "({hidden} model{} of FTS or R*Tree index data left out: .models all)",
            if hidden == 1 { "" } else { "s" }
        ));
    }
    for l in lines {
        app.interp.write_line(&l)?;
    }
    Ok(Flow::Continue)
}
