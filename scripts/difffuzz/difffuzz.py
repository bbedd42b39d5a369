#!/usr/bin/env python3
"""The differential fuzzer: ormsh against Flask-SQLAlchemy on random sessions.

usage: difffuzz.py [--ormsh BIN] [--expect PATH] [--jobs J] [--out DIR]
                   [--via-expect] [--minimise-per-kind K] [--only I,J,...] N [SEED]
       difffuzz.py [--ormsh BIN] --replay SCRIPT...

Sequence I of seed S is generated from `random.Random("S:I")` alone, so
`--only I` replays it. Each sequence is a model set (models.py) and
operations on it (ops.py), run through ormsh and through the reference
(sides.py), then compared (compare.py). Differences are grouped by
signature; up to K of each are minimised (minimise.py) and written with
both sides' outputs under OUT/cases/. OUT/summary.md holds the figures.
`--replay` compares given scripts instead (the minimised ones kept in
scripts/difffuzz/found/, say, to see which differences remain).
Exit status: 0 when no sequence (or script) differs, 1 otherwise, 2 on a
setup error.
"""

import argparse
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import models  # noqa: E402
import ops  # noqa: E402
import report  # noqa: E402
from compare import Script, after_last_mark, compare  # noqa: E402
from minimise import minimise  # noqa: E402
from sides import Ormsh, Reference  # noqa: E402


def sequence(seed, i):
    """The statements of sequence `i` of `seed`."""
    rng = random.Random("%s:%d" % (seed, i))
    return ops.generate(rng, models.generate(rng))


class Runner:
    """Runs scripts on both sides, one scratch directory per thread."""

    def __init__(self, ormsh, reference, scratch):
        self.ormsh, self.reference, self.scratch = ormsh, reference, scratch
        self.local = threading.local()

    def workdir(self):
        d = getattr(self.local, "dir", None)
        if d is None:
            d = tempfile.mkdtemp(prefix="w", dir=self.scratch)
            self.local.dir = d
        return d

    def run(self, stmts, marks=True):
        """(Script, ormsh Outcome, reference Outcome, Difference or None)."""
        script = Script(list(stmts), marks=marks)
        d = self.workdir()
        path = os.path.join(d, "case.orm")
        with open(path, "w") as f:
            f.write(script.render())
        o = self.ormsh.run(path, d)
        r = self.reference.run(path, d)
        diff = None if r.broken else compare(script, o, r)
        return script, o, r, diff


def run_one(runner, seed, i):
    """The record of sequence `i`: what happened and how long it took."""
    t0 = time.monotonic()
    stmts = sequence(seed, i)
    script, o, r, diff = runner.run(stmts)
    if r.rc == 0:
        executed = len(stmts)
    else:
        at = script.stmt_at(r.line) if r.line is not None else after_last_mark(script, r.stdout)
        executed = len(stmts) if at is None else at + 1
    return {"i": i, "stmts": stmts, "diff": diff, "broken": r.broken, "ref_kind": r.kind,
            "executed": executed, "seconds": time.monotonic() - t0}


def shrink(runner, rec, budget):
    """Minimise one differing sequence; returns (statements, runs)."""
    want = rec["diff"].signature

    def still(stmts):
        diff = runner.run(stmts)[3]
        return diff is not None and diff.signature == want
    return minimise(rec["stmts"], still, budget)


def find_expect(root):
    """The reference's `expect`: $REFERENCE, ../shared/reference, /work/shared/reference."""
    for c in [os.environ.get("REFERENCE"), os.path.join(root, "..", "shared", "reference", "expect"),
              "/work/shared/reference/expect"]:
        if c and os.access(c, os.X_OK):
            return os.path.abspath(c)
    raise SystemExit("difffuzz: cannot find the reference 'expect' (set REFERENCE)")


