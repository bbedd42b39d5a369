//! Mapper configuration as a pure function of the models (SQLAlchemy's
//! `RelationshipProperty._setup_join_conditions` / `_determine_direction`
//! and `_check_cascade_settings`): which side of a relationship holds the
//! foreign key — from the foreign keys between two models or from an
//! explicit join condition — what the other side of a back-reference is,
//! and which cascades a direction allows. The interpreter evaluates the
//! relationship's arguments (`eval::relations`); nothing here runs code.

use crate::error::{Error, ErrorKind, Result};
use crate::schema::model::Model;
use crate::schema::relationship::{ColRef, RelKind, fk_pairs};
use crate::sql::ast::{BinaryOp, SqlExpr};

/// The kind of a relationship from its join condition `expr` (already a
/// SQL expression): the column-equals-column pairs say which side holds
/// the foreign key (`fks` when given, else the declared foreign keys;
/// `remote` settles a self-referential one); other terms are returned as
/// criteria the relationship keeps.
///
/// Errors: `ArgumentError` when no pair names a foreign key.
pub fn kind_from_join(
    owner: &Model,
    target: &Model,
    expr: &SqlExpr,
    fks: Option<&[ColRef]>,
    remote: &[ColRef],
) -> Result<(RelKind, Vec<SqlExpr>)> {
    let mut eqs = Vec::new();
    let mut criteria = Vec::new();
    collect_eqs(expr, &mut eqs, &mut criteria);
    let mut m2o = Vec::new();
    let mut o2m = Vec::new();
    for (a, b) in eqs {
        for (x, y) in [(&a, &b), (&b, &a)] {
            // x is the foreign-key side
            let is_fk = |m: &Model, c: &ColRef, other: &Model| {
                m.table == c.table
                    && (fks.is_some_and(|f| f.contains(c))
                        || (fks.is_none()
                            && m.columns.iter().any(|col| {
                                col.name == c.column
                                    && col
                                        .foreign_key
                                        .as_ref()
                                        .is_some_and(|fk| fk.table == other.table)
                            })))
            };
            let idx = |m: &Model, c: &ColRef| m.columns.iter().position(|col| col.name == c.column);
            let self_ref = owner.table == target.table;
            if !self_ref && is_fk(owner, x, target) && y.table == target.table {
                if let (Some(i), Some(j)) = (idx(owner, x), idx(target, y)) {
                    m2o.push((i, j));
                }
            } else if !self_ref && is_fk(target, x, owner) && y.table == owner.table {
                if let (Some(i), Some(j)) = (idx(owner, y), idx(target, x)) {
                    o2m.push((i, j));
                }
            } else if self_ref
                && is_fk(owner, x, owner)
                && let (Some(fk), Some(rf)) = (idx(owner, x), idx(owner, y))
            {
                if !remote.is_empty() && remote.contains(y) {
                    m2o.push((fk, rf));
                } else {
                    o2m.push((rf, fk));
                }
            }
        }
    }
    match (m2o.is_empty(), o2m.is_empty()) {
                        (false, true) => Ok((RelKind::ManyToOne { pairs: m2o }, criteria)),
            (true, false) => Ok((RelKind::OneToMany { pairs: o2m }, criteria)),
            _ => Err(Error::new(
                ErrorKind::ArgumentError,
                "could not tell from primaryjoin which column is the foreign key",)
            .with_help("compare a foreign-key column with the column it references, e.g. primaryjoin='Post.author_id == User.id'")),
        }
}

/// Split a join condition into its column-equals-column pairs and the
/// other criteria (`Post.public == True`), which the relationship keeps.
pub fn collect_eqs(e: &SqlExpr, out: &mut Vec<(ColRef, ColRef)>, other: &mut Vec<SqlExpr>) {
    match e {
        SqlExpr::And(items) => items.iter().for_each(|x| collect_eqs(x, out, other)),
        SqlExpr::Grouping(x) => collect_eqs(x, out, other),
        SqlExpr::Binary {
            op: BinaryOp::Eq,
            left,
            right,
        } => match (&**left, &**right) {
            (
                SqlExpr::Column {
                    table: Some(t1),
                    name: n1,
                },
                SqlExpr::Column {
                    table: Some(t2),
                    name: n2,
                },
            ) => out.push((
                ColRef {
                    table: t1.clone(),
                    column: n1.clone(),
                },
                ColRef {
                    table: t2.clone(),
                    column: n2.clone(),
                },
            )),
            _ => other.push(e.clone()),
        },
        _ => other.push(e.clone()),
    }
}

