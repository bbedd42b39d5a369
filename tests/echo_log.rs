//! `SQLALCHEMY_ECHO = True` echoes statements as Python's logging writes
//! SQLAlchemy's engine log: `asctime levelname name message`, with the
//! parameter line tagged `[generated in …]`, then `[cached since … ago]`
//! for the same statement, `[no key …]` for DDL; on stdout, as
//! SQLAlchemy's default handler writes them. `db.engine.echo = True`
//! turns the same log on from then.

mod scratch;
use std::process::Command;

/// `2026-11-30 10:04:46,657 INFO sqlalchemy.engine.Engine ` at the start.
fn logged(line: &str) -> Option<&str> {
    let b = line.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let shape = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && digits(8..10)
        && b.get(10) == Some(&b' ')
        && digits(11..13)
        && digits(14..16)
        && digits(17..19)
        && b.get(19) == Some(&b',')
        && digits(20..23);
    if !shape {
        return None;
    }
    line.get(23..)?
        .strip_prefix(" INFO sqlalchemy.engine.Engine ")
}

/// Run `app` (a Flask app's Python text) with `ormsh -f`, in a scratch
/// directory of its own named `name`, removed after.
fn run_app(name: &str, app: &str) -> std::process::Output {
    let dir = scratch::dir(name);
    std::fs::create_dir_all(&dir).unwrap();
    let script = dir.join("app.py");
    std::fs::write(&script, app).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ormsh"))
        .arg("-f")
        .arg(&script)
        .current_dir(&dir)
        .output()
        .unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    out
}

#[test]
fn sqlalchemy_echo_writes_python_logging_lines() {
    let out = run_app(
        "echo-log",
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n\
         app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\napp.config['SQLALCHEMY_ECHO'] = True\n\
         db = SQLAlchemy(app)\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\
         with app.app_context():\n    db.create_all()\n    db.session.get(User, 1)\n    db.session.get(User, 2)\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // SQLAlchemy's default handler writes to sys.stdout.
    let err = String::from_utf8_lossy(&out.stdout);
    let messages: Vec<&str> = err.lines().filter_map(logged).collect();
    assert!(messages.contains(&"BEGIN (implicit)"), "{err}");
    let tags: Vec<&str> = messages
        .iter()
        .filter(|m| m.starts_with('['))
        .map(|m| m.split(' ').next().unwrap_or(""))
        .collect();
    // create_all's `has_table` PRAGMAs (main, temp), its CREATE TABLE,
    // then the two SELECTs.
    assert_eq!(
        tags,
        ["[raw", "[raw", "[no", "[generated", "[cached"],
        "{err}"
    );
}

#[test]
fn engine_echo_set_logs_from_then_on_stdout() {
    let out = run_app(
        "echo-set",
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n\
         app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\ndb = SQLAlchemy(app)\n\
         class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\
         with app.app_context():\n    db.create_all()\n    db.engine.echo = True\n    print(db.engine.echo)\n    db.session.get(User, 1)\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.is_empty(), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.first(), Some(&"True"), "{text}");
    let messages: Vec<&str> = lines.iter().filter_map(|l| logged(l)).collect();
    // No CREATE TABLE: the log starts with the assignment.
    assert!(!messages.iter().any(|m| m.starts_with("CREATE")), "{text}");
    assert!(
        messages.iter().any(|m| m.starts_with("[generated in ")),
        "{text}"
    );
    assert!(lines.contains(&"WHERE user.id = ?"), "{text}");
}

/// The log's lines after `create_all`'s COMMIT, each logged message as it
/// stands (a parameter line as its tag's first word) and the unprefixed
/// lines of a statement that spans several.
fn after_create_all(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| logged(l) == Some("COMMIT"))
        .map_or(lines.len(), |i| i + 1);
    lines[start..]
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| match logged(l) {
            Some(m) if m.starts_with('[') => m.split(' ').next().unwrap_or("").to_string(),
            Some(m) => m.to_string(),
            None => l.to_string(),
        })
        .collect()
}

