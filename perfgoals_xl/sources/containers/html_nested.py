"""A table nested in a row's last cell of a form-like web table, spliced into it as its own rows.

Word saved as a web page, or a system's page, keeps a form whose indicator grid sits in one cell
(``<td colspan=4><table>一级指标 …</table></td>`` under the 项目名称 / 资金 rows, or beside a 绩效指标
label). The page reader takes only tables holding no other table as data (an outer one lays the page
out), so the form's own rows became page lines: its 项目名称 was lost (PG-S01 on a form that names
its project). Here such an outer table is rewritten, before the page is read, the way the Word
container reads the same form (``word_table._table_rows``): the nested table's rows take the place
of the row holding it, the cells left of it spanning down beside them.

Only a table that is itself a grid is rewritten — a page's layout table stays one (its cells hold
links, images, lists or frames, or rows of a single cell): each nested table is a grid of its own (two
rows, three columns at least: a breakdown in a remark cell stays that cell's text) alone in the last cell
of its row with at most a short caption beside it, and at least two other rows have two cells with text.
The container knows no vocabulary: the test is the table's shape.
"""

from __future__ import annotations

from typing import Any

from perfgoals_xl.sources.containers.html_table import MAX_SPAN, span_of, table_rows

#: Elements a page's layout cells hold and a form's cells do not.
_LAYOUT = frozenset({"a", "img", "ul", "ol", "iframe", "frame", "script", "nav", "form", "video", "object"})
#: Longest text a cell may hold beside its nested table (a caption: 绩效指标表, 单位：万元).
_CAPTION = 40
#: Tables rewritten per page, and rows moved in all (a table nested deep is moved once per level).
MAX_SPLICED = 200
MAX_MOVED_ROWS = 200_000


def _cells(tr: Any) -> list[Any]:
    return [cell for cell in tr if cell.tag in ("td", "th")]


def _nearest_table(el: Any) -> Any:
    return next(el.iterancestors("table"), None)


#: A nested table spliced in is a grid of at least this many rows and columns (as the Word container's).
MIN_NESTED_ROWS, MIN_NESTED_COLS = 2, 3


def _is_grid(table: Any) -> bool:
    rows = table_rows(table)
    return len(rows) >= MIN_NESTED_ROWS and max(len(_cells(tr)) for tr in rows) >= MIN_NESTED_COLS


def _text_outside(cell: Any, nested: list[Any], inside: set[Any]) -> str:
    """The cell's text outside its nested tables (a caption beside them)."""
    parts: list[str] = []
    for el in cell.iter():
        if el in inside:
            if any(el is t for t in nested) and el.tail:
                parts.append(el.tail)
            continue
        if isinstance(el.tag, str) and el.text:
            parts.append(el.text)
        if el is not cell and el.tail:
            parts.append(el.tail)
    return " ".join(p.strip() for p in parts if p.strip())


class _Plan:
    """What to do with one table: rows whose last cell's grids take their place, small tables to inline."""

    def __init__(self) -> None:
        self.splices: dict[int, tuple[Any, list[Any], str]] = {}  # row → (last cell, its grids, caption)
        self.inline: list[Any] = []  # small nested tables (a breakdown in a cell): their text in the cell


def _plan(table: Any) -> _Plan | None:
    """The rewriting of a grid whose nested tables are grids in rows' last cells, or small tables (read as
    their cell's text); None when the table is to stay as it is (a page's layout table)."""
    rows = table_rows(table)
    plan = _Plan()
    filled = 0
    for r, tr in enumerate(rows):
        cells = _cells(tr)
        for k, cell in enumerate(cells):
            nested = [t for t in cell.iterdescendants("table") if _nearest_table(t) is table]
            inside = {el for t in nested for el in t.iter()}  # (the elements, kept: an id of a proxy is reused)
            if any(el.tag in _LAYOUT for el in cell.iter() if el not in inside):
                return None  # a page's layout cell (links, images, lists, frames)
            grids = [t for t in nested if _is_grid(t)]
            if not grids:
                plan.inline.extend(nested)
                continue
            caption = _text_outside(cell, grids, inside)
            if k != len(cells) - 1 or len(caption) > _CAPTION or len(grids) < len(nested):
                return None
            plan.splices[r] = (cell, grids, caption)
        if r not in plan.splices and sum(1 for cell in cells if "".join(cell.itertext()).strip()) >= 2:
            filled += 1
    return plan if (plan.splices or plan.inline) and filled >= 2 else None


