//! The ON clause of `join(target)` given no condition, when the target is
//! an alias, a subquery or a CTE: SQLAlchemy's `join_condition` (the
//! foreign keys between the left side and the target's columns, scanned
//! both ways, one constraint's pairs ANDed) and the ORM's
//! `_join_determine_implicit_left_side` (which of the query's FROMs the
//! target joins to).

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::orm::query::{Entity, Query};
use crate::schema::column::{Column, ForeignKey};
use crate::schema::registry::Registry;
use crate::sql::ast::{FromItem, Select, SqlExpr};

/// One column of a FROM clause, with the table column it stands for (of
/// a model's table or a plain `db.Table`).
#[derive(Clone)]
struct SideCol {
    /// The name the statement reads its FROM item by.
    from: Rc<str>,
    /// Its name there.
    name: Rc<str>,
    /// The table the column belongs to.
    table: Rc<str>,
    /// The column's own name in that table.
    column: Rc<str>,
    fk: Option<ForeignKey>,
}

impl SideCol {
    fn expr(&self) -> SqlExpr {
        SqlExpr::col(&self.from, &self.name)
    }
    fn fk(&self) -> Option<&ForeignKey> {
        self.fk.as_ref()
    }
}

/// A FROM clause as `join_condition` sees it: its mapped columns.
type Side = Vec<SideCol>;

/// The pairs found, grouped by foreign key constraint, in the order met.
type Constraints = Vec<(String, Vec<(SqlExpr, SqlExpr)>)>;

/// The columns of a table, an alias, a subquery, a CTE or a join.
fn side_of(reg: &Registry, from: &FromItem) -> Side {
    match from {
        FromItem::Table { name, alias } => {
            let from = alias.as_ref().unwrap_or(name);
            match (reg.by_table(name), reg.table(name)) {
                (Some(m), _) => table_side(&m.table, &m.columns, from),
                (None, Some(t)) => table_side(&t.name, &t.columns, from),
                (None, None) => Vec::new(),
            }
        }
        FromItem::Subquery { select, alias } => select_side(reg, select, alias, None),
        FromItem::Cte(c) => select_side(reg, &c.select, &c.name, Some(&c.columns)),
        FromItem::Text(_) => Vec::new(),
        FromItem::Join { left, right, .. } => {
            let mut s = side_of(reg, left);
            s.extend(side_of(reg, right));
            s
        }
    }
}

fn table_side(table: &Rc<str>, columns: &[Column], from: &Rc<str>) -> Side {
    columns
        .iter()
        .map(|c| SideCol {
            from: from.clone(),
            name: c.name.clone(),
            table: table.clone(),
            column: c.name.clone(),
            fk: c.foreign_key.clone(),
        })
        .collect()
}

/// A subquery's columns that are a table's column selected bare (they
/// carry its foreign keys, as SQLAlchemy's column proxies do).
fn select_side(reg: &Registry, select: &Select, from: &Rc<str>, names: Option<&[Rc<str>]>) -> Side {
    let cols = match select.compound.first() {
        Some((_, first)) => &first.columns,
        None => &select.columns,
    };
    let mut out = Vec::new();
    for (i, col) in cols.iter().enumerate() {
        let (inner, label) = match col {
            SqlExpr::Label { expr, name } => (&**expr, Some(name)),
            other => (other, None),
        };
        let SqlExpr::Column {
            table: Some(t),
            name,
        } = inner
        else {
            continue;
        };
        let Some(m) = reg.by_table(t) else { continue };
        let Some(idx) = m.columns.iter().position(|c| c.name == *name) else {
            continue;
        };
        let name = names
            .and_then(|n| n.get(i))
            .or(label)
            .unwrap_or(name)
            .clone();
        out.push(SideCol {
            from: from.clone(),
            name,
            table: m.table.clone(),
            column: m.columns[idx].name.clone(),
            fk: m.columns[idx].foreign_key.clone(),
        });
    }
    out
}

