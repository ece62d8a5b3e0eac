"""How the long-format reader takes a name cell (资金使用单位, 项目名称, 部门名称): a budget code
before a name, a 合计 / 小计 row, a department's own row.

Below sources and sinks: the reader (``sources/hierarchy.py``, ``sources/longform.py``) decides
with these, and the writers of our long formats (``sinks/longform.py``, ``sinks/losses.py``) ask
the same questions of what they are about to write, so that a name the reader would take for
something else is written apart or said (docs/csv.md §往返). Every pattern is linear and every
input is cut to a bounded length first.

- ``820001-某某镇人民政府`` / ``[015001]某区教育局`` / ``820001 某某镇人民政府``: a code before the
  name (:func:`split_code`);
- 合计 / 总计 alone is the table's total; 小计, or a name ending in 合计 / 小计 (某某单位小计), is
  the subtotal of a unit (:func:`total_kind`, :func:`subtotal_owner`);
- codes nest by prefix (``820`` ⊃ ``820001``), and without codes a name ending in 部门 / 局 / 委 /
  办 (委员会, 办公室) is a department's unless it says 本级 (:func:`is_department_row`);
- above the header: 单位：万元 (``UNIT_LINE``), 部门名称：… (``DEPARTMENT_LINE``), 部门名称来源：…
  (``DEPARTMENT_SOURCE_NOTE``), a title naming its department (:func:`department_from_title`).

And what that makes of the cells and rows our long formats write (:func:`label_misread`,
:func:`has_own_row`, :func:`project_row_total_kind`).
"""

from __future__ import annotations

import re

from perfgoals_xl.limits import MAX_LABEL
from perfgoals_xl.longform_cells import department_label, unit_label
from perfgoals_xl.model import AMOUNT_FIELDS, FundUnit, Indicator, Project

#: A budget code before the name: ``820-某某镇部门``, ``[015001]某区教育局``, ``820001 某某镇人民政府``.
_CODE = re.compile(r"^(?:[\[【(（]\s*(\d{2,20})\s*[\]】)）]\s*|(\d{2,20})(?:\s*[-－—_:：、]\s*|\s+))(\S.*)$", re.S)
_SPACES = re.compile(r"[\s\u3000]+")
#: (a money unit may follow: 合计（万元）, the row's amounts in the table's unit)
_TOTAL = re.compile(r"^(?:合计|总计|总合计)(?:[(（](?:万元|千元|元)[)）])?[:：]?$")
_SUBTOTAL_TAIL = re.compile(r"(?:小计|合计)(?:[(（](?:万元|千元|元)[)）])?[:：]?$")
_DEPT_TAIL = ("部门", "局", "委", "委员会", "办", "办公室")
_OWN_LEVEL = re.compile(r"[(（]?本级[)）]?$")

# The lines above a header (sources/longform.py, _read_preamble).
#: A unit line above the header: 单位：万元 / 金额单位:元 / 单位(元).
UNIT_LINE = re.compile(r"(?:金额)?单位\s*+[:：(（]\s*+(万元|千元|元)")
#: 部门名称：XX局 / 预算部门： / 预算单位： / 单位名称： / 部门：505_XX局 (the 预算一体化 export; the value may
#: also stand in the next cell).
#: Linear: the name is runs of spaces each followed by a non-space (no lazy part before \s*$).
DEPARTMENT_LINE = re.compile(
    r"^\s*+(?:部门名称|预算部门|主管部门|预算单位|单位名称|部门)\s*+[:：]\s*+(?P<name>(?:\s*+\S)*+)\s*$", re.S)
#: Words that make a line above the header the table's title: 项目支出绩效目标表, 项目支出绩效自评表,
#: 绩效指标表 — with 表 (a 年度绩效目标 line without it is not a title).
TITLE_WORDS = ("绩效目标", "自评", "绩效指标")


def is_table_title(text: str) -> bool:
    """Whether a line above the header is the table's title (项目支出绩效目标表 / …绩效自评表)."""
    return "表" in text and any(word in text for word in TITLE_WORDS)


#: Where a department name was read (PerfTable.department_source) → the words our outputs write.
DEPARTMENT_SOURCES = {"label": "部门名称行", "title": "标题", "row": "部门汇总行", "form": "申报表主管部门"}
#: The note our entry workbook writes beside the department: 部门名称来源：标题.
DEPARTMENT_SOURCE_NOTE = re.compile(r"^部门名称来源[:：](?P<source>部门名称行|标题|部门汇总行|申报表主管部门)$")


