//! Long results page through `$PAGER` at the prompt (pgcli's habit), short
//! ones do not, and `.pager off` turns it off; here the pager is a `sed`
//! that marks each line it shows.

mod pty_support;

use pty_support::{spawn_env, temp};

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
    p.send_line("print('\\n'.join('line %d' % i for i in range(200)))")
        .unwrap();
    p.exp_string("paged:line 199")
        .expect("the long output, paged");
    p.exp_string("ormsh> ").unwrap();
    p.send_line("print('short' + 'one')").unwrap();
    let before = p.exp_string("shortone").expect("the short output");
    assert!(!before.contains("paged:short"), "{before}");
    p.exp_string("ormsh> ").unwrap();
    p.send_line(".pager").unwrap();
    p.exp_string("pager: on").unwrap();
    p.send_line(".pager off").unwrap();
    p.exp_string("ormsh> ").unwrap();
    p.send_line("print('\\n'.join('row %d' % i for i in range(200)))")
        .unwrap();
    let before = p.exp_string("row 199").expect("unpaged output");
    assert!(!before.contains("paged:row"), "{before}");
    p.exp_string("ormsh> ").unwrap();
}
