"""A PDF whose fonts carry no ToUnicode map (some printers and PDF tools write them so): its text comes out
as glyph numbers ``(cid:12)``. It was refused as "没有可提取的文字（可能是扫描件）" — wrong, and the advice
(OCR the scan) too; it is now refused saying what it is and what to use instead, with the input error's
exit code."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject

from perfgoals_xl.cli import main
from perfgoals_xl.errors import InputError
from perfgoals_xl.sources import read_table

PRINTED = Path(__file__).resolve().parent / "corpus" / "ah-luan-shucheng-2023-form-yigongdaizhen" / "printed.pdf"


def _without_unicode_maps(target: Path) -> Path:
    reader, writer = PdfReader(PRINTED), PdfWriter()
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font")
        for font in (fonts.get_object().values() if fonts else ()):
            font = font.get_object()
            if "/ToUnicode" in font:
                del font[NameObject("/ToUnicode")]
        writer.add_page(page)
    writer.write(target)
    return target


def test_glyph_numbers_only_is_said_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = _without_unicode_maps(tmp_path / "表.pdf")
    with pytest.raises(InputError, match="只有字形编号"):
        read_table(pdf)
    assert main(["check", str(pdf)]) == 2
    err = capsys.readouterr().err
    assert "ToUnicode" in err and "扫描件" not in err and len(err.strip().splitlines()) == 1


def test_the_same_print_with_its_maps_reads() -> None:
    assert read_table(PRINTED).projects()[0].indicators