def splice_nested(root: Any) -> int:
    """Rewrite every form-like table of the page whose cells hold tables; returns how many."""
    done = moved = 0
    for table in reversed(list(root.iter("table"))):  # (inner tables before the tables holding them)
        if done >= MAX_SPLICED or next(table.iterdescendants("table"), None) is None:
            continue
        plan = _plan(table)
        if plan is None:
            continue
        moved += sum(len(table_rows(t)) for _, nested, _ in plan.splices.values() for t in nested)
        if moved > MAX_MOVED_ROWS:
            break
        for small in plan.inline:
            _inline(small)
        if plan.splices:
            _rewrite(table, plan.splices)
        done += 1
    return done


def _inline(table: Any) -> None:
    """A small nested table replaced by its text: a line a row, its cells' texts joined by a space."""
    from lxml import etree

    span = etree.Element("span")
    lines = [" ".join(t for cell in _cells(tr) if (t := " ".join("".join(cell.itertext()).split())))
             for tr in table_rows(table)]
    for k, line in enumerate(line for line in lines if line):
        if k:
            etree.SubElement(span, "br").tail = line
        else:
            span.text = line
    span.tail = table.tail
    table.getparent().replace(table, span)


def _rewrite(table: Any, plan: dict[int, tuple[Any, list[Any], str]]) -> None:
    """The table's rows with each planned row replaced by its nested rows (see the module docstring)."""
    from lxml import etree

    rows = table_rows(table)
    out: list[Any] = []
    open_cells: list[tuple[Any, int]] = []  # (cell, last output row it covers) of cells spanning down
    for r, tr in enumerate(rows):
        at = len(out)
        open_cells = [(cell, last) for cell, last in open_cells if last >= at]
        if r not in plan:
            out.append(tr)
            for cell in _cells(tr):
                if span_of(cell.get("rowspan")) > 1:
                    open_cells.append((cell, at + span_of(cell.get("rowspan")) - 1))
            continue
        last_cell, nested, caption = plan[r]
        new_rows: list[Any] = []
        if caption:
            line = etree.Element("tr")
            td = etree.SubElement(line, "td")
            td.text = caption
            new_rows.append(line)
        for t in nested:
            new_rows.extend(table_rows(t))  # (moved, not copied: the nested table leaves the page with its cell)
        if not new_rows:
            new_rows.append(etree.Element("tr"))
        extra = len(new_rows) - 1
        first = etree.Element("tr")
        for cell in _cells(tr):
            if cell is last_cell:
                break
            cell.set("rowspan", str(min(span_of(cell.get("rowspan")) + extra, MAX_SPAN)))
            first.append(cell)
        for cell in _cells(new_rows[0]):
            first.append(cell)
        new_rows[0] = first
        for cell, _ in open_cells:  # spanning down into this row from above: on down beside the new rows
            cell.set("rowspan", str(min(span_of(cell.get("rowspan")) + extra, MAX_SPAN)))
        open_cells = [(cell, last + extra) for cell, last in open_cells]
        for cell in _cells(first):
            if span_of(cell.get("rowspan")) > 1:
                open_cells.append((cell, at + span_of(cell.get("rowspan")) - 1))
        out.extend(new_rows)
    body = etree.Element("tbody")
    body.extend(out)
    for child in list(table):
        if child.tag in ("tr", "thead", "tbody", "tfoot"):
            table.remove(child)
    table.append(body)
