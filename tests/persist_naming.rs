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

/// A convention set on `db.metadata` (not given to `SQLAlchemy()`) and a
/// model's `db.Index(None, ...)` named by its `ix` template: reopened,
/// `db.metadata.naming_convention` is the dict set and the DDL the same;
/// `.export python` read back with `.read` into a new file makes it again.
#[test]
fn a_convention_set_on_db_metadata_and_an_unnamed_index_round_trip() {
    let dir = fresh("set-attribute");
    let app = "db.metadata.naming_convention = {'ix': 'ix_%(table_name)s_%(column_0_N_name)s', 'pk': 'pk_%(table_name)s'}
class B(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    x = db.Column(db.Integer)
    y = db.Column(db.Integer)
    __table_args__ = (db.Index(None, 'x', 'y'),)

db.create_all()
";
    let (_, err) = ormsh(&dir.0, app);
    assert_eq!(err, "");
    let ddl = "CREATE TABLE b (\n\tid INTEGER NOT NULL, \n\tx INTEGER, \n\ty INTEGER, \n\tCONSTRAINT pk_b PRIMARY KEY (id)\n);\nCREATE INDEX ix_b_x_y ON b (x, y);\n";
    let (out, err) = ormsh(&dir.0, ".schema b\ndb.metadata.naming_convention\n");
    assert_eq!(err, "", "the model loads");
    assert_eq!(
        out,
        format!(
            "{ddl}{{'ix': 'ix_%(table_name)s_%(column_0_N_name)s', 'pk': 'pk_%(table_name)s'}}\n"
        )
    );
    let (py, _) = ormsh(&dir.0, ".export python\n");
    assert!(
        py.contains("__table_args__ = (db.Index(None, 'x', 'y'),)"),
        "{py}"
    );
    std::fs::write(dir.0.join("models.py"), py).expect("write models.py");
    let again = run_ormsh::succeeding(
        &dir.0,
        &["again.db"],
        ".read models.py\ndb.create_all()\n.schema b\n",
    );
    assert_eq!(again.0, ddl, "{}", again.1);
}
