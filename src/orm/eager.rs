//! Eager loading: `lazy='joined'` / `joinedload` (one LEFT OUTER JOIN, the
//! limited query wrapped in a subquery so LIMIT counts parents, not rows;
//! its SQL in `eager_sql`),
//! and `lazy='selectin'` (one more statement per relationship,
//! `… WHERE fk IN (…)`; `'subquery'` is `orm::subquery_load`). Relationships already loaded in
//! memory are left as they are, as SQLAlchemy does.

use std::collections::HashMap;
use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::error::Result;
use crate::orm::contains_eager;
use crate::orm::deferral;
use crate::orm::eager_sql::{add_eager_joins, joined_select};
use crate::orm::eager_tree::{JoinNode, column_offsets, joined_tree};
use crate::orm::instance::{Instance, Key, KeyPart};
use crate::orm::query::Query;
use crate::orm::relation::param_of;
use crate::orm::selectin_sql::{in_query, keys_of, secondary_select};
use crate::orm::session::Session;
use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Rel, RelKind};
use crate::sql::ast::{Param, SqlExpr};
use crate::sql::compile::{self, Mode};
use crate::value::Value;

const IN_BATCH: usize = 500;

fn slot_loaded(inst: &Instance, name: &str) -> bool {
    inst.st
        .borrow()
        .slots()
        .iter()
        .any(|s| &*s.name == name && s.loaded)
}

impl Session {
    /// Run a one-model query with eager loaders, the `joined` ones in its
    /// SELECT; the parent instances. The `selectin` / `subquery` ones load
    /// after (`load_eager_after`), once the caller has run the autoflush
    /// their own statements run in SQLAlchemy.
    pub fn load_eager(
        &mut self,
        q: &Query,
        eager: &[(Rc<Rel>, Lazy)],
    ) -> Result<Vec<Rc<Instance>>> {
        Ok(self
            .load_eager_rows(q, eager)?
            .into_iter()
            .flatten()
            .collect())
    }

    /// [`Session::load_eager`] with None for each row whose key is all
    /// NULL, as the query yields it (once from a uniquing one).
    pub fn load_eager_rows(
        &mut self,
        q: &Query,
        eager: &[(Rc<Rel>, Lazy)],
    ) -> Result<Vec<Option<Rc<Instance>>>> {
        crate::orm::retire::check_query(q)?;
        q.compilable()?;
        for (rel, _) in eager {
            crate::orm::retire::check_rel(rel)?;
        }
        let joined: Vec<Rc<Rel>> = eager
            .iter()
            .filter(|(_, l)| *l == Lazy::Joined)
            .map(|(r, _)| r.clone())
            .collect();
        if joined.is_empty() && q.contains.is_empty() {
            Ok(self
                .load_all(q)?
                .into_iter()
                .filter_map(|v| match v.downcast::<Instance>() {
                    Some(i) => Some(Some(i)),
                    None => matches!(v, Value::None).then_some(None),
                })
                .collect())
        } else {
            self.load_joined(q, &joined)
        }
    }

    /// The `selectin` / `subquery` loaders of query `q`, which `load_eager`
    /// ran: one more statement per relationship for its `parents`
    /// (`orm::subquery_load` for the `subquery` ones).
    pub fn load_eager_after(
        &mut self,
        q: &Query,
        parents: &[Rc<Instance>],
        eager: &[(Rc<Rel>, Lazy)],
    ) -> Result<()> {
        for (rel, lazy) in eager {
            match lazy {
                Lazy::Selectin => self.load_selectin(parents, rel)?,
                Lazy::Subquery => self.load_subquery(q, parents, rel)?,
                _ => {}
            }
        }
        Ok(())
    }

