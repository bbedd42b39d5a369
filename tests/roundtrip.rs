//! `.export python` read back with `.read` recreates the same models
//! (issue 15): each fixture in `tests/roundtrip/` is defined in one
//! database, exported to a `models.py`, and that file is read into a fresh
//! ormsh on a fresh database. The two must agree on the models as ormsh
//! holds them (columns with their types, keys, defaults and options;
//! relationships as written and as resolved; table arguments; plain
//! tables), on the DDL `.schema` shows, on what `.export python` writes
//! again (a fixed point), and on what the fixture's rows script prints.
//! Everything runs in temporary directories, removed at the end.

mod scratch;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use ormsh::engine::Engine;
use ormsh::eval::Interp;
use ormsh::orm::session::Session;
use ormsh::schema::column::Column;
use ormsh::schema::relationship::{BackrefSpec, RelKind, RelSpec};
use ormsh::schema::table::Table;
use ormsh::value::Value;
use ormsh::value::repr::str_of;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/roundtrip")
        .join(name)
}

/// A temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let dir = scratch::dir(&format!("roundtrip-{name}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Run the binary in `dir` with `args`, nothing on standard input; it
/// must succeed and write nothing to stderr but notes. Its stdout.
fn ormsh(dir: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .expect("run ormsh");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && err.lines().all(|l| l.starts_with("note: ")),
        "ormsh {args:?} failed:\n{}{err}",
        String::from_utf8_lossy(&out.stdout)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A value as text: its `str()` (SQL for a column expression, the name of
/// a function), so that two definitions of the same thing read alike.
fn text(interp: &mut Interp, v: &Option<Value>) -> String {
    match v {
        None => "-".into(),
        Some(v) if let Some(t) = v.downcast::<Table>() => format!("Table({})", t.name),
        Some(v) => str_of(v, interp).unwrap_or_else(|e| format!("<{e}>")),
    }
}

fn column(interp: &mut Interp, c: &Column) -> String {
    format!(
        "  {} name={} key={:?} {:?} {:?} pk={} null={} unique={} index={} default={} onupdate={} server_onupdate={} server_default={:?} autoinc={:?} fk={:?}\n",
        c.attr,
        c.name,
        c.key,
        c.ty,
        c.type_opts,
        c.primary_key,
        c.nullable,
        c.unique,
        c.index,
        text(interp, &c.default),
        text(interp, &c.onupdate),
        c.server_onupdate,
        c.server_default,
        c.autoincrement,
        c.foreign_key,
    )
}

fn backref(interp: &mut Interp, b: &BackrefSpec) -> String {
    format!(
        "{} lazy={:?} uselist={:?} cascade={:?} order_by={} single_parent={} post_update={:?} passive_deletes={} viewonly={}",
        b.name,
        b.lazy,
        b.uselist,
        b.cascade,
        text(interp, &b.order_by),
        b.single_parent,
        b.post_update,
        b.passive_deletes,
        b.viewonly
    )
}

fn spec(interp: &mut Interp, name: &str, r: &RelSpec) -> String {
    let back = r.backref.as_ref().map(|b| backref(interp, b));
    format!(
        "  rel {name} -> {} backref={back:?} back_populates={:?} lazy={:?} uselist={:?} order_by={} secondary={} cascade={:?} foreign_keys={} remote_side={} primaryjoin={} secondaryjoin={} viewonly={} single_parent={} post_update={} passive_deletes={}\n",
        r.target,
        r.back_populates,
        r.lazy,
        r.uselist,
        text(interp, &r.order_by),
        text(interp, &r.secondary),
        r.cascade,
        text(interp, &r.foreign_keys),
        text(interp, &r.remote_side),
        text(interp, &r.primaryjoin),
        text(interp, &r.secondaryjoin),
        r.viewonly,
        r.single_parent,
        r.post_update,
        r.passive_deletes,
    )
}

/// The models and tables of the database at `db` as ormsh defines them
/// when it opens the file (from the stored definitions), configured.
fn describe(db: &Path) -> String {
    let engine = Engine::open(Some(db), false).expect("open");
    let mut interp = Interp::new(Session::new(engine), Box::new(std::io::sink()));
    interp.open_models(true);
    assert!(
        interp.store.warnings.is_empty() && interp.store.refused.is_empty(),
        "{:?} {:?}",
        interp.store.warnings,
        interp.store.refused
    );
    // Configure the relationships (SQLAlchemy's configure_mappers).
    let mapping = interp.mapping().expect("configured");
    let interp = &mut interp;
    let mut out = String::new();
    for t in interp.registry.tables().to_vec() {
        writeln!(out, "table {} {:?}", t.name, t.args).unwrap();
        for c in &t.columns {
            out.push_str(&column(interp, c));
        }
    }
    for m in interp.registry.models().to_vec() {
        writeln!(
            out,
            "model {} table={} pk={:?} {:?}",
            m.name, m.table, m.pk, m.args
        )
        .unwrap();
        writeln!(
            out,
            "  repr={} str={}",
            m.repr.is_some(),
            m.str_expr.is_some()
        )
        .unwrap();
        for c in &m.columns {
            out.push_str(&column(interp, c));
        }
        for (name, r) in &m.rels {
            out.push_str(&spec(interp, name, r));
        }
        let mut rels: Vec<_> = mapping
            .rels
            .iter()
            .filter(|((owner, _), _)| *owner == m.name)
            .collect();
        rels.sort_by(|a, b| a.0.cmp(b.0));
        for ((_, name), r) in rels {
            let kind = match &r.kind {
                RelKind::ManyToOne { pairs } => format!("many-to-one {pairs:?}"),
                RelKind::OneToMany { pairs } => format!("one-to-many {pairs:?}"),
                RelKind::ManyToMany {
                    table,
                    owner,
                    target,
                } => format!("many-to-many {} {owner:?} {target:?}", table.name),
            };
            writeln!(
                out,
                "  resolved {name} -> {} {kind} uselist={} lazy={:?} cascade={:?} order_by={:?} reverse={:?} viewonly={} criteria={:?} post_update={} passive_deletes={} single_parent={}",
                r.target.name,
                r.uselist,
                r.lazy,
                r.cascade,
                r.order_by,
                r.reverse,
                r.viewonly,
                r.criteria,
                r.post_update,
                r.passive_deletes,
                r.single_parent
            )
            .unwrap();
        }
    }
    out
}

/// An exported file without its first line (which names the database)
/// and its comment lines (a `__bind_key__` left out says so in one).
fn code_of(text: &str) -> String {
    let (first, rest) = text.split_once('\n').expect("lines");
    assert!(first.contains("exported by ormsh"), "{first}");
    rest.lines()
        .filter(|l| !l.trim_start().starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn export_body(dir: &Path, db: &str) -> String {
    code_of(&ormsh(dir, &[db, "-c", ".export python"]))
}

/// Define the fixture `models` in one database, export it, read the
/// export into another, and compare the two; then run `rows` (if any) on
/// both.
fn round_trip(models: &str, rows: Option<&str>) {
    let tmp = TempDir::new(models);
    let dir = &tmp.0;
    let models_file = fixture(models);
    let models_path = models_file.to_str().expect("utf-8");
    ormsh(
        dir,
        &[
            "-f",
            models_path,
            "-c",
            "db.create_all()",
            "-c",
            ".export python models.py",
            "a.db",
        ],
    );
    // A .py file runs as Python runs it: nothing printed.
    assert_eq!(
        ormsh(
            dir,
            &["-c", ".read models.py", "-c", "db.create_all()", "b.db"]
        ),
        ""
    );
    assert_eq!(
        ormsh(dir, &["a.db", "-c", ".schema"]),
        ormsh(dir, &["b.db", "-c", ".schema"])
    );
    assert_eq!(
        ormsh(dir, &["a.db", "-c", ".models"]),
        ormsh(dir, &["b.db", "-c", ".models"])
    );
    // What the fresh database stored exports to the same file.
    let first = export_body(dir, "a.db");
    assert_eq!(
        code_of(&std::fs::read_to_string(dir.join("models.py")).expect("exported")),
        first
    );
    assert_eq!(export_body(dir, "b.db"), first);
    let a = describe(&dir.join("a.db"));
    let b = describe(&dir.join("b.db"));
    assert_eq!(a, b);
    if let Some(rows) = rows {
        let rows_file = fixture(rows);
        let rows_path = rows_file.to_str().expect("utf-8");
        let on_a = ormsh(dir, &["a.db", "-f", rows_path]);
        assert!(!on_a.is_empty());
        assert_eq!(on_a, ormsh(dir, &["b.db", "-f", rows_path]));
    }
}

#[test]
fn models_in_ormsh_syntax_come_back_from_their_export() {
    round_trip("ormsh_models.orm", Some("ormsh_rows.orm"));
}

#[test]
fn models_written_as_classes_come_back_from_their_export() {
    round_trip("class_models.orm", Some("class_rows.orm"));
}

#[test]
fn models_written_with_module_aliases_and_enums_come_back_from_their_export() {
    round_trip("alias_models.py", Some("alias_rows.py"));
}

#[test]
fn models_with_mixins_and_abstract_bases_come_back_from_their_export() {
    round_trip("mixin_models.py", Some("mixin_rows.py"));
}

/// What `python3 tests/roundtrip/tutorial_models.py` prints (with
/// Flask-SQLAlchemy installed): its own `print` calls only — a module
/// docstring and a bare expression print nothing in a script — and the
/// `__main__` block runs, as `__name__` is `'__main__'`.
const TUTORIAL_PRINTS: &str = "__main__\n[<User ada>] <User ada>\n['Hello'] datetime\n";

#[test]
fn a_tutorial_models_py_runs_with_dash_f_as_python_runs_it() {
    let tmp = TempDir::new("tutorial-f");
    let file = fixture("tutorial_models.py");
    let out = ormsh(&tmp.0, &["-f", file.to_str().expect("utf-8")]);
    assert_eq!(out, TUTORIAL_PRINTS);
    // The app's database (Flask's instance folder) keeps the models.
    let db = tmp.0.join("instance/blog.db");
    assert_eq!(
        ormsh(
            &tmp.0,
            &[db.to_str().expect("utf-8"), "-c", "Post.query.all()"]
        ),
        "[<Post 'Hello'>]\n"
    );
}

#[test]
fn a_tutorial_models_py_runs_with_dot_read_then_the_session_goes_on() {
    let tmp = TempDir::new("tutorial-read");
    let file = fixture("tutorial_models.py");
    let read = format!(".read {}", file.display());
    // The file's values are not shown; the statements typed after it are.
    let out = ormsh(
        &tmp.0,
        &["-c", &read, "-c", "__name__", "-c", "User.query.count()"],
    );
    assert_eq!(out, format!("{TUTORIAL_PRINTS}'__main__'\n1\n"));
}

/// A class's methods, properties (`property(fset=…)` too, written after
/// the methods it names), static and class methods come back from
/// `.export python` (with the `werkzeug.security` and `hashlib` imports
/// they use): the export read with `.read` behaves as the original, and
/// exports again to the same text.
#[test]
fn model_methods_come_back_from_their_export() {
    let tmp = TempDir::new("methods");
    let dir = &tmp.0;
    let models = fixture("method_models.py");
    let rows = fixture("method_rows.py");
    let (models, rows) = (
        models.to_str().expect("utf-8"),
        rows.to_str().expect("utf-8"),
    );
    let first = ormsh(dir, &["-f", models, "-c", ".export python models.py"]);
    assert_eq!(first, "");
    let exported = std::fs::read_to_string(dir.join("models.py")).expect("exported");
    for line in [
        "from werkzeug.security import generate_password_hash, check_password_hash",
        "from hashlib import md5",
        "    @property\n    def domain(self):",
        "        return cls(email=email)\n\n    password = property(fset=set_password)\n",
        "    def summary(self, n=5):\n        if len(self.body) > n:",
    ] {
        assert!(exported.contains(line), "{line:?} not in\n{exported}");
    }
    let original = ormsh(dir, &["-f", models, "-f", rows]);
    assert!(
        original.contains("<User Ann@Example.com> True False"),
        "{original}"
    );
    let read_rows = format!(".read {rows}");
    let again = ormsh(dir, &["-c", ".read models.py", "-c", &read_rows]);
    assert_eq!(again, original);
    ormsh(
        dir,
        &["-c", ".read models.py", "-c", ".export python again.py"],
    );
    assert_eq!(
        code_of(&std::fs::read_to_string(dir.join("again.py")).expect("exported")),
        code_of(&exported)
    );
}
