//! Loader options — `joinedload(User.posts)` and the others — chained to
//! reach deeper relationships (`joinedload(User.posts).selectinload(
//! Post.comments)`), as SQLAlchemy's `sqlalchemy.orm.Load`.

use std::rc::Rc;

use crate::error::Result;
use crate::eval::Interp;
use crate::eval::args::Args;
use crate::eval::loader_opts::{bind_loader_kw, loader_strategy};
use crate::eval::objects::LoaderOption;
use crate::eval::surface::{Class, Member, Sig};
use crate::value::Value;

/// `opt.<strategy>(attr)`: the option with one more step.
fn chain(opt: &Rc<LoaderOption>, strategy: &'static str, mut a: Args) -> Result<Value> {
    bind_loader_kw(strategy, &mut a)?;
    let strategy = loader_strategy(strategy, &mut a);
    a.count(1, 1)?;
    let mut chain = opt.chain.clone();
    chain.push((strategy, a.pos[0].clone()));
    Ok(Value::obj(LoaderOption {
        strategy: opt.strategy,
        target: opt.target.clone(),
        chain,
    }))
}

fn joinedload(_: &mut Interp, opt: &Rc<LoaderOption>, a: Args) -> Result<Value> {
    chain(opt, "joined", a)
}

fn selectinload(_: &mut Interp, opt: &Rc<LoaderOption>, a: Args) -> Result<Value> {
    chain(opt, "selectin", a)
}

fn subqueryload(_: &mut Interp, opt: &Rc<LoaderOption>, a: Args) -> Result<Value> {
    chain(opt, "subquery", a)
}

fn lazyload(_: &mut Interp, opt: &Rc<LoaderOption>, a: Args) -> Result<Value> {
    chain(opt, "select", a)
}

fn noload(_: &mut Interp, opt: &Rc<LoaderOption>, a: Args) -> Result<Value> {
    chain(opt, "noload", a)
}

fn raiseload(_: &mut Interp, opt: &Rc<LoaderOption>, a: Args) -> Result<Value> {
    chain(opt, "raise", a)
}

fn contains_eager(_: &mut Interp, opt: &Rc<LoaderOption>, a: Args) -> Result<Value> {
    chain(opt, "contains", a)
}

/// `opt.load_only(...)`, `opt.defer(...)`, …: a column option along the
/// option's path, which ormsh does not have.
fn column_step(_: &mut Interp, _: &Rc<LoaderOption>, a: Args) -> Result<Value> {
    Err(crate::eval::column_opts::path_refused(a.span))
}

fn defaultload(_: &mut Interp, opt: &Rc<LoaderOption>, a: Args) -> Result<Value> {
    chain(opt, "default", a)
}

/// A loader option's members (SQLAlchemy's `_AbstractLoad`).
pub static LOADER_OPTION: Class<Rc<LoaderOption>> = Class::new(
    "_AbstractLoad",
    &[
        Member::method(
            "joinedload",
            joinedload,
            Sig::kw(&["innerjoin"]),
            "then load this relationship with a LEFT OUTER JOIN",
        ),
        Member::method(
            "selectinload",
            selectinload,
            Sig::kw(&["recursion_depth"]),
            "then load this relationship with SELECT … WHERE key IN (…)",
        ),
        Member::method(
            "subqueryload",
            subqueryload,
            Sig::NONE,
            "then load this relationship with a second query over a subquery",
        ),
        Member::method(
            "lazyload",
            lazyload,
            Sig::NONE,
            "then load this relationship when it is first read",
        ),
        Member::method(
            "noload",
            noload,
            Sig::NONE,
            "then leave this relationship empty, never loaded",
        ),
        Member::method(
            "raiseload",
            raiseload,
            Sig::kw(&["sql_only"]),
            "then make reading this relationship unloaded an error",
        ),
        Member::method(
            "contains_eager",
            contains_eager,
            Sig::kw(&["alias"]),
            "then fill this relationship from the query's own join",
        ),
        Member::method(
            "load_only",
            column_step,
            Sig::kw(&["raiseload"]),
            "then load only these columns (refused by ormsh along a path)",
        ),
        Member::method(
            "defer",
            column_step,
            Sig::kw(&["raiseload"]),
            "then defer this column (refused by ormsh along a path)",
        ),
        Member::method(
            "undefer",
            column_step,
            Sig::NONE,
            "then undefer this column (refused by ormsh along a path)",
        ),
        Member::method(
            "defaultload",
            defaultload,
            Sig::NONE,
            "then go on through this relationship, loaded its own way",
        ),
    ],
);
