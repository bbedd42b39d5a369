//! Association rows of many-to-many relationships, as SQLAlchemy's
//! `ManyToManyDP` writes them: for the owners whose collection changed,
//! a row lost is deleted and a row gained inserted (`process_saves`); a
//! deleted owner takes the rows of the objects its collection held
//! (`process_deletes`). A relationship and its reverse write each row
//! once (`_get_reversed_processed_set`). Nothing is written along an
//! object outside the session ("not in session, … operation won't
//! proceed").

use std::rc::Rc;

use rustc_hash::FxHashMap as HashMap;

use crate::error::Result;
use crate::orm::instance::{Instance, Status};
use crate::orm::unitofwork::plan::{Op, PlanParam, Planner, Row, Statement, Step};
use crate::orm::unitofwork::states::{PlanValue, history};
use crate::schema::relationship::{Lazy, Rel, RelKind};
use crate::value::Value;

/// One association row: column name and value.
type AssocRow = Vec<(Rc<str>, PlanParam)>;

/// The association rows the relationship `dep` writes for its owners
/// `states` (their saves, or `delete`: their deletion).
pub(super) fn process(p: &mut Planner, dep: usize, delete: bool, states: &[u32]) -> Result<()> {
    let rel = p.order.deps[dep].rel.clone();
    let RelKind::ManyToMany { table, .. } = &rel.kind else {
        // The key copies of the other kinds are recorded in advance.
        return Ok(());
    };
    let pair = pair_id(p, &rel);
    let mut lost: Vec<AssocRow> = Vec::new();
    let mut owners_gone: Vec<AssocRow> = Vec::new();
    let mut gained: Vec<AssocRow> = Vec::new();
    let mut done: Vec<(*const Instance, *const Instance)> = Vec::new();
    for &s in states {
        let owner = p.reg.list[s as usize].clone();
        let hist = history(&owner, &rel);
        let loaded = hist.as_ref().is_some_and(|(_, l)| *l);
        if delete && (!loaded || rel.lazy == Lazy::Dynamic) {
            // A collection not in memory (dynamic, noload): every row of
            // the owner goes. Only the rows it had count as processed
            // (`history.non_added()`): a queued append is the reverse
            // side's to insert, even to an owner deleted here.
            owners_gone.push(side(p, &rel, &owner, true)?);
            if let Some((h, _)) = &hist {
                done.extend(
                    h.deleted
                        .iter()
                        .map(|c| (Rc::as_ptr(c), Rc::as_ptr(&owner))),
                );
            }
            continue;
        }
        let Some((h, _)) = hist else { continue };
        let (into, out): (&[Rc<Instance>], Vec<Rc<Instance>>) = if delete {
            (&[], h.unchanged.iter().chain(&h.deleted).cloned().collect())
        } else {
            (&h.added, h.deleted.clone())
        };
        for (list, rows) in [(into.to_vec(), &mut gained), (out, &mut lost)] {
            for child in list {
                let key = (pair, Rc::as_ptr(&owner), Rc::as_ptr(&child));
                done.push((Rc::as_ptr(&child), Rc::as_ptr(&owner)));
                if p.processed.contains(&key) || !in_session(&child) {
                    continue;
                }
                rows.push(row(p, &rel, &owner, &child)?);
            }
        }
    }
    for (child, owner) in done {
        p.processed.insert((pair, child, owner));
    }
    let cols = |r: &AssocRow| r.iter().map(|(c, _)| c.clone()).collect::<Vec<_>>();
    for (rows, op, kind) in [
        (lost, Op::AssocDelete { by_owner: false }, 2),
        (owners_gone, Op::AssocDelete { by_owner: true }, 2),
        (gained, Op::AssocInsert, 0),
    ] {
        let Some(first) = rows.first() else { continue };
        let names = cols(first);
        let sql = if kind == 0 {
            p.text(0, &table.name, &names, &[])
        } else {
            p.text(2, &table.name, &[], &names)
        };
        let mut stmt = Statement {
            key_extra: None,
            sql,
            plain: None,
            many: Vec::new(),
            table: table.name.clone(),
            op,
            rows: Vec::new(),
        };
        for r in rows {
            if cols(&r) != names {
                p.steps.push(Step::Run(stmt));
                let names = cols(&r);
                let sql = if kind == 0 {
                    p.text(0, &table.name, &names, &[])
                } else {
                    p.text(2, &table.name, &[], &names)
                };
                stmt = Statement {
                    key_extra: None,
                    sql,
                    plain: None,
                    many: Vec::new(),
                    table: table.name.clone(),
                    op,
                    rows: Vec::new(),
                };
            }
            stmt.rows.push(Row {
                inst: None,
                params: r.into_iter().map(|(_, v)| v).collect(),
                cols: Vec::new(),
                onupdate: Vec::new(),
                returning: Vec::new(),
            });
        }
        p.steps.push(Step::Run(stmt));
    }
    Ok(())
}

/// Whether an object is in the session (or was deleted by it).
fn in_session(x: &Instance) -> bool {
    matches!(x.status(), Status::Pending | Status::Persistent)
}

/// The same number for a relationship and its reverse.
fn pair_id(p: &Planner, rel: &Rel) -> usize {
    let mut ids: HashMap<(Rc<str>, Rc<str>), usize> = HashMap::default();
    for (i, d) in p.order.deps.iter().enumerate() {
        ids.entry((d.rel.owner.name.clone(), d.rel.name.clone()))
            .or_insert(i);
    }
    let me = ids[&(rel.owner.name.clone(), rel.name.clone())];
    match &rel.reverse {
        Some(r) => ids
            .get(&(rel.target.name.clone(), r.clone()))
            .map_or(me, |&other| me.min(other)),
        None => me,
    }
}

/// The columns one side of an association row fills, from `x`.
fn side(p: &Planner, rel: &Rel, x: &Rc<Instance>, owner_side: bool) -> Result<AssocRow> {
    let RelKind::ManyToMany { owner, target, .. } = &rel.kind else {
        return Ok(Vec::new());
    };
    let pairs = if owner_side { owner } else { target };
    let mut out = Vec::new();
    for (name, i) in pairs {
        let v = x.value(*i);
        let v = if x.status() == Status::Pending && matches!(v, Value::None) {
            PlanValue::Deferred {
                inst: x.clone(),
                col: *i,
            }
        } else {
            PlanValue::Known(v)
        };
        out.push((name.clone(), p.param(&v, &x.model.columns[*i].ty)?));
    }
    Ok(out)
}

/// The association row joining `owner` and `child`, its columns in the
/// table's order (as SQLAlchemy writes them).
fn row(p: &Planner, rel: &Rel, owner: &Rc<Instance>, child: &Rc<Instance>) -> Result<AssocRow> {
    let RelKind::ManyToMany { table, .. } = &rel.kind else {
        return Ok(Vec::new());
    };
    let mut cells = side(p, rel, owner, true)?;
    cells.extend(side(p, rel, child, false)?);
    let at = |name: &str| table.columns.iter().position(|c| &*c.name == name);
    cells.sort_by_key(|(c, _)| at(c));
    Ok(cells)
}
