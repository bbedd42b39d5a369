//! The tables themselves: every entry dispatches, names are unique, and
//! keyword checking says what is accepted.

use super::*;

#[test]
fn names_are_unique_within_each_table() {
    for class in all() {
        let mut names = class.names();
        let n = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), n, "{} lists a name twice", class.type_name());
    }
}

#[test]
fn every_member_is_described() {
    for class in all() {
        for name in class.names() {
            let (_, doc) = class.describe(name).expect("listed names are found");
            assert!(
                !doc.is_empty(),
                "{}.{name} has no doc line",
                class.type_name()
            );
        }
    }
}

/// An interpreter on a memory database with a model, a row and an
/// association table: enough to make one receiver of every class.
fn interp() -> Interp {
    use crate::engine::Engine;
    use crate::orm::session::Session;
    let engine = Engine::open(None, false).expect("memory database");
    let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    run(
        &mut me,
        "tags = db.Table('tags', db.Column('k_id', db.Integer, db.ForeignKey('k.id')))\n\
         model K <\n    id = db.Column(db.Integer, primary_key=True)\n    kids = db.relationship('K', foreign_keys='K.p')\n    dkids = db.relationship('K', foreign_keys='K.q', lazy='dynamic')\n    p = db.Column(db.Integer, db.ForeignKey('k.id'))\n    q = db.Column(db.Integer, db.ForeignKey('k.id'))\n>\n\
         db.create_all(); db.session.add(K()); db.session.commit()",
    );
    me
}

fn run(me: &mut Interp, src: &str) -> Value {
    let stmts = crate::syntax::parse_chunk(src).expect("parses");
    me.source = Rc::from(src);
    let last = stmts.len() - 1;
    me.run(&stmts[..last]).expect("runs");
    match &stmts[last].kind {
        crate::syntax::ast::StmtKind::Expr(e) => me.eval(e).expect("evaluates"),
        _ => {
            me.run(&stmts[last..]).expect("runs");
            Value::None
        }
    }
}

/// One receiver of each class, made as Python code makes it.
/// (A query that matches no row: its bulk delete and update change
/// nothing the later samples read.)
const SAMPLES: &[(&str, &str)] = &[
    ("InstrumentedAttribute", "K.id"),
    ("Query", "K.query.filter(K.id < 0)"),
    ("Select", "db.select(K).where(K.id < 0)"),
    ("AppenderQuery", "db.session.get(K, 1).dkids"),
    ("Row", "db.session.execute(db.select(K.id, K.p)).first()"),
    ("Result", "db.session.execute(db.select(K.id, K.p))"),
    (
        "QueryPagination",
        "db.paginate(db.select(K), page=1, per_page=5)",
    ),
    ("_AbstractLoad", "joinedload(K.kids)"),
    ("Table", "tags"),
    ("ReadOnlyColumnCollection", "tags.c"),
    ("datetime", "datetime(2024, 2, 29, 13, 5, 7, 12)"),
    ("date", "date(2024, 2, 29)"),
    ("time", "time(13, 5)"),
    ("timedelta", "timedelta(days=-1, seconds=5)"),
    ("str", "'Ab c'"),
    ("list", "[3, 1, 2]"),
    ("tuple", "(1, 2)"),
    ("dict", "{'a': 1}"),
];

#[test]
fn every_entry_dispatches_on_a_real_receiver() {
    let mut me = interp();
    for class in all() {
        let (_, src) = SAMPLES
            .iter()
            .find(|(n, _)| *n == class.type_name())
            .unwrap_or_else(|| panic!("no sample receiver for {}", class.type_name()));
        let recv = run(&mut me, src);
        let found = class_of(&recv).map(|c| c.type_name());
        assert_eq!(found, Some(class.type_name()), "class_of({src})");
        for name in class.names() {
            let got = class.get(&mut me, &recv, &Rc::from(name));
            let (is_method, _) = class.describe(name).expect("listed");
            if !is_method {
                assert!(got.is_ok(), "{src}.{name}: {got:?}", got = got.err());
                continue;
            }
            // Called with no arguments a method may refuse them, but never
            // for want of a body.
            let r = class.call(&mut me, &recv, name, Args::new(name, Vec::new()));
            if let Err(e) = r {
                assert!(
                    !e.message.contains("has no attribute"),
                    "{src}.{name}() does not dispatch: {}",
                    e.message
                );
            }
        }
    }
}

#[test]
fn keywords_outside_the_signature_are_refused_with_the_accepted_ones() {
    let mut me = interp();
    let recv = run(&mut me, "db.paginate(db.select(K), page=1, per_page=5)");
    let mut a = Args::new("iter_pages", Vec::new());
    a.kw.push((Rc::from("left_egde"), Value::Int(1), Default::default()));
    let Err(e) = PAGINATION.call(&mut me, &recv, "iter_pages", a) else {
        panic!("a misspelt keyword was taken");
    };
    assert!(
        e.message
            .contains("unexpected keyword argument 'left_egde'"),
        "{}",
        e.message
    );
    assert!(
        e.message.contains("did you mean 'left_edge'"),
        "{}",
        e.message
    );
}

#[test]
fn every_builtin_name_is_listed_once_and_gives_a_value() {
    let mut names: Vec<&str> = crate::eval::builtins::names().collect();
    for n in &names {
        assert!(
            crate::eval::builtins::lookup(n).is_some(),
            "builtin {n} gives nothing"
        );
    }
    let total = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), total, "a builtin is listed twice");
}
