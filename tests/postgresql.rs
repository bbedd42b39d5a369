//! ormsh on PostgreSQL (issue 19, in progress): the golden cases listed in
//! `tests/cases/POSTGRESQL` run against a real server (`pg_support`:
//! `ORMSH_TEST_PG`, or one started for this process), each in a schema of
//! its own, and must print exactly their `NAME.pg.out` when they have one
//! (Flask-SQLAlchemy's output on PostgreSQL, from `scripts/pg-reference.sh`,
//! where SQL text or messages differ by dialect), else their `.out` — the
//! expected output the reference gave on SQLite, which is also
//! Flask-SQLAlchemy's on PostgreSQL for cases that print no SQL text — and
//! fail with their `.kind`, when they have one. A case with
//! `NAME.pg.setup.sql` (or a `# setup: OTHER.setup.sql` line naming
//! another's) has that SQL run into its schema first (reflection of an
//! existing PostgreSQL database). `NAME.args` adds command-line arguments
//! as in tests/golden.rs; a case with a `.pg.out` and no `.out` runs only
//! here (ormsh's own behaviour on PostgreSQL); `NAME.pg.err` is its exact
//! stderr there (ormsh's own wording). Without a server every
//! case is ignored and the reason printed.

mod pg_support;
mod run_ormsh;

use std::path::{Path, PathBuf};

use libtest_mimic::{Arguments, Failed, Trial};

/// The PostgreSQL setup SQL of `case`: each `# setup: OTHER.setup.sql`
/// line's `OTHER.pg.setup.sql`, then its own `NAME.pg.setup.sql`.
fn pg_setup_sql(case: &Path, script: &str) -> Result<Vec<String>, Failed> {
    let dir = case.parent().unwrap_or(Path::new("."));
    let mut parts = Vec::new();
    for line in script.lines().take_while(|l| l.starts_with('#')) {
        if let Some(name) = line.strip_prefix("# setup: ") {
            let stem = name.trim().trim_end_matches(".setup.sql");
            let path = dir.join(format!("{stem}.pg.setup.sql"));
            parts.push(
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?,
            );
        }
    }
    if let Ok(own) = std::fs::read_to_string(case.with_extension("pg.setup.sql")) {
        parts.push(own);
    }
    Ok(parts)
}

