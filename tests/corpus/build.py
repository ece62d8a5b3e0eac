"""Build the files people hold from a corpus entry's hand-written page (tests/corpus/README.md).

``page.html`` is the table as rebuilt by hand from its published source: a saved web page
with the table's merged cells as ``rowspan``/``colspan``. From it this script writes the
other files ``meta.json`` lists in ``held_as``:

- ``pasted.xlsx``  — the page's tables pasted into Excel: one sheet, the text lines above
  each table in column A, each table below with its merges (what Excel does on a paste), and
  the lines written under a table in its own block (经办人：…, 上报时间：…) in column A below it;
- ``original.xlsx`` — a workbook as a department attaches it: one sheet per table, the title
  lines above it;
- ``original.docx`` — a Word attachment: the title lines as paragraphs, each table a Word
  table with gridSpan/vMerge merges;
- ``site.xls``     — the page's bytes under an ``.xls`` name (web sites serve HTML so);
- ``saved.csv``    — pasted.xlsx saved as CSV by Excel: the same cells without their merges (a
  merged cell's text in its first cell only), numbers as Excel shows them, GBK for the GBK pages
  (Excel's "CSV (逗号分隔)" on a Chinese system) and UTF-8 with a BOM for the others;
- ``printed.pdf``  — the page printed to PDF by LibreOffice Writer (its HTML import, ruled
  table cells, A4 portrait): a table published as a PDF, rows cut by page breaks as Word and
  Writer cut them. Needs ``soffice``; the committed file is the fixture;
- ``exported.pdf`` — the tables as a ruled workbook exported to PDF by LibreOffice Calc (merged
  cells centred vertically, a merged cell cut by a page break open at the page's foot), as
  departments publish their Excel tables. Needs ``soffice``;
- ``browser.pdf``  — the page printed to PDF by a browser (Chromium, "打印 → 另存为 PDF"): its CJK font
  maps some characters to radicals (⼈ for 人, ⺠ for 民) and a row cut by a page break is drawn open
  (no rule under its first part, none over the rest). Needs ``chromium``; kept for a few entries
  (each file embeds its fonts: some 350 KB);
- ``browser-a4.pdf`` — the same on A4 paper (what a Chinese user's print dialog sets; Chromium's own
  default is Letter): other page breaks cut other rows. Kept where A4 cut a row Letter does not;
- ``browser-landscape.pdf`` — the same on A4 turned (横向: a wide form fits the paper's width), where
  that paper's breaks cut what the others do not;
- ``word.pdf``     — ``original.docx`` printed to PDF by LibreOffice Writer: a Word attachment published
  as a PDF, as most budget PDFs are made (a Word table's cells have no top margin: each first line
  stands right at its rule). Needs ``soffice``.

This is a fixture builder, independent of perfgoals' own readers (which must not be used to
make the files they are tested on). Usage: ``python tests/corpus/build.py [--only .xlsx] [ID ...]``
(all entries when none is named).
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html

CORPUS = Path(__file__).resolve().parent
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "center", "span", "strong", "b"}


@dataclass
class Table:
    """One HTML table as a grid: text by (row, column) and merged ranges (r1, c1, r2, c2)."""

    cells: dict[tuple[int, int], str] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    rows: int = 0
    cols: int = 0
    before: list[str] = field(default_factory=list)  # text lines between the previous table and this one
    after: list[str] = field(default_factory=list)  # text lines under it in its own block (经办人：…, 上报时间：…)


def cell_text(el: lxml.html.HtmlElement) -> str:
    """The text of a cell as a browser shows it: <br> and block elements break lines."""
    for br in el.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in el.iter("p", "div", "li"):
        if block is not el:
            block.tail = "\n" + (block.tail or "")
    text = el.text_content()
    lines = [" ".join(line.split()) for line in text.replace("\xa0", " ").split("\n")]
    return "\n".join(line for line in lines if line).strip()


def table_grid(table: lxml.html.HtmlElement) -> Table:
    """Lay out a table's rows with rowspan/colspan the way a browser does."""
    grid = Table()
    taken: set[tuple[int, int]] = set()
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None and _own_table(tr) is table]
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in taken:
                c += 1
            rowspan = max(1, min(int(td.get("rowspan", "1") or 1), 500))
            colspan = max(1, min(int(td.get("colspan", "1") or 1), 100))
            text = cell_text(td)
            if text:
                grid.cells[(r, c)] = text
            for dr in range(rowspan):
                for dc in range(colspan):
                    taken.add((r + dr, c + dc))
            if rowspan > 1 or colspan > 1:
                grid.merges.append((r, c, r + rowspan - 1, c + colspan - 1))
            c += colspan
    grid.rows = 1 + max((r for r, _ in taken), default=-1)
    grid.cols = 1 + max((c for _, c in taken), default=-1)
    return grid


