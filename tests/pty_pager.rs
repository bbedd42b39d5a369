//! Long results page through `$PAGER` at the prompt (pgcli's habit), short
//! ones do not, and `.pager off` turns it off; here the pager is a `sed`
//! that marks each line it shows.

mod pty_support;

use pty_support::{Type, fresh_prompt, spawn_env, spawn_env_unset, temp};

#[test]
fn long_output_goes_through_the_pager_and_short_output_does_not() {
    let mut p = spawn_env(
        &temp("pager1"),
        &[],
        // A PTY that reports no size: the shell reads LINES and COLUMNS.
        &[
            ("PAGER", "sed 's/^/paged:/'"),
            ("LINES", "24"),
            ("COLUMNS", "80"),
        ],
    );
    p.exp_string("ormsh> ").expect("the first prompt");
    p.enter("print('\\n'.join('line %d' % i for i in range(200)))")
        .unwrap();
    p.exp_string("paged:line 199")
        .expect("the long output, paged");
    p.exp_string("ormsh> ").unwrap();
    p.enter("print('short' + 'one')").unwrap();
    let before = p.exp_string("shortone").expect("the short output");
    assert!(!before.contains("paged:short"), "{before}");
    p.exp_string("ormsh> ").unwrap();
    p.enter(".pager").unwrap();
    p.exp_string("pager: on").unwrap();
    p.enter(".pager off").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("print('\\n'.join('row %d' % i for i in range(200)))")
        .unwrap();
    let before = p.exp_string("row 199").expect("unpaged output");
    assert!(!before.contains("paged:row"), "{before}");
    p.exp_string("ormsh> ").unwrap();
}

#[test]
fn quitting_the_pager_early_stops_the_statement_that_writes() {
    let mut p = spawn_env(
        &temp("pager2"),
        &[],
        // The pager reads three lines and quits, as `q` in less does.
        &[("PAGER", "head -3"), ("LINES", "24"), ("COLUMNS", "80")],
    );
    p.exp_string("ormsh> ").expect("the first prompt");
    p.enter("n = 0").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("for i in range(1000000): n = i; print(i)").unwrap();
    p.enter("").unwrap();
    p.exp_string("\r\n2\r\n").expect("what the pager showed");
    let shown = p.exp_string("ormsh> ").expect("the prompt, soon");
    assert!(!shown.contains("rror"), "no error is reported: {shown}");
    // Nothing is undone, but the statement did not finish: a line says so.
    assert!(
        shown.contains("Stopped: the pager was closed before the output ended; what the statement did until then stays"),
        "the stop is said: {shown}"
    );
    // The loop stopped at the first print after the pager quit: the
    // pipe holds at most some thousands of lines.
    p.enter("n < 100000").unwrap();
    p.exp_string("True").expect("the loop stopped early");
    p.exp_string("ormsh> ").unwrap();
    // A streamed query stops reading rows as well, and the shell goes on.
    p.enter("model Item < id = db.Column(db.Integer, primary_key=True) >")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("db.create_all()").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(
        ".sql INSERT INTO item (id) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 50000) SELECT x FROM c",
    )
    .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("Item.query.all()").unwrap();
    p.exp_string("Item.query.all()").unwrap();
    p.exp_string("<Item 1>")
        .expect("the start of the result, paged");
    let shown = p.exp_string("ormsh> ").expect("the prompt after the query");
    assert!(!shown.contains("rror"), "{shown}");
    p.enter("print('still' + 'here')").unwrap();
    p.exp_string("stillhere").unwrap();
}

