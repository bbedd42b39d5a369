//! `grammar/COVERAGE.md` tells the truth: every row marked `supported`
//! names a golden case (`tests/cases/…/NAME.orm`) that exists and has an
//! expected output (`NAME.out`), and every row is `supported` or `refused`.

use std::path::Path;

/// The rows of the coverage tables: `(line number, construct, status, last
/// column)`, header and separator rows left out.
fn rows(text: &str) -> Vec<(usize, String, String, String)> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if !line.starts_with('|') || line.starts_with("|---") || line.starts_with("| construct") {
            continue;
        }
        let cells: Vec<&str> = line.trim_matches('|').split(" | ").map(str::trim).collect();
        let [construct, status, last] = cells[..] else {
            out.push((
                i + 1,
                line.to_string(),
                "(not three columns)".into(),
                String::new(),
            ));
            continue;
        };
        out.push((i + 1, construct.into(), status.into(), last.into()));
    }
    out
}

/// The golden case a `supported` row names: the first `tests/cases/….orm`
/// path in backquotes.
fn named_case(cell: &str) -> Option<&str> {
    cell.split('`')
        .find(|s| s.starts_with("tests/cases/") && s.ends_with(".orm"))
}

/// Is `case` (`tests/cases/AREA/NAME.orm`) listed in tests/cases/POSTGRESQL?
fn pg_listed(root: &Path, case: &str) -> bool {
    let list = std::fs::read_to_string(root.join("tests/cases/POSTGRESQL")).unwrap_or_default();
    let name = case.trim_start_matches("tests/cases/");
    list.lines().any(|l| l.trim() == name)
}

#[test]
fn every_supported_construct_has_a_golden_case() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("grammar/COVERAGE.md")).expect("COVERAGE.md");
    let mut faults = Vec::new();
    for (line, construct, status, last) in rows(&text) {
        match status.as_str() {
            "supported" => match named_case(&last) {
                // A PostgreSQL-only case has its `.pg.out` alone, and must be
                // listed in tests/cases/POSTGRESQL to run.
                Some(case)
                    if root.join(case).with_extension("out").exists()
                        || (root.join(case).with_extension("pg.out").exists()
                            && pg_listed(root, case)) => {}
                Some(case) => faults.push(format!("line {line}: {case} has no .out")),
                None => faults.push(format!("line {line}: `{construct}` names no golden case")),
            },
            "refused" if !last.is_empty() => {}
            "refused" => faults.push(format!("line {line}: `{construct}` says no error")),
            other => faults.push(format!(
                "line {line}: status `{other}` (supported or refused)"
            )),
        }
    }
    assert!(
        faults.is_empty(),
        "grammar/COVERAGE.md:\n{}",
        faults.join("\n")
    );
}

#[test]
fn the_row_parser_sees_a_missing_case() {
    let text = "| `x.y()` | supported | `tests/cases/none/missing.orm` |\n| `z` | maybe | |";
    let rows = rows(text);
    assert_eq!(rows.len(), 2);
    assert_eq!(named_case(&rows[0].3), Some("tests/cases/none/missing.orm"));
    assert_eq!(rows[1].2, "maybe");
}
