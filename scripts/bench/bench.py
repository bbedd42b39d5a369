#!/usr/bin/env python3
"""ormsh benchmark harness: generates each workload in three equivalent forms
(an ormsh script, a Flask-SQLAlchemy program, plain SQL for the sqlite3 CLI),
runs each several times and prints median wall time, peak memory and ratios.
A fourth form, the floor, is scripts/bench/floor: the workload's SQL driven
through rusqlite directly (prepared statements, one transaction), the
fastest any tool can drive SQLite (`ormsh / floor`).

Called by scripts/bench.sh, which installs what this needs; run it directly
only when ormsh, sqlite3, /usr/bin/time and a Python with Flask-SQLAlchemy
are already there:

    bench.py --ormsh PATH --python VENV/bin/python [--n 100000] [--reps 5]

Wall time is measured here around the whole process (spawn included, through
/usr/bin/time, which adds ~0.3 ms); peak memory is /usr/bin/time's %M
(maximum resident set size of the child, KiB). Nothing here is a test.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

# ---------------------------------------------------------------- sources

USER_ORM = """model User <
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False)
    email = db.Column(db.String(120), unique=True, nullable=False)
    __repr__ = '<User %r>' % self.username
>
"""

USER_PY = """class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False)
    email = db.Column(db.String(120), unique=True, nullable=False)
    def __repr__(self):
        return '<User %r>' % self.username
"""

# The DDL SQLAlchemy emits for the models (as its echo shows it).
USER_DDL = """CREATE TABLE user (
	id INTEGER NOT NULL, 
	username VARCHAR(80) NOT NULL, 
	email VARCHAR(120) NOT NULL, 
	PRIMARY KEY (id), 
	UNIQUE (username), 
	UNIQUE (email)
);
"""

BLOG_ORM = """model Category <
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    posts = db.relationship('Post', backref='category')
    __repr__ = '<Category %r>' % self.name
>
model Post <
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    category_id = db.Column(db.Integer, db.ForeignKey('category.id'), nullable=False)
    __repr__ = '<Post %r>' % self.title
>
"""

BLOG_PY = """class Category(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(50), nullable=False)
    posts = db.relationship('Post', backref='category')
    def __repr__(self):
        return '<Category %r>' % self.name

