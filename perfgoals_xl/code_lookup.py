"""The code lookup of the entry sheet (一级/二级指标代码 from the written names), as data.

The entry sheet's code columns are formulas that look a written level name up in the tables
below (exact match after Excel's TRIM); these functions give what those formulas yield. They
live here, below both the entry sheet (which writes the formulas) and the long-format reader
(which computes a formula the saving program did not calculate), so that sources never import
the entry package.
"""

from __future__ import annotations

from perfgoals_xl import framework


def level1_code_table() -> dict[str, str]:
    """Written level-1 name → code, as the sheet's lookup table holds it (exact match)."""
    table: dict[str, str] = {}
    for lv in framework.LEVEL1:
        table.setdefault(lv.name, lv.code)
        table.setdefault(framework.normalise_name(lv.name), lv.code)
    for alias, code in framework.LEVEL1_ALIASES.items():
        table.setdefault(alias, code)
    return table


def level2_code_table() -> dict[str, str]:
    """'<level-1 code>|<written level-2 name>' → code; '|<name>' when the level-1 is blank."""
    table: dict[str, str] = {}
    for lv in framework.LEVEL1:
        for child in lv.children:
            for name in (child.name, framework.normalise_name(child.name)):
                table.setdefault(f"{lv.code}|{name}", child.code)
    for alias, code in framework.LEVEL2_ALIASES.items():
        parent = code[0]
        table.setdefault(f"{parent}|{alias}", code)
        table.setdefault(f"{parent}|{alias}指标", code)
    for key, code in list(table.items()):
        name = key.split("|", 1)[1]
        found = framework.level2_by_name(name)
        if found is not None and found.code == code:
            table.setdefault(f"|{name}", code)
    return table


_WILDCARDS = set("*?~")


def formula_level1_code(level1: str) -> str:
    """What the sheet's level-1 code formula yields for this written name ('' for none)."""
    level1 = _trim(level1)
    if not level1 or _WILDCARDS & set(level1):
        return ""
    return _LEVEL1_CODES.get(level1, "")


def formula_level2_code(level1_code: str, level2: str) -> str:
    """What the sheet's level-2 code formula yields for this code + written name."""
    level2 = _trim(level2)
    if not level2 or _WILDCARDS & set(level2) or _WILDCARDS & set(level1_code):
        return ""
    return _LEVEL2_CODES.get(f"{level1_code}|{level2}", "")


def _trim(text: str) -> str:
    """Excel's TRIM(SUBSTITUTE(x, U+3000, " ")): no outer spaces, inner runs of spaces as one."""
    return " ".join(part for part in (text or "").replace("\u3000", " ").split(" ") if part)


_LEVEL1_CODES = level1_code_table()
_LEVEL2_CODES = level2_code_table()
