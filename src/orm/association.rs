//! Association rows of many-to-many relationships (SQLAlchemy's
//! `ManyToManyDP`): for each changed collection, the rows its `secondary`
//! table gains (INSERT) and loses (DELETE), written once both sides exist
//! in the database; part of the flush (`orm::flush`).

use rustc_hash::FxHashSet as HashSet;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::orm::flush::{contains, slot_of};
use crate::orm::instance::{Instance, KeyPart};
use crate::orm::relation::param_of;
use crate::orm::session::Session;
use crate::schema::relationship::{Rel, RelKind};
use crate::sql::ast::{Delete, Insert, Param, SqlExpr};
use crate::sql::compile;
/// One association row: its table, and its columns with their values.
struct AssocRow {
    table: Rc<str>,
    cols: Vec<(Rc<str>, Param)>,
}

impl AssocRow {
    /// The same row seen from either side compares equal.
    fn identity(&self) -> (Rc<str>, Vec<(Rc<str>, KeyPart)>) {
        let mut key: Vec<(Rc<str>, KeyPart)> = self
            .cols
            .iter()
            .map(|(c, p)| {
                (
                    c.clone(),
                    KeyPart::of_param(p).unwrap_or(KeyPart::Other("NULL".into())),
                )
            })
            .collect();
        key.sort_by(|a, b| a.0.cmp(&b.0));
        (self.table.clone(), key)
    }

    fn criteria(&self) -> Vec<SqlExpr> {
        self.cols
            .iter()
            .map(|(c, p)| SqlExpr::Binary {
                op: crate::sql::ast::BinaryOp::Eq,
                left: Box::new(SqlExpr::Column {
                    table: Some(self.table.clone()),
                    name: c.clone(),
                }),
                right: Box::new(SqlExpr::Param {
                    value: p.clone(),
                    key: Some(c.clone()),
                }),
            })
            .collect()
    }
}

fn assoc_row(rel: &Rel, t: &Instance, x: &Instance) -> Result<AssocRow> {
    let RelKind::ManyToMany {
        table,
        owner,
        target,
    } = &rel.kind
    else {
        return Err(Error::type_("not a many-to-many relationship"));
    };
    let mut cols = Vec::new();
    for (c, i) in owner {
        cols.push((c.clone(), param_of(t, *i)?));
    }
    for (c, i) in target {
        cols.push((c.clone(), param_of(x, *i)?));
    }
    Ok(AssocRow {
        table: table.name.clone(),
        cols,
    })
}

/// Association rows for many-to-many collections that changed and for
/// deleted objects; each row once even when both sides changed.
pub(super) fn associations(session: &mut Session, touched: &[Rc<Instance>]) -> Result<()> {
    let mut adds: Vec<AssocRow> = Vec::new();
    let mut removes: Vec<AssocRow> = Vec::new();
    let mut seen = HashSet::default();
    for t in touched {
        if t.st.borrow().marked_deleted || !session.contains(t) {
            continue;
        }
        let rels: Vec<Rc<Rel>> = session.mapping.of(&t.model.name).to_vec();
        for rel in rels {
            if !matches!(rel.kind, RelKind::ManyToMany { .. }) || rel.viewonly {
                continue;
            }
            let Some((_, mut cur, mut snap)) = slot_of(t, &rel.name) else {
                continue;
            };
            // No row along an object outside the session (SQLAlchemy warns
            // "not in session, … operation … won't proceed").
            cur.retain(|x| session.contains(x));
            snap.retain(|x| session.contains(x));
            for x in cur.iter().filter(|x| !contains(&snap, x)) {
                let r = assoc_row(&rel, t, x)?;
                if seen.insert(r.identity()) {
                    adds.push(r);
                }
            }
            for x in snap.iter().filter(|x| !contains(&cur, x)) {
                let r = assoc_row(&rel, t, x)?;
                if seen.insert(r.identity()) {
                    removes.push(r);
                }
            }
        }
    }
    // A deleted object takes its association rows with it.
    let mut whole: Vec<AssocRow> = Vec::new();
    for d in session.deleted.clone() {
        for rel in session.mapping.of(&d.model.name).to_vec() {
            let RelKind::ManyToMany { table, owner, .. } = &rel.kind else {
                continue;
            };
            let mut cols = Vec::new();
            for (c, i) in owner {
                cols.push((c.clone(), param_of(&d, *i)?));
            }
            let r = AssocRow {
                table: table.name.clone(),
                cols,
            };
            if seen.insert(r.identity()) {
                whole.push(r);
            }
        }
    }
    for r in removes.iter().chain(&whole) {
        let stmt = Delete {
            table: r.table.clone(),
            where_: r.criteria(),
        };
        session.engine.execute(&compile::delete(&stmt))?;
    }
    for r in adds {
        let stmt = Insert {
            table: r.table.clone(),
            columns: r.cols.iter().map(|(c, _)| c.clone()).collect(),
            rows: vec![r.cols.into_iter().map(|(_, p)| p).collect()],
            returning: Vec::new(),
        };
        session.engine.execute(&compile::insert(&stmt))?;
    }
    Ok(())
}
