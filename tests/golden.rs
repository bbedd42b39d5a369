//! Golden transcripts: every `tests/cases/**/NAME.orm` (and every tutorial
//! lesson in `scripts/tutorials/`) is piped into the real `ormsh` binary and
//! must print `NAME.out` exactly. Each run's working directory is a fresh
//! temporary one holding a copy of `NAME.orm` (so a script may name itself,
//! and whatever it writes, `.save`, `.open`, `.export`, stays out of the
//! checkout); it is removed afterwards. Beside the script:
//! - `NAME.kind` — the reference failed with that error kind: ormsh must exit
//!   1 and name the same kind on stderr;
//! - `NAME.err` — ormsh's exact stderr (hand-checked, ormsh-only wording);
//!   non-empty means the script must exit 1 (checked with `.kind` too);
//! - `NAME.args` — extra command-line arguments (e.g. `--keep-going`);
//! - `NAME.code` — the exit status, when it is not the one the other files
//!   imply (`.exit 3`; `.echo` output on stderr with exit 0);
//! - `NAME.schema` — the DDL the reference stored: the same script run
//!   against a file database must leave the same `sqlite_master` text;
//! - `NAME.dump` — the whole database the reference left, schema and rows
//!   (format in `tests/cases/README.md`): ormsh's must read the same,
//!   leaving out ormsh's own `_ormsh_models` table;
//! - `NAME.setup.sql` — SQL run into a fresh database file before the
//!   script, which then runs against that file (reflection cases); a
//!   `# setup: OTHER.setup.sql` line among the script's leading comment
//!   lines runs that file first (cases sharing one database), with or
//!   without a `NAME.setup.sql` of its own.
//!
//! Cases listed in `tests/cases/PENDING` (with the reason) run as ignored
//! tests until the behaviour lands; `cargo test -- --ignored` runs them.

mod scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use libtest_mimic::{Arguments, Failed, Trial};

fn cases(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            cases(&p, out);
        } else if p.extension().is_some_and(|e| e == "orm") && p.with_extension("out").exists() {
            out.push(p);
        }
    }
}

fn run(case: &Path, db: Option<&Path>) -> std::io::Result<std::process::Output> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_ormsh"));
    if let Ok(args) = std::fs::read_to_string(case.with_extension("args")) {
        cmd.args(args.split_whitespace());
    }
    if let Some(db) = db {
        cmd.arg(db);
    }
    let dir = WorkDir::new(case)?;
    cmd.current_dir(&dir.0)
        .stdin(Stdio::from(std::fs::File::open(case)?))
        .env("NO_COLOR", "1")
        .output()
}

/// A run's working directory: temporary, holding a copy of the script,
/// removed when the run is over.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new(case: &Path) -> std::io::Result<WorkDir> {
        static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = scratch::dir(&format!("golden-cwd-{n}"));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        if let Some(name) = case.file_name() {
            std::fs::copy(case, dir.join(name))?;
        }
        Ok(WorkDir(dir))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The setup SQL of a case: each file a `# setup: FILE.setup.sql` line
/// among the script's leading comment lines names (beside the script),
/// then `NAME.setup.sql`; `None` when there is neither.
fn setup_sql(case: &Path) -> Result<Option<String>, Failed> {
    // Bytes: a script may be no UTF-8 at all (`errors/invalid-utf8`).
    let bytes = std::fs::read(case).map_err(|e| e.to_string())?;
    let script = String::from_utf8_lossy(&bytes);
    let dir = case.parent().unwrap_or(Path::new("."));
    let mut parts = Vec::new();
    for line in script.lines().take_while(|l| l.starts_with('#')) {
        if let Some(name) = line.strip_prefix("# setup: ") {
            let path = dir.join(name.trim());
            parts.push(
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?,
            );
        }
    }
    if let Ok(own) = std::fs::read_to_string(case.with_extension("setup.sql")) {
        parts.push(own);
    }
    Ok((!parts.is_empty()).then(|| parts.join("\n")))
}

/// For a case with setup SQL (`setup_sql`): a fresh database file holding
/// what that SQL makes.
fn setup_database(case: &Path) -> Result<Option<PathBuf>, Failed> {
    let Some(sql) = setup_sql(case)? else {
        return Ok(None);
    };
    let dir = scratch::dir("golden-setup");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let name = case.to_string_lossy().replace(['/', '\\'], "_");
    let db = dir.join(format!("{name}.db"));
    let _ = std::fs::remove_file(&db);
    let conn = rusqlite::Connection::open(&db).map_err(|e| e.to_string())?;
    conn.execute_batch(&sql)
        .map_err(|e| format!("setup.sql failed: {e}"))?;
    Ok(Some(db))
}

