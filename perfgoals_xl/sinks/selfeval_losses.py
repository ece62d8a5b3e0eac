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
- a closing row's label longer than the reader takes for a label, or one it reads differently;
- and, in one line (:func:`unwritten_fields`), the fields the form has no place for at all: codes,
  项目属性, 项目期, the sources of the money (财政拨款, 其他资金), a department's 基本支出 / 项目支出,
  联系人 and 年度主要任务, and indicator columns such as 指标性质 or 评分标准.

A grade the table printed (自评等级 | 优) is a closing row marked as the table's (自评等级（原表）), beside
the grade the 总分 row prints as recomputed by the rules; it reads back under its own label.

The prediction reads the rows printed under the 总分 row with the reader's own vocabulary
(``footer_row``, ``is_footer_label``, ``is_note``, ``label_parts``) as ``_after_grid`` does. Each loss
names the field as the round trip compares it (``footer/<label>``, ``p<n>/extra/<label>``:
``tests/selfeval_roundtrip.py``), where it comes back (``becomes``, None when nowhere; ``value`` when
it comes back as another text, a note kept whole) and one Chinese sentence
(:func:`format_selfeval_losses`; ``perfgoals score`` prints them as 警告 lines).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from perfgoals_xl.model import (
    AMOUNT_LABELS,
    DepartmentPlan,
    Indicator,
    PerfTable,
    Project,
    scoring_sheet,
)
from perfgoals_xl.sources.label_text import label_parts
from perfgoals_xl.sources.row_kinds import footer_row, is_footer_label, is_note, is_total_label
from perfgoals_xl.sources.vocabulary import field_of

#: The longest label the 自评表 reader takes for a closing row's label (sources/selfeval_form.py).
MAX_CLOSING_LABEL = 20
_KEEPS = "（JSON 可完整保存）"


@dataclass(frozen=True)
class SelfevalLoss:
    """One field the written 自评表 does not give back in its place."""

    field: str  # footer/<label> or p<n>/extra/<label>
    message: str  # one Chinese sentence
    becomes: str | None = None  # the field it is read back as; None: not read back
    value: str | None = None  # the text it is read back as, when not its own (a note kept whole: 注：…)


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


def _signoff_line(label: str, value: str) -> str:
    """A block's sign-off field as its 落款 text: 单位(盖章)：…, a note as printed (注：…)."""
    return f"{label}{value}" if is_note(label) else f"{label}：{value}"


def footer_lines(table: PerfTable, extras: dict[str, str]) -> list[str]:
    """The 落款 texts printed under the form: the table's sign-offs, then the block's sign-off fields."""
    out = [f"{k}：{v}" if k != "注" else v for k, v in table.footer.items()]
    return out + [_signoff_line(k, v) for k, v in signoff_extras(extras).items() if v.strip()]


def _own(texts: list[str]) -> list[str]:
    return [t.strip() for t in texts if t and t.strip()]


def _read_after(rows: list[tuple[list[str], list[str]]], extras: dict[str, str], footer: dict[str, str]) -> None:
    """What the 自评表 reader takes from the rows printed under the 总分 row (sources/selfeval_form.py,
    _after_grid), each row given as its texts and the texts standing in the level and name columns:
    a row with a sign-off or a note → the footer; else a total row (合计 … in those columns) → nothing;
    a label | text row → a field under the label's key; any other row → nothing. First come, first kept."""
    for row, at_levels in rows:
        own = _own(row)
        signed = any(is_footer_label(t) or is_note(t) for t in own)
        if not signed and any(is_total_label(t) for t in _own(at_levels)):
            continue
        if signed:
            for label, value in footer_row(own).items():
                footer.setdefault(label, value)
        elif len(own) == 2 and len(own[0]) <= MAX_CLOSING_LABEL and not is_total_label(own[0]):
            extras.setdefault(label_parts(own[0]).key or own[0], own[1])


def _text(value: str | None) -> str:
    return " ".join((value or "").split())


def _where_back(value: str, extras: dict[str, str], footer: dict[str, str], taken: set[str],
                n: int, signoff: bool) -> str | None:
    """The field (not taken yet) the value is read back as: a sign-off first for a sign-off field,
    else a field of the block first."""
    places = [(f"p{n}/extra/", extras), ("footer/", footer)]
    for kind, read in reversed(places) if signoff else places:
        for key, got in read.items():
            if kind + key not in taken and _text(got) == _text(value):
                return kind + key
    return None


