#!/usr/bin/env bash
# Bytes per loaded instance (issue 17, scripts/BENCHMARKS.md): runs
# `x = Order.query.all()` over a reflected `orders(id INTEGER PRIMARY KEY,
# customer_id INTEGER, status VARCHAR(20), total NUMERIC(10,2), created
# DATETIME)` of 100 000 and of 400 000 rows, each row a distinct object held
# in the list, and prints the difference over the 300 000 rows between them:
# by the counting allocator (examples/heap_probe: the bytes ormsh's Rust code
# holds once the list is built, without malloc's headers and rounding) and
# by peak RSS (GNU time's %M: what the machine sees). Debug build (the sizes
# of the structures are those of a release build); files go to
# target/bench/per-instance/ (outside git).
#
#   scripts/bench/per-instance.sh            100 000 and 400 000 rows
#   SMALL=10000 LARGE=40000 scripts/bench/per-instance.sh
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target=$root/$target ;; esac
small=${SMALL:-100000} large=${LARGE:-400000}
out=$root/target/bench/per-instance
mkdir -p "$out"
[ -x /usr/bin/time ] || { echo "per-instance: needs GNU time (/usr/bin/time)" >&2; exit 2; }
(cd "$root" && cargo build --quiet --example heap_probe --features heap-probe)
probe=$target/debug/examples/heap_probe

python3 - "$out" "$small" "$large" <<'PY'
import os, sqlite3, sys
out = sys.argv[1]
statuses = ["pending", "shipped", "delivered", "cancelled"]
for n in map(int, sys.argv[2:]):
    path = os.path.join(out, f"orders{n}.db")
    if os.path.exists(path):
        continue
    c = sqlite3.connect(path + ".tmp")
    c.execute("create table orders(id INTEGER PRIMARY KEY, customer_id INTEGER, "
              "status VARCHAR(20), total NUMERIC(10,2), created DATETIME)")
    c.executemany("insert into orders values (?, ?, ?, ?, ?)", (
        (i, i % 997, statuses[i % 4], f"{(i * 37) % 100000 / 100:.2f}",
         f"2024-{1 + i % 12:02d}-{1 + i % 28:02d} {i % 24:02d}:{i % 60:02d}:{(i * 7) % 60:02d}")
        for i in range(1, n + 1)))
    c.commit()
    c.close()
    os.rename(path + ".tmp", path)
PY
cat > "$out/load.orm" <<'ORM'
x = Order.query.all()
s = "m" * 7777777
len(x)
ORM

declare -A heap rss
for n in "$small" "$large"; do
  /usr/bin/time -f 'rss %M' -o "$out/time$n" "$probe" "$out/orders$n.db" -f "$out/load.orm" \
    > "$out/out$n" 2> "$out/err$n"
  [ "$(cat "$out/out$n")" = "$n" ] || { echo "per-instance: expected $n, got:" >&2; cat "$out/out$n" "$out/err$n" >&2; exit 1; }
  heap[$n]=$(sed -n 's/^heap_probe: in use at the mark \([0-9]*\) bytes.*/\1/p' "$out/err$n")
  rss[$n]=$(awk '/^rss/ {print $2}' "$out/time$n")
  echo "$n rows: $((heap[$n] / 1048576)) MiB held (counting allocator), peak RSS $((rss[$n] / 1024)) MiB"
done
rows=$((large - small))
echo "bytes per instance: $(( (heap[$large] - heap[$small]) / rows )) (counting allocator)," \
  "$(( (rss[$large] - rss[$small]) * 1024 / rows )) (peak RSS)"
