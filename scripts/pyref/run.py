#!/usr/bin/env python3
"""Run a Python-syntax golden case through Python's own interactive
interpreter, with Flask-SQLAlchemy, and print what it prints.

usage: run.py SCRIPT [DB_URI]     (run it with the reference's virtualenv python)

The preamble is the reference translator's (../shared/reference/orm2py.py):
`app`, `db` on DB_URI (default: in-memory SQLite) inside a pushed app
context, foreign keys on (on SQLite, by its PRAGMA; PostgreSQL enforces
them always: scripts/pg-reference.sh passes its postgresql+psycopg2://
URI), and the names ormsh provides without an import.
The script is cut into top-level statements as ormsh cuts a script (a
compound statement runs to the first line indented no deeper than its
header that is not one of its clauses) and each is run as Python's console
runs what is typed at its prompt (`InteractiveConsole.runsource`, 'single'
mode): expression statements print their repr, also inside a top-level
for/if/with/try body. The first exception stops the run: the session is
rolled back, 'error: Kind' goes to stderr and the exit status is 1, the
contract of ../shared/reference/expect.

A pasted `>>> ` session is first stripped as ormsh strips it
(src/syntax/prompts.rs): IPython's classic_prompt (`>>> `, and `... ` once
a `>>> ` line began the session), and the unprompted lines after a `>>> `
statement up to an empty or `>>> ` line are its output, dropped (doctest's
rule); each line stays a line.

With `--keep-going` in the case's NAME.args (as a paste into Python's
console goes on after a traceback), each failure prints its 'error: Kind'
and the run goes on, the session rolled back only if a failed flush left
it inactive; the exit status is 1 if any statement failed.

A `from M import a, b` of a module that is neither installed nor in the
standard library reads M as ormsh reads it (src/eval/pymod/import.rs): the
person's own app module (`from yourapplication import db`) whose text was
pasted into this session, so it binds the session's names; one the session
lacks is Python's ImportError. A session that has defined a model is that
app, so a module it imports from is the session even when none of the
names is there.
"""
import ast
import code
import importlib.util
import os
import re
import sys
import types

HERE = os.path.dirname(os.path.abspath(__file__))
for cand in (os.path.join(HERE, "..", "..", "..", "shared", "reference"), "/work/shared/reference"):
    if os.path.exists(os.path.join(cand, "orm2py.py")):
        sys.path.insert(0, cand)
        break
from orm2py import PRELUDE  # noqa: E402

CLAUSES = re.compile(r"(else|elif|except|finally)\b")


def still_open(text):
    """Does `text` end inside brackets or a triple-quoted string?"""
    try:
        compile(text + "\n", "<input>", "exec")
    except SyntaxError as e:
        msg = str(e.msg)
        return "was never closed" in msg or "unterminated triple-quoted" in msg or "unexpected EOF" in msg
    return False


def strip_prompts(src):
    """The script with its `>>> `/`... ` prompts and output lines taken off."""
    def strip(line, prompt):
        if not line.startswith(prompt):
            return None
        rest = line[len(prompt):]
        if rest == "" or rest.startswith(" "):
            return rest[1:]
        return None

    if not any(strip(l, ">>>") is not None for l in src.split("\n")):
        return src
    out, state = [], "plain"
    for line in src.split("\n"):
        rest = strip(line, ">>>")
        if rest is not None:
            state = "session"
            out.append(rest)
        elif state != "plain" and not line.strip():
            state = "plain"
            out.append(line)
        elif state == "session" and strip(line, "...") is not None:
            out.append(strip(line, "..."))
        elif state != "plain":
            state = "output"
            out.append("")
        else:
            out.append(line)
    return "\n".join(out)


def statements(src):
    """Yield (first line, text) for each top-level statement (`@decorator`
    lines and the `def` or `class` they decorate are one)."""
    buf, start = [], 0
    for n, line in enumerate(src.split("\n"), 1):
        bare = line.strip()
        top = bare and not bare.startswith("#") and line[:1] not in (" ", "\t")
        decorating = all(l.lstrip().startswith("@") for l in buf if l.strip() and not l.strip().startswith("#"))
        if buf and top and not decorating and not CLAUSES.match(bare) and not still_open("\n".join(buf)):
            yield start, "\n".join(buf)
            buf = []
        if not buf:
            if not bare or bare.startswith("#"):
                continue
            start = n
        buf.append(line)
    if buf:
        yield start, "\n".join(buf)


