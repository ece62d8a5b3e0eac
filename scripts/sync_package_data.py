"""Refresh the package data from the repository: macros/ → perfgoals_xl/resources/macros/,
then rebuild the template into workbook/perfgoals.xlsm and perfgoals_xl/resources/perfgoals.xlsm.

Run it after editing macros/ or anything the template is built from (entry sheet, UDFs):
``python scripts/sync_package_data.py``. tests/test_package_data.py fails until the copies match.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from perfgoals_xl.template import MACRO_FILES, MACROS_DIR, PACKAGED_TEMPLATE, build_template  # noqa: E402


def main() -> int:
    """Copy the macros, rebuild the template, write both copies; print what changed."""
    MACROS_DIR.mkdir(parents=True, exist_ok=True)
    for name in MACRO_FILES:
        shutil.copyfile(ROOT / "macros" / name, MACROS_DIR / name)
    data = build_template(MACROS_DIR)
    for target in (ROOT / "workbook" / "perfgoals.xlsm", PACKAGED_TEMPLATE):
        changed = not target.exists() or target.read_bytes() != data
        target.write_bytes(data)
        print(f"{'已更新' if changed else '未变化'} {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
