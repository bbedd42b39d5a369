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
    let (mut list, bases_span) = bases.unwrap_or((Vec::new(), cname.span));
    // `class Post(TimestampMixin, db.Model):` — mixins by plain name, then
    // db.Model last, as SQLAlchemy's declarative reads them.
    let mixins = mixin_bases(&list);
    if !mixins.is_empty() {
        list.drain(..mixins.len());
    }
    let one_model = list.len() == 1 && is_model_base(&list[0]);
    let bare_model = match list.as_slice() {
        [
            Expr {
                kind: ExprKind::Name(n),
                span,
            },
        ] if one_model => Some(Ident {
            name: n.clone(),
            span: *span,
        }),
        _ => None,
    };
    if !one_model && typed_class::refused_when_read(&list, is_model_base) {
        return Err(typed_class::refuse_bases(&cname, &list, bases_span));
    }
    let base = match list.as_slice() {
        _ if one_model => None,
        // One base by a plain name: a declarative base (a model), a model
        // (refused) or a plain class, told when the class is defined.
        [
            Expr {
                kind: ExprKind::Name(n),
                span: at,
            },
        ] if !typed_class::never_a_model(n) && &**n != "object" => Some(Ident {
            name: n.clone(),
            span: *at,
        }),
        _ => return Ok((i, plain_class(start, i, cname, list, body))),
    };
    let extension = extension_name(&list);
    // `class X(database.Model):` is a plain class when `database` turns
    // out not to be the extension (`models.Model`).
    let plain = (base.is_some() || extension.is_some()).then(|| {
        let mut all = mixins_as_bases(&mixins);
        all.extend(list.iter().cloned());
        std::rc::Rc::new(class_of(cname.clone(), all, body.clone()))
    });
    let (members, skipped, methods) = match members(&cname, body) {
        Ok(m) => m,
        // Not a model's body: a plain class (`eval::pyclass` words this
        // error if its base turns out to be a declarative base).
        Err(_) if plain.is_some() => {
            let def = plain.expect("checked");
            let span = span_between(start, i);
            return Ok((
                i,
                Stmt {
                    kind: StmtKind::Class(def),
                    span,
                },
            ));
        }
        Err(e) => return Err(e),
    };
    let span = span_between(start, i);
    let def = ModelDef {
        name: cname,
        members,
        skipped,
        methods,
        base: base.map(|b| (b, bases_span)),
        plain,
        mixins,
        bare_model,
        extension,
    };
    Ok((
        i,
        Stmt {
            kind: StmtKind::Model(def),
            span,
        },
    ))
}

/// The mixins of `class Name(A, B, db.Model)`: the plain names before a
/// last `db.Model` (none unless every other base is one).
fn mixin_bases(list: &[Expr]) -> Vec<Ident> {
    let Some((last, rest)) = list.split_last() else {
        return Vec::new();
    };
    if !is_model_base(last) {
        return Vec::new();
    }
    rest.iter()
        .map(|b| match &b.kind {
            ExprKind::Name(n) if !typed_class::never_a_model(n) && &**n != "object" => {
                Some(Ident {
                    name: n.clone(),
                    span: b.span,
                })
            }
            _ => None,
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// A mixin class's body as model members (its columns, relationships and
/// `__tablename__`-like assignments; its methods apart): None when the
/// body is not one a model could have.
/// A `@declared_attr def name(cls): ...` is the member `name` (its value
/// the function's one returned expression, else its name; the model
/// calls the function, listed in the third part, with its class).
#[allow(clippy::type_complexity)]
pub fn mixin_members(
    def: &ClassDef,
) -> Option<(
    Vec<Member>,
    Vec<std::rc::Rc<FuncDef>>,
    Vec<std::rc::Rc<FuncDef>>,
)> {
    let (mut members, _, methods) = members(&def.name, def.body.clone()).ok()?;
    let mut declared = Vec::new();
    let mut rest = Vec::new();
    for f in methods {
        if is_declared_attr(&f) {
            let value = repr_body(&f).unwrap_or_else(|| Expr {
                kind: ExprKind::Name(f.name.name.clone()),
                span: f.name.span,
            });
            members.push(Member {
                name: f.name.clone(),
                span: value.span,
                value,
                annotation: None,
            });
            declared.push(f);
        } else {
            rest.push(f);
        }
    }
    Some((members, rest, declared))
}

/// Is `f` decorated `@declared_attr` (or `@orm.declared_attr`),
/// alone?
pub fn is_declared_attr(f: &FuncDef) -> bool {
    fn names_it(e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Name(n) => &**n == "declared_attr",
            ExprKind::Attr { attr, .. } => &*attr.name == "declared_attr",
            _ => false,
        }
    }
    f.decorators.len() == 1 && names_it(&f.decorators[0])
}

/// Is `e` `db.Model` or `Model`? (Or `NAME.Model`: the extension bound
/// to another name, `database = SQLAlchemy(app)`, told when the class is
/// defined: `eval::model_def`.)
fn is_model_base(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Name(n) => &**n == "Model",
        ExprKind::Attr { value, attr } => {
            &*attr.name == "Model" && matches!(&value.kind, ExprKind::Name(_))
        }
        _ => false,
    }
}

/// The `NAME` of a last base `NAME.Model` when it is not `db`.
fn extension_name(list: &[Expr]) -> Option<Ident> {
    match &list.last()?.kind {
        ExprKind::Attr { value, attr } if &*attr.name == "Model" => match &value.kind {
            ExprKind::Name(n) if &**n != "db" => Some(Ident {
                name: n.clone(),
                span: value.span,
            }),
            _ => None,
        },
        _ => None,
    }
}

/// The mixins' names as the base expressions they were.
fn mixins_as_bases(mixins: &[Ident]) -> Vec<Expr> {
    mixins
        .iter()
        .map(|m| Expr {
            kind: ExprKind::Name(m.name.clone()),
            span: m.span,
        })
        .collect()
}

fn class_of(name: Ident, bases: Vec<Expr>, body: Vec<Stmt>) -> ClassDef {
    ClassDef {
        name,
        bases,
        body,
        decorators: Vec::new(),
    }
}

/// `class NAME[(bases)]: body` that is not a model (`eval::pyclass`).
fn plain_class<'a>(
    start: Toks<'a>,
    i: Toks<'a>,
    cname: Ident,
    bases: Vec<Expr>,
    body: Vec<Stmt>,
) -> Stmt {
    let span = span_between(start, i);
    Stmt {
        kind: StmtKind::Class(std::rc::Rc::new(class_of(cname, bases, body))),
        span,
    }
}

/// A plain class's statement whose one base turned out to be a
/// declarative base when it ran: the error its body gives read as a
/// model's (a body that is a model's was read as one when parsed).
pub fn model_body_error(def: &ClassDef) -> Option<crate::error::Error> {
    match members(&def.name, def.body.clone()) {
        Ok(_) => None,
        Err(nom::Err::Error(e) | nom::Err::Failure(e)) => e.custom.map(|e| *e),
        Err(nom::Err::Incomplete(_)) => None,
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
    for (at, s) in body.into_iter().enumerate() {
        match s.kind {
            // The body's first statement, a string: the class's docstring,
            // `Model.__doc__` (a class attribute, as Python makes it).
            StmtKind::Expr(
                value @ Expr {
                    kind: ExprKind::Str(_),
                    ..
                },
            ) if at == 0 => members.push(Member {
                name: Ident {
                    name: std::rc::Rc::from("__doc__"),
                    span: value.span,
                },
                value,
                span: s.span,
                annotation: None,
            }),
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
