"""The corpus variation pass (tests/corpus/variations.py): its grid edits keep merges right, its
variations change what they say and keep the meaning, and a few found classes stay fixed on two
real entries (the whole pass runs outside the suite: ~30 s)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))

import variations as v  # noqa: E402
from build import Table, page_tables, table_grid  # noqa: E402
from corpus_fidelity import load_entries  # noqa: E402


def _grid() -> Table:
    """项目名称 | name (merged over 3 columns); a level merged down two rows."""
    t = Table(cells={(0, 0): "项目名称", (0, 1): "养护", (1, 0): "一级指标", (1, 1): "二级指标", (1, 2): "三级指标",
                     (1, 3): "指标值", (2, 0): "产出指标", (2, 1): "数量指标", (2, 2): "里程", (2, 3): "≥120公里",
                     (3, 1): "质量指标", (3, 2): "优良率", (3, 3): "≥80%"},
              merges=[(0, 1, 0, 3), (2, 0, 3, 0)], rows=4, cols=4)
    return t


def test_a_row_or_column_inserted_moves_cells_and_grows_the_merges_it_crosses():
    t = _grid()
    v.insert_row(t, 3)
    assert t.rows == 5 and t.cells[(4, 2)] == "优良率" and (2, 0, 4, 0) in t.merges
    v.insert_col(t, 2)
    assert t.cols == 5 and t.cells[(4, 3)] == "优良率" and (0, 1, 0, 4) in t.merges


def test_a_page_written_from_a_grid_lays_out_as_the_same_grid():
    import lxml.html

    t = _grid()
    again = table_grid(lxml.html.fromstring(v._table_html(t)))
    assert again.cells == t.cells and sorted(again.merges) == sorted(t.merges)


def test_variations_apply_where_they_should_and_keep_the_meaning():
    t = _grid()
    out, _ = v.unmerge(fill=True)([t], {})
    assert out[0].cells[(3, 0)] == "产出指标" and (2, 0, 3, 0) not in out[0].merges
    out, _ = v.count_row([t], {})
    assert [out[0].cells.get((2, c)) for c in range(4)] == ["1", "2", "3", "4"]
    out, _ = v.seq_column([t], {})
    assert [out[0].cells.get((r, 0)) for r in range(4)] == ["项目名称", "序号", "1", "2"]  # 项目名称 widened
    assert v.synonym("level1", "一级指标名称").apply([t], {})[0][0].cells[(1, 0)] == "一级指标名称"
    assert v.synonym("level1", "一级指标").apply([t], {}) is None  # nothing to respell


def test_the_amounts_in_yuan_change_with_their_expectation():
    t = Table(cells={(0, 0): "项目名称", (0, 1): "养护", (1, 0): "年度资金总额（万元）", (1, 1): "25",
                     (2, 0): "三级指标", (2, 1): "指标值", (3, 0): "养护里程", (3, 1): "25"}, rows=4, cols=2)
    t.cells[(2, 2)] = "一级指标"
    t.cols = 3
    out, exp = v.yuan([t], {"projects": [{"amounts": {"total": "25"}}]})
    assert out[0].cells[(1, 1)] == "250000" and out[0].cells[(1, 0)] == "年度资金总额（元）"
    assert out[0].cells[(3, 1)] == "25"  # an indicator value is no amount
    assert exp["projects"][0] == {"amounts": {"total": "250000"}, "amount_unit": "元"}


def test_harness_corrections_of_session_19():
    """The level respellings leave an indicator named like its level alone (三级指标 数量指标); the 元
    variation leaves a goal written as the amount (预期目标 | 25) and adds the unit line when the only 元
    label stands over no converted amount; 金额标签注（万元） is no variation of a 元 table."""
    t = Table(cells={(0, 0): "一级指标", (0, 1): "二级指标", (0, 2): "三级指标", (0, 3): "指标值",
                     (1, 0): "产出指标", (1, 1): "数量指标", (1, 2): "数量指标", (1, 3): "10"}, rows=2, cols=4)
    out = v._map_level_cells([t], v._short_level)
    assert [out[0].cells[(1, c)] for c in range(3)] == ["产出", "数量", "数量指标"]
    t = Table(cells={(0, 0): "项目名称", (0, 1): "养护", (0, 2): "分配金额（万元）", (1, 0): "年度资金总额", (1, 1): "25",
                     (2, 0): "预期目标", (2, 1): "25", (3, 0): "一级指标", (3, 1): "三级指标", (3, 2): "指标值"},
              rows=4, cols=3)
    out, exp = v.yuan([t], {"projects": [{"amounts": {"total": "25"}, "goal": "25"}]})
    assert out[0].cells[(1, 1)] == "250000" and out[0].cells[(2, 1)] == "25"
    assert out[0].before[-1] == "单位：元"  # (分配金额（元） stands over no converted amount)
    assert v.amount_label_unit([t], {"projects": [{"amount_unit": "元"}]}) is None
    assert v.amount_label_unit([t], {"projects": [{"amount_unit": "万元"}]}) is not None
    t = Table(cells={(0, 0): "总体目标", (0, 1): "年度目标", (0, 3): "年度总体目标完成情况", (1, 1): "完成任务"},
              rows=2, cols=4)
    assert v.relabel("goal", "绩效目标").apply([t], {}) is None  # (a goal block's sub-heads keep their words)


def test_a_department_tables_level_column_is_centred_whatever_its_names():
    """级别字在组中间行 centres every merge of a level column, a department table's 分解目标 (管理指标, a name
    of the table's own) and its 自评权重 beside it included — a PDF centres them all, not only 产出指标."""
    t = Table(cells={(0, 0): "分解目标", (0, 1): "自评权重", (0, 2): "二级指标", (1, 0): "管理指标", (1, 1): "30",
                     (1, 2): "预算编审", (2, 2): "预算执行", (3, 2): "资产管理", (4, 0): "产出指标", (4, 1): "25",
                     (4, 2): "数量指标", (5, 2): "质量指标", (6, 2): "时效指标"},
              merges=[(1, 0, 3, 0), (1, 1, 3, 1), (4, 0, 6, 0), (4, 1, 6, 1)], rows=7, cols=3)
    out, _ = v.level_text_mid([t], {})
    assert [out[0].cells.get((r, 0)) for r in range(1, 7)] == [None, "管理指标", None, None, "产出指标", None]
    assert [out[0].cells.get((r, 1)) for r in range(1, 7)] == [None, "30", None, None, "25", None]
    assert out[0].merges == []


