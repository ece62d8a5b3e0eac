"""`convert --previous PREV_OUT` and `convert --letters`: a review round over a folder — files
matched with the earlier run's by department and table (not by name), 整改情况 in summary.xlsx,
the files not resubmitted, one letter per file."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from perfgoals_xl.batch.result import FileResult
from perfgoals_xl.batch.review_round import pair_files
from perfgoals_xl.cli import main
from perfgoals_xl.review.letter import letter_text
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table
from tests.review_versions import second_round, seed_path
from tests.sheetcheck import assert_print_setup

CORPUS = Path(__file__).parent / "corpus"
FORM = CORPUS / "cq-rongchang-2022-form-lvhua" / "pasted.xlsx"
OTHER = CORPUS / "hb-wuhan-qingshan-2020-form-boruo" / "pasted.xlsx"


@pytest.fixture()
def first_round(tmp_path) -> Path:
    """Three units' tables converted: the earlier round's output folder."""
    folder = tmp_path / "第一轮"
    folder.mkdir()
    shutil.copy(seed_path(), folder / "驻京办.txt")
    shutil.copy(FORM, folder / "林业局.xlsx")
    shutil.copy(OTHER, folder / "教育局.xlsx")
    assert main(["convert", str(folder), "-o", str(tmp_path / "out1"), "-q", "-j", "1"]) in (0, 1)
    return tmp_path / "out1"


def _second_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "第二轮"
    folder.mkdir()
    write_data(second_round(read_table(seed_path())), folder / "驻京办_修改稿.xlsx")  # renamed file
    shutil.copy(FORM, folder / "林业局.xlsx")  # resent unchanged; 教育局 not resent
    return folder


def _rows(summary: Path) -> list[dict]:
    ws = openpyxl.load_workbook(summary)["整改情况"]
    rows = list(ws.iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_round_over_a_folder(first_round, tmp_path):
    second = _second_folder(tmp_path)
    out = tmp_path / "out2"
    code = main(["convert", str(second), "-o", str(out), "-q", "-j", "2", "--previous", str(first_round),
                 "--letters"])  # two processes: the round runs in a pool too
    assert code == 1  # errors are left
    rows = _rows(out / "summary.xlsx")
    by_previous = {Path(r["上一轮文件"] or "").name: r for r in rows}
    office = by_previous["驻京办.txt"]  # matched by department, not by file name
    assert Path(office["文件"]).name == "驻京办_修改稿.xlsx"
    assert (office["情况"], office["已整改"], office["新发现"], office["仍未整改"]) == ("已对比", 3, 5, 21)
    assert "指标更名 1" in office["修改"]
    same = by_previous["林业局.xlsx"]
    assert (same["情况"], same["已整改"], same["新发现"], same["修改"]) == ("已对比", 0, 0, "无修改")
    gone = by_previous["教育局.xlsx"]
    assert gone["情况"] == "未重新报送" and gone["文件"] in (None, "") and gone["部门名称"] == "青山区教育局"
    assert rows[-1]["文件"] == "合计"
    ws = openpyxl.load_workbook(out / "summary.xlsx")["整改情况"]
    assert_print_setup(ws, title_rows="1:1")
    diff = out / "驻京办_修改稿_xlsx.diff.xlsx"
    assert openpyxl.load_workbook(diff).sheetnames == ["修改对照", "整改情况"]
    letter = letter_text(out / "驻京办_修改稿_xlsx.审核意见.docx")
    assert "已整改 3 条，仍未整改 21 条，新发现 5 条" in letter and "上一轮意见的整改情况" in letter
    assert "已整改 0 条，仍未整改 7 条，新发现 0 条" in letter_text(out / "林业局_xlsx.审核意见.docx")


def test_the_earlier_version_read_from_its_data_output_when_the_original_is_gone(first_round, tmp_path):
    shutil.rmtree(tmp_path / "第一轮")  # the units' first files were not kept
    second = _second_folder(tmp_path)
    out = tmp_path / "out2"
    main(["convert", str(second), "-o", str(out), "-q", "-j", "1", "--previous", str(first_round)])
    office = next(r for r in _rows(out / "summary.xlsx") if Path(r["上一轮文件"] or "").name == "驻京办.txt")
    assert office["情况"] == "已对比"
    assert "指标更名 1" in office["修改"] and "指标新增 1" in office["修改"]


def test_letters_without_a_previous_round(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path(), folder / "驻京办.txt")
    out = tmp_path / "out"
    main(["convert", str(folder), "-o", str(out), "-q", "-j", "1", "--letters"])
    text = letter_text(out / "驻京办_txt.审核意见.docx")
    assert "发现问题 23 条" in text and "上一轮" not in text.split("审核的文件")[0]
    assert "整改情况" not in openpyxl.load_workbook(out / "summary.xlsx").sheetnames


def test_previous_must_be_an_earlier_output_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path(), folder / "a.txt")
    assert main(["convert", str(folder), "-o", str(tmp_path / "out"), "-q", "--previous", str(folder)]) == 2
    assert not (tmp_path / "out").exists()


def _res(stem: str, department: str, kind: str = "targets") -> FileResult:
    return FileResult(path=f"{stem}.xlsx", stem=stem, department=department, kind=kind)


def test_pairing_by_department_and_table_not_file_name():
    earlier = [_res("a", "某区教育局"), _res("a_self", "某区教育局", "selfeval"), _res("b", "某区卫健委"),
               _res("c", ""), _res("d", "某区民政局")]
    current = [_res("教育局第二稿", "某区教育局"), _res("自评第二稿", "某区教育局", "selfeval"),
               _res("卫健委", "820001-某区卫健委"), _res("c", ""), _res("new", "某区新单位")]
    pairs, missing = pair_files(current, earlier)
    assert {k: v.stem for k, v in pairs.items()} == {"教育局第二稿": "a", "自评第二稿": "a_self", "卫健委": "b",
                                                      "c": "c"}
    assert [m.stem for m in missing] == ["d"]


def test_pairing_ties_broken_by_the_most_alike_name():
    earlier = [_res("教育局_项目A", "某区教育局"), _res("教育局_项目B", "某区教育局")]
    current = [_res("教育局_项目B_修改", "某区教育局"), _res("教育局_项目A_修改", "某区教育局")]
    pairs, missing = pair_files(current, earlier)
    assert {k: v.stem for k, v in pairs.items()} == {"教育局_项目B_修改": "教育局_项目B", "教育局_项目A_修改": "教育局_项目A"}
    assert not missing


def test_pdf_only_with_letters(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path(), folder / "a.txt")
    assert main(["convert", str(folder), "-o", str(tmp_path / "out"), "-q", "--pdf"]) == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_letters_with_pdf_beside_them(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(seed_path(), folder / "驻京办.txt")
    out = tmp_path / "out"
    main(["convert", str(folder), "-o", str(out), "-q", "-j", "1", "--letters", "--pdf"])
    assert (out / "驻京办_txt.审核意见.pdf").read_bytes()[:5] == b"%PDF-"
    assert "审核意见函：1 份（.审核意见.docx），PDF 1 份" in capsys.readouterr().out
