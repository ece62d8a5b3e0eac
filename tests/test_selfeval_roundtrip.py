"""The 自评表 we write keeps what was read (issue #19 item 5): read → score → write → read gives the
same fields, field by field (tests/selfeval_roundtrip.py) — on forms built here as xlsx, docx and
HTML carrying a year line, 其中 budget lines, level labels with their weight, closing rows and
sign-offs, and on every real 自评表 of the corpus; the written form rendered by LibreOffice fits
one page with every kept row printed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from perfgoals_xl.report.selfeval import render_selfeval_workbook
from perfgoals_xl.report.selfeval_layout import build_selfeval_layout, build_summary_layout
from perfgoals_xl.scoring import score_table
from perfgoals_xl.sinks.selfeval_losses import selfeval_losses
from perfgoals_xl.sources import read_table
from tests.selfeval_roundtrip import differences, kept_fields, needless

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus_fidelity import load_entries  # noqa: E402

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

#: A provincial 自评表 with everything the written form must keep (None: merged away).
RICH_FORM = [
    ["项目支出绩效自评表", None, None, None, None, None, None, None],
    ["（2024年度）", None, None, None, None, None, None, None],
    ["项目名称", None, "农村公路养护", None, None, None, None, None],
    ["主管部门", None, "某县交通运输局", None, "实施单位", None, "某县公路养护中心", None],
    ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", None, "120", "120", "114", "10", "95%", "9.5"],
    ["其中：本年财政拨款", None, "100", "100", "96", "—", None, "—"],
    ["上年结转资金", None, "20", "20", "18", "—", None, "—"],
    ["其他资金", None, "—", "—", "—", "—", None, "—"],
    ["年度总体目标", None, "年初设定目标", None, None, "全年实际完成情况", None, None],
    [None, None, "完成农村公路养护 300 公里。", None, None, "完成养护 290 公里，余款结转。", None, None],
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ["产出指标(60分)", "数量指标", "养护里程", "≥300公里", "290公里", "30", "29", "雨季停工"],
    [None, "质量指标", "路况优良率", "≥85%", "88%", "30", "30", None],
    ["效益指标(20分)", "社会效益指标", "群众出行条件", "明显改善", "明显改善", "20", "20", None],
    ["满意度指标(10分)", "服务对象满意度指标", "群众满意度", "≥90%", "92%", "10", "10", None],
    ["总分", None, None, None, None, "100", "98.5", "优"],
    ["评价结论", None, "项目完成较好。", None, None, None, None, None],
    ["填报人：张三", None, None, None, "联系电话：0791-1234567", None, None, None],
]
_MERGES = [(0, 0, 0, 7), (1, 0, 1, 7), (2, 0, 2, 1), (2, 2, 2, 7), (3, 0, 3, 1), (3, 2, 3, 3), (3, 4, 3, 5),
           (3, 6, 3, 7), (4, 0, 4, 1), (5, 0, 5, 1), (6, 0, 6, 1), (7, 0, 7, 1), (8, 0, 8, 1), (9, 0, 10, 1),
           (9, 2, 9, 4), (9, 5, 9, 7), (10, 2, 10, 4), (10, 5, 10, 7), (12, 0, 13, 0), (16, 0, 16, 4),
           (17, 0, 17, 1), (17, 2, 17, 7), (18, 0, 18, 3), (18, 4, 18, 7)]


def _xlsx(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "农村公路养护"
    for row in RICH_FORM:
        ws.append(row)
    for r1, c1, r2, c2 in _MERGES:
        ws.merge_cells(start_row=r1 + 1, start_column=c1 + 1, end_row=r2 + 1, end_column=c2 + 1)
    wb.save(path)
    return path


def _above(lines: int) -> tuple[list[str], list[list[str | None]], list[tuple[int, int, int, int]]]:
    """RICH_FORM with its first `lines` rows (title, year line) as lines written above the table."""
    merges = [(r1 - lines, c1, r2 - lines, c2) for r1, c1, r2, c2 in _MERGES if r1 >= lines]
    return [row[0] for row in RICH_FORM[:lines]], RICH_FORM[lines:], merges


def _docx(path: Path, lines: int = 0) -> Path:
    """The form as a Word table; its first `lines` rows as the document's paragraphs above it."""
    import docx

    above, form, merges = _above(lines)
    document = docx.Document()
    for line in above:
        document.add_paragraph(line)
    table = document.add_table(rows=len(form), cols=8)
    for r, row in enumerate(form):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = value
    for r1, c1, r2, c2 in merges:
        table.cell(r1, c1).merge(table.cell(r2, c2))
    document.save(path)
    return path


