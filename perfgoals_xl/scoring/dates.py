"""Dates of time targets (时效指标): 2024年12月31日前, 10月底前, 第三季度末, 2024.06, 2023.07-2024.01.

A date is read as (year or None, month, day): a month without a day is its last day, a
quarter its last month, 年底/年末 December. A period gives its end. Patterns are linear
(no nested repetition) and every number is checked for range.
"""

from __future__ import annotations

import calendar
import re
from datetime import date

_YMD = re.compile(r"(\d{4})\s*[年.\-/]\s*(\d{1,2})(?!\d)(?:\s*[月.\-/]\s*(\d{1,2})(?!\d))?")
_MD = re.compile(r"(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_YEAR = re.compile(r"(\d{4})\s*年")
_QUARTER = re.compile(r"(?:第)?([一二三四1-4])\s*季度")
_YEAR_END = re.compile(r"年底|年末|年终|全年")
#: A year alone as a time target or result (完成时限 | 2019年 | 2020年): by that year's end.
_YEAR_ONLY = re.compile(r"^(\d{4})\s*年度?$")
_QUARTER_MONTH = {"一": 3, "二": 6, "三": 9, "四": 12, "1": 3, "2": 6, "3": 9, "4": 12}


def _valid(year: int | None, month: int, day: int | None) -> bool:
    return (year is None or 1900 <= year <= 2100) and 1 <= month <= 12 and (day is None or 1 <= day <= 31)


def date_parts(text: str) -> tuple[int | None, int, int | None] | None:
    """(year, month, day) of the last date written in text, or None when it names no date."""
    if not text:
        return None
    text = text[:200]
    found = [(int(y), int(m), int(d) if d else None) for y, m, d in _YMD.findall(text)]
    found = [f for f in found if _valid(*f)]
    if found:
        return found[-1]
    year_match = _YEAR.search(text)
    year = int(year_match.group(1)) if year_match else None
    if year is not None and not 1900 <= year <= 2100:
        year = None
    month_days = [(int(m), int(d) if d else None) for m, d in _MD.findall(text)]
    month_days = [md for md in month_days if _valid(year, *md)]
    if month_days:
        return (year, *month_days[-1])
    quarter = _QUARTER.search(text)
    if quarter:
        return year, _QUARTER_MONTH[quarter.group(1)], None
    if _YEAR_END.search(text) or (year is not None and _YEAR_ONLY.match(text.strip())):
        return year, 12, 31
    return None


def is_year_only(text: str) -> bool:
    """Is the text a year alone (2019年, 2020年度): a time point when it is a 时效 indicator's value?"""
    m = _YEAR_ONLY.match(text[:20].strip())
    return m is not None and 1900 <= int(m.group(1)) <= 2100


def to_date(parts: tuple[int | None, int, int | None], default_year: int) -> date:
    """A date from parts: the default year when none is written, a missing day is the month's end."""
    year, month, day = parts
    year = year if year is not None else default_year
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last) if day else last)


def days_late(target: str, actual: str) -> int | None:
    """Days by which the actual date is after the target date (≤ 0: on time); None if either has no date."""
    t, a = date_parts(target), date_parts(actual)
    if t is None or a is None:
        return None
    year = t[0] if t[0] is not None else (a[0] if a[0] is not None else 2000)
    a_year = a[0] if a[0] is not None else year
    return (to_date(a, a_year) - to_date(t, year)).days
