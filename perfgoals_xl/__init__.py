"""perfgoals-xl: 项目支出绩效目标表 — parse, check and generate performance-target tables.

The Python API (``docs/python.md``)::

    import perfgoals_xl
    table = perfgoals_xl.read_table("x.txt")         # any readable file → PerfTable
    issues = perfgoals_xl.check_table(table)          # the review rules → [Issue]
    perfgoals_xl.write_report(table, "report.xlsx")   # the official report sheet
    perfgoals_xl.table_dataframe(table); perfgoals_xl.issues_dataframe(issues)   # pandas

Names are imported on first use (module ``__getattr__``), so ``import perfgoals_xl``
stays light and ``perfgoals --help`` starts fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

#: Public name → the module that defines it (imported when the name is first used).
_EXPORTS: dict[str, str] = {
    "read_table": "perfgoals_xl.sources",
    "check_table": "perfgoals_xl.rules",
    "load_config": "perfgoals_xl.rules",
    "write_report": "perfgoals_xl.report",
    "issues_dataframe": "perfgoals_xl.sinks.frames",
    "table_dataframe": "perfgoals_xl.sinks.frames",
    "PerfTable": "perfgoals_xl.model",
    "Issue": "perfgoals_xl.rules",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    """Import a public name on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'perfgoals_xl' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """Public names, for completion."""
    return sorted(set(globals()) | set(_EXPORTS))
