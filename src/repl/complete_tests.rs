//! Completion by the value's type, against a session snapshot.
use std::rc::Rc;

use super::*;
use crate::eval::Interp;
use crate::eval::surface::{DB, SESSION, Surface};

/// A session with two models and variables of many types, as the
/// shell's snapshot sees it after the statements ran.
fn snap() -> Snapshot {
    use crate::engine::Engine;
    use crate::orm::session::Session;
    let engine = Engine::open(None, false).expect("memory database");
    let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let src = "model User <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               username = db.Column(db.String(80))\n    email = db.Column(db.String(80))\n    \
               posts = db.relationship('Post', backref='author')\n    \
               dposts = db.relationship('Post', lazy='dynamic', viewonly=True)\n>\n\
               model Post <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               user_id = db.Column(db.Integer, db.ForeignKey('user.id'))\n>\n\
               db.create_all()\nadmin = User(username='ann')\nadmin.extra = 1\n\
               db.session.add(admin)\ndb.session.commit()\nq = User.query\ns = db.session\n\
               r = db.session.execute(db.select(User))\nt = 'x'\nn = 1\n\
               p = User.query.paginate()\nrow = db.session.execute(db.select(User.id)).first()\n";
    let stmts = crate::syntax::parse_chunk(src).expect("parses");
    me.source = Rc::from(src);
    me.run(&stmts).expect("runs");
    Snapshot::of(&mut me)
}

fn words_in(snap: &Snapshot, line: &str) -> Vec<String> {
    match complete(line, line.len(), snap, &["print", "len"]) {
        Completion::Words { words, .. } => words,
        Completion::Files => vec!["<files>".into()],
    }
}

fn words(line: &str) -> Vec<String> {
    words_in(&snap(), line)
}

