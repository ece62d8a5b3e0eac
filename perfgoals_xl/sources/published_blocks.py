"""Block mode of the published-text importer: text that pdfminer.six extracted from a rendered sheet.

Text extracted by pdfminer.six from a rendered sheet (our own report, or any PDF
where every cell comes out as its own text block) is read in *block mode*:
blocks are separated by blank lines, page furniture (title, 部门名称, 单位, the
column labels each on its own line, ``第 N 页 共 M 页``) is dropped, and each
block is typed — 合计, an indented project name, amounts, an indicator paragraph
(starts with an item head), or other text (a fund-unit name or a goal). The
extraction orders blocks by layout analysis, not by row: amounts may stand on
their own lines, a row's goal may come after the next row's name, the indicator
paragraphs of two rows may follow both goals. Rows are therefore rebuilt per
column: amounts belong to the name block they follow, goals and indicator
paragraphs go to the projects in order, an indicator block whose first item is
not ``1、`` continues the previous one (a project split over continuation rows),
and other text directly followed by amounts — while the last name already has
its amounts — is a fund-unit row; any other text is a goal. A project row named
``<name>（续）`` (our report's continuation row) folds into the project above.
Known limit: a project with an empty goal or no indicators shifts the goals
(indicators) of the projects after it, since block text does not say which row
a block sits in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfgoals_xl import grammar
from perfgoals_xl.sources.published_rows import CONTINUED, is_amount
from perfgoals_xl.sources.published_rows import INDENT as _INDENT
from perfgoals_xl.sources.published_rows import ITEM_START as _ITEM_START
from perfgoals_xl.sources.published_rows import TOTAL_ROW as _TOTAL_ROW
from perfgoals_xl.sources.published_rows import Line as _Line
from perfgoals_xl.sources.published_rows import Row as _Row

#: Where an indicator paragraph starts inside a line pdfminer joined with other text (only at
#: the start of a whitespace run, so a long run is scanned once).
_INNER_ITEM = re.compile(r"(?<!\s)\s++(?=\d{1,9}+\s*+、)")
#: How much of the text after an inner item start is tried as an item head.
_HEAD_WINDOW = 400


@dataclass
class _Segment:
    kind: str  # total, project, amounts, items, text
    lines: list[_Line]

    @property
    def joined(self) -> str:
        return "".join(line.text.strip() for line in self.lines)


#: A line holds an amount (``published_rows.AMOUNT_TOKEN`` somewhere) exactly when a digit, a point and a digit
#: follow each other: the same answer in one pass (the amount pattern searched a run of 10^4 digits
#: from each of its digits again).
_HAS_AMOUNT = re.compile(r"\d\.\d")


def _split_line(line: _Line) -> list[tuple[str, _Line]]:
    """Cut a line where pdfminer joined neighbouring cells: amount runs apart from text runs."""
    text = line.text
    if not _HAS_AMOUNT.search(text):
        return [("text", line)]
    pieces: list[tuple[str, int, int]] = []  # (kind, start, end)
    for m in re.finditer(r"\S+", text):
        kind = "amounts" if is_amount(m.group()) else "text"
        if pieces and pieces[-1][0] == kind:
            pieces[-1] = (kind, pieces[-1][1], m.end())
        else:
            pieces.append((kind, 0 if not pieces else m.start(), m.end()))
    return [(kind, _Line(line.number, text[start:end])) for kind, start, end in pieces]


def _name(lines: list[_Line]) -> str:
    return "".join(line.text.strip() for line in lines)


def _continues(lines: list[_Line], rows: list[_Row]) -> bool:
    """Is this project name the previous project's name followed by （续） (a continuation row)?"""
    previous = next((r for r in reversed(rows) if r.kind == "project"), None)
    return previous is not None and _name(lines) in (
        _name(previous.name_lines) + CONTINUED, _name(previous.name_lines) + "(续)")