def test_printed_lines_and_padding_keep_the_text():
    """单元格内折行 breaks a long Chinese text between two Chinese characters about every ten, never inside a
    number or a short text; 段首全角空格 indents paragraphs only; 不间断空格 pads every cell."""
    wrapped = v._wrapped("资金总额:183.58万元整的项目资金用于养护")
    assert wrapped.replace("\n", "") == "资金总额:183.58万元整的项目资金用于养护" and "183.58" in wrapped.split("\n")[0]
    assert all(len(line) >= 2 for line in wrapped.split("\n"))
    assert v._wrapped("145000000.00") == "145000000.00" and v._wrapped("指标4.不合格") == "指标4.不合格"
    assert v._indent("完成全县职业技能培训任务，提升就业能力。").startswith("\u3000\u3000") and v._indent("数量指标") == "数量指标"
    assert v._nbsp("25") == "\xa025\xa0" and v._nbsp("") == ""


def test_a_paste_into_excel_types_percentages_and_grouped_numbers():
    """typed.xlsx: 95% → 0.95 shown 0%, 83.50% → 0.835 shown 0.00%, 1,234.50 → 1234.5 shown #,##0.00; a
    target with its operator (≥95%) or a plain text stays text."""
    from build import _excel_typed

    assert _excel_typed("95%") == (0.95, "0%") and _excel_typed("83.50%") == (0.835, "0.00%")
    assert _excel_typed("1,234.50") == (1234.5, "#,##0.00") and _excel_typed("1,200") == (1200.0, "#,##0")
    assert _excel_typed("≥95%") is None and _excel_typed("12,34") is None and _excel_typed("产出指标") is None


