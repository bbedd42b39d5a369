//! What `Base.prepare(autoload_with=db.engine)` defines (`eval::automap`):
//! one model block per table of the file with a primary key, written as
//! SQLAlchemy's automap maps it (`AutomapBase.prepare`,
//! `_relationships_for_fks`, `_m2m_relationship`): the class named as the
//! table, its columns as ormsh reflects them, a many-to-one per
//! single-column foreign key named after the referred class in lower case
//! (`name_for_scalar_relationship`) with a back-reference
//! `<class>_collection` (`cascade='all, delete-orphan'` when the key is NOT
//! NULL, as automap's), and for a table of two foreign keys and no other
//! column a many-to-many `<class>_collection` on each side. Where automap
//! takes one of several foreign keys to the same table (the first of an
//! unordered set), ormsh takes the first in column order.

use std::collections::HashMap;
use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::schema::reflect::TableInfo;
use crate::schema::reflect_plan::Target;
use crate::value::repr::str_repr;

/// Define the automap classes of the file's tables that have none yet;
/// their names. Tables it cannot map are noted on stderr.
pub fn prepare(me: &mut Interp) -> Result<Vec<Rc<str>>> {
    let engine = me.session.engine.clone();
    let mut infos: Vec<TableInfo> = Vec::new();
    for t in crate::persist::introspect::user_tables(&engine)? {
        if let Ok(info) = crate::persist::introspect::describe(&engine, &t)
            && !info.view
        {
            infos.push(info);
        }
    }
    infos.sort_by(|a, b| a.name.cmp(&b.name));
    let m2m: Vec<&TableInfo> = infos.iter().filter(|t| is_many_to_many(t)).collect();
    let mapped: Vec<&TableInfo> = (infos.iter())
        .filter(|t| !is_many_to_many(t) && t.columns.iter().any(|c| c.pk > 0))
        .collect();
    let mut notes: Vec<String> = Vec::new();
    let mut classes: Vec<&TableInfo> = Vec::new();
    for t in &mapped {
        if crate::schema::inflect::attr_name(&t.name) != t.name {
            notes.push(format!(
                "{}: no automap class: its name is not a Python identifier (ormsh's own class for it stays)",
                t.name
            ));
            continue;
        }
        classes.push(t);
    }
    let targets: HashMap<String, Target> = (classes.iter())
        .map(|t| {
            let pk = (t.columns.iter())
                .filter(|c| c.pk > 0)
                .map(|c| c.name.clone())
                .collect();
            let target = Target {
                class: t.name.clone(),
                pk,
                reflected: true,
            };
            (t.name.clone(), target)
        })
        .collect();
    let mut members: HashMap<String, Vec<String>> = HashMap::new();
    let mut props: HashMap<String, Vec<String>> = HashMap::new();
    let mut attrs: HashMap<String, HashMap<String, String>> = HashMap::new();
    for t in &classes {
        let mut ignored = Vec::new();
        let (lines, names, map) =
            crate::schema::reflect_source::column_members(t, &targets, &mut ignored);
        members.insert(t.name.clone(), lines);
        props.insert(t.name.clone(), names);
        attrs.insert(t.name.clone(), map);
    }
    for t in &classes {
        many_to_ones(t, &targets, &attrs, &mut members, &mut props);
    }
    for t in &m2m {
        many_to_many(me, t, &targets, &mut members, &mut props, &mut notes);
    }
    let mut made = Vec::new();
    for t in &classes {
        if me.registry.get(&t.name).is_some_and(|m| m.automap) {
            made.push(Rc::from(t.name.as_str()));
            continue;
        }
        let mut src = format!(
            "model {} <\n    __tablename__ = {}\n",
            t.name,
            str_repr(&t.name)
        );
        for m in members.remove(&t.name).unwrap_or_default() {
            src.push_str("    ");
            src.push_str(&m);
            src.push('\n');
        }
        src.push_str(">\n");
        let stmts = crate::syntax::parse_chunk(&src);
        let r = stmts.and_then(|stmts| {
            let was = std::mem::replace(&mut me.store.automapping, true);
            let was_reflecting = std::mem::replace(&mut me.store.reflecting, true);
            let r = me.run_declaration(&src, &stmts);
            me.store.automapping = was;
            me.store.reflecting = was_reflecting;
            r
        });
        match r {
            Ok(()) => made.push(Rc::from(t.name.as_str())),
            Err(e) => notes.push(format!("{}: no automap class: {}", t.name, e.message)),
        }
    }
    if let Err(e) = me.mapping() {
        notes.push(format!(
            "the automap relationships do not configure: {}",
            e.message
        ));
    }
    for n in notes {
        me.session.warnings.push(format!("note: {n}"));
    }
    Ok(made)
}

