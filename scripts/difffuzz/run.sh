#!/usr/bin/env bash
# The differential fuzzer: random model sets and session operations run
# through ormsh and through Flask-SQLAlchemy (../shared/reference/expect),
# compared on output, error kind, stop point and the database file.
#
#   scripts/difffuzz/run.sh N [SEED] [OPTIONS]     e.g. scripts/difffuzz/run.sh 2000
#
# Builds ormsh in release mode if needed (into $CARGO_TARGET_DIR when set,
# as cargo does); the reference makes its virtualenv
# on first use. Options (scripts/difffuzz/difffuzz.py --help): --jobs J
# (default 2), --via-expect, --minimise-per-kind K, --only I,J, --out DIR;
# --replay SCRIPT... compares given scripts (scripts/difffuzz/found/*.orm).
# Results (minimised cases, summary.md) go to scripts/difffuzz/results/SEED/;
# record each run's figures in scripts/DIFFFUZZ.md.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -ge 1 ] || { echo "usage: scripts/difffuzz/run.sh N [SEED] [OPTIONS] | --replay SCRIPT..." >&2; exit 2; }
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target=$root/$target ;; esac
(cd "$root" && cargo build --release --quiet --bin ormsh)
exec python3 "$here/difffuzz.py" --ormsh "$target/release/ormsh" "$@"
