#!/usr/bin/env bash
# Profile ormsh on the benchmark's W1 (insert) and W2 (lookup) workloads:
# callgrind at a small size (W1 with 5 000 inserts, W2 with 5 000 lookups on
# a 50 000-row table), and perf sampling at the full size when perf can
# record here. Reports go to target/bench/profile/ (outside git); what they
# showed is written up in scripts/BENCHMARKS.md.
#
#   scripts/bench/profile.sh            (needs valgrind; perf optional)
#   N=100000 scripts/bench/profile.sh   the size of the perf runs
#   scripts/bench/profile.sh SCRIPT.orm [DB]   callgrind of one script (a
#       workload of the scaling series, target/bench/scale/run.orm after a
#       run of scale.py); the report goes to target/bench/profile/cg.NAME.txt
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target=$root/$target ;; esac
n=${N:-100000}
out=$root/target/bench/profile
mkdir -p "$out"
if ! command -v valgrind >/dev/null || ! command -v sqlite3 >/dev/null; then
  sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && $sudo apt-get install -y -qq valgrind sqlite3 >/dev/null
fi
(cd "$root" && cargo build --release --quiet)   # the release profile has debug = 1
ormsh=$target/release/ormsh

annotate() {  # callgrind file -> top inclusive and self functions
  { echo "== inclusive"; callgrind_annotate --inclusive=yes "$1" | awk '/^Ir/{on=1} on && n++<60'
    echo; echo "== self"; callgrind_annotate "$1" | awk '/^Ir/{on=1} on && n++<40'; } > "$1.txt" 2>/dev/null
  echo "wrote $1.txt"
}
if [ $# -ge 1 ]; then  # one script, on DB or a fresh database
  name=$(basename "$1" .orm)
  db=${2:-$out/$name.db}; [ $# -ge 2 ] || rm -f "$db"
  valgrind -q --tool=callgrind --callgrind-out-file="$out/cg.$name" "$ormsh" "$db" -f "$1" >/dev/null
  annotate "$out/cg.$name"
  exit 0
fi
# Sources from the benchmark's own generator, at three sizes.
python3 - "$root/scripts/bench" "$out" "$n" <<'EOF'
import os, sys
sys.path.insert(0, sys.argv[1])
import bench
out, n = sys.argv[2], int(sys.argv[3])
for size in (5000, 50000, n):
    bench.generate(os.path.join(out, f"n{size}"), size, 1000, 10)
EOF
rm -f "$out/users50k.db" && sqlite3 "$out/users50k.db" < "$out/n50000/src/w1.sql" >/dev/null
rm -f "$out/usersN.db" && sqlite3 "$out/usersN.db" < "$out/n$n/src/w1.sql" >/dev/null

rm -f "$out/w1.db"
valgrind -q --tool=callgrind --callgrind-out-file="$out/cg.w1" "$ormsh" "$out/w1.db" -f "$out/n5000/src/w1.orm" >/dev/null
annotate "$out/cg.w1"
valgrind -q --tool=callgrind --callgrind-out-file="$out/cg.w2" "$ormsh" "$out/users50k.db" -f "$out/n50000/src/w2.orm" >/dev/null
annotate "$out/cg.w2"

if perf record -e cpu-clock -o /dev/null true >/dev/null 2>&1; then
  for w in w1 w2 w3; do
    db=$out/$w.db; rm -f "$db"; [ $w = w2 ] && db=$out/usersN.db
    perf record -q -e cpu-clock -F 2000 --call-graph dwarf,16384 -o "$out/perf.$w" \
      "$ormsh" "$db" -f "$out/n$n/src/$w.orm" >/dev/null 2>&1
    perf report -i "$out/perf.$w" --children --stdio --percent-limit 1 -g none 2>/dev/null \
      | grep -v '^#' | grep -v '^$' | grep -v '(inlined)' > "$out/perf.$w.txt"
    echo "wrote $out/perf.$w.txt"
  done
else
  echo "perf cannot record here; callgrind only" >&2
fi
