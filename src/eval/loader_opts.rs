//! The arguments of the loader options `joinedload`, `selectinload`,
//! `subqueryload`, `lazyload`, `noload`, `raiseload` and `defaultload`,
//! written alone (`joinedload(User.posts)`)
//! or chained (`joinedload(User.posts).selectinload(Post.tags)`), as
//! SQLAlchemy's `sqlalchemy.orm` functions and `Load` methods take them.

use crate::error::{Error, Result};
use crate::eval::args::Args;
use crate::eval::surface::Sig;
use crate::value::Value;

/// The keywords of the option loading by `strategy` (`"joined"`,
/// `"selectin"`, `"subquery"`, `"select"`): `innerjoin=` for
/// `joinedload`, `recursion_depth=` for `selectinload`, none for the others.
pub fn loader_sig(strategy: &str) -> Sig {
    match strategy {
        "joined" => Sig::kw(&["innerjoin"]),
        "selectin" => Sig::kw(&["recursion_depth"]),
        "raise" => Sig::kw(&["sql_only"]),
        "contains" => Sig::kw(&["alias"]),
        _ => Sig::NONE,
    }
}

/// The name of the option loading by `strategy`, for messages.
pub fn loader_name(strategy: &str) -> &'static str {
    match strategy {
        "joined" => "joinedload",
        "selectin" => "selectinload",
        "subquery" => "subqueryload",
        "noload" => "noload",
        "raise" | "raise_on_sql" => "raiseload",
        "default" => "defaultload",
        "contains" => "contains_eager",
        _ => "lazyload",
    }
}

/// Check a loader option's keywords (`Args::bind` on `loader_sig`) and
/// take those it has, each only with the value ormsh behaves as:
/// `innerjoin=False` (ormsh's joined eager loads are LEFT OUTER JOINs) and
/// `recursion_depth=None` (ormsh loads a self-referential relationship one
/// level per option). Any other value is a TypeError saying so.
pub fn bind_loader_kw(strategy: &str, a: &mut Args) -> Result<()> {
    let name = loader_name(strategy);
    a.bind(name, &loader_sig(strategy))?;
    for (k, v, span) in std::mem::take(&mut a.kw) {
        if k.as_ref() == "sql_only" {
            // `raiseload(..., sql_only=True)`: read by `loader_strategy`.
            a.kw.push((k, v, span));
            continue;
        }
        if k.as_ref() == "alias" {
            return Err(crate::eval::contains_eager::alias_refused(span));
        }
        let (ok, does) = match &*k {
            "innerjoin" => (
                !v.truthy(),
                "ormsh's joined eager loading uses LEFT OUTER JOIN (innerjoin=False)",
            ),
            _ => (
                matches!(v, Value::None),
                "ormsh's selectin loading loads one level per option (recursion_depth=None)",
            ),
        };
        if !ok {
            return Err(
                Error::type_(format!("{name}({k}=...) is not supported: {does}"))
                    .at(span)
                    .with_help(format!("leave {k}= out")),
            );
        }
    }
    Ok(())
}

/// The strategy a `raiseload` call names: `raise`, or `raise_on_sql`
/// with `sql_only=True` (raising only where the read would run SQL).
pub fn loader_strategy(strategy: &'static str, a: &mut Args) -> &'static str {
    let mut sql_only = false;
    a.kw.retain(|(k, v, _)| {
        let it = k.as_ref() == "sql_only";
        sql_only |= it && v.truthy();
        !it
    });
    if strategy == "raise" && sql_only {
        "raise_on_sql"
    } else {
        strategy
    }
}
