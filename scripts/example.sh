#!/usr/bin/env bash
# Set up .venv (if needed), install perfgoals-xl, and run the main job on the bundled example:
# perfgoals convert examples/ → out/ (report .xlsx with its 问题清单 sheet, issues .csv, data .csv, summary.xlsx).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
status=0
.venv/bin/perfgoals convert examples -o out --force || status=$?
# exit 1 means "rule errors or failed files were reported" — the job itself ran.
[ "$status" -le 1 ] || exit "$status"
