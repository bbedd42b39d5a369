//! Reading lines from the terminal without losing any: one rustyline editor
//! for the whole session (its read-ahead buffer kept between lines by the
//! `buffer-redux` feature, and Ctrl-C / Ctrl-D bound so they keep it too,
//! see [`keys`](crate::repl::keys)), used for statements, tutorial steps and
//! the yes/no questions alike, so keys typed ahead reach whichever asks
//! next.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use rustyline::config::{ColorMode, CompletionType, Config};
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{EditMode, Editor};
use unicode_width::UnicodeWidthStr;

use crate::repl::block;
use crate::repl::block_history::BlockHistory;
use crate::repl::helper::ReplHelper;
use crate::repl::history;
use crate::repl::keys::{self, Ending, KeyState};

/// What a line read for a `[y/N]` question answers: yes (`y`, `yes`),
/// no (`n`, `no`, nothing), or None for anything else — a statement typed
/// ahead, which must not be lost as a "no".
pub fn answer_to(line: &str) -> Option<bool> {
    match line.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Some(true),
        "" | "n" | "no" => Some(false),
        _ => None,
    }
}

/// One thing read from the terminal.
#[derive(Debug, PartialEq, Eq)]
pub enum Input {
    /// A line ended with Enter (without its line end).
    Line(String),
    /// Ctrl-C: whatever was typed on the line is dropped.
    Interrupted,
    /// Ctrl-D on an empty line.
    Eof,
}

/// The line editor and why its last line ended.
pub struct Reader {
    editor: Editor<ReplHelper, BlockHistory>,
    keys: Arc<KeyState>,
    /// A line read for a question that was no answer (a statement typed
    /// ahead): the question took it as no, and it runs next.
    kept: Option<String>,
    /// The last line read was offered text that a character typed first
    /// replaced (`Ending::Replaced`): what it returned is the user's own.
    replaced: bool,
    /// The line just read ended with `Ending::Replaced`: read it again.
    again: bool,
}

impl Reader {
    /// The editor with ormsh's settings and `helper`; an error when the
    /// terminal cannot be set up.
    pub fn new(helper: ReplHelper) -> rustyline::Result<Reader> {
        let config = Config::builder()
            .max_history_size(history::MAX_ENTRIES)
            .unwrap_or_else(|_| Config::builder())
            .auto_add_history(false)
            .completion_type(CompletionType::List)
            .edit_mode(EditMode::Emacs)
            // The highlighter also draws a block's `  ...>` prompts, each
            // with a plain space for the no-break one the buffer holds
            // (`block::CONT`), so it runs without colour too (`Forced`:
            // rustyline's `Enabled` turns itself off under NO_COLOR); the
            // helper writes no colour unless asked (`ReplHelper::color`).
            .color_mode(ColorMode::Forced)
            .build();
        let history = BlockHistory(DefaultHistory::with_config(&config));
        let mut editor = Editor::with_history(config, history)?;
        editor.set_helper(Some(helper));
        let keys = keys::bind(&mut editor);
        if let Some(h) = editor.helper_mut() {
            h.keys = Some(keys.clone());
        }
        Ok(Reader {
            editor,
            keys,
            kept: None,
            replaced: false,
            again: false,
        })
    }

    /// Read one line after `prompt`, with `initial` already typed (a
    /// tutorial's next statement; usually empty).
    pub fn read(&mut self, prompt: &str, initial: &str) -> rustyline::Result<Input> {
        self.replaced = false;
        let mut input = self.read_once(prompt, initial, true);
        // A character typed (or pasted as keys) over the offered text, as
        // its first key: the offered line is taken off the screen and the
        // line read again from that character.
        while std::mem::take(&mut self.again) {
            self.replaced = true;
            let width = self.width();
            let shown = block::dress(initial);
            let mut erase = String::new();
            for (i, line) in shown.split('\n').enumerate() {
                let p = if i == 0 { prompt } else { "" };
                erase.push_str(&crate::repl::restate::erase(p, line, width));
            }
            self.show(&erase);
            let started = self.keys.take_started();
            input = self.read_once(prompt, &started, false);
        }
        input
    }

    /// Whether the last line read began by replacing the offered text.
    pub fn replaced_offer(&self) -> bool {
        self.replaced
    }

