"""What a run leaves behind: cases on disk and a summary in Markdown.

Layout of the results directory (gitignored):

    summary.md                     the figures and one line per signature
    cases/NN-SLUG/SEQ.full.orm     a differing sequence as generated
    cases/NN-SLUG/SEQ.orm          the minimised script (no markers): a golden case to be
    cases/NN-SLUG/SEQ.ormsh.out    ormsh's stdout on it, .ormsh.err its stderr
    cases/NN-SLUG/SEQ.ref.out      the reference's stdout, .ref.err its stderr
    cases/NN-SLUG/SEQ.diff         where they part (and the database diff)
"""

import os
import re
from collections import Counter, OrderedDict

from compare import Script


def group(records):
    """Differing records by signature, the most frequent signature first."""
    groups = {}
    for rec in records:
        if rec["diff"]:
            groups.setdefault(rec["diff"].signature, []).append(rec)
    return OrderedDict(sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])))


def _slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]


def _write(path, text):
    with open(path, "w") as f:
        f.write(text)


def write_cases(out_dir, groups, minimised, runner):
    """Write every minimised case; returns {signature: [(seq, path of .orm, statements)]}."""
    cases = {}
    for n, (sig, recs) in enumerate(groups.items(), 1):
        d = os.path.join(out_dir, "cases", "%02d-%s" % (n, _slug(sig)))
        os.makedirs(d, exist_ok=True)
        for rec in recs:
            if rec["i"] not in minimised:
                continue
            stmts, runs = minimised[rec["i"]]
            base = os.path.join(d, "%d" % rec["i"])
            _write(base + ".full.orm", Script(rec["stmts"], marks=False).render())
            script, o, r, diff = runner.run(stmts, marks=False)
            _write(base + ".orm", script.render())
            _write(base + ".ormsh.out", o.stdout)
            _write(base + ".ormsh.err", o.stderr)
            _write(base + ".ref.out", r.stdout)
            _write(base + ".ref.err", r.stderr)
            marked = runner.run(stmts)[3]
            shown = marked or diff
            _write(base + ".diff", "%s\n(minimised in %d runs, %d -> %d statements)\n\n%s\n" % (
                shown.signature if shown else "no difference without the markers",
                runs, len(rec["stmts"]), len(stmts), shown.detail if shown else ""))
            cases.setdefault(sig, []).append((rec["i"], os.path.relpath(base + ".orm", out_dir), len(stmts)))
    return cases


def summary(args, records, groups, cases, run_seconds, total_seconds):
    """The Markdown summary of a run."""
    n = len(records)
    differing = sum(len(v) for v in groups.values())
    broken = [r for r in records if r["broken"]]
    statements = sum(len(r["stmts"]) for r in records)
    executed = sum(r["executed"] for r in records)
    kinds = Counter(r["ref_kind"] for r in records if r["ref_kind"] and not r["broken"] and not r["diff"])
    lines = [
        "# difffuzz run: %d sequences, seed %s" % (n, args.seed),
        "",
        "| sequences | statements generated | run by the reference | differ | reference could not run | "
        "jobs | comparing | with minimising |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
        "| %d | %d | %d | %d | %d | %d | %.0f s | %.0f s |" % (
            n, statements, executed, differing, len(broken), args.jobs, run_seconds, total_seconds),
        "",
        "Sequences that stopped on an error, the same statement and kind on both sides: %s" % (
            ", ".join("%s %d" % kv for kv in kinds.most_common()) or "none"),
        "",
    ]
    if groups:
        lines += ["## Differences by signature", "", "| count | signature | sequences | minimised |",
                  "|---:|---|---|---|"]
        for sig, recs in groups.items():
            seqs = ", ".join(str(r["i"]) for r in recs[:8]) + (" …" if len(recs) > 8 else "")
            mins = "; ".join("%s (%d stmts)" % (path, k) for _, path, k in cases.get(sig, []))
            lines.append("| %d | %s | %s | %s |" % (len(recs), sig.replace("|", "\\|"), seqs, mins))
        lines.append("")
    if broken:
        lines += ["## Sequences the reference could not run (generator faults)", ""]
        for r in broken[:20]:
            lines.append("- %d: %s" % (r["i"], r["broken"].replace("\n", " ")[:300]))
        lines.append("")
    return "\n".join(lines) + "\n"
