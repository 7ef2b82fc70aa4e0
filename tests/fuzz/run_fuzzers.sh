#!/usr/bin/env bash
# Runs every libFuzzer target of a build for a fixed time each.
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS_PER_TARGET [TARGET ...]
# Each target starts from its seed corpus (tests/fuzz/corpus/<target>, read only) and writes new
# inputs to a temporary folder; findings (crash-*, leak-*, timeout-*, oom-*) are kept in
# $IL_FUZZ_ARTIFACTS (default: BUILD_DIR/fuzz-artifacts/<target>/). Prints executions and coverage
# per target; exits 1 when any target crashed, leaked, timed out or ran out of memory.
# IL_FUZZ_JOBS=2 runs two targets at a time (default 1). IL_FUZZ_KEEP_CORPUS=DIR keeps each target's
# grown corpus in DIR/<target> (for minimising into the seed corpus by hand).
set -u
if [ $# -lt 2 ]; then
  echo "usage: $0 BUILD_DIR SECONDS_PER_TARGET [TARGET ...]" >&2
  exit 2
fi
build=$(cd "$1" && pwd) || exit 2
seconds=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
jobs=${IL_FUZZ_JOBS:-1}
artifacts=${IL_FUZZ_ARTIFACTS:-$build/fuzz-artifacts}
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for d in "$here"/corpus/*/; do targets+=("$(basename "$d")"); done
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/il-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
export IL_FUZZ_SCRATCH="$work/scratch"  # the targets' temporary files (tests/fuzz/fuzz_util.h)
mkdir -p "$IL_FUZZ_SCRATCH"
# Leaks are findings too; a Qt or SQLite global that lives until exit is not.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"

run_one() {
  local t=$1 bin="$build/tests/fuzz/$1"
  local log="$work/$t.log" corpus="$work/corpus/$t" out="$artifacts/$t"
  if [ ! -x "$bin" ]; then
    echo "$t: not built ($bin); cmake --build $build --target fuzz_targets" > "$work/$t.summary"
    echo 1 > "$work/$t.rc"
    return
  fi
  mkdir -p "$corpus" "$out"
  local dict=()
  [ -f "$here/dict/$t.dict" ] && dict=(-dict="$here/dict/$t.dict")
  local start=$SECONDS
  nice -n 10 "$bin" -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=2048 -timeout=10 \
    -print_final_stats=1 -artifact_prefix="$out/" "${dict[@]}" "$corpus" "$here/corpus/$t" > "$log" 2>&1
  local rc=$? took=$((SECONDS - start))
  local execs cov ft corp speed
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  ft=$(grep -Eo 'ft: [0-9]+' "$log" | tail -1 | cut -d' ' -f2)
  corp=$(grep -Eo 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2)
  {
    printf '%-20s %4ss  execs %-9s exec/s %-6s cov %-5s ft %-6s corpus %s' "$t" "$took" "${execs:-?}" \
      "${speed:-?}" "${cov:-?}" "${ft:-?}" "${corp:-?}"
    if [ $rc -ne 0 ]; then
      echo "  FAILED (exit $rc)"
      grep -E '^==[0-9]+==ERROR|^SUMMARY|runtime error|ERROR: libFuzzer|Test unit written to' "$log" | head -8 | sed 's/^/    /'
      echo "    full log: $out/$t.log"
      cp "$log" "$out/$t.log"
    else
      echo
    fi
  } > "$work/$t.summary"
  if [ -n "${IL_FUZZ_KEEP_CORPUS:-}" ]; then
    mkdir -p "$IL_FUZZ_KEEP_CORPUS/$t" && cp -r "$corpus"/. "$IL_FUZZ_KEEP_CORPUS/$t/"
  fi
  echo $rc > "$work/$t.rc"
}

running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ $running -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

failed=0
for t in "${targets[@]}"; do
  cat "$work/$t.summary"
  [ "$(cat "$work/$t.rc" 2>/dev/null || echo 1)" = 0 ] || failed=1
done
if [ $failed -ne 0 ]; then
  echo "fuzzing found problems; reproduce one with: BUILD/tests/fuzz/TARGET ARTIFACT" >&2
  exit 1
fi
echo "all ${#targets[@]} fuzz targets ran ${seconds}s each without a finding"
