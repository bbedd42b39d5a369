"""The reference, kept warm: runs translated ormsh scripts in forked children.

Started by `sides.Reference` under the reference virtualenv's Python (the
one `../shared/reference/expect` makes), with the reference directory as
argv[1]. It imports Flask, Flask-SQLAlchemy and `orm2py` once, then reads
one JSON request a line on stdin:

    {"script": PATH, "uri": "sqlite:///DB", "out": PATH, "err": PATH, "timeout": SECONDS}

and for each forks a child that does what `expect` does - translate the
script with `orm2py.translate(src, uri)` and run the program - with stdout
and stderr going to the two files. The only change to the program is an
assignment `_difffuzz_line = N` before each translated statement, so that
the reply can say at which script line a failing run stopped. The reply is
one JSON line: {"rc": EXIT_STATUS, "line": LINE_OR_NULL}.

The parent never runs a program itself, so no mapper, engine or event
listener outlives a child: each script starts as fresh as under `expect`.
"""

import json
import os
import re
import signal
import sys
import traceback

sys.path.insert(0, sys.argv[1])
import orm2py  # noqa: E402  (the reference translator)
import flask  # noqa: E402,F401  (imported once, before forking)
import flask_sqlalchemy  # noqa: E402,F401
import sqlalchemy.orm  # noqa: E402,F401
import sqlalchemy.dialects.sqlite  # noqa: E402,F401

LINE_MARK = re.compile(r"^# line (\d+)\ntry:$", re.M)


def program(script, uri):
    """The translated program, with the stop-line marks added."""
    with open(script) as f:
        code = orm2py.translate(f.read(), uri)
    code = LINE_MARK.sub(lambda m: "# line %s\n_difffuzz_line = %s\ntry:" % (m.group(1), m.group(1)), code)
    # Python's console keeps the last value shown in `_` (sys.displayhook),
    # and so does ormsh: an object only `_` holds stays in the identity map.
    # orm2py's `_show` does not, so the reference would forget it sooner.
    show = "def _show(v):\n    if v is None:\n        return\n"
    assert show in code, "orm2py's _show changed"
    return code.replace(show, show + "    import builtins\n    builtins._ = v\n", 1)


def child(req, code, meta_path):
    """Run `code` as __main__ with stdout/stderr redirected; never returns."""
    out = os.open(req["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    err = os.open(req["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    os.dup2(out, 1)
    os.dup2(err, 2)
    sys.stdout = os.fdopen(1, "w")
    sys.stderr = os.fdopen(2, "w")
    sys.stdin = open(os.devnull)
    signal.alarm(int(req.get("timeout", 60)))
    env = {"__name__": "__main__", "__builtins__": __builtins__}
    rc = 0
    try:
        exec(compile(code, "difffuzz-reference.py", "exec"), env)
    except SystemExit as e:
        if e.code is None:
            rc = 0
        elif isinstance(e.code, int):
            rc = e.code
        else:
            print(e.code, file=sys.stderr)
            rc = 1
    except BaseException:
        traceback.print_exc()
        rc = 1
    with open(meta_path, "w") as f:
        f.write(str(env.get("_difffuzz_line", "")))
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(rc)


def serve():
    """Answer requests until stdin closes."""
    for line in sys.stdin:
        req = json.loads(line)
        meta = req["out"] + ".line"
        try:
            code = program(req["script"], req["uri"])
        except Exception as e:  # the translator itself failed
            print(json.dumps({"rc": None, "line": None, "translate_error": repr(e)}), flush=True)
            continue
        if os.path.exists(meta):
            os.unlink(meta)
        sys.stdout.flush()
        pid = os.fork()
        if pid == 0:
            child(req, code, meta)
        _, status = os.waitpid(pid, 0)
        rc = os.waitstatus_to_exitcode(status)
        stop = None
        if os.path.exists(meta):
            with open(meta) as f:
                text = f.read().strip()
            stop = int(text) if text else None
        print(json.dumps({"rc": rc, "line": stop if rc != 0 else None}), flush=True)


if __name__ == "__main__":
    serve()
