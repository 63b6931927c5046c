#!/usr/bin/env bash
# Where an event's instructions go: runs bench/model_throughput under callgrind with R and 2R
# replications and prints the instructions per event of the difference (the scenario's loading
# cancels out) by component: Philox, distributions, event calendar, statistics, allocation,
# model. Instruction counts are exact and do not depend on the machine's load, unlike timings.
#
# Usage: bench/instruction_profile.sh BUILD_DIR [SCENARIO] [REPLICATIONS] [--functions COMPONENT]
#   e.g. bench/instruction_profile.sh build/prof scenarios/integrated.toml 5 --functions model
# The arguments are positional: --functions needs SCENARIO and REPLICATIONS before it.
# BUILD_DIR should be a Release build with debug information, so that code inlined from a header
# is counted where it was written:
#   cmake -S . -B build/prof -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_FLAGS=-g
#   cmake --build build/prof --target model_throughput
# Needs valgrind (apt-get install valgrind). About a minute for the default scenario.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:?usage: bench/instruction_profile.sh BUILD_DIR [SCENARIO] [REPLICATIONS] [--functions COMPONENT]}"
scenario="${2:-$here/scenarios/integrated.toml}"
reps="${3:-5}"
shift $(( $# < 3 ? $# : 3 ))
[[ "$build" = /* ]] || build="$PWD/$build"
program="$build/bench/model_throughput"
[[ -x "$program" ]] || { echo "instruction_profile.sh: $program not found; build the model_throughput target first" >&2; exit 2; }
[[ -f "$scenario" ]] || { echo "instruction_profile.sh: scenario file $scenario not found" >&2; exit 2; }
[[ "$reps" =~ ^[1-9][0-9]*$ ]] || { echo "instruction_profile.sh: REPLICATIONS must be a positive integer, got '$reps'" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "instruction_profile.sh: valgrind not found (apt-get install valgrind)" >&2; exit 2; }
if ! readelf -S "$program" | grep -q '\.debug_info'; then
  echo "instruction_profile.sh: warning: $program has no debug information; inlined code counts as its caller" >&2
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
events_of() { grep -o ' events=[0-9]*' "$1" | cut -d= -f2; }
for r in "$reps" $((2 * reps)); do
  echo "callgrind: $r replications of $scenario ..." >&2
  valgrind --tool=callgrind --callgrind-out-file="$work/r$r.callgrind" "$program" "$scenario" -r "$r" \
    >"$work/r$r.txt" 2>"$work/r$r.log" || { cat "$work/r$r.log" >&2; exit 1; }
done
short=$(events_of "$work/r$reps.txt" || true); long=$(events_of "$work/r$((2 * reps)).txt" || true)
if [[ -z "$short" || -z "$long" ]]; then
  echo "instruction_profile.sh: $program printed no 'events=' in its RESULT line; rebuild it from this tree" >&2
  exit 2
fi
echo "events: $short in $reps replications, $long in $((2 * reps)); per event below = over the extra $((long - short))" >&2
python3 "$here/bench/instruction_profile.py" "$work/r$reps.callgrind" "$work/r$((2 * reps)).callgrind" \
  "$((long - short))" "$@"
