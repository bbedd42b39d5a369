//! Python's typing forms subscripted as values: `Annotated[int,
//! mapped_column(primary_key=True)]`, `Literal["a", "b"]`,
//! `Optional[str50]` — the type aliases SQLAlchemy 2.0's documentation
//! names in `Mapped[...]` annotations (`intpk = Annotated[int, …]`, then
//! `id: Mapped[intpk]`). A [`TypeAlias`] keeps the type as an annotation
//! expression (what `schema::mapped` reads) and the `Annotated` metadata
//! (the `mapped_column()` SQLAlchemy's `_init_column_for_annotation`
//! merges, `eval::mapped_merge`). [`Interp::resolve_annotation`] puts the
//! aliases a member's annotation names into it, and checks its names as
//! Python does when it evaluates a class body's annotations (`NameError`).

use crate::error::{Error, Result};
use crate::eval::Interp;
use crate::eval::pymod::{Module, TypingForm};
use crate::syntax::ast::{Expr, ExprKind};
use crate::value::{Object, Value};

/// `typing.Annotated[T, meta…]`, `typing.Literal[...]`,
/// `typing.Optional[T]`, …: the type as an annotation expression, aliases
/// already put in, and the `Annotated` metadata met on the way.
pub struct TypeAlias {
    /// The typing form subscripted (`Annotated`, `Literal`, `Optional`).
    pub form: std::rc::Rc<str>,
    pub expr: Expr,
    pub metadata: Vec<Value>,
}

impl Object for TypeAlias {
    fn type_name(&self) -> &str {
        match &*self.form {
            "Annotated" => "_AnnotatedAlias",
            "Literal" => "_LiteralGenericAlias",
            "Optional" | "Union" => "_UnionGenericAlias",
            _ => "_GenericAlias",
        }
    }
}

/// The items of a subscript: `X[a, b]` → `[a, b]`, `X[a]` → `[a]`.
fn items(index: &Expr) -> Vec<&Expr> {
    match &index.kind {
        ExprKind::Tuple(items) => items.iter().collect(),
        _ => vec![index],
    }
}

impl Interp {
    /// `FORM[...]` for a typing form (`typing.Annotated[int, …]`): a
    /// [`TypeAlias`].
    pub(crate) fn typing_subscript(&mut self, form: &TypingForm, whole: &Expr) -> Result<Value> {
        let (expr, metadata) = self.resolve_annotation(whole)?;
        Ok(Value::obj(TypeAlias {
            form: form.0.clone(),
            expr,
            metadata,
        }))
    }

    /// An annotation with the type aliases it names put in, and their
    /// `Annotated` metadata (outermost first, as SQLAlchemy finds the
    /// first `mapped_column()` among them). Its names are checked as
    /// Python evaluates them (a name never bound is a `NameError`), except
    /// while declaring a stored model (its source names nothing of the
    /// session's) or after `from __future__ import annotations`; names in
    /// quotes are SQLAlchemy's to resolve.
    pub(crate) fn resolve_annotation(&mut self, e: &Expr) -> Result<(Expr, Vec<Value>)> {
        let mut meta = Vec::new();
        let out = self.resolve_ann(e, &mut meta)?;
        Ok((out, meta))
    }

    fn resolve_ann(&mut self, e: &Expr, meta: &mut Vec<Value>) -> Result<Expr> {
        crate::stack::grow(|| self.resolve_inner(e, meta))
    }

    fn resolve_inner(&mut self, e: &Expr, meta: &mut Vec<Value>) -> Result<Expr> {
        let mut out = e.clone();
        match &e.kind {
            ExprKind::Name(n) => {
                let v = match self.lookup(n) {
                    Some(v) => v,
                    // Python's built-in types ormsh has no name for (`bytes`).
                    // Under `from __future__ import annotations` Python
                    // leaves the annotation a string: SQLAlchemy resolves
                    // the name later (a model defined further on).
                    None if self.is_declaring()
                        || is_builtin_type(n)
                        || self.future_annotations =>
                    {
                        return Ok(out);
                    }
                    None if crate::eval::pymod::python_has("typing", n) => {
                        return Err(self
                            .name_error(n)
                            .at(e.span)
                            .with_help(format!("import it first: from typing import {n}")));
                    }
                    None => return Err(self.name_error(n).at(e.span)),
                };
                if let Some(a) = v.downcast::<TypeAlias>() {
                    meta.extend(a.metadata.iter().cloned());
                    out = a.expr.clone();
                    crate::schema::mapped::respan(&mut out, e.span);
                }
            }
            ExprKind::Attr { attr, .. } if !self.is_declaring() => {
                if let Some(a) = self.eval(e)?.downcast::<TypeAlias>() {
                    meta.extend(a.metadata.iter().cloned());
                    out = a.expr.clone();
                    crate::schema::mapped::respan(&mut out, e.span);
                } else if self.names_a_module(e) {
                    // `so.Mapped` after `import sqlalchemy.orm as so`: the
                    // name the module lends, as if imported.
                    out.kind = ExprKind::Name(attr.name.clone());
                }
            }
            ExprKind::Index { value, index } => {
                let form = self.form_name(value)?;
                let args = items(index);
                match form.as_deref() {
                    Some("Annotated") => return self.annotated(e, &args, meta),
                    Some("Literal") => {}
                    _ => {
                        let value = self.resolve_ann(value, meta)?;
                        let mut resolved = Vec::with_capacity(args.len());
                        for a in &args {
                            resolved.push(self.resolve_ann(a, meta)?);
                        }
                        let index = match &index.kind {
                            ExprKind::Tuple(_) => Expr {
                                kind: ExprKind::Tuple(resolved),
                                span: index.span,
                            },
                            _ => resolved.pop().unwrap_or_else(|| (**index).clone()),
                        };
                        out.kind = ExprKind::Index {
                            value: Box::new(value),
                            index: Box::new(index),
                        };
                    }
                }
            }
            ExprKind::Binary { op, left, right } => {
                out.kind = ExprKind::Binary {
                    op: *op,
                    left: Box::new(self.resolve_ann(left, meta)?),
                    right: Box::new(self.resolve_ann(right, meta)?),
                };
            }
            _ => {}
        }
        Ok(out)
    }

