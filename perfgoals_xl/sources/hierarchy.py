"""Hierarchy rows (部门 / 单位 / 小计 / 合计): who a table belongs to, and which rows are totals.

Shared by the readers of tables that list their own totals (long format, forms). A row with a
name and amounts but no project and no indicator is a *hierarchy row*; what it is follows from
what it names and from its budget code:

- codes nest by prefix: ``820`` (部门) ⊃ ``820001`` (单位) ⊃ project codes, so a row whose code
  is a strict prefix of the codes that follow it is the department's own total row;
- without codes, a name ending in 部门 / 局 / 委 / 办 (委员会, 办公室) is a department, unless it
  says 本级 (the department's own budget unit, 某某局（本级）, is a unit);
- 合计 / 总计 alone is the table's total; 小计, or a name ending in 合计 / 小计 (某某单位小计), is
  the subtotal of a unit.

Helpers here read labels (:func:`split_code`, :func:`total_kind`, :func:`looks_like_department`,
:func:`department_from_title`); :func:`promote_department` applies the decision to a table read.
Every pattern is linear and every input is cut to a bounded length first.
"""

from __future__ import annotations

import re

from perfgoals_xl.limits import MAX_LABEL
from perfgoals_xl.model import AMOUNT_FIELDS, FundUnit, Location, PerfTable

#: A budget code before the name: ``820-某某镇部门``, ``[015001]某区教育局``, ``820001 某某镇人民政府``.
_CODE = re.compile(r"^(?:[\[【(（]\s*(\d{2,20})\s*[\]】)）]\s*|(\d{2,20})(?:\s*[-－—_:：、]\s*|\s+))(\S.*)$", re.S)
_SPACES = re.compile(r"[\s\u3000]+")
_TOTAL = re.compile(r"^(?:合计|总计|总合计)[:：]?$")
_SUBTOTAL_TAIL = re.compile(r"(?:小计|合计)[:：]?$")
_DEPT_TAIL = ("部门", "局", "委", "委员会", "办", "办公室")
_OWN_LEVEL = re.compile(r"[(（]?本级[)）]?$")
#: The money words of a title before the table's name (某某局2024年项目支出绩效目标表).
_TITLE_TAIL = re.compile(r"(?:\d{4}\s*年度?)?(?:部门预算)?(?:项目支出|项目)?$")
_TITLE_DEPT_TAIL = ("部门", "局", "委", "委员会", "办", "办公室", "厅", "署", "院", "部", "政府", "中心", "馆", "会")


def split_code(text: str, *, bracketed_only: bool = False) -> tuple[str | None, str]:
    """``820001-某某镇人民政府`` → (``820001``, ``某某镇人民政府``); a label without a code → (None, label).

    bracketed_only: only ``[015001]某区教育局`` counts (a value standing alone in a cell, where a
    name that merely starts with digits must stay whole).
    """
    label = (text or "").strip()[:MAX_LABEL]
    m = _CODE.match(label)
    if m is None or (bracketed_only and m.group(1) is None):
        return None, label
    return m.group(1) or m.group(2), m.group(3).strip()


def total_kind(name: str) -> str | None:
    """``total`` for 合计/总计, ``subtotal`` for 小计 or a name ending in 合计/小计, else None."""
    compact = _SPACES.sub("", (name or "")[:MAX_LABEL])
    if _TOTAL.match(compact):
        return "total"
    if _SUBTOTAL_TAIL.search(compact):
        return "subtotal"
    return None


def subtotal_owner(name: str) -> str:
    """The unit a subtotal names (某某单位小计 → 某某单位; 小计 → '')."""
    compact = _SPACES.sub("", (name or "")[:MAX_LABEL])
    return _SUBTOTAL_TAIL.sub("", compact).rstrip("-－—:：")


def looks_like_department(name: str) -> bool:
    """A name a department carries (…部门/局/委/办), not a department's own unit (…本级)."""
    compact = _SPACES.sub("", (name or "")[:MAX_LABEL])
    if not compact or _OWN_LEVEL.search(compact):
        return False
    return compact.endswith(_DEPT_TAIL)


def department_from_title(title: str) -> str:
    """The department a title names: ``某某局2024年项目支出绩效目标表`` → ``某某局`` ('' when none)."""
    compact = _SPACES.sub("", (title or "")[:MAX_LABEL])
    at = compact.find("绩效目标")
    if at <= 0:
        return ""
    head = _TITLE_TAIL.sub("", compact[:at])
    return head if head.endswith(_TITLE_DEPT_TAIL) and len(head) >= 2 else ""


def nests(parent: str | None, child: str | None) -> bool:
    """Does budget code ``child`` sit under ``parent`` (a strict prefix)?"""
    return bool(parent and child and len(child) > len(parent) and child.startswith(parent))


def _is_department_row(first: FundUnit, rest: list[FundUnit]) -> bool:
    if first.projects or not any(first.amounts.get(k) is not None for k in AMOUNT_FIELDS) or not rest:
        return False
    if first.code and any(u.code for u in rest):
        return all(nests(first.code, u.code) for u in rest if u.code)
    return looks_like_department(first.name)


def promote_department(table: PerfTable, *, location: Location | None = None) -> bool:
    """The table's first unit is the department's own total row: make it the department and 合计.

    It is when it has amounts but no projects, more units follow, and either its code is a strict
    prefix of theirs or (without codes) its name is a department's. The department name is taken
    from it unless a label or title gave one; its amounts become 合计 unless a 合计 row was read.
    Returns whether it was promoted.
    """
    if not table.units or not _is_department_row(table.units[0], table.units[1:]):
        return False
    row = table.units.pop(0)
    if not table.department:
        table.department, table.department_source = row.name, "row"
    if row.code and (not table.department_code or table.department == row.name):
        table.department_code = row.code
    if not any(table.amounts.get(k) is not None for k in AMOUNT_FIELDS):
        table.amounts = row.amounts
        where = location or row.location
        if where is not None:
            table.field_locations["amounts"] = where
            table.field_locations["department_row"] = where
    return True
