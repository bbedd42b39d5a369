//! `db.Column([name,] TYPE, [ForeignKey], keywords…)`: the column a model
//! attribute or a `db.Table` holds. Each keyword of SQLAlchemy's `Column`
//! is used, or accepted and ignored with the reason SQLAlchemy (for
//! SQLite) ignores it too (`COLUMN_SIG`); any other is a `TypeError`
//! naming the accepted ones.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::objects::{ColumnSpec, FetchedValue, ForeignKeySpec, TextClause, TypeSpec};
use crate::eval::surface::Sig;
use crate::schema::column::Column;
use crate::schema::types::{ColumnType, TypeOptions};
use crate::sql::dialect::Dialect;
use crate::syntax::span::Span;
use crate::value::Value;

/// The keywords of `db.Column`, as SQLAlchemy's `Column.__init__` takes
/// them.
pub(crate) const COLUMN_SIG: Sig = Sig {
    kw: &[
        "primary_key",
        "unique",
        "nullable",
        "index",
        "default",
        "onupdate",
        "server_default",
        "server_onupdate",
        "autoincrement",
        "key",
        "quote",
        "comment",
        "info",
        "system",
        "doc",
    ],
    ignored: &[],
    any_kw: false,
};

/// `db.Column([name,] TYPE, [ForeignKey], options…)`
pub fn column(me: &mut Interp, mut a: Args) -> Result<Value> {
    a.bind("db.Column", &COLUMN_SIG)?;
    let mut name: Option<Rc<str>> = None;
    let mut ty = None;
    let mut type_opts = TypeOptions::default();
    let mut fk = None;
    let mut computed = None;
    let mut identity = None;
    let mut sequence = None;
    let mut checks = Vec::new();
    for (i, v) in a.pos.iter().enumerate() {
        if let Value::Str(s) = v
            && i == 0
        {
            name = Some(s.into());
        } else if let Some(t) = v.downcast::<TypeSpec>() {
            ty = Some(t.ty.clone());
            type_opts = t.opts.clone();
        } else if let Some(f) = v.downcast::<ForeignKeySpec>() {
            fk = Some(f.0.clone());
        } else if let Some(c) = v.downcast::<crate::eval::computed::ComputedSpec>() {
            computed = Some(c.0.clone());
        } else if let Some(i) = v.downcast::<crate::eval::identity::IdentitySpec>() {
            identity = Some(i.0.clone());
        } else if let Some(s) = v.downcast::<crate::eval::sequence::SequenceSpec>() {
            sequence = Some(Rc::new(s.0.clone()));
        } else if let Some(c) = v.downcast::<crate::eval::constraint_def::ConstraintSpec>()
            && let crate::eval::constraint_def::SpecKind::Check(sql) = &c.kind
        {
            checks.push((c.name.clone(), sql.clone()));
        } else if let Some(n) = v.downcast::<crate::eval::objects::Native>() {
            return Err(Error::type_(format!("{}() is not a column type", n.name)).at(a.span_of(i)));
        } else {
            return Err(Error::type_(format!(
                "db.Column() does not take a {} here",
                v.type_name()
            ))
            .with_help("write db.Column(db.Integer, primary_key=True) or db.Column(db.String(80), nullable=False)")
            .at(a.span_of(i)));
        }
    }
    let type_from_fk = ty.is_none() && fk.is_some();
    let mut fk_type_pending = false;
    let ty = match (ty, &fk) {
        (Some(t), _) => t,
        // The referenced column's type (a model's own column is found
        // when the model's body is read: `Interp::member_value`).
        (None, Some(f)) => match me.referenced_type(f) {
            Some((t, opts)) => {
                type_opts = opts;
                t
            }
            // NullType until the referenced table is defined
            // (`Interp::resolve_forward_fk_types`), as SQLAlchemy's.
            None => {
                fk_type_pending = true;
                ColumnType::Null
            }
        },
        // SQLAlchemy's `NullType`: no DDL (`create_all` refuses it),
        // values bound and read as they are.
        (None, None) => ColumnType::Null,
    };
    let mut col = Column::new(name.clone().unwrap_or_else(|| Rc::from("")), ty);
    col.foreign_key = fk;
    col.computed = computed;
    col.sequence = sequence;
    col.checks = checks;
    col.type_opts = type_opts;
    col.fk_type_pending = fk_type_pending;
    let mut nullable = None;
    for (k, v, span) in std::mem::take(&mut a.kw) {
        match &*k {
            "primary_key" => col.primary_key = v.truthy(),
            "unique" => col.unique = v.truthy(),
            "nullable" => nullable = Some(v.truthy()),
            "index" => col.index = v.truthy(),
            "default" => col.default = Some(v),
            "onupdate" => col.onupdate = Some(v),
            "autoincrement" => col.autoincrement = Some(v.truthy()),
            // SQLAlchemy's system column, which the database provides and
            // CREATE TABLE leaves out: SQLite's rowid of a table without
            // a primary key (`Column::sqlite_rowid`).
            "system" => col.sqlite_rowid = v.truthy(),
            "server_default" if v.downcast::<FetchedValue>().is_some() => col.server_fetched = true,
            "server_default" => {
                col.server_default =
                    Some(server_sql(&v, &k, me.session.engine.dialect()).map_err(|e| e.at(span))?);
                col.server_default_expr = v
                    .downcast::<crate::orm::expr::ColumnElement>()
                    .map(|e| Rc::new(e.expr.clone()));
            }
            "server_onupdate" => {
                if v.downcast::<FetchedValue>().is_none() {
                    col.server_onupdate_sql = Some(
                        server_sql(&v, &k, me.session.engine.dialect()).map_err(|e| e.at(span))?,
                    );
                }
                col.server_onupdate = true;
            }
            // Kept for `Model.attr.comment` (SQLite's DDL has no comment)
            // and `Model.attr.doc`.
            "comment" | "doc" => {
                let text = match &v {
                    Value::None => None,
                    Value::Str(s) => Some(Rc::from(s.as_str())),
                    other => {
                        return Err(Error::type_(format!(
                            "{k}= takes a str, not {}",
                            other.type_name()
                        ))
                        .at(span));
                    }
                };
                if &*k == "doc" {
                    col.doc = text;
                } else {
                    col.comment = text;
                }
            }
            "info" => col.info = Some(v),
            "key" => {
                col.attr = key(&v, span)?;
                col.key = Some(col.attr.clone());
            }
            // `COLUMN_SIG` lets through only "quote".
            _ => quote(name.as_deref(), &v, span, me.session.engine.dialect())?,
        }
    }
    col.nullable = nullable.unwrap_or(!col.primary_key && identity.is_none());
    // SQLAlchemy's `Identity._set_parent`: the server fills the column
    // (the key is the table's autoincrement column anyway).
    col.server_fetched |= identity.is_some() && !col.primary_key;
    col.identity = identity;
    Ok(Value::obj(ColumnSpec {
        name,
        column: col,
        type_from_fk,
    }))
}