#[test]
fn the_session_log_begins_on_a_read_and_ends_with_the_app_context() {
    let out = run_app(
        "echo-session",
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n\
         app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\napp.config['SQLALCHEMY_ECHO'] = True\n\
         db = SQLAlchemy(app)\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(20))\n\n\
         with app.app_context():\n    db.create_all()\n    db.session.add(User(name='a'))\n    db.session.commit()\n    \
         db.session.get(User, 1)\n    db.session.get(User, 2)\n",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The reference's log (scripts/pyref/expect) from the same point.
    let text = String::from_utf8_lossy(&out.stdout);
    let select = [
        "SELECT user.id, user.name ",
        "FROM user ",
        "WHERE user.id = ?",
    ];
    let mut want = vec![
        "BEGIN (implicit)",
        "INSERT INTO user (name) VALUES (?)",
        "[generated",
        "COMMIT",
        "BEGIN (implicit)",
    ];
    want.extend(select);
    want.push("[generated");
    want.extend(select);
    want.extend(["[cached", "ROLLBACK"]);
    assert_eq!(after_create_all(&text), want, "{text}");
}

/// Every line of the output, a logged message as it stands (a parameter
/// line as its tag's first word), blank lines left out.
fn messages_of(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.is_empty())
        .map(|l| match logged(l) {
            Some(m) if m.starts_with('[') => m.split(' ').next().unwrap_or("").to_string(),
            Some(m) => m.to_string(),
            None => l.to_string(),
        })
        .collect()
}

/// `db.engine.echo = True` while the session's transaction is open logs
/// nothing of that transaction, its COMMIT included (SQLAlchemy's
/// `Connection._echo`, decided when the connection began); the next
/// transaction logs from its `BEGIN (implicit)`; `echo = False` stops
/// the log at once. The reference's log (scripts/pyref/expect's
/// virtualenv) of the same text.
#[test]
fn echo_set_inside_a_transaction_starts_with_the_next_one() {
    let out = run_app(
        "echo-mid-tx",
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n\
         app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\ndb = SQLAlchemy(app)\n\
         class User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String)\n\n\
         with app.app_context():\n    db.create_all()\n    db.session.add(User(name='a'))\n    db.session.commit()\n    \
         u = db.session.get(User, 1)\n    print('--- on')\n    db.engine.echo = True\n    db.session.get(User, 1)\n    \
         db.session.add(User(name='b'))\n    db.session.commit()\n    print('--- committed')\n    User.query.count()\n    \
         db.engine.echo = False\n    User.query.count()\n    print('--- off')\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    let want = [
        "--- on",
        "--- committed",
        "BEGIN (implicit)",
        "SELECT count(*) AS count_1 ",
        "FROM (SELECT user.id AS user_id, user.name AS user_name ",
        "FROM user) AS anon_1",
        "[generated",
        "--- off",
    ];
    assert_eq!(messages_of(&text), want, "{text}");
}

