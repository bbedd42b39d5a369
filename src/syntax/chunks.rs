//! Script text to runnable chunks: a dot command is one line; other lines
//! gather until the statement is complete; blank and comment-only lines
//! between statements are skipped. A compound statement (`for`, `if`,
//! `def`, `class`, …) runs to the first line indented no deeper than its
//! header that is not one of its clauses (`else`, `elif`, `except`,
//! `finally`), as Python reads a file; that line starts the next chunk.
//! Each chunk keeps the tokens its completeness check made, so the parser
//! does not lex it a second time.

use std::cmp::Ordering;

use crate::syntax::Completeness;
use crate::syntax::complete::{completeness_of, is_compound};
use crate::syntax::indent::{Indent, compare, line_indent};
use crate::syntax::lexer::{LexErrKind, Lexed, lex};
use crate::syntax::span::Span;
use crate::syntax::token::Kw;

/// One runnable piece of a script.
pub struct Chunk {
    /// The line (from 1) the chunk starts on.
    pub first_line: usize,
    pub text: String,
    /// The tokens of `text`, when the completeness check lexed it whole.
    pub lexed: Option<Lexed>,
}

/// The chunks of a script, made one at a time as they are run.
pub struct Chunks<'a> {
    lines: std::iter::Enumerate<std::str::Lines<'a>>,
    /// A line read that belongs to the next chunk.
    held: Option<(usize, &'a str)>,
    buf: String,
    start: usize,
    /// The indentation of the compound statement being gathered.
    block: Option<Indent>,
}

pub fn chunks(text: &str) -> Chunks<'_> {
    Chunks {
        lines: text.lines().enumerate(),
        held: None,
        buf: String::new(),
        start: 0,
        block: None,
    }
}

/// The keyword a line starts with, if any.
fn first_keyword(t: &str) -> Option<Kw> {
    let end = t
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(t.len());
    Kw::from_str(&t[..end])
}

/// Does the gathered text end inside brackets, a triple-quoted string or
/// after a backslash (so the next line continues it whatever its indent)?
fn open_lexically(buf: &str) -> bool {
    matches!(
        lex(buf, 0).error.map(|e| e.kind),
        Some(LexErrKind::OpenBracket | LexErrKind::OpenTripleQuote | LexErrKind::TrailingBackslash)
    )
}

impl<'a> Chunks<'a> {
    /// Does `line` end the compound statement begun at indentation `h`?
    fn ends_block(&self, line: &str, h: Indent) -> bool {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') || open_lexically(&self.buf) {
            return false;
        }
        // A decorator's `def` is on the next line, at the same indent.
        let last = self
            .buf
            .lines()
            .rev()
            .map(str::trim)
            .find(|l| !l.is_empty());
        if last.is_some_and(|l| l.starts_with('@')) {
            return false;
        }
        let here = line_indent(line, 0);
        let shallow = !matches!(compare(here, h, Span::new(0, 0)), Ok(Ordering::Greater));
        let clause = matches!(
            first_keyword(t),
            Some(Kw::Else | Kw::Elif | Kw::Except | Kw::Finally)
        ) && matches!(compare(here, h, Span::new(0, 0)), Ok(Ordering::Equal));
        shallow && !clause
    }

    /// Does the gathered text end in a line continuation (`\\` at the end
    /// of its last line, outside a comment or string)? The next line
    /// continues it whatever its indent.
    fn after_backslash(&self) -> bool {
        let text = self.buf.trim_end_matches(['\n', '\r']);
        text.ends_with('\\') && open_lexically(text)
    }

    fn take(&mut self, lexed: Option<Lexed>) -> Chunk {
        self.block = None;
        Chunk {
            first_line: self.start,
            text: std::mem::take(&mut self.buf),
            lexed,
        }
    }
}

impl Iterator for Chunks<'_> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        while let Some((i, line)) = self.held.take().or_else(|| self.lines.next()) {
            let t = line.trim();
            if self.buf.is_empty() {
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                // `...` alone is Python's Ellipsis, not a dot command.
                if t.starts_with('.') && !t.starts_with("...") {
                    return Some(Chunk {
                        first_line: i + 1,
                        text: t.to_string(),
                        lexed: None,
                    });
                }
                self.start = i + 1;
                if t.starts_with('@')
                    || first_keyword(t).is_some_and(is_compound)
                    || crate::syntax::pattern::is_match_header(t)
                {
                    self.block = Some(line_indent(line, 0));
                }
            } else if let Some(h) = self.block
                && !self.after_backslash()
                && self.ends_block(line, h)
            {
                self.held = Some((i, line));
                return Some(self.take(None));
            }
            self.buf.push_str(line);
            self.buf.push('\n');
            if self.block.is_some() || self.after_backslash() {
                continue;
            }
            let lexed = lex(&self.buf, 0);
            if completeness_of(&lexed) == Completeness::Complete {
                return Some(self.take(Some(lexed)));
            }
        }
        // An unfinished statement at the end: the parser says what is open.
        if !self.buf.trim().is_empty() {
            return Some(self.take(None));
        }
        None
    }
}
