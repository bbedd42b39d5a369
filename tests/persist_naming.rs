//! A naming convention (`SQLAlchemy(metadata=MetaData(naming_convention=
//! {...}))`, issue 15) is stored with the models it named: reopened, they
//! name their constraints and indexes as before (`.schema` agrees with
//! the file), `.export python` writes it, and a stored row that is more
//! than `MetaData(naming_convention={...})` of string literals is refused.

mod run_ormsh;
mod scratch;
use scratch::FreshDir;
use std::path::Path;

/// A fresh working directory for one test, removed when dropped.
fn fresh(name: &str) -> FreshDir {
    FreshDir::new(&format!("persist-naming-{name}"))
}

/// Run ormsh on `app.db` in `dir`, `script` on standard input: (stdout,
/// stderr), after checking it exited 0.
fn ormsh(dir: &Path, script: &str) -> (String, String) {
    run_ormsh::succeeding(dir, &["app.db"], script)
}

const APP: &str = "from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData
db = SQLAlchemy(metadata=MetaData(naming_convention={'ix': 'myix_%(column_0_name)s', 'pk': 'pk_%(table_name)s'}))
class A(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    x = db.Column(db.Integer, index=True)

db.create_all()
";

const DDL: &str = "CREATE TABLE a (\n\tid INTEGER NOT NULL, \n\tx INTEGER, \n\tCONSTRAINT pk_a PRIMARY KEY (id)\n);\nCREATE INDEX myix_x ON a (x);\n";

#[test]
fn a_naming_convention_comes_back_with_its_models() {
    let dir = fresh("comes-back");
    let (_, err) = ormsh(&dir.0, APP);
    assert_eq!(err, "");
    let (out, err) = ormsh(&dir.0, ".schema a\n");
    assert_eq!(err, "", "the model loads");
    assert_eq!(out, DDL, "the model's DDL names what the file's does");
    let (out, _) = ormsh(&dir.0, ".export python\n");
    assert!(
        out.contains("from sqlalchemy import MetaData\n\ndb = SQLAlchemy(metadata=MetaData(naming_convention={'ix': 'myix_%(column_0_name)s', 'pk': 'pk_%(table_name)s'}))\n"),
        "{out}"
    );
}

#[test]
fn a_stored_naming_convention_is_only_literals() {
    let dir = fresh("hostile");
    ormsh(&dir.0, APP);
    ormsh(
        &dir.0,
        ".sql UPDATE _ormsh_models SET source = 'MetaData(naming_convention=dict(pk=db.session))' WHERE kind = 'metadata'\ndb.session.commit()\n",
    );
    let (_, err) = ormsh(&dir.0, "1\n");
    assert!(
        err.contains("the stored metadata naming_convention was not loaded: a stored naming convention must be MetaData(naming_convention={'pk': '...', ...}) with string literals"),
        "{err}"
    );
}
