//! Named SELECTs a query reads as tables: SQLAlchemy's `Subquery`
//! (`query.subquery()`, `select(...).subquery('name')`) and `CTE`
//! (`cte()`, recursive ones grown with `union_all`), with their column
//! collection `.c`. A subquery made without a name gets an anonymous one
//! (`sql::anon`), numbered `anon_N` when the statement is compiled.

use std::rc::Rc;

use crate::orm::expr::ColumnElement;
use crate::schema::types::ColumnType;
use crate::sql::anon::{anon_name, plain};
use crate::sql::ast::{Cte, FromItem, Select, SetOp, SqlExpr};
use crate::value::Object;

/// One column of a subquery or CTE.
#[derive(Clone)]
pub struct SubColumn {
    /// Its key in `.c`: a label's name, a mapped attribute's key
    /// (`User.name` whose column is `user_name`: `name`, SQLAlchemy's
    /// `proxy_key`), else the column's name; made unique by `_N`.
    pub key: Rc<str>,
    /// The label a statement reading it gives a repeated column
    /// (`anon_1.user_name AS user_name_1`).
    pub label: Rc<str>,
    /// Its name in the SELECT (the label, anonymous or not).
    pub name: Rc<str>,
    pub ty: Option<ColumnType>,
    /// The same column as an earlier one of the SELECT: read as that
    /// one's column, labelled with its own key (`anon_1.g AS g_1`).
    pub repeats: bool,
}

impl SubColumn {
    /// How a statement reads it from the subquery or CTE `from`.
    fn expr(&self, from: &Rc<str>) -> SqlExpr {
        let col = SqlExpr::col(from, &self.name);
        if self.repeats {
            SqlExpr::Label {
                expr: Box::new(col),
                name: self.label.clone(),
            }
        } else {
            col
        }
    }
}

/// A subquery or CTE: its FROM item, its name and its columns.
#[derive(Clone)]
pub struct Selectable {
    pub from: FromItem,
    pub name: Rc<str>,
    pub columns: Vec<SubColumn>,
    /// An explicit label its SELECT gives twice (or a label naming an
    /// earlier column): SQLAlchemy refuses its `.c` ([`Self::check_columns`]).
    pub label_clash: Option<Rc<str>>,
}

impl Object for Selectable {
    fn type_name(&self) -> &str {
        match self.from {
            FromItem::Cte(_) => "CTE",
            _ => "Subquery",
        }
    }
}

/// `sq.c`: the columns of a subquery or CTE (SQLAlchemy's
/// `ReadOnlyColumnCollection`).
pub struct SubColumns(pub Rc<Selectable>);

impl Object for SubColumns {
    fn type_name(&self) -> &str {
        "ReadOnlyColumnCollection"
    }
}

impl Selectable {
    /// `select.subquery(name)`: the SELECT's columns, each labelled with
    /// the name the subquery gives it (bare columns by their own name,
    /// computed ones anonymously), and the SELECT as `(…) AS name`.
    pub fn subquery(
        mut select: Select,
        types: &[Option<ColumnType>],
        keys: &[Option<Rc<str>>],
        name: Option<Rc<str>>,
    ) -> Self {
        let label_clash = label_clash(&select);
        let columns = name_columns(&mut select, types, keys);
        let name = name.unwrap_or_else(|| anon_name("anon"));
        Selectable {
            from: FromItem::Subquery {
                select: Box::new(select),
                alias: name.clone(),
            },
            name,
            columns,
            label_clash,
        }
    }

    /// `select.cte(name, recursive=)`: as a subquery, read through a WITH.
    pub fn cte(
        mut select: Select,
        types: &[Option<ColumnType>],
        keys: &[Option<Rc<str>>],
        name: Option<Rc<str>>,
        recursive: bool,
    ) -> Self {
        let label_clash = label_clash(&select);
        let columns = name_columns(&mut select, types, keys);
        let name = name.unwrap_or_else(|| anon_name("anon"));
        let cte = Cte {
            name: name.clone(),
            select,
            recursive,
            columns: columns.iter().map(|c| c.name.clone()).collect(),
            alias: None,
            id: crate::sql::compile_check::fresh_cte_id(),
        };
        Selectable {
            from: FromItem::Cte(Rc::new(cte)),
            name,
            columns,
            label_clash,
        }
    }

