//! "Does the reader need another line?" for the shell (scripts cut their
//! blocks by indentation, in `chunks`). Incomplete while a bracket, a
//! model block or a triple-quoted string is open, after a trailing
//! backslash, and while a compound statement's block is open: a line
//! ending in `:` after `for`, `if`, `def`, `class`, … (or any `try`) opens
//! one, and, as at Python's prompt, only an empty line closes it (a line
//! of spaces does not). A one-line `for x in xs: print(x)` is complete at
//! once. Everything else is Complete (a complete chunk may still be a
//! syntax error: the parse reports it).

use crate::syntax::Completeness;
use crate::syntax::lexer::{LexErrKind, Lexed, lex};
use crate::syntax::token::{Kw, Tok};
use crate::syntax::work;

pub fn completeness(src: &str) -> Completeness {
    let lexed = lex(src, 0);
    let c = completeness_of(&lexed);
    // `match` is a soft keyword: its header is told by the line's text.
    if c == Completeness::Complete
        && lexed.error.is_none()
        && src
            .lines()
            .any(|l| crate::syntax::pattern::is_match_header(l.trim()))
        && !lexed_ends_with_empty_line(&lexed.toks)
    {
        return Completeness::Incomplete;
    }
    c
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
    // Tokens inside model blocks (a `def __repr__(self):` there opens no block).
    let mut in_models = vec![false; toks.len()];
    while k < toks.len() {
        work::tick(1);
        let kind = toks[k].kind;
        if stmt_start
            && kind == Tok::Kw(Kw::Model)
            && toks.get(k + 1).map(|t| t.kind) == Some(Tok::Name)
            && toks.get(k + 2).map(|t| t.kind) == Some(Tok::P("<"))
        {
            let mut depth = 0usize;
            let mut j = k + 3;
            loop {
                work::tick(1);
                match toks.get(j).map(|t| t.kind) {
                    None | Some(Tok::Eof) => return Completeness::Incomplete,
                    Some(Tok::P("(" | "[" | "{")) => depth += 1,
                    Some(Tok::P(")" | "]" | "}")) => depth = depth.saturating_sub(1),
                    Some(Tok::P(">")) if depth == 0 => break,
                    _ => {}
                }
                j += 1;
            }
            in_models[k..=j.min(toks.len() - 1)].fill(true);
            k = j + 1;
            stmt_start = false;
            continue;
        }
        stmt_start = matches!(kind, Tok::Newline | Tok::P(";"));
        k += 1;
    }
    if block_open(toks, &in_models) && !lexed_ends_with_empty_line(toks) {
        Completeness::Incomplete
    } else {
        Completeness::Complete
    }
}

/// Is `kw` the first word of a compound statement or of one of its clauses?
pub fn is_compound(kw: Kw) -> bool {
    matches!(
        kw,
        Kw::For
            | Kw::If
            | Kw::Elif
            | Kw::Else
            | Kw::While
            | Kw::Try
            | Kw::Except
            | Kw::Finally
            | Kw::With
            | Kw::Def
            | Kw::Class
    )
}

/// Does a logical line open an indented block (a compound header ending
/// in `:`), or is there a `try`, which always needs more lines?
fn block_open(toks: &[crate::syntax::token::Token], in_models: &[bool]) -> bool {
    let mut at = 0;
    toks.split(|t| t.kind == Tok::Newline).any(|line| {
        work::tick(line.len() + 1);
        let first = at;
        at += line.len() + 1;
        if in_models.get(first).copied().unwrap_or(false) {
            return false;
        }
        let line: Vec<Tok> = line
            .iter()
            .map(|t| t.kind)
            .filter(|k| *k != Tok::Eof)
            .collect();
        match line.first() {
            // A decorator line waits for its `def`.
            Some(Tok::Kw(Kw::Try)) | Some(Tok::P("@")) => true,
            Some(Tok::Kw(k)) if is_compound(*k) => line.last() == Some(&Tok::P(":")),
            _ => false,
        }
    })
}

/// Was the last line typed empty (the text ends with two line ends and no
/// blank in between)? The lexer makes one `Newline` per line end, so an
/// empty last line is two `Newline`s with nothing between their spans.
fn lexed_ends_with_empty_line(toks: &[crate::syntax::token::Token]) -> bool {
    let mut it = toks.iter().rev().filter(|t| t.kind != Tok::Eof);
    match (it.next(), it.next()) {
        (Some(a), Some(b)) => {
            a.kind == Tok::Newline && b.kind == Tok::Newline && a.span.start == b.span.end
        }
        _ => false,
    }
}
