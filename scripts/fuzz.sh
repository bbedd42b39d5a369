#!/usr/bin/env bash
# Fuzz ormsh with cargo-fuzz (libFuzzer) for a bounded time per target:
#   scripts/fuzz.sh [SECONDS_PER_TARGET [TARGET...]]   (default 60, every target)
# Targets: parse, eval (whole scripts), format, dates (the value layer's
# formatting, conversions and dates, from structured bytes). The script
# targets are seeded with every script in tests/ and scripts/. Run before each release;
# record the figures in scripts/FUZZING.md. Crashes land in
# scripts/fuzz/artifacts/<target>/ — each one becomes a regression case.
# This machine's toolchain is stable: RUSTC_BOOTSTRAP=1 lets cargo-fuzz use
# the sanitizer flags it needs.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(parse eval format dates)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
export RUSTC_BOOTSTRAP=1
for target in "${targets[@]}"; do
  corpus=scripts/fuzz/corpus/$target
  mkdir -p "$corpus"
  case $target in
    parse|eval)
      find tests scripts -path scripts/fuzz -prune -o -name '*.orm' -size -4k -exec cp {} "$corpus"/ \; ;;
  esac
  echo "== $target: $secs s"
  cargo fuzz run --fuzz-dir scripts/fuzz "$target" "$corpus" -- \
    -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 2>&1 \
    | grep -E '^(stat::|#[0-9]+ +DONE|==[0-9]+== ERROR|SUMMARY|artifact_prefix|Test unit written)' || true
done
