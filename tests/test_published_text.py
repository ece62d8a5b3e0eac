"""The seed — a real published table — must come out complete and exact, every field."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from perfgoals_xl.errors import InputError
from perfgoals_xl.sources.published_text import parse_published_text, read_published_text

D = Decimal
# (name, total, goal, [(seq, l1 code, l1, l2 code, l2, name, period value, annual value)])
EXPECTED = [
    ("驻京工作保障", D("177.40"),
     "保障在京政务服务、在京经济协作交流、信息调研及信访维稳工作，高标准完成各项政务服务保障工作。", [
         (1, "2", "效益指标", "21", "经济效益", "经济协作走访调研、宣传推广、举办活动次数", "24", "24"),
         (2, "1", "产出指标", "12", "质量指标", "符合公务接待工作标准化规程", "符合", "符合"),
         (3, "3", "满意度指标", "31", "服务对象满意度", "省市领导及业务单位满意度", "100%", "100%"),
         (4, "1", "产出指标", "11", "数量指标", "报送调研报告数量", "12", "12"),
         (5, "1", "产出指标", "11", "数量指标", "报送政策动态信息数量", "200", "200"),
         (6, "2", "效益指标", "21", "经济效益", "以信息调研推动服务企业项目对接", "12", "12"),
         (7, "2", "效益指标", "22", "社会效益", "驻京信访负面影响及炒作", "0", "0"),
         (8, "1", "产出指标", "13", "时效指标", "接离群众24小时离京率", "100%", "100%"),
         (9, "1", "产出指标", "11", "数量指标", "上访群众接离率", "100%", "100%"),
     ]),
    ("车辆租用经费", D("34.30"), "市领导在京公务活动、在京经济协作、在京处置信访维稳等政务活动交通保障。", [
        (1, "1", "产出指标", "13", "时效指标", "车辆派遣及时率", "100%", "100%"),
        (2, "1", "产出指标", "11", "数量指标", "长期租赁小型客车数量", "4", "4辆"),
        (3, "2", "效益指标", "22", "社会效益", "车辆安全保障", "车辆安全检测", "车辆安全检测"),
        (4, "3", "满意度指标", "31", "服务对象满意度", "车辆保障服务对象满意率", "100%", "100%"),
    ]),
    ("其他运行经费", D("20.60"),
     "驻京办办公地点在北京，采暖费属北方地区冬季地域性支出，改善办公环境及职工居住环境。", [
         (1, "1", "产出指标", "12", "质量指标", "供暖温度", "大于等于18摄氏度", "大于等于18摄氏度"),
         (2, "3", "满意度指标", "31", "服务对象满意度", "供暖效果满意率", "95%", "95%以上"),
         (3, "2", "效益指标", "24", "可持续影响", "按标准持续发放", "按职级标准发放", "按职级标准发放"),
         (4, "1", "产出指标", "13", "时效指标", "采暖补贴及时发放", "10月底前", "10月底前"),
     ]),
    ("驻京政务服务及外事业务保障", D("130.00"),
     "驻京政务服务保障和外事专职业务保障政府购买服务，服务人员遵守甲方制定的安全生产、劳动纪律、"
     "操作规范、岗位责任制等各项管理规则制度，完成甲方布置的工作任务。", [
         (1, "1", "产出指标", "11", "数量指标", "因公出国签证及APEC卡办结率", "100%", "100%"),
         (2, "1", "产出指标", "12", "质量指标", "配合信访维稳工作及时、合法处置", "及时、合法", "及时、合法"),
         (3, "1", "产出指标", "12", "质量指标", "服从管理、完成工作任务",
          "服务人员遵守甲方制定的安全生产、劳动纪律、操作规范、岗位责任制等各项管理规则制度，完成甲方布置的工作任务。",
          "服务人员遵守甲方制定的安全生产、劳动纪律、操作规范、岗位责任制等各项管理规则制度，完成甲方布置的工作任务。"),
         (4, "2", "效益指标", "24", "可持续影响", "服务人员稳定", "服务人员稳定", "服务人员稳定"),
         (5, "2", "效益指标", "22", "社会效益", "交通安全驾驶", "100%", "100%"),
     ]),
    ("广州驻京办2024-2025年信息化运维项目", D("27.70"),
     "通过不断完善OA办公系统（含移动办公）、视频会议系统、电子公文交换系统等信息化系统的运维服务质量，"
     "提高信息化设备的运行维护效率，确保信息系统及网络、主机系统、机房设备正常运行，保证信息安全，"
     "保障广东省、广州市各级领导和机关来京的信息化服务，进一步加强本单位信息化建设，更好地为社会服务，提升政府形象。", [
         (1, "1", "产出指标", "12", "质量指标", "正常运行率", "98%", "98%"),
         (2, "1", "产出指标", "11", "数量指标", "信息系统年度业务量", "大于4000件", "大于4000件"),
         (3, "1", "产出指标", "13", "时效指标", "故障及时响应率", "100%", "100%"),
         (4, "2", "效益指标", "22", "社会效益", "安全性", "较安全", "较安全"),
         (5, "1", "产出指标", "13", "时效指标", "维护工作按时完成率", "100%", "100%"),
     ]),
]


def test_header_department_unit_and_totals(seed_table):
    assert seed_table.title == "项目支出绩效目标表（含转移支付项目）"
    assert seed_table.department == "广州市人民政府驻北京办事处"
    assert seed_table.unit == "万元"
    assert (seed_table.amounts.total, seed_table.amounts.fiscal) == (D("390.00"), D("390.00"))
    assert len(seed_table.units) == 1
    unit = seed_table.units[0]
    assert unit.name == "广州市人民政府驻北京办事处"
    assert unit.amounts.total == D("390.00")


def test_every_project_amount_goal_and_indicator_field(seed_table):
    projects = seed_table.projects()
    assert [len(p.indicators) for p in projects] == [9, 4, 4, 5, 5]
    for project, (name, total, goal, indicators) in zip(projects, EXPECTED, strict=True):
        assert project.name == name
        assert project.amounts.total == total and project.amounts.fiscal == total
        assert project.amounts.special is None and project.amounts.other is None
        assert project.goal == goal
        got = [(i.seq, i.level1_code, i.level1, i.level2_code, i.level2, i.name,
                i.period_value.raw, i.annual_value.raw) for i in project.indicators]
        assert got == indicators


def test_ambiguous_amount_columns_are_recorded_not_silent(seed_table):
    s10 = [p for p in seed_table.problems if p.code == "S10"]
    assert len(s10) == 7  # 合计, the unit, 5 projects: each shows two numbers of four columns
    assert all(p.location.line for p in s10)
    assert seed_table.projects()[0].amounts.assumed == ("fiscal",)
    assert {p.code for p in seed_table.problems} == {"S10"}


def test_locations_point_at_source_lines(seed_table, seed_path):
    first = seed_table.projects()[0]
    assert first.location.line == 12 and first.location.file == str(seed_path)
    assert first.field_locations["goal"].line == 13
    assert [i.location.line for i in first.indicators][:3] == [16, 17, 19]
    wrapped = seed_table.projects()[3]
    assert wrapped.location.line == 62 and wrapped.field_locations["amounts"].line == 65


def test_parsed_values_of_the_seed(seed_table):
    heating = seed_table.projects()[2].indicators
    assert heating[0].annual_value.operator == "≥" and heating[0].annual_value.number == 18
    assert heating[0].annual_value.unit == "摄氏度"
    assert heating[1].annual_value.operator == "≥" and heating[1].annual_value.unit == "%"
    assert heating[3].annual_value.kind == "deadline"
    cars = seed_table.projects()[1].indicators[1]
    assert cars.period_value.unit is None and cars.annual_value.unit == "辆"


def test_gbk_file_reads_the_same(tmp_path, seed_path, seed_table):
    gbk = tmp_path / "seed_gbk.txt"
    gbk.write_bytes(seed_path.read_text(encoding="utf-8").encode("gbk"))
    assert read_published_text(gbk) == seed_table


def test_not_a_table_is_a_clear_error():
    with pytest.raises(InputError, match="不是项目支出绩效目标表"):
        parse_published_text("随便一段文字\n第二行", source="x.txt")


def test_crlf_and_reordered_blank_lines_are_tolerated(seed_path, seed_table):
    text = seed_path.read_text(encoding="utf-8").replace("\n", "\r\n")
    from perfgoals_xl.sources.textfile import decode_bytes

    decoded, _ = decode_bytes(text.encode("utf-8"))
    assert parse_published_text(decoded.replace("\r\n", "\n")) == seed_table


@pytest.mark.parametrize("seed", range(6))
def test_generated_tables_round_trip_through_published_text(seed):
    """Write generated tables in the published text layout, read them back: an equal model."""
    import sys

    from perfgoals_xl.sinks.published_text import published_text

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from generate import generate_table  # type: ignore[import-not-found]

    table = generate_table(3 + seed * 7 if seed < 5 else 90, seed=seed)  # 90: two units, wrapped names
    text = published_text(table, page_lines=25 + seed)
    assert parse_published_text(text) == table


def test_seed_round_trips_through_published_text(seed_table):
    from perfgoals_xl.sinks.published_text import published_text

    assert parse_published_text(published_text(seed_table)) == seed_table


def test_file_cut_inside_its_last_utf8_character_is_read(tmp_path, seed_path):
    data = seed_path.read_bytes()
    cut = data[: data.index("服从管理".encode()) + 2]  # inside 服 (3 bytes in UTF-8)
    path = tmp_path / "cut.txt"
    path.write_bytes(cut)
    table = read_published_text(path)
    assert table.department == "广州市人民政府驻北京办事处" and len(table.projects()) == 4


def test_decimal_at_the_end_of_a_wrapped_indicator_line_is_not_a_row(seed_path):
    original = "实施周期指标值:大于4000件；年度指标值:大于4000件。3、1-产出指\n标；"
    assert original in seed_path.read_text(encoding="utf-8")
    text = seed_path.read_text(encoding="utf-8").replace(
        original, "实施周期指标值:4000.50\n；年度指标值:4000.50。3、1-产出指标；")
    table = parse_published_text(text)
    last = table.projects()[-1]
    assert len(table.units) == 1 and len(last.indicators) == 5
    assert last.indicators[1].period_value.raw == "4000.50"


def test_wrapped_fund_unit_names_are_joined(seed_path):
    text = seed_path.read_text(encoding="utf-8")
    text = text.replace("\n广州市人民政府驻北京办事处 390.00 390.00\n",
                        "\n广州市人民政府驻北京办事处机\n关服务中心 300.00 300.00\n", 1)
    text = text.replace("\n\n    驻京政务服务及外事业务保\n",
                        "\n\n广州市人民政府驻北京办事处信\n息中心 90.00 90.00\n\n    驻京政务服务及外事业务保\n", 1)
    table = parse_published_text(text)
    assert [u.name for u in table.units] == ["广州市人民政府驻北京办事处机关服务中心", "广州市人民政府驻北京办事处信息中心"]
    assert [len(u.projects) for u in table.units] == [3, 2]
    assert [len(p.indicators) for p in table.projects()] == [9, 4, 4, 5, 5]
    assert table.projects()[2].indicators[-1].annual_value.raw == "10月底前"


def test_title_with_a_year_prefix_is_page_furniture(seed_path, seed_table):
    text = seed_path.read_text(encoding="utf-8").replace(
        "项目支出绩效目标表（含转移支付项目）", "2024年项目支出绩效目标表（含转移支付项目）")
    seed_table.title = "2024年项目支出绩效目标表（含转移支付项目）"
    assert parse_published_text(text) == seed_table


def test_wrapped_name_with_amounts_on_its_last_line(seed_path, seed_table):
    text = seed_path.read_text(encoding="utf-8").replace(
        "    驻京政务服务及外事业务保\n障\n\n130.00 130.00\n", "    驻京政务服务及外事业务保\n障 130.00 130.00\n")
    assert parse_published_text(text) == seed_table


def test_large_gbk_file_cut_inside_a_character_is_sniffed(tmp_path, seed_path):
    from perfgoals_xl.sources import read_table

    body = seed_path.read_text(encoding="utf-8")
    head, rest = body.split("    驻京工作保障", 1)
    text = " " + head + ("    驻京工作保障" + rest.split("\n\n\n")[0] + "\n\n") * 60
    data = text.encode("gbk")
    for pad in range(3):  # somewhere the 64 KiB sniffing window ends inside a character
        path = tmp_path / f"big{pad}.txt"
        path.write_bytes(b" " * pad + data)
        assert len(read_table(path).projects()) >= 60


def test_wrapped_indicator_line_ending_in_a_spaced_decimal_is_not_a_unit(seed_path):
    original = "以信息调研推动服务企业项目对接；实施周期指标值:12；年度指标\n值:12。7、"
    text = seed_path.read_text(encoding="utf-8")
    assert original in text
    text = text.replace("以信息调研推动服务企业项目对接；实施周期指标值:12；年度指标\n值:12。7、",
                        "以信息调研推动服务企业项目对接；实施周期指标值:12；年度指标值: 12.50\n。7、")
    table = parse_published_text(text)
    assert len(table.units) == 1
    assert [len(p.indicators) for p in table.projects()] == [9, 4, 4, 5, 5]
    assert table.projects()[0].indicators[5].annual_value.raw == "12.50"


def test_wrapped_name_with_amounts_on_its_first_line(seed_path, seed_table):
    text = seed_path.read_text(encoding="utf-8").replace(
        "    驻京政务服务及外事业务保\n障\n\n130.00 130.00\n", "    驻京政务服务及外事业务保 130.00 130.00\n障\n")
    assert parse_published_text(text) == seed_table