/// After a `.` the names of the value's class, by the value's type:
/// what a variable holds, what a pure attribute read gives, what a
/// method declares it returns; nothing when a call's result is not
/// known without running it.
#[test]
fn completes_by_the_values_type() {
    let snap = snap();
    let user = vec!["dposts", "email", "id", "posts", "query", "username"];
    for (line, expect) in [
        ("Us", vec!["User"]),
        ("User.", user.clone()),
        ("User.u", vec!["username"]),
        (
            "User.query.f",
            vec![
                "filter",
                "filter_by",
                "first",
                "first_or_404",
                "from_statement",
            ],
        ),
        (
            "User.query.w",
            vec!["where", "with_entities", "with_for_update", "with_parent"],
        ),
        (
            "db.select(User).w",
            vec!["where", "with_for_update", "with_only_columns"],
        ),
        (
            "db.select(User).f",
            vec!["fetch", "filter", "filter_by", "from_statement"],
        ),
        (
            "User.query.filter(User.id == 1).a",
            vec!["add_column", "add_columns", "all", "as_scalar"],
        ),
        // A query's results are objects, counts, pages, statements.
        ("User.query.first().", user.clone()),
        ("User.query.filter_by(id=1).one().em", vec!["email"]),
        ("User.query.count().", vec![]),
        ("User.query.paginate().it", vec!["items", "iter_pages"]),
        (
            "User.query.statement.w",
            vec!["where", "with_for_update", "with_only_columns"],
        ),
        ("User.query.all().app", vec!["append"]),
        (
            "db.session.execute(db.select(User)).scalar_",
            vec!["scalar_one", "scalar_one_or_none"],
        ),
        (
            "db.session.execute(db.select(User)).first().c",
            vec!["count"],
        ),
        (
            "db.paginate(db.select(User)).it",
            vec!["items", "iter_pages"],
        ),
        ("db.session.query(User).first().u", vec!["username"]),
        ("User(username='a').p", vec!["posts"]),
        // Variables, by what they hold.
        ("q.fil", vec!["filter", "filter_by"]),
        ("s.comm", vec!["commit"]),
        ("r.fetch", vec!["fetchall", "fetchmany", "fetchone"]),
        ("p.has", vec!["has_next", "has_prev"]),
        ("t.up", vec!["upper"]),
        ("n.", vec![]),
        ("row.i", vec!["id", "index"]),
        // A row's `_` members are its public API: offered with the rest.
        (
            "row.",
            vec![
                "_asdict", "_fields", "_mapping", "_t", "_tuple", "count", "id", "index", "t",
                "tuple",
            ],
        ),
        ("admin.em", vec!["email"]),
        ("admin.ext", vec!["extra"]),
        ("admin.q", vec!["query"]),
        ("admin.extra.", vec![]),
        // Pure attribute reads: columns, relationships, namespaces.
        ("User.username.li", vec!["like"]),
        ("User.username.like('a').de", vec!["desc"]),
        ("User.posts.o", vec!["of_type"]),
        ("admin.posts.app", vec!["append"]),
        ("admin.dposts.fil", vec!["filter", "filter_by"]),
        ("admin.dposts.app", vec!["append"]),
        // An item of a collection is an object of its model.
        ("admin.posts[0].", vec!["author", "id", "query", "user_id"]),
        ("db.metadata.t", vec!["tables"]),
        ("db.metadata.tables.ke", vec!["keys"]),
        ("db.engine.u", vec!["url"]),
        ("\"a\".up", vec!["upper"]),
        ("x = 'a b'.st", vec!["startswith", "strip"]),
        // Calls whose result is not declared: nothing, not a guess.
        ("len(t).", vec![]),
        ("nope.", vec![]),
        ("User.query.filter.", vec![]),
        // Keywords of filter_by and of a model's constructor.
        ("User.query.filter_by(u", vec!["username="]),
        ("q.filter_by(u", vec!["username="]),
        ("db.session.query(User).filter_by(e", vec!["email="]),
        ("User(em", vec!["email="]),
        ("User(username='x', em", vec!["email="]),
        // After a keyword's `=`, a value: variables, not keywords.
        ("User.query.filter_by(username=a", vec!["admin", "and"]),
        ("User(email=ad", vec!["admin"]),
        ("User(email=t", vec!["t"]),
        ("db.session.comm", vec!["commit"]),
        ("db.cre", vec!["create_all"]),
        ("db.session.is_", vec!["is_active", "is_modified"]),
        ("db.Int", vec!["Integer", "Interval"]),
        ("admin.__rep", vec!["__repr__"]),
        (".sch", vec![".schema"]),
        (".schema U", vec!["User"]),
        (".read x", vec!["<files>"]),
        ("pri", vec!["print"]),
        ("ad", vec!["admin"]),
    ] {
        assert_eq!(words_in(&snap, line), expect, "{line}");
    }
    let after_keyword = words_in(&snap, "User(email=");
    assert!(
        after_keyword.contains(&"admin".to_string()),
        "{after_keyword:?}"
    );
    assert!(
        !after_keyword.iter().any(|w| w.ends_with('=')),
        "{after_keyword:?}"
    );
}

/// While the relationships cannot be configured (the target is not
/// defined yet), `User.posts.` is still a relationship, known by its name.
#[test]
fn a_relationship_before_the_mapping_is_configured() {
    use crate::engine::Engine;
    use crate::orm::session::Session;
    let engine = Engine::open(None, false).expect("memory database");
    let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let src = "model User <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               posts = db.relationship('Post')\n>\n";
    let stmts = crate::syntax::parse_chunk(src).expect("parses");
    me.source = Rc::from(src);
    me.run(&stmts).expect("runs");
    let snap = Snapshot::of(&mut me);
    assert!(snap.mapping.is_none());
    assert_eq!(words_in(&snap, "User.posts.o"), vec!["of_type"]);
    assert_eq!(words_in(&snap, "User.p"), vec!["posts"]);
}

/// After `db.` and `db.session.` every public member of their class tables.
#[test]
fn db_and_session_members_come_from_their_tables() {
    for (chain, class) in [("db.", &DB as &dyn Surface), ("db.session.", &SESSION)] {
        let mut want: Vec<String> = class
            .names()
            .into_iter()
            .filter(|n| !n.starts_with('_'))
            .map(String::from)
            .collect();
        want.sort();
        assert_eq!(words(chain), want, "{chain}");
    }
    assert!(words("db.session.").contains(&"is_modified".to_string()));
}

