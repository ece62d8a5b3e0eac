"""Form fields and extras (docs/forms.md) survive JSON, long-format CSV and the entry workbook."""

from __future__ import annotations

from pathlib import Path

import pytest
from form_fixtures import docx_forms, form_88, form_provincial, form_scoring, xlsx_forms
from hypothesis import given
from hypothesis import strategies as st

from perfgoals_xl.longform_cells import extras_text, parse_extras
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table


@pytest.fixture(scope="module")
def forms_table(tmp_path_factory: pytest.TempPathFactory):
    path = docx_forms(tmp_path_factory.mktemp("forms") / "forms.docx",
                      [form_88()[0], form_provincial()[0], form_scoring()[0]])
    return read_table(path)


@pytest.mark.parametrize("suffix", [".json", ".csv", ".xlsx"])
def test_form_fields_and_extras_round_trip(forms_table, tmp_path: Path, suffix: str) -> None:
    back = read_table(write_data(forms_table, tmp_path / f"out{suffix}"))
    if suffix == ".xlsx":  # entry rows without codes get the code formulas: codes come back filled
        assert all(i.level1_code for _, _, i in back.indicators())
        assert _without_codes(back) == _without_codes(forms_table)
    else:
        assert back == forms_table
    first, second, third = back.projects()
    assert first.extras["中期资金总额"] == "300" and first.period_goal and first.category == "延续项目"
    assert second.department == "某县交通运输局" and second.extras == {"上级资金": "10000万元"}
    assert second.indicators[0].extras == {"绩效标准": "计划标准"}
    assert third.code == "44010024000000001" and third.indicators[0].nature == "定量"


def _without_codes(table):
    """The table with every level code blanked (a copy)."""
    import copy

    table = copy.deepcopy(table)
    for _, _, ind in table.indicators():
        ind.level1_code = ind.level2_code = None
    table.footer = {}  # the entry sheet has no place for the footer under a form (JSON and CSV carry it)
    return table


def test_a_long_format_sheet_with_form_columns(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["项目名称", "项目编码", "项目属性", "项目期", "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
               "附加字段"])
    ws.append(["甲项目", "4401001", "新增项目", "2024年", "产出指标", "数量指标", "培训人次", "定量", "200人次",
               "绩效标准：计划标准\n备注：含线上"])
    path = tmp_path / "long.xlsx"
    wb.save(path)
    project = read_table(path).projects()[0]
    assert (project.code, project.category, project.term) == ("4401001", "新增项目", "2024年")
    ind = project.indicators[0]
    assert ind.nature == "定量" and ind.extras == {"绩效标准": "计划标准", "备注": "含线上"}
    assert ind.field_locations["extras"].cell == "J2"


_KEYS = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@given(st.dictionaries(_KEYS, st.text(st.characters(blacklist_categories=("Cs",)), max_size=30), max_size=6))
def test_extras_text_round_trips(extras: dict[str, str]) -> None:
    text = extras_text(extras)
    parsed = parse_extras(text)
    assert parsed == extras


@given(st.text(max_size=200))
def test_parse_extras_never_raises(text: str) -> None:
    found = parse_extras(text)
    assert found is None or isinstance(found, dict)


def test_forms_workbook_and_json_agree(tmp_path: Path) -> None:
    table = read_table(xlsx_forms(tmp_path / "f.xlsx", [[form_scoring()[0]]]))
    assert read_table(write_data(table, tmp_path / "f.json")) == table
