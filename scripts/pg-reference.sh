#!/usr/bin/env bash
# What Flask-SQLAlchemy prints for an ormsh script on PostgreSQL (issue 19):
# the reference (../shared/reference/expect, which takes a database URL)
# run with psycopg2 against a PostgreSQL server, in a schema of its own.
#
#   scripts/pg-reference.sh SCRIPT.orm > SCRIPT.pg.out
#
# As scripts/regen-golden.sh picks the reference on SQLite, a case under
# tests/cases/python/ (Python's own syntax) is run by scripts/pyref/run.py
# on the PostgreSQL URI (which leaves the PRAGMA out itself), and a
# reflection case with NAME.automap.py by scripts/automap/expect.py --url:
# its PostgreSQL setup SQL (each `# setup: OTHER.setup.sql` line's
# OTHER.pg.setup.sql, then NAME.pg.setup.sql) run into the schema first,
# then automap (or NAME.models.py) in Flask on it. A failing script prints
# 'error: Kind' on stderr and exits 1, as the reference does.
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
base_name=${script%.orm}
case "$script" in
*/cases/python/*)
    "$venv/bin/python" "$root/scripts/pyref/run.py" "$script" "$url"
    exit
    ;;
esac
if [ -f "$base_name.automap.py" ]; then
    dir=$(dirname "$script")
    {
        while IFS= read -r line; do
            case "$line" in
            '# setup: '*)
                other=${line#'# setup: '}
                cat "$dir/${other%.setup.sql}.pg.setup.sql"
                echo
                ;;
            '#'*) ;;
            *) break ;;
            esac
        done <"$script"
        if [ -f "$base_name.pg.setup.sql" ]; then cat "$base_name.pg.setup.sql"; fi
    } >"$prog.sql"
    models=()
    if [ -f "$base_name.models.py" ]; then models=("$base_name.models.py"); fi
    rc=0
    "$venv/bin/python" "$root/scripts/automap/expect.py" --url="$url" "$prog.sql" \
        "$base_name.automap.py" "${models[@]}" || rc=$?
    rm -f "$prog.sql"
    exit $rc
fi
python3 "$orm2py" "$script" "$url" > "$prog"
grep -qF "$pragma" "$prog" || { echo "pg-reference: orm2py.py no longer writes the PRAGMA line this script removes" >&2; exit 2; }
python3 - "$prog" "$pragma" <<'PY'
import sys
path, line = sys.argv[1], sys.argv[2]
text = open(path).read().replace(line, "pass  # PostgreSQL enforces foreign keys")
open(path, "w").write(text)
PY
"$venv/bin/python" "$prog"