def _own_table(tr: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    node = tr.getparent()
    while node is not None and node.tag != "table":
        node = node.getparent()
    return node


def page_tables(html_bytes: bytes) -> list[Table]:
    """Every innermost table of the page, with the text lines just above it (its title, 单位)."""
    doc = lxml.html.document_fromstring(html_bytes)
    for bad in doc.iter("script", "style", "nav", "header", "footer"):
        bad.drop_tree()
    tables: list[Table] = []
    pending: list[str] = []
    body = doc.find("body") if doc.find("body") is not None else doc
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "table":
            if el.find(".//table") is not None:
                continue  # a layout table around the data table
            grid = table_grid(el)
            grid.before = pending[-4:]
            grid.after = _lines_after(el)
            pending = []
            tables.append(grid)
        elif el.tag in _BLOCK_TAGS and not _inside_table(el) and not _has_block_child(el):
            text = cell_text(el)
            if text and (not pending or pending[-1] != text):
                pending.append(text)
    return tables


def _lines_after(table: lxml.html.HtmlElement) -> list[str]:
    """The text lines written under a table in the block holding it (a form's 经办人：…, 上报时间：…),
    when no other table follows in that block: what a reader selecting the table's block pastes."""
    siblings = [s for s in table.itersiblings() if isinstance(s.tag, str)]
    if any(s.tag == "table" or s.find(".//table") is not None for s in siblings):
        return []
    lines: list[str] = []
    for sibling in siblings:
        if sibling.tag in _BLOCK_TAGS or sibling.tag == "br":
            lines.extend(line for line in cell_text(sibling).split("\n") if line)
    return lines[:4]


def _has_block_child(el: lxml.html.HtmlElement) -> bool:
    return any(isinstance(child.tag, str) and (child.tag in _BLOCK_TAGS or child.tag == "table")
               for child in el.iterdescendants())


def _inside_table(el: lxml.html.HtmlElement) -> bool:
    node = el.getparent()
    while node is not None:
        if node.tag == "table":
            return True
        node = node.getparent()
    return False


def write_xlsx(tables: list[Table], path: Path, *, one_sheet: bool, excel_types: bool = False) -> None:
    """pasted.xlsx (one sheet) or original.xlsx (a sheet per table), merges kept; ``excel_types``: as Excel
    types a paste — 95% a number shown as a percentage, 1,234.50 a number shown with its separators."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    row0 = 0
    for i, table in enumerate(tables):
        if not one_sheet:
            if i:
                ws = wb.create_sheet(f"Sheet{i + 1}")
            row0 = 0
        for line in table.before:
            ws.cell(row=row0 + 1, column=1, value=line)
            row0 += 1
        for (r, c), text in table.cells.items():
            typed = _excel_typed(text) if excel_types else None
            cell = ws.cell(row=row0 + r + 1, column=c + 1, value=typed[0] if typed else _typed(text))
            if typed:
                cell.number_format = typed[1]
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # "=8个" is a published value, not a formula (openpyxl would write one)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        for r1, c1, r2, c2 in table.merges:
            ws.merge_cells(start_row=row0 + r1 + 1, start_column=c1 + 1, end_row=row0 + r2 + 1, end_column=c2 + 1)
        after = table.after if one_sheet else []  # a paste takes the lines under the table; a workbook has none
        for k, line in enumerate(after):
            ws.cell(row=row0 + table.rows + k + 1, column=1, value=line)
        row0 += table.rows + len(after) + 1
    wb.save(path)


def write_csv(tables: list[Table], path: Path, encoding: str) -> None:
    """saved.csv: pasted.xlsx's sheet as Excel saves it as CSV (no merges; CRLF lines)."""
    import csv
    import io

    grid: dict[tuple[int, int], str] = {}
    row0 = 0
    for table in tables:
        for line in table.before:
            grid[row0, 0] = line
            row0 += 1
        for (r, c), text in table.cells.items():
            value = _typed(text)
            grid[row0 + r, c] = value if isinstance(value, str) else (
                str(value) if isinstance(value, int) else f"{value:.15g}")
        for k, line in enumerate(table.after):
            grid[row0 + table.rows + k, 0] = line
        row0 += table.rows + len(table.after) + 1
    width = max(c for _, c in grid) + 1
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for r in range(max(r for r, _ in grid) + 1):
        writer.writerow([grid.get((r, c), "") for c in range(width)])
    text = out.getvalue()
    try:
        data = text.encode("gbk") if encoding == "gbk" else b"\xef\xbb\xbf" + text.encode("utf-8")
    except UnicodeEncodeError:  # a character GBK lacks: Excel would save it as UTF-8
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    path.write_bytes(data)


_PERCENT = re.compile(r"^(\d{1,9})(?:\.(\d{1,6}))?%$")
_GROUPED = re.compile(r"^\d{1,3}(?:,\d{3}){1,4}(?:\.(\d{1,6}))?$")


def _excel_typed(text: str) -> tuple[float, str] | None:
    """What Excel makes of a pasted 95% / 83.50% (the fraction, shown 0% / 0.00%) or 1,234.50 (the number,
    shown #,##0.00); None for any other text."""
    stripped = text.strip()
    if m := _PERCENT.match(stripped):
        decimals = len(m.group(2) or "")
        return float(stripped[:-1]) / 100, "0%" if not decimals else "0." + "0" * decimals + "%"
    if m := _GROUPED.match(stripped):
        decimals = len(m.group(1) or "")
        return float(stripped.replace(",", "")), "#,##0" if not decimals else "#,##0." + "0" * decimals
    return None


def _typed(text: str) -> str | int | float:
    """Excel turns a pasted plain number into a number; everything else stays text."""
    stripped = text.replace(",", "")
    if stripped and len(stripped) < 16 and stripped.lstrip("-").replace(".", "", 1).isdigit() \
            and not (stripped.startswith("0") and len(stripped) > 1 and stripped[1] != "."):
        number = float(stripped)
        return int(number) if number.is_integer() and "." not in stripped else number
    return text


def write_spreadsheetml(tables: list[Table], path: Path) -> None:
    """system.xls: the tables as a budget system's Java code exports them — an Excel 2003 XML workbook
    (a FreeMarker template saved from Excel as XML 表格), a sheet per table with its title lines, merges
    as ss:MergeAcross / ss:MergeDown, a cell's ss:Index written only where blanks or merged areas from
    the rows above leave a gap (as Excel writes it), numbers typed as a paste types them."""
    from xml.sax.saxutils import escape

    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<?mso-application progid="Excel.Sheet"?>',
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
           'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">']
    for i, table in enumerate(tables):
        out.append(f'<Worksheet ss:Name="Sheet{i + 1}"><Table>')
        lines = len(table.before)
        for line in table.before:
            out.append(f'<Row><Cell><Data ss:Type="String">{escape(line)}</Data></Cell></Row>')
        merges = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in table.merges}
        covered = {(r, c) for (r1, c1), (r2, c2) in merges.items() for r in range(r1, r2 + 1)
                   for c in range(c1, c2 + 1) if (r, c) != (r1, c1)}
        for r in range(table.rows):
            cells, nxt = [], 0
            placed = {c for (rr, c) in [*table.cells, *merges] if rr == r and (r, c) not in covered}
            for c in sorted(placed):  # (a merged area is written from its first cell, text or none)
                while (r, nxt) in covered:
                    nxt += 1  # merged down from above, or across from the left: no cell written
                index = f' ss:Index="{c + 1}"' if c != nxt else ""
                r2, c2 = merges.get((r, c), (r, c))
                span = (f' ss:MergeAcross="{c2 - c}"' if c2 > c else "") + (f' ss:MergeDown="{r2 - r}"' if r2 > r else "")
                value = _typed(table.cells.get((r, c), ""))
                kind = "String" if isinstance(value, str) else "Number"
                data = f'<Data ss:Type="{kind}">{escape(str(value))}</Data>' if value != "" else ""
                cells.append(f'<Cell{index}{span}>{data}</Cell>')
                nxt = c2 + 1
            out.append(f'<Row ss:Index="{lines + r + 1}">{"".join(cells)}</Row>' if cells else "")
        out.append("</Table></Worksheet>")
    out.append("</Workbook>")
    path.write_text("\n".join(line for line in out if line), encoding="utf-8")


