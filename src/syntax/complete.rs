//! "Does the reader need another line?" for the shell and script readers.
//! Incomplete while a bracket, a model block or a triple-quoted string is
//! open, after a trailing backslash, and after a `def …:` or `for …:` line
//! that still waits for its body. Everything else is Complete (a complete
//! chunk may still be a syntax error: the parse reports it).

use crate::syntax::Completeness;
use crate::syntax::lexer::{LexErrKind, Lexed, lex};
use crate::syntax::token::{Kw, Tok};

pub fn completeness(src: &str) -> Completeness {
    completeness_of(&lex(src, 0))
}

/// The same question, on text already lexed from offset 0.
pub fn completeness_of(lexed: &Lexed) -> Completeness {
    match lexed.error.as_ref().map(|e| &e.kind) {
        Some(
            LexErrKind::OpenBracket | LexErrKind::OpenTripleQuote | LexErrKind::TrailingBackslash,
        ) => {
            return Completeness::Incomplete;
        }
        Some(LexErrKind::Invalid) => return Completeness::Complete,
        None => {}
    }
    let toks = &lexed.toks;
    // Model blocks: `model NAME <` at the start of a statement, closed by `>`
    // outside brackets.
    let mut k = 0;
    let mut stmt_start = true;
    while k < toks.len() {
        let kind = toks[k].kind;
        if stmt_start
            && kind == Tok::Kw(Kw::Model)
            && toks.get(k + 1).map(|t| t.kind) == Some(Tok::Name)
            && toks.get(k + 2).map(|t| t.kind) == Some(Tok::P("<"))
        {
            let mut depth = 0usize;
            let mut j = k + 3;
            loop {
                match toks.get(j).map(|t| t.kind) {
                    None | Some(Tok::Eof) => return Completeness::Incomplete,
                    Some(Tok::P("(" | "[" | "{")) => depth += 1,
                    Some(Tok::P(")" | "]" | "}")) => depth = depth.saturating_sub(1),
                    Some(Tok::P(">")) if depth == 0 => break,
                    _ => {}
                }
                j += 1;
            }
            k = j + 1;
            stmt_start = false;
            continue;
        }
        stmt_start = matches!(kind, Tok::Newline | Tok::P(";"));
        k += 1;
    }
    // A `def …:` or `for …:` line waiting for its body.
    let last_nonempty_line_ends_with_colon = {
        // The last line may be blank: look at the last line with tokens.
        let mut end = toks.len();
        while end > 0 && matches!(toks[end - 1].kind, Tok::Newline | Tok::Eof) {
            end -= 1;
        }
        let mut begin = end;
        while begin > 0 && toks[begin - 1].kind != Tok::Newline {
            begin -= 1;
        }
        let line = &toks[begin..end];
        let trailing_blank = end < toks.len() && toks[end..].iter().any(|t| t.kind == Tok::Newline);
        !trailing_blank
            && line.last().map(|t| t.kind) == Some(Tok::P(":"))
            && line
                .iter()
                .any(|t| matches!(t.kind, Tok::Kw(Kw::Def | Kw::For)))
    };
    if last_nonempty_line_ends_with_colon {
        Completeness::Incomplete
    } else {
        Completeness::Complete
    }
}
