"""Variation pass over the real-table corpus: find reading classes before a held-out round does.

Each corpus entry's ``page.html`` is laid out as grids (``build.page_tables``, the fixture
builder's own HTML → grid code). Every variation below rewrites those grids the way another
province's template really prints the same table — a header synonym, a label with spaces in it,
the title inside the table, the merged level cells repeated on every row, the amounts in 元 … —
keeping the meaning (and, where the meaning's spelling changes, as for 元, the expectation with
it). The variant is written as a saved web page and read with ``perfgoals_xl.read_table``, then
scored with the corpus scorer (``tests/corpus_fidelity.py``) against the entry's expected.json,
and ``check`` is run: a variant that reads fewer fields right than the unvaried grid (written the
same way), or gains error findings the entry's judgement does not account for, is a candidate
class.

Usage (from the repository root)::

    PYTHONPATH=$PWD:$PWD/tests python tests/corpus/variations.py [--only NAME,...] [--entry ID,...]
        [--detail] [--json out.json] [--compare earlier.json]
        [--held page.html|pasted.xlsx|typed.xlsx|saved.csv|original.docx|system.xls|system.doc|printed.pdf|exported.pdf|
                exported-short.pdf|exported-unwrapped.pdf] [--base]

(``--held original.docx`` is slow: several minutes; ``printed.pdf`` / ``exported.pdf`` need LibreOffice and
convert every variant first, in batches: an hour and more for every variation — choose with ``--only``.) To compare with another commit's readers, run
it with that commit's ``perfgoals_xl`` first on PYTHONPATH (``git archive <commit> perfgoals_xl``)
and ``--json``, then here with ``--compare``. Not part of the suite (it reads every entry some 100
times, ~30 s); ``tests/test_variations.py`` keeps the grid edits and a few variations honest.
"""

from __future__ import annotations

import argparse
import copy
import html
import json
import re
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from build import (  # noqa: E402
    Table,
    page_tables,
    write_csv,
    write_docx,
    write_export_book,
    write_spreadsheetml,
    write_wordml,
    write_xlsx,
)
from corpus_fidelity import Entry, FileScore, load_entries, score_file, unjudged_errors  # noqa: E402
from docx.exceptions import InvalidSpanError  # noqa: E402

Tables = list[Table]
Expected = dict[str, Any]


# ------------------------------------------------------------------ grid edits (merges kept right)

def _clone(tables: Tables) -> Tables:
    return [copy.deepcopy(t) for t in tables]


def insert_row(t: Table, at: int, cells: dict[int, str] | None = None) -> None:
    """A new row at index ``at``: rows below move down, a merge spanning the place grows."""
    t.cells = {((r + 1 if r >= at else r), c): v for (r, c), v in t.cells.items()}
    t.merges = [(r1 + (r1 >= at), c1, r2 + (r2 >= at), c2) for r1, c1, r2, c2 in t.merges]
    for c, v in (cells or {}).items():
        t.cells[(at, c)] = v
    t.rows += 1


def insert_col(t: Table, at: int) -> None:
    """A new empty column at index ``at``: columns right of it move, a merge spanning it grows."""
    t.cells = {(r, (c + 1 if c >= at else c)): v for (r, c), v in t.cells.items()}
    t.merges = [(r1, c1 + (c1 >= at), r2, c2 + (c2 >= at)) for r1, c1, r2, c2 in t.merges]
    t.cols += 1


def owner(t: Table, r: int, c: int) -> tuple[int, int]:
    """The top-left cell of the merge covering (r, c), or (r, c)."""
    for r1, c1, r2, c2 in t.merges:
        if r1 <= r <= r2 and c1 <= c <= c2:
            return r1, c1
    return r, c


def row_texts(t: Table, r: int) -> list[str]:
    """The texts a row shows, cell by cell (a merged cell's text once)."""
    return [t.cells.get((r, c), "") for c in range(t.cols) if owner(t, r, c) == (r, c)]


# ---------------------------------------------------------------------- spellings seen in tables

#: Header synonym groups: every spelling a template prints for the same column, with where it is
#: seen (corpus entries, or the province's published template).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "value": ("指标值", "年度指标值", "目标值", "绩效指标值", "指标值（包含数字及文字描述）", "预期目标值", "年度目标值"),
    "name": ("三级指标", "三级指标名称", "指标名称", "绩效指标"),
    "level1": ("一级指标", "一级", "一级指标名称"),
    "level2": ("二级指标", "二级", "二级指标名称"),
    "weight": ("分值", "权重", "指标分值", "权重(%)", "权重（%）"),
    "score": ("得分", "自评得分", "评分"),
    "actual": ("实际完成值", "全年实际值", "实际值", "完成值", "全年实际完成值", "实际完成情况"),
    "unit": ("计量单位", "度量单位", "单位"),
}
SOURCES: dict[str, str] = {
    "value": "corpus: 指标值 (湖北、湖南申报表), 年度指标值 (自评表、四川), 目标值 (陕西、宁夏), "
             "指标值（包含数字及文字描述）(财政部 2021 模板), 预期目标值 / 年度目标值 (自评表模板)",
    "name": "corpus: 三级指标 (most), 指标名称 (longform), 三级指标名称 (一体化系统导出), 绩效指标 (部门整体表)",
    "level1": "corpus: 一级指标; 一级 / 一级指标名称 (一体化系统导出, 浙江)",
    "level2": "corpus: 二级指标; 二级 / 二级指标名称 (一体化系统导出)",
    "weight": "corpus: 分值 (自评表), 权重 (湖南), 指标分值 / 权重(%) (部门整体、评价表)",
    "score": "corpus: 得分 / 自评得分 (自评表), 评分 (评价表)",
    "actual": "corpus: 实际完成值, 全年实际值 (财政部 2021 自评表), 实际值 / 完成值 (市县自评表); "
              "实际完成情况 (自评表模板的指标栏，selfeval_form 按实际完成值读)",
    "unit": "corpus: 计量单位 (一体化系统), 度量单位 (四川、浙江), 单位 (市县表)",
}
LEVEL_WORDS = ("产出指标", "成本指标", "效益指标", "满意度指标", "数量指标", "质量指标", "时效指标", "经济效益指标",
               "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标", "经济成本指标", "社会成本指标")
FOOTER_WORDS = ("填报人", "联系电话", "审核人", "填报日期", "单位负责人", "财务负责人", "经办人")


def _all_header_words() -> set[str]:
    return {w for group in SYNONYMS.values() for w in group}


def is_label(text: str) -> bool:
    """Is a cell a printed label (a header or form label, a level), which templates respell?"""
    from perfgoals_xl.sources.vocabulary import field_of, form_label_of

    s = text.strip()
    if not s or len(s) > 14 or "\n" in s:
        return False
    return s in _all_header_words() or s in LEVEL_WORDS or field_of(s) is not None or form_label_of(s)[0] is not None


def _map_cells(tables: Tables, fn: Callable[[str], str]) -> Tables | None:
    out = _clone(tables)
    changed = False
    for t in out:
        for key, text in list(t.cells.items()):
            new = fn(text)
            if new != text:
                t.cells[key] = new
                changed = True
    return out if changed else None


