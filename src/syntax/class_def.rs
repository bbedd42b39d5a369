//! `class Name(db.Model):` with an indented body: Python's way of writing
//! a model, read into the same `ModelDef` as ormsh's `model Name < … >`.
//! The body's statements become members: assignments (columns,
//! relationships, `__tablename__`, `__table_args__`, `__bind_key__`),
//! `def __repr__(self): return EXPR` (and `__str__`) as `__repr__ = EXPR`;
//! docstrings and `pass` are dropped; other `def`s (with their decorators)
//! are the class's methods, which `eval::methods` defines or leaves out.

use crate::syntax::ast::*;
use crate::syntax::block::{Header, suite};
use crate::syntax::error::{PResult, expected_cut, syntax};
use crate::syntax::expr::{cut, expr_list, name};
use crate::syntax::stmt::span_between;
use crate::syntax::token::{Tok, Toks};
use crate::syntax::typed_class;

const BODY_HELP: &str = "a model's class body holds columns and relationships (name = db.Column(...)), __tablename__, __table_args__, docstrings and methods";

/// `class NAME(db.Model): body`
pub fn class_def(i: Toks<'_>) -> PResult<'_, Stmt> {
    let start = i;
    let header = Header::at(i, "class definition");
    let j = i.advance(1);
    if j.kind() != Tok::Name {
        return Err(expected_cut(j, "a class name after 'class'"));
    }
    let (mut j, cname) = name(j)?;
    let mut bases = None;
    if j.is("(") {
        if j.peek_at(1).kind == Tok::P(")") {
            bases = Some((Vec::new(), j.peek().span));
            j = j.advance(2);
        } else {
            let open = j.peek().span;
            let (rest, e) = expr_list(j.advance(1)).map_err(cut)?;
            if !rest.is(")") {
                return Err(expected_cut(rest, "')'"));
            }
            let list = match e.kind {
                ExprKind::Tuple(items) => items,
                _ => vec![e],
            };
            bases = Some((list, open.to(rest.peek().span)));
            j = rest.advance(1);
        }
    }
    let (i, body) = suite(j, header)?;
    if let Some((list, _)) = &bases
        && let Some(kind) = typed_class::declarative_base(&cname, list, &body)
    {
        let span = span_between(start, i);
        return Ok((i, Stmt { kind: kind?, span }));
    }
    let base = check_bases(&cname, bases.as_ref().map(|(b, s)| (b.as_slice(), *s)))?;
    let (members, skipped, methods) = members(&cname, body)?;
    let span = span_between(start, i);
    let def = ModelDef {
        name: cname,
        members,
        skipped,
        methods,
        base,
    };
    Ok((
        i,
        Stmt {
            kind: StmtKind::Model(def),
            span,
        },
    ))
}

/// Is `e` `db.Model` or `Model`?
fn is_model_base(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(n) => &**n == "Model",
        ExprKind::Attr { value, attr } => {
            &*attr.name == "Model" && matches!(&value.kind, ExprKind::Name(n) if &**n == "db")
        }
        _ => false,
    }
}

/// `db.Model`, or one base by a plain name that may be a declarative base
/// (told when the class is defined: `Some`); anything else is refused.
fn check_bases(
    cname: &Ident,
    bases: Option<(&[Expr], crate::syntax::span::Span)>,
) -> Result<Option<(Ident, crate::syntax::span::Span)>, nom::Err<crate::syntax::error::PError>> {
    match bases {
        Some((list, _)) if list.len() == 1 && is_model_base(&list[0]) => Ok(None),
        Some((
            [
                Expr {
                    kind: ExprKind::Name(n),
                    span,
                },
            ],
            all,
        )) if !typed_class::never_a_model(n) => Ok(Some((
            Ident {
                name: n.clone(),
                span: *span,
            },
            all,
        ))),
        _ => Err(typed_class::refuse_bases(cname, bases)),
    }
}

/// The body's statements as model members, and the methods skipped.
#[allow(clippy::type_complexity)]
fn members(
    cname: &Ident,
    body: Vec<Stmt>,
) -> Result<
    (Vec<Member>, Vec<(Ident, String)>, Vec<std::rc::Rc<FuncDef>>),
    nom::Err<crate::syntax::error::PError>,
> {
    let mut members = Vec::new();
    let skipped = Vec::new();
    let mut methods = Vec::new();
    for s in body {
        match s.kind {
            StmtKind::Assign { target, value } => {
                let ExprKind::Name(n) = &target.kind else {
                    return Err(syntax(
                        format!("{BODY_HELP}; assign to a plain name here"),
                        target.span,
                    ));
                };
                members.push(Member {
                    name: Ident {
                        name: n.clone(),
                        span: target.span,
                    },
                    value,
                    span: s.span,
                    annotation: None,
                });
            }
            StmtKind::Pass => {}
            StmtKind::Expr(Expr {
                kind: ExprKind::Str(_),
                ..
            }) => {}
            StmtKind::Def(f) => match repr_body(&f) {
                Some(value)
                    if f.decorators.is_empty()
                        && matches!(&*f.name.name, "__repr__" | "__str__") =>
                {
                    members.push(Member {
                        name: f.name.clone(),
                        value,
                        span: s.span,
                        annotation: None,
                    })
                }
                _ => methods.push(f),
            },
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
            } => members.push(typed_class::annotated_member(
                target, annotation, value, s.span,
            )?),
            _ => {
                return Err(syntax(
                    format!("{BODY_HELP}; not this statement (in class {})", cname.name),
                    s.span,
                ));
            }
        }
    }
    // A body with no columns is SQLAlchemy's ArgumentError (no primary
    // key), which defining the model says.
    Ok((typed_class::declared_order(members), skipped, methods))
}

/// `def m(self): [docstring] return EXPR` → EXPR.
fn repr_body(f: &FuncDef) -> Option<Expr> {
    if f.params.len() != 1 || f.params[0].kind != ParamKind::PositionalOrKeyword {
        return None;
    }
    let mut body = f.body.iter().filter(|s| {
        !matches!(
            &s.kind,
            StmtKind::Expr(Expr {
                kind: ExprKind::Str(_),
                ..
            })
        )
    });
    match (body.next(), body.next()) {
        (
            Some(Stmt {
                kind: StmtKind::Return(Some(e)),
                ..
            }),
            None,
        ) => Some(e.clone()),
        _ => None,
    }
}
