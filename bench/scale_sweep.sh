#!/usr/bin/env bash
# How cost grows with population and horizon: runs bench/model_throughput on scenarios/integrated.toml
# scaled to a number of youth (inhabitants, team sizes and specialist places multiplied by the
# same factor, as in scenarios/national.toml; rates per 1,000 youth unchanged) and horizon.
#
# Usage: bench/scale_sweep.sh BUILD_DIR YOUTH HORIZON_YEARS [REPLICATIONS]
#   e.g. bench/scale_sweep.sh build/perf 100000 5 3
# Prints model_throughput's RESULT line (events/s, seconds per replication, peak RSS).
set -euo pipefail
build="${1:?build dir}"; youth="${2:?youth}"; years="${3:?horizon years}"; reps="${4:-1}"
here="$(cd "$(dirname "$0")/.." && pwd)"
# The 40k profile has 40,000 x 0.219 = 8,760 youth; factor = youth / 8760.
factor=$(python3 -c "print($youth / 8760)")
scaled() { python3 -c "print(max(1, round($1 * $factor)))"; }
args=(--set "population.inhabitants=$(python3 -c "print(round(40000 * $factor))")"
      --set "simulation.horizon_days=$(python3 -c "print(round(365 * $years))")"
      --set "teams.wijkteam.workers=$(scaled 24)" --set "teams.gi.workers=$(scaled 7)")
for p in ambulant:180 youth_mental_health:80 lvb:18 day_treatment:16 foster_care:36 family_home:6 \
         residential:12 closed_care:2 adult_mental_health:40 addiction_care:12 debt_counselling:50; do
  args+=(--set "providers.${p%%:*}.places=$(scaled "${p##*:}")")
done
[[ "$build" = /* ]] || build="$here/$build"
exec "$build/bench/model_throughput" "$here/scenarios/integrated.toml" --replications "$reps" "${args[@]}"
