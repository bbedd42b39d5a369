//! A function defined with `def` that a model's `default=` names (issue
//! 15): stored beside the model when it is `def NAME(): return EXPR`,
//! loaded again when the file opens (its calls bound by declaration mode)
//! and written by `.export python` before the model; any other function
//! is named in a note when the model is defined, and a stored function
//! row that is more than that is refused on open.

mod run_ormsh;
mod scratch;
use scratch::FreshDir;
use std::path::Path;

/// A fresh working directory for one test, removed when dropped.
fn fresh(name: &str) -> FreshDir {
    FreshDir::new(&format!("persist-functions-{name}"))
}

/// Run ormsh on `app.db` in `dir`, `script` on standard input: (stdout,
/// stderr), after checking it exited 0.
fn ormsh(dir: &Path, script: &str) -> (String, String) {
    run_ormsh::succeeding(dir, &["app.db"], script)
}

const ITEM: &str = "def make_code():
    \"\"\"A code for a new item.\"\"\"
    return 'c' + str(len('abc'))

class Item(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    code = db.Column(db.String, default=make_code)

db.create_all()
db.session.add(Item())
db.session.commit()
";

#[test]
fn a_default_function_comes_back_with_its_model() {
    let dir = fresh("comes-back");
    let (_, err) = ormsh(&dir.0, ITEM);
    assert_eq!(err, "", "nothing to note");
    let (out, err) = ormsh(
        &dir.0,
        "db.session.add(Item())\ndb.session.commit()\n[i.code for i in Item.query.all()]\nmake_code\n",
    );
    assert_eq!(err, "", "the model loads");
    assert_eq!(out, "['c3', 'c3']\n<function make_code>\n");
    let (out, _) = ormsh(&dir.0, ".export python\n");
    let def = out.find("def make_code():\n    \"\"\"A code for a new item.\"\"\"\n    return 'c' + str(len('abc'))\n");
    let class = out.find("class Item(db.Model):");
    assert!(
        matches!((def, class), (Some(d), Some(c)) if d < c),
        "the function is exported before its model:\n{out}"
    );
    assert!(out.contains("default=make_code"), "{out}");
}

#[test]
fn a_function_that_cannot_be_stored_is_named_when_the_model_is_defined() {
    let dir = fresh("unstorable");
    let script = ITEM.replace(
        "    return 'c' + str(len('abc'))\n",
        "    x = 'c'\n    return x + '3'\n",
    );
    let (_, err) = ormsh(&dir.0, &script);
    assert!(
        err.contains("note: the function make_code cannot be stored in the file")
            && err.contains("def make_code(): return ..."),
        "{err}"
    );
    let (_, err) = ormsh(&dir.0, "1\n");
    assert!(
        err.contains("the stored model Item was not loaded: it uses the name make_code"),
        "{err}"
    );
}

#[test]
fn a_stored_function_row_is_held_to_a_declaration() {
    let dir = fresh("hostile");
    ormsh(&dir.0, ITEM);
    // A row changed behind ormsh's back: a statement besides the return,
    // then a body that reaches the session.
    for (body, why) in [
        (
            "def make_code():\n    import os\n    return 'x'\n",
            "the stored function make_code was not loaded: a stored function must be def NAME(): or def NAME(context): with one return EXPR line",
        ),
        (
            "def make_code():\n    return db.session.execute(1)\n",
            "the stored function make_code was not loaded: it uses db.session",
        ),
    ] {
        let sql = format!(
            ".sql UPDATE _ormsh_models SET source = '{}' WHERE kind = 'function'\ndb.session.commit()\n",
            body.replace('\'', "''").replace('\n', "' || char(10) || '")
        );
        ormsh(&dir.0, &sql);
        let (out, err) = ormsh(&dir.0, "1\n");
        assert!(err.contains(why), "{err}");
        assert!(
            err.contains("the stored model Item was not loaded"),
            "the model that names it is not loaded either: {err}"
        );
        assert_eq!(out, "1\n");
    }
}
