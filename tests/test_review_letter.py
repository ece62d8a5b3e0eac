"""`perfgoals letter`: the 审核意见 letter a bureau signs — its text read back from the .docx,
its page setup, the settings from perfgoals.toml and the placeholders without them."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from perfgoals_xl.cli import main
from perfgoals_xl.review.letter import PLACEHOLDERS, chinese_number, letter_text
from perfgoals_xl.sinks import write_data
from perfgoals_xl.sources import read_table
from tests.review_versions import second_round, seed_path
from tests.sheetcheck import soffice

SETTINGS = """[letter]
bureau = "广州市财政局"
number = "穗财绩函〔2026〕12号"
date = "2026年3月2日"
deadline = "2026年3月9日"
contact = "绩效管理处 020-12345678"
"""


@pytest.fixture()
def resubmitted(tmp_path) -> Path:
    path = tmp_path / "第二轮.xlsx"
    write_data(second_round(read_table(seed_path())), path)
    return path


def test_letter_of_one_table_without_settings_leaves_blanks(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no perfgoals.toml found
    out = tmp_path / "审核意见.docx"
    assert main(["letter", str(seed_path()), "-o", str(out)]) == 0
    text = letter_text(out)
    lines = text.splitlines()
    assert lines[0] == PLACEHOLDERS["bureau"] and lines[1] == PLACEHOLDERS["number"]
    assert "关于广州市人民政府驻北京办事处《项目支出绩效目标表（含转移支付项目）》的审核意见" in text
    assert "广州市人民政府驻北京办事处：" in lines
    assert "发现问题 23 条，其中错误 0 条（须修改）、警告 15 条（应修改）、提示 8 条" in text
    assert f"并于{PLACEHOLDERS['deadline']}前重新报送" in text
    assert "上一轮" not in text.split("审核的文件")[0]
    # per project, the place and the fix; 提示 counted in the table, not listed
    assert "（二）车辆租用经费" in text
    assert "1.【警告】第2条指标“长期租赁小型客车数量”的实施周期指标值、年度指标值（第36行）：" in text
    assert "修改建议：" in text and "【提示】" not in text
    assert "合计 | 0 | 15 | 8 | 23" in text
    assert lines[-2:] == [PLACEHOLDERS["bureau"], PLACEHOLDERS["date"]]


def test_letter_after_a_round_errors_first_and_fixed_since(resubmitted, tmp_path):
    config = tmp_path / "perfgoals.toml"
    config.write_text(SETTINGS, encoding="utf-8")
    out = tmp_path / "审核意见.docx"
    assert main(["letter", str(resubmitted), "--previous", str(seed_path()), "-o", str(out),
                 "--config", str(config)]) == 0
    text = letter_text(out)
    assert text.startswith("广州市财政局\n穗财绩函〔2026〕12号\n")
    assert "已整改 3 条，仍未整改 21 条，新发现 5 条" in text
    assert "并于2026年3月9日前重新报送" in text
    work = text.split("驻京工作保障\n", 1)[1]
    first = work.splitlines()[0]
    assert first.startswith("1.【错误】第4条指标“报送调研报告数量”的年度指标值（填报!M9）")
    assert "（上轮已提出，仍未整改）" in text
    fixed = text.split("上一轮意见的整改情况", 1)[1]
    assert "“长期租赁小型客车数量”的实施周期指标值“4”与年度指标值“4辆”计量单位不一致" in fixed
    deleted = next(line for line in fixed.splitlines() if "车辆安全保障" in line)
    assert deleted.endswith("（指标已删除）")
    assert text.rstrip().endswith("2026年3月2日\n（联系人及电话：绩效管理处 020-12345678）")


def test_letter_page_setup_fonts_and_page_numbers(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "审核意见.docx"
    assert main(["letter", str(seed_path()), "-o", str(out)]) == 0
    doc = Document(str(out))
    section = doc.sections[0]
    def mm(length) -> int:
        return round(length.mm)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert tuple(map(mm, (section.top_margin, section.bottom_margin, section.left_margin,
                          section.right_margin))) == (37, 35, 28, 26)
    footer = section.footer.paragraphs[0]._element.xml
    assert "PAGE" in footer and "— " in section.footer.paragraphs[0].text
    body = [p for p in doc.paragraphs if p.text.startswith("你单位报送的")][0]
    run = body.runs[0]
    assert run.font.size.pt == 16 and run._element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == "仿宋"
    title = [p for p in doc.paragraphs if p.text.startswith("关于")][0]
    assert title.runs[0].font.size.pt == 22 and title.runs[0].font.bold


def test_letter_refuses_other_outputs_and_bad_settings(tmp_path):
    assert main(["letter", str(seed_path()), "-o", str(tmp_path / "x.pdf")]) == 2
    bad = tmp_path / "perfgoals.toml"
    bad.write_text('[letter]\nbureau = 3\n', encoding="utf-8")
    assert main(["letter", str(seed_path()), "-o", str(tmp_path / "x.docx"), "--config", str(bad)]) == 2
    bad.write_text('[letter]\nsigner = "x"\n', encoding="utf-8")
    assert main(["letter", str(seed_path()), "-o", str(tmp_path / "x.docx"), "--config", str(bad)]) == 2


def test_chinese_numbers():
    assert [chinese_number(n) for n in (1, 9, 10, 11, 20, 25, 99, 100)] == [
        "一", "九", "十", "十一", "二十", "二十五", "九十九", "100"]


@pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) not installed")
def test_letter_pdf_beside_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "审核意见.docx"
    assert main(["letter", str(seed_path()), "-o", str(out), "--pdf"]) == 0
    pdf = out.with_suffix(".pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-"
    from pdfminer.high_level import extract_text

    text = extract_text(str(pdf))
    assert "审核意见" in text and "— 1 —" in text


def test_a_letter_with_nothing_to_fix(tmp_path):
    config = tmp_path / "perfgoals.toml"
    config.write_text('select = ["PG-E"]\n' + SETTINGS, encoding="utf-8")  # self-evaluation rules only
    out = tmp_path / "审核意见.docx"
    assert main(["letter", str(seed_path()), "-o", str(out), "--config", str(config)]) == 0
    text = letter_text(out)
    assert "未发现需要修改的问题" in text and "重新报送" not in text
    assert "问题分布" not in text and "需修改的问题" not in text
    assert text.rstrip().endswith("（联系人及电话：绩效管理处 020-12345678）")


def test_control_characters_in_names_never_stop_the_letter(tmp_path, monkeypatch):
    """Hostile text: a project and an indicator named with control characters (pasted from
    another system) — the letter is written without them."""
    import copy

    monkeypatch.chdir(tmp_path)
    table = copy.deepcopy(read_table(seed_path()))
    table.department = "广州市\x01人民政府驻北京办事处"
    project = table.projects()[1]
    project.name = "车辆\x0b租用经费\x1f"
    project.indicators[1].name = "长期租赁\x08小型客车数量"
    source = write_data(table, tmp_path / "控制字符.json")
    out = tmp_path / "审核意见.docx"
    assert main(["letter", str(source), "-o", str(out)]) == 0
    text = letter_text(out)
    assert "车辆租用经费" in text and "长期租赁小型客车数量" in text
    assert not any(ch in text for ch in "\x01\x08\x0b\x1f")
