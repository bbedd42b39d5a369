//! SQLAlchemy's `Exists`: `db.exists()` (`EXISTS (SELECT * …)`),
//! `exists(col)`, grown with `.where(...)` and `.select_from(...)`; its
//! FROM list is the tables its columns and criteria name (the ones an
//! enclosing query reads are left out when it is compiled: correlation).

use crate::orm::expr::ColumnElement;
use crate::schema::types::ColumnType;
use crate::sql::ast::{FromItem, Select, SqlExpr};

/// `EXISTS (<select>)` as a condition.
pub fn exists_of(select: Select) -> ColumnElement {
    ColumnElement {
        entity: None,
        hybrid: None,
        prop_of: None,
        orm: false,
        expr: SqlExpr::Exists(Box::new(select)),
        ty: Some(ColumnType::Boolean),
        column: None,
        key: Some("exists".into()),
        is_clause: true,
        froms: Vec::new(),
    }
}

/// `exists(*columns)`: `SELECT *` when none is given.
pub fn exists_columns(columns: &[ColumnElement]) -> ColumnElement {
    let mut sel = Select {
        columns: if columns.is_empty() {
            vec![SqlExpr::Star]
        } else {
            columns.iter().map(|c| c.expr.clone()).collect()
        },
        ..Select::default()
    };
    let known: Vec<FromItem> = columns.iter().flat_map(|c| c.froms.clone()).collect();
    refrom(&mut sel, &known);
    exists_of(sel)
}

/// The select inside an `Exists`.
pub fn inner(e: &ColumnElement) -> Option<&Select> {
    match &e.expr {
        SqlExpr::Exists(s) => Some(s),
        _ => None,
    }
}

/// `exists.where(*criteria)`: the criteria ANDed in, the FROM list grown by
/// the tables they name.
pub fn exists_where(
    e: &ColumnElement,
    criteria: &[(SqlExpr, Vec<FromItem>)],
) -> Option<ColumnElement> {
    let mut sel = inner(e)?.clone();
    let mut known = sel.from.clone();
    for (c, froms) in criteria {
        sel.where_.push(c.clone());
        known.extend(froms.iter().cloned());
    }
    refrom(&mut sel, &known);
    Some(exists_of(sel))
}

/// `exists.select_from(*items)`: these first in its FROM list.
pub fn exists_select_from(e: &ColumnElement, items: Vec<FromItem>) -> Option<ColumnElement> {
    let mut sel = inner(e)?.clone();
    let mut from = items;
    for f in std::mem::take(&mut sel.from) {
        if !from.contains(&f) {
            from.push(f);
        }
    }
    sel.from = from;
    Some(exists_of(sel))
}

/// The FROM list of `sel` made again from the tables its columns and
/// criteria name, in order, each read through `known` (an alias, a
/// subquery) when it names one, keeping items already listed.
fn refrom(sel: &mut Select, known: &[FromItem]) {
    let mut names = Vec::new();
    for e in sel.columns.iter().chain(&sel.where_) {
        e.tables_into(&mut names);
    }
    let mut from = std::mem::take(&mut sel.from);
    for name in names {
        let mut listed = Vec::new();
        crate::orm::exists::names_of(&from, &mut listed);
        if listed.contains(&name) {
            continue;
        }
        from.push(
            known
                .iter()
                .find(|k| k.alias_name() == Some(&name))
                .cloned()
                .unwrap_or(FromItem::Table { name, alias: None }),
        );
    }
    sel.from = from;
}

/// The names FROM items are read by (joins' sides included).
pub fn names_of(items: &[FromItem], out: &mut Vec<std::rc::Rc<str>>) {
    for f in items {
        match f {
            FromItem::Join { left, right, .. } => {
                names_of(std::slice::from_ref(left), out);
                names_of(std::slice::from_ref(right), out);
            }
            other => out.extend(other.alias_name().cloned()),
        }
    }
}
