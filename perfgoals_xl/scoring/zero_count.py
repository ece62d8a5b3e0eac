"""An actual that says "none happened" (无上访, 未发生, 零投诉) read as 0 against a count target.

A target counting events or items (小于5次, ≤2起, ≥50人) is met or missed by a number; tables often
write the zero result in words instead. Such an actual is scored as the number 0 in the target's
unit, so 无上访 against 小于5次 is full marks and 无 against ≥50人 is none. Anything else — a bare
无 (the cell left unfilled), 无法统计, a text holding a number — is left as written.
"""

from __future__ import annotations

import re
import unicodedata

from perfgoals_xl.model import Value

#: Units that count events or items (次, 起, 人次 …): a target in them is a count.
COUNT_UNITS = frozenset({"次", "起", "件", "例", "宗", "个", "人", "人次", "户", "家", "项", "处", "起次", "宗次",
                         "单", "篇", "条", "名"})
#: A result stating that nothing of the kind happened (bounded, anchored; 无法/无从/无效 are not).
_NONE_HAPPENED = re.compile(r"^(?:全年|年内|本年|本年度|年度|当年|项目期内)?"
                            r"(?:无(?!法|从|效)|没有|零|未发生|未出现|未有|未接到|未收到)\S")


def zero_count(target: Value, actual: Value) -> Value | None:
    """The actual as the number 0 (in the target's unit) when the target is a count and the
    actual says none happened in words; None otherwise."""
    if target.kind != "number" or target.number is None or (target.unit or "") not in COUNT_UNITS:
        return None
    if actual.number is not None or actual.kind not in ("qualitative",):
        return None
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", actual.raw))[:60]
    if any(ch.isdigit() for ch in key) or not _NONE_HAPPENED.match(key):
        return None
    return Value(raw=actual.raw, kind="number", operator="=", number=0.0, number_text="0", unit=target.unit,
                 text=actual.text)
