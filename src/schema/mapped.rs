//! SQLAlchemy 2.0's typed declarative annotations read as SQLAlchemy's
//! declarative scan reads them (`orm/properties.py`
//! `MappedColumn._init_column_for_annotation`, `orm/relationships.py`
//! `RelationshipProperty.declarative_scan`): `Mapped[int]`,
//! `Mapped[Optional[str]]`, `Mapped[datetime | None]`,
//! `Mapped[List["Post"]]`, `Mapped["User"]`, a whole annotation in quotes.
//! Pure: the annotation's text alone decides, as SQLAlchemy resolves the
//! names of its default type map (`sqltypes._type_map`) — `int`, `str`,
//! `float`, `bool`, `bytes`, `Decimal`, `datetime`, `date`, `time`,
//! `timedelta`, `uuid.UUID` — and takes any other name as a class (a
//! relationship's target). What the annotation does to a column or a
//! relationship is decided with its right-hand side (`eval::mapped`).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::schema::types::{ColumnType, NumericType};
use crate::syntax::ast::{BinOp, Expr, ExprKind, StmtKind};
use crate::syntax::span::Span;

/// The generic that holds the mapped type (`Mapped[...]`,
/// `WriteOnlyMapped[...]`, `DynamicMapped[...]`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Container {
    Mapped,
    WriteOnly,
    Dynamic,
}

/// What the annotation names inside its container, `None` taken out.
#[derive(Clone, Debug, PartialEq)]
pub enum Inner {
    /// A Python type SQLAlchemy's default type map resolves.
    Type(ColumnType),
    /// Any other plain name, or a name in quotes: a class (`"User"`).
    Class(Rc<str>),
    /// `List[X]` / `list[X]`: a collection of the class X.
    List(Rc<str>),
    /// Something else, as written (for the message that refuses it).
    Other(String),
}

/// A member's annotation as SQLAlchemy reads it.
#[derive(Clone, Debug, PartialEq)]
pub struct Annotation {
    pub container: Container,
    /// `Optional[...]`, `X | None`, `Union[X, None]`: the column is
    /// nullable (SQLAlchemy's `includes_none`).
    pub optional: bool,
    pub inner: Inner,
}

/// Read `e`, the annotation of `Class.key`.
pub fn read(e: &Expr, class: &str, key: &str) -> Result<Annotation> {
    read_with(e, class, key, false)
}

/// Read `e`, the annotation of a `mapped_column(TYPE)` that gives its
/// type: then `Mapped[dict[str, Any]]` is the Python type of a column
/// (SQLAlchemy reads a collection only for a relationship), not a
/// collection ormsh refuses.
pub fn read_typed(e: &Expr, class: &str, key: &str) -> Result<Annotation> {
    read_with(e, class, key, true)
}

fn read_with(e: &Expr, class: &str, key: &str, typed: bool) -> Result<Annotation> {
    let e = unquote(e)?;
    let (container, arg) = match container(&e) {
        Some(c) => c,
        None => {
            return Err(Error::new(
                ErrorKind::MappedAnnotationError,
                format!(
                    "Type annotation for \"{class}.{key}\" can't be correctly interpreted for Annotated Declarative Table form.  ORM annotations should normally make use of the ``Mapped[]`` generic type, or other ORM-compatible generic type, as a container for the actual type, which indicates the intent that the attribute is mapped."
                ),
            )
            .at(e.span)
            .with_help(format!("write {key}: Mapped[int] = mapped_column(...)")));
        }
    };
    let mut optional = false;
    let inner = inner(&arg, &mut optional, typed)?;
    Ok(Annotation {
        container,
        optional,
        inner,
    })
}

