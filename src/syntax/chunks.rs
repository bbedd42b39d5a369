//! Script text to runnable chunks: a dot command is one line; other lines
//! gather until the statement is complete; blank and comment-only lines
//! between statements are skipped. Each chunk keeps the tokens its
//! completeness check made, so the parser does not lex it a second time.

use crate::syntax::Completeness;
use crate::syntax::complete::completeness_of;
use crate::syntax::lexer::{Lexed, lex};

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
    buf: String,
    start: usize,
}

pub fn chunks(text: &str) -> Chunks<'_> {
    Chunks {
        lines: text.lines().enumerate(),
        buf: String::new(),
        start: 0,
    }
}

impl Iterator for Chunks<'_> {
    type Item = Chunk;

    fn next(&mut self) -> Option<Chunk> {
        for (i, line) in self.lines.by_ref() {
            let t = line.trim();
            if self.buf.is_empty() {
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                if t.starts_with('.') {
                    return Some(Chunk {
                        first_line: i + 1,
                        text: t.to_string(),
                        lexed: None,
                    });
                }
                self.start = i + 1;
            }
            self.buf.push_str(line);
            self.buf.push('\n');
            let lexed = lex(&self.buf, 0);
            if completeness_of(&lexed) == Completeness::Complete {
                return Some(Chunk {
                    first_line: self.start,
                    text: std::mem::take(&mut self.buf),
                    lexed: Some(lexed),
                });
            }
        }
        // An unfinished statement at the end: the parser says what is open.
        if !self.buf.trim().is_empty() {
            return Some(Chunk {
                first_line: self.start,
                text: std::mem::take(&mut self.buf),
                lexed: None,
            });
        }
        None
    }
}
