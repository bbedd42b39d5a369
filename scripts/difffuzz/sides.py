"""Running one script on each side: ormsh and the Flask-SQLAlchemy reference.

Both sides write a database file, which is dumped (`dump_db`) in the format
of tests/cases/README.md's `.dump` files, so a difference reads the same
way as a golden case. Each run gives an `Outcome`.
"""

import json
import os
import queue
import re
import sqlite3
import subprocess
import threading
from dataclasses import dataclass

ORMSH_ERROR = re.compile(r"^.*?:(\d+):(\d+): error: (\w+)", re.M)
CALLED_AT = re.compile(r"^note: raised in .*, called at .*:(\d+)$", re.M)
REF_ERROR = re.compile(r"^error: (\w+)\s*$", re.M)
TIMEOUT = 60


@dataclass
class Outcome:
    """What one side did with one script."""
    stdout: str
    stderr: str
    rc: int               # exit status; None when it timed out
    kind: str = None      # the error kind when the script failed
    line: int = None      # the script line where a failing script stopped
    dump: str = ""        # the database afterwards, as text
    broken: str = None    # why this run says nothing about ormsh (reference could not run it)


def dump_db(path, skip=("_ormsh_models",)):
    """The database at `path` as text: schema, then each table's rows sorted.

    Tables in `skip` (ormsh's own `_ormsh_models`, which README.md documents
    as a tool-owned table) are left out of both parts.
    """
    if not os.path.exists(path):
        return "(no database file)\n"
    con = sqlite3.connect(path)
    try:
        out = []
        for name, sql in con.execute("SELECT tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name"):
            if name not in skip:
                out.append(sql + ";\n\n")
        tables = con.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                             "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name").fetchall()
        for (name,) in tables:
            if name in skip:
                continue
            out.append("-- TABLE %s\n" % name)
            q = '"%s"' % name.replace('"', '""')
            n = len(con.execute("SELECT * FROM %s LIMIT 0" % q).description)
            order = ", ".join(str(i) for i in range(1, n + 1))
            for row in con.execute("SELECT * FROM %s ORDER BY %s" % (q, order)):
                out.append(repr(row) + "\n")
        return "".join(out)
    except sqlite3.Error as e:
        return "(database unreadable: %s)\n" % e
    finally:
        con.close()


def _fresh(path):
    for suffix in ("", "-journal", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.unlink(path + suffix)


class Ormsh:
    """Runs `ormsh DB -f SCRIPT` and reads what it printed and stored."""

    def __init__(self, binary):
        self.binary = binary
        self.env = dict(os.environ, NO_COLOR="1", ORMSH_HISTORY=os.devnull)

    def run(self, script, workdir):
        """The Outcome of ormsh on `script`, with its database in `workdir`."""
        db = os.path.join(workdir, "ormsh.db")
        _fresh(db)
        try:
            p = subprocess.run([self.binary, "--no-init", db, "-f", script], cwd=workdir, env=self.env,
                               capture_output=True, timeout=TIMEOUT)
            out = Outcome(p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"), p.returncode)
        except subprocess.TimeoutExpired as e:
            out = Outcome((e.stdout or b"").decode("utf-8", "replace"), "timeout after %d s" % TIMEOUT, None)
        m = ORMSH_ERROR.search(out.stderr)
        if m and out.rc != 0:
            out.line, out.kind = int(m.group(1)), m.group(3)
            # An error inside a function or method body is marked there;
            # the statement that stopped is the one its note names.
            called = CALLED_AT.search(out.stderr)
            if called:
                out.line = int(called.group(1))
        out.dump = dump_db(db)
        return out


class Reference:
    """The reference, through a warm `refserver.py` or through `expect` itself.

    `expect` is run once at start on a one-line script: that makes the
    virtualenv on a fresh machine (expect does so on first use) and checks
    that the reference works at all. With `via_expect`, every script goes
    through `expect`; the stop line is then unknown (expect does not print
    it) and only the kind and the output are compared.
    """

    def __init__(self, expect, workdir, via_expect=False):
        self.expect = expect
        self.via_expect = via_expect
        self.idle = queue.Queue()
        self.servers = []
        self.lock = threading.Lock()
        probe = os.path.join(workdir, "probe.orm")
        with open(probe, "w") as f:
            f.write("1 + 1\n")
        p = subprocess.run([expect, probe], capture_output=True, text=True)
        if p.returncode != 0 or p.stdout != "2\n":
            raise SystemExit("difffuzz: the reference does not run:\n%s%s" % (p.stdout, p.stderr))
        self.venv = os.environ.get("ORMSH_REF_VENV", os.path.expanduser("~/.cache/ormsh-reference"))

    def _acquire(self):
        """An idle server, or a new one (one per run at a time, so at most --jobs)."""
        try:
            srv = self.idle.get_nowait()
            if srv.poll() is None:
                return srv
        except queue.Empty:
            pass
        here = os.path.dirname(os.path.abspath(__file__))
        srv = subprocess.Popen([os.path.join(self.venv, "bin", "python"), os.path.join(here, "refserver.py"),
                                os.path.dirname(os.path.abspath(self.expect))],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        with self.lock:
            self.servers.append(srv)
        return srv

    def close(self):
        """Stop the servers this object started."""
        for srv in self.servers:
            if srv.poll() is None:
                srv.stdin.close()
                srv.wait()

    def run(self, script, workdir):
        """The Outcome of the reference on `script`, with its database in `workdir`."""
        db = os.path.join(workdir, "ref.db")
        _fresh(db)
        uri = "sqlite:///" + db
        out_path, err_path = os.path.join(workdir, "ref.out"), os.path.join(workdir, "ref.err")
        line = None
        if self.via_expect:
            try:
                p = subprocess.run([self.expect, script, uri], cwd=workdir, capture_output=True, timeout=TIMEOUT)
                rc, stdout, stderr = p.returncode, p.stdout, p.stderr
            except subprocess.TimeoutExpired as e:
                rc, stdout, stderr = None, e.stdout or b"", b"timeout"
        else:
            srv = self._acquire()
            srv.stdin.write(json.dumps({"script": script, "uri": uri, "out": out_path, "err": err_path,
                                        "timeout": TIMEOUT}) + "\n")
            srv.stdin.flush()
            reply = json.loads(srv.stdout.readline())
            self.idle.put(srv)
            if reply.get("translate_error"):
                return Outcome("", reply["translate_error"], 1, broken="translator: " + reply["translate_error"])
            rc, line = reply["rc"], reply["line"]
            with open(out_path, "rb") as f:
                stdout = f.read()
            with open(err_path, "rb") as f:
                stderr = f.read()
        out = Outcome(stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"), rc, line=line)
        if rc not in (0, None):
            kinds = REF_ERROR.findall(out.stderr)
            if kinds:
                out.kind = kinds[-1]
            else:
                out.broken = "reference failed without 'error: Kind': " + out.stderr.strip()[-300:]
        elif rc is None:
            out.broken = "reference timed out or was killed"
        out.dump = dump_db(db)
        return out
