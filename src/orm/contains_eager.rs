//! `contains_eager(User.posts)`: a relationship filled from the columns of
//! a join the query already makes (SQLAlchemy's `JoinedLoader` with a
//! user-defined adapter). The joined entity's columns join the SELECT
//! list among the query entity's own, where SQLAlchemy's mapper puts them:
//! a relationship declared in the class comes before the class's columns
//! (its property precedes the table's columns), a backref after them; a
//! chained step's columns nest the same way inside its parent's. Each row
//! then gives the object, the related objects found, and the collections
//! (or scalars) they make, set without SQL — unless already loaded, as
//! SQLAlchemy leaves them (`populate_existing()` expires them first).

use std::rc::Rc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::orm::instance::{Instance, Key};
use crate::orm::session::Session;
use crate::schema::model::Model;
use crate::schema::relationship::{Mapping, Rel};
use crate::sql::ast::{FromItem, Param, Select, SqlExpr};

/// One `contains_eager` step of a query: the path of relationships from
/// the query's model, and where the statement reads the target's columns
/// (its table, or the alias given by `of_type`).
#[derive(Clone)]
pub struct ContainsEager {
    pub path: Vec<Rc<Rel>>,
    /// The target's columns as the statement reads them, in model order.
    pub columns: Vec<SqlExpr>,
    /// What the legacy Query prefixes their labels with (`post`, `post_1`):
    /// the name the statement reads the target by.
    pub prefix: Rc<str>,
    /// The FROM item naming it, added when the query does not join it
    /// (SQLAlchemy then selects from both: `FROM user, post`).
    pub from: FromItem,
}

/// Where a row holds an entity's columns, and the `contains_eager`
/// relationships filled from the same row, nested.
pub struct Node {
    pub rel: Option<Rc<Rel>>,
    pub model: Rc<Model>,
    /// Index of the entity's first column in the row.
    pub at: usize,
    pub children: Vec<Node>,
}

/// The SELECT list of `sel` with the `contains_eager` columns of `steps`
/// spliced among the query entity's own columns (its first `n`), and where
/// each entity's columns are found in a row. The entity's columns (those
/// `mask` loads) are at `at` of the result's root node.
pub fn splice(
    mut sel: Select,
    steps: &[ContainsEager],
    model: &Rc<Model>,
    mapping: &Mapping,
    legacy: bool,
    mask: &crate::orm::deferral::Mask,
) -> (Select, Node) {
    let n = (0..model.columns.len())
        .filter(|&i| crate::orm::deferral::loads(mask, i))
        .count()
        .min(sel.columns.len());
    let own: Vec<SqlExpr> = sel.columns.drain(..n).collect();
    let mut cols = Vec::new();
    let mut path = Vec::new();
    let root = layout(
        steps, model, None, own, &mut path, &mut cols, mapping, legacy,
    );
    sel.columns.splice(0..0, cols);
    let mut named = Vec::new();
    names_in(&sel.from, &mut named);
    for step in steps {
        if !named.contains(&step.prefix) {
            named.push(step.prefix.clone());
            sel.from.push(step.from.clone());
        }
    }
    (sel, root)
}

/// The names the statement reads its FROM items by, through joins.
fn names_in(items: &[FromItem], out: &mut Vec<Rc<str>>) {
    let mut work: Vec<&FromItem> = items.iter().collect();
    while let Some(f) = work.pop() {
        match f {
            FromItem::Join { left, right, .. } => {
                work.push(left);
                work.push(right);
            }
            other => out.extend(other.alias_name().cloned()),
        }
    }
}

