#!/usr/bin/env bash
# `convo-hook why` on a 2,000-line file in a repository with 1,000 archived sessions: the whole file, one line
# and 40 lines, as whole processes. Writes the `## why` section of Benchmarks/RESULTS.md.
#   Benchmarks/run-why.sh [convo-bench why options]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product convo-hook
swift build -c release --scratch-path "$scratch" --product convo-bench
exec "$scratch/release/convo-bench" why --convo-hook "$PWD/$scratch/release/convo-hook" --sessions 1000 --mb 50 --lines 2000 \
    --runs 5 --work Benchmarks/work/why --results Benchmarks/RESULTS.md "$@"
