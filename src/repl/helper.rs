//! The rustyline helper: completion from the session snapshot, highlighting,
//! hints from history (accepted with →, never with Enter; a block's shown
//! as the rest of its line and `…`, so its later lines never look typed);
//! none of them while a yes/no question is answered, and no hint on a
//! tutorial's step as offered (an earlier failed edit of it, `step x`,
//! would show as if it were the step). While a bracketed paste is read,
//! key by key (`keys`), no hint and no per-key highlighting: either makes
//! rustyline redraw the whole line for every character (a paste of a few
//! kilobytes on one line took seconds); the end of the paste redraws it
//! once, in colour.

use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use rustyline::completion::{Completer, FilenameCompleter, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hint, Hinter, HistoryHinter};
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use crate::repl::block::{NBSP, prompt_len, raw_pos, strip_at};
use crate::repl::complete::{Completion, Snapshot, complete};
use crate::repl::highlight::highlight;
use crate::repl::keys::KeyState;
use crate::repl::list_pad::ListPad;

pub struct ReplHelper {
    pub snapshot: Rc<RefCell<Snapshot>>,
    pub color: bool,
    /// A yes/no question is being answered, not a statement typed.
    pub answering: bool,
    /// The text the line was offered with (a tutorial's step; empty for
    /// none): while the line is that text, untouched, no history hint.
    pub offered: String,
    /// Rows after the list of completions, for rustyline's redraw to
    /// clear (`list_pad`).
    pub list_pad: ListPad,
    /// The key bindings' state: is a bracketed paste being read?
    pub keys: Option<Arc<KeyState>>,
    files: FilenameCompleter,
    hinter: HistoryHinter,
}

impl ReplHelper {
    pub fn new(snapshot: Rc<RefCell<Snapshot>>, color: bool) -> ReplHelper {
        ReplHelper {
            snapshot,
            color,
            answering: false,
            offered: String::new(),
            list_pad: ListPad::default(),
            keys: None,
            files: FilenameCompleter::new(),
            hinter: HistoryHinter::new(),
        }
    }

    /// Is a bracketed paste being read?
    fn in_paste(&self) -> bool {
        self.keys.as_ref().is_some_and(|k| k.in_paste())
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
        // Inside a block the lines above are context (`for p in …:`),
        // read without the prompts of a block's later lines.
        let block = snap.block.len();
        let (code, at) = strip_at(line, pos);
        let text = format!("{}{code}", snap.block);
        let found = match complete(&text, block + at, &snap, &builtins) {
            Completion::Files => self.files.complete(line, pos, ctx)?,
            Completion::Words { start, words } => (
                raw_pos(line, start.saturating_sub(block)),
                words
                    .into_iter()
                    .map(|w| Pair {
                        display: w.clone(),
                        replacement: w,
                    })
                    .collect(),
            ),
        };
        self.list_pad.offered(line, found.1.len());
        Ok(found)
    }
}

/// A hint from the history: what is shown (one line) and what → takes
/// (the whole rest of the entry).
pub struct HistoryHint {
    shown: String,
    rest: String,
}

impl HistoryHint {
    /// The hint for `rest`, the remainder of a history entry: a block's
    /// later lines are not drawn, an ellipsis says they are there.
    pub fn of(rest: String) -> HistoryHint {
        let shown = match rest.split_once('\n') {
            Some((line, _)) => format!("{line} …"),
            None => rest.clone(),
        };
        HistoryHint { shown, rest }
    }
}

impl Hint for HistoryHint {
    fn display(&self) -> &str {
        &self.shown
    }

    fn completion(&self) -> Option<&str> {
        Some(&self.rest)
    }
}

impl Hinter for ReplHelper {
    type Hint = HistoryHint;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<HistoryHint> {
        if self.answering || self.in_paste() || (!self.offered.is_empty() && line == self.offered) {
            return None;
        }
        self.hinter.hint(line, pos, ctx).map(HistoryHint::of)
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, pos: usize) -> Cow<'l, str> {
        if !self.color || self.answering {
            return plain_prompts(line);
        }
        let models: Vec<String> = self
            .snapshot
            .borrow()
            .models
            .iter()
            .map(|m| m.name.clone())
            .collect();
        if !line.contains('\n') {
            return Cow::Owned(highlight(line, pos, &models));
        }
        // A block: the code highlighted, each later line's prompt dimmed.
        let (code, at) = strip_at(line, pos);
        let mut prompts = line
            .split('\n')
            .enumerate()
            .map(|(i, row)| &row[..prompt_len(row, i)])
            .skip(1);
        let lit = highlight(&code, at, &models);
        let mut out = String::with_capacity(lit.len() + line.len());
        for (i, piece) in lit.split('\n').enumerate() {
            if i > 0 {
                let prompt = prompts.next().unwrap_or_default();
                let prompt = prompt.replace(NBSP, " ");
                out.push_str(&format!("\n\x1b[0m\x1b[2m{prompt}\x1b[0m"));
            }
            out.push_str(piece);
        }
        Cow::Owned(out)
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_candidate<'c>(
        &self,
        candidate: &'c str,
        _completion: rustyline::config::CompletionType,
    ) -> Cow<'c, str> {
        self.list_pad.candidate(candidate)
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        self.color && kind != CmdKind::ForcedRefresh && !self.in_paste()
    }
}

/// The buffer as drawn without colour: each later line's `  ...>` with
/// a plain space for the no-break one the buffer holds (`block::CONT`),
/// so the terminal never receives U+00A0 (shown as `Â ` where the
/// terminal is not UTF-8, and carried into text copied off the screen).
/// Both are one column wide, so rustyline's cursor stays true.
fn plain_prompts(line: &str) -> Cow<'_, str> {
    if line.contains(NBSP) {
        Cow::Owned(line.replace(NBSP, " "))
    } else {
        Cow::Borrowed(line)
    }
}

impl Validator for ReplHelper {}

impl Helper for ReplHelper {}
