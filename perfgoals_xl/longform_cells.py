"""How the long format writes a compound value in one cell, both ways, and the column names its
writer and reader share (below sources and sinks: both import it, neither imports the other).

- a unit with its budget code: ``820001-某某镇人民政府`` (:func:`unit_label`), a department:
  ``[820]某某镇部门`` (:func:`department_label`); read back by ``sources.hierarchy.split_code``;
- extra fields (``Project.extras`` / ``Indicator.extras``): ``名称：值`` lines, or a JSON object
  when a line would not read back exactly (:func:`extras_text`, :func:`parse_extras`);
- the 金额推断列 column of the long CSV (Amounts.assumed, PG-S10).
"""

from __future__ import annotations

import json

#: Column of the long CSV that keeps Amounts.assumed (PG-S10) when a row has assumed amount
#: columns: the same words as the entry workbook's note, read back by the CSV reader.
ASSUMED_COLUMN = "amounts_assumed"
#: Its official Chinese header (the reader knows both).
ASSUMED_HEADER = "金额推断列"
#: The longest extras cell read back (longer text is not extras).
MAX_EXTRAS_TEXT = 32 * 1024


def unit_label(name: str, code: str | None) -> str:
    """How writers put a unit with its code in one cell (``820001-某某镇人民政府``), read back by split_code."""
    return f"{code}-{name}" if code else name


def department_label(name: str, code: str | None) -> str:
    """A department with its code in one cell (``[820]某某镇部门``), read back by split_code(bracketed_only)."""
    return f"[{code}]{name}" if code else name


def extras_text(extras: dict[str, str]) -> str:
    """Extra fields in one cell: ``名称：值`` lines, or a JSON object when a line would be ambiguous."""
    if not extras:
        return ""
    if not all(_plain(k, v) for k, v in extras.items()):
        return json.dumps(extras, ensure_ascii=False)
    return "\n".join(f"{k}：{v}" for k, v in extras.items())


def _plain(key: str, value: str) -> bool:
    """Does ``key：value`` on one line read back exactly?"""
    return (bool(key) and key == key.strip() and value == value.strip() and not key.startswith("{")
            and "：" not in key and ":" not in key and len(f"{key}：{value}".splitlines()) == 1)


def parse_extras(text: str) -> dict[str, str] | None:
    """The extra fields written by :func:`extras_text`; None when the text is neither form."""
    text = text.strip()
    if not text or len(text) > MAX_EXTRAS_TEXT:
        return None if text else {}
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        return {str(k): "" if v is None else str(v) for k, v in data.items()}
    out: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.replace(":", "：", 1).partition("：") if "：" not in line else line.partition("：")
        if not sep or not key.strip():
            return None
        out[key.strip()] = value.strip()
    return out
