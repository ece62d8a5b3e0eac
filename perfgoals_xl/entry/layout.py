"""The data-entry sheet (填报) as data: columns, header texts, widths, input hints, validations.

One layout, several renderers: the file writer (``entry.writer``, XlsxWriter),
the Excel template builder and the live-Excel renderer (xlwings) all read it.

Sheet structure (1-based rows, as Excel shows them)::

    row 1   title                      项目支出绩效目标表（含转移支付项目）
    row 2   部门名称： | <department>   …   单位：万元
    row 3   the header (HEADERS)       frozen with rows 1-2 and columns A-B
    row 4…  data: one row per indicator; project fields on a project's first row

The hidden sheet 指标体系 holds the framework lists for the dropdowns and the
code lookup tables; its ranges are defined names (one per level-1 name, e.g.
``产出指标``, for the dependent level-2 dropdown ``=INDIRECT($I4)``).
"""

from __future__ import annotations

from dataclasses import dataclass

from perfgoals_xl import cellref, framework
from perfgoals_xl.code_lookup import (  # noqa: F401 - re-exported: the sheet's lookup tables
    formula_level1_code,
    formula_level2_code,
    level1_code_table,
    level2_code_table,
)

SHEET = "填报"
LISTS_SHEET = "指标体系"
TITLE_ROW, DEPARTMENT_ROW, HEADER_ROW = 0, 1, 2  # 0-based
FIRST_DATA_ROW = 3  # 0-based (Excel row 4)
#: Extra formatted rows below the data (formulas and dropdowns ready for typing).
SPARE_ROWS = 300
#: Dropdowns reach at least this far down (0-based last row).
MIN_VALIDATION_ROWS = 5000
DIRECTIONS = ("正向", "反向")


@dataclass(frozen=True)
class EntryColumn:
    """One column of the entry sheet.

    kind: text (typed text, cells formatted as text '@'), amount (number, 万元),
    total (formula 总计 = sum of the parts), code (formula looking the code up),
    integer, number.
    """

    key: str  # model field (see sources/vocabulary.py)
    header: str  # exact header text (also in the reader's vocabulary)
    width: float
    hint: str  # input message shown on the header cell
    kind: str = "text"
    dropdown: str | None = None  # level1 / level2 / direction


COLUMNS: tuple[EntryColumn, ...] = (
    EntryColumn("fund_unit", "资金使用单位", 22,
                "资金使用单位名称。只在该单位第一行填写；该行不填项目时，其金额为单位合计。写“合计”的行为全表合计。"),
    EntryColumn("project", "项目名称", 28,
                "项目名称：只在项目的第一行填写，下方空白行（或合并单元格）属于同一项目。"),
    EntryColumn("total", "总计", 12,
                "总计（万元）= 财政拨款 + 财政专户拨款 + 其他资金，由公式自动计算，请勿手填。", "total"),
    EntryColumn("fiscal", "财政拨款", 12, "财政拨款（万元），只在项目第一行填写。", "amount"),
    EntryColumn("special", "财政专户拨款", 12, "财政专户拨款（万元），只在项目第一行填写。", "amount"),
    EntryColumn("other", "其他资金", 12, "其他资金（万元），只在项目第一行填写。", "amount"),
    EntryColumn("goal", "绩效目标", 40, "项目的绩效目标（年度目标），只在项目第一行填写。"),
    EntryColumn("seq", "指标序号", 8, "指标在项目内的序号（1、2、3…），可不填。", "integer"),
    EntryColumn("level1", "一级指标", 14,
                "从下拉列表选择一级指标（产出/效益/满意度/成本指标）。空白则沿用上一行。", dropdown="level1"),
    EntryColumn("level2", "二级指标", 18,
                "从下拉列表选择二级指标（列表随一级指标变化）。空白则沿用上一行。", dropdown="level2"),
    EntryColumn("name", "三级指标", 30, "指标名称（三级指标），如“报送调研报告数量”。"),
    EntryColumn("period_value", "实施周期指标值", 16,
                "实施周期指标值，照原样填写，如 ≥100%、12篇、10月底前、符合。"),
    EntryColumn("annual_value", "年度指标值", 16, "年度指标值，照原样填写，如 100%、12篇、10月底前。"),
    EntryColumn("weight", "权重", 8, "权重或分值（数字），可不填。", "number"),
    EntryColumn("direction", "指标方向性", 10, "正向（越大越好）或反向（越小越好），可不填。",
                dropdown="direction"),
    EntryColumn("level1_code", "一级指标代码", 9, "一级指标代码，由公式按一级指标自动得出，请勿手填。", "code"),
    EntryColumn("level2_code", "二级指标代码", 9, "二级指标代码，由公式按二级指标自动得出，请勿手填。", "code"),
    EntryColumn("legacy", "绩效指标（粘贴原文）", 60,
                "可粘贴旧表的整段绩效指标文字（1、1-产出指标；11-数量指标；…）。"
                "读取时（或点“拆分指标”）自动拆成上方项目的指标行。"),
    # 绩效自评 (year-end self-evaluation): filled at year end; blank in a target table.
    EntryColumn("actual_value", "实际完成值", 14,
                "年终自评：指标的实际完成值，与年度指标值同样写法（如 120人次、96%、11月20日）；不适用的写“不适用”。"),
    EntryColumn("score", "得分", 8, "年终自评：指标得分（点“计算得分”自动计算填入）。", "number"),
    EntryColumn("deviation_reason", "偏差原因分析及改进措施", 36,
                "年终自评：未完全达成的指标，说明偏差原因和改进措施。"),
    EntryColumn("budget_initial", "年初预算数", 12, "年终自评：项目年初预算数（万元），只在项目第一行填写。", "amount"),
    EntryColumn("budget_adjusted", "全年预算数", 12,
                "年终自评：项目全年预算数（调整后，万元），只在项目第一行填写。", "amount"),
    EntryColumn("budget_executed", "全年执行数", 12, "年终自评：项目全年执行数（万元），只在项目第一行填写。", "amount"),
    EntryColumn("actual_summary", "实际完成情况", 40,
                "年终自评：年度总体目标的实际完成情况，只在项目第一行填写；预算执行率低于 90% 时说明原因。"),
    # 申报表 (one-project form) fields, docs/forms.md: blank unless the table was read from forms.
    EntryColumn("project_code", "项目编码", 14, "项目编码（项目代码），只在项目第一行填写，可不填。"),
    EntryColumn("project_department", "项目主管部门", 18,
                "项目的主管部门（与表头的部门不同时填写，如 [015001]某区教育局），只在项目第一行填写。"),
    EntryColumn("implementer", "项目实施单位", 18, "项目的实施单位（与资金使用单位不同时填写），只在项目第一行填写。"),
    EntryColumn("category", "项目属性", 10, "项目属性或类别（如 延续项目、新增项目、一次性项目），只在项目第一行填写。"),
    EntryColumn("term", "项目期", 16, "项目期或起止时间（如 2024年1月-2026年12月），只在项目第一行填写。"),
    EntryColumn("period_goal", "中期目标", 30, "中期目标（实施期绩效目标），只在项目第一行填写；年度目标填在“绩效目标”。"),
    EntryColumn("project_extras", "项目附加字段", 24,
                "原表中模型没有对应栏目的项目字段，每行一个“名称：值”（如 上级资金：50万元）。"),
    EntryColumn("nature", "定量/定性", 10, "指标性质：定量或定性，可不填。"),
    EntryColumn("extras", "附加字段", 24, "原表中模型没有对应栏目的指标列，每行一个“名称：值”（如 绩效标准：计划标准）。"),
)
#: The 绩效自评 columns (after the target columns).
SELFEVAL_KEYS: tuple[str, ...] = ("actual_value", "score", "deviation_reason", "budget_initial",
                                  "budget_adjusted", "budget_executed", "actual_summary")

