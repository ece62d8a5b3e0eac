"""`perfgoals diff`: two versions of a table compared — changes field by field, findings fixed,
new and still open — on versions built from the seed and from real corpus tables."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from perfgoals_xl.cli import main
from perfgoals_xl.review import diff_files, diff_tables
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table
from tests.review_versions import second_round, seed_path
from tests.sheetcheck import assert_print_setup, render_pdf, soffice

CORPUS = Path(__file__).parent / "corpus"


@pytest.fixture()
def rounds(tmp_path) -> tuple[Path, Path]:
    """The seed as published (text) and the unit's second round as an entry workbook."""
    new = tmp_path / "第二轮.xlsx"
    write_data(second_round(read_table(seed_path())), new)
    return seed_path(), new


def _indicator(diff, project: str, name: str, *, kinds=None):
    p = next(p for p in diff.projects if p.name == project)
    return next(i for i in p.indicators if i.name == name and (kinds is None or i.kind in kinds))


def test_a_table_with_itself_has_no_changes_and_exit_0(capsys):
    path = str(seed_path())
    assert main(["diff", path, path, "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "两个版本内容相同" in out
    diff = diff_files(path, path)
    assert diff.unchanged()
    counts = diff.findings.counts()
    assert counts["new"] == counts["fixed"] == 0 and counts["open"] > 0
    assert all(i.kind == "same" for p in diff.projects for i in p.indicators)


def test_every_change_of_the_second_round_is_found(rounds):
    diff = diff_files(*rounds)
    renamed = _indicator(diff, "车辆租用经费", "车辆派遣按时率")
    assert renamed.kind == "renamed"
    assert [(c.field, c.old, c.new) for c in renamed.changes] == [("name", "车辆派遣及时率", "车辆派遣按时率")]
    value = _indicator(diff, "驻京工作保障", "报送调研报告数量")
    assert (value.kind, [(c.field, c.old, c.new) for c in value.changes]) == (
        "changed", [("annual_value", "12", "15")])
    level = _indicator(diff, "驻京工作保障", "驻京信访负面影响及炒作")
    assert level.kind == "moved" and [(c.field, c.old, c.new) for c in level.changes] == [
        ("level2", "社会效益", "可持续影响")]
    gone = _indicator(diff, "车辆租用经费", "车辆安全保障")
    assert gone.kind == "removed" and gone.new is None and gone.old.seq == 3
    added = _indicator(diff, "车辆租用经费", "公务出行保障水平")
    assert added.kind == "added" and added.old is None and added.new.annual_value == "稳定"
    moved_out = _indicator(diff, "驻京工作保障", "上访群众接离率")
    moved_in = _indicator(diff, "其他运行经费", "上访群众接离率")
    assert (moved_out.kind, moved_out.new, moved_out.other_project) == ("moved", None, "其他运行经费")
    assert (moved_in.kind, moved_in.other_project) == ("moved", "驻京工作保障")
    other = next(p for p in diff.projects if p.name == "其他运行经费")
    assert ("total", "20.60", "22.60") in [(c.field, c.old, c.new) for c in other.changes]
    counts = diff.counts()
    assert counts == {**counts, "indicators_renamed": 1, "indicators_changed": 2, "indicators_moved": 2,
                      "indicators_added": 1, "indicators_removed": 1, "projects_changed": 1,
                      "projects_added": 0, "projects_removed": 0}


def test_findings_fixed_new_and_open_by_rule_and_place(rounds):
    diff = diff_files(*rounds)
    status = {(s.status, s.finding.code, s.finding.project, s.finding.indicator) for s in diff.findings.items}
    # the unit wrote 4辆 for both values: PG-Q03 fixed
    assert ("fixed", "PG-Q03", "车辆租用经费", "长期租赁小型客车数量") in status
    # a finding on a deleted indicator is gone with it, and says so
    (gone,) = [s for s in diff.findings.items if s.finding.indicator == "车辆安全保障"]
    assert (gone.status, gone.gone_with, gone.label) == ("fixed", "indicator", "已整改（指标已删除）")
    assert all(not s.gone_with for s in diff.findings.items if s is not gone)
    # the vague new indicator: a new PG-Q08; 15 > 12 a new PG-K01 (an error)
    assert ("new", "PG-Q08", "车辆租用经费", "公务出行保障水平") in status
    assert ("new", "PG-K01", "驻京工作保障", "报送调研报告数量") in status
    # a finding follows its indicator into another project (PG-K03: a rate under 数量指标)
    assert ("open", "PG-K03", "其他运行经费", "上访群众接离率") in status
    # matched by place, not by message: PG-Q02 on 报送调研报告数量 quotes 12, then 15 — still open
    q02 = [s for s in diff.findings.items if s.finding.code == "PG-Q02" and s.finding.indicator == "报送调研报告数量"]
    assert q02 and all(s.status == "open" for s in q02)
    assert any(s.old and s.old.message != s.finding.message for s in q02)
    assert diff.findings.open_errors() > 0


def test_diff_exit_1_with_errors_left_and_the_three_outputs(rounds, tmp_path, capsys):
    old, new = map(str, rounds)
    assert main(["diff", old, new, "-o", str(tmp_path / "d.json")]) == 1
    data = json.loads((tmp_path / "d.json").read_text(encoding="utf-8"))
    assert data["counts"]["indicators_renamed"] == 1 and data["open_errors"] >= 1
    assert {f["status"] for f in data["findings"]} == {"open", "new", "fixed"}
    assert main(["diff", old, new, "-o", str(tmp_path / "d.csv"), "-q"]) == 1
    with open(tmp_path / "d.csv", encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {"类别", "情况", "项目名称", "原内容", "新内容", "规则"} <= set(rows[0])
    assert {"类别": "修改", "情况": "更名", "原内容": "车辆派遣及时率", "新内容": "车辆派遣按时率"}.items() <= next(
        r for r in rows if r["情况"] == "更名").items()
    assert any(r["情况"] == "已整改" and r["规则"] == "PG-Q03" for r in rows)
    out = capsys.readouterr().out
    assert "已整改" in out and "\033[" not in out  # not a terminal: no colours
    assert main(["diff", old, new, "-o", str(tmp_path / "d.json")]) == 2  # never overwritten without --force
    assert main(["diff", old, new, "-o", str(tmp_path / "d.txt")]) == 2


def test_colours_only_when_asked_and_never_with_no_color(rounds, capsys, monkeypatch):
    old, new = map(str, rounds)
    main(["diff", old, new, "--color", "always"])
    assert "\033[32m" in capsys.readouterr().out
    monkeypatch.setenv("NO_COLOR", "1")
    main(["diff", old, new])
    assert "\033[" not in capsys.readouterr().out


def test_xlsx_two_sheets_highlighted_and_print_ready(rounds, tmp_path):
    out = tmp_path / "对比.xlsx"
    assert main(["diff", *map(str, rounds), "-o", str(out)]) == 1
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["修改对照", "整改情况"]
    compare, findings = book["修改对照"], book["整改情况"]
    assert_print_setup(compare, title_rows="1:5")
    assert_print_setup(findings, title_rows="1:3")
    assert compare.freeze_panes == "A6" and findings.freeze_panes == "A4"
    assert "&P" in compare.oddFooter.center.text
    fills = {}
    for row in compare.iter_rows(min_row=6):
        for cell in row:
            if cell.value is not None:
                fills.setdefault(str(cell.value), set()).add(cell.fill.fgColor.rgb[-6:])
    assert "FFEB9C" in fills["15"]  # the changed value: yellow
    assert "FFEB9C" in fills["车辆派遣按时率"] and "FFEB9C" in fills["车辆派遣及时率"]
    assert "E2EFDA" in fills["公务出行保障水平"]  # added: green
    assert "FCE4D6" in fills["车辆安全保障"]  # removed: red
    states = [r[0].value for r in findings.iter_rows(min_row=4)]
    assert {"新发现", "仍未整改", "已整改"} <= set(states)
    assert states.index("新发现") < states.index("仍未整改") < states.index("已整改")
    for ws in (compare, findings):  # every wrapped row tall enough for its text
        for r in range(4, ws.max_row + 1):
            assert ws.row_dimensions[r].height and ws.row_dimensions[r].height >= 17


def test_renamed_and_changed_in_a_real_form(tmp_path):
    """A corpus 申报表 edited as a unit would: one indicator renamed, one value changed."""
    source = CORPUS / "cq-rongchang-2022-form-lvhua" / "pasted.xlsx"
    table = read_table(source)
    first = table.projects()[0].indicators[0]
    book = openpyxl.load_workbook(source)
    sheet = book[first.location.sheet]
    sheet[first.field_locations["name"].cell] = first.name + "长度"
    edited = tmp_path / "resubmitted.xlsx"
    book.save(edited)
    diff = diff_files(source, edited)
    ind = diff.projects[0].indicators[0]
    assert ind.kind == "renamed" and ind.changes[0].new == first.name + "长度"
    assert sum(i.kind != "same" for p in diff.projects for i in p.indicators) == 1


FORMS = sorted(d for d in CORPUS.glob("*-form-*") if (d / "pasted.xlsx").is_file())[:6]
FORMS.append(CORPUS / "fj-quanzhou-anxi-2022-form-shuili")  # a form naming no fund unit


@pytest.mark.parametrize("folder", FORMS, ids=[f.name for f in FORMS])
def test_matching_across_layouts_form_to_long_format(folder, tmp_path):
    """A form re-sent as a long-format sheet says the same: no change, indicator findings still open."""
    table = read_table(folder / "pasted.xlsx")
    long = tmp_path / "long.csv"
    write_data(table, long)
    again = read_table(long)
    assert again.layout == "longform"
    diff = diff_tables(table, again)
    assert diff.unchanged(), [(p.name, p.changes, [i.changes for i in p.indicators if i.kind != "same"])
                              for p in diff.projects if p.changed()]
    on_indicators = [s for s in diff.findings.items if s.finding.seq is not None]
    assert all(s.status == "open" for s in on_indicators), [
        (s.status, s.finding.code, s.finding.seq) for s in on_indicators if s.status != "open"]


def test_projects_matched_by_code_then_name(seed_table):
    import copy

    new = copy.deepcopy(seed_table)
    old_projects, new_projects = seed_table.projects(), new.projects()
    for n, (a, b) in enumerate(zip(old_projects, new_projects, strict=True)):
        a.code = b.code = f"4401{n:04d}"
    new_projects[0].name = "驻京综合工作保障经费"  # renamed beyond recognition, same code
    removed = new_projects[-1]
    new.units[0].projects.remove(removed)
    diff = diff_tables(seed_table, new)
    first = diff.projects[0]
    assert (first.kind, first.matched_by) == ("changed", "code")
    assert [(c.field, c.new) for c in first.changes] == [("name", "驻京综合工作保障经费")]
    assert [p.kind for p in diff.projects].count("removed") == 1
    assert diff.counts()["projects_removed"] == 1


def test_an_unreadable_version_is_exit_2_with_a_message(tmp_path, capsys):
    bad = tmp_path / "上一版.xlsx"
    bad.write_bytes(b"not a workbook")
    assert main(["diff", str(bad), str(seed_path())]) == 2
    assert "上一版.xlsx" in capsys.readouterr().err


def test_department_tables_compared(tmp_path):
    """A 部门整体支出绩效目标表 is one block: its indicators matched like a project's."""
    import copy

    folder = CORPUS / "fj-ningde-2019-department-dangshi"
    source = next(p for p in sorted(folder.iterdir()) if p.suffix in (".xlsx", ".docx", ".html"))
    table = read_table(source)
    assert table.kind == "department"
    assert diff_tables(table, copy.deepcopy(table)).unchanged()
    new = copy.deepcopy(table)
    gone = new.plan.indicators.pop(0)
    diff = diff_tables(table, new)
    (block,) = diff.projects
    assert [(i.kind, i.name) for i in block.indicators if i.kind != "same"] == [("removed", gone.name)]


def test_large_tables_stay_bounded():
    """Hundreds of projects with look-alike names, all renamed: names are not compared pairwise
    past MAX_FUZZY_PAIRS (bounded work); they are then removed and added, never wrongly paired."""
    import time

    from perfgoals_xl.model import FundUnit, PerfTable, Project

    def table(suffix: str) -> PerfTable:
        return PerfTable(department="某局", units=[FundUnit(name="某局", projects=[
            Project(name=f"项目{n:04d}{suffix}") for n in range(600)])])

    started = time.perf_counter()
    diff = diff_tables(table("甲"), table("乙"))
    assert time.perf_counter() - started < 20
    kinds = [p.kind for p in diff.projects]
    assert kinds.count("removed") == kinds.count("added") == 600


def test_a_few_renamed_projects_among_many_are_paired():
    from perfgoals_xl.model import FundUnit, PerfTable, Project

    names = [f"第{n}号道路维修养护工程" for n in range(300)]
    old = PerfTable(department="某局", units=[FundUnit(name="某局", projects=[Project(name=n) for n in names])])
    new = PerfTable(department="某局", units=[FundUnit(name="某局", projects=[
        Project(name=n + "（续建）" if k % 30 == 0 else n) for k, n in enumerate(names)])])
    diff = diff_tables(old, new)
    renamed = [p for p in diff.projects if p.changes]
    assert len(renamed) == 10 and all(p.matched_by == "similar" for p in renamed)
    assert all(p.changes[0].old + "（续建）" == p.changes[0].new for p in renamed)


_SEED = read_table(seed_path())


@given(st.data())
@settings(max_examples=40, deadline=None)
def test_reordering_is_no_change_and_deletions_are_found(data):
    """Any order of the indicators (renumbered) is the same table; deleting any of them is
    found as exactly those deletions, the rest unchanged."""
    import copy

    new = copy.deepcopy(_SEED)
    deleted: set[tuple[str, str]] = set()
    for project in new.projects():
        order = data.draw(st.permutations(range(len(project.indicators))))
        keep = data.draw(st.lists(st.booleans(), min_size=len(order), max_size=len(order)))
        project.indicators = [project.indicators[k] for k, kept in zip(order, keep, strict=True) if kept]
        deleted |= {(project.name, i.name) for i in _seed_project(project.name).indicators
                    if i.name not in {x.name for x in project.indicators}}
        for n, ind in enumerate(project.indicators, 1):
            ind.seq = n
    diff = diff_tables(_SEED, new)
    found = {(p.name, i.name) for p in diff.projects for i in p.indicators if i.kind == "removed"}
    assert found == deleted
    assert all(i.kind in ("same", "removed") for p in diff.projects for i in p.indicators)
    assert not any(p.changes for p in diff.projects)


def _seed_project(name: str):
    return next(p for p in _SEED.projects() if p.name == name)


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
def test_the_comparison_workbook_prints_on_a4_landscape_one_page_wide(rounds, tmp_path):
    import pdfplumber

    out = tmp_path / "对比.xlsx"
    main(["diff", *map(str, rounds), "-o", str(out), "-q"])
    pdf = render_pdf(out, tmp_path / "pdf")
    with pdfplumber.open(pdf) as doc:
        sizes = {(round(p.width), round(p.height)) for p in doc.pages}
        text = "".join(p.extract_text() or "" for p in doc.pages)
        first = doc.pages[0].extract_text() or ""
    assert sizes == {(842, 595)}  # A4 landscape, every page
    # one page wide: the new version's side (the rightmost columns) is on the first page
    assert "修改对照" in first and "原版本" in first and "新版本" in first
    assert "整改情况" in text and "第 1 页" in text and "车辆派遣按时率" in text


def test_a_real_long_table_resubmitted(tmp_path):
    """A corpus long-format table as its unit would resend it: 生态效益 row deleted, a 成本指标
    row added (PG-C05 fixed), 维持时效 renamed with its levels and value kept, a value raised."""
    source = CORPUS / "sc-jingyan-2023-longform-mata" / "pasted.xlsx"
    book = openpyxl.load_workbook(source)
    ws = book.active
    ws["G10"] = "报酬发放时效"
    ws["I13"] = 240
    for column, value in zip("EFGHIJKL", ("成本指标", "经济成本指标", "人均报酬", "≤", 1.5, "万元", 10, "反向指标"),
                             strict=True):
        ws[f"{column}17"] = value
    for merged in list(ws.merged_cells.ranges):
        if merged.max_row == 16 and merged.min_row == 9:
            ws.unmerge_cells(str(merged))
            ws.merge_cells(f"{merged.coord.split(':')[0]}:{merged.coord.split(':')[1][0]}17")
    ws.delete_rows(14)
    edited = tmp_path / "马踏镇_第二稿.xlsx"
    book.save(edited)
    diff = diff_files(source, edited)
    (project,) = diff.projects
    kinds = {(i.kind, i.name) for i in project.indicators if i.kind != "same"}
    assert kinds == {("renamed", "报酬发放时效"), ("changed", "村组干部230人"), ("removed", "保护生态环境卫生"),
                     ("added", "人均报酬")}
    raised = next(i for i in project.indicators if i.name == "村组干部230人")
    assert [(c.field, c.old, c.new) for c in raised.changes] == [
        ("period_value", "≥230个", "≥240个"), ("annual_value", "≥230个", "≥240个")]
    status = {(s.status, s.finding.code) for s in diff.findings.items}
    assert ("fixed", "PG-C05") in status and ("open", "PG-A02") in status


def test_a_project_renamed_beyond_likeness_is_found_by_its_indicators(seed_table):
    import copy

    new = copy.deepcopy(seed_table)
    projects = new.units[0].projects
    projects[3].name = "驻京办安保服务项目"  # nothing like 驻京政务服务及外事业务保障
    last = projects.pop()  # and the last project replaced by one with other indicators
    projects.append(copy.deepcopy(projects[0]))
    projects[-1].name, projects[-1].indicators = "新增的培训项目", projects[-1].indicators[:0]
    diff = diff_tables(seed_table, new)
    renamed = next(p for p in diff.projects if p.name == "驻京办安保服务项目")
    assert (renamed.kind, renamed.matched_by) == ("changed", "indicators")
    assert [c.field for c in renamed.changes] == ["name"]
    assert all(i.kind == "same" for i in renamed.indicators)
    kinds = {p.name: p.kind for p in diff.projects}
    assert kinds[last.name] == "removed" and kinds["新增的培训项目"] == "added"
