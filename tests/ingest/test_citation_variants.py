"""Document-number variants (no brackets, 號, decrees), money units of performance tables,
and KPI level labels centred on their merged cells (pdftotext -layout)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.citations import find_citations, find_doc_numbers, inner_titles, parse_doc_number
from budgetkg.ingest.kpi_rows import centred_groups
from budgetkg.ingest.lines import load_lines
from budgetkg.ingest.performance import PerformanceReading, read_performance, single_cell_tables
from budgetkg.ingest.records import DocNumber, Report, Span
from budgetkg.ingest.tables import read_tables

SPAN = Span(1, 1)


def pairs(text: str) -> list[tuple[str | None, str | None]]:
    return [(c.title, c.doc_number) for c in find_citations(text, "legal_basis", SPAN)]


# -- document numbers ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "written", "issuer", "year", "serial"),
    [
        ("根据皖财农2021 7号文件", "皖财农2021 7号", "皖财农", 2021, 7),
        ("（3）豫财预2019  46号；", "豫财预2019 46号", "豫财预", 2019, 46),
        ("按照湘财社2022第8号", "湘财社2022第8号", "湘财社", 2022, 8),
        ("执行宜财采2023 12号", "宜财采2023 12号", "宜财采", 2023, 12),
    ],
)
def test_a_number_that_lost_its_brackets(
    text: str, written: str, issuer: str, year: int, serial: int
) -> None:
    assert parse_doc_number(text) == DocNumber(written, issuer, year, serial)


def test_counts_in_running_text_are_no_bracketless_numbers() -> None:
    assert find_doc_numbers("完成计划2020 15号楼的维修") == []
    assert find_doc_numbers("项目于2023 10号开工") == []


def test_traditional_hao_is_kept_as_written_and_parsed() -> None:
    n = parse_doc_number("（2）渝府办发〔2022〕17號；")
    assert n == DocNumber("渝府办发〔2022〕17號", "渝府办发", 2022, 17)
    assert parse_doc_number("宏文2019年305號").serial == 305  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "written", "issuer", "serial"),
    [
        ("《社会救助暂行办法》（国务院令第649号）", "国务院令第649号", "国务院", 649),
        (
            "《工伤保险条例》（人力资源和社会保障部令第12号）",
            "人力资源和社会保障部令第12号",
            "人力资源和社会保障部",
            12,
        ),
        ("执行应急管理部令第2号", "应急管理部令第2号", "应急管理部", 2),
        ("依据省政府令第175号", "省政府令第175号", "省政府", 175),
        ("《行政事业性国有资产管理办法》（财政部令 第 100 号）", "财政部令第100号", "财政部", 100),
    ],
)
def test_decree_numbers_have_no_year(text: str, written: str, issuer: str, serial: int) -> None:
    number = parse_doc_number(text)
    assert number is not None
    assert (number.text, number.issuer, number.year, number.serial) == (written, issuer, None, serial)


def test_decree_numbers_bind_to_their_titles() -> None:
    text = "《市场监督管理行政处罚程序规定》（国家市场监督管理总局令第42号）；财政部令第87号"
    assert pairs(text) == [
        ("市场监督管理行政处罚程序规定", "国家市场监督管理总局令第42号"),
        (None, "财政部令第87号"),
    ]


def test_nested_titles_keep_the_notice_and_expose_the_inner_title() -> None:
    text = "《省财政厅关于印发〈省级专项资金管理办法〉的通知》（赣财预〔2021〕3號）"
    ((title, number),) = pairs(text)
    assert (title, number) == ("省财政厅关于印发〈省级专项资金管理办法〉的通知", "赣财预〔2021〕3號")
    assert inner_titles(title) == ("省级专项资金管理办法",)


@given(
    region=st.sampled_from("鲁新晋豫皖湘"),
    organ=st.text(alphabet="财农预社教行办发", min_size=1, max_size=3),
    year=st.integers(min_value=1990, max_value=2099),
    serial=st.integers(min_value=1, max_value=9999),
    gap=st.sampled_from([" ", "  ", "\u3000", " 第", "第"]),
    hao=st.sampled_from("号號"),
)
def test_generated_bracketless_numbers_parse_to_their_parts(region, organ, year, serial, gap, hao) -> None:  # type: ignore[no-untyped-def]
    n = parse_doc_number(f"根据{region}{organ}{year}{gap}{serial}{hao}文件")
    assert n is not None
    assert (n.issuer, n.year, n.serial) == (region + organ, year, serial)
    assert n.text.endswith(f"{serial}{hao}") and "  " not in n.text


@given(
    organ=st.sampled_from(["国务院", "财政部", "住房和城乡建设部", "国家市场监督管理总局", "省人民政府"]),
    serial=st.integers(min_value=1, max_value=999),
    lead=st.sampled_from(["根据", "依据", "（", "按照", ""]),
)
def test_generated_decree_numbers_parse_to_their_parts(organ, serial, lead) -> None:  # type: ignore[no-untyped-def]
    n = parse_doc_number(f"{lead}{organ}令第{serial}号")
    assert n == DocNumber(f"{organ}令第{serial}号", organ, None, serial)  # type: ignore[arg-type]


# -- money units of performance tables ------------------------------------------------


def _read(text: str) -> PerformanceReading:
    lines, _ = load_lines(text)
    tables = read_tables(lines)
    tables = sorted([*tables, *single_cell_tables(lines, tables)], key=lambda t: t.rows[0].line)
    return read_performance(tables, Report(doc="synthetic.txt"))


UNIT_ROW_ABOVE = """                        2025年度项目支出绩效目标表

  填报单位：某市林业局                                                       单位：万元
  项目名称          森林防火专项经费                          主管部门          某市林业局
  实施单位          某市森林消防支队                          项目属性          经常性项目
  项目期            1年                                        项目类别          其他运转类
                    年度资金总额                                                   326.50
  项目资金          其中：财政拨款                                                 326.50
                    其他资金                                                        0.00
  立项依据          《森林防火条例》（国务院令第541号）
  绩效指标  一级指标      二级指标        三级指标                        指标值
            产出指标      数量指标        巡护里程                        ≥5000公里