def split_code(text: str, *, bracketed_only: bool = False) -> tuple[str | None, str]:
    """``820001-某某镇人民政府`` → (``820001``, ``某某镇人民政府``); a label without a code → (None, label).

    bracketed_only: only ``[015001]某区教育局`` counts (a value standing alone in a cell, where a
    name that merely starts with digits must stay whole).
    """
    label = (text or "").strip()[:MAX_LABEL]
    m = _CODE.match(label)
    if m is None or (bracketed_only and m.group(1) is None):
        return None, label
    return m.group(1) or m.group(2), m.group(3).strip()


def total_kind(name: str) -> str | None:
    """``total`` for 合计/总计, ``subtotal`` for 小计 or a name ending in 合计/小计, else None."""
    compact = _SPACES.sub("", (name or "")[:MAX_LABEL])
    if _TOTAL.match(compact):
        return "total"
    if _SUBTOTAL_TAIL.search(compact):
        return "subtotal"
    return None


def subtotal_owner(name: str) -> str:
    """The unit a subtotal names (某某单位小计 → 某某单位; 小计 → '')."""
    compact = _SPACES.sub("", (name or "")[:MAX_LABEL])
    return _SUBTOTAL_TAIL.sub("", compact).rstrip("-－—:：")


def looks_like_department(name: str) -> bool:
    """A name a department carries (…部门/局/委/办), not a department's own unit (…本级)."""
    compact = _SPACES.sub("", (name or "")[:MAX_LABEL])
    if not compact or _OWN_LEVEL.search(compact):
        return False
    return compact.endswith(_DEPT_TAIL)


def nests(parent: str | None, child: str | None) -> bool:
    """Does budget code ``child`` sit under ``parent`` (a strict prefix)?"""
    return bool(parent and child and len(child) > len(parent) and child.startswith(parent))


def is_department_row(first: FundUnit, rest: list[FundUnit]) -> bool:
    """Is a table's first unit, read with the units after it, the department's own total row?

    It is when it has amounts but no projects, more units follow, and either its code is a strict
    prefix of theirs or (without codes) its name is a department's.
    """
    if first.projects or not any(first.amounts.get(k) is not None for k in AMOUNT_FIELDS) or not rest:
        return False
    if first.code and any(u.code for u in rest):
        return all(nests(first.code, u.code) for u in rest if u.code)
    return looks_like_department(first.name)


#: The money words of a title before the table's name (某某局2024年项目支出绩效目标表).
_TITLE_TAIL = re.compile(r"(?:\d{4}\s*年度?)?(?:部门预算)?(?:项目支出|项目)?$")
#: Where a title's subject starts after the department's name.
_TITLE_MARKS = ("绩效目标", "部门整体", "整体支出", "绩效自评", "绩效评价")
_TITLE_DEPT_TAIL = ("部门", "局", "委", "委员会", "办", "办公室", "厅", "署", "院", "部", "政府", "中心", "馆", "会")


#: How the name of a budget unit ends (局, 法院, 中心, 某镇人民政府, 某中学 …).
_UNIT_TAIL = _TITLE_DEPT_TAIL + ("所", "站", "队", "校", "学", "园", "社", "场", "街道", "镇", "乡", "公司", "集团", "联合会")
#: A unit's name as a heading cell prints it: no colon, no digits inside, a few characters.
_UNIT_NAME = re.compile(r"^[^\d:：,，。；;]{4,40}$")


def names_budget_unit(name: str) -> bool:
    """Is this text (its code taken off: :func:`vocabulary.split_department`) a budget unit's name
    as printed alone in a heading (天津市河北区人民法院, 某县教育局, 某镇人民政府)?"""
    compact = _SPACES.sub("", (name or "")[:MAX_LABEL])
    return bool(_UNIT_NAME.match(compact)) and compact.endswith(_UNIT_TAIL)


