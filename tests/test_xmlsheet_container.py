"""Excel 2003 XML workbooks (``containers/xmlsheet``): the ``.xls`` a budget system written in Java
exports by filling a FreeMarker template saved from Excel as XML 表格 2003. It was refused
(``这是 Excel 2003 XML 表格：请在 Excel 中另存为 .xlsx``) though Excel opens it as any workbook. Each
worksheet is now a grid with its merges and number formats; every layout reads it as a sheet.
Real tables: corpus entries written as such a file (``tests/corpus/build.write_spreadsheetml``) read
as their workbooks do."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from perfgoals_xl.cli import main as cli_main
from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table, sniff
from perfgoals_xl.sources.containers import kind_of, xmlsheet

CORPUS = Path(__file__).resolve().parent / "corpus"
sys.path.insert(0, str(CORPUS))

from build import page_tables, write_spreadsheetml  # noqa: E402
from corpus_fidelity import load_entries, score_file  # noqa: E402

HEAD = ('<?xml version="1.0" encoding="{encoding}"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:o="urn:schemas-microsoft-com:office:office"'
        ' xmlns:x="urn:schemas-microsoft-com:office:excel" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"'
        ' xmlns:html="http://www.w3.org/TR/REC-html40">\n'
        ' <Styles><Style ss:ID="pct"><NumberFormat ss:Format="0%"/></Style>'
        '<Style ss:ID="b"><Font ss:Bold="1"/></Style></Styles>\n')

#: A 申报表 as a FreeMarker template fills it: no ss:Index where cells follow on, merged areas written
#: once (MergeAcross / MergeDown), the rows under a merged-down cell starting right of it.
FORM = """ <Worksheet ss:Name="绩效目标申报表">
  <Table ss:ExpandedColumnCount="5" ss:ExpandedRowCount="40" x:FullColumns="1" x:FullRows="1">
   <Column ss:Width="80"/><Column ss:Width="90" ss:Span="3"/>
   <Row><Cell ss:MergeAcross="4" ss:StyleID="b"><Data ss:Type="String">项目支出绩效目标申报表</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">项目名称</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="String">农村公路养护</Data></Cell>
        <Cell><Data ss:Type="String">主管部门</Data></Cell><Cell><Data ss:Type="String">某县交通运输局</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">年度资金总额</Data></Cell><Cell ss:MergeAcross="1"><Data ss:Type="Number">120</Data></Cell>
        <Cell><Data ss:Type="String">其中：财政拨款</Data></Cell><Cell><Data ss:Type="Number">120</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">年度绩效目标</Data></Cell><Cell ss:MergeAcross="3"><Data ss:Type="String">完成农村公路日常养护 300 公里，优良路率达到 80%。</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">一级指标</Data></Cell><Cell><Data ss:Type="String">二级指标</Data></Cell>
        <Cell><Data ss:Type="String">三级指标</Data></Cell><Cell><Data ss:Type="String">指标值</Data></Cell><Cell><Data ss:Type="String">备注</Data></Cell></Row>
   <Row><Cell ss:MergeDown="1"><Data ss:Type="String">产出指标</Data></Cell><Cell><Data ss:Type="String">数量指标</Data></Cell>
        <Cell><Data ss:Type="String">养护里程</Data></Cell><Cell><Data ss:Type="String">≥300公里</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">质量指标</Data></Cell><Cell><Data ss:Type="String">优良路率</Data></Cell>
        <Cell ss:StyleID="pct"><Data ss:Type="Number">0.8</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">效益指标</Data></Cell><Cell><Data ss:Type="String">社会效益指标</Data></Cell>
        <Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><B>群众出行</B><Font>条件改善</Font></ss:Data></Cell>
        <Cell><Data ss:Type="String">明显改善</Data></Cell></Row>
   <Row><Cell><Data ss:Type="String">满意度指标</Data></Cell><Cell><Data ss:Type="String">服务对象满意度指标</Data></Cell>
        <Cell><Data ss:Type="String">沿线群众满意度</Data></Cell><Cell><Data ss:Type="String">≥90%</Data></Cell></Row>
  </Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><PageSetup/></WorksheetOptions>
 </Worksheet>
