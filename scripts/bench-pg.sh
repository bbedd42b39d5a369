#!/usr/bin/env bash
# W1, W2 and W4 on PostgreSQL (issue 19): ormsh beside Flask-SQLAlchemy with
# psycopg2 on the same server (scripts/bench/bench_pg.py prints the table;
# figures go in scripts/BENCHMARKS.md, never in tests).
#
#   scripts/bench-pg.sh                        N=10000, 3 runs of each form
#   scripts/bench-pg.sh --n 2000 --reps 3 --w4 100x10
#
# The server is $ORMSH_TEST_PG (a postgresql:// URL), else a hermetic one
# (scripts/pg-test-server.sh) started for the run and stopped after. The
# virtualenv with Flask-SQLAlchemy 3.1 and psycopg2-binary is the PostgreSQL
# reference's (~/.cache/ormsh-reference-pg, $ORMSH_PG_REF_VENV); ormsh is
# built with `cargo build --release`. Sources and outputs go to
# target/bench-pg/.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${ORMSH_PG_REF_VENV:-$HOME/.cache/ormsh-reference-pg}
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target=$root/$target ;; esac
if ! "$venv/bin/python" -c 'import flask_sqlalchemy, psycopg2' 2>/dev/null; then
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q 'flask-sqlalchemy==3.1.*' psycopg2-binary >&2
fi
[ -x /usr/bin/time ] || { echo "bench-pg: needs GNU time (/usr/bin/time)" >&2; exit 2; }
(cd "$root" && cargo build --release --quiet)
own=
if [ -n "${ORMSH_TEST_PG:-}" ]; then
    url=$ORMSH_TEST_PG
else
    own=$(mktemp -d /tmp/ormsh-bench-pg.XXXXXX)
    trap '"$root/scripts/pg-test-server.sh" stop "$own"' EXIT
    url=$("$root/scripts/pg-test-server.sh" start "$own")
fi
"$venv/bin/python" "$root/scripts/bench/bench_pg.py" --ormsh "$target/release/ormsh" \
    --url "$url" --work "$target/bench-pg" "$@"
