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
    ("InstrumentedAttribute", "K.kids"),
    ("Model", "db.session.get(K, 1)"),
    ("DefaultMeta", "K"),
    ("InstrumentedList", "db.session.get(K, 1).kids"),
    ("InstanceState", "db.inspect(db.session.get(K, 1))"),
    (
        "ReadOnlyProperties",
        "db.inspect(db.session.get(K, 1)).attrs",
    ),
    (
        "AttributeState",
        "db.inspect(db.session.get(K, 1)).attrs.kids",
    ),
    (
        "History",
        "db.inspect(db.session.get(K, 1)).attrs.p.history",
    ),
    ("Query", "K.query.filter(K.id < 0)"),
    ("Select", "db.select(K).where(K.id < 0)"),
    (
        "CompoundSelect",
        "db.select(K.id).where(K.id < 0).union(db.select(K.p))",
    ),
    ("Subquery", "db.select(K.id, K.p).subquery()"),
    ("Subquery", "db.select(K.id, K.p).cte()"),
    (
        "ReadOnlyColumnCollection",
        "db.select(K.id, K.p).subquery().c",
    ),
    ("AliasedClass", "db.aliased(K)"),
    ("Exists", "db.exists().where(K.id < 0)"),
    ("AppenderQuery", "db.session.get(K, 1).dkids"),
    ("Row", "db.session.execute(db.select(K.id, K.p)).first()"),
    ("Result", "db.session.execute(db.select(K.id, K.p))"),
    ("ScalarResult", "db.session.scalars(db.select(K.id))"),
    (
        "MappingResult",
        "db.session.execute(db.select(K.id, K.p)).mappings()",
    ),
    ("Insert", "db.insert(K)"),
    ("Update", "db.update(K).where(K.id < 0)"),
    ("Delete", "db.delete(K).where(K.id < 0)"),
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
    ("bytes", "b'ab'"),
    ("module", "import uuid; uuid"),
    ("Decimal", "Decimal('1.10')"),
    ("UUID", "UUID(int=5)"),
    ("SQLAlchemy", "db"),
    ("scoped_session", "db.session"),
    ("MetaData", "db.metadata"),
    ("Engine", "db.engine"),
    ("_FunctionGenerator", "func"),
    ("module", "import sqlalchemy\nsqlalchemy"),
    ("module", "import hashlib\nhashlib"),
    ("module", "import werkzeug.security as ws\nws"),
    ("module", "import flask\nflask"),
    ("module", "import flask_sqlalchemy\nflask_sqlalchemy"),
    ("module", "import datetime as dt_module\ndt_module"),
    ("HASH", "import hashlib\nhashlib.sha1(b'x')"),
    ("Flask", "from flask import Flask\nFlask('t')"),
    ("Config", "from flask import Flask\nFlask('t').config"),
    (
        "AppContext",
        "from flask import Flask\nFlask('t').app_context()",
    ),
    ("LocalProxy", "from flask import current_app\ncurrent_app"),
];

