"""A streamed sheet (SafeWorkbook.add_streaming_worksheet, XlsxWriter's constant_memory) forgets
each written row's RowInfo and shares equal row sizes: the same file as XlsxWriter's own, notes
placed by the heights of the rows above them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import xlsxwriter

from perfgoals_xl.sinks.safe_xlsx import SafeWorkbook


def _write(wb, ws) -> None:
    fmt = wb.add_format({"text_wrap": True, "border": 1})
    for r in range(300):
        ws.write_string(r, 0, f"第{r}行", fmt)
        ws.write_number(r, 1, r, fmt)
        ws.set_row(r, (15, 30, 45.5)[r % 3], fmt if r % 7 == 0 else None, {"hidden": r % 11 == 0})
        if r in (150, 299):
            ws.write_comment(r, 1, f"批注{r}")
    wb.close()


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def test_a_streamed_sheet_is_xlsxwriter_s_own_with_less_kept(tmp_path: Path) -> None:
    plain = xlsxwriter.Workbook(str(tmp_path / "plain.xlsx"), {"constant_memory": True})
    _write(plain, plain.add_worksheet("s"))
    ours = SafeWorkbook(str(tmp_path / "ours.xlsx"))
    ws = ours.add_streaming_worksheet("s")
    kept: list[int] = []
    ws_close = ours.close

    def close() -> None:  # what the sheet still keeps once every row is written
        kept.extend([len(ws.row_info), len({id(v) for v in ws.row_sizes.values()}), len(ws.row_sizes)])
        ws_close()

    ours.close = close  # type: ignore[method-assign]
    _write(ours, ws)
    # the last row (written at close) keeps its own RowInfo and size; the others: 3 heights × hidden
    assert kept[0] == 1 and kept[1] <= 3 * 2 + 1 and kept[2] == 300
    assert _parts(tmp_path / "plain.xlsx") == _parts(tmp_path / "ours.xlsx")
