#!/usr/bin/env bash
# The ormsh benchmark: each workload of issue 6 (W1 insert, W2 lookup, W3
# script, W4 relationships, W5 output, W6 start) as an ormsh script, a
# Flask-SQLAlchemy program and plain SQL for the sqlite3 shell; prints a table
# of median wall time, peak memory and the ratios. Figures go in
# scripts/BENCHMARKS.md, never in tests.
#
#   scripts/bench.sh                      N=100000, 5 timed runs of each form
#   scripts/bench.sh --n 10000 --reps 3   smaller and quicker
#   scripts/bench.sh --only W1,W2 --forms ormsh,sqlite3
#   scripts/bench.sh --help               every option (scripts/bench/bench.py)
#
# On a fresh machine it installs what it needs: sqlite3 and GNU time with apt
# (when missing; python3 and its venv module too), a virtualenv with
# flask-sqlalchemy 3.1 under ~/.cache/ormsh-bench (ORMSH_BENCH_VENV overrides),
# and builds ormsh with `cargo build --release` (CARGO_TARGET_DIR honoured).
# Sources, databases and outputs go to target/bench/ (--work DIR overrides),
# outside git; the table is also written to target/bench/results.md.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
venv=${ORMSH_BENCH_VENV:-$HOME/.cache/ormsh-bench}
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target=$root/$target ;; esac

say() { printf 'bench: %s\n' "$*" >&2; }

# --- system packages -------------------------------------------------------
missing=()
command -v sqlite3 >/dev/null || missing+=(sqlite3)
[ -x /usr/bin/time ] || missing+=(time)
if ! command -v python3 >/dev/null; then
  missing+=(python3 python3-venv)
elif ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  missing+=(python3-venv)
fi
if [ ${#missing[@]} -gt 0 ]; then
  sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
  command -v apt-get >/dev/null || { say "please install: ${missing[*]}"; exit 2; }
  say "installing ${missing[*]} with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- the Flask-SQLAlchemy reference ----------------------------------------
if ! "$venv/bin/python" -c 'import flask_sqlalchemy' 2>/dev/null; then
  say "making a virtualenv with flask-sqlalchemy 3.1 in $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q 'flask-sqlalchemy==3.1.*'
fi

# --- ormsh -----------------------------------------------------------------
say "building ormsh (cargo build --release)"
(cd "$root" && cargo build --release --quiet)

mkdir -p "$root/target/bench"
exec "$venv/bin/python" "$root/scripts/bench/bench.py" \
  --ormsh "$target/release/ormsh" --python "$venv/bin/python" \
  --work "$root/target/bench" --json "$root/target/bench/results.json" "$@"
