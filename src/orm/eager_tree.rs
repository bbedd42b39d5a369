//! The joined eager loaders one statement runs, as a tree: the ones the
//! query asks for (its own or its model's `lazy='joined'`), and under each
//! the `lazy='joined'` relationships of its target, and so on, as
//! SQLAlchemy's `JoinedLoader.setup_query` chains them through
//! `_setup_entity_query` — a default loader left out when its target's
//! mapper is already on the statement's own path (`path.contains_mapper`:
//! the query's model and each target joined on the way down).
//!
//! The joins go in pre-order (each node after its parent); the columns in
//! the order SQLAlchemy's mapper iterates a nested target's properties:
//! its relationships first (declarative maps a plain `db.Column` named as
//! its attribute after the explicit properties), so a node's subtrees come
//! before its own columns. The query's own entity's columns are its
//! primary columns, so the top-level nodes come after them in order.

use std::rc::Rc;

use crate::schema::model::Model;
use crate::schema::relationship::{Lazy, Mapping, Rel};

/// One joined loader: the relationship and the node it hangs from
/// (`None`: the statement's own entity).
#[derive(Clone)]
pub struct JoinNode {
    pub rel: Rc<Rel>,
    pub parent: Option<usize>,
}

/// Chained loader options: a path of relationships and the strategy of
/// its last step (`Query::nested`).
pub type OptionPaths = [(Vec<Rc<Rel>>, Lazy)];

/// The tree of joined loaders for a statement of `model` whose own joined
/// loaders are `top`, with the joined loaders of their targets nested
/// under them (SQLAlchemy's `JoinedLoader.setup_query` recursion), in
/// pre-order: a chained option's strategy where one names the path
/// (`joinedload(A.b).joinedload(B.c)`; no cycle check for it), else the
/// relationship's own `lazy='joined'`.
pub fn joined_tree(
    mapping: &Mapping,
    model: &Model,
    top: &[Rc<Rel>],
    opts: &OptionPaths,
) -> Vec<JoinNode> {
    let mut nodes = Vec::new();
    for rel in top {
        nodes.push(JoinNode {
            rel: rel.clone(),
            parent: None,
        });
        let at = nodes.len() - 1;
        let mut walk = Walk {
            mapping,
            opts,
            mappers: vec![model.id, rel.target.id],
            rels: vec![rel.clone()],
        };
        walk.nest(&mut nodes, at);
    }
    nodes
}

/// Where the recursion is: the mappers and relationships from the
/// statement's entity down to the node being nested.
struct Walk<'a> {
    mapping: &'a Mapping,
    opts: &'a OptionPaths,
    mappers: Vec<u32>,
    rels: Vec<Rc<Rel>>,
}

impl Walk<'_> {
    /// The strategy a chained option gives `rel` below the current path.
    fn option(&self, rel: &Rc<Rel>) -> Option<Lazy> {
        let n = self.rels.len() + 1;
        self.opts
            .iter()
            .find(|(p, _)| {
                p.len() == n
                    && p.iter()
                        .zip(self.rels.iter().chain([rel]))
                        .all(|(a, b)| Rc::ptr_eq(a, b))
            })
            .map(|(_, l)| *l)
    }

    /// The joined loaders under node `at`, depth first.
    fn nest(&mut self, nodes: &mut Vec<JoinNode>, at: usize) {
        let target = nodes[at].rel.target.clone();
        let rels: Vec<Rc<Rel>> = (self.mapping.of(&target.name).iter())
            .filter(|r| match self.option(r) {
                Some(l) => l == Lazy::Joined,
                None => r.lazy == Lazy::Joined && !self.mappers.contains(&r.target.id),
            })
            .cloned()
            .collect();
        for rel in rels {
            nodes.push(JoinNode {
                rel: rel.clone(),
                parent: Some(at),
            });
            let child = nodes.len() - 1;
            self.mappers.push(rel.target.id);
            self.rels.push(rel);
            self.nest(nodes, child);
            self.mappers.pop();
            self.rels.pop();
        }
    }
}

/// Whether the tree holds the chain `path` from a top-level node down:
/// a chained option the statement's joins already load.
pub fn covers(nodes: &[JoinNode], path: &[Rc<Rel>]) -> bool {
    let mut parent: Option<usize> = None;
    for rel in path {
        let found = (nodes.iter().enumerate())
            .find(|(_, n)| n.parent == parent && Rc::ptr_eq(&n.rel, rel))
            .map(|(i, _)| i);
        match found {
            Some(i) => parent = Some(i),
            None => return false,
        }
    }
    !path.is_empty()
}

/// The nodes in the order their columns appear in the SELECT: each
/// top-level node's subtree, a node's children before its own columns.
pub fn column_order(nodes: &[JoinNode]) -> Vec<usize> {
    let parents: Vec<Option<usize>> = nodes.iter().map(|n| n.parent).collect();
    order_of(&parents)
}

/// [`column_order`] over the tree's shape: each node's parent.
fn order_of(parents: &[Option<usize>]) -> Vec<usize> {
    let mut out = Vec::with_capacity(parents.len());
    for (i, p) in parents.iter().enumerate() {
        if p.is_none() {
            post_order(parents, i, &mut out);
        }
    }
    out
}

fn post_order(parents: &[Option<usize>], at: usize, out: &mut Vec<usize>) {
    for (i, p) in parents.iter().enumerate() {
        if *p == Some(at) {
            post_order(parents, i, out);
        }
    }
    out.push(at);
}

/// Each node's first column, counted from the first eager column, given
/// how many columns each node's target loads.
pub fn column_offsets(nodes: &[JoinNode], width: impl Fn(&Rel) -> usize) -> Vec<usize> {
    let mut at = vec![0; nodes.len()];
    let mut next = 0;
    for i in column_order(nodes) {
        at[i] = next;
        next += width(&nodes[i].rel);
    }
    at
}

#[cfg(test)]
mod tests {
    use super::order_of;

    #[test]
    fn children_before_their_parent_top_level_in_order() {
        // b.c (0) -> c.ds (1); b.es (2): d_1, c_1, e_1 as SQLAlchemy lists them.
        assert_eq!(order_of(&[None, Some(0), None]), vec![1, 0, 2]);
        assert_eq!(
            order_of(&[None, Some(0), Some(1), Some(0)]),
            vec![2, 1, 3, 0]
        );
    }
}
