"""Budget-disclosure PDFs that bundle several tables (部门预算公开: 收支总表, 支出表, 政府采购表 …).

Only the performance-target tables are read; the other pages are skipped and named in one info
problem (PG-S11, a reader note), never an error. What a page holds is judged by the title printed
above its table (a short line ending in 表): a title with 绩效目标 starts a performance table, any
other table title starts a table that is not ours; a page without a title continues the table of
the page before. (A long-format table is read from the PDF container's grids by longform, each
cell located on its page: ``第3页!第5行·第7列``; the page runs of this module are gone.)
"""

from __future__ import annotations

import re

from perfgoals_xl.model import Location, Problem

#: A table title: a short line that names a 表 (部门收支总表, 项目支出绩效目标表（含转移支付项目）…).
_TITLE_LINE = re.compile(r"^\S.{0,38}表(?:[（(][^（）()]{0,20}[)）])?(?:[（(]续[)）])?$")
_NOT_TITLE = re.compile(r"^(?:部门名称|预算部门|预算单位|单位名称|主管部门|(?:金额)?单位)\s*[:：]")
_SPACE = re.compile(r"[\s\u3000]+")
_CELL = re.compile(r"^([A-Z]{1,3})(\d{1,9})$")


def table_title(lines: list[str]) -> str | None:
    """The table title among the lines printed above a table (None when there is none)."""
    for raw in lines[:12]:
        line = _SPACE.sub("", raw or "")[:80]
        if line and not _NOT_TITLE.match(line) and _TITLE_LINE.match(line):
            return line
    return None


def is_performance_title(title: str) -> bool:
    """Does a table title name a performance-target table (项目支出绩效目标表, 绩效目标申报表 …)?"""
    return "绩效目标" in title or "绩效指标" in title


def page_kinds(page_texts: list[str]) -> tuple[list[bool], dict[int, str]]:
    """For the extracted text of each page: is it part of a performance table? And the titles of
    the other tables, by page (1-based). A page without a table title continues the page before."""
    keep: list[bool] = []
    titles: dict[int, str] = {}
    current = True  # before any title: read (a text without titles is read as a whole)
    for number, text in enumerate(page_texts, 1):
        lines = [_SPACE.sub("", line)[:80] for line in text.split("\n")[:60]]
        if any("绩效目标表" in line or "绩效目标申报表" in line for line in lines):
            current = True
        else:
            title = next((line for line in lines if line and not _NOT_TITLE.match(line)
                          and _TITLE_LINE.match(line)), None)
            if title is not None:
                current = is_performance_title(title)
                if not current:
                    titles[number] = title
            elif not any(lines) and number == len(page_texts):
                continue  # the empty tail after the last form feed
        keep.append(current)
        if not current:
            titles.setdefault(number, "")
    return keep, titles


def page_list(pages: list[int]) -> str:
    """[1, 2, 3, 5] → '第1–3、5页'."""
    runs: list[list[int]] = []
    for page in sorted(set(pages)):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "第" + "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else f"{r[0]}" for r in runs) + "页"


def skipped_note(path: str, pages: list[int], titles: list[str]) -> Problem:
    """The one info problem naming the pages skipped (and the tables they hold)."""
    named = "、".join(dict.fromkeys(t for t in titles if t))
    what = f"（{named}）" if named else ""
    return Problem("S11", f"{page_list(pages)}不是项目支出绩效目标表{what}，已跳过",
                   location=Location(file=path, sheet=f"第{min(pages)}页"))