/// After `.` every command of `dot::COMMANDS` and nothing else; each
/// argument as the table declares it.
#[test]
fn dot_commands_come_from_the_table() {
    let all: Vec<String> = {
        let mut v: Vec<String> = COMMANDS.iter().map(|c| c.name.to_string()).collect();
        v.sort();
        v
    };
    assert_eq!(words("."), all);
    for (line, expect) in [
        (".o", vec![".once", ".open", ".output"]),
        (".e", vec![".echo", ".exit", ".export"]),
        (".m", vec![".migrate", ".mode", ".models"]),
        ("  .ta", vec![".tables"]),
        (".export ", vec!["python", "sql"]),
        (".export p", vec!["python"]),
        (".export python ", vec!["<files>"]),
        (".export python f.py ", vec![]),
        (".open ", vec!["<files>"]),
        (".save x", vec!["<files>"]),
        (".migrate U", vec!["User"]),
        (".help mo", vec!["mode", "models"]),
        (".help mode sc", vec!["schema"]),
        (".echo o", vec!["off", "on"]),
        (".timer of", vec!["off"]),
        (".mode cs", vec!["csv"]),
        (".tutorial st", vec!["stop"]),
        (".tutorial qu", vec!["quickstart"]),
        (".output x", vec!["<files>"]),
        (".quit x", vec![]),
    ] {
        assert_eq!(words(line), expect, "{line}");
    }
}

/// Completion from values in the places issue 16 found bare: loop and
/// comprehension variables, a many-to-one's object and its
/// collection, `func.`, the entity `filter_by` reads after a join,
/// keywords given once, strings only where a name is expected, `.sql`
/// table names.
#[test]
fn completes_from_values_where_the_text_binds_them() {
    use crate::engine::Engine;
    use crate::orm::session::Session;
    let engine = Engine::open(None, false).expect("memory database");
    let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let src = "model Category <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               name = db.Column(db.String(80))\n    \
               posts = db.relationship('Post', backref='category')\n>\n\
               model Post <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               title = db.Column(db.String(80))\n    \
               category_id = db.Column(db.Integer, db.ForeignKey('category.id'))\n>\n\
               db.create_all()\np = Post(title='t', category=Category(name='c'))\n\
               db.session.add(p)\ndb.session.commit()\nxs = [1, 'a']\n";
    let stmts = crate::syntax::parse_chunk(src).expect("parses");
    me.source = Rc::from(src);
    me.run(&stmts).expect("runs");
    let snap = Snapshot::of(&mut me);
    let post = vec!["category", "category_id", "id", "query", "title"];
    for (line, expect) in [
        ("p.category.", vec!["id", "name", "posts", "query"]),
        ("p.category.posts[0].", post.clone()),
        ("for q in Post.query.all():\n    q.", post.clone()),
        (
            "for c in Category.query:\n    for q in c.posts:\n        q.ca",
            vec!["category", "category_id"],
        ),
        ("Post.query.get(1).ti", vec!["title"]),
        ("xs[0].", vec![]),
        // A 2.0 Select has no legacy Query methods.
        ("db.select(Post).al", vec![]),
        ("db.select(Post).fi", vec!["filter", "filter_by"]),
        ("func.cou", vec!["count"]),
        ("db.func.low", vec!["lower"]),
        // SQLite's math, date and JSON functions too (issue 16, round 2).
        (
            "func.co",
            vec!["coalesce", "concat", "concat_ws", "cos", "cosh", "count"],
        ),
        ("func.json_ex", vec!["json_extract"]),
        ("func.strf", vec!["strftime"]),
        // A date class: its class methods, as dir() lists them.
        ("datetime.utc", vec!["utcfromtimestamp", "utcnow"]),
        ("date.to", vec!["today"]),
        (
            "Post.query.join(Category).filter_by(",
            vec!["id=", "name=", "posts="],
        ),
        ("Post.query.join(Post.category).filter_by(na", vec!["name="]),
        (
            "Post.query.filter_by(title='x', ",
            vec!["category=", "category_id=", "id="],
        ),
        ("Category(name='x', ", vec!["id=", "posts="]),
        (
            "db.ForeignKey('category.",
            vec!["category.id", "category.name"],
        ),
        ("db.relationship('P", vec!["Post"]),
        (
            "db.relationship('Post', secondary='",
            vec!["category", "post"],
        ),
        ("x = 'P", vec![]),
        ("print('hello p.", vec![]),
        (".sql SELECT * FROM ", vec!["category", "post"]),
        (".sql select title from p", vec!["post"]),
        (".sql SELECT ", vec![]),
        (".indexes c", vec!["category"]),
        (".import f.csv P", vec!["Post"]),
    ] {
        assert_eq!(words_in(&snap, line), expect, "{line}");
    }
    // A comprehension binds its name after the cursor.
    let line = "[x.ti for x in Post.query.all()]";
    match complete(line, 5, &snap, &[]) {
        Completion::Words { words, .. } => assert_eq!(words, vec!["title"]),
        Completion::Files => panic!("files"),
    }
}