/// The key of the constraint a column's foreign key belongs to.
fn constraint_key(c: &SideCol, fk: &ForeignKey) -> String {
    if fk.table_level {
        let name = fk.name.as_deref().unwrap_or("");
        format!("{}:{}:{name}", c.table, fk.table)
    } else {
        format!("{}:{}", c.table, c.column)
    }
}

/// `ForeignKey.get_referent(side)`: the side's column the key points at.
fn referent(side: &Side, fk: &ForeignKey) -> Option<SqlExpr> {
    side.iter()
        .find(|c| c.table == fk.table && c.column == fk.column)
        .map(SideCol::expr)
}

/// `Join._joincond_scan_left_right`: `b`'s keys into `left`, then
/// `left`'s into `b`, trying `a_subset` before `a`.
fn scan(a: &Side, a_subset: Option<&Side>, b: &Side) -> Constraints {
    fn add(found: &mut Constraints, key: String, pair: (SqlExpr, SqlExpr)) {
        match found.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(pair),
            None => found.push((key, vec![pair])),
        }
    }
    let mut found: Constraints = Vec::new();
    for left in a_subset.into_iter().chain(Some(a)) {
        for c in b {
            if let Some(fk) = c.fk()
                && let Some(col) = referent(left, fk)
            {
                add(&mut found, constraint_key(c, fk), (col, c.expr()));
            }
        }
        for c in left {
            if let Some(fk) = c.fk()
                && let Some(col) = referent(b, fk)
            {
                add(&mut found, constraint_key(c, fk), (col, c.expr()));
            }
        }
        if !found.is_empty() {
            break;
        }
    }
    found
}

/// `Join._join_condition`: the ON clause's terms (ANDed), or the error
/// SQLAlchemy raises when no key or several constraints link the sides.
fn join_condition(a: &Side, a_subset: Option<&Side>, b: &Side, what: &str) -> Result<Vec<SqlExpr>> {
    let mut found = scan(a, a_subset, b);
    if found.len() > 1 && found.iter().all(|(_, v)| *v == found[0].1) {
        found.truncate(1);
    }
    match found.len() {
        0 => Err(Error::new(
            ErrorKind::NoForeignKeysError,
            format!("can't find any foreign key relationships between the query and {what}"),
        )
        .with_help("give the condition: join(target, Model.col == target.col)")),
        1 => Ok(found
            .remove(0)
            .1
            .into_iter()
            .map(|(x, y)| SqlExpr::eq(x, y))
            .collect()),
        _ => Err(Error::new(
            ErrorKind::AmbiguousForeignKeysError,
            format!("can't determine the join to {what}: more than one foreign key constraint links them"),
        )
        .with_help("give the condition: join(target, Model.col == target.col)")),
    }
}

/// The FROM clauses a query's entities bring (each once), the target's
/// own left out.
fn entity_froms(reg: &Registry, q: &Query, right: &str) -> Vec<FromItem> {
    let mut out: Vec<FromItem> = Vec::new();
    for e in &q.entities {
        let from = match e {
            Entity::Model(m) => Some(FromItem::Table {
                name: m.table.clone(),
                alias: None,
            }),
            Entity::Aliased(a) => Some(a.from.clone()),
            Entity::Expr(s) => match (&s.column, s.froms.first()) {
                (Some((m, _)), _) => Some(FromItem::Table {
                    name: m.table.clone(),
                    alias: None,
                }),
                (None, Some(f)) => Some(f.clone()),
                // An expression of columns (a function of a model's, a
                // Core table's `t.c.x`): the first table it reads, a
                // model's or a `db.Table`'s.
                (None, None) => {
                    let mut t = Vec::new();
                    s.expr.tables_into(&mut t);
                    t.first()
                        .filter(|t| reg.by_table(t).is_some() || reg.table(t).is_some())
                        .map(|t| FromItem::Table {
                            name: t.clone(),
                            alias: None,
                        })
                }
            },
        };
        if let Some(f) = from
            && f.alias_name().is_some_and(|n| &**n != right)
            && !out.iter().any(|o| o.alias_name() == f.alias_name())
        {
            out.push(f);
        }
    }
    out
}

