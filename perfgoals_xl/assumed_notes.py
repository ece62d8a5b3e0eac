"""Amount-column assumptions (``Amounts.assumed``, PG-S10) written as note text, both ways.

A source that had to guess which 资金来源 column an amount belongs to (published text where
empty columns vanished) records ``Amounts.assumed`` and a problem S10. Our outputs keep that
guess as the same words: a cell note (批注) on the entry sheet (``entry.notes`` reads it from
the workbook) and the 金额推断列 column of the long CSV (``sources.longform`` reads it back):

    PG-S10 金额列为推断：已按 财政拨款 读取（原文中空列消失）。核对原表后请删除本批注。

Below sources, sinks and entry: each of them imports this, none imports another for it.
"""

from __future__ import annotations

from perfgoals_xl.cellref import cell_address
from perfgoals_xl.cellref import parse_address as cell_row_col
from perfgoals_xl.model import AMOUNT_FIELDS, AMOUNT_LABELS, Amounts, Location, PerfTable, Problem

NOTE_PREFIX = "PG-S10"


def assumed_note(assumed: tuple[str, ...]) -> str:
    """The note text for these assumed amount columns."""
    shown = "、".join(AMOUNT_LABELS[c] for c in assumed)
    return f"{NOTE_PREFIX} 金额列为推断：已按 {shown} 读取（原文中空列消失）。核对原表后请删除本批注。"


def parse_assumed_note(text: str) -> tuple[str, ...] | None:
    """The assumed columns a note names; None for a note that is not ours."""
    if not text.lstrip().startswith(NOTE_PREFIX):
        return None
    head = text.split("读取", 1)[0]
    found = sorted(((head.find(AMOUNT_LABELS[k]), k) for k in AMOUNT_FIELDS[1:]
                    if AMOUNT_LABELS[k] in head), key=lambda x: x[0])
    return tuple(k for _, k in found) or ("fiscal",)


def apply_assumed_notes(table: PerfTable, notes: dict[tuple[int, int], str], *,
                        sheet: str, file: str | None = None) -> None:
    """Restore Amounts.assumed and the S10 problem from our notes on the amount cells."""
    if not notes:
        return
    by_row: dict[int, list[tuple[int, str]]] = {}
    for (r, c), text in notes.items():
        assumed = parse_assumed_note(text)
        if assumed is not None:
            by_row.setdefault(r, []).append((c, text))
    if not by_row:
        return
    # Projects first: a fund unit without a row of its own is located on its first project's row.
    owners: list[tuple[Location | None, Amounts, str | None, str]] = [
        (p.location, p.amounts, p.name, p.name) for p in table.projects()]
    owners += [(u.location, u.amounts, None, u.name) for u in table.units]
    owners.append((table.field_locations.get("amounts"), table.amounts, None, "合计"))
    found: list[tuple[int, Problem]] = []
    for location, amounts, project, label in owners:
        cell = cell_row_col(location.cell) if location and location.cell else None
        if cell is None or cell[0] not in by_row or amounts.assumed:
            continue
        col, text = by_row.pop(cell[0])[0]
        assumed = parse_assumed_note(text) or ("fiscal",)
        amounts.assumed = assumed
        address = cell_address(cell[0], col)
        shown = "、".join(AMOUNT_LABELS[k] for k in assumed)
        found.append((cell[0], Problem(
            "S10", f"“{label}”的金额列为推断（已按 {shown} 读取，见 {address} 的批注），请核对原表",
            location=Location(file=file, sheet=sheet, cell=address), raw=text,
            project=project, field="amounts",
        )))
    table.problems.extend(problem for _, problem in sorted(found, key=lambda x: x[0]))
