//! The keys a result row gives its columns, by SQLAlchemy's two naming
//! rules (`ORMSelectCompileState._column_naming_convention`):
//!
//! - the legacy `Query` names a column by its `key` (a mapped attribute's
//!   name, a label's), and leaves an expression without one (a function,
//!   a CAST, arithmetic) unnamed; repeated names stay repeated;
//! - a 2.0 `select()` names a column by its `_proxy_key` (a function's
//!   name, a CAST's column's too), an expression without one `_no_label`,
//!   and a name already taken `name_1`, `name_2`, … (`prefix_anon_map`;
//!   the same column again repeats its `name_N`). A deduplicated name is
//!   not itself reserved, so a later label may take it.
//!
//! Entities are named by their class (`U`) or by an aliased class's given
//! name; an unnamed alias gives no key. An unnamed column's key is `""`,
//! which `_fields`, `_mapping`, `_asdict()` and `keys()` leave out.

use std::collections::HashMap;
use std::rc::Rc;

use crate::orm::query::Entity;
use crate::sql::anon::{is_anon, plain};
use crate::sql::ast::SqlExpr;

/// The key of an unnamed column (`None` in SQLAlchemy's keys).
pub const UNNAMED: &str = "";

/// The result keys of `entities`, by the legacy Query's rule or 2.0's.
pub fn result_keys(entities: &[Entity], legacy: bool) -> Vec<Rc<str>> {
    let mut names: Vec<Rc<str>> = Vec::new();
    let mut counters: HashMap<String, usize> = HashMap::new();
    let mut repeats: Vec<(SqlExpr, Rc<str>)> = Vec::new();
    entities
        .iter()
        .map(|e| match e {
            Entity::Model(m) => m.name.clone(),
            Entity::Aliased(a) if is_anon(&a.name) => Rc::from(UNNAMED),
            Entity::Aliased(a) => Rc::from(plain(&a.name)),
            // A hybrid property is named by its own name either way.
            Entity::Expr(s) if legacy && s.hybrid.is_none() => legacy_key(&s.expr, s.key.as_ref()),
            Entity::Expr(s) => {
                let name: Rc<str> = s.key.clone().unwrap_or_else(|| Rc::from("_no_label"));
                if !names.contains(&name) {
                    names.push(name.clone());
                    return name;
                }
                let same = matches!(s.expr, SqlExpr::Column { .. });
                if same && let Some((_, k)) = repeats.iter().find(|(x, _)| *x == s.expr) {
                    return k.clone();
                }
                let n = counters.entry(name.to_string()).or_insert(1);
                let key: Rc<str> = Rc::from(format!("{name}_{n}"));
                *n += 1;
                if same {
                    repeats.push((s.expr.clone(), key.clone()));
                }
                key
            }
        })
        .collect()
}

/// The legacy Query's key for a column expression: its `key`, which a
/// function, a CAST or any other computed value does not have.
fn legacy_key(expr: &SqlExpr, key: Option<&Rc<str>>) -> Rc<str> {
    match (expr, key) {
        (SqlExpr::Func { .. } | SqlExpr::Cast { .. } | SqlExpr::TypeCoerce(_), _) | (_, None) => {
            Rc::from(UNNAMED)
        }
        (_, Some(k)) => k.clone(),
    }
}

/// `result.keys()`: SQLAlchemy's `RMKeyView`, the named columns of a
/// result, which prints as `RMKeyView(['id', 'name'])` and iterates as
/// the names.
pub struct RMKeyView(pub Vec<Rc<str>>);

impl crate::value::Object for RMKeyView {
    fn type_name(&self) -> &str {
        "RMKeyView"
    }
}
