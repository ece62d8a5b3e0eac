"""A table a page break split in two (a Word original's second table, the page saved from it): the
rows after the break are the same table's — the header printed again or not, a merged level cell cut
in two (its text above, an empty cell below). And two tables that only look alike stay two."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from perfgoals_xl.sources import read_table

HEADER = ["一级指标", "二级指标", "三级指标", "指标值", "分值"]
FIRST = [
    ["产出指标", "数量指标", "新建村级供水站", "3处", "20"],
    ["", "质量指标", "水质达标率", "≥95%", "20"],
    ["", "时效指标", "完工时间", "2024年10月底前", "10"],
]
SECOND = [
    ["", "成本指标", "单站建设成本", "≤30万元", "10"],
    ["效益指标", "社会效益指标", "受益人口", "≥5000人", "20"],
    ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "20"],
]
NAMES = ["新建村级供水站", "水质达标率", "完工时间", "单站建设成本", "受益人口", "群众满意度"]
LEVEL1 = ["产出指标"] * 4 + ["效益指标", "满意度指标"]
ABOVE = ["农村供水保障工程项目绩效目标表", "单位：万元"]


def _html(path: Path, second_head: list[list[str]], between: str = "", first: list[list[str]] = FIRST) -> Path:
    def table(rows: list[list[str]]) -> str:
        return "<table border=1>" + "".join(
            "<tr>" + "".join(f"<td>{text}</td>" for text in row) + "</tr>" for row in rows) + "</table>"
    html = "".join(f"<p>{line}</p>" for line in ABOVE)
    html += table([HEADER, *first]) + (f"<p>{between}</p>" if between else "") + table([*second_head, *SECOND])
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{html}</body></html>", encoding="utf-8")
    return path


def _docx(path: Path, second_head: list[list[str]]) -> Path:
    document = docx.Document()
    for line in ABOVE:
        document.add_paragraph(line)
    for rows, merge in (([HEADER, *FIRST], (1, 3)), ([*second_head, *SECOND], None)):
        table = document.add_table(rows=len(rows), cols=len(HEADER))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        if merge:
            table.cell(merge[0], 0).merge(table.cell(merge[1], 0))
        document.add_paragraph("")
    document.save(path)
    return path


@pytest.mark.parametrize("container", ["html", "docx"])
@pytest.mark.parametrize("repeated", [False, True])
def test_the_rows_after_the_break_are_the_same_tables(tmp_path: Path, container: str, repeated: bool) -> None:
    head = [HEADER] if repeated else []
    path = _html(tmp_path / "表.html", head) if container == "html" else _docx(tmp_path / "表.docx", head)
    table = read_table(path)
    [project] = table.projects()
    assert [i.name for i in project.indicators] == NAMES
    assert [i.level1 for i in project.indicators] == LEVEL1
    second = project.indicators[3].location
    assert second is not None and second.sheet == "表格2"  # each cell keeps its place in its own table


def test_a_page_number_between_the_parts_is_the_pages(tmp_path: Path) -> None:
    table = read_table(_html(tmp_path / "表.html", [], between="— 2 —"))
    assert [i.name for i in table.projects()[0].indicators] == NAMES


def test_a_table_with_a_title_of_its_own_stays_apart(tmp_path: Path) -> None:
    """The next table under a line of its own (another project's title) is not the rest of this one."""
    table = read_table(_html(tmp_path / "表.html", [HEADER], between="另一个项目绩效目标表"))
    names = [i.name for p in table.projects() for i in p.indicators]
    assert len(table.projects()) == 2 and names == NAMES


def test_a_table_closed_by_its_total_row_is_not_continued(tmp_path: Path) -> None:
    table = read_table(_html(tmp_path / "表.html", [], first=[*FIRST, ["合计", "", "", "", "50"]]))
    assert [i.name for i in table.projects()[0].indicators] == NAMES[:3]


def _many_parts(path: Path, parts: int) -> Path:
    """One table split into ``parts`` tables of two rows each, the level cell merged over every cut."""
    html = ["<html><head><meta charset='utf-8'></head><body><p>某项目绩效目标表</p><table border=1><tr>"
            + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>"
            + "<tr><td rowspan=2>产出指标</td><td>数量指标</td><td>指标0</td><td>1个</td><td>1</td></tr>"
            + "<tr><td>数量指标</td><td>指标0b</td><td>1个</td><td>1</td></tr></table>"]
    for k in range(1, parts):
        html.append("<table border=1><tr><td rowspan=2></td><td>数量指标</td>"
                    f"<td>指标{k}</td><td>{k}个</td><td>1</td></tr>"
                    f"<tr><td>数量指标</td><td>指标{k}b</td><td>{k}个</td><td>1</td></tr></table>")
    path.write_text("".join(html) + "</body></html>", encoding="utf-8")
    return path


def test_a_table_split_into_thousands_of_parts_joins_in_linear_time(tmp_path: Path) -> None:
    """Hostile: each part goes on from the one before — joined once, each cut merge carried once."""
    from timing import best_seconds

    small, large = (_many_parts(tmp_path / f"t{n}.html", n) for n in (250, 1000))
    table = read_table(small)
    assert len(table.projects()[0].indicators) == 500
    assert {i.level1 for i in table.projects()[0].indicators} == {"产出指标"}  # the cut merge carried over
    ratio = best_seconds(lambda: read_table(large), repeat=2) / max(best_seconds(lambda: read_table(small), repeat=2), 5e-3)
    assert ratio < 9, f"time grew {ratio:.1f}× for 4× the parts"


def test_a_hostile_line_above_a_part_is_judged_in_one_pass() -> None:
    """Page marks are matched without backtracking (a long run of spaces before a non-mark)."""
    from perfgoals_xl.sources.row_kinds import _PAGE_MARK

    assert _PAGE_MARK.match(" " * 50_000 + "第") is None
    assert _PAGE_MARK.match("第 3 页 共 5 页") is not None


#: The second part pasted: two 产出 rows under the break, their level cell a blank merged cell.
PASTED_SECOND = [SECOND[0], ["", "成本指标", "单站运维成本", "≤5万元", "10"], *SECOND[1:]]


def _pasted(folder: Path, kind: str, between: list[list[str]]) -> Path:
    """Both parts of the split table pasted into one sheet (a Word file or a PDF turned into one, copied
    into Excel): a blank row between them, the level cell merged over the first part's rows and, cut by
    the break, a blank merged cell over the second part's first two rows (a CSV loses the merges)."""
    from grid_files import held_file

    rows = [[line, "", "", "", ""] for line in ABOVE] + [HEADER, *FIRST, [""] * 5, *between, *PASTED_SECOND]
    top = len(ABOVE) + 2  # the first indicator row, 1-based
    second = top + len(FIRST) + 1 + len(between)
    return held_file(folder, kind, rows, [f"A{top}:A{top + 2}", f"A{second}:A{second + 1}"])


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
@pytest.mark.parametrize("between", [[HEADER], [["续表", "", "", "", ""]], [["续表", "", "", "", ""], HEADER]],
                         ids=["header", "mark", "mark+header"])
def test_both_parts_pasted_into_one_sheet_are_one_table(tmp_path: Path, kind: str, between: list[list[str]]) -> None:
    table = read_table(_pasted(tmp_path, kind, between))
    [project] = table.projects()
    assert [i.name for i in project.indicators] == [*NAMES[:4], "单站运维成本", *NAMES[4:]]
    assert [i.level1 for i in project.indicators] == ["产出指标"] * 5 + LEVEL1[4:]
    assert project.indicators[3].location is not None
    assert project.indicators[3].location.cell == f"C{len(ABOVE) + 2 + len(FIRST) + 1 + len(between)}"


def test_a_table_pasted_under_its_own_title_in_one_sheet_stays_apart(tmp_path: Path) -> None:
    from grid_files import held_file

    rows = [[ABOVE[0], "", "", "", ""], HEADER, *FIRST, [""] * 5, ["另一个项目绩效目标表", "", "", "", ""],
            HEADER, *SECOND]
    table = read_table(held_file(tmp_path, "xlsx", rows, ["A3:A5"]))
    assert len(table.projects()) == 2
    assert [i.name for p in table.projects() for i in p.indicators] == NAMES


def test_many_blank_rows_and_repeated_headers_in_one_sheet_are_bounded(tmp_path: Path) -> None:
    """Hostile: a sheet repeating its header under a blank row every few rows is looked at for at
    most _MAX_PASTED_CUTS cuts, and read in time linear in its rows."""
    from grid_files import held_file
    from timing import best_seconds

    def sheet(parts: int) -> Path:
        rows: list[list[str]] = [HEADER]
        for k in range(parts):
            rows += [["产出指标", "数量指标", f"指标{k}", f"{k}个", "1"], [""] * 5, HEADER]
        (tmp_path / str(parts)).mkdir()
        return held_file(tmp_path / str(parts), "csv", rows)

    small, large = sheet(500), sheet(2000)
    assert len(read_table(small).projects()[0].indicators) == 500
    ratio = best_seconds(lambda: read_table(large), repeat=2) / max(best_seconds(lambda: read_table(small), repeat=2), 5e-3)
    assert ratio < 9, f"time grew {ratio:.1f}× for 4× the rows"


def test_forms_stacked_in_one_sheet_repeating_their_label_rows_stay_apart(tmp_path: Path) -> None:
    """Two 自评表 forms one under the other, a blank row under each 项目名称: the second form's
    主管部门 | … | 实施单位 | … row repeats the first's, but it is no indicator header printed again."""
    from grid_files import held_file

    def form(name: str, count: str) -> list[list[str]]:
        return [["项目名称", "", name, "", "", "", ""], [""] * 7,
                ["主管部门", "", "某区文化和旅游局", "实施单位", "某区楚剧团", "", ""],
                ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                ["产出指标", "数量指标", f"演出场次{count}", f"{count}场", f"{count}场", "50", "50"],
                ["满意度指标", "服务对象满意度指标", "观众满意度", "≥90%", "95%", "50", "50"],
                ["总分", "", "", "", "", "100", "100"]]

    rows = [["项目支出绩效自评表", "", "", "", "", "", ""], *form("演出设备更新", "30"), [""] * 7,
            *form("中青年演员培训", "12")]
    table = read_table(held_file(tmp_path, "xlsx", rows))
    assert [(p.name, [i.name for i in p.indicators]) for p in table.projects()] == [
        ("演出设备更新", ["演出场次30", "观众满意度"]), ("中青年演员培训", ["演出场次12", "观众满意度"])]


def test_a_level_1_the_table_left_blank_after_the_break_is_not_the_cut_cell(tmp_path: Path) -> None:
    """慈溪: the next page starts with a 一级指标 cell merged blank over 社会效益指标 rows (the table left that
    level-1 out): not the rest of 产出指标's cell the break cut — its rows' level-1 stays blank as printed
    (PG-S03, the table's own defect), never 产出指标 with a false PG-S04 on each."""
    from perfgoals_xl.rules import check_table

    document = docx.Document()
    for line in ABOVE:
        document.add_paragraph(line)
    second = [["", "社会效益指标", "受益人口", "≥5000人", "20"], ["", "社会效益指标", "供水保证率", "≥95%", "10"],
              ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "20"]]
    for rows, merge in (([HEADER, *FIRST], (1, 3)), (second, (0, 1))):
        table = document.add_table(rows=len(rows), cols=len(HEADER))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    table.cell(r, c).text = text
        table.cell(merge[0], 0).merge(table.cell(merge[1], 0))
        document.add_paragraph("")
    document.save(tmp_path / "表.docx")
    table = read_table(tmp_path / "表.docx")
    [project] = table.projects()
    assert [i.level1 for i in project.indicators] == ["产出指标"] * 3 + ["", "", "满意度指标"]
    codes = [f.code for f in check_table(table) if f.severity == "error"]
    assert "PG-S04" not in codes and "PG-S03" in codes


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_both_parts_pasted_with_nothing_between_but_a_blank_row(tmp_path: Path, kind: str) -> None:
    """The second part pasted under a blank row with no header and no page mark (分页拆成两表, 续表无表头): the
    blank merged cell starting it is the lower part of the level cell the break cut — one table, its rows
    产出指标's (was: the blank merged cell read as a level-1 the table left blank, PG-S03 on its rows)."""
    table = read_table(_pasted(tmp_path, kind, []))
    [project] = table.projects()
    assert [i.level1 for i in project.indicators] == ["产出指标"] * 5 + LEVEL1[4:]
    from perfgoals_xl.rules import check_table

    assert "PG-S03" not in [f.code for f in check_table(table)]
