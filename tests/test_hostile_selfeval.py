"""`perfgoals score` on a 部门整体支出绩效自评表 with hostile 分值 and 得分 (issue #20).

- a 分值 or 得分 that is no usable number (1e308, NaN, inf, 400 digits, 1e400) was dropped without a
  word: the score silently fell back to the default split (分值来源 默认分配). Now each is a PG-S01
  finding at its cell, and the 自评表 is still written (every number in it finite);
- a number printed in the budget block is a whole token: ``1e+308`` was read as 1, 400 nines as
  999999999999999 (PG-E10 then said "分值 1e+15"), ``-5`` as 5;
- a negative 分值 counts as 0 and the table gets no grade (PG-E07, as before).
"""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.cli import main
from perfgoals_xl.model import Project
from perfgoals_xl.rules.selfeval import _printed_number
from perfgoals_xl.scoring.project import printed_budget_weight
from tests.department_fixtures import department_selfeval_xlsx

HOSTILE = {"1e308": 1e308, "NaN": "NaN", "inf": "inf", "-inf": "-inf", "400 digits": "9" * 400, "1e400": "1e400",
           "Infinity": "Infinity"}


def _hostile_form(tmp_path: Path, value: object) -> Path:
    path = department_selfeval_xlsx(tmp_path / "自评表.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.active
    for r in range(10, 14):  # 分值 and 得分 of every indicator
        sheet.cell(r, 6).value = value
        sheet.cell(r, 7).value = value
    sheet.cell(4, 6).value = value  # the budget line's 分值 and 得分
    sheet.cell(4, 8).value = value
    book.save(path)
    return path


def _issues(out: Path) -> list[tuple]:
    sheet = openpyxl.load_workbook(out)["问题清单"]
    return [row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_an_unusable_score_value_is_said_at_its_cell_and_the_form_is_written(tmp_path, capsys, kind):
    out = tmp_path / "out.xlsx"
    code = main(["score", str(_hostile_form(tmp_path, HOSTILE[kind])), "-o", str(out)])
    err = capsys.readouterr().err
    assert code in (0, 1) and "内部错误" not in err and "Traceback" not in err, err
    said = [row for row in _issues(out) if row[1] == "PG-S01" and "不是可用的数字" in str(row[6])]
    places = {row[8] for row in said}
    assert all("分值、得分填一个数" in str(row[7]) for row in said)  # its own hint, not the item format's
    assert {"自评表!F10", "自评表!F13", "自评表!G10", "自评表!F4", "自评表!H4"} <= places, said
    book = openpyxl.load_workbook(out)
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, float) and not math.isfinite(cell.value)), cell.coordinate
    with zipfile.ZipFile(out) as zf:
        xml = "".join(zf.read(n).decode() for n in zf.namelist() if n.startswith("xl/worksheets/"))
    formulas = re.findall(r"<f>([^<]*)</f>", xml)
    assert not [f for f in formulas if re.search(r"(?i)e400|nan|inf|9{20}", f)], formulas  # no user text in one


def test_the_usable_form_says_nothing_of_the_kind(tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    main(["score", str(department_selfeval_xlsx(tmp_path / "自评表.xlsx")), "-o", str(out)])
    assert not [row for row in _issues(out) if row[1] == "PG-S01"]


@pytest.mark.parametrize(("text", "weight", "printed"), [
    ("10", 10.0, 10.0), ("20分", 20.0, 20.0), ("（20分）", 20.0, 20.0), ("96.47%", 96.47, 96.47),
    ("1e+308", None, None), ("1e400", None, None), ("9" * 400, None, None), ("-5", None, -5.0),
    ("1.2.3", None, None), ("nan", None, None), ("1,234.5万元", None, 1234.5)])
def test_a_printed_number_is_a_whole_token(text, weight, printed):
    assert printed_budget_weight(Project(name="p", budget_block={"weight": text})) == weight
    assert _printed_number(text) == printed


def test_a_negative_score_value_counts_as_nothing_and_gives_no_grade(tmp_path, capsys):
    out = tmp_path / "out.xlsx"
    assert main(["score", str(_hostile_form(tmp_path, -30)), "-o", str(out)]) == 1
    assert "无等级" in capsys.readouterr().out
