//! The arguments of the loader options `joinedload`, `selectinload`,
//! `subqueryload` and `lazyload`, written alone (`joinedload(User.posts)`)
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
        _ => Sig::NONE,
    }
}

/// The name of the option loading by `strategy`, for messages.
pub fn loader_name(strategy: &str) -> &'static str {
    match strategy {
        "joined" => "joinedload",
        "selectin" => "selectinload",
        "subquery" => "subqueryload",
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
