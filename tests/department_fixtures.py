"""Department-wide tables (部门整体支出绩效目标表 and its 自评表) as departments publish them.

Each builder writes a real file (xlsx via openpyxl, docx via python-docx) with the merged
cells, annotations and column splits seen in published tables, and returns its path.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl

GOAL = ("目标1：保障全区42所中小学校正常运转，义务教育巩固率保持在99%以上。"
        "目标2：完成3所学校校舍维修改造，改善办学条件。")

#: (level1, level2, name, value, 评(扣)分标准, 备注) of the typical table.
INDICATORS = [
    ("产出指标", "数量指标", "保障学校数量", "≥42所", "完成得满分，每少1所扣1分", ""),
    ("产出指标", "数量指标", "校舍维修改造学校数", "3所", "未完成不得分", "年度重点"),
    ("产出指标", "质量指标", "义务教育巩固率", "≥99%", "低于目标值按比例扣分", ""),
    ("产出指标", "时效指标", "维修改造完成时间", "2024年12月底前", "逾期不得分", ""),
    ("效益指标", "社会效益指标", "办学条件改善情况", "明显改善", "定性评价", ""),
    ("满意度指标", "服务对象满意度指标", "家长满意度", "≥90%", "问卷调查", ""),
]


def _merge(ws, cells: str, value: object = None) -> None:
    first = cells.split(":")[0]
    if value is not None:
        ws[first] = value
    ws.merge_cells(cells)


def department_xlsx(path: Path) -> Path:
    """The typical 部门整体支出绩效目标表: values beside labels, tasks with 总额/财政拨款/其他资金."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "部门整体绩效目标"
    _merge(ws, "A1:H1", "2024年度部门整体支出绩效目标表")
    ws["H2"] = "单位：万元"
    ws["A3"] = "部门（单位）名称"
    _merge(ws, "B3:D3", "某区教育局")
    ws["E3"] = "部门编码"
    _merge(ws, "F3:H3", "015001")
    _merge(ws, "A4:A6", "年度预算/资金情况（万元）")
    _merge(ws, "B4:C4", "年度资金总额")
    _merge(ws, "D4:H4", 1200)
    _merge(ws, "B5:C5", "其中：财政拨款")
    _merge(ws, "D5:H5", 1000)
    _merge(ws, "B6:C6", "其他资金")
    _merge(ws, "D6:H6", 200)
    # 年度主要任务: 任务名称 | 主要内容 | 预算金额 (总额 | 财政拨款 | 其他资金) over two header rows
    _merge(ws, "A7:A11", "年度主要任务")
    _merge(ws, "B7:B8", "任务名称")
    _merge(ws, "C7:E8", "主要内容")
    _merge(ws, "F7:H7", "预算金额（万元）")
    ws["F8"], ws["G8"], ws["H8"] = "总额", "财政拨款", "其他资金"
    tasks = [("学校运转保障", "保障中小学校日常运转及教职工经费", 900, 800, 100),
             ("校舍维修改造", "完成3所学校校舍维修", 200, 150, 50),
             ("教师培训", "开展全员教师培训", 100, 50, 50)]
    for r, (name, content, total, fiscal, other) in enumerate(tasks, start=9):
        ws.cell(r, 2, name)
        _merge(ws, f"C{r}:E{r}", content)
        ws.cell(r, 6, total), ws.cell(r, 7, fiscal), ws.cell(r, 8, other)
    ws["A12"] = "年度绩效总目标"
    _merge(ws, "B12:H12", GOAL)
    # indicator grid: a tall 绩效指标 label beside it, levels merged down
    _merge(ws, "A13:A19", "绩效指标")
    for c, text in enumerate(("一级指标", "二级指标", "三级指标", "指标值", "评（扣）分标准", "备注"), start=2):
        ws.cell(13, c, text)
    for r, row in enumerate(INDICATORS, start=14):
        for c, value in enumerate(row, start=2):
            if value:
                ws.cell(r, c, value)
    _merge(ws, "B14:B17")  # 产出指标 and 数量指标 merged down
    _merge(ws, "C14:C15")
    _merge(ws, "A20:H20", "联系人：张三　　联系电话：020-12345678")
    wb.save(path)
    return path


