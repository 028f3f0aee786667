#!/usr/bin/env bash
# Reader benchmark: the search corpus (100 MB, 2,000 sessions) plus one 4 MB session, committed; times log,
# show, export, search and stats as whole processes. Writes the `## Readers` section of Benchmarks/RESULTS.md.
#   Benchmarks/run-readers.sh [convo-bench readers options]
#   Compare with an older build (one that predates round-2 parts reads only the legacy layout):
#   Benchmarks/run-readers.sh --baseline /path/to/old/convo-hook --layout legacy
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product convo-hook
swift build -c release --scratch-path "$scratch" --product convo-bench
exec "$scratch/release/convo-bench" readers --convo-hook "$PWD/$scratch/release/convo-hook" --mb 100 --sessions 2000 --big-mb 4 \
    --runs 7 --work Benchmarks/work/readers --results Benchmarks/RESULTS.md "$@"
