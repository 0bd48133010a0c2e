"""Document numbers and citations: bracket variants, title/number binding, the gold's cases."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgetkg.ingest.citations import find_citations, find_doc_numbers, parse_doc_number
from budgetkg.ingest.records import DocNumber, Span

GOLD = Path(__file__).resolve().parents[1] / "data" / "gold"
SPAN = Span(10, 12)
BRACKETS = [("〔", "〕"), ("【", "】"), ("[", "]"), ("［", "］"), ("(", ")"), ("（", "）")]


def pairs(text: str, field: str = "legal_basis") -> list[tuple[str | None, str | None]]:
    return [(c.title, c.doc_number) for c in find_citations(text, field, SPAN)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "issuer", "year", "serial"),
    [
        ("晋市财行【2025】103号", "晋市财行", 2025, 103),
        ("晋财省直预〔2019〕60号", "晋财省直预", 2019, 60),
        ("同财行[2019]36号", "同财行", 2019, 36),
        ("忻组通字【2021】3号", "忻组通字", 2021, 3),
        ("人社部发［2009］177号", "人社部发", 2009, 177),
        ("国办发（2017）47号", "国办发", 2017, 47),
        ("忻司发 [ 2022 ] 35 号", "忻司发", 2022, 35),
        ("鄂财预发〔2024〕第12号", "鄂财预发", 2024, 12),
        ("宏文2019年305号", "宏文", 2019, 305),
    ],
)
def test_document_numbers_split_into_parts(text: str, issuer: str, year: int, serial: int) -> None:
    n = parse_doc_number(text)
    assert n is not None
    assert (n.issuer, n.year, n.serial) == (issuer, year, serial)


def test_number_text_keeps_its_brackets_as_written() -> None:
    # the graph unifies them for identity (graph.iris.doc_number_key); the record keeps the text
    assert parse_doc_number("晋市财行【2025】103号") == DocNumber(
        "晋市财行【2025】103号", "晋市财行", 2025, 103
    )
    assert parse_doc_number("鄂卫通（2024）12号").text == "鄂卫通（2024）12号"  # type: ignore[union-attr]


def test_issuer_stops_at_words_that_cannot_belong_to_it() -> None:
    text = "2011年同编发【2011】22号文件，根据的通知晋市财行【2025】103号"
    assert [n.issuer for n, _, _ in find_doc_numbers(text)] == ["同编发", "晋市财行"]


def test_standards_and_meeting_numbers() -> None:
    assert parse_doc_number("GB/T 37668-2019") == DocNumber("GB/T37668-2019", "GB/T", 2019, 37668)
    assert pairs("《信访专题会议纪要》(2016第6次)") == [("信访专题会议纪要", "2016第6次")]
    assert pairs("2016年第6次会议研究") == []  # a meeting count in running text is no number


def test_no_number_in_plain_text() -> None:
    assert parse_doc_number("信访工作条例") is None
    assert parse_doc_number("2025年预算安排10万元") is None


@given(
    issuer=st.text(alphabet="晋同忻鄂财行政办发字组通预省直市委", min_size=1, max_size=6),
    year=st.integers(min_value=1980, max_value=2099),
    serial=st.integers(min_value=1, max_value=9999),
    brackets=st.sampled_from(BRACKETS),
    pad=st.sampled_from(["", " ", "\u3000"]),
    full_width_digits=st.booleans(),
)
def test_generated_numbers_parse_to_their_parts(
    issuer, year, serial, brackets, pad, full_width_digits
) -> None:  # type: ignore[no-untyped-def]
    digits = str.maketrans("0123456789", "０１２３４５６７８９") if full_width_digits else {}
    text = f"{issuer}{pad}{brackets[0]}{pad}{year}{pad}{brackets[1]}{pad}{serial}{pad}号".translate(digits)
    n = parse_doc_number(f"根据{text}文件")
    assert n == DocNumber(f"{issuer}{brackets[0]}{year}{brackets[1]}{serial}号", issuer, year, serial)


def test_title_then_number_is_one_citation() -> None:
    text = "《关于印发<省直机关政务信息化系统运维项目预算编制规范和预算标准(试行)>的通知》（晋财省直预〔2019〕60号）"
    assert pairs(text) == [
        (
            "关于印发<省直机关政务信息化系统运维项目预算编制规范和预算标准(试行)>的通知",
            "晋财省直预〔2019〕60号",
        )
    ]


def test_number_then_title_is_one_citation() -> None:
    assert pairs("晋信联发【2023】8号《关于推进信访接待场所标准化建设的工作指引》的通知") == [
        ("关于推进信访接待场所标准化建设的工作指引", "晋信联发【2023】8号")
    ]
    assert pairs("忻深改办发【2019】60号关于调整市信访局所属事业单位机构编制事项的通知") == [
        ("关于调整市信访局所属事业单位机构编制事项的通知", "忻深改办发【2019】60号")
    ]


def test_a_number_before_a_wrapper_belongs_to_each_title_inside() -> None:
    text = "同财行[2019]36号 关于印发《市直机关差旅费管理办法》《市直机关培训费管理办法》《市直机关会议费管理办法》的通知"
    assert pairs(text, "measures") == [
        ("市直机关差旅费管理办法", "同财行[2019]36号"),
        ("市直机关培训费管理办法", "同财行[2019]36号"),
        ("市直机关会议费管理办法", "同财行[2019]36号"),
    ]


def test_a_number_after_a_list_belongs_to_the_last_title_only() -> None:
    text = "《山西省办法》《大同市办法》《大同市关于加强监管工作的通知》(同政办函〔2019〕55号)"
    assert pairs(text) == [
        ("山西省办法", None),
        ("大同市办法", None),
        ("大同市关于加强监管工作的通知", "同政办函〔2019〕55号"),
    ]


def test_a_distant_number_stands_alone() -> None:
    text = "根据《政府网站与政务新媒体检查指标》,国办每年进行检查,武市长批示(宏文2019年305号)同意"
    assert pairs(text) == [("政府网站与政务新媒体检查指标", None), (None, "宏文2019年305号")]


def test_nested_and_unbalanced_brackets() -> None:
    assert pairs("依据《山西省财政厅关于印发〈山西省部门政府购买服务指导性目录〉》") == [
        ("山西省财政厅关于印发〈山西省部门政府购买服务指导性目录〉", None)
    ]
    text = "《十项措施(试行)》同办字【2019】116号文件及关于申请热线平台运维经费的请示》张强市长已批示"
    assert pairs(text) == [
        ("十项措施(试行)", "同办字【2019】116号"),
        ("关于申请热线平台运维经费的请示", None),
    ]


def test_same_title_with_two_numbers_is_two_citations_and_repeats_are_dropped() -> None:
    text = "《建设视频会议系统有关事项》(国信发【2017】1号)的通知, 转发《建设视频会议系统有关事项》(晋信发【2017】1号), 《信访工作条例》《信访工作条例》"
    assert pairs(text) == [
        ("建设视频会议系统有关事项", "国信发【2017】1号"),
        ("建设视频会议系统有关事项", "晋信发【2017】1号"),
        ("信访工作条例", None),
    ]


def test_citations_carry_field_span_and_raw_text() -> None:
    (c,) = find_citations("根据《信访工作条例》等相关规定", "measures", SPAN)
    assert (c.field, c.span, c.raw) == ("measures", SPAN, "《信访工作条例》")


def _gold_texts() -> list[tuple[str, str, list[tuple[str, str]]]]:
    out = []
    for path in sorted(GOLD.glob("*.json")):
        for project in json.loads(path.read_text(encoding="utf-8"))["projects"]:
            for field in ("legal_basis", "measures"):
                text = project.get(f"{field}_text")
                if text:
                    wanted = [
                        (c["title"], c["doc_number"])
                        for c in project.get("citations", [])
                        if c["field"] == field
                    ]
                    out.append((field, text, wanted))
    return out


def _fold(s: str | None) -> str:
    table = str.maketrans({"【": "〔", "】": "〕", "[": "〔", "]": "〕"})
    return "".join((s or "").translate(table).split())


def test_every_gold_citation_is_found_from_its_text() -> None:
    cases = _gold_texts()
    assert len(cases) >= 80
    missed, extra = [], []
    for field, text, wanted in cases:
        got = {(_fold(t), _fold(n)) for t, n in pairs(text, field)}
        want = {(_fold(t), _fold(n)) for t, n in wanted}
        missed += sorted(want - got)
        extra += sorted(got - want)
    assert (missed, extra) == ([], [])