#[test]
fn a_pager_not_found_leaves_the_output_on_the_screen() {
    let mut p = spawn_env(
        &temp("pager3"),
        &[],
        &[
            ("PAGER", "nonexistent-pager"),
            ("LINES", "24"),
            ("COLUMNS", "80"),
        ],
    );
    p.exp_string("ormsh> ").expect("the first prompt");
    p.enter("print('\\n'.join('line %d' % i for i in range(200)))")
        .unwrap();
    p.exp_string("the pager 'nonexistent-pager' of $PAGER was not found")
        .expect("the note");
    p.exp_string("line 0\r\n").unwrap();
    p.exp_string("line 199\r\n").expect("the whole output");
    let shown = p.exp_string("ormsh> ").unwrap();
    assert!(!shown.contains("Stopped"), "{shown}");
}

#[test]
fn a_pager_not_found_leaves_one_long_line_on_the_screen_too() {
    // The tryout's panic: one line longer than the screen holds, measured
    // once the pager was found missing ('attempt to multiply with
    // overflow').
    let mut p = spawn_env(
        &temp("pager6"),
        &[],
        &[("PAGER", "nopager-xyz"), ("LINES", "24"), ("COLUMNS", "80")],
    );
    fresh_prompt(&mut p).expect("the first prompt");
    for round in 0..2 {
        p.enter("list(range(1500))").unwrap();
        p.exp_string("the pager 'nopager-xyz' of $PAGER was not found")
            .expect("the note");
        p.exp_string("[0, 1, 2,").unwrap();
        let rest = p.exp_string("1498, 1499]\r\n").expect("the whole list");
        assert!(!rest.contains("panicked"), "round {round}: {rest}");
        fresh_prompt(&mut p).expect("the shell goes on");
    }
    p.enter("print('\\n'.join('line %d' % i for i in range(100)))")
        .unwrap();
    p.exp_string("line 99\r\n").expect("many lines, unpaged");
    fresh_prompt(&mut p).unwrap();
}

#[test]
fn less_chops_the_rows_of_a_table_but_wraps_a_repr() {
    // The pager says which flags `less` would get (LESS), then shows the
    // output.
    let mut p = spawn_env(
        &temp("pager4"),
        &[],
        &[
            ("PAGER", "echo \"flags:$LESS.\"; cat"),
            ("LESS", ""),
            ("LINES", "24"),
            ("COLUMNS", "80"),
        ],
    );
    p.exp_string("ormsh> ").expect("the first prompt");
    // LESS set (even empty) is the user's: kept as it is.
    p.enter("print('\\n'.join('line %d' % i for i in range(200)))")
        .unwrap();
    p.exp_string("flags:.").expect("LESS kept");
    p.exp_string("ormsh> ").unwrap();
    drop(p);
    let mut p = spawn_env_unset(
        &temp("pager5"),
        &[],
        &[
            ("PAGER", "echo \"flags:$LESS.\"; cat"),
            ("LINES", "24"),
            ("COLUMNS", "80"),
        ],
        &["LESS"],
    );
    p.exp_string("ormsh> ").expect("the first prompt");
    // A repr's one long line wraps: no -S.
    p.enter("list(range(2000))").unwrap();
    p.exp_string("flags:-R.").expect("a repr is not chopped");
    p.exp_string("1999]").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".mode table").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("model Item < id = db.Column(db.Integer, primary_key=True) >")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("db.create_all()").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter(".sql INSERT INTO item (id) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100) SELECT x FROM c")
        .unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.enter("Item.query.all()").unwrap();
    p.exp_string("flags:-SR.")
        .expect("a table's rows are chopped");
    p.exp_string("ormsh> ").unwrap(); // In a table mode, a value that is not a table prints its repr, whose
    // one long line wraps as in `.mode repr`.
    p.enter("list(range(2000))").unwrap();
    p.exp_string("flags:-R.")
        .expect("a repr is not chopped in .mode table");
    p.exp_string("1999]").unwrap();
    fresh_prompt(&mut p).unwrap();
    p.enter(".sql SELECT id FROM item").unwrap();
    p.exp_string("flags:-SR.")
        .expect("a .sql table's rows are chopped");
    fresh_prompt(&mut p).unwrap();
}