/// The kind of a relationship from the foreign keys between the two models.
pub fn kind_from_keys(
    owner: &Model,
    name: &str,
    target: &Model,
    fks: Option<&[ColRef]>,
    remote: &[ColRef],
) -> Result<RelKind> {
    let ambiguous = |pairs: &[(usize, usize)], holder: &Model| -> Option<Error> {
        let refs: Vec<usize> = pairs.iter().map(|p| p.1).collect();
        let dup = refs.iter().enumerate().any(|(i, r)| refs[..i].contains(r));
        dup.then(|| {
            let cols: Vec<String> = pairs.iter().map(|(i, _)| format!("{}.{}", holder.name, holder.columns[*i].attr)).collect();
            Error::new(
                ErrorKind::AmbiguousForeignKeysError,
                format!(
                    "cannot tell how {}.{name} joins {}: there are several foreign keys between them ({})",
                    owner.name,
                    target.name,
                    cols.join(", ")
                ),
            )
            .with_help(format!("say which one with foreign_keys=[{}]", cols[0]))
        })
    };
    if owner.id == target.id {
        let pairs = fk_pairs(owner, owner, fks);
        if pairs.is_empty() {
            return Err(no_fk(owner, name, target));
        }
        if let Some(e) = ambiguous(&pairs, owner) {
            return Err(e);
        }
        let remote_is_ref = !remote.is_empty()
            && pairs.iter().all(|(_, r)| {
                remote
                    .iter()
                    .any(|c| c.table == owner.table && c.column == owner.columns[*r].name)
            });
        return Ok(if remote_is_ref {
            RelKind::ManyToOne { pairs }
        } else {
            RelKind::OneToMany {
                pairs: pairs.into_iter().map(|(fk, r)| (r, fk)).collect(),
            }
        });
    }
    let m2o = fk_pairs(owner, target, fks);
    let o2m = fk_pairs(target, owner, fks);
    match (m2o.is_empty(), o2m.is_empty()) {
        (true, true) => Err(no_fk(owner, name, target)),
        (false, false) => Err(Error::new(
            ErrorKind::AmbiguousForeignKeysError,
            format!(
                "cannot tell how {}.{name} joins {}: each table has a foreign key to the other",
                owner.name, target.name
            ),
        )
        .with_help("say which one with foreign_keys=[…]")),
        (false, true) => match ambiguous(&m2o, owner) {
            Some(e) => Err(e),
            None => Ok(RelKind::ManyToOne { pairs: m2o }),
        },
        (true, false) => match ambiguous(&o2m, target) {
            Some(e) => Err(e),
            None => Ok(RelKind::OneToMany {
                pairs: o2m.into_iter().map(|(fk, r)| (r, fk)).collect(),
            }),
        },
    }
}

pub fn dynamic_scalar(owner: &Model, name: &str) -> Error {
    Error::new(
        ErrorKind::InvalidRequestError,
        format!(
            "{}.{name} holds a single object, so it cannot be lazy='dynamic'",
            owner.name
        ),
    )
    .with_help("'dynamic' is for collections (one-to-many, many-to-many); use lazy='select' here")
}

fn no_fk(owner: &Model, name: &str, target: &Model) -> Error {
    Error::new(
        ErrorKind::NoForeignKeysError,
        crate::schema::relationship::no_fk_message(owner, name, target),
    )
    .with_help(format!(
        "give {} a foreign key to {}, e.g. {}_id = db.Column(db.Integer, db.ForeignKey('{}.id'))",
        target.name, owner.table, owner.table, owner.table
    ))
}

/// The same relationship seen from the other side.
pub fn reverse_kind(k: &RelKind) -> RelKind {
    match k {
        RelKind::ManyToOne { pairs } => RelKind::OneToMany {
            pairs: pairs.iter().map(|(a, b)| (*b, *a)).collect(),
        },
        RelKind::OneToMany { pairs } => RelKind::ManyToOne {
            pairs: pairs.iter().map(|(a, b)| (*b, *a)).collect(),
        },
        RelKind::ManyToMany {
            table,
            owner,
            target,
        } => RelKind::ManyToMany {
            table: table.clone(),
            owner: target.clone(),
            target: owner.clone(),
        },
    }
}

/// SQLAlchemy's `_check_cascade_settings`: delete-orphan belongs on the
/// "one" side of a one-to-many, unless `single_parent=True` promises one
/// parent per object.
pub fn check_cascade(
    owner: &str,
    name: &str,
    target: &str,
    kind: &RelKind,
    cascade: crate::schema::relationship::Cascade,
    single_parent: bool,
) -> Result<()> {
    let direction = match kind {
        RelKind::ManyToMany { .. } => "many-to-many",
        RelKind::ManyToOne { .. } => "many-to-one",
        RelKind::OneToMany { .. } => return Ok(()),
    };
    if !cascade.delete_orphan || single_parent {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::ArgumentError,
        format!(
            "For {direction} relationship {owner}.{name}, delete-orphan cascade is normally configured only on the \"one\" side of a one-to-many relationship, and not on the \"many\" side of a many-to-one or many-to-many relationship.  To force this relationship to allow a particular \"{target}\" object to be referenced by only a single \"{owner}\" object at a time via the {owner}.{name} relationship, which would allow delete-orphan cascade to take place in this direction, set the single_parent=True flag."
        ),
    )
    .with_help(match kind {
        RelKind::ManyToOne { .. } => format!(
            "put delete-orphan on the one-to-many side instead, or pass single_parent=True to {owner}.{name}"
        ),
        _ => format!(
            "leave delete-orphan out of the cascade, or pass single_parent=True to {owner}.{name} if each object has at most one parent there"
        ),
    }))
}