    /// `subquery.alias(name)`, `cte.alias(name)`, `aliased(cte, name=)`:
    /// the same SELECT read under another name (a CTE's alias reads the
    /// one WITH entry: `included_parts AS pr`, as SQLAlchemy's recursive
    /// example joins it to itself).
    pub fn alias(&self, name: Option<Rc<str>>) -> Selectable {
        let name = name.unwrap_or_else(|| anon_name("anon"));
        let from = match &self.from {
            FromItem::Cte(c) => FromItem::Cte(Rc::new(Cte {
                alias: Some(name.clone()),
                ..(**c).clone()
            })),
            FromItem::Subquery { select, .. } => FromItem::Subquery {
                select: select.clone(),
                alias: name.clone(),
            },
            other => other.clone(),
        };
        Selectable {
            from,
            name,
            columns: self.columns.clone(),
            label_clash: self.label_clash.clone(),
        }
    }

    /// `cte.union_all(select)` / `cte.union(select)`: the same CTE (same
    /// name, same columns) with its body compounded with `other`, which
    /// may read the CTE itself.
    pub fn compound_cte(&self, op: SetOp, other: Select) -> Option<Selectable> {
        let FromItem::Cte(c) = &self.from else {
            return None;
        };
        let mut members = if c.select.compound.is_empty() {
            vec![(SetOp::Union, c.select.clone())]
        } else {
            c.select.compound.clone()
        };
        members.push((op, other));
        let cte = Cte {
            select: Select {
                compound: members,
                ..Select::default()
            },
            ..(**c).clone()
        };
        Some(Selectable {
            from: FromItem::Cte(Rc::new(cte)),
            ..self.clone()
        })
    }

    /// The FROM item by which a statement reads it inside a query: a CTE
    /// is named, and its self-reference in its own body is a bare name.
    pub fn column(&self, key: &str) -> Option<ColumnElement> {
        let c = self.columns.iter().find(|c| &*c.key == key)?;
        Some(ColumnElement {
            entity: None,
            hybrid: None,
            prop_of: None,
            orm: false,
            expr: c.expr(&self.name),
            ty: c.ty.clone(),
            column: None,
            key: Some(c.key.clone()),
            is_clause: false,
            froms: vec![self.from_ref()],
        })
    }

    /// What a column of it brings to a FROM clause: the subquery, or the
    /// CTE.
    pub fn from_ref(&self) -> FromItem {
        self.from.clone()
    }

    /// The keys of `.c`, in order.
    pub fn keys(&self) -> Vec<Rc<str>> {
        self.columns.iter().map(|c| c.key.clone()).collect()
    }

    /// `SELECT name.a, name.b FROM <it>`, as `in_(subquery)` and
    /// `select(subquery)` read it.
    pub fn select_all(&self) -> Select {
        Select {
            columns: self.columns.iter().map(|c| c.expr(&self.name)).collect(),
            from: vec![self.from_ref()],
            ..Select::default()
        }
    }
}

/// The names a subquery gives the columns of `select` (of its first
/// member, for a compound): a label's or column's own name (a repeated one
/// `name_N`), else an anonymous label put on the column; then their keys
/// in `.c` ([`keys_of`]).
fn name_columns(
    select: &mut Select,
    types: &[Option<ColumnType>],
    keys: &[Option<Rc<str>>],
) -> Vec<SubColumn> {
    let mut out = sql_names(select, types);
    keys_of(&mut out, keys);
    out
}

/// The `.c` keys, SQLAlchemy's: a mapped attribute's key where the
/// SELECT was given one (`keys`, from the query's entities: `User.name`
/// over column `user_name` is `name`; a hybrid's name), a repeated
/// column's own name, else the name found; each made unique by `_N`
/// among the keys before it.
fn keys_of(out: &mut [SubColumn], keys: &[Option<Rc<str>>]) {
    for i in 0..out.len() {
        let own: Rc<str> = match keys.get(i).cloned().flatten() {
            Some(k) => k,
            None if out[i].repeats => out[i].name.clone(),
            None => out[i].key.clone(),
        };
        let (before, _) = out.split_at(i);
        let free = |k: &str| !before.iter().any(|c| &*c.key == k);
        let key = if free(&own) {
            own
        } else {
            (1..)
                .map(|n| format!("{own}_{n}"))
                .find(|k| free(k))
                .map_or(own, Rc::from)
        };
        out[i].key = key;
    }
}