    /// Whether `load_eager_after` may run a statement for `parents`: there
    /// are parents and a `selectin` / `subquery` relationship, and for a
    /// many-to-one `selectin` some parent names a target (SQLAlchemy 2.1's
    /// `_load_via_child` queries every key named, the identity map's
    /// targets too). SQLAlchemy's loader autoflushes only when it runs its
    /// statement: no rows, or no key named, no autoflush. (Parents whose
    /// relationship is already loaded still count: the statement runs for
    /// them, their values are left as they are.)
    pub fn eager_after_runs_sql(
        &self,
        parents: &[Rc<Instance>],
        eager: &[(Rc<Rel>, Lazy)],
    ) -> bool {
        eager.iter().any(|(rel, lazy)| {
            let todo = parents.iter();
            match (lazy, &rel.kind) {
                (Lazy::Selectin, RelKind::ManyToOne { pairs }) if pairs.len() == 1 => {
                    todo.into_iter().any(|p| {
                        param_of(p, pairs[0].0)
                            .ok()
                            .is_some_and(|v| v != Param::Null)
                    })
                }
                (Lazy::Selectin | Lazy::Subquery, _) => todo.into_iter().next().is_some(),
                _ => false,
            }
        })
    }

    fn load_joined(&mut self, q: &Query, rels: &[Rc<Rel>]) -> Result<Vec<Option<Rc<Instance>>>> {
        let model: Rc<Model> = match q.single_model() {
            Some(m) => m.clone(),
            None => return Ok(Vec::new()),
        };
        let mapping = self.mapping.clone();
        let nodes = joined_tree(&mapping, &model, rels, &q.nested);
        let sel = joined_select(q, &model, &nodes);
        let mask = q.column_mask();
        let (sel, tree) =
            contains_eager::splice(sel, &q.contains, &model, &mapping, q.legacy, &mask);
        let compiled = compile::select(&sel, Mode::Execute, self.engine.dialect());
        self.load_late(&compiled)?;
        let rows = self.engine.query_all(&compiled)?;
        let n = (0..model.columns.len())
            .filter(|&i| deferral::loads(&mask, i))
            .count();
        let own = tree.at..tree.at + n;
        // The parent's row whole (its deferred columns NULL), read under
        // the query's deferral.
        let whole = |row: &[Param]| -> Vec<Param> {
            match &mask {
                Some(m) => deferral::widen(&row[own.clone()], m),
                None => row[own.clone()].to_vec(),
            }
        };
        let parent_mask = mask.clone().unwrap_or_else(|| deferral::all_loaded(&model));
        let mut contained = contains_eager::Gathered::default();
        // The parents' columns, the ORDER BY terms a wrapped query adds,
        // then the joined loaders' columns.
        let eager: usize = nodes
            .iter()
            .map(|n| deferral::loaded_count(&n.rel.target))
            .sum();
        let first_eager = sel.columns.len().saturating_sub(eager).max(own.end);
        let offsets = column_offsets(&nodes, |r| deferral::loaded_count(&r.target));
        // The rows the result yields; what each node gathers for each
        // object it hangs from, each child once.
        let mut parents: Vec<Option<Rc<Instance>>> = Vec::new();
        let mut seen: FxHashSet<Key> = FxHashSet::default();
        let mut seen_none = false;
        let mut gathered = Gathering::default();
        // A legacy Query and a collection's rows (which 2.0 makes the
        // caller unique) yield each parent once; a 2.0 select joining
        // only scalars yields its rows as they come.
        let unique = q.legacy
            || rels.iter().any(|r| r.uselist)
            || q.contains.iter().any(|c| c.path.iter().any(|r| r.uselist));
        for row in &rows {
            let parent_row = whole(row);
            let Some(key) = Session::key_of(&model, &parent_row) else {
                // A row whose key is all NULL is None, as the query
                // yields it (once where it uniques).
                if !std::mem::replace(&mut seen_none, true) || !unique {
                    parents.push(None);
                }
                continue;
            };
            // The parent read under the query's deferral; the related
            // objects under their models' own.
            let outer = self.row_mask.replace((model.id, parent_mask.clone()));
            let p = self.instance_for_row(&model, &parent_row);
            self.row_mask = outer;
            let Some(p) = p else {
                continue;
            };
            self.gather_contains(&tree, &p, row, &mut contained);
            if seen.insert(key.clone()) || !unique {
                parents.push(Some(p.clone()));
            }
            self.gather_row(&nodes, &offsets, first_eager, row, (p, key), &mut gathered);
        }
        self.fill_gathered(&nodes, gathered);
        self.fill_contains(contained);
        Ok(parents)
    }

