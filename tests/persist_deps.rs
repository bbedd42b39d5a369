//! What a stored definition names besides models and tables (issue 15):
//! module aliases (`import sqlalchemy as sa`, `import sqlalchemy.orm as
//! so`) and enum classes are stored beside it and loaded again when the
//! file opens; what a stored row may hold there is checked; and a Flask
//! quick start run twice in the same folder says only which file it opened.

mod run_ormsh;
mod scratch;
use scratch::FreshDir;
use std::path::Path;
use std::process::Output;

/// A fresh working directory for one test, removed when dropped.
fn fresh(name: &str) -> FreshDir {
    FreshDir::new(&format!("persist-deps-{name}"))
}

/// Run ormsh in `dir` with `args` and `script` on standard input.
fn ormsh(dir: &Path, args: &[&str], script: &str) -> Output {
    let all: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
    run_ormsh::with_stdin(dir, &all, script)
}

fn out(o: &Output) -> (String, String) {
    assert!(
        o.status.success(),
        "ormsh failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

const MEGA: &str = "import enum
import sqlalchemy as sa
import sqlalchemy.orm as so

class Status(enum.Enum):
    DRAFT = 'draft'
    SENT = enum.auto()

followers = sa.Table(
    'followers',
    db.metadata,
    sa.Column('follower_id', sa.Integer, sa.ForeignKey('user.id'), primary_key=True),
    sa.Column('followed_id', sa.Integer, sa.ForeignKey('user.id'), primary_key=True)
)

class User(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    username: so.Mapped[str] = so.mapped_column(sa.String(64), index=True, unique=True)
    posts: so.WriteOnlyMapped['Post'] = so.relationship(back_populates='author')
    following: so.WriteOnlyMapped['User'] = so.relationship(
        secondary=followers, primaryjoin=(followers.c.follower_id == id),
        secondaryjoin=(followers.c.followed_id == id),
        back_populates='followers')
    followers: so.WriteOnlyMapped['User'] = so.relationship(
        secondary=followers, primaryjoin=(followers.c.followed_id == id),
        secondaryjoin=(followers.c.follower_id == id),
        back_populates='following')

    def __repr__(self):
        return '<User {}>'.format(self.username)

class Post(db.Model):
    id: so.Mapped[int] = so.mapped_column(primary_key=True)
    body: so.Mapped[str] = so.mapped_column(sa.String(140))
    status: so.Mapped[Status] = so.mapped_column(default=Status.DRAFT)
    user_id: so.Mapped[int] = so.mapped_column(sa.ForeignKey(User.id), index=True)
    author: so.Mapped[User] = so.relationship(back_populates='posts')

db.create_all()
u = User(username='susan')
v = User(username='bob')
u.following.add(v)
db.session.add_all([u, v, Post(body='hi', author=u), Post(body='yo', author=v, status=Status.SENT)])
db.session.commit()
";

const USE: &str = "print(db.session.scalars(sa.select(Post).order_by(Post.id)).all())
print([(p.status, p.author) for p in Post.query.order_by(Post.id)])
print(db.session.scalars(User.query.get(1).following.select()).all())
print(Status.SENT.value, list(Status))
";

fn define(dir: &Path) {
    let (_, err) = out(&ormsh(dir, &["app.db"], MEGA));
    assert_eq!(err, "");
}

fn tamper(dir: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(dir.join("app.db")).expect("open");
    conn.execute_batch(sql).expect("tamper");
}

#[test]
fn module_aliases_and_enum_classes_are_stored_and_loaded_again() {
    let d = fresh("aliases");
    define(&d.0);
    let (stdout, err) = out(&ormsh(&d.0, &["app.db"], USE));
    assert_eq!(err, "");
    assert_eq!(
        stdout,
        "[<Post 1>, <Post 2>]\n\
         [(<Status.DRAFT: 'draft'>, <User susan>), (<Status.SENT: 1>, <User bob>)]\n\
         [<User bob>]\n\
         1 [<Status.DRAFT: 'draft'>, <Status.SENT: 1>]\n"
    );
    let (export, err) = out(&ormsh(&d.0, &["app.db", "-c", ".export python"], ""));
    assert_eq!(err, "");
    for line in [
        "import enum\n",
        "import sqlalchemy as sa\n",
        "import sqlalchemy.orm as so\n",
        "class Status(enum.Enum):\n    DRAFT = 'draft'\n    SENT = enum.auto()\n",
        "followers = sa.Table(\n",
        "class User(db.Model):\n",
        "class Post(db.Model):\n",
    ] {
        assert!(export.contains(line), "{line:?} missing from:\n{export}");
    }
}

#[test]
fn a_stored_import_of_a_module_with_effects_is_refused() {
    let d = fresh("bad-import");
    define(&d.0);
    tamper(
        &d.0,
        "UPDATE _ormsh_models SET source = 'import os as sa' WHERE kind = 'import' AND name = 'sa'",
    );
    let (_, err) = out(&ormsh(&d.0, &["app.db"], "print('sa' in dir())\n"));
    assert!(
        err.contains("warning: the stored import sa was not loaded: the module os is not one a definition may name"),
        "{err}"
    );
}

#[test]
fn a_stored_import_binding_another_name_is_refused() {
    let d = fresh("other-name");
    define(&d.0);
    tamper(
        &d.0,
        "UPDATE _ormsh_models SET source = 'import sqlalchemy as db' WHERE kind = 'import' AND name = 'sa'",
    );
    let (_, err) = out(&ormsh(&d.0, &["app.db"], ""));
    assert!(
        err.contains(
            "the stored import sa was not loaded: a stored import must be import MODULE as sa"
        ),
        "{err}"
    );
}

#[test]
fn a_stored_enum_that_would_run_code_is_refused() {
    let d = fresh("bad-enum");
    define(&d.0);
    tamper(
        &d.0,
        "UPDATE _ormsh_models SET source = 'class Status(enum.Enum):\n    DRAFT = print(1)' WHERE kind = 'enum'",
    );
    let (stdout, err) = out(&ormsh(&d.0, &["app.db"], ""));
    assert_eq!(stdout, "");
    assert!(
        err.contains("the stored enum Status was not loaded: a stored enum's body holds only NAME = literal or NAME = auto() lines"),
        "{err}"
    );
    // The model naming it is not loaded either; its table is reflected.
    assert!(
        err.contains("the stored model Post was not loaded"),
        "{err}"
    );
}

#[test]
fn a_stored_module_alias_reaches_only_declarable_names() {
    let d = fresh("alias-effect");
    define(&d.0);
    tamper(
        &d.0,
        "UPDATE _ormsh_models SET source = replace(source, 'sa.String(140)', 'sa.create_engine(''sqlite://'')') WHERE name = 'Post'",
    );
    let (_, err) = out(&ormsh(&d.0, &["app.db"], ""));
    assert!(err.contains("cannot use sqlalchemy.create_engine"), "{err}");
}

const QUICKSTART: &str = "from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
  pass

db = SQLAlchemy(model_class=Base)
app = Flask(__name__)
app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite:///project.db'
db.init_app(app)

class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(unique=True)

with app.app_context():
    db.create_all()
    print(db.session.execute(db.select(User)).scalars().all())
";

#[test]
fn a_quick_start_run_again_says_only_which_file_it_opened() {
    let d = fresh("quickstart");
    std::fs::write(d.0.join("qs.py"), QUICKSTART).expect("write");
    let (stdout, err) = out(&ormsh(&d.0, &["-f", "qs.py"], ""));
    assert_eq!(stdout, "[]\n");
    let file = d.0.join("instance").join("project.db");
    let note = format!(
        "note: the database is {} (Flask-SQLAlchemy puts a relative SQLite path in the app's instance folder)",
        file.display()
    );
    assert_eq!(err, format!("{note}\n"));
    let (stdout, err) = out(&ormsh(&d.0, &["-f", "qs.py"], ""));
    assert_eq!(stdout, "[]\n");
    assert_eq!(err, format!("{note}; 1 model loaded from it: User\n"));
    // Another source for the stored model: one line more.
    let changed = QUICKSTART.replace("mapped_column(unique=True)", "mapped_column(unique=False)");
    std::fs::write(d.0.join("qs.py"), changed).expect("write");
    let (_, err) = out(&ormsh(&d.0, &["-f", "qs.py"], ""));
    assert_eq!(
        err,
        format!(
            "{note}; 1 model loaded from it: User\nnote: model User differs from the definition stored in the database; this definition replaces it there\n"
        )
    );
}

const MIXIN: &str = "from datetime import datetime
class TimestampMixin:
    created_at = db.Column(db.DateTime, default=datetime(2024, 1, 1))
    updated_at = db.Column(db.DateTime)

class Post(TimestampMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(50))

db.create_all()
";

/// What the reference prints for these lines after `MIXIN` (run in one
/// `python3` session by `scripts/pyref/expect`).
const MIXIN_READ: &str = "hasattr(TimestampMixin, 'created_at')
TimestampMixin.created_at is TimestampMixin.created_at
[n for n in dir(TimestampMixin) if not n.startswith('_')]
type(TimestampMixin.created_at).__name__
";

#[test]
fn a_reloaded_mixin_keeps_its_class_attributes() {
    let d = fresh("mixin-attrs");
    let (_, err) = out(&ormsh(&d.0, &["m.db"], MIXIN));
    assert_eq!(err, "");
    let (stdout, _) = out(&ormsh(&d.0, &["m.db"], MIXIN_READ));
    assert_eq!(
        stdout,
        "True\nTrue\n['created_at', 'updated_at']\n'Column'\n"
    );
}

/// Python's names take letters of any script, and so do stored ones: a
/// model named `Café` with a relationship to `Größe` comes back when the
/// file opens again (it was refused as "not an identifier", and the table
/// reflected without its relationships), and `.export python` writes both.
#[test]
fn models_named_in_any_script_come_back() {
    let dir = fresh("unicode-names");
    let define = "class Café(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    \
                  größen = db.relationship('Größe', backref='café')\n\n\
                  class Größe(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    \
                  café_id = db.Column(db.Integer, db.ForeignKey('café.id'))\n\n\
                  db.create_all()\nc = Café(); c.größen.append(Größe()); db.session.add(c); db.session.commit()\n";
    let (o, e) = out(&ormsh(&dir.0, &["shop.db"], define));
    assert_eq!((o.as_str(), e.as_str()), ("", ""));
    let (o, e) = out(&ormsh(
        &dir.0,
        &["shop.db"],
        "Café.query.first().größen\nGröße.query.first().café\n.export python\n",
    ));
    assert_eq!(e, "", "no stored model refused");
    assert!(o.starts_with("[<Größe 1>]\n<Café 1>\n"), "{o}");
    assert!(o.contains("class Café(db.Model):"), "{o}");
    assert!(
        o.contains("größen = db.relationship('Größe', backref='café')"),
        "{o}"
    );
}

/// A model typed over a reflected table that a Django join table (with an
/// id of its own) links to another: in the session, the join table and
/// the model at its other end are reflected again, so the many-to-many
/// pair through it is the one reopening the file gives (issue 17).
#[test]
fn a_model_typed_over_a_linked_table_gets_the_many_to_many_of_a_reopen() {
    let d = fresh("link-typed");
    let setup =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/reflect/link-tables.setup.sql");
    let sql = std::fs::read_to_string(setup).expect("setup");
    let db = d.0.join("django.db");
    rusqlite::Connection::open(&db)
        .expect("open")
        .execute_batch(&sql)
        .expect("setup runs");
    let db = db.to_str().expect("utf-8");
    let probe = "\
sorted(k for k in dir(Playlist) if not k.startswith('_'))
sorted(k for k in dir(AppTrack) if not k.startswith('_'))
sorted(k for k in dir(AppPlaylistTrack) if not k.startswith('_'))
[t.title for t in db.session.get(Playlist, 1).app_tracks]
[p.name for p in db.session.get(AppTrack, 3).playlists]
";
    let model = "\
model Playlist <
    __tablename__ = 'app_playlist'
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
>
";
    let (in_session, _) = out(&ormsh(&d.0, &[db], &format!("{model}{probe}")));
    let (reopened, _) = out(&ormsh(&d.0, &[db], probe));
    assert_eq!(in_session, reopened);
    assert!(
        in_session.contains("['a', 'b']\n['calm']\n"),
        "{in_session}"
    );
}
