//! Key bindings that keep typed-ahead and pasted input.
//!
//! rustyline reads the terminal in blocks, so the keys after an Enter may
//! already be in its buffer when a line is accepted; its `buffer-redux`
//! feature hands that buffer to the next `readline`, but only when the line
//! ends by being accepted. Ctrl-C and Ctrl-D would end it with an error and
//! drop the buffer, so here they accept the line and note why ([`Ending`]);
//! the shell then treats it as Ctrl-C or Ctrl-D.
//!
//! A bracketed paste is read as the keys it holds, as if typed: each line end
//! in it accepts a line (so each statement runs, in order, and is its own
//! history entry), a tab inserts itself instead of completing. A CR LF
//! pair is one line end, in a paste or not (text with Windows line ends
//! pasted where the terminal has no bracketed paste), and so is CR CR in
//! a paste whose first line end is CR CR (a terminal that turns each LF
//! of a paste into CR, as tmux's `paste-buffer` does, sends CR LF so).
//! rustyline's own handling would insert the whole paste as one line, run
//! only on the next Enter. While the paste is read the helper draws no
//! hint and no colour (so each character is written as it comes, not the
//! whole line redrawn); its end repaints the line.
//!
//! Typed (not pasted), Enter and the keys that move over a block's
//! `  ...> ` are `block::edit_key`'s: a block is one buffer. A line end
//! sent as LF (Ctrl-J) is Enter at the end of the buffer (a CR typed
//! ahead while a statement runs reaches the editor as LF) and opens a
//! line inside a block.

use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};
use std::sync::{Arc, Mutex};

use rustyline::{
    Cmd, ConditionalEventHandler, Editor, Event, EventContext, EventHandler, KeyCode, KeyEvent,
    Modifiers, Movement, RepeatCount,
};

use crate::repl::block;
use crate::repl::block_history::BlockHistory;
use crate::repl::helper::ReplHelper;
use crate::repl::tall_block;

/// Why `readline` returned a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Enter (typed, or a line end in a paste).
    Line,
    /// Ctrl-C: the line is to be discarded.
    Interrupted,
    /// Ctrl-D on an empty line.
    Eof,
    /// A character came first to an offered line, untouched: the line is
    /// to be read again, holding that character in place of the offered
    /// text (`KeyState::take_started`).
    Replaced,
}

/// No line end seen in this paste yet.
const PASTE_NEW: u8 = 0;
/// One CR seen: the next key decides.
const PASTE_FIRST_CR: u8 = 1;
/// Its line ends are CR CR (text with CR LF line ends, each LF made CR
/// by the terminal): a pair is one line end, two pairs an empty line.
const PASTE_DOUBLED: u8 = 2;
/// Its line ends are single CRs: each is one.
const PASTE_SINGLE: u8 = 3;

const LINE: u8 = 0;
const INTERRUPTED: u8 = 1;
const EOF: u8 = 2;
const REPLACED: u8 = 3;

/// What the bindings remember between keys (and between lines: a paste can
/// span several `readline` calls).
#[derive(Default)]
pub struct KeyState {
    in_paste: AtomicBool,
    /// Keys of a bracketed paste were read since the shell last asked
    /// (`take_pasted`): the line they are on is a script's line.
    pasted: AtomicBool,
    after_cr: AtomicBool,
    /// How this paste ends its lines (`PASTE_*`): a terminal that turns
    /// each LF of a paste into CR (tmux's `paste-buffer`, without `-r`)
    /// sends text with CR LF line ends as CR CR.
    paste_ends: AtomicU8,
    /// In a paste of CR CR line ends: the last key was a CR that ended a
    /// line (the next CR is the rest of that line end).
    half_cr: AtomicBool,
    ending: AtomicU8,
    /// The end of a paste on an empty line accepts it (the shell waits to
    /// learn whether a pasted empty line was the paste's last).
    accept_at_paste_end: AtomicBool,
    /// The text the line was offered with (a tutorial's step): Ctrl-D on
    /// it, untouched, ends the line as Ctrl-D on an empty one does.
    offered: Mutex<String>,
    /// No key has come to the offered line yet: a character typed first
    /// (or a paste begun there) replaces the offered text (`over_offered`).
    fresh: AtomicBool,
    /// The character that replaced the offered text (`Ending::Replaced`).
    started: Mutex<String>,
    /// The lines of the entry read before this one (`block::edit_key`).
    block: Mutex<String>,
    /// A Python session's transcript is being read (`>>> `/`... `
    /// lines): Enter accepts each line, as a paste's line ends do, so the
    /// shell strips its prompts line by line (`syntax::prompts`).
    transcript: AtomicBool,
    /// The terminal's columns and rows, and the prompt's width, as the
    /// line began (`tall_block`).
    screen: Mutex<(Option<(usize, usize)>, usize)>,
}

