"""The 审核意见 letter: what a finance bureau sends a unit after reviewing its table.

:func:`letter_content` gathers it as data (who, what, the counts, per project the findings to
fix — errors first — and, after an earlier round, what was fixed since); :func:`write_letter`
writes it as a Word document in the manner of official documents (GB/T 9704): A4, margins
37/35/28/26 mm, title in 宋体 bold 二号, body 仿宋 三号 at 28 pt lines, headings 黑体 / 楷体,
page numbers “— 1 —” at the foot. The bureau's name, the letter's number and date come from
``[letter]`` of perfgoals.toml; where absent the letter leaves a blank to fill in by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from perfgoals_xl.review.model import GONE_LABELS, Finding, FindingStatus

#: Placeholders for what perfgoals.toml does not say (filled in by hand before signing).
PLACEHOLDERS = {"bureau": "（财政部门名称）", "number": "〔    〕    号", "date": "    年  月  日",
                "deadline": "    年  月  日"}
_RANK = {"error": 0, "warning": 1, "info": 2}
#: Levels listed one by one under 需修改的问题 (提示 are counted, not listed: they are not to fix).
LISTED = ("error", "warning")
_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 → 一, 12 → 十二, 25 → 二十五 (up to 99; larger numbers in digits)."""
    if n < 1 or n > 99:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


@dataclass
class ProjectFindings:
    """One project's findings to fix (errors first) and, after a round, those fixed since."""

    name: str
    to_fix: list[FindingStatus] = field(default_factory=list)
    fixed: list[FindingStatus] = field(default_factory=list)


@dataclass
class LetterContent:
    """Everything the letter says, as data."""

    bureau: str
    number: str
    date: str
    deadline: str
    contact: str
    unit: str
    title: str
    file: str
    projects_count: int
    indicators_count: int
    counts: dict[str, int]
    accepted: int
    projects: list[ProjectFindings]
    previous: dict[str, int] | None = None  # fixed / new / open, when a previous round is given
    previous_file: str = ""


def place_text(f: Finding) -> str:
    """Where a finding is, as a reviewer writes it: 第2条指标“…”的年度指标值（填报!M9）."""
    parts = []
    if not f.project and f.unit and f.field_label:
        parts.append(f"资金使用单位“{f.unit}”的")
    if f.seq is not None or f.indicator:
        seq = f"第{f.seq}条" if f.seq is not None else ""
        name = f"“{f.indicator}”" if f.indicator else ""
        parts.append(f"{seq}指标{name}")
    if f.field_label and f.field not in ("item", "indicators"):
        parts.append(("的" if parts and not parts[-1].endswith("的") else "") + f.field_label)
    where = "".join(parts)
    if not where:
        return f.place or "全表"
    return f"{where}（{f.place}）" if f.place else where


def _group(items: Iterable[FindingStatus], order: list[str]) -> list[ProjectFindings]:
    groups: dict[str, ProjectFindings] = {}
    for item in items:
        if item.finding.suppressed:
            continue
        name = item.finding.project or ""
        group = groups.setdefault(name, ProjectFindings(name=name))
        (group.fixed if item.status == "fixed" else group.to_fix).append(item)
    rank = {name: n for n, name in enumerate(order)}
    out = sorted(groups.values(), key=lambda g: (0 if not g.name else 1, rank.get(g.name, len(rank))))
    for g in out:
        g.to_fix.sort(key=lambda i: _RANK.get(i.finding.severity, 3))  # stable: table order within a level
        g.fixed.sort(key=lambda i: _RANK.get(i.finding.severity, 3))
    return out


