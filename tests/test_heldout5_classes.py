"""Classes of misreading found by the fifth held-out round (issue #18/#19, docs/fidelity.md), each
pinned by a table of that class built here — as a workbook, a Word table and a saved web page —
never a copy of the corpus table. (The form block's label classes are in test_form_reader.py, the
department table's in test_department.py.)"""

from __future__ import annotations

import pytest
from form_fixtures import c
from hypothesis import given
from hypothesis import strategies as st
from test_reading_classes import KINDS, errors, hints, written

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table


def _head(name: str = "农村公路养护") -> list:
    return [c(0, 0, "项目名称"), c(0, 1, name, c2=5),
            c(1, 0, "主管部门"), c(1, 1, "某县交通运输局", c2=2), c(1, 3, "项目实施单位"), c(1, 4, "某县公路段", c2=5),
            c(2, 0, "年度目标"), c(2, 1, "养护农村公路120公里。", c2=5)]


# --- a 分值 merged over several indicator rows of a 申报表 is one weight ----------------------------

def _merged_weight_form() -> list:
    """A 申报表 whose 分值 is merged over the two rows of a level-2 group (one weight for the group)."""
    return [*_head(),
            c(3, 0, "一级指标"), c(3, 1, "二级指标"), c(3, 2, "三级指标"), c(3, 3, "指标值"), c(3, 4, "计量单位"),
            c(3, 5, "分值"),
            c(4, 0, "产出指标", r2=6), c(4, 1, "数量指标", r2=5), c(4, 2, "养护里程"), c(4, 3, "≥120"), c(4, 4, "公里"),
            c(4, 5, 30, r2=5),
            c(5, 2, "桥梁检查座数"), c(5, 3, "≥15"), c(5, 4, "座"),
            c(6, 1, "质量指标"), c(6, 2, "路况优良率"), c(6, 3, "≥80"), c(6, 4, "%"), c(6, 5, 20),
            c(7, 0, "效益指标"), c(7, 1, "社会效益指标"), c(7, 2, "群众出行条件"), c(7, 3, "明显改善"), c(7, 4, None),
            c(7, 5, 30),
            c(8, 0, "满意度指标"), c(8, 1, "服务对象满意度指标"), c(8, 2, "群众满意度"), c(8, 3, "≥90"), c(8, 4, "%"),
            c(8, 5, 10)]


@pytest.mark.parametrize("kind", KINDS)
def test_a_merged_weight_on_a_form_is_one_for_the_group(tmp_path, kind):
    """分值 30 merged over 养护里程 and 桥梁检查座数: read once (on the row where it starts), so the
    weights add up to 90, not 120 — no PG-K07 (neither a wrong total nor rows missing theirs)."""
    table = read_table(written(kind, tmp_path, [_merged_weight_form()]))
    p = table.projects()[0]
    assert [i.name for i in p.indicators] == ["养护里程", "桥梁检查座数", "路况优良率", "群众出行条件", "群众满意度"]
    assert [i.weight for i in p.indicators] == [30, None, 20, 30, 10]
    assert p.indicators[1].field_locations["weight"] == p.indicators[0].field_locations["weight"]
    assert not [i for i in check_table(table) if i.code == "PG-K07"]
    assert "共用的一个分值" in hints(table)


def test_separate_weights_are_each_rows_own(tmp_path):
    """The same form with a 分值 on every row (no merge): each row's own, and a wrong total still said."""
    cells = [cell for cell in _merged_weight_form() if cell[:2] != (4, 5)]
    cells += [c(4, 5, 30), c(5, 5, 30)]
    table = read_table(written("xlsx", tmp_path, [cells]))
    assert [i.weight for i in table.projects()[0].indicators] == [30, 30, 20, 30, 10]
    assert [i for i in check_table(table) if i.code == "PG-K07"]  # 120: said


# --- a row saying the indicator does not apply is a placeholder ----------------------------------

def _selfeval_with_na(name: str, value: str) -> list:
    return [*_head(),
            c(3, 0, "一级指标"), c(3, 1, "二级指标"), c(3, 2, "三级指标"), c(3, 3, "年度指标值"), c(3, 4, "实际完成值"),
            c(3, 5, "得分"),
            c(4, 0, "产出指标"), c(4, 1, "数量指标"), c(4, 2, "养护里程"), c(4, 3, "≥120公里"), c(4, 4, "126公里"),
            c(4, 5, 50),
            c(5, 0, "效益指标"), c(5, 1, "生态效益指标"), c(5, 2, name), c(5, 3, value), c(5, 4, value),
            c(6, 0, "效益指标"), c(6, 1, "社会效益指标"), c(6, 2, "群众出行条件"), c(6, 3, "改善"), c(6, 4, "改善"),
            c(6, 5, 30)]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("name", "value"), [("本项目不适用此指标", "无"), ("不涉及", "—")])
