//! SQLAlchemy 2.0's typed declarative forms in a `class` statement:
//! `class Base(DeclarativeBase): pass` (a declarative base for
//! `SQLAlchemy(model_class=Base)`), a model member written
//! `name: Mapped[int] = mapped_column(...)` or `name: Mapped[str]` alone
//! (read as `mapped_column()`, as SQLAlchemy reads it), and the bases
//! ormsh refuses: `MappedAsDataclass`, and a model's subclass (mapped
//! inheritance).

use std::rc::Rc;

use crate::error::{Error, ErrorKind};
use crate::syntax::ast::*;
use crate::syntax::error::{PError, fatal, syntax};
use crate::syntax::span::Span;

type Failed = nom::Err<PError>;

/// The last name of a base (`DeclarativeBase` for `orm.DeclarativeBase`).
fn base_name(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n),
        ExprKind::Attr { attr, .. } => Some(&attr.name),
        _ => None,
    }
}

fn refused(message: String, span: Span, help: &str) -> Failed {
    fatal(
        Error::new(ErrorKind::NotImplementedError, message)
            .at(span)
            .with_help(help.to_string()),
    )
}

/// `class NAME(DeclarativeBase): pass`, if `bases` make the class a
/// declarative base; `None` for any other class.
pub fn declarative_base(
    cname: &Ident,
    bases: &[Expr],
    body: &[Stmt],
) -> Option<Result<StmtKind, Failed>> {
    let decl = bases.iter().find(|b| {
        matches!(
            base_name(b),
            Some("DeclarativeBase" | "DeclarativeBaseNoMeta")
        )
    })?;
    if let Some(dc) = bases
        .iter()
        .find(|b| base_name(b) == Some("MappedAsDataclass"))
    {
        return Some(Err(refused(
            "MappedAsDataclass (SQLAlchemy's dataclass mapping) is not supported by ormsh".into(),
            dc.span,
            "write class Base(DeclarativeBase): pass",
        )));
    }
    if bases.len() > 1 {
        let other = bases
            .iter()
            .find(|b| !std::ptr::eq(*b, decl))
            .map_or(cname.span, |b| b.span);
        return Some(Err(refused(
            format!(
                "ormsh cannot mix another base into the declarative base {}",
                cname.name
            ),
            other,
            "write class Base(DeclarativeBase): pass",
        )));
    }
    for s in body {
        match &s.kind {
            StmtKind::Pass
            | StmtKind::Expr(Expr {
                kind: ExprKind::Str(_),
                ..
            }) => {}
            _ => {
                return Some(Err(refused(
                    format!(
                        "ormsh's declarative base {} takes no members (type_annotation_map, metadata, methods): SQLAlchemy's defaults are what ormsh has",
                        cname.name
                    ),
                    s.span,
                    "write class Base(DeclarativeBase): pass",
                )));
            }
        }
    }
    Some(Ok(StmtKind::DeclarativeBase(cname.clone())))
}

/// Why a class with these bases (none of them `db.Model`) is refused.
pub fn refuse_bases(cname: &Ident, bases: Option<(&[Expr], Span)>) -> Failed {
    let (list, span) = bases.unwrap_or((&[], cname.span));
    let (what, help) = match list {
        [] => (
            "a class that is not a model".to_string(),
            format!("write class {}(db.Model):", cname.name),
        ),
        [b] if base_name(b) == Some("MappedAsDataclass") => (
            "a MappedAsDataclass class (SQLAlchemy's dataclass mapping)".to_string(),
            format!("write class {}(db.Model):", cname.name),
        ),
        [
            Expr {
                kind: ExprKind::Name(n),
                ..
            },
        ] => (
            format!(
                "a subclass of {n}: a model that inherits from another model (single or joined table inheritance), a mixin or a declarative base used directly"
            ),
            format!(
                "define {} with its own table: class {}(db.Model): with all its columns",
                cname.name, cname.name
            ),
        ),
        _ => (
            "a class with this base".to_string(),
            format!("write class {}(db.Model):", cname.name),
        ),
    };
    fatal(
        Error::new(
            ErrorKind::NotImplementedError,
            format!(
                "ormsh cannot define {what}: its classes are models, written class {}(db.Model):",
                cname.name
            ),
        )
        .at(span)
        .with_help(help),
    )
}

/// `name: annotation [= value]` in a model's class body: the member, its
/// value `mapped_column()` when there is none.
pub fn annotated_member(
    target: Expr,
    annotation: Expr,
    value: Option<Expr>,
    span: Span,
) -> Result<Member, Failed> {
    let ExprKind::Name(n) = &target.kind else {
        return Err(syntax(
            "annotate a plain name in a class body: name: Mapped[int] = mapped_column(...)",
            target.span,
        ));
    };
    let value = value.unwrap_or_else(|| Expr {
        kind: ExprKind::Call {
            func: Box::new(Expr {
                kind: ExprKind::Name(Rc::from("mapped_column")),
                span: annotation.span,
            }),
            args: Vec::new(),
        },
        span: annotation.span,
    });
    Ok(Member {
        name: Ident {
            name: n.clone(),
            span: target.span,
        },
        value,
        span,
        annotation: Some(annotation),
    })
}
