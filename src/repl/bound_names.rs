//! Names a `for` binds in the text being typed, for Tab completion: in
//! `for p in Post.query.all():` (a block's header, or a comprehension's
//! clause after the cursor) `p` stands for one item of what the iterable
//! stands for — an object of the model a query, a list of results, a
//! collection or a page is about; a list's first value. Nothing runs.

use crate::eval::surface::{
    APPENDER, COLLECTION, INSTANCE, LIST, PAGINATION, QUERY, SCALAR_RESULT, Surface, class_of,
};
use crate::orm::instance::Instance;
use crate::repl::resolve::{Found, Snapshot, model_of_value, resolve};
use crate::schema::model::Model;
use crate::value::Value;

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every `for NAME in ITERABLE` of `text` whose iterable is known, with
/// what NAME stands for (the later of two bindings of a name wins).
pub fn bindings(snap: &Snapshot, text: &str) -> Vec<(String, Found)> {
    // A later clause may iterate over an earlier one's name
    // (`for c in cs:` then `for p in c.posts:`): it resolves with those.
    let mut local: Option<Snapshot> = None;
    let mut rest = text;
    while let Some(at) = find_word(rest, "for") {
        rest = &rest[at + 3..];
        let Some((name, after)) = bound_name(rest) else {
            continue;
        };
        let chain = iterable(after);
        if let Some(found) =
            resolve(local.as_ref().unwrap_or(snap), chain).and_then(|f| element(&f))
        {
            let l = local.get_or_insert_with(|| snap.clone());
            l.bound.retain(|(n, _)| n != name);
            l.bound.push((name.to_string(), found));
        }
    }
    local.map(|l| l.bound).unwrap_or_default()
}

/// Where the keyword `word` next stands alone in `s`.
fn find_word(s: &str, word: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = s[from..].find(word).map(|i| i + from) {
        let before = s[..i].chars().next_back();
        let after = s[i + word.len()..].chars().next();
        if !before.is_some_and(is_ident) && after.is_some_and(char::is_whitespace) {
            return Some(i);
        }
        from = i + word.len();
    }
    None
}

/// `NAME in ` after `for`: the name and the text after `in`.
fn bound_name(s: &str) -> Option<(&str, &str)> {
    let s = s.trim_start();
    let end = s.find(|c: char| !is_ident(c)).unwrap_or(s.len());
    let (name, rest) = s.split_at(end);
    let rest = rest.trim_start().strip_prefix("in")?;
    (!name.is_empty() && rest.starts_with(char::is_whitespace)).then(|| (name, rest.trim_start()))
}

/// The iterable's chain: names, dots and balanced brackets, up to the
/// `:` of a block or the `]`/`)`/`if` that ends a comprehension clause.
fn iterable(s: &str) -> &str {
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[' | '{') => depth += 1,
            (None, ')' | ']' | '}') if depth == 0 => return s[..i].trim_end(),
            (None, ')' | ']' | '}') => depth -= 1,
            (None, c) if depth == 0 && !(is_ident(c) || c == '.') => return s[..i].trim_end(),
            _ => {}
        }
    }
    s.trim_end()
}

/// One item of what `found` stands for (also what `found[i]` stands
/// for), when iterating it gives objects
/// of a known model or a list's values.
pub fn element(found: &Found) -> Option<Found> {
    let items: [&'static dyn Surface; 6] = [
        &QUERY,
        &LIST,
        &COLLECTION,
        &APPENDER,
        &PAGINATION,
        &SCALAR_RESULT,
    ];
    match found {
        Found::Value(Value::List(l)) => uniform(&l.borrow()),
        Found::Value(Value::Tuple(t)) => uniform(t),
        Found::Value(v)
            if v.downcast::<Instance>().is_none() && v.downcast::<Model>().is_none() =>
        {
            model_of_value(v).map(|m| Found::Class(&INSTANCE, Some(m)))
        }
        Found::Class(c, Some(m)) if items.iter().any(|i| std::ptr::addr_eq(*i, *c)) => {
            Some(Found::Class(&INSTANCE, Some(m.clone())))
        }
        _ => None,
    }
}

/// The first of `items` when all are of one class (any of them would
/// complete the same), else nothing rather than a guess.
fn uniform(items: &[Value]) -> Option<Found> {
    let class = class_of(items.first()?)?;
    items
        .iter()
        .all(|v| class_of(v).is_some_and(|c| std::ptr::addr_eq(c, class)))
        .then(|| Found::Value(items[0].clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_iterable_ends_where_the_clause_does() {
        assert_eq!(iterable("Post.query.all():\n    p."), "Post.query.all()");
        assert_eq!(iterable("q.filter(x == 1) if x]"), "q.filter(x == 1)");
        assert_eq!(iterable("a.posts]"), "a.posts");
        assert_eq!(bound_name(" p in  xs"), Some(("p", "xs")));
        assert_eq!(bound_name(" p inx"), None);
        assert_eq!(find_word("before x", "for"), None);
        assert_eq!(find_word("[a for b in c]", "for"), Some(3));
    }
}