def test_goal_texts_moved_beside_their_heads_and_the_total_written_in_one_cell():
    """goals_beside: 年度总体目标 (merged down two rows) | 预期目标 | 实际完成情况 over the texts becomes
    one row of heads and texts (the text row deleted, the label's merge shrunk); inline_total: the
    总分 row becomes one cell 总分:83 merged across."""
    t = Table(cells={(0, 0): "年度总体目标", (0, 1): "预期目标", (0, 4): "实际完成情况", (1, 1): "养护道路", (1, 4): "完成养护",
                     (2, 0): "一级指标", (2, 1): "二级指标", (2, 2): "三级指标", (2, 3): "指标值", (2, 4): "得分",
                     (3, 0): "总分", (3, 4): "83"},
              merges=[(0, 0, 1, 0), (0, 1, 0, 3), (0, 4, 0, 6), (1, 1, 1, 3), (1, 4, 1, 6)], rows=4, cols=7)
    out, _ = v.goals_beside([t], {})
    row = [out[0].cells.get((0, c)) for c in range(7)]
    assert row == ["年度总体目标", "预期目标", "养护道路", None, "实际完成情况", "完成养护", None]
    assert sorted(out[0].merges) == [(0, 2, 0, 3), (0, 5, 0, 6)] and out[0].rows == 3
    assert out[0].cells[(1, 2)] == "三级指标"
    assert v.goals_beside(out, {}) is None  # (beside already: nothing to move)
    out, _ = v.inline_total([t], {"projects": [{"total_score": 83}]})
    assert out[0].cells[(3, 0)] == "总分:83" and (3, 0, 3, 6) in out[0].merges and (3, 4) not in out[0].cells


ENTRIES = {e.id: e for e in load_entries()}
FOUND = ["表头同义:level1→一级指标名称", "表头同义:score→评分", "栏次行（表头下 1 2 3…）", "序号列",
         "全部纵向合并逐行重复", "标签同义:goal→年度绩效总目标", "总分写在一格（总分:83）", "目标与小标题并排"]


@pytest.mark.parametrize("entry", ["ah-yuan-2022-selfeval-wenwu", "hb-xiangyang-2021-selfeval-dongjin"])
def test_found_classes_stay_fixed_on_real_entries(tmp_path, entry):
    """Each found class, applied to a real 自评表, reads as well as the unvaried table, with no new error finding."""
    chosen = [x for x in v.variations() if x.name in FOUND]
    assert len(chosen) == len(FOUND)
    outcomes = v.run([ENTRIES[entry]], chosen, tmp_path)
    assert outcomes and page_tables((ENTRIES[entry].path / "page.html").read_bytes())
    assert [(o.variation, o.lost, o.gained_false) for o in outcomes if o.lost > 0 or o.gained_false > 0] == []


@pytest.mark.parametrize("entry_id", ["jx-jingdezhen-fuliang-2026-department-linye", "gs-jiayuguan-2023-form-bowuguan",
                                      "cq-fengdu-2022-form-fujing"])
def test_a_split_table_printed_from_its_web_page_reads_whole(entry_id: str, tmp_path: Path) -> None:
    """分页拆成两表（续表重印表头）printed by Writer (each part laid out on its own): the parts touch and
    pdfplumber finds them as one table — of two widths (fengdu), of one width with its own column lines
    (浮梁 林业局: containers/pdf_pages._laid_apart), or under a header reprinted over fewer columns
    (嘉峪关 博物馆: pdf._Building.header_edges). Each reads as its saved page does."""
    from pdf_fixtures import soffice_or_skip

    soffice_or_skip()
    entry = next(e for e in load_entries() if e.id == entry_id)
    variation = next(x for x in v.variations() if x.name == "分页拆成两表（续表重印表头）")
    tables, expected = variation.apply(page_tables((entry.path / "page.html").read_bytes()), entry.expected)
    got = v.read_variant(entry, tables, expected, tmp_path, "printed.pdf")
    assert got.right == got.total, got.misses[:4]
