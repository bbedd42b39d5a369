//! Parse failures and how they become user-facing errors. Every parser
//! records what it expected at the token where it failed in the shared
//! context (`Cx::expect`); the farthest failure wins and the expectations of
//! all alternatives that failed there are merged (databend's approach). Hard
//! errors with their own message (too deep, assignment to a literal…) travel
//! as `nom::Err::Failure` with a ready `Error`. nom's own `ErrorKind` never
//! reaches a user.

use nom::error::{ErrorKind as NomKind, ParseError};

use crate::error::{Error, ErrorKind};
use crate::syntax::span::Span;
use crate::syntax::token::Toks;

/// The error type of all token parsers.
#[derive(Debug, Default)]
pub struct PError {
    /// A complete error with its own message; when None, the message is
    /// built from the farthest expectations in the context.
    pub custom: Option<Box<Error>>,
}

pub type PResult<'a, O> = nom::IResult<Toks<'a>, O, PError>;

impl<'a> ParseError<Toks<'a>> for PError {
    fn from_error_kind(_input: Toks<'a>, _kind: NomKind) -> Self {
        PError::default()
    }
    fn append(_input: Toks<'a>, _kind: NomKind, other: Self) -> Self {
        other
    }
    fn or(self, other: Self) -> Self {
        if self.custom.is_some() { self } else { other }
    }
}

/// A recoverable failure: `what` was expected at the next token of `i`.
pub fn expected(i: Toks<'_>, what: &'static str) -> nom::Err<PError> {
    i.cx.expect(i.idx(), what);
    nom::Err::Error(PError::default())
}

/// An unrecoverable failure: `what` was expected here and nothing else can
/// make sense of the input (used after a committing token like `(`).
pub fn expected_cut(i: Toks<'_>, what: &'static str) -> nom::Err<PError> {
    i.cx.expect(i.idx(), what);
    nom::Err::Failure(PError::default())
}

/// An unrecoverable failure with its own message.
pub fn fatal(err: Error) -> nom::Err<PError> {
    nom::Err::Failure(PError {
        custom: Some(Box::new(err)),
    })
}

pub fn syntax(message: impl Into<String>, span: Span) -> nom::Err<PError> {
    fatal(Error::syntax(message, span))
}

/// Turn expectations like `["')'", "','"]` into `')' or ','`.
pub fn join_expected(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} or {}", init.join(", "), last),
    }
}

/// The user-facing error for a failed parse.
pub fn to_error(err: nom::Err<PError>, i: Toks<'_>) -> Error {
    let custom = match err {
        nom::Err::Error(e) | nom::Err::Failure(e) => e.custom,
        nom::Err::Incomplete(_) => None,
    };
    if let Some(e) = custom {
        return *e;
    }
    let far = i.cx.far.borrow();
    let idx = far
        .idx
        .unwrap_or(i.idx())
        .min(i.cx.toks.len().saturating_sub(1));
    let tok = i.cx.toks.get(idx).copied();
    let span = tok.map_or(Span::new(i.cx.src.len(), i.cx.src.len()), |t| t.span);
    let message = match far.expected.as_slice() {
        [] => "invalid syntax".to_string(),
        [one] => format!("expected {one}"),
        many => format!("invalid syntax: expected {}", join_expected(many)),
    };
    Error::new(ErrorKind::SyntaxError, message).at(span)
}