#[test]
fn every_entry_dispatches_on_a_real_receiver() {
    for class in all() {
        // A fresh interpreter each: a walk may drop the tables (db.drop_all).
        let mut me = interp();
        // Tables may share a Python name (a column's and a relationship's
        // attribute): the sample is the one `class_of` gives this table.
        let (src, recv) = SAMPLES
            .iter()
            .filter(|(n, _)| *n == class.type_name())
            .map(|(_, src)| (src, run(&mut me, src)))
            .find(|(_, recv)| class_of(recv).is_some_and(|c| std::ptr::addr_eq(c, class)))
            .unwrap_or_else(|| panic!("no sample receiver for {}", class.type_name()));
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

/// The message of the error `src` fails with.
fn failure(me: &mut Interp, src: &str) -> String {
    let stmts = crate::syntax::parse_chunk(src).expect("parses");
    me.source = Rc::from(src);
    let crate::syntax::ast::StmtKind::Expr(e) = &stmts[0].kind else {
        panic!("{src} is no expression");
    };
    match me.eval(e) {
        Ok(_) => panic!("{src} did not fail"),
        Err(e) => format!("{:?}: {}", e.kind, e.message),
    }
}

#[test]
fn a_404_says_the_description_given() {
    // werkzeug's NotFound prints `404 Not Found: ` and str(description),
    // or its own sentence when there is none (checked with python3).
    let mut me = interp();
    let standard = "NotFound: 404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";
    for (src, want) in [
        ("K.query.get_or_404(99)", standard),
        (
            "K.query.get_or_404(99, description='no K 99')",
            "NotFound: 404 Not Found: no K 99",
        ),
        (
            "K.query.get_or_404(99, 'no K')",
            "NotFound: 404 Not Found: no K",
        ),
        (
            "K.query.filter(K.id < 0).first_or_404(description=5)",
            "NotFound: 404 Not Found: 5",
        ),
        (
            "K.query.filter(K.id < 0).one_or_404('none')",
            "NotFound: 404 Not Found: none",
        ),
        (
            "K.query.filter(K.id < 0).one_or_404(description=None)",
            standard,
        ),
        (
            "db.get_or_404(K, 99, description='gone')",
            "NotFound: 404 Not Found: gone",
        ),
        (
            "db.first_or_404(db.select(K).where(K.id < 0), description='x')",
            "NotFound: 404 Not Found: x",
        ),
        (
            "db.one_or_404(db.select(K).where(K.id < 0), description='none')",
            "NotFound: 404 Not Found: none",
        ),
    ] {
        assert_eq!(failure(&mut me, src), want, "{src}");
    }
}

#[test]
fn query_keywords_are_used_or_refused() {
    let mut me = interp();
    // outerjoin has no isouter (SQLAlchemy's signature is
    // outerjoin(target, onclause=None, *, full=False)).
    let e = failure(&mut me, "K.query.outerjoin(K.kids, isouter=True)");
    assert!(
        e.starts_with("TypeError: outerjoin() got an unexpected keyword argument 'isouter'"),
        "{e}"
    );
    let e = failure(
        &mut me,
        "K.query.filter(K.id < 0).delete(synchronise_session=False)",
    );
    assert!(e.contains("did you mean 'synchronize_session'"), "{e}");
    let e = failure(&mut me, "K.query.paginate(page=1, per_pages=2)");
    assert!(e.contains("unexpected keyword argument 'per_pages'"), "{e}");
}

/// The error `src` fails with.
fn error_of(me: &mut Interp, src: &str) -> Error {
    let stmts = crate::syntax::parse_chunk(src).expect("parses");
    me.source = Rc::from(src);
    let crate::syntax::ast::StmtKind::Expr(e) = &stmts[0].kind else {
        panic!("{src} is no expression");
    };
    match me.eval(e) {
        Ok(_) => panic!("{src} did not fail"),
        Err(e) => e,
    }
}

#[test]
fn session_and_db_keywords_are_used_ignored_or_refused_naming_the_accepted() {
    let mut me = interp();
    run(&mut me, "k = db.session.get(K, 1)");
    for (src, wrong, help) in [
        (
            "db.session.expire(k, attribute_name=['p'])",
            "attribute_name",
            "expire() takes the keywords attribute_names",
        ),
        (
            "db.session.refresh(k, atribute_names=['p'])",
            "atribute_names",
            "refresh() takes the keywords attribute_names",
        ),
        (
            "db.session.merge(k, lod=False)",
            "lod",
            "merge() takes the keywords load, options",
        ),
        (
            "db.session.get(K, 1, option=[])",
            "option",
            "get() takes the keywords options",
        ),
        (
            "db.session.execute(db.select(K), param={})",
            "param",
            "execute() takes the keywords params, execution_options",
        ),
        (
            "db.session.is_modified(k, include_collection=False)",
            "include_collection",
            "is_modified() takes the keywords include_collections",
        ),
        (
            "db.session.commit(now=True)",
            "now",
            "commit() takes no keyword arguments",
        ),
        (
            "db.create_all(bind=db.engine)",
            "bind",
            "create_all() takes the keywords bind_key",
        ),
        (
            "db.metadata.create_all(bind_key=None)",
            "bind_key",
            "create_all() takes the keywords bind",
        ),
    ] {
        let e = error_of(&mut me, src);
        assert_eq!(e.kind, crate::error::ErrorKind::TypeError, "{src}");
        assert!(
            e.message
                .contains(&format!("unexpected keyword argument '{wrong}'")),
            "{src}: {}",
            e.message
        );
        assert_eq!(e.help.as_deref(), Some(help), "{src}");
    }
    // Keywords SQLAlchemy takes and ormsh declares ignored still work.
    for src in [
        "db.session.get(K, 1, options=[joinedload(K.kids)])",
        "db.session.merge(k, load=True, options=[])",
        "db.session.flush(objects=None)",
        "db.session.add(k, _warn=False)",
        "db.metadata.create_all(db.engine)",
        "db.create_all(bind_key=None)",
    ] {
        run(&mut me, src);
    }
}

/// The names `dir(...)` gives for `src`.
fn dir_of(me: &mut Interp, src: &str) -> Vec<String> {
    let Value::List(l) = &run(me, &format!("dir({src})")) else {
        panic!("dir({src}) is no list");
    };
    l.borrow()
        .iter()
        .map(|v| match v {
            Value::Str(s) => String::from(&**s),
            other => panic!("dir({src}) holds {}", other.type_name()),
        })
        .collect()
}

#[test]
fn objects_models_collections_and_states_are_read_from_their_tables() {
    let mut me = interp();
    for (src, want) in [
        (
            "db.session.get(K, 1).kids",
            &["append", "remove", "sort"][..],
        ),
        (
            "db.inspect(db.session.get(K, 1))",
            &["persistent", "identity"],
        ),
        ("K.kids", &["any", "has", "of_type"]),
        ("db.session.get(K, 1)", &["id", "kids", "query"]),
        ("K", &["id", "dkids", "query"]),
    ] {
        let names = dir_of(&mut me, src);
        for w in want {
            assert!(
                names.iter().any(|n| n == w),
                "dir({src}) lacks {w}: {names:?}"
            );
        }
    }
    for (src, want) in [
        ("db.session.get(K, 1).kids.apend", "did you mean 'append'"),
        (
            "db.inspect(db.session.get(K, 1)).persitent",
            "did you mean 'persistent'",
        ),
        (
            "db.session.get(K, 1).kids.sort(revers=True)",
            "unexpected keyword argument 'revers' — did you mean 'reverse'",
        ),
        (
            "K.kids.contains(K(), escape='x')",
            "contains() got an unexpected keyword argument 'escape'",
        ),
    ] {
        let e = failure(&mut me, src);
        assert!(e.contains(want), "{src}: {e}");
    }
}

#[test]
fn loader_select_func_and_text_keywords_are_bound_naming_the_accepted() {
    let mut me = interp();
    for (src, message, help) in [
        (
            "joinedload(K.kids, inerjoin=True)",
            "unexpected keyword argument 'inerjoin'",
            "joinedload() takes the keywords innerjoin",
        ),
        (
            "joinedload(K.kids, innerjoin=True)",
            "joinedload(innerjoin=...) is not supported",
            "leave innerjoin= out",
        ),
        (
            "joinedload(K.kids).joinedload(K.kids, innerjoin=True)",
            "joinedload(innerjoin=...) is not supported",
            "leave innerjoin= out",
        ),
        (
            "selectinload(K.kids, recursion_depth=2)",
            "selectinload(recursion_depth=...) is not supported",
            "leave recursion_depth= out",
        ),
        (
            "subqueryload(K.kids, innerjoin=False)",
            "unexpected keyword argument 'innerjoin'",
            "subqueryload() takes no keyword arguments",
        ),
        (
            "db.select(K, foo=1)",
            "unexpected keyword argument 'foo'",
            "select() takes no keyword arguments",
        ),
        (
            "func.count(K.id, distinct=True)",
            "unexpected keyword argument 'distinct'",
            "count() takes no keyword arguments",
        ),
        (
            "db.text('select 1', bind=1)",
            "unexpected keyword argument 'bind'",
            "text() takes no keyword arguments",
        ),
    ] {
        let e = error_of(&mut me, src);
        assert!(e.message.contains(message), "{src}: {}", e.message);
        assert_eq!(e.help.as_deref(), Some(help), "{src}");
    }
    // The values ormsh behaves as are taken.
    for src in [
        "joinedload(K.kids, innerjoin=False)",
        "selectinload(K.kids, recursion_depth=None)",
        "joinedload(K.kids).selectinload(K.kids, recursion_depth=None)",
    ] {
        run(&mut me, src);
    }
}

/// A class and the results it declares.
type Declared = (&'static dyn Surface, &'static [(&'static str, Returns)]);

/// Each declared result names a member of its own class.
#[test]
fn declared_results_name_members() {
    let tables: Vec<Declared> = vec![
        (&QUERY, QUERY.results),
        (&SELECT, SELECT.results),
        (&SESSION, SESSION.results),
        (&DB, DB.results),
        (&RESULT, RESULT.results),
        (&PAGINATION, PAGINATION.results),
        (&METADATA, METADATA.results),
        (&MODEL, MODEL.results),
        (&COLUMN, COLUMN.results),
        (&RELATIONSHIP, RELATIONSHIP.results),
    ];
    for (class, results) in tables {
        assert!(!results.is_empty(), "{}", class.type_name());
        for (name, _) in results {
            assert!(
                class.names().contains(name),
                "{} declares the result of {name}, which it has not",
                class.type_name()
            );
        }
    }
}