def letter_content(table: Any, items: list[FindingStatus], *, settings: dict[str, str] | None = None,
                   file: str = "", previous: dict[str, int] | None = None,
                   previous_file: str = "") -> LetterContent:
    """The letter for one table: its findings as statuses (all "new" when there is no earlier
    round), the [letter] settings, and the fixed / new / open counts of a round."""
    settings = settings or {}
    projects = table.projects()
    n_ind = sum(len(p.indicators) for p in projects)
    if table.kind == "department" and table.plan is not None:
        n_ind += len(table.plan.indicators)  # (and the project tables' in the same file, when any)
    counts = {"error": 0, "warning": 0, "info": 0}
    accepted = 0
    for item in items:
        if item.status == "fixed":
            continue
        if item.finding.suppressed:
            accepted += 1
        else:
            counts[item.finding.severity] = counts.get(item.finding.severity, 0) + 1
    unit = table.department or (table.units[0].name if table.units else "") or "（单位名称）"
    return LetterContent(
        bureau=settings.get("bureau") or PLACEHOLDERS["bureau"],
        number=settings.get("number") or PLACEHOLDERS["number"],
        date=settings.get("date") or PLACEHOLDERS["date"],
        deadline=settings.get("deadline") or PLACEHOLDERS["deadline"],
        contact=settings.get("contact", ""),
        unit=unit, title=table.title or "项目支出绩效目标表", file=Path(file).name if file else "",
        projects_count=len(projects) + (table.kind == "department"), indicators_count=n_ind,
        counts=counts, accepted=accepted, projects=_group(items, [p.name for p in projects]),
        previous=previous, previous_file=Path(previous_file).name if previous_file else "")


def body_paragraphs(c: LetterContent) -> list[str]:
    """The opening paragraphs (after the salutation)."""
    total = sum(c.counts.values())
    first = (f"你单位报送的《{c.title}》收悉。经审核，该表共 {c.projects_count} 个项目、"
             f"{c.indicators_count} 条绩效指标，")
    if total:
        first += (f"发现问题 {total} 条，其中错误 {c.counts['error']} 条（须修改）、警告 {c.counts['warning']} 条"
                  f"（应修改）、提示 {c.counts['info']} 条（供参考，不逐条列出）。")
    else:
        first += "未发现需要修改的问题。"
    if c.accepted:
        first += f"另有 {c.accepted} 条经核实予以接受，不再列出。"
    out = [first]
    if c.previous is not None:
        out.append(f"与你单位上一轮报送的版本相比，已整改 {c.previous['fixed']} 条，"
                   f"仍未整改 {c.previous['open']} 条，新发现 {c.previous['new']} 条。")
    if c.counts["error"] or c.counts["warning"]:
        out.append(f"现将审核意见反馈如下，请逐条对照修改，并于{c.deadline}前重新报送。")
    return out


def item_text(n: int, item: FindingStatus, *, with_status: bool) -> str:
    """One finding in the letter: 1.【错误】第2条指标“…”的年度指标值（填报!M9）：问题。修改建议：…"""
    f = item.finding
    again = "（上轮已提出，仍未整改）" if with_status and item.status == "open" else ""
    message = f.message.rstrip("。") + "。"
    hint = f"修改建议：{f.hint.rstrip('。')}。" if f.hint else ""
    return f"{n}.【{f.severity_label}】{place_text(f)}：{message}{again}{hint}"


def fixed_text(n: int, item: FindingStatus) -> str:
    """One fixed finding: 1.【警告】第2条指标“…”：原问题（已整改）."""
    f = item.finding
    gone = f"（{GONE_LABELS[item.gone_with]}）" if item.gone_with else ""
    return f"{n}.【{f.severity_label}】{place_text(f)}：{f.message.rstrip('。')}。{gone}"


# ---------------------------------------------------------------------------- the document

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体"
BODY_SIZE = 16  # 三号
TITLE_SIZE = 22  # 二号
LINE_PT = 28


def _text(text: str) -> str:
    """Text a Word document can hold: control characters and unholdable code points dropped
    (a project name pasted with a vertical tab would otherwise stop the letter)."""
    from perfgoals_xl.sinks.safe_xlsx import plain_xml_text

    return plain_xml_text(text)


