//! `.export python` of the issue-15 tryout's models (`tests/export_corpus/`):
//! Grinberg's mega-tutorial `User` and `Post`, Flasky's `Role` and `User`,
//! methods ending in nested blocks with decorated methods after them,
//! a validator, a parenthesised return over two lines, `__str__ =
//! __repr__`, constraint classes imported bare, `Annotated` aliases, a
//! model named `Interval`, models on the extension bound to another
//! name (`database = SQLAlchemy()`) with docstrings, and abstract models
//! and mixins with methods (cookiecutter-flask's `CRUDMixin` and
//! `Model`, an abstract model on an abstract model). For each, a rows script (`NAME_rows.py`) prints
//! the same after the original definitions (`-f NAME.py`), after the export
//! read back by ormsh (`.read models.py`), and after the export imported by
//! the reference's Python with Flask-SQLAlchemy (`run.py`; skipped without
//! Python, as `flask_interop.rs` is). The models stored in a file come back
//! when it is reopened, not reflected, and export the same.

mod ref_venv;
mod scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

fn corpus(file: &str) -> String {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/export_corpus")
        .join(file);
    p.to_str().expect("utf-8 path").to_string()
}

/// The reference interpreter (the one `flask_interop.rs` uses).
fn python() -> Option<&'static Path> {
    static PY: OnceLock<Option<PathBuf>> = OnceLock::new();
    PY.get_or_init(|| {
        ref_venv::python(&ref_venv::Spec {
            env_var: "ORMSH_REF_VENV",
            dir_name: "ormsh-reference",
            imports: "import flask_sqlalchemy",
            packages: &["flask-sqlalchemy"],
        })
    })
    .as_deref()
}