/// The node of `model` reached along `path`: its declared relationships'
/// columns, its own, then its backrefs'.
#[allow(clippy::too_many_arguments)]
fn layout(
    steps: &[ContainsEager],
    model: &Rc<Model>,
    rel: Option<Rc<Rel>>,
    own: Vec<SqlExpr>,
    path: &mut Vec<Rc<Rel>>,
    cols: &mut Vec<SqlExpr>,
    mapping: &Mapping,
    legacy: bool,
) -> Node {
    let mut children = Vec::new();
    let mut at = None;
    let declared = |r: &Rel| model.rels.iter().any(|(n, _)| *n == r.name);
    let rels = mapping.of(&model.name);
    // Declared relationships first, then the entity's columns, then backrefs.
    for pass in [true, false] {
        if !pass {
            at = Some(cols.len());
            cols.extend(own.iter().cloned());
        }
        for r in rels.iter().filter(|r| declared(r) == pass) {
            path.push(r.clone());
            if let Some(step) = steps.iter().find(|s| same_path(&s.path, path)) {
                let own = labelled(step, &r.target, legacy);
                children.push(layout(
                    steps,
                    &r.target,
                    Some(r.clone()),
                    own,
                    path,
                    cols,
                    mapping,
                    legacy,
                ));
            }
            path.pop();
        }
    }
    Node {
        rel,
        model: model.clone(),
        at: at.unwrap_or(0),
        children,
    }
}

/// A step's columns as the SELECT list names them: the legacy Query's
/// `post.id AS post_id`, a 2.0 select's bare `post.id`.
fn labelled(step: &ContainsEager, model: &Model, legacy: bool) -> Vec<SqlExpr> {
    let mask = crate::orm::deferral::model_mask(model);
    (step.columns.iter().zip(&model.columns).enumerate())
        .filter(|(i, _)| crate::orm::deferral::loads(&mask, *i))
        .map(|(_, (e, c))| {
            if legacy {
                SqlExpr::Label {
                    expr: Box::new(e.clone()),
                    name: Rc::from(format!("{}_{}", step.prefix, c.name)),
                }
            } else {
                e.clone()
            }
        })
        .collect()
}

/// The same relationships, step by step.
fn same_path(a: &[Rc<Rel>], b: &[Rc<Rel>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.owner.name == y.owner.name && x.name == y.name)
}

/// An object, one of its relationships, and the objects rows gave it.
type Entry = (Rc<Instance>, Rc<Rel>, Vec<Rc<Instance>>);

/// What the rows of one result gave each relationship of each object.
#[derive(Default)]
pub struct Gathered {
    entries: Vec<Entry>,
    index: FxHashMap<(usize, Rc<str>), usize>,
    seen: FxHashSet<(usize, Key)>,
}

impl Gathered {
    fn entry(&mut self, parent: &Rc<Instance>, rel: &Rc<Rel>) -> usize {
        let k = (Rc::as_ptr(parent) as usize, rel.name.clone());
        if let Some(&i) = self.index.get(&k) {
            return i;
        }
        self.entries.push((parent.clone(), rel.clone(), Vec::new()));
        self.index.insert(k, self.entries.len() - 1);
        self.entries.len() - 1
    }
}

impl Session {
    /// The related objects one row gives `parent` along `node`'s children
    /// (each once per relationship), and deeper.
    pub fn gather_contains(
        &mut self,
        node: &Node,
        parent: &Rc<Instance>,
        row: &[Param],
        g: &mut Gathered,
    ) {
        for child in &node.children {
            let Some(rel) = &child.rel else { continue };
            let idx = g.entry(parent, rel);
            let m = crate::orm::deferral::loaded_count(&child.model);
            let slice = crate::orm::deferral::widen_for(&child.model, &row[child.at..child.at + m]);
            let Some(key) = Session::key_of(&child.model, &slice) else {
                continue;
            };
            let Some(c) = self.instance_for_row(&child.model, &slice) else {
                continue;
            };
            if g.seen.insert((idx, key)) {
                g.entries[idx].2.push(c.clone());
            }
            self.gather_contains(child, &c, row, g);
        }
    }

    /// Set what was gathered: each relationship not already loaded.
    pub fn fill_contains(&mut self, g: Gathered) {
        for (p, rel, items) in g.entries {
            let loaded =
                p.st.borrow()
                    .slots()
                    .iter()
                    .any(|s| s.name == rel.name && s.loaded);
            if !loaded {
                self.fill_slot(&p, &rel, items);
            }
        }
    }
}
