#!/usr/bin/env bash
# Sweeps on a real Slurm: installs the distribution's Slurm (slurmctld, slurmd, slurm-client, munge) when
# it runs as root with apt-get, starts a one-node cluster from a temporary folder, submits the script of
# `sim sweep … --sbatch` (a 3-task job array and a merge job) and checks that the merged table equals the
# unsharded sweep. Then it submits again, stops one task part-way with SIGTERM (what Slurm sends at a time
# limit), checks the task kept its finished runs and exited 143, requeues it, and checks that the resumed
# task completes the sweep without repeating a run and that the merge still equals the unsharded sweep.
#
# Usage: bash Tests/slurm-integration.sh [path/to/sim]     (default .build/release/sim)
# Skips (exit 0, with the reason) when it is not root, has no apt-get, or cannot install or start Slurm.
# Every daemon it starts is stopped by PID; everything else lives in a temporary folder it removes.
set -uo pipefail
cd "$(dirname "$0")/.."
SIM=$(realpath "${1:-.build/release/sim}")
SCENARIO=$(realpath Scenarios/quickstart.json5)
started=$(date +%s)

say() { printf 'slurm: %s\n' "$*"; }
skip() { say "skipped: $*"; exit 0; }
fail() {
  say "FAILED: $*"
  for log in "$work"/*.log "$work"/b/*.log; do [ -f "$log" ] && { echo "--- $log"; tail -n 15 "$log"; }; done
  for shard in "$work"/b/k-shard-*.jsonl; do [ -f "$shard" ] && echo "--- $shard: $(wc -l < "$shard") lines"; done
  exit 1
}

[ -x "$SIM" ] || { echo "slurm: no sim binary at $SIM (build it first)"; exit 1; }
[ "$(id -u)" -eq 0 ] || skip "not running as root (installing Slurm needs root)"
command -v apt-get > /dev/null || skip "no apt-get on this machine"

# --- install (bounded in time; package scripts must not start services of their own)
need=()
for tool in slurmctld slurmd sbatch munged; do command -v "$tool" > /dev/null || need+=("$tool"); done
if [ ${#need[@]} -gt 0 ]; then
  say "installing slurmctld slurmd slurm-client munge (missing: ${need[*]})"
  made_policy=0
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; made_policy=1; fi
  timeout 120 apt-get update -qq > /tmp/slurm-apt.log 2>&1
  DEBIAN_FRONTEND=noninteractive timeout 300 apt-get install -y -qq --no-install-recommends \
    slurmctld slurmd slurm-client munge >> /tmp/slurm-apt.log 2>&1
  status=$?
  [ "$made_policy" -eq 1 ] && rm -f /usr/sbin/policy-rc.d
  [ "$status" -eq 0 ] || { tail -n 5 /tmp/slurm-apt.log; skip "apt-get install failed (status $status)"; }
  say "installed in $(( $(date +%s) - started )) s"
fi
id munge > /dev/null 2>&1 || skip "the munge package created no 'munge' user"

# --- a one-node cluster in a temporary folder
work=$(mktemp -d /tmp/sim-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  [ -n "${SLURM_CONF:-}" ] && timeout 10 scancel --quiet --user=root > /dev/null 2>&1
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2> /dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2> /dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2> /dev/null
    wait "$pid" 2> /dev/null
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap "exit 1" INT TERM

host=$(hostname -s)
mkdir -p "$work/munge" "$work/key" "$work/state" "$work/spool" "$work/a" "$work/b"
chown munge:munge "$work/munge" "$work/key"
chmod 755 "$work/munge"   # munged wants its socket folder open to every user
chmod 700 "$work/key"
dd if=/dev/urandom of="$work/key/munge.key" bs=1024 count=1 status=none
chown munge:munge "$work/key/munge.key"
chmod 400 "$work/key/munge.key"
socket="$work/munge/munge.socket"
setpriv --reuid=munge --regid=munge --init-groups munged --foreground --socket="$socket" \
  --key-file="$work/key/munge.key" --pid-file="$work/munge/munged.pid" --seed-file="$work/munge/seed" \
  --log-file="$work/munge/munged.log" > "$work/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 50); do [ -S "$socket" ] && break; sleep 0.1; done
munge -n -S "$socket" | unmunge -S "$socket" > /dev/null 2>&1 || skip "munged did not start: $(grep -h Error "$work/munged.out" "$work/munge/munged.log" 2> /dev/null | tail -n 1)"

cat > "$work/slurm.conf" <<EOF
ClusterName=simtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
AuthInfo=socket=$socket
CredType=cred/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
KillWait=10
MinJobAge=300
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -f "$SLURM_CONF" > "$work/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" > "$work/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  state=$(timeout 5 sinfo -h -n "$host" -o %t 2> /dev/null)
  case "$state" in idle*|mix*|alloc*) break ;; esac
  sleep 0.2
done
case "$state" in idle*|mix*|alloc*) say "cluster up: node $host is $state ($(sinfo -V))" ;; *) skip "slurmctld/slurmd did not come up (node state '$state')" ;; esac

# --- the sweep: unsharded reference, then the --sbatch script
sweep=(sweep "$SCENARIO" --set observation.k=1,5 --set world.localAgents=200 --set episodes=4 --seeds 1..6)
"$SIM" "${sweep[@]}" --out "$work/reference.jsonl" --no-progress > /dev/null || fail "the unsharded sweep failed"
sort "$work/reference.jsonl" > "$work/reference.sorted"

# Waits until job $1 has left the queue (at most $2 seconds).
wait_gone() {
  local deadline=$(( $(date +%s) + $2 ))
  while [ -n "$(squeue -h -j "$1" -o %i 2> /dev/null)" ]; do
    [ "$(date +%s)" -lt "$deadline" ] || fail "job $1 still queued after $2 s: $(squeue -h -j "$1" -o '%i %T %r')"
    sleep 1
  done
}

# Submits the --sbatch script of the sweep in folder $1 with $2 extra --set options; sets array_job and merge_job.
submit() {
  (cd "$1" && "$SIM" "${sweep[@]}" "${@:2}" --sbatch --out k.jsonl --array-size 3 --time 5 > submit.sh) || fail "--sbatch failed"
  local line
  line=$(cd "$1" && bash submit.sh) || fail "submitting failed: $line"
  say "$line"
  array_job=$(echo "$line" | sed -n 's/^submitted job array \([0-9]*\) .*/\1/p')
  merge_job=$(echo "$line" | sed -n 's/.* merge job \([0-9]*\) .*/\1/p')
  [ -n "$array_job" ] && [ -n "$merge_job" ] || fail "no job ids in: $line"
}