/// The rest of SQLAlchemy's "Don't know how to join to …" refusal
/// (`_join_determine_implicit_left_side`).
pub const JOIN_TO_HINT: &str = "Please use the .select_from() method to establish an explicit left side, as well as providing an explicit ON clause if not present already to help resolve the ambiguity.";

/// `join(target)` with no condition onto a table, an alias, a subquery
/// or a CTE: the ON clause inferred from the foreign keys, from the one
/// FROM of the query the target can join to, with that FROM's name when
/// nothing is joined yet (the join's left side: SQLAlchemy places the
/// join there).
pub fn infer_onclause(
    reg: &Registry,
    q: &Query,
    target: &FromItem,
    what: &str,
) -> Result<(Vec<SqlExpr>, Option<Rc<str>>)> {
    let right_name = target.alias_name().cloned().unwrap_or_else(|| Rc::from(""));
    let b = side_of(reg, target);
    if let Some(last) = q.joins.last() {
        // The FROM is one join: scan it whole, its last table first.
        let mut a: Side = Vec::new();
        for f in entity_froms(reg, q, &right_name) {
            a.extend(side_of(reg, &f));
        }
        for j in &q.joins {
            a.extend(side_of(reg, &joined_from(j)));
        }
        let subset = side_of(reg, &joined_from(last));
        return Ok((join_condition(&a, Some(&subset), &b, what)?, None));
    }
    let froms = if q.extra_from.is_empty() {
        entity_froms(reg, q, &right_name)
    } else {
        q.extra_from.clone()
    };
    if froms.is_empty() {
        return Err(
            Error::new(ErrorKind::InvalidRequestError, "no entities to join from")
                .with_help("name the left side: select_from(Model).join(target)"),
        );
    }
    let sides: Vec<(Side, &FromItem)> = froms.iter().map(|f| (side_of(reg, f), f)).collect();
    let can: Vec<&(Side, &FromItem)> = sides
        .iter()
        .filter(|(s, _)| !scan(s, None, &b).is_empty())
        .collect();
    match can.as_slice() {
        [(one, from)] => Ok((
            join_condition(one, None, &b, what)?,
            from.alias_name().cloned(),
        )),
        [] => Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!("Don't know how to join to {what}. {JOIN_TO_HINT}"),
        )
        .with_help("give the condition: join(target, Model.col == target.col)")),
        _ => Err(Error::new(
            ErrorKind::InvalidRequestError,
            format!("can't determine which FROM clause to join to {what} from: several of the query's can"),
        )
        .with_help("name the left side with select_from(), or give the condition to join on")),
    }
}

/// The FROM item a join of the query brings.
fn joined_from(j: &crate::orm::query::Join) -> FromItem {
    match &j.target {
        Some(f) => f.clone(),
        None => FromItem::Table {
            name: j.table.clone(),
            alias: j.alias.clone(),
        },
    }
}

/// The left side of `join(target, onclause)` when nothing is joined yet:
/// the one FROM of `select_from()` or of the query's entities whose names, with the target's,
/// cover every table the ON clause reads (SQLAlchemy's
/// `find_left_clause_to_join_from` given an onclause); `None` when no
/// single FROM does (the first FROM is then the left side).
pub fn left_for_onclause(reg: &Registry, q: &Query, right: &str, on: &SqlExpr) -> Option<Rc<str>> {
    if !q.joins.is_empty() {
        return None;
    }
    let mut read: Vec<Rc<str>> = Vec::new();
    on.tables_into(&mut read);
    // `select_from(...)`'s FROMs when given, else the entities'.
    let froms = if q.extra_from.is_empty() {
        entity_froms(reg, q, right)
    } else {
        q.extra_from.clone()
    };
    let mut can = froms
        .iter()
        .filter_map(FromItem::alias_name)
        .filter(|name| read.iter().all(|t| &**t == right || *t == **name));
    match (can.next(), can.next()) {
        (Some(one), None) => Some(one.clone()),
        _ => None,
    }
}
