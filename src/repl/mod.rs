//! The interactive shell, and the only user of rustyline: line editing,
//! multi-line entry decided by the parser, history, completion and
//! highlighting, tutorials at the prompt, Ctrl-C and Ctrl-D. Keys typed
//! ahead or pasted are never lost (`reader`, `keys`).

pub mod block;
mod block_history;
mod bound_names;
pub mod caret;
pub mod complete;
mod complete_args;
mod func_names;
pub mod helper;
pub mod highlight;
pub mod history;
pub mod keys;
mod leave;
mod list_pad;
pub mod pager;
pub mod paste_blank;
pub mod reader;
pub mod resolve;
pub mod restate;
mod tall_block;
mod tutorial_keys;
mod tutorial_step;

use std::cell::RefCell;
use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

use crate::app::{App, Flow, split_chunks};
use crate::render::diagnostic::Origin;
use crate::repl::complete::Snapshot;
use crate::repl::helper::ReplHelper;
use crate::repl::paste_blank::{AfterBlank, after_blank, dedent_closes, waits};
use crate::repl::reader::{Input, Reader};
use crate::syntax::prompts::{Pasted, Prompt, Prompts};
use crate::syntax::{Completeness, completeness};

/// How the shell was asked to run.
pub struct ShellOptions {
    pub color: bool,
    pub history: bool,
    pub banner: Vec<String>,
    pub tutorial: Option<String>,
}

/// Run the shell until `.quit`, `.exit` or Ctrl-D; the exit code.
pub fn run(app: &mut App, opts: ShellOptions) -> i32 {
    let mut shell = match Shell::start(app, &opts) {
        Ok(s) => s,
        Err(code) => return code,
    };
    greet(app, &opts);
    loop {
        let chunk = match shell.read_entry(app) {
            Ok(Some(chunk)) => chunk,
            Ok(None) => break,
            Err(code) => return code,
        };
        shell.warned_unsaved = false;
        shell.remember(&chunk);
        if let Some(code) = shell.evaluate(app, &chunk) {
            return code;
        }
    }
    leave::end(app);
    0
}

/// The banner (each line broken between words on a narrow terminal, as
/// the terminal would break it inside one), then the tutorial asked for
/// on the command line.
fn greet(app: &mut App, opts: &ShellOptions) {
    let width = pager::terminal_size().map(|(_, cols)| cols);
    for line in &opts.banner {
        for part in crate::tutorial::wrap(line, "", width) {
            let _ = writeln!(app.interp.out, "{part}");
        }
    }
    if let Some(name) = &opts.tutorial {
        let origin = Origin {
            file: None,
            first_line: 1,
        };
        app.run_chunk(&format!(".tutorial {name}"), &origin);
    }
    let _ = app.interp.out.flush();
}

/// The shell between entries: the line editor, what completion knows,
/// the history file.
struct Shell {
    reader: Rc<RefCell<Reader>>,
    snap: Rc<RefCell<Snapshot>>,
    history: Option<PathBuf>,
    /// The first line's prompt, which says whether the database is a
    /// sandbox or read-only (read as each entry begins: `.open` keeps
    /// --readonly).
    primary: &'static str,
    /// Where a pasted `>>> ` session is (`syntax::prompts`).
    prompts: Prompts,
    /// A line read that starts the next entry.
    held: Option<Pasted>,
    /// The held line as the editor showed it under the continuation
    /// prompt, taken off the screen to be shown again under the primary
    /// prompt when its entry begins (`restate`).
    restated: Vec<String>,
    /// The last line read, as typed or pasted.
    raw: String,
    /// Empty lines pasted after the one that may close a block, shown
    /// under the continuation prompt until the next line decides.
    blanks: Vec<String>,
    /// A pasted empty line inside a block, the next line to say whether
    /// the block goes on (`paste_blank`).
    blank: bool,
    /// Ctrl-D was refused once since the last entry for changes not yet
    /// committed (`leave`): the next one leaves.
    warned_unsaved: bool,
}