"""


def test_a_unit_row_above_the_name_row_states_the_tables_unit() -> None:
    (t,) = _read(UNIT_ROW_ABOVE).tables
    assert (t.name, t.amount_yuan, t.amount_unit) == ("森林防火专项经费", 3265000.0, "万元")


def test_project_funds_label_with_a_unit_gives_the_amount() -> None:
    merged = "\n".join(
        [
            "项目名称　　　　　城区绿化养护项目　　　　　　主管部门　　　　　某区城管局",
            "实施单位　　　　　某区园林所　　　　　　　　　项目属性　　　　　经常性项目",
            "项目期　　　　　　1年　　　　　　　　　　　　 项目资金（万元）　96.40",
            "立项依据　　　　　《城市绿化条例》",
        ]
    )
    (t,) = _read(merged).tables
    assert (t.amount_yuan, t.amount_unit) == (964000.0, "万元")
    piped = "\n".join(
        [
            "| 项目名称 | 社区矫正经费 | | |",
            "| 实施单位 | 某县司法局 | 项目属性 | 经常性项目 |",
            "| 项目资金（万元） | 年度资金总额 | 48.00 | |",
            "| 立项依据 | 《社区矫正法》 | | |",
        ]
    )
    (t,) = _read(piped).tables
    assert t.amount_yuan == 480000.0


# -- level labels centred on their merged cells ---------------------------------------

CENTRED = """  一级指标      二级指标        三级指标                        指标值
                                巡护里程                        ≥5000公里
                数量指标        监测站点数                      ≥40个
                                宣传活动次数                    ≥12次
  产出指标                      火情处置及时率                  100%
                质量指标
                                设备完好率                      ≥95%
                成本指标        单公里巡护成本                  ≤20元
                                森林火灾受害率                  ≤0.9‰
                社会效益
  效益指标                      群众防火意识                    明显提高
                可持续影响      森林覆盖率                      稳步提升
  满意度指标    服务对象满意度  林农满意度                      ≥90%
"""


def test_labels_centred_on_their_groups_cover_the_rows_around_them() -> None:
    kpis = _read(CENTRED).department_kpis
    assert [(k.level1, k.level2, k.name) for k in kpis] == [
        ("产出指标", "数量指标", "巡护里程"),
        ("产出指标", "数量指标", "监测站点数"),
        ("产出指标", "数量指标", "宣传活动次数"),
        ("产出指标", "质量指标", "火情处置及时率"),
        ("产出指标", "质量指标", "设备完好率"),
        ("产出指标", "成本指标", "单公里巡护成本"),
        ("效益指标", "社会效益", "森林火灾受害率"),
        ("效益指标", "社会效益", "群众防火意识"),
        ("效益指标", "可持续影响", "森林覆盖率"),
        ("满意度指标", "服务对象满意度", "林农满意度"),
    ]


def test_labels_on_first_rows_still_carry_down() -> None:
    top = "\n".join(
        [
            "一级指标\t二级指标\t三级指标\t指标值",
            "产出指标\t数量指标\t巡护里程\t≥5000公里",
            "\t\t监测站点数\t≥40个",
            "\t质量指标\t设备完好率\t≥95%",
            "效益指标\t社会效益\t群众防火意识\t明显提高",
            "\t\t森林火灾受害率\t≤0.9‰",
        ]
    )
    kpis = _read(top).department_kpis
    assert [(k.level1, k.level2) for k in kpis] == [
        ("产出指标", "数量指标"),
        ("产出指标", "数量指标"),
        ("产出指标", "质量指标"),
        ("效益指标", "社会效益"),
        ("效益指标", "社会效益"),
    ]


@given(st.lists(st.integers(min_value=0, max_value=3), min_size=1, max_size=8))
def test_odd_groups_with_centred_labels_are_recovered(halves: list[int]) -> None:
    sizes = [2 * h + 1 for h in halves]
    labels, rows, want, start = [], [], [], 0
    for k, size in enumerate(sizes):
        labels.append(start + size // 2)
        rows += range(start, start + size)
        want += [k] * size
        start += size
    assert centred_groups(labels, rows) == want
