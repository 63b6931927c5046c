#!/usr/bin/env bash
# Output fingerprints: pins every result of the model, in the spirit of OMNeT++'s test/fingerprint.
#
# For a scenario it runs `jeugdsim run` at the scenario's own seed with a few replications and an
# event log of replication 0, and records the SHA-256 of kpis.csv, timeseries.csv, summary.csv,
# queue-trends.csv and event-log.csv, plus the number of events. tests/fingerprints.csv holds the
# expected values; CTest runs one `--check` per scenario (tests/CMakeLists.txt).
#
# A refactor must leave every fingerprint unchanged. A commit that changes results on purpose runs
# `scripts/update-fingerprints` and says in its message why the results changed.
#
# Usage:
#   fingerprint.sh --check  JEUGDSIM SOURCE_DIR SCENARIO.toml   compare one scenario with the file
#   fingerprint.sh --update JEUGDSIM SOURCE_DIR                  recompute every scenario, rewrite the file
# SCENARIO.toml is relative to SOURCE_DIR (as in the file's first column).
set -euo pipefail

usage() { sed -n '12,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
(($# >= 3)) || usage
mode=$1 jeugdsim=$2 source_dir=$3
[[ -x $jeugdsim ]] || { echo "fingerprint: no jeugdsim binary at $jeugdsim (build it first)" >&2; exit 2; }
cd "$source_dir"
table=tests/fingerprints.csv
files=(kpis.csv timeseries.csv summary.csv queue-trends.csv event-log.csv)

# Replications and event log per scenario. The national scenario simulates the whole country: one
# replication takes about 15 s, and its event log would hold ~10^8 rows, so it runs once without one.
run_options() {
  case $1 in
    scenarios/national.toml) echo "-r 1" ;;
    *) echo "-r 3 --event-log 0" ;;
  esac
}

# Prints "SCENARIO,ITEM,VALUE" lines for one scenario.
fingerprint() {
  local scenario=$1 work
  work=$(mktemp -d)
  trap 'rm -rf "$work"' RETURN
  # shellcheck disable=SC2046 # run_options is a word list on purpose
  if ! "$jeugdsim" run "$scenario" $(run_options "$scenario") --out "$work/run" --quiet >"$work/stdout" 2>"$work/stderr"; then
    echo "fingerprint: jeugdsim run $scenario failed:" >&2
    cat "$work/stderr" >&2
    return 1
  fi
  local f item value
  for f in "${files[@]}"; do
    if [[ -f $work/run/$f ]]; then
      value=$(sha256sum "$work/run/$f" | cut -d' ' -f1)
    else
      value=absent
    fi
    echo "$scenario,$f,$value"
  done
  value=$(sed -n 's/^ *"events": *\([0-9]*\),*$/\1/p' "$work/run/run-info.json")
  [[ -n $value ]] || { echo "fingerprint: no event count in run-info.json of $scenario" >&2; return 1; }
  echo "$scenario,events,$value"
}

case $mode in
  --update)
    tmp=$(mktemp)
    {
      echo "scenario,item,value"
      for scenario in scenarios/*.toml tests/data/*.toml; do
        echo "fingerprint: $scenario" >&2
        fingerprint "$scenario"
      done
    } >"$tmp"
    mv "$tmp" "$table"
    echo "fingerprint: wrote $table ($(($(wc -l <"$table") - 1)) rows); say in the commit message why results changed" >&2
    ;;
  --check)
    (($# == 4)) || usage
    scenario=$4
    [[ -f $scenario ]] || { echo "fingerprint: no scenario $scenario" >&2; exit 2; }
    expected=$(grep "^$scenario," "$table" || true)
    if [[ -z $expected ]]; then
      echo "fingerprint: $scenario has no fingerprint in $table; run scripts/update-fingerprints" >&2
      exit 1
    fi
    actual=$(fingerprint "$scenario")
    status=0
    while IFS=, read -r _ item value; do
      got=$(grep "^$scenario,$item," <<<"$actual" | cut -d, -f3)
      if [[ $got != "$value" ]]; then
        echo "fingerprint MISMATCH: scenario $scenario, $item: expected $value, got ${got:-nothing}" >&2
        status=1
      fi
    done <<<"$expected"
    if ((status == 0)); then
      echo "fingerprint: $scenario matches ($(grep -c . <<<"$expected") items)"
    else
      echo "fingerprint: if the change of results is intended, run scripts/update-fingerprints and say why in the commit message" >&2
    fi
    exit $status
    ;;
  *) usage ;;
esac
