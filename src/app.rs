//! One `App` serves the shell, scripts and tests: it takes source text,
//! splits it into complete statements (the parser decides), runs dot
//! commands and statements, and reports errors through `render`.

use std::io::Write;
use std::rc::Rc;

use crate::dot;
use crate::error::Error;
use crate::eval::Interp;
use crate::render::diagnostic::{Origin, render, render_in_function};
use crate::syntax::{Chunk, Lexed, chunks, parse_chunk, parse_lexed};

/// What the caller should do after a chunk.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    Continue,
    /// `.exit N` / `.quit`
    Exit(i32),
    /// The chunk failed; the error has been reported.
    Failed,
}

pub struct App {
    pub interp: Interp,
    pub err: Box<dyn Write>,
    /// `.timer`, `.changes`, `.output`, `.pager` (`dot::settings`).
    pub settings: dot::settings::Settings,
    /// The statements that ran without error, for `.save`.
    pub log: Vec<String>,
    /// The tutorial being walked, if any (the shell drives it).
    pub tutorial: Option<crate::tutorial::Walk>,
    /// Where stopped lessons were left (`.tutorial NAME` resumes them).
    pub lessons_left: crate::tutorial::Left,
    /// How many `.read` files are being run inside each other now.
    pub reading: usize,
    /// The name the last `NameError` reported said is not defined (a
    /// tutorial's step that failed after a jump names the skipped step
    /// that makes it).
    pub undefined: Option<String>,
}

/// The outcome of running a whole script.
pub struct ScriptResult {
    pub failures: usize,
    pub exit: Option<i32>,
    /// Stopped by Ctrl-C (the caller exits 130).
    pub interrupted: bool,
}

impl App {
    pub fn new(interp: Interp, err: Box<dyn Write>) -> App {
        App {
            interp,
            err,
            settings: dot::settings::Settings::default(),
            log: Vec::new(),
            tutorial: None,
            lessons_left: crate::tutorial::Left::default(),
            reading: 0,
            undefined: None,
        }
    }

    /// Run one complete chunk (a statement, several, or a dot command).
    /// Errors are reported and give `Flow::Failed`.
    pub fn run_chunk(&mut self, src: &str, origin: &Origin) -> Flow {
        self.run_lexed_chunk(src, None, origin)
    }

    /// `run_chunk`, given the chunk's tokens when they were already made.
    fn run_lexed_chunk(&mut self, src: &str, lexed: Option<Lexed>, origin: &Origin) -> Flow {
        let once = self.settings.redirect.once_armed();
        let measure = dot::measured(src).then(|| self.measure_begin()).flatten();
        let flow = crate::stack::entry(|| self.run_chunk_inner(src, lexed, origin));
        // Issue 7: save pending model sources, show warnings (persist/dot.rs).
        self.persist_after_chunk();
        // Everything a statement or dot command printed shows before the
        // next prompt; `.timer`'s line comes after it and after its error.
        let _ = self.interp.out.flush();
        self.measure_end(measure);
        if once {
            self.end_once();
        }
        flow
    }

    fn run_chunk_inner(&mut self, src: &str, lexed: Option<Lexed>, origin: &Origin) -> Flow {
        let trimmed = src.trim_start();
        if trimmed.starts_with('.') && !trimmed.starts_with("...") {
            let r = self.as_statement(|app| dot::run(app, trimmed.trim_end()));
            // What the command printed reaches its reader, or it fails.
            let r = r.and_then(|flow| self.flush_out().map(|()| flow));
            return match r {
                Ok(flow) => {
                    // `.save` replays the SQL `.sql` ran.
                    if dot::logged(trimmed) {
                        self.log.push(trimmed.trim_end().to_string());
                    }
                    flow
                }
                Err(e) => {
                    let e = crate::hints::explain(e, trimmed);
                    self.report(&e, trimmed.trim_end(), origin);
                    Flow::Failed
                }
            };
        }
        let parsed = match &lexed {
            Some(lexed) => parse_lexed(src, lexed),
            None => parse_chunk(src),
        };
        drop(lexed);
        let stmts = match parsed {
            Ok(s) => s,
            Err(e) => {
                let e = crate::hints::explain(e, src);
                self.report(&e, src, origin);
                return Flow::Failed;
            }
        };
        self.interp.source = Rc::from(src);
        self.interp.source_file = origin.file.map(Rc::from);
        self.interp.source_line = origin.first_line;
        let engine = self.interp.session.engine.clone();
        engine.start_snapshot();
        let r = self.as_statement(|app| app.interp.run(&stmts));
        engine.end_snapshot();
        let whole = crate::syntax::span::Span::new(0, src.trim_end().len());
        let r = r.and_then(|()| self.flush_out().map_err(|e| e.at(whole)));
        match r {
            Ok(()) => {
                // A statement cancelled at its question changed nothing;
                // replayed by `.read`, which never asks, it would (a
                // `db.drop_all()` declined at the prompt): kept as a comment.
                if self.interp.take_declined() {
                    self.log.push(cancelled_entry(src.trim_end()));
                } else {
                    self.log.push(src.trim_end().to_string());
                }
                Flow::Continue
            }
            Err(e) if let Some((code, text)) = crate::eval::leave::exit_status(&e) => {
                if let Some(text) = text {
                    let _ = writeln!(self.err, "{text}");
                }
                Flow::Exit(code)
            }
            Err(e) => {
                self.report(&e, src, origin);
                Flow::Failed
            }
        }
    }

