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
#   scripts/bench.sh --no-scale           the table only, without the scaling series
#   scripts/bench.sh --scale-only [--max 100000]   the scaling series only
#   ORMSH_BENCH_SCALE_MAX=100000 scripts/bench.sh  the series up to N=100000
#
# The table has a fourth form beside ormsh, sqlite3 and Flask-SQLAlchemy: the
# floor (scripts/bench/floor, its own Cargo project built here into the same
# target directory), each workload's SQL through rusqlite directly. After the
# table comes the scaling series (scripts/bench/scale.py): ormsh's workloads
# at N = 10k, 100k and 1M with t(10N)/t(N) and peak memory.
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
say "building the floor (scripts/bench/floor, cargo build --release)"
(cd "$root/scripts/bench/floor" && CARGO_TARGET_DIR=$target cargo build --release --quiet)
floor=$target/release/ormsh-floor

# --scale-only / --no-scale pick the parts; every other argument goes to the
# part that runs (the table's options, or scale.py's --max/--reps/--only).
table=1 scale=1 args=()
for a in "$@"; do
  case "$a" in
    --scale-only) table=0 ;;
    --no-scale) scale=0 ;;
    *) args+=("$a") ;;
  esac
done
mkdir -p "$root/target/bench"
status=0
if [ $table = 1 ]; then
  "$venv/bin/python" "$root/scripts/bench/bench.py" \
    --ormsh "$target/release/ormsh" --python "$venv/bin/python" --floor "$floor" \
    --work "$root/target/bench" --json "$root/target/bench/results.json" ${args[@]+"${args[@]}"} \
    || status=$?
  args=()
fi
if [ $scale = 1 ]; then
  say "the scaling series (ORMSH_BENCH_SCALE_MAX=${ORMSH_BENCH_SCALE_MAX:-1000000})"
  python3 "$root/scripts/bench/scale.py" --ormsh "$target/release/ormsh" --floor "$floor" \
    --work "$root/target/bench" ${args[@]+"${args[@]}"} | tee "$root/target/bench/scale.md" \
    || status=$?
fi
exit $status
