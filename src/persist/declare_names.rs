//! The second half of the declaration check (`persist::declare`): every
//! name, attribute, call and evaluated string of a definition whose shape
//! was accepted. Names: `pure::is_builtin`, models and tables, earlier
//! members, `self` in `__repr__` and `__str__`, lambda and comprehension variables.
//! Attributes: none starting with `__` but `__tablename__`, `__name__`,
//! `__qualname__` and `x.__class__.__name__`, none starting with `_sa_`,
//! none of `EFFECT_ATTRS` or the mutating methods, `db.X` only for the
//! schema builders (the declarable entries of `eval::surface::DB`). Calls: `text()` of one literal SQL expression,
//! `'…'.format` of a literal template without item or private attribute fields;
//! the strings `relationship()`/`backref()` hand to Python's `eval` in
//! SQLAlchemy are held to the same rules.

use std::rc::Rc;

use super::attrs_check::{
    EFFECT_ATTRS, PYTHON_SPECIAL, SPECIAL_MEMBERS, class_name_of, underscore_attr_allowed,
};
use super::{Declaration, PY_KEYWORDS, Refusal, is_identifier};
use crate::eval::pure::{is_builtin, one_sql_expression};
use crate::eval::surface::declarable_db_attr;
use crate::syntax::ast::{Arg, Expr, ExprKind, FPart, Stmt, StmtKind};
use crate::syntax::parse_chunk;

/// Keyword arguments of `relationship()`/`backref()` that SQLAlchemy
/// evaluates as Python when given as strings.
const EVALUATED_KWARGS: &[&str] = &[
    "order_by",
    "primaryjoin",
    "secondaryjoin",
    "secondary",
    "foreign_keys",
    "remote_side",
];

/// The second check: every name, attribute and evaluated string in the
/// declaration. `known` says whether a name is a model or table (defined,
/// or stored in the same file).
pub fn names(d: &Declaration, known: &dyn Fn(&str) -> bool) -> Result<(), Refusal> {
    let mut w = Walk {
        known,
        scope: Vec::new(),
        strings: 0,
        extension: None,
    };
    match &d.stmt.kind {
        StmtKind::Model(def) => {
            w.extension = def.extension.as_ref().map(|e| e.name.clone());
            for m in &def.members {
                let member = &*m.name.name;
                // `_rowid_` is a column like any other; a dunder name is
                // Python's (name-mangled or special), not a member's.
                if member.starts_with("__")
                    && !SPECIAL_MEMBERS.contains(&member)
                    && PYTHON_SPECIAL.contains(&member)
                {
                    return Err(format!(
                        "its member {member} is Python's own (it changes how the class behaves), not a column, relationship or class attribute"
                    ));
                }
                // `MAX: ClassVar[int] = 5`: a class attribute SQLAlchemy's
                // scan skips; its value is checked as any member's.
                if m.annotation.as_ref().is_some_and(is_class_var) {
                    w.expr(&m.value)?;
                    w.scope.push(m.name.name.clone());
                    continue;
                }
                if PY_KEYWORDS.contains(&member) {
                    return Err(format!("its member {member} is a Python keyword"));
                }
                // `password = property(fset=set_password)` and `__str__ =
                // __repr__`: made from the methods, which a stored
                // definition leaves out; never run.
                if crate::eval::property_call::is_property_call(&m.value)
                    || crate::eval::property_call::method_alias(def, m).is_some()
                {
                    w.scope.push(m.name.name.clone());
                    continue;
                }
                let repr = member == "__repr__" || member == "__str__";
                if repr {
                    w.scope.push(Rc::from("self"));
                }
                w.expr(&m.value)?;
                if let Some(a) = &m.annotation {
                    annotation(a, &m.value, &def.name.name, member)?;
                    if let Some(n) = crate::schema::mapped::session_names(a)
                        .into_iter()
                        .find(|n| !(w.known)(n))
                    {
                        return Err(format!(
                            "the annotation of its member {member} names {n}, a name of this session (a type alias such as Annotated[...]) that a stored definition cannot see"
                        ));
                    }
                }
                if repr {
                    w.scope.pop();
                }
                w.scope.push(m.name.name.clone());
            }
            Ok(())
        }
        StmtKind::Assign { value, .. } => w.expr(value),
        _ => Err("it is not a declaration".into()),
    }
}

