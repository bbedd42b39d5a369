//! The rustyline helper: completion from the session snapshot, highlighting,
//! hints from history (accepted with →, never with Enter); none of them
//! while a yes/no question is answered.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use crate::repl::complete::{Completion, Snapshot, complete};
use crate::repl::highlight::highlight;

pub struct ReplHelper {
    pub snapshot: Rc<RefCell<Snapshot>>,
    pub color: bool,
    /// A yes/no question is being answered, not a statement typed.
    pub answering: bool,
    files: FilenameCompleter,
    hinter: HistoryHinter,
}

impl ReplHelper {
    pub fn new(snapshot: Rc<RefCell<Snapshot>>, color: bool) -> ReplHelper {
        ReplHelper {
            snapshot,
            color,
            answering: false,
            files: FilenameCompleter::new(),
            hinter: HistoryHinter::new(),
        }
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        if self.answering {
            return Ok((pos, Vec::new()));
        }
        let snap = self.snapshot.borrow();
        let builtins: Vec<&str> = crate::eval::builtins::names().collect();
        // Inside a block the lines above are context (`for p in …:`).
        let block = snap.block.len();
        let text = format!("{}{line}", snap.block);
        match complete(&text, block + pos, &snap, &builtins) {
            Completion::Files => self.files.complete(line, pos, ctx),
            Completion::Words { start, words } => Ok((
                start.saturating_sub(block),
                words
                    .into_iter()
                    .map(|w| Pair {
                        display: w.clone(),
                        replacement: w,
                    })
                    .collect(),
            )),
        }
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if self.answering {
            return None;
        }
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color || self.answering {
            return Cow::Borrowed(line);
        }
        let models: Vec<String> = self
            .snapshot
            .borrow()
            .models
            .iter()
            .map(|m| m.name.clone())
            .collect();
        Cow::Owned(highlight(line, pos, &models))
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.color && kind != CmdKind::ForcedRefresh
    }
}

impl Validator for ReplHelper {}

impl Helper for ReplHelper {}
