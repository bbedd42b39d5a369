//! How schema items print and what they tell, as SQLAlchemy's: a table's
//! `Column` (`Column('id', Integer(), table=<user>, primary_key=True,
//! nullable=False)`: `Column.__repr__`), a `Table` (`Table('user',
//! MetaData(), Column(…), …, schema=None)`), its `PrimaryKeyConstraint`,
//! an `Index` (`Index('ix', Column(…), unique=True)`) and `.type` of a column
//! expression (the type object its column holds).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::constraint_def::{ColRef, ConstraintSpec, SpecKind};
use crate::eval::objects::TypeSpec;
use crate::orm::expr::ColumnElement;
use crate::schema::column::Column;
use crate::schema::table::{Table, TableColumns};
use crate::schema::types::{ColumnType, TypeOptions};
use crate::sql::ast::{FromItem, SqlExpr};
use crate::value::repr::str_repr;
use crate::value::{Object, Value};

/// `table.primary_key`: SQLAlchemy's `PrimaryKeyConstraint` of a table,
/// its columns in the table's order.
pub struct PrimaryKey(pub Rc<Table>);

impl Object for PrimaryKey {
    fn type_name(&self) -> &str {
        "PrimaryKeyConstraint"
    }
}

/// The table a name stands for: a model's or a `db.Table`.
pub fn lookup_table(me: &Interp, name: &str) -> Option<Rc<Table>> {
    if let Some(m) = me.registry.models().iter().find(|m| &*m.table == name) {
        return Some(Rc::new(Table::of_model(m)));
    }
    me.registry
        .tables()
        .iter()
        .find(|t| &*t.name == name)
        .cloned()
}

/// The schema column a column expression is, when it is one: a model's
/// attribute (`User.id`), a table's (`User.__table__.c.id`) or an
/// aliased table's, named by the alias (`stmt.excluded.id`, whose FROM
/// item is `item AS excluded`).
fn schema_column(me: &Interp, c: &ColumnElement) -> Option<(Rc<str>, Column)> {
    if let Some((m, i)) = &c.column {
        return Some((m.table.clone(), m.columns[*i].clone()));
    }
    let SqlExpr::Column {
        table: Some(t),
        name,
    } = &c.expr
    else {
        return None;
    };
    // A Core alias of a table (not an ORM `aliased()` entity, whose
    // attributes print as `aliased(User).name`).
    let mut core_alias = c.entity.is_none().then_some(&c.froms).into_iter().flatten();
    let aliased = core_alias.find_map(|f| match f {
        FromItem::Table {
            name,
            alias: Some(a),
        } if a == t => Some(name),
        _ => None,
    });
    if let Some(real) = aliased {
        // SQLAlchemy's `Column._make_proxy`: the name, type, key, key and
        // null flags and foreign keys; no defaults.
        let col = lookup_table(me, real)?.column(name)?.clone();
        let proxy = Column {
            default: None,
            onupdate: None,
            server_default: None,
            ..col
        };
        return Some((t.clone(), proxy));
    }
    let table = lookup_table(me, t)?;
    let col = table.column(name)?.clone();
    Some((table.name.clone(), col))
}

/// `repr()` of a bare table column (`User.__table__.c.id`), or None for
/// any other expression.
pub fn table_column_repr(me: &mut Interp, c: &ColumnElement) -> Result<Option<String>> {
    if c.column.is_some() {
        return Ok(None);
    }
    match schema_column(me, c) {
        Some((table, col)) => column_repr(me, &table, &col).map(Some),
        None => Ok(None),
    }
}

/// A column default as SQLAlchemy's `ColumnDefault` prints.
fn default_repr(me: &mut Interp, v: &Value) -> Result<String> {
    let kind = if v.is::<ColumnElement>() {
        "ColumnElementColumnDefault"
    } else if v.is::<crate::eval::objects::Native>() || v.is::<crate::eval::objects::Lambda>() {
        "CallableColumnDefault"
    } else {
        "ScalarElementColumnDefault"
    };
    Ok(format!("{kind}({})", me.repr_value(v)?))
}

/// `server_default=`'s `DefaultClause`: a string given as such, else the
/// SQL text given.
fn server_default_repr(sql: &str) -> String {
    let literal = sql
        .strip_prefix('\'')
        .and_then(|s| s.strip_suffix('\''))
        .filter(|s| !s.replace("''", "").contains('\''));
    match literal {
        Some(s) => format!(
            "DefaultClause({}, for_update=False)",
            str_repr(&s.replace("''", "'"))
        ),
        None => format!(
            "DefaultClause(<sqlalchemy.sql.elements.TextClause object; {sql}>, for_update=False)"
        ),
    }
}

