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

The label questions (:func:`split_code`, :func:`total_kind`, :func:`looks_like_department`,
:func:`is_department_row`, :func:`department_from_title`) live in ``perfgoals_xl/hierarchy_labels.py``,
below sources and sinks, so that our writers ask them too; :func:`promote_department` applies the
decision to a table read.
Every pattern is linear and every input is cut to a bounded length first.
"""

from __future__ import annotations

from perfgoals_xl.hierarchy_labels import (  # noqa: F401 - re-exported: the reader's label questions
    department_from_title,
    is_department_row,
    looks_like_department,
    nests,
    split_code,
    subtotal_owner,
    total_kind,
)
from perfgoals_xl.model import AMOUNT_FIELDS, Location, PerfTable


def promote_department(table: PerfTable, *, location: Location | None = None) -> bool:
    """The table's first unit is the department's own total row: make it the department and 合计.

    It is when it has amounts but no projects, more units follow, and either its code is a strict
    prefix of theirs or (without codes) its name is a department's. The department name is taken
    from it unless a label or title gave one; its amounts become 合计 unless a 合计 row was read.
    Returns whether it was promoted.
    """
    if not table.units or not is_department_row(table.units[0], table.units[1:]):
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
