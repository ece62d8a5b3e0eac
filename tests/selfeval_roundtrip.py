"""What a written 项目支出绩效自评表 must give back when read again (read → write → read).

``kept_fields(table)`` lists, field by field, what the 自评表 we write keeps of what was read: the
labels, the budget and its 其中 lines (their amounts as amounts: 0.00 is written as the number 0), the year line, the goal and its achieved result, the
closing rows and sign-offs, and every indicator's levels (with the weight printed in the level),
name, target, actual, 分值 and reason. Scores are recomputed by design (the claimed 得分 is kept
where it agrees with the rules; ``differs`` lists the others, which the 问题清单 reports).
``differences`` accepts only the losses the writer declares (``sinks/selfeval_losses.py``), and
``needless`` names a declared loss that did not happen.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from perfgoals_xl.model import PerfTable
from perfgoals_xl.sinks.selfeval_losses import SelfevalLoss


def _text(value: Any) -> str:
    return "" if value is None else " ".join(str(value).split())


def _number(value: Any) -> str:
    if value is None:
        return ""
    return f"{float(value):.4f}"


_FUND_COLUMNS = frozenset({"年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"})


def _amount(text: str) -> str | None:
    try:
        return f"{Decimal(text.strip()).normalize():f}"
    except (InvalidOperation, ValueError):
        return None


def kept_fields(table: PerfTable) -> dict[str, str]:
    """field path → value, for every field the written 自评表 keeps."""
    out: dict[str, str] = {"department": _text(table.department), "kind": table.kind}
    for key, value in table.footer.items():
        out[f"footer/{key}"] = _text(value)
    blocks: list[Any] = [table.plan] if table.kind == "department" and table.plan is not None else table.projects()
    for n, p in enumerate(blocks):  # a department's 自评表: its block, scored and written like a project's
        at = f"p{n}"
        out[f"{at}/name"] = _text(p.name)
        out[f"{at}/implementer"] = _text(getattr(p, "implementer", None))
        for key in ("budget_initial", "budget_adjusted", "budget_executed"):
            out[f"{at}/{key}"] = _number(getattr(p, key))
        out[f"{at}/goal"] = _text(p.goal)
        out[f"{at}/actual_summary"] = _text(p.actual_summary)
        for key, value in p.extras.items():
            # a 其中 line's amount is written as a number (shown like the 年度资金总额): kept as an amount
            amount = _amount(value) if key.rpartition("/")[2] in _FUND_COLUMNS else None
            out[f"{at}/extra/{key}"] = amount if amount is not None else _text(value)
        for m, ind in enumerate(p.indicators):
            i = f"{at}/i{m}"
            out[f"{i}/level1"] = _text(ind.level1)
            out[f"{i}/level2"] = _text(ind.level2)
            out[f"{i}/name"] = _text(ind.name)
            out[f"{i}/annual_value"] = _text(ind.annual_value.raw)
            out[f"{i}/actual_value"] = _text(ind.actual_value.raw if ind.actual_value else "")
            out[f"{i}/deviation_reason"] = _text(ind.deviation_reason)
            if ind.weight is not None:
                out[f"{i}/weight"] = _number(ind.weight)
            if ind.level1_weight is not None:
                out[f"{i}/level1_weight"] = _number(ind.level1_weight)
    return out


def differences(before: PerfTable, after: PerfTable, declared: Iterable[SelfevalLoss] = ()) -> list[str]:
    """The kept fields that differ between a table and its written-and-read-back copy, but for the
    losses the writer declared (sinks/selfeval_losses.py): a field declared lost may be gone, one
    declared moved may be gone and its value found where it was said to come back — nothing else."""
    a, b = kept_fields(before), kept_fields(after)
    lost = {d.field for d in declared}
    arrived = {d.becomes: a.get(d.field, "") if d.value is None else _text(d.value) for d in declared if d.becomes}
    return [f"{k}: {a.get(k)!r} → {b.get(k)!r}" for k in sorted(set(a) | set(b))
            if a.get(k, "") != b.get(k, "") and not (k.endswith("/weight") and k not in a)
            and not (k in lost and b.get(k, "") == "")
            and not (k in arrived and a.get(k, "") == "" and b.get(k, "") == arrived[k])]


def needless(before: PerfTable, after: PerfTable, declared: Iterable[SelfevalLoss]) -> list[str]:
    """Declared losses that did not happen (the field came back in its place): a false warning."""
    a, b = kept_fields(before), kept_fields(after)
    return [d.field for d in declared if a.get(d.field, "") == b.get(d.field, "")]
