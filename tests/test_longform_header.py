"""Headers of two and three rows in long-format sheets (issue 10, item 4): a merged parent over its
sub-columns — 资金情况 → 合计 / 财政拨款 / 其他资金 (合计 = 总计), 绩效指标 → 一级 / 二级 / 三级 / 指标值 /
度量单位, 年度指标值 → 计算符号 / 指标值 / 度量单位 — in any of the header rows.

Each fixture is a workbook built here; the table read equals the intended model field by field, and
``check`` reports no amount finding (the false PG-A01 of a misread header is gone).
"""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.model import Amounts, FundUnit, Indicator, PerfTable, Project
from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.sources.longform_header import find_header
from perfgoals_xl.values import parse_value


def ind(seq, l1, l2, name, period, annual=None):
    return Indicator(seq=seq, level1_code=None, level1=l1, level2_code=None, level2=l2, name=name,
                     period_value=parse_value(period), annual_value=parse_value(period if annual is None else annual))


GOAL = "完成年度培训任务。"


def two_row_workbook(path):
    """资金情况 and 绩效指标 merged over their sub-columns; unit, project and goal merged down."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申报表"
    ws.append(["2024年项目支出绩效目标表"])
    ws.append(["单位名称", "项目名称", "资金情况（万元）", None, None, "年度目标", "绩效指标", None, None, None, None])
    ws.append([None, None, "合计", "财政拨款", "其他资金", None, "一级指标", "二级指标", "三级指标", "指标值",
               "度量单位"])
    for col in "ABF":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("C2:E2")
    ws.merge_cells("G2:K2")
    ws.append(["某某中心", "业务培训", 100, 80, 20, GOAL, "产出指标", "数量指标", "培训人次", "≥500", "人次"])
    ws.append([None, None, None, None, None, None, None, "质量指标", "培训合格率", "≥95", "%"])
    ws.append([None, None, None, None, None, None, "效益指标", "社会效益指标", "业务能力", "明显提升", None])
    ws.append([None, None, None, None, None, None, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90", "%"])
    ws.merge_cells("G4:G5")
    wb.save(path)
    return path


def three_row_workbook(path):
    """Three header rows: 绩效指标 → 年度指标值 → 计算符号 / 指标值 / 度量单位; 实施周期指标值 merged down."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "资金情况", None, None, "绩效指标", None, None, None, None, None, None])
    ws.append([None, "合计", "财政拨款", "其他资金", "一级指标", "二级指标", "三级指标", "年度指标值", None, None,
               "实施周期指标值"])
    ws.append([None, None, None, None, None, None, None, "计算符号", "指标值", "度量单位", None])
    ws.merge_cells("A1:A3")
    ws.merge_cells("B1:D1")
    ws.merge_cells("E1:K1")
    for col in "BCDEFGK":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("H2:J2")
    ws.append(["设备购置", 50, 50, None, "产出指标", "数量指标", "购置台数", "≥", 4, "台", "≥8台"])
    ws.append([None, None, None, None, "成本指标", "经济成本指标", "单台成本", "≤", 2, "万元", "≤2万元"])
    wb.save(path)
    return path


def two_row_model():
    project = Project("业务培训", amounts=Amounts(total=Decimal(100), fiscal=Decimal(80), other=Decimal(20)),
                      goal=GOAL, indicators=[
                          ind(1, "产出指标", "数量指标", "培训人次", "≥500人次"),
                          ind(2, "产出指标", "质量指标", "培训合格率", "≥95%"),
                          ind(3, "效益指标", "社会效益指标", "业务能力", "明显提升"),
                          ind(4, "满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"),
                      ])
    return PerfTable(title="2024年项目支出绩效目标表", units=[FundUnit("某某中心", projects=[project])])


def test_two_row_header_with_merged_money_and_indicator_parents(tmp_path):
    table = read_table(two_row_workbook(tmp_path / "two.xlsx"))
    assert table == two_row_model()
    assert table.problems == []
    assert table.projects()[0].field_locations["total"].cell == "C4"
    assert [i.code for i in check_table(table) if i.code.startswith("PG-A")] == []


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_two_row_header_as_ods(tmp_path):
    source = two_row_workbook(tmp_path / "two.xlsx")
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "ods",
                    "--outdir", str(tmp_path / "out"), str(source)], check=True, capture_output=True, timeout=180)
    assert read_table(tmp_path / "out" / "two.ods") == two_row_model()


def test_three_row_header(tmp_path):
    table = read_table(three_row_workbook(tmp_path / "three.xlsx"))
    project = Project("设备购置", amounts=Amounts(total=Decimal(50), fiscal=Decimal(50)), indicators=[
        ind(1, "产出指标", "数量指标", "购置台数", "≥8台", "≥4台"),
        ind(2, "成本指标", "经济成本指标", "单台成本", "≤2万元", "≤2万元"),
    ])
    assert table == PerfTable(units=[FundUnit("", projects=[project])])
    assert table.problems == []
    assert [i.code for i in check_table(table) if i.code in ("PG-A01", "PG-A02", "PG-A03")] == []


