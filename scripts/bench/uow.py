#!/usr/bin/env python3
"""The unit-of-work benchmark (issue 12): delete N parents with 10 children
each (cascade delete) in one flush, at several N, and show that the time
grows linearly: t(10N) / t(N) should be about 10. Not a test; figures go in
scripts/BENCHMARKS.md.

    scripts/bench/uow.sh                        N = 1000, 10000, 100000; 3 runs each
    scripts/bench/uow.sh --sizes 10000,100000 --reps 5

Each size's database (N parents, 10 N children) is built once by ormsh
with SQL (a recursive CTE) under --work; each run deletes from a fresh copy:

    ps = P.query.options(selectinload(P.kids)).all()     load
    for p in ps: db.session.delete(p)                    delete()
    db.session.commit()                                  flush + COMMIT

`.timer on` times each of the three statements (wall); the whole run's CPU
time (user + system) and peak memory come from GNU time (`%U + %S`, `%M`).
On a loaded machine wall times wander, so each run is also made without
the commit, and the difference of the two CPU times is the flush's CPU.
The table shows medians; the ratio columns divide a size's median by the
previous size's, and the sizes grow tenfold, so linear time gives 10.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys

MODELS = """model P <
    id = db.Column(db.Integer, primary_key=True)
    kids = db.relationship('K', backref='p', cascade='all, delete-orphan')
>
model K <
    id = db.Column(db.Integer, primary_key=True)
    p_id = db.Column(db.Integer, db.ForeignKey('p.id'), nullable=False, index=True)
>
"""

SETUP = MODELS + """db.create_all()
r = db.session.execute(text("INSERT INTO p (id) WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < :n) SELECT x FROM c"), {'n': %(n)d})
r = db.session.execute(text("INSERT INTO k (p_id) WITH RECURSIVE c(x) AS (SELECT 0 UNION ALL SELECT x + 1 FROM c WHERE x < :n) SELECT x / 10 + 1 FROM c"), {'n': %(kids)d - 1})
db.session.commit()
(P.query.count(), K.query.count())
"""

RUN = """.timer on
ps = P.query.options(selectinload(P.kids)).all()
for p in ps: db.session.delete(p)
db.session.commit()
.timer off
(P.query.count(), K.query.count())
"""

# The same without the commit: its CPU time, taken from the whole run's,
# leaves the flush's.
NO_FLUSH = """.timer on
ps = P.query.options(selectinload(P.kids)).all()
for p in ps: db.session.delete(p)
.timer off
"""

PHASES = ["load", "delete()", "flush + COMMIT"]


def run_once(ormsh, db, script, work):
    """Run a script on db; (phase wall times, CPU seconds, peak KiB, stdout),
    CPU and peak memory from GNU time (%U + %S, %M)."""
    stats = os.path.join(work, "time.txt")
    p = subprocess.run(["/usr/bin/time", "-o", stats, "-f", "%M %U %S", ormsh, db],
                       input=script, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"uow: ormsh failed on {db}:\n{p.stderr}")
    times = [float(t) for t in re.findall(r"Run Time: real ([0-9.]+) s", p.stdout)]
    peak, user, system = open(stats).read().split()[-3:]
    return times, float(user) + float(system), int(peak), p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ormsh", required=True, help="the ormsh binary (release)")
    ap.add_argument("--sizes", default="1000,10000,100000", help="numbers of parents (default 1000,10000,100000)")
    ap.add_argument("--reps", type=int, default=3, help="timed runs per size (default 3)")
    ap.add_argument("--work", default="target/bench/uow", help="where the databases go")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    os.makedirs(args.work, exist_ok=True)
    rows = []
    for n in sizes:
        base = os.path.join(args.work, f"uow{n}.db")
        if not os.path.exists(base):
            p = subprocess.run([args.ormsh, base], input=SETUP % {"n": n, "kids": 10 * n},
                               capture_output=True, text=True)
            if p.returncode != 0 or p.stdout.strip() != f"({n}, {10 * n})":
                sys.exit(f"uow: building {base} failed:\n{p.stdout}{p.stderr}")
        runs, bare = [], []
        for _ in range(args.reps):
            db = os.path.join(args.work, "run.db")
            shutil.copyfile(base, db)
            times, cpu, peak, out = run_once(args.ormsh, db, RUN, args.work)
            if len(times) != 3 or out.strip().splitlines()[-1] != "(0, 0)":
                sys.exit(f"uow: unexpected output at N={n}:\n{out}")
            runs.append((times, cpu, peak))
            shutil.copyfile(base, db)
            bare.append(run_once(args.ormsh, db, NO_FLUSH, args.work)[1])
            os.remove(db)
        med = [statistics.median(r[0][i] for r in runs) for i in range(3)]
        cpu = statistics.median(r[1] for r in runs)
        flush_cpu = max(cpu - statistics.median(bare), 0.0)
        peak = max(r[2] for r in runs)
        rows.append((n, med, cpu, flush_cpu, peak))
        print(f"uow: N={n} done", file=sys.stderr)
    print("| parents | children | rows deleted | " + " | ".join(f"{p} (s)" for p in PHASES)
          + " | ratio | flush CPU (s) | ratio | run CPU (s) | ratio | peak RSS (MiB) |")
    print("|---:|---:|---:|" + "---:|" * (len(PHASES) + 7))
    prev = None

    def ratio(now, before):
        return f"{now / before:.1f}" if before else ""

    for n, med, cpu, flush_cpu, peak in rows:
        r = [ratio(med[2], prev[1][2]), ratio(flush_cpu, prev[3]), ratio(cpu, prev[2])] if prev else ["", "", ""]
        print(f"| {n:,} | {10 * n:,} | {11 * n:,} | " + " | ".join(f"{t:.3f}" for t in med)
              + f" | {r[0]} | {flush_cpu:.2f} | {r[1]} | {cpu:.2f} | {r[2]} | {peak / 1024:.0f} |")
        prev = (n, med, cpu, flush_cpu)

if __name__ == "__main__":
    main()
