//! `.export sql FILE` at the prompt says what it wrote, counted from what
//! it wrote (issue 16, round 2: it said `(1 model)` while the file also
//! held a table no model maps, with its rows).

mod pty_support;

use pty_support::{CONT, Type, fresh_prompt, shell, temp, work_dir};

#[test]
fn export_sql_counts_the_tables_it_wrote() {
    let db = temp("pty-export.db");
    let mut p = shell(&temp("pty-export"), &[db.to_str().expect("a UTF-8 path")]);
    p.enter("model Note <").unwrap();
    p.exp_string(CONT).unwrap();
    p.enter("    id = db.Column(db.Integer, primary_key=True)")
        .unwrap();
    p.exp_string(CONT).unwrap();
    p.enter(">").unwrap();
    fresh_prompt(&mut p).unwrap();
    for line in [
        "db.create_all()",
        ".sql CREATE TABLE extra (a TEXT)",
        ".sql INSERT INTO extra VALUES ('x')",
        "db.session.commit()",
    ] {
        p.enter(line).unwrap();
        fresh_prompt(&mut p).unwrap();
    }
    p.enter(".export sql \"pty export.sql\"").unwrap();
    p.exp_string(
        "the SQL of 1 table of the models, 1 table no model maps (with its rows) written to pty export.sql",
    )
    .expect("what .export sql wrote, counted");
    fresh_prompt(&mut p).unwrap();
    let file = work_dir().join("pty export.sql");
    let text = std::fs::read_to_string(&file).expect("the file written");
    assert_eq!(text.matches("CREATE TABLE").count(), 2, "{text}");
    assert!(text.contains("INSERT INTO extra VALUES('x');"), "{text}");
    let _ = std::fs::remove_file(file);
}
