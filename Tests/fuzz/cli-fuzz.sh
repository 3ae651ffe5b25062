#!/usr/bin/env bash
# The command-line fuzz campaign: COUNT (default 20000) mutants of sim's arguments — random --set paths
# and values over every field of every shipped scenario, odd values for every option, odd paths,
# unknown and repeated options, sim step scripts — run through the release build, JOBS at a time.
# Every run must end within 60 s with exit 0, 1, 2 or 130 (never a signal), say why on stderr when it
# fails, and leave the scenario and data files it read unchanged. Prints the counts; exit 1 on a fault.
#
#   Tests/fuzz/cli-fuzz.sh [COUNT] [SEED] [JOBS]
set -euo pipefail
cd "$(dirname "$0")/../.."
count=${1:-20000}
seed=${2:-1}
jobs=${3:-2}
swift build -c release --product sim > /dev/null
swift build -c release --product sim-fuzz > /dev/null
exec .build/release/sim-fuzz --sim .build/release/sim --count "$count" --seed "$seed" --jobs "$jobs" --timeout 60
