//! The names a table's naming convention (`schema::naming_convention`,
//! SQLAlchemy's `MetaData(naming_convention=...)`) gives its primary key,
//! its columns' UNIQUE, FOREIGN KEY, type CHECK constraints and indexes,
//! and the constraints of `__table_args__`, for the DDL plan
//! (`schema::ddl`). Worked out when the table is defined too
//! (`check`), so a template SQLAlchemy cannot fill fails there.

use std::rc::Rc;

use crate::schema::column::Column;
use crate::schema::constraint::{TableArgs, TableConstraint};
use crate::schema::naming_convention::{Kind, NamingConvention, NamingError, Subject};

/// The names the convention gives a table's items, by column name for
/// the column-level ones; `args` is the table's arguments with their
/// constraints named.
#[derive(Default)]
pub struct Names {
    pub primary_key: Option<Rc<str>>,
    pub uniques: Vec<(Rc<str>, Rc<str>)>,
    pub foreign_keys: Vec<(Rc<str>, Rc<str>)>,
    pub checks: Vec<(Rc<str>, Rc<str>)>,
    pub indexes: Vec<(Rc<str>, Rc<str>)>,
    pub args: Option<TableArgs>,
}

impl Names {
    /// The name given to `column`'s item in `list`, if any.
    pub fn of(list: &[(Rc<str>, Rc<str>)], column: &str) -> Option<Rc<str>> {
        list.iter()
            .find(|(c, _)| &**c == column)
            .map(|(_, n)| n.clone())
    }
}

/// Why a table's items cannot be named.
pub enum Failure {
    Naming(NamingError),
}

fn subject<'a>(
    table: &'a str,
    cols: &'a [Column],
    names: &[&'a Rc<str>],
    name: Option<&'a str>,
) -> Subject<'a> {
    let columns = names
        .iter()
        .map(|n| {
            let name: &'a str = n;
            let key = (cols.iter().find(|c| c.name == **n))
                .and_then(|c| c.key.as_deref())
                .unwrap_or(name);
            (name, key)
        })
        .collect();
    Subject {
        table,
        columns,
        referred_table: None,
        referred_columns: Vec::new(),
        name,
    }
}

/// The names `conv` gives the items of `table`.
pub fn names(
    conv: &NamingConvention,
    table: &str,
    cols: &[Column],
    args: &TableArgs,
) -> Result<Names, Failure> {
    let n = |kind, s: &Subject| conv.name(kind, s).map_err(Failure::Naming);
    let mut out = Names::default();
    if args.primary_key.is_none() {
        let pk: Vec<&Rc<str>> = cols
            .iter()
            .filter(|c| c.primary_key)
            .map(|c| &c.name)
            .collect();
        if !pk.is_empty() {
            out.primary_key = n(Kind::PrimaryKey, &subject(table, cols, &pk, None))?;
        }
    }
    for c in cols {
        let one = [&c.name];
        if c.unique
            && !c.index
            && let Some(name) = n(Kind::Unique, &subject(table, cols, &one, None))?
        {
            out.uniques.push((c.name.clone(), name));
        }
        // Under a convention without "ix" the index stays unnamed, and
        // `create_all` fails on it (SQLAlchemy's DDL compiler asserts).
        if c.index
            && let Some(name) = n(Kind::Index, &subject(table, cols, &one, None))?
        {
            out.indexes.push((c.name.clone(), name));
        }
        if let Some(fk) = c.foreign_key.as_ref().filter(|fk| !fk.table_level) {
            let mut s = subject(table, cols, &one, fk.name.as_deref());
            s.referred_table = Some(&fk.table);
            s.referred_columns = vec![&fk.column];
            if let Some(name) = n(Kind::ForeignKey, &s)? {
                out.foreign_keys.push((c.name.clone(), name));
            }
        }
        if let Some(given) = &c.type_opts.check
            && let Some(name) = n(Kind::Check, &subject(table, cols, &one, given.as_deref()))?
        {
            out.checks.push((c.name.clone(), name));
        }
    }
    let mut named = args.clone();
    if let Some(pk) = &mut named.primary_key {
        let cols_of: Vec<&Rc<str>> = pk.columns.iter().collect();
        if let Some(name) = n(
            Kind::PrimaryKey,
            &subject(table, cols, &cols_of, pk.name.as_deref()),
        )? {
            pk.name = Some(name);
        }
    }
    for c in &mut named.constraints {
        let (kind, name, columns, referred) = match c {
            TableConstraint::Unique { name, columns, .. } => {
                (Kind::Unique, name, columns.clone(), None)
            }
            TableConstraint::Check { name, .. } => (Kind::Check, name, Vec::new(), None),
            TableConstraint::ForeignKey {
                name,
                columns,
                ref_table,
                ref_columns,
                ..
            } => (
                Kind::ForeignKey,
                name,
                columns.clone(),
                Some((ref_table.clone(), ref_columns.clone())),
            ),
        };
        if kind == Kind::Unique && columns.is_empty() {
            continue;
        }
        let of: Vec<&Rc<str>> = columns.iter().collect();
        let mut s = subject(table, cols, &of, name.as_deref());
        if let Some((t, rc)) = &referred {
            s.referred_table = Some(t);
            s.referred_columns = rc.iter().map(|c| &**c).collect();
        }
        if let Some(new) = n(kind, &s)? {
            *name = Some(new);
        }
    }
    out.args = Some(named);
    Ok(out)
}
