#!/usr/bin/env bash
# Set up .venv (if needed), install perfgoals-xl, and run the main job on the bundled example.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/python ]; then python3 -m venv .venv; fi
.venv/bin/python -m pip install -q --disable-pip-version-check -e .
mkdir -p out
.venv/bin/perfgoals import examples/guangzhou_beijing_office_2024.txt -o out/guangzhou_beijing_office_2024.json --force
