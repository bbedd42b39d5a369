//! Undoing an interrupted statement, looked at from inside (issue 11,
//! item 3): one `App` on a database file, each scenario a statement that
//! would run for ever, stopped by a real SIGINT sent to this process, then
//! statements that show the objects, their relationships and the rows are
//! exactly as before it. One test in its own binary: the signal is the
//! process's.

mod scratch;
use std::cell::RefCell;
use std::io::Write;
use std::process::Command;
use std::rc::Rc;
use std::time::Duration;

use ormsh::app::{App, Flow};
use ormsh::engine::Engine;
use ormsh::eval::Interp;
use ormsh::orm::session::Session;
use ormsh::render::diagnostic::Origin;

/// Output kept for the test to read.
#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn take(&self) -> String {
        String::from_utf8(std::mem::take(&mut *self.0.borrow_mut())).unwrap()
    }
}

struct Shell {
    app: App,
    out: Shared,
    err: Shared,
}

const ORIGIN: Origin = Origin {
    file: Some("<test>"),
    first_line: 1,
};

impl Shell {
    /// Run a statement that must succeed; what it printed.
    fn run(&mut self, src: &str) -> String {
        let flow = self.app.run_chunk(src, &ORIGIN);
        let err = self.err.take();
        assert_eq!(flow, Flow::Continue, "{src}: {err}");
        self.out.take()
    }

    /// Run a statement that loops until SIGINT, sent once it runs; what
    /// the shell said on stderr.
    fn interrupt(&mut self, src: &str) -> String {
        ormsh::interrupt::clear();
        let pid = std::process::id().to_string();
        let signal = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(400));
            Command::new("kill").args(["-INT", &pid]).status().unwrap();
        });
        let flow = self.app.run_chunk(src, &ORIGIN);
        signal.join().unwrap();
        ormsh::interrupt::clear();
        assert_eq!(flow, Flow::Failed, "{src}");
        self.out.take();
        self.err.take()
    }
}

fn count(db: &std::path::Path, sql: &str) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

const MODELS: &str = "model Category <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(20))
    posts = db.relationship('Post', backref='category')
    tags = db.relationship('Tag', secondary='category_tag', backref='categories')
>
model Post <
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(20))
    category_id = db.Column(db.Integer, db.ForeignKey('category.id'))
    __repr__ = '<Post %r>' % self.title
>
model Tag <
    id = db.Column(db.Integer, primary_key=True)
    __repr__ = '<Tag %r>' % self.id
>
category_tag = db.Table('category_tag', db.Column('category_id', db.Integer, db.ForeignKey('category.id')), db.Column('tag_id', db.Integer, db.ForeignKey('tag.id')))
";