def _html(path: Path, lines: int = 0) -> Path:
    """The form as a web page's table; its first `lines` rows as the page's lines above it."""
    above, form, merges = _above(lines)
    covered = {(r, c) for r1, c1, r2, c2 in merges for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)
               if (r, c) != (r1, c1)}
    spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in merges}
    rows = []
    for r, row in enumerate(form):
        cells = []
        for c, value in enumerate(row):
            if (r, c) in covered:
                continue
            rs, cs = spans.get((r, c), (1, 1))
            attrs = (f' rowspan="{rs}"' if rs > 1 else "") + (f' colspan="{cs}"' if cs > 1 else "")
            cells.append(f"<td{attrs}>{value or ''}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    head = "".join(f"<p>{line}</p>" for line in above)
    path.write_text('<!DOCTYPE html><html><head><meta charset="utf-8"><title>自评表</title></head><body>' + head
                    + '<table border="1">' + "".join(rows) + "</table></body></html>", encoding="utf-8")
    return path


#: kind → (builder, suffix); "-lines": the title and year line written above the table, not in it.
BUILDERS = {"xlsx": (_xlsx, "xlsx"), "docx": (_docx, "docx"), "html": (_html, "html"),
            "docx-lines": (lambda p: _docx(p, 2), "docx"), "html-lines": (lambda p: _html(p, 2), "html")}


def _built(kind: str, tmp_path: Path) -> Path:
    builder, suffix = BUILDERS[kind]
    return builder(tmp_path / f"自评表.{suffix}")


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_rich_form_reads_what_the_written_form_must_keep(tmp_path, kind):
    table = read_table(_built(kind, tmp_path))
    (p,) = table.projects()
    assert p.extras["年度"] == "（2024年度）"
    assert p.extras["本年财政拨款/全年执行数"] == "96" and p.extras["上年结转资金/年初预算数"] == "20"
    assert p.extras["评价结论"] == "项目完成较好。"
    assert [i.level1_weight for i in p.indicators] == [60, 60, 20, 10]
    assert (p.goal, p.actual_summary) == ("完成农村公路养护 300 公里。", "完成养护 290 公里，余款结转。")
    assert table.footer == {"填报人": "张三", "联系电话": "0791-1234567"}


def test_title_and_year_above_the_table_read_from_word_as_from_html(tmp_path):
    """Issue #19: the year line written above a Word table reaches the 自评表 reader, as from a web page."""
    from_word = read_table(_built("docx-lines", tmp_path))
    from_html = read_table(_built("html-lines", tmp_path))
    assert from_word == from_html and kept_fields(from_word) == kept_fields(from_html)
    where = from_word.projects()[0].field_locations["extra:年度"]
    assert (where.sheet, where.cell) == ("表格1", "表格上方第2行")
    assert kept_fields(from_word) == kept_fields(read_table(_built("docx", tmp_path)))  # as if inside the table


@pytest.mark.parametrize("kind", sorted(BUILDERS))
def test_rich_form_round_trip(tmp_path, kind):
    table = read_table(_built(kind, tmp_path))
    out = tmp_path / "written.xlsx"
    render_selfeval_workbook(table, score_table(table), out)
    back = read_table(out)
    assert selfeval_losses(table) == []  # a form like ours: nothing to declare
    assert differences(table, back) == []
    assert len(kept_fields(table)) > 40  # the comparison sees the fields, not an empty table
    # written again from what was read back: the same file content, field by field
    again = tmp_path / "again.xlsx"
    render_selfeval_workbook(back, score_table(back), again)
    assert differences(back, read_table(again)) == []


def test_a_lost_field_is_seen_by_the_comparison(tmp_path):
    """The comparison is not blind: a year line or a 其中 line dropped is a difference."""
    table = read_table(_xlsx(tmp_path / "自评表.xlsx"))
    out = tmp_path / "written.xlsx"
    render_selfeval_workbook(table, score_table(table), out)
    back = read_table(out)
    del back.projects()[0].extras["年度"]
    back.projects()[0].indicators[0].level1_weight = None
    lost = differences(table, back)
    assert any("extra/年度" in d for d in lost) and any("i0/level1_weight" in d for d in lost)


#: Block fields a reader may keep that the written form gives back elsewhere or not at all: sign-offs
#: read as the block's fields (a department reader keeps the line above its table so), the text a
#: table printed for its 总分, a closing label read back without its annotation, one too long to be a label.
_LONG_LABEL = "对照年初设定目标逐项说明的未完成原因及改进措施"
_UNKEPT = {"单位(盖章)": "某县公路养护中心", "填报日期": "2025年1月20日", "总分": "良", "存在问题（如有）": "无",
           _LONG_LABEL: "无"}


def _unkept(tmp_path: Path):
    table = read_table(_xlsx(tmp_path / "自评表.xlsx"))
    table.projects()[0].extras.update(_UNKEPT)
    return table


def test_what_the_written_form_does_not_keep_is_declared_and_nothing_else(tmp_path):
    """Each such field is declared (where it comes back, or that it does not), the round trip differs
    in exactly those fields, and the declared places are where the fields are read back."""
    table = _unkept(tmp_path)
    out = tmp_path / "written.xlsx"
    render_selfeval_workbook(table, score_table(table), out)
    back, declared = read_table(out), selfeval_losses(table)
    assert {d.field: d.becomes for d in declared} == {
        "p0/extra/单位(盖章)": "footer/单位(盖章)", "p0/extra/填报日期": "footer/填报日期", "p0/extra/总分": None,
        "p0/extra/存在问题（如有）": "p0/extra/存在问题", f"p0/extra/{_LONG_LABEL}": None}
    assert differences(table, back, declared) == [] and needless(table, back, declared) == []
    assert back.footer == {"填报人": "张三", "联系电话": "0791-1234567", "单位(盖章)": "某县公路养护中心",
                           "填报日期": "2025年1月20日"}
    undeclared = differences(table, back)  # the comparison sees each of them
    assert len(undeclared) == 8 and all(any(d.field in u or (d.becomes or "?") in u for d in declared)
                                        for u in undeclared)
    assert all(d.message.endswith("（JSON 可完整保存）") and "\n" not in d.message for d in declared)


def test_written_form_prints_signoffs_under_it_and_the_printed_total_beside_the_grade(tmp_path):
    """A block's sign-off fields are 落款 lines under the form (not rows of the table), the total's printed
    text is beside the grade when it differs, and neither is a closing row; the grade cell wraps."""
    table = _unkept(tmp_path)
    (score,) = score_table(table)
    layout = build_selfeval_layout(score, table)
    text = {(c.row, c.col): c.value for c in layout.cells if c.value is not None}
    rows = {v: r for (r, _), v in text.items() if isinstance(v, str)}
    total = rows["总分"]
    assert score.grade != "良" and text[(total, 7)] == f"自评等级：{score.grade}（原表：良）"
    assert next(c.style for c in layout.cells if (c.row, c.col) == (total, 7)) == "total_grade"
    assert layout.styles["total_grade"].wrap and layout.row_heights[total] > layout.row_heights[rows["项目名称"]]
    sign = rows["单位(盖章)：某县公路养护中心"]
    assert rows["填报人：张三"] < sign and text[(sign, 4)] == "填报日期：2025年1月20日"
    assert "单位(盖章)" not in rows and "填报日期" not in rows  # no closing row of theirs
    under = [text.get((r, 0)) for r in range(total + 1, sign)]
    assert under[:3] == ["评价结论", "存在问题（如有）", _LONG_LABEL] and under[3].startswith("评分说明")
    assert "总分" not in [text.get((r, 0)) for r in range(total + 1, layout.n_rows)]
    merges = {(m.first_row, m.first_col, m.last_col) for m in layout.merges}
    assert (sign, 0, 3) in merges and (sign, 4, 7) in merges  # two sign-offs a row, each over half the width


def test_a_grade_the_table_printed_is_marked_as_the_tables_and_kept(tmp_path):
    """自评等级 | 良 read under the 总分 row: a closing row 自评等级（原表） (the 总分 row prints the grade
    recomputed by the rules), read back under its own label — nothing to declare."""
    table = read_table(_xlsx(tmp_path / "自评表.xlsx"))
    table.projects()[0].extras["自评等级"] = "良"
    (score,) = score_table(table)
    layout = build_selfeval_layout(score, table)
    rows = {c.value: c.row for c in layout.cells if isinstance(c.value, str)}
    assert rows["总分"] < rows["自评等级（原表）"] < rows["评价结论"] and f"自评等级：{score.grade}" in rows
    out = tmp_path / "written.xlsx"
    render_selfeval_workbook(table, [score], out)
    back = read_table(out)
    assert selfeval_losses(table) == [] and differences(table, back) == []
    assert back.projects()[0].extras["自评等级"] == "良"


#: Labels a reader may keep among a block's fields: sign-offs, totals, grades, closing rows with and
#: without annotations, one too long to be a label, and labels of nothing in particular.
_LABELS = ["单位(盖章)", "填报日期", "填报人", "联系电话", "注", "审核意见", "总分", "合计", "自评等级", "评价等次",
           "评价结论", "存在问题（如有）", "改进措施", "其他需要说明的事项", _LONG_LABEL, "发布时间", "表格上方的单位名称",
           "备注说明", "主要经验及做法"]


#: Characters of labels and sign-offs, colons, brackets, line breaks: texts a reader may take apart.
_PIECES = st.text(st.sampled_from(list("单位盖章填报日期人总分合计自评等级次结论问题注说明：:()（）1 、审核意见\n\u3000")),
                  min_size=1, max_size=12)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.dictionaries(st.one_of(st.sampled_from(_LABELS), _PIECES),
                              st.one_of(st.sampled_from(["无", "良", "优", "某县公路养护中心", "2025年1月20日", "见附件",
                                                         "0791-7654321", "项目按计划完成，资金使用规范"]), _PIECES),
                              max_size=6))
