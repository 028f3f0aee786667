#!/bin/sh
# Redaction benchmark: builds convo-bench in release, installs detect-secrets 1.5.0 in a venv
# under Benchmarks/work/ (gitignored) if missing, runs the scenario and updates RESULTS.md:
# throughput on a generated 50 MB corpus (wall and CPU time), recall on its planted secrets, and
# recall / false positives on gitleaks' per-rule samples (Benchmarks/gitleaks-samples.jsonl) in three
# transcript contexts, next to detect-secrets on the same lines (Benchmarks/detect-secrets-lines.py).
# Usage: Benchmarks/run-redaction.sh [--mb N] [--runs N] [--seed N]
set -eu
cd "$(dirname "$0")/.."
work=Benchmarks/work
venv="$work/venv"
if [ ! -x "$venv/bin/detect-secrets" ]; then
    mkdir -p "$work"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet 'detect-secrets==1.5.0'
fi
"$venv/bin/detect-secrets" --version
swift build -c release --product convo-bench
bin="$(swift build -c release --show-bin-path)/convo-bench"
# Pin to one CPU when taskset exists: the redactor is single-threaded, and so is detect-secrets on one file.
pin=""
if command -v taskset >/dev/null 2>&1; then pin="taskset -c 0"; fi
$pin "$bin" redaction --mb 50 --runs 5 --detect-secrets "$venv/bin/detect-secrets" --results Benchmarks/RESULTS.md "$@"