def test_header_columns_by_path():
    rows = [["项目名称", "预算数", None, None, "绩效指标", None, None, None],
            [None, "合计", "其中：财政拨款", "其他资金", "一级指标", "二级指标", "指标名称", "指标值"],
            ["项目甲", 10, 10, None, "产出指标", "数量指标", "台数", "4台"]]
    origin = {(1, 0): (0, 0), (0, 2): (0, 1), (0, 3): (0, 1), (0, 5): (0, 4), (0, 6): (0, 4), (0, 7): (0, 4)}
    header = find_header(rows, origin)
    assert header is not None and (header.top, header.row) == (0, 1)
    assert header.columns == {"project": 0, "total": 1, "fiscal": 2, "other": 3, "level1": 4, "level2": 5,
                              "name": 6, "value": 7}


def test_a_data_row_is_never_taken_for_a_sub_header():
    rows = [["单位名称", "项目名称", "总计", "一级指标", "二级指标", "三级指标", "指标值"],
            ["合计", None, 10, None, None, None, None],
            ["某单位", "项目甲", 10, "产出指标", "数量指标", "台数", "4台"]]
    header = find_header(rows)
    assert header is not None and header.row == 0


# -- property: any arrangement of blocks under merged parents maps every column ----------------------
_MONEY = [("合计", "total"), ("财政拨款", "fiscal"), ("其他资金", "other")]
_INDICATORS = [("一级指标", "level1"), ("二级指标", "level2"), ("三级指标", "name"), ("指标值", "value"),
               ("度量单位", "*:unit")]


@st.composite
def _headers(draw):
    """Blocks in any order: single columns merged down, and two groups with sub-columns."""
    money = draw(st.lists(st.sampled_from(_MONEY), min_size=1, max_size=3, unique=True))
    indicators = draw(st.lists(st.sampled_from(_INDICATORS), min_size=1, max_size=5, unique=True))
    indicators = sorted(set(indicators) | {("三级指标", "name")}, key=_INDICATORS.index)
    blocks = [("single", "单位名称", "fund_unit"), ("single", "项目名称", "project"),
              ("single", "年度目标", "goal"), ("group", draw(st.sampled_from(["资金情况", "预算数", "资金来源"])), money),
              ("group", draw(st.sampled_from(["绩效指标", "年度绩效指标"])), indicators)]
    return draw(st.permutations(blocks))


@given(_headers())
@settings(max_examples=150, deadline=None)
def test_any_two_row_header_maps_every_sub_column(blocks):
    top: list = []
    sub: list = []
    origin: dict = {}
    expected: dict = {}
    for kind, text, content in blocks:
        c = len(top)
        if kind == "single":
            top.append(text)
            sub.append(text)  # merged down: the filled value repeats
            origin[(1, c)] = (0, c)
            expected[content] = c
            continue
        for k, (child, key) in enumerate(content):
            top.append(text)
            sub.append(child)
            if k:
                origin[(0, c + k)] = (0, c)
            expected[key] = c + k
    rows = [top, sub, ["某单位", "项目甲"] + [None] * (len(top) - 2)]
    header = find_header(rows, origin)
    assert header is not None and (header.top, header.row) == (0, 1)
    assert header.columns == expected


# -- the published table's header words (those the retired PDF cell reader knew) ------------------
PUBLISHED_ITEMS = ("1、1-产出指标；11-数量指标；培训人数；实施周期指标值:≥100人；年度指标值:≥100人。"
                   "2、2-效益指标；22-社会效益指标；群众知晓率；实施周期指标值:≥90%；年度指标值:≥90%。")
PUBLISHED_GOAL = "开展业务培训，提高群众知晓率，完成年度任务。"


