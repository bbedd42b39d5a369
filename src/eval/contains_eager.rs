//! `contains_eager(User.posts)` (SQLAlchemy's `sqlalchemy.orm.contains_eager`):
//! the option, and its step on a query's path — the relationship, and the
//! alias `of_type(alias)` reads the joined target through. The loading is
//! `orm::contains_eager`.

use std::rc::Rc;

use crate::error::{Error, ErrorKind, Result};
use crate::eval::Interp;
use crate::eval::alias_rel::AliasedRel;
use crate::eval::args::Args;
use crate::eval::loader_opts::{bind_loader_kw, loader_strategy};
use crate::eval::objects::LoaderOption;
use crate::orm::alias::AliasedModel;
use crate::orm::contains_eager::ContainsEager;
use crate::schema::relationship::Rel;
use crate::sql::ast::FromItem;
use crate::syntax::span::Span;
use crate::value::Value;

/// `db.contains_eager(attr)`: fill `attr` from the query's own join.
pub fn contains_eager(_: &mut Interp, mut a: Args) -> Result<Value> {
    bind_loader_kw("contains", &mut a)?;
    let strategy = loader_strategy("contains", &mut a);
    a.count(1, 1)?;
    Ok(Value::obj(LoaderOption {
        strategy,
        target: a.pos[0].clone(),
        chain: Vec::new(),
    }))
}

/// `contains_eager(..., alias=...)`: refused, naming what works.
pub fn alias_refused(at: Span) -> Error {
    Error::new(
        ErrorKind::NotImplementedError,
        "contains_eager(alias=...) is not supported by ormsh",
    )
    .at(at)
    .with_help("name the alias with of_type: contains_eager(User.posts.of_type(alias))")
}

/// A `contains_eager` step given `User.posts.of_type(alias)`: the
/// relationship and its alias (None for `User.posts` itself).
pub fn of_type_step(target: &Value) -> Option<(Rc<Rel>, Option<Rc<AliasedModel>>)> {
    let r = target.downcast::<AliasedRel>()?;
    if r.parent.is_some() {
        return None;
    }
    Some((r.rel.clone(), r.target.clone()))
}

/// The `contains_eager` step reaching `path`'s last relationship, its
/// target read through `alias` (an `aliased()` of it) or its own table.
pub fn step(path: Vec<Rc<Rel>>, alias: Option<&AliasedModel>) -> Option<ContainsEager> {
    let rel = path.last()?.clone();
    let (columns, prefix, from) = match alias {
        Some(al) => (al.exprs(), al.name.clone(), al.from.clone()),
        None => (
            (0..rel.target.columns.len())
                .map(|i| crate::orm::column_property::read(&rel.target, i, &rel.target.table, None))
                .collect(),
            rel.target.table.clone(),
            FromItem::Table {
                name: rel.target.table.clone(),
                alias: None,
            },
        ),
    };
    Some(ContainsEager {
        path,
        columns,
        prefix,
        from,
    })
}
