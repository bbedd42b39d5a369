//! Relationships: as written (`RelSpec`, from `db.relationship(...)` and
//! `db.backref(...)`), and as resolved against the models (`Rel`: which side
//! holds the foreign key, the column pairs, the backref, loading and cascade).
//! Resolution is pure and lives here; evaluating string arguments
//! (`order_by='Post.pub_date.desc()'`) is the interpreter's part.

use std::collections::HashMap;
use std::rc::Rc;

use crate::schema::model::Model;
use crate::schema::table::Table;
use crate::sql::ast::SqlExpr;
use crate::value::Value;

/// How a relationship loads (`lazy=`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lazy {
    Select,
    Joined,
    Selectin,
    Subquery,
    Dynamic,
    Noload,
    Raise,
}

impl Lazy {
    /// `lazy=` as Flask-SQLAlchemy accepts it: a name, True or False.
    pub fn from_name(name: &str) -> Option<Lazy> {
        Some(match name {
            "select" | "True" => Lazy::Select,
            "joined" | "False" => Lazy::Joined,
            "selectin" => Lazy::Selectin,
            "subquery" => Lazy::Subquery,
            "dynamic" => Lazy::Dynamic,
            "noload" => Lazy::Noload,
            "raise" | "raise_on_sql" => Lazy::Raise,
            _ => return None,
        })
    }
}

pub const LAZY_NAMES: &[&str] = &[
    "select", "joined", "selectin", "subquery", "dynamic", "noload", "raise",
];

/// `cascade=` as a set of flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cascade {
    pub save_update: bool,
    pub merge: bool,
    pub delete: bool,
    pub delete_orphan: bool,
    /// `refresh-expire` (in `all`): expiring or refreshing the object
    /// whole expires the related objects in memory too.
    pub refresh_expire: bool,
    /// `expunge` (in `all`): `db.session.expunge(obj)` takes the related
    /// objects in memory along.
    pub expunge: bool,
}

impl Default for Cascade {
    /// SQLAlchemy's default: `"save-update, merge"`.
    fn default() -> Cascade {
        Cascade {
            save_update: true,
            merge: true,
            delete: false,
            delete_orphan: false,
            refresh_expire: false,
            expunge: false,
        }
    }
}

impl Cascade {
    /// What a `viewonly=True` relationship keeps: no persistence cascades
    /// (SQLAlchemy intersects the set with `_viewonly_cascades`: merge,
    /// refresh-expire, expunge), so an object appended to it is not added.
    pub fn for_viewonly(self) -> Cascade {
        Cascade {
            save_update: false,
            delete: false,
            delete_orphan: false,
            ..self
        }
    }

    /// Parse `"all, delete-orphan"`; an unknown word is returned as the error.
    pub fn parse(text: &str) -> Result<Cascade, String> {
        let mut c = Cascade {
            save_update: false,
            merge: false,
            delete: false,
            delete_orphan: false,
            refresh_expire: false,
            expunge: false,
        };
        let mut none = false;
        for word in text.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match word {
                "all" => {
                    c.save_update = true;
                    c.merge = true;
                    c.delete = true;
                    c.refresh_expire = true;
                    c.expunge = true;
                }
                "save-update" => c.save_update = true,
                "merge" => c.merge = true,
                "delete" => c.delete = true,
                "delete-orphan" => c.delete_orphan = true,
                "refresh-expire" => c.refresh_expire = true,
                "expunge" => c.expunge = true,
                "none" => none = true,
                other => return Err(other.to_string()),
            }
        }
        // SQLAlchemy's CascadeOptions: 'none' empties the set, whatever else
        // is listed.
        if none {
            c = Cascade {
                save_update: false,
                merge: false,
                delete: false,
                delete_orphan: false,
                refresh_expire: false,
                expunge: false,
            };
        }
        Ok(c)
    }
}

/// A column named in `foreign_keys=`, `remote_side=` or a join condition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColRef {
    pub table: Rc<str>,
    pub column: Rc<str>,
}

/// `db.backref('name', lazy=…, uselist=…, cascade=…, order_by=…)`
#[derive(Clone)]
pub struct BackrefSpec {
    pub name: Rc<str>,
    pub lazy: Option<Lazy>,
    pub uselist: Option<bool>,
    pub cascade: Option<Cascade>,
    pub order_by: Option<Value>,
    /// `single_parent=True`: allows delete-orphan on a many-to-one or
    /// many-to-many side.
    pub single_parent: bool,
    /// `post_update=`; None: as the forward relationship (SQLAlchemy's
    /// `_generate_backref` copies it).
    pub post_update: Option<bool>,
    /// `passive_deletes=True` for the reverse relationship.
    pub passive_deletes: bool,
    /// `passive_deletes='all'` for the reverse relationship.
    pub passive_deletes_all: bool,
    /// `viewonly=True`: the reverse relationship writes nothing.
    pub viewonly: bool,
}