#[test]
fn each_interrupted_statement_is_undone_in_memory_and_in_the_file() {
    let dir = scratch::dir("undo");
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("undo.db");
    let _ = std::fs::remove_file(&db);
    let engine = Engine::open(Some(&db), false).unwrap();
    ormsh::interrupt::install(engine.interrupter());
    let (out, err) = (Shared::default(), Shared::default());
    let interp = Interp::new(Session::new(engine), Box::new(out.clone()));
    let mut sh = Shell {
        app: App::new(interp, Box::new(err.clone())),
        out,
        err,
    };
    for chunk in ormsh::app::split_chunks(MODELS) {
        sh.run(&chunk.1);
    }
    sh.run("db.create_all()");
    sh.run("c = Category(name='c'); c2 = Category(name='c2'); p1 = Post(title='p1', category=c); t1 = Tag(); c.tags.append(t1)");
    sh.run("db.session.add_all([c, c2]); db.session.commit()");
    let state = "print(c.posts, c2.posts, p1.category.name, c.tags, len(db.session.new), len(db.session.dirty), len(db.session.deleted))";
    let before = sh.run(state);
    assert_eq!(before, "[<Post 'p1'>] [] c [<Tag 1>] 0 0 0\n");

    // Collections and backrefs, with new objects cascading in.
    let said = sh
        .interrupt("for i in range(10**12): c.posts.append(Post(title='x')); c.tags.append(Tag())");
    assert!(
        said.contains("Interrupted: the statement was undone"),
        "{said}"
    );
    assert_eq!(sh.run(state), before);

    // A child moved between parents, over and over, with flushes between.
    let said =
        sh.interrupt("for i in range(10**12): p1.category = [c, c2][i % 2]; db.session.flush()");
    assert!(said.contains("the statement was undone"), "{said}");
    assert_eq!(sh.run(state), before);

    // Deleted and flushed, then a loop on nothing.
    let said =
        sh.interrupt("for i in range(10**12): x = [db.session.delete(p1), db.session.flush()] if i == 0 else None");
    assert!(said.contains("the statement was undone"), "{said}");
    assert_eq!(sh.run(state), before);
    // A primary key changed and flushed over and over (issue 12, item 1):
    // the identity map holds the object at its key from before again.
    let said = sh.interrupt("for i in range(10**12): c2.id = 1000 + i; db.session.flush()");
    assert!(said.contains("the statement was undone"), "{said}");
    assert_eq!(
        sh.run(
            "print(c2.id, db.session.get(Category, 2) is c2, db.session.get(Category, 1000), c2)"
        ),
        "2 True None <Category 2>\n"
    );
    assert_eq!(sh.run(state), before);
    sh.run("db.session.commit()");
    assert_eq!(count(&db, "SELECT count(*) FROM post"), 1);
    assert_eq!(count(&db, "SELECT count(*) FROM category_tag"), 1);

    // Work pending from earlier statements, flushed before: it stays.
    // (c2.posts is read before p1 changes: it was queued by the backref,
    // and reading it autoflushes, as in SQLAlchemy.)
    sh.run("p2 = Post(title='p2', category=c2); db.session.add(p2); db.session.flush(); n = len(c2.posts); p1.title = 'renamed'");
    let state2 = "print(c2.posts, p2.id, p2 in db.session, p1.title, len(db.session.dirty))";
    let before2 = sh.run(state2);
    assert_eq!(before2, "[<Post 'p2'>] 2 True renamed 1\n");
    let said = sh.interrupt(
        "for i in range(10**12): p2.title = str(i); p1.title = str(i); x = Post.query.count()",
    );
    assert!(said.contains("the statement was undone"), "{said}");
    assert_eq!(sh.run(state2), before2);

    // A commit inside the statement stays, and says so.
    let said = sh.interrupt(
        "db.session.commit(); for i in range(10**12): db.session.add(Post(title=str(i)))",
    );
    assert!(
        said.contains("Interrupted: db.session.commit() had finished: what it committed is saved; what the statement did after it was undone"),
        "{said}"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM post"), 2);
    assert_eq!(
        count(&db, "SELECT count(*) FROM post WHERE title = 'renamed'"),
        1
    );
    assert_eq!(sh.run("print(len(db.session.new))"), "0\n");

    // SQLite rolls the whole transaction back when an interrupt stops a
    // write: the session follows, and says what that discarded.
    sh.run("p3 = Post(title='p3'); db.session.add(p3); db.session.flush()");
    let said = sh.interrupt(".sql INSERT INTO tag (id) WITH RECURSIVE n(x) AS (SELECT 100 UNION ALL SELECT x + 1 FROM n) SELECT x FROM n");
    assert!(
        said.contains("SQLite rolled back the whole transaction, so the session was rolled back: 1 new object left the session"),
        "{said}"
    );
    assert_eq!(
        sh.run("print(p3 in db.session, Post.query.count())"),
        "False 2\n"
    );
    assert_eq!(count(&db, "SELECT count(*) FROM tag"), 1);

    // Inside a savepoint (SQLAlchemy's begin_nested): the interrupted
    // statement's flushes are undone, the savepoint stays open, and its
    // rollback still undoes what was flushed in it before.
    sh.run("db.session.add(Post(title='outer')); db.session.flush(); sp = db.session.begin_nested(); p4 = Post(title='p4'); db.session.add(p4); db.session.flush()");
    let said = sh.interrupt(
        "for i in range(10**12): db.session.add(Post(title=str(i))); db.session.flush()",
    );
    assert!(said.contains("the statement was undone"), "{said}");
    assert_eq!(
        sh.run("print(Post.query.count(), sp.is_active, db.session().in_nested_transaction())"),
        "4 True True\n"
    );
    sh.run("sp.rollback()");
    assert_eq!(
        sh.run("print(Post.query.count(), db.inspect(p4).transient)"),
        "3 True\n"
    );
    sh.run("db.session.commit()");
    assert_eq!(count(&db, "SELECT count(*) FROM post"), 3);
}
