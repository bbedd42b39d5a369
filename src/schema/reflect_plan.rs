//! The reflection planner (`schema::reflect::plan`): from tables described
//! as plain data to ormsh source, in phases — class names for the model
//! tables, their column members, many-to-one relationships with their
//! back-references, association tables with their many-to-many pairs, and
//! finally one `model` block per table. The naming decisions are listed in
//! `schema::reflect`'s header.

use std::collections::HashMap;

use crate::schema::inflect::{attr_name, class_name, plural_snake, snake, unique_name, words};
use crate::schema::reflect::{
    ColumnInfo, ForeignKeyInfo, Item, ItemKind, KnownModel, Plan, TableInfo,
};
use crate::schema::reflect_cover::Cover;
use crate::schema::reflect_shapes::{
    association_shaped, is_association, link_shaped, link_writable, self_association,
};
use crate::schema::reflect_source::{association_source, column_members, rowid_name};
use crate::value::repr::str_repr;

/// The relationship name a foreign-key column suggests: without its
/// `_id` / `Id` / `ID` suffix, in snake case.
pub(crate) fn fk_base(column: &str) -> String {
    let trimmed = ["_id", "_ID", "_Id", "Id", "ID"]
        .iter()
        .find_map(|s| column.strip_suffix(s).filter(|r| !r.is_empty()))
        .unwrap_or(column);
    let base = words(trimmed).join("_");
    attr_name(if base.is_empty() { column } else { &base })
}

pub(crate) struct Target {
    pub(crate) class: String,
    pub(crate) pk: Vec<String>,
    pub(crate) reflected: bool,
}

/// Plan the definitions for `tables`, given the models already defined and
/// a test for class names that are taken otherwise (built-ins).
pub fn plan(tables: &[TableInfo], known: &[KnownModel], name_taken: &dyn Fn(&str) -> bool) -> Plan {
    // Foreign keys in the order of their first column.
    let tables: Vec<TableInfo> = tables.iter().map(fks_in_column_order).collect();
    let mut p = Planner::new(known);
    let mut sorted: Vec<&TableInfo> = tables.iter().collect();
    sorted.sort_by(|a, b| a.name.cmp(&b.name));
    // The tables not shaped as association tables, by name (a set: a
    // file of many tables is planned in linear time).
    let models: std::collections::HashSet<&str> = (tables.iter())
        .filter(|x| !association_shaped(x))
        .map(|x| x.name.as_str())
        .collect();
    let (assoc, model_tables): (Vec<&TableInfo>, Vec<&TableInfo>) = sorted
        .into_iter()
        .partition(|t| is_association(t, &models, &p.targets));
    // A table without a primary key whose columns take all of SQLite's
    // names for the rowid (`rowid`, `_rowid_`, `oid`) has nothing to map
    // as its key: SQLAlchemy maps no class without one.
    let (model_tables, keyless): (Vec<&TableInfo>, Vec<&TableInfo>) = (model_tables.into_iter())
        .partition(|t| t.view || t.columns.iter().any(|c| c.pk > 0) || rowid_name(t).is_some());
    for t in keyless {
        p.plan.notes.push(format!(
            "{0}: not mapped: it has no primary key, and its columns rowid, _rowid_ and oid hide SQLite's rowid, so nothing names a row (SQLAlchemy maps no class without a primary key); read it with db.session.execute(db.text({1})), or give it a primary key",
            t.name,
            crate::value::repr::str_repr(&format!("SELECT * FROM \"{}\"", t.name.replace('"', "\"\"")))
        ));
    }
    for t in &model_tables {
        p.name_class(t, known, name_taken);
    }
    p.place_cover();
    for t in model_tables.iter().filter(|t| self_association(t)) {
        p.plan.notes.push(format!(
            "{}: an association table whose two foreign keys both reference {}: mapped as the model {} (its two many-to-ones and their back-references), not as a many-to-many, which needs primaryjoin and secondaryjoin",
            t.name, t.foreign_keys[0].ref_table, p.targets[&t.name].class
        ));
    }
    for t in &model_tables {
        p.columns(t);
    }
    p.reserve_user_names();
    for t in &model_tables {
        p.many_to_one(t);
    }
    for t in &assoc {
        p.association(t);
    }
    // Both ends must be model tables: a foreign key may name a table
    // the file does not have (noted by `persist::open`).
    let links: Vec<&&TableInfo> = (model_tables.iter())
        .filter(|t| link_shaped(t))
        .filter(|t| (t.foreign_keys.iter()).all(|f| p.targets.contains_key(&f.ref_table)))
        .collect();
    for t in links {
        p.many_to_many(t, !link_writable(t));
    }
    for t in &model_tables {
        p.counterparts(t);
    }
    for t in &model_tables {
        p.model_block(t);
    }
    p.plan
}

