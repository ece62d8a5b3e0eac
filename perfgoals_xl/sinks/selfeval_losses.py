"""What the 项目支出绩效自评表 we write (``perfgoals score``) does not give back as it was read, said
before it is written — never a silent loss (as :mod:`perfgoals_xl.sinks.losses` for CSV and the
entry workbook, :mod:`perfgoals_xl.sinks.form_losses` for the 申报表).

The written form keeps the labels, the budget and its 其中 lines, the year line, the goal and its
result, every indicator, the closing rows (评价结论, 存在问题 … as ``label | text`` rows under 总分)
and the sign-offs (落款 lines under the table: ``PerfTable.footer``). The 自评表 reader reads it
back by the labels' text, so some fields come back elsewhere or not at all:

- a block field under a sign-off label (单位(盖章), 填报日期 — a department reader keeps the line
  above its table among the block's fields) is printed in the 落款 lines and read back as a
  sign-off (``footer``);
- the text a table printed where its 总分 stands when it is no score (总分 | 优): the form prints
  the total and grade recomputed by the rules (and the printed text beside them when it differs);
- a closing row's label longer than the reader takes for a label, or one it reads differently.

A grade the table printed (自评等级 | 优) is a closing row marked as the table's (自评等级（原表）), beside
the grade the 总分 row prints as recomputed by the rules; it reads back under its own label.

Each loss names the field as the round trip compares it (``footer/<label>``, ``p<n>/extra/<label>``:
``tests/selfeval_roundtrip.py``), where it comes back (``becomes``, None when nowhere) and one
Chinese sentence (:func:`format_selfeval_losses`; ``perfgoals score`` prints them as 警告 lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources.label_text import label_parts
from perfgoals_xl.sources.row_kinds import footer_row, is_footer_label, is_note, is_total_label

#: The longest label the 自评表 reader takes for a closing row's label (sources/selfeval_form.py).
MAX_CLOSING_LABEL = 20
_KEEPS = "（JSON 可完整保存）"


@dataclass(frozen=True)
class SelfevalLoss:
    """One field the written 自评表 does not give back in its place."""

    field: str  # footer/<label> or p<n>/extra/<label>
    message: str  # one Chinese sentence
    becomes: str | None = None  # the field it is read back as (same value); None: not read back


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


def signoff_extras(extras: dict[str, str]) -> dict[str, str]:
    """The block fields under a sign-off label (单位(盖章), 填报日期, 注：…): printed in the 落款 lines."""
    return {k: v for k, v in extras.items() if is_footer_label(k) or is_note(k)}


def total_extras(extras: dict[str, str]) -> dict[str, str]:
    """The block fields under a total label (总分 | 优: the printed total that was no number)."""
    return {k: v for k, v in extras.items() if is_total_label(k)}


#: The label of a grade the table printed (自评等级 | 优, 评价等次 | 良): a closing row of its own.
_GRADE_LABEL = re.compile(r"(?:等级|等次|评级|级别)$")


def closing_label(label: str) -> str:
    """The label a closing row is printed under: a grade the table printed is marked as the table's
    (自评等级（原表）), beside the 总分 row's grade recomputed by the rules; read back as the same label."""
    parts = label_parts(label)
    if len(parts.key) <= 12 and _GRADE_LABEL.search(parts.key) and "原表" not in parts.notes:
        return f"{label}（原表）"
    return label


def footer_lines(table: PerfTable, extras: dict[str, str]) -> list[str]:
    """The 落款 texts printed under the form: the table's sign-offs, then the block's sign-off fields."""
    out = [f"{k}：{v}" if k != "注" else v for k, v in table.footer.items()]
    return out + [f"{k}：{v}" if not is_note(k) else f"{k}{v}" for k, v in signoff_extras(extras).items()]


def _read_back(lines: list[str]) -> dict[str, str]:
    """The footer the reader takes from the 落款 lines, two a row (as the layout prints them)."""
    out: dict[str, str] = {}
    for k in range(0, len(lines), 2):
        for label, value in footer_row(lines[k:k + 2]).items():
            out.setdefault(label, value)
    return out


def _same(a: str, b: str | None) -> bool:
    return b is not None and " ".join(a.split()) == " ".join(b.split())


def selfeval_losses(table: PerfTable) -> list[SelfevalLoss]:
    """The fields the written 自评表 gives back elsewhere or not at all (empty: everything kept)."""
    from perfgoals_xl.report.selfeval_layout import closing_rows

    blocks = [table.plan] if table.kind == "department" and table.plan is not None else table.projects()
    out: list[SelfevalLoss] = []
    claimed: set[str] = set()  # the footer labels a block's field became
    first = _read_back(footer_lines(table, {}))
    for key, value in table.footer.items():
        if not _same(value, first.get(key)):
            out.append(SelfevalLoss(f"footer/{key}", f"落款“{_short(key)}”读回自评表时不能还原{_KEEPS}"))
    for n, block in enumerate(blocks):
        read = _read_back(footer_lines(table, block.extras))
        for label, value in signoff_extras(block.extras).items():
            got = next((k for k, v in read.items() if k not in table.footer and k not in claimed
                        and _same(value, v)), None)
            where = f"“{_short(block.name)}”的“{_short(label)}”"
            if got is None:
                out.append(SelfevalLoss(f"p{n}/extra/{label}", f"{where}写在自评表的落款行，读回时不能还原{_KEEPS}"))
            else:
                claimed.add(got)
                out.append(SelfevalLoss(f"p{n}/extra/{label}", f"{where}是落款，写在自评表的落款行，读回时为落款"
                                        f"“{_short(got)}”，不再是表格字段{_KEEPS}", becomes=f"footer/{got}"))
        for label, value in total_extras(block.extras).items():
            out.append(SelfevalLoss(f"p{n}/extra/{label}", f"“{_short(block.name)}”的{_short(label)}栏印的“{_short(value)}”"
                                    "不是分数：自评表写按规则重算的总分和自评等级（原文不同时附在自评等级旁），"
                                    f"读回时不再保留原文{_KEEPS}"))
        for label in closing_rows(block.extras):
            printed = closing_label(label)
            key = label_parts(printed).key or printed
            where = f"“{_short(block.name)}”的“{_short(label)}”"
            if len(printed) > MAX_CLOSING_LABEL:
                out.append(SelfevalLoss(f"p{n}/extra/{label}", f"{where}标签超过 {MAX_CLOSING_LABEL} 个字符，"
                                        f"写在总分下方，读回自评表时不被识别为字段{_KEEPS}"))
            elif key != label:
                out.append(SelfevalLoss(f"p{n}/extra/{label}", f"{where}读回自评表时标签为“{_short(key)}”{_KEEPS}",
                                        becomes=f"p{n}/extra/{key}"))
    return out


def format_selfeval_losses(table: PerfTable) -> list[str]:
    """One Chinese sentence per field the written 自评表 does not give back in its place."""
    return [loss.message for loss in selfeval_losses(table)]