"""
HIDDEN = """ <Worksheet ss:Name="字典"><Table><Row><Cell><Data ss:Type="String">产出指标</Data></Cell></Row></Table>
  <WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible></WorksheetOptions>
 </Worksheet>
"""


def _book(tmp_path: Path, body: str, *, encoding: str = "UTF-8", name: str = "绩效目标.xls") -> Path:
    path = tmp_path / name
    path.write_bytes((HEAD.format(encoding=encoding) + body + "</Workbook>\n").encode(
        "gb18030" if encoding.upper().startswith("GB") else "utf-8"))
    return path


@pytest.mark.parametrize("encoding", ["UTF-8", "GB2312"])
def test_a_java_systems_xls_reads_as_its_workbook(tmp_path: Path, encoding: str) -> None:
    path = _book(tmp_path, FORM + HIDDEN, encoding=encoding)
    assert kind_of(path) == "xmlsheet"
    table = read_table(path)
    (project,) = table.projects()
    assert project.name == "农村公路养护" and table.department == "某县交通运输局"
    assert (project.amounts.total, project.amounts.fiscal) == (120, 120)
    assert "优良路率达到 80%" in project.goal
    rows = [(i.level1, i.level2, i.name, i.annual_value.raw) for i in project.indicators]
    assert rows == [("产出指标", "数量指标", "养护里程", "≥300公里"),
                    ("产出指标", "质量指标", "优良路率", "80%"),  # 0.8 formatted 0%: what Excel shows
                    ("效益指标", "社会效益指标", "群众出行条件改善", "明显改善"),  # rich text runs joined
                    ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥90%")]
    assert project.location is not None and project.location.sheet == "绩效目标申报表"


def test_sheets_merges_and_hidden_sheets(tmp_path: Path) -> None:
    grids = xmlsheet.load_grids(_book(tmp_path, FORM + HIDDEN))
    assert [(g.sheet, g.hidden) for g in grids] == [("绩效目标申报表", False), ("字典", True)]
    form = grids[0]
    assert (5, 0, 6, 0) in form.merged and (0, 0, 0, 4) in form.merged
    assert form.rows[6][:4] == ["", "质量指标", "优良路率", 0.8]  # under 产出指标 merged down: column B on


def test_the_cli_checks_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _book(tmp_path, FORM)
    code = cli_main(["check", str(path)])
    out = capsys.readouterr()
    assert code in (0, 1) and "另存为" not in out.err and "错误：" not in out.err


@pytest.mark.parametrize(("body", "said"), [
    ("", "没有任何单元格内容"),
    (' <Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">x</Data></Cell></Row>', "可能已损坏"),
])
def test_what_cannot_be_read_is_one_chinese_line(tmp_path: Path, body: str, said: str) -> None:
    with pytest.raises(InputError, match=said):
        xmlsheet.load_grids(_book(tmp_path, body))


def test_a_doctype_is_refused_and_no_entity_is_read(tmp_path: Path) -> None:
    path = tmp_path / "恶意.xls"
    path.write_text('<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
                    '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"><Worksheet><Table><Row>'
                    '<Cell><Data ss:Type="String" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">&e;</Data>'
                    '</Cell></Row></Table></Worksheet></Workbook>', encoding="utf-8")
    with pytest.raises(InputError, match="DOCTYPE"):
        xmlsheet.load_grids(path)


def test_a_cell_placed_far_away_makes_no_huge_grid(tmp_path: Path) -> None:
    """Two cells, one at row 1,000,000 column 16,000: a dense extent of billions is refused, not built."""
    body = (' <Worksheet ss:Name="S"><Table><Row><Cell><Data ss:Type="String">项目名称</Data></Cell></Row>'
            '<Row ss:Index="1000000"><Cell ss:Index="16000" ss:MergeAcross="99999999">'
            '<Data ss:Type="String">x</Data></Cell></Row></Table></Worksheet>\n')
    with pytest.raises(InputError, match="超过上限"):
        xmlsheet.load_grids(_book(tmp_path, body))


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xmlsheet, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="超过上限"):
        xmlsheet.load_grids(_book(tmp_path, FORM))


def test_sniff_takes_it_for_a_table_not_markup(tmp_path: Path) -> None:
    assert sniff(_book(tmp_path, FORM)) == "longform"  # (read grid by grid: the detector picks the form)


def test_a_web_page_declaring_the_spreadsheet_namespace_stays_a_web_page(tmp_path: Path) -> None:
    """The .xls a web system writes as HTML, its <html> tag declaring Excel's namespaces (ss: among them)
    and an <x:ExcelWorkbook> block in its head: a web page, read by the page reader."""
    path = tmp_path / "导出.xls"
    path.write_text('<html xmlns:x="urn:schemas-microsoft-com:office:excel" '
                    'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet"><head><meta charset="utf-8">'
                    "<xml><x:ExcelWorkbook><x:ExcelWorksheets/></x:ExcelWorkbook></xml></head><body><table>"
                    "<tr><td>项目名称</td><td>农村公路养护</td></tr><tr><td>一级指标</td><td>二级指标</td>"
                    "<td>三级指标</td><td>指标值</td></tr><tr><td>产出指标</td><td>数量指标</td><td>养护里程</td>"
                    "<td>≥300公里</td></tr></table></body></html>", encoding="utf-8")
    assert kind_of(path) == "html"
    assert read_table(path).projects()[0].indicators[0].name == "养护里程"


@pytest.mark.parametrize("entry_id", ["ah-luan-jinan-2023-form-jingzhunkangfu", "hb-huangshi-2022-selfeval-gongxiang",
                                      "fj-ningde-2019-department-dangshi"])
def test_real_tables_as_a_systems_xls_read_as_their_workbooks(tmp_path: Path, entry_id: str) -> None:
    """Each written as a Java system exports it (merged areas with no text written too, ss:Index only
    at gaps) and scored field by field against the hand-written expectation, as pasted.xlsx is."""
    entry = next(e for e in load_entries() if e.id == entry_id)
    path = tmp_path / "system.xls"
    write_spreadsheetml(page_tables((entry.path / "page.html").read_bytes()), path)
    as_xml = score_file(entry, path)
    as_book = score_file(entry, entry.path / "pasted.xlsx")
    assert as_xml.error is None and as_xml.total > 10

    def misses(score: object) -> list[str]:  # (the lines under a table are no part of a sheet per table)
        return [m for m in score.misses if not m.startswith("footer")]

    assert misses(as_xml) == misses(as_book)


def test_hidden_rows_and_columns_are_left_out_as_excel_shows_the_sheet(tmp_path: Path) -> None:
    """<Column ss:Hidden="1"> (a code column before the form) and <Row ss:Hidden="1"> (an example row):
    not read; every cell keeps its own address."""
    body = FORM.replace('<Column ss:Width="80"/>', '<Column ss:Hidden="1" ss:Width="0"/><Column ss:Width="80"/>')
    body = body.replace("<Row>", '<Row><Cell><Data ss:Type="String">GUID</Data></Cell>')  # the code column
    body = body.replace('<Row><Cell><Data ss:Type="String">GUID</Data></Cell><Cell ss:MergeDown="1">',
                        '<Row ss:Hidden="1"><Cell><Data ss:Type="String">GUID</Data></Cell>'
                        '<Cell><Data ss:Type="String">示例：产出指标</Data></Cell><Cell><Data ss:Type="String">数量指标</Data></Cell>'
                        '<Cell><Data ss:Type="String">示例：培训人次</Data></Cell><Cell><Data ss:Type="String">≥500人次</Data></Cell></Row>\n'
                        '   <Row><Cell><Data ss:Type="String">GUID</Data></Cell><Cell ss:MergeDown="1">', 1)
    body = body.replace("<Row><Cell><Data ss:Type=\"String\">GUID</Data></Cell><Cell><Data ss:Type=\"String\">质量指标",
                        "<Row><Cell ss:Index=\"3\"><Data ss:Type=\"String\">质量指标")  # under 产出指标 merged down
    (project,) = read_table(_book(tmp_path, body)).projects()
    assert [i.name for i in project.indicators] == ["养护里程", "优良路率", "群众出行条件改善", "沿线群众满意度"]
    assert project.location.cell == "C2" and project.indicators[0].location.cell == "D7"