/// Automap's `_is_many_to_many`: exactly two foreign keys, and every
/// column part of one.
fn is_many_to_many(t: &TableInfo) -> bool {
    t.foreign_keys.len() == 2
        && t.columns
            .iter()
            .all(|c| (t.foreign_keys.iter()).any(|f| f.columns.contains(&c.name)))
}

/// The many-to-one of each single-column foreign key of `t` to a mapped
/// table, with its back-reference, unless a name is taken.
fn many_to_ones(
    t: &TableInfo,
    targets: &HashMap<String, Target>,
    attrs: &HashMap<String, HashMap<String, String>>,
    members: &mut HashMap<String, Vec<String>>,
    props: &mut HashMap<String, Vec<String>>,
) {
    for fk in &t.foreign_keys {
        if fk.columns.len() != 1 || !targets.contains_key(&fk.ref_table) {
            continue;
        }
        let referred = &fk.ref_table;
        let name = referred.to_lowercase();
        let back = format!("{}_collection", t.name.to_lowercase());
        let taken = |p: &HashMap<String, Vec<String>>, class: &str, n: &str| {
            p.get(class).is_some_and(|v| v.iter().any(|x| x == n))
        };
        if taken(props, &t.name, &name) {
            continue;
        }
        let Some(fk_attr) = attrs.get(&t.name).and_then(|m| m.get(&fk.columns[0])) else {
            continue;
        };
        let mut args = vec![str_repr(referred), format!("foreign_keys=[{fk_attr}]")];
        if *referred == t.name {
            let refcol = (fk.ref_columns[0].clone())
                .or_else(|| targets[referred].pk.first().cloned())
                .unwrap_or_default();
            if let Some(r) = attrs.get(&t.name).and_then(|m| m.get(&refcol)) {
                args.push(format!("remote_side=[{r}]"));
            }
        }
        if !taken(props, referred, &back) {
            let notnull = t
                .columns
                .iter()
                .any(|c| c.name == fk.columns[0] && c.notnull);
            let on_delete = fk.on_delete.as_deref().map(str::to_lowercase);
            let mut bargs = vec![str_repr(&back)];
            if notnull {
                bargs.push("cascade='all, delete-orphan'".into());
                if on_delete.as_deref() == Some("cascade") {
                    bargs.push("passive_deletes=True".into());
                }
            } else if on_delete.as_deref() == Some("set null") {
                bargs.push("passive_deletes=True".into());
            }
            args.push(format!("backref=db.backref({})", bargs.join(", ")));
            props.entry(referred.clone()).or_default().push(back);
        }
        members
            .entry(t.name.clone())
            .or_default()
            .push(format!("{name} = db.relationship({})", args.join(", ")));
        props.entry(t.name.clone()).or_default().push(name);
    }
}

/// The many-to-many through association table `t` (automap's
/// `_m2m_relationship`): on the first foreign key's class,
/// `<other>_collection`, with `<first>_collection` back. Through the
/// association table ormsh reflected; a self-referential one is noted.
fn many_to_many(
    me: &Interp,
    t: &TableInfo,
    targets: &HashMap<String, Target>,
    members: &mut HashMap<String, Vec<String>>,
    props: &mut HashMap<String, Vec<String>>,
    notes: &mut Vec<String>,
) {
    let mut fks: Vec<_> = t.foreign_keys.iter().collect();
    let pos = |f: &&crate::schema::reflect::ForeignKeyInfo| {
        t.columns
            .iter()
            .position(|c| f.columns.first() == Some(&c.name))
    };
    fks.sort_by_key(pos);
    let (lcl, rem) = (&fks[0].ref_table, &fks[1].ref_table);
    if !targets.contains_key(lcl) || !targets.contains_key(rem) {
        return;
    }
    if lcl == rem || me.registry.table(&t.name).is_none() {
        notes.push(format!(
            "{}: no automap many-to-many through it (ormsh maps it as {})",
            t.name,
            if lcl == rem {
                "a model of its own: its two keys name one table"
            } else {
                "a model of its own"
            }
        ));
        return;
    }
    let name = format!("{}_collection", rem.to_lowercase());
    let back = format!("{}_collection", lcl.to_lowercase());
    let taken = |p: &HashMap<String, Vec<String>>, class: &str, n: &str| {
        p.get(class).is_some_and(|v| v.iter().any(|x| x == n))
    };
    if taken(props, lcl, &name) {
        return;
    }
    let mut args = vec![str_repr(rem), format!("secondary={}", str_repr(&t.name))];
    if !taken(props, rem, &back) {
        args.push(format!("backref={}", str_repr(&back)));
        props.entry(rem.clone()).or_default().push(back);
    }
    members
        .entry(lcl.clone())
        .or_default()
        .push(format!("{name} = db.relationship({})", args.join(", ")));
    props.entry(lcl.clone()).or_default().push(name);
}
