//! `import a.b [as c]` and `from a.b import x [as y], …` (also in
//! parentheses). `import` and `from` are read as words at the start of a
//! statement, so no other use of those names changes.

use crate::syntax::ast::{Ident, ImportStmt, Stmt, StmtKind};
use crate::syntax::error::{PResult, expected_cut, syntax};
use crate::syntax::expr::name;
use crate::syntax::stmt::{hard, span_between};
use crate::syntax::token::{Kw, Tok, Toks};

/// Does an import statement start here (`import x`, `from x`)?
pub fn starts_import(i: Toks<'_>) -> bool {
    let word = i.kind() == Tok::Name && matches!(i.text(i.peek().span), "import" | "from");
    word && i.peek_at(1).kind == Tok::Name
}

/// A dotted module name: `sqlalchemy.orm`.
fn dotted(i: Toks<'_>) -> PResult<'_, Ident> {
    let (mut i, first) = name(i).map_err(hard)?;
    let mut id = first;
    while i.is(".") {
        let (rest, part) = name(i.advance(1)).map_err(hard)?;
        id = Ident {
            name: format!("{}.{}", id.name, part.name).into(),
            span: id.span.to(part.span),
        };
        i = rest;
    }
    Ok((i, id))
}

/// `as NAME` when it follows.
fn alias(i: Toks<'_>) -> PResult<'_, Option<Ident>> {
    if i.is_kw(Kw::As) {
        let (i, n) = name(i.advance(1)).map_err(hard)?;
        return Ok((i, Some(n)));
    }
    Ok((i, None))
}

/// The import statement (`starts_import` holds).
pub fn import_stmt(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let from = i.text(i.peek().span) == "from";
    let (mut i, module) = dotted(i.advance(1))?;
    let mut names = Vec::new();
    let mut whole = None;
    if from {
        if !(i.kind() == Tok::Name && i.text(i.peek().span) == "import") {
            return Err(expected_cut(i, "'import'"));
        }
        i = i.advance(1);
        if i.is("*") {
            return Err(syntax(
                "'from … import *' is not supported: name what you import",
                i.peek().span,
            ));
        }
        let paren = i.is("(");
        if paren {
            i = i.advance(1);
        }
        loop {
            let (rest, n) = name(i).map_err(hard)?;
            let (rest, a) = alias(rest)?;
            names.push((n, a));
            i = rest;
            if !i.is(",") {
                break;
            }
            i = i.advance(1);
            if paren && i.is(")") {
                break;
            }
        }
        if paren {
            if !i.is(")") {
                return Err(expected_cut(i, "')'"));
            }
            i = i.advance(1);
        }
    } else {
        let (rest, a) = alias(i)?;
        whole = a;
        i = rest;
    }
    let span = span_between(start, i);
    Ok((
        i,
        Stmt {
            kind: StmtKind::Import(ImportStmt {
                module,
                alias: whole,
                names,
            }),
            span,
        },
    ))
}
