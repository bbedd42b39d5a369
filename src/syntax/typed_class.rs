//! SQLAlchemy 2.0's typed declarative forms in a `class` statement:
//! `class Base(DeclarativeBase): pass` (a declarative base for
//! `SQLAlchemy(model_class=Base)`, with its `metadata = MetaData(...)`), a model member written
//! `name: Mapped[int] = mapped_column(...)` or `name: Mapped[str]` alone
//! (read as `mapped_column()`, as SQLAlchemy reads it), and the bases
//! ormsh refuses: `MappedAsDataclass` alone (beside `DeclarativeBase` it
//! makes a dataclass base, `eval::mapped`), and a model's subclass
//! (mapped inheritance).

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
    let dataclass = bases
        .iter()
        .any(|b| base_name(b) == Some("MappedAsDataclass"));
    let others = bases.len() - 1 - usize::from(dataclass);
    if others > 0 {
        let other = bases
            .iter()
            .find(|b| !std::ptr::eq(*b, decl) && base_name(b) != Some("MappedAsDataclass"))
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
    let mut type_map = None;
    let mut metadata = None;
    for s in body {
        match &s.kind {
            StmtKind::Assign {
                target:
                    Expr {
                        kind: ExprKind::Name(n),
                        ..
                    },
                value,
            } if &**n == "type_annotation_map" && type_map.is_none() => {
                type_map = Some(value.clone());
            }
            StmtKind::Assign {
                target:
                    Expr {
                        kind: ExprKind::Name(n),
                        ..
                    },
                value,
            } if &**n == "metadata" && metadata.is_none() => {
                metadata = Some(value.clone());
            }
            StmtKind::Pass
            | StmtKind::Expr(Expr {
                kind: ExprKind::Str(_),
                ..
            }) => {}
            _ => {
                return Some(Err(refused(
                    format!(
                        "ormsh's declarative base {} takes no members but type_annotation_map and metadata (methods, other attributes): SQLAlchemy's defaults are what ormsh has",
                        cname.name
                    ),
                    s.span,
                    "write class Base(DeclarativeBase): pass",
                )));
            }
        }
    }
    Some(Ok(StmtKind::DeclarativeBase(Box::new(
        DeclarativeBaseDef {
            name: cname.clone(),
            type_map,
            metadata,
            dataclass,
        },
    ))))
}

/// A base by this plain name is never a declarative base: Python's enums
/// and SQLAlchemy's dataclass mixin (refused with their own messages).
pub fn never_a_model(name: &str) -> bool {
    matches!(
        name,
        "Enum" | "IntEnum" | "StrEnum" | "Flag" | "IntFlag" | "MappedAsDataclass"
    )
}

/// A class whose one base `n` is not a declarative base: a model's
/// subclass (table inheritance), a mixin, `DeclarativeBase` itself.
pub fn subclass_refused(cname: &Ident, n: &str, span: Span) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "ormsh cannot define a subclass of {n}: a model that inherits from another model (single or joined table inheritance), a mixin or a declarative base used directly: its classes are models, written class {}(db.Model):",
            cname.name
        ),
    )
    .at(span)
    .with_help(format!(
        "define {} with its own table: class {}(db.Model): with all its columns",
        cname.name, cname.name
    ))
}

/// Why a class with these bases (none of them `db.Model`) is refused:
/// a model's subclass (mapped inheritance), a mixin, a declarative base
/// used directly, `MappedAsDataclass`. Plain classes and enum classes are
/// not refused (`eval::pyclass`); the interpreter asks this when a base
/// turns out to be a model.
pub fn bases_error(cname: &Ident, list: &[Expr], span: Span) -> Error {
    let (what, help) = match list {
        [b] if base_name(b) == Some("MappedAsDataclass") => (
            "a MappedAsDataclass class (SQLAlchemy's dataclass mapping)".to_string(),
            format!("write class {}(db.Model):", cname.name),
        ),
        [
            Expr {
                kind: ExprKind::Name(n),
                ..
            },
        ] => return subclass_refused(cname, n, span),
        _ => (
            "a class with this base".to_string(),
            format!("write class {}(db.Model):", cname.name),
        ),
    };
    Error::new(
        ErrorKind::NotImplementedError,
        format!(
            "ormsh cannot define {what}: its classes are models, written class {}(db.Model):",
            cname.name
        ),
    )
    .at(span)
    .with_help(help)
}