/// ormsh run in `dir` with `args`: (stdout, stderr).
fn ormsh(dir: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run ormsh");
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The export's text without its first line (which names the database).
fn code_of(text: &str) -> String {
    let (first, rest) = text.split_once('\n').expect("lines");
    assert!(first.contains("exported by ormsh"), "{first}");
    rest.to_string()
}

/// The corpus entry `name`: exported, read back, imported by Python; the
/// rows script's output on each side, which must be the same.
fn round_trip(name: &str) -> String {
    let dir = scratch::dir(&format!("export-corpus-{name}"));
    let (models, rows) = (
        corpus(&format!("{name}.py")),
        corpus(&format!("{name}_rows.py")),
    );
    let (_, err) = ormsh(&dir, &["-f", &models, "-c", ".export python models.py"]);
    assert!(!err.contains("error"), "{name}: exporting failed:\n{err}");
    let exported = std::fs::read_to_string(dir.join("models.py")).expect("exported");
    let (original, err) = ormsh(&dir, &["-f", &models, "-f", &rows]);
    assert!(
        !err.contains("error"),
        "{name}: the original failed:\n{err}"
    );
    let read_rows = format!(".read {rows}");
    let (again, err) = ormsh(&dir, &["-c", ".read models.py", "-c", &read_rows]);
    assert!(
        !err.contains("error"),
        "{name}: the export read back failed:\n{err}\n{exported}"
    );
    assert_eq!(again, original, "{name}: read back from\n{exported}");
    // Exported again from the export read back: the same file.
    ormsh(
        &dir,
        &["-c", ".read models.py", "-c", ".export python again.py"],
    );
    let second = std::fs::read_to_string(dir.join("again.py")).expect("exported");
    assert_eq!(code_of(&second), code_of(&exported), "{name}");
    match python() {
        Some(py) => {
            let out = Command::new(py)
                .arg(corpus("run.py"))
                .arg(dir.join("models.py"))
                .arg(&rows)
                .env("PYTHONDONTWRITEBYTECODE", "1")
                .output()
                .expect("run python");
            assert!(
                out.status.success(),
                "{name}: Python failed on the export:\n{}\n{exported}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert_eq!(
                String::from_utf8_lossy(&out.stdout),
                original,
                "{name}: Python's rows differ; the export:\n{exported}"
            );
        }
        None => {
            eprintln!("export_corpus: Python part SKIPPED (set ORMSH_REF_VENV or install python3)")
        }
    }
    exported
}

#[test]
fn methods_ending_in_blocks_and_decorators_after_them() {
    let exported = round_trip("blocks");
    // Each method once; the imports the body needs; the return's parentheses.
    for (line, times) in [
        ("    def bump(self, times):\n", 1),
        ("    @staticmethod\n    def make(email):\n", 1),
        (
            "    @validates('email')\n    def check_email(self, key, v):\n",
            1,
        ),
        (
            "        return ('<Account '\n                + str(self.email) + '>')\n",
            1,
        ),
        ("    __str__ = __repr__\n    describe = __repr__\n", 1),
        ("from sqlalchemy.orm import validates, column_property\n", 1),
        ("from sqlalchemy.ext.hybrid import hybrid_property\n", 1),
        ("from sqlalchemy.exc import IntegrityError\n", 1),
    ] {
        assert_eq!(
            exported.matches(line).count(),
            times,
            "{line:?} in\n{exported}"
        );
    }
}

#[test]
fn flasky_role_and_user() {
    let exported = round_trip("flasky");
    assert!(exported.contains("class Permission:\n"), "{exported}");
    assert_eq!(
        exported
            .matches("    def add_permission(self, perm):\n")
            .count(),
        1
    );
}

#[test]
fn mega_tutorial_user_and_post() {
    let exported = round_trip("megatutorial");
    assert_eq!(
        exported.matches("    def unfollow(self, user):\n").count(),
        1
    );
    // A method's own variables are not imported (`query`, `digest`).
    assert!(!exported.contains("import query"), "{exported}");
}

#[test]
fn names_taken_from_the_session() {
    let exported = round_trip("bare_names");
    for line in [
        "from sqlalchemy import UniqueConstraint, CheckConstraint, Index\n",
        "intpk = Annotated[int, mapped_column(primary_key=True)]\n",
        "    id: Mapped[intpk]\n",
        "class Interval(db.Model):\n",
    ] {
        assert!(exported.contains(line), "{line:?} not in\n{exported}");
    }
}

/// The bare imports, aliases and the model named `Interval`, stored in a
/// file: reopened, each model is loaded (not reflected, no warning), the
/// built-in type is still `db.Interval`, and the export is the one the
/// defining session wrote.
#[test]
fn names_taken_from_the_session_come_back_from_the_file() {
    let dir = scratch::dir("export-corpus-stored");
    let _ = std::fs::remove_file(dir.join("app.db"));
    let models = corpus("bare_names.py");
    let (_, err) = ormsh(
        &dir,
        &[
            "app.db",
            "-f",
            &models,
            "-c",
            "db.create_all()",
            "-c",
            ".export python first.py",
        ],
    );
    assert_eq!(err, "");
    let (out, err) = ormsh(
        &dir,
        &[
            "app.db",
            "-c",
            ".models",
            "-c",
            "Interval",
            "-c",
            "db.Interval",
            "-c",
            "intpk",
        ],
    );
    // (Only the note that a stored model's methods are not run.)
    assert_eq!(
        err,
        "note: Interval.length() is left out of the class: a model read from a database file keeps its columns and relationships; its methods are not run from the file\n"
    );
    assert_eq!(
        out,
        "Booking (table booking): id, room, day, who\n\
         Interval (table interval): id, start, end, gap\n\
         <class '__main__.Interval'>\n\
         <class 'sqlalchemy.sql.sqltypes.Interval'>\n\
         typing.Annotated[int, <sqlalchemy.orm.properties.MappedColumn object>]\n"
    );
    ormsh(&dir, &["app.db", "-c", ".export python second.py"]);
    let read = |f: &str| code_of(&std::fs::read_to_string(dir.join(f)).expect("exported"));
    assert_eq!(read("second.py"), read("first.py"));
}

/// `database = SQLAlchemy()` and `class Author(database.Model):` with a
/// docstring: the export keeps the name (bound to `db`) and the
/// docstring; stored in a file, the models come back when it is reopened
/// (the name bound again) and export the same.
#[test]
fn extension_bound_to_another_name() {
    let exported = round_trip("extension_name");
    for line in [
        "db = SQLAlchemy()\ndatabase = db\n",
        "class Author(database.Model):\n    \"\"\"Someone who writes.\"\"\"\n",
        "    author_id = database.Column(database.Integer, database.ForeignKey('author.id'))\n",
    ] {
        assert!(exported.contains(line), "{line:?} not in\n{exported}");
    }
    let dir = scratch::dir("export-corpus-extension-stored");
    let _ = std::fs::remove_file(dir.join("app.db"));
    let models = corpus("extension_name.py");
    let (_, err) = ormsh(
        &dir,
        &[
            "app.db",
            "-f",
            &models,
            "-c",
            "database.create_all()",
            "-c",
            ".export python first.py",
        ],
    );
    assert_eq!(err, "");
    let (out, err) = ormsh(
        &dir,
        &[
            "app.db",
            "-c",
            ".models",
            "-c",
            "Author.__doc__",
            "-c",
            "database.session.add(Book(title='y'))",
            "-c",
            "database.session.commit()",
            "-c",
            "Book.query.count()",
        ],
    );
    assert_eq!(
        err,
        "note: Author.shout() is left out of the class: a model read from a database file keeps its columns and relationships; its methods are not run from the file\n"
    );
    assert_eq!(
        out,
        "Author (table author): id, name\n\
         Book (table book): id, title, author_id\n\
         'Someone who writes.'\n\
         1\n"
    );
    ormsh(&dir, &["app.db", "-c", ".export python second.py"]);
    let read = |f: &str| code_of(&std::fs::read_to_string(dir.join(f)).expect("exported"));
    assert_eq!(read("second.py"), read("first.py"));
}

/// Abstract models and mixins with methods (`class CRUDMixin(object):`
/// with a classmethod, `class Model(CRUDMixin, db.Model): __abstract__ =
/// True`, an abstract model on it and another on that): exported with
/// their methods, in order; stored in a file, each is stored with its
/// source and the models on them come back when it is reopened (their
/// methods noted as not run), exporting the same.
#[test]
fn abstract_models_and_mixins_with_methods() {
    let exported = round_trip("abstract_methods");
    for line in [
        "class CRUDMixin(object):\n    @classmethod\n",
        "class Model(CRUDMixin, db.Model):\n",
        "class Base(Model):\n",
        "class Sub(Base):\n",
        "class User(Sub):\n",
        "class Tag(Model):\n",
    ] {
        assert!(exported.contains(line), "{line:?} not in\n{exported}");
    }
    let dir = scratch::dir("export-corpus-abstract-stored");
    let _ = std::fs::remove_file(dir.join("app.db"));
    let models = corpus("abstract_methods.py");
    let (_, err) = ormsh(
        &dir,
        &[
            "app.db",
            "-f",
            &models,
            "-c",
            "db.create_all()",
            "-c",
            ".export python first.py",
        ],
    );
    assert_eq!(err, "");
    let (out, err) = ormsh(
        &dir,
        &[
            "app.db",
            "-c",
            ".models",
            "-c",
            "db.session.add_all([User(name='b'), Tag(label='y')])",
            "-c",
            "db.session.commit()",
            "-c",
            "(User.query.one().name, Tag.query.one().label)",
        ],
    );
    assert_eq!(
        err,
        "note: User.save() is left out of the class: a model read from a database file keeps its columns and relationships; its methods are not run from the file\n\
         note: Tag.create() is left out of the class: a model read from a database file keeps its columns and relationships; its methods are not run from the file\n"
    );
    assert_eq!(
        out,
        "User (table user): name, id\n\
         Tag (table tag): id, label\n\
         ('b', 'y')\n"
    );
    ormsh(&dir, &["app.db", "-c", ".export python second.py"]);
    let read = |f: &str| code_of(&std::fs::read_to_string(dir.join(f)).expect("exported"));
    assert_eq!(read("second.py"), read("first.py"));
}

#[test]
fn class_bodies_beyond_columns() {
    let exported = round_trip("class_attrs");
    for line in [
        "class Priority(enum.Enum):\n",
        "    prio: Mapped[Priority]\n",
        "    id = db.Column(db.Uuid, primary_key=True, default=uuid.uuid4)\n",
        "    extra: Mapped[dict[str, Any]] = mapped_column(db.JSON)\n",
        "    _secret = db.Column('secret', db.String(9))\n",
        "    __searchable__ = ['body']\n    MAX: ClassVar[int] = 5\n",
        "        return '<Note {0.text}>'.format(self)\n",
    ] {
        assert!(exported.contains(line), "{line:?} not in\n{exported}");
    }
}

/// The same models stored in a file: each is stored when defined (no
/// warning), and reopened, each loads (none mapped from its table) with its
/// repr and class attributes.
#[test]
fn class_bodies_beyond_columns_come_back_from_the_file() {
    let dir = scratch::dir("export-corpus-class-attrs-stored");
    let _ = std::fs::remove_file(dir.join("app.db"));
    let (models, rows) = (corpus("class_attrs.py"), corpus("class_attrs_rows.py"));
    let (first, err) = ormsh(&dir, &["app.db", "-f", &models, "-f", &rows]);
    assert_eq!(err, "", "every model is stored without a warning");
    let (out, err) = ormsh(
        &dir,
        &[
            "app.db",
            "-c",
            ".models",
            "-c",
            "print(Acct.query.all(), Post.query.all(), Post.__searchable__, Post.MAX, Note.query.all())",
            "-c",
            "print(Task.query.one().prio, [str(c.type) for c in Blob.__table__.columns])",
        ],
    );
    assert_eq!(err, "", "every model loads again");
    assert!(first.contains("[<Acct s3>] secret\n"), "{first}");
    assert_eq!(
        out,
        "Doc (table doc): id, title\n\
         Blob (table blob): id, data, extra, maybe, anything\n\
         Task (table task): id, prio\n\
         Acct (table acct): id, _secret\n\
         Post (table post): id, body\n\
         Note (table note): id, text\n\
         [<Acct s3>] [<Post 'hi'>] ['body'] 5 [<Note n>]\n\
         Priority.HIGH ['INTEGER', 'JSON', 'JSON', 'JSON', 'JSON']\n"
    );
}

/// A model whose `__repr__` uses the session cannot be stored: the
/// warning says so when the class is defined, naming what it uses.
#[test]
fn a_model_that_cannot_be_stored_says_so_when_defined() {
    let dir = scratch::dir("export-corpus-unstorable-warned");
    let _ = std::fs::remove_file(dir.join("app.db"));
    let script = dir.join("v.py");
    std::fs::write(
        &script,
        "class V(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    def __repr__(self):\n        return '<V %d>' % db.session.query(V).count()\n",
    )
    .expect("write the script");
    // An existing (empty) file: a new file with no table is not kept,
    // which adds a note of its own at exit.
    std::fs::write(dir.join("app.db"), b"").expect("make the file");
    let (_, err) = ormsh(&dir, &["app.db", "-f", script.to_str().expect("utf-8")]);
    assert_eq!(
        err,
        "warning: the model V works in this session but cannot be stored in the database file (it will not load when the file is reopened) nor exported by .export python: it uses db.session\n"
    );
}

/// A `__repr__` calling a method (a property) that a model read from the
/// file leaves out: its objects print with the default repr, and a note
/// says so once.
#[test]
fn a_repr_needing_a_method_not_loaded_falls_back_to_the_default() {
    let dir = scratch::dir("export-corpus-repr-fallback");
    let _ = std::fs::remove_file(dir.join("app.db"));
    let script = dir.join("u.py");
    std::fs::write(
        &script,
        "class U(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(20))\n    def __repr__(self):\n        return f'<U {self.display}>'\n    @property\n    def display(self):\n        return self.name.title()\n\ndb.create_all()\ndb.session.add(U(name='ann')); db.session.commit()\nprint(U.query.all())\n",
    )
    .expect("write the script");
    let (out, _) = ormsh(&dir, &["app.db", "-f", script.to_str().expect("utf-8")]);
    assert_eq!(out, "[<U Ann>]\n");
    let (out, err) = ormsh(
        &dir,
        &[
            "app.db",
            "-c",
            "print(U.query.all())",
            "-c",
            "print(U.query.first())",
        ],
    );
    assert_eq!(out, "[<U 1>]\n<U 1>\n");
    assert_eq!(
        err.matches("note: U objects print as Flask-SQLAlchemy's default <U key>: their __repr__ calls U.display(), which is not loaded from the file").count(),
        1,
        "{err}"
    );
}
