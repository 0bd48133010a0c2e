"""The analyzer: jieba search-mode segmentation that keeps what jieba's own analyzer drops."""

from __future__ import annotations

from budgetkg.search._analysis import JiebaTokenizer, query_words
from budgetkg.search._segmenter import get_segmenter
from budgetkg.search._synonyms import synonym_table


def index_tokens(text: str) -> list[str]:
    return [t.text for t in JiebaTokenizer()(text, mode="index")]


def test_one_character_non_han_tokens_are_kept() -> None:
    assert index_tokens("Z维稳工作经费-1") == ["z", "维稳", "工作", "经费", "1"]
    assert index_tokens("QT维稳工作经费-3")[-1] == "3"
    assert index_tokens("J水、电、气费1") == ["j", "水", "电", "气", "费", "1"]


def test_no_english_stemming_and_case_folding() -> None:
    assert query_words("Running Services OA") == ["running", "services", "oa"]


def test_full_width_forms_fold_to_ascii() -> None:
    assert (
        query_words("ＱＴ维稳工作经费－１")
        == query_words("qt维稳工作经费-1")
        == ["qt", "维稳", "工作", "经费", "1"]
    )


def test_domain_dictionary_keeps_domain_words_whole() -> None:
    # Without the project's dictionary jieba cuts these into single characters.
    assert query_words("信访劝返维稳经费") == ["信访", "劝返", "维稳", "经费"]
    assert "接诉即办" in query_words("接诉即办平台")
    assert "访调" in index_tokens("访调对接人民调解委员会")


def test_search_mode_adds_subwords_at_the_same_position() -> None:
    tokens = [(t.text, t.pos) for t in JiebaTokenizer()("中华人民共和国预算法", mode="index", positions=True)]
    assert ("中华人民共和国", 0) in tokens and ("人民", 0) in tokens
    assert ("预算法", 1) in tokens and ("预算", 1) in tokens


def test_letters_glued_to_digits_are_indexed_apart() -> None:
    assert {"z12345", "z", "12345"} <= set(index_tokens("Z12345政府服务热线运维费"))


def test_quotes_inside_words_are_dropped() -> None:
    assert query_words("“三公”经费") == query_words("三公经费")


def test_character_offsets_point_into_the_original_text() -> None:
    text = "“维稳”工作经费－１"
    for token in JiebaTokenizer()(text, mode="index", chars=True):
        if token.text == "维稳":
            assert text[token.startchar : token.endchar] == "维稳"
        if token.text == "1":
            assert text[token.startchar : token.endchar] == "１"


def test_synonyms_are_symmetric_and_segmented() -> None:
    table = synonym_table()
    assert ("维护稳定",) in table["维稳"]
    assert ("维稳",) in table["维护稳定"]
    # a multi-word target is kept as a phrase of query words
    assert ("因公出国", "境", "费") in table["三公经费"]


def test_compound_dictionary_words_split_into_parts() -> None:
    segmenter = get_segmenter()
    assert segmenter.parts("12345热线") == ["12345", "热线"]
    assert segmenter.parts("驻村帮扶") == ["驻村", "帮扶"]
    assert segmenter.parts("维稳") == []
