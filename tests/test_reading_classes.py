"""Classes of real published tables the readers must generalise to (issue #18): each read from
fixtures built here as a workbook, a Word table and a saved web page, never by guessing silently
(what the reader assumed is a 读取提示), and with no error finding caused by the reading."""

from __future__ import annotations

from pathlib import Path

import pytest
from form_fixtures import Cell, c, docx_forms, xlsx_forms
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl import check_table
from perfgoals_xl.model import PerfTable
from perfgoals_xl.sources import read_table


def html_page(path: Path, layouts: list[list[Cell]], before: str = "") -> Path:
    """A saved web page holding each layout as a <table border="1"> with rowspan/colspan."""
    parts = ["<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>通知</title></head><body>", before]
    for layout in layouts:
        rows = max(r2 for _, _, _, r2, _ in layout) + 1
        parts.append('<table border="1">')
        for r in range(rows):
            parts.append("<tr>")
            for rr, col, value, r2, c2 in sorted(layout, key=lambda cell: cell[1]):
                if rr != r:
                    continue
                span = (f' rowspan="{r2 - rr + 1}"' if r2 > rr else "") + (f' colspan="{c2 - col + 1}"' if c2 > col else "")
                parts.append(f"<td{span}>{'' if value is None else value}</td>")
            parts.append("</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    path.write_text("".join(parts), encoding="utf-8")
    return path


def written(kind: str, tmp_path: Path, layouts: list[list[Cell]], before: str = "") -> Path:
    """The layouts as a workbook (one sheet), a Word document or a web page."""
    if kind == "xlsx":
        return xlsx_forms(tmp_path / "t.xlsx", [layouts])
    if kind == "docx":
        return docx_forms(tmp_path / "t.docx", layouts)
    return html_page(tmp_path / "t.html", layouts, before)


def errors(table: PerfTable) -> list[str]:
    """The error-level findings as CODE message."""
    return [f"{i.code} {i.message}" for i in check_table(table) if i.severity == "error"]


def hints(table: PerfTable) -> str:
    """Every 读取提示 and note of the reader, as one text."""
    return "\n".join(p.message for p in table.problems)


KINDS = ("xlsx", "docx", "html")


# --- class 1: value columns per place -------------------------------------------------------

def form_per_place_group() -> list[Cell]:
    """区域目标值 merged over one column per county on a second header row (福建 专项转移支付)."""
    return [
        c(0, 0, "专项转移支付绩效目标表", c2=8),
        c(1, 0, "部门(单位)名称"), c(1, 1, "某市民族与宗教事务局", c2=4), c(1, 5, "部门预算编码", c2=6), c(1, 7, "230001", c2=8),
        c(2, 0, "项目名称"), c(2, 1, "宗教管理经费补助", c2=8),
        c(3, 0, "资金情况(万元)", r2=5), c(3, 1, "资金总额:", c2=2), c(3, 3, 30, c2=8),
        c(4, 1, "其中:财政拨款", c2=2), c(4, 3, 30, c2=8),
        c(5, 1, "其他资金", c2=2), c(5, 3, None, c2=8),
        c(6, 0, "总体目标"), c(6, 1, "推进宗教活动场所规范化管理", c2=8),
        c(7, 0, "绩效指标", r2=11), c(7, 1, "一级指标", r2=8), c(7, 2, "二级指标", r2=8), c(7, 3, "三级指标", r2=8),
        c(7, 4, "指标解释", r2=8), c(7, 5, "区域目标值", c2=8),
        c(8, 5, "甲区"), c(8, 6, "乙县"), c(8, 7, "丙市"), c(8, 8, "丁县"),
        c(9, 1, "产出指标", r2=10), c(9, 2, "数量指标"), c(9, 3, "补助县(市、区)数量"), c(9, 4, "反映补助县数量"),
        c(9, 5, 2), c(9, 6, 3), c(9, 7, 1), c(9, 8, 2),
        c(10, 2, "质量指标"), c(10, 3, "资金使用合规性"), c(10, 4, "反映资金使用合规情况"),
        c(10, 5, ">=95%"), c(10, 6, ">=95%"), c(10, 7, ">=95%"), c(10, 8, ">=95%"),
        c(11, 1, "效益指标"), c(11, 2, "社会效益指标"), c(11, 3, "场所规范化管理水平"), c(11, 4, "反映管理水平"),
        c(11, 5, "提升"), c(11, 6, None), c(11, 7, "提升"), c(11, 8, "提升"),
    ]


def form_per_place_named() -> list[Cell]:
    """No value header at all: one column per town after 指标解释 and a 指标方向 holding ≥ / ≤."""
    return [
        c(0, 0, "项目名称"), c(0, 1, "省级水利专项资金", c2=7),
        c(1, 0, "主管部门(单位)名称"), c(1, 1, "某区水利局", c2=7),
        c(2, 0, "资金情况(万元)"), c(2, 1, "资金总额"), c(2, 2, 35), c(2, 3, "其中:财政拨款"), c(2, 4, 35),
        c(2, 5, "其他资金"), c(2, 6, 0, c2=7),
        c(3, 0, "总体目标"), c(3, 1, "开展2个防洪水利设施水毁修复", c2=7),
        c(4, 0, "绩效指标", r2=8), c(4, 1, "一级指标"), c(4, 2, "二级指标"), c(4, 3, "三级指标"), c(4, 4, "指标解释"),
        c(4, 5, "指标方向"), c(4, 6, "笏石街道办"), c(4, 7, "埭头镇"),
        c(5, 1, "成本指标"), c(5, 2, "经济成本指标"), c(5, 3, "成本控制率(%)"), c(5, 4, "反映成本控制"),
        c(5, 5, "≤"), c(5, 6, "100%"), c(5, 7, "100%"),
        c(6, 1, "产出指标", r2=7), c(6, 2, "数量指标"), c(6, 3, "开展修复工程(个)"), c(6, 4, "反映修复开展情况"),
        c(6, 5, "≥"), c(6, 6, 1), c(6, 7, 2),
        c(7, 2, "质量指标"), c(7, 3, "已建工程是否存在质量问题"), c(7, 4, "检查中发现质量问题"),
        c(7, 5, "是/否"), c(7, 6, "否"), c(7, 7, "否"),
        c(8, 1, "效益指标"), c(8, 2, "社会效益指标"), c(8, 3, "防洪能力"), c(8, 4, "反映防洪能力"),
        c(8, 5, None), c(8, 6, "提升"), c(8, 7, "提升"),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_values_under_a_per_place_group_are_read_per_place(tmp_path: Path, kind: str) -> None:
    table = read_table(written(kind, tmp_path, [form_per_place_group()]))
    (project,) = table.projects()
    count, compliance, benefit = project.indicators
    assert count.extras["甲区"] == "2" and count.extras["丁县"] == "2"  # each place's value kept
    assert count.annual_value.raw == "甲区:2；乙县:3；丙市:1；丁县:2"  # different values: joined, by place
    assert count.period_value.raw == count.annual_value.raw  # one value group stands for both
    assert compliance.annual_value.raw == ">=95%" and compliance.annual_value.number == 95  # the same everywhere
    assert benefit.annual_value.raw == "甲区:提升；丙市:提升；丁县:提升"  # a blank place: not the same everywhere
    assert "“区域目标值”按地点分列" in hints(table) and "甲区、乙县、丙市、丁县" in hints(table)
    assert not [e for e in errors(table) if e.startswith("PG-S05")]
    found = {(i.code, i.location.seq) for i in check_table(table)}
    assert ("PG-Q09", 1) not in found  # joined values per place are no description
    assert ("PG-Q08", 3) in found  # 提升 in each place: vague, judged place by place


@pytest.mark.parametrize("kind", KINDS)
def test_columns_headed_by_place_names_are_per_place_values(tmp_path: Path, kind: str) -> None:
    table = read_table(written(kind, tmp_path, [form_per_place_named()]))
    (project,) = table.projects()
    cost, works, quality, benefit = project.indicators
    assert cost.annual_value.raw == "≤100%" and cost.annual_value.operator == "≤"  # 指标方向 gives the sign
    assert works.annual_value.raw == "笏石街道办:≥1；埭头镇:≥2"
    assert works.extras == {"指标解释": "反映修复开展情况", "笏石街道办": "1", "埭头镇": "2"}
    assert quality.annual_value.raw == "否" and benefit.annual_value.raw == "提升"
    assert "指标值按地点分列（笏石街道办、埭头镇 2 列）" in hints(table)
    assert not [e for e in errors(table) if e.startswith("PG-S05")]


def test_unknown_columns_that_are_not_places_stay_extras(tmp_path: Path) -> None:
    """A grid with no value column and columns that name no place and no value group: kept as
    extras, the value left empty (and said), never taken for per-place values."""
    cells = [(r, col, {"笏石街道办": "评分依据", "埭头镇": "佐证材料"}.get(v, v) if isinstance(v, str) else v, r2, c2)
             for r, col, v, r2, c2 in form_per_place_named()]
    table = read_table(written("xlsx", tmp_path, [cells]))
    works = table.projects()[0].indicators[1]
    assert works.annual_value.raw == "" and works.extras["评分依据"] == "1"
    assert "指标表没有“指标值”列" in hints(table)


# --- class 2: two tables pasted on one sheet -------------------------------------------------

def allocation_table() -> list[Cell]:
    """附件1: an allocation table (序号 | 乡镇名称 | 项目名称 | 金额 | 备注) with its 合计 row."""
    return [
        c(0, 0, "附件1"), c(1, 0, "2022年省级水利专项资金安排表"), c(2, 0, "单位:万元"),
        c(3, 0, "序号"), c(3, 1, "乡镇名称"), c(3, 2, "项 目 名 称"), c(3, 3, "金额"), c(3, 4, "备注"),
        c(4, 0, 1), c(4, 1, "甲镇"), c(4, 2, "甲村排洪排水工程建设"), c(4, 3, 20),
        c(5, 0, 2), c(5, 1, "乙乡"), c(5, 2, "乙村水圳修复"), c(5, 3, 15),
        c(6, 0, "合计", c2=2), c(6, 3, 35),
    ]


def stacked_sheet() -> list[Cell]:
    """附件1's table, a blank row, then 附件2, its title and the performance form, as pasted."""
    form = form_per_place_named()
    return [*allocation_table(), c(8, 0, "附件2"), c(9, 0, "2022年省级水利专项资金绩效目标表"),
            *[(r + 10, col, v, r2 + 10, c2) for r, col, v, r2, c2 in form]]


@pytest.mark.parametrize("at", ("A1", "C4"), ids=("at-A1", "pasted-at-C4"))
@pytest.mark.parametrize("kind", ("xlsx", "csv", "html"))
def test_a_second_table_under_its_title_band_is_read_apart(tmp_path: Path, kind: str, at: str) -> None:
    """Also when the page is pasted at C4 (columns A–B empty): the band is looked for in the sheet's
    first used column (was: column A only — the allocation table's 合计 became the form's 资金总额)."""
    dr, dc = (3, 2) if at == "C4" and kind != "html" else (0, 0)
    sheet = [(r + dr, col + dc, v, r2 + dr, c2 + dc) for r, col, v, r2, c2 in stacked_sheet()]
    if kind == "csv":
        import csv

        rows: dict[int, dict[int, object]] = {}
        for r, col, v, _, _ in sheet:
            rows.setdefault(r, {})[col] = v
        path = tmp_path / "t.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            for r in range(max(rows) + 1):
                cells = rows.get(r, {})
                writer.writerow(["" if cells.get(col) is None else cells[col] for col in range(8 + dc)])
    else:
        path = written(kind, tmp_path, [sheet])
    table = read_table(path)
    (project,) = table.projects()
    assert project.name == "省级水利专项资金"
    assert (project.amounts.total, project.amounts.fiscal) == (35, 35)  # not 附件1's 合计 nor its rows
    assert len(project.indicators) == 4
    assert "上下叠放着 2 个表格" in hints(table)
    assert not [e for e in errors(table) if e.startswith(("PG-A01", "PG-A04"))]
    if kind == "xlsx":  # the second table keeps its place in the sheet
        assert project.field_locations["name"].cell == ("B11" if at == "A1" else "D14")


def test_a_title_band_at_the_top_or_a_lone_row_inside_a_table_is_no_split() -> None:
    from perfgoals_xl.sources.grid_split import band_starts

    def rows(*texts: str | None) -> list[list[object]]:
        return [["", "", ""] if t is None else [t, "", ""] if not t.startswith("|") else t[1:].split("|")
                for t in texts]

    assert band_starts(rows("附件1", "某表", "|序号|项目|金额", "|1|甲|2", "|2|乙|3", None, "附件2", "某绩效目标表",
                            "|项目名称|丙|", "|一级指标|二级指标|三级指标")) == [6]
    assert band_starts(rows("某绩效目标表", "单位：万元", "|项目名称|丙|", "|一级指标|二级指标|三级指标")) == []
    # a single-cell row in a table's body, no blank row and no 附件 mark: part of the table
    assert band_starts(rows("|序号|项目|金额", "|1|甲|2", "|2|乙|3", "附表", "|3|丁|4", "|4|戊|5")) == []
    # a title band with nothing under it (a footer note ending in 表): no new table
    assert band_starts(rows("|序号|项目|金额", "|1|甲|2", "|2|乙|3", None, "附件2", "某表")) == []
    # a title straight under the table, no blank row, then the same header again: a second table
    assert band_starts(rows("|序号|项目|金额", "|1|甲|2", "|2|乙|3", "乙局绩效目标表", "|序号|项目|金额", "|1|丙|4")) == [3]
    # …but not when the row under it is not the header above (a lone row ending in 表 in the body)
    assert band_starts(rows("|序号|项目|金额", "|1|甲|2", "|2|乙|3", "统计报表", "|3|丁|4", "|4|戊|5")) == []


def test_a_forms_indicator_section_heading_after_a_blank_row_is_no_new_table() -> None:
    """项目名称 / 资金 / 目标 rows, a blank row, then 绩效项目指标表 over the indicator grid: one form
    typed in Excel (found by the variation pass: the grid was cut from its project); a second
    form's …指标表 under a first form's own indicator grid still starts a new table."""
    from perfgoals_xl.sources.grid_split import band_starts

    def rows(*texts: str | None) -> list[list[object]]:
        return [["", "", ""] if t is None else [t, "", ""] if not t.startswith("|") else t[1:].split("|")
                for t in texts]

    top = ("|项目名称|科技资金|", "|资金总额|100|", "|年度目标|完成任务|")
    grid = ("|一级指标|二级指标|三级指标", "|产出指标|数量指标|企业数")
    for heading in ("绩效项目指标表", "绩 效 指 标 表", "项目绩效指标明细表（2021年）"):
        assert band_starts(rows(*top, None, heading, *grid)) == []
    assert band_starts(rows(*top, *grid, None, "乙项目绩效指标表", *top, *grid)) == [6]
    assert band_starts(rows(*top, None, "乙项目绩效目标表", *top, *grid)) == [4]  # a whole table's title


@pytest.mark.parametrize("kind", KINDS)
def test_a_header_printed_again_inside_the_table_is_skipped(tmp_path: Path, kind: str) -> None:
    """A long table converted or pasted page by page keeps each page's repeated header (one or two
    rows) inside its body: those rows are neither a project nor indicators, and the project they
    interrupt goes on (one 读取提示 says so)."""
    head = [c(0, 0, "项目名称", r2=1), c(0, 1, "绩效指标", c2=3), c(0, 4, "指标值", r2=1),
            c(1, 1, "一级指标"), c(1, 2, "二级指标"), c(1, 3, "三级指标")]
    again = [(r + 4, col, v, r2 + 4, c2) for r, col, v, r2, c2 in head]
    cells = [*head,
             c(2, 0, "乡村道路养护"), c(2, 1, "产出指标"), c(2, 2, "数量指标"), c(2, 3, "养护里程"), c(2, 4, "10公里"),
             c(3, 0, "乡村道路养护"), c(3, 1, "产出指标"), c(3, 2, "质量指标"), c(3, 3, "验收合格率"), c(3, 4, "≥95%"),
             *again,
             c(6, 0, "乡村道路养护"), c(6, 1, "效益指标"), c(6, 2, "社会效益指标"), c(6, 3, "通行条件"), c(6, 4, "改善"),
             c(7, 0, "农田水利维修"), c(7, 1, "产出指标"), c(7, 2, "数量指标"), c(7, 3, "维修渠道"), c(7, 4, "5条")]
    table = read_table(written(kind, tmp_path, [cells]))
    assert [(p.name, [i.name for i in p.indicators]) for p in table.projects()] == [
        ("乡村道路养护", ["养护里程", "验收合格率", "通行条件"]), ("农田水利维修", ["维修渠道"])]
    assert "重复的表头行" in hints(table)
    assert not [e for e in errors(table) if e.startswith(("PG-S03", "PG-S04"))]


@pytest.mark.parametrize("kind", KINDS)
def test_header_texts_wrapped_onto_the_next_row_are_one_header(tmp_path: Path, kind: str) -> None:
    """A table converted from PDF (or pasted) with its narrow header cells' text wrapped onto a row
    of its own (三级指 | 标, 预算数 | （万元）): the two rows are one header, the fragments row is
    no project, and a data row under a header is never taken for such fragments."""
    cells = [c(0, 0, "项目"), c(0, 1, "预算数"), c(0, 2, "一级"), c(0, 3, "二级"), c(0, 4, "三级指"), c(0, 5, "指标值"),
             c(1, 0, "名称"), c(1, 1, "（万元）"), c(1, 2, "指标"), c(1, 3, "指标"), c(1, 4, "标"), c(1, 5, None),
             c(2, 0, "乡村道路养护"), c(2, 1, "12"), c(2, 2, "产出指标"), c(2, 3, "数量指标"), c(2, 4, "养护里程"),
             c(2, 5, "10公里"),
             c(3, 0, "乡村道路养护"), c(3, 1, None), c(3, 2, "效益指标"), c(3, 3, "社会效益指标"), c(3, 4, "通行条件"),
             c(3, 5, "改善")]
    table = read_table(written(kind, tmp_path, [cells]))
    (project,) = table.projects()
    assert (project.name, project.amounts.total) == ("乡村道路养护", 12)
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators] == [
        ("产出指标", "数量指标", "养护里程", "10公里"), ("效益指标", "社会效益指标", "通行条件", "改善")]
    assert "表头文字折行到了下一行" in hints(table)


def test_a_data_row_is_not_a_wrapped_header() -> None:
    from perfgoals_xl.sources.longform_header import find_header

    head = ["项目名称", "一级指标", "二级指标", "三级指标", "指标值"]
    header = find_header([head, ["甲", "产出指标", "数量指标", "人数", "10人"]])
    assert header is not None and header.row == 0 and not header.notes
    sub = find_header([["项目名称", "一级指标", "二级指标", "三级指标", "指标值", None],
                       [None, None, None, None, "年度", "实施周期"]])
    assert sub is not None and {"annual_value", "period_value"} <= set(sub.columns)  # a sub-header, not a wrap


# --- class 3: a level label printed over two rows --------------------------------------------

def form_split_levels() -> list[Cell]:
    """社会公众或服务 | 对象满意度指标 merged across 一级 and 二级 over two rows; 可持续 | 影响指标 in
    the 二级 column of two indicator rows; 产出指标 and 数量指标 as usual."""
    return [
        c(0, 0, "项目名称"), c(0, 1, "科学技术研究与开发资金", c2=4),
        c(1, 0, "主管部门"), c(1, 1, "区科经局"), c(1, 2, "实施单位"), c(1, 3, "区科经局", c2=4),
        c(2, 0, "年度目标"), c(2, 1, "新增高新技术企业15家", c2=4),
        c(3, 0, "一级指标"), c(3, 1, "二级指标"), c(3, 2, "指标内容"), c(3, 3, "指标值"), c(3, 4, "备 注"),
        c(4, 0, "产出指标"), c(4, 1, "数量指标"), c(4, 2, "新增高新技术企业"), c(4, 3, "15家"),
        c(5, 0, "效益指标", r2=6), c(5, 1, "可持续"), c(5, 2, "长效管理机制健全性"), c(5, 3, "健全"),
        c(6, 1, "影响指标"), c(6, 2, "政策延续年限"), c(6, 3, "≥3年"),
        c(7, 0, "社会公众或服务", c2=1), c(7, 2, "政策满意度"), c(7, 3, "≥90%"),
        c(8, 0, "对象满意度指标", c2=1), c(8, 2, None), c(8, 3, None),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_level_label_continued_in_the_cell_below_is_one_label(tmp_path: Path, kind: str) -> None:
    table = read_table(written(kind, tmp_path, [form_split_levels()]))
    (project,) = table.projects()
    levels = [(i.level1, i.level2, i.name) for i in project.indicators]
    assert levels == [
        ("产出指标", "数量指标", "新增高新技术企业"),
        ("效益指标", "可持续影响指标", "长效管理机制健全性"),
        ("效益指标", "可持续影响指标", "政策延续年限"),
        ("社会公众或服务对象满意度指标", "社会公众或服务对象满意度指标", "政策满意度"),
    ]
    said = hints(table)
    assert "“社会公众或服务”与下一行的“对象满意度指标”是分两行写的一个名称" in said
    assert "“可持续”与下一行的“影响指标”" in said
    assert not [e for e in errors(table) if e.startswith(("PG-S03", "PG-S04"))]


def test_levels_known_alone_or_unknown_together_are_not_joined(tmp_path: Path) -> None:
    cells = [(r, col, {"可持续": "社会效益指标", "影响指标": "可持续影响指标", "社会公众或服务": "公众评价",
                       "对象满意度指标": "其他"}.get(v, v) if isinstance(v, str) else v, r2, c2)
             for r, col, v, r2, c2 in form_split_levels()]
    table = read_table(written("xlsx", tmp_path, [cells]))
    levels = [(i.level1, i.level2) for i in table.projects()[0].indicators]
    assert levels[1:] == [("效益指标", "社会效益指标"), ("效益指标", "可持续影响指标"), ("公众评价", "公众评价")]
    assert "分两行写的一个名称" not in hints(table)


@pytest.mark.parametrize("kind", KINDS)
def test_a_short_level_name_completed_in_the_cell_below_is_one_label(tmp_path: Path, kind: str) -> None:
    """生态效益 | 指标: a label of two lines in a cell of two rows, a page break between them (the
    PDF gives two cells); 生态效益 alone is an accepted short form, 指标 alone no level."""
    cells = [(r, col, {"可持续": "生态效益", "影响指标": "指标"}.get(v, v) if isinstance(v, str) else v, r2, c2)
             for r, col, v, r2, c2 in form_split_levels()]
    table = read_table(written(kind, tmp_path, [cells]))
    levels = [(i.level2, i.name) for i in table.projects()[0].indicators]
    assert levels[1:3] == [("生态效益指标", "长效管理机制健全性"), ("生态效益指标", "政策延续年限")]
    assert "“生态效益”与下一行的“指标”是分两行写的一个名称" in hints(table)
    assert not [e for e in errors(table) if e.startswith("PG-S04")]


@pytest.mark.parametrize("kind", KINDS)
def test_a_level_weight_printed_alone_in_the_cell_below_is_the_levels(tmp_path: Path, kind: str) -> None:
    """效益指标 | (20分): the level-1 label's weight cut off into the cell below (a page break fell
    before the bracket); the rows under it keep the level."""
    cells = [cell for cell in form_split_levels() if cell[0] < 7]
    cells = [(r, col, v, r2, c2) if (r, col) != (5, 0) else (5, 0, "效益指标", 5, 0) for r, col, v, r2, c2 in cells]
    cells.append(c(6, 0, "(20分)"))
    table = read_table(written(kind, tmp_path, [cells]))
    levels = [(i.level1, i.level1_weight, i.name) for i in table.projects()[0].indicators]
    assert levels[1:] == [("效益指标", 20.0, "长效管理机制健全性"), ("效益指标", 20.0, "政策延续年限")]
    assert not [e for e in errors(table) if e.startswith("PG-S03")]


# --- class 4: compound and older level-2 names -----------------------------------------------

@pytest.mark.parametrize("kind", KINDS)
def test_an_older_compound_level2_name_is_a_warning_not_an_error(tmp_path: Path, kind: str) -> None:
    """东莞 2019: 预期产出指标 | 效果指标 over 社会、经济、生态效益 指标 (before 财预〔2021〕101号)."""
    cells = [
        c(0, 0, "项目名称"), c(0, 1, "镇际联网路升级改造工程", c2=3),
        c(1, 0, "年度目标"), c(1, 1, "完成3个项目补助尾款结算", c2=3),
        c(2, 0, "一级 指标"), c(2, 1, "二级 指标"), c(2, 2, "三级 指标"), c(2, 3, "指标值(或计划水平)"),
        c(3, 0, "预期产出指标"), c(3, 1, "数量、质量指标"), c(3, 2, "完成结算项目数"), c(3, 3, "3个"),
        c(4, 0, "效果指标"), c(4, 1, "社会、经济、生态效益 指标"), c(4, 2, "结算争议率"), c(4, 3, "0%"),
        c(5, 0, "满意度指标"), c(5, 1, "服务对象满意度指标"), c(5, 2, "镇街满意度"), c(5, 3, "≥90%"),
    ]
    table = read_table(written(kind, tmp_path, [cells]))
    found = {(i.code, i.severity, i.message) for i in check_table(table) if i.code in ("PG-S03", "PG-S04", "PG-C03")}
    assert {(code, sev) for code, sev, _ in found} == {("PG-S04", "warning")}
    said = " ".join(m for _, _, m in found)
    assert "22-社会效益指标、21-经济效益指标、23-生态效益指标" in said and "11-数量指标、12-质量指标" in said


def test_compound_level2_names_by_vocabulary() -> None:
    from perfgoals_xl import framework

    def codes(name: str) -> list[str]:
        return [level.code for level in framework.compound_level2(name)]

    assert codes("社会、经济、生态效益指标") == ["22", "21", "23"]
    assert codes("经济和社会效益") == codes("经济社会效益指标") == ["21", "22"]
    assert codes("数量、质量指标") == ["11", "12"]
    assert codes("社会效益指标") == []  # one name: not a compound
    assert codes("社会公众或服务对象满意度指标") == []  # the older single name (或 joins no parts)
    assert codes("数量、经济效益") == [] and codes("产出、效益") == []  # parts under different level-1s, or no level-2s
    assert framework.level2_by_name("社会、经济、生态效益指标").code == "22"  # classed by its first part


@pytest.mark.parametrize("name", ["服务对象满意度指标", "社会公众满意度", "群众满意度指标", "受益群众满意度",
                                  "受益对象满意度指标", "服务对象满意度指标等", "群众满意度\n指标"])
def test_the_satisfaction_level2_written_the_ways_regions_write_it(name: str) -> None:
    """The framework has one 满意度 level 2; tables name it by whose satisfaction (群众, 社会公众,
    受益群众 …), and a template's trailing 等 ("such as") is an annotation, not part of the name."""
    from perfgoals_xl import framework

    assert framework.level2_by_name(name).code == "31"
    assert framework.resolve_level2(None, name, "3").code == "31"


def test_a_satisfaction_phrase_or_another_level2_with_etc_is_not_the_satisfaction_class() -> None:
    from perfgoals_xl import framework

    assert framework.level2_by_name("群众对政府工作满意度") is None  # an indicator's name, not a class
    assert framework.level2_by_name("经济和社会满意度") is None
    assert framework.level2_by_name("对象满意度指标") is None  # the lower half of 社会公众或服务 | 对象满意度指标
    assert framework.level2_by_name("数量指标等").code == "11"  # 等 drops from any level name


def test_a_satisfaction_level2_of_another_name_is_no_finding(tmp_path: Path) -> None:
    cells = [
        c(0, 0, "项目名称"), c(0, 1, "乡村道路维护", c2=3),
        c(1, 0, "年度目标"), c(1, 1, "完成乡村道路维护20公里，群众出行条件明显改善", c2=3),
        c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "指标值"),
        c(3, 0, "产出指标"), c(3, 1, "数量指标"), c(3, 2, "维护道路里程"), c(3, 3, "20公里"),
        c(4, 0, "满意度指标"), c(4, 1, "群众满意度指标"), c(4, 2, "沿线群众满意度"), c(4, 3, "≥90%"),
    ]
    table = read_table(written("xlsx", tmp_path, [cells]))
    assert [i.level2 for p in table.projects() for i in p.indicators] == ["数量指标", "群众满意度指标"]
    assert not [e for e in errors(table) if e.startswith("PG-S04")]


# --- class 5: a project named only in the heading above a long-format table ------------------

HEADED_TITLE = "3岁以下婴幼儿照护服务项目项目绩效目标"
HEADED_GOAL = "全面建立婴幼儿照护服务体系，到2025年每千人口拥有3岁以下婴幼儿托位数4.5个。"


def headed_table() -> list[Cell]:
    """一级指标 | 二级指标 | 指标名称 | 指标值, no 项目名称 column; 社会效益 under a blank merged 一级."""
    return [
        c(0, 0, "一级指标"), c(0, 1, "二级指标"), c(0, 2, "指标名称"), c(0, 3, "指标值"),
        c(1, 0, "产出指标", r2=2), c(1, 1, "数量指标"), c(1, 2, "每千人托位"), c(1, 3, "4.5个"),
        c(2, 1, "质量指标"), c(2, 2, "补助发放准确率"), c(2, 3, "100%"),
        c(3, 0, None, r2=4), c(3, 1, "社会效益", r2=4), c(3, 2, "婴幼儿健康管理率"), c(3, 3, "95%"),
        c(4, 2, "科学育儿知识普及率"), c(4, 3, "90%"),
        c(5, 0, "满意度指标"), c(5, 1, "满意度指标"), c(5, 2, "社会公众满意度"), c(5, 3, "≥90%"),
    ]


def headed_lines() -> list[str]:
    return [HEADED_TITLE, "(一)中长期绩效目标", HEADED_GOAL, "(二)中长期绩效指标", "项目具体目标表"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_project_named_in_the_heading_above_the_table(tmp_path: Path, kind: str) -> None:
    if kind == "html":
        path = html_page(tmp_path / "t.html", [headed_table()], "".join(f"<p>{t}</p>" for t in headed_lines()))
    elif kind == "docx":  # the heading as the document's paragraphs above the table (issue #18)
        path = docx_forms(tmp_path / "t.docx", [headed_table()], before=headed_lines())
    else:
        lines = [c(i, 0, t) for i, t in enumerate(headed_lines())]
        path = written("xlsx", tmp_path, [[*lines, *[(r + 5, col, v, r2 + 5, c2) for r, col, v, r2, c2 in headed_table()]]])
    table = read_table(path)
    (project,) = table.projects()
    assert project.name == "3岁以下婴幼儿照护服务项目"
    assert project.goal == project.period_goal == HEADED_GOAL
    assert [i.level1 for i in project.indicators] == ["产出指标", "产出指标", "", "", "满意度指标"]  # printed blank
    said = hints(table)
    assert f"按表格上方的标题“{HEADED_TITLE}”读作一个项目" in said and "只印了中长期绩效目标" in said
    found = {i.code for i in check_table(table) if i.severity == "error"}
    assert found == {"PG-S03"}  # the blank 一级指标 as published; 社会效益 still counts as 效益 (no PG-C03)


@pytest.mark.parametrize(("title", "name"), [
    ("乡村道路养护项目绩效目标表", "乡村道路养护项目"),
    ("2023年乡村道路养护项目支出绩效目标表", "乡村道路养护项目"),
    ("项目名称：乡村道路养护", "乡村道路养护"),
    ("2019年度宁晋县高中助学金项目绩效评价指标表", "宁晋县高中助学金项目"), ("乡村道路养护项目绩效自评表", "乡村道路养护项目"),
    ("(二)中长期绩效指标", None), ("项目具体目标表", None), ("项目支出绩效目标表", None),
    ("某局2023年项目支出绩效目标表", None), ("部门整体支出绩效目标表", None), ("专项转移支付绩效目标表", None),
])
def test_project_from_title(title: str, name: str | None) -> None:
    from perfgoals_xl.sources.vocabulary import project_from_title

    assert project_from_title(title) == name


@pytest.mark.parametrize("kind", KINDS)
def test_a_table_with_no_project_column_and_no_naming_heading_is_one_unnamed_project(tmp_path: Path, kind: str) -> None:
    """A web table pasted without the heading that named its project (only the lines just above
    it came along): its indicators are one project's all the same, read under a blank name, and the
    user is told, once, to fill the name in (an error, as for a 申报表 whose 项目名称 is blank)."""
    lines = ["(二)中长期绩效指标", "项目具体目标表"]
    if kind == "html":
        path = html_page(tmp_path / "t.html", [headed_table()], "".join(f"<p>{t}</p>" for t in lines))
    elif kind == "docx":
        path = docx_forms(tmp_path / "t.docx", [headed_table()], before=lines)
    else:
        cells = [c(i, 0, t) for i, t in enumerate(lines)]
        path = written("xlsx", tmp_path, [[*cells, *[(r + 2, col, v, r2 + 2, c2) for r, col, v, r2, c2 in headed_table()]]])
    table = read_table(path)
    (project,) = table.projects()
    assert project.name == ""
    assert [i.name for i in project.indicators] == ["每千人托位", "补助发放准确率", "婴幼儿健康管理率",
                                                    "科学育儿知识普及率", "社会公众满意度"]
    assert [i.level1 for i in project.indicators] == ["产出指标", "产出指标", "", "", "满意度指标"]
    unnamed = [p for p in table.problems if p.code == "S01"]
    assert len(unnamed) == 1 and "表格上方的标题也没有写出项目名称" in unnamed[0].message
    assert "请补上项目名称" in unnamed[0].message
    assert unnamed[0].location is not None and unnamed[0].location.cell is not None
    (issue,) = [i for i in check_table(table) if i.code == "PG-S01"]
    assert "加一列“项目名称”" in issue.hint  # not the hint of an unparseable indicator string


def test_rows_above_a_project_named_in_its_column_are_still_orphans(tmp_path: Path) -> None:
    """With a 项目名称 column, indicator rows before the first named project belong to no project:
    they are reported (S01), never gathered into a made-up unnamed project."""
    cells = [c(0, 0, "项目名称"), c(0, 1, "一级指标"), c(0, 2, "二级指标"), c(0, 3, "三级指标"), c(0, 4, "指标值"),
             c(1, 1, "产出指标"), c(1, 2, "数量指标"), c(1, 3, "孤行指标"), c(1, 4, "5个"),
             c(2, 0, "道路养护"), c(2, 1, "产出指标"), c(2, 2, "数量指标"), c(2, 3, "养护里程"), c(2, 4, "10公里")]
    table = read_table(written("xlsx", tmp_path, [cells]))
    assert [(p.name, [i.name for i in p.indicators]) for p in table.projects()] == [("道路养护", ["养护里程"])]
    assert any(p.code == "S01" and "上方没有项目名称" in p.message for p in table.problems)


# --- class 6: a department table that ends after its head ------------------------------------

def department_head() -> list[Cell]:
    """部门整体支出绩效目标申报表 cut after its 资金情况 block (no goal, tasks or indicators)."""
    return [
        c(0, 0, "部门整体支出绩效目标申报表", c2=5),
        c(1, 0, "部门(单位)名称"), c(1, 1, "某市人民政府办公室", c2=2), c(1, 3, "填报人"), c(1, 4, "张三"),
        c(1, 5, "联系电话"),
        c(2, 0, "年度资金总额", r2=4), c(2, 1, "年度资金总额"), c(2, 2, 968.19, c2=5),
        c(3, 1, "其中:财政拨款"), c(3, 2, 968.19, c2=5),
        c(4, 1, "基本支出"), c(4, 2, 724.23), c(4, 3, "项目支出"), c(4, 4, 243.96, c2=5),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_department_table_cut_after_its_head_is_read_and_said(tmp_path: Path, kind: str) -> None:
    table = read_table(written(kind, tmp_path, [department_head()]))
    assert table.kind == "department" and table.department == "某市人民政府办公室"
    assert float(table.plan.amounts.total) == 968.19 and float(table.plan.project) == 243.96
    assert "部门整体支出绩效目标表只有表头部分（部门名称“某市人民政府办公室”，年度资金总额 968.19）" in hints(table)
    found = {i.code for i in check_table(table) if i.severity == "error"}
    assert found == {"PG-D01", "PG-D03"}  # what the held table lacks; its amounts add up (no PG-D02)


# --- the parsers above on any text -----------------------------------------------------------

_WORDS = st.sampled_from(["项目", "绩效目标", "表", "附件2", "、", "社会", "经济", "效益", "指标", "(一)", "2023年", "：",
                          "项目名称", "区", "镇", " ", "\n", "和", "数量", "质量"])
_TEXT = st.one_of(st.text(max_size=120), st.lists(_WORDS, max_size=12).map("".join))


@settings(max_examples=300, deadline=None)
@given(text=_TEXT)
def test_title_and_level_parsers_never_raise_and_stay_bounded(text: str) -> None:
    from perfgoals_xl import framework
    from perfgoals_xl.sources.vocabulary import project_from_title

    name = project_from_title(text)
    assert name is None or (2 <= len(name) <= 60 and name in "".join(text.split()))
    parts = framework.compound_level2(text)
    assert len({p.parent for p in parts}) <= 1 and len(parts) != 1  # a compound joins two or more


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(st.one_of(st.none(), st.just(""), _TEXT, st.integers(0, 99)), min_size=0, max_size=5),
                     max_size=40))
def test_band_starts_never_raises_and_cuts_inside_the_grid(rows: list[list[object]]) -> None:
    from perfgoals_xl.sources.grid_split import band_starts

    starts = band_starts(rows)
    assert starts == sorted(set(starts)) and all(0 < s < len(rows) for s in starts)


def test_a_name_repeating_one_level2_is_no_compound() -> None:
    from perfgoals_xl import framework

    assert framework.compound_level2("数量、数量指标") == ()


@settings(max_examples=200, deadline=None)
@given(parts=st.lists(st.tuples(st.text(st.characters(blacklist_characters=":；\n"), min_size=1, max_size=20),
                                st.text(st.characters(blacklist_characters="；\n"), min_size=1, max_size=60)),
                      min_size=2, max_size=8))
def test_values_per_place_join_and_split_back(parts: list[tuple[str, str]]) -> None:
    from perfgoals_xl.values import join_place_values, place_values

    assert place_values(join_place_values(parts)) == parts
    assert place_values("≥95%") == [] and place_values("甲区:2") == []  # one place, or none: not joined


def department_split_levels() -> list[Cell]:
    """A department table whose 满意度 label wraps into the next row (both level columns merged)."""
    return [
        c(0, 0, "部门整体支出绩效目标表", c2=4),
        c(1, 0, "部门名称"), c(1, 1, "某区科学技术局", c2=4),
        c(2, 0, "年度资金总额"), c(2, 1, 500, c2=4),
        c(3, 0, "年度绩效总目标"), c(3, 1, "引导企业加大科技创新，新增高新技术企业15家。", c2=4),
        c(4, 0, "一级指标"), c(4, 1, "二级指标"), c(4, 2, "三级指标"), c(4, 3, "指标值", c2=4),
        c(5, 0, "产出指标"), c(5, 1, "数量指标"), c(5, 2, "新增高新技术企业"), c(5, 3, "15家", c2=4),
        c(6, 0, "社会公众或服务", c2=1), c(6, 2, "政策满意度"), c(6, 3, "≥90%", c2=4),
        c(7, 0, "对象满意度指标", c2=1), c(7, 2, "企业满意度"), c(7, 3, "≥95%", c2=4),
    ]


def selfeval_split_levels() -> list[Cell]:
    """A 项目支出绩效自评表 whose 满意度 label wraps into the next (otherwise empty) row, then goes on."""
    return [
        c(0, 0, "项目支出绩效自评表", c2=6),
        c(1, 0, "项目名称"), c(1, 1, "科技创新资金", c2=6),
        c(2, 0, "一级指标"), c(2, 1, "二级指标"), c(2, 2, "三级指标"), c(2, 3, "年度指标值"),
        c(2, 4, "实际完成值"), c(2, 5, "分值"), c(2, 6, "得分"),
        c(3, 0, "产出指标"), c(3, 1, "数量指标"), c(3, 2, "新增高新技术企业"), c(3, 3, "15家"), c(3, 4, "16家"),
        c(3, 5, 50), c(3, 6, 50),
        c(4, 0, "社会公众或服务", c2=1), c(4, 2, "政策满意度"), c(4, 3, "≥90%"), c(4, 4, "95%"), c(4, 5, 30), c(4, 6, 30),
        c(5, 0, "对象满意度指标", c2=1),
        c(6, 0, "效益指标"), c(6, 1, "社会效益指标"), c(6, 2, "企业竞争力"), c(6, 3, "增强"), c(6, 4, "增强"),
        c(6, 5, 20), c(6, 6, 20),
    ]


@pytest.mark.parametrize("kind", KINDS)
def test_a_split_level_label_in_department_and_selfeval_grids(tmp_path: Path, kind: str) -> None:
    (tmp_path / "d").mkdir()
    table = read_table(written(kind, tmp_path / "d", [department_split_levels()]))
    assert table.kind == "department"
    levels = [(i.level1, i.name) for i in table.plan.indicators]
    assert levels[1:] == [("社会公众或服务对象满意度指标", "政策满意度"), ("社会公众或服务对象满意度指标", "企业满意度")]
    assert "分两行写的一个名称" in hints(table)
    (tmp_path / "s").mkdir()
    table = read_table(written(kind, tmp_path / "s", [selfeval_split_levels()]))
    (project,) = table.projects()
    assert [(i.level1, i.name) for i in project.indicators] == [
        ("产出指标", "新增高新技术企业"), ("社会公众或服务对象满意度指标", "政策满意度"), ("效益指标", "企业竞争力")]
    assert "分两行写的一个名称" in hints(table)
    assert not [e for e in errors(table) if e.startswith(("PG-S03", "PG-S04"))]


def _csv(path: Path, cells: list[Cell]) -> Path:
    """The cells as a CSV (a merged cell's text in its first cell, the rest blank: a merge lost)."""
    import csv

    grid: dict[tuple[int, int], str] = {(r, col): str(v) for r, col, v, _, _ in cells}
    width = max(c2 for _, _, _, _, c2 in cells) + 1
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for r in range(max(r2 for _, _, _, r2, _ in cells) + 1):
            writer.writerow([grid.get((r, col), "") for col in range(width)])
    return path


def test_a_department_level1_across_both_level_columns_in_a_grid_without_merges(tmp_path: Path) -> None:
    """A department table saved as CSV: 社会公众或服务对象满意度指标 stood in a cell over both level columns;
    its merge lost, the level-2 cell is blank — read across both, as the form and the 自评表 do (no false
    PG-S04 二级指标为空)."""
    cells = [cell for cell in department_split_levels() if cell[2] != "对象满意度指标"]
    cells = [(r, col, "社会公众或服务对象满意度指标" if v == "社会公众或服务" else v, r2, c2)
             for r, col, v, r2, c2 in cells]
    table = read_table(_csv(tmp_path / "d.csv", cells))
    assert table.kind == "department"
    assert [(i.level1, i.level2) for i in table.plan.indicators][1:] == [
        ("社会公众或服务对象满意度指标", "社会公众或服务对象满意度指标")] * 2
    assert not [e for e in errors(table) if e.startswith("PG-S04")]
    assert "也是二级指标的名称" in hints(table)


def evaluation_table() -> list[Cell]:
    """评价指标 | 评价内容 | 指标名称 | 指标说明 | 目标值 | 分值, no 项目名称 column, 总分 merged across."""
    return [
        c(0, 0, "2019年度某县高中助学金项目绩效评价指标表", c2=5),
        c(1, 0, "评价指标"), c(1, 1, "评价内容"), c(1, 2, "指标名称"), c(1, 3, "指标说明"), c(1, 4, "目标值"), c(1, 5, "分值"),
        c(2, 0, "产出", r2=4), c(2, 1, "数量指标", r2=3), c(2, 2, "享受资助人数"), c(2, 3, "达到预计值"), c(2, 4, "2100人"),
        c(2, 5, 40),
        c(3, 2, "资金支出率"), c(3, 3, "达到目标值"), c(3, 4, "95%"), c(3, 5, 30),
        c(4, 1, "时效指标"), c(4, 2, "及时发放率"), c(4, 3, None), c(4, 4, "100%"), c(4, 5, 30),
        c(5, 0, "总分", c2=4), c(5, 5, 100),
    ]


@pytest.mark.parametrize("kind", ("xlsx", "html"))
def test_level_columns_known_by_their_content_and_a_merged_total_row(tmp_path: Path, kind: str) -> None:
    table = read_table(written(kind, tmp_path, [evaluation_table()]))
    (project,) = table.projects()
    assert project.name == "某县高中助学金项目"
    assert [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators] == [
        ("产出", "数量指标", "享受资助人数", "2100人"), ("产出", "数量指标", "资金支出率", "95%"),
        ("产出", "时效指标", "及时发放率", "100%")]  # 总分 merged across the grid is no indicator
    assert "表头“评价内容”不是二级指标的写法，按其内容（数量指标、时效指标）读作二级指标" in hints(table)
    assert "表头“评价指标”不是一级指标的写法，按其内容（产出）读作一级指标" in hints(table)


def test_level_columns_known_by_their_content_in_a_grid_without_merges(tmp_path: Path) -> None:
    """An evaluation table saved as CSV: 产出 stands once over its rows and 总分 stands in the level
    column (their merges lost) — the 总分 row's label is no level, so the column is still level 1 by
    what it holds (was: one hit among three texts, every level 1 lost)."""
    path = tmp_path / "t.csv"
    path.write_text("某县2020年度学生资助项目绩效评价指标表,,,,,,\n"
                    "评价指标,评价内容,指标名称,指标说明,目标值,分值,备注\n"
                    "项目年度绩效目标（定量指标）,制度指标,管理办法是否健全,,是,20,\n"
                    "产出,数量指标,资助学生人数,达到预计值,1500,10,\n"
                    ",,资金拨付率,达到目标值,95%,10,\n"
                    ",质量指标,困难学生覆盖率,,100%,10,\n"
                    ",时效指标,按时发放率,达到目标值,100%,20,\n"
                    ",成本指标,补助标准执行率,,100%,20,\n"
                    "总分,,,,,100,\n", encoding="utf-8")
    (project,) = read_table(path).projects()
    assert [(i.level1, i.level2) for i in project.indicators] == [  # (the note in brackets kept apart)
        ("项目年度绩效目标", "制度指标"), ("产出", "数量指标"), ("产出", "数量指标"), ("产出", "质量指标"),
        ("产出", "时效指标"), ("产出", "成本指标")]


def test_unknown_columns_left_of_the_name_stay_extras_when_they_hold_no_levels(tmp_path: Path) -> None:
    cells = [(r, col, {"产出": "甲类", "数量指标": "乙组", "时效指标": "丙组"}.get(v, v) if isinstance(v, str) else v,
              r2, c2) for r, col, v, r2, c2 in evaluation_table()]
    table = read_table(written("xlsx", tmp_path, [cells]))
    first = table.projects()[0].indicators[0]
    assert (first.level1, first.level2) == ("", "")  # not guessed: the columns are kept as extras
    assert "附加字段原样保留：评价指标、评价内容" in hints(table)
    assert "按各列内容" not in hints(table)


def test_a_text_set_on_the_view_survives_a_number_format_reload() -> None:
    from perfgoals_xl.sources.grid import Grid
    from perfgoals_xl.sources.sheet_view import SheetView

    view = SheetView(Grid(sheet="s", rows=[["社会公众或服务", 0.95], ["对象满意度指标", ""]], merged=[(0, 0, 0, 0)]), None)
    view.set_text(0, 0, "社会公众或服务对象满意度指标")
    view.set_text(1, 0, "")
    view.load_number_formats([(0, 1)])  # (clears the view's cache of texts)
    assert (view.text(0, 0), view.text(1, 0), view.text(0, 1)) == ("社会公众或服务对象满意度指标", "", "0.95")
    assert view.grid.rows[0][0] == "社会公众或服务"  # the grid itself is never changed


def longform_per_place(group: str = "区域目标值") -> list[Cell]:
    """A long-format sheet: 项目名称 | 一级 | 二级 | 三级 | <group> over 甲区 | 乙县 | 丙市."""
    return [
        c(0, 0, "项目名称", r2=1), c(0, 1, "一级指标", r2=1), c(0, 2, "二级指标", r2=1), c(0, 3, "三级指标", r2=1),
        c(0, 4, group, c2=6), c(1, 4, "甲区"), c(1, 5, "乙县"), c(1, 6, "丙市"),
        c(2, 0, "宗教管理经费补助", r2=3), c(2, 1, "产出指标", r2=3), c(2, 2, "数量指标"), c(2, 3, "补助县数"),
        c(2, 4, "2个"), c(2, 5, "3个"), c(2, 6, "1个"),
        c(3, 2, "质量指标"), c(3, 3, "资金使用合规率"), c(3, 4, "≥95%"), c(3, 5, "≥95%"), c(3, 6, "≥95%"),
    ]


@pytest.mark.parametrize(("kind", "group"), [("xlsx", "区域目标值"), ("html", "区域目标值"), ("csv", "区域目标值"),
                                             ("xlsx", "年度指标值")])
def test_long_format_values_per_place(tmp_path: Path, kind: str, group: str) -> None:
    if kind == "csv":
        import csv

        rows: dict[int, dict[int, object]] = {}
        for r, col, v, _, _ in longform_per_place(group):
            rows.setdefault(r, {})[col] = v
        path = tmp_path / "t.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            for r in range(max(rows) + 1):
                writer.writerow(["" if rows[r].get(col) is None else rows[r][col] for col in range(7)])
    else:
        path = written(kind, tmp_path, [longform_per_place(group)])
    table = read_table(path)
    (project,) = table.projects()
    assert project.name == "宗教管理经费补助"
    count, compliance = project.indicators
    assert count.annual_value.raw == count.period_value.raw == "甲区:2个；乙县:3个；丙市:1个"
    assert compliance.annual_value.raw == "≥95%" and count.extras["乙县"] == "3个"
    assert f"“{group}”按地点分列（甲区、乙县、丙市 3 列）" in hints(table)
    assert not [e for e in errors(table) if e.startswith("PG-S05")]


def test_a_row_of_places_under_no_value_group_is_no_header(tmp_path: Path) -> None:
    cells = [(r, col, "备注" if v == "区域目标值" else v, r2, c2) for r, col, v, r2, c2 in longform_per_place()]
    table = read_table(written("xlsx", tmp_path, [cells]))
    assert "按地点分列" not in hints(table)


# --- class: sign-off lines worded by pattern, written under the table --------------------------

#: Sign-off labels as forms word them: the person optionally with 及联系电话, the date of filing.
SIGN_OFF_LABELS = ("经办人及联系电话", "填表人及联系电话", "审核人", "复核人及电话", "负责人", "联系电话",
                   "上报时间", "报送日期", "填报时间", "编制日期")


@pytest.mark.parametrize("label", SIGN_OFF_LABELS)
def test_sign_off_labels_are_known_by_pattern(label: str) -> None:
    """One vocabulary for every layout: each such label is a footer label, alone or with its value, and
    a line holding two of them splits into both; field labels that merely look alike are not."""
    from perfgoals_xl.sources.vocabulary import footer_fields, is_footer_label

    assert is_footer_label(label) and is_footer_label(f"{label}：某某 13800000000")
    assert footer_fields(f"{label}:王五 13800000000") == {label: "王五 13800000000"}
    assert footer_fields(f"填表人：赵六 {label}: 某某") == {"填表人": "赵六", label: "某某"}
    for other in ("项目负责人及电话", "开始日期", "项目名称", "实施单位"):
        assert not is_footer_label(other)


def _form_with_lines_below() -> list[Cell]:
    """A 申报表 with no footer row of its own: the sign-offs are lines written under the table."""
    from form_fixtures import form_88

    cells, _ = form_88()
    return [cell for cell in cells if not str(cell[2]).startswith("填报人")]


FOOTER_LINES = ("经办人及联系电话:李四13900001111", "上报时间:  2024 年3  月 5日")
FOOTER = {"经办人及联系电话": "李四13900001111", "上报时间": "2024 年3 月 5日"}


@pytest.mark.parametrize("kind", ("xlsx", "html"))
def test_sign_off_lines_under_a_form_are_its_footer(tmp_path: Path, kind: str) -> None:
    """经办人及联系电话:… and 上报时间:… written under the form — lines below the table on a web page
    (in the block holding it), rows under the grid in a sheet — are the table's footer, never an
    indicator or a project field, and cause no finding."""
    cells = _form_with_lines_below()
    if kind == "xlsx":
        last = max(r2 for *_, r2, _ in cells)
        path = xlsx_forms(tmp_path / "t.xlsx", [[[*cells, c(last + 1, 0, FOOTER_LINES[0]),
                                                   c(last + 2, 0, FOOTER_LINES[1])]]])
    else:
        plain = html_page(tmp_path / "plain.html", [cells]).read_text(encoding="utf-8")
        lines = "".join(f"<p>{line.replace('  ', '&nbsp; ')}</p>" for line in FOOTER_LINES)
        page = plain.replace("<body>", '<body><div class="content">').replace(
            "</table></body>", f"</table>{lines}</div><div class=\"footer\"><p>主办单位：某区人民政府办公室</p>"
                               "<p>备案号：某ICP备00000000号</p></div></body>")
        path = tmp_path / "t.html"
        path.write_text(page, encoding="utf-8")
    table = read_table(path)
    assert {k: " ".join((table.footer.get(k) or "").split()) for k in FOOTER} == FOOTER, table.footer
    assert "主办单位" not in table.footer
    names = [i.name for p in table.projects() for i in p.indicators]
    assert not [n for n in names if "经办人" in n or "上报" in n]
    assert not [e for e in errors(table) if "经办人" in e or "上报" in e]


def test_sign_off_lines_under_a_department_table_are_its_footer(tmp_path: Path) -> None:
    """The same lines under a department-wide table's indicator grid end the grid and are its footer."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in (["部门名称", "某区民政局"], ["年度绩效总目标", "保障全区低保对象按时足额领取救助金。"],
                ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "低保对象人数", "≥3000人"],
                ["满意度指标", "服务对象满意度指标", "低保对象满意度", "≥90%"],
                [FOOTER_LINES[0]], [FOOTER_LINES[1]]):
        ws.append(row)
    wb.save(tmp_path / "d.xlsx")
    table = read_table(tmp_path / "d.xlsx")
    assert table.kind == "department"
    assert {k: table.footer.get(k) for k in FOOTER} == {"经办人及联系电话": "李四13900001111",
                                                       "上报时间": "2024 年3  月 5日"}
    assert [i.name for i in table.plan.indicators] == ["低保对象人数", "低保对象满意度"]


@pytest.mark.parametrize("kind", ("xlsx", "html"))
def test_sign_off_lines_under_a_selfeval_form_are_its_footer(tmp_path: Path, kind: str) -> None:
    """The same lines under a 自评表 (its grid closed by 总分 and 评价结论): the footer, in a sheet and
    on a web page alike, and the grid's indicators and 总分 unchanged."""
    from test_selfeval_roundtrip import _MERGES, RICH_FORM

    rows = [*RICH_FORM[:-1], [FOOTER_LINES[0], *[None] * 7], [FOOTER_LINES[1], *[None] * 7]]
    merges = [m for m in _MERGES if m[0] < len(RICH_FORM) - 1]
    if kind == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        for row in rows:
            ws.append(row)
        for r1, c1, r2, c2 in merges:
            ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
        path = tmp_path / "自评.xlsx"
        wb.save(path)
    else:
        cells = [c(r, col, value, *next(((m[2], m[3]) for m in merges if m[:2] == (r, col)), (r, col)))
                 for r, row in enumerate(rows[:-2]) for col, value in enumerate(row)
                 if value is not None or not any(m[0] <= r <= m[2] and m[1] <= col <= m[3] and m[:2] != (r, col)
                                                 for m in merges)]
        plain = html_page(tmp_path / "plain.html", [cells]).read_text(encoding="utf-8")
        lines = "".join(f"<p>{line}</p>" for line in FOOTER_LINES)
        path = tmp_path / "自评.html"
        path.write_text(plain.replace("</table></body>", f"</table>{lines}</body>"), encoding="utf-8")
    table = read_table(path)
    assert {k: " ".join((table.footer.get(k) or "").split()) for k in FOOTER} == FOOTER, table.footer
    (project,) = table.projects()
    assert [i.name for i in project.indicators] == ["养护里程", "路况优良率", "群众出行条件", "群众满意度"]
    assert project.total_score == 98.5


@pytest.mark.parametrize(("name", "code"), [("产出数量", "11"), ("产出质量", "12"), ("产出时效指标", "13"),
                                            ("产出成本", "14")])
def test_the_older_forms_output_level2_names(name: str, code: str) -> None:
    """2015–2018 evaluation and target forms name the output classes 产出数量 / 产出质量 / 产出时效 /
    产出成本 under 项目产出: the framework's 数量 / 质量 / 时效 / 成本指标, never PG-S04."""
    from perfgoals_xl import framework

    assert framework.level2_by_name(name).code == code
    assert framework.resolve_level2(None, name, "1").code == code
