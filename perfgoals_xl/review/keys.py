"""Comparison keys: texts and values as two versions may spell the same thing.

Two versions of a table may come in different layouts (a 申报表 form, then a long-format
sheet): full-width and half-width forms, spaces, a closing 。 and a value's number written
with or without its 计量单位 column must not read as changes. Every key is bounded.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

from perfgoals_xl.model import Value

#: Longest text compared (a key is cut there: hostile cells cannot make comparison slow).
MAX_KEY = 2000
_DROP = str.maketrans("", "", " \t\r\n\u3000\u00a0")
_TRAILING = "。；;，,、."


def text_key(text: str | None) -> str:
    """NFKC, no whitespace, no closing punctuation: '供暖温度 ' and '供暖温度。' are one key."""
    if not text:
        return ""
    key = unicodedata.normalize("NFKC", text[:MAX_KEY]).translate(_DROP)
    return key.rstrip(_TRAILING)


_CODE_PREFIX = re.compile(r"^\[?[0-9]{1,30}\]?[-_—－:：]?")


def unit_key(name: str | None) -> str:
    """A fund unit's key: its name without a leading budget code ('219001-某镇' is '某镇')."""
    key = text_key(name)
    stripped = _CODE_PREFIX.sub("", key, count=1)
    return stripped or key


def value_key(value: Value | None) -> tuple:
    """A value's key: operator, number and unit when it has a number, else its text."""
    if value is None or value.kind == "empty" or not value.raw.strip():
        return ("",)
    if value.number is not None:
        unit = text_key(value.unit)
        if value.kind == "percent" and not unit:
            unit = "%"
        return ("n", value.operator or "=", round(value.number, 9), unit)
    return ("t", text_key(value.raw))


def value_text(value: Value | None) -> str:
    """A value as shown: its raw text."""
    return value.raw.strip() if value is not None else ""


def amount_key(amount: Decimal | None) -> Decimal:
    """An amount's key: blank is 0 (a layout may print 0 where another leaves the cell empty)."""
    return amount if amount is not None else Decimal(0)


def amount_text(amount: Decimal | None) -> str:
    """An amount as shown: two decimals, '' when blank."""
    return "" if amount is None else f"{amount:.2f}"


def weight_text(weight: float | None) -> str:
    """A weight (分值) as shown: '' when blank, no trailing .0."""
    if weight is None:
        return ""
    return f"{weight:g}"


def similarity(a: str, b: str) -> float:
    """How alike two keys are (0 … 1), on at most 200 characters each."""
    from difflib import SequenceMatcher

    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a[:200], b[:200], autojunk=False).ratio()
