#!/usr/bin/env bash
# Set up .venv (if needed), install perfgoals-xl with its test extra, lint, and run the tests
# (on every core: pytest-xdist; `bash scripts/test.sh -n 0` runs them in one process).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
.venv/bin/ruff check .
.venv/bin/python -m pytest -q -n auto "$@"