/// `create_all` and `drop_all` log SQLAlchemy's `has_table` check of each
/// table in the metadata's order: `PRAGMA main.table_info("t")`, and
/// `temp`'s when main has no such table (the reference's log).
#[test]
fn create_all_logs_the_table_checks() {
    let out = run_app(
        "echo-has-table",
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n\
         app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\napp.config['SQLALCHEMY_ECHO'] = True\n\
         db = SQLAlchemy(app)\nclass User(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\
         class Post(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    user_id = db.Column(db.ForeignKey('user.id'))\n\n\
         with app.app_context():\n    db.create_all()\n    print('--- again')\n    db.create_all()\n    \
         print('--- drop')\n    db.drop_all()\n    print('--- drop again')\n    db.drop_all()\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    let checks = |both: bool| {
        let mut v = Vec::new();
        for t in ["user", "post"] {
            v.push(format!("PRAGMA main.table_info(\"{t}\")"));
            v.push("[raw".to_string());
            if both {
                v.push(format!("PRAGMA temp.table_info(\"{t}\")"));
                v.push("[raw".to_string());
            }
        }
        v
    };
    let got = messages_of(&text);
    let pragmas = |from: &str, to: &str| -> Vec<String> {
        let start = got.iter().position(|l| l == from).map_or(0, |i| i + 1);
        let end = got.iter().position(|l| l == to).unwrap_or(got.len());
        got[start..end]
            .iter()
            .filter(|l| l.starts_with("PRAGMA") || l.starts_with("[raw"))
            .cloned()
            .collect()
    };
    assert_eq!(
        got.first().map(String::as_str),
        Some("BEGIN (implicit)"),
        "{text}"
    );
    assert_eq!(
        pragmas("BEGIN (implicit)", "--- again"),
        checks(true),
        "{text}"
    );
    assert_eq!(pragmas("--- again", "--- drop"), checks(false), "{text}");
    assert_eq!(
        pragmas("--- drop", "--- drop again"),
        checks(false),
        "{text}"
    );
    assert_eq!(pragmas("--- drop again", "\u{0}"), checks(true), "{text}");
}

/// The log lines of `text`, each parameter line's timing left out
/// (`[generated in 0.00012s]` as `[generated]`, `[cached since 3.2s ago]`
/// as `[cached]`), its parameters kept.
fn untimed(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(logged)
        .map(|m| {
            let Some(rest) = m.strip_prefix('[') else {
                return m.to_string();
            };
            for (word, end) in [("generated in ", "s"), ("cached since ", "s ago")] {
                if let Some(after) = rest.strip_prefix(word) {
                    let took = after.find([' ', ']']).unwrap_or(after.len());
                    let tail = after[took..]
                        .strip_prefix(&end[1..])
                        .unwrap_or(&after[took..]);
                    return format!(
                        "[{}{tail}",
                        word.trim_end_matches(" in ").trim_end_matches(" since ")
                    );
                }
            }
            m.to_string()
        })
        .collect()
}

/// A flush's statements of several rows are logged as SQLAlchemy logs
/// them on SQLite: an UPDATE, DELETE or INSERT without RETURNING of one
/// shape is one `executemany` (its rows a list, cached apart from a
/// single execution), INSERTs reading back the numbered key are
/// insertmanyvalues (`INSERT INTO k (id) VALUES (NULL) RETURNING id` for
/// a key-only table); an attribute set to SQL is written inline, its row
/// alone. The reference's log (scripts/pyref/expect) of the same text.
#[test]
fn flush_batches_log_as_executemany_and_insertmanyvalues() {
    let out = run_app(
        "echo-batches",
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n\
         app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\ndb = SQLAlchemy(app)\n\
         tags = db.Table('tags', db.Column('u_id', db.ForeignKey('u.id'), primary_key=True), \
         db.Column('t_id', db.ForeignKey('t.id'), primary_key=True))\n\
         class U(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(20))\n    \
         ts = db.relationship('T', secondary=tags)\n\n\
         class T(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\
         class K(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n\n\
         with app.app_context():\n    db.create_all()\n    db.engine.echo = True\n    \
         ks = [K(id=1), K(id=2), K(), K(), K()]\n    db.session.add_all(ks)\n    db.session.flush()\n    \
         u = U(name='a', ts=[T(), T()])\n    v = U(name='b')\n    db.session.add_all([u, v])\n    db.session.flush()\n    \
         u.name = 'a!'\n    v.name = 'b!'\n    db.session.flush()\n    \
         u.name = U.name + '?'\n    v.name = 'c'\n    db.session.flush()\n    \
         for k in ks:\n        db.session.delete(k)\n    db.session.flush()\n    \
         w = U(name=db.func.upper('w'))\n    x = U(name=db.func.upper('x'))\n    db.session.add_all([w, x])\n    \
         db.session.flush()\n    db.session.commit()\n    db.engine.echo = False\n    print(u.name, w.name, x.name)\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    let ordered = "(ordered; batch not supported)]";
    let want: Vec<String> = [
        "BEGIN (implicit)",
        "INSERT INTO k (id) VALUES (?)",
        "[generated] [(1,), (2,)]",
        "INSERT INTO k (id) VALUES (NULL) RETURNING id",
        &format!("[generated (insertmanyvalues) 1/3 {ordered} ()"),
        "INSERT INTO k (id) VALUES (NULL) RETURNING id",
        &format!("[insertmanyvalues 2/3 {ordered} ()"),
        "INSERT INTO k (id) VALUES (NULL) RETURNING id",
        &format!("[insertmanyvalues 3/3 {ordered} ()"),
        "INSERT INTO t (id) VALUES (NULL) RETURNING id",
        &format!("[generated (insertmanyvalues) 1/2 {ordered} ()"),
        "INSERT INTO t (id) VALUES (NULL) RETURNING id",
        &format!("[insertmanyvalues 2/2 {ordered} ()"),
        "INSERT INTO u (name) VALUES (?) RETURNING id",
        &format!("[generated (insertmanyvalues) 1/2 {ordered} ('a',)"),
        "INSERT INTO u (name) VALUES (?) RETURNING id",
        &format!("[insertmanyvalues 2/2 {ordered} ('b',)"),
        "INSERT INTO tags (u_id, t_id) VALUES (?, ?)",
        "[generated] [(1, 1), (1, 2)]",
        "UPDATE u SET name=? WHERE u.id = ?",
        "[generated] [('a!', 1), ('b!', 2)]",
        "UPDATE u SET name=(u.name || ?) WHERE u.id = ?",
        "[generated] ('?', 1)",
        "UPDATE u SET name=? WHERE u.id = ?",
        "[generated] ('c', 2)",
        "DELETE FROM k WHERE k.id = ?",
        "[generated] [(1,), (2,), (3,), (4,), (5,)]",
        "INSERT INTO u (name) VALUES (upper(?))",
        "[generated] ('w',)",
        "INSERT INTO u (name) VALUES (upper(?))",
        "[cached] ('x',)",
        "COMMIT",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(untimed(&text), want, "{text}");
    assert!(text.ends_with("a!? W X\n"), "{text}");
}

/// A flush's INSERT batches group rows by the keys they give, as
/// SQLAlchemy's `_emit_insert_statements` does: a row whose column a
/// Python-side `default=` (a callable or a scalar) fills is batched only
/// with rows that left the same columns to their defaults, and the
/// statement is cached apart for each set of keys given (`generated`
/// again for the same text). The reference's log (the venv's Python on
/// the same app) of the same text.
#[test]
fn flush_inserts_group_rows_by_the_keys_they_give() {
    let out = run_app(
        "echo-default-groups",
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\napp = Flask(__name__)\n\
         app.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\ndb = SQLAlchemy(app)\n\
         n = [0]\ndef nxt():\n    n[0] += 1\n    return 'gen%d' % n[0]\n\n\
         class U(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    \
         name = db.Column(db.String(20), default=nxt)\n    age = db.Column(db.Integer, default=7)\n\n\
         with app.app_context():\n    db.create_all()\n    db.engine.echo = True\n    \
         db.session.add_all([U(name='a'), U(name='b'), U(), U(), U(name='c')])\n    db.session.flush()\n    \
         db.session.add_all([U(name='d', age=1), U(name='e', age=2), U(name='f'), U(name=None, age=3)])\n    \
         db.session.commit()\n    db.engine.echo = False\n    \
         print([(u.id, u.name, u.age) for u in U.query.order_by(U.id)])\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    let ordered = "(ordered; batch not supported)]";
    let many = "INSERT INTO u (name, age) VALUES (?, ?) RETURNING id";
    let one = "INSERT INTO u (name, age) VALUES (?, ?)";
    let want: Vec<String> = [
        "BEGIN (implicit)",
        many,
        &format!("[generated (insertmanyvalues) 1/2 {ordered} ('a', 7)"),
        many,
        &format!("[insertmanyvalues 2/2 {ordered} ('b', 7)"),
        many,
        &format!("[generated (insertmanyvalues) 1/2 {ordered} ('gen1', 7)"),
        many,
        &format!("[insertmanyvalues 2/2 {ordered} ('gen2', 7)"),
        one,
        "[generated] ('c', 7)",
        many,
        &format!("[generated (insertmanyvalues) 1/2 {ordered} ('d', 1)"),
        many,
        &format!("[insertmanyvalues 2/2 {ordered} ('e', 2)"),
        one,
        "[cached] ('f', 7)",
        one,
        "[generated] ('gen3', 3)",
        "COMMIT",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    assert_eq!(untimed(&text), want, "{text}");
    assert!(
        text.ends_with(
            "[(1, 'a', 7), (2, 'b', 7), (3, 'gen1', 7), (4, 'gen2', 7), (5, 'c', 7), \
             (6, 'd', 1), (7, 'e', 2), (8, 'f', 7), (9, 'gen3', 3)]\n"
        ),
        "{text}"
    );
}

/// `db.session.execute(text(...), [{...}, {...}])` is one `executemany`:
/// the text once, then every set in one list — the reference's log
/// (scripts/pyref/expect) of the same statements.
#[test]
fn text_with_a_list_of_sets_logs_one_executemany() {
    let out = run_app(
        "echo-text-many",
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\nfrom sqlalchemy import text\n\
         app = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\ndb = SQLAlchemy(app)\n\
         class T(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(20))\n\n\
         with app.app_context():\n    db.create_all()\n    db.engine.echo = True\n    \
         r = db.session.execute(text('insert into t (name) values (:name)'), [{'name': 'a'}, {'name': 'b'}, {'name': 'c'}])\n    \
         print(r.rowcount)\n    \
         db.session.execute(text('update t set name = :new where name = :old'), [{'new': 'x', 'old': 'a'}, {'new': 'y', 'old': 'b'}])\n    \
         db.session.commit()\n    db.engine.echo = False\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    let want = [
        "BEGIN (implicit)",
        "insert into t (name) values (?)",
        "[generated] [('a',), ('b',), ('c',)]",
        "update t set name = ? where name = ?",
        "[generated] [('x', 'a'), ('y', 'b')]",
        "COMMIT",
    ];
    assert_eq!(untimed(&text), want, "{text}");
    assert!(text.contains("\n3\n"), "{text}");
}

/// `Connection.exec_driver_sql(sql, [(...), (...)])` is one `executemany`
/// too, tagged `[raw sql]` — the reference's log of the same statement.
#[test]
fn exec_driver_sql_with_a_list_logs_one_executemany() {
    let out = run_app(
        "echo-driver-many",
        "from flask import Flask\nfrom flask_sqlalchemy import SQLAlchemy\n\
         app = Flask(__name__)\napp.config['SQLALCHEMY_DATABASE_URI'] = 'sqlite://'\ndb = SQLAlchemy(app)\n\
         class T(db.Model):\n    id = db.Column(db.Integer, primary_key=True)\n    name = db.Column(db.String(20))\n\n\
         with app.app_context():\n    db.create_all()\n    db.engine.echo = True\n    \
         print(db.session.connection().exec_driver_sql('insert into t (name) values (?)', [('a',), ('b',)]).rowcount)\n    \
         db.session.commit()\n    db.engine.echo = False\n",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    let text = String::from_utf8_lossy(&out.stdout);
    let want = [
        "BEGIN (implicit)",
        "insert into t (name) values (?)",
        "[raw sql] [('a',), ('b',)]",
        "COMMIT",
    ];
    assert_eq!(untimed(&text), want, "{text}");
    assert!(text.contains("\n2\n"), "{text}");
}
