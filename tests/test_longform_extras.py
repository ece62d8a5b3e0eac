"""Long-format columns the vocabulary has no field for are kept as extra fields (issue #10 item 2)."""

from __future__ import annotations

import copy
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.model import PerfTable
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table

_S11 = "表格中以下字段或列在模型中没有对应栏目，已作为附加字段原样保留："


def _one_row_header(path: Path) -> Path:
    """One header row with 备注 (known, no model field), a custom column, an empty header and an empty column."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["序号", "项目名称", "项目负责人", "一级指标", "二级指标", "三级指标", "年度指标值", "评(扣)分标准",
               "备注", None, "空列"])
    ws.append([1, "甲项目", "张三", "产出指标", "数量指标", "培训人次", "≥200人次", "完成得满分", "含线上", "无表头"])
    ws.append([None, None, None, None, "质量指标", "合格率", "≥95%", None, "抽检"])
    ws.append([2, "乙项目", None, "效益指标", "社会效益指标", "群众知晓率", "≥90%"])
    wb.save(path)
    return path


def _two_row_header(path: Path) -> Path:
    """A two-row header: 绩效标准 merged over 计划标准 / 行业标准; 资金来源 (custom) merged down two rows."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "资金来源", "一级指标", "二级指标", "三级指标", "指标值", None, "绩效标准", None])
    ws.append([None, None, None, None, None, "年度", "实施周期", "计划标准", "行业标准"])
    for rng in ("A1:A2", "B1:B2", "C1:C2", "D1:D2", "E1:E2", "F1:G1", "H1:I1"):
        ws.merge_cells(rng)
    ws.append(["甲项目", "上级补助", "产出指标", "数量指标", "培训人次", "≥200人次", "≥400人次", "200人次", None])
    ws.append([None, None, "产出指标", "时效指标", "完成时间", "12月底前", "2025年底前", None, "年内完成"])
    ws.merge_cells("B3:B4")
    wb.save(path)
    return path


def _notes(table: PerfTable) -> list[str]:
    return [p.message for p in table.problems if p.code == "S11"]


def test_unknown_columns_of_a_one_row_header_are_kept(tmp_path: Path) -> None:
    table = read_table(_one_row_header(tmp_path / "one.xlsx"))
    first, second = table.projects()
    assert first.extras == {}
    assert [i.extras for i in first.indicators] == [
        {"项目负责人": "张三", "评(扣)分标准": "完成得满分", "备注": "含线上"},
        {"备注": "抽检"},
    ]
    assert second.indicators[0].extras == {}
    assert _notes(table) == [f"{_S11}项目负责人、评(扣)分标准、备注"]  # once; 序号, blank header and empty column not


def test_unknown_columns_of_a_two_row_header_are_kept(tmp_path: Path) -> None:
    table = read_table(_two_row_header(tmp_path / "two.xlsx"))
    project = table.projects()[0]
    assert project.extras == {"资金来源": "上级补助"}  # merged down over the project's rows: the project's
    assert [i.extras for i in project.indicators] == [{"绩效标准/计划标准": "200人次"}, {"绩效标准/行业标准": "年内完成"}]
    assert [(i.annual_value.raw, i.period_value.raw) for i in project.indicators] == [
        ("≥200人次", "≥400人次"), ("12月底前", "2025年底前")]
    assert _notes(table) == [f"{_S11}资金来源、绩效标准/计划标准、绩效标准/行业标准"]


def test_a_project_row_without_indicator_gives_project_extras(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "绩效目标", "项目负责人", "一级指标", "二级指标", "三级指标", "年度指标值"])
    ws.append(["甲项目", "完成培训", "张三"])
    ws.append([None, None, None, "产出指标", "数量指标", "培训人次", "≥200人次"])
    wb.save(tmp_path / "p.xlsx")
    project = read_table(tmp_path / "p.xlsx").projects()[0]
    assert project.extras == {"项目负责人": "张三"} and project.indicators[0].extras == {}


def _without_codes(table: PerfTable) -> PerfTable:
    table = copy.deepcopy(table)
    for _, _, ind in table.indicators():
        ind.level1_code = ind.level2_code = None
    return table


@pytest.mark.parametrize("build", [_one_row_header, _two_row_header])
@pytest.mark.parametrize("name", ["out.json", "out.csv", "out_en.csv", "out.xlsx"])
def test_extras_round_trip(tmp_path: Path, build, name: str) -> None:
    table = read_table(build(tmp_path / "in.xlsx"))
    headers = {"headers": "en"} if name.endswith("_en.csv") else {}
    back = read_table(write_data(table, tmp_path / name, **headers))
    assert _without_codes(back) == _without_codes(table)
    if not name.endswith(".json"):  # JSON keeps the reader's problems; the others are read afresh
        assert not _notes(back)  # our own outputs carry the extras in 附加字段: nothing unknown


def test_our_own_headers_are_all_known() -> None:
    from perfgoals_xl.entry.layout import HEADERS
    from perfgoals_xl.entry.rows import PRINTED_HEADER
    from perfgoals_xl.sinks import longform as sink
    from perfgoals_xl.sources.vocabulary import field_of

    written = set(HEADERS)
    for columns in (sink.COLUMNS, sink.SELFEVAL_COLUMNS, sink.FORM_COLUMNS, sink.CODE_COLUMNS, sink.LABEL_COLUMNS,
                    sink.PRINTED_COLUMNS):
        written |= set(columns) | set(columns.values())
    written |= {sink.ASSUMED_COLUMN, sink.ASSUMED_HEADER, sink.ORDINAL_COLUMN, sink.ORDINAL_HEADER,
                sink.UNIT_ORDINAL_COLUMN, sink.UNIT_ORDINAL_HEADER, PRINTED_HEADER}
    assert sorted(h for h in written if field_of(h) in {None, "extra"}) == []
