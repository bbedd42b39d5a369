//! Plans as `(sql, params)` lists: a session set up by a script, its
//! flush planned (not run), each row shown with deferred parameters named
//! (`Post(title='p').id` is the key the INSERT of that new Post numbers).
//! The expected statements, in order, are what the reference echoes for
//! the same script's flush (`db.engine.echo = True` before it; SQLAlchemy
//! adds `RETURNING id` to a batch of INSERTs, which ormsh reads back as
//! the row id instead), with the ids it numbered where the plan names a
//! deferred key. Then the plan runs, and the database agrees.

use std::rc::Rc;

use crate::engine::Engine;
use crate::error::{ErrorKind, Result};
use crate::eval::Interp;
use crate::orm::session::Session;
use crate::orm::unitofwork::{Plan, plan};
use crate::syntax::parse_chunk;

const POSTS: &str = "model Post <
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(20))
    comments = db.relationship('Comment', backref='post')
>
model Comment <
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.String(20))
    post_id = db.Column(db.Integer, db.ForeignKey('post.id'))
>
db.create_all()
";

const TREE: &str = "model Node <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    parent_id = db.Column(db.Integer, db.ForeignKey('node.id'))
    children = db.relationship('Node', backref=db.backref('parent', remote_side=[id]), cascade='all, delete-orphan')
>
db.create_all()
";

const PAGES: &str = "tags = db.Table('tags', db.Column('tag_id', db.Integer, db.ForeignKey('tag.id')), db.Column('page_id', db.Integer, db.ForeignKey('page.id')))
model Page <
    id = db.Column(db.Integer, primary_key=True)
    tags = db.relationship('Tag', secondary=tags, backref='pages')
>
model Tag <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
>
db.create_all()
";

/// An interpreter on a memory database that ran `src`.
fn session(src: &str) -> Interp {
    let engine = Engine::open(None, false).expect("memory database");
    let mut me = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    let stmts = parse_chunk(src).expect("parses");
    me.source = Rc::from(src);
    me.run(&stmts).expect("runs");
    me
}

/// The plan of the interpreter's next flush, prepared as a flush prepares.
fn planned(me: &mut Interp) -> Result<Plan> {
    me.fill_defaults()?;
    me.session.engine.begin()?;
    crate::orm::flush::prepare(&mut me.session)?;
    plan(&me.session)
}

/// Plan `src`'s flush, compare with `expected`, then run it.
fn check(src: &str, expected: &[(&str, &str)]) -> Interp {
    let mut me = session(src);
    let p = planned(&mut me).expect("plans");
    let got = p.statements();
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(s, p)| (s.to_string(), p.to_string()))
        .collect();
    assert_eq!(got, want, "plan of:\n{src}");
    let mut failed = None;
    p.emit(&mut me.session, &mut failed).expect("runs");
    me
}

/// The rows of `sql` (one text column per row, `|`-joined values).
fn rows(me: &Interp, sql: &str) -> Vec<String> {
    let c = crate::sql::ast::Compiled::new(sql.into(), Vec::new());
    me.session
        .engine
        .query_all(&c)
        .expect("query")
        .iter()
        .map(|r| {
            r.iter()
                .map(crate::sql::params::param_repr)
                .collect::<Vec<_>>()
                .join("|")
        })
        .collect()
}

const INSERT_POST: &str = "INSERT INTO post (title) VALUES (?)";
/// Several rows the database numbers: an executemany with RETURNING of
/// the key (SQLAlchemy's insertmanyvalues on SQLite).
const INSERT_COMMENTS: &str = "INSERT INTO comment (body, post_id) VALUES (?, ?) RETURNING id";
const UPDATE_COMMENT: &str = "UPDATE comment SET post_id=? WHERE comment.id = ?";

#[test]
fn parents_first_then_children_with_the_key_the_insert_numbers() {
    let src = format!(
        "{POSTS}c = Comment(body='first')
db.session.add(c)
p = Post(title='p', comments=[Comment(body='second')])
c.post = p
db.session.add(p)
"
    );
    let me = check(
        &src,
        &[
            (INSERT_POST, "('p',)"),
            (INSERT_COMMENTS, "('first', Post(title='p').id)"),
            (INSERT_COMMENTS, "('second', Post(title='p').id)"),
        ],
    );
    assert_eq!(
        rows(&me, "SELECT id, body, post_id FROM comment ORDER BY id"),
        ["1|'first'|1", "2|'second'|1"]
    );
}

#[test]
fn updates_then_inserts_then_deletes_by_table() {
    let src = format!(
        "{POSTS}p = Post(title='p', comments=[Comment(body='a'), Comment(body='b')])
db.session.add(p)
db.session.add(Post(title='q'))
db.session.commit()
q = Post.query.filter_by(title='q').one()
first = p.comments[0]
p.title = 'renamed'
first.post = Post(title='new')
db.session.delete(q)
"
    );
    let me = check(
        &src,
        &[
            (
                "UPDATE post SET title=? WHERE post.id = ?",
                "('renamed', 1)",
            ),
            (INSERT_POST, "('new',)"),
            (UPDATE_COMMENT, "(Post(title='new').id, 1)"),
            ("DELETE FROM post WHERE post.id = ?", "(2,)"),
        ],
    );
    assert_eq!(
        rows(&me, "SELECT id, title FROM post ORDER BY id"),
        ["1|'renamed'", "3|'new'"]
    );
}

