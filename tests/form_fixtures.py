"""One-project forms (申报表) as cell layouts, rendered into .xlsx (openpyxl) or .docx (python-docx).

Each variant is a list of cells ``(row, col, value, last_row, last_col)`` (0-based, a merged
range when last_* differ) plus the model the reader must return for it. The same layout
is written as a sheet or as a Word table, so every format reads to the same project.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

Cell = tuple[int, int, Any, int, int]


def c(r: int, col: int, value: Any, r2: int | None = None, c2: int | None = None) -> Cell:
    """A cell, merged down to r2 / right to c2 when given."""
    return (r, col, value, r if r2 is None else r2, col if c2 is None else c2)


@dataclass
class Expected:
    """What the reader must return for one form (field by field)."""

    name: str
    department: str
    department_code: str | None = None
    unit: str = ""
    implementer: str | None = None
    code: str | None = None
    category: str | None = None
    term: str | None = None
    period_goal: str | None = None
    goal: str = ""
    amounts: dict[str, Decimal | None] = field(default_factory=dict)
    extras: dict[str, str] = field(default_factory=dict)
    footer: dict[str, str] = field(default_factory=dict)  # 填报人 … under the form (the table's)
    # (level1, level2, name, period_value, annual_value, extras-or-None, weight, direction, nature)
    indicators: list[tuple] = field(default_factory=list)


def form_88(name: str = "中小学校舍维修改造") -> tuple[list[Cell], Expected]:
    """财预〔2015〕88号: key/value block, 2×3 amount block, two goals, mid-term | annual grid."""
    cells = [
        c(0, 0, "项目支出绩效目标申报表", c2=7),
        c(1, 0, "（2024年度）", c2=7),
        c(2, 0, "项目名称"), c(2, 1, name, c2=7),
        c(3, 0, "主管部门\n及代码"), c(3, 1, "[015001]某区教育局", c2=3), c(3, 4, "实施单位"),
        c(3, 5, "某区第一中学", c2=7),
        c(4, 0, "项目属性"), c(4, 1, "延续项目", c2=3), c(4, 4, "项 目 期"), c(4, 5, "2024年1月-2026年12月", c2=7),
        c(5, 0, "项目资金\n（万元）", r2=7), c(5, 1, "中期资金总额："), c(5, 2, 300, c2=3),
        c(5, 4, "年度资金总额："), c(5, 5, 100, c2=7),
        c(6, 1, "其中：财政拨款"), c(6, 2, 250, c2=3), c(6, 4, "其中：财政拨款"), c(6, 5, 80, c2=7),
        c(7, 1, "其他资金"), c(7, 2, 50, c2=3), c(7, 4, "其他资金"), c(7, 5, 20, c2=7),
        c(8, 0, "总\n体\n目\n标", r2=9), c(8, 1, "中期目标（2024年-2026年）", c2=3), c(8, 4, "年度目标", c2=7),
        c(9, 1, "三年内完成全区老旧校舍维修改造，消除安全隐患。", c2=3),
        c(9, 4, "完成2000平方米校舍维修，验收合格。", c2=7),
        c(10, 0, "绩\n效\n指\n标", r2=17), c(10, 1, "一级指标", r2=11), c(10, 2, "中期指标", c2=4),
        c(10, 5, "年度指标", c2=7),
        c(11, 2, "二级指标"), c(11, 3, "三级指标"), c(11, 4, "指标值"),
        c(11, 5, "二级指标"), c(11, 6, "三级指标"), c(11, 7, "指标值"),
        c(12, 1, "产出指标", r2=14),
        c(12, 2, "数量指标"), c(12, 3, "维修校舍面积"), c(12, 4, "≥5000平方米"),
        c(12, 5, "数量指标"), c(12, 6, "维修校舍面积"), c(12, 7, "≥2000平方米"),
        c(13, 2, "质量指标"), c(13, 3, "工程验收合格率"), c(13, 4, "100%"),
        c(13, 5, "质量指标"), c(13, 6, "工程验收合格率"), c(13, 7, "100%"),
        c(14, 2, "时效指标"), c(14, 3, "完工及时率"), c(14, 4, "≥95%"),
        c(14, 5, "成本指标"), c(14, 6, "单位面积维修成本"), c(14, 7, "≤800元/平方米"),
        c(15, 1, "效益指标"), c(15, 2, "社会效益\n指标"), c(15, 3, "学生安全保障水平"), c(15, 4, "显著提升"),
        c(15, 5, "社会效益指标"), c(15, 6, "学生安全保障水平"), c(15, 7, "有所提升"),
        c(16, 1, "满意度指标", r2=17), c(16, 2, "社会公众或服务对象满意度指标", r2=17),
        c(16, 3, "师生满意度"), c(16, 4, "≥90%"),
        c(16, 5, "社会公众或服务对象满意度指标", r2=17), c(16, 6, "师生满意度"), c(16, 7, "≥90%"),
        c(17, 3, "家长满意度"), c(17, 4, "≥85%"),
        c(18, 0, "填报人：张三", c2=7),
    ]
    expected = Expected(
        name=name, department="某区教育局", department_code="015001", unit="某区第一中学",
        category="延续项目", term="2024年1月-2026年12月",
        period_goal="三年内完成全区老旧校舍维修改造，消除安全隐患。", goal="完成2000平方米校舍维修，验收合格。",
        amounts={"total": Decimal(100), "fiscal": Decimal(80), "special": None, "other": Decimal(20)},
        extras={"中期资金总额": "300", "中期财政拨款": "250", "中期其他资金": "50"},
        footer={"填报人": "张三"},
        indicators=[
            ("产出指标", "数量指标", "维修校舍面积", "≥5000平方米", "≥2000平方米"),
            ("产出指标", "质量指标", "工程验收合格率", "100%", "100%"),
            ("产出指标", "时效指标", "完工及时率", "≥95%", ""),
            ("产出指标", "成本指标", "单位面积维修成本", "", "≤800元/平方米"),
            ("效益指标", "社会效益指标", "学生安全保障水平", "显著提升", "有所提升"),
            ("满意度指标", "社会公众或服务对象满意度指标", "师生满意度", "≥90%", "≥90%"),
            ("满意度指标", "社会公众或服务对象满意度指标", "家长满意度", "≥85%", ""),
        ],
    )
    return cells, expected


def form_provincial(name: str = "乡村道路养护", department: str = "某县交通运输局") -> tuple[list[Cell], Expected]:
    """Provincial variant: 项目支出名称, ``250万``, 指标值及单位 + 绩效标准, a tall left label, a placeholder row."""
    cells = [
        c(0, 0, "2024年项目支出绩效目标表", c2=5),
        c(1, 0, "项目支出名称"), c(1, 1, name, c2=5),
        c(2, 0, "预算部门"), c(2, 1, department, c2=2), c(2, 3, "项目支出实施期"), c(2, 4, "2024年", c2=5),
        c(3, 0, "年度本级预算金额"), c(3, 1, "250万", c2=2), c(3, 3, "上级资金"), c(3, 4, "10000万元", c2=5),
        c(4, 0, "实施期绩效目标"), c(4, 1, "全县乡村道路常态化养护。", c2=5),
        c(5, 0, "本年度绩效目标"), c(5, 1, "养护乡村道路120公里，路况良好。", c2=5),
        c(6, 0, "本年度绩效指标", r2=11),
        c(6, 1, "一级指标"), c(6, 2, "二级指标"), c(6, 3, "三级指标"), c(6, 4, "指标值及单位"), c(6, 5, "绩效标准"),
        c(7, 1, "产出指标", r2=8), c(7, 2, "数量指标"), c(7, 3, "养护里程"), c(7, 4, "≥120公里"), c(7, 5, "计划标准"),
        c(8, 2, "质量指标"), c(8, 3, "路面完好率"), c(8, 4, "≥90%"), c(8, 5, "行业标准"),
        c(9, 1, "效益指标", r2=10), c(9, 2, "经济效益指标"),
        c(10, 2, "社会效益指标"), c(10, 3, "群众出行便利度"), c(10, 4, "明显改善"), c(10, 5, "历史标准"),
        c(11, 1, "满意度指标"), c(11, 2, "服务对象满意度指标"), c(11, 3, "沿线群众满意度"), c(11, 4, "≥85%"),
        c(11, 5, "计划标准"),
    ]
    expected = Expected(
        name=name, department=department, unit=department, term="2024年",
        period_goal="全县乡村道路常态化养护。", goal="养护乡村道路120公里，路况良好。",
        amounts={"total": Decimal(250), "fiscal": None, "special": None, "other": None},
        extras={"上级资金": "10000万元"},
        indicators=[
            ("产出指标", "数量指标", "养护里程", "≥120公里", "≥120公里", {"绩效标准": "计划标准"}),
            ("产出指标", "质量指标", "路面完好率", "≥90%", "≥90%", {"绩效标准": "行业标准"}),
            ("效益指标", "社会效益指标", "群众出行便利度", "明显改善", "明显改善", {"绩效标准": "历史标准"}),
            ("满意度指标", "服务对象满意度指标", "沿线群众满意度", "≥85%", "≥85%", {"绩效标准": "计划标准"}),
        ],
    )
    return cells, expected


def form_scoring() -> tuple[list[Cell], Expected]:
    """Scoring columns (指标性质/指标方向/目标值/计量单位/分值/备注), 投入目标 in 元, a weighted title line."""
    cells = [
        c(0, 0, "项目支出绩效目标表", c2=8),
        c(1, 0, "项目名称"), c(1, 1, "全民健身活动", c2=8),
        c(2, 0, "项目编码"), c(2, 1, "44010024000000001", c2=2), c(2, 3, "主管部门"), c(2, 4, "某市体育局", c2=5),
        c(2, 6, "实施单位"), c(2, 7, "某市体育中心", c2=8),
        c(3, 0, "项目类别"), c(3, 1, "一次性项目", c2=2), c(3, 3, "起止时间"), c(3, 4, "2024-01至2024-12", c2=8),
        c(4, 0, "投入目标", r2=7), c(4, 1, "资金来源", c2=2), c(4, 3, "年初安排金额（元）", c2=8),
        c(5, 1, "财政拨款", c2=2), c(5, 3, "1,200,000", c2=8),
        c(6, 1, "其他资金", c2=2), c(6, 3, 300000, c2=8),
        c(7, 1, "合计", c2=2), c(7, 3, 1500000, c2=8),
        c(8, 0, "年度目标"), c(8, 1, "举办全民健身赛事12场，群众参与度明显提高。", c2=8),
        c(9, 0, "绩效指标(权重分值90分,其中产出指标权重分值50分,效益指标权重分值30分,满意度指标权重分值10分)", c2=8),
        c(10, 0, "一级指标"), c(10, 1, "二级指标"), c(10, 2, "三级指标"), c(10, 3, "指标性质"), c(10, 4, "指标方向"),
        c(10, 5, "目标值"), c(10, 6, "计量单位"), c(10, 7, "分值"), c(10, 8, "备注"),
        c(11, 0, "产出指标", r2=13), c(11, 1, "数量指标"), c(11, 2, "举办赛事场次"), c(11, 3, "定量"), c(11, 4, "正向"),
        c(11, 5, 12), c(11, 6, "场"), c(11, 7, 20),
        c(12, 1, "质量指标"), c(12, 2, "赛事安全事故发生率"), c(12, 3, "定量"), c(12, 4, "反向"), c(12, 5, 0),
        c(12, 6, "%"), c(12, 7, 15), c(12, 8, "零事故"),
        c(13, 1, "时效指标"), c(13, 2, "赛事按期完成率"), c(13, 3, "定量"), c(13, 4, "正向"), c(13, 5, 100),
        c(13, 6, "%"), c(13, 7, 15),
        c(14, 0, "效益指标"), c(14, 1, "经济效益指标"), c(14, 2, "带动体育消费"), c(14, 3, "定性"), c(14, 4, "正向"),
        c(14, 5, "有所增长"), c(14, 7, 30),
        c(15, 0, "满意度指标"), c(15, 1, "服务对象满意度指标"), c(15, 2, "参赛群众满意度"), c(15, 3, "定量"),
        c(15, 4, "正向"), c(15, 5, 90), c(15, 6, "%"), c(15, 7, 10), c(15, 8, "抽样调查"),
    ]
    expected = Expected(
        name="全民健身活动", department="某市体育局", unit="某市体育中心", code="44010024000000001",
        category="一次性项目", term="2024-01至2024-12", goal="举办全民健身赛事12场，群众参与度明显提高。",
        amounts={"total": Decimal(150), "fiscal": Decimal(120), "special": None, "other": Decimal(30)},
        indicators=[
            ("产出指标", "数量指标", "举办赛事场次", "12场", "12场", None, 20.0, "正向", "定量"),
            ("产出指标", "质量指标", "赛事安全事故发生率", "0%", "0%", {"备注": "零事故"}, 15.0, "反向", "定量"),
            ("产出指标", "时效指标", "赛事按期完成率", "100%", "100%", None, 15.0, "正向", "定量"),
            ("效益指标", "经济效益指标", "带动体育消费", "有所增长", "有所增长", None, 30.0, "正向", "定性"),
            ("满意度指标", "服务对象满意度指标", "参赛群众满意度", "90%", "90%", {"备注": "抽样调查"}, 10.0, "正向",
             "定量"),
        ],
    )
    return cells, expected


def write_cells(ws: Any, cells: list[Cell], top: int = 0) -> int:
    """Write a layout into an openpyxl sheet from row `top` (0-based); returns the next free row."""
    from openpyxl.styles import Alignment

    last = top
    for r, col, value, r2, c2 in cells:
        cell = ws.cell(row=top + r + 1, column=col + 1, value=value)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        if (r2, c2) != (r, col):
            ws.merge_cells(start_row=top + r + 1, start_column=col + 1, end_row=top + r2 + 1, end_column=c2 + 1)
        last = max(last, top + r2 + 1)
    return last


def xlsx_forms(path: Path, sheets: list[list[list[Cell]]], names: list[str] | None = None) -> Path:
    """A workbook: one sheet per entry, each holding the given layouts stacked (a blank row between)."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for n, layouts in enumerate(sheets):
        ws = wb.create_sheet((names or [])[n] if names and n < len(names) else f"表{n + 1}")
        top = 0
        for layout in layouts:
            top = write_cells(ws, layout, top) + 1
    wb.save(path)
    return path