def _map_level_cells(tables: Tables, fn: Callable[[str], str]) -> Tables | None:
    """``_map_cells`` over every cell but the indicator names under the grid header: a table whose
    indicator is named like its level (三级指标 ``数量指标`` under 二级 ``数量指标``) keeps that name when
    its levels are respelled."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        head, name = (found[0], found[1].get("name")) if found else (t.rows, None)
        for (r, c), text in list(t.cells.items()):
            if r > head and c == name:
                continue
            new = fn(text)
            if new != text:
                t.cells[(r, c)] = new
                changed = True
    return out if changed else None


# ------------------------------------------------------------------------------- the variations

@dataclass
class Variation:
    """One realistic, meaning-preserving rewrite: grids (and expectation) in, or None where it does not apply."""

    name: str
    source: str
    apply: Callable[[Tables, Expected], tuple[Tables, Expected] | None]


def _text_only(fn: Callable[[Tables], Tables | None]) -> Callable[[Tables, Expected], tuple[Tables, Expected] | None]:
    def run(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
        out = fn(tables)
        return None if out is None else (out, expected)
    return run


def _header_rows(t: Table) -> set[int]:
    """Rows printing two or more column headers of the synonym groups (the indicator header rows)."""
    words = _all_header_words()
    return {r for r in range(t.rows) if sum((t.cells.get((r, c)) or "").strip() in words for c in range(t.cols)) >= 2}


#: Further spellings templates print for a column (targets only: the corpus prints none of them, so no
#: table's own header is one to respell).
MORE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "name": ("三级指标内容", "指标内容"),
    "value": ("预期指标值", "本年度指标值", "指标目标值"),
    "weight": ("指标权重", "分值(分)"),
    "actual": ("实际完成值(B)", "实际完成指标值"),
    "score": ("得分(分)", "自评分"),
}
MORE_SOURCES = "模板写法: 三级指标内容 (湖南 专项申报表), 指标权重 (重庆 一般性项目), 预期指标值 / 本年度指标值 / 指标目标值, " \
               "实际完成值(B) / 得分(分) (自评表模板), 自评分"


#: Spellings a budget system's import/export sheets print (targets only): a label, a space and what it
#: means; a label with a long bracketed instruction.
SYSTEM_SPELLINGS: dict[str, tuple[str, ...]] = {
    "weight": ("*分值 数量(20)、质量(10)、时效(10)、成本(10)、效益(30)、满意度(10)",),
    "score": ("*指标得分（定量系统自动计算，定性必填，所填值为原指标得分，不包含扣减分数。）",),
    "actual": ("*实际完成值（定量填数字，定性填达成、部分达成、未达成）",),
}
SYSTEM_SOURCES = "预算管理一体化系统 自评指标（项目支出）导入模板 (perf_t_impexpsub selfprogram, 山西 2016 配置): " \
                 "*分值 数量(20)…, *指标得分（…）, *实际完成值（…）"
#: Provincial wordings of the columns (targets only: no corpus table prints them).
PROVINCE_SPELLINGS: dict[str, tuple[str, ...]] = {
    "value": ("目标指标值", "计划目标值", "年度绩效指标值"),
    "weight": ("满分值",),
    "score": ("考核得分", "单位自评得分"),
    "actual": ("实际达到值", "指标实际值"),
    "unit": ("指标单位", "指标值单位"),
}
PROVINCE_SOURCES = "省市模板写法: 目标指标值, 计划目标值, 年度绩效指标值, 满分值, 考核得分, 单位自评得分, 实际达到值, " \
                   "指标实际值, 指标单位, 指标值单位"


def _synonym_source(group: str, target: str) -> str:
    if target in MORE_SPELLINGS.get(group, ()):
        return MORE_SOURCES
    if target in SYSTEM_SPELLINGS.get(group, ()):
        return SYSTEM_SOURCES
    if target in PROVINCE_SPELLINGS.get(group, ()):
        return PROVINCE_SOURCES
    return SOURCES[group]


def synonym(group: str, target: str) -> Variation:
    """Every other spelling of the group, in a header row, printed as ``target`` (绩效指标 is a
    form's block label too: never a spelling replaced, only a target where no cell prints it)."""
    words = set(SYNONYMS[group]) - {target, "绩效指标"}

    def fn(tables: Tables) -> Tables | None:
        return _respell_headers(tables, words, target, unless_printed=target == "绩效指标",
                                grid_only=target in SYSTEM_SPELLINGS.get(group, ()))
    return Variation(f"表头同义:{group}→{target}", _synonym_source(group, target), _text_only(fn))


def _respell_headers(tables: Tables, words: set[str], printed: str, unless_printed: bool = False,
                     grid_only: bool = False) -> Tables | None:
    """Every header cell (of the indicator header rows) printing one of ``words`` printed as ``printed``;
    a table already printing ``printed`` somewhere left alone when ``unless_printed``. ``grid_only``: only
    the indicator grid's own header cells (a budget system's instruction for the indicators' weights is no
    budget block's column, nor the lower piece of a word stacked over two rows). None: nothing changed."""
    out = _clone(tables)
    changed = False
    for t in out:
        if unless_printed and any(v.strip() == printed for v in t.cells.values()):
            continue
        for r in _header_rows(t):
            if grid_only and not any(w in v for v in row_texts(t, r) for w in _GRID_WORDS):
                continue
            cols = [c for c in range(t.cols) if (t.cells.get((r, c)) or "").strip() in words]
            if len(cols) >= 2 and _YEAR_WORD.search(printed):
                continue  # (中期 | 年度 halves, each its 指标值: neither half is the year's alone)
            for c in cols:
                if grid_only and r > 0 and owner(t, r - 1, c) == (r - 1, c) and (t.cells.get((r - 1, c)) or "").strip():
                    continue  # the lower piece of a word stacked over two rows (指标 over 分值): no label of its own
                t.cells[(r, c)] = printed
                changed = True
    return out if changed else None


#: Words of an indicator grid's header row (not a budget block's 年初预算数 | … | 分值 | 执行率 | 得分).
_GRID_WORDS = ("一级", "二级", "三级", "指标名称", "指标内容")

#: A spelling naming the year (年度指标值, 本年度目标值): one half of a 中期 | 年度 grid, never both.
_YEAR_WORD = re.compile(r"年度|本年|当年")


#: Form labels (whole cells anywhere in the table) and the spellings templates print for them.
LABELS: dict[str, tuple[str, ...]] = {
    "goal": ("年度绩效目标", "年度目标", "绩效目标", "年度总体目标", "总体目标", "年度绩效总目标"),
    "unit": ("实施单位", "项目实施单位", "资金使用单位", "项目单位"),
    "department": ("主管部门", "项目主管部门", "主管单位", "预算部门"),
    "total": ("年度资金总额", "资金总额", "项目资金总额", "年度预算数", "项目总金额"),
    "fiscal": ("其中：财政拨款", "其中:财政拨款", "其中：财政资金", "其中：当年财政拨款", "财政拨款"),
    "other": ("其他资金", "其中：其他资金", "其他来源资金", "自筹资金"),
    "total_row": ("总分", "合计", "总计", "自评总分"),
    "project": ("项目名称", "专项名称", "专项资金名称", "项目全称", "预算项目名称"),
}
LABEL_SOURCES: dict[str, str] = {
    "goal": "corpus: 年度绩效目标 / 年度目标 (申报表), 年度总体目标 (自评表), 总体目标, 年度绩效总目标 (部门整体)",
    "unit": "corpus: 实施单位 / 项目实施单位 / 资金使用单位 (财政部模板), 项目单位 (市县表)",
    "department": "corpus: 主管部门 / 项目主管部门, 主管单位、预算部门 (市县表)",
    "total": "corpus: 年度资金总额 (财政部模板), 资金总额 / 项目资金总额 / 年度预算数 (市县表)",
    "fiscal": "corpus: 其中：财政拨款 / 其中：当年财政拨款 (自评表), 其中：财政资金 (市县表)",
    "other": "corpus: 其他资金, 其中：其他资金, 自筹资金 (衔接资金表)",
    "total_row": "corpus: 总分 (自评表), 合计 (四川), 总计, 自评总分",
    "project": "corpus: 项目名称, 专项名称 (福建 专项资金自评表); 省市模板写法: 专项资金名称, 项目全称, 预算项目名称",
}


#: The headers of an indicator grid's level and name columns (a row printing one is the grid's header).
_GRID_HEADS = frozenset({*(w for g in ("name", "level1", "level2") for w in SYNONYMS[g]), "指标类型"}) - {"绩效指标"}


def relabel(group: str, target: str) -> Variation:
    """Every other spelling of a form label, as a whole cell of the table, printed as ``target`` — never
    a cell of a row printing a level or name column header (an older grid's 绩效目标 beside 指标名称
    heads its targets: no form label) or of the grid under it, and a total row's label only under the
    indicator grid (a coded table's 合计 row of amounts is no 总分)."""
    words = set(LABELS[group]) - {target}

    def fn(tables: Tables) -> Tables | None:
        out = _clone(tables)
        changed = False
        for t in out:
            grid = _header_row(t)
            headers = {r for r in range(t.rows)
                       if any((t.cells.get((r, c)) or "").strip() in _GRID_HEADS for c in range(t.cols))}
            for (r, c), text in list(t.cells.items()):
                if text.strip() not in words or r in headers:
                    continue
                if group == "total_row" and (grid is None or r <= grid[0]):
                    continue
                if group != "total_row" and grid is not None and r >= grid[0]:
                    continue  # (a level named 绩效目标 in a 评价 grid's body is no form label)
                if group == "goal" and any("目标" in (other := (t.cells.get((r, cc)) or "").strip()) and len(other) <= 12
                                           for cc in range(t.cols) if cc != c):
                    continue  # (总体目标 | 年度目标, 项目总目标 | 年度总体目标: a goal block's sub-heads, which
                    #            name its two goals apart — one spelling for both, or the 年度 dropped, is no table's)
                t.cells[(r, c)] = target
                changed = True
        return out if changed else None

    def apply(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
        if expected.get("kind") == "department" and "项目" in target:
            return None  # (a department's table names no 项目 amount: 项目资金总额 there is its 项目支出 part)
        out = fn(tables)
        return None if out is None else (out, expected)
    return Variation(f"标签同义:{group}→{target}", LABEL_SOURCES[group], apply)


def count_row(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A 栏次 row under the indicator header (1 | 2 | 3 …, one number a column), as system exports print."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        if found is None:
            continue
        head = found[0]
        if any(r1 <= head < r2 for r1, _, r2, _ in t.merges):
            continue
        while _header_continues(t, head + 1):
            head += 1  # a two-row header whose merges were split: the 栏次 row goes under its second row
        cols = [c for c in range(t.cols) if owner(t, head, c) == (head, c) and t.cells.get((head, c))]
        insert_row(t, head + 1, {c: str(k + 1) for k, c in enumerate(cols)})
        changed = True
    return (out, expected) if changed else None


def _header_continues(t: Table, r: int) -> bool:
    """Is row r the second row of a header (column headers again, or sub-headers only: no level, no value)?"""
    texts = [text.strip() for c in range(t.cols) if (text := t.cells.get((r, c))) and text.strip()]
    if r >= t.rows or len(texts) < 2 or any(text in LEVEL_WORDS for text in texts):
        return False
    return r in _header_rows(t) or all(is_label(text) for text in texts)


_NOT_AMOUNT = re.compile(r"电话|编码|代码|编号|年度|日期")


def thousands(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """Amounts above the grid written with thousands separators and two decimals (1,234.50), as exports print."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        top = found[0] if found else t.rows
        for (r, c), text in list(t.cells.items()):
            s = text.strip()
            left = next((t.cells[(r, cc)] for cc in range(c - 1, -1, -1) if t.cells.get((r, cc))), "")
            if r < top and _NUMBER.match(s) and not _SCORE_COLUMN.search(_column_head(t, r, c)) and "." not in s \
                    and len(s) >= 4 and not _NOT_AMOUNT.search(left):
                t.cells[(r, c)] = f"{Decimal(s):,.2f}"
                changed = True
    return (out, expected) if changed else None


def _short_level(s: str) -> str:
    t = s.strip()
    return t.removesuffix("指标") if t in LEVEL_WORDS and t != "满意度指标" or t == "服务对象满意度指标" else s


def _ascii_operator(s: str) -> str:
    return s.replace("≥", ">=").replace("≤", "<=")


def weight_total_row(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A 合计 row closing the indicator grid, its 分值 the sum of the indicators' (申报表 with 分值)."""
    weights = [i.get("weight") for p in expected.get("projects") or [] for i in p.get("indicators", [])]
    if not weights or any(not isinstance(w, (int, float)) for w in weights) or len(expected.get("projects") or []) != 1:
        return None
    out = _clone(tables)
    for t in out:
        found = _header_row(t)
        if found is None or "weight" not in found[1] or "score" in found[1]:
            continue
        last = max((r for (r, c) in t.cells if r > found[0]), default=None)
        if last is None or last != t.rows - 1:
            continue
        insert_row(t, t.rows, {0: "合计", found[1]["weight"]: f"{sum(weights):g}"})
        if found[1]["weight"] > 1:
            t.merges.append((t.rows - 1, 0, t.rows - 1, found[1]["weight"] - 1))
        return out, expected
    return None


def level_subtotals(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A 小计 row closing each 一级指标 group of a grid with 分值, its 分值 the group's sum (scoring tables
    that add up each level); the level's merge stops above it."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        if found is None or "weight" not in found[1] or "level1" not in found[1]:
            continue
        head, cols = found
        c1, cw = cols["level1"], cols["weight"]
        starts = [r for r in range(head + 1, t.rows) if owner(t, r, c1) == (r, c1) and _is_level(t.cells.get((r, c1)))]
        if len(starts) < 2:
            continue
        ends = [*starts[1:], None]
        inserted = 0
        for start, nxt in zip(starts, ends, strict=True):
            start += inserted
            stop = (nxt + inserted) if nxt is not None else max(
                (r for r in range(start, t.rows) if any(t.cells.get((r, c)) for c in range(t.cols))), default=start) + 1
            weights = [_number_of(t.cells.get((r, cw))) for r in range(start, stop)]
            if not weights or any(w is None for w in weights):
                continue
            insert_row(t, stop, {c1: "小计", cw: f"{sum(weights):g}"})  # type: ignore[arg-type]
            t.merges = [(r1, cc1, (r2 - 1 if r1 < stop <= r2 and cc1 <= c1 <= cc2 else r2), cc2)
                        for r1, cc1, r2, cc2 in t.merges]
            inserted += 1
            changed = True
    return (out, expected) if changed else None


def _number_of(text: str | None) -> float | None:
    try:
        return float((text or "").strip())
    except ValueError:
        return None


def note_row(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A 备注 row closing the table (备注：本表金额单位为万元。), as templates print."""
    out = _clone(tables)
    t = out[-1]
    insert_row(t, t.rows, {0: "备注：本表金额单位为万元，指标值按预算批复填列。"})
    if t.cols > 1:
        t.merges.append((t.rows - 1, 0, t.rows - 1, t.cols - 1))
    return out, expected


def _spaced(s: str) -> str:
    return " ".join(s) if 2 <= len(s) <= 6 and " " not in s else s


def _broken(s: str) -> str:
    return s[: len(s) // 2] + "\n" + s[len(s) // 2:] if 4 <= len(s) <= 14 and "\n" not in s else s


def _half(s: str) -> str:
    return s.replace("（", "(").replace("）", ")").replace("：", ":")


def _full(s: str) -> str:
    return s.replace("(", "（").replace(")", "）").replace(":", "：")


def _labels(fn: Callable[[str], str]) -> Callable[[Tables], Tables | None]:
    return lambda tables: _map_cells(tables, lambda s: fn(s) if is_label(s) else s)


def _required(s: str) -> str:
    return s + "(必填)" if s.strip() in _all_header_words() else s


def _star(s: str) -> str:
    return "*" + s if s.strip() in _all_header_words() else s


def _amount_label_unit(s: str) -> str:
    from perfgoals_xl.sources.vocabulary import form_label_of

    field_name, money = form_label_of(s)
    return s + "（万元）" if field_name in ("total", "fiscal", "other") and money is None and "万元" not in s else s


def amount_label_unit(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """Amount labels annotated with their unit (年度资金总额（万元）): only on a table whose amounts are in 万元
    (a 元 table's labels would say 元)."""
    units = {p.get("amount_unit") or expected.get("amount_unit") or "万元" for p in expected.get("projects") or []}
    if (expected.get("amount_unit") or "万元") != "万元" or units - {"万元"}:
        return None
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        top = found[0] if found else t.rows  # (an indicator named 项目金额 in the grid is no amount label)
        for (r, c), text in list(t.cells.items()):
            if r < top and (new := _amount_label_unit(text)) != text:
                t.cells[(r, c)] = new
                changed = True
    return (out, expected) if changed else None


def title_inside(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The title and 单位：万元 lines printed as the table's first merged rows (Excel-made tables)."""
    out = _clone(tables)
    changed = False
    for t in out:
        lines = [line for line in t.before if line.strip()]
        for k, line in enumerate(lines):
            insert_row(t, k, {0: line})
            if t.cols > 1:
                t.merges.append((k, 0, k, t.cols - 1))
        if lines:
            t.before = []
            changed = True
    return (out, expected) if changed else None


def name_in_title(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A one-project form that names its project only in its title (``XX项目绩效目标表``, no 项目名称
    row: 丰都's table inside a 自评报告 titled by the project): the 项目名称 label and its value left
    blank, the title line above the table saying the name."""
    from perfgoals_xl.sources.vocabulary import form_label_of

    projects = expected.get("projects") or []
    if len(projects) != 1 or not (name := projects[0].get("name")) or len(tables) != 1:
        return None
    out = _clone(tables)
    t = out[0]
    for (r, c), text in sorted(t.cells.items()):
        if not text or form_label_of(text.strip())[0] != "project":
            continue
        right = next((c2 for c2 in range(c + 1, t.cols) if owner(t, r, c2) == (r, c2)), None)
        if right is None or (t.cells.get((r, right)) or "").strip() != name:
            return None
        t.cells[(r, c)] = ""
        t.cells[(r, right)] = ""
        title = f"{name}绩效自评表" if expected.get("selfeval") else f"{name}绩效目标表"
        titles = [k for k, line in enumerate(t.before) if "绩效" in line]
        if titles:  # the table's own title line, where it stood (page chrome stays above it)
            t.before[titles[-1]] = title
            t.before = [line for k, line in enumerate(t.before) if k == titles[-1] or k not in titles]
        else:
            t.before = [*t.before, title]
        return out, expected
    return None


def _block_pairs(t: Table, r: int) -> list[tuple[int, int]] | None:
    """Row r of the block above the grid as label | value pairs (label cell, value cell), or None when it
    is not one (a row of column labels, a budget line of numbers, a label with no value)."""
    from perfgoals_xl.sources.vocabulary import form_label_of

    cells = [c for c in range(t.cols) if owner(t, r, c) == (r, c) and (t.cells.get((r, c)) or "").strip()]
    if not cells or len(cells) % 2 or len(cells) > 6:
        return None
    pairs = list(zip(cells[::2], cells[1::2], strict=True))
    for label, value in pairs:
        text, shown = t.cells[(r, label)].strip(), t.cells[(r, value)].strip()
        if form_label_of(text)[0] in (None, "section") or is_label(shown) or len(text) > 14 or "\n" in text:
            return None
    return pairs


def inline_pairs(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """Each label of the block above the grid with its value in the same cell (``项目名称：某项目``), the
    value's own cell left blank (all its lines, for a label merged down over them): Word forms typed by
    hand, PDFs whose rules between label and value were not drawn."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        end = found[0] if found is not None else t.rows
        for r in range(end):
            for label, value in _block_pairs(t, r) or ():
                # a label merged down over rows whose value cells go on (a goal of two lines): the whole value
                last = max((r2 for r1, c1, r2, c2 in t.merges if (r1, c1) == (r, label) and c1 <= label <= c2), default=r)
                lines = [t.cells.get((k, value), "").strip() for k in range(r, last + 1)]
                t.cells[(r, label)] = f"{t.cells[(r, label)].strip().rstrip(':：')}：" + "\n".join(x for x in lines if x)
                for k in range(r, last + 1):
                    t.cells[(k, value)] = ""
                changed = True
    return (out, expected) if changed else None


def values_under_labels(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """Each row of label | value pairs above the grid printed as a row of labels over a row of their
    values (项目名称 | 主管部门 over 某项目 | 某局), as forms laid out in columns print their block."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        end = found[0] if found is not None else t.rows
        r = 0
        while r < end:
            pairs = _block_pairs(t, r)
            if not pairs or any(r1 <= r < r2 for r1, _, r2, _ in t.merges):
                r += 1
                continue
            values = {label: t.cells[(r, value)] for label, value in pairs}
            for _, value in pairs:
                t.cells[(r, value)] = ""
            insert_row(t, r + 1, values)
            end += 1
            r += 2
            changed = True
    return (out, expected) if changed else None


def block_as_lines(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The first rows of the block above the indicator grid — its label | value pairs and single lines, up
    to the first row of another kind — printed as lines of text above the table (项目名称：某项目　主管部门：
    某局): a web page setting its form's name and owner as paragraphs over the table. Only where no
    merge runs from those rows into the rest."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        if found is None or found[0] == 0:
            continue
        lines: list[str] = []
        for r in range(found[0]):
            pairs = _block_pairs(t, r)
            texts = [x.strip() for x in row_texts(t, r) if x.strip()]
            if any(r1 <= r < r2 for r1, _, r2, _ in t.merges):
                break
            if pairs:
                lines.append("　".join(f"{t.cells[(r, a)].strip().rstrip(':：')}：{t.cells[(r, b)].strip()}"
                                      for a, b in pairs))
            elif len(texts) == 1:
                lines.append(texts[0])
            else:
                break
        if not any("：" in line for line in lines):
            continue
        for _ in lines:
            delete_row(t, 0)
        t.before = [*t.before, *lines]
        changed = True
    return (out, expected) if changed else None


def signoff_above(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A sign-off line above the table (填报单位（盖章）：<the department>　　填报日期：2023年3月1日), as
    templates print over the form; the department named is the table's own."""
    department = (expected.get("department") or "").strip()
    if not department or not tables:
        return None
    out = _clone(tables)
    out[0].before = [*out[0].before, f"填报单位（盖章）：{department}　　填报日期：2023年3月1日"]
    return out, expected


def spacer_row(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """An empty row inside the table, under its first row (a layout gap seen in Excel-made forms)."""
    out = _clone(tables)
    for t in out:
        if t.rows > 2:
            at = 1
            if not any(r1 < at <= r2 for r1, _, r2, _ in t.merges):
                insert_row(t, at)
    return out, expected


def spacer_row_mid(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """An empty row in the table's middle, where no merge spans (a row left blank between blocks)."""
    out = _clone(tables)
    changed = False
    for t in out:
        for at in range(t.rows // 2, t.rows - 1):
            if not any(r1 < at <= r2 for r1, _, r2, _ in t.merges):
                insert_row(t, at)
                changed = True
                break
    return (out, expected) if changed else None


def spacer_col_right(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """An empty column right of the table (a pasted range one column too wide)."""
    out = _clone(tables)
    for t in out:
        insert_col(t, t.cols)
    return out, expected


def spacer_col_left(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """An empty first column (a margin column of an Excel-made form)."""
    out = _clone(tables)
    for t in out:
        insert_col(t, 0)
    return out, expected


def _is_level(text: str | None) -> bool:
    s = re.sub(r"\s+", "", text or "")
    s = re.sub(r"[(（][^()（）]{0,12}[)）]$", "", s)
    return s in LEVEL_WORDS


#: The headers of level columns: the synonyms, and a department table's 分解目标 (its 一级指标).
_LEVEL_HEADS = frozenset({*SYNONYMS["level1"], *SYNONYMS["level2"], "分解目标"})


def _level_columns(t: Table) -> tuple[set[int], int]:
    """The level columns by their headers and the (lowest) row printing them: a level column's merge is a
    level's also when its name is the table's own (长效管理指标, 服务对象满意度指标等, 管理指标); the headers
    may stand on a two-row header's second row."""
    heads = {(r, c) for (r, c), text in t.cells.items() if text.strip() in _LEVEL_HEADS and owner(t, r, c) == (r, c)}
    return {c for _, c in heads}, max((r for r, _ in heads), default=t.rows)


def unmerge(fill: bool, levels_only: bool = False) -> Callable[[Tables, Expected], tuple[Tables, Expected] | None]:
    """Vertical merges split into one cell a row: the text repeated (Excel unmerge + fill, exports)
    or left in the first row only (what some systems' HTML does); only the level cells' merges
    when ``levels_only``."""
    def run(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
        out = _clone(tables)
        changed = False
        for t in out:
            merges = []
            level_cols, head = _level_columns(t)
            for r1, c1, r2, c2 in t.merges:
                level = _is_level(t.cells.get((r1, c1))) or (c1 in level_cols and r1 > head and c2 == c1)
                if r2 == r1 or (levels_only and not level):
                    merges.append((r1, c1, r2, c2))
                    continue
                changed = True
                text = t.cells.get((r1, c1))
                for r in range(r1, r2 + 1):
                    if fill and text is not None:
                        t.cells[(r, c1)] = text
                    if c2 > c1:
                        merges.append((r, c1, r, c2))
            t.merges = merges
        return (out, expected) if changed else None
    return run


def level_text_mid(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A level cell merged down over three rows or more split into one cell a row, its text left on the
    middle row (vertically centred text, where a PDF converted to a workbook puts it; the rows above it
    blank); so is a one-column cell merged over the same rows (the level's 分值 beside it)."""
    out = _clone(tables)
    changed = False
    for t in out:
        merges = []
        # (a cell merged over the same rows as a level's, one column wide — its 分值 or 权重 beside it — is
        # centred by the same print)
        level_cols, head = _level_columns(t)

        def level(r1: int, c1: int, t: Table = t, level_cols: set[int] = level_cols, head: int = head) -> bool:
            return _is_level(t.cells.get((r1, c1))) or (c1 in level_cols and r1 > head and bool(t.cells.get((r1, c1))))
        spans = {(r1, r2) for r1, c1, r2, c2 in t.merges if r2 - r1 >= 2 and c2 == c1 and level(r1, c1)}
        for r1, c1, r2, c2 in t.merges:
            text = t.cells.get((r1, c1))
            beside = _NUMBER.match((text or "").strip()) is not None  # (a 分值 / 权重, not a project's name)
            if r2 - r1 < 2 or c2 != c1 or (r1, r2) not in spans or not (level(r1, c1) or beside):
                merges.append((r1, c1, r2, c2))
                continue
            changed = True
            t.cells.pop((r1, c1), None)
            if text is not None:
                t.cells[((r1 + r2) // 2, c1)] = text
        t.merges = merges
    return (out, expected) if changed else None


def merge_repeats(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The same level text repeated down a column merged into one cell (the printed form's merge)."""
    out = _clone(tables)
    changed = False
    for t in out:
        merged_cells = {(r, c) for r1, c1, r2, c2 in t.merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        for c in range(min(t.cols, 4)):
            r = 0
            while r < t.rows:
                text = t.cells.get((r, c))
                end = r
                while (text and end + 1 < t.rows and t.cells.get((end + 1, c)) == text
                       and (end + 1, c) not in merged_cells and (r, c) not in merged_cells):
                    end += 1
                if end > r and text and text.strip() in LEVEL_WORDS:
                    for k in range(r + 1, end + 1):
                        t.cells.pop((k, c), None)
                    t.merges.append((r, c, end, c))
                    merged_cells.update((k, c) for k in range(r, end + 1))
                    changed = True
                r = end + 1
    return (out, expected) if changed else None


_NUMBER = re.compile(r"^\d{1,12}(?:\.\d{1,6})?$")


def _times(text: str, factor: int) -> str:
    value = Decimal(text.replace(",", "")) * factor
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


_SCORE_COLUMN = re.compile(r"分|率|权重|进度|%|％")
#: A head that sorts amounts (按收入性质分：, 按支出性质分) — no score column, whatever its 分.
_SORTED_BY = re.compile(r"^按.{1,10}分[:：]?$")


def _first_word(t: Table, places: Iterable[tuple[int, int]]) -> str:
    """The first text at these places, in order, that is no number."""
    for r, c in places:
        text = (t.cells.get(owner(t, r, c)) or "").strip()
        if text and not _NUMBER.match(text.replace(",", "").rstrip("%")):
            return text
    return ""


def _column_head(t: Table, r: int, c: int) -> str:
    """The nearest text above (r, c) in its column that is no number: the column's header."""
    return _first_word(t, ((rr, c) for rr in range(r - 1, -1, -1)))


_LABELLED_AMOUNT = re.compile(r"^(\S.{0,30}[:：\s])(\d{1,12}(?:\.\d{1,6})?)$")
_LABELLED_WAN = re.compile(r"^(\D.{0,30}?)(\d{1,12}(?:\.\d{1,6})?)\s*万元$")  # (其他资金:2880万元, 中央财政165万元)
_WAN_AMOUNT = re.compile(r"^(\d{1,12}(?:\.\d{1,6})?)\s*万元$")
#: A row label over money (其中：中央财政资金, 基本支出, 项目资金合计): every bare number of such a row is an amount.
_MONEY_WORDS = re.compile(r"资金|预算|拨款|中央补助|支出|金额|总额|合计|小计|收入|经费|执行数|到位")


def _row_label(t: Table, r: int, c: int) -> str:
    """The nearest text left of (r, c) on its row that is no number: the row's label."""
    return _first_word(t, ((r, cc) for cc in range(c - 1, -1, -1)))


#: A goal's label or head (预期目标, 年度总体目标, 实际完成情况): a number under it is the goal's text.
_GOAL_PLACE = re.compile(r"目标|完成情况")
#: The head of an amount column (总计 | 财政拨款 | 财政专户拨款 | 其他资金, a unit's row among them).
_MONEY_HEAD = re.compile(r"^(?:总计|财政拨款|财政专户拨款|其他资金)")


def _score_column(head: str) -> bool:
    return bool(_SCORE_COLUMN.search(head)) and not _SORTED_BY.match(head.strip())


def yuan(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The amounts printed in 元, the label saying so (单位：元, 年度资金总额（元）): ×10000, expectation too;
    every number above the grid that is an expected amount or stands in a money row, none in a score column."""
    projects = expected.get("projects") or []
    amounts: set[Decimal] = set()
    for p in projects:
        if (p.get("amount_unit") or expected.get("amount_unit") or "万元") != "万元":
            return None
        for block in ("amounts", "budget"):
            for key, v in (p.get(block) or {}).items():
                if key in ("total", "fiscal", "other", "initial", "adjusted", "executed") and v not in (None, ""):
                    try:
                        amounts.add(Decimal(str(v).replace(",", "")))
                    except InvalidOperation:
                        pass
    amounts.discard(Decimal(0))
    if not amounts:
        return None
    # (a goal written as the amount itself, 预期目标 | 287: the goal's text, kept as printed)
    texts = {str(p.get(k)).strip() for p in projects for k in ("goal", "actual_summary") if p.get(k)}
    out = _clone(tables)
    changed = False
    for t in out:
        t.before = [line.replace("万元", "元") for line in t.before]
        said = any("元" in line for line in t.before)
        found = _header_row(t)
        top = found[0] if found else t.rows  # the amounts are printed above the indicator grid
        labels: list[tuple[int, int]] = []  # cells whose 万元 now says 元
        converted: list[tuple[int, int]] = []
        for (r, c), text in list(t.cells.items()):
            s = text.strip()
            if r >= top or s in texts and (_GOAL_PLACE.search(_row_label(t, r, c))
                                             or _GOAL_PLACE.search(_column_head(t, r, c))):
                continue
            if (m := _WAN_AMOUNT.match(s)) is not None:
                t.cells[(r, c)] = _times(m.group(1), 10000) + "元"  # (50万元 → 500000元)
                converted.append((r, c))
            elif (m := _LABELLED_WAN.match(s)) is not None:
                t.cells[(r, c)] = m.group(1) + _times(m.group(2), 10000) + "元"  # (其他资金:2880万元)
                converted.append((r, c))
            elif (m := _LABELLED_AMOUNT.match(s)) is not None and _MONEY_WORDS.search(m.group(1)):
                t.cells[(r, c)] = m.group(1) + _times(m.group(2), 10000)  # (其中：一般公共预算：2456.18)
                converted.append((r, c))
            elif "万元" in s and len(s) <= 30:
                t.cells[(r, c)] = s.replace("万元", "元")
                labels.append((r, c))
            elif (_NUMBER.match(s.replace(",", ""))
                  and (Decimal(s.replace(",", "")) in amounts or _MONEY_WORDS.search(_row_label(t, r, c))
                       or _MONEY_HEAD.search(_column_head(t, r, c)))
                  and not _score_column(_column_head(t, r, c))):
                t.cells[(r, c)] = _times(s, 10000)
                converted.append((r, c))
        changed = changed or bool(converted)
        # a label saying 元 counts only beside or over an amount converted (not another table's 分配金额(元))
        said = said or any(lr == r or (lc == c and lr < r) for lr, lc in labels for r, c in converted)
        if converted and not said:  # no label says so: the unit line the 元 table prints above it
            t.before = [*t.before, "单位：元"]
    if not changed:
        return None
    exp = copy.deepcopy(expected)
    for p in exp.get("projects") or []:
        p["amount_unit"] = "元"
        for block in ("amounts", "budget"):
            for key, v in (p.get(block) or {}).items():
                if key in ("total", "fiscal", "other", "initial", "adjusted", "executed") and v not in (None, ""):
                    try:
                        p[block][key] = _times(str(v), 10000)
                    except InvalidOperation:
                        pass
    return out, exp


def _footer_row(t: Table, r: int) -> bool:
    texts = [x for x in row_texts(t, r) if x]
    return bool(texts) and all(any(w in x for w in FOOTER_WORDS) for x in texts)


def footer_into_grid(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The lines under the table (填报人：… 联系电话：…) printed as its last merged row."""
    out = _clone(tables)
    changed = False
    for t in out:
        if t.after:
            insert_row(t, t.rows, {0: "    ".join(t.after)})
            if t.cols > 1:
                t.merges.append((t.rows - 1, 0, t.rows - 1, t.cols - 1))
            t.after = []
            changed = True
    return (out, expected) if changed else None


def footer_below(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The table's last footer rows (填报人 / 联系电话 / 审核人 / 填报日期) printed as lines under it."""
    out = _clone(tables)
    changed = False
    for t in out:
        lines: list[str] = []
        while t.rows > 1 and _footer_row(t, t.rows - 1):
            lines.insert(0, "    ".join(x for x in row_texts(t, t.rows - 1) if x))
            r = t.rows - 1
            t.cells = {k: v for k, v in t.cells.items() if k[0] != r}
            t.merges = [m for m in t.merges if m[0] != r]
            t.merges = [(r1, c1, min(r2, r - 1), c2) for r1, c1, r2, c2 in t.merges]
            t.rows -= 1
            changed = True
        t.after = lines + t.after
    return (out, expected) if changed else None


_EMPTY_FOOTER = "填报人：          联系电话：          填报日期：    年  月  日"


def empty_footer_row(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A blank sign-off row (填报人：  联系电话：  填报日期：) as the table's last row, where none is printed."""
    if expected.get("footer"):
        return None
    out = _clone(tables)
    t = out[-1]
    insert_row(t, t.rows, {0: _EMPTY_FOOTER})
    if t.cols > 1:
        t.merges.append((t.rows - 1, 0, t.rows - 1, t.cols - 1))
    return out, expected


def empty_footer_below(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A blank sign-off line under the table, where none is printed."""
    if expected.get("footer"):
        return None
    out = _clone(tables)
    out[-1].after = [*out[-1].after, _EMPTY_FOOTER]
    return out, expected


def _header_row(t: Table) -> tuple[int, dict[str, int]] | None:
    """The indicator header row: where 三级指标 (or a synonym) is printed, with each known column."""
    for r in range(t.rows):
        cols: dict[str, int] = {}
        for c in range(t.cols):
            text = (t.cells.get((r, c)) or "").strip()
            for group, words in SYNONYMS.items():
                if text in words and group not in cols and owner(t, r, c) == (r, c):
                    cols[group] = c
        if "name" in cols and len(cols) >= 2:
            return r, cols
    return None


def seq_column(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A 序号 column at the left of the indicator rows (numbered 1, 2, …); the rows above widen into it."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        if found is None:
            continue
        head, _ = found
        insert_col(t, 0)
        # a header over two rows (单位代码 merged down into the header row): 序号 merged down the same rows
        tall = next(((r1, r2) for r1, c1, r2, _ in t.merges if c1 == 1 and r1 < head <= r2), None)
        top = tall[0] if tall else head
        for r in range(t.rows):  # each row's first cell spans the new column (rows above and below)
            if r >= top:
                continue
            _widen_first(t, r)
        t.cells[(top, 0)] = "序号"
        if tall:
            t.merges.append((tall[0], 0, tall[1], 0))
        n = 0
        name_col = found[1]["name"] + 1
        for r in range(head + 1, t.rows):  # indicator rows: their own name cell, not a wide 总分 / note
            r0, c0 = owner(t, r, name_col)
            wide = any(m[:2] == (r0, c0) and m[3] > m[1] for m in t.merges)
            totals = any(x.startswith(("总分", "合计", "总计")) for x in row_texts(t, r))
            if (r0, c0) == (r, name_col) and t.cells.get((r, name_col)) and not (wide or totals or _footer_row(t, r)):
                n += 1
                t.cells[(r, 0)] = str(n)
        changed = True
    return (out, expected) if changed else None


def _widen_first(t: Table, r: int) -> None:
    """Row r's cell right of the new empty column 0 spans it too."""
    for i, (r1, c1, r2, c2) in enumerate(t.merges):
        if c1 == 1 and r1 <= r <= r2:
            if r1 == r:
                t.merges[i] = (r1, 0, r2, c2)
                if (r1, 1) in t.cells:
                    t.cells[(r1, 0)] = t.cells.pop((r1, 1))
            return
        if c1 == 0 and r1 <= r <= r2:
            return
    if (r, 1) in t.cells or not any(m[0] <= r <= m[2] and m[1] <= 1 <= m[3] for m in t.merges):
        if (r, 1) in t.cells:
            t.cells[(r, 0)] = t.cells.pop((r, 1))
        t.merges.append((r, 0, r, 1))


def _swap_columns(t: Table, a: int, b: int, from_row: int) -> bool:
    """Swap columns a and b from ``from_row`` down, where no merge in those rows touches either."""
    lo = from_row
    for r1, c1, r2, c2 in t.merges:
        if r2 >= lo and (c1 <= a <= c2 or c1 <= b <= c2) and not (r2 < lo):
            if c1 != c2:
                return False
            if r1 < lo:
                return False
    for r in range(lo, t.rows):
        va, vb = t.cells.pop((r, a), None), t.cells.pop((r, b), None)
        if vb is not None:
            t.cells[(r, a)] = vb
        if va is not None:
            t.cells[(r, b)] = va
    t.merges = [(r1, b if c1 == a else a if c1 == b else c1, r2, b if c2 == a else a if c2 == b else c2)
                if r1 >= lo and c1 == c2 else (r1, c1, r2, c2) for r1, c1, r2, c2 in t.merges]
    return True


def swap(first: str, second: str) -> Callable[[Tables, Expected], tuple[Tables, Expected] | None]:
    """Column ``first`` printed right after/before ``second``: the two columns swapped."""
    def run(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
        out = _clone(tables)
        changed = False
        for t in out:
            found = _header_row(t)
            if found is None or first not in found[1] or second not in found[1]:
                continue
            head, cols = found
            changed = _swap_columns(t, cols[first], cols[second], head) or changed
        return (out, expected) if changed else None
    return run


def combined(*parts: Variation) -> Variation:
    """Several variations one after another (those that do not apply are passed over); applies when one does."""
    def run(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
        applied = False
        for part in parts:
            result = part.apply(tables, expected)
            if result is not None:
                tables, expected = result
                applied = True
        return (tables, expected) if applied else None
    return Variation(" + ".join(p.name for p in parts), "; ".join(p.source for p in parts), run)


def _page_cut(t: Table) -> tuple[int, int] | None:
    """Where a page break falls in the indicator rows: (the header row, the first row after the break),
    half way down a grid of four rows or more whose header is one row; None otherwise."""
    found = _header_row(t)
    if found is None:
        return None
    head = found[0]
    if any(r1 <= head < r2 for r1, _, r2, _ in t.merges):
        return None  # a header printed on two rows: no cut here
    body = [r for r in range(head + 1, t.rows) if any(t.cells.get((r, c)) for c in range(t.cols))]
    return (head, body[len(body) // 2]) if len(body) >= 4 else None


def _cut_merges(t: Table, cut: int) -> None:
    """Each merged cell over row ``cut`` cut there: its text stays above, the part below goes on as an
    empty merged cell of its own (as a page break splits it)."""
    merges = []
    for r1, c1, r2, c2 in t.merges:
        if r1 < cut <= r2:
            merges.append((r1, c1, cut - 1, c2))
            if r2 > cut:
                merges.append((cut, c1, r2, c2))
        else:
            merges.append((r1, c1, r2, c2))
    t.merges = merges


def header_repeated(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The indicator header row printed again half way down the same grid (a PDF of a long table, its
    header repeated on each page, converted to one sheet): a merged cell over the place is cut there,
    its text kept above and the part below an empty cell of its own."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _page_cut(t)
        if found is None:
            continue
        head, cut = found
        _cut_merges(t, cut)
        insert_row(t, cut, {c: t.cells[(head, c)] for c in range(t.cols) if (head, c) in t.cells})
        for r1, c1, r2, c2 in t.merges:  # (the header's own horizontal merges, copied)
            if r1 == r2 == head and c2 > c1:
                t.merges.append((cut, c1, cut, c2))
        changed = True
    return (out, expected) if changed else None


def header_block_repeated(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A header printed on two rows (三级指标 merged down beside 指标值 over 年度 | 实施周期, or a
    parent 绩效指标 row) printed again half way down the same grid, its merges with it (a PDF's pages
    converted to one sheet); a merged cell over the place is cut there, as above."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        if found is None:
            continue
        top = found[0]
        bottom = max((r2 for r1, _, r2, _ in t.merges if r1 == top), default=top)
        if bottom == top or bottom - top > 2 or any(r1 < top <= r2 for r1, _, r2, _ in t.merges):
            continue  # (a header of one row is the other variation's; one merged from above: not a block)
        body = [r for r in range(bottom + 1, t.rows) if any(t.cells.get((r, c)) for c in range(t.cols))]
        if len(body) < 4:
            continue
        cut = body[len(body) // 2]
        _cut_merges(t, cut)
        height = bottom - top + 1
        block = [m for m in t.merges if top <= m[0] and m[2] <= bottom]
        for k in range(height):
            insert_row(t, cut + k, {c: t.cells[(top + k, c)] for c in range(t.cols) if (top + k, c) in t.cells})
        t.merges += [(r1 - top + cut, c1, r2 - top + cut, c2) for r1, c1, r2, c2 in block]
        changed = True
    return (out, expected) if changed else None


def split_table(repeat_header: bool) -> Callable[[Tables, Expected], tuple[Tables, Expected] | None]:
    """The indicator rows split into two tables half way (a Word file's second table after a page break,
    a page saved from it): a merged cell over the cut goes on as an empty one below (as Word splits it);
    the second table repeats the header row, or starts straight with indicator rows."""
    def edit(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
        out = _clone(tables)
        for k, t in enumerate(out):
            found = _page_cut(t)
            if found is None:
                continue
            head, cut = found
            first = Table(cells={(r, c): v for (r, c), v in t.cells.items() if r < cut}, rows=cut, cols=t.cols,
                          before=t.before)
            second = Table(cells={(r - cut, c): v for (r, c), v in t.cells.items() if r >= cut},
                           rows=t.rows - cut, cols=t.cols, after=t.after)
            for r1, c1, r2, c2 in t.merges:
                if r2 < cut:
                    first.merges.append((r1, c1, r2, c2))
                elif r1 >= cut:
                    second.merges.append((r1 - cut, c1, r2 - cut, c2))
                else:  # over the cut: its text stays above, the part below is an empty cell of its own
                    first.merges.append((r1, c1, cut - 1, c2))
                    second.merges.append((0, c1, r2 - cut, c2))
            if repeat_header:
                insert_row(second, 0, {c: t.cells[(head, c)] for c in range(t.cols) if (head, c) in t.cells})
                second.merges += [(0, c1, 0, c2) for r1, c1, r2, c2 in t.merges if r1 == r2 == head]
            out[k:k + 1] = [first, second]
            return out, expected
        return None
    return edit


_LEVEL_CODES = {"产出指标": "1", "效益指标": "2", "满意度指标": "3", "成本指标": "4", "数量指标": "11", "质量指标": "12",
                "时效指标": "13", "经济效益指标": "21", "社会效益指标": "22", "生态效益指标": "23", "可持续影响指标": "24",
                "服务对象满意度指标": "31", "经济成本指标": "41", "社会成本指标": "42"}


def _coded_level(text: str) -> str:
    """产出指标 → 1-产出指标 (a system export printing each level with its code)."""
    code = _LEVEL_CODES.get(text.strip())
    return f"{code}-{text.strip()}" if code else text


_ORDINALS = "一二三四"


def _numbered_level(text: str) -> str:
    """产出指标 → 一、产出指标, 数量指标 → （1）数量指标 (a form numbered by hand, as Word outlines are)."""
    code = _LEVEL_CODES.get(text.strip())
    if not code:
        return text
    if len(code) == 1:
        return f"{_ORDINALS[int(code) - 1]}、{text.strip()}"
    return f"（{code[1]}）{text.strip()}"


def outline_numbered_levels(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """Levels numbered as a Word outline, in the order the grid prints them: 1.产出指标, 2.效益指标 …, and
    1.1数量指标, 1.2质量指标 … under each (a number that is no framework code: 成本指标 printed second is 2.)."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        if found is None or "level1" not in found[1]:
            continue
        head, cols = found
        c1, c2 = cols["level1"], cols.get("level2")
        first = second = 0
        for r in range(head + 1, t.rows):
            text = (t.cells.get((r, c1)) or "").strip()
            if owner(t, r, c1) == (r, c1) and text in LEVEL_WORDS:
                first, second = first + 1, 0
                t.cells[(r, c1)] = f"{first}.{text}"
                changed = True
            lower = (t.cells.get((r, c2)) or "").strip() if c2 is not None else ""
            if first and lower in LEVEL_WORDS and owner(t, r, c2) == (r, c2):
                second += 1
                t.cells[(r, c2)] = f"{first}.{second}{lower}"
    return (out, expected) if changed else None


def spacer_col_mid(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """An empty column inside the indicator grid, right of its name column (a PDF's ruling or a Word
    table's narrow gap read as a column of its own); a merge spanning the place grows over it."""
    out = _clone(tables)
    changed = False
    for t in out:
        found = _header_row(t)
        if found is None or "name" not in found[1]:
            continue
        insert_col(t, found[1]["name"] + 1)
        changed = True
    return (out, expected) if changed else None


def parent_header(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """A parent header row over the indicator header: 绩效指标 merged over the level and name columns
    (and the other columns merged down from it), as many 申报表 and 自评表 print the grid's head."""
    out = _clone(tables)
    for t in out:
        found = _header_row(t)
        if found is None:
            continue
        head, cols = found
        if any(r1 <= head < r2 or (r1 < head <= r2) for r1, _, r2, _ in t.merges):
            continue
        group = sorted(cols[k] for k in ("level1", "level2", "name") if k in cols)
        if len(group) < 2 or group != list(range(group[0], group[-1] + 1)):
            continue
        insert_row(t, head, {group[0]: "绩效指标"})
        t.merges.append((head, group[0], head, group[-1]))
        for c in range(t.cols):  # the other header cells merged down over both rows
            if (c < group[0] or c > group[-1]) and owner(t, head + 1, c) == (head + 1, c) and t.cells.get((head + 1, c)):
                t.cells[(head, c)] = t.cells.pop((head + 1, c))
                t.merges.append((head, c, head + 1, c))
        return out, expected
    return None


def _single_value_column(t: Table) -> tuple[int, int] | None:
    """(header row, column) of a grid's one 指标值 column printed whole — no unit column, no value cell
    merged across columns under the header; None otherwise."""
    found = _header_row(t)
    if found is None or "value" not in found[1] or "unit" in found[1]:
        return None
    head, cols = found
    c = cols["value"]
    if any(m[1] <= c <= m[3] and m[3] > m[1] for m in t.merges if m[0] > head):
        return None
    return head, c


def split_value(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """指标值 printed as 计算符号 | 指标值 | 计量单位 (≥ | 95 | %), as 一体化系统 exports print it."""
    out = _clone(tables)
    for t in out:
        found = _single_value_column(t)
        if found is None:
            continue
        head, c = found
        insert_col(t, c)
        insert_col(t, c + 2)
        t.cells[(head, c)], t.cells[(head, c + 2)] = "计算符号", "计量单位"
        split = 0
        for r in range(head + 1, t.rows):
            m = _VALUE_PARTS.match(t.cells.get((r, c + 1)) or "")
            if m and owner(t, r, c + 1) == (r, c + 1):
                t.cells[(r, c)], t.cells[(r, c + 1)], t.cells[(r, c + 2)] = m.group(1), m.group(2), m.group(3)
                split += 1
        return (out, expected) if split else None
    return None


_VALUE_PARTS = re.compile(r"^(≥|≤|>|<|=)(\d+(?:\.\d+)?)(%|个|人|次|人次|万元|元|天|家|项|台|户|亩|公里)$")
_OPERATOR_HEAD = re.compile(r"^(≥|≤|>|<|=|＞|＜|大于等于|小于等于|不低于|不高于)\s*(\S[\s\S]*)$")


def split_value_unlabelled(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """指标值 merged over two columns with no sub-header, the operator in the first and the rest in the
    second (≥ | 500人次; a value with no operator: blank | 有效提升), as some exports and Word forms print it."""
    out = _clone(tables)
    for t in out:
        found = _single_value_column(t)
        if found is None:
            continue
        head, c = found
        if any(m[0] <= head <= m[2] and m[1] <= c <= m[3] for m in t.merges):
            continue  # (a header merged with another: no simple span to add)
        insert_col(t, c + 1)
        t.merges.append((head, c, head, c + 1))
        split = 0
        for r in range(head + 1, t.rows):
            text = (t.cells.get((r, c)) or "").strip()
            if not text or owner(t, r, c) != (r, c):
                continue
            m = _OPERATOR_HEAD.match(text)
            t.cells[(r, c)], t.cells[(r, c + 1)] = (m.group(1), m.group(2)) if m else ("", text)
            split += bool(m)
        return (out, expected) if split else None
    return None


def _indent(text: str) -> str:
    """A paragraph's text indented by two full-width spaces, as Word prints a goal or a note (　　目标1：…)."""
    return "\u3000\u3000" + text if len(text.strip()) >= 15 else text


def _nbsp(text: str) -> str:
    """A cell padded with non-breaking spaces (&nbsp; of a web page's cells, kept by a browser's save)."""
    return "\xa0" + text + "\xa0" if text.strip() else text


def _wrapped(text: str) -> str:
    """A long Chinese text broken about every ten characters, as a PDF converted to a workbook keeps each
    printed line (a line breaks between two Chinese characters, never inside a number or a Latin word)."""
    if len(text) < 12 or "\n" in text or not re.search(r"[\u4e00-\u9fff]", text):
        return text
    lines, start = [], 0
    for k in range(10, len(text) - 1):
        if k - start >= 10 and re.match(r"[\u4e00-\u9fff]{2}", text[k - 1:k + 1]):
            lines.append(text[start:k])
            start = k
    return "\n".join([*lines, text[start:]])


def _fullwidth_digits(text: str) -> str:
    return text.translate({ord(d): ord(d) + 0xFEE0 for d in "0123456789%"}) if re.search(r"\d%", text) else text


_SITE_FOOTER = ["上一篇：关于公开2024年部门预算的说明", "下一篇：2024年政府采购预算表", "【打印本页】 【关闭窗口】",
                "主办单位：某县人民政府办公室", "某县人民政府网 版权所有"]


def site_footer(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The site's own lines under the last table (上一篇 / 下一篇, 打印本页 / 关闭窗口, 主办单位, 版权所有),
    as a page saved, pasted or printed with its chrome keeps them."""
    out = _clone(tables)
    out[-1].after = [*out[-1].after, *_SITE_FOOTER]
    return out, expected


_TOTAL_LABELS = ("总分", "合计", "总计", "自评总分", "综合得分", "合计得分")


def inline_total(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The total row written as one cell merged across the table, the score after a colon (总分:83),
    as some 自评表 print it (上海 镇级)."""
    projects = expected.get("projects") or []
    if len(projects) != 1 or not isinstance(projects[0].get("total_score"), (int, float)):
        return None
    score = projects[0]["total_score"]
    out = _clone(tables)
    for t in out:
        for r in range(t.rows):
            texts = [x.strip() for x in row_texts(t, r) if x.strip()]
            if not texts or texts[0] not in _TOTAL_LABELS or not any(_is_number(x, score) for x in texts[1:]):
                continue
            if any(r1 != r2 and r1 <= r <= r2 for r1, _, r2, _ in t.merges):
                return None  # (a merge across the total row and others: no clean row to rewrite)
            t.merges = [m for m in t.merges if m[0] != r]
            t.cells = {k: v for k, v in t.cells.items() if k[0] != r}
            t.cells[(r, 0)] = f"{texts[0]}:{score:g}"
            if t.cols > 1:
                t.merges.append((r, 0, r, t.cols - 1))
            return out, expected
    return None


def _is_number(text: str, value: float) -> bool:
    try:
        return float(text.rstrip("分")) == float(value)
    except ValueError:
        return False


_PLANNED_HEADS = ("预期目标", "年初设定目标", "年度目标")
_ACHIEVED_HEADS = ("实际完成情况", "全年实际完成情况", "年度总体目标完成情况", "目标实际完成情况")


def delete_row(t: Table, at: int) -> None:
    """Remove row ``at``: rows below move up, a merge spanning it shrinks (one of that row alone goes)."""
    t.cells = {((r - 1 if r > at else r), c): v for (r, c), v in t.cells.items() if r != at}
    merges = []
    for r1, c1, r2, c2 in t.merges:
        if r1 == r2 == at:
            continue
        merges.append((r1 - (r1 > at), c1, r2 - (r2 >= at), c2))
    t.merges = [m for m in merges if m[2] > m[0] or m[3] > m[1]]
    t.rows -= 1


def goals_beside(tables: Tables, expected: Expected) -> tuple[Tables, Expected] | None:
    """The 自评表 goal heads and their texts on one row (年度总体目标 | 预期目标 | <goal> | 实际完成情况 |
    <account>) instead of the texts under the heads, as some 市本级 templates print it (宁夏 银川)."""
    out = _clone(tables)
    for t in out:
        for r in range(t.rows - 1):
            heads = {c: (t.cells.get((r, c)) or "").strip() for c in range(t.cols) if owner(t, r, c) == (r, c)}
            planned = next((c for c, x in heads.items() if x in _PLANNED_HEADS), None)
            achieved = next((c for c, x in heads.items() if x in _ACHIEVED_HEADS and planned is not None and c > planned),
                            None)
            if planned is None or achieved is None or achieved - planned < 2 or t.cols - achieved < 2:
                continue
            if t.cells.get((r, planned + 1)) and owner(t, r, planned + 1) != (r, planned):
                continue  # (the goal printed beside its head already)
            goal, account = t.cells.get((r + 1, planned)), t.cells.get((r + 1, achieved))
            if not goal or owner(t, r + 1, planned) != (r + 1, planned):
                continue
            # the heads' own merges go; each head is one cell, its text the merged cells right of it
            t.merges = [m for m in t.merges if not (m[0] == r and m[1] in (planned, achieved))]
            if any(r1 == r + 1 and r2 > r1 for r1, _, r2, _ in t.merges):
                return None  # (the text row holds merges of its own down the rows below)
            t.cells[(r, planned + 1)] = goal
            if achieved - 1 > planned + 1:
                t.merges.append((r, planned + 1, r, achieved - 1))
            t.cells[(r, achieved + 1)] = account or ""
            if t.cols - 1 > achieved + 1:
                t.merges.append((r, achieved + 1, r, t.cols - 1))
            delete_row(t, r + 1)
            return out, expected
    return None


def level_header(group: str, printed: str) -> Callable[[Tables, Expected], tuple[Tables, Expected] | None]:
    """The 一级指标 / 二级指标 header cell of the indicator header printed as ``printed`` — blank (its text
    lost, 忠县 涂井乡 自评表: ``一级指标 | | 三级指标``) or in a wording of its own (浙江 台州 申报表:
    ``指标类型`` over the level-1 names) — the column's cells unchanged."""
    words = set(SYNONYMS[group])
    return _text_only(lambda tables: _respell_headers(tables, words, printed))


def variations() -> list[Variation]:
    """Every variation, each with where the spelling or layout is known from."""
    out = [synonym(group, target) for group, words in SYNONYMS.items() for target in words]
    out += [synonym(group, target) for group, words in MORE_SPELLINGS.items() for target in words]
    out += [synonym(group, target) for spellings in (SYSTEM_SPELLINGS, PROVINCE_SPELLINGS)
            for group, words in spellings.items() for target in words]
    out += [relabel(group, target) for group, words in LABELS.items() for target in words]
    out += [
        Variation("栏次行（表头下 1 2 3…）", "系统导出: 表头下的栏次行", count_row),
        Variation("级别简称（产出、数量）", "corpus: 产出 / 效益 (河北宁晋评价表), 数量 / 质量 (市县表)",
                  _text_only(lambda t: _map_level_cells(t, _short_level))),
        Variation("符号半角（>= <=）", "Excel 手填: >= / <= 代替 ≥ / ≤", _text_only(lambda t: _map_cells(t, _ascii_operator))),
        Variation("分值合计行", "申报表: 指标表末的 合计 | 100 行 (湖南、宁夏)", weight_total_row),
        Variation("备注行（表末）", "模板: 表末 备注：… 行", note_row),
        Variation("金额千分位两位小数", "系统导出: 1,234.50 (四川 longform、一体化导出)", thousands),
        Variation("标签内空格（绩 效 指 标）", "corpus: 湖南、四川表的表头 (项 目 名 称, 绩 效 指 标)", _text_only(_labels(_spaced))),
        Variation("标签内换行", "corpus: Word 表格窄列中折行的表头 (实施周期\\n指标值)", _text_only(_labels(_broken))),
        Variation("半角冒号括号", "corpus: 半角 (万元) / 单位: (系统导出)", _text_only(lambda t: _map_cells(t, _half))),
        Variation("全角冒号括号", "corpus: 全角 （万元）/ 单位： (手填 Word)", _text_only(lambda t: _map_cells(t, _full))),
        Variation("表头注(必填)", "一体化系统导出模板: 指标值(必填)", _text_only(lambda t: _map_cells(t, _required))),
        Variation("表头前*", "一体化系统导出模板: *三级指标", _text_only(lambda t: _map_cells(t, _star))),
        Variation("金额标签注（万元）", "corpus: 年度资金总额（万元） (湖南、宁夏申报表)", amount_label_unit),
        Variation("表名与单位入表（首行合并）", "Excel 制表: 表名、单位：万元 为表内首行合并单元格 (山西、甘孜 original.xlsx)", title_inside),
        Variation("项目名只在标题中", "corpus: 丰都 辅警经费 (自评报告中的目标表，标题即项目名，没有项目名称行)", name_in_title),
        Variation("标签与值同格（项目名称：…）", "Word 手填、PDF 未画分隔线: 项目名称：某项目 在一格 (河北 邯郸、宁夏 自评表)",
                  inline_pairs),
        Variation("标签在上值在下", "按列排的表头块: 项目名称 | 主管部门 一行，其下一行为各自的值 (自评表、部门整体表)",
                  values_under_labels),
        Variation("级别带序号（一、产出指标）", "Word 手填: 一、产出指标 / （1）数量指标",
                  _text_only(lambda t: _map_level_cells(t, _numbered_level))),
        Variation("级别带大纲编号（1.1数量指标）", "Word 手填: 1.产出指标 / 1.1数量指标，按出现顺序编号",
                  outline_numbered_levels),
        Variation("空列（指标表中）", "PDF 转换、Word 表格: 指标名称列右侧多出的空列", spacer_col_mid),
        Variation("表头块写在表外（段落）", "网页: 项目名称：… 主管部门：… 为表格上方的段落，只有指标表是表格", block_as_lines),
        Variation("实际完成值在年度指标值前", "自评表模板: 实际完成值 | 年度指标值 对调", swap("actual", "value")),
        Variation("得分在分值前", "自评表模板: 得分 | 分值 对调", swap("score", "weight")),
        Variation("层级小计行", "评分表: 每个一级指标之后一行 小计 及其分值之和", level_subtotals),
        Variation("落款在表上（填报单位、日期）", "模板: 表上方 填报单位（盖章）：…　填报日期：…", signoff_above),
        Variation("空行（首行下）", "Excel 制表: 表名下的空行", spacer_row),
        Variation("空行（表中）", "Excel 制表: 块间空行", spacer_row_mid),
        Variation("空列（表右）", "网页粘贴: 多选一列", spacer_col_right),
        Variation("空列（表左）", "Excel 制表: 左边距列", spacer_col_left),
        Variation("级别列逐行重复", "一体化系统导出: 一级/二级指标每行重复 (浙江、四川 longform)",
                  unmerge(fill=True, levels_only=True)),
        Variation("级别列拆开留空", "网页导出: 级别合并格只在首行有字", unmerge(fill=False, levels_only=True)),
        Variation("全部纵向合并逐行重复", "WPS「拆分并填充内容」、系统导出重复合并格 (标签、金额块标签、目标)", unmerge(fill=True)),
        Variation("全部纵向合并拆开留空", "网页导出: 合并格只在首行有字", unmerge(fill=False)),
        Variation("重复级别合并", "打印表: 一级/二级指标合并单元格", merge_repeats),
        Variation("级别字在组中间行", "PDF 转成的工作簿: 合并的级别格拆开，字在垂直居中的中间行", level_text_mid),
        Variation("金额单位元", "corpus: 单位：元 (市县表, 云南、湖北自评表)", yuan),
        Variation("表下落款入表（末行）", "Excel 制表: 填报人/联系电话 为末行", footer_into_grid),
        Variation("表内落款移到表下", "网页: 填报人/联系电话 为表下文字", footer_below),
        Variation("空落款行（末行）", "模板: 未填的 填报人：  联系电话：  填报日期： 末行", empty_footer_row),
        Variation("空落款（表下）", "模板: 表下未填的落款", empty_footer_below),
        Variation("序号列", "一体化系统导出: 左侧 序号 列 (四川、浙江)", seq_column),
        Variation("计量单位在指标值前", "一体化系统导出: …/计量单位/指标值 (江西)", swap("unit", "value")),
        Variation("分值在指标值后", "模板: 指标值/分值 对调 (湖南、宁夏)", swap("weight", "value")),
        Variation("级别带代码（1-产出指标）", "一体化系统导出: 级别写代码 (1-产出指标、11-数量指标)",
                  _text_only(lambda t: _map_level_cells(t, _coded_level))),
        Variation("父表头（绩效指标 跨级别列）", "申报表、自评表: 绩效指标 合并在 一级/二级/三级指标 之上", parent_header),
        Variation("指标值拆成 符号|数值|单位", "一体化系统导出: 计算符号 | 指标值 | 计量单位", split_value),
        Variation("指标值跨两列无小表头", "导出、Word 表: 指标值 合并在 符号 | 值 两列之上，没有小表头", split_value_unlabelled),
        Variation("全角数字百分号（１００％）", "Word 手填: 全角数字", _text_only(lambda t: _map_cells(t, _fullwidth_digits))),
        Variation("段首全角空格（Word 缩进）", "Word 原件、网页: 目标、说明段首的　　两个全角空格",
                  _text_only(lambda t: _map_cells(t, _indent))),
        Variation("不间断空格（&nbsp;）", "网页另存/粘贴: 单元格首尾的 &nbsp;", _text_only(lambda t: _map_cells(t, _nbsp))),
        Variation("单元格内折行（PDF 转换）", "PDF 转成的工作簿: 长文字按打印的行折成多行（项目名称、目标、指标名称）",
                  _text_only(lambda t: _map_cells(t, _wrapped))),
        Variation("网页页脚（上一篇、版权所有）", "网页另存/粘贴/打印: 表下的 上一篇、打印本页、主办单位、版权所有", site_footer),
        Variation("一级指标表头空白", "corpus: 忠县 涂井乡 自评表 (二级指标表头空白), 网页导出丢失的表头字", level_header("level1", "")),
        Variation("二级指标表头空白", "corpus: 忠县 涂井乡 自评表: 一级指标 |  | 三级指标", level_header("level2", "")),
        Variation("三级指标表头空白", "网页导出丢失的表头字: 一级指标 | 二级指标 |  | 指标值", level_header("name", "")),
        Variation("指标值表头空白", "网页导出丢失的表头字: … | 三级指标 |  (指标值)", level_header("value", "")),
        Variation("一级指标表头写作 指标类型", "corpus: 浙江 台州 临海 申报表: 指标类型 | 指标名称 (产出指标 …)",
                  level_header("level1", "指标类型")),
        Variation("分页拆成两表（续表无表头）", "Word 原件: 分页处另起一表，续表不重印表头", split_table(False)),
        Variation("分页拆成两表（续表重印表头）", "Word 原件: 分页处另起一表，续表重印表头", split_table(True)),
        Variation("表头在表中重印", "PDF 转成的工作簿: 长表每页重印的表头行留在同一张表中间", header_repeated),
        Variation("两行表头在表中重印", "PDF 转成的工作簿: 每页重印的两行表头（及其合并格）留在同一张表中间",
                  header_block_repeated),
        Variation("总分写在一格（总分:83）", "自评表: 表末一格合并跨整行写 总分:83 (上海 镇级)", inline_total),
        Variation("目标与小标题并排", "自评表: 年度总体目标 | 年初设定目标 | 目标 | 完成情况 | 说明 (宁夏 银川市本级)",
                  goals_beside),
    ]
    by_name = {v.name: v for v in out}
    out += [combined(*(by_name[n] for n in names)) for names in (
        ("表名与单位入表（首行合并）", "序号列", "表下落款入表（末行）"),
        ("全部纵向合并逐行重复", "栏次行（表头下 1 2 3…）"),
        ("空列（表左）", "金额单位元", "标签内空格（绩 效 指 标）"),
        ("表头同义:level1→一级指标名称", "表头同义:level2→二级指标名称", "表头同义:name→三级指标名称",
         "表头同义:value→年度指标值", "计量单位在指标值前"),
        ("级别列逐行重复", "分值在指标值后", "表头前*"),
        ("级别字在组中间行", "单元格内折行（PDF 转换）", "表头在表中重印", "空列（指标表中）"),
        ("不间断空格（&nbsp;）", "段首全角空格（Word 缩进）", "级别列拆开留空"),
        ("表头块写在表外（段落）", "全角冒号括号", "段首全角空格（Word 缩进）", "分页拆成两表（续表重印表头）"),
        ("不间断空格（&nbsp;）", "空列（表右）", "空行（首行下）", "网页页脚（上一篇、版权所有）"),
    )]
    return out


# ------------------------------------------------------------------------------------ run & score

def page(tables: Tables) -> str:
    """A saved web page holding the grids: lines above as <p>, the table, lines under it."""
    parts = ['<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效目标表</title></head><body>']
    for t in tables:
        parts.extend(f"<p>{html.escape(line)}</p>" for line in t.before)
        parts.append("<div>")
        parts.append(_table_html(t))
        parts.extend(f"<p>{html.escape(line)}</p>" for line in t.after)
        parts.append("</div>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _table_html(t: Table) -> str:
    covered: set[tuple[int, int]] = set()
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    for r1, c1, r2, c2 in t.merges:
        spans[(r1, c1)] = (r2 - r1 + 1, c2 - c1 + 1)
        covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1))
    rows = ['<table border="1">']
    for r in range(t.rows):
        tds = []
        for c in range(t.cols):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            text = "<br>".join(html.escape(x) for x in (t.cells.get((r, c)) or "").split("\n"))
            tds.append(f"<td{attrs}>{text}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    rows.append("</table>")
    return "\n".join(rows)


#: The held file a variant is written as: a saved page, the page pasted into Excel (and that sheet saved
#: as CSV: its merges lost), a Word attachment.
#: PDFs are made from a source file by LibreOffice, many in one run (its start takes seconds): the
#: page printed by Writer, the workbook exported by Calc (as build.py makes the corpus's; ``low``: its
#: rows of two lines or more a line lower than their text, ``short``: its rows one line high however
#: much they hold, ``unwrapped``: and its texts not wrapped).
PDF_SOURCES = {"printed.pdf": (".html", ["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export"]),
               "exported.pdf": (".xlsx", ["--convert-to", "pdf"]),
               "exported-low.pdf": (".xlsx", ["--convert-to", "pdf"]),
               "exported-short.pdf": (".xlsx", ["--convert-to", "pdf"]),
               "exported-unwrapped.pdf": (".xlsx", ["--convert-to", "pdf"])}
HELD_AS = ("page.html", "pasted.xlsx", "typed.xlsx", "saved.csv", "original.docx", "system.xls", "system.doc",
           *PDF_SOURCES)
PDF_BATCH = 150  # sources converted by one LibreOffice run


def read_variant(entry: Entry, tables: Tables, expected: Expected, folder: Path, held: str = "page.html") -> FileScore:
    """Write the grids as a held file (``HELD_AS``), read and score it against ``expected``."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / held
    if held in ("pasted.xlsx", "typed.xlsx"):  # (typed: 95% and 1,234.50 made numbers, as Excel's paste does)
        write_xlsx(tables, target, one_sheet=True, excel_types=held == "typed.xlsx")
    elif held == "saved.csv":
        write_csv(tables, target, "utf-8")
    elif held == "original.docx":
        write_docx(tables, target)
    elif held == "system.xls":
        write_spreadsheetml(tables, target)
    elif held == "system.doc":
        write_wordml(tables, target)
    elif held in PDF_SOURCES:
        target = _pdfs([(_pdf_source(tables, folder / "source", held), target)], held, folder)[0]
    else:
        target.write_text(page(tables), encoding="utf-8")
    return _score_as(entry, expected, target, held)


def _score_as(entry: Entry, expected: Expected, target: Path, held: str) -> FileScore:
    """The held file read and scored against ``expected`` (the entry's meta and judgement kept)."""
    fake = Entry(target.parent, {**entry.meta, "held_as": [held]}, expected, entry.judgement)
    return score_file(fake, target)


def _pdf_source(tables: Tables, stem: Path, held: str) -> Path:
    """The file a PDF of ``held`` is made from: the page (printed.pdf) or the workbook (exported.pdf)."""
    source = stem.with_suffix(PDF_SOURCES[held][0])
    source.parent.mkdir(parents=True, exist_ok=True)
    if held.startswith("exported"):
        write_export_book(tables, source, rows={"exported-low.pdf": "a line short", "exported-short.pdf": "one line",
                                                "exported-unwrapped.pdf": "unwrapped"}.get(held, "fit lines"))
    else:
        source.write_text(page(tables), encoding="utf-8")
    return source


def _pdfs(jobs: list[tuple[Path, Path]], held: str, work: Path) -> list[Path]:
    """Each (source, target) converted by LibreOffice (PDF_BATCH sources a run, each run its own
    profile) and moved to its target; the targets (a failed conversion leaves no file)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit(f"--held {held} needs LibreOffice (soffice)")
    options = PDF_SOURCES[held][1]
    for start in range(0, len(jobs), PDF_BATCH):
        batch = jobs[start:start + PDF_BATCH]
        out = work / f"pdf{start}"
        out.mkdir(parents=True, exist_ok=True)
        linked = []
        for n, (source, _) in enumerate(batch):  # one folder, names of their own: LibreOffice names by stem
            link = out / f"s{n}{source.suffix}"
            shutil.copy(source, link)
            linked.append(link)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{out / 'profile'}", *options,
                        "--outdir", str(out), *map(str, linked)], capture_output=True, timeout=60 * 60)
        for n, (_, target) in enumerate(batch):
            made = out / f"s{n}.pdf"
            if made.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.move(made, target)
        print(f"PDF {min(start + PDF_BATCH, len(jobs))}/{len(jobs)}", file=sys.stderr, flush=True)
    return [target for _, target in jobs]


@dataclass
class Outcome:
    """One variation on one entry: fields right and false findings, unvaried → varied."""

    variation: str
    entry: str
    base_right: int
    base_total: int
    right: int
    total: int
    base_false: int
    false: int
    misses: list[str] = field(default_factory=list)
    new_findings: list[str] = field(default_factory=list)

    @property
    def lost(self) -> int:
        return (self.base_right - self.right) if self.total == self.base_total else \
            round(self.base_total * (self.base_right / max(1, self.base_total) - self.right / max(1, self.total)))

    @property
    def gained_false(self) -> int:
        return max(0, self.false - self.base_false)


def run(entries: list[Entry], chosen: list[Variation], work: Path, held: str = "page.html") -> list[Outcome]:
    """Every chosen variation on every entry where it applies, each variant written as ``held``."""
    if held in PDF_SOURCES:
        return _run_pdf(entries, chosen, work, held)
    outcomes = []
    for entry in entries:
        tables = page_tables((entry.path / "page.html").read_bytes())
        if not tables:
            continue
        base = read_variant(entry, tables, entry.expected, work / entry.id / "base", held)
        base_false = unjudged_errors(entry, base)
        for k, var in enumerate(chosen):
            result = var.apply(tables, entry.expected)
            if result is None:
                continue
            vt, vexp = result
            try:
                got = read_variant(entry, vt, vexp, work / entry.id / f"v{k}", held)
            except InvalidSpanError:  # (python-docx merges rectangles only: a variant it cannot write is skipped)
                continue
            outcomes.append(_outcome(var.name, entry, base, base_false, got))
    return outcomes


def _outcome(name: str, entry: Entry, base: FileScore, base_false: list, got: FileScore) -> Outcome:
    """A variant's score against the unvaried one's: the misses and error findings it adds."""
    false = unjudged_errors(entry, got)
    base_set = {(c, m) for c, _, m in base_false}
    return Outcome(name, entry.id, base.right, base.total, got.right, got.total, len(base_false), len(false),
                   [m for m in got.misses if m not in base.misses][:6],
                   [f"{c} {m}" for c, _, m in false if (c, m) not in base_set][:4])


#: Cells padded with &nbsp; are no variant of a printed page: Writer lays such a cell out unbroken, the
#: table runs past the paper's right edge and is cut there (a browser's print fits the page), and in a
#: PDF an &nbsp; is only a space.
NBSP_NAME = "不间断空格"


#: A budget system's Excel export writes each table whole, on a sheet of its own: a table a page break
#: split in two (a Word original's 续表) is no variant of it — written so, its second part would stand
#: alone on a second sheet, a workbook no one holds. (Its Word export keeps both parts in one document,
#: as a Word original does: that variant stands.)
SHEET_PER_TABLE = ("system.xls",)
PAGE_SPLIT_NAME = "分页拆成两表"


def _run_pdf(entries: list[Entry], chosen: list[Variation], work: Path, held: str,
             bases: dict[str, tuple[FileScore, list]] | None = None) -> list[Outcome]:
    """:func:`run` for a PDF: every variant's source written first, all converted in batches, then read
    (``bases`` gets each entry's unvaried score and unjudged error findings)."""
    jobs: list[tuple[Entry, str | None, Expected, Path, Path]] = []  # entry, variation, expected, source, pdf
    for entry in entries:
        tables = page_tables((entry.path / "page.html").read_bytes())
        if not tables:
            continue
        folder = work / entry.id
        jobs.append((entry, None, entry.expected, _pdf_source(tables, folder / "base" / "source", held),
                     folder / "base" / held))
        for k, var in enumerate(chosen):
            if held == "printed.pdf" and NBSP_NAME in var.name:
                continue  # (see NBSP_NAME)
            result = var.apply(tables, entry.expected)
            if result is not None:
                jobs.append((entry, var.name, result[1], _pdf_source(result[0], folder / f"v{k}" / "source", held),
                             folder / f"v{k}" / held))
    _pdfs([(source, target) for *_, source, target in jobs], held, work / "convert")
    outcomes: list[Outcome] = []
    bases = {} if bases is None else bases
    for entry, name, expected, _, target in jobs:
        if not target.exists():
            continue
        got = _score_as(entry, expected, target, held)
        if name is None:
            bases[entry.id] = (got, unjudged_errors(entry, got))
            continue
        if entry.id not in bases:
            continue
        outcomes.append(_outcome(name, entry, *bases[entry.id], got))
    return outcomes


def base_report(entries: list[Entry], work: Path, held: str) -> str:
    """Every entry unvaried, written as ``held`` (a PDF kind): the fields read right and the error
    findings the entry's judgement does not account for, entries that lose any listed."""
    bases: dict[str, tuple[FileScore, list]] = {}
    if held in PDF_SOURCES:
        _run_pdf(entries, [], work, held, bases)
    else:
        for entry in entries:
            tables = page_tables((entry.path / "page.html").read_bytes())
            if tables:
                got = read_variant(entry, tables, entry.expected, work / entry.id, held)
                bases[entry.id] = (got, unjudged_errors(entry, got))
    right = sum(score.right for score, _ in bases.values())
    total = sum(score.total for score, _ in bases.values())
    lines = [f"{held}: {len(bases)} entries, {right}/{total} fields ({100 * right / max(1, total):.1f} %), "
             f"{sum(len(false) for _, false in bases.values())} unjudged error findings"]
    for entry_id, (score, false) in sorted(bases.items()):
        if score.right < score.total or false:
            lines.append(f"- {entry_id}: {score.right}/{score.total} {score.error or ''}")
            lines += [f"    miss {m}" for m in score.misses[:6]] + [f"    find {c} {m}" for c, _, m in false[:4]]
    return "\n".join(lines)


def summary(outcomes: list[Outcome], chosen: list[Variation]) -> str:
    """The per-variation table: entries it applies to, entries worse, fields lost, false findings gained."""
    lines = ["| 变体 | 适用表 | 变差的表 | 丢失字段 | 新增误报 | 来源 |", "|---|---|---|---|---|---|"]
    for var in sorted(chosen, key=lambda v: -sum(o.lost for o in outcomes if o.variation == v.name)):
        mine = [o for o in outcomes if o.variation == var.name]
        if not mine:
            continue
        worse = [o for o in mine if o.lost > 0 or o.gained_false > 0]
        lines.append(f"| {var.name} | {len(mine)} | {len(worse)} | {sum(max(0, o.lost) for o in mine)} | "
                     f"{sum(o.gained_false for o in mine)} | {var.source} |")
    return "\n".join(lines)


def compare(before: list[dict[str, Any]], after: list[Outcome]) -> str:
    """The per-variation table of two runs (``--json`` of an earlier one, e.g. on main): fields lost
    and false findings gained, before → after."""
    def tally(rows: list[tuple[str, int, int, int]]) -> dict[str, list[int]]:
        out: dict[str, list[int]] = {}
        for name, lost, gained, _ in rows:
            t = out.setdefault(name, [0, 0, 0, 0])
            t[0] += 1
            t[1] += lost > 0 or gained > 0
            t[2] += max(0, lost)
            t[3] += max(0, gained)
        return out
    b = tally([(o["variation"], o["lost"], max(0, o["false"] - o["base_false"]), 0) for o in before])
    a = tally([(o.variation, o.lost, o.gained_false, 0) for o in after])
    lines = ["| 变体 | 适用表 | 丢失字段 前→后 | 新增误报 前→后 | 变差的表 前→后 |", "|---|---|---|---|---|"]
    for name in sorted(a, key=lambda k: -(b.get(k, [0] * 4)[2] + b.get(k, [0] * 4)[3])):
        bb, aa = b.get(name, [0] * 4), a[name]
        if bb[2] + bb[3] + aa[2] + aa[3]:
            lines.append(f"| {name} | {aa[0]} | {bb[2]} → {aa[2]} | {bb[3]} → {aa[3]} | {bb[1]} → {aa[1]} |")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Run the variation pass and print the per-variation table (and, with --detail, each worse entry)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="comma-separated variation names (substring match)")
    parser.add_argument("--entry", help="comma-separated entry ids (substring match)")
    parser.add_argument("--detail", action="store_true", help="list each worse (variation, entry) with its misses")
    parser.add_argument("--json", type=Path, help="write every outcome as JSON")
    parser.add_argument("--held", choices=HELD_AS, default="page.html", help="the file each variant is written as")
    parser.add_argument("--compare", type=Path, help="an earlier run's --json: print before → after")
    parser.add_argument("--base", action="store_true", help="no variation: each entry as it is, written as --held")
    args = parser.parse_args(argv)
    chosen = variations()
    if args.held in SHEET_PER_TABLE:  # (see SHEET_PER_TABLE)
        chosen = [v for v in chosen if PAGE_SPLIT_NAME not in v.name]
    if args.only:
        keys = args.only.split(",")
        chosen = [v for v in chosen if any(k in v.name for k in keys)]
    entries = load_entries()
    if args.entry:
        keys = args.entry.split(",")
        entries = [e for e in entries if any(k in e.id for k in keys)]
    if args.base:
        with tempfile.TemporaryDirectory(prefix="variations-") as tmp:
            print(base_report(entries, Path(tmp), args.held))
        return 0
    with tempfile.TemporaryDirectory(prefix="variations-") as tmp:
        outcomes = run(entries, chosen, Path(tmp), args.held)
    print(summary(outcomes, chosen))
    if args.compare:
        print("\n" + compare(json.loads(args.compare.read_text(encoding="utf-8")), outcomes))
    if args.detail:
        for o in sorted(outcomes, key=lambda o: (-o.lost, o.variation)):
            if o.lost > 0 or o.gained_false > 0:
                print(f"\n{o.variation} / {o.entry}: {o.base_right}/{o.base_total} → {o.right}/{o.total}, "
                      f"误报 {o.base_false} → {o.false}")
                for m in o.misses + o.new_findings:
                    print("   ", m)
    if args.json:
        args.json.write_text(json.dumps([o.__dict__ | {"lost": o.lost} for o in outcomes], ensure_ascii=False, indent=1),
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
