//! Anonymous names, as SQLAlchemy's `_anonymous_label`: a subquery,
//! alias or CTE made without a name is named `%(ID base)s` when built
//! and numbered only when a statement is compiled, in the order the
//! compiler meets it (`anon_1`, `u_1`), sharing the counters of labels
//! and bind names (the compiler's anon map). Labels built from such a
//! name (`anon_1_u_id`) carry the token and are numbered with it.
//!
//! Here a token is `\u{1}ID base\u{2}`: control characters no name a
//! user writes holds (`aliased(..., name=)` refuses them).

use std::cell::Cell;
use std::rc::Rc;

const OPEN: char = '\u{1}';
const CLOSE: char = '\u{2}';

thread_local! {
    static NEXT: Cell<u64> = const { Cell::new(1) };
}

/// A fresh anonymous name numbered from `base` when compiled
/// (SQLAlchemy's `_anonymous_label.safe_construct(id(self), base)`).
pub fn anon_name(base: &str) -> Rc<str> {
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    Rc::from(format!("{OPEN}{id} {base}{CLOSE}"))
}

/// Whether a name holds an anonymous token (or a control character a
/// user's name may not hold for that reason).
pub fn is_anon(name: &str) -> bool {
    name.contains(OPEN)
}

/// `name` with every token replaced by `number(token, base)`'s name, as
/// the compiler's `_process_anon` does.
pub fn resolve(name: &str, number: &mut dyn FnMut(&str, &str) -> String) -> String {
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(start) = rest.find(OPEN) {
        out.push_str(&rest[..start]);
        let after = &rest[start + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            out.push_str(&rest[start..]);
            return out;
        };
        let token = &after[..end];
        let base = token.split_once(' ').map_or(token, |(_, b)| b);
        out.push_str(&number(token, base));
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    out
}

/// The name as it reads before compilation (the base of each token), for
/// messages and result keys: `anon_u_id` for `%(7 anon)s_u_id`.
pub fn plain(name: &str) -> String {
    resolve(name, &mut |_, base| base.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_resolve_in_place_and_once() {
        let a = anon_name("anon");
        let label = format!("{a}_u_id");
        let mut seen = Vec::new();
        let out = resolve(&label, &mut |t, b| {
            seen.push(t.to_owned());
            format!("{b}_1")
        });
        assert_eq!(out, "anon_1_u_id");
        assert_eq!(seen.len(), 1);
        assert!(is_anon(&a) && !is_anon("anon_1"));
        assert_eq!(plain(&label), "anon_u_id");
    }
}