def parse_args(argv, root, here):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("count", type=int, nargs="?", default=0, help="number of sequences")
    ap.add_argument("seed", nargs="?", default="1", help="seed (any string; default 1)")
    ap.add_argument("--ormsh", default=os.path.join(root, "target", "release", "ormsh"))
    ap.add_argument("--expect", default=None, help="the reference's expect script")
    ap.add_argument("--jobs", type=int, default=2, help="sequences run at once (default 2)")
    ap.add_argument("--out", default=None, help="results directory (default scripts/difffuzz/results/SEED)")
    ap.add_argument("--via-expect", action="store_true",
                    help="run every script through expect itself (slow; no stop line)")
    ap.add_argument("--minimise-per-kind", type=int, default=1, metavar="K",
                    help="minimise up to K differences of each signature (default 1; 0: none)")
    ap.add_argument("--budget", type=int, default=400, help="runs allowed per minimisation")
    ap.add_argument("--only", default=None, help="run only these sequence numbers (comma-separated)")
    ap.add_argument("--replay", nargs="+", metavar="SCRIPT",
                    help="instead of generating, compare these scripts (e.g. scripts/difffuzz/found/*.orm)")
    args = ap.parse_args(argv)
    if not args.replay and not args.count and not args.only:
        ap.error("give a number of sequences, --only or --replay")
    return args


def replay(runner, expect, paths):
    """Compare existing scripts on both sides; returns how many differ."""
    sys.path.insert(0, os.path.dirname(expect))
    import orm2py  # the reference's own statement splitter
    differ = 0
    for path in paths:
        stmts = []
        with open(path) as f:
            for _, text, kind in orm2py.split_statements(f.read()):
                if kind == "dot":
                    continue
                define = kind == "model" or text.startswith("db.create_all") or "db.Table(" in text
                stmts.append(ops.Stmt("define" if define else "replay", text))
        diff = runner.run(stmts)[3]
        differ += diff is not None
        print("%s: %s" % (path, "differs: " + diff.signature if diff else "agrees"))
        if diff:
            print("    " + "\n    ".join(diff.detail.strip().splitlines()[:12]))
    return differ


def main(argv=None):
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.abspath(os.path.join(here, "..", ".."))
    args = parse_args(argv, root, here)
    binary = os.path.abspath(args.ormsh)
    if not os.access(binary, os.X_OK):
        print("difffuzz: no ormsh binary at %s (cargo build --release)" % binary, file=sys.stderr)
        return 2
    expect = args.expect or find_expect(root)
    scratch = tempfile.mkdtemp(prefix="difffuzz-")
    reference = Reference(expect, scratch, args.via_expect)
    runner = Runner(Ormsh(binary), reference, scratch)
    try:
        if args.replay:
            return 1 if replay(runner, expect, args.replay) else 0
        return fuzz(args, runner, here)
    finally:
        reference.close()
        shutil.rmtree(scratch, ignore_errors=True)


def fuzz(args, runner, here):
    """Generate, run, compare, minimise and report; the exit status."""
    out_dir = os.path.abspath(args.out or os.path.join(here, "results", args.seed))
    if os.path.exists(out_dir):
        shutil.rmtree(out_dir)
    os.makedirs(out_dir)
    indices = [int(x) for x in args.only.split(",")] if args.only else list(range(args.count))
    t0 = time.monotonic()
    records = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for n, rec in enumerate(pool.map(lambda i: run_one(runner, args.seed, i), indices), 1):
            records.append(rec)
            if n % 100 == 0 or n == len(indices):
                bad = sum(1 for r in records if r["diff"])
                print("difffuzz: %d/%d sequences, %d differ, %.0f s" % (n, len(indices), bad,
                                                                       time.monotonic() - t0), flush=True)
    run_seconds = time.monotonic() - t0
    groups = report.group(records)
    minimised = {}
    if args.minimise_per_kind:
        jobs = [rec for recs in groups.values() for rec in recs[:args.minimise_per_kind]]
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            shrunk = pool.map(lambda r: shrink(runner, r, args.budget), jobs)
            for n, (rec, (stmts, runs)) in enumerate(zip(jobs, shrunk), 1):
                minimised[rec["i"]] = (stmts, runs)
                print("difffuzz: minimised %d/%d (sequence %d: %d -> %d statements, %d runs), %.0f s" % (
                    n, len(jobs), rec["i"], len(rec["stmts"]), len(stmts), runs, time.monotonic() - t0),
                    flush=True)
    cases = report.write_cases(out_dir, groups, minimised, runner)
    summary = report.summary(args, records, groups, cases, run_seconds, time.monotonic() - t0)
    with open(os.path.join(out_dir, "summary.md"), "w") as f:
        f.write(summary)
    print(summary)
    return 1 if any(r["diff"] for r in records) else 0


if __name__ == "__main__":
    sys.exit(main())
