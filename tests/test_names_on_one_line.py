"""A name printed over two lines of its cell — a PDF made a workbook keeps each printed line, a web page
breaks a narrow column with ``<br>`` — is one name; a finding quoting it is one line. Found by the corpus
variation 单元格内折行（PDF 转换）: 遂宁's real PG-S05 on 指标4.不合格产品处置率 came out over two lines, and
the table's judgement no longer knew it. Goals, values and a text listing numbered items keep their lines."""

from __future__ import annotations

from pathlib import Path

import pytest
from grid_files import held_file
from hypothesis import given
from hypothesis import strategies as st

from perfgoals_xl.rules import check_table
from perfgoals_xl.sources import read_table
from perfgoals_xl.text_clean import one_line

N = None


def test_one_line_joins_chinese_and_spaces_latin() -> None:
    assert one_line("指标4.不合格产品处\n置率") == "指标4.不合格产品处置率"
    assert one_line("覆盖率≥2\r\n  次") == "覆盖率≥2次"
    assert one_line("Word\nfile") == "Word file"
    assert one_line("覆盖\r错误") == "覆盖\r错误"  # (a lone carriage return is no break: shown where printed)
    assert one_line("一行") == "一行"


@given(st.text(alphabet=st.sampled_from("产出a1 \n\r\u3000≥%"), max_size=200))
def test_one_line_leaves_no_line_feed_and_keeps_every_other_character(text: str) -> None:
    joined = one_line(text)
    assert "\n" not in joined
    assert [c for c in joined if c not in " \t\u3000\r"] == [c for c in text if c not in " \t\u3000\r\n"]


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_wrapped_names_read_as_one_and_findings_on_one_line(tmp_path: Path, kind: str) -> None:
    rows = [["项目名称", "药品监管专项\n经费", N, N], ["主管部门", "某县市场\n监督管理局", N, N], ["年度资金总额", "58", N, N],
            ["年度目标", "完成药品抽验。\n完成企业监管。", N, N],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "药品抽验\n品种", "≥3个"], [N, "质量指标", "指标4.不合格产品处\n置率", N],
            ["效益指标", "社会效益指标", "群众用药安全\n知晓率", "≥90%"],
            ["满意度指标", "服务对象满意度指标", "企业满意度", "≥90%"]]
    table = read_table(held_file(tmp_path, kind, rows))
    [project] = table.projects()
    assert project.name == "药品监管专项经费" and table.department == "某县市场监督管理局"
    assert [i.name for i in project.indicators] == ["药品抽验品种", "指标4.不合格产品处置率", "群众用药安全知晓率",
                                                    "企业满意度"]
    assert project.goal == "完成药品抽验。\n完成企业监管。"
    blank = [f.message for f in check_table(table) if f.code == "PG-S05"]
    assert blank and all("“指标4.不合格产品处置率”" in m and "\n" not in m for m in blank)