impl KeyState {
    /// Why the last line ended; resets to [`Ending::Line`].
    pub fn take_ending(&self) -> Ending {
        match self.ending.swap(LINE, Ordering::SeqCst) {
            INTERRUPTED => Ending::Interrupted,
            EOF => Ending::Eof,
            REPLACED => Ending::Replaced,
            _ => Ending::Line,
        }
    }

    /// The text the next line is offered with (empty for none).
    pub fn offer(&self, text: &str) {
        if let Ok(mut o) = self.offered.lock() {
            o.clear();
            o.push_str(text);
        }
        self.fresh.store(!text.is_empty(), Ordering::SeqCst);
    }

    /// The first key on an offered line, untouched: a character (typed,
    /// typed ahead, or a line of a paste the terminal sends as plain
    /// keys) starts a statement of the user's own in place of the offered
    /// one, as the first line of a bracketed paste does. rustyline keeps
    /// what it read ahead to itself, so whether keys were pending when the
    /// step was offered cannot be asked; the first key tells instead.
    /// Enter still runs the offered step, and the editing keys edit it.
    /// A character ends the line ([`Ending::Replaced`]; the reader reads it
    /// again from that character: rustyline's `Replace` would leave the
    /// cursor before it). `cmd` is what the key does otherwise.
    fn over_offered(&self, key: KeyEvent, cmd: Option<Cmd>) -> Option<Cmd> {
        match key {
            KeyEvent(KeyCode::BracketedPasteStart, _) => Some(Cmd::Kill(Movement::WholeBuffer)),
            KeyEvent(KeyCode::Char(c), Modifiers::NONE | Modifiers::SHIFT)
                if !self.in_paste() && !c.is_control() =>
            {
                if let Ok(mut s) = self.started.lock() {
                    s.clear();
                    s.push(c);
                }
                self.ending.store(REPLACED, Ordering::SeqCst);
                Some(Cmd::AcceptLine)
            }
            _ => cmd,
        }
    }

    /// Whether this key is the first on the offered text, `line` still
    /// being it (every key ends that).
    fn take_fresh(&self, line: &str) -> bool {
        self.fresh.swap(false, Ordering::SeqCst) && self.is_offered(line)
    }

    /// The character that replaced the offered text (once).
    pub fn take_started(&self) -> String {
        self.started
            .lock()
            .map(|mut s| std::mem::take(&mut *s))
            .unwrap_or_default()
    }

    /// The lines of the entry read before the next line.
    pub fn set_block(&self, text: &str) {
        if let Ok(mut b) = self.block.lock() {
            b.clear();
            b.push_str(text);
        }
    }

    /// Whether the next line is read inside a transcript (`>>> ` began it).
    pub fn set_transcript(&self, on: bool) {
        self.transcript.store(on, Ordering::SeqCst);
    }

    /// The terminal's size and the prompt's width for the next line.
    pub fn set_screen(&self, size: Option<(usize, usize)>, prompt_width: usize) {
        if let Ok(mut s) = self.screen.lock() {
            *s = (size, prompt_width);
        }
    }

    /// Outside a paste, what a key does to a block being edited as one
    /// buffer (`block::edit_key`).
    fn edit(&self, key: KeyEvent, line: &str, pos: usize) -> Option<Cmd> {
        if self.in_paste() {
            return None;
        }
        let (size, prompt_width) = self.screen.lock().map(|s| *s).unwrap_or_default();
        if let Some(cmd) = tall_block::up_key(key, line, pos, size, prompt_width) {
            return Some(cmd);
        }
        let block = self.block.lock().map(|b| b.clone()).unwrap_or_default();
        let enter =
            matches!(key, KeyEvent(KeyCode::Enter, Modifiers::NONE)) || key == KeyEvent::ctrl('J');
        // A transcript's line (`>>> x = 1`, `...     print(x)`, or its
        // output) typed: Enter takes it alone, as a paste's line end does.
        if enter
            && !line.contains('\n')
            && (self.transcript.load(Ordering::SeqCst) || crate::syntax::prompts::is_primary(line))
        {
            return Some(Cmd::AcceptLine);
        }
        // Enter (or a line end typed ahead, LF) on an offered block,
        // untouched, runs it as Enter after an edit on its first line would.
        if enter && self.is_offered(line) {
            let enter = KeyEvent(KeyCode::Enter, Modifiers::NONE);
            return block::edit_key(enter, &block, line, 0);
        }
        block::edit_key(key, &block, line, pos)
    }

