//! Parser tests, as tables that read like documentation. Helpers here; the
//! tables live in one file per concept.

mod blocks;
mod completeness;
mod errors;
mod grammar;
mod imports;
mod literals;
mod models;
mod precedence;
mod prompts;
mod robustness;
mod statements;

use crate::syntax::{parse_chunk, sexpr};

/// Check a table of (source, s-expression) cases, reporting all failures.
pub fn table(cases: &[(&str, &str)]) {
    let mut bad = Vec::new();
    for (src, want) in cases {
        let got = match parse_chunk(src) {
            Ok(stmts) => sexpr::stmts(&stmts),
            Err(e) => format!("ERROR {} at {:?}", e.message, e.span),
        };
        if got != *want {
            bad.push(format!("{src:?}\n   want {want}\n    got {got}"));
        }
    }
    assert!(
        bad.is_empty(),
        "{} failures:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
