//! The interactive shell, and the only user of rustyline: line editing,
//! multi-line entry decided by the parser, history, completion and
//! highlighting, tutorials at the prompt, Ctrl-C and Ctrl-D.

pub mod complete;
pub mod helper;
pub mod highlight;
pub mod history;

use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

use rustyline::config::{ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{EditMode, Editor};

use crate::app::{App, Flow, split_chunks};
use crate::orm::instance::Instance;
use crate::render::diagnostic::Origin;
use crate::repl::complete::{ModelInfo, Snapshot};
use crate::repl::helper::ReplHelper;
use crate::syntax::{Completeness, completeness};

/// How the shell was asked to run.
pub struct ShellOptions {
    pub color: bool,
    pub history: bool,
    pub banner: Vec<String>,
    pub tutorial: Option<String>,
}

/// What completion knows, taken from the session after each statement.
fn snapshot(app: &App) -> Snapshot {
    let interp = &app.interp;
    let mapping = interp.registry.mapping().cloned();
    let models = interp
        .registry
        .models()
        .iter()
        .map(|m| ModelInfo {
            name: m.name.to_string(),
            columns: m.columns.iter().map(|c| c.attr.to_string()).collect(),
            rels: match &mapping {
                Some(map) => map.of(&m.name).iter().map(|r| r.name.to_string()).collect(),
                None => m.rels.iter().map(|(n, _)| n.to_string()).collect(),
            },
        })
        .collect();
    let globals = interp
        .global_names()
        .into_iter()
        .map(|n| {
            let model = interp
                .get_global(&n)
                .and_then(|v| v.downcast::<Instance>())
                .map(|i| i.model.name.to_string());
            (n.to_string(), model)
        })
        .collect();
    Snapshot { models, globals }
}

/// Ask a yes/no question on the terminal (default no).
fn confirm(question: &str) -> bool {
    print!("{question} [y/N] ");
    let _ = std::io::stdout().flush();
    let mut answer = String::new();
    if std::io::stdin().read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim(), "y" | "Y" | "yes" | "Yes")
}

/// Run the shell until `.quit`, `.exit` or Ctrl-D; the exit code.
pub fn run(app: &mut App, opts: ShellOptions) -> i32 {
    let config = Config::builder()
        .max_history_size(history::MAX_ENTRIES)
        .unwrap_or_else(|_| Config::builder())
        .auto_add_history(false)
        .completion_type(CompletionType::List)
        .edit_mode(EditMode::Emacs)
        .color_mode(if opts.color {
            ColorMode::Enabled
        } else {
            ColorMode::Disabled
        })
        .build();
    let mut editor: Editor<ReplHelper, DefaultHistory> = match Editor::with_config(config) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("ormsh: cannot start the line editor: {e}");
            return 1;
        }
    };
    let snap = Rc::new(RefCell::new(snapshot(app)));
    editor.set_helper(Some(ReplHelper::new(snap.clone(), opts.color)));
    let history: Option<PathBuf> = if opts.history {
        history::history_path()
    } else {
        None
    };
    if let Some(h) = &history {
        if let Some(dir) = h.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        let _ = editor.load_history(h);
    }
    app.interp.interactive = true;
    app.interp.confirm = Some(Box::new(confirm));
    for line in &opts.banner {
        let _ = writeln!(app.interp.out, "{line}");
    }
    if let Some(name) = &opts.tutorial {
        let origin = Origin {
            file: None,
            first_line: 1,
        };
        app.run_chunk(&format!(".tutorial {name}"), &origin);
    }
    let _ = app.interp.out.flush();
    let sandbox = app.interp.session.engine.is_sandbox();
    let mut buf = String::new();
    let mut shown_step: Option<usize> = None;
    loop {
        let prompt = match (buf.is_empty(), sandbox) {
            (true, false) => "ormsh> ",
            (true, true) => "ormsh(sandbox)> ",
            (false, _) => "  ...> ",
        };
        // A tutorial puts its next statement at the prompt.
        let mut initial = String::new();
        if buf.is_empty()
            && let Some(walk) = &app.tutorial
        {
            match walk.current() {
                Some(step) => {
                    if shown_step != Some(walk.pos) {
                        let _ =
                            writeln!(app.interp.out, "\n[{} — {}]", walk.lesson, walk.progress());
                        let width = editor.dimensions().map(|(w, _)| usize::from(w));
                        for n in &step.narration {
                            for line in crate::tutorial::wrap(n, "  ", width) {
                                let _ = writeln!(app.interp.out, "{line}");
                            }
                        }
                        shown_step = Some(walk.pos);
                    }
                    initial = step.statement.clone();
                }
                None => {
                    let _ = writeln!(
                        app.interp.out,
                        "\nThat was the last step of '{}'. Well done!",
                        walk.lesson
                    );
                    app.tutorial = None;
                }
            }
            let _ = app.interp.out.flush();
        }
        let read = if initial.is_empty() {
            editor.readline(prompt)
        } else {
            editor.readline_with_initial(prompt, (&initial, ""))
        };
        let line = match read {
            Ok(l) => l,
            Err(ReadlineError::Interrupted) => {
                buf.clear();
                continue;
            }
            Err(ReadlineError::Eof) => {
                if buf.is_empty() {
                    let _ = writeln!(app.interp.out);
                    break;
                }
                buf.clear();
                let _ = writeln!(app.interp.out);
                continue;
            }
            Err(e) => {
                eprintln!("ormsh: {e}");
                return 1;
            }
        };
        if buf.is_empty() && line.trim().is_empty() {
            continue;
        }
        buf.push_str(&line);
        buf.push('\n');
        let dot = buf.trim_start().starts_with('.');
        if !dot && completeness(&buf) == Completeness::Incomplete {
            continue;
        }
        let chunk = std::mem::take(&mut buf);
        let entry = chunk.trim_end().to_string();
        let _ = editor.add_history_entry(entry.as_str());
        if let Some(h) = &history
            && editor.save_history(h).is_ok()
        {
            history::make_private(h);
        }
        let step_before = app.tutorial.as_ref().map(|w| (w.lesson, w.pos));
        let mut failed = false;
        for (first_line, piece) in split_chunks(&chunk) {
            crate::interrupt::clear();
            let origin = Origin {
                file: None,
                first_line,
            };
            match app.run_chunk(&piece, &origin) {
                Flow::Exit(code) => {
                    end(app);
                    return code;
                }
                Flow::Failed => {
                    failed = true;
                    break;
                }
                Flow::Continue => {}
            }
        }
        crate::interrupt::clear();
        // A step that ran moves the tutorial on.
        if !failed
            && let Some(walk) = &mut app.tutorial
            && step_before == Some((walk.lesson, walk.pos))
        {
            walk.pos += 1;
        }
        *snap.borrow_mut() = snapshot(app);
    }
    end(app);
    0
}

/// Leaving: a sandbox is rolled back.
fn end(app: &mut App) {
    if app.interp.session.engine.is_sandbox() {
        let _ = app.interp.session.engine.end_sandbox();
        let _ = writeln!(app.interp.out, "Sandbox: everything was rolled back.");
    }
    let _ = app.interp.out.flush();
}
