//! Text to AST: tokens, nom parsers, spans, and "is this input complete?".
//! Never sees the model registry or SQL.
//!
//! TEMPORARY: the nom parser is being written on the `parser` branch; until
//! it is merged, `parse_chunk` refuses every statement with a clear error
//! and `completeness` only balances brackets.

pub mod ast;
pub mod span;

use crate::error::Error;
use crate::syntax::ast::Stmt;
use crate::syntax::span::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completeness {
    Complete,
    Incomplete,
}

pub fn parse_chunk(src: &str) -> Result<Vec<Stmt>, Error> {
    Err(Error::syntax(
        "this build of ormsh has no statement parser yet (only dot commands work)",
        Span::new(0, src.trim_end().len().min(1)),
    ))
}

pub fn completeness(src: &str) -> Completeness {
    let depth: i64 = src
        .chars()
        .map(|c| match c {
            '(' | '[' | '{' => 1,
            ')' | ']' | '}' => -1,
            _ => 0,
        })
        .sum();
    if depth > 0 {
        Completeness::Incomplete
    } else {
        Completeness::Complete
    }
}