def _font(run: Any, name: str, size: float, *, bold: bool = False, color: str | None = None) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        rfonts.set(qn(attr), name)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)


def _new_paragraph(doc: Any) -> Any:
    """An empty paragraph at the end of the body, in constant time. (``Document.add_paragraph``
    looks for the body's closing sectPr with a scan of every paragraph before it: a letter of
    thousands of findings took minutes — 4,000 projects 167 s.)"""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    body = doc.element.body
    p = OxmlElement("w:p")
    try:
        last = body[-1]  # lxml finds the last child from the end: no scan
    except IndexError:
        last = None
    if last is not None and last.tag == qn("w:sectPr"):
        last.addprevious(p)
    else:
        body.append(p)
    return Paragraph(p, doc._body)


def _paragraph(doc: Any, text: str, *, font: str = BODY_FONT, size: float = BODY_SIZE, bold: bool = False,
               align: str = "justify", indent: bool = True, color: str | None = None,
               space_after: float = 0) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
    from docx.shared import Pt

    p = _new_paragraph(doc)
    fmt = p.paragraph_format
    fmt.alignment = {"justify": WD_ALIGN_PARAGRAPH.JUSTIFY, "center": WD_ALIGN_PARAGRAPH.CENTER,
                     "right": WD_ALIGN_PARAGRAPH.RIGHT, "left": WD_ALIGN_PARAGRAPH.LEFT}[align]
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(max(LINE_PT, size * 1.35))
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(space_after)
    if indent:
        fmt.first_line_indent = Pt(size * 2)
    _font(p.add_run(_text(text)), font, size, bold=bold, color=color)
    return p


def _page_numbers(section: Any) -> None:
    """“— N —” centred in the footer (a PAGE field), 宋体 四号."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    p = section.footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(p.add_run("— "), TITLE_FONT, 14)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = p.add_run()
        _font(run, TITLE_FONT, 14)
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._element.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._element.append(instr)
        else:
            run.text = text
    _font(p.add_run(" —"), TITLE_FONT, 14)


def _rule_line(paragraph: Any, color: str = "C00000") -> None:
    """A red line under the bureau's name (the 红头 separator)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    ppr = paragraph._element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "12"), ("w:space", "4"), ("w:color", color)):
        bottom.set(qn(key), value)
    border.append(bottom)
    ppr.append(border)


def _counts_table(doc: Any, c: LetterContent) -> None:
    """Per project: errors, warnings, infos to fix; a 合计 row."""
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt
    from docx.table import _Cell

    rows = [(g.name or "全表 / 单位", *(sum(1 for i in g.to_fix if i.finding.severity == s)
                                       for s in ("error", "warning", "info"))) for g in c.projects if g.to_fix]
    table = doc.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = (Cm(7.6), Cm(1.9), Cm(1.9), Cm(1.9), Cm(1.9))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width  # w:gridCol, which LibreOffice reads
    totals = [sum(r[k] for r in rows) for k in (1, 2, 3)]
    for r, values in enumerate([("项目", "错误", "警告", "提示", "合计"),
                                *[(n, e, w, i, e + w + i) for n, e, w, i in rows],
                                ("合计", *totals, sum(totals))]):
        row = table.rows[0] if r == 0 else table.add_row()
        # the row's own cells (_Row.cells rebuilds the whole table's grid for each row: quadratic)
        cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
        for k, value in enumerate(values):
            cell = cells[k]
            cell.width = widths[k]
            p = cell.paragraphs[0]
            p.alignment = WD_ALIGN_PARAGRAPH.LEFT if k == 0 and r else WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(0)
            _font(p.add_run(_text(str(value))), BODY_FONT, 12, bold=r == 0 or (values[0] == "合计" and k == 0))
    _new_paragraph(doc).paragraph_format.space_after = Pt(0)