    /// Whether `line` is the offered text, untouched.
    fn is_offered(&self, line: &str) -> bool {
        self.offered
            .lock()
            .is_ok_and(|o| !o.is_empty() && o.as_str() == line)
    }

    /// Were keys of a bracketed paste read since the last call? (The
    /// paste's last line may end with an Enter typed after it.)
    pub fn take_pasted(&self) -> bool {
        self.pasted.swap(false, Ordering::SeqCst)
    }

    /// Is a bracketed paste being read (its end not yet seen)?
    pub fn in_paste(&self) -> bool {
        self.in_paste.load(Ordering::SeqCst)
    }

    /// Make the end of a paste on an empty line accept that line.
    pub fn accept_at_paste_end(&self, on: bool) {
        self.accept_at_paste_end.store(on, Ordering::SeqCst);
    }

    /// Inside a paste, a CR that is the second half of a CR CR line end
    /// (`PASTE_DOUBLED`): nothing (`Noop`). The paste's first line end
    /// decides: a CR right after it makes the paste's line ends pairs
    /// (an empty line is then two pairs), any other key single CRs.
    fn paste_line_end(&self, enter: bool, key: KeyEvent, half_cr: bool) -> Option<Cmd> {
        let mode = self.paste_ends.load(Ordering::SeqCst);
        let set = |m: u8| self.paste_ends.store(m, Ordering::SeqCst);
        match mode {
            PASTE_NEW if enter => {
                set(PASTE_FIRST_CR);
                None
            }
            PASTE_FIRST_CR if enter => {
                set(PASTE_DOUBLED);
                Some(Cmd::Noop)
            }
            // The LF of a raw CR LF: still undecided (`after_cr`).
            PASTE_FIRST_CR if key == KeyEvent::ctrl('J') => None,
            PASTE_FIRST_CR if key != KeyEvent(KeyCode::BracketedPasteEnd, Modifiers::NONE) => {
                set(PASTE_SINGLE);
                None
            }
            PASTE_DOUBLED if enter && half_cr => Some(Cmd::Noop),
            PASTE_DOUBLED if enter => {
                self.half_cr.store(true, Ordering::SeqCst);
                None
            }
            _ => None,
        }
    }

    /// The reaction to one key: `None` leaves it to rustyline's default.
    /// The ending is that of the last key, the one that accepted the line
    /// (a Ctrl-C that rustyline ignored, in its "show all?" question, does
    /// not mark the line it later accepts).
    /// `line_is_empty`: the line counts as empty for Ctrl-D; `empty`: it
    /// is empty, or the cursor is at the end of a block's empty last row
    /// (where the LF of a CR LF lands when the CR opened that row).
    fn on_key(&self, key: KeyEvent, line_is_empty: bool, empty: bool) -> Option<Cmd> {
        self.ending.store(LINE, Ordering::SeqCst);
        let in_paste = self.in_paste.load(Ordering::SeqCst);
        let after_cr = self.after_cr.swap(false, Ordering::SeqCst);
        let half_cr = self.half_cr.swap(false, Ordering::SeqCst);
        let enter = key == KeyEvent(KeyCode::Enter, Modifiers::NONE);
        if in_paste || matches!(key, KeyEvent(KeyCode::BracketedPasteStart, _)) {
            self.pasted.store(true, Ordering::SeqCst);
        }
        if in_paste && let Some(cmd) = self.paste_line_end(enter, key, half_cr) {
            return Some(cmd);
        }
        match key {
            KeyEvent(KeyCode::BracketedPasteStart, _) => {
                self.in_paste.store(true, Ordering::SeqCst);
                self.paste_ends.store(PASTE_NEW, Ordering::SeqCst);
                Some(Cmd::Noop)
            }
            KeyEvent(KeyCode::BracketedPasteEnd, _) => {
                self.in_paste.store(false, Ordering::SeqCst);
                if line_is_empty && self.accept_at_paste_end.load(Ordering::SeqCst) {
                    return Some(Cmd::AcceptLine);
                }
                // The paste was drawn without colour or hint, a character
                // at a time (`helper`): the line is now drawn as typed.
                if empty {
                    Some(Cmd::Noop)
                } else {
                    Some(Cmd::Repaint)
                }
            }
            KeyEvent(KeyCode::Enter, Modifiers::NONE) => {
                self.after_cr.store(true, Ordering::SeqCst);
                None
            }
            // The LF of a CR LF (text with Windows line ends, pasted with
            // or without bracketed paste): the CR already ended the line,
            // and the LF comes to the empty line after it. On a line with
            // text (a tutorial's step offered), an LF after a CR is an
            // Enter typed ahead while the last entry ran, which the
            // terminal turned into LF: it runs the line.
            KeyEvent(KeyCode::Char('J'), Modifiers::CTRL) if after_cr && empty => Some(Cmd::Noop),
            KeyEvent(KeyCode::Tab, Modifiers::NONE) if in_paste => {
                Some(Cmd::Insert(1, "\t".to_string()))
            }
            KeyEvent(KeyCode::Char('C'), Modifiers::CTRL) => {
                self.ending.store(INTERRUPTED, Ordering::SeqCst);
                Some(Cmd::AcceptLine)
            }
            KeyEvent(KeyCode::Char('D'), Modifiers::CTRL) if line_is_empty => {
                self.ending.store(EOF, Ordering::SeqCst);
                Some(Cmd::AcceptLine)
            }
            _ => None,
        }
    }
}

