#!/usr/bin/env bash
# Runs one libFuzzer harness for a bounded time from a corpus of the shipped files.
# Usage: run_fuzz.sh HARNESS FUZZ_BUILD_DIR SOURCE_DIR JEUGDSIM_BINARY SECONDS
# HARNESS: scenario (scenario loader), results (kpis.csv/timeseries.csv reader) or targets
# (calibration targets CSV). Fails on any crash, hang (10 s per input), leak, sanitizer report
# or empty rejection message; the reproducer is kept in the work folder it prints.
set -euo pipefail
harness="$1" build="$2" source="$3" jeugdsim="$4" seconds="$5"
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/jeugdsim-fuzz-$harness-XXXXXX")"
mkdir -p "$work/seed" "$work/new"
case "$harness" in
  scenario)
    cp "$source"/scenarios/*.toml "$source"/scenarios/profiles/*.toml "$source"/tests/data/*.toml "$work/seed/" ;;
  results)
    # Real result files, cut short: kpis.csv, a NUL byte, timeseries.csv.
    "$jeugdsim" run "$source/tests/data/tiny.toml" -r 2 -q --out "$work/run" >/dev/null
    { head -c 3000 "$work/run/kpis.csv"; printf '\0'; head -c 3000 "$work/run/timeseries.csv"; } >"$work/seed/run"
    { head -n 3 "$work/run/kpis.csv"; printf '\n----\n'; head -n 3 "$work/run/timeseries.csv"; } >"$work/seed/short"
    rm -rf "$work/run" ;;
  targets)
    cp "$source"/calibration/targets/*.csv "$work/seed/" ;;
  *) echo "run_fuzz.sh: unknown harness $harness" >&2; exit 2 ;;
esac
export JEUGDSIM_SOURCE_DIR="$source"
export TMPDIR="$work"  # the harnesses' scratch folders go inside the work folder, removed on success
export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$here/ubsan.supp"
cd "$work"
status=0
"$build/fuzz_$harness" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$work/" "$work/new" "$work/seed" >"$work/fuzz.log" 2>&1 || status=$?
tail -n 15 "$work/fuzz.log"
if [[ $status -ne 0 ]]; then
  echo "run_fuzz.sh: $harness: libFuzzer found a problem (exit $status); log and reproducer in $work" >&2
  grep -E "ERROR|SUMMARY|runtime error|fuzz:" "$work/fuzz.log" | head -n 20 >&2 || true
  exit 1
fi
rm -rf "$work"