fn fks_in_column_order(t: &TableInfo) -> TableInfo {
    let mut t = t.clone();
    let pos = |f: &ForeignKeyInfo| {
        t.columns
            .iter()
            .position(|c| f.columns.first() == Some(&c.name))
            .unwrap_or(usize::MAX)
    };
    let mut fks = t.foreign_keys.clone();
    fks.sort_by_key(pos);
    t.foreign_keys = fks;
    t
}

/// What the phases share.
struct Planner {
    plan: Plan,
    /// Table name → the class it maps to (defined or planned).
    targets: HashMap<String, Target>,
    /// Attribute names in use per class, for clash checks.
    attrs: HashMap<String, Vec<String>>,
    /// Members per reflected class, in order (their source lines).
    members: HashMap<String, Vec<String>>,
    /// Column name → attribute, per table.
    col_attrs: HashMap<String, HashMap<String, String>>,
    /// The models defined by hand (their relationships win).
    known: Vec<KnownModel>,
    /// Table name → the many-to-ones planned on it and their backrefs,
    /// which a many-to-many through the table overlaps.
    links: HashMap<String, Vec<String>>,
    /// [`Cover::tables`], made once every class is named.
    cover_tables: HashMap<String, String>,
    /// The class names in `targets`, to test in constant time.
    classes: std::collections::HashSet<String>,
}

impl Planner {
    fn new(known: &[KnownModel]) -> Planner {
        let mut p = Planner {
            plan: Plan::default(),
            targets: HashMap::new(),
            attrs: HashMap::new(),
            members: HashMap::new(),
            col_attrs: HashMap::new(),
            known: known.to_vec(),
            links: HashMap::new(),
            cover_tables: HashMap::new(),
            classes: std::collections::HashSet::new(),
        };
        for k in known {
            p.classes.insert(k.name.clone());
            p.targets.entry(k.table.clone()).or_insert(Target {
                class: k.name.clone(),
                pk: k.pk.clone(),
                reflected: false,
            });
            p.attrs.insert(k.name.clone(), k.attrs.clone());
        }
        p
    }

    /// The class name of a model table: its `class_name`, numbered when
    /// taken.
    fn name_class(
        &mut self,
        t: &TableInfo,
        known: &[KnownModel],
        name_taken: &dyn Fn(&str) -> bool,
    ) {
        let base = class_name(&t.name);
        let taken = |n: &str| {
            name_taken(n) || known.iter().any(|k| k.name == n) || self.classes.contains(n)
        };
        let class = if taken(&base) {
            unique_class(&base, taken)
        } else {
            base
        };
        let mut pk: Vec<&ColumnInfo> = t.columns.iter().filter(|c| c.pk > 0).collect();
        pk.sort_by_key(|c| c.pk);
        self.classes.insert(class.clone());
        self.targets.insert(
            t.name.clone(),
            Target {
                class,
                pk: if pk.is_empty() {
                    rowid_name(t).into_iter().map(String::from).collect()
                } else {
                    pk.iter().map(|c| c.name.clone()).collect()
                },
                reflected: true,
            },
        );
    }

