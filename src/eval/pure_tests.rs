//! Declaration mode on its own (the second lock of issue 11, item 8): each
//! effect point refuses while declaring and works otherwise; what a stored
//! definition leaves behind (a `__repr__`, a default) is bound later too.

use std::rc::Rc;

use super::one_sql_expression;
use crate::engine::Engine;
use crate::error::{ErrorKind, Result};
use crate::eval::Interp;
use crate::orm::session::Session;
use crate::syntax::parse_chunk;
use crate::value::Value;

/// An interpreter on a memory database with a typed-in `Victim` holding
/// one row, and a variable of the user's.
fn setup() -> Interp {
    let engine = Engine::open(None, false).expect("memory database");
    let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    run(
        &mut me,
        "model Victim <\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(20))\n>\n\
         db.create_all(); db.session.add(Victim(name='kept')); db.session.commit()\n\
         secret = ['s3cret']",
    )
    .expect("setup");
    me
}

/// Run `src` as typed.
fn run(me: &mut Interp, src: &str) -> Result<()> {
    let stmts = parse_chunk(src)?;
    me.source = Rc::from(src);
    me.run(&stmts)
}

/// Run `src` as a definition from the file.
fn declare(me: &mut Interp, src: &str) -> Result<()> {
    let stmts = parse_chunk(src)?;
    me.run_declaration(src, &stmts)
}

/// Evaluate one expression in declaration mode.
fn declared(me: &mut Interp, src: &str) -> Result<Value> {
    let stmts = parse_chunk(src)?;
    let crate::syntax::ast::StmtKind::Expr(e) = &stmts[0].kind else {
        panic!("not an expression: {src}")
    };
    me.source = Rc::from(src);
    me.declaring(|me| me.eval(e))
}

fn eval(me: &mut Interp, src: &str) -> Result<Value> {
    let stmts = parse_chunk(src)?;
    let crate::syntax::ast::StmtKind::Expr(e) = &stmts[0].kind else {
        panic!("not an expression: {src}")
    };
    me.source = Rc::from(src);
    me.eval(e)
}

fn names(me: &mut Interp) -> Vec<String> {
    let v = eval(
        me,
        "[v.name for v in Victim.query.order_by(Victim.id).all()]",
    )
    .unwrap();
    me.repr_value(&v)
        .unwrap()
        .trim_matches(['[', ']'])
        .split(", ")
        .map(str::to_string)
        .collect()
}

#[test]
fn every_effect_point_refuses_while_declaring() {
    let mut me = setup();
    for (src, want) in [
        ("db.session", "use db.session"),
        ("db.engine", "use db.engine"),
        ("db.drop_all", "use db.drop_all"),
        ("db.create_all", "use db.create_all"),
        ("db.reflect", "use db.reflect"),
        ("db.paginate", "use db.paginate"),
        ("db.select(Victim)", "use db.select"),
        ("select(Victim)", "use select"),
        ("db.metadata.tables", "use db.metadata"),
        ("db.metadata.drop_all", "use db.metadata"),
        ("Victim.query", "use Victim.query"),
        ("Victim(name='injected')", "make a Victim object"),
        ("print('hi')", "use print"),
        ("help(db)", "use help"),
        ("getattr(Victim, 'query')", "use getattr"),
        ("setattr(Victim, 'x', 1)", "use setattr"),
        ("secret", "read the variable 'secret'"),
        ("text('0; DROP TABLE victim')", "text() with a ;"),
        ("[1].append(2)", "change a list (append)"),
        ("{}.update({})", "change a dict (update)"),
        (
            "[0 for i in range(10**9)]",
            "at most 100000 evaluation steps",
        ),
        ("sorted(range(10**7))", "at most 100000 evaluation steps"),
        ("sum(range(10**9))", "at most 100000 evaluation steps"),
    ] {
        let e = declared(&mut me, src).map(|_| ()).expect_err(src);
        assert_eq!(e.kind, ErrorKind::PermissionError, "{src}: {e}");
        assert!(e.message.contains(want), "{src}: {}", e.message);
    }
    // Not an effect, only too deep: a RecursionError as usual.
    let e = declared(&mut me, "(lambda f: f(f))(lambda f: f(f))")
        .map(|_| ())
        .unwrap_err();
    assert_eq!(e.kind, ErrorKind::RecursionError);
    // Nothing above happened; outside the mode the same names work.
    assert_eq!(names(&mut me), ["'kept'"]);
    assert!(eval(&mut me, "secret").is_ok());
    assert!(eval(&mut me, "[1].append(2)").is_ok());
}

