#!/usr/bin/env bash
# Opening a file of many tables (issue 17): builds files of N tables, each
# with a foreign key to the one before, and times `ormsh FILE -c 1` (open,
# reflect, one statement) for each N, so t(2N)/t(N) shows whether opening
# grows linearly. Figures go in scripts/BENCHMARKS.md, never in tests.
#
#   scripts/bench/open-tables.sh                 N = 500 1000 2000 4000, release build
#   ORMSH=target/debug/ormsh scripts/bench/open-tables.sh 1000 2000
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ormsh=${ORMSH:-}
if [ -z "$ormsh" ]; then
  (cd "$root" && cargo build --release -q)
  ormsh=${CARGO_TARGET_DIR:-$root/target}/release/ormsh
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ $# -eq 0 ] && set -- 500 1000 2000 4000
for n in "$@"; do
  python3 - "$work/t$n.db" "$n" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
for i in range(int(sys.argv[2])):
    fk = ', parent_id INTEGER REFERENCES t%d(id)' % (i - 1) if i else ''
    con.execute('CREATE TABLE t%d (id INTEGER PRIMARY KEY, name TEXT%s)' % (i, fk))
con.commit()
PY
  start=$(date +%s.%N)
  "$ormsh" "$work/t$n.db" -c 1 >/dev/null
  end=$(date +%s.%N)
  printf '%6d tables: %.2f s\n' "$n" "$(echo "$end - $start" | bc)"
done