/// The names of the columns in the subquery's SELECT, and the keys they
/// would have by those names alone.
fn sql_names(select: &mut Select, types: &[Option<ColumnType>]) -> Vec<SubColumn> {
    let cols = match select.compound.first_mut() {
        Some((_, first)) => &mut first.columns,
        None => &mut select.columns,
    };
    let mut out: Vec<SubColumn> = Vec::new();
    let originals: Vec<SqlExpr> = cols.clone();
    for (i, col) in cols.iter_mut().enumerate() {
        let ty = types.get(i).cloned().flatten();
        // The same column again: left bare for the compiler to label
        // `name__1` (SQLAlchemy's `_dedupe_label_anon_label`); its key in
        // `.c` is the next free `name_N`, read as the first one's column.
        if let SqlExpr::Column { .. } = col
            && let Some(first) = originals[..i].iter().position(|c| c == col)
        {
            let key = unique_key(&out, &out[first].key);
            let name = out[first].name.clone();
            out.push(SubColumn {
                label: key.clone(),
                key,
                name,
                ty,
                repeats: true,
            });
            continue;
        }
        let (key, name): (Rc<str>, Rc<str>) = match col {
            // An anonymous label (`m.g + 1`) has no key of its own:
            // SQLAlchemy's `_no_label`.
            SqlExpr::Label { name, .. } if is_anon_label(name) => {
                (unique_key(&out, NO_LABEL), name.clone())
            }
            SqlExpr::Label { name, .. } => (Rc::from(plain(name)), name.clone()),
            SqlExpr::Column { name, .. } => {
                let n = unique_key(&out, name);
                if n == *name {
                    (name.clone(), name.clone())
                } else {
                    *col = SqlExpr::Label {
                        expr: Box::new(col.clone()),
                        name: n.clone(),
                    };
                    (n.clone(), n)
                }
            }
            _ => {
                let (base, key) = match &*col {
                    SqlExpr::Func { name, .. } => {
                        let base = crate::sql::func::anon_label_base(name).into_owned();
                        let key = unique_key(&out, &base);
                        (base, key)
                    }
                    _ => ("anon".to_owned(), unique_key(&out, NO_LABEL)),
                };
                let n = anon_name(&base);
                *col = SqlExpr::Label {
                    expr: Box::new(col.clone()),
                    name: n.clone(),
                };
                (key, n)
            }
        };
        out.push(SubColumn {
            label: key.clone(),
            key,
            name,
            ty,
            repeats: false,
        });
    }
    out
}

impl Selectable {
    /// Its `.c`, refused when its SELECT gives an explicit label twice
    /// (SQLAlchemy's `_populate_column_collection` will not rename one).
    pub fn check_columns(&self) -> crate::error::Result<()> {
        let Some(name) = &self.label_clash else {
            return Ok(());
        };
        Err(crate::error::Error::new(
            crate::error::ErrorKind::InvalidRequestError,
            format!("Label name {name} is being renamed to an anonymous label due to disambiguation which is not supported right now.  Please use unique names for explicit labels."),
        )
        .with_help("give each label its own name"))
    }
}

/// A label given twice among a SELECT's columns (or a label naming an
/// earlier column), for [`Selectable::check_columns`].
fn label_clash(select: &Select) -> Option<Rc<str>> {
    let cols = match select.compound.first() {
        Some((_, first)) => &first.columns,
        None => &select.columns,
    };
    let mut names: Vec<&str> = Vec::new();
    for col in cols {
        let name = match col {
            SqlExpr::Label { name, .. } if !crate::sql::anon::is_anon(name) => {
                if names.contains(&&**name) {
                    return Some(name.clone());
                }
                name
            }
            SqlExpr::Column { name, .. } => name,
            _ => continue,
        };
        names.push(name);
    }
    None
}

/// The key of a column with no name of its own in a subquery's `.c`.
const NO_LABEL: &str = "_no_label";

/// Whether a label is wholly anonymous (`anon_1`, made for an expression
/// with no name), not a name given or derived from one.
fn is_anon_label(name: &str) -> bool {
    crate::sql::anon::is_anon(name) && plain(name) == "anon"
}

/// `base`, or `base_1`, `base_2`, … when an earlier column has that key
/// (SQLAlchemy's `ColumnCollection` keys of repeated names).
fn unique_key(taken: &[SubColumn], base: &str) -> Rc<str> {
    let free = |k: &str| !taken.iter().any(|c| &*c.key == k);
    if free(base) {
        return Rc::from(base);
    }
    (1..)
        .map(|n| format!("{base}_{n}"))
        .find(|k| free(k))
        .map(Rc::from)
        .unwrap_or_else(|| Rc::from(base))
}

/// The SELECT `col.in_(x)` reads when `x` is a query, a `select()` or a
/// subquery (SQLAlchemy coerces each to a SELECT; a legacy query's columns
/// are not labelled there), else `None`.
pub fn in_select_of(v: &crate::value::Value) -> Option<crate::error::Result<Select>> {
    if let Some(q) = v.downcast::<crate::orm::query::Query>() {
        return Some(q.compilable().map(|()| {
            let mut q = (*q).clone();
            q.legacy = false;
            q.to_select()
        }));
    }
    v.downcast::<Selectable>().map(|s| Ok(s.select_all()))
}