def published_workbook(path, header):
    """The seven-column published table (项目名称（资金使用单位）| 总计 | 财政拨款 | 财政专户拨款 | 其他资金 |
    绩效目标 | 绩效指标) with its header written as `header`: 合计, a unit row, an indented project."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目支出绩效目标表"])
    ws.append(["部门名称：某某局", None, None, None, None, None, "单位：万元"])
    ws.append(list(header))
    fields = {k: i for i, k in enumerate(("name", "total", "fiscal", "special", "other", "goal", "indicators"))}
    width = len(header)

    def row(name, total, goal=None, items=None):
        values = {"name": name, "total": total, "fiscal": total, "goal": goal, "indicators": items}
        ws.append([values.get(k) for k in list(fields)[:width]] if width == 7 else
                  [values[k] for k in ("name", "total", "fiscal", "goal")])

    row("合计", 120)
    row("某某局", 120)
    row("    业务培训", 120, PUBLISHED_GOAL, PUBLISHED_ITEMS)
    wb.save(path)
    return path


@pytest.mark.parametrize("header", [
    ("项目名称（资金使用单位）", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"),
    ("资金使用单位", "总计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"),  # the name column alone
    ("单位名称", "总 计", "财政拨款", "财政专户\n拨款", "其他资金", "年度目标", "绩效\n指标"),
    ("资金使用单位（项目名称）", "合计", "财政拨款", "财政专户拨款", "其他资金", "绩效目标", "绩效指标"),  # 合计 = 总计
    ("项目名称", "总计", "财政拨款", "绩效目标"),  # goals, no indicator column
], ids=["official", "unit-alone", "danwei-spaced", "unit-first-heji", "goal-only"])
def test_the_published_tables_header_words_are_the_long_formats(tmp_path, header):
    """Every header the published table prints (the words sources/pdf.py's cell reader knew: 资金使用单位
    or 单位名称 alone as the name column, 合计 for 总计, 年度目标 for 绩效目标, a goal without an
    indicator column) is a long-format header: the unit flush, the project under it, the amounts."""
    table = read_table(published_workbook(tmp_path / "t.xlsx", header))
    assert table.layout == "longform"
    assert table.department == "某某局"
    assert [u.name for u in table.units] == ["某某局"]
    (project,) = table.projects()
    assert (project.name, project.amounts.total, project.amounts.fiscal, project.goal) == (
        "业务培训", Decimal(120), Decimal(120), PUBLISHED_GOAL)
    assert [i.name for i in project.indicators] == (["培训人数", "群众知晓率"] if len(header) == 7 else [])
    assert table.amounts.total == Decimal(120)
    said = "\n".join(p.message for p in table.problems)
    if header[0] in {"资金使用单位", "单位名称", "资金使用单位（项目名称）"}:
        assert f"“{header[0]}”列按“项目名称（资金使用单位）”读取" in said
    assert "附加字段" not in said  # no header word left over as an extra column (合计 is the total)


@pytest.mark.parametrize("row", [
    ["项目名称", "合计", "财政拨款", "其他资金"],  # a budget table: no goal, no indicators
    ["资金使用单位", "某某局", "总计", "120", "绩效目标"],  # a form's label row: values among the labels
    ["单位名称", "总计", "财政拨款"],
])
def test_rows_that_are_not_a_published_header(row):
    """Only a row of header words naming a name column, a goal or indicators and an amount is the
    published header; a budget table's header or a form's labelled values are not."""
    assert find_header([row, ["某某局", "120", "120", None, None]]) is None


_CELLS = st.one_of(
    st.none(), st.just(""), st.integers(-5, 10**6), st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(["项目名称", "项目", "名称", "资金使用单位", "单位名称", "合计", "总计", "财政拨款", "其他资金",
                     "绩效目标", "绩效指标", "一级", "指标", "三级指", "标", "指标值", "年度", "实施周期", "（万元）",
                     "资金来源", "甲", "产出指标", "10人"]),
    st.text(max_size=8),
)


@given(st.lists(st.lists(_CELLS, max_size=8), max_size=8))
@settings(max_examples=300, deadline=None)
def test_find_header_on_any_rows_never_raises_and_stays_inside(rows):
    """Any rows (header words, their wrapped ends, numbers, blanks, noise): a header found lies
    inside the rows, every column inside the widest row, and the caller's rows are not changed."""
    before = [list(r) for r in rows]
    header = find_header(rows)
    assert rows == before
    if header is not None:
        assert 0 <= (header.top if header.top is not None else header.row) <= header.row < len(rows)
        width = max(len(r) for r in rows)
        assert all(0 <= c < width for c in header.columns.values())


def _group_over_reference(above: list, c: int, places: set[int]) -> str:
    """The header text over column c, column by column leftwards (the definition)."""
    for cc in range(c, -1, -1):
        v = above[cc] if cc < len(above) else None
        if isinstance(v, str) and v.strip():
            return v.strip()
        if cc != c and cc not in places:
            return ""
    return ""


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([None, "", " ", "区域目标值", "指标值", "甲区"]), max_size=12),
       st.sets(st.integers(0, 14), max_size=10))
def test_groups_over_is_the_leftward_walk(above, places):
    """One pass gives, for every place column, the text the walk leftwards finds."""
    from perfgoals_xl.sources.longform_header import _groups_over

    columns = sorted(places)
    assert _groups_over(above, columns, places) == [_group_over_reference(above, c, places) for c in columns]


def test_a_csv_header_of_thousands_of_place_columns_is_read_in_linear_time():
    """A value group printed once over 20,000 place columns (a merge lost in a CSV): one pass, not a
    walk from every column back to the group (that took 70 s for 8,000 columns)."""
    import time

    from perfgoals_xl.sources.longform_header import _groups_over

    n = 20_000
    above = ["区域目标值"] + [None] * n
    start = time.perf_counter()
    groups = _groups_over(above, list(range(1, n + 1)), set(range(1, n + 1)))
    assert time.perf_counter() - start < 0.5
    assert set(groups) == {"区域目标值"}
