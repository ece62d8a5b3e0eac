"""argparse's own texts in Chinese: usage, headings and every error a person meets by mistyping."""

from __future__ import annotations

import subprocess
import sys

import pytest

from perfgoals_xl import argparse_zh
from perfgoals_xl.cli import build_parser


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "perfgoals_xl", *args], capture_output=True,
                          text=True, encoding="utf-8")


def test_help_headings_are_chinese():
    text = build_parser().format_help()
    assert text.startswith("用法：perfgoals")
    assert "位置参数" in text and "选项" in text and "显示本帮助并退出" in text and "显示版本号并退出" in text
    for english in ("usage:", "positional arguments", "options:", "show this help"):
        assert english not in text


@pytest.mark.parametrize(("args", "expected"), [
    (["check"], "缺少必需的参数：INPUT"),
    (["convert", "x"], "缺少必需的参数：-o/--output"),
    (["check", "x", "--format", "xml"], "参数 --format：无效的选项 'xml'（可选：'text', 'json', 'csv'）"),
    (["nosuch"], "无效的选项 'nosuch'"),
    (["rules", "--bogus"], "无法识别的参数：--bogus"),
    (["import", "x", "-o"], "参数 -o/--output：需要一个值"),
    (["convert", "a", "-o", "b", "-j", "abc"], "'abc' 不是有效的 int 值"),
])
def test_argument_errors_are_chinese(args, expected):
    proc = run(*args)
    assert proc.returncode == 2
    assert expected in proc.stderr, proc.stderr
    assert proc.stderr.startswith("用法：")
    for english in ("usage:", "required", "invalid choice", "unrecognized", "expected one"):
        assert english not in proc.stderr


def test_every_placeholder_survives_translation():
    import re

    for english, chinese in argparse_zh.MESSAGES.items():
        assert sorted(re.findall(r"%\(\w+\)[rsd]|%[rsd]", english)) == sorted(
            re.findall(r"%\(\w+\)[rsd]|%[rsd]", chinese)), english
    assert argparse_zh.gettext("something new") == "something new"
    assert argparse_zh.ngettext("expected %s argument", "expected %s arguments", 2) == "需要 %s 个值"


def test_summary_shows_the_short_chinese_layout_name(tmp_path, seed_path):
    """The summary's 版式 is the short name and the kind of table (issue 22, layout_names.py); the
    long description, with file types, stays the command help's (this test expected it in 版式)."""
    import openpyxl

    from perfgoals_xl.sources import READERS, layout_label

    assert layout_label("published_text") == READERS["published_text"][2] == "公开发布表格的文本（PDF 提取）"
    assert layout_label(None) == "" and layout_label("new") == "new"
    out = tmp_path / "out"
    assert run("convert", str(seed_path), "-o", str(out), "-q").returncode in (0, 1)
    ws = openpyxl.load_workbook(out / "summary.xlsx")["文件汇总"]
    assert ws.cell(1, 3).value == "版式" and ws.cell(2, 3).value == "公开文本·绩效目标表"
