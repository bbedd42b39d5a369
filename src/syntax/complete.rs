//! "Does the reader need another line?" for the shell (scripts cut their
//! blocks by indentation, in `chunks`). Incomplete while a bracket, a
//! model block or a triple-quoted string is open, after a trailing
//! backslash, and while a compound statement's block is open: a line
//! ending in `:` after `for`, `if`, `def`, `class`, … (or any `try`) opens
//! one, and, as at Python's prompt, an empty line closes it (a line of
//! spaces does not), or a line at column 0 that cannot be inside it —
//! not a clause (`else:` …), not what a decorator waits for — makes the
//! entry complete (and, typed, invalid, as CPython's console says; a
//! paste runs the block and starts the next entry there). A one-line `for x in xs: print(x)` is complete at
//! once. Everything else is Complete (a complete chunk may still be a
//! syntax error: the parse reports it).

use crate::syntax::Completeness;
use crate::syntax::lexer::{LexErrKind, Lexed, lex};
use crate::syntax::token::{Kw, Tok};
use crate::syntax::work;

pub fn completeness(src: &str) -> Completeness {
    let lexed = lex(src, 0);
    if block_waits(src, &lexed) && closed_by_dedent(src, &lexed.toks) {
        return Completeness::Complete;
    }
    let c = completeness_of(&lexed);
    // `match` is a soft keyword: its header is told by the line's text.
    if c == Completeness::Complete && lexed.error.is_none() && match_waits(src, &lexed.toks) {
        return Completeness::Incomplete;
    }
    c
}

/// Does a `match` header in `src` wait for its empty line?
fn match_waits(src: &str, toks: &[crate::syntax::token::Token]) -> bool {
    src.lines()
        .any(|l| crate::syntax::pattern::is_match_header(l.trim()))
        && !lexed_ends_with_empty_line(toks)
}

/// [`closed_by_dedent`] on `src` whose block waits for more lines.
pub fn dedent_closes(src: &str) -> bool {
    let lexed = lex(src, 0);
    block_waits(src, &lexed) && closed_by_dedent(src, &lexed.toks)
}

/// Does `src` need more lines only because a compound statement's block
/// is open (not a bracket, string, backslash or model block)?
fn block_waits(src: &str, lexed: &Lexed) -> bool {
    if lexed.error.is_some() {
        return false;
    }
    let Some(in_models) = model_blocks(&lexed.toks) else {
        return false;
    };
    (block_open(&lexed.toks, &in_models) && !lexed_ends_with_empty_line(&lexed.toks))
        || match_waits(src, &lexed.toks)
}

/// Does the last line, at column 0, end the block open before it? As at
/// Python's prompt (and in a file), a line not indented that is not a
/// clause of the statement (`else`, `elif`, `except`, `finally`) nor the
/// statement a decorator line waits for cannot be inside the block: the
/// entry is complete (the parse reports `invalid syntax` on that line, as
/// CPython's console does, and a paste runs the block, then that line).
/// A line inside brackets, a string or after a backslash belongs to the
/// logical line it continues.
fn closed_by_dedent(src: &str, toks: &[crate::syntax::token::Token]) -> bool {
    // The first token of each logical line.
    let mut starts: Vec<usize> = Vec::new();
    let mut line_start = true;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            Tok::Newline => line_start = true,
            Tok::Eof => {}
            _ if line_start => {
                starts.push(i);
                line_start = false;
            }
            _ => {}
        }
    }
    let [.., prev, last] = starts[..] else {
        return false;
    };
    let at = toks[last].span.start as usize;
    let column_0 = at == 0 || src.as_bytes().get(at - 1) == Some(&b'\n');
    if !column_0
        || matches!(
            toks[last].kind,
            Tok::Kw(Kw::Else | Kw::Elif | Kw::Except | Kw::Finally)
        )
        || toks[prev].kind == Tok::P("@")
    {
        return false;
    }
    let before = &src[..at];
    block_waits(before, &lex(before, 0))
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
    let Some(in_models) = model_blocks(toks) else {
        return Completeness::Incomplete;
    };
    if block_open(toks, &in_models) && !lexed_ends_with_empty_line(toks) {
        Completeness::Incomplete
    } else {
        Completeness::Complete
    }
}

/// Which tokens are inside model blocks (`model NAME <` at the start of a
/// statement, closed by `>` outside brackets: a `def __repr__(self):`
/// there opens no block); None while one is open.
fn model_blocks(toks: &[crate::syntax::token::Token]) -> Option<Vec<bool>> {
    let mut k = 0;
    let mut stmt_start = true;
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
                    None | Some(Tok::Eof) => return None,
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
    Some(in_models)
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