#[test]
fn a_deleted_parents_children_lose_their_key_before_it_goes() {
    let src = format!(
        "{POSTS}p = Post(title='p', comments=[Comment(body='a'), Comment(body='b')])
db.session.add(p)
db.session.commit()
db.session.delete(p)
"
    );
    let me = check(
        &src,
        &[
            (UPDATE_COMMENT, "(None, 1)"),
            (UPDATE_COMMENT, "(None, 2)"),
            ("DELETE FROM post WHERE post.id = ?", "(1,)"),
        ],
    );
    assert_eq!(
        rows(&me, "SELECT count(*) FROM comment WHERE post_id IS NULL"),
        ["2"]
    );
}

#[test]
fn association_rows_after_both_sides_lost_before_gained_in_table_column_order() {
    let src = format!(
        "{PAGES}old = Tag(name='old')
p = Page(tags=[old])
db.session.add(p)
db.session.commit()
p.tags.remove(old)
p.tags.append(Tag(name='new'))
db.session.add(Page(tags=[old]))
"
    );
    let me = check(
        &src,
        &[
            ("INSERT INTO page DEFAULT VALUES", "()"),
            ("INSERT INTO tag (name) VALUES (?)", "('new',)"),
            (
                "DELETE FROM tags WHERE tags.tag_id = ? AND tags.page_id = ?",
                "(1, 1)",
            ),
            (
                "INSERT INTO tags (tag_id, page_id) VALUES (?, ?)",
                "(1, Page().id)",
            ),
            (
                "INSERT INTO tags (tag_id, page_id) VALUES (?, ?)",
                "(Tag(name='new').id, 1)",
            ),
        ],
    );
    assert_eq!(
        rows(&me, "SELECT tag_id, page_id FROM tags ORDER BY 1, 2"),
        ["1|2", "2|1"]
    );
}

#[test]
fn a_changed_key_is_updated_by_the_old_key_in_key_order_before_the_insert() {
    let src = "model Tag <
    name = db.Column(db.String(20), primary_key=True)
    n = db.Column(db.Integer)
>
db.create_all()
db.session.add_all([Tag(name='b', n=1), Tag(name='a', n=2)])
db.session.commit()
a = db.session.get(Tag, 'a')
b = db.session.get(Tag, 'b')
b.name = 'c'
a.n = 5
db.session.add(Tag(name='b', n=3))
";
    let me = check(
        src,
        &[
            ("UPDATE tag SET n=? WHERE tag.name = ?", "(5, 'a')"),
            ("UPDATE tag SET name=? WHERE tag.name = ?", "('c', 'b')"),
            ("INSERT INTO tag (name, n) VALUES (?, ?)", "('b', 3)"),
        ],
    );
    assert_eq!(
        rows(&me, "SELECT name, n FROM tag ORDER BY name"),
        ["'a'|5", "'b'|3", "'c'|1"]
    );
}

#[test]
fn a_self_referential_table_goes_object_by_object_in_layers() {
    // Inserted a generation per layer, the new objects of a layer in the
    // order they were added; deleted leaves first, by key within a layer.
    let src = format!(
        "{TREE}root = Node(name='root', children=[Node(name='a', children=[Node(name='a1')]), Node(name='b')])
db.session.add(root)
db.session.add(Node(name='lone'))
"
    );
    let insert = "INSERT INTO node (name, parent_id) VALUES (?, ?)";
    let insert_many = "INSERT INTO node (name, parent_id) VALUES (?, ?) RETURNING id";
    let mut me = check(
        &src,
        &[
            (insert_many, "('root', None)"),
            (insert_many, "('lone', None)"),
            (insert_many, "('a', Node(name='root').id)"),
            (insert_many, "('b', Node(name='root').id)"),
            (insert, "('a1', Node(name='a').id)"),
        ],
    );
    let stmts = parse_chunk("db.session.commit()\ndb.session.delete(root)").unwrap();
    me.run(&stmts).unwrap();
    let delete = "DELETE FROM node WHERE node.id = ?";
    let p = planned(&mut me).unwrap();
    assert_eq!(
        p.statements(),
        [
            (delete, "(4,)"),
            (delete, "(5,)"),
            (delete, "(3,)"),
            (delete, "(1,)")
        ]
        .map(|(s, p)| (s.to_string(), p.to_string()))
    );
}

