"""Importer for the published coded layout as text extracted from its PDF (docs/sources.md §5.1).

Page structure, repeated on every page (removed wherever it appears)::

    项目支出绩效目标表（含转移支付项目）
    部门名称：<department> 单位：万元
    项目名称（资金使用单位） 总计 财政拨款 财政专户拨款 其他资金 绩效目标 绩效指标

Rows: ``合计 <amounts>``, a fund-unit row ``<unit> <amounts>``, projects indented
``    <project> <amounts>`` followed by the goal paragraph and the indicator
paragraph (starting with ``1、``). Artefacts undone: names wrapped over several
lines (amounts then stand on a line of their own), page breaks leaving blank
lines inside a cell, line breaks inside indicator keywords.

Text extracted by pdfminer.six from a rendered sheet (every cell its own text
block) is read in *block mode*: see published_blocks.py.

Empty amount columns vanish from extracted text: ``177.40 177.40`` is 总计 and one
source column, and the text does not say which. The importer reads the lone
column as 财政拨款 (by far the most common) and records the assumption in
``Amounts.assumed`` and as a problem S10, so a reviewer sees it.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

from perfgoals_xl import grammar
from perfgoals_xl.errors import InputError
from perfgoals_xl.limits import bound_table
from perfgoals_xl.model import (
    AMOUNT_LABELS,
    Amounts,
    FundUnit,
    Location,
    PerfTable,
    Problem,
    Project,
)
from perfgoals_xl.sources.indicator_parts import parse_indicator_parts
from perfgoals_xl.sources.page_chrome import PAGE_NUMBER
from perfgoals_xl.sources.published_blocks import BlockRows
from perfgoals_xl.sources.published_rows import (
    CONTINUED,
    MAX_FURNITURE_CHARS,
    amounts_only,
    split_amounts,
)
from perfgoals_xl.sources.published_rows import INDENT as _INDENT
from perfgoals_xl.sources.published_rows import ITEM_START as _ITEM_START
from perfgoals_xl.sources.published_rows import TOTAL_ROW as _TOTAL_ROW
from perfgoals_xl.sources.published_rows import Line as _Line
from perfgoals_xl.sources.published_rows import Row as _Row
from perfgoals_xl.sources.textfile import read_text

TITLE = "项目支出绩效目标表"
_TITLE_RE = re.compile(r"^\s*+[^\s，。；,;]{0,40}?项目支出绩效目标表(?:（含转移支付项目）|\(含转移支付项目\))?\s*+$")
_DEPT_RE = re.compile(r"^\s*+部门名称\s*+[:：]\s*+(?P<dept>.*?)\s*(?:单位\s*+[:：]\s*+(?P<unit>\S++))?\s*$")
_UNIT_ONLY_RE = re.compile(r"^\s*+(?:金额)?单位\s*+[:：]\s*+(?P<unit>\S++)\s*+$")
_HEADER_WORDS = ("项目名称", "总计", "财政拨款", "绩效目标", "绩效指标")
_PUNCTUATION = re.compile(r"[，。；：、,.;:！？!?（）()]")
#: Column labels of the header row; extracted block by block, each stands on a line of its own.
_HEADER_LABELS = frozenset(
    ("项目名称（资金使用单位）", "项目名称(资金使用单位)", "总计", "财政拨款", "财政专户拨款", "其他资金",
     "绩效目标", "绩效指标")
)
#: How every page-furniture line starts (a quick, anchored pre-check before the exact patterns).
_MAYBE_HEADER = re.compile(
    r"\s*+(?:项目|部门|(?:金额)?单位|总计|财政|其他资金|绩效|第|-|[^\s，。；,;]{0,40}?项目支出绩效目标表)")


def _maybe_furniture(text: str) -> bool:
    """A short line that starts like page furniture (the exact patterns are tried next)."""
    return len(text) <= MAX_FURNITURE_CHARS and _MAYBE_HEADER.match(text) is not None

#: Which columns a row's amounts fill, by how many numbers the text shows.
_COLUMN_GUESS: dict[int, tuple[str, ...]] = {
    1: ("total",),
    2: ("total", "fiscal"),
    3: ("total", "fiscal", "other"),
    4: ("total", "fiscal", "special", "other"),
}


def _is_page_header(text: str) -> bool:
    if not _maybe_furniture(text):
        return False  # fast path: most lines are goal or indicator text
    stripped = text.strip()
    if _TITLE_RE.match(stripped) or _DEPT_RE.match(stripped) or _UNIT_ONLY_RE.match(stripped):
        return True
    if stripped in _HEADER_LABELS or PAGE_NUMBER.match(stripped):
        return True
    return all(word in stripped for word in _HEADER_WORDS[:2]) and "绩效" in stripped


def _split_amounts(text: str) -> tuple[str, str]:
    """'    驻京工作保障 177.40 177.40' → ('    驻京工作保障', '177.40 177.40')."""
    return split_amounts(text)


def parse_amounts(
    text: str, *, location: Location | None, row_name: str, problems: list[Problem]
) -> Amounts:
    """Amount tokens of one row → Amounts; an ambiguous column is assumed and reported (S10)."""
    tokens = text.split()
    try:
        numbers = [Decimal(t.replace(",", "")) for t in tokens]
    except InvalidOperation:  # pragma: no cover - the regex only admits numbers
        numbers = []
    columns = _COLUMN_GUESS.get(len(numbers))
    if columns is None:
        problems.append(
            Problem("A03", f"“{row_name}”的金额有 {len(numbers)} 个数，最多应为 4 个（总计、财政拨款、财政专户拨款、其他资金）",
                    location=location, raw=text, project=row_name)
        )
        columns = _COLUMN_GUESS[4]
        numbers = numbers[:4]
    amounts = Amounts(**dict(zip(columns, numbers, strict=True)))
    if 1 < len(numbers) < 4:
        amounts.assumed = columns[1:]
        shown = "、".join(AMOUNT_LABELS[c] for c in columns[1:])
        problems.append(
            Problem(
                "S10",
                f"“{row_name}”的金额 {text} 只显示了 {len(numbers)} 列，空列在文本中消失，无法判定属于哪一来源列；已按 {shown} 读取，请核对原表",
                location=location, raw=text, project=row_name, field="amounts",
            )
        )
    return amounts


class _Reader:
    def __init__(self, text: str, path: str) -> None:
        self.path = path
        self.lines = [_Line(i, t.rstrip()) for i, t in enumerate(text.split("\n"), 1)]
        self.table = PerfTable(source=path, layout="published_text")
        self.problems = self.table.problems

    def loc(self, line: _Line | None) -> Location:
        return Location(file=self.path, line=line.number if line else None)

    def read(self) -> PerfTable:
        block_mode = any(line.text.strip() in _HEADER_LABELS for line in self.lines[:400])
        content = self._strip_headers()
        rows = BlockRows(content).rows() if block_mode else self._rows(content)
        self._build(rows)
        return self.table

    def _strip_headers(self) -> list[_Line]:
        seen_title = False
        kept: list[_Line] = []
        for line in self.lines:
            text = line.text
            if not _maybe_furniture(text):
                kept.append(line)
                continue
            if _TITLE_RE.match(text):
                seen_title = True
                self.table.title = text.strip()
                self.table.location = self.table.location or self.loc(line)
                continue
            m = _DEPT_RE.match(text)
            if m:
                seen_title = True
                self.table.department = self.table.department or m["dept"]
                self.table.department_source = "label" if self.table.department else None
                if m["unit"]:
                    self.table.unit = m["unit"]
                continue
            m = _UNIT_ONLY_RE.match(text)
            if m:
                self.table.unit = m["unit"]
                continue
            if _is_page_header(text):
                continue
            kept.append(line)
        if not seen_title:
            raise InputError(
                self.path,
                "不是项目支出绩效目标表：未找到表头“项目支出绩效目标表（含转移支付项目）”或“部门名称：”",
            )
        return kept

    def _rows(self, lines: list[_Line]) -> list[_Row]:
        rows: list[_Row] = []
        pending: _Row | None = None  # a project whose name wraps, amounts not seen yet
        named: _Row | None = None  # a project whose first line carried its amounts
        for line in lines:
            text = line.text
            if not text.strip():
                continue
            head, amounts = _split_amounts(text)
            if named is not None:
                # the tail of a name wrapped after its amounts ("…业务保 130.00 130.00" / "障"):
                # a line of at most 3 characters with no punctuation, before the goal starts
                stripped = text.strip()
                if not named.body and not amounts and len(stripped) <= 3 and not _PUNCTUATION.search(stripped) \
                        and not _ITEM_START.match(stripped):
                    named.name_lines.append(_Line(line.number, stripped))
                    named = None
                    continue
                named = None
            if pending is not None:
                if amounts_only(text):
                    pending.amount_line, pending.amounts_text = line, amounts
                    pending = None
                    continue
                if self._looks_like_name_part(head, pending):
                    pending.name_lines.append(_Line(line.number, head))
                    if amounts:
                        pending.amount_line, pending.amounts_text = line, amounts
                        pending = None
                    continue
                pending = None  # a project without amounts: its body starts here
            if _TOTAL_ROW.match(head) and (amounts or not rows):
                rows.append(_Row("total", [_Line(line.number, head)], line, amounts))
            elif _INDENT.match(text):
                row = _Row("project", [_Line(line.number, head)], line if amounts else None, amounts)
                rows.append(row)
                pending = None if amounts else row
                named = row if amounts else None
            elif amounts and self._can_start_unit(head, rows):
                name_lines = [_Line(line.number, head)]
                if rows:  # a long unit name wraps: its first part went to the row above
                    previous = rows[-1]
                    while previous.body and self._is_wrapped_unit_name(previous):
                        name_lines.insert(0, previous.body.pop())
                rows.append(_Row("unit", name_lines, line, amounts))
            elif rows:
                rows[-1].body.append(line)
            else:
                self.problems.append(Problem("S01", f"表格开始前的文字无法识别：{text.strip()[:40]}", location=self.loc(line), raw=text))
        return rows

    @staticmethod
    def _looks_like_name_part(text: str, row: _Row) -> bool:
        """A wrapped project name continues with a short line, not a goal sentence or an item."""
        stripped = text.strip()
        if _ITEM_START.match(stripped):
            return False
        first = len(row.name_lines[0].text.strip())
        return len(stripped) <= max(first, 6) and not stripped.endswith(("。", "；"))

    def _can_start_unit(self, head: str, rows: list[_Row]) -> bool:
        """May a line with amounts start a fund-unit row here? Its name is not an indicator's
        fragment, and the row above is finished (a project's indicator paragraph ended with 。)."""
        name = head.strip()
        if not name or "；" in name or ";" in name or "指标值" in name or name.endswith((":", "：")):
            return False
        if not rows or rows[-1].kind != "project":
            return True
        body = rows[-1].body
        return self._is_row_end(rows[-1]) and (
            body[-1].text.rstrip().endswith("。") or self._is_wrapped_unit_name(rows[-1]))

    @staticmethod
    def _is_wrapped_unit_name(row: _Row) -> bool:
        """Is the last body line of this row the first part of a wrapped unit name?

        It is when it is short, not a sentence or an item, and stands after the row's
        content has ended: after 合计, or after a project's finished indicator paragraph.
        """
        text = row.body[-1].text.strip()
        if not text or len(text) > 20 or text.endswith(("。", "；", "，")) or _ITEM_START.match(text):
            return False
        before = [b.text.strip() for b in row.body[:-1]]
        if row.kind == "total" or row.kind == "unit":
            return not before
        return bool(before) and before[-1].endswith("。") and any(_ITEM_START.match(b) for b in before)

    @staticmethod
    def _is_row_end(row: _Row) -> bool:
        """Has this project's indicator paragraph been seen (so a new unit row may start)?"""
        return any(_ITEM_START.match(b.text) for b in row.body)

    def _build(self, rows: list[_Row]) -> None:
        unit: FundUnit | None = None
        bodies: list[tuple[Project, list[_Line]]] = []
        for row in rows:
            name = "".join(part.text.strip() for part in row.name_lines)
            loc = self.loc(row.name_lines[0])
            amounts_loc = self.loc(row.amount_line) if row.amount_line else loc
            amounts = (
                parse_amounts(row.amounts_text, location=amounts_loc, row_name=name, problems=self.problems)
                if row.amounts_text
                else Amounts()
            )
            if row.kind in ("total", "unit") and row.body:
                self.problems.append(Problem(
                    "S01", f"“{name}”行下的文字无法归入任何项目：{''.join(b.text.strip() for b in row.body)[:60]}",
                    location=self.loc(row.body[0]), raw="".join(b.text.strip() for b in row.body),
                    project=name))
            if row.kind == "total":
                self.table.amounts = amounts
                self.table.field_locations["amounts"] = amounts_loc
                continue
            if row.kind == "unit":
                unit = FundUnit(name=name, amounts=amounts, location=loc)
                self.table.units.append(unit)
                continue
            if unit is None:
                unit = FundUnit(name=self.table.department or "", location=loc)
                self.table.units.append(unit)
                self.problems.append(Problem("S01", f"项目“{name}”之前没有资金使用单位行，已归入部门“{unit.name}”", location=loc, project=name))
            previous = unit.projects[-1] if unit.projects else None
            if previous is not None and name in (previous.name + CONTINUED, previous.name + "(续)") \
                    and not row.amounts_text:
                bodies[-1][1].extend(row.body)  # a continuation row: more items of the same project
                continue
            project = Project(name=name, amounts=amounts, location=loc)
            project.field_locations = {"name": loc, "amounts": amounts_loc}
            if not row.amounts_text:
                self.problems.append(Problem("A03", f"项目“{name}”没有金额", location=loc, project=name, field="amounts"))
            bodies.append((project, list(row.body)))
            unit.projects.append(project)
        for project, body in bodies:
            self._read_body(project, body)
        for problem in self.problems:
            problem.location = problem.location or Location(file=self.path)

    def _read_body(self, project: Project, body: list[_Line]) -> None:
        """Split the lines after a project row into the goal and the indicator paragraph."""
        start = len(body)
        for i, line in enumerate(body):
            if _ITEM_START.match(line.text) and grammar.starts_with_item(
                "".join(b.text.strip() for b in body[i: i + 12])
            ):
                start = i
                break
        else:  # no well-formed item: the paragraph after the goal sentence, if it is numbered
            for i, line in enumerate(body):
                if _ITEM_START.match(line.text) and (i == 0 or body[i - 1].text.rstrip().endswith("。")):
                    start = i
                    break
        goal_lines, item_lines = body[:start], body[start:]
        project.goal = "".join(line.text.strip() for line in goal_lines)
        if goal_lines:
            project.field_locations["goal"] = self.loc(goal_lines[0])
        if not item_lines:
            return
        parts = [line.text.strip() for line in item_lines]
        # Wrapped lines are joined without a separator (a wrap may fall inside a word);
        # each item and problem is placed on the line its offset falls in.
        project.indicators_raw = "".join(parts)
        project.field_locations["indicators"] = self.loc(item_lines[0])
        project.indicators, problems = parse_indicator_parts(
            parts, separator="", locate=lambda i: self.loc(item_lines[i]), project=project.name
        )
        self.problems.extend(problems)


def read_published_text(path: str | Path) -> PerfTable:
    """Read a published table's extracted text (UTF-8 or GBK) into a PerfTable."""
    text, _encoding = read_text(path)
    return parse_published_text(text, source=str(path))


def parse_published_text(text: str, *, source: str = "<文本>") -> PerfTable:
    """Parse extracted text already in memory; raises InputError when it is not such a table."""
    table = _Reader(text, source).read()
    if not table.units:
        raise InputError(source, "未找到任何资金使用单位或项目行：应为“项目支出绩效目标表”的文本")
    return bound_table(table)


def looks_like_published_text(text: str) -> bool:
    """Sniff: does this text carry the published layout's page header?"""
    head = text[:3000]
    return TITLE in head and ("部门名称" in head or "绩效指标" in head)