class BlockRows:
    """Rebuild rows from pdfminer-style text, where each cell is a block of its own."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines

    def _blocks(self) -> list[list[_Line]]:
        blocks: list[list[_Line]] = [[]]
        for line in self.lines:
            text = line.text
            if text.startswith("\f"):
                blocks.append([])
                text = text.lstrip("\f")
            if not text.strip():
                blocks.append([])
                continue
            blocks[-1].append(_Line(line.number, text))
        return [b for b in blocks if b]

    def _segments(self) -> list[_Segment]:
        segments: list[_Segment] = []
        for block in self._blocks():
            current: _Segment | None = None
            for line in block:
                for kind, piece in _split_line(line):
                    stripped = piece.text.strip()
                    starts_name = kind == "text" and (
                        _TOTAL_ROW.match(stripped) or _INDENT.match(piece.text))
                    if current is None or current.kind != kind or starts_name or kind == "amounts":
                        current = _Segment(kind, [piece])
                        segments.append(current)
                    else:
                        current.lines.append(piece)
        typed: list[_Segment] = []
        for seg in segments:
            typed.extend(self._type(seg))
        return typed

    @staticmethod
    def _type(seg: _Segment) -> list[_Segment]:
        """Type a text segment; split it where an indicator paragraph starts inside it."""
        if seg.kind == "amounts":
            return [seg]
        first = seg.lines[0].text
        if _TOTAL_ROW.match(first) and len(seg.lines) == 1:
            return [_Segment("total", seg.lines)]
        if grammar.starts_with_item(seg.joined[:400]):
            return [_Segment("items", seg.lines)]
        for i, line in enumerate(seg.lines):
            for m in _INNER_ITEM.finditer(line.text):
                rest = (line.text[m.end(): m.end() + _HEAD_WINDOW]
                        + "".join(x.text.strip()[:_HEAD_WINDOW] for x in seg.lines[i + 1: i + 8]))
                if grammar.starts_with_item(rest):
                    head = [*seg.lines[:i], _Line(line.number, line.text[: m.start()])]
                    tail = [_Line(line.number, line.text[m.end():]), *seg.lines[i + 1:]]
                    return [*BlockRows._type(_Segment("text", head)), _Segment("items", tail)]
        return [_Segment("project" if _INDENT.match(first) else "text", seg.lines)]

    def rows(self) -> list[_Row]:
        """Rows in table order; goals and indicator paragraphs matched to projects by order."""
        segments = self._segments()
        rows: list[_Row] = []
        goals: list[list[_Line]] = []
        paragraphs: list[list[_Line]] = []
        for n, seg in enumerate(segments):
            following = segments[n + 1].kind if n + 1 < len(segments) else None
            if seg.kind == "amounts":
                if rows:
                    row = rows[-1]
                    row.amounts_text = f"{row.amounts_text} {seg.joined}".strip()
                    row.amount_line = row.amount_line or seg.lines[0]
            elif seg.kind == "project" and _continues(seg.lines, rows):
                continue  # a continuation row: its items join the previous paragraph
            elif seg.kind in ("total", "project"):
                rows.append(_Row(seg.kind, seg.lines))
            elif seg.kind == "items":
                first = _ITEM_START.match(seg.lines[0].text)
                continues = first is not None and int(re.sub(r"\D", "", first.group())) > 1
                if continues and paragraphs:
                    paragraphs[-1].extend(seg.lines)
                else:
                    paragraphs.append(list(seg.lines))
            elif following == "amounts" and (not rows or rows[-1].amounts_text):
                rows.append(_Row("unit", seg.lines))  # other text followed by its own amounts
            else:  # a goal, wherever layout analysis put it
                goals.append(list(seg.lines))
        projects = [r for r in rows if r.kind == "project"]
        for row, goal in zip(projects, goals, strict=False):
            row.body.extend(goal)
        for row, paragraph in zip(projects, paragraphs, strict=False):
            row.body.extend(paragraph)
        if projects and len(paragraphs) > len(projects):
            for paragraph in paragraphs[len(projects):]:
                projects[-1].body.extend(paragraph)  # reported by the grammar if malformed
        return rows