def write_docx(tables: list[Table], path: Path) -> None:
    """original.docx: title lines as paragraphs, each table a Word table with its merges."""
    import docx

    document = docx.Document()
    for table in tables:
        for line in table.before:
            document.add_paragraph(line)
        if table.rows == 0 or table.cols == 0:
            continue
        word_table = document.add_table(rows=table.rows, cols=table.cols)
        word_table.style = "Table Grid"
        covered: set[tuple[int, int]] = set()
        for r1, c1, r2, c2 in table.merges:
            word_table.cell(r1, c1).merge(word_table.cell(r2, c2))
            covered.update((r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1) if (r, c) != (r1, c1))
        for (r, c), text in table.cells.items():
            if (r, c) not in covered:
                word_table.cell(r, c).text = text
        document.add_paragraph("")
    document.save(path)


def write_wordml(tables: list[Table], path: Path) -> None:
    """system.doc: the tables as a Java system exports a Word form — a Word 2003 XML document (a FreeMarker
    template saved from Word as "Word 2003 XML 文档"), served as .doc: title lines as paragraphs, each
    table with its merges (w:gridSpan across, w:vmerge restart / continue down), as Word writes them."""
    from xml.sax.saxutils import escape

    def para(text: str) -> str:
        runs = "".join(f"<w:r><w:t>{escape(line)}</w:t></w:r>" + ("<w:r><w:br/></w:r>" if k < text.count("\n") else "")
                       for k, line in enumerate(text.split("\n")))
        return f"<w:p>{runs}</w:p>"

    body: list[str] = []
    for table in tables:
        body.extend(para(line) for line in table.before)
        if table.rows == 0 or table.cols == 0:
            continue
        spans = {(r1, c1): (r2, c2) for r1, c1, r2, c2 in table.merges}
        owner = {(r, c): (r1, c1) for (r1, c1), (r2, c2) in spans.items()
                 for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        grid = "".join('<w:gridCol w:w="1200"/>' for _ in range(table.cols))
        rows = []
        for r in range(table.rows):
            cells, c = [], 0
            while c < table.cols:
                r1, c1 = owner.get((r, c), (r, c))
                r2, c2 = spans.get((r1, c1), (r1, c1))
                props = '<w:tcW w:w="1200" w:type="dxa"/>' + (f'<w:gridSpan w:val="{c2 - c1 + 1}"/>' if c2 > c1 else "")
                if r2 > r1:
                    props += '<w:vmerge w:val="restart"/>' if r == r1 else "<w:vmerge/>"
                text = table.cells.get((r1, c1), "") if r == r1 else ""
                cells.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{para(text)}</w:tc>")
                c = c2 + 1
            rows.append(f"<w:tr>{''.join(cells)}</w:tr>")
        borders = "".join(f'<w:{side} w:val="single" w:sz="4"/>' for side in ("top", "left", "bottom", "right",
                                                                             "insideH", "insideV"))
        body.append(f"<w:tbl><w:tblPr><w:tblBorders>{borders}</w:tblBorders></w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
                    f"{''.join(rows)}</w:tbl>")
        body.append("<w:p/>")
    path.write_text('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                    '<?mso-application progid="Word.Document"?>\n'
                    '<w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml">'
                    f"<w:body>{''.join(body)}</w:body></w:wordDocument>", encoding="utf-8")


def _soffice_pdf(source: Path, target: Path, options: list[str]) -> None:
    """Convert a file to PDF with LibreOffice (a profile of its own, in a temporary folder)."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit(f"{target.name} needs LibreOffice (soffice)")
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / f"page{source.suffix}"
        shutil.copy(source, copy)
        subprocess.run([soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", *options,
                        "--outdir", tmp, str(copy)], check=True, capture_output=True, timeout=300)
        shutil.copy(Path(tmp) / "page.pdf", target)


def write_pdf(page: Path, target: Path) -> None:
    """printed.pdf: the saved page printed by LibreOffice Writer (HTML import → PDF export)."""
    _soffice_pdf(page, target, ["--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export"])


def with_paper(html: bytes, paper: str) -> bytes:
    """A saved page's bytes with ``@page { size: <paper> }`` set in its head, as a print dialog sets
    the paper (ASCII: any page encoding)."""
    style = b"<style>@page { size: " + paper.encode("ascii") + b" }</style>"
    head = re.search(rb"<head\b[^>]*>", html, re.IGNORECASE)
    return html[:head.end()] + style + html[head.end():] if head else style + html


def write_browser_pdf(page: Path, target: Path, paper: str | None = None) -> None:
    """browser.pdf: the saved page printed to PDF by Chromium (headless, no header or footer), on its
    default paper (Letter) or on ``paper`` (browser-a4.pdf: "A4")."""
    import shutil
    import subprocess
    import tempfile

    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if browser is None:
        raise SystemExit(f"{target.name} needs Chromium (chromium)")
    with tempfile.TemporaryDirectory() as tmp:
        if paper is not None:
            sized = Path(tmp) / page.name
            sized.write_bytes(with_paper(page.read_bytes(), paper))
            page = sized
        subprocess.run([browser, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={target}", page.resolve().as_uri()], check=True, capture_output=True,
                       timeout=120)


def write_word_pdf(docx: Path, target: Path) -> None:
    """word.pdf: the Word attachment (original.docx, written first) printed by LibreOffice Writer."""
    _soffice_pdf(docx, target, ["--convert-to", "pdf:writer_pdf_Export"])


#: Column width (characters) of the bordered workbook exported.pdf is printed from.
_EXPORT_WIDTH = 14


def write_exported_pdf(tables: list[Table], target: Path) -> None:
    """exported.pdf: the tables as a department's workbook (:func:`write_export_book`) exported to PDF
    by LibreOffice Calc."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        book = Path(tmp) / "page.xlsx"
        write_export_book(tables, book)
        _soffice_pdf(book, target, ["--convert-to", "pdf"])


def write_export_book(tables: list[Table], book: Path, *, rows: str = "fit") -> None:
    """The tables as a department's workbook — every cell ruled, text wrapped, merges kept, rows as
    tall as their text (merged cells too, as people set them by hand: Excel sizes neither), one page
    wide. Merged cells are centred vertically, as Excel and Calc print them; a merged cell cut by a
    page break has no rule at the page's foot. ``rows``: ``"fit"`` (the corpus's exported.pdf) counts
    a cell's characters, ``"fit lines"`` its typed line breaks too; ``"a line short"`` sets each row of two lines
    or more a line lower than its text (set by eye), ``"one line"`` sets every row one line high
    however much its cells hold (set by eye), ``"unwrapped"`` does that and wraps no text (typed
    without 自动换行: a long text runs on over the empty cells beside it)."""
    import math

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.utils import get_column_letter

    thin = Side(style="thin")
    wb = Workbook()
    ws = wb.active
    row0 = width = 0
    for table in tables:
        for line in table.before:
            ws.cell(row=row0 + 1, column=1, value=line)
            row0 += 1
        spans = {(r1, c1): (r2 - r1 + 1, c2 - c1 + 1) for r1, c1, r2, c2 in table.merges}
        lines: dict[int, int] = {}
        for r in range(table.rows):
            for c in range(table.cols):
                text = table.cells.get((r, c))
                cell = ws.cell(row=row0 + r + 1, column=c + 1, value=None if text is None else _typed(text))
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # a published "=8个", not a formula
                cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                cell.alignment = Alignment(wrap_text=rows != "unwrapped", vertical="center")
                cell.font = Font(name="Noto Sans CJK SC", size=10)
                if text and rows in ("fit", "fit lines", "a line short"):
                    n_rows, n_cols = spans.get((r, c), (1, 1))
                    per_line = _EXPORT_WIDTH * n_cols - 1
                    parts = text.split("\n") if rows == "fit lines" else [text]  # a typed line break starts a line
                    printed = sum(max(1, math.ceil(sum(2 if ord(ch) > 255 else 1 for ch in part) / per_line))
                                  for part in parts)
                    need = math.ceil(printed / n_rows)
                    for k in range(n_rows):
                        lines[r + k] = max(lines.get(r + k, 1), need)
        for r1, c1, r2, c2 in table.merges:
            ws.merge_cells(start_row=row0 + r1 + 1, start_column=c1 + 1, end_row=row0 + r2 + 1, end_column=c2 + 1)
        for r, n in lines.items():
            ws.row_dimensions[row0 + r + 1].height = 14 * (n - 1 if rows == "a line short" and n > 1 else n) + 4
        for k, line in enumerate(table.after):
            ws.cell(row=row0 + table.rows + k + 1, column=1, value=line)
        row0 += table.rows + len(table.after) + 1
        width = max(width, table.cols)
    for c in range(width):
        ws.column_dimensions[get_column_letter(c + 1)].width = _EXPORT_WIDTH
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    wb.save(book)


def build(entry: Path, only: str | None = None) -> list[Path]:
    """Write the files meta.json's held_as names (other than page.html), or only those ending in
    ``only``; return them."""
    meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
    page = entry / "page.html"
    tables = page_tables(page.read_bytes())
    if not tables:
        raise SystemExit(f"{page}: no table")
    written = []
    for name in meta.get("held_as", []):
        if only and not name.endswith(only):
            continue
        target = entry / name
        if name == "pasted.xlsx":
            write_xlsx(tables, target, one_sheet=True)
        elif name == "original.xlsx":
            write_xlsx(tables, target, one_sheet=False)
        elif name == "original.docx":
            write_docx(tables, target)
        elif name == "site.xls":
            target.write_bytes(page.read_bytes())
        elif name == "printed.pdf":
            write_pdf(page, target)
        elif name == "exported.pdf":
            write_exported_pdf(tables, target)
        elif name == "word.pdf":
            write_word_pdf(entry / "original.docx", target)
        elif name == "browser.pdf":
            write_browser_pdf(page, target)
        elif name == "browser-a4.pdf":
            write_browser_pdf(page, target, "A4")
        elif name == "browser-landscape.pdf":
            write_browser_pdf(page, target, "A4 landscape")
        elif name == "saved.csv":
            write_csv(tables, target, meta.get("encoding", "utf-8"))
        elif name != "page.html" and not target.exists():
            raise SystemExit(f"{entry.name}: held_as names {name}, which this script cannot build and is missing")
        else:
            continue
        written.append(target)
    return written


def main(argv: list[str]) -> int:
    """Build the named entries (all when none); ``--only .xlsx`` builds just those files."""
    only = None
    if argv[:1] == ["--only"]:
        only, argv = argv[1], argv[2:]
    entries = [CORPUS / name for name in argv] if argv else sorted(p.parent for p in CORPUS.glob("*/meta.json"))
    for entry in entries:
        for path in build(entry, only):
            print(path.relative_to(CORPUS))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