#: The 申报表 columns (after the 绩效自评 columns).
FORM_KEYS: tuple[str, ...] = ("project_code", "project_department", "implementer", "category", "term",
                              "period_goal", "project_extras", "nature", "extras")

HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS)
INDEX: dict[str, int] = {c.key: i for i, c in enumerate(COLUMNS)}


def column_letter(index: int) -> str:
    """0-based column index → letters."""
    return cellref.column_letter(index)


# -- framework lists and code lookups (hidden sheet 指标体系) ------------------------------------
LEVEL1_LIST_NAME = "一级指标列表"
LEVEL1_CODES_NAME = "一级指标代码表"
LEVEL2_CODES_NAME = "二级指标代码表"
DIRECTION_LIST_NAME = "指标方向性列表"


def level2_list_names() -> dict[str, tuple[str, ...]]:
    """Defined name → level-2 names offered under it (canonical level-1 names and short forms)."""
    out: dict[str, tuple[str, ...]] = {}
    for lv in framework.LEVEL1:
        children = tuple(c.name for c in lv.children)
        out[lv.name] = children
        out.setdefault(framework.normalise_name(lv.name), children)
    return out


# -- formulas of one data row (0-based row index) ---------------------------------------------
def _ref(key: str, row: int) -> str:
    return f"${column_letter(INDEX[key])}{row + 1}"


def total_formula(row: int) -> str:
    """总计 = 财政拨款 + 财政专户拨款 + 其他资金, blank while all three are blank."""
    first, last = _ref("fiscal", row).replace("$", ""), _ref("other", row).replace("$", "")
    return f'=IF(COUNT({first}:{last})=0,"",SUM({first}:{last}))'


def _trimmed(ref: str) -> str:
    # stray spaces, half- or full-width (U+3000), do not break the lookup
    return f'TRIM(SUBSTITUTE({ref},"\u3000"," "))'


def level1_code_formula(row: int) -> str:
    """The level-1 code looked up from the written level-1 name."""
    ref = _ref("level1", row)
    return f'=IF({ref}="","",IFERROR(VLOOKUP({_trimmed(ref)},{LEVEL1_CODES_NAME},2,FALSE),""))'


def level2_code_formula(row: int) -> str:
    """The level-2 code looked up from the level-1 code and the written level-2 name."""
    ref, code1 = _ref("level2", row), _ref("level1_code", row)
    return (f'=IF({ref}="","",IFERROR(VLOOKUP({code1}&"|"&{_trimmed(ref)},'
            f'{LEVEL2_CODES_NAME},2,FALSE),""))')


def level2_dropdown_source(row: int) -> str:
    """The dependent dropdown's list: the defined name equal to the row's level-1."""
    return f"=INDIRECT({_ref('level1', row)})"
