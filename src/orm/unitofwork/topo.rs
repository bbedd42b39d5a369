//! Topological sorting for the unit of work, as SQLAlchemy's
//! `util.topological` sorts (`sort_as_subsets`): the nodes come in layers,
//! each node in the first layer after all the nodes it depends on, so a
//! node's layer is the length of the longest chain of dependencies leading
//! to it. SQLAlchemy finds each layer by scanning every remaining node
//! (quadratic for a long chain); here each edge is followed once (Kahn's
//! algorithm), so the time is linear in nodes and edges.
//!
//! A node may weigh nothing (`weight` 0): it orders the nodes on either
//! side without taking a layer of its own. The unit of work uses such
//! nodes to stand for "all the objects of one table" where SQLAlchemy
//! writes an edge to every one of them (`graph`), which keeps the edges
//! linear in the objects and the layers as SQLAlchemy's.
//!
//! Also the nodes that lie on a cycle (SQLAlchemy's `find_cycles`): those
//! of strongly connected components with more than one node, or with an
//! edge to themselves (Tarjan's algorithm, with an explicit stack).

/// A directed graph of `n` nodes, numbered from 0, with an edge from each
/// node that must come first to the node that must come after it.
pub struct Graph {
    succ: Vec<Vec<u32>>,
    weight: Vec<u8>,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Graph {
        Graph {
            succ: Vec::new(),
            weight: Vec::new(),
        }
    }

    /// Add a node taking a layer (`weight` 1) or none (`weight` 0); its
    /// number.
    pub fn node(&mut self, weight: u8) -> u32 {
        self.succ.push(Vec::new());
        self.weight.push(weight);
        (self.succ.len() - 1) as u32
    }

    /// How many nodes there are.
    pub fn len(&self) -> usize {
        self.succ.len()
    }

    /// Whether there is no node.
    pub fn is_empty(&self) -> bool {
        self.succ.is_empty()
    }

    /// `first` must come before `then`.
    pub fn edge(&mut self, first: u32, then: u32) {
        self.succ[first as usize].push(then);
    }

    /// The nodes `x` must come before.
    pub fn successors(&self, x: u32) -> &[u32] {
        &self.succ[x as usize]
    }

    /// Each node's layer: 0 for a node nothing comes before, else the
    /// greatest of `layer + weight` over the nodes before it; and the
    /// nodes that could not be placed (empty unless the edges make a
    /// cycle: the nodes on it and after it). The placed nodes are those
    /// SQLAlchemy's `sort_as_subsets` yields before it raises.
    pub fn layers(&self) -> (Vec<u32>, Vec<u32>) {
        let n = self.len();
        let mut waiting = vec![0u32; n];
        for s in &self.succ {
            for &t in s {
                waiting[t as usize] += 1;
            }
        }
        let mut layer = vec![0u32; n];
        let mut ready: Vec<u32> = (0..n as u32)
            .filter(|&x| waiting[x as usize] == 0)
            .collect();
        let mut placed = 0usize;
        while let Some(x) = ready.pop() {
            placed += 1;
            let after = layer[x as usize] + u32::from(self.weight[x as usize]);
            for &t in &self.succ[x as usize] {
                let t = t as usize;
                layer[t] = layer[t].max(after);
                waiting[t] -= 1;
                if waiting[t] == 0 {
                    ready.push(t as u32);
                }
            }
        }
        let unplaced = if placed == n {
            Vec::new()
        } else {
            (0..n as u32).filter(|&x| waiting[x as usize] > 0).collect()
        };
        (layer, unplaced)
    }

    /// For each node, whether it lies on a cycle: in a strongly connected
    /// component of two or more nodes, or with an edge to itself.
    pub fn on_cycle(&self) -> Vec<bool> {
        let comp = self.components();
        let mut size = vec![0u32; self.len()];
        for &c in &comp {
            size[c as usize] += 1;
        }
        (0..self.len())
            .map(|x| size[comp[x] as usize] > 1 || self.succ[x].iter().any(|&t| t as usize == x))
            .collect()
    }

