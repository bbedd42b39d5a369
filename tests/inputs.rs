//! What ormsh is given, from a careful user or a stranger: scripts as Python
//! reads source files (a byte-order mark at the start, CR-only and CRLF line
//! ends), database arguments (a directory, a truncated file, a URL with query
//! parameters, file names that are not UTF-8; `.open` reading them as the
//! command line does), and error text that repeats
//! control characters from the input. Every test works in its own temporary
//! directory.

mod scratch;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// A fresh directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = scratch::dir(&format!("inputs-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Run ormsh in `dir` with `args`, `stdin` on its standard input.
fn ormsh<S: AsRef<std::ffi::OsStr>>(dir: &Path, args: &[S], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start ormsh");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("ormsh output")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Python (`python3 FILE.py` on the same bytes) prints `2` and `'a\nb'`.
const CR_SCRIPT: &[u8] = b"x = 1\rs = \"\"\"a\rb\"\"\"\rprint(x + 1)\rs\r";

#[test]
fn scripts_read_as_python_reads_source_files() {
    let dir = temp_dir("scripts");
    std::fs::write(dir.join("bom.orm"), b"\xef\xbb\xbfprint(1)\n").unwrap();
    std::fs::write(dir.join("cr.orm"), CR_SCRIPT).unwrap();
    std::fs::write(dir.join("crlf.orm"), b"y = 'a'\r\ny + 'b'\r\n").unwrap();
    for (args, stdin, out) in [
        (&["-f", "bom.orm"][..], &b""[..], "1\n"),
        (&["-f", "cr.orm"], b"", "2\n'a\\nb'\n"),
        (&["-f", "crlf.orm"], b"", "'ab'\n"),
        (&[], b"\xef\xbb\xbfprint(1)\n", "1\n"),
        (&[], CR_SCRIPT, "2\n'a\\nb'\n"),
        (&[], b".read bom.orm\n.read cr.orm\n", "1\n2\n'a\\nb'\n"),
    ] {
        let o = ormsh(&dir, args, stdin);
        assert_eq!(text(&o.stdout), out, "{args:?} stderr: {}", text(&o.stderr));
        assert!(o.status.success(), "{args:?}: {}", text(&o.stderr));
    }
    // Only at the very start: elsewhere a BOM is Python's SyntaxError too.
    let o = ormsh(&dir, &[] as &[&str], b"print(1)\n\xef\xbb\xbfprint(2)\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("<stdin>:2:1: error: SyntaxError"),
        "{}",
        text(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `__file__` in a script is what `python3 PATH` gives (the working
/// directory joined with the path), so `basedir =
/// os.path.abspath(os.path.dirname(__file__))` works; at the prompt,
/// and after the script, there is none (Python's console: NameError).
#[test]
fn dunder_file_is_the_script_path_in_a_script_only() {
    let dir = temp_dir("dunder-file");
    std::fs::create_dir_all(dir.join("conf")).unwrap();
    std::fs::write(
        dir.join("conf/settings.py"),
        "import os\nbasedir = os.path.abspath(os.path.dirname(__file__))\nprint(os.path.basename(basedir), os.path.basename(__file__), os.path.isabs(__file__))\nURI = 'sqlite:///' + os.path.join(basedir, 'app.db')\n",
    )
    .unwrap();
    let here = dir.canonicalize().unwrap_or(dir.clone());
    let o = ormsh(&here, &["-f", "conf/settings.py"], b"");
    assert_eq!(
        text(&o.stdout),
        "conf settings.py True\n",
        "{}",
        text(&o.stderr)
    );
    let o = ormsh(
        &here,
        &[] as &[&str],
        b".read conf/settings.py\nURI.endswith('/conf/app.db')\n__file__\n",
    );
    assert_eq!(text(&o.stdout), "conf settings.py True\nTrue\n");
    assert!(
        text(&o.stderr).contains("NameError: name '__file__' is not defined"),
        "{}",
        text(&o.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_database_that_is_not_one_names_the_file_and_what_would_work() {
    let dir = temp_dir("notdb");
    std::fs::create_dir(dir.join("adir")).unwrap();
    // A real database cut short, as a copy taken mid-write leaves it.
    let full = dir.join("full.db");
    let o = ormsh(
        &dir,
        &["full.db"],
        b"model T <\n    id = db.Column(db.Integer, primary_key=True)\n    s = db.Column(db.String)\n>\ndb.create_all()\nfor i in range(500): db.session.add(T(s='x' * 100))\ndb.session.commit()\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let bytes = std::fs::read(&full).unwrap();
    std::fs::write(dir.join("cut.db"), &bytes[..100]).unwrap();
    std::fs::write(dir.join("notes.db"), b"just some text, long enough to be read as a header....................................................").unwrap();
    for (arg, message, help) in [
        (
            "adir",
            "adir is a directory, not a database file",
            "adir/app.db",
        ),
        ("cut.db", "cut.db is damaged or truncated", ".recover"),
        (
            "notes.db",
            "notes.db is not an SQLite database",
            "give the path of a database",
        ),
    ] {
        let o = ormsh(&dir, &[arg, "-c", "1"], b"");
        let err = text(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{arg}: {err}");
        assert!(err.contains(message), "{arg}: {err}");
        assert!(err.contains("help: ") && err.contains(help), "{arg}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn url_query_parameters_are_read_as_sqlalchemy_reads_them_or_refused() {
    let dir = temp_dir("urls");
    // SQLAlchemy ignores mode=ro without uri=true: refused, nothing created.
    let o = ormsh(&dir, &["sqlite:///h.db?mode=ro", "-c", "1"], b"");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("sqlite:///file:h.db?mode=ro&uri=true"));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    // A file: URI with uri=true opens the file read-only.
    let o = ormsh(
        &dir,
        &[
            "h.db",
            "-c",
            ".sql CREATE TABLE t (a)",
            "-c",
            "db.session.commit()",
        ],
        b"",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let ro = "sqlite:///file:h.db?mode=ro&uri=true";
    let o = ormsh(&dir, &[ro, "-c", ".sql SELECT count(*) FROM t"], b"");
    assert_eq!(text(&o.stdout), "[(0,)]\n", "{}", text(&o.stderr));
    let o = ormsh(&dir, &[ro, "-c", ".sql INSERT INTO t VALUES (1)"], b"");
    assert!(
        text(&o.stderr).contains("readonly database"),
        "{}",
        text(&o.stderr)
    );
    // timeout= is the busy timeout, in seconds.
    let o = ormsh(
        &dir,
        &[
            "sqlite:///h.db?timeout=0.25&check_same_thread=False",
            "-c",
            "1",
        ],
        b"",
    );
    assert_eq!(text(&o.stdout), "1\n", "{}", text(&o.stderr));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["h.db"]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[cfg(unix)]
#[test]
fn file_names_need_not_be_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("names");
    let db = OsStr::from_bytes(b"caf\xe9.db");
    let script = OsStr::from_bytes(b"caf\xe9.orm");
    std::fs::write(dir.join(script), b"print(6 * 7)\n").unwrap();
    let o = ormsh(
        &dir,
        &[
            db,
            OsStr::new("-f"),
            script,
            OsStr::new("-c"),
            OsStr::new(".sql CREATE TABLE t (a)"),
            OsStr::new("-c"),
            OsStr::new("db.session.commit()"),
        ],
        b"",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "42\n");
    assert!(dir.join(db).is_file());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn control_characters_in_error_text_are_escaped() {
    let dir = temp_dir("escapes");
    let o = ormsh(
        &dir,
        &[] as &[&str],
        b".sql SELECT a\x1b[2Jb\ndb.session.execute(text('SELECT \x1b[31m'))\n",
    );
    let err = o.stderr;
    assert!(!err.contains(&0x1b), "{}", text(&err));
    assert!(
        text(&err).contains(r#"unrecognized token: "\x1b""#),
        "{}",
        text(&err)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `.open` reads its argument as the command line does (`db_url`): the
/// same URLs open the same places, the same ones are refused with the same
/// help, and a missing directory is named with what would work. No file
/// named after a URL (`sqlite:`) is ever made.
#[test]
fn dot_open_reads_urls_as_the_command_line_does() {
    let dir = temp_dir("dot-open");
    let script = "\
.open sqlite://
.sql CREATE TABLE mem (a)
.open sqlite:///h.db
.sql CREATE TABLE t (a)
db.session.commit()
.open sqlite:///file:h.db?mode=ro&uri=true
.sql SELECT count(*) FROM t
.sql INSERT INTO t VALUES (1)
.open sqlite:///h.db?mode=ro
.open sqlite:h.db
.open sqlite://host/x.db
.open sqlite:///no/such/x.db
.open sqlite:///h%20x.db
.tables
";
    let o = ormsh(&dir, &["--keep-going"], script.as_bytes());
    let err = text(&o.stderr);
    assert_eq!(text(&o.stdout), "[(0,)]\n", "{err}");
    for (arg, says) in [
        ("sqlite:///file:h.db?mode=ro&uri=true", "readonly database"),
        (
            "sqlite:///h.db?mode=ro",
            "help: write sqlite:///file:h.db?mode=ro&uri=true",
        ),
        ("sqlite:h.db", "help: write sqlite:///h.db"),
        ("sqlite://host/x.db", "Invalid SQLite URL"),
        (
            "sqlite:///no/such/x.db",
            "help: create it first (mkdir -p no/such)",
        ),
    ] {
        assert!(err.contains(says), "{arg}: {err}");
        // The command line says the same of the same argument.
        if arg != "sqlite:///file:h.db?mode=ro&uri=true" {
            let o = ormsh(&dir, &[arg, "-c", "1"], b"");
            assert!(text(&o.stderr).contains(says), "{arg}: {}", text(&o.stderr));
        }
    }
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // `h x.db` was opened and never written to: not left behind.
    assert_eq!(names, ["h.db"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A quoted or backslash-escaped `.open` argument names the file the
/// command line opens for the same shell word (`ormsh "a b.db"`); a file
/// name starting `file:` is that file, not a SQLite URI, so
/// `db.engine.url` (`sqlite:///file:f.db`, which SQLAlchemy opens as the
/// file `file:f.db`) names the file opened.
#[test]
fn dot_open_quoted_names_and_file_colon_names_open_the_file_named() {
    let dir = temp_dir("dot-open-quoted");
    let script = "\
.open \"a b.db\"
.sql CREATE TABLE t (a)
db.session.commit()
.open 'c d.db'
.open a\\ b.db
.tables
db.engine.url
";
    let o = ormsh(&dir, &[] as &[&str], script.as_bytes());
    assert_eq!(
        text(&o.stdout),
        // `db.engine.url` is SQLAlchemy's URL, whose repr is its text.
        "t\nsqlite:///a b.db\n",
        "{}",
        text(&o.stderr)
    );
    // The command line opens the same file for the same word.
    let o = ormsh(&dir, &["a b.db", "-c", ".tables"], b"");
    assert_eq!(text(&o.stdout), "t\n", "{}", text(&o.stderr));
    let o = ormsh(&dir, &["file:f.db", "-c", "db.engine.url"], b"");
    assert_eq!(
        text(&o.stdout),
        "sqlite:///file:f.db\n",
        "{}",
        text(&o.stderr)
    );
    let o = ormsh(
        &dir,
        &[] as &[&str],
        b".open file:g.db\n.sql CREATE TABLE g (a)\ndb.session.commit()\n",
    );
    assert!(o.status.success(), "{}", text(&o.stderr));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // `file:f.db` and `c d.db` were opened but never written to: not
    // left behind.
    assert_eq!(names, ["a b.db", "file:g.db"]);
    let _ = std::fs::remove_dir_all(&dir);
}

/// Seed 002's quickstart (`tests/cases/python/seed-002-quickstart.orm`):
/// its file block (up to the first `>>> ` line) and its session (the
/// `>>> ` lines before `class Foo`), and what the reference printed for
/// that session (the first lines of the case's `.out`).
fn seed_002() -> (String, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/python");
    let case = std::fs::read_to_string(root.join("seed-002-quickstart.orm")).expect("case");
    let out = std::fs::read_to_string(root.join("seed-002-quickstart.out")).expect("out");
    let lines: Vec<&str> = case.lines().skip(1).collect();
    let first_prompt = lines
        .iter()
        .position(|l| l.starts_with(">>> "))
        .expect(">>>");
    let file = lines[..first_prompt].join("\n") + "\n";
    let session: Vec<&str> = lines[first_prompt..]
        .iter()
        .take_while(|l| !l.starts_with("class Foo"))
        .filter_map(|l| l.strip_prefix(">>> "))
        .collect();
    let shown: Vec<&str> = out.lines().take(2).collect();
    (file, session.join("\n") + "\n", shown.join("\n") + "\n")
}

#[test]
fn a_seed_app_file_runs_with_dash_f_and_with_dot_read() {
    let (file, session, shown) = seed_002();
    // `.read yourapplication.py`, then the session typed after it.
    let dir = temp_dir("seed-app-read");
    std::fs::write(dir.join("yourapplication.py"), &file).unwrap();
    let input = format!(".read yourapplication.py\n{session}");
    let out = ormsh(&dir, &[] as &[&str], input.as_bytes());
    assert_eq!(text(&out.stdout), shown, "stderr: {}", text(&out.stderr));
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    // `ormsh -f yourapplication.py`: the file runs and its model is kept in
    // the database its config opened, where the session finds it.
    let dir = temp_dir("seed-app-f");
    std::fs::write(dir.join("yourapplication.py"), &file).unwrap();
    let out = ormsh(&dir, &["-f", "yourapplication.py"], b"");
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert!(
        text(&out.stderr).contains("instance/seed-002.db"),
        "{}",
        text(&out.stderr)
    );
    let out = ormsh(&dir, &["instance/seed-002.db"], session.as_bytes());
    assert_eq!(text(&out.stdout), shown, "stderr: {}", text(&out.stderr));
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
}
