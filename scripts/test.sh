#!/usr/bin/env bash
# Set up .venv (if needed), install perfgoals-xl with its test extra, lint, and run the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
