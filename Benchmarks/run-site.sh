#!/usr/bin/env bash
# Site benchmark: `convo-hook export --html` on the search corpus (100 MB, 2,000 sessions) and on 9 Claude
# Code sessions of real sizes (14 MB), the latter side by side with claude-code-log 1.7.0 on the same files
# (`pip install claude-code-log==1.7.0`). Writes the `## Site` section of Benchmarks/RESULTS.md.
#   Benchmarks/run-site.sh [convo-bench site options, e.g. --runs 3 or --claude-code-log none]
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH_PATH:-.build}
swift build -c release --scratch-path "$scratch" --product convo-hook
swift build -c release --scratch-path "$scratch" --product convo-bench
exec "$scratch/release/convo-bench" site --convo-hook "$PWD/$scratch/release/convo-hook" --mb 100 --sessions 2000 \
    --real-mb 14 --real-sessions 9 --runs 5 --work Benchmarks/work/site --results Benchmarks/RESULTS.md "$@"
