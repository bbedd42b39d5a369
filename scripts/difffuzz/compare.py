"""Scripts as run, and how two Outcomes of one script are compared.

A `Script` renders statements to text with a marker after each operation
(`print('@@ N')`), so that each statement's output can be told apart on
both sides; the markers print the same on both sides and are left out of
the minimised cases. `compare` walks the statements in order and reports
the first place the sides part: a statement whose output differs, or one
where a side stopped (with its error kind) and the other did not or
stopped with another kind; if they agree to the end, the databases are
compared.

Normalisations (each is a documented, deliberate difference; see
scripts/DIFFFUZZ.md):

- `<Model (transient 140…)>` / `(pending …)`: Python prints `id(obj)`,
  ormsh its own number (LANGUAGE.md §5 gives the form, not the number);
  the number is replaced by `N` on both sides.
- ormsh's `_ormsh_models` table is not part of the database dump
  (README.md "Existing databases": a tool-owned table).
- Only the error kind and the statement where a script stopped are
  compared, not the message (the reference prints only `error: Kind`).
"""

import re
from dataclasses import dataclass, field

MARK = "@@ %d"
MARK_LINE = re.compile(r"^@@ (\d+)$")
TRANSIENT = re.compile(r"\((transient|pending) \d+\)")


@dataclass
class Script:
    """Statements (ops.Stmt) and, once rendered, where each one starts."""
    stmts: list
    marks: bool = True
    starts: list = field(default_factory=list)

    def render(self):
        """The script text; fills `starts` (1-based first line of each statement)."""
        lines, self.starts = [], []
        for i, st in enumerate(self.stmts):
            self.starts.append(len(lines) + 1)
            lines.extend(st.text.split("\n"))
            if self.marks and st.tag != "define":
                lines.append("print(%r)" % (MARK % i))
        return "\n".join(lines) + "\n"

    def stmt_at(self, line):
        """The index of the statement that contains script line `line`."""
        if line is None:
            return None
        idx = 0
        for i, start in enumerate(self.starts):
            if start <= line:
                idx = i
        return idx


@dataclass
class Difference:
    """Where and how the sides parted; `signature` groups differences of a kind."""
    category: str            # crash, error, output, database
    signature: str
    stmt: int = None         # index of the statement where they parted
    detail: str = ""


FAMILIES = {"flush": "flush", "commit": "flush", "fail_flush": "flush", "select_scalars": "query",
            "rel_read": "lazy load", "len": "lazy load", "dynamic_read": "lazy load"}


def family(tag):
    """The operation family of a tag, for error signatures: the statements that
    autoflush (queries) or flush are one place, whichever query it was."""
    if tag.startswith("query_") or tag.startswith("fetch_"):
        return "query"
    return FAMILIES.get(tag, tag)


def normalise(text):
    """Apply the documented output normalisations."""
    return TRANSIENT.sub(lambda m: "(%s N)" % m.group(1), text)


def chunks(stdout, count):
    """Split marked output into one string per statement index."""
    out = [""] * count
    cur = []
    for line in stdout.split("\n"):
        m = MARK_LINE.match(line)
        if m:
            idx = int(m.group(1))
            if idx < count:
                out[idx] = "\n".join(cur)
            cur = []
        else:
            cur.append(line)
    return out, "\n".join(cur)


def crashed(o):
    """Why ormsh's run is a crash (a panic, a timeout, an unreported failure), or None."""
    if o.rc is None:
        return "timeout"
    if "panicked" in o.stderr or o.rc == 101:
        return "panic"
    if o.rc not in (0, 1):
        return "exit status %d" % o.rc
    if o.rc == 1 and o.kind is None:
        return "failed without FILE:LINE:COL: error: Kind"
    return None


def after_last_mark(script, stdout):
    """The first operation after the last marker printed: where a run that
    reported no line stopped."""
    marks = [int(m.group(1)) for m in map(MARK_LINE.match, stdout.split("\n")) if m]
    after = [i for i, st in enumerate(script.stmts) if st.tag != "define" and i > max(marks, default=-1)]
    return after[0] if after else None


def _stop(script, o):
    """The statement index where a side stopped, or None if it ran to the end."""
    if o.rc == 0:
        return None
    return script.stmt_at(o.line) if o.line is not None else -1


def compare(script, ormsh, ref):
    """The first Difference between the two Outcomes of `script`, or None."""
    reason = crashed(ormsh)
    if reason:
        at = _stop(script, ormsh) if ormsh.kind else None
        if at in (None, -1):
            at = after_last_mark(script, ormsh.stdout)
        tag = script.stmts[at].tag if at is not None else "?"
        return Difference("crash", "crash %s at %s" % (reason, tag), at, ormsh.stderr[-2000:])
    n = len(script.stmts)
    o_chunks, o_tail = chunks(normalise(ormsh.stdout), n)
    r_chunks, r_tail = chunks(normalise(ref.stdout), n)
    o_stop, r_stop = _stop(script, ormsh), _stop(script, ref)
    if r_stop == -1:           # run through expect: no stop line, so read it off the markers
        r_stop = after_last_mark(script, ref.stdout)
    for i, st in enumerate(script.stmts):
        o_here, r_here = o_stop == i, r_stop == i
        o_text = o_tail if o_here else o_chunks[i]
        r_text = r_tail if r_here else r_chunks[i]
        ok = ormsh.kind if o_here else "ok"
        rk = ref.kind if r_here else "ok"
        if ok != rk:
            return Difference("error", "error %s (reference %s) at %s" % (ok, rk, family(st.tag)), i,
                              "ormsh stderr:\n%s\nreference stderr:\n%s" % (ormsh.stderr, ref.stderr))
        if o_text != r_text:
            return Difference("output", "output at %s" % st.tag, i,
                              "ormsh:\n%s\nreference:\n%s" % (o_text, r_text))
        if o_here:
            break
    if ormsh.dump != ref.dump:
        tables = _differing_tables(ormsh.dump, ref.dump)
        what = "schema" if "schema" in tables else "rows"
        return Difference("database", "database %s differ" % what, None,
                          "tables: %s\n%s" % (", ".join(tables), "\n".join(_diff_lines(ref.dump, ormsh.dump))))
    return None


def _sections(dump):
    parts, cur, name = {}, [], "schema"
    for line in dump.splitlines():
        if line.startswith("-- TABLE "):
            parts[name] = cur
            name, cur = line[len("-- TABLE "):], []
        else:
            cur.append(line)
    parts[name] = cur
    return parts


def _differing_tables(a, b):
    pa, pb = _sections(a), _sections(b)
    return sorted(k for k in set(pa) | set(pb) if pa.get(k) != pb.get(k))


def _diff_lines(ref, ormsh):
    import difflib
    return list(difflib.unified_diff(ref.splitlines(), ormsh.splitlines(), "reference", "ormsh", lineterm=""))