    /// `Annotated[T, meta…]`: T resolved, the metadata evaluated (after
    /// what T's own aliases hold: SQLAlchemy flattens nested `Annotated`
    /// with the inner metadata first).
    fn annotated(&mut self, e: &Expr, args: &[&Expr], meta: &mut Vec<Value>) -> Result<Expr> {
        let [ty, rest @ ..] = args else {
            return Err(annotated_args(e));
        };
        if rest.is_empty() {
            return Err(annotated_args(e));
        }
        let out = self.resolve_ann(ty, meta)?;
        for m in rest {
            meta.push(self.eval(m)?);
        }
        Ok(out)
    }

    /// Is `e` a dotted name whose root is a module of the session
    /// (`so.Mapped`, `sa.orm.Mapped`, `dt.datetime`)?
    fn names_a_module(&self, e: &Expr) -> bool {
        let mut root = e;
        while let ExprKind::Attr { value, .. } = &root.kind {
            root = value;
        }
        match &root.kind {
            ExprKind::Name(n) => (self.lookup(n)).is_some_and(|v| v.downcast::<Module>().is_some()),
            _ => false,
        }
    }

    /// The typing form a subscript's value names (`Annotated`, `Literal`):
    /// by its value, or by its name while declaring.
    fn form_name(&mut self, value: &Expr) -> Result<Option<std::rc::Rc<str>>> {
        if self.is_declaring() {
            return Ok(match &value.kind {
                ExprKind::Name(n) => Some(n.clone()),
                ExprKind::Attr { attr, .. } => Some(attr.name.clone()),
                _ => None,
            });
        }
        Ok(self
            .eval(value)?
            .downcast::<TypingForm>()
            .map(|f| f.0.clone()))
    }
}

/// A name of Python's built-in types SQLAlchemy's type map resolves.
fn is_builtin_type(name: &str) -> bool {
    matches!(name, "int" | "str" | "float" | "bool" | "bytes")
}

/// Python's `TypeError` for `Annotated[int]`.
fn annotated_args(e: &Expr) -> Error {
    Error::type_(
        "Annotated[...] should be used with at least two arguments (a type and an annotation).",
    )
    .at(e.span)
    .with_help("write Annotated[int, mapped_column(primary_key=True)]")
}

/// The repr of a [`TypeAlias`] (`typing.Annotated[int, …]`, Python's
/// text); `false` for any other value.
pub fn repr(me: &mut Interp, v: &Value, out: &mut String) -> Result<bool> {
    let Some(a) = v.downcast::<TypeAlias>() else {
        return Ok(false);
    };
    let ty = python_text(&a.expr);
    if a.form.as_ref() == "Annotated" {
        let mut parts = vec![ty];
        for m in &a.metadata {
            parts.push(crate::value::repr::repr(m, me)?);
        }
        out.push_str(&format!("typing.Annotated[{}]", parts.join(", ")));
    } else {
        out.push_str(&format!("typing.{ty}"));
    }
    Ok(true)
}

/// An annotation expression as Python's repr of the typing object writes
/// it: strings in single quotes, names as written.
fn python_text(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Str(s) => crate::value::repr::str_repr(s),
        ExprKind::Index { value, index } => {
            let args: Vec<String> = items(index).into_iter().map(python_text).collect();
            let name = python_text(value);
            let name = name.rsplit('.').next().unwrap_or(&name).to_string();
            format!("{name}[{}]", args.join(", "))
        }
        _ => crate::schema::mapped::text(e),
    }
}