def docx_forms(path: Path, layouts: list[list[Cell]], before: list[str] | None = None) -> Path:
    """A Word document: each layout as one table (merged cells with gridSpan / vMerge); the lines
    `before` as paragraphs above the first table."""
    import docx

    document = docx.Document()
    for line in before or []:
        document.add_paragraph(line)
    for layout in layouts:
        rows = max(r2 for _, _, _, r2, _ in layout) + 1
        cols = max(c2 for _, _, _, _, c2 in layout) + 1
        table = document.add_table(rows=rows, cols=cols)
        table.style = "Table Grid"
        for r, col, value, r2, c2 in layout:
            cell = table.cell(r, col)
            if (r2, c2) != (r, col):
                cell = cell.merge(table.cell(r2, c2))
            text = "" if value is None else str(value)
            lines = text.split("\n")
            cell.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)
        document.add_paragraph("")
    document.save(path)
    return path


def as_grouped(table):
    """The table as a written 申报表 reads back: indicators grouped by 一级 then 二级 指标
    (``report.form_layout.grouped_indicators``) and numbered in that order."""
    from perfgoals_xl.report.form_layout import grouped_indicators

    for project in table.projects():
        project.indicators = grouped_indicators(project.indicators)
        for seq, ind in enumerate(project.indicators, start=1):
            ind.seq = seq
    return table