def selfeval_losses(table: PerfTable) -> list[SelfevalLoss]:
    """The fields the written 自评表 gives back elsewhere or not at all (empty: everything kept),
    found by reading the rows it prints under the 总分 row as the 自评表 reader does."""
    from perfgoals_xl.report.selfeval_layout import closing_rows

    blocks = [table.plan] if table.kind == "department" and table.plan is not None else table.projects()
    kind = "部门" if table.kind == "department" else "项目"
    out: list[SelfevalLoss] = []
    footer: dict[str, str] = {}  # read back over every sheet, the first sheet's first
    taken = {f"footer/{k}" for k in table.footer}
    for n, block in enumerate(blocks):
        closing = closing_rows(block.extras)
        lines = footer_lines(table, block.extras)
        extras: dict[str, str] = {}
        rows = [([closing_label(k), v], [closing_label(k), v]) for k, v in closing.items()]  # label A:B, text C:H
        rows += [(lines[k:k + 2], lines[k:k + 1]) for k in range(0, len(lines), 2)]  # 落款 A:D | E:H
        _read_after(rows, extras, footer)
        if n == 0:
            for key, value in table.footer.items():
                if _text(value) != _text(footer.get(key)):
                    out.append(SelfevalLoss(f"footer/{key}", f"落款“{_short(key)}”读回自评表时不能还原{_KEEPS}"))
        for label, value in total_extras(block.extras).items():
            if _text(value):
                out.append(SelfevalLoss(
                    f"p{n}/extra/{label}", f"{kind}“{_short(block.name)}”的{_short(label)}栏印的“{_short(value)}”不是分数："
                    "自评表写按规则重算的总分和自评等级（原文不同时附在自评等级旁），读回时不再保留原文" + _KEEPS))
        signoffs = signoff_extras(block.extras)
        below = [(k, v) for k, v in block.extras.items() if (k in closing or k in signoffs) and _text(v)]
        taken |= {f"p{n}/extra/{k}" for k, v in below if _text(extras.get(k)) == _text(v)}  # kept in place
        for label, value in below:
            if _text(extras.get(label)) == _text(value):
                continue
            own = footer_row([_signoff_line(label, value)]) if label in signoffs else {}
            got = next(iter(own.items())) if len(own) == 1 else None
            if got and f"footer/{got[0]}" not in taken and _text(footer.get(got[0])) == _text(got[1]):
                becomes, arrives = f"footer/{got[0]}", got[1]  # its own 落款 line, as the reader takes it
            else:
                becomes, arrives = _where_back(value, extras, footer, taken, n, label in signoffs), value
            arrives_as = None if _text(arrives) == _text(value) else arrives
            out.append(_moved(n, f"{kind}“{_short(block.name)}”", label, becomes, arrives_as))
            taken |= {becomes} if becomes else set()
    return out


def _moved(n: int, block: str, label: str, becomes: str | None, arrives: str | None) -> SelfevalLoss:
    """The loss of a block field read back elsewhere (becomes) or not at all."""
    where = f"{block}的“{_short(label)}”"
    field = f"p{n}/extra/{label}"
    if becomes is None:
        why = (f"标签超过 {MAX_CLOSING_LABEL} 个字符，" if len(closing_label(label)) > MAX_CLOSING_LABEL
               else "")
        return SelfevalLoss(field, f"{where}{why}写在自评表中，读回时不能还原为表格字段{_KEEPS}")
    kind, _, key = becomes.partition("/extra/") if "/extra/" in becomes else ("footer", "", becomes[7:])
    if kind == "footer":
        return SelfevalLoss(field, f"{where}写在自评表的落款行，读回时为落款“{_short(key)}”，不再是表格字段{_KEEPS}",
                            becomes, arrives)
    return SelfevalLoss(field, f"{where}读回自评表时标签为“{_short(key)}”{_KEEPS}", becomes, arrives)


_PROJECT_FIELDS = (("code", "项目编码"), ("department_code", "主管部门编码"), ("category", "项目属性"),
                   ("term", "项目期"), ("period_goal", "中期目标"))
_PLAN_FIELDS = (("code", "部门编码"), ("contact", "联系人"), ("phone", "联系电话"), ("basic", "基本支出"),
                ("project", "项目支出"))
_INDICATOR_FIELDS = (("level1_code", "一级指标代码"), ("level2_code", "二级指标代码"), ("level2_weight", "二级指标分值"),
                     ("direction", "指标方向性"), ("nature", "指标性质"))
_MAX_NAMED = 12  # kinds of field named in the one line; the rest are 等
#: A title the form prints as its own (the year in it is the year line under the title).
_OWN_TITLES = frozenset({"", PerfTable.title, "项目支出绩效自评表", "部门整体支出绩效自评表"})
_YEAR_AND_BLANKS = re.compile(r"[0-9]{4}\s{0,3}年度?|[（()）\s\u3000]")