/// Run `case` on a fresh PostgreSQL schema; its output must be its `.out`.
fn check(case: &Path) -> Result<(), Failed> {
    let name = case.display();
    let Some(db) = pg_support::database(&name.to_string()) else {
        return Ok(());
    };
    let script = std::fs::read_to_string(case).map_err(|e| format!("{name}: {e}"))?;
    // `NAME.pg.setup.sql`: what the database holds before the script (a
    // reflection case), as PostgreSQL's DDL; a `# setup: OTHER.setup.sql`
    // line among its leading comments (as tests/golden.rs reads it) names
    // another case's, run first as its `OTHER.pg.setup.sql`.
    for sql in pg_setup_sql(case, &script)? {
        db.run_sql(&sql).map_err(|e| format!("{name}: {e}"))?;
    }
    let (out_path, kind_path) = expected(case);
    let err_path = case.with_extension("pg.err");
    let want = std::fs::read_to_string(out_path).map_err(|e| format!("{name}: its .out: {e}"))?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    std::fs::copy(case, dir.path().join(case.file_name().unwrap_or_default()))
        .map_err(|e| e.to_string())?;
    // `NAME.args`: extra command-line arguments, as tests/golden.rs reads
    // them (`--readonly`, `--sandbox`, `--keep-going`).
    let extra = std::fs::read_to_string(case.with_extension("args")).unwrap_or_default();
    let mut argv: Vec<&std::ffi::OsStr> = vec![db.url.as_ref()];
    argv.extend(extra.split_whitespace().map(std::ffi::OsStr::new));
    let out = run_ormsh::with_stdin(dir.path(), &argv, &script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // `NAME.kind`: the reference failed with that error kind; ormsh must
    // exit 1 naming it (as tests/golden.rs checks on SQLite).
    match std::fs::read_to_string(kind_path) {
        Ok(kind) => {
            let kind = kind.trim();
            if out.status.code() != Some(1) || !stderr.contains(kind) {
                return Err(format!(
                    "{name} on PostgreSQL: expected exit 1 with {kind}, got {:?}:\n{stderr}",
                    out.status.code()
                )
                .into());
            }
        }
        // `NAME.pg.err` (below) says what the failure prints.
        Err(_) if !out.status.success() && !err_path.exists() => {
            return Err(format!("{name} failed on PostgreSQL:\n{stderr}").into());
        }
        Err(_) => {}
    }
    // `NAME.pg.err`: ormsh's exact stderr on PostgreSQL (hand-checked,
    // ormsh's own wording: warnings, `.migrate`'s lines, refusals), as
    // tests/golden.rs reads `NAME.err`; non-empty means exit 1.
    if let Ok(want_err) = std::fs::read_to_string(&err_path) {
        let code = if want_err.is_empty() { 0 } else { 1 };
        if stderr != want_err || out.status.code() != Some(code) {
            return Err(format!(
                "{name} on PostgreSQL: expected exit {code} and stderr\n{want_err}--- got {:?}:\n{stderr}",
                out.status.code()
            )
            .into());
        }
    }
    if stdout != want {
        return Err(format!(
            "{name} on PostgreSQL\n--- expected\n{want}\n--- got\n{stdout}\n--- stderr\n{stderr}"
        )
        .into());
    }
    Ok(())
}

/// What a case must print on PostgreSQL and the error kind it fails
/// with: `NAME.pg.out` and `NAME.pg.kind` (absent when it succeeds) where
/// the dialects differ (SQL text, messages, what one dialect refuses:
/// written by `scripts/pg-reference.sh`), else the `NAME.out` and
/// `NAME.kind` both share.
fn expected(case: &Path) -> (PathBuf, PathBuf) {
    let pg = case.with_extension("pg.out");
    if pg.exists() {
        (pg, case.with_extension("pg.kind"))
    } else {
        (case.with_extension("out"), case.with_extension("kind"))
    }
}

/// A model defined in one session is stored in `_ormsh_models` in the
/// server's schema and loaded by the next, beside the tables reflected
/// there (issue 7's contract, on PostgreSQL).
fn models_stored_and_reloaded() -> Result<(), Failed> {
    let Some(db) = pg_support::database("models_stored") else {
        return Ok(());
    };
    db.run_sql("CREATE TABLE tag (id SERIAL NOT NULL, label VARCHAR(20), PRIMARY KEY (id))")?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let run = |script: &str| {
        let out = run_ormsh::with_stdin(dir.path(), &[db.url.as_ref()], script);
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (_, err) = run(
        "model Note <\n    id = db.Column(db.Integer, primary_key=True)\n    text = db.Column(db.String(40))\n    __repr__ = '<Note %r>' % self.text\n>\ndb.create_all()\ndb.session.add(Note(text='hi'))\ndb.session.commit()\n",
    );
    if !err.is_empty() {
        return Err(format!("first session: {err}").into());
    }
    let (out, err) = run(".models\nNote.query.all()\nTag(label='x').label\n");
    let want =
        "Note (table note): id, text\nTag (table tag, reflected): id, label\n[<Note 'hi'>]\n'x'\n";
    if out != want {
        return Err(
            format!("second session\n--- expected\n{want}--- got\n{out}--- stderr\n{err}").into(),
        );
    }
    Ok(())
}

/// A stored model whose columns use `sqlalchemy.dialects.postgresql`'s
/// types (imported bare, under an alias, or through the module) is loaded
/// by the next session with those types, not left out by the stored-model
/// check. The second session's last two lines are what Flask-SQLAlchemy
/// 3.1 (SQLAlchemy 2.1, psycopg2) prints for both sessions' scripts run as
/// one (scripts/pg-reference.sh).
fn pg_dialect_models_reloaded() -> Result<(), Failed> {
    let Some(db) = pg_support::database("pg_dialect_models") else {
        return Ok(());
    };
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let run = |script: &str| {
        let out = run_ormsh::with_stdin(dir.path(), &[db.url.as_ref()], script);
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (_, err) = run(
        "from sqlalchemy.dialects.postgresql import INET, JSONB, UUID as PG_UUID\n\
         from sqlalchemy.dialects import postgresql\nimport uuid\n\
         model Host <\n    id = db.Column(db.Integer, primary_key=True)\n    ip = db.Column(INET)\n\
         \x20   net = db.Column(postgresql.CIDR)\n    meta = db.Column(JSONB)\n\
         \x20   u = db.Column(PG_UUID(as_uuid=True))\n>\ndb.create_all()\n\
         db.session.add(Host(ip='10.0.0.1', net='10.0.0.0/8', meta={'a': [1, 2]}, \
         u=uuid.UUID('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')))\ndb.session.commit()\n",
    );
    if !err.is_empty() {
        return Err(format!("first session: {err}").into());
    }
    let (out, err) = run(
        ".models\n[(h.ip, h.net, h.meta, h.u) for h in Host.query.all()]\n[c.type for c in Host.__table__.c]\n",
    );
    let want = "Host (table host): id, ip, net, meta, u\n\
        [('10.0.0.1', '10.0.0.0/8', {'a': [1, 2]}, UUID('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'))]\n\
        [Integer(), INET(), CIDR(), JSONB(astext_type=Text()), UUID()]\n";
    if out != want || !err.is_empty() {
        return Err(
            format!("second session\n--- expected\n{want}--- got\n{out}--- stderr\n{err}").into(),
        );
    }
    Ok(())
}

/// `.open` from a SQLite file to a PostgreSQL URL and back, with models
/// defined: each database's DDL and `str()` are written in its own dialect
/// (issue 19), a `server_default=` expression included — as SQLAlchemy
/// compiles `CreateTable` per dialect (the DDL below is
/// `CreateTable(t).compile(dialect=sqlite.dialect())` and
/// `postgresql.dialect()`'s for this model, SQLAlchemy 2.1), and each
/// database keeps its own rows.
fn open_switches_dialect() -> Result<(), Failed> {
    let Some(db) = pg_support::database("open_switches") else {
        return Ok(());
    };
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let script = format!(
        "model User <\n    id = db.Column(db.Integer, primary_key=True)\n    on = db.Column(db.Boolean, server_default=db.true())\n>\n\
         db.create_all()\ndb.session.add(User())\ndb.session.commit()\n.schema user\nstr(User.query.filter_by(id=5))\n\
         .open {pg}\ndb.create_all()\n.schema user\nstr(User.query.filter_by(id=5))\n\
         db.session.add_all([User(), User(on=False)])\ndb.session.commit()\nUser.query.count()\n\
         .open app.db\n.schema user\nUser.query.count()\n",
        pg = db.url
    );
    let out = run_ormsh::with_stdin(dir.path(), &["app.db".as_ref()], &script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lite_ddl = "CREATE TABLE user (\n\tid INTEGER NOT NULL, \n\t\"on\" BOOLEAN DEFAULT 1, \n\tPRIMARY KEY (id)\n);\n";
    let pg_ddl = "CREATE TABLE \"user\" (\n\tid SERIAL NOT NULL, \n\t\"on\" BOOLEAN DEFAULT true, \n\tPRIMARY KEY (id)\n);\n";
    let want = format!(
        "{lite_ddl}'SELECT user.id AS user_id, user.\"on\" AS user_on \\nFROM user \\nWHERE user.id = ?'\n\
         {pg_ddl}'SELECT \"user\".id AS user_id, \"user\".\"on\" AS user_on \\nFROM \"user\" \\nWHERE \"user\".id = %(id_1)s'\n2\n\
         {lite_ddl}1\n"
    );
    if stdout != want {
        return Err(format!(
            "--- expected\n{want}--- got\n{stdout}--- stderr\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(())
}

/// A Flask app's `SQLALCHEMY_DATABASE_URI` naming PostgreSQL (SQLAlchemy's
/// `postgresql+psycopg2://` form) opens that server when `SQLAlchemy(app)`
/// runs, as Flask-SQLAlchemy connects (it was refused as "SQLite only"):
/// the table is made and counted there, and PostgreSQL's own `pg_typeof`
/// answers. The reference (Flask-SQLAlchemy 3.1, psycopg2) prints the same
/// two lines for this program on the same server.
fn flask_config_postgresql() -> Result<(), Failed> {
    let Some(db) = pg_support::database("flask_config") else {
        return Ok(());
    };
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let uri = db
        .url
        .replacen("postgresql://", "postgresql+psycopg2://", 1);
    let script = format!(
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n\
         app.config[\"SQLALCHEMY_DATABASE_URI\"] = \"{uri}\"\ndb = SQLAlchemy(app)\napp.app_context().push()\n\
         class Acct(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    bal = db.Column(db.Integer)\n\n\
         db.create_all()\ndb.session.add(Acct(bal=5))\ndb.session.commit()\n\
         db.session.execute(db.select(db.func.count()).select_from(Acct)).scalar()\n\
         db.session.execute(db.text('select pg_typeof(bal)::text from acct')).scalar()\n"
    );
    let out = run_ormsh::with_stdin(dir.path(), &["app.db".as_ref()], &script);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let want = "1\n'integer'\n";
    if stdout != want {
        return Err(format!(
            "--- expected\n{want}--- got\n{stdout}--- stderr\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
        .into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let list = std::fs::read_to_string(root.join("POSTGRESQL")).expect("tests/cases/POSTGRESQL");
    let server = pg_support::available();
    let mut trials = vec![
        Trial::test("pg_support/url_forms", || {
            pg_support::url_forms_hold().map_err(Failed::from)
        }),
        Trial::test(
            "postgresql/models_stored_and_reloaded",
            models_stored_and_reloaded,
        )
        .with_ignored_flag(!server),
        Trial::test(
            "postgresql/pg_dialect_models_reloaded",
            pg_dialect_models_reloaded,
        )
        .with_ignored_flag(!server),
        Trial::test("postgresql/open_switches_dialect", open_switches_dialect)
            .with_ignored_flag(!server),
        Trial::test(
            "postgresql/flask_config_postgresql",
            flask_config_postgresql,
        )
        .with_ignored_flag(!server),
    ];
    trials.extend(
        list.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let case: PathBuf = root.join(l);
                let name = l.trim_end_matches(".orm").to_owned();
                Trial::test(format!("postgresql/{name}"), move || check(&case))
                    .with_ignored_flag(!server)
            }),
    );
    libtest_mimic::run(&args, trials).exit();
}