def department_from_title(title: str) -> str:
    """The department a title names: ``某某局2024年项目支出绩效目标表`` → ``某某局`` ('' when none)."""
    compact = _SPACES.sub("", (title or "")[:MAX_LABEL])
    found = [i for i in (compact.find(w) for w in _TITLE_MARKS) if i > 0]
    if not found:
        return ""
    at = min(found)  # (某局2019年度部门整体支出绩效评价得分表: the department before 部门整体)
    head = _LEADING_YEAR.sub("", _TITLE_TAIL.sub("", compact[:at]))  # (2024年度某局…: no department's name)
    return head if head.endswith(_TITLE_DEPT_TAIL) and len(head) >= 2 and head not in _TITLE_DEPT_TAIL else ""


#: A year before a title's department (2024年度某县交通运输局部门整体支出绩效目标表): the table's year.
_LEADING_YEAR = re.compile(r"^[(（]?\d{4}年度?[)）]?")


#: A 自评表 title naming its project: <name>绩效自评表 / <name>绩效目标自评表 / <name>支出绩效自评表.
_SELFEVAL_TITLE = re.compile(r"(?:项目(?:支出)?)?绩效(?:目标)?(?:执行情况)?(?:评价)?自评表$")
#: A year heading a title (2021年度…, （2021年）…): the table's year, not the project's name.
_YEAR_HEAD = re.compile(r"^[(（]\d{4}\s*年度?[)）]|^\d{4}\s*年度?$|^\d{4}\s*年度(?=\S)")
#: Words of a title naming the kind of table, not a project (项目支出, 财政预算支出项目, 部门整体).
_GENERIC_TITLE = ("部门整体", "整体", "专项资金项目", "转移支付")
#: How a title naming a kind of spending, not a project, ends before 绩效… (某局项目支出, 一般公共预算支出);
#: other names may end in 支出 (物业管理费支出, 工资性支出, 商品和服务支出 are projects).
_GENERIC_SPENDING = ("项目支出", "基本支出", "预算支出", "部门支出", "财政支出")


#: Unit tails that also end the name of a building a project builds or runs (全民健身中心, 文化馆, 敬老院).
_FACILITY_TAIL = ("中心", "馆", "院")


def _names_no_project(name: str, bare: str, facility: bool = False) -> bool:
    """Does a title's name part name only a kind of table or spending, or a department (not a project)?
    ``facility``: a name ending like a building (…中心项目) is a project's."""
    core = bare.removesuffix("支出")
    return (len(core) < 2 or any(w in name for w in _GENERIC_TITLE) or bare.endswith(_GENERIC_SPENDING)
            or (core.endswith(_TITLE_DEPT_TAIL) and not (facility and core.endswith(_FACILITY_TAIL))))


def project_from_title(title: str, *, facility: bool = False) -> str:
    """The project a 自评表's title names: ``电子商务发展项目绩效自评表`` → ``电子商务发展项目``; '' for a
    title naming only the kind of table (2021年度项目支出绩效自评表, 某局项目绩效自评表). ``facility``: for a
    table printing no 项目名称, a title naming a building with 项目 after it (全民健身中心项目绩效自评表) names
    the project — elsewhere such a title may be a centre's (a unit's) table."""
    compact = _SPACES.sub("", (title or "")[:MAX_LABEL])
    m = _SELFEVAL_TITLE.search(compact)
    if m is None:
        return ""
    keep = "项目" if compact[m.start():].startswith("项目") else ""
    name = _YEAR_HEAD.sub("", compact[:m.start()]) + keep  # (a year in brackets before it is the table's)
    bare = _YEAR_HEAD.sub("", name).removesuffix("项目")
    if _names_no_project(name, bare, facility and bool(keep)):
        return ""
    return name


#: A target table's title naming its project: <name>(预算指标)?(项目)?(支出)?绩效目标(申报|批复)?表.
_TARGET_TITLE = re.compile(r"(?:预算指标)?(?:项目(?:支出)?)?绩效目标(?:申报|批复|审核)?表$")
#: What may open such a title before the name: its number in a list (1、), a document number
#: (邯财社2018126号, 某财预〔2019〕12号), 关于 / 提前下达 with its year, a 2023年度 (the table's year); a bare
#: 2018年 opening the name is the name's (2018年南岳镇资产收益扶贫项目, as its 项目名称 prints it).
_TITLE_OPENING = re.compile(r"^(?:[0-9一二三四五六七八九十]{1,3}[、.．])?"
                            r"(?:[\u4e00-\u9fff]{1,6}?[〔\[(（]?(?:19|20)\d{2}[〕\])）]?第?\d{1,4}号)?"
                            r"(?:(?:关于)?(?:提前)?下达(?:(?:19|20)\d{2}年度?)?|关于(?:(?:19|20)\d{2}年度?)?"
                            r"|(?:19|20)\d{2}年度)?")


