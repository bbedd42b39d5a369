//! SQLAlchemy's `SAWarning`s that ormsh writes on stderr where SQLAlchemy
//! warns (the golden cases compare stdout only, and the reference
//! silences Python's warnings): here the rollback of a session whose
//! state changed after a failed flush (`SessionTransaction.rollback`).

use std::process::Command;

const WARNING: &str = "warning: Session's state has been changed on a non-active transaction - this state will be discarded.";

/// ormsh's stderr for `script`, run from a file in a fresh directory.
fn stderr_of(name: &str, script: &str) -> String {
    let dir = std::env::temp_dir().join(format!("ormsh-sa-warnings-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("case.orm");
    std::fs::write(&file, script).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .arg("-f")
        .arg(&file)
        .current_dir(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const SETUP: &str = "class U(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(10), unique=True)

db.create_all()
a = U(name='a')
db.session.add(a)
db.session.commit()
db.session.add(U(name='a'))
try:
    db.session.flush()
except Exception as e:
    print(type(e).__name__)

";

#[test]
fn rollback_after_a_failed_flush_warns_only_when_the_session_changed_since() {
    // As SQLAlchemy 2.1 does (checked against it): nothing changed, no
    // warning; an add, a delete or a change of a loaded object, one each.
    let plain = stderr_of("plain", &format!("{SETUP}db.session.rollback()\n"));
    assert!(!plain.contains(WARNING), "{plain}");
    for (name, change) in [
        ("add", "db.session.add(U(name='q'))"),
        ("delete", "db.session.delete(a)"),
        ("modify", "a.name = 'b'"),
    ] {
        let err = stderr_of(name, &format!("{SETUP}{change}\ndb.session.rollback()\n"));
        assert_eq!(err.matches(WARNING).count(), 1, "{name}: {err}");
    }
}

#[test]
fn an_empty_and_or_or_warns_as_sqlalchemy_deprecates_it() {
    // SQLAlchemy 2.1's SADeprecationWarning, once per empty call; an and_()
    // with a condition says nothing.
    let script = "class U(db.Model):
    id = db.Column(db.Integer, primary_key=True)

db.create_all()
conditions = []
U.query.filter(db.and_(*conditions)).count()
U.query.filter(db.or_()).count()
U.query.filter(db.and_(U.id > 0)).count()
";
    let err = stderr_of("empty-and", script);
    let and_text = "warning: Invoking and_() without arguments is deprecated, and will be disallowed in a future release.   For an empty and_() construct, use 'and_(true(), *args)' or 'and_(True, *args)'.";
    let or_text = "warning: Invoking or_() without arguments is deprecated, and will be disallowed in a future release.   For an empty or_() construct, use 'or_(false(), *args)' or 'or_(False, *args)'.";
    assert_eq!(err.matches(and_text).count(), 1, "{err}");
    assert_eq!(err.matches(or_text).count(), 1, "{err}");
    assert_eq!(err.matches("warning:").count(), 2, "{err}");
}
