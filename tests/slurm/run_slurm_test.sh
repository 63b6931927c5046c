#!/usr/bin/env bash
# End-to-end test of scripts/slurm on a single-node Slurm started for this test only:
# installs Slurm and munge if missing (scripts/setup --with-slurm), starts munged, slurmctld and
# slurmd as root with everything (config, state, sockets, logs) in a temporary folder, submits
# tests/data/tiny.toml as a job array of 3 tasks x 2 replications with scripts/slurm/submit,
# waits for the merge job, and checks that the merged folder equals a local
# `jeugdsim run tests/data/tiny.toml -r 6` byte for byte (kpis.csv, timeseries.csv,
# summary.csv, queue-trends.csv, provenance.json). Stops the daemons it started on every exit (trap).
#
# Usage: tests/slurm/run_slurm_test.sh [JEUGDSIM_BINARY]     (ctest label "slurm")
# Needs root (daemons, apt-get). Exit 77 (skipped) when not root and no sudo-less root is possible.
#
# Configuration for a sandbox or container without systemd or a writable cgroup tree:
# proctrack/linuxproc, task/none, jobacct_gather/none, no accounting and no cgroup plugin at
# all, SlurmUser=root and SlurmdUser=root, ports picked free, munged on its own socket and key
# (AuthInfo=socket=...), so nothing on the host (an existing munge or Slurm) is touched.
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
binary="${1:-$repo/build/release/bin/jeugdsim}"
deadline_seconds="${SLURM_TEST_TIMEOUT:-300}"

if [[ $(id -u) -ne 0 ]]; then
  echo "slurm test: skipped: must run as root (starts slurmctld, slurmd and munged)"
  exit 77
fi
[[ -x "$binary" ]] || { echo "slurm test: no jeugdsim binary at $binary" >&2; exit 1; }
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"

# Packages (idempotent; installs only what is missing).
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v munged >/dev/null; then
  timeout 600 "$repo/scripts/setup" --with-slurm
fi

work="$(mktemp -d /tmp/jeugdsim-slurm-test.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  local rc=$?
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  if ((rc != 0)); then
    echo "--- slurm test failed (exit $rc); logs:" >&2
    for f in "$work"/log/*.log "$work"/run/logs/*.out; do
      [[ -f "$f" ]] && { echo "--- $f" >&2; tail -n "${SLURM_TEST_LOG_LINES:-40}" "$f" >&2; }
    done
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Waits until a command succeeds, for at most $1 seconds.
wait_for() {
  local seconds="$1"; shift
  local end=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= end)); then echo "slurm test: timed out after ${seconds}s waiting for: $*" >&2; return 1; fi
    sleep 0.5
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

mkdir -p "$work"/{munge,log,state,spool}
chmod 755 "$work/munge"
# munge: own key and socket; as root it needs --force.
dd if=/dev/urandom bs=1 count=1024 of="$work/munge/munge.key" status=none
chmod 400 "$work/munge/munge.key"
munged -F --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/munged.seed" \
  --log-file="$work/log/munged.log" >"$work/log/munged.stdout.log" 2>&1 &
pids+=($!)
wait_for 30 test -S "$work/munge/munge.socket"

node="$(hostname -s)"
cpus="$(nproc)"
ctld_port="$(free_port)"
slurmd_port="$(free_port)"
cat >"$work/slurm.conf" <<CONF
ClusterName=jeugdsimtest
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SwitchType=switch/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmdTimeout=60
InactiveLimit=0
KillWait=5
NodeName=$node NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"

slurmctld -D -i -f "$SLURM_CONF" >"$work/log/slurmctld.stdout.log" 2>&1 &
pids+=($!)
wait_for 60 scontrol ping
slurmd -D -N "$node" -f "$SLURM_CONF" >"$work/log/slurmd.stdout.log" 2>&1 &
pids+=($!)
node_idle() { sinfo -h -n "$node" -o %t | grep -Eq '^(idle|mix|alloc)'; }
wait_for 90 node_idle

# The job array: 3 tasks x 2 replications, then the merge job.
scenario="$repo/tests/data/tiny.toml"
"$repo/scripts/slurm/submit" "$scenario" -n 6 -k 2 --run "$work/run" --jeugdsim "$binary" | tee "$work/log/submit.log"
merge_job="$(sed -n 's/^merge job \([0-9]*\):.*/\1/p' "$work/log/submit.log")"
[[ -n "$merge_job" ]] || { echo "slurm test: no merge job id in the submit output" >&2; exit 1; }
merge_done() {
  [[ -d "$work/run/merged" ]] && ! squeue -h -j "$merge_job" 2>/dev/null | grep -q .
}
wait_for "$deadline_seconds" merge_done

# The same replications on this machine, in one run.
(cd "$work" && "$binary" run "$scenario" -r 6 --quiet --out "$work/local" >/dev/null)
status=0
for f in kpis.csv timeseries.csv summary.csv queue-trends.csv provenance.json scenario.resolved.toml; do
  if cmp -s "$work/local/$f" "$work/run/merged/$f"; then
    echo "slurm test: $f identical"
  else
    echo "slurm test: $f DIFFERS between the merged Slurm run and the local run" >&2
    diff "$work/local/$f" "$work/run/merged/$f" | head -n 20 >&2 || true
    status=1
  fi
done
ls "$work/run/slices" | sed 's/^/slurm test: slice /'
exit "$status"
