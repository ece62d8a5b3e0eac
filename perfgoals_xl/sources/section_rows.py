"""A long table with no 项目名称 column whose projects are section rows: one text across the row above each
project's indicators (``项目名称：乡村道路养护``, ``一、乡村道路养护``, ``桥梁维修（80万元）``) under one header printed
once. Such a row names the project of the indicator rows under it; an amount in brackets after the name
is its total (万元). Only the long-format reader asks, and only for a table printing no project column."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from perfgoals_xl import framework
from perfgoals_xl.sources.grid import money_in_wan
from perfgoals_xl.sources.page_chrome import is_page_info
from perfgoals_xl.sources.row_kinds import is_total_label
from perfgoals_xl.sources.vocabulary import (
    form_label_of,
    inline_pairs,
    is_footer_label,
    is_note,
    is_table_title,
)

#: The label or numbering before a section's project name (项目名称：, 项目：, 一、, （二）, 3.).
_LEAD = re.compile(r"^(?:(?:项目名称|项目|专项名称|专项)\s{0,2}[:：]\s{0,2}|[(（][一二三四五六七八九十0-9]{1,3}[)）][、.．]?\s{0,2}"
                   r"|[一二三四五六七八九十0-9]{1,3}[、.．]\s{0,2})")
#: An amount in brackets after the name (乡村道路养护（120万元）, 桥梁维修(80.5万)).
_AMOUNT = re.compile(r"[(（]\s{0,2}(?:金额|预算|资金)?[:：]?\s{0,2}([0-9][0-9,，.]{0,20}\s{0,2}(?:万元|万|元)?)\s{0,2}[)）]$")
#: A section's name is a project's: short, one line.
_MAX_NAME = 60


@dataclass
class Section:
    """What a section row says of the project under it: its name, and — written as ``label：value`` pairs
    (项目名称：… 预算金额：120万元 绩效目标：…) — its total (万元), goal and other fields as printed."""

    name: str
    total: Decimal | None = None
    goal: str = ""
    extras: dict[str, str] = field(default_factory=dict)


def section_of(texts: list[str]) -> Section | None:
    """The section a row's own texts make: one text naming a project (:func:`section_project`), or texts that
    are all ``label：value`` pairs, one of them the project's name; None for any other row."""
    if not texts or len(texts) > 6 or not all("：" in t or ":" in t for t in texts[1:]):
        return None  # (an indicator row: its cells are no pairs — decided before any pair is parsed)
    pairs = [pair for text in texts for pair in (inline_pairs(text) if len(text) <= 400 else [])]
    keyed = [(form_label_of(label)[0], label, value) for label, value in pairs]
    if any(key == "project" and value for key, _, value in keyed) and len(pairs) >= len(texts):
        section = Section(name="")
        for key, label, value in keyed:
            if key == "project" and not section.name:
                section.name = value
            elif key == "total" and section.total is None:
                section.total = money_in_wan(value, "万元")
            elif key == "goal" and not section.goal:
                section.goal = value
            elif value:
                section.extras.setdefault(re.sub(r"[\s:：*]+", "", label), value)
        return section if 2 <= len(section.name) <= _MAX_NAME else None
    if len(texts) == 1 and (found := section_project(texts[0])) is not None:
        return Section(name=found[0], total=found[1])
    return None


def section_project(text: str) -> tuple[str, Decimal | None] | None:
    """The project a section row's one text names, and its amount in 万元 when one is bracketed after it;
    None when the text is no project's section (a level name, a total, a note, a footer, a title, the page's
    own line, a sentence)."""
    text = text.strip()
    if not text or len(text) > _MAX_NAME + 20 or "\n" in text:
        return None
    if (framework.level1_by_name(text) or framework.level2_by_name(text) or is_total_label(text) or is_note(text)
            or is_footer_label(text) or is_table_title(text) or is_page_info(text)):
        return None
    name, amount = _LEAD.sub("", text, count=1), None
    if (m := _AMOUNT.search(name)) is not None:
        amount = money_in_wan(m.group(1), "万元")
        name = name[: m.start()].strip()
    if not 2 <= len(name) <= _MAX_NAME or name.endswith(("。", "；", ";")) or name == text and not _named(text):
        return None
    return name, amount


def _named(text: str) -> bool:
    """A bare text (no 项目名称： label, no numbering, no amount) names a project only when it reads like one."""
    return text.endswith(("项目", "经费", "资金", "工程", "补助", "专项", "费"))