def own_modules(text, env):
    """Bind, as a module in sys.modules, each app module `text` imports
    from that only this session can be (see the module's doc)."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or node.level or not node.module:
            continue
        top = node.module.split(".")[0]
        if top in sys.stdlib_module_names or node.module in sys.modules:
            continue
        if installed(top):
            continue
        if not any(a.name in env for a in node.names) and not defines_models(env):
            continue
        sys.modules[node.module] = session_module(node.module, env)


def installed(top):
    """Is `top` a module Python can import (not one of this session's
    own app modules, which `session_module` bound without a spec)?"""
    try:
        return importlib.util.find_spec(top) is not None
    except ValueError:
        # `flaskr.__spec__ is None`: `from flaskr import db` bound it
        # before, and `from flaskr.auth.models import User` reads the
        # session again.
        return False


def defines_models(env):
    """Has the session defined a model of its own (so it is an app)?"""
    db = env.get("db")
    model = getattr(db, "Model", None)
    return model is not None and any(
        isinstance(v, type) and issubclass(v, model) and v is not model
        for v in env.values()
    )


def session_module(name, env):
    """A module whose attributes are the session's names (PEP 562)."""
    mod = types.ModuleType(name)

    def getattr_(attr):
        try:
            return env[attr]
        except KeyError:
            raise AttributeError(attr) from None

    mod.__getattr__ = getattr_
    return mod


class Console(code.InteractiveConsole):
    keep_going = False
    failed = False

    def fail(self):
        kind = sys.exc_info()[0].__name__
        try:
            # Going on, the session is rolled back only when a failed flush
            # left it inactive, as ormsh does; other errors leave it alone.
            session = self.locals["db"].session
            if not self.keep_going or not session.is_active:
                session.rollback()
        except Exception:
            pass
        sys.stdout.flush()
        print("error: %s" % kind, file=sys.stderr)
        sys.stderr.flush()
        self.failed = True
        if not self.keep_going:
            sys.exit(1)

    def showtraceback(self):
        if sys.exc_info()[0] is SystemExit:
            raise
        self.fail()

    def showsyntaxerror(self, filename=None, **kw):
        self.fail()


# The preamble's line that turns on SQLite's foreign keys when SQLAlchemy
# connects: PostgreSQL has no PRAGMA and enforces foreign keys always.
PRAGMA = 'cur = conn.cursor(); cur.execute("PRAGMA foreign_keys=ON"); cur.close()'


def prelude_for(uri):
    """The preamble for DB_URI: without the PRAGMA line on PostgreSQL
    (scripts/pg-reference.sh passes a postgresql+psycopg2:// URI)."""
    if not uri.startswith("postgresql"):
        return PRELUDE
    if PRAGMA not in PRELUDE:
        sys.exit("run.py: orm2py.py's PRELUDE no longer holds the PRAGMA line it leaves out on PostgreSQL")
    return PRELUDE.replace(PRAGMA, "pass  # PostgreSQL enforces foreign keys")


def main():
    src = strip_prompts(open(sys.argv[1]).read())
    uri = sys.argv[2] if len(sys.argv) > 2 else "sqlite://"
    # The console's namespace is the `__main__` module's, as in `python3`'s
    # own REPL: SQLAlchemy resolves string annotations (`from __future__
    # import annotations`) in the namespace of the class's module.
    main_module = types.ModuleType("__main__")
    sys.modules["__main__"] = main_module
    env = main_module.__dict__
    exec(compile(prelude_for(uri) % {"uri": uri}, "<preamble>", "exec"), env)
    console = Console(env)
    try:
        args = open(os.path.splitext(sys.argv[1])[0] + ".args").read().split()
    except OSError:
        args = []
    console.keep_going = "--keep-going" in args
    for _, text in statements(src):
        # A statement this runner joined with an indented line after it is
        # what Python reads as an unexpected indent (file and console alike).
        try:
            compile(text + "\n", "<input>", "exec")
        except IndentationError:
            console.fail()
            continue
        except SyntaxError:
            pass
        own_modules(text, env)
        more = console.runsource(text + "\n", "<input>", "single")
        if more:
            # What Python says of the file: the block never got its body.
            try:
                compile(text + "\n", "<input>", "exec")
                raise SyntaxError("incomplete statement")
            except SyntaxError:
                console.fail()
    if console.failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