#[test]
fn declarations_still_build_schema_objects_and_compute() {
    let mut me = setup();
    for src in [
        "db.Column(db.Integer, db.ForeignKey('victim.id'), primary_key=True)",
        "db.Column(db.DateTime, server_default=db.text('CURRENT_TIMESTAMP'))",
        "db.relationship('Victim', backref=db.backref('evils', lazy='dynamic'))",
        "Victim.id == 1",
        "func.now()",
        "datetime.now()",
        "'%s-%d' % ('a', len([x * 2 for x in range(10)]))",
        "sorted({'b': 1, 'a': 2}.items())",
        "db.metadata",
    ] {
        declared(&mut me, src).unwrap_or_else(|e| panic!("{src}: {e}"));
    }
    // Statements: a model block and a table; nothing else.
    declare(
        &mut me,
        "tags = db.Table('tags', db.Column('a', db.Integer))",
    )
    .expect("a table");
    assert!(me.get_global("tags").is_some());
    for src in [
        "x = 1",
        "for i in range(3): pass",
        "db.drop_all()",
        "Victim.name = 1",
    ] {
        let e = declare(&mut me, src).expect_err(src);
        assert_eq!(e.kind, ErrorKind::PermissionError, "{src}: {e}");
    }
}

#[test]
fn what_a_stored_model_leaves_behind_is_bound_too() {
    let mut me = setup();
    declare(
        &mut me,
        "model Evil <\n    id = db.Column(db.Integer, primary_key=True)\n    \
         victim_id = db.Column(db.Integer, db.ForeignKey('victim.id'))\n    \
         victim = db.relationship('Victim')\n    \
         note = db.Column(db.String(20), default=lambda: str(Victim(name='injected')))\n    \
         __repr__ = '<Evil %s>' % self.victim.name\n>",
    )
    .expect("the definition itself is a declaration");
    run(&mut me, "db.create_all()").unwrap();
    // The default runs when the row is written: it may not make objects.
    run(&mut me, "e = Evil(victim_id=1); db.session.add(e)").unwrap();
    let err = run(&mut me, "db.session.commit()").unwrap_err();
    assert_eq!(err.kind, ErrorKind::PermissionError, "{err}");
    run(&mut me, "db.session.rollback()").unwrap();
    // The __repr__ reads the instance, its relationships included.
    run(
        &mut me,
        "e = Evil(victim_id=1, note='n'); db.session.add(e); db.session.commit()",
    )
    .unwrap();
    let e = eval(&mut me, "e").unwrap();
    assert_eq!(me.repr_value(&e).unwrap(), "<Evil kept>");
    assert_eq!(names(&mut me), ["'kept'"]);
    // A typed-in model with the same default is the user's own code.
    run(
        &mut me,
        "model Mine <\n    id = db.Column(db.Integer, primary_key=True)\n    \
         note = db.Column(db.String(20), default=lambda: str(Victim(name='mine')))\n>\n\
         db.create_all(); db.session.add(Mine()); db.session.commit()",
    )
    .expect("typed code runs with every effect");
}

#[test]
fn a_stored_repr_cannot_reach_the_session_when_printed() {
    let mut me = setup();
    declare(
        &mut me,
        "model Evil <\n    id = db.Column(db.Integer, primary_key=True)\n    \
         __repr__ = str(Victim.query.delete())\n>",
    )
    .expect("the repr is not run while defining");
    run(
        &mut me,
        "db.create_all(); db.session.add(Evil()); db.session.commit()",
    )
    .unwrap();
    let e = eval(&mut me, "Evil.query.first()").unwrap();
    let err = me.repr_value(&e).unwrap_err();
    assert_eq!(err.kind, ErrorKind::PermissionError, "{err}");
    assert_eq!(names(&mut me), ["'kept'"]);
}

#[test]
fn a_stored_lambda_sees_none_of_the_callers_variables() {
    let mut me = setup();
    declare(
        &mut me,
        "model Evil <\n    id = db.Column(db.Integer, primary_key=True)\n    \
         note = db.Column(db.String(20), default=lambda: str(i))\n>",
    )
    .unwrap();
    run(&mut me, "db.create_all()").unwrap();
    let err = run(
        &mut me,
        "[db.session.add(Evil()) or db.session.commit() for i in range(1)]",
    )
    .unwrap_err();
    // SQLAlchemy's flush wraps what a default raises.
    assert_eq!(err.kind, ErrorKind::StatementError, "{err}");
    assert!(
        err.message
            .starts_with("(builtins.NameError) name 'i' is not defined"),
        "{err}"
    );
}

#[test]
fn one_sql_expression_accepts_defaults_and_refuses_statements() {
    for ok in [
        "0",
        "'it''s; fine'",
        "CURRENT_TIMESTAMP",
        "(datetime('now', 'localtime'))",
        "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        "\"a;b\"",
        "[x;y]",
        "-1",
    ] {
        assert_eq!(one_sql_expression(ok), Ok(()), "{ok}");
    }
    for (bad, why) in [
        ("0); DROP TABLE t; --", "a ) that closes nothing"),
        ("0; DROP TABLE t", "a ;"),
        ("0 -- c", "a comment"),
        ("0 /* c */", "a comment"),
        ("'open", "an unclosed quote"),
        ("(0", "an unclosed ("),
        ("0\r", "a control character"),
        ("[x", "an unclosed ["),
    ] {
        assert_eq!(one_sql_expression(bad), Err(why), "{bad}");
    }
}