/// SQLAlchemy's `Column.__repr__`: name, type, foreign key, table, then
/// `key`, `primary_key`, `nullable`, `onupdate`, `default`,
/// `server_default` where they differ from a plain column.
pub fn column_repr(me: &mut Interp, table: &str, c: &Column) -> Result<String> {
    let mut parts = vec![
        str_repr(&c.name),
        crate::eval::type_repr::type_object_repr(&c.ty, &c.type_opts),
    ];
    if let Some(fk) = &c.foreign_key {
        parts.push(format!(
            "ForeignKey({})",
            str_repr(&format!("{}.{}", fk.table, fk.column))
        ));
    }
    parts.push(format!("table=<{table}>"));
    if let Some(k) = &c.key
        && k != &c.name
    {
        parts.push(format!("key={}", str_repr(k)));
    }
    if c.primary_key {
        parts.push("primary_key=True".into());
    }
    if !c.nullable || c.primary_key {
        parts.push("nullable=False".into());
    }
    if let Some(v) = &c.onupdate {
        parts.push(format!("onupdate={}", default_repr(me, v)?));
    }
    if let Some(v) = &c.default {
        parts.push(format!("default={}", default_repr(me, v)?));
    }
    if let Some(sql) = &c.server_default {
        parts.push(format!("server_default={}", server_default_repr(sql)));
    }
    Ok(format!("Column({})", parts.join(", ")))
}

/// SQLAlchemy's `Table.__repr__`.
pub fn table_repr(me: &mut Interp, t: &Table) -> Result<String> {
    let mut parts = vec![str_repr(&t.name), "MetaData()".to_string()];
    for c in &t.columns {
        parts.push(column_repr(me, &t.name, c)?);
    }
    parts.push("schema=None".into());
    Ok(format!("Table({})", parts.join(", ")))
}

/// `PrimaryKeyConstraint(Column(…), …)`.
pub fn primary_key_repr(me: &mut Interp, pk: &PrimaryKey) -> Result<String> {
    let mut parts = Vec::new();
    // SQLite's rowid keys the mapper, not the table (no PRIMARY KEY).
    for c in
        pk.0.columns
            .iter()
            .filter(|c| c.primary_key && !c.sqlite_rowid)
    {
        parts.push(column_repr(me, &pk.0.name, c)?);
    }
    Ok(format!("PrimaryKeyConstraint({})", parts.join(", ")))
}

/// The repr of a schema item or type, or None when `v` is none of them.
pub fn repr_of(me: &mut Interp, v: &Value) -> Result<Option<String>> {
    if let Some(t) = v.downcast::<TypeSpec>() {
        return Ok(Some(crate::eval::type_repr::type_repr(&t)));
    }
    if crate::orm::json::is_json_null(v) {
        return Ok(Some("symbol('JSON_NULL')".into()));
    }
    if let Some(t) = v.downcast::<Table>() {
        return table_repr(me, &t).map(Some);
    }
    if let Some(pk) = v.downcast::<PrimaryKey>() {
        return primary_key_repr(me, &pk).map(Some);
    }
    if let Some(c) = v.downcast::<ColumnElement>() {
        return table_column_repr(me, &c);
    }
    if let Some(spec) = v.downcast::<ConstraintSpec>()
        && let SpecKind::Index { unique, .. } = spec.kind
    {
        return index_repr(me, &spec, unique).map(Some);
    }
    if let Some(spec) = v.downcast::<ConstraintSpec>() {
        return crate::eval::constraint_repr::repr(me, &spec);
    }
    Ok(None)
}

