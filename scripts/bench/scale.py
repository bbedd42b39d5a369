#!/usr/bin/env python3
"""The scaling series of ormsh's benchmark (issue 18): each workload at
N = 10 000, 100 000 and 1 000 000, printing t(10N) / t(N) — linear work
gives about 10, the target is at most 12 — and the peak memory, which must
stay flat where results stream. Not a test; figures go in
scripts/BENCHMARKS.md.

Called by scripts/bench.sh (after the main table; `--scale-only` runs just
this). ORMSH_BENCH_SCALE_MAX (or --max) caps N for a quick run:

    scale.py --ormsh PATH --floor PATH --work DIR [--max 100000] [--reps 1]

Workloads at each N (ormsh, and the floor where the main table has one;
the fixtures are built by the floor program, which writes SQLite
directly):

- W1 insert: N users added and committed in one flush.
- W2 lookup: N/10 users found by name in a table of N.
- W4 lazy / joined / selectin: N/10 categories with 10 posts each, printed.
  Here `post.category_id` is indexed (`index=True`): without the index
  (the main table's schema, as Flask-SQLAlchemy's quickstart writes it)
  every lazy load scans the whole post table, so W4 lazy is quadratic in
  SQLite itself, for the floor as for ormsh (scripts/BENCHMARKS.md).
- W5 MODE: N users printed by `User.query.all()` in each `.mode`.
- cascade delete: N/10 parents loaded with their 10 children each
  (selectinload) and deleted in one flush (1.1 N rows).
- dict / set / list: N inserts, then N lookups (`d[i] = i`, `s.add(i)`,
  `l.append(i)`; then `d[i]`, `i in s`, `l[i]`).
- tree insert / walk: a self-referential chain N/10 deep, inserted in one
  flush, then walked from its root one lazy load per level.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import bench  # noqa: E402  (the shared model sources)

MODES = ["repr", "table", "box", "markdown", "csv", "json", "line"]

TREE = """model Node <
    id = db.Column(db.Integer, primary_key=True)
    parent_id = db.Column(db.Integer, db.ForeignKey('node.id'), index=True)
    children = db.relationship('Node', backref=db.backref('parent', remote_side=[id]), cascade='all, delete-orphan')
>
"""

CASCADE = """model P <
    id = db.Column(db.Integer, primary_key=True)
    kids = db.relationship('K', backref='p', cascade='all, delete-orphan')
>
model K <
    id = db.Column(db.Integer, primary_key=True)
    p_id = db.Column(db.Integer, db.ForeignKey('p.id'), nullable=False, index=True)