    /// The relationships defined by hand, placed by the classes' tables.
    fn cover(&self) -> Cover<'_> {
        Cover::new(&self.known, &self.cover_tables)
    }

    /// After every class is named: the classes the user's relationships
    /// name, placed by their tables, for [`Planner::cover`].
    fn place_cover(&mut self) {
        self.cover_tables =
            Cover::tables(&self.known, self.targets.iter().map(|(t, x)| (t, &x.class)));
    }

    /// The names a relationship defined by hand gives (`backref=`) or
    /// asks (`back_populates=`) of a reflected class: no reflected
    /// relationship takes them.
    fn reserve_user_names(&mut self) {
        for (class, name) in self.cover().reserved() {
            if !self
                .targets
                .values()
                .any(|x| x.reflected && x.class == class)
            {
                continue;
            }
            let attrs = self.attrs.entry(class).or_default();
            if !attrs.contains(&name) {
                attrs.push(name);
            }
        }
    }

    /// What a `back_populates=` defined by hand asks of the reflected
    /// class of `t`; a note when a column has that name.
    fn counterparts(&mut self, t: &TableInfo) {
        let class = self.targets[&t.name].class.clone();
        for (name, src) in self.cover().counterparts(&class) {
            if self.col_attrs[&t.name].values().any(|a| *a == name) {
                self.plan.notes.push(format!(
                    "{}: back_populates='{name}' names a column of {class}; name another attribute there",
                    t.name
                ));
                continue;
            }
            self.members.entry(class.clone()).or_default().push(src);
        }
    }

    fn columns(&mut self, t: &TableInfo) {
        let class = self.targets[&t.name].class.clone();
        let (lines, names, map) = column_members(t, &self.targets, &mut self.plan.notes);
        self.members.insert(class.clone(), lines);
        self.attrs.insert(class, names);
        self.col_attrs.insert(t.name.clone(), map);
    }

    /// A many-to-one relationship per single-column foreign key, with its
    /// back-reference; a note for each composite foreign key.
    fn many_to_one(&mut self, t: &TableInfo) {
        let single: Vec<&ForeignKeyInfo> = t
            .foreign_keys
            .iter()
            .filter(|f| f.columns.len() == 1 && self.targets.contains_key(&f.ref_table))
            .collect();
        for fk in &single {
            let several = single
                .iter()
                .filter(|f| f.ref_table == fk.ref_table)
                .count()
                > 1;
            self.relationship(t, fk, several);
        }
        for fk in t.foreign_keys.iter().filter(|f| f.columns.len() > 1) {
            self.plan.notes.push(format!(
                "{}: the composite foreign key ({}) → {} gets no relationship",
                t.name,
                fk.columns.join(", "),
                fk.ref_table
            ));
        }
    }

    /// One many-to-one relationship; `several` when the table has more
    /// than one foreign key to the same target.
    fn relationship(&mut self, t: &TableInfo, fk: &ForeignKeyInfo, several: bool) {
        if self.cover().link(&t.name, &fk.ref_table) {
            return;
        }
        let class = self.targets[&t.name].class.clone();
        let target = &self.targets[&fk.ref_table];
        let tclass = target.class.clone();
        let col_attr = self.col_attrs[&t.name][&fk.columns[0]].clone();
        let own = self.attrs.get(&class).cloned().unwrap_or_default();
        let base = fk_base(&fk.columns[0]);
        let name = if !own.contains(&base) {
            base.clone()
        } else if !own.contains(&snake(&tclass)) {
            snake(&tclass)
        } else {
            unique_name(&format!("{base}_{}", snake(&tclass)), |n| {
                own.iter().any(|a| a == n)
            })
        };
        let plural = plural_snake(&class);
        let back_base = if several {
            format!("{name}_{plural}")
        } else {
            plural
        };
        let theirs = self.attrs.get(&tclass).cloned().unwrap_or_default();
        let mut back = unique_name(&back_base, |n| theirs.iter().any(|a| a == n));
        if tclass == class && back == name {
            back = unique_name(&format!("{back}_of"), |n| {
                theirs.iter().any(|a| a == n) || n == name
            });
        }
        let mut src = format!(
            "{name} = db.relationship({}, foreign_keys=[{col_attr}], backref={}",
            str_repr(&tclass),
            str_repr(&back)
        );
        if tclass == class {
            let remote = fk.ref_columns[0]
                .clone()
                .or_else(|| target.pk.first().cloned())
                .unwrap_or_default();
            if let Some(a) = self.col_attrs[&t.name].get(&remote) {
                src.push_str(&format!(", remote_side=[{a}]"));
            }
        }
        src.push(')');
        self.members.entry(class.clone()).or_default().push(src);
        self.links
            .entry(t.name.clone())
            .or_default()
            .extend([name.clone(), back.clone()]);
        self.attrs.entry(class).or_default().push(name);
        self.attrs.entry(tclass).or_default().push(back);
    }

    /// An association table: its `db.Table(...)`, and the many-to-many pair
    /// (`many_to_many`).
    fn association(&mut self, t: &TableInfo) {
        let source = association_source(t, &self.targets);
        self.plan.items.push(Item {
            kind: ItemKind::Table,
            name: t.name.clone(),
            table: t.name.clone(),
            source,
        });
        self.many_to_many(t, false);
    }

    /// The many-to-many pair through `t` (an association table, or a model
    /// table linking two others), on the reflected side; `viewonly` when a
    /// link row needs more than its two keys.
    fn many_to_many(&mut self, t: &TableInfo, viewonly: bool) {
        if self.cover().association(&t.name) {
            return;
        }
        let (a, b) = (
            &self.targets[&t.foreign_keys[0].ref_table],
            &self.targets[&t.foreign_keys[1].ref_table],
        );
        let (host, other) = match (a.reflected, b.reflected) {
            (true, _) => (a, b),
            (false, true) => (b, a),
            _ => {
                self.plan.notes.push(format!(
                    "{}: links two models defined by hand; add the many-to-many relationship to them yourself (secondary='{}')",
                    t.name, t.name
                ));
                return;
            }
        };
        let (hc, oc) = (host.class.clone(), other.class.clone());
        let host_attrs = self.attrs.get(&hc).cloned().unwrap_or_default();
        let other_attrs = self.attrs.get(&oc).cloned().unwrap_or_default();
        let fwd = unique_name(&plural_snake(&oc), |n| host_attrs.iter().any(|a| a == n));
        let back = unique_name(&plural_snake(&hc), |n| other_attrs.iter().any(|a| a == n));
        let src = if viewonly {
            format!(
                "{fwd} = db.relationship({}, secondary={}, viewonly=True, backref=db.backref({}, viewonly=True))",
                str_repr(&oc),
                str_repr(&t.name),
                str_repr(&back)
            )
        } else if let Some(links) = self.links.get(&t.name) {
            // The link model's own many-to-ones write the same columns:
            // `overlaps=` says so, as SQLAlchemy asks, so Flask warns not.
            let mut names = links.clone();
            names.sort();
            names.dedup();
            let overlaps = str_repr(&names.join(","));
            format!(
                "{fwd} = db.relationship({}, secondary={}, overlaps={overlaps}, backref=db.backref({}, overlaps={overlaps}))",
                str_repr(&oc),
                str_repr(&t.name),
                str_repr(&back)
            )
        } else {
            format!(
                "{fwd} = db.relationship({}, secondary={}, backref={})",
                str_repr(&oc),
                str_repr(&t.name),
                str_repr(&back)
            )
        };
        self.members.entry(hc.clone()).or_default().push(src);
        self.attrs.entry(hc).or_default().push(fwd);
        self.attrs.entry(oc).or_default().push(back);
    }

    /// The `model` block of a model table, with every member planned.
    fn model_block(&mut self, t: &TableInfo) {
        let class = self.targets[&t.name].class.clone();
        let body = self.members.remove(&class).unwrap_or_default();
        let mut src = format!(
            "model {class} <\n    __tablename__ = {}\n",
            str_repr(&t.name)
        );
        for m in body {
            src.push_str("    ");
            src.push_str(&m);
            src.push('\n');
        }
        src.push_str(">\n");
        self.plan.items.push(Item {
            kind: ItemKind::Model,
            name: class,
            table: t.name.clone(),
            source: src,
        });
    }
}

/// `base2`, `base3`, …: the first that is free.
fn unique_class(base: &str, taken: impl Fn(&str) -> bool) -> String {
    let mut i = 2;
    loop {
        let n = format!("{base}{i}");
        if !taken(&n) {
            return n;
        }
        i += 1;
    }
}
