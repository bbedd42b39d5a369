//! The naming convention of the tables a file stores
//! (`MetaData(naming_convention={...})`, `schema::naming_convention`): one
//! `_ormsh_models` row, kind `metadata`, named `naming_convention`, whose
//! source is `MetaData(naming_convention={'pk': 'pk_%(table_name)s', …})`
//! — a call of `MetaData` with one dict of string literals, nothing else
//! (checked here, never run). Loaded before the definitions, it is the
//! registry's convention again, so the stored models name their
//! constraints and indexes as they did (`.schema`, `create_all`, the
//! model-vs-table check) and `.export python` writes it.

use std::rc::Rc;

use crate::eval::Interp;
use crate::persist::declare::Refusal;
use crate::schema::naming_convention::NamingConvention;
use crate::syntax::ast::{Arg, ExprKind, Stmt, StmtKind};
use crate::syntax::parse_chunk;

/// The row's name.
pub const NAME: &str = "naming_convention";

/// The convention a row's source holds, checked.
pub fn convention_of(name: &str, src: &str) -> Result<NamingConvention, Refusal> {
    let refusal = || {
        "a stored naming convention must be MetaData(naming_convention={'pk': '...', ...}) with string literals".to_string()
    };
    if name != NAME {
        return Err(refusal());
    }
    let stmts = parse_chunk(src).map_err(|_| refusal())?;
    let [
        Stmt {
            kind: StmtKind::Expr(call),
            ..
        },
    ] = stmts.as_slice()
    else {
        return Err(refusal());
    };
    let ExprKind::Call { func, args } = &call.kind else {
        return Err(refusal());
    };
    let (ExprKind::Name(f), [Arg::Kw(k, dict)]) = (&func.kind, args.as_slice()) else {
        return Err(refusal());
    };
    let ExprKind::Dict(items) = &dict.kind else {
        return Err(refusal());
    };
    if &**f != "MetaData" || &*k.name != "naming_convention" {
        return Err(refusal());
    }
    let mut entries = Vec::new();
    for (key, value) in items {
        let (ExprKind::Str(key), ExprKind::Str(value)) = (&key.kind, &value.kind) else {
            return Err(refusal());
        };
        entries.push((key.to_string(), Rc::clone(value)));
    }
    NamingConvention::new(entries)
}

impl Interp {
    /// Load the stored naming convention: the registry's from now on.
    pub(crate) fn load_metadata(&mut self, name: &str, src: &str) -> Result<(), Refusal> {
        let conv = convention_of(name, src)?;
        self.registry.naming = Some(Rc::new(conv));
        Ok(())
    }
}