def department_split_xlsx(path: Path) -> Path:
    """Another province's 部门整体绩效目标申报表: amounts under their labels, 基本支出/项目支出,
    split value columns (计算符号 | 指标值 | 度量单位), 指标解释, ``（必填）`` annotations, 单位：元."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    _merge(ws, "A1:I1", "部门整体绩效目标申报表")
    ws["I2"] = "金额单位：元"
    ws["A3"] = "部门名称（必填）"
    _merge(ws, "B3:E3", "某市生态环境局")
    ws["F3"] = "联系人"
    ws["G3"] = "李四"
    ws["H3"] = "联系电话"
    ws["I3"] = "13800000000"
    _merge(ws, "A4:A5", "年度预算")
    ws["B4"], ws["C4"], ws["D4"], ws["E4"], ws["F4"] = "资金总额", "其中：财政拨款", "其他资金", "基本支出", "项目支出"
    ws["B5"], ws["C5"], ws["D5"], ws["E5"], ws["F5"] = 5000000, 4500000, 500000, 3000000, 2000000
    ws["A6"] = "年度主要任务"
    ws["B6"], ws["C6"], ws["D6"] = "任务名称", "主要内容", "预算金额"
    ws["B7"], ws["C7"], ws["D7"] = "大气污染防治", "开展PM2.5监测与治理", 1200000
    ws["B8"], ws["C8"], ws["D8"] = "水环境治理", "重点河段水质监测", 800000
    ws["A9"] = "年度绩效总目标（必填）"
    _merge(ws, "B9:I9", "空气质量优良天数比例达到85%，重点河段水质达标。")
    headers = ("一级指标", "二级指标", "三级指标", "指标值", None, None, "指标解释", "评分标准", "备注")
    for c, text in enumerate(headers, start=1):
        if text:
            ws.cell(10, c, text)
    _merge(ws, "A10:A11")
    _merge(ws, "B10:B11")
    _merge(ws, "C10:C11")
    _merge(ws, "D10:F10")
    _merge(ws, "G10:G11")
    _merge(ws, "H10:H11")
    _merge(ws, "I10:I11")
    ws["D11"], ws["E11"], ws["F11"] = "计算符号", "指标值", "度量单位"
    rows = [
        ("产出指标", "数量指标", "监测站点数", "≥", 12, "个", "在运行的空气监测站", "每少1个扣1分", ""),
        (None, "质量指标", "空气质量优良天数比例", "≥", 85, "%", "", "", ""),
        ("效益指标", "生态效益指标", "重点河段水质达标率", "=", 100, "%", "", "", "国考断面"),
        ("满意度指标", "服务对象满意度指标", "公众满意度", "≥", 90, "%", "", "", ""),
    ]
    for r, row in enumerate(rows, start=12):
        for c, value in enumerate(row, start=1):
            if value is not None and value != "":
                ws.cell(r, c, value)
    _merge(ws, "A12:A13", "产出指标")
    wb.save(path)
    return path


def department_selfeval_xlsx(path: Path) -> Path:
    """A 部门整体支出绩效自评表: 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 rows,
    预期目标 | 实际完成情况, and 实际完成值 | 分值 | 得分 | 偏差原因 columns."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "自评表"
    _merge(ws, "A1:H1", "2023年度部门整体支出绩效自评表")
    ws["A2"] = "部门名称"
    _merge(ws, "B2:H2", "某区卫生健康局")
    _merge(ws, "A3:A6", "年度预算执行情况（万元）")
    for c, text in enumerate(("项目", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), start=2):
        ws.cell(3, c, text)
    data = [("年度资金总额", 800, 850, 820, 10, "96.47%", 9.6),
            ("其中：财政拨款", 700, 750, 730, None, None, None),
            ("其他资金", 100, 100, 90, None, None, None)]
    for r, row in enumerate(data, start=4):
        for c, value in enumerate(row, start=2):
            if value is not None:
                ws.cell(r, c, value)
    _merge(ws, "A7:A8", "年度总体目标")
    _merge(ws, "B7:D7", "预期目标")
    _merge(ws, "E7:H7", "实际完成情况")
    _merge(ws, "B8:D8", "完成辖区公共卫生服务项目，居民健康档案建档率达到90%。")
    _merge(ws, "E8:H8", "全年完成公共卫生服务项目，建档率92%。")
    headers = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
    for c, text in enumerate(headers, start=1):
        ws.cell(9, c, text)
    rows = [("产出指标", "数量指标", "健康档案建档率", "≥90%", "92%", 30, 30, ""),
            ("产出指标", "时效指标", "项目完成时间", "2023年12月底前", "2023年12月", 20, 20, ""),
            ("效益指标", "社会效益指标", "传染病报告及时率", "≥95%", "90%", 20, 15, "个别机构上报延迟，已加强培训"),
            ("满意度指标", "服务对象满意度指标", "居民满意度", "≥85%", "88%", 20, 20, "")]
    for r, row in enumerate(rows, start=10):
        for c, value in enumerate(row, start=1):
            if value != "":
                ws.cell(r, c, value)
    wb.save(path)
    return path