    /// One `readline` (`again` set when it ended with
    /// [`Ending::Replaced`]).
    /// `offered`: `initial` is offered text (not the user's own start).
    fn read_once(
        &mut self,
        prompt: &str,
        initial: &str,
        offered: bool,
    ) -> rustyline::Result<Input> {
        self.keys.take_ending();
        // A block offered (a tutorial's step) shows its later lines'
        // prompts, as a typed one does.
        let initial = block::dress(initial);
        let offer = if offered { initial.as_str() } else { "" };
        self.keys.offer(offer);
        if let Some(h) = self.editor.helper_mut() {
            h.offered.clear();
            h.offered.push_str(offer);
        }
        let size = self
            .editor
            .dimensions()
            .map(|(w, h)| (usize::from(w), usize::from(h)));
        self.keys.set_screen(size, prompt.width());
        if let Some(h) = self.editor.helper_mut() {
            h.list_pad.columns.set(size.map_or(0, |(w, _)| w));
            h.list_pad.prompt_width.set(prompt.width());
        }
        let read = if initial.is_empty() {
            self.editor.readline(prompt)
        } else {
            self.editor.readline_with_initial(prompt, (&initial, ""))
        };
        // An error other than these is the terminal's (and ends the shell).
        let line = match read {
            Ok(line) => line,
            Err(ReadlineError::Interrupted) => return Ok(Input::Interrupted),
            Err(ReadlineError::Eof) => return Ok(Input::Eof),
            Err(e) => return Err(e),
        };
        Ok(match self.keys.take_ending() {
            Ending::Line => Input::Line(line),
            Ending::Interrupted => {
                let width = self.width();
                self.show(&crate::repl::caret::mark(prompt, &line, width));
                Input::Interrupted
            }
            // Ctrl-D on the empty last line of a block ends the entry
            // there, as in Python's console: the block runs (or says why
            // it cannot, an unclosed bracket).
            Ending::Eof if line.contains('\n') && line != initial => Input::Line(line),
            Ending::Eof => Input::Eof,
            Ending::Replaced => {
                self.again = true;
                Input::Line(line)
            }
        })
    }

    /// The lines of the entry read before the next line (empty at its
    /// first): Enter decides with them whether the entry is complete.
    pub fn set_block(&self, block: &str) {
        self.keys.set_block(block);
    }

    /// Whether the next line is read inside a Python session's
    /// transcript (`KeyState::set_transcript`).
    pub fn set_transcript(&self, on: bool) {
        self.keys.set_transcript(on);
    }

    /// Is a bracketed paste being read (more of it follows the last line)?
    pub fn in_paste(&self) -> bool {
        self.keys.in_paste()
    }

    /// Were keys of a bracketed paste read since the last call
    /// (`KeyState::take_pasted`)?
    pub fn take_pasted(&self) -> bool {
        self.keys.take_pasted()
    }

    /// While `on`, the end of a paste on an empty line accepts that line.
    pub fn accept_at_paste_end(&self, on: bool) {
        self.keys.accept_at_paste_end(on);
    }

    /// Ask a yes/no question (default no): an answer typed ahead is taken,
    /// and no history, hint or completion comes into it. A statement read
    /// from a paste is not asked about (it runs as in a script): the
    /// paste's next line is a statement, never an answer.
    pub fn confirm(&mut self, question: &str) -> bool {
        if self.in_paste() {
            return true;
        }
        let _ = std::io::stdout().flush();
        if let Some(h) = self.editor.helper_mut() {
            h.answering = true;
        }
        let answer = self.read(&format!("{question} [y/N] "), "");
        if let Some(h) = self.editor.helper_mut() {
            h.answering = false;
        }
        let Ok(Input::Line(line)) = answer else {
            return false;
        };
        match answer_to(&line) {
            Some(yes) => yes,
            None => {
                println!(
                    "('{}' is no answer: taken as no, it runs next)",
                    line.trim()
                );
                self.kept = Some(line);
                false
            }
        }
    }

    /// The line a question read that was no answer, to run as the next
    /// statement (once).
    pub fn take_kept(&mut self) -> Option<String> {
        self.kept.take()
    }

    /// Write `text` (a line or the escapes of `restate`) to the terminal.
    pub fn show(&mut self, text: &str) {
        let mut out = std::io::stdout();
        let _ = out.write_all(text.as_bytes());
        let _ = out.flush();
    }

    /// The terminal's width and height, when known.
    pub fn size(&mut self) -> Option<(usize, usize)> {
        self.editor
            .dimensions()
            .map(|(w, h)| (usize::from(w), usize::from(h)))
    }

    /// The terminal's width in columns, when known.
    pub fn width(&mut self) -> Option<usize> {
        self.editor.dimensions().map(|(w, _)| usize::from(w))
    }

    /// Load the history file (a missing or unreadable one is no error).
    pub fn load_history(&mut self, path: &Path) {
        let _ = self.editor.load_history(path);
    }

    /// Add one statement to the history and save it to `path` (mode 0600).
    pub fn remember(&mut self, entry: &str, path: Option<&Path>) {
        let _ = self.editor.add_history_entry(entry);
        if let Some(h) = path
            && self.editor.save_history(h).is_ok()
        {
            history::make_private(h);
        }
    }
}
