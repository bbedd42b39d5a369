//! The order `create_all()` creates tables in (and `drop_all()`, reversed,
//! drops them): SQLAlchemy's `sort_tables_and_constraints` over the
//! tables in the metadata's order (the order they were first defined),
//! through `util.topological.sort`. Each round takes, in metadata order,
//! every table whose referenced tables are all done (or not being made);
//! a table referring to itself does not wait for itself. When the foreign
//! keys make a cycle, creating sets aside the dependencies of the tables
//! on it; dropping (SQLite has no ALTER to drop their constraints first)
//! warns and keeps the metadata order.

use std::rc::Rc;

/// A table to sort: its name and the tables its foreign keys refer to.
pub struct ToSort {
    pub name: Rc<str>,
    pub refers_to: Vec<Rc<str>>,
}

/// Does `i` wait for a table still to do? (`util.topological.sort_as_subsets`;
/// a table referring to itself does not wait for itself, and one not
/// among `tables` is not waited for.)
fn waits(tables: &[ToSort], i: usize, todo: &[usize], freed: &[bool]) -> bool {
    !freed[i]
        && tables[i]
            .refers_to
            .iter()
            .any(|r| *r != tables[i].name && todo.iter().any(|&j| tables[j].name == *r))
}

/// SQLAlchemy's rounds: each takes, in metadata order, every table whose
/// referenced tables are done. `None` on a cycle. `freed` tables wait for
/// nothing.
fn rounds(tables: &[ToSort], freed: &[bool]) -> Option<Vec<usize>> {
    let mut todo: Vec<usize> = (0..tables.len()).collect();
    let mut out = Vec::with_capacity(tables.len());
    while !todo.is_empty() {
        let ready: Vec<usize> = todo
            .iter()
            .copied()
            .filter(|&i| !waits(tables, i, &todo, freed))
            .collect();
        if ready.is_empty() {
            return None;
        }
        todo.retain(|i| !ready.contains(i));
        out.extend(ready);
    }
    Some(out)
}

/// The tables on a foreign-key cycle (`topological.find_cycles`).
fn on_cycles(tables: &[ToSort]) -> Vec<bool> {
    let parents = |i: usize| -> Vec<usize> {
        (0..tables.len())
            .filter(|&j| j != i && tables[i].refers_to.contains(&tables[j].name))
            .collect()
    };
    (0..tables.len())
        .map(|start| {
            let mut seen = vec![false; tables.len()];
            let mut stack = parents(start);
            while let Some(n) = stack.pop() {
                if n == start {
                    return true;
                }
                if !std::mem::replace(&mut seen[n], true) {
                    stack.extend(parents(n));
                }
            }
            false
        })
        .collect()
}

/// The indexes of `tables` (given in metadata order) in the order
/// `create_all` creates them. On a cycle, the tables on it wait for
/// nothing (SQLAlchemy sets their foreign keys aside) and the rest sort
/// as before.
pub fn create_order(tables: &[ToSort]) -> Vec<usize> {
    let none = vec![false; tables.len()];
    rounds(tables, &none).unwrap_or_else(|| {
        let freed = on_cycles(tables);
        rounds(tables, &freed).unwrap_or_else(|| (0..tables.len()).collect())
    })
}

/// The order `drop_all` drops them: the creation order reversed; on a
/// cycle (SQLite cannot set foreign keys aside with ALTER), `Err` with
/// the names of the tables on it, sorted: SQLAlchemy warns and drops in
/// the metadata order.
pub fn drop_order(tables: &[ToSort]) -> Result<Vec<usize>, Vec<Rc<str>>> {
    let none = vec![false; tables.len()];
    match rounds(tables, &none) {
        Some(mut order) => {
            order.reverse();
            Ok(order)
        }
        None => {
            let cycles = on_cycles(tables);
            let mut names: Vec<Rc<str>> = (0..tables.len())
                .filter(|&i| cycles[i])
                .map(|i| tables[i].name.clone())
                .collect();
            names.sort();
            Err(names)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(name: &str, refs: &[&str]) -> ToSort {
        ToSort {
            name: Rc::from(name),
            refers_to: refs.iter().map(|r| Rc::from(*r)).collect(),
        }
    }

    fn names(tables: &[ToSort]) -> Vec<&str> {
        create_order(tables)
            .into_iter()
            .map(|i| &*tables[i].name)
            .collect()
    }

    #[test]
    fn rounds_in_metadata_order_as_sqlalchemy_sorts() {
        // SQLAlchemy 2.0's create_all() on these, defined in this order,
        // creates apple, city, bee, person, zebra, links.
        let tables = [
            t("zebra", &["person"]),
            t("person", &["city"]),
            t("apple", &[]),
            t("city", &[]),
            t("links", &["apple", "zebra"]),
            t("bee", &[]),
        ];
        assert_eq!(
            names(&tables),
            ["apple", "city", "bee", "person", "zebra", "links"]
        );
    }

    #[test]
    fn self_references_and_tables_not_made_do_not_wait() {
        let tables = [t("node", &["node", "elsewhere"]), t("a", &["node"])];
        assert_eq!(names(&tables), ["node", "a"]);
    }

    #[test]
    fn a_cycle_sets_its_tables_dependencies_aside() {
        // SQLAlchemy creates apple, city, bee, cycle1, cycle2, person,
        // zebra, links here; it drops them in the metadata order, warning.
        let tables = [
            t("zebra", &["person"]),
            t("person", &["city"]),
            t("apple", &[]),
            t("city", &[]),
            t("links", &["apple", "zebra"]),
            t("bee", &[]),
            t("cycle1", &["cycle2"]),
            t("cycle2", &["cycle1"]),
        ];
        assert_eq!(
            names(&tables),
            [
                "apple", "city", "bee", "cycle1", "cycle2", "person", "zebra", "links"
            ]
        );
        assert_eq!(
            drop_order(&tables).unwrap_err(),
            [Rc::from("cycle1"), Rc::from("cycle2")]
        );
        assert_eq!(drop_order(&tables[..6]).unwrap(), [4, 0, 1, 5, 3, 2]);
    }
}