>
"""


BLOG_ORM = bench.BLOG_ORM.replace("db.ForeignKey('category.id'), nullable=False)",
                                 "db.ForeignKey('category.id'), nullable=False, index=True)")


def sources(n):
    """{name: (script text, fixture kind, the floor's arguments)} at N; the
    floor's arguments have DB where the database goes."""
    m = max(1, n // 10)
    s = {
        "W1 insert": (bench.USER_ORM + "db.create_all()\n"
                      f"for i in range({n}): db.session.add(User(username=f'user{{i}}', "
                      "email=f'user{i}@example.com'))\ndb.session.commit()\nUser.query.count()\n",
                      None, ["w1", "DB", str(n)]),
        "W2 lookup (N/10)": (bench.USER_ORM + f"for i in range({m}): print(User.query"
                              ".filter_by(username=f'user{i}').first())\n", "users",
                              ["w2", "DB", str(m)]),
    }
    for way, opt in (("lazy", ""), ("joined", ".options(joinedload(Category.posts))"),
                     ("selectin", ".options(selectinload(Category.posts))")):
        s[f"W4 {way}"] = (BLOG_ORM + f"for c in Category.query{opt}.all(): print(c, c.posts)\n",
                          "blog", ["w4", "DB", way])
    for mode in MODES:
        s[f"W5 {mode}"] = (bench.USER_ORM + f".mode {mode}\nUser.query.all()\n", "users",
                           ["w5", "DB", mode] if mode in ("repr", "table") else None)
    s["cascade delete (1.1 N rows)"] = (
        CASCADE + "ps = P.query.options(selectinload(P.kids)).all()\n"
        "for p in ps: db.session.delete(p)\ndb.session.commit()\n(P.query.count(), K.query.count())\n",
        "cascade-copy", None)
    s["dict: N d[i] = i, N d[i]"] = (
        f"d = {{}}\nfor i in range({n}): d[i] = i\nt = 0\nfor i in range({n}): t += d[i]\nt\n", None, None)
    s["set: N add, N in"] = (
        f"s = set()\nfor i in range({n}): s.add(i)\nt = 0\nfor i in range({n}): t += i in s\nt\n", None, None)
    s["list: N append, N l[i]"] = (
        f"l = []\nfor i in range({n}): l.append(i)\nt = 0\nfor i in range({n}): t += l[i]\nt\n", None, None)
    s["tree insert (N/10 deep)"] = (
        TREE + f"db.create_all()\nroot = Node()\nn = root\nfor i in range({m}): c = Node(); "
        "n.children.append(c); n = c\ndb.session.add(root)\ndb.session.commit()\nNode.query.count()\n",
        None, None)
    s["tree walk (N/10 lazy loads)"] = (
        TREE + "n = db.session.get(Node, 1)\nd = 0\nwhile n.children: n = n.children[0]; d += 1\nd\n",
        "tree", None)
    return s


def run(cmd, work, stdin=None):
    """(wall s, CPU s, peak KiB) of one run; exits on failure."""
    tfile = os.path.join(work, "time.txt")
    with open(os.devnull, "wb") as null, open(os.path.join(work, "err.txt"), "wb") as err:
        t0 = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M %U %S", "-o", tfile] + cmd,
                           stdout=null, stderr=err)
        wall = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit(f"scale: {' '.join(cmd)} failed:\n" + bench.read(os.path.join(work, "err.txt")))
    peak, user, system = open(tfile).read().split()[-3:]
    return wall, float(user) + float(system), int(peak)


def fixtures(n, args, work, ormsh, kinds):
    """Build the databases the read workloads need at N; their paths."""
    dbs = {}
    m = max(1, n // 10)
    for kind in kinds:
        db = os.path.join(work, f"{kind}-{n}.db")
        if kind == "cascade-copy":
            kind, db = "cascade", os.path.join(work, f"cascade-{n}.db")
        dbs[kind] = db
        if os.path.exists(db):
            continue
        if kind == "users":
            run([args.floor, "w1", db, str(n)], work)
        elif kind == "blog":
            run([args.floor, "w4setup", db, str(m), "10", "indexed"], work)
        elif kind == "cascade":
            script = os.path.join(work, "cascade-setup.orm")
            with open(script, "w") as f:
                f.write(CASCADE + "db.create_all()\n"
                        "r = db.session.execute(text(\"INSERT INTO p (id) WITH RECURSIVE c(x) AS "
                        "(SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < :n) SELECT x FROM c\"), "
                        f"{{'n': {m}}})\n"
                        "r = db.session.execute(text(\"INSERT INTO k (p_id) WITH RECURSIVE c(x) AS "
                        "(SELECT 0 UNION ALL SELECT x + 1 FROM c WHERE x < :n) SELECT x / 10 + 1 "
                        f"FROM c\"), {{'n': {10 * m - 1}}})\ndb.session.commit()\n")
            run([ormsh, db, "-f", script], work)
        elif kind == "tree":
            script = os.path.join(work, "tree-setup.orm")
            with open(script, "w") as f:
                f.write(sources(n)["tree insert (N/10 deep)"][0])
            run([ormsh, db, "-f", script], work)
    return dbs


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--ormsh", required=True)
    ap.add_argument("--floor", required=True, help="the floor program (builds the fixtures)")
    ap.add_argument("--work", required=True)
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--max", type=int, default=int(os.environ.get("ORMSH_BENCH_SCALE_MAX") or 0),
                    help="largest N (default ORMSH_BENCH_SCALE_MAX, else every size)")
    ap.add_argument("--reps", type=int, default=1, help="runs per size (median; default 1)")
    ap.add_argument("--only", default="", help="workloads whose name starts with one of these")
    ap.add_argument("--no-floor", action="store_true", help="ormsh only")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",") if not args.max or int(x) <= args.max]
    work = os.path.abspath(os.path.join(args.work, "scale"))
    os.makedirs(work, exist_ok=True)
    for f in os.listdir(work):
        if f.endswith((".db", "-journal", "-wal", "-shm")):
            os.remove(os.path.join(work, f))
    ormsh = os.path.abspath(args.ormsh)
    only = [w.strip().lower() for w in args.only.split(",") if w.strip()]
    t_start = time.time()
    results = {}  # name -> {n: (wall, cpu, kib)}
    for n in sizes:
        todo = {k: v for k, v in sources(n).items()
                if not only or any(k.lower().startswith(o) for o in only)}
        dbs = fixtures(n, args, work, ormsh, {v[1] for v in todo.values() if v[1]})
        for name, (text, kind, floor) in todo.items():
            script = os.path.join(work, "run.orm")
            with open(script, "w") as f:
                f.write(text)
            forms = {"ormsh": [ormsh, "DB", "-f", script]}
            if floor and not args.no_floor:
                forms["floor"] = [os.path.abspath(args.floor)] + floor
            for form, cmd in forms.items():
                runs = []
                for _ in range(args.reps):
                    db = os.path.join(work, "fresh.db")
                    if kind == "cascade-copy":
                        subprocess.run(["cp", dbs["cascade"], db], check=True)
                    elif kind:
                        db = dbs[kind]
                    else:
                        bench.rm_db(db)()
                    runs.append(run([db if a == "DB" else a for a in cmd], work))
                wall = statistics.median(r[0] for r in runs)
                cpu = statistics.median(r[1] for r in runs)
                kib = statistics.median(r[2] for r in runs)
                results.setdefault((name, form), {})[n] = (wall, cpu, kib)
                print(f"  N={n:<8} {name:<30} {form:<6} {wall * 1000:10.1f} ms {cpu:7.2f} s CPU "
                      f"{kib / 1024:8.1f} MiB", file=sys.stderr, flush=True)
    print(table(results, sizes))
    print(f"\n(scaling series took {time.time() - t_start:.0f} s)", file=sys.stderr)