/// Is a class with these bases refused when it is read (before it runs)?
/// A model base beside others (a mixin), `MappedAsDataclass`; any other
/// class is decided when its bases are evaluated.
pub fn refused_when_read(list: &[Expr], is_model_base: fn(&Expr) -> bool) -> bool {
    list.iter()
        .any(|b| base_name(b) == Some("MappedAsDataclass") || is_model_base(b))
}

/// `bases_error` as a parse failure.
pub fn refuse_bases(cname: &Ident, list: &[Expr], span: Span) -> Failed {
    fatal(bases_error(cname, list, span))
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

/// The members in the order SQLAlchemy's declarative scan meets them:
/// the class's attributes (`vars(cls)`) merged with its annotations by
/// `util.merge_lists_w_ordering`, so that a member written
/// `name: Mapped[str]` alone (an annotation only) may come after a plain
/// `Column` written below it. This is the order of the table's columns.
pub fn declared_order(members: Vec<Member>) -> Vec<Member> {
    let bare = |m: &Member| {
        m.annotation
            .as_ref()
            .is_some_and(|a| a.span == m.value.span)
    };
    let mut seen = std::collections::HashSet::new();
    if !members.iter().any(bare) || !members.iter().all(|m| seen.insert(m.name.name.clone())) {
        return members;
    }
    let vars: Vec<Rc<str>> = (members.iter().filter(|m| !bare(m)))
        .map(|m| m.name.name.clone())
        .collect();
    let annotations: Vec<Rc<str>> = (members.iter().filter(|m| m.annotation.is_some()))
        .map(|m| m.name.name.clone())
        .collect();
    let order = merge_lists_w_ordering(&vars, &annotations);
    let mut members: Vec<Option<Member>> = members.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|n| {
            let at = members
                .iter()
                .position(|m| m.as_ref().is_some_and(|m| m.name.name == *n))?;
            members[at].take()
        })
        .collect()
}

/// SQLAlchemy's `util.merge_lists_w_ordering(a, b)`: both lists' orders
/// kept as far as they agree, switching lists at each shared name.
fn merge_lists_w_ordering(a: &[Rc<str>], b: &[Rc<str>]) -> Vec<Rc<str>> {
    let mut overlap: std::collections::HashSet<&Rc<str>> =
        a.iter().filter(|n| b.contains(n)).collect();
    let mut result = Vec::new();
    let (mut current, mut other) = (a.iter(), b.iter());
    loop {
        let mut switched = false;
        for element in current.by_ref() {
            if overlap.remove(element) {
                std::mem::swap(&mut current, &mut other);
                switched = true;
                break;
            }
            result.push(element.clone());
        }
        if !switched {
            result.extend(other.cloned());
            return result;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::merge_lists_w_ordering;
    use std::rc::Rc;

    fn names(s: &str) -> Vec<Rc<str>> {
        s.split_whitespace().map(Rc::from).collect()
    }

    /// SQLAlchemy's own docstring example, and the orders of a mixed class.
    #[test]
    fn merges_as_sqlalchemy() {
        let table = [
            (
                "__tablename__ id x created_at",
                "id name data y created_at",
                "__tablename__ id name data y x created_at",
            ),
            ("id b", "a", "id b a"),
            ("id b c", "id a c", "id a b c"),
            ("b id c", "id c a", "b id c a"),
        ];
        for (a, b, want) in table {
            assert_eq!(merge_lists_w_ordering(&names(a), &names(b)), names(want));
        }
    }
}