/// The handler rustyline calls for every key (bound to `Event::Any` and to
/// the keys it must see before rustyline's own bindings do).
struct Keys(Arc<KeyState>);

impl ConditionalEventHandler for Keys {
    fn handle(
        &self,
        evt: &Event,
        _n: RepeatCount,
        _positive: bool,
        ctx: &EventContext,
    ) -> Option<Cmd> {
        let key = *evt.get(0)?;
        let line = ctx.line();
        let fresh = self.0.take_fresh(line);
        let untouched = key == KeyEvent::ctrl('D') && self.0.is_offered(line);
        // Ctrl-D on the empty last line of a block.
        let last = line.rsplit('\n').next().unwrap_or("");
        let empty_row = line.contains('\n')
            && ctx.pos() == line.len()
            && last.strip_prefix(block::CONT).is_some_and(str::is_empty);
        let cmd = self.0.on_key(
            key,
            line.is_empty() || untouched || empty_row,
            line.is_empty() || empty_row,
        );
        let cmd = match cmd {
            Some(cmd) => Some(cmd),
            None => self.0.edit(key, line, ctx.pos()),
        };
        if fresh {
            return self.0.over_offered(key, cmd);
        }
        cmd
    }
}

/// Bind the keys on `editor`; the returned state says why each line ended.
pub fn bind(editor: &mut Editor<ReplHelper, BlockHistory>) -> Arc<KeyState> {
    let state = Arc::new(KeyState::default());
    let keys = [
        KeyEvent(KeyCode::BracketedPasteStart, Modifiers::NONE),
        KeyEvent(KeyCode::BracketedPasteEnd, Modifiers::NONE),
        KeyEvent(KeyCode::Enter, Modifiers::NONE),
        KeyEvent(KeyCode::Tab, Modifiers::NONE),
        KeyEvent::ctrl('J'),
        KeyEvent::ctrl('C'),
        KeyEvent::ctrl('D'),
        // Editing a block as one buffer (`block`).
        KeyEvent(KeyCode::Enter, Modifiers::ALT),
        KeyEvent(KeyCode::Left, Modifiers::NONE),
        KeyEvent(KeyCode::Right, Modifiers::NONE),
        KeyEvent(KeyCode::Home, Modifiers::NONE),
        KeyEvent(KeyCode::Up, Modifiers::NONE),
        KeyEvent::ctrl('P'),
        KeyEvent(KeyCode::Char('<'), Modifiers::ALT),
        KeyEvent(KeyCode::Delete, Modifiers::NONE),
        KeyEvent(KeyCode::Backspace, Modifiers::NONE),
        KeyEvent(KeyCode::Backspace, Modifiers::ALT),
        KeyEvent::ctrl('A'),
        KeyEvent::ctrl('B'),
        KeyEvent::ctrl('F'),
        KeyEvent::ctrl('K'),
        KeyEvent::ctrl('H'),
        KeyEvent::ctrl('U'),
        KeyEvent::ctrl('T'),
        KeyEvent::ctrl('W'),
    ];
    for key in keys {
        editor.bind_sequence(
            key,
            EventHandler::Conditional(Box::new(Keys(state.clone()))),
        );
    }
    editor.bind_sequence(
        Event::Any,
        EventHandler::Conditional(Box::new(Keys(state.clone()))),
    );
    state
}

#[cfg(test)]
#[path = "keys_tests.rs"]
mod tests;