/// A string annotation read as the expression it holds (SQLAlchemy
/// de-stringifies it); other expressions as they are.
fn unquote(e: &Expr) -> Result<Expr> {
    let ExprKind::Str(s) = &e.kind else {
        return Ok(e.clone());
    };
    let bad = || {
        Error::new(
            ErrorKind::MappedAnnotationError,
            format!("Could not interpret the annotation {s:?}"),
        )
        .at(e.span)
    };
    let stmts = crate::syntax::parse_chunk(s).map_err(|_| bad())?;
    match <[_; 1]>::try_from(stmts) {
        Ok([stmt]) => match stmt.kind {
            StmtKind::Expr(mut inner) => {
                respan(&mut inner, e.span);
                Ok(inner)
            }
            _ => Err(bad()),
        },
        Err(_) => Err(bad()),
    }
}

/// Point a parsed string's expression at the string in the source.
pub fn respan(e: &mut Expr, span: Span) {
    e.span = span;
    match &mut e.kind {
        ExprKind::Index { value, index } => {
            respan(value, span);
            respan(index, span);
        }
        ExprKind::Attr { value, attr } => {
            respan(value, span);
            attr.span = span;
        }
        ExprKind::Binary { left, right, .. } => {
            respan(left, span);
            respan(right, span);
        }
        ExprKind::Tuple(items) => items.iter_mut().for_each(|i| respan(i, span)),
        _ => {}
    }
}

/// The modules a dotted name in an annotation may come from
/// (`typing.Optional`, `orm.Mapped`, `datetime.date`, `uuid.UUID`).
const MODULES: &[&str] = &[
    "typing",
    "t",
    "sqlalchemy",
    "sa",
    "orm",
    "so",
    "db",
    "datetime",
    "dt",
    "decimal",
    "uuid",
];

/// `module.name` → `name` (and `sa.orm.name`), for the modules of
/// `MODULES` only; aliases of the session (`import sqlalchemy.orm as x`)
/// are resolved before (`Interp::resolve_annotation`).
fn dotted(e: &Expr) -> Option<&str> {
    let ExprKind::Attr { value, attr } = &e.kind else {
        return None;
    };
    let module = match &value.kind {
        ExprKind::Name(m) => MODULES.contains(&&**m),
        ExprKind::Attr { attr: sub, .. } => sub.name.as_ref() == "orm" && dotted(value).is_some(),
        _ => false,
    };
    module.then_some(&*attr.name)
}

/// The last name of `e`: `Mapped` for `Mapped` and `orm.Mapped`.
fn last_name(e: &Expr) -> Option<&str> {
    match &e.kind {
        ExprKind::Name(n) => Some(n),
        _ => dotted(e),
    }
}

/// `Mapped[X]` → (Mapped, X).
fn container(e: &Expr) -> Option<(Container, Expr)> {
    let ExprKind::Index { value, index } = &e.kind else {
        return None;
    };
    let c = match last_name(value)? {
        "Mapped" => Container::Mapped,
        "WriteOnlyMapped" => Container::WriteOnly,
        "DynamicMapped" => Container::Dynamic,
        _ => return None,
    };
    Some((c, (**index).clone()))
}

/// The type inside the container, `None` taken out into `optional`.
fn inner(e: &Expr, optional: &mut bool, typed: bool) -> Result<Inner> {
    let e = unquote(e)?;
    match &e.kind {
        ExprKind::None => Ok(Inner::Other("None".into())),
        ExprKind::Binary {
            op: BinOp::BitOr,
            left,
            right,
        } => union(&[(**left).clone(), (**right).clone()], optional, typed),
        ExprKind::Index { value, index } => {
            let args: Vec<Expr> = match &index.kind {
                ExprKind::Tuple(items) => items.clone(),
                _ => vec![(**index).clone()],
            };
            match last_name(value) {
                Some("Optional") if args.len() == 1 => {
                    *optional = true;
                    inner(&args[0], optional, typed)
                }
                Some("Union") => union(&args, optional, typed),
                Some("List" | "list") if args.len() == 1 => match inner(&args[0], optional, typed)? {
                    Inner::Class(c) => Ok(Inner::List(c)),
                    _ => Ok(Inner::Other(text(&e))),
                },
                Some("Literal") => literal(&args, e.span),
                Some("Annotated") => Err(Error::new(
                    ErrorKind::NotImplementedError,
                    "Annotated[...] in a Mapped[] annotation is not supported by ormsh",
                )
                .at(e.span)
                .with_help("put the column's options in mapped_column(...) on the right")),
                Some(name @ ("Set" | "set" | "Dict" | "dict" | "FrozenSet" | "frozenset"))
                    if !typed =>
                {
                    Err(Error::new(
                        ErrorKind::NotImplementedError,
                        format!(
                            "a {name}[...] collection is not supported by ormsh: its collections are lists"
                        ),
                    )
                    .at(e.span)
                    .with_help("write Mapped[List[\"Child\"]]"))
                }
                _ => Ok(Inner::Other(text(&e))),
            }
        }
        _ => Ok(python_type(&e)),
    }
}

