//! Import statements, as Python writes them: `import a.b [as c], …` and
//! `from [.]a.b import x [as y], …` (the names may sit in brackets over
//! several lines, or be `*`). `import`, `from` and `as` are Python's
//! keywords; ormsh reads them by their text, so they stay usable nowhere
//! else in a statement's first position either. What a module gives is
//! `eval::import`'s business.

use crate::syntax::ast::{Ident, Import, ImportName, ModulePath, Stmt, StmtKind};
use crate::syntax::error::{PResult, expected_cut, syntax};
use crate::syntax::expr::any_name;
use crate::syntax::span::Span;
use crate::syntax::stmt::span_between;
use crate::syntax::token::{Tok, Toks};

/// Is the next token the keyword `word` (lexed as a name)?
fn word(i: Toks<'_>, word: &str) -> bool {
    matches!(i.kind(), Tok::Name | Tok::Kw(_)) && i.text(i.peek().span) == word
}

/// Does an import statement start here?
pub fn starts(i: Toks<'_>) -> bool {
    word(i, "import") || word(i, "from")
}

/// `import …` or `from … import …`.
pub fn import_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let (i, import) = if word(i, "import") {
        plain(i.advance(1))?
    } else {
        from(i.advance(1))?
    };
    let span = span_between(start, i);
    Ok((
        i,
        Stmt {
            kind: StmtKind::Import(import),
            span,
        },
    ))
}

/// A name that may be bound: not a keyword of ormsh's nor `import`/`as`.
fn plain_name<'a>(i: Toks<'a>, what: &'static str) -> PResult<'a, Ident> {
    if i.kind() == Tok::Name && !word(i, "import") && !word(i, "as") && !word(i, "from") {
        return any_name(i);
    }
    if let Tok::Kw(_) = i.kind() {
        return Err(syntax(
            format!(
                "'{}' is a keyword and cannot be a module or a name here",
                i.text(i.peek().span)
            ),
            i.peek().span,
        ));
    }
    Err(expected_cut(i, what))
}

/// `a.b.c`
fn dotted(i: Toks<'_>) -> PResult<'_, Vec<Ident>> {
    let (mut i, first) = plain_name(i, "a module name")?;
    let mut parts = vec![first];
    while i.is(".") {
        let (rest, n) = plain_name(i.advance(1), "a name after '.'")?;
        parts.push(n);
        i = rest;
    }
    Ok((i, parts))
}

/// `as NAME`, if written.
fn alias(i: Toks<'_>) -> PResult<'_, Option<Ident>> {
    if !word(i, "as") {
        return Ok((i, None));
    }
    let (i, n) = plain_name(i.advance(1), "a name after 'as'")?;
    Ok((i, Some(n)))
}

/// The span from `from` up to the token before `to`.
fn spans(from: Toks<'_>, to: Toks<'_>) -> Span {
    span_between(from, to)
}

/// After `import`: dotted names with aliases, separated by commas.
fn plain(mut i: Toks<'_>) -> PResult<'_, Import> {
    let mut names = Vec::new();
    loop {
        let start = i;
        let (rest, path) = dotted(i)?;
        let (rest, alias) = alias(rest)?;
        names.push(ImportName {
            path,
            alias,
            span: spans(start, rest),
        });
        i = rest;
        if !i.is(",") {
            return Ok((i, Import { from: None, names }));
        }
        i = i.advance(1);
        if matches!(i.kind(), Tok::Newline | Tok::Eof | Tok::P(";")) {
            return Err(syntax(
                "trailing comma not allowed without surrounding parentheses",
                i.peek().span,
            ));
        }
    }
}

/// After `from`: the module (leading dots for a relative import), then
/// `import` and the names.
fn from(i: Toks<'_>) -> PResult<'_, Import> {
    let start = i;
    let mut level = 0;
    let mut i = i;
    while i.is(".") || i.is("...") {
        level += if i.is("...") { 3 } else { 1 };
        i = i.advance(1);
    }
    let (i, parts) = if level > 0 && word(i, "import") {
        (i, Vec::new())
    } else {
        dotted(i)?
    };
    let module = ModulePath {
        level,
        parts,
        span: spans(start, i),
    };
    if !word(i, "import") {
        return Err(expected_cut(i, "'import' after the module name"));
    }
    let i = i.advance(1);
    if i.is("*") {
        return Ok((
            i.advance(1),
            Import {
                from: Some(module),
                names: Vec::new(),
            },
        ));
    }
    let bracketed = i.is("(");
    let (i, names) = from_names(if bracketed { i.advance(1) } else { i }, bracketed)?;
    let i = if bracketed {
        if !i.is(")") {
            return Err(expected_cut(i, "')' or ',' after the imported names"));
        }
        i.advance(1)
    } else {
        i
    };
    Ok((
        i,
        Import {
            from: Some(module),
            names,
        },
    ))
}

/// `a [as b], c …` after `from M import` (a trailing comma only in brackets).
fn from_names(mut i: Toks<'_>, bracketed: bool) -> PResult<'_, Vec<ImportName>> {
    let mut names = Vec::new();
    loop {
        let start = i;
        let (rest, n) = plain_name(i, "a name to import")?;
        let (rest, alias) = alias(rest)?;
        names.push(ImportName {
            path: vec![n],
            alias,
            span: spans(start, rest),
        });
        i = rest;
        if !i.is(",") {
            return Ok((i, names));
        }
        i = i.advance(1);
        if bracketed && i.is(")") {
            return Ok((i, names));
        }
        if !bracketed && matches!(i.kind(), Tok::Newline | Tok::Eof | Tok::P(";")) {
            return Err(syntax(
                "trailing comma not allowed without surrounding parentheses",
                i.peek().span,
            ));
        }
    }
}