    /// The strongly connected component of each node (Tarjan's algorithm,
    /// iterative: a chain of any length never deepens the stack).
    pub fn components(&self) -> Vec<u32> {
        const UNSEEN: u32 = u32::MAX;
        let n = self.len();
        let mut index = vec![UNSEEN; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut comp = vec![UNSEEN; n];
        let mut stack: Vec<u32> = Vec::new();
        let mut next = 0u32;
        let mut comps = 0u32;
        // (node, position in its successor list)
        let mut work: Vec<(u32, usize)> = Vec::new();
        for root in 0..n as u32 {
            if index[root as usize] != UNSEEN {
                continue;
            }
            work.push((root, 0));
            while let Some(&mut (x, ref mut at)) = work.last_mut() {
                let xi = x as usize;
                if *at == 0 && index[xi] == UNSEEN {
                    index[xi] = next;
                    low[xi] = next;
                    next += 1;
                    stack.push(x);
                    on_stack[xi] = true;
                }
                if let Some(&t) = self.succ[xi].get(*at) {
                    *at += 1;
                    let ti = t as usize;
                    if index[ti] == UNSEEN {
                        work.push((t, 0));
                    } else if on_stack[ti] {
                        low[xi] = low[xi].min(index[ti]);
                    }
                    continue;
                }
                work.pop();
                if let Some(&(parent, _)) = work.last() {
                    let p = parent as usize;
                    low[p] = low[p].min(low[xi]);
                }
                if low[xi] == index[xi] {
                    while let Some(y) = stack.pop() {
                        on_stack[y as usize] = false;
                        comp[y as usize] = comps;
                        if y == x {
                            break;
                        }
                    }
                    comps += 1;
                }
            }
        }
        comp
    }
}

impl Default for Graph {
    fn default() -> Graph {
        Graph::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(weights: &[u8], edges: &[(u32, u32)]) -> Graph {
        let mut g = Graph::new();
        for &w in weights {
            g.node(w);
        }
        for &(a, b) in edges {
            g.edge(a, b);
        }
        g
    }

    /// SQLAlchemy's `sort_as_subsets`, as written there (quadratic), for
    /// comparison: the layer of each node.
    fn layers_as_sqlalchemy(n: u32, edges: &[(u32, u32)]) -> Vec<u32> {
        let mut layer = vec![u32::MAX; n as usize];
        let mut todo: Vec<u32> = (0..n).collect();
        let mut k = 0;
        while !todo.is_empty() {
            let out: Vec<u32> = todo
                .iter()
                .copied()
                .filter(|&x| !edges.iter().any(|&(a, b)| b == x && todo.contains(&a)))
                .collect();
            assert!(!out.is_empty(), "cycle");
            for &x in &out {
                layer[x as usize] = k;
            }
            todo.retain(|x| !out.contains(x));
            k += 1;
        }
        layer
    }

    #[test]
    fn layers_are_sqlalchemys_subsets() {
        let cases: &[(u32, &[(u32, u32)])] = &[
            (3, &[]),
            (3, &[(0, 1), (1, 2)]),
            (4, &[(0, 2), (1, 2), (2, 3), (0, 3)]),
            (5, &[(4, 0), (3, 0), (0, 1), (2, 1), (4, 1)]),
            (6, &[(0, 1), (0, 1), (1, 5), (2, 3), (3, 4), (4, 5)]),
        ];
        for (n, edges) in cases {
            let g = graph(&vec![1; *n as usize], edges);
            let (layers, unplaced) = g.layers();
            assert!(unplaced.is_empty());
            assert_eq!(layers, layers_as_sqlalchemy(*n, edges), "{edges:?}");
        }
    }

    #[test]
    fn a_weightless_node_orders_without_taking_a_layer() {
        // 0 and 1 before the hub 2 (weight 0), the hub before 3 and 4:
        // as the four edges 0→3, 0→4, 1→3, 1→4 would order them.
        let g = graph(&[1, 1, 0, 1, 1], &[(0, 2), (1, 2), (2, 3), (2, 4)]);
        assert_eq!(g.layers().0, vec![0, 0, 1, 1, 1]);
        let direct = graph(&[1, 1, 1, 1], &[(0, 2), (0, 3), (1, 2), (1, 3)]);
        assert_eq!(direct.layers().0, vec![0, 0, 1, 1]);
    }

    #[test]
    fn a_cycle_leaves_its_nodes_and_those_after_them_unplaced() {
        let g = graph(&[1, 1, 1, 1, 1], &[(0, 1), (1, 2), (2, 1), (2, 3), (0, 4)]);
        let (layers, unplaced) = g.layers();
        assert_eq!(unplaced, vec![1, 2, 3]);
        assert_eq!((layers[0], layers[4]), (0, 1));
        let own = graph(&[1, 1], &[(0, 0)]);
        assert_eq!(own.layers().1, vec![0]);
    }

    #[test]
    fn nodes_on_cycles() {
        let g = graph(
            &[1; 7],
            &[(0, 1), (1, 2), (2, 0), (2, 3), (4, 4), (5, 6), (3, 5)],
        );
        assert_eq!(
            g.on_cycle(),
            vec![true, true, true, false, true, false, false]
        );
    }

    #[test]
    fn a_long_chain_is_linear_and_never_deepens_the_stack() {
        let n = 1_000_000u32;
        let mut g = Graph::new();
        for _ in 0..n {
            g.node(1);
        }
        for i in 1..n {
            g.edge(i, i - 1);
        }
        let (layers, unplaced) = g.layers();
        assert!(unplaced.is_empty());
        assert_eq!(layers[0], n - 1);
        assert_eq!(layers[(n - 1) as usize], 0);
        assert!(g.on_cycle().iter().all(|c| !c));
        g.edge(0, n - 1);
        assert!(g.on_cycle().iter().all(|&c| c));
    }
}
