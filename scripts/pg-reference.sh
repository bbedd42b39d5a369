#!/usr/bin/env bash
# What Flask-SQLAlchemy prints for an ormsh script on PostgreSQL (issue 19):
# the reference (../shared/reference/expect, which takes a database URL)
# run with psycopg2 against a PostgreSQL server, in a schema of its own.
#
#   scripts/pg-reference.sh SCRIPT.orm > SCRIPT.pg.out
#
# The reference's program (orm2py.py beside 'expect') turns on SQLite's
# foreign keys with a PRAGMA when it connects; PostgreSQL enforces them
# always, so that line is left out here.
#
# The server is $ORMSH_TEST_PG (a postgresql:// URL), else a hermetic one
# started for this run (scripts/pg-test-server.sh) and stopped after. The
# first use makes a virtualenv with Flask-SQLAlchemy and psycopg2-binary
# under ~/.cache/ormsh-reference-pg ($ORMSH_PG_REF_VENV), never in
# ../shared. REFERENCE overrides the path of 'expect'.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
script=${1:?usage: pg-reference.sh SCRIPT.orm}
venv=${ORMSH_PG_REF_VENV:-$HOME/.cache/ormsh-reference-pg}
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q 'flask-sqlalchemy==3.1.*' psycopg2-binary >&2
fi
ref=${REFERENCE:-}
if [ -z "$ref" ]; then
    for c in "$root/../shared/reference/expect" /work/shared/reference/expect; do
        [ -x "$c" ] && ref=$c && break
    done
fi
[ -x "${ref:-}" ] || { echo "pg-reference: cannot find the reference 'expect' (set REFERENCE)" >&2; exit 2; }
orm2py=$(dirname "$ref")/orm2py.py
pragma='cur = conn.cursor(); cur.execute("PRAGMA foreign_keys=ON"); cur.close()'

schema=ormsh_ref_$$
sql() { "$venv/bin/python" -c '
import sys, psycopg2
c = psycopg2.connect(sys.argv[1]); c.autocommit = True
c.cursor().execute(sys.argv[2])' "$base" "$1"; }
prog=$(mktemp /tmp/ormsh-ref-pg.XXXXXX.py)
cleanup() {
    rm -f "$prog"
    sql "DROP SCHEMA IF EXISTS $schema CASCADE" 2>/dev/null || true
    if [ -n "${own:-}" ]; then "$root/scripts/pg-test-server.sh" stop "$own"; fi
}
if [ -n "${ORMSH_TEST_PG:-}" ]; then
    base=$ORMSH_TEST_PG
else
    own=$(mktemp -d /tmp/ormsh-ref-pg.XXXXXX)
    base=$("$root/scripts/pg-test-server.sh" start "$own")
fi
trap cleanup EXIT
sql "CREATE SCHEMA $schema"
case "$base" in *\?*) sep='&' ;; *) sep='?' ;; esac
url="postgresql+psycopg2://${base#*://}${sep}options=-csearch_path%3D$schema"
python3 "$orm2py" "$script" "$url" > "$prog"
grep -qF "$pragma" "$prog" || { echo "pg-reference: orm2py.py no longer writes the PRAGMA line this script removes" >&2; exit 2; }
python3 - "$prog" "$pragma" <<'PY'
import sys
path, line = sys.argv[1], sys.argv[2]
text = open(path).read().replace(line, "pass  # PostgreSQL enforces foreign keys")
open(path, "w").write(text)
PY
"$venv/bin/python" "$prog"
