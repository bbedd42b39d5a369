//! Each loading strategy issues the statements SQLAlchemy issues, on 10
//! categories with 50 posts: lazy 'select' one per parent (N+1), 'joined'
//! one in total, 'selectin' and 'subquery' two, 'noload' one and nothing
//! loaded. Counted by the engine, as `.echo on` would show them.

use ormsh::app::App;
use ormsh::engine::Engine;
use ormsh::eval::Interp;
use ormsh::orm::session::Session;

const SETUP: &str = "
model Category <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50))
    posts = db.relationship('Post', backref='category', lazy=LAZY)
>
model Post <
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80))
    category_id = db.Column(db.Integer, db.ForeignKey('category.id'))
>
db.create_all()
for i in range(10): db.session.add(Category(name=f'c{i}', posts=[Post(title=f'p{i}-{j}') for j in range(5)]))
db.session.commit()
db.session.expunge_all()
";

/// Statements run by `body` after the setup with `lazy=LAZY`, and what it
/// printed.
fn count(lazy: &str, body: &str) -> (u64, String) {
    count_with(lazy, "", body)
}

/// As `count`, with more setup run (and not counted) before `body`.
fn count_with(lazy: &str, more_setup: &str, body: &str) -> (u64, String) {
    let engine = Engine::open(None, false).expect("memory database");
    let out = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    struct Sink(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
    impl std::io::Write for Sink {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let interp = Interp::new(Session::new(engine), Box::new(Sink(out.clone())));
    let mut app = App::new(interp, Box::new(std::io::stderr()));
    let r = app.run_script(
        &(SETUP.replace("LAZY", lazy) + more_setup),
        "<setup>",
        false,
        false,
    );
    assert_eq!(r.failures, 0, "setup failed");
    out.borrow_mut().clear();
    let before = app.interp.session.engine.statements();
    let r = app.run_script(body, "<body>", false, false);
    assert_eq!(r.failures, 0, "body failed");
    let printed = String::from_utf8(out.borrow().clone()).expect("utf-8");
    (app.interp.session.engine.statements() - before, printed)
}

const READ_ALL: &str = "sum([len(c.posts) for c in Category.query.all()])\n";

#[test]
fn lazy_select_is_one_query_per_parent() {
    assert_eq!(count("'select'", READ_ALL), (11, "50\n".into()));
    assert_eq!(count("True", READ_ALL), (11, "50\n".into()));
}

#[test]
fn joined_is_one_statement() {
    assert_eq!(count("'joined'", READ_ALL), (1, "50\n".into()));
    assert_eq!(count("False", READ_ALL), (1, "50\n".into()));
}

#[test]
fn selectin_and_subquery_are_two_statements() {
    assert_eq!(count("'selectin'", READ_ALL), (2, "50\n".into()));
    assert_eq!(count("'subquery'", READ_ALL), (2, "50\n".into()));
}

#[test]
fn noload_never_loads() {
    assert_eq!(count("'noload'", READ_ALL), (1, "0\n".into()));
}

#[test]
fn loader_options_override_the_default() {
    let q = |opt: &str| {
        format!(
            "sum([len(c.posts) for c in Category.query.options({opt}(Category.posts)).all()])\n"
        )
    };
    assert_eq!(count("'select'", &q("joinedload")), (1, "50\n".into()));
    assert_eq!(count("'select'", &q("selectinload")), (2, "50\n".into()));
    assert_eq!(count("'select'", &q("subqueryload")), (2, "50\n".into()));
    assert_eq!(count("'joined'", &q("lazyload")), (11, "50\n".into()));
    // The older quickstart's string form.
    let by_name =
        "sum([len(c.posts) for c in Category.query.options(joinedload('posts')).all()])\n";
    assert_eq!(count("'select'", by_name), (1, "50\n".into()));
}

#[test]
fn joined_with_limit_counts_parents_not_rows() {
    let body =
        "[(c.name, len(c.posts)) for c in Category.query.order_by(Category.id).limit(3).all()]\n";
    assert_eq!(
        count("'joined'", body),
        (1, "[('c0', 5), ('c1', 5), ('c2', 5)]\n".into())
    );
}

#[test]
fn many_to_one_lazy_uses_the_identity_map() {
    // Categories are loaded first; each post's category is then found in
    // the identity map without SQL: two statements for 50 posts.
    let body = "cs = Category.query.all()\nlen([p.category.name for p in Post.query.all()])\n";
    assert_eq!(count("'select'", body), (2, "50\n".into()));
}

#[test]
fn chained_options_load_each_level_once() {
    let comments = "
model Comment <
    id = db.Column(db.Integer, primary_key=True)
    post_id = db.Column(db.Integer, db.ForeignKey('post.id'))
    post = db.relationship('Post', backref='comments')
>
db.create_all()
for p in Post.query.all(): db.session.add(Comment(post_id=p.id))
db.session.commit()
db.session.expunge_all()
";
    let body = |opt: &str| {
        format!(
            "sum([len(p.comments) for c in Category.query.options({opt}(Category.posts).{opt}(Post.comments)).all() for p in c.posts])\n"
        )
    };
    // categories, then all their posts, then all those posts' comments.
    assert_eq!(
        count_with("'select'", comments, &body("selectinload")),
        (3, "50\n".into())
    );
    // one statement joining categories, posts and comments, as
    // SQLAlchemy chains joined loaders (tests/cases/loading/chained-joinedload-one-statement.orm).
    assert_eq!(
        count_with("'select'", comments, &body("joinedload")),
        (1, "50\n".into())
    );
}

#[test]
fn contains_eager_is_the_one_joined_statement() {
    let body = "sum([len(c.posts) for c in Category.query.join(Category.posts).options(db.contains_eager(Category.posts)).all()])\n";
    assert_eq!(count("'select'", body), (1, "50\n".into()));
    // A filter on the joined posts: only those are loaded, still one statement.
    let body = "sum([len(c.posts) for c in Category.query.join(Category.posts).filter(Post.title.like('%-0')).options(db.contains_eager(Category.posts)).all()])\n";
    assert_eq!(count("'select'", body), (1, "10\n".into()));
}

#[test]
fn a_deferred_column_is_one_select_of_its_own() {
    // The query, then one SELECT per object read: its deferred column only.
    let body = "[p.title for p in Post.query.options(db.defer(Post.title)).filter(Post.category_id == 1).all()]\n";
    let (n, out) = count("'select'", body);
    assert_eq!(n, 6);
    assert!(out.starts_with("['p0-0', "), "{out}");
    // load_only: the columns listed load with the query, no more SQL.
    let body = "[p.title for p in Post.query.options(db.load_only(Post.title)).all()][:1]\n";
    assert_eq!(count("'select'", body), (1, "['p0-0']\n".into()));
}