def test_a_selfeval_row_saying_the_indicator_does_not_apply_is_no_indicator(tmp_path, kind, name, value):
    """生态效益指标 | 本项目不适用此指标 | 无 | 无 on a 自评表: a placeholder row, skipped and said."""
    table = read_table(written(kind, tmp_path, [_selfeval_with_na(name, value)]))
    assert table.projects()[0].indicators[0].actual_value is not None  # read as a 自评表
    assert [i.name for i in table.projects()[0].indicators] == ["养护里程", "群众出行条件"]
    assert not [e for e in errors(table) if e.startswith(("PG-S05", "PG-E01"))]
    assert name in hints(table)


def test_a_long_format_row_saying_the_indicator_does_not_apply_is_no_indicator(tmp_path):
    """One indicator per row (long format): 本项目不涉及 | 无 is a placeholder row (PG-S06, said), not an
    indicator with an empty value."""
    path = tmp_path / "l.csv"
    path.write_text("项目名称,一级指标,二级指标,三级指标,指标值\n"
                    "农村公路养护,产出指标,数量指标,养护里程,≥120公里\n"
                    "农村公路养护,效益指标,生态效益指标,本项目不涉及,无\n"
                    "农村公路养护,效益指标,社会效益指标,群众出行条件,改善\n", encoding="utf-8")
    table = read_table(path)
    assert [i.name for i in table.projects()[0].indicators] == ["养护里程", "群众出行条件"]
    assert any("本项目不涉及" in p.message for p in table.problems)
    assert not [i for i in check_table(table) if i.code == "PG-S05"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_scored_not_applicable_row_stays_an_indicator(tmp_path, kind):
    """本项目不适用此指标 | 无 | 无 with 得分 10 printed: the province gave its points, so the row is
    scored — kept as an indicator (its points count), not dropped as a placeholder."""
    cells = [cell for cell in _selfeval_with_na("本项目不适用此指标", "无") if cell[:2] != (5, 5)]
    cells.append(c(5, 5, 10))
    table = read_table(written(kind, tmp_path, [cells]))
    inds = table.projects()[0].indicators
    assert [i.name for i in inds] == ["养护里程", "本项目不适用此指标", "群众出行条件"]
    assert inds[1].score == 10


@given(st.text(max_size=300), st.text(max_size=50))
def test_the_row_kind_helpers_take_any_text(name, value):
    """Hostile text: the helpers never raise, and a name saying 不适用 inside a long sentence is no
    placeholder (only a short statement is)."""
    from perfgoals_xl.sources.vocabulary import is_bare_label, is_not_applicable, is_void_indicator

    is_bare_label(name)
    is_void_indicator(name, [value], [value])
    assert not is_not_applicable("为" * 30 + name + "不适用")


def test_the_row_kind_helpers_stay_linear_on_long_text():
    """A very long cell is looked at in bounded time."""
    import time

    from perfgoals_xl.sources.vocabulary import is_bare_label, is_not_applicable

    text = "本项目" + "无此" * 200_000 + "："
    start = time.perf_counter()
    for _ in range(100):
        is_not_applicable(text)
        is_bare_label(text)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("kind", KINDS)
def test_a_label_beside_a_blank_label_on_a_selfeval_form_is_no_value(tmp_path, kind):
    """主管部门: left blank with 项目联络人: beside it on a 自评表: a text ending with its colon is a label,
    never the department."""
    cells = _selfeval_with_na("本项目不适用此指标", "无")
    cells = [cell for cell in cells if cell[0] != 1] + [
        c(1, 0, "主管部门:"), c(1, 1, None, c2=2), c(1, 3, "项目联络人:"), c(1, 4, None, c2=5)]
    table = read_table(written(kind, tmp_path, [cells]))
    p = table.projects()[0]
    assert "项目联络人" not in f"{p.department}{table.department}"
    assert p.name == "农村公路养护"


def test_a_zero_filled_name_is_looked_for_only_where_one_can_start():
    """row_kinds._is_zero looks at a name only when its first character is a digit (a cheap gate on
    every indicator row): no other character's compatibility form begins a 0-filled cell (0, 0.00, 0%)."""
    import sys
    import unicodedata

    from perfgoals_xl.sources.row_kinds import _ZERO, _is_zero

    gated = [chr(cp) for cp in range(sys.maxunicode + 1) if not 0xD800 <= cp <= 0xDFFF
             and not chr(cp).isdigit() and not chr(cp).isspace()  # (white space: stripped before the gate)
             and _ZERO.match(unicodedata.normalize("NFKC", chr(cp) + "0").strip())]
    assert gated == []
    assert [_is_zero(t) for t in ("0", "０.００%", " 0.00", "⓪", "0件", "零", "")] == [
        True, True, True, True, False, False, False]
