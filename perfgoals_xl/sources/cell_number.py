"""A number as a form's cell prints it: 1,234.5 / 10分 / 85% / 150万 / 3000元 — shared by the 自评表 readers."""

from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation

_MAX_DIGITS = 300  # a number of more digits (10^300 and up) is no number of a form
_MAX_TEXT = 200  # a longer cell is text, never a number (bounds the normalisation too)


def number(text: str) -> Decimal | None:
    """A bounded decimal from a cell (1,234.5 / 10分 / 85% / 150万 / 150万元 in 万元; 3000元 → 0.3), else None."""
    if len(text) > _MAX_TEXT:
        return None
    text = unicodedata.normalize("NFKC", text)  # １００％ typed in full width is 100%
    cleaned = text.replace(",", "").replace(" ", "").strip().removesuffix("分").removesuffix("%")
    factor = Decimal(1)
    for suffix, scale in (("万元", 1), ("万", 1), ("千元", 10), ("元", 10000)):
        if cleaned.endswith(suffix):
            cleaned, factor = cleaned[: -len(suffix)], Decimal(scale)
            break
    if not cleaned or len(cleaned) > 30:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    # the exponent looked at, not computed with: abs() of 1E999999999 is beyond the decimal context (Overflow)
    if not value.is_finite() or value.adjusted() >= _MAX_DIGITS:
        return None
    return value / factor if factor != 1 else value
