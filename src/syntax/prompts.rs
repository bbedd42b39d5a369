//! Pasted Python sessions: the `>>> ` and `... ` prompts stripped from
//! each line, as IPython's `classic_prompt` transformer strips them
//! (`^(>>>|\.\.\.)( |$)`, the `... ` form only once a `>>> ` line began
//! the session, since `...` alone is Python's `Ellipsis`). The lines
//! without a prompt that follow a `>>> ` statement, up to the next empty
//! line or `>>> ` line, are that statement's printed output (doctest's
//! rule; IPython would run them as code) and are skipped.
//!
//! Scripts are stripped whole (`strip_script`, one output line per input
//! line so line numbers stay); the shell asks `Prompts::line` for each
//! line read and closes an open block itself (`repl`).

use std::borrow::Cow;

/// Where a paste is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum State {
    /// No `>>> ` line seen since the last empty line: lines are code.
    #[default]
    Plain,
    /// After a `>>> ` line: `... ` lines continue its statement.
    Session,
    /// After a statement's output began: lines are output.
    Output,
}

/// The prompt a line carried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// None: an ordinary line.
    None,
    /// `>>> `: a new statement (it closes an open block).
    Primary,
    /// `... `: the statement goes on.
    Continuation,
}

/// One line of a paste, its prompt taken off.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pasted {
    /// Code to read, with the prompt it had.
    Code { text: String, prompt: Prompt },
    /// `...` alone: an empty line inside the block when more `... ` lines
    /// follow, the empty line that closes it otherwise.
    BareContinuation,
    /// Printed output of the statement before: skipped.
    Output,
}

/// The state of a paste, line after line.
#[derive(Clone, Debug, Default)]
pub struct Prompts {
    state: State,
}

/// `line` without `prompt` and the one space after it, when it starts so.
fn strip<'a>(line: &'a str, prompt: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(prompt)?;
    if rest.is_empty() {
        return Some(rest);
    }
    rest.strip_prefix(' ')
}

impl Prompts {
    /// Inside a pasted or typed session: a `>>> ` line began it and no
    /// empty line ended it yet.
    pub fn in_session(&self) -> bool {
        self.state != State::Plain
    }

    /// What `line` (without its line end) is, given the lines before.
    pub fn line(&mut self, line: &str) -> Pasted {
        if let Some(rest) = strip(line, ">>>") {
            self.state = State::Session;
            return Pasted::Code {
                text: rest.to_string(),
                prompt: Prompt::Primary,
            };
        }
        let blank = line.trim().is_empty();
        let code = |text: &str| Pasted::Code {
            text: text.to_string(),
            prompt: Prompt::None,
        };
        match self.state {
            State::Plain => code(line),
            State::Session | State::Output if blank => {
                self.state = State::Plain;
                code(line)
            }
            State::Session => match strip(line, "...") {
                Some("") => Pasted::BareContinuation,
                Some(rest) => Pasted::Code {
                    text: rest.to_string(),
                    prompt: Prompt::Continuation,
                },
                None => {
                    self.state = State::Output;
                    Pasted::Output
                }
            },
            State::Output => Pasted::Output,
        }
    }
}

/// Does `line` begin with Python's primary prompt (`>>> `, or `>>>`
/// alone)?
pub fn is_primary(line: &str) -> bool {
    strip(line, ">>>").is_some()
}

/// A script with its prompts stripped, line for line (a bare `...` and
/// an output line become empty lines). Unchanged when no line starts
/// with a `>>>` prompt.
pub fn strip_script(text: &str) -> Cow<'_, str> {
    if !text.lines().any(|l| strip(l, ">>>").is_some()) {
        return Cow::Borrowed(text);
    }
    let mut prompts = Prompts::default();
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if let Pasted::Code { text, .. } = prompts.line(line) {
            out.push_str(&text);
        }
        out.push('\n');
    }
    Cow::Owned(out)
}