    /// Run `f` as one statement: if it is interrupted, it is undone, and
    /// the error says what stayed (`orm::undo`).
    fn as_statement<T>(
        &mut self,
        f: impl FnOnce(&mut App) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.interp.session.begin_statement();
        match f(self) {
            Err(e) if e.kind == crate::error::ErrorKind::Interrupted => {
                Err(self.interp.session.interrupted(e))
            }
            r => {
                self.interp.session.end_statement();
                r
            }
        }
    }

    /// Deliver what the chunk printed; a reader that went away is the
    /// chunk's error (`BrokenPipeError`), as it is in Python.
    fn flush_out(&mut self) -> Result<(), Error> {
        self.interp.out.flush().map_err(crate::eval::output_error)
    }

    pub fn report(&mut self, e: &Error, src: &str, origin: &Origin) {
        let _ = self.interp.out.flush();
        if e.kind == crate::error::ErrorKind::BrokenPipeError
            && e.message == crate::eval::PAGER_CLOSED
        {
            // Asked for, so no error; but the statement did not finish,
            // and unlike Ctrl-C nothing of it is undone: say both.
            let _ = writeln!(
                self.err,
                "Stopped: the pager was closed before the output ended; what the statement did until then stays"
            );
            let _ = self.err.flush();
            return;
        }
        if e.kind == crate::error::ErrorKind::Interrupted {
            let _ = match e.message.as_str() {
                "interrupted" => writeln!(self.err, "Interrupted"),
                said => writeln!(self.err, "Interrupted: {said}"),
            };
            let _ = self.err.flush();
            return;
        }
        if e.kind == crate::error::ErrorKind::NameError {
            self.undefined = undefined_name(&e.message).map(String::from);
        }
        let text = match &e.frame {
            Some(frame) => render_in_function(e, frame, src, origin),
            None => render(e, src, origin),
        };
        // On a terminal the message breaks between words.
        let text = match crate::repl::pager::stderr_width() {
            Some(width) => crate::render::diagnostic::fit(&text, width),
            None => text,
        };
        let _ = self.err.write_all(text.as_bytes());
        let _ = self.err.flush();
    }

    /// Run a whole script: statement by statement, stopping at the first
    /// failure unless `keep_going`. With `transcript`, echo each statement
    /// after a prompt first. A file named `*.py` prints no expression
    /// statement's value, as `python3 FILE.py` prints none.
    pub fn run_script(
        &mut self,
        text: &str,
        file: &str,
        keep_going: bool,
        transcript: bool,
    ) -> ScriptResult {
        // A `.py` file runs as Python runs a script: its expression
        // statements print nothing (a module docstring, a bare query).
        let python_file = std::path::Path::new(file)
            .extension()
            .is_some_and(|e| e == "py");
        if python_file {
            self.interp.python_file_begin();
        }
        let saved_file = self.interp.script_file_begin(file);
        let r = self.run_script_text(text, file, keep_going, transcript);
        self.interp.script_file_end(saved_file);
        if python_file {
            self.interp.python_file_end();
        }
        r
    }

    fn run_script_text(
        &mut self,
        text: &str,
        file: &str,
        keep_going: bool,
        transcript: bool,
    ) -> ScriptResult {
        let mut failures = 0;
        // A pasted `>>> ` session runs as its code (`syntax::prompts`).
        let text = crate::syntax::prompts::strip_script(text);
        for Chunk {
            first_line,
            text: chunk,
            lexed,
        } in chunks(&text)
        {
            if transcript {
                let shown: Vec<String> = chunk
                    .trim_end()
                    .lines()
                    .enumerate()
                    .map(|(i, l)| format!("{}{l}", if i == 0 { "ormsh> " } else { "  ...> " }))
                    .collect();
                let _ = writeln!(self.interp.out, "{}", shown.join("\n"));
            }
            let origin = Origin {
                file: Some(file),
                first_line,
            };
            match self.run_lexed_chunk(&chunk, lexed, &origin) {
                Flow::Continue => {}
                Flow::Exit(code) => {
                    return ScriptResult {
                        failures,
                        exit: Some(code),
                        interrupted: false,
                    };
                }
                Flow::Failed if crate::interrupt::pending() => {
                    return ScriptResult {
                        failures: failures + 1,
                        exit: None,
                        interrupted: true,
                    };
                }
                Flow::Failed => {
                    failures += 1;
                    if !keep_going {
                        break;
                    }
                }
            }
        }
        let _ = self.interp.out.flush();
        ScriptResult {
            failures,
            exit: None,
            interrupted: false,
        }
    }
}

/// Split a script into runnable chunks with their first line numbers
/// (see `syntax::chunks`).
pub fn split_chunks(text: &str) -> Vec<(usize, String)> {
    chunks(text).map(|c| (c.first_line, c.text)).collect()
}

/// The name in a `NameError`'s message, `name 'ann' is not defined…`.
fn undefined_name(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("name '")?;
    rest.find("' is not defined").map(|end| &rest[..end])
}

/// How `.save` records an entry whose statement was cancelled at its
/// question: commented out, under a line saying so, so that replaying the
/// file does not do what the person declined.
fn cancelled_entry(src: &str) -> String {
    let mut out = String::from("# cancelled at its question, so not run:");
    for line in src.lines() {
        out.push_str("\n# ");
        out.push_str(line);
    }
    out
}
