#!/usr/bin/env bash
# Runs the libFuzzer target over the JSONL line reader, the redactor and the readers' JSON parser and
# event mappings for a fixed time.
#   Fuzz/run.sh [SECONDS]   (default 60)
# A crash leaves crash-<sha1> in Fuzz/work/; copy it into Fuzz/regressions/ so the unit tests replay it.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
swift build --scratch-path .build-fuzz --product convo-fuzz -c debug \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DCONVO_FUZZ
bin=$(swift build --scratch-path .build-fuzz --product convo-fuzz -c debug --show-bin-path)/convo-fuzz
mkdir -p Fuzz/work/corpus
cp -n Fuzz/regressions/* Fuzz/seeds/* Fuzz/work/corpus/ 2>/dev/null || true
cd Fuzz/work
"$bin" -max_total_time="$seconds" -max_len=65536 -print_final_stats=1 corpus