impl Shell {
    /// The line editor with its history loaded, and the interpreter made
    /// interactive (its yes/no questions asked through the same editor);
    /// exit code 1 when the editor cannot start.
    fn start(app: &mut App, opts: &ShellOptions) -> Result<Shell, i32> {
        let snap = Rc::new(RefCell::new(Snapshot::of(&mut app.interp)));
        let reader = match Reader::new(ReplHelper::new(snap.clone(), opts.color)) {
            Ok(r) => Rc::new(RefCell::new(r)),
            Err(e) => {
                eprintln!("ormsh: cannot start the line editor: {e}");
                return Err(1);
            }
        };
        let history: Option<PathBuf> = if opts.history {
            history::history_path()
        } else {
            None
        };
        if let Some(h) = &history {
            if let Some(dir) = h.parent() {
                let _ = std::fs::create_dir_all(dir);
            }
            reader.borrow_mut().load_history(h);
        }
        // Questions read through the same editor, so an answer typed ahead
        // (already in its buffer) goes to the question.
        let asker = reader.clone();
        let confirm = move |question: &str| match asker.try_borrow_mut() {
            Ok(mut r) => r.confirm(question),
            Err(_) => false,
        };
        app.interp.interactive = true;
        app.interp.confirm = Some(Box::new(confirm));
        Ok(Shell {
            reader,
            snap,
            history,
            primary: primary_prompt(&app.interp.session.engine),
            prompts: Prompts::default(),
            held: None,
            restated: Vec::new(),
            raw: String::new(),
            blanks: Vec::new(),
            blank: false,
            warned_unsaved: false,
        })
    }

    /// One entry: lines read until the parser finds a complete statement
    /// (a dot command is one line), or Ctrl-D ends it on an empty
    /// continuation line. `None` at Ctrl-D on an empty prompt; Ctrl-C
    /// drops what was typed.
    /// Exit code 1 when the terminal cannot be read.
    fn read_entry(&mut self, app: &mut App) -> Result<Option<String>, i32> {
        let mut buf = String::new();
        self.primary = primary_prompt(&app.interp.session.engine);
        // A bare `...` was read: the next line says whether it was an
        // empty line inside the block or the one that closes it.
        let mut bare = false;
        // Lines taken off the screen, shown again under the primary prompt.
        for raw in std::mem::take(&mut self.restated) {
            let shown = restate::echo(self.prompt(true), &raw);
            self.reader.borrow_mut().show(&shown);
        }
        loop {
            let blank = std::mem::take(&mut self.blank);
            self.reader.borrow().accept_at_paste_end(blank);
            self.snap.borrow_mut().block.clone_from(&buf);
            self.reader.borrow().set_block(&buf);
            self.reader
                .borrow()
                .set_transcript(self.prompts.in_session());
            let pasted = match self.held.take() {
                Some(p) => p,
                None => match self.read_line(app, buf.is_empty())? {
                    // A block edited as one buffer (typed, recalled or
                    // offered): complete, or complete with an empty line.
                    Some(Input::Line(l)) if l.contains('\n') => {
                        buf.push_str(&block::strip(&l));
                        buf.push('\n');
                        if completeness(&buf) == Completeness::Incomplete {
                            buf.push('\n');
                        }
                        return Ok(Some(buf));
                    }
                    Some(Input::Line(l)) => {
                        // A block joined into one line by a key keeps
                        // no prompt text (`block::strip`).
                        let l = if l.contains(block::CONT.trim_end()) {
                            block::strip(&l)
                        } else {
                            l
                        };
                        let pasted = self.prompts.line(&l);
                        self.raw = l;
                        pasted
                    }
                    // Ctrl-D on an empty line after continuation lines
                    // ends the entry, as in Python's console.
                    Some(Input::Eof) => {
                        if buf.is_empty() {
                            continue;
                        }
                        buf.push('\n');
                        return Ok(Some(buf));
                    }
                    Some(Input::Interrupted) => {
                        // Ctrl-C: what was typed is dropped.
                        buf.clear();
                        bare = false;
                        self.prompts = Prompts::default();
                        continue;
                    }
                    None => return Ok(None),
                },
            };
            self.reader.borrow().accept_at_paste_end(false);
            let (line, prompt) = match pasted {
                // A statement's printed output (doctest's rule): it also
                // ends the block it follows.
                Pasted::Output if !buf.is_empty() => {
                    self.take_back(false);
                    return Ok(Some(buf));
                }
                Pasted::Output => {
                    self.take_back(true);
                    continue;
                }
                Pasted::BareContinuation => {
                    bare = !buf.is_empty();
                    continue;
                }
                Pasted::Code { text, prompt } => (text, prompt),
            };
            let in_paste = self.reader.borrow().in_paste();
            // A line of a paste (its last one may end with an Enter typed).
            let pasted_line = self.reader.borrow().take_pasted() || in_paste;
            if blank {
                match after_blank(&line, prompt, in_paste) {
                    AfterBlank::Undecided => {
                        self.blank = true;
                        self.blanks.push(std::mem::take(&mut self.raw));
                        continue;
                    }
                    AfterBlank::Inside => {
                        self.blanks.clear();
                        buf.push('\n');
                    }
                    AfterBlank::Closes => {
                        if !line.trim().is_empty() || prompt != Prompt::None {
                            self.hold_next(Pasted::Code { text: line, prompt });
                        } else {
                            // The paste's end (or Enter) after its empty
                            // lines: the first closed the block.
                            self.take_back(false);
                            self.restated = std::mem::take(&mut self.blanks);
                        }
                        buf.push('\n');
                        return Ok(Some(buf));
                    }
                }
            } else if waits(&buf, &line, prompt, in_paste) {
                self.blank = true;
                continue;
            }
            // A `>>> ` line starts a new statement; after a bare `...`,
            // anything but a `... ` line does.
            if !buf.is_empty()
                && (prompt == Prompt::Primary || (bare && prompt != Prompt::Continuation))
            {
                self.hold_next(Pasted::Code { text: line, prompt });
                return Ok(Some(buf));
            }
            // A paste is a script: a dedent closes the block, which runs.
            if !bare && dedent_closes(&buf, &line, prompt, pasted_line) {
                self.hold_next(Pasted::Code { text: line, prompt });
                buf.push('\n');
                return Ok(Some(buf));
            }
            if std::mem::take(&mut bare) {
                buf.push('\n');
            }
            if buf.is_empty() && line.trim().is_empty() {
                // Enter on an empty line brings back a step put aside.
                if let Some(w) = &mut app.tutorial {
                    w.aside = false;
                }
                continue;
            }
            buf.push_str(&line);
            buf.push('\n');
            let dot = buf.trim_start().starts_with('.') && !buf.trim_start().starts_with("...");
            if dot || completeness(&buf) != Completeness::Incomplete {
                return Ok(Some(buf));
            }
        }
    }

