#!/usr/bin/env bash
# Runs every libFuzzer harness in BUILD_DIR for SECONDS each, starting from its seed
# corpus (engine/tests/fuzz/corpus/<name>/). A crash, leak or timeout fails the run.
set -euo pipefail
build=${1:?usage: run-fuzzers.sh BUILD_DIR SECONDS}
seconds=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
export LSAN_OPTIONS="suppressions=$root/engine/tests/lsan.supp:print_suppressions=0"
status=0
ran=0
for fuzzer in "$build"/fuzz_*; do
  [ -x "$fuzzer" ] || continue
  name=$(basename "$fuzzer")
  corpus=$(mktemp -d)
  [ -d "$root/engine/tests/fuzz/corpus/$name" ] && cp -r "$root/engine/tests/fuzz/corpus/$name/." "$corpus/"
  echo "fuzz: $name for ${seconds}s"
  if ! "$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$build/$name-" "$corpus" > "$build/$name.log" 2>&1; then
    echo "fuzz: $name FAILED; see $build/$name.log"; tail -40 "$build/$name.log"; status=1
  else
    grep -E "stat::number_of_executed_units" "$build/$name.log" || true
  fi
  rm -rf "$corpus"
  ran=$((ran + 1))
done
[ "$ran" -gt 0 ] || { echo "fuzz: no harnesses in $build"; exit 1; }
if [ "$status" -eq 0 ]; then echo "fuzz: $ran passed, 0 failed"; else echo "fuzz: some harnesses failed"; fi
exit "$status"