    /// What the joined loaders' columns of one row hold (from column
    /// `first_eager`, each node at its offset) for `root`, the row's object
    /// of the statement's entity, and its identity key: each node's object
    /// in the row, gathered under the object it hangs from.
    pub(crate) fn gather_row(
        &mut self,
        nodes: &[JoinNode],
        offsets: &[usize],
        first_eager: usize,
        row: &[Param],
        root: (Rc<Instance>, Key),
        gathered: &mut Gathering,
    ) {
        // Each node's object in this row (pre-order: a parent's first).
        let mut at_node: Vec<Option<(Rc<Instance>, Key)>> = Vec::with_capacity(nodes.len());
        for (k, node) in nodes.iter().enumerate() {
            let holder = match node.parent {
                None => Some(root.clone()),
                Some(pn) => at_node[pn].clone(),
            };
            let Some((holder, hkey)) = holder else {
                at_node.push(None);
                continue;
            };
            let t = &node.rel.target;
            let m = deferral::loaded_count(t);
            let start = first_eager + offsets[k];
            let slice = deferral::widen_for(t, &row[start..start + m]);
            let child = Session::key_of(t, &slice)
                .and_then(|ck| self.instance_for_row(t, &slice).map(|c| (c, ck)));
            gathered.add(k, &holder, hkey, child.as_ref());
            at_node.push(child);
        }
    }

    /// Each gathered relationship filled where its object had not loaded
    /// it (SQLAlchemy's joined loader leaves a loaded one as it is).
    pub(crate) fn fill_gathered(&mut self, nodes: &[JoinNode], gathered: Gathering) {
        for (holder, k, items) in gathered.groups {
            let rel = &nodes[k].rel;
            if !slot_loaded(&holder, &rel.name) {
                self.fill_slot(&holder, rel, items);
            }
        }
    }

    /// One more statement per relationship for all the parents at once.
    pub fn load_selectin(&mut self, parents: &[Rc<Instance>], rel: &Rc<Rel>) -> Result<()> {
        let todo: Vec<Rc<Instance>> = parents
            .iter()
            .filter(|p| !slot_loaded(p, &rel.name))
            .cloned()
            .collect();
        // The statement names every parent's key, those already loaded
        // too (SQLAlchemy's `_load_for_path`: `overwrite` only decides
        // which parents it fills).
        match &rel.kind {
            RelKind::ManyToOne { pairs } if pairs.len() == 1 => {
                self.selectin_many_to_one(parents, &todo, rel, pairs[0])
            }
            RelKind::OneToMany { pairs } if pairs.len() == 1 => {
                self.selectin_one_to_many(parents, &todo, rel, pairs[0])
            }
            RelKind::ManyToMany {
                table,
                owner,
                target,
            } if owner.len() == 1 && target.len() == 1 => {
                self.selectin_many_to_many(parents, &todo, rel, &table.name, &owner[0], &target[0])
            }
            // Composite keys: load each parent on its own.
            _ => {
                for p in &todo {
                    self.load_rel(p, rel)?;
                }
                Ok(())
            }
        }
    }