fn check(case: &Path) -> Result<(), Failed> {
    let setup = setup_database(case)?;
    let output = run(case, setup.as_deref()).map_err(|e| format!("cannot run ormsh: {e}"))?;
    if let Some(db) = &setup {
        let _ = std::fs::remove_file(db);
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let expected =
        std::fs::read_to_string(case.with_extension("out")).map_err(|e| e.to_string())?;
    if stdout != expected {
        if std::env::var_os("BLESS").is_some() {
            let _ = std::fs::write(case.with_extension("out.new"), stdout.as_bytes());
        }
        return Err(format!(
            "stdout differs\n--- expected\n{expected}--- got\n{stdout}--- stderr\n{stderr}"
        )
        .into());
    }
    let code = output.status.code();
    let kind = std::fs::read_to_string(case.with_extension("kind")).ok();
    let err = std::fs::read_to_string(case.with_extension("err")).ok();
    let expected_code = match std::fs::read_to_string(case.with_extension("code")) {
        Ok(c) => c
            .trim()
            .parse::<i32>()
            .map_err(|e| format!("bad .code file: {e}"))?,
        Err(_) if kind.is_some() || err.as_deref().is_some_and(|e| !e.is_empty()) => 1,
        Err(_) => 0,
    };
    if code != Some(expected_code) {
        return Err(
            format!("expected exit {expected_code}, got {code:?} with stderr:\n{stderr}").into(),
        );
    }
    if let Some(kind) = &kind {
        let kind = kind.trim().trim_start_matches("error:").trim();
        if !stderr.contains(&format!("error: {kind}:")) {
            return Err(
                format!("expected a {kind} (as the reference), got stderr:\n{stderr}").into(),
            );
        }
    }
    if let Some(err) = &err
        && stderr != *err
    {
        if std::env::var_os("BLESS").is_some() {
            let _ = std::fs::write(case.with_extension("err.new"), stderr.as_bytes());
        }
        return Err(format!("stderr differs\n--- expected\n{err}--- got\n{stderr}").into());
    }
    if let Ok(dump) = std::fs::read_to_string(case.with_extension("dump")) {
        let got = with_database(case, |conn| {
            let mut text = schema_text(conn)?;
            let tables: Vec<String> = conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name <> '_ormsh_models' ORDER BY name")?
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<_, _>>()?;
            for t in tables {
                text.push_str(&format!("-- TABLE {t}\n"));
                let n: usize = conn
                    .prepare(&format!("SELECT * FROM \"{}\"", t.replace('"', "\"\"")))?
                    .column_count();
                let order: Vec<String> = (1..=n).map(|i| i.to_string()).collect();
                let mut stmt = conn.prepare(&format!(
                    "SELECT * FROM \"{}\" ORDER BY {}",
                    t.replace('"', "\"\""),
                    order.join(", ")
                ))?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let items: Vec<String> = (0..n).map(|i| py_repr(row.get_ref(i).ok())).collect();
                    let tuple = if n == 1 {
                        format!("({},)", items[0])
                    } else {
                        format!("({})", items.join(", "))
                    };
                    text.push_str(&tuple);
                    text.push('\n');
                }
            }
            Ok(text)
        })?;
        if got != dump {
            return Err(format!("database differs\n--- expected\n{dump}--- got\n{got}").into());
        }
    }
    if let Ok(schema) = std::fs::read_to_string(case.with_extension("schema")) {
        let got = with_database(case, schema_text)?;
        if got.trim_end() != schema.trim_end() {
            return Err(format!("schema differs\n--- expected\n{schema}--- got\n{got}").into());
        }
    }
    Ok(())
}

/// Run the case against a fresh database file, then read it with `f`.
fn with_database(
    case: &Path,
    f: impl FnOnce(&rusqlite::Connection) -> rusqlite::Result<String>,
) -> Result<String, Failed> {
    let dir = scratch::dir("golden");
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let name = case
        .strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(case)
        .to_string_lossy()
        .replace('/', "_");
    let db = dir.join(format!("{name}.db"));
    let _ = std::fs::remove_file(&db);
    run(case, Some(&db)).map_err(|e| e.to_string())?;
    let conn = rusqlite::Connection::open(&db).map_err(|e| e.to_string())?;
    let out = f(&conn).map_err(|e| e.to_string());
    drop(conn);
    let _ = std::fs::remove_file(&db);
    Ok(out?)
}

/// The DDL of every table and index, as the `.schema` files hold it.
fn schema_text(conn: &rusqlite::Connection) -> rusqlite::Result<String> {
    let mut stmt =
        conn.prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND tbl_name <> '_ormsh_models' ORDER BY name")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut out = String::new();
    for sql in rows {
        out.push_str(&sql?);
        out.push_str(";\n\n");
    }
    Ok(out)
}

/// A stored value as Python's `repr` shows what sqlite3 returns.
fn py_repr(v: Option<rusqlite::types::ValueRef<'_>>) -> String {
    use rusqlite::types::ValueRef;
    match v {
        None | Some(ValueRef::Null) => "None".into(),
        Some(ValueRef::Integer(i)) => i.to_string(),
        Some(ValueRef::Real(f)) => ormsh::value::repr::float_repr(f),
        Some(ValueRef::Text(t)) => ormsh::value::repr::str_repr(&String::from_utf8_lossy(t)),
        Some(ValueRef::Blob(b)) => ormsh::value::repr::bytes_repr(b),
    }
}

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let pending = std::fs::read_to_string(root.join("PENDING")).unwrap_or_default();
    let pending: Vec<&str> = pending
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut found = Vec::new();
    cases(&root, &mut found);
    // The tutorial lessons are golden transcripts too.
    let tutorials = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/tutorials");
    cases(&tutorials, &mut found);
    let trials = found
        .into_iter()
        .map(|case| {
            let name = case
                .strip_prefix(&root)
                .or_else(|_| case.strip_prefix(env!("CARGO_MANIFEST_DIR")))
                .unwrap_or(&case)
                .with_extension("")
                .to_string_lossy()
                .into_owned();
            let ignored = pending.contains(&name.as_str());
            Trial::test(name, move || check(&case)).with_ignored_flag(ignored)
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}