    /// Keep the line just read, shown under the continuation prompt, for
    /// the next entry: it is taken off the screen now, before the entry
    /// it closed runs, and shown under the primary prompt after its
    /// output, as Python's console shows it.
    fn hold_next(&mut self, line: Pasted) {
        self.take_back(false);
        let mut rows = std::mem::take(&mut self.blanks);
        rows.push(std::mem::take(&mut self.raw));
        self.restated = rows;
        self.held = Some(line);
    }

    /// Take the last line read off the screen (shown under the primary
    /// prompt when `first`), with the empty lines of a paste read before
    /// it under the continuation prompt.
    fn take_back(&mut self, first: bool) {
        let width = self.reader.borrow_mut().width();
        let mut shown = restate::erase(self.prompt(first), &self.raw, width);
        for b in &self.blanks {
            shown.push_str(&restate::erase(self.prompt(false), b, width));
        }
        self.reader.borrow_mut().show(&shown);
    }

    /// The prompt of an entry's first line, or of a line after it.
    fn prompt(&self, first: bool) -> &'static str {
        if first { self.primary } else { "  ...> " }
    }

    /// One line from the editor: `Some(Line)`, `Some(Interrupted)` for
    /// Ctrl-C (what was typed is dropped), `Some(Eof)` for Ctrl-D on an
    /// empty continuation line, `None` at Ctrl-D on an empty prompt.
    fn read_line(&mut self, app: &mut App, first: bool) -> Result<Option<Input>, i32> {
        let prompt = self.prompt(first);
        // A statement typed ahead that a question read as no answer.
        let kept = self.reader.borrow_mut().take_kept();
        if let Some(line) = kept {
            self.reader.borrow_mut().show(&format!("{prompt}{line}\n"));
            return Ok(Some(Input::Line(line)));
        }
        // A step waits while a paste goes on (its lines each run as typed
        // at their own prompt, the step never prefixed to them); the end
        // of the paste on the empty line then accepts it, and the step is
        // offered at the next prompt.
        let pasting = first && self.reader.borrow().in_paste();
        if pasting && app.tutorial.as_ref().is_some_and(|w| !w.aside) {
            self.reader.borrow().accept_at_paste_end(true);
        }
        let initial = if first && !pasting {
            self.tutorial_step(app)
        } else {
            String::new()
        };
        let read = self.reader.borrow_mut().read(prompt, &initial);
        if !initial.is_empty()
            && !self.reader.borrow().replaced_offer()
            && let Ok(input @ (Input::Interrupted | Input::Eof)) = &read
        {
            tutorial_keys::step_refused(app, input);
            return Ok(Some(Input::Interrupted));
        }
        match read {
            // Ctrl-D on the empty prompt of a lesson whose step is put
            // aside (Ctrl-C, or a narration shown alone on a short
            // terminal) leaves the lesson, as on the step itself.
            Ok(Input::Eof) if first && app.tutorial.is_some() => {
                tutorial_keys::eof_while_aside(app);
                Ok(Some(Input::Interrupted))
            }
            Ok(Input::Eof) if first => {
                let _ = writeln!(app.interp.out);
                if !std::mem::replace(&mut self.warned_unsaved, true) && leave::unsaved_changes(app)
                {
                    return Ok(Some(Input::Interrupted));
                }
                Ok(None)
            }
            Ok(input) => Ok(Some(input)),
            Err(e) => {
                eprintln!("ormsh: {e}");
                Err(1)
            }
        }
    }

    /// A tutorial puts its next statement at the prompt
    /// (`tutorial_step::offer`).
    fn tutorial_step(&mut self, app: &mut App) -> String {
        let size = self.reader.borrow_mut().size();
        tutorial_step::offer(app, size)
    }

    /// The entry into the history (and its file).
    fn remember(&self, chunk: &str) {
        let entry = chunk.trim_end().to_string();
        self.reader
            .borrow_mut()
            .remember(&entry, self.history.as_deref());
    }

    /// Run an entry's statements in order, stopping at the first that
    /// fails; a step that ran moves the tutorial on, and completion learns
    /// the new names. The exit code when a statement ends the shell.
    fn evaluate(&mut self, app: &mut App, chunk: &str) -> Option<i32> {
        let step_before = app.tutorial.as_ref().map(|w| (w.lesson, w.pos));
        // Only the step, or an edit of it, moves the lesson on.
        let is_step = app.tutorial.as_ref().is_some_and(|w| w.is_step(chunk));
        // The snapshot holds the variables' values: let go of them while
        // the statements run, so it keeps alive no object they drop.
        *self.snap.borrow_mut() = Snapshot::default();
        app.undefined = None;
        let mut failed = false;
        if let Err(e) = crate::syntax::one_statement(chunk) {
            let origin = Origin {
                file: None,
                first_line: 1,
            };
            app.report(&e, chunk, &origin);
            *self.snap.borrow_mut() = Snapshot::of(&mut app.interp);
            return None;
        }
        for (first_line, piece) in split_chunks(chunk) {
            crate::interrupt::clear();
            let origin = Origin {
                file: None,
                first_line,
            };
            let pager = pager::Pager::begin(app, &piece);
            let flow = app.run_chunk(&piece, &origin);
            if let Some(pager) = pager {
                pager.end(app);
            }
            match flow {
                Flow::Exit(code) => {
                    leave::discarded(app);
                    leave::end(app);
                    return Some(code);
                }
                Flow::Failed => {
                    failed = true;
                    break;
                }
                Flow::Continue => {}
            }
        }
        crate::interrupt::clear();
        if failed && is_step {
            tutorial_keys::skipped_setup(app);
        }
        if !failed
            && is_step
            && let Some(walk) = &mut app.tutorial
            && step_before == Some((walk.lesson, walk.pos))
        {
            walk.advance();
        }
        *self.snap.borrow_mut() = Snapshot::of(&mut app.interp);
        None
    }
}

/// The prompt of an entry's first line: `ormsh> `, or with the
/// database's sandbox or read-only state, as the banner says it.
fn primary_prompt(engine: &crate::engine::Engine) -> &'static str {
    match (
        engine.is_sandbox(),
        engine.is_file() && engine.is_readonly(),
    ) {
        (false, false) => "ormsh> ",
        (true, false) => "ormsh(sandbox)> ",
        (false, true) => "ormsh(readonly)> ",
        (true, true) => "ormsh(readonly, sandbox)> ",
    }
}