def department_docx(path: Path) -> Path:
    """The typical table in a Word document (a merged title row, levels merged down)."""
    import docx

    doc = docx.Document()
    doc.add_paragraph("2024年度部门整体支出绩效目标表")
    table = doc.add_table(rows=0, cols=6)

    def row(*cells: str) -> list:
        out = table.add_row().cells
        for cell, text in zip(out, cells, strict=True):
            cell.text = text
        return out

    first = row("部门（单位）名称", "某区文化广电旅游体育局", "", "", "部门编码", "021")
    first[1].merge(first[3])
    a = row("年度预算（万元）", "年度资金总额", "360", "", "", "")
    a[2].merge(a[5])
    b = row("", "其中：财政拨款", "300", "", "", "")
    b[2].merge(b[5])
    c = row("", "其他资金", "60", "", "", "")
    c[2].merge(c[5])
    a[0].merge(c[0])
    t = row("年度主要任务", "任务名称", "主要内容", "", "", "预算金额")
    t[2].merge(t[4])
    t1 = row("", "公共文化服务", "图书馆、文化馆免费开放", "", "", "260")
    t1[2].merge(t1[4])
    t2 = row("", "全民健身", "举办全民健身活动", "", "", "100")
    t2[2].merge(t2[4])
    t[0].merge(t2[0])
    g = row("年度绩效总目标", "保障公共文化场馆免费开放，举办全民健身活动20场以上。", "", "", "", "")
    g[1].merge(g[5])
    row("一级指标", "二级指标", "三级指标", "指标值", "评（扣）分标准", "备注")
    i1 = row("产出指标", "数量指标", "全民健身活动场次", "≥20场", "每少1场扣1分", "")
    i2 = row("", "", "免费开放场馆数", "5个", "", "")
    i1[0].merge(i2[0])
    i1[1].merge(i2[1])
    row("效益指标", "社会效益指标", "群众参与人次", "≥5万人次", "", "")
    row("满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "", "")
    doc.save(path)
    return path


def department_central_xlsx(path: Path) -> Path:
    """The 财预〔2015〕88号 template (部门（单位）整体支出绩效目标申报表): no budget block — the
    tasks' 金额合计 row under 预算申请（万元）: 总额 | 财政拨款 | 其他资金 —, 年度总体目标, a
    年度绩效指标 label beside the grid, a placeholder task row left from the template."""
    wb = openpyxl.Workbook()
    ws = wb.active
    _merge(ws, "A1:G1", "部门（单位）整体支出绩效目标申报表")
    _merge(ws, "A2:G2", "（2024年度）")
    ws["A3"] = "部门（单位）名称"
    _merge(ws, "B3:G3", "[101001]某市统计局")
    _merge(ws, "A4:A9", "年度主要任务")
    _merge(ws, "B4:B5", "任务名称")
    _merge(ws, "C4:D5", "主要内容")
    _merge(ws, "E4:G4", "预算申请（万元）")
    ws["E5"], ws["F5"], ws["G5"] = "总额", "财政拨款", "其他资金"
    ws["B6"], ws["E6"], ws["F6"], ws["G6"] = "经济普查", 300, 300, 0
    _merge(ws, "C6:D6", "开展第五次全国经济普查")
    ws["B7"], ws["E7"], ws["F7"], ws["G7"] = "统计调查", 150, 120, 30
    _merge(ws, "C7:D7", "完成常规统计调查任务")
    ws["B8"] = "……"
    _merge(ws, "C8:D8")
    _merge(ws, "B9:D9", "金额合计")
    ws["E9"], ws["F9"], ws["G9"] = 450, 420, 30
    ws["A10"] = "年度总体目标"
    _merge(ws, "B10:G10", "目标1：按时完成经济普查各阶段工作。\n目标2：完成各项常规统计调查，数据质量达标。")
    _merge(ws, "A11:A15", "年度绩效指标")
    for c, text in enumerate(("一级指标", "二级指标", "三级指标", "指标值"), start=2):
        ws.cell(11, c, text)
    _merge(ws, "E11:G11")
    rows = [("产出指标", "数量指标", "普查对象覆盖率", "100%"),
            ("产出指标", "时效指标", "统计数据按时发布率", "≥98%"),
            ("效益指标", "社会效益指标", "统计数据社会引用次数", "≥500次"),
            ("满意度指标", "服务对象满意度指标", "数据使用者满意度", "≥90%")]
    for r, row in enumerate(rows, start=12):
        for c, value in enumerate(row, start=2):
            ws.cell(r, c, value)
        _merge(ws, f"E{r}:G{r}")
    _merge(ws, "B12:B13")
    wb.save(path)
    return path