/// A stored function's returned expression (`persist::deps_function`),
/// held to a declaration's rules with its parameters in scope.
pub fn function_body(
    e: &Expr,
    params: &[Rc<str>],
    known: &dyn Fn(&str) -> bool,
) -> Result<(), Refusal> {
    let mut w = Walk {
        known,
        scope: params.to_vec(),
        strings: 0,
        extension: None,
    };
    w.expr(e)
}

/// A typed member's annotation: one `schema::mapped` reads as a type or
/// a class (it is written back in canonical names, never evaluated).
fn annotation(a: &Expr, value: &Expr, class: &str, member: &str) -> Result<(), Refusal> {
    let typed = typed_column(value);
    let read = if typed {
        crate::schema::mapped::read_typed(a, class, member)
    } else {
        crate::schema::mapped::read(a, class, member)
    };
    match read {
        Ok(crate::schema::mapped::Annotation {
            inner: crate::schema::mapped::Inner::Other(_),
            ..
        }) if typed => Ok(()),
        Ok(crate::schema::mapped::Annotation {
            inner: crate::schema::mapped::Inner::Other(_),
            ..
        })
        | Err(_) => Err(format!(
            "the annotation of its member {member} is not a Mapped[] type or class"
        )),
        Ok(_) => Ok(()),
    }
}

/// `mapped_column(TYPE, …)` (any prefix): a column whose type is given,
/// so its annotation is only the Python type (`Mapped[dict]`).
fn typed_column(value: &Expr) -> bool {
    let ExprKind::Call { func, args } = &value.kind else {
        return false;
    };
    let callee = match &func.kind {
        ExprKind::Name(n) => &**n,
        ExprKind::Attr { attr, .. } => &*attr.name,
        _ => return false,
    };
    callee == "mapped_column"
        && args.iter().any(|a| match a {
            Arg::Pos(x) => !matches!(x.kind, ExprKind::Str(_)),
            Arg::Kw(k, _) => &*k.name == "type_",
            _ => false,
        })
}

/// `ClassVar[...]` / `typing.ClassVar[...]`: not mapped (SQLAlchemy's
/// declarative scan leaves a class variable alone).
fn is_class_var(a: &Expr) -> bool {
    let ExprKind::Index { value, .. } = &a.kind else {
        return false;
    };
    match &value.kind {
        ExprKind::Name(n) => &**n == "ClassVar",
        ExprKind::Attr { attr, .. } => &*attr.name == "ClassVar",
        _ => false,
    }
}

struct Walk<'a> {
    known: &'a dyn Fn(&str) -> bool,
    scope: Vec<Rc<str>>,
    /// How deeply evaluated strings nest.
    strings: usize,
    /// The extension's name in `class X(database.Model):`, read as `db`.
    extension: Option<Rc<str>>,
}

type Checked = Result<(), Refusal>;

