//! Hostile files, continued (issue 11, item 8): what passes the text check
//! but tries an effect is stopped when it runs — while loading, when a
//! stored `__repr__` or default runs later, across many definitions — and
//! neither `.export python` nor DDL turns what a model holds into code or
//! statements. Helpers are in `hostile_file.rs`.

use super::hostile_file::{CHECK, assert_untouched, evil, run, tamper, victim_db};
use super::rows;

/// What passes the text check but tries an effect when it runs is stopped
/// by declaration mode: while loading, when printed, when a row is written.
#[test]
fn effects_are_refused_when_stored_code_runs() {
    // Loading: an endless comprehension and endless recursion stop.
    for (what, body, reason) in [
        (
            "endless",
            "x = db.Column(db.Integer, default=len([0 for i in range(10**12)]))",
            "may take at most 100000 evaluation steps",
        ),
        (
            "recursion",
            "x = db.Column(db.Integer, default=(lambda f: f(f))(lambda f: f(f)))",
            "RecursionError",
        ),
    ] {
        let db = victim_db(what);
        tamper(&db, "model", "Evil", &evil(body));
        let out = run(&db, &[], CHECK);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("the stored model Evil"), "{what}: {err}");
        assert!(err.contains(reason), "{what}: {err}");
        assert_untouched(&db, &out);
    }
    // Later: a stored __repr__ and a stored default may not make objects.
    let db = victim_db("later");
    tamper(
        &db,
        "model",
        "Evil",
        &evil(
            "victim_id = db.Column(db.Integer, db.ForeignKey('victim.id'))
    note = db.Column(db.String(20), default=lambda: str(Victim(name='injected')))
    __repr__ = '<Evil %s %s>' % (self.note, Victim(name='injected'))",
        ),
    );
    let out = run(
        &db,
        &["--keep-going"],
        "db.create_all()
db.session.add(Evil(victim_id=1))
db.session.commit()
db.session.rollback()
db.session.add(Evil(victim_id=1, note='n'))
db.session.commit()
Evil.query.first()
print(Evil.query.first().note)
",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout, "n\n", "{err}");
    assert_eq!(
        err.matches(
            "PermissionError: a definition stored in the database file cannot make a Victim object"
        )
        .count(),
        2,
        "{err}"
    );
    assert_eq!(
        rows(&db, "SELECT name FROM victim ORDER BY id"),
        vec![vec!["a"], vec!["b"]]
    );
    assert_eq!(rows(&db, "SELECT note FROM evil"), vec![vec!["n"]]);
}

/// Many definitions that each use their whole step budget cannot stall
/// the open: loading stops at the budget of the whole file.
#[test]
fn many_slow_definitions_cannot_stall_the_open() {
    let db = victim_db("slow");
    let body = "x = db.Column(db.Integer, default=len([0 for i in range(10**12)]))";
    for i in 0..60 {
        let src = evil(body).replace("Evil", &format!("Evil{i}"));
        tamper(&db, "model", &format!("Evil{i}"), &src);
    }
    // Bounded in evaluation steps (the message below), not timed; `run`
    // kills a hang.
    let out = run(&db, &[], CHECK);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "the stored definitions took more than 2000000 evaluation steps; the stored model Evil"
        ),
        "{err}"
    );
    assert!(
        err.matches("may take at most 100000 evaluation steps")
            .count()
            < 30,
        "{err}"
    );
    assert_untouched(&db, &out);
}

/// `.export python` writes only what declaration mode accepts: a typed-in
/// definition that is not a declaration is left out with a comment.
#[test]
fn export_writes_only_declarations() {
    let db = victim_db("export");
    let out = run(
        &db,
        &[],
        "model Sneaky <
    id = db.Column(db.Integer, primary_key=True)
    v_id = db.Column(db.Integer, db.ForeignKey('victim.id'))
    v = db.relationship('Victim', order_by=\"__import__('os').system('touch pwned')\")
>
model Greedy <
    id = db.Column(db.Integer, primary_key=True)
    n = db.Column(db.Integer, default=lambda: len(secret))
>
.export python
",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("class Victim(db.Model):"), "{text}");
    assert!(text.contains("class Post(db.Model):"), "{text}");
    assert!(
        text.contains("# the model Sneaky is not exported: it uses the name __import__, which"),
        "{text}"
    );
    assert!(
        text.contains("# the model Greedy is not exported: it uses the name secret, which"),
        "{text}"
    );
    assert!(!text.contains("touch pwned"), "{text}");
}

/// SQL fragments a model holds never become statements: DDL runs one
/// statement at a time (a typed-in `server_default` that would end its
/// `CREATE TABLE` fails before anything runs), and a stored foreign key
/// action that is SQL of its own is refused by `create_all` and left out
/// of `.export sql`.
#[test]
fn sql_fragments_in_a_model_never_become_statements() {
    let db = victim_db("ddl");
    let out = run(
        &db,
        &[],
        "model Typed <
    id = db.Column(db.Integer, primary_key=True)
    x = db.Column(db.Integer, server_default=db.text(\"0); DROP TABLE victim; CREATE TABLE z (a\"))
>
db.create_all()
",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    // The default is an expression, so it is written in parentheses as
    // SQLAlchemy writes it; the `;` then ends an incomplete CREATE TABLE.
    assert!(
        err.contains("OperationalError: near \";\": syntax error"),
        "{err}"
    );
    let conn = rusqlite::Connection::open(&db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(tables.iter().any(|t| t == "victim"), "{tables:?}");
    assert!(
        !tables.iter().any(|t| t == "z" || t == "typed"),
        "{tables:?}"
    );
    drop(conn);
    tamper(
        &db,
        "model",
        "Evil",
        &evil(
            "victim_id = db.Column(db.Integer, db.ForeignKey('victim.id', ondelete='CASCADE; DROP TABLE victim'))",
        ),
    );
    let out = run(&db, &["--keep-going"], ".export sql\ndb.create_all()\n");
    let err = String::from_utf8_lossy(&out.stderr);
    let sql = String::from_utf8_lossy(&out.stdout);
    assert!(
        sql.contains(
            "-- table 'evil' is not exported: Unexpected SQL phrase: 'CASCADE; DROP TABLE victim'"
        ),
        "{sql}"
    );
    assert!(!sql.contains("ON DELETE CASCADE; DROP"), "{sql}");
    assert!(err.contains("CompileError: Unexpected SQL phrase"), "{err}");
    assert_eq!(
        rows(&db, "SELECT name FROM victim ORDER BY id"),
        vec![vec!["a"], vec!["b"]]
    );
    assert!(
        rows(
            &db,
            "SELECT name FROM sqlite_master WHERE name IN ('z', 'evil', 'typed')"
        )
        .is_empty()
    );
}
