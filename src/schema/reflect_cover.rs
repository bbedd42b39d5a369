//! Reflection giving way to relationships defined by hand (a phase of
//! `schema::reflect_plan`). SQLAlchemy's automap never maps a relationship
//! over a name a declared class already uses, and the declared class is
//! the one mapped; ormsh goes one step further so that a model typed over
//! a reflected database never conflicts with what reflection guessed: a
//! relationship of a model defined by hand, between its table and a
//! reflected one (or through a reflected association table), is the only
//! relationship over those foreign keys — reflection infers none there,
//! keeps the user's `backref=` name free on the reflected class, and gives
//! the reflected class the relationship a `back_populates=` asks for.

use std::collections::HashMap;

use crate::schema::reflect::KnownModel;
use crate::value::repr::str_repr;

/// The user's relationships, with the classes' tables to place them.
pub(crate) struct Cover<'a> {
    known: &'a [KnownModel],
    /// Class name → table, for the classes the user's relationships name.
    tables: &'a HashMap<String, String>,
}

impl<'a> Cover<'a> {
    /// `tables`: [`Cover::tables`] of the classes defined or planned.
    pub(crate) fn new(known: &'a [KnownModel], tables: &'a HashMap<String, String>) -> Cover<'a> {
        Cover { known, tables }
    }

    /// Class name → table for the classes among `classes` ((table,
    /// class) for every model defined or planned) that the user's
    /// relationships name: made once per plan, so a file of many tables
    /// is planned in time linear in their number.
    pub(crate) fn tables<'b>(
        known: &[KnownModel],
        classes: impl Iterator<Item = (&'b String, &'b String)>,
    ) -> HashMap<String, String> {
        let named: std::collections::HashSet<&str> = (known.iter())
            .flat_map(|k| k.rels.iter().map(|r| r.target.as_str()))
            .collect();
        if named.is_empty() {
            return HashMap::new();
        }
        classes
            .filter(|(_, c)| named.contains(c.as_str()))
            .map(|(t, c)| (c.clone(), t.clone()))
            .collect()
    }

    /// Whether a relationship defined by hand joins tables `a` and `b`
    /// directly (by foreign keys, not through an association table).
    pub(crate) fn link(&self, a: &str, b: &str) -> bool {
        self.known.iter().any(|k| {
            k.rels.iter().any(|r| {
                r.secondary.is_none()
                    && self
                        .tables
                        .get(&r.target)
                        .is_some_and(|t| (k.table == a && t == b) || (k.table == b && t == a))
            })
        })
    }

    /// Whether a relationship defined by hand goes through `table`.
    pub(crate) fn association(&self, table: &str) -> bool {
        self.known
            .iter()
            .any(|k| k.rels.iter().any(|r| r.secondary.as_deref() == Some(table)))
    }

    /// The attribute names the user's relationships give or ask of other
    /// classes: (class, name), for `backref=` and `back_populates=`.
    pub(crate) fn reserved(&self) -> Vec<(String, String)> {
        self.known
            .iter()
            .flat_map(|k| k.rels.iter())
            .flat_map(|r| {
                [&r.backref, &r.back_populates]
                    .into_iter()
                    .flatten()
                    .map(|n| (r.target.clone(), n.clone()))
            })
            .collect()
    }

    /// The relationships `back_populates=` asks of class `class`: (name,
    /// member source), e.g. `books = db.relationship('Book',
    /// back_populates='author')`.
    pub(crate) fn counterparts(&self, class: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for k in self.known {
            for r in k.rels.iter().filter(|r| r.target == class) {
                let Some(name) = &r.back_populates else {
                    continue;
                };
                let mut src = format!(
                    "{name} = db.relationship({}, back_populates={}",
                    str_repr(&k.name),
                    str_repr(&r.name)
                );
                if let Some(s) = &r.secondary {
                    src.push_str(&format!(", secondary={}", str_repr(s)));
                }
                src.push(')');
                out.push((name.clone(), src));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::schema::reflect::{
        ColumnInfo, ForeignKeyInfo, KnownModel, KnownRel, TableInfo, plan,
    };

    fn col(name: &str, pk: u32) -> ColumnInfo {
        ColumnInfo {
            name: name.into(),
            decl_type: "INTEGER".into(),
            pk,
            ..Default::default()
        }
    }

    fn book() -> TableInfo {
        TableInfo {
            name: "book".into(),
            columns: vec![col("id", 1), col("author_id", 0)],
            foreign_keys: vec![ForeignKeyInfo {
                columns: vec!["author_id".into()],
                ref_table: "author".into(),
                ref_columns: vec![Some("id".into())],
                ..Default::default()
            }],
            indexes: Vec::new(),
            without_rowid: false,
            view: false,
            index_of: None,
            ..TableInfo::default()
        }
    }

    fn author(rel: KnownRel) -> KnownModel {
        KnownModel {
            name: "Author".into(),
            table: "author".into(),
            attrs: vec!["id".into(), rel.name.clone()],
            pk: vec!["id".into()],
            rels: vec![rel],
        }
    }

    #[test]
    fn a_backref_defined_by_hand_replaces_the_inferred_relationship() {
        let rel = KnownRel {
            name: "books".into(),
            target: "Book".into(),
            backref: Some("author".into()),
            ..Default::default()
        };
        let p = plan(&[book()], &[author(rel)], &|_| false);
        let src = &p.items[0].source;
        assert!(!src.contains("relationship"), "{src}");
    }

    #[test]
    fn back_populates_defined_by_hand_is_answered() {
        let rel = KnownRel {
            name: "books".into(),
            target: "Book".into(),
            back_populates: Some("writer".into()),
            ..Default::default()
        };
        let p = plan(&[book()], &[author(rel)], &|_| false);
        let src = &p.items[0].source;
        assert!(
            src.contains("writer = db.relationship('Author', back_populates='books')"),
            "{src}"
        );
        assert_eq!(src.matches("relationship").count(), 1, "{src}");
    }

    #[test]
    fn without_relationships_by_hand_reflection_infers_as_before() {
        let mut a = author(KnownRel::default());
        a.rels.clear();
        let p = plan(&[book()], &[a], &|_| false);
        assert!(
            p.items[0].source.contains(
                "author = db.relationship('Author', foreign_keys=[author_id], backref='books')"
            ),
            "{}",
            p.items[0].source
        );
    }
}
