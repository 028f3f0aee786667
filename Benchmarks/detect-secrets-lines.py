#!/usr/bin/env python3
"""Runs detect-secrets' own per-file line scan on each line of a file separately, so that a secret
repeated on several lines is reported on each of them (a file scan reports a secret once per file).
Prints `<line number> <findings> <types>` per line. Usage: detect-secrets-lines.py FILE [NAME]"""
import sys

from detect_secrets.core.scan import _process_line_based_plugins
from detect_secrets.settings import default_settings

name = sys.argv[2] if len(sys.argv) > 2 else "transcript.jsonl"
with default_settings():
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, 1):
            found = list(_process_line_based_plugins(lines=[(1, line.rstrip("\n"))], filename=name))
            print(number, len(found), ",".join(sorted({s.type.replace(" ", "_") for s in found})) or "-")
