"""Sniffing: the reader is chosen by content, never by the extension; --layout forces one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from perfgoals_xl.errors import InputError
from perfgoals_xl.jsonio import table_to_dict
from perfgoals_xl.sources import READERS, layout_help, read_table, sniff


def _xlsx(path: Path, sheets: tuple[str, ...] = ("Sheet1",)) -> Path:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    for name in sheets:
        sheet = workbook.add_worksheet(name)
        sheet.write_row(0, 0, ["单位名称", "项目名称", "一级指标", "二级指标", "三级指标", "指标值"])
    workbook.close()
    return path


def _ole(path: Path, streams: dict[str, bytes]) -> Path:
    from perfgoals_xl.vba.cfb import CfbStorage, build_compound_file

    path.write_bytes(build_compound_file(CfbStorage(streams=streams)))
    return path


CSV = "单位名称,项目名称,一级指标,二级指标,三级指标,指标值\n广州市财政局,培训,产出指标,数量指标,培训人次,≥100人次\n"


# -- each layout by content ------------------------------------------------------------------------
def test_published_text_whatever_the_extension(seed_path, seed_table, tmp_path):
    assert sniff(seed_path) == "published_text"
    renamed = tmp_path / "公开表格.dat"
    renamed.write_bytes(seed_path.read_text(encoding="utf-8").encode("gb18030"))
    assert sniff(renamed) == "published_text"
    table = read_table(renamed)
    assert table.layout == "published_text"
    assert table == seed_table


def test_txt_that_is_json(seed_table, tmp_path):
    path = tmp_path / "导出.txt"
    path.write_text("\ufeff" + json.dumps(table_to_dict(seed_table), ensure_ascii=False), encoding="utf-8")
    assert sniff(path) == "json"
    table = read_table(path)
    assert table.layout == "json"
    assert table == seed_table


@pytest.mark.parametrize("name", ["指标.txt", "指标.xlsx", "指标", "指标.tsv"])
def test_csv_with_a_wrong_extension(tmp_path, name):
    path = tmp_path / name
    text = CSV.replace(",", "\t") if name.endswith(".tsv") else CSV
    path.write_text(text, encoding="utf-8-sig")
    assert sniff(path) == "longform"


def test_xlsx_named_xls_and_entry_workbook(tmp_path):
    assert sniff(_xlsx(tmp_path / "长表.xls")) == "longform"
    assert sniff(_xlsx(tmp_path / "填报.xlsm", ("说明", "填报"))) == "entry"
    assert sniff(_xlsx(tmp_path / "other.xlsx", ("填报说明",))) == "longform"


def test_ods_and_legacy_xls(tmp_path):
    import pandas as pd

    ods = tmp_path / "表.xlsx"  # an OpenDocument sheet under an Excel name
    pd.DataFrame({"项目名称": ["培训"], "指标值": ["100%"]}).to_excel(ods, engine="odf", index=False)
    assert sniff(ods) == "longform"
    assert sniff(_ole(tmp_path / "旧.xlsx", {"Workbook": b"\x09\x08" + bytes(600)})) == "longform"


def test_pdf_by_content(tmp_path):
    path = tmp_path / "表格.txt"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert sniff(path) == "pdf"


# -- files that are not tables: one Chinese error naming the file ------------------------------------
def _refused(path: Path, match: str) -> None:
    with pytest.raises(InputError, match=match) as err:
        read_table(path)
    assert str(path) in str(err.value)


def test_encrypted_xlsx(tmp_path):
    path = _ole(tmp_path / "加密.xlsx", {"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(200),
                                          "EncryptedPackage": bytes(5000)})
    _refused(path, "密码")


def test_corrupt_files(tmp_path):
    broken = tmp_path / "坏.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    _refused(broken, "已损坏")
    truncated = tmp_path / "截断.xlsx"
    data = _xlsx(tmp_path / "whole.xlsx").read_bytes()
    truncated.write_bytes(data[: len(data) // 2])
    _refused(truncated, "已损坏")
    binary = tmp_path / "乱码.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    _refused(binary, "二进制")


def test_other_formats_are_named(tmp_path):
    import zipfile

    docx = tmp_path / "表格.docx"
    with zipfile.ZipFile(docx, "w") as zf:
        zf.writestr("word/document.xml", "<w:document/>")
    assert sniff(docx) == "word"  # Word tables are read (tests/test_form_reader.py); this one has none
    with pytest.raises(InputError, match="Word 文档"):
        read_table(docx)
    odt = tmp_path / "文字.odt"
    with zipfile.ZipFile(odt, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.text")
    _refused(odt, "OpenDocument 文字文档")
    archive = tmp_path / "材料.xlsx"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.txt", "x")
    _refused(archive, "压缩包")
    html = tmp_path / "下载.xls"  # a web site's .xls that is HTML is read (tests/test_html_container.py)
    html.write_text("<html><body><table><tr><td>项目名称</td></tr></table></body></html>", encoding="utf-8")
    assert sniff(html) == "html"
    _refused(html, "网页中没有表格")  # one cell is no data table
    png = tmp_path / "截图.pdf.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    _refused(png, "PNG 图片")
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"  \n")
    _refused(empty, "文件为空")
    _refused(tmp_path / "没有.txt", "文件不存在")
    _refused(tmp_path, "文件夹")


def test_unrecognised_text(tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# 会议纪要\n\n今天讨论了预算。\n", encoding="utf-8")
    _refused(notes, "无法识别")


# -- --layout forces a reader -------------------------------------------------------------------------
def test_layout_forces_the_reader(seed_path, seed_table, tmp_path):
    with pytest.raises(InputError, match="JSON 格式错误") as err:
        read_table(seed_path, layout="json")
    assert str(seed_path) in str(err.value)
    path = tmp_path / "表.json"
    path.write_text(json.dumps(table_to_dict(seed_table), ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="不是项目支出绩效目标表"):
        read_table(path, layout="published_text")
    with pytest.raises(InputError, match="不是有效的 PDF"):
        read_table(seed_path, layout="pdf")
    with pytest.raises(InputError, match="不是 Word 文档"):
        read_table(seed_path, layout="word")
    with pytest.raises(InputError, match="未知的版式“docx”：可选 published_text, json"):
        read_table(seed_path, layout="docx")


def test_cli_lists_the_layouts_and_says_which_was_used(seed_path, tmp_path, capsys):
    from perfgoals_xl.cli import main

    with pytest.raises(SystemExit):
        main(["import", "--help"])
    help_text = capsys.readouterr().out
    for name in READERS:
        assert name in help_text
    assert "pdf_text＝" in layout_help()
    assert main(["import", str(seed_path), "-o", str(tmp_path / "a.json")]) == 0
    assert "（版式：published_text）" in capsys.readouterr().out
    assert main(["import", str(seed_path), "-o", str(tmp_path / "b.json"), "--layout", "json"]) == 2
    assert "JSON 格式错误" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main(["import", str(seed_path), "-o", str(tmp_path / "c.json"), "--layout", "docx"])
    assert exit_.value.code == 2


def test_csv_with_a_title_row_is_long_format(tmp_path):
    from perfgoals_xl.sources import sniff

    path = tmp_path / "t.csv"
    path.write_text("项目支出绩效目标表,,,\n部门名称：某局,,,\n项目名称,一级指标,二级指标,三级指标,年度指标值\n"
                    "甲,产出指标,数量指标,人数,10人\n", encoding="utf-8")
    assert sniff(path) == "longform"


def test_full_width_level_codes_resolve():
    from perfgoals_xl.framework import level1_by_code, level2_by_code

    assert level1_by_code("２").name == "效益指标" and level2_by_code("２１").name == "经济效益指标"


def test_a_csv_whose_first_cell_starts_with_a_bracket_is_a_table(tmp_path):
    """A web page's table saved as CSV keeps the page's ``[主题分类] 财政`` line first: a table, not
    JSON (JSON is ``{…}`` or an array of objects ``[{…}]``)."""
    path = tmp_path / "表.csv"
    path.write_text("[主题分类] 财政,,,\n项目名称,一级指标,二级指标,三级指标,指标值\n"
                    "某项目,产出指标,数量指标,培训人次,≥500人次\n", encoding="utf-8")
    assert sniff(path) == "longform"
    table = read_table(path)
    assert [p.name for p in table.projects()] == ["某项目"]
    for text in ("[]", "[ {\"units\": []} ]", "[\n\n{"):
        (tmp_path / "a.json").write_text(text, encoding="utf-8")
        assert sniff(tmp_path / "a.json") == "json"