/// `db.relationship(...)` as written in a model. Arguments that may name
/// things defined later (strings, columns, expressions) are kept as values
/// and resolved when the mapping is configured.
#[derive(Clone)]
pub struct RelSpec {
    pub target: Rc<str>,
    pub backref: Option<BackrefSpec>,
    pub back_populates: Option<Rc<str>>,
    pub lazy: Lazy,
    pub uselist: Option<bool>,
    pub order_by: Option<Value>,
    pub secondary: Option<Value>,
    pub cascade: Cascade,
    pub foreign_keys: Option<Value>,
    pub remote_side: Option<Value>,
    pub primaryjoin: Option<Value>,
    pub secondaryjoin: Option<Value>,
    pub viewonly: bool,
    /// `single_parent=True`: allows delete-orphan on a many-to-one or
    /// many-to-many relationship.
    pub single_parent: bool,
    /// `post_update=True`: the foreign key is written by a second UPDATE
    /// after both rows exist (and cleared by one before a delete).
    pub post_update: bool,
    /// `passive_deletes=True`: see `Rel::passive_deletes`.
    pub passive_deletes: bool,
    /// `passive_deletes='all'`: see `Rel::passive_deletes_all`.
    pub passive_deletes_all: bool,
    /// `lazy='write_only'` / `WriteOnlyMapped[...]`: see `Rel::write_only`.
    pub write_only: bool,
}

/// Which side holds the foreign key.
#[derive(Clone)]
pub enum RelKind {
    /// The owner holds the key: `Post.category`. Pairs are
    /// (owner foreign-key column, target referenced column).
    ManyToOne { pairs: Vec<(usize, usize)> },
    /// The target holds the key: `Category.posts`. Pairs are
    /// (owner referenced column, target foreign-key column).
    OneToMany { pairs: Vec<(usize, usize)> },
    /// Through an association table. Each pair is (association column
    /// name, owner / target column index).
    ManyToMany {
        table: Rc<Table>,
        owner: Vec<(Rc<str>, usize)>,
        target: Vec<(Rc<str>, usize)>,
    },
}

impl RelKind {
    /// The owner's columns a load of the relationship reads (SQLAlchemy's
    /// `_lazy_strategy` binds): the foreign key of a many-to-one, the
    /// referenced key otherwise.
    pub fn local_columns(&self) -> Vec<usize> {
        match self {
            RelKind::ManyToOne { pairs } => pairs.iter().map(|(fk, _)| *fk).collect(),
            RelKind::OneToMany { pairs } => pairs.iter().map(|(own, _)| *own).collect(),
            RelKind::ManyToMany { owner, .. } => owner.iter().map(|(_, own)| *own).collect(),
        }
    }
}

/// A relationship resolved against the models.
#[derive(Clone)]
pub struct Rel {
    pub name: Rc<str>,
    pub owner: Rc<Model>,
    pub target: Rc<Model>,
    pub kind: RelKind,
    pub uselist: bool,
    pub lazy: Lazy,
    pub cascade: Cascade,
    pub order_by: Vec<SqlExpr>,
    /// The relationship on the target that mirrors this one.
    pub reverse: Option<Rc<str>>,
    pub viewonly: bool,
    /// Criteria of a `primaryjoin` beyond its key pairs (`Post.public ==
    /// True`), applied wherever the relationship loads or joins.
    pub criteria: Vec<SqlExpr>,
    /// `post_update=True`: the flush writes this relationship's foreign key
    /// with a separate UPDATE once both rows exist, and clears it with one
    /// before a delete (SQLAlchemy's `PostUpdateAll`), so rows that refer
    /// to each other can be written.
    pub post_update: bool,
    /// `passive_deletes=True`: deleting the owner does not load this
    /// relationship's objects (nor association rows) to delete them or
    /// clear their keys — the database's `ON DELETE` does that; those in
    /// memory are handled as usual (SQLAlchemy's `PASSIVE_NO_INITIALIZE`
    /// in the delete cascade and `presort_deletes`).
    pub passive_deletes: bool,
    /// `passive_deletes='all'` (with `passive_deletes` set): the flush
    /// clears no child's key for this one-to-many — neither the children
    /// of a deleted owner nor those it let go of, loaded or not
    /// (SQLAlchemy's `should_null_fks`); the database's rules decide.
    pub passive_deletes_all: bool,
    /// `single_parent=True`: an object may be held through this
    /// relationship by one parent at a time (SQLAlchemy's
    /// `_single_parent_validator`, `orm::parents`), and setting the scalar
    /// loads its old value first (the validator's active history).
    pub single_parent: bool,
    /// SQLAlchemy's write-only collection (`lazy='write_only'`,
    /// `WriteOnlyMapped`): loaded as `lazy='dynamic'` is (never into
    /// memory), read as a `WriteOnlyCollection` (`eval::surface::write_only`).
    pub write_only: bool,
    /// Whether the association table's column was written on the left of
    /// `primaryjoin` and of `secondaryjoin` (`followers.c.follower_id ==
    /// id`): SQLAlchemy's ON clauses keep the order written
    /// (`eval::rel_written`).
    pub secondary_first: [bool; 2],
    /// For a one-to-many or many-to-one: whether its written
    /// `primaryjoin` put the foreign key's column on the left
    /// (`Post.author_id == User.id`): SQLAlchemy's ON clauses, lazy-load
    /// criteria and comparisons keep the order written, where the
    /// referenced column comes first otherwise (`eval::rel_written`).
    pub fk_first: bool,
}