class Post(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    title = db.Column(db.String(80), nullable=False)
    category_id = db.Column(db.Integer, db.ForeignKey('category.id'), nullable=False)
    def __repr__(self):
        return '<Post %r>' % self.title
"""

BLOG_DDL = """CREATE TABLE category (
	id INTEGER NOT NULL, 
	name VARCHAR(50) NOT NULL, 
	PRIMARY KEY (id)
);
CREATE TABLE post (
	id INTEGER NOT NULL, 
	title VARCHAR(80) NOT NULL, 
	category_id INTEGER NOT NULL, 
	PRIMARY KEY (id), 
	FOREIGN KEY(category_id) REFERENCES category (id)
);
"""

# A Flask-SQLAlchemy program as the quickstart writes one; foreign keys on, as
# ormsh has them. BENCH_COUNT=1 in the environment prints the number of
# SELECT/INSERT/UPDATE/DELETE statements on stderr at exit (not when timed).
PY_PRELUDE = """import os, sys, atexit
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import joinedload, selectinload

@event.listens_for(Engine, "connect")
def _fk_on(conn, rec):
    cur = conn.cursor(); cur.execute("PRAGMA foreign_keys=ON"); cur.close()

if os.environ.get("BENCH_COUNT"):
    _n = [0]
    @event.listens_for(Engine, "before_cursor_execute")
    def _count(conn, cur, stmt, params, ctx, many):
        if stmt.lstrip().split(None, 1)[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE"):
            _n[0] += 1
    atexit.register(lambda: print("statements: %d" % _n[0], file=sys.stderr))

app = Flask("bench")
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.abspath(sys.argv[1])
db = SQLAlchemy(app)
app.app_context().push()

"""

USER_COLS = "user.id AS user_id, user.username AS user_username, user.email AS user_email"
CAT_COLS = "category.id AS category_id, category.name AS category_name"


def q(s):
    """A SQL string literal."""
    return "'" + s.replace("'", "''") + "'"


def w1_insert_sql(n):
    """BEGIN; N INSERTs as SQLAlchemy's unit of work writes them; COMMIT.
    (SQLAlchemy 2 on SQLite adds 'RETURNING id' and binds the values; the
    baseline is what a person writes by hand: the plain INSERT, literals.)"""
    lines = ["BEGIN;"]
    for i in range(n):
        lines.append(
            "INSERT INTO user (username, email) VALUES (%s, %s);"
            % (q(f"user{i}"), q(f"user{i}@example.com"))
        )
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


COUNT_SQL = (
    "SELECT count(*) AS count_1 FROM (SELECT " + USER_COLS + " FROM user) AS anon_1;\n"
)


def blog_insert_sql(cats, posts):
    lines = ["BEGIN;"]
    for i in range(cats):
        lines.append("INSERT INTO category (name) VALUES (%s);" % q(f"c{i}"))
    for i in range(cats):
        for j in range(posts):
            lines.append(
                "INSERT INTO post (title, category_id) VALUES (%s, %d);"
                % (q(f"p{i}-{j}"), i + 1)
            )
    lines.append("COMMIT;")
    return "\n".join(lines) + "\n"


POST_COLS = "post.id AS post_id, post.title AS post_title, post.category_id AS post_category_id"


def generate(work, n, cats, posts):
    """Write every source file under work/src; return their paths by key."""
    src = os.path.join(work, "src")
    os.makedirs(src, exist_ok=True)
    files = {}

    def put(key, text):
        path = os.path.join(src, key)
        with open(path, "w") as f:
            f.write(text)
        files[key] = path

    m = max(1, n // 10)
    # W1 insert
    put("w1.orm", USER_ORM + "db.create_all()\n"
        f"for i in range({n}): db.session.add(User(username=f'user{{i}}', email=f'user{{i}}@example.com'))\n"
        "db.session.commit()\nUser.query.count()\n")
    put("w1.py", PY_PRELUDE + USER_PY + "db.create_all()\n"
        f"for i in range({n}): db.session.add(User(username=f'user{{i}}', email=f'user{{i}}@example.com'))\n"
        "db.session.commit()\nprint(User.query.count())\n")
    put("w1.sql", "PRAGMA foreign_keys=ON;\n" + USER_DDL + w1_insert_sql(n) + COUNT_SQL)
    # W3 script: the same inserts, one line each (W1's SQL is already that)
    body = "".join(
        f"db.session.add(User(username='user{i}', email='user{i}@example.com'))\n"
        for i in range(n)
    )
    put("w3.orm", USER_ORM + "db.create_all()\n" + body + "db.session.commit()\nUser.query.count()\n")
    put("w3.py", PY_PRELUDE + USER_PY + "db.create_all()\n" + body
        + "db.session.commit()\nprint(User.query.count())\n")
    # W2 lookup, on the database W1 makes
    put("w2.orm", USER_ORM
        + f"for i in range({m}): print(User.query.filter_by(username=f'user{{i}}').first())\n")
    put("w2.py", PY_PRELUDE + USER_PY
        + f"for i in range({m}): print(User.query.filter_by(username=f'user{{i}}').first())\n")
    put("w2.sql", "PRAGMA foreign_keys=ON;\n" + "".join(
        f"SELECT {USER_COLS} FROM user WHERE user.username = {q(f'user{i}')} LIMIT 1 OFFSET 0;\n"
        for i in range(m)))
    # W4 relationships: the setup through the ORM, then three ways to read
    put("w4setup.orm", BLOG_ORM + "db.create_all()\n"
        f"for i in range({cats}): db.session.add(Category(name=f'c{{i}}', posts=[Post(title=f'p{{i}}-{{j}}') for j in range({posts})]))\n"
        "db.session.commit()\nPost.query.count()\n")
    put("w4setup.py", PY_PRELUDE + BLOG_PY + "db.create_all()\n"
        f"for i in range({cats}): db.session.add(Category(name=f'c{{i}}', posts=[Post(title=f'p{{i}}-{{j}}') for j in range({posts})]))\n"
        "db.session.commit()\nprint(Post.query.count())\n")
    put("w4setup.sql", "PRAGMA foreign_keys=ON;\n" + BLOG_DDL + blog_insert_sql(cats, posts)
        + "SELECT count(*) AS count_1 FROM (SELECT " + POST_COLS + " FROM post) AS anon_1;\n")
    for way, opt in (("lazy", ""), ("joined", ".options(joinedload(Category.posts))"),
                     ("selectin", ".options(selectinload(Category.posts))")):
        put(f"w4{way}.orm", BLOG_ORM + f"for c in Category.query{opt}.all(): print(c, c.posts)\n")
        put(f"w4{way}.py", PY_PRELUDE + BLOG_PY + f"for c in Category.query{opt}.all(): print(c, c.posts)\n")
    put("w4lazy.sql", "PRAGMA foreign_keys=ON;\n" + f"SELECT {CAT_COLS} FROM category;\n" + "".join(
        f"SELECT {POST_COLS} FROM post WHERE {c} = post.category_id;\n" for c in range(1, cats + 1)))
    put("w4joined.sql", "PRAGMA foreign_keys=ON;\n"
        f"SELECT {CAT_COLS}, post_1.id AS post_1_id, post_1.title AS post_1_title, "
        "post_1.category_id AS post_1_category_id FROM category "
        "LEFT OUTER JOIN post AS post_1 ON category.id = post_1.category_id;\n")
    # SQLAlchemy's selectin loader sends the parent keys 500 at a time
    sel = ["PRAGMA foreign_keys=ON;", f"SELECT {CAT_COLS} FROM category;"]
    for lo in range(1, cats + 1, 500):
        ids = ", ".join(str(c) for c in range(lo, min(cats, lo + 499) + 1))
        sel.append("SELECT post.category_id AS post_category_id, post.id AS post_id, "
                   f"post.title AS post_title FROM post WHERE post.category_id IN ({ids});")
    put("w4selectin.sql", "\n".join(sel) + "\n")
    # W5 output: every row, in repr and in table mode
    put("w5repr.orm", USER_ORM + "User.query.all()\n")
    put("w5repr.py", PY_PRELUDE + USER_PY + "print(User.query.all())\n")
    put("w5repr.sql", f"SELECT {USER_COLS} FROM user;\n")
    put("w5table.orm", USER_ORM + ".mode table\nUser.query.all()\n")
    put("w5table.sql", f".mode table\nSELECT {USER_COLS} FROM user;\n")
    return files


# ---------------------------------------------------------------- running

class Runner:
    def __init__(self, args):
        self.args = args
        self.warnings = []

    def warn(self, msg):
        self.warnings.append(msg)
        print("warning: " + msg, file=sys.stderr)

    def once(self, cmd, stdin, out, err, prepare):
        if prepare:
            prepare()
        tfile = out + ".time"
        with open(stdin or os.devnull, "rb") as fi, open(out, "wb") as fo, open(err, "wb") as fe:
            t0 = time.perf_counter()
            p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", tfile] + cmd,
                               stdin=fi, stdout=fo, stderr=fe)
            wall = time.perf_counter() - t0
        try:
            with open(tfile) as f:
                kib = int(f.read().strip().splitlines()[-1])
        except (OSError, ValueError, IndexError):
            kib = None
        return p.returncode, wall, kib

    def measure(self, label, forms):
        """forms: {form: (cmd, stdin, prepare)}. Warm-up runs first (their
        outputs are kept for the checks), then the timed runs, interleaved
        across the forms (ormsh, sqlite3, Flask, ormsh, ...) so that a change
        in the machine's load falls on every form alike."""
        slug = re.sub(r"[^A-Za-z0-9]+", "_", label).strip("_")
        st = {}
        for form, (cmd, stdin, prepare) in forms.items():
            base = os.path.join(self.args.work, "out", f"{slug}.{form}")
            st[form] = {"cmd": cmd, "stdin": stdin, "prepare": prepare, "out": base + ".out",
                        "err": base + ".err", "rc": 0, "walls": [], "mems": []}
        for _ in range(self.args.warmup):
            for s in st.values():
                if s["rc"] == 0:
                    s["rc"], _, _ = self.once(s["cmd"], s["stdin"], s["out"], s["err"], s["prepare"])
        for _ in range(self.args.reps):
            for s in st.values():
                if s["rc"] != 0:
                    continue
                s["rc"], wall, kib = self.once(s["cmd"], s["stdin"], s["out"], s["err"], s["prepare"])
                if s["rc"] == 0:
                    s["walls"].append(wall)
                    if kib is not None:
                        s["mems"].append(kib)
        res = {}
        for form, s in st.items():
            if s["rc"] != 0 or not s["walls"]:
                with open(s["err"], errors="replace") as f:
                    tail = f.read().strip().splitlines()[-3:]
                self.warn(f"{label} {form} failed (exit {s['rc']}): " + " | ".join(tail))
                res[form] = {"ok": False, "out": s["out"]}
                continue
            res[form] = {"ok": True, "out": s["out"], "ms": statistics.median(s["walls"]) * 1000,
                         "mib": statistics.median(s["mems"]) / 1024 if s["mems"] else None,
                         "runs_ms": [round(w * 1000, 2) for w in s["walls"]]}
        return res


def rm_db(path):
    def go():
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.remove(path + suffix)
            except FileNotFoundError:
                pass
    return go


def sqlite_build(sqlite3, db, sql_files):
    rm_db(db)()
    for s in sql_files:
        with open(s, "rb") as fi:
            subprocess.run([sqlite3, db], stdin=fi, stdout=subprocess.DEVNULL, check=True)


def read(path):
    with open(path, errors="replace") as f:
        return f.read()


def echo_count(ormsh, db, script):
    """Statements ormsh runs, from its echo (BEGIN/COMMIT/PRAGMA not counted)."""
    p = subprocess.run([ormsh, "--echo", db, "-f", script], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    n, first = 0, True
    for line in p.stderr.splitlines():
        if first and line.strip():
            if line.split(None, 1)[0].upper() in ("SELECT", "INSERT", "UPDATE", "DELETE"):
                n += 1
            first = False
        if line.startswith("[params]"):
            first = True
    return n if p.returncode == 0 else None


def py_count(python, db, script):
    p = subprocess.run([python, script, db], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       text=True, env=dict(os.environ, BENCH_COUNT="1"))
    m = re.search(r"statements: (\d+)", p.stderr)
    return int(m.group(1)) if m and p.returncode == 0 else None


def sql_count(sql):
    return sum(1 for line in read(sql).splitlines() if line.startswith("SELECT"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=100000, help="rows for W1-W3 and W5 (default 100000)")
    ap.add_argument("--reps", type=int, default=5, help="timed runs per form (default 5)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    ap.add_argument("--only", default="W1,W2,W3,W4,W5,W6", help="workloads, e.g. W1,W2")
    ap.add_argument("--forms", default="ormsh,sqlite3,flask,floor", help="which forms to run")
    ap.add_argument("--w4", default="1000x10", help="categories x posts for W4 (default 1000x10)")
    ap.add_argument("--w5-small", type=int, default=None,
                    help="the second W5 size, to show memory flat in N (default N/10)")
    ap.add_argument("--work", required=True, help="directory for sources, databases and outputs")
    ap.add_argument("--ormsh", required=True)
    ap.add_argument("--python", required=True, help="a Python with Flask-SQLAlchemy")
    ap.add_argument("--sqlite3", default=shutil.which("sqlite3") or "sqlite3")
    ap.add_argument("--floor", help="the floor program (scripts/bench/floor, built by bench.sh)")
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()

    only = {w.strip().upper() for w in args.only.split(",")}
    forms = {f.strip() for f in args.forms.split(",")}
    if not args.floor:
        forms.discard("floor")
    fl = os.path.abspath(args.floor) if args.floor else None
    cats, posts = (int(x) for x in args.w4.lower().split("x"))
    n = args.n
    small = args.w5_small or max(1, n // 10)
    work = args.work = os.path.abspath(args.work)
    shutil.rmtree(os.path.join(work, "out"), ignore_errors=True)
    for d in ("out", "db"):
        os.makedirs(os.path.join(work, d), exist_ok=True)
    R = Runner(args)
    ormsh, py, sq = os.path.abspath(args.ormsh), args.python, args.sqlite3

    t_start = time.time()
    print(f"generating workloads (N={n}) in {work}/src ...", file=sys.stderr)
    F = generate(work, n, cats, posts)
    dbdir = os.path.join(work, "db")
    if only & {"W2", "W5"}:
        small_sql = os.path.join(work, "src", "w5small.sql")
        with open(small_sql, "w") as f:
            f.write(USER_DDL + w1_insert_sql(small))
        print("building fixture databases with sqlite3 ...", file=sys.stderr)
        sqlite_build(sq, os.path.join(dbdir, "users_n.db"), [F["w1.sql"]])
        sqlite_build(sq, os.path.join(dbdir, "users_small.db"), [small_sql])
    if "W4" in only:
        sqlite_build(sq, os.path.join(dbdir, "blog.db"), [F["w4setup.sql"]])

    rows = []  # (label, {form: result}, note)
    stmt_counts = {}

    def run(label, cmds, note=""):
        todo = {f: c for f, c in cmds.items() if f in forms and c[0] is not None}
        print(f"  {label:<22} {', '.join(todo)} ...", file=sys.stderr, flush=True)
        res = R.measure(label, todo)
        for form, r in res.items():
            print(f"  {'':<22} {form:<8}" + (f" {r['ms']:10.1f} ms {r['mib'] or 0:8.1f} MiB"
                                            if r["ok"] else "  FAILED"), file=sys.stderr)
        rows.append((label, res, note))
        return res

    def fresh(form, label):
        return os.path.join(dbdir, f"{label}.{form}.db")

    def writing(label, key, py_key=None, sql_key=None, floor=()):
        d = {f: fresh(f, label) for f in ("ormsh", "flask", "sqlite3", "floor")}
        return {
            "floor": ([fl, floor[0], d["floor"], *floor[1:]], None, rm_db(d["floor"]))
            if fl and floor else (None, None, None),
            "ormsh": ([ormsh, d["ormsh"], "-f", F[key + ".orm"]], None, rm_db(d["ormsh"])),
            "sqlite3": ([sq, d["sqlite3"]], F[(sql_key or key) + ".sql"], rm_db(d["sqlite3"])),
            "flask": ([py, F[(py_key or key) + ".py"], d["flask"]], None, rm_db(d["flask"])),
        }

    def reading(db, key, sql=True, flask=True, floor=()):
        return {
            "floor": ([fl, floor[0], db, *floor[1:]], None, None)
            if fl and floor else (None, None, None),
            "ormsh": ([ormsh, db, "-f", F[key + ".orm"]], None, None),
            "sqlite3": ([sq, db], F[key + ".sql"], None) if sql else (None, None, None),
            "flask": ([py, F[key + ".py"], db], None, None) if flask else (None, None, None),
        }

    def check_same(label, res, forms_, norm=lambda s: s):
        got = {f: norm(read(res[f]["out"])) for f in forms_ if f in res and res[f]["ok"]}
        vals = list(got.values())
        if len(vals) >= 2 and any(v != vals[0] for v in vals[1:]):
            R.warn(f"{label}: outputs differ between {', '.join(got)} (see {work}/out)")

    count_line = lambda s: s.strip().splitlines()[-1] if s.strip() else ""
    if "W1" in only:
        res = run("W1 insert", writing("W1", "w1", floor=("w1", str(n))))
        check_same("W1", res, ["ormsh", "flask", "sqlite3", "floor"], count_line)
    if "W2" in only:
        res = run(f"W2 lookup ({n // 10 or 1})", reading(os.path.join(dbdir, "users_n.db"), "w2",
                                                          floor=("w2", str(n // 10 or 1))))
        check_same("W2", res, ["ormsh", "flask", "floor"])
        if "sqlite3" in res and res["sqlite3"]["ok"] and "ormsh" in res and res["ormsh"]["ok"]:
            as_repr = "".join("<User %r>\n" % l.split("|")[1]
                              for l in read(res["sqlite3"]["out"]).splitlines() if "|" in l)
            if as_repr != read(res["ormsh"]["out"]):
                R.warn(f"W2: ormsh's users differ from sqlite3's rows (see {work}/out)")
    if "W3" in only:
        res = run("W3 script", writing("W3", "w3", sql_key="w1", floor=("w1", str(n))))
        check_same("W3", res, ["ormsh", "flask", "sqlite3", "floor"], count_line)
    if "W4" in only:
        res = run(f"W4 setup ({cats}x{posts})",
                  writing("W4", "w4setup", floor=("w4setup", str(cats), str(posts))))
        check_same("W4 setup", res, ["ormsh", "flask", "sqlite3", "floor"], count_line)
        blog = os.path.join(dbdir, "blog.db")
        for way in ("lazy", "joined", "selectin"):
            res = run(f"W4 {way}", reading(blog, f"w4{way}", floor=("w4", way)))
            check_same(f"W4 {way}", res, ["ormsh", "flask", "floor"])
            if "sqlite3" in res and res["sqlite3"]["ok"]:
                rows_ = len(read(res["sqlite3"]["out"]).splitlines())
                want = {"lazy": cats + cats * posts, "joined": cats * posts,
                        "selectin": cats + cats * posts}[way]
                if rows_ != want:
                    R.warn(f"W4 {way}: sqlite3 printed {rows_} rows, expected {want}")
            stmt_counts[way] = {
                "ormsh": echo_count(ormsh, blog, F[f"w4{way}.orm"]) if "ormsh" in forms else None,
                "flask": py_count(py, blog, F[f"w4{way}.py"]) if "flask" in forms else None,
                "sqlite3": sql_count(F[f"w4{way}.sql"]),
            }
    if "W5" in only:
        has_table = subprocess.run([ormsh, "-c", ".mode table"], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL).returncode == 0
        for size, db in ((small, "users_small.db"), (n, "users_n.db")):
            db = os.path.join(dbdir, db)
            res = run(f"W5 repr ({size})", reading(db, "w5repr", floor=("w5", "repr")))
            check_same(f"W5 repr ({size})", res, ["ormsh", "flask", "floor"])
            for f in ("ormsh", "flask"):
                if f in res and res[f]["ok"] and read(res[f]["out"]).count("<User '") != size:
                    R.warn(f"W5 repr ({size}): {f} did not print {size} users")
            if "sqlite3" in res and res["sqlite3"]["ok"] and \
                    len(read(res["sqlite3"]["out"]).splitlines()) != size:
                R.warn(f"W5 repr ({size}): sqlite3 did not print {size} rows")
            cmds = reading(db, "w5table", flask=False, floor=("w5", "table"))
            note = ""
            if not has_table:
                cmds["ormsh"] = (None, None, None)
                note = "ormsh has no `.mode table` yet: skipped"
            res = run(f"W5 table ({size})", cmds, note)
            check_same(f"W5 table ({size})", res, ["ormsh", "floor"])
            if "ormsh" in res and res["ormsh"]["ok"] and \
                    read(res["ormsh"]["out"]).count("user%d@example.com" % (size - 1)) != 1:
                R.warn(f"W5 table ({size}): ormsh's table lacks the last row")
    if "W6" in only:
        run("W6 start", {
            "ormsh": ([ormsh, "-c", "1"], None, None),
            "sqlite3": ([sq, ":memory:", "select 1"], None, None),
            "flask": ([py, "-c", "import flask_sqlalchemy"], None, None),
            "floor": ([fl, "start"], None, None) if fl else (None, None, None),
        })
        run("spawn baseline: /bin/true", {"ormsh": (["/bin/true"], None, None)},
            "the cost of starting any process through this harness")

    # ------------------------------------------------------------ the table
    def fmt(r, key, spec):
        if not r:
            return "—"
        if not r["ok"]:
            return "FAILED"
        return spec % r[key] if r.get(key) is not None else "—"

    def ratio(a, b):
        if a and b and a["ok"] and b["ok"] and b["ms"] > 0:
            return "%.2f×" % (a["ms"] / b["ms"])
        return "—"

    lines = [
        "| workload | ormsh ms | ormsh MiB | floor ms | floor MiB | sqlite3 ms | sqlite3 MiB | Flask-SQLA ms | Flask-SQLA MiB | ormsh / floor | ormsh / sqlite3 | Flask-SQLA / ormsh |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    notes = []
    for label, res, note in rows:
        o, s, f, fl_ = res.get("ormsh"), res.get("sqlite3"), res.get("flask"), res.get("floor")
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
            label, fmt(o, "ms", "%.1f"), fmt(o, "mib", "%.1f"), fmt(fl_, "ms", "%.1f"),
            fmt(fl_, "mib", "%.1f"), fmt(s, "ms", "%.1f"),
            fmt(s, "mib", "%.1f"), fmt(f, "ms", "%.1f"), fmt(f, "mib", "%.1f"),
            ratio(o, fl_), ratio(o, s), ratio(f, o)))
        if note:
            notes.append(f"- {label}: {note}")
    if stmt_counts:
        lines += ["", "W4 statements run (SELECTs; ormsh from `--echo`, Flask-SQLAlchemy from "
                  "a cursor event, sqlite3 as written):", "",
                  "| loading | ormsh | Flask-SQLAlchemy | sqlite3 file |", "|---|---:|---:|---:|"]
        for way, c in stmt_counts.items():
            lines.append("| %s | %s | %s | %s |" % (way, *(("—" if c[k] is None else c[k])
                                                        for k in ("ormsh", "flask", "sqlite3"))))
    lines.append("")
    lines.append(f"N={n}, W2 lookups={n // 10 or 1}, W4 {cats}x{posts}, W5 sizes {small} and {n}; "
                 f"median of {args.reps} runs after {args.warmup} warm-up; wall time includes "
                 "process start; memory is peak RSS.")
    lines += notes
    try:
        lines.append("- load average at the end (1/5/15 min): " + "%.2f %.2f %.2f" % os.getloadavg() + f" on {os.cpu_count()} CPUs")
    except OSError:
        pass
    if R.warnings:
        lines += [""] + ["warning: " + w for w in R.warnings]
    table = "\n".join(lines)
    print()
    print(table)
    with open(os.path.join(work, "results.md"), "w") as f:
        f.write(table + "\n")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"n": n, "reps": args.reps, "rows": [
                {"workload": l, "note": nt, "results": r} for l, r, nt in rows],
                "w4_statements": stmt_counts, "warnings": R.warnings}, f, indent=1)
    print(f"\n(took {time.time() - t_start:.0f} s; outputs in {work}/out, table in {work}/results.md)",
          file=sys.stderr)
    return 1 if R.warnings else 0


if __name__ == "__main__":
    sys.exit(main())