/// Issue 16, round 2: a date class imported by name completes as the
/// built-in one does; `db.session.get(Model, 1)` is an object of that
/// model; a query of columns gives a Row, not an object.
#[test]
fn completes_imported_dates_session_get_and_rows() {
    use crate::engine::Engine;
    use crate::orm::session::Session;
    let engine = Engine::open(None, false).expect("memory database");
    let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let src = "from datetime import datetime\nfrom datetime import date\n\
               model User <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               name = db.Column(db.String(80))\n>\ndb.create_all()\n";
    let stmts = crate::syntax::parse_chunk(src).expect("parses");
    me.source = Rc::from(src);
    me.run(&stmts).expect("runs");
    let snap = Snapshot::of(&mut me);
    for (line, expect) in [
        ("datetime.utc", vec!["utcfromtimestamp", "utcnow"]),
        ("date.to", vec!["today"]),
        ("db.session.get(User, 1).na", vec!["name"]),
        ("db.session.get(User, 1).qu", vec!["query"]),
        ("db.session.query(User.id).first().qu", vec![]),
        ("db.session.query(User.id).first()._as", vec!["_asdict"]),
        ("db.session.query(User.id).first()._ma", vec!["_mapping"]),
    ] {
        assert_eq!(words_in(&snap, line), expect, "{line}");
    }
}

/// Models defined again in one session (one lesson's `User` and `Post`,
/// then another's): an object's and a model's relationships are the
/// current definitions', backrefs included, configured or not — even
/// while another model cannot be configured yet.
#[test]
fn completion_reads_the_current_definitions() {
    use crate::engine::Engine;
    use crate::orm::session::Session;
    let engine = Engine::open(None, false).expect("memory database");
    let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let src = "model User <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               posts = db.relationship('Post', backref='user')\n>\n\
               model Post <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               user_id = db.Column(db.Integer, db.ForeignKey('user.id'))\n>\n\
               ann = User()\nmodel User <\n    id = db.Column(db.Integer, primary_key=True)\n>\n\
               model Post <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               category_id = db.Column(db.Integer, db.ForeignKey('category.id'))\n    \
               category = db.relationship('Category', backref=db.backref('posts', lazy=True))\n>\n\
               model Category <\n    id = db.Column(db.Integer, primary_key=True)\n>\n\
               p = Post()\nmodel Later <\n    id = db.Column(db.Integer, primary_key=True)\n    \
               other = db.relationship('NotYetDefined')\n>\n";
    let stmts = crate::syntax::parse_chunk(src).expect("parses");
    me.source = Rc::from(src);
    me.run(&stmts).expect("runs");
    let snap = Snapshot::of(&mut me);
    let has = |line: &str, name: &str| words_in(&snap, line).iter().any(|w| w == name);
    assert!(has("p.", "category"), "{:?}", words_in(&snap, "p."));
    assert!(has("Post.", "category"));
    assert!(
        has("Category.", "posts"),
        "{:?}",
        words_in(&snap, "Category.")
    );
    // The first User's backref went with it.
    assert!(!has("Post.", "user"), "{:?}", words_in(&snap, "Post."));
    assert!(!has("User.", "posts"));
}

/// `model` is a soft keyword: offered where a statement starts, not
/// inside an expression (`mo` there is a variable's or a built-in's).
#[test]
fn model_is_offered_only_where_a_statement_starts() {
    let s = snap();
    assert!(words_in(&s, "mo").contains(&"model".to_string()));
    assert!(words_in(&s, "x = 1; mo").contains(&"model".to_string()));
    for line in ["x = mo", "print(mo", "for m in mo", "y = [mo"] {
        assert!(!words_in(&s, line).contains(&"model".to_string()), "{line}");
    }
}