impl Rel {
    /// The `=` of one key pair of a one-to-many or many-to-one: the
    /// referenced column first, or the foreign key's when the written
    /// primaryjoin put it first ([`Rel::fk_first`]).
    pub fn key_eq(&self, referenced: SqlExpr, fk: SqlExpr) -> SqlExpr {
        if self.fk_first {
            SqlExpr::eq(fk, referenced)
        } else {
            SqlExpr::eq(referenced, fk)
        }
    }

    /// Whether a many-to-one's join condition is its target's whole primary
    /// key and nothing more, so it can load by identity (SQLAlchemy's
    /// `LazyLoader.use_get`, which `Comparator.__ne__` also reads): a
    /// foreign key naming a unique non-key column, or extra `primaryjoin`
    /// criteria, make it false. Always false for other kinds.
    pub fn use_get(&self) -> bool {
        let RelKind::ManyToOne { pairs } = &self.kind else {
            return false;
        };
        self.criteria.is_empty()
            && pairs.len() == self.target.pk.len()
            && pairs.iter().all(|(_, r)| self.target.pk.contains(r))
    }

    /// Is the target's column on the left of the `=` of its join condition
    /// ([`Rel::key_eq`]'s order)?
    pub fn target_left(&self) -> bool {
        match self.kind {
            RelKind::ManyToOne { .. } => !self.fk_first,
            RelKind::OneToMany { .. } => self.fk_first,
            RelKind::ManyToMany { .. } => false,
        }
    }

    pub fn is_scalar(&self) -> bool {
        !self.uselist
    }
}

/// Every resolved relationship, by (model name, attribute).
#[derive(Default)]
pub struct Mapping {
    pub rels: HashMap<(Rc<str>, Rc<str>), Rc<Rel>>,
    /// Per model, in definition order.
    pub by_model: HashMap<Rc<str>, Vec<Rc<Rel>>>,
}

impl Mapping {
    pub fn get(&self, model: &str, attr: &str) -> Option<&Rc<Rel>> {
        self.by_model.get(model)?.iter().find(|r| &*r.name == attr)
    }

    pub fn of(&self, model: &str) -> &[Rc<Rel>] {
        self.by_model.get(model).map_or(&[], |v| v.as_slice())
    }

    pub fn insert(&mut self, rel: Rc<Rel>) {
        self.rels
            .insert((rel.owner.name.clone(), rel.name.clone()), rel.clone());
        self.by_model
            .entry(rel.owner.name.clone())
            .or_default()
            .push(rel);
    }
}

/// The column pairs joining `from` (holding foreign keys) to `to`: each
/// (foreign-key column of `from`, referenced column of `to`). Restricted to
/// `only` columns when given (`foreign_keys=`).
pub fn fk_pairs(from: &Model, to: &Model, only: Option<&[ColRef]>) -> Vec<(usize, usize)> {
    from.columns
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let fk = c.foreign_key.as_ref()?;
            if fk.table != to.table {
                return None;
            }
            if let Some(only) = only
                && !only
                    .iter()
                    .any(|r| r.table == from.table && r.column == c.name)
            {
                return None;
            }
            let j = to.columns.iter().position(|t| t.name == fk.column)?;
            Some((i, j))
        })
        .collect()
}

/// Why a relationship could not be resolved, in plain words.
pub fn no_fk_message(owner: &Model, name: &str, target: &Model) -> String {
    format!(
        "cannot tell how {}.{name} joins {}: neither table has a foreign key to the other",
        owner.name, target.name
    )
}
