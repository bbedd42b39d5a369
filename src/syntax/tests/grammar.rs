//! Every `(* example: … *)` in grammar/ormsh.ebnf parses.

use crate::syntax::{Completeness, completeness, parse_chunk};

const GRAMMAR: &str = include_str!("../../../grammar/ormsh.ebnf");

#[test]
fn grammar_examples_parse() {
    let examples: Vec<String> = GRAMMAR
        .lines()
        .filter_map(|l| l.trim().strip_prefix("(* example: "))
        .filter_map(|l| l.strip_suffix(" *)"))
        .map(|l| l.replace("\\n", "\n"))
        .collect();
    assert!(examples.len() >= 40, "only {} examples", examples.len());
    let mut bad = Vec::new();
    for ex in &examples {
        if let Err(e) = parse_chunk(ex) {
            bad.push(format!("{ex:?}: {} at {:?}", e.message, e.span));
        }
        if completeness(ex) != Completeness::Complete {
            bad.push(format!("{ex:?}: not complete"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