def test_any_block_fields_come_back_or_are_declared(tmp_path, fields):
    """Whatever fields a reader kept for the block, the written form gives each back in its place, or
    the writer declared where it comes back (or that it does not) — and never declares in vain."""
    import tempfile

    table = read_table(_xlsx(tmp_path / "自评表.xlsx"))
    table.projects()[0].extras.update(fields)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "written.xlsx"
        render_selfeval_workbook(table, score_table(table), out)
        back, declared = read_table(out), selfeval_losses(table)
    assert differences(table, back, declared) == [] and needless(table, back, declared) == []


def test_fields_the_form_has_no_place_for_are_said_in_one_line(tmp_path):
    """Codes, the sources of the money, 指标性质, a column of its own (评分标准): counted in one line;
    nothing for a form like ours; a title that is the form's own with its year is no loss."""
    from decimal import Decimal

    from department_fixtures import department_selfeval_xlsx

    from perfgoals_xl.sinks.selfeval_losses import format_selfeval_losses, unwritten_fields

    table = read_table(_xlsx(tmp_path / "自评表.xlsx"))
    assert format_selfeval_losses(table) == []
    p = table.projects()[0]
    p.code, p.amounts.fiscal = "P001", Decimal("100")
    for ind in p.indicators[:2]:
        ind.nature, ind.extras["评分标准"] = "定量", "完成得满分"
    assert unwritten_fields(table) == ["自评表没有这些栏目：项目编码 1 处、财政拨款 1 处、指标性质 2 处、指标的“评分标准”栏 2 处"
                                       "不写入（JSON 可完整保存）"]
    department = read_table(department_selfeval_xlsx(tmp_path / "部门自评.xlsx"))
    assert department.title == "2023年度部门整体支出绩效自评表"
    assert unwritten_fields(department) == ["自评表没有这些栏目：财政拨款 1 处、其他资金 1 处不写入（JSON 可完整保存）"]


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(first=st.dictionaries(st.sampled_from(_LABELS), _PIECES, max_size=3),
       second=st.dictionaries(st.sampled_from(_LABELS), _PIECES, max_size=3))