def table(results, sizes):
    """The series as markdown: per N wall ms and MiB, then the ratios of
    wall and CPU time between successive sizes (linear ≈ 10)."""
    head = ["workload", "form"] + [f"N={n} ms" for n in sizes] + [f"N={n} MiB" for n in sizes]
    pairs = list(zip(sizes, sizes[1:]))
    head += [f"t({b})/t({a}) wall · CPU" for a, b in pairs]
    lines = ["| " + " | ".join(head) + " |", "|---|---" + "|---:" * (len(head) - 2) + "|"]
    for (name, form), by_n in results.items():
        cells = [name, form]
        cells += ["%.1f" % (by_n[n][0] * 1000) if n in by_n else "—" for n in sizes]
        cells += ["%.1f" % (by_n[n][2] / 1024) if n in by_n else "—" for n in sizes]
        for a, b in pairs:
            if a in by_n and b in by_n:
                w = by_n[b][0] / by_n[a][0]
                c = "%.1f" % (by_n[b][1] / by_n[a][1]) if by_n[a][1] >= 0.05 else "—"
                flag = " **over 12**" if w > 12 else ""
                cells.append(f"{w:.1f} · {c}{flag}")
            else:
                cells.append("—")
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("Wall time includes process start; CPU is user + system from GNU time "
                 "(10 ms resolution, shown when the smaller run used ≥ 50 ms); MiB is peak RSS.")
    try:
        lines.append("Load average at the end (1/5/15 min): %.2f %.2f %.2f" % os.getloadavg()
                     + f" on {os.cpu_count()} CPUs.")
    except OSError:
        pass
    return "\n".join(lines)


if __name__ == "__main__":
    main()