#: The columns a scoring sheet's 自评表 prints where a 自评表 prints 年度指标值, 实际完成值 and 偏差原因,
#: when the sheet has fewer columns of its own.
SHEET_COLUMNS = ("指标解释", "评分标准", "备注")


def sheet_columns(indicators: list[Indicator]) -> tuple[str, str, str]:
    """The three columns of its own an evaluation scoring sheet (``model.scoring_sheet``: no 指标值, no
    实际完成值) is written with, in place of 年度指标值 / 实际完成值 / 偏差原因: its indicators' extra
    columns in the order read (指标解释, 评分标准 …); when it has fewer, 指标解释 / 评分标准 in the first two
    places and 备注 in the last. (A 分值 or 得分 kept as an extra, not a number, is no column of its own;
    a second name column such as 具体指标 is.)"""
    own: list[str] = []
    for ind in indicators:
        own += [k for k in ind.extras if k not in own and field_of(k) in (None, "extra", "name")]
        if len(own) >= 3:
            break
    cols = own[:3]
    cols += [c for c in SHEET_COLUMNS[:2] if c not in cols][:max(0, 2 - len(cols))]
    if len(cols) < 3:
        cols.append(next(c for c in (SHEET_COLUMNS[2], *SHEET_COLUMNS[:2]) if c not in cols))
    return cols[0], cols[1], cols[2]


def written_own_columns(block: Project | DepartmentPlan) -> tuple[str, str, str] | None:
    """The columns of its own a block's 自评表 is written with (:func:`sheet_columns`), or None where it
    prints 年度指标值 | 实际完成值 | 偏差原因: a target grid, and a scoring sheet some of whose rows carry a
    target or an actual (a scoring section above an indicator grid: its values are kept)."""
    if not scoring_sheet(block) or any(i.annual_value.raw or i.actual_value is not None for i in block.indicators):
        return None
    return sheet_columns(block.indicators)


def unwritten_fields(table: PerfTable) -> list[str]:
    """The fields read that the 自评表 has no place for (项目编码, 资金来源, 基本支出, 指标性质, a column of
    its own such as 评分标准 …), counted in one Chinese line (empty: none)."""
    department = table.kind == "department" and table.plan is not None
    blocks: list = [table.plan] if department else table.projects()
    counts: dict[str, int] = {}

    def add(label: str, n: int = 1) -> None:
        counts[label] = counts.get(label, 0) + n

    if _YEAR_AND_BLANKS.sub("", table.title[:200]) not in _OWN_TITLES:  # (the year: the line under the title)
        add("表格标题")
    for b in blocks:
        fields = _PLAN_FIELDS if department else _PROJECT_FIELDS
        for attr, label in fields:
            if getattr(b, attr, None) not in (None, ""):
                add(label)
        if department and b.tasks:
            add("年度主要任务", len(b.tasks))
        total = b.amounts.get("total")
        if total is not None and total not in (b.budget_initial, b.budget_adjusted, b.budget_executed):
            add("资金总额")
        for key in ("fiscal", "special", "other"):
            if b.amounts.get(key) is not None:
                add(AMOUNT_LABELS[key])
        if b.budget_block.get("goal_score"):
            add("年度目标完成情况得分")
        written = set(written_own_columns(b) or ())  # a scoring sheet's own columns
        for ind in b.indicators:
            if ind.period_value.raw.strip() and ind.period_value.raw != ind.annual_value.raw:
                add("实施周期指标值")
            for attr, label in _INDICATOR_FIELDS:
                if getattr(ind, attr) not in (None, ""):
                    add(label)
            for label in ind.extras:
                if label not in written:
                    add(f"指标的“{_short(label)}”栏")
    if not counts:
        return []
    named = [f"{label} {n} 处" for label, n in list(counts.items())[:_MAX_NAMED]]
    more = "等" if len(counts) > _MAX_NAMED else ""
    return [f"自评表没有这些栏目：{'、'.join(named)}{more}不写入{_KEEPS}"]


def format_selfeval_losses(table: PerfTable) -> list[str]:
    """One Chinese sentence per kind of field the written 自评表 does not hold, and per field it
    does not give back in its place."""
    apart = []
    if table.kind == "department" and table.plan is not None and (projects := table.projects()):
        apart = [f"文件中另有 {len(projects)} 个项目的表，自评表只按部门整体支出评分：项目的自评请把项目表另存为单独的文件后评分"]
    return apart + unwritten_fields(table) + [loss.message for loss in selfeval_losses(table)]