impl Walk<'_> {
    fn in_scope(&self, n: &str) -> bool {
        self.scope.iter().any(|s| &**s == n)
    }

    /// Is `n` the Flask-SQLAlchemy extension (`db`, or the name the
    /// model's class statement gave it)?
    fn is_extension(&self, n: &str) -> bool {
        (n == "db" && !self.in_scope("db")) || self.extension.as_deref() == Some(n)
    }

    fn name(&self, n: &str) -> Checked {
        if self.in_scope(n) || self.is_extension(n) || is_builtin(n) || (self.known)(n) {
            return Ok(());
        }
        Err(format!(
            "it uses the name {n}, which is not a model, a table or a built-in a declaration may use"
        ))
    }

    fn attr(&self, value: &Expr, attr: &str) -> Checked {
        if matches!(&value.kind, ExprKind::Name(d) if self.is_extension(d)) {
            // `sa.Table('t', db.metadata, …)` names the metadata.
            if declarable_db_attr(attr) || attr == "metadata" {
                return Ok(());
            }
            return Err(format!("it uses db.{attr}"));
        }
        if let ExprKind::Attr { value: db, attr: m } = &value.kind
            && matches!(&db.kind, ExprKind::Name(d) if self.is_extension(d))
            && &*m.name == "metadata"
        {
            return Err(format!("it uses db.metadata.{attr}"));
        }
        if attr.starts_with('_') && !underscore_attr_allowed(attr) {
            return Err(format!("it uses the attribute {attr}"));
        }
        if EFFECT_ATTRS.contains(&attr) || crate::value::methods::mutates_on_some_type(attr) {
            return Err(format!("it uses .{attr}"));
        }
        Ok(())
    }

    /// Check one expression; its depth is the parser's (bounded), each
    /// level on a stack that grows.
    fn expr(&mut self, e: &Expr) -> Checked {
        crate::stack::grow(|| self.expr_here(e))
    }

    fn expr_here(&mut self, e: &Expr) -> Checked {
        match &e.kind {
            ExprKind::Name(n) => self.name(n),
            ExprKind::None
            | ExprKind::Bool(_)
            | ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Str(_)
            | ExprKind::Bytes(_) => Ok(()),
            ExprKind::FString(parts) => {
                for p in parts {
                    if let FPart::Expr { expr, spec, .. } = p {
                        if spec.as_deref().is_some_and(|s| s.contains(['{', '}'])) {
                            return Err("an f-string's format spec has a nested field".into());
                        }
                        self.expr(expr)?;
                    }
                }
                Ok(())
            }
            ExprKind::Starred(x) | ExprKind::NamedExpr { value: x, .. } => self.expr(x),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                items.iter().try_for_each(|x| self.expr(x))
            }
            ExprKind::Dict(pairs) => pairs.iter().try_for_each(|(k, v)| {
                self.expr(k)?;
                self.expr(v)
            }),
            ExprKind::ListComp { elt, clauses }
            | ExprKind::DictComp { pair: elt, clauses }
            | ExprKind::SetComp { elt, clauses }
            | ExprKind::GenExp { elt, clauses } => {
                let mark = self.scope.len();
                let r = (|| {
                    for c in clauses {
                        self.expr(&c.iter)?;
                        self.scope.extend(c.target.target_names());
                        c.conds.iter().try_for_each(|x| self.expr(x))?;
                    }
                    self.expr(elt)
                })();
                self.scope.truncate(mark);
                r
            }
            ExprKind::Attr { value, attr } => {
                if let Some(x) = class_name_of(value, &attr.name) {
                    return self.expr(x);
                }
                self.expr(value)?;
                self.attr(value, &attr.name)
            }
            ExprKind::Call { func, args } => self.call(func, args),
            ExprKind::Index { value, index } => {
                self.expr(value)?;
                self.expr(index)
            }
            ExprKind::Slice { lo, hi, step } => [lo, hi, step]
                .into_iter()
                .flatten()
                .try_for_each(|x| self.expr(x)),
            ExprKind::Unary { operand, .. } => self.expr(operand),
            ExprKind::Binary { left, right, .. } | ExprKind::BoolOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::Compare { left, rest } => {
                self.expr(left)?;
                rest.iter().try_for_each(|(_, x)| self.expr(x))
            }
            ExprKind::IfElse { body, cond, orelse } => {
                self.expr(cond)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Lambda { params, body } => {
                for d in params.iter().filter_map(|p| p.default.as_ref()) {
                    self.expr(d)?;
                }
                let mark = self.scope.len();
                self.scope
                    .extend(params.iter().map(|p| p.name.name.clone()));
                let r = self.expr(body);
                self.scope.truncate(mark);
                r
            }
        }
    }

    fn call(&mut self, func: &Expr, args: &[Arg]) -> Checked {
        self.expr(func)?;
        let callee: &str = match &func.kind {
            ExprKind::Name(n) if !self.in_scope(n) => n,
            ExprKind::Attr { attr, .. } => &attr.name,
            _ => "",
        };
        let literal = |a: &Arg| match a {
            Arg::Pos(Expr {
                kind: ExprKind::Str(s),
                ..
            })
            | Arg::Kw(
                _,
                Expr {
                    kind: ExprKind::Str(s),
                    ..
                },
            ) => Some(s.clone()),
            _ => None,
        };
        match callee {
            "text" => {
                let sql = match args {
                    [a @ Arg::Pos(_)] => literal(a),
                    _ => None,
                };
                let Some(sql) = sql else {
                    return Err("text() takes one literal string here".into());
                };
                one_sql_expression(&sql).map_err(|why| format!("its text() SQL has {why}"))?;
            }
            "format" if matches!(&func.kind, ExprKind::Attr { value, .. } if !matches!(value.kind, ExprKind::Str(_))) =>
            {
                return Err("it calls .format on something other than a literal template".into());
            }
            "format" => {
                if let ExprKind::Attr { value, .. } = &func.kind
                    && let ExprKind::Str(t) = &value.kind
                    && !plain_template(t)
                {
                    return Err("its format template reads items or private attributes".into());
                }
            }
            "relationship" | "backref" => {
                for (i, a) in args.iter().enumerate() {
                    let Some(s) = literal(a) else { continue };
                    match a {
                        Arg::Pos(_) if i == 0 && !is_identifier(&s) => {
                            return Err(format!(
                                "its {callee}() names something that is not an identifier"
                            ));
                        }
                        // `secondary='tags'` names a table; other strings
                        // are Python to SQLAlchemy.
                        Arg::Kw(k, _)
                            if EVALUATED_KWARGS.contains(&&*k.name)
                                && !(&*k.name == "secondary"
                                    && is_identifier(&s)
                                    && (self.known)(&s)) =>
                        {
                            self.string(&s, &k.name)?;
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
        for a in args {
            match a {
                Arg::Pos(x) | Arg::Kw(_, x) | Arg::Star(x) | Arg::StarStar(x) => self.expr(x)?,
            }
        }
        Ok(())
    }

    /// A string SQLAlchemy evaluates: one expression, held to the same
    /// rules (with no variables of the block in scope).
    fn string(&mut self, s: &str, what: &str) -> Checked {
        if self.strings > 4 {
            return Err(format!("its {what}= string nests too deeply"));
        }
        let stmts =
            parse_chunk(s).map_err(|_| format!("its {what}= string is not an expression"))?;
        let [
            Stmt {
                kind: StmtKind::Expr(e),
                ..
            },
        ] = stmts.as_slice()
        else {
            return Err(format!("its {what}= string is not one expression"));
        };
        let saved = std::mem::take(&mut self.scope);
        self.strings += 1;
        let r = self.expr(e);
        self.strings -= 1;
        self.scope = saved;
        r
    }
}

/// A `str.format` template whose fields are empty, numbers or names —
/// no `.attr`, `[item]` or nested field.
fn plain_template(t: &str) -> bool {
    let mut rest = t;
    while let Some(i) = rest.find(['{', '}']) {
        let after = &rest[i + 1..];
        if rest[i..].starts_with("{{") || rest[i..].starts_with("}}") {
            rest = &after[1..];
            continue;
        }
        if rest.as_bytes()[i] == b'}' {
            return false;
        }
        let Some(end) = after.find('}') else {
            return false;
        };
        let field = &after[..end];
        let name_end = field.find(['!', ':']).unwrap_or(field.len());
        // `{0.name}`: attributes read as a declaration may read them.
        let mut parts = field[..name_end].split('.');
        let name = parts.next().unwrap_or("");
        let attrs_ok = parts.all(|a| {
            is_identifier(a)
                && (!a.starts_with('_') || underscore_attr_allowed(a))
                && !EFFECT_ATTRS.contains(&a)
        });
        if field.contains('{')
            || field[..name_end].contains('[')
            || !attrs_ok
            || !(name.is_empty() || name.bytes().all(|b| b.is_ascii_digit()) || is_identifier(name))
        {
            return false;
        }
        rest = &after[end + 1..];
    }
    true
}