#[test]
fn objects_depending_on_each_other_are_a_circular_dependency() {
    for (setup, objects) in [
        (
            "a = Node(name='a')\nb = Node(name='b')\na.parent = b\nb.parent = a\ndb.session.add(a)",
            "the new Node(name='a'), the new Node(name='b') depend on each other",
        ),
        (
            "a = Node(name='a')\ndb.session.add(a)\ndb.session.commit()\na.children.append(a)",
            "Node 1 depends on itself",
        ),
    ] {
        let mut me = session(&format!("{TREE}{setup}\n"));
        let p = planned(&mut me).expect("plans");
        let e = p.failure().expect("a cycle");
        assert_eq!(e.kind, ErrorKind::CircularDependencyError);
        assert!(e.message.contains(objects), "{}", e.message);
        assert!(e.help.is_some());
        let mut failed = None;
        let ran = p.emit(&mut me.session, &mut failed);
        assert_eq!(
            ran.err().map(|e| e.kind),
            Some(ErrorKind::CircularDependencyError)
        );
    }
}

#[test]
fn the_work_before_a_cycle_is_planned_before_its_error() {
    // As SQLAlchemy's lazy sort runs the layers it can before it finds the
    // cycle: here the unrelated new Node's INSERT (which the reference
    // runs, and which fails there on a NOT NULL column before the cycle
    // is reached).
    let mut me = session(&format!(
        "{TREE}a = Node(name='a')\ndb.session.add(a)\na.children.append(a)\ndb.session.add(Node(name='b'))\n"
    ));
    let p = planned(&mut me).expect("plans");
    assert_eq!(
        p.statements(),
        [(
            "INSERT INTO node (name, parent_id) VALUES (?, ?)".to_string(),
            "('b', None)".to_string()
        )]
    );
    assert!(p.failure().is_some());
}

#[test]
fn a_post_update_key_is_written_by_a_second_update() {
    // Two new objects each the other's parent, and one its own: the
    // INSERTs go without the key, UPDATEs write it (the reference's echo
    // of relationships/post-update-self).
    let src = "model Node <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    parent_id = db.Column(db.Integer, db.ForeignKey('node.id'))
    children = db.relationship('Node', backref=db.backref('parent', remote_side=[id]), post_update=True)
>
db.create_all()
a = Node(name='a')
b = Node(name='b')
a.parent = b
b.parent = a
db.session.add(a)
";
    let insert = "INSERT INTO node (name, parent_id) VALUES (?, ?) RETURNING id";
    let update = "UPDATE node SET parent_id=? WHERE node.id = ?";
    let me = check(
        src,
        &[
            (insert, "('a', None)"),
            (insert, "('b', None)"),
            (update, "(Node(name='b').id, Node(name='a').id)"),
            (update, "(Node(name='a').id, Node(name='b').id)"),
        ],
    );
    assert_eq!(
        rows(&me, "SELECT id, name, parent_id FROM node ORDER BY id"),
        ["1|'a'|2", "2|'b'|1"]
    );
}

#[test]
fn a_new_object_with_a_deleted_objects_key_takes_over_its_row() {
    // SQLAlchemy's row switch: no DELETE, no INSERT, one UPDATE of what
    // the new object was given (the reference echoes the same two
    // statements after loading the deleted post's comments).
    let src = format!(
        "{POSTS}db.session.add(Post(id=1, title='old'))
db.session.commit()
db.session.delete(db.session.get(Post, 1))
db.session.add(Post(id=1, title='new'))
db.session.add(Post(id=2, title='two'))
"
    );
    let me = check(
        &src,
        &[
            ("UPDATE post SET title=? WHERE post.id = ?", "('new', 1)"),
            ("INSERT INTO post (id, title) VALUES (?, ?)", "(2, 'two')"),
        ],
    );
    assert_eq!(
        rows(&me, "SELECT id, title FROM post ORDER BY id"),
        ["1|'new'", "2|'two'"]
    );
}

/// An attribute set to SQL (`Counter(hits=db.func.abs(-5))`) is written
/// inline, each such row a statement of its own without RETURNING (the
/// reference's log: `INSERT INTO counter (hits) VALUES (abs(?))` once per
/// row, then the plain rows as one insertmanyvalues batch).
#[test]
fn an_attribute_set_to_sql_is_written_inline_in_a_row_of_its_own() {
    let src = "model Counter <
    id = db.Column(db.Integer, primary_key=True)
    hits = db.Column(db.Integer)
>
db.create_all()
db.session.add_all([Counter(hits=db.func.abs(-5)), Counter(hits=db.func.abs(-6)), Counter(hits=1), Counter(hits=2)])
";
    let sql = "INSERT INTO counter (hits) VALUES (abs(?))";
    let plain = "INSERT INTO counter (hits) VALUES (?) RETURNING id";
    let me = check(
        src,
        &[
            (sql, "(-5,)"),
            (sql, "(-6,)"),
            (plain, "(1,)"),
            (plain, "(2,)"),
        ],
    );
    assert_eq!(
        rows(&me, "SELECT id, hits FROM counter ORDER BY id"),
        ["1|5", "2|6", "3|1", "4|2"]
    );
}
