//! On a terminal a table ends with its row count when it is longer than
//! the terminal is high (its header has scrolled away); shorter ones end
//! without it. Scripts keep the fixed 20 (golden cases).

mod pty_support;

use pty_support::{Type, spawn_env, temp};

#[test]
fn the_row_count_footer_follows_the_terminal_height() {
    let mut p = spawn_env(
        &temp("footer1"),
        &[],
        // A PTY that reports no size: the shell reads LINES and COLUMNS.
        &[("LINES", "10"), ("COLUMNS", "80")],
    );
    p.exp_string("ormsh> ").expect("the first prompt");
    p.enter(".pager off").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".mode table").unwrap();
    p.exp_string("ormsh> ").unwrap();
    let count = |n: usize| {
        format!(
            ".sql WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < {n}) SELECT x * 1000 AS big FROM c"
        )
    };
    p.enter(&count(12)).unwrap();
    p.exp_string("12000").expect("the last row");
    p.exp_string("(12 rows)")
        .expect("a footer: 12 rows on 10 lines");
    p.exp_string("ormsh> ").unwrap();
    p.enter(&count(8)).unwrap();
    p.exp_string("8000").expect("the last row");
    let after = p.exp_string("ormsh> ").unwrap();
    assert!(!after.contains("rows)"), "8 rows fit 10 lines: {after:?}");
}