#: A self-evaluation report's title naming its project (its target table printed inside it, with no
#: 项目名称): <department><year><name>(项目)(支出)绩效自评(工作)报告.
_REPORT_TITLE = re.compile(r"(?:项目)?(?:支出)?绩效(?:自评|评价)(?:工作)?(?:情况)?报告$")


def target_project_from_title(title: str) -> str:
    """The project a target table's title names when the form prints no 项目名称 (河北 2019:
    ``1、邯财社2018126号提前下达2019年中央财政困难群众救助补助预算指标绩效目标表`` → ``中央财政困难群众救助补助``),
    or the title of the self-evaluation report the table is printed in (``丰都县公安局2022年度辅警人员经费
    绩效自评工作报告`` → ``辅警人员经费``: a department and a year before the name are no part of it);
    '' for a title naming only the kind of table (2019年项目支出绩效目标表) or a department (某局…)."""
    compact = _SPACES.sub("", (title or "")[:MAX_LABEL])
    m = _TARGET_TITLE.search(compact) or _REPORT_TITLE.search(compact)
    if m is None:
        return ""
    keep = "项目" if compact[m.start():].removeprefix("预算指标").startswith("项目") else ""
    name = _TITLE_OPENING.sub("", compact[:m.start()], count=1) + keep
    name = without_department_year(name)
    bare = name.removesuffix("项目")
    if _names_no_project(name, bare) or department_from_title(compact):
        return ""
    year = _A_YEAR.search(name)
    if year is not None and len(name[year.end():].removeprefix("度").removesuffix("项目").removesuffix("支出")) < 2:
        return ""  # (某县2019年项目绩效目标表: a place's table of projects, no project's name)
    return name  # (岳阳县2022年高标准农田建设项目: a place and a year opening the name are the name's)


def without_department_year(name: str) -> str:
    """A name a title gives after its department and year (``某局2022年度辅警人员经费`` → ``辅警人员经费``);
    the name itself when no department's name and a year open it."""
    year = _A_YEAR.search(name)
    if year is not None and name[:year.start()].endswith(_TITLE_DEPT_TAIL):
        return name[year.end():].removeprefix("度")
    return name


#: A year inside a name (某局2019年…): the title is a table's, not a project's.
_A_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")


# -- the rows our long formats write, as the reader will take them -------------------------------------
#: What the long-format reader strips from either end of a cell.
BLANKS = " \t\r\n\u3000\xa0"


def has_own_row(unit: FundUnit) -> bool:
    """Does a writer give the unit a row of its own (its name and amounts, no project)? When it has
    amounts, or no projects (so that it is not dropped)."""
    return any(unit.amounts.get(k) is not None for k in AMOUNT_FIELDS) or not unit.projects


def indicator_content(ind: Indicator | None) -> bool:
    """Does an indicator's row have what the reader takes for an indicator (a level, name or value)?"""
    return ind is not None and any(text.strip(BLANKS) for text in (
        ind.level1, ind.level2, ind.name, ind.period_value.raw, ind.annual_value.raw))


def project_row_total_kind(project: Project) -> str | None:
    """``total`` / ``subtotal`` when the project's first row reads as a 合计 / 小计 row — a name such as
    道路合计 with no 绩效目标 and no indicator on that row —, else None."""
    kind = total_kind(project.name.strip(BLANKS))
    if kind is None or project.goal.strip(BLANKS):
        return None
    return None if indicator_content(project.indicators[0] if project.indicators else None) else kind



def label_misread(name: str, code: str | None, *, department: bool = False) -> tuple[str | None, str] | None:
    """(code, name) the reader takes a unit's label (``unit_label``) or a department's
    (``department_label``, read bracketed only) for, when that is not the unit's or department's own
    — a name that begins like a code (``101 某单位``, ``[101]某局``), a code that is not 2–20 digits
    (``A01``) —; None when the label reads back as written. A label longer than MAX_LABEL is not
    judged here (it is cut, and said so on its own)."""
    label = department_label(name, code) if department else unit_label(name, code)
    if len(label.strip()) > MAX_LABEL:
        return None
    got = split_code(label, bracketed_only=department)
    return None if got == (code or None, name.strip()) else got