    /// The parents' targets by primary key (`(fk, r)`: the parent's foreign
    /// key column, the target's column it names), those the identity map
    /// holds too (SQLAlchemy's `_load_via_child`: their rows refresh
    /// nothing), then each parent's slot from the map.
    fn selectin_many_to_one(
        &mut self,
        parents: &[Rc<Instance>],
        todo: &[Rc<Instance>],
        rel: &Rc<Rel>,
        (fk, r): (usize, usize),
    ) -> Result<()> {
        let t = rel.target.clone();
        let mut wanted: Vec<Param> = Vec::new();
        for p in parents {
            let v = param_of(p, fk)?;
            if v != Param::Null && !wanted.contains(&v) {
                wanted.push(v);
            }
        }
        // The loaded targets are held until the slots have them: the
        // identity map is weak, and nothing else holds a target yet.
        let mut loaded: Vec<Value> = Vec::new();
        for chunk in wanted.chunks(IN_BATCH) {
            let q = in_query(&t, &t.columns[r].name, chunk, Vec::new());
            loaded.extend(self.load_for_selectin(&q, rel)?);
        }
        for p in todo {
            let v = param_of(p, fk)?;
            let target =
                KeyPart::of_param(&v).and_then(|k| self.identity.get(&(t.id, Rc::from(vec![k]))));
            self.fill_slot(p, rel, target.into_iter().collect());
        }
        drop(loaded);
        Ok(())
    }

    /// The children of all the parents (`(own, fk)`: the parent's column,
    /// the child's foreign key naming it), grouped by that key.
    fn selectin_one_to_many(
        &mut self,
        parents: &[Rc<Instance>],
        todo: &[Rc<Instance>],
        rel: &Rc<Rel>,
        (own, fk): (usize, usize),
    ) -> Result<()> {
        let t = rel.target.clone();
        let keys = keys_of(parents, own)?;
        let mut groups: HashMap<KeyPart, Vec<Option<Rc<Instance>>>> = HashMap::new();
        for chunk in keys.chunks(IN_BATCH) {
            let q = in_query(&t, &t.columns[fk].name, chunk, rel.order_by.clone());
            // The rows too: a child whose key is all NULL loads as None,
            // grouped by its row's foreign key and kept each time, as
            // SQLAlchemy's selectin loader keeps it.
            let outer = self.captured_rows.replace(Vec::new());
            let loaded = self.load_for_selectin(&q, rel);
            let rows = std::mem::replace(&mut self.captured_rows, outer).unwrap_or_default();
            let loaded = loaded?;
            let by_row = rows.len() == loaded.len();
            for (i, v) in loaded.into_iter().enumerate() {
                let (c, key) = match v.downcast::<Instance>() {
                    Some(c) => {
                        let k = param_of(&c, fk)?;
                        (Some(c), k)
                    }
                    None if by_row => (None, rows[i].get(fk).cloned().unwrap_or(Param::Null)),
                    None => continue,
                };
                if let Some(k) = KeyPart::of_param(&key) {
                    groups.entry(k).or_default().push(c);
                }
            }
        }
        self.fill_groups_rows(todo, rel, own, &groups)
    }