/// `key=`: the name `table.c` knows the column by in a `db.Table` (a
/// model's attribute is its class attribute's name, as in SQLAlchemy's
/// declarative mapping, which sets the key itself).
fn key(v: &Value, span: Span) -> Result<Rc<str>> {
    match v {
        Value::Str(s) => Ok(Rc::from(&**s)),
        other => {
            Err(Error::type_(format!("key= takes a name, not {}", other.type_name())).at(span))
        }
    }
}

/// `quote=`: SQLAlchemy's forced quoting of the column's name. ormsh
/// quotes a name exactly where SQLAlchemy does by default, so `quote=`
/// is taken where it asks for that (True for a name that needs quotes,
/// False for one that needs none, None) and refused where it would change
/// the SQL. Without a name it is SQLAlchemy's ArgumentError.
fn quote(name: Option<&str>, v: &Value, span: Span, dialect: &'static Dialect) -> Result<()> {
    if matches!(v, Value::None) {
        return Ok(());
    }
    let Some(name) = name else {
        return Err(Error::new(
            ErrorKind::ArgumentError,
            "Explicit 'name' is required when sending 'quote' argument",
        )
        .at(span)
        .with_help(
            "give the column's name first, like db.Column('Unit Price', db.Numeric, quote=True)",
        ));
    };
    let quoted = matches!(dialect.quote(name), std::borrow::Cow::Owned(_));
    if v.truthy() == quoted {
        return Ok(());
    }
    Err(Error::type_(format!(
        "quote={} for column '{name}' is not supported: ormsh quotes a name only where SQLite needs it (SQLAlchemy's default), and '{name}' {}",
        if v.truthy() { "True" } else { "False" },
        if quoted { "needs quotes" } else { "needs none" },
    ))
    .at(span)
    .with_help("leave quote= out"))
}

/// The SQL of a `server_default=` / `server_onupdate=`: a string (quoted),
/// `text('SQL')` or a SQL expression (`func.now()`).
fn server_sql(v: &Value, what: &str, dialect: &'static Dialect) -> Result<Rc<str>> {
    if let Value::Str(s) = v {
        return Ok(Rc::from(format!("'{}'", s.replace('\'', "''"))));
    }
    if let Some(t) = v.downcast::<TextClause>() {
        return Ok(t.0.clone());
    }
    // A SQL expression (`func.now()`, `func.datetime('now')`): written as
    // SQLAlchemy's DDL compiler writes it, values inline.
    match v.downcast::<crate::orm::expr::ColumnElement>() {
        Some(e) => Ok(Rc::from(crate::sql::ddl_expr::ddl_expression(
            &e.expr, dialect,
        ))),
        None => Err(Error::type_(format!(
            "{what} takes a string, text('SQL'), a SQL expression such as func.now() or db.FetchedValue()"
        ))),
    }
}