/// SQLAlchemy's `Index.__repr__`: its name, each expression's repr (a
/// table's column as `Column(…)`, a column named by a string as that
/// string), then `unique=True` when it is.
fn index_repr(me: &mut Interp, spec: &ConstraintSpec, unique: bool) -> Result<String> {
    let mut parts = vec![match &spec.name {
        Some(n) => str_repr(n),
        None => "None".to_string(),
    }];
    for c in &spec.cols {
        parts.push(match c {
            ColRef::Key(k, _) => str_repr(k),
            ColRef::Column {
                table: Some(t),
                name,
                ..
            } => match lookup_table(me, t).and_then(|tb| tb.column(name).cloned()) {
                Some(col) => column_repr(me, t, &col)?,
                None => str_repr(name),
            },
            ColRef::Column { name, .. } => str_repr(name),
            // SQLAlchemy shows the expression object (with its address).
            ColRef::Expr(e, _) => format!(
                "<SQL expression {}>",
                crate::sql::ddl_expr::ddl_expression(e, me.session.engine.dialect())
            ),
        });
    }
    if unique {
        parts.push("unique=True".into());
    }
    Ok(format!("Index({})", parts.join(", ")))
}

/// `str()` of a type (`VARCHAR(80)`), a table (its name) or a table's
/// column (`user.id`, unquoted, as SQLAlchemy's `Column.__str__`).
pub fn str_of(me: &Interp, v: &Value) -> Option<String> {
    if let Some(t) = v.downcast::<TypeSpec>() {
        return Some(crate::eval::type_repr::type_str(&t));
    }
    if let Some(c) = v.downcast::<ColumnElement>()
        && c.column.is_none()
        && let Some((table, col)) = schema_column(me, &c)
    {
        return Some(format!("{table}.{}", col.name));
    }
    v.downcast::<Table>().map(|t| t.name.to_string())
}

/// The items of a column collection (`table.c`) or a primary key, as
/// iterating them in Python gives: the columns.
pub fn items_of(v: &Value) -> Option<Result<Vec<Value>>> {
    let (table, only_key) = match (v.downcast::<TableColumns>(), v.downcast::<PrimaryKey>()) {
        (Some(tc), _) => (tc.0.clone(), false),
        (_, Some(pk)) => (pk.0.clone(), true),
        _ => return None,
    };
    Some(
        (table.columns.iter())
            .filter(|c| !only_key || (c.primary_key && !c.sqlite_rowid))
            .map(|c| {
                ColumnElement::local_column(
                    table.name.clone(),
                    c.name.clone(),
                    c.ty.clone(),
                    c.name.clone(),
                )
                .into_value()
            })
            .collect(),
    )
}

/// A flag of the schema column an expression is (`primary_key`,
/// `nullable`), as SQLAlchemy's `Column` has them;
/// None when the expression is no column.
pub fn column_flag(me: &Interp, c: &ColumnElement, name: &str) -> Option<Value> {
    let (_, col) = schema_column(me, c)?;
    Some(match name {
        "primary_key" => Value::Bool(col.primary_key),
        "nullable" => Value::Bool(col.nullable && !col.primary_key),
        "foreign_keys" => return crate::eval::foreign_keys::set_of([&col]).ok(),
        // `Column.computed`: its `Computed`, or None.
        "computed" => match col.computed {
            Some(c) => Value::obj(crate::eval::computed::ComputedSpec(c)),
            None => Value::None,
        },
        _ => return crate::eval::column_attrs::attribute(&col, name),
    })
}

/// `expr.type`: the type object of a column (with what its arguments
/// gave), or of an expression as SQLAlchemy types it (`Integer()` for
/// `User.id + 1`).
pub fn column_type(me: &mut Interp, c: &ColumnElement) -> Result<Value> {
    let (ty, opts) = match schema_column(me, c) {
        Some((_, col)) => (col.ty, col.type_opts),
        None => match &c.ty {
            Some(ty) => (
                ty.clone(),
                TypeOptions {
                    shown: crate::eval::type_repr::derived_shown(ty),
                    ..TypeOptions::default()
                },
            ),
            None if c.is_clause => (ColumnType::Boolean, TypeOptions::default()),
            // What SQLAlchemy leaves untyped: a function it does not know
            // (`func.abs(x)`), `literal_column()`, `null()`.
            None if matches!(
                c.expr,
                SqlExpr::Func { .. } | SqlExpr::LiteralColumn(_) | SqlExpr::Null
            ) =>
            {
                (ColumnType::Null, TypeOptions::default())
            }
            None => {
                return Err(Error::new(
                    ErrorKind::NotImplementedError,
                    "the type of this expression is not known to ormsh (SQLAlchemy's NullType)",
                )
                .with_help("a column's .type, or an expression of columns, has one"));
            }
        },
    };
    Ok(Value::obj(TypeSpec {
        ty,
        bare: false,
        opts,
    }))
}
