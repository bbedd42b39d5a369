#!/usr/bin/env bash
# The unit-of-work benchmark of issue 12 (scripts/bench/uow.py): deleting N
# parents with 10 N children (cascade delete) in one flush, at N = 1 000,
# 10 000 and 100 000, to show the flush takes time linear in the rows.
# Figures go in scripts/BENCHMARKS.md, never in tests.
#
#   scripts/bench/uow.sh                         3 runs per size
#   scripts/bench/uow.sh --sizes 10000,100000 --reps 5
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
target=${CARGO_TARGET_DIR:-$root/target}
case "$target" in /*) ;; *) target=$root/$target ;; esac
if [ ! -x /usr/bin/time ]; then
  sudo=; [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq time >/dev/null
fi
(cd "$root" && cargo build --release --quiet --bin ormsh)
mkdir -p "$root/target/bench/uow"
exec python3 "$root/scripts/bench/uow.py" --ormsh "$target/release/ormsh" --work "$root/target/bench/uow" "$@"
