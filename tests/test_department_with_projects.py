"""A file holding a department-wide table and project tables (a budget workbook's 部门整体 sheet beside
its 项目 sheets, or a disclosure page pasted whole into one sheet): both are read, both are checked,
and every output carries both — the department's plan and the projects' units, in whichever order the
file holds them."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from test_corpus_metamorphic import CORPUS, signature

from perfgoals_xl import check_table
from perfgoals_xl.cli import main
from perfgoals_xl.sources import read_table

DEPARTMENT = CORPUS / "hn-hengyang-2025-department-fuliyuan" / "pasted.xlsx"
PROJECT = CORPUS / "hn-xiangtan-2024-form-wupaoche" / "pasted.xlsx"


def _two_sheets(path: Path, sources: list[Path]) -> Path:
    """Each table's first sheet as a sheet of one workbook, its merges kept."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for n, source in enumerate(sources, 1):
        part = openpyxl.load_workbook(source).worksheets[0]
        ws = book.create_sheet(f"表{n}")
        for row in part.iter_rows():
            for cell in row:
                if cell.value is not None:
                    ws.cell(cell.row, cell.column, cell.value).data_type = cell.data_type
        for m in part.merged_cells.ranges:
            ws.merge_cells(m.coord)
    book.save(path)
    return path


@pytest.fixture(params=["department-first", "projects-first"])
def both(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    order = [DEPARTMENT, PROJECT] if request.param == "department-first" else [PROJECT, DEPARTMENT]
    return _two_sheets(tmp_path / "部门预算.xlsx", order)


def test_both_tables_are_read(both: Path) -> None:
    table = read_table(both)
    assert table.kind == "department" and table.plan is not None
    assert signature(both) == signature(DEPARTMENT) + signature(PROJECT)
    # the projects keep the department their own table names
    assert {p.department for p in table.projects()} == {"湘潭市城市管理和综合执法局"}


def test_the_projects_are_checked_with_the_department(both: Path) -> None:
    issues = check_table(read_table(both))
    alone = check_table(read_table(PROJECT))
    project_codes = sorted((i.code, i.location.seq) for i in alone if i.location.project)
    assert project_codes  # (the form has findings of its own to compare)
    assert sorted((i.code, i.location.seq) for i in issues if i.location.project) == project_codes
    department_codes = sorted(i.code for i in check_table(read_table(DEPARTMENT)) if not i.location.project)
    assert sorted(i.code for i in issues if not i.location.project and i.code != "PG-S11") == \
        sorted(c for c in department_codes if c != "PG-S11")


def test_the_report_has_both_sheets_and_the_csv_both_rows(both: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "报表.xlsx"
    assert main(["report", str(both), "-o", str(report)]) == 0
    assert "另有 1 个项目（7 条指标）" in capsys.readouterr().out
    book = openpyxl.load_workbook(report)
    assert book.sheetnames == ["部门整体支出绩效目标表", "项目支出绩效目标表"]
    project_sheet = [str(c.value) for row in book["项目支出绩效目标表"].iter_rows() for c in row if c.value]
    assert any("雾炮车抑尘降尘服务" in t for t in project_sheet) and "部门名称：湘潭市城市管理和综合执法局" in project_sheet
    data = tmp_path / "数据.csv"
    assert main(["import", str(both), "-o", str(data)]) == 0
    with data.open(encoding="utf-8-sig") as f:
        kinds = [row["表类型"] for row in csv.DictReader(f)]
    assert kinds.count("department") == 7 and kinds.count("project") >= 7


def test_the_csv_reads_back_as_the_projects_saying_the_department_rows_were_left(both: Path, tmp_path: Path) -> None:
    data = tmp_path / "数据.csv"
    assert main(["import", str(both), "-o", str(data)]) == 0
    back = read_table(data)
    assert [p.name for p in back.projects()] == ["雾炮车抑尘降尘服务"]
    assert [len(p.indicators) for p in back.projects()] == [7]
    assert any("表类型为 department 的行" in p.message for p in back.problems)
    assert not [i for i in check_table(back) if i.severity == "error"]  # (no row read as an orphan indicator)


def test_a_department_tables_csv_is_refused_naming_why(tmp_path: Path) -> None:
    data = tmp_path / "部门.csv"
    assert main(["import", str(DEPARTMENT), "-o", str(data)]) == 0
    with pytest.raises(Exception, match="表类型为 department 的行是部门整体支出绩效目标表的指标"):
        read_table(data)


def test_score_says_it_scores_the_department_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    both = _two_sheets(tmp_path / "自评.xlsx", [CORPUS / "hb-tongcheng-2020-department_selfeval-tanghu" / "pasted.xlsx",
                                               CORPUS / "yn-baoshan-2023-selfeval-nengyuan" / "pasted.xlsx"])
    assert read_table(both).projects()
    main(["score", str(both), "-o", str(tmp_path / "评分.xlsx")])
    assert "文件中另有 1 个项目的表，自评表只按部门整体支出评分" in capsys.readouterr().err


def test_json_keeps_both(both: Path, tmp_path: Path) -> None:
    data = tmp_path / "数据.json"
    assert main(["import", str(both), "-o", str(data)]) == 0
    assert read_table(data) == read_table(both)


def test_forms_are_the_projects_and_say_the_department_has_none(both: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    forms = tmp_path / "申报表.xlsx"
    assert main(["report", str(both), "--form", "-o", str(forms)]) == 0
    assert "部门整体支出绩效目标表没有申报表" in capsys.readouterr().err
    assert len(openpyxl.load_workbook(forms).sheetnames) == 1


def test_the_letter_counts_the_department_and_its_projects(both: Path, tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import docx

    letter = tmp_path / "审核意见.docx"
    main(["letter", str(both), "-o", str(letter)])
    text = "\n".join(p.text for p in docx.Document(letter).paragraphs)
    assert "共 2 个项目、14 条绩效指标" in text and "（二）雾炮车抑尘降尘服务" in text


def test_diff_sees_the_projects_changes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    old = _two_sheets(tmp_path / "原.xlsx", [DEPARTMENT, PROJECT])
    book = openpyxl.load_workbook(old)
    for row in book["表2"].iter_rows():
        for cell in row:
            if cell.value == "80M":
                cell.value = "100M"
    new = tmp_path / "新.xlsx"
    book.save(new)
    main(["diff", str(old), str(new), "--color", "never"])
    out = capsys.readouterr().out
    assert "“雾炮车风炮射程” 实施周期指标值：“80M” → “100M”" in out
