//! Indentation as Python reads it: the leading blanks of a line measured
//! twice — tabs to the next multiple of 8 and tabs as one column — and two
//! indents compared only when both measures agree (else `TabError`, as
//! CPython's tokenizer says). The block parser (`block`) asks here.

use std::cmp::Ordering;

use crate::error::{Error, ErrorKind};
use crate::syntax::span::Span;

/// The indentation of one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Indent {
    /// Columns with tabs to the next multiple of 8.
    tab8: usize,
    /// Columns with a tab as one column.
    tab1: usize,
}

impl Indent {
    /// A line starting at its first column (a top-level statement's).
    pub const NONE: Indent = Indent { tab8: 0, tab1: 0 };
}

/// The indentation of the line holding byte `at` of `src`.
pub fn line_indent(src: &str, at: usize) -> Indent {
    let at = at.min(src.len());
    let start = src[..at].rfind('\n').map_or(0, |n| n + 1);
    let mut ind = Indent { tab8: 0, tab1: 0 };
    for c in src[start..].chars() {
        match c {
            ' ' => {
                ind.tab8 += 1;
                ind.tab1 += 1;
            }
            '\t' => {
                ind.tab8 = (ind.tab8 / 8 + 1) * 8;
                ind.tab1 += 1;
            }
            // A form feed resets the count, as in CPython.
            '\x0c' => ind = Indent { tab8: 0, tab1: 0 },
            _ => break,
        }
    }
    ind
}

/// How `a` compares with `b`; a `TabError` at `span` when tabs and spaces
/// make the answer depend on the width of a tab.
pub fn compare(a: Indent, b: Indent, span: Span) -> Result<Ordering, Error> {
    let wide = a.tab8.cmp(&b.tab8);
    if wide != a.tab1.cmp(&b.tab1) {
        return Err(Error::new(
            ErrorKind::TabError,
            "inconsistent use of tabs and spaces in indentation",
        )
        .at(span)
        .with_help("indent with spaces only (4 per level, as PEP 8 does), or with tabs only"));
    }
    Ok(wide)
}

/// An `IndentationError` at `span`.
pub fn error(message: impl Into<String>, span: Span) -> Error {
    Error::new(ErrorKind::IndentationError, message).at(span)
}
