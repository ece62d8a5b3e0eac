#!/usr/bin/env bash
# The non-editable install, as a user gets it: build an sdist and a wheel from the sdist,
# install the wheel into a fresh venv, then in an empty folder run `perfgoals template`
# (package data: macros, ribbon) and the example convert. Run by .ci/run after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
python=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/build-venv"
"$work/build-venv/bin/python" -m pip install -q --disable-pip-version-check build
"$work/build-venv/bin/python" -m build -q --outdir "$work/dist" "$repo" >/dev/null
wheel=$(ls "$work"/dist/*.whl)
"$python" -c 'import sys, zipfile; names = zipfile.ZipFile(sys.argv[1]).namelist(); need = ["perfgoals_xl/resources/perfgoals.xlsm", "perfgoals_xl/resources/macros/PerfGoals.bas", "perfgoals_xl/resources/macros/ThisWorkbook.cls", "perfgoals_xl/resources/macros/customUI14.xml", "perfgoals_xl/resources/suggest/library.parquet"]; missing = [n for n in need if n not in names]; sys.exit(f"wheel lacks {missing}" if missing else 0)' "$wheel"
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install -q --disable-pip-version-check "$wheel"
mkdir "$work/empty"
cd "$work/empty"
"$work/venv/bin/perfgoals" template
cmp perfgoals.xlsm "$repo/workbook/perfgoals.xlsm"
"$work/venv/bin/perfgoals" addin build  # the add-in from the packaged macros, equal to a build from the repository
PYTHONPATH="$repo" "$work/venv/bin/python" -c 'import sys; from perfgoals_xl.addin import build_addin; sys.exit(open("perfgoals.xlam", "rb").read() != build_addin())'
"$work/venv/bin/perfgoals" suggest "农村饮水安全巩固提升工程" -n 3 | grep -q "推荐指标（3 条）"  # the packaged starter library
status=0
"$work/venv/bin/perfgoals" convert "$repo/examples" -o out || status=$?
[ "$status" -le 1 ] || exit "$status"
ls out/*.xlsx >/dev/null
echo "wheel OK: $(basename "$wheel") — template equals workbook/perfgoals.xlsm, add-in built, suggestions from the starter library, example converted"
