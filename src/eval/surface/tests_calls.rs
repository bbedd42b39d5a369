//! The tables' calls: keywords used, ignored or refused naming the
//! accepted ones, the errors' wording, what `dir` reads from the tables and
//! the results classes declare.

use super::tests::{interp, run};
use super::*;

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
            "get() takes the keywords populate_existing, with_for_update, execution_options, options",
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
