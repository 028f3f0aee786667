#!/usr/bin/env bash
# Every benchmark scenario in one go; figures go to Benchmarks/RESULTS.md. Not a test: run it on a quiet machine.
#   Benchmarks/run.sh [--runs N]        (hook scenarios: N interleaved runs per commit variant, default 40)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=40
[ "${1-}" = --runs ] && runs=${2:?--runs needs a number}
command -v /usr/bin/time >/dev/null || { echo "run.sh: needs /usr/bin/time (apt-get install time)" >&2; exit 1; }

swift build -c release --static-swift-stdlib --product convo-hook
for helper in convo-hook-changed convo-hook-hook; do
    swift build -c release --static-swift-stdlib -Xswiftc -static-executable --product "$helper"
done
swift build -c release --product convo-bench
bin=$(swift build -c release --show-bin-path)
"$bin/convo-bench" hooks --convo-hook "$bin/convo-hook" --runs "$runs" --results Benchmarks/RESULTS.md
Benchmarks/run-redaction.sh