say "phase 1: a 3-task array and its merge job"
submit "$work/a"
wait_gone "$merge_job" 90
[ -f "$work/a/k.jsonl" ] || fail "the merge job wrote no k.jsonl"
sort "$work/a/k.jsonl" | cmp -s - "$work/reference.sorted" || fail "merged output differs from the unsharded sweep"
say "phase 1 ok: merged $(( $(wc -l < "$work/a/k.jsonl") - 1 )) runs equal the unsharded sweep ($(head -n 1 "$work/a/k-merge.log"))"

say "phase 2: SIGTERM one task part-way, requeue it"
# Slower runs (about 0.25 s of CPU each), so task 2 is caught after two runs with six still to do,
# however fast the machine: the signal then has seconds to arrive, not milliseconds.
sweep=(sweep "$SCENARIO" --set observation.k=1,5 --set episodes=400 --seeds 1..4)
"$SIM" "${sweep[@]}" --out "$work/reference2.jsonl" --no-progress > /dev/null || fail "the second unsharded sweep failed"
sort "$work/reference2.jsonl" > "$work/reference.sorted"
submit "$work/b"
shard="$work/b/k-shard-2.jsonl"
deadline=$(( $(date +%s) + 60 ))
until [ -f "$shard" ] && [ "$(wc -l < "$shard")" -ge 3 ]; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "task 2 wrote no runs within 60 s"
  sleep 0.1
done
scancel --signal=TERM --full "${array_job}_2" || fail "scancel failed"
deadline=$(( $(date +%s) + 60 ))
until squeue -h -j "${array_job}_2" -o %T 2> /dev/null | grep -vq 'RUNNING\|COMPLETING'; do
  [ -z "$(squeue -h -j "${array_job}_2" -o %i 2> /dev/null)" ] && break
  [ "$(date +%s)" -lt "$deadline" ] || fail "task 2 did not stop within 60 s of SIGTERM"
  sleep 0.2
done
kept=$(( $(wc -l < "$shard") - 1 ))
expected=$(( $(wc -l < "$work/reference2.jsonl") - 1 ))
grep -q 'terminated (SIGTERM)' "$work/b/k-shard-2.log" || fail "task 2 did not report the SIGTERM"
ls "$work/b" | grep -q 'tmp-' && fail "temporary files left: $(ls "$work/b")"
say "task 2 stopped by SIGTERM with $kept finished run(s) kept: $(grep 'terminated' "$work/b/k-shard-2.log")"
[ "$kept" -lt $(( expected / 3 )) ] || fail "task 2 finished before the SIGTERM ($kept runs)"
# A task that exited 143 failed, so the merge job's afterok on the array can no longer be met (Slurm
# keeps the array's worst exit code): requeue the task, start it now (Slurm holds a requeued job back
# for a while), and make the merge job wait for that task instead — what the script's comment says.
scontrol requeue "${array_job}_2" || fail "scontrol requeue failed"
scontrol update JobId="${array_job}_2" StartTime=now || fail "could not start the requeued task now"
scontrol update JobId="$merge_job" Dependency=afterok:"${array_job}_2" || fail "could not renew the merge job's dependency"
say "requeued task 2 and renewed the merge job's dependency"
wait_gone "$merge_job" 90
grep -q 'already written' "$work/b/k-shard-2.log" || fail "the requeued task did not resume its shard file"
say "task 2 resumed: $(grep 'already written' "$work/b/k-shard-2.log")"
[ -f "$work/b/k.jsonl" ] || fail "the merge job wrote no k.jsonl after the requeue ($(cat "$work/b/k-merge.log" 2> /dev/null))"
sort "$work/b/k.jsonl" | cmp -s - "$work/reference.sorted" || fail "merged output after the requeue differs from the unsharded sweep"
say "phase 2 ok: merged $(( $(wc -l < "$work/b/k.jsonl") - 1 )) runs equal the unsharded sweep after SIGTERM and requeue"
say "passed in $(( $(date +%s) - started )) s"
