//! `.export python` of typed declarative models (issue 15), read back with
//! `.read` into a fresh database, recreates the same tables: the
//! annotations and `mapped_column(...)` survive the round trip.

mod scratch;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const MODELS: &str = r#"
from typing import List, Optional
from sqlalchemy.orm import Mapped, mapped_column, relationship
import datetime, uuid
from decimal import Decimal
class Author(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(db.String(40), unique=True)
    nick: Mapped[Optional[str]]
    born: Mapped[datetime.date | None]
    score: Mapped[float]
    fee: Mapped[Decimal]
    key: Mapped[uuid.UUID]
    plain = db.Column(db.Integer)
    books: Mapped[List["Book"]] = relationship(back_populates="author")

class Book(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[Optional[int]] = mapped_column(db.ForeignKey("author.id"))
    author: Mapped[Optional["Author"]] = relationship(back_populates="books")

db.create_all()
"#;

fn dir() -> PathBuf {
    let d = scratch::dir("typed-export");
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Run ormsh on `db` with `input` on standard input; its stdout.
fn ormsh(cwd: &Path, db: &str, input: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .arg(db)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("ormsh runs");
    use std::io::Write;
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("ormsh ends");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn typed_models_round_trip_through_export_and_read() {
    let d = dir();
    ormsh(&d, "first.db", MODELS);
    let first = ormsh(&d, "first.db", ".schema\n");
    ormsh(&d, "first.db", ".export python models.py\n");
    let exported = std::fs::read_to_string(d.join("models.py")).expect("exported");
    assert!(
        exported.contains("nick: Mapped[Optional[str]]\n"),
        "{exported}"
    );
    assert!(exported.contains("from sqlalchemy.orm import Mapped, mapped_column"));
    ormsh(&d, "second.db", ".read models.py\ndb.create_all()\n");
    let second = ormsh(&d, "second.db", ".schema\n");
    assert!(first.contains("score DOUBLE NOT NULL"), "{first}");
    assert_eq!(first, second);
    let _ = std::fs::remove_dir_all(&d);
}
