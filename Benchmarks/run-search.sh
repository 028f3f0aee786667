#!/usr/bin/env bash
# Search benchmark: generates a 100 MB / 2,000-session tree-mode archive in a git repository, then
# times first indexing, incremental indexing of 1 MB, 20 queries, and the same queries with git grep -i.
# Writes the `## Search` section of Benchmarks/RESULTS.md.
#   Benchmarks/run-search.sh [convo-bench search options, e.g. --mb 10 --sessions 200]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product convo-bench
exec "$scratch/release/convo-bench" search --mb 100 --sessions 2000 --runs 5 \
    --work Benchmarks/work/search --results Benchmarks/RESULTS.md "$@"
