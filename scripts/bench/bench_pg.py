#!/usr/bin/env python3
"""ormsh on PostgreSQL beside Flask-SQLAlchemy with psycopg2 on the same
server (issue 19): W1 insert, W2 lookup and W4 relationships of
scripts/bench/bench.py, the same ormsh scripts and Flask programs with the
database a PostgreSQL URL. Each run gets a fresh schema (W2 and the W4
reads run on the rows an untimed W1 / W4 setup left there); the table
gives the median wall time of the whole process, its peak memory
(/usr/bin/time's %M) and ormsh / Flask. Nothing here is a test.

Called by scripts/bench-pg.sh (which starts a hermetic server, builds
ormsh and makes the virtualenv); run directly with a Python that has
Flask-SQLAlchemy and psycopg2:

    bench_pg.py --ormsh PATH --url postgresql://user@/db?host=DIR [--n 10000] [--reps 3]
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

import psycopg2

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import BLOG_ORM, BLOG_PY, USER_ORM, USER_PY  # noqa: E402

SCHEMA = "ormsh_bench"

# bench.py's prelude without SQLite's PRAGMA: PostgreSQL enforces foreign
# keys always. The URL comes from the environment (BENCH_URL).
PY_PRELUDE = """import os
from flask import Flask
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import joinedload, selectinload

app = Flask("bench")
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["BENCH_URL"]
db = SQLAlchemy(app)
app.app_context().push()

"""


def in_schema(url, scheme):
    """`url` on the bench's schema (libpq's options=-csearch_path=…),
    its scheme replaced by `scheme`."""
    rest = url.split("://", 1)[1]
    sep = "&" if "?" in rest else "?"
    return f"{scheme}://{rest}{sep}options=-csearch_path%3D{SCHEMA}"


def fresh_schema(url):
    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cur.execute(f"CREATE SCHEMA {SCHEMA}")
    conn.close()


def sources(n, cats, posts):
    """Each workload's ormsh script and Flask program, by key."""
    m = max(1, n // 10)
    add_users = (f"for i in range({n}): db.session.add(User(username=f'user{{i}}', "
                 "email=f'user{i}@example.com'))\n")
    add_blog = (f"for i in range({cats}): db.session.add(Category(name=f'c{{i}}', "
                f"posts=[Post(title=f'p{{i}}-{{j}}') for j in range({posts})]))\n")
    lookup = f"for i in range({m}): print(User.query.filter_by(username=f'user{{i}}').first())\n"
    src = {
        "w1": (USER_ORM + "db.create_all()\n" + add_users + "db.session.commit()\nUser.query.count()\n",
               USER_PY + "db.create_all()\n" + add_users
               + "db.session.commit()\nprint(User.query.count())\n"),
        "w2": (USER_ORM + lookup, USER_PY + lookup),
        "w4setup": (BLOG_ORM + "db.create_all()\n" + add_blog + "db.session.commit()\nPost.query.count()\n",
                    BLOG_PY + "db.create_all()\n" + add_blog
                    + "db.session.commit()\nprint(Post.query.count())\n"),
    }
    for way, opt in (("lazy", ""), ("joined", ".options(joinedload(Category.posts))"),
                     ("selectin", ".options(selectinload(Category.posts))")):
        loop = f"for c in Category.query{opt}.all(): print(c, c.posts)\n"
        src[f"w4{way}"] = (BLOG_ORM + loop, BLOG_PY + loop)
    return src


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ormsh", required=True)
    ap.add_argument("--url", required=True, help="the server's postgresql:// URL (libpq form)")
    ap.add_argument("--n", type=int, default=10000, help="rows for W1 (W2 looks up n/10); default 10000")
    ap.add_argument("--reps", type=int, default=3, help="timed runs of each form (default 3)")
    ap.add_argument("--w4", default="200x10", help="categories x posts for W4 (default 200x10)")
    ap.add_argument("--work", default="target/bench-pg", help="where sources and outputs go")
    args = ap.parse_args()
    cats, posts = (int(x) for x in args.w4.split("x"))
    os.makedirs(args.work, exist_ok=True)
    src = sources(args.n, cats, posts)
    paths = {}
    for key, (orm, py) in src.items():
        for ext, text in (("orm", orm), ("py", PY_PRELUDE + py)):
            p = os.path.join(args.work, f"{key}.{ext}")
            with open(p, "w") as f:
                f.write(text)
            paths[key, ext] = p
    ormsh_url = in_schema(args.url, "postgresql")
    flask_url = in_schema(args.url, "postgresql+psycopg2")
    env = dict(os.environ, BENCH_URL=flask_url)

    def cmd(key, form):
        if form == "ormsh":
            return [args.ormsh, "-f", paths[key, "orm"], ormsh_url]
        return [sys.executable, paths[key, "py"]]

    def once(key, form):
        out = os.path.join(args.work, f"{key}.{form}.out")
        t0 = time.perf_counter()
        with open(out, "w") as o, open(out + ".time", "w") as e:
            rc = subprocess.call(["/usr/bin/time", "-f", "%M"] + cmd(key, form),
                                 stdout=o, stderr=e, env=env)
        wall = time.perf_counter() - t0
        with open(out + ".time") as e:
            lines = e.read().splitlines()
        if rc != 0:
            sys.exit(f"bench-pg: {key} {form} failed (exit {rc}): {lines[-5:]}")
        return wall, int(lines[-1]), out

    rows = []

    def measure(label, key, setup=None):
        res = {}
        for form in ("ormsh", "flask"):
            walls, mems = [], []
            for _ in range(args.reps):
                fresh_schema(args.url)
                if setup:
                    once(setup, "ormsh")
                wall, mem, out = once(key, form)
                walls.append(wall)
                mems.append(mem)
            with open(out) as f:
                res[form] = (statistics.median(walls), max(mems), f.read())
        if res["ormsh"][2] != res["flask"][2]:
            print(f"bench-pg: {label}: ormsh's output differs from Flask-SQLAlchemy's "
                  f"(see {args.work}/{key}.*.out)", file=sys.stderr)
        rows.append((label, res["ormsh"][:2], res["flask"][:2]))
        print(f"bench-pg: {label} done", file=sys.stderr)

    measure(f"W1 insert ({args.n})", "w1")
    measure(f"W2 lookup ({max(1, args.n // 10)})", "w2", setup="w1")
    measure(f"W4 setup ({cats}x{posts})", "w4setup")
    for way in ("lazy", "joined", "selectin"):
        measure(f"W4 {way}", f"w4{way}", setup="w4setup")
    fresh_schema(args.url)
    conn = psycopg2.connect(args.url)
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
    conn.close()
    print("| workload | ormsh | Flask-SQLAlchemy | ormsh / Flask | ormsh peak | Flask peak |")
    print("|---|---:|---:|---:|---:|---:|")
    for label, (ow, om), (fw, fm) in rows:
        print(f"| {label} | {ow:.3f} s | {fw:.3f} s | {ow / fw:.2f}× | {om / 1024:.1f} MiB | {fm / 1024:.1f} MiB |")
    print()
    print(f"PostgreSQL {version}, median of {args.reps} runs of each form, each on a fresh schema; "
          f"wall time of the whole process (start-up included).")


if __name__ == "__main__":
    main()
