//! The value types' method tables themselves: names unique and sorted,
//! every entry documented, keywords only among the parameters, and the
//! in-place flag where Python changes the receiver.

use super::*;

/// One entry without its body: `(name, doc, params, mutates)`.
type Row = (&'static str, &'static str, Params, bool);

/// `(type name, rows)` of every table.
fn tables() -> Vec<(&'static str, Vec<Row>)> {
    fn rows<R: ?Sized + Receiver>(t: &Methods<R>) -> (&'static str, Vec<Row>) {
        let rows = t
            .methods
            .iter()
            .map(|m| (m.name, m.doc, m.params, m.mutates))
            .collect();
        (t.type_name, rows)
    }
    vec![rows(&STR), rows(&LIST), rows(&TUPLE), rows(&DICT)]
}

#[test]
fn names_are_sorted_and_unique() {
    for (ty, rows) in tables() {
        let names: Vec<&str> = rows.iter().map(|r| r.0).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(names, sorted, "{ty}'s methods out of order or repeated");
    }
}

#[test]
fn every_method_has_a_doc_line() {
    for (ty, rows) in tables() {
        for (name, doc, ..) in rows {
            assert!(
                doc.ends_with('.') && !doc.contains('\n'),
                "{ty}.{name}: {doc:?}"
            );
        }
    }
}

#[test]
fn keywords_are_parameters() {
    for (ty, rows) in tables() {
        for (name, _, params, _) in rows {
            if let Params::Fixed(names, _, kw) = params {
                for k in kw {
                    assert!(
                        names.contains(k),
                        "{ty}.{name} takes {k}= but has no such parameter"
                    );
                }
            }
        }
    }
}

/// Python's in-place methods, and only those, are flagged: declaration
/// mode refuses them (`eval::pure`).
#[test]
fn in_place_methods_are_flagged() {
    let mut flagged: Vec<String> = tables()
        .into_iter()
        .flat_map(|(ty, rows)| {
            rows.into_iter()
                .filter(|r| r.3)
                .map(move |r| format!("{ty}.{}", r.0))
        })
        .collect();
    flagged.sort();
    let want = [
        "dict.clear",
        "dict.pop",
        "dict.popitem",
        "dict.setdefault",
        "dict.update",
        "list.append",
        "list.clear",
        "list.extend",
        "list.insert",
        "list.pop",
        "list.remove",
        "list.reverse",
        "list.sort",
    ];
    assert_eq!(flagged, want);
    assert!(mutates(&Value::list(vec![]), "append"));
    assert!(!mutates(&Value::tuple(vec![]), "count"));
    assert!(!mutates(&Value::str("x"), "append"));
    assert!(mutates_on_some_type("popitem") && !mutates_on_some_type("copy"));
}
