//! An `Annotated` alias's `mapped_column()` merged into a member's own
//! (`intpk = Annotated[int, mapped_column(primary_key=True)]`, then
//! `id: Mapped[intpk] = mapped_column(...)`): SQLAlchemy's
//! `Column._merge` as `MappedColumn._init_column_for_annotation` calls
//! it — what the member's own `mapped_column()` gives wins, the alias
//! fills in the rest; the alias's `name`/`key` are ignored.

use crate::eval::mapped::MappedColumn;

/// `base` (the alias's `mapped_column()`) merged into `own` (the
/// member's, or the empty one a bare annotation stands for).
pub fn merge(base: &MappedColumn, own: &MappedColumn) -> MappedColumn {
    let mut out = own.clone();
    let given = |m: &MappedColumn, k: &str| m.given.iter().any(|g| &**g == k);
    let (b, o) = (&base.column, &mut out.column);
    if b.primary_key {
        o.primary_key = true;
    }
    if o.autoincrement.is_none() {
        o.autoincrement = b.autoincrement;
    }
    if base.type_given && !own.type_given {
        o.ty = b.ty.clone();
        o.type_opts = b.type_opts.clone();
        out.type_given = true;
    }
    if base.has_nullable && !own.has_nullable {
        o.nullable = b.nullable;
        out.has_nullable = true;
    }
    if o.default.is_none() {
        o.default = b.default.clone();
    }
    if o.server_default.is_none() {
        o.server_default = b.server_default.clone();
    }
    o.server_onupdate |= b.server_onupdate;
    o.server_fetched |= b.server_fetched;
    if o.onupdate.is_none() {
        o.onupdate = b.onupdate.clone();
    }
    if given(base, "index") && !given(own, "index") {
        o.index = b.index;
    }
    if given(base, "unique") && !given(own, "unique") {
        o.unique = b.unique;
    }
    if o.foreign_key.is_none() && b.foreign_key.is_some() {
        o.foreign_key = b.foreign_key.clone();
        out.has_fk = true;
    }
    out
}