def test_two_projects_fields_come_back_or_are_declared(tmp_path, first, second):
    """Two projects, a sheet each: the sign-offs of both sheets make one footer (the first kept), and
    what the second's cannot take is declared too."""
    import copy
    import tempfile

    table = read_table(_xlsx(tmp_path / "自评表.xlsx"))
    p = table.projects()[0]
    q = copy.deepcopy(p)
    q.name = "农村公路养护二期"
    table.units[0].projects.append(q)
    p.extras.update(first)
    q.extras.update(second)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "written.xlsx"
        render_selfeval_workbook(table, score_table(table), out)
        back, declared = read_table(out), selfeval_losses(table)
    assert len(back.projects()) == 2
    assert differences(table, back, declared) == [] and needless(table, back, declared) == []


def test_score_command_warns_of_what_the_form_does_not_keep(tmp_path, capsys):
    from perfgoals_xl.cli import main
    from perfgoals_xl.jsonio import write_json

    source = tmp_path / "自评.json"
    write_json(_unkept(tmp_path), source)
    assert main(["score", str(source), "-o", str(tmp_path / "written.xlsx")]) in (0, 1)
    warnings = [line for line in capsys.readouterr().err.splitlines() if line.startswith("警告：")]
    assert len(warnings) == 5 and any("单位(盖章)" in w and "落款" in w for w in warnings)
    assert any("总分栏印的“良”不是分数" in w for w in warnings)