def build_document(c: LetterContent) -> Any:
    """The letter as a python-docx Document."""
    from docx import Document
    from docx.shared import Mm, Pt

    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(20)
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(BODY_SIZE)
    head = _paragraph(doc, c.bureau, font=TITLE_FONT, size=26, bold=True, align="center", indent=False,
                      color="C00000")
    _rule_line(head)
    _paragraph(doc, c.number, align="right", indent=False, space_after=12)
    _paragraph(doc, f"关于{c.unit}《{c.title}》的审核意见", font=TITLE_FONT, size=TITLE_SIZE, bold=True,
               align="center", indent=False, space_after=12)
    _paragraph(doc, f"{c.unit}：", indent=False)
    for text in body_paragraphs(c):
        _paragraph(doc, text)
    files = f"审核的文件：{c.file}" if c.file else ""
    if c.previous_file:
        files += f"；上一轮：{c.previous_file}"
    if files:
        _paragraph(doc, files, size=12, align="left")
    section_no = 0

    def heading(text: str) -> None:
        nonlocal section_no
        section_no += 1
        _paragraph(doc, f"{chinese_number(section_no)}、{text}", font=HEADING_FONT)

    if any(g.to_fix for g in c.projects):  # the table counts every level; the list, what is to fix
        heading("问题分布")
        _counts_table(doc, c)
        heading("需修改的问题")
        _paragraph(doc, "按项目列出，每个项目内错误在前；括号内为问题在表中的位置（工作表!单元格或行号）。")
        sub = 0
        for g in c.projects:
            to_fix = [i for i in g.to_fix if i.finding.severity in LISTED]
            if not to_fix:
                continue
            sub += 1
            _paragraph(doc, f"（{chinese_number(sub)}）{g.name or '全表 / 单位'}", font=SUBHEADING_FONT, bold=True)
            for n, item in enumerate(to_fix, start=1):
                _paragraph(doc, item_text(n, item, with_status=c.previous is not None))
    if c.previous is not None:
        fixed = [g for g in c.projects if g.fixed]
        heading("上一轮意见的整改情况")
        if not fixed:
            _paragraph(doc, "上一轮提出的问题均未整改。" if c.previous.get("open") else "上一轮未提出问题。")
        else:
            _paragraph(doc, f"以下 {c.previous['fixed']} 条问题已整改（所在指标或项目已删除的注明），不再要求修改：")
            for sub, g in enumerate(fixed, start=1):
                _paragraph(doc, f"（{chinese_number(sub)}）{g.name or '全表 / 单位'}", font=SUBHEADING_FONT,
                           bold=True)
                for n, item in enumerate(g.fixed, start=1):
                    _paragraph(doc, fixed_text(n, item))
    _paragraph(doc, "特此函告。")
    _paragraph(doc, "", indent=False)
    _paragraph(doc, c.bureau, align="right", indent=False)
    _paragraph(doc, c.date, align="right", indent=False)
    if c.contact:
        _paragraph(doc, f"（联系人及电话：{c.contact}）")
    _page_numbers(section)
    core = doc.core_properties
    core.title = _text(f"关于{c.unit}《{c.title}》的审核意见")[:255]
    core.author = "perfgoals-xl"
    return doc


def write_letter(content: LetterContent, path: str | Path, *, force: bool = False) -> Path:
    """Write the letter (.docx) atomically."""
    from perfgoals_xl.sinks.atomic import write_atomic

    doc = build_document(content)
    return write_atomic(path, lambda tmp: doc.save(str(tmp)), force=force)


def letter_text(path: str | Path) -> str:
    """The letter's text read back from the .docx (paragraphs and table cells, in order)."""
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    lines: list[str] = []
    for child in doc.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, doc).text)
        elif tag == "tbl":
            lines.extend(" | ".join(cell.text for cell in row.cells) for row in Table(child, doc).rows)
    return "\n".join(lines)
