#!/usr/bin/env bash
# A full disk (ENOSPC) while sim writes its outputs: every command must fail with exit 1 and one line
# naming the file, leave no temporary file behind, and leave a sweep's --out whole up to its last
# finished run. Uses a 64 KiB tmpfs, so it needs root (mount); it skips with the reason otherwise.
#
# Usage: bash Tests/full-disk.sh [path/to/sim]     (default .build/release/sim)
set -uo pipefail
cd "$(dirname "$0")/.."
SIM=$(realpath "${1:-.build/release/sim}")
SCENARIO=$(realpath Scenarios/quickstart.json5)
say() { printf 'full disk: %s\n' "$*"; }

[ -x "$SIM" ] || { echo "full disk: no sim binary at $SIM (build it first)"; exit 1; }
[ "$(id -u)" -eq 0 ] || { say "skipped: not root (mounting a small tmpfs needs root)"; exit 0; }
disk=$(mktemp -d /tmp/sim-full-disk.XXXXXX)
mount -t tmpfs -o size=64k tmpfs "$disk" 2> /dev/null || { rmdir "$disk"; say "skipped: cannot mount a tmpfs here"; exit 0; }
cleanup() { umount "$disk"; rmdir "$disk"; }
trap cleanup EXIT
failed=0

# Runs sim with the remaining arguments, expecting exit 1 and no temporary file on the full disk.
expect_failure() {
  local name=$1; shift
  local stderr status
  stderr=$("$SIM" "$@" 2>&1 > /dev/null); status=$?
  local left
  left=$(ls -A "$disk" | grep -E '\.tmp-|nosync' || true)
  if [ "$status" -ne 1 ] || [ -n "$left" ] || [ "$(printf '%s\n' "$stderr" | grep -c .)" -ne 1 ]; then
    say "FAILED $name: exit $status, temporaries '${left}', stderr: $stderr"
    failed=1
  else
    say "ok $name: exit 1, no temporary file: $stderr"
  fi
}

expect_failure "trace" run "$SCENARIO" --policy dispatch --trace "$disk/trace.jsonl" --no-progress
rm -f "$disk"/*
expect_failure "sweep" sweep "$SCENARIO" --set episodes=1 --seeds 1..2000 --policies random --out "$disk/sweep.jsonl" --no-progress
if [ -f "$disk/sweep.jsonl" ] && [ "$(tail -c 1 "$disk/sweep.jsonl" | od -An -c | tr -d ' ')" = '\n' ]; then
  say "ok sweep: its --out holds $(( $(wc -l < "$disk/sweep.jsonl") - 1 )) whole run line(s) after the header"
else
  say "FAILED sweep: its --out does not end on a whole line"; failed=1
fi
rm -f "$disk"/*
cat /dev/zero > "$disk/filler" 2> /dev/null   # the disk is now full
expect_failure "results" run "$SCENARIO" --policy dispatch --set episodes=2 --out "$disk/results.json" --no-progress
expect_failure "compare" compare "$SCENARIO" --seeds 1..3 --set episodes=2 --json "$disk/compare.json" --no-progress
[ "$failed" -eq 0 ] && say "passed" || exit 1