SELFEVAL_FILES = [(e, p) for e in load_entries() if e.meta.get("family") in ("selfeval", "department_selfeval")
                  and not e.id.startswith("hn-hengshan-2023") for p in e.read_files()]  # (that copy is cut after its head)


@pytest.mark.parametrize(("entry", "path"), SELFEVAL_FILES, ids=[f"{e.id}/{p.name}" for e, p in SELFEVAL_FILES])
def test_corpus_selfeval_round_trip(tmp_path, entry, path):
    """Every real 自评表 of the corpus: read → write → read, the kept fields equal."""
    table = read_table(path)
    out = tmp_path / "written.xlsx"
    render_selfeval_workbook(table, score_table(table), out)
    back, declared = read_table(out), selfeval_losses(table)
    assert differences(table, back, declared) == []  # what is not kept is said (警告), nothing else
    assert needless(table, back, declared) == []  # and nothing is said lost that is kept


def test_written_form_rows_and_print_setup(tmp_path):
    """The kept rows are in the layout (year under the title, 其中 lines under 年度资金总额, closing
    rows and sign-offs under 总分), one page wide, A4 portrait, the indicator header repeated."""
    table = read_table(_xlsx(tmp_path / "自评表.xlsx"))
    layout = build_selfeval_layout(score_table(table)[0], table)
    text = {(c.row, c.col): c.value for c in layout.cells if c.value is not None}
    rows = {v: r for (r, _), v in text.items() if isinstance(v, str)}
    assert rows["（2024年度）"] == 1 and rows["项目名称"] == 2
    assert rows["年度资金总额"] < rows["其中：本年财政拨款"] < rows["上年结转资金"] < rows["其他资金"] < rows["年度总体目标"]
    assert rows["总分"] < rows["评价结论"] < rows["填报人：张三"]
    assert "产出指标(60分)" in rows
    setup = layout.print_setup
    assert not setup.landscape and setup.repeat_rows == (rows["一级指标"], rows["一级指标"])
    assert sum(layout.column_widths) <= 105  # one A4 portrait page wide at 100 %
    # a level's weight is printed once, on its first row: the rows under it are one line tall
    levels = [text.get((r, 0)) for r in range(rows["一级指标"] + 1, rows["总分"])]
    assert levels == ["产出指标(60分)", "产出指标", "效益指标(20分)", "满意度指标(10分)"]
    assert layout.row_heights[rows["一级指标"] + 2] < layout.row_heights[rows["一级指标"] + 1]


