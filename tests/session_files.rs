//! Database files across a run (issue 16, "Sessions and files"): a file
//! named on the command line or made by `.open` and never written is not
//! left behind,
//! `--sandbox` keeps model definitions inside its transaction (saying
//! nothing, storing nothing), and `--readonly` holds for `.open`.

mod run_ormsh;
mod scratch;
use std::path::{Path, PathBuf};
use std::process::Output;

/// This test process's directory, also ormsh's working directory.
fn work_dir() -> PathBuf {
    let dir = scratch::dir("files");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn temp_db(name: &str) -> PathBuf {
    let p = work_dir().join(format!("{name}.db"));
    let _ = std::fs::remove_file(&p);
    p
}

/// ormsh with `args` and `script` on standard input.
fn ormsh(args: &[&str], script: &str) -> Output {
    let mut all: Vec<&std::ffi::OsStr> = vec!["--no-init".as_ref()];
    all.extend(args.iter().map(|a| -> &std::ffi::OsStr { a.as_ref() }));
    run_ormsh::with_stdin(&work_dir(), &all, script)
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 temp path")
}

const MODEL: &str = "model Tag <\n    id = db.Column(db.Integer, primary_key=True)\n>\n";

#[test]
fn a_new_file_never_written_is_not_left_behind() {
    let db = temp_db("typo");
    let o = ormsh(&[arg(&db)], "1 + 1\nprint('hi')\n");
    assert!(o.status.success());
    assert!(!db.exists(), "an unwritten new file was left behind");
    // A model defined and no table made: definitions wait for the file's
    // first table, so it is not kept for them alone (issue 16, round 2).
    let o = ormsh(&[arg(&db)], MODEL);
    assert!(o.status.success());
    assert!(
        !db.exists(),
        "a new file given only a model was left behind"
    );
    // A table made: kept, with the model stored in it.
    let o = ormsh(&[arg(&db)], &format!("{MODEL}db.create_all()\n"));
    assert!(o.status.success());
    assert!(db.exists(), "a file with a table was removed");
    let o = ormsh(&[arg(&db)], "Tag.query.count()\n");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "0\n", "{o:?}");
    // A model defined before a table another way is stored once it is
    // made and committed.
    let db = temp_db("model-then-sql");
    let o = ormsh(
        &[arg(&db)],
        &format!("{MODEL}.sql CREATE TABLE note (body TEXT)\ndb.session.commit()\n"),
    );
    assert!(o.status.success(), "{o:?}");
    let o = ormsh(&[arg(&db)], ".models\n");
    assert!(String::from_utf8_lossy(&o.stdout).contains("Tag"), "{o:?}");
    // An existing empty file is not ours to remove.
    let empty = temp_db("empty");
    std::fs::write(&empty, b"").unwrap();
    ormsh(&[arg(&empty)], "1\n");
    assert!(empty.exists());
}

/// A statement that makes nothing (`create_all()` with no models) still
/// has SQLite write the file's header: that alone is not a write (issue
/// 16, round 2, item 4). A header with a `user_version` is kept.
#[test]
fn a_new_file_holding_only_the_header_is_not_left_behind() {
    for script in [
        "db.create_all()\n",
        "db.drop_all()\n",
        "db.metadata.create_all(db.engine)\n",
        "db.create_all()\ndb.drop_all()\ndb.session.commit()\n",
    ] {
        let db = temp_db("header-only");
        let o = ormsh(&[arg(&db)], script);
        assert!(o.status.success(), "{script}: {o:?}");
        assert!(
            !db.exists(),
            "{script}: a file written nothing was left behind"
        );
    }
    let db = temp_db("user-version");
    let o = ormsh(
        &[arg(&db)],
        ".sql PRAGMA user_version = 3\ndb.session.commit()\n",
    );
    assert!(o.status.success(), "{o:?}");
    assert!(db.exists(), "a file with its user_version set was removed");
}

#[test]
fn a_file_open_made_and_never_wrote_is_not_left_behind() {
    let typo = temp_db("open-typo");
    let kept = temp_db("open-kept");
    let script = format!(
        ".open {}\n1 + 1\n.open {}\n{MODEL}db.create_all()\n.open sqlite://\n",
        arg(&typo),
        arg(&kept)
    );
    let o = ormsh(&[], &script);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!typo.exists(), "a file .open made, never written, was left");
    assert!(kept.exists(), "a file .open made and wrote was removed");
}

#[test]
fn sandbox_definitions_are_quiet_and_vanish_with_it() {
    let db = temp_db("sandbox");
    let o = ormsh(
        &[arg(&db)],
        "model User <\n    id = db.Column(db.Integer, primary_key=True)\n>\ndb.create_all()\n",
    );
    assert!(o.status.success());
    let script = format!(
        "{MODEL}db.create_all()\ndb.session.add(Tag())\n{}",
        MODEL.replace("Tag", "Tag2")
    );
    let o = ormsh(&["--sandbox", arg(&db)], &script);
    assert_eq!(String::from_utf8_lossy(&o.stderr), "", "nothing said");
    assert!(o.status.success());
    // The next run knows only User: Tag and Tag2 went with the sandbox.
    let o = ormsh(&[arg(&db)], ".models\n.tables\n");
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("User"), "{out}");
    assert!(!out.contains("Tag"), "{out}");
}

#[test]
fn readonly_holds_for_open() {
    let a = temp_db("ro-a");
    let b = temp_db("ro-b");
    for db in [&a, &b] {
        let o = ormsh(&[arg(db)], &format!("{MODEL}db.create_all()\n"));
        assert!(o.status.success());
    }
    let script = format!(
        ".open {}\ndb.session.add(Tag()); db.session.commit()\n",
        arg(&b)
    );
    let o = ormsh(&["--readonly", arg(&a)], &script);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("readonly database"), "{err}");
    let o = ormsh(&[arg(&b)], "Tag.query.count()\n");
    assert_eq!(String::from_utf8_lossy(&o.stdout), "0\n");
}

/// A file `.open` made and never wrote goes as soon as `.open` leaves it,
/// not at exit (issue 16, round 2), and so does the command line's; a
/// file opened again is the database in use, and stays.
#[test]
fn a_file_left_unwritten_goes_when_open_leaves_it() {
    let first = temp_db("leave-cli");
    let second = temp_db("leave-open");
    let again = temp_db("leave-again");
    let check = |p: &Path| format!(".shell test -e {} && echo present || echo absent\n", arg(p));
    let script = format!(
        "{}.open {}\n{}{}.open {}\n{}.open {}\n.open {}\n{MODEL}db.create_all()\n",
        check(&first),
        arg(&second),
        check(&first),
        check(&second),
        arg(&again),
        check(&second),
        arg(&again),
        arg(&again),
    );
    let o = ormsh(&[arg(&first)], &script);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let said: Vec<&str> = out
        .lines()
        .filter(|l| *l == "present" || *l == "absent")
        .collect();
    assert_eq!(said, ["present", "absent", "present", "absent"], "{out}");
    assert!(
        again.exists(),
        "the file opened again and written was removed"
    );
    assert!(std::fs::metadata(&again).unwrap().len() > 0);
}