/// `Literal["a", "b"]`: SQLAlchemy's string `Enum` of those values
/// (`Enum._resolve_for_python_type`, `native_enum=False`); a value that is
/// not a string is its `ArgumentError`.
fn literal(args: &[Expr], span: Span) -> Result<Inner> {
    let mut values = Vec::with_capacity(args.len());
    let mut bad = Vec::new();
    for a in args {
        match &a.kind {
            ExprKind::Str(s) => values.push(Rc::clone(s)),
            ExprKind::Int(i) => bad.push(i.to_string()),
            ExprKind::Bool(b) => bad.push(if *b { "True" } else { "False" }.to_string()),
            _ => bad.push(text(a)),
        }
    }
    if !bad.is_empty() {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            format!(
                "Can't create string-based Enum datatype from non-string values: {}.  Please provide an explicit Enum datatype for this Python type",
                bad.join(", ")
            ),
        )
        .at(span)
        .with_help("write Literal[\"a\", \"b\"], or give the type: mapped_column(Integer)"));
    }
    Ok(Inner::Type(ColumnType::Enum(values.into())))
}

/// `Union[a, b, …]` / `a | b`: `None` among them makes the column
/// nullable; one other type is the type.
fn union(args: &[Expr], optional: &mut bool, typed: bool) -> Result<Inner> {
    let mut rest = Vec::new();
    for a in args {
        let a = unquote(a)?;
        if matches!(a.kind, ExprKind::None) {
            *optional = true;
        } else {
            rest.push(a);
        }
    }
    match rest.as_slice() {
        [one] => inner(one, optional, typed),
        _ => Ok(Inner::Other(
            rest.iter().map(text).collect::<Vec<_>>().join(" | "),
        )),
    }
}

/// A name or `module.name`: a type of SQLAlchemy's default type map, else
/// a class name (plain names only).
fn python_type(e: &Expr) -> Inner {
    let (name, dotted) = match (&e.kind, dotted(e)) {
        (ExprKind::Name(n), _) => (&**n, false),
        (_, Some(n)) => (n, true),
        _ => return Inner::Other(text(e)),
    };
    let ty = match name {
        "int" if !dotted => ColumnType::Integer,
        "str" if !dotted => ColumnType::String(None),
        "float" if !dotted => ColumnType::Numeric(DOUBLE),
        "bool" if !dotted => ColumnType::Boolean,
        "bytes" if !dotted => ColumnType::LargeBinary,
        "Decimal" => ColumnType::Numeric(NumericType::PLAIN),
        "datetime" => ColumnType::DateTime,
        "date" => ColumnType::Date,
        "time" => ColumnType::Time,
        "timedelta" => ColumnType::Interval,
        "UUID" => ColumnType::Uuid,
        _ if dotted => return Inner::Other(text(e)),
        // Python's own types and `typing.Any`: no class, and none of
        // SQLAlchemy's default type map (a column needs its type given).
        "dict" | "list" | "set" | "frozenset" | "tuple" | "object" | "Any" | "Dict" | "List"
        | "Set" | "Tuple" => return Inner::Other(name.to_string()),
        _ => return Inner::Class(Rc::from(name)),
    };
    Inner::Type(ty)
}

/// SQLAlchemy's `Double()`, what `float` maps to: `DOUBLE`, read as float.
pub const DOUBLE: NumericType = NumericType {
    sql_name: "DOUBLE",
    precision: None,
    scale: None,
    asdecimal: false,
    return_scale: None,
};