def test_department_form_keeps_the_printed_rate_without_amounts(tmp_path):
    """A 部门整体支出绩效自评表 printing only its 执行率 (no 预算数, 执行数): the rate is written as printed."""
    path = next(p for e, p in SELFEVAL_FILES if e.id.startswith("jx-nanchang") and p.suffix == ".xlsx")
    table = read_table(path)
    layout = build_selfeval_layout(score_table(table)[0], table)
    values = [c.value for c in layout.cells]
    assert values[0] == "部门整体支出绩效自评表" and "部门名称" in values and "103.21%" in values
    assert "项目名称" not in values and "主管部门" not in values
    summary = [c.value for c in build_summary_layout(score_table(table), table).cells]
    assert summary[0] == "部门整体支出绩效自评汇总表" and "部门名称" in summary and "项目名称" not in summary
    assert "103.21%" in summary


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed (CI installs it)")
def test_written_rich_form_renders_on_one_page(tmp_path):
    from pdfminer.high_level import extract_text

    table = read_table(_xlsx(tmp_path / "自评表.xlsx"))
    out = tmp_path / "written.xlsx"
    render_selfeval_workbook(table, score_table(table), out)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    pages = [p for p in extract_text(str(tmp_path / "written.pdf")).split("\f") if p.strip()]
    assert len(pages) == 2  # the summary, then the form on one page
    form = "".join(pages[1].split())  # a narrow cell wraps 产出指标(60分) over two lines
    for kept in ("（2024年度）", "本年财政拨款", "上年结转资金", "产出指标(60分)", "完成养护290公里", "评价结论",
                 "填报人：张三"):
        assert kept in form, kept
    assert "###" not in form


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed (CI installs it)")
def test_written_form_with_signoff_fields_and_printed_total_renders_on_one_page(tmp_path):
    """The 落款 lines of the block's sign-off fields and the printed total beside the grade are printed,
    on the form's one page, nothing shown as ###."""
    from pdfminer.high_level import extract_text

    table = _unkept(tmp_path)
    out = tmp_path / "written.xlsx"
    render_selfeval_workbook(table, score_table(table), out)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    pages = ["".join(p.split()) for p in extract_text(str(tmp_path / "written.pdf")).split("\f") if p.strip()]
    assert len(pages) == 2 and "###" not in pages[1]
    for kept in ("单位(盖章)：某县公路养护中心", "填报日期：2025年1月20日", "原表：良）", "存在问题（如有）", "填报人：张三"):
        assert kept in pages[1], kept


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed (CI installs it)")
def test_written_department_form_renders_with_its_header_on_every_page(tmp_path):
    """The 部门整体支出绩效自评表 of a 16-indicator department: A4 portrait over two pages, the indicator
    header repeated on the second, nothing shown as ###, the total and grade printed."""
    from pdfminer.high_level import extract_text

    path = next(p for e, p in SELFEVAL_FILES if e.id.startswith("jx-nanchang") and p.suffix == ".xlsx")
    table = read_table(path)
    out = tmp_path / "written.xlsx"
    render_selfeval_workbook(table, score_table(table), out)
    subprocess.run([SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path}/lo", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(out)], check=True, capture_output=True, timeout=180)
    pages = ["".join(p.split()) for p in extract_text(str(tmp_path / "written.pdf")).split("\f") if p.strip()]
    form = pages[1:]  # the summary first
    assert len(form) == 2 and form[0].startswith("部门整体支出绩效自评表")
    assert all("一级指标" in page and "偏差原因" in page for page in form)
    assert "管理指标(30分)" in form[0] and "自评等级" in form[1] and not any("###" in page for page in pages)