    /// The targets of all the parents through the association table
    /// (`owner`, `target`: its column naming each side, and that side's
    /// column), grouped by the owner's key read from the association row,
    /// with the target's default joined loaders in the statement (their
    /// relationships filled as a joined load fills them).
    fn selectin_many_to_many(
        &mut self,
        parents: &[Rc<Instance>],
        todo: &[Rc<Instance>],
        rel: &Rc<Rel>,
        table: &Rc<str>,
        owner: &(Rc<str>, usize),
        target: &(Rc<str>, usize),
    ) -> Result<()> {
        let t = rel.target.clone();
        let keys = keys_of(parents, owner.1)?;
        let top: Vec<Rc<Rel>> = (self.mapping.of(&t.name).iter())
            .filter(|r| r.target.id != t.id && r.lazy == Lazy::Joined)
            .cloned()
            .collect();
        let nodes = joined_tree(&self.mapping.clone(), &t, &top, &[]);
        let offsets = column_offsets(&nodes, |r| deferral::loaded_count(&r.target));
        let m = deferral::loaded_count(&t);
        // One child per association row, a duplicate link row twice
        // (SelectInLoader._load_via_parent appends each row), unless a
        // joined collection multiplies the rows: then the result is
        // uniqued (`requires_uniquing`: `result.unique()`).
        let uniquing = nodes.iter().any(|n| n.rel.uselist);
        let mut groups: HashMap<KeyPart, Vec<Rc<Instance>>> = HashMap::new();
        let mut gathered = Gathering::default();
        for chunk in keys.chunks(IN_BATCH) {
            let mut sel = secondary_select(rel, table, owner, target, chunk);
            let root = |i: usize| SqlExpr::col(&t.table, &t.columns[i].name);
            add_eager_joins(&mut sel, &nodes, &root, false);
            let rows = self.engine.query_all(&compile::select(
                &sel,
                Mode::Execute,
                self.engine.dialect(),
            ))?;
            for row in rows {
                let Some(k) = KeyPart::of_param(&row[0]) else {
                    continue;
                };
                let slice = deferral::widen_for(&t, &row[1..1 + m]);
                let Some(ck) = Session::key_of(&t, &slice) else {
                    continue;
                };
                if let Some(c) = self.instance_for_row(&t, &slice) {
                    let g = groups.entry(k).or_default();
                    if !uniquing || !g.iter().any(|x| Rc::ptr_eq(x, &c)) {
                        g.push(c.clone());
                    }
                    self.gather_row(&nodes, &offsets, 1 + m, &row, (c, ck), &mut gathered);
                }
            }
        }
        self.fill_gathered(&nodes, gathered);
        self.fill_groups(todo, rel, owner.1, &groups)
    }

    /// [`Session::fill_groups`] from groups that may hold None (children
    /// whose key is all NULL).
    fn fill_groups_rows(
        &mut self,
        todo: &[Rc<Instance>],
        rel: &Rc<Rel>,
        own: usize,
        groups: &HashMap<KeyPart, Vec<Option<Rc<Instance>>>>,
    ) -> Result<()> {
        for p in todo {
            let k = KeyPart::of_param(&param_of(p, own)?);
            let items = k.and_then(|k| groups.get(&k).cloned()).unwrap_or_default();
            self.fill_slot_rows(p, rel, items);
        }
        Ok(())
    }

    /// Each parent's slot from the groups, by its column `own`.
    fn fill_groups(
        &mut self,
        todo: &[Rc<Instance>],
        rel: &Rc<Rel>,
        own: usize,
        groups: &HashMap<KeyPart, Vec<Rc<Instance>>>,
    ) -> Result<()> {
        for p in todo {
            let k = KeyPart::of_param(&param_of(p, own)?);
            let items = k.and_then(|k| groups.get(&k).cloned()).unwrap_or_default();
            self.fill_slot(p, rel, items);
        }
        Ok(())
    }
}

/// What the joined loaders gather from the rows: for each (node, object it
/// hangs from) in the order first met, the distinct children, each once.
#[derive(Default)]
pub(crate) struct Gathering {
    index: FxHashMap<(usize, Key), usize>,
    groups: Vec<(Rc<Instance>, usize, Vec<Rc<Instance>>)>,
    seen: FxHashSet<(usize, Key, Key)>,
}

impl Gathering {
    /// Node `k`'s `child` (none: the LEFT OUTER JOIN found no row) of
    /// `holder`, whose identity key is `hkey`.
    fn add(
        &mut self,
        k: usize,
        holder: &Rc<Instance>,
        hkey: Key,
        child: Option<&(Rc<Instance>, Key)>,
    ) {
        let at = match self.index.get(&(k, hkey.clone())) {
            Some(&i) => i,
            None => {
                self.groups.push((holder.clone(), k, Vec::new()));
                self.index.insert((k, hkey.clone()), self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        if let Some((c, ck)) = child
            && self.seen.insert((k, hkey, ck.clone()))
        {
            self.groups[at].2.push(c.clone());
        }
    }
}