/// The annotation as `.export python` writes it: Python's names for the
/// type (`Optional[datetime]`, `uuid.UUID`, `List["Post"]`), whatever
/// spelling it was read from.
pub fn python_text(a: &Annotation) -> String {
    let inner = match &a.inner {
        Inner::Type(t) => match t {
            ColumnType::Integer => "int",
            ColumnType::String(_) => "str",
            ColumnType::Boolean => "bool",
            ColumnType::LargeBinary => "bytes",
            ColumnType::Numeric(n) if n.sql_name == "DOUBLE" => "float",
            ColumnType::Numeric(_) => "Decimal",
            ColumnType::DateTime => "datetime",
            ColumnType::Date => "date",
            ColumnType::Time => "time",
            ColumnType::Interval => "timedelta",
            ColumnType::Uuid => "uuid.UUID",
            ColumnType::Enum(values) => {
                let values: Vec<String> = values.iter().map(|v| format!("{:?}", &**v)).collect();
                return wrap(a, format!("Literal[{}]", values.join(", ")));
            }
            other => other.name(),
        }
        .to_string(),
        Inner::Class(c) => format!("{:?}", &**c),
        Inner::List(c) => format!("List[{:?}]", &**c),
        Inner::Other(t) => t.clone(),
    };
    wrap(a, inner)
}

/// The type's text in `Optional[...]` and its container.
fn wrap(a: &Annotation, inner: String) -> String {
    let inner = if a.optional {
        format!("Optional[{inner}]")
    } else {
        inner
    };
    let container = match a.container {
        Container::Mapped => "Mapped",
        Container::WriteOnly => "WriteOnlyMapped",
        Container::Dynamic => "DynamicMapped",
    };
    format!("{container}[{inner}]")
}

/// The names an annotation uses, unquoted, beyond the typing forms,
/// the containers and SQLAlchemy's type map: type aliases of the
/// session (`intpk`) or classes (`User`). A stored definition sees none
/// of the session's variables, so it can hold an annotation only when
/// each of these is a model.
pub fn session_names(e: &Expr) -> Vec<Rc<str>> {
    const FORMS: &[&str] = &[
        "Mapped",
        "WriteOnlyMapped",
        "DynamicMapped",
        "Optional",
        "Union",
        "List",
        "list",
        "Literal",
        "Annotated",
        "int",
        "str",
        "float",
        "bool",
        "bytes",
        "Decimal",
        "datetime",
        "date",
        "time",
        "timedelta",
        "UUID",
        // Python's containers and `typing.Any`, a column's Python type
        // when `mapped_column(TYPE)` gives the type (`read_typed`).
        "dict",
        "Dict",
        "tuple",
        "Tuple",
        "set",
        "Set",
        "frozenset",
        "FrozenSet",
        "object",
        "Any",
    ];
    let mut out = Vec::new();
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Name(n) if !FORMS.contains(&&**n) => out.push(n.clone()),
            ExprKind::Index { value, index } => {
                stack.push(value);
                stack.push(index);
            }
            ExprKind::Tuple(items) => stack.extend(items.iter()),
            ExprKind::Binary { left, right, .. } => {
                stack.push(left);
                stack.push(right);
            }
            _ => {}
        }
    }
    out
}

/// An annotation written back as Python text, for messages.
pub fn text(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Name(n) => n.to_string(),
        ExprKind::None => "None".into(),
        ExprKind::Str(s) => format!("{s:?}"),
        ExprKind::Attr { value, attr } => format!("{}.{}", text(value), attr.name),
        ExprKind::Index { value, index } => format!("{}[{}]", text(value), text(index)),
        ExprKind::Tuple(items) => items.iter().map(text).collect::<Vec<_>>().join(", "),
        ExprKind::Binary {
            op: BinOp::BitOr,
            left,
            right,
        } => format!("{} | {}", text(left), text(right)),
        _ => "...".into(),
    }
}

#[cfg(test)]
#[path = "mapped_tests.rs"]
mod tests;
