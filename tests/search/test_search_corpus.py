"""Search over the sample corpus, built from the graph: ranking, filters, facets, paging, sorting."""

from __future__ import annotations

import pytest

from budgetkg.search import Index

from .corpus_constants import DATONG_PETITION, STABILITY_PROJECTS


def test_stability_query_ranks_every_stability_project_above_mere_funding_projects(
    corpus_index: Index,
) -> None:
    result = corpus_index.search("维稳经费")
    top = [(hit.label, hit.agency) for hit in result.hits]
    ranks = {project: top.index(project) for project in STABILITY_PROJECTS if project in top}
    assert set(ranks) == set(STABILITY_PROJECTS), top
    # Projects that merely share 经费 (no 维稳 anywhere) rank below all of them.
    worst = max(ranks.values())
    for rank, hit in enumerate(result.hits):
        if hit.type == "project" and (hit.label, hit.agency) not in STABILITY_PROJECTS:
            assert rank > worst, (hit.label, top)


def test_synonym_finds_the_short_form(corpus_index: Index) -> None:
    labels = [hit.label for hit in corpus_index.search("维护稳定", filters={"type": "project"}).hits]
    assert {"Z维稳工作经费-1", "Z维稳工作经费-2", "信访劝返维稳经费"} <= set(labels)


def test_hits_are_typed_and_carry_graph_facts(corpus_index: Index) -> None:
    hit = corpus_index.search('"维稳工作经费" 1', filters={"type": "project"}).hits[0]
    assert hit.label == "Z维稳工作经费-1"
    assert hit.type == "project"
    assert hit.agency == DATONG_PETITION
    assert hit.region == "山西省大同市"
    assert hit.year == 2026
    assert hit.amount == pytest.approx(58.2)
    assert hit.iri.endswith("/Z维稳工作经费-1")
    assert "<mark>维稳" in hit.snippet


def test_field_query_and_filters_restrict_by_agency(corpus_index: Index) -> None:
    by_field = corpus_index.search("agency:大同市信访局 AND type:project", page_size=50)
    by_filter = corpus_index.search("", filters={"agency": DATONG_PETITION, "type": "project"}, page_size=50)
    assert by_field.total == by_filter.total == 17  # 大同市信访局 lists 17 projects
    assert {hit.iri for hit in by_field.hits} == {hit.iri for hit in by_filter.hits}


def test_facets_count_all_matches(corpus_index: Index) -> None:
    result = corpus_index.search("维稳")
    facets = result.facets
    assert sum(n for _, n in facets["type"]) == result.total
    assert dict(facets["agency"])[DATONG_PETITION] >= 3
    assert ("2026", dict(facets["year"])["2026"]) in facets["year"]
    # facet counts agree with the filtered search: 4 stability projects + 联席办运转经费 (KPI 外出维稳人力物力)
    projects = corpus_index.search("维稳", filters={"type": "project"})
    assert dict(facets["type"])["project"] == projects.total == 5


def test_amount_range_and_sort_by_amount(corpus_index: Index) -> None:
    filters = {"type": "project", "amount_min": 50, "amount_max": 150}
    result = corpus_index.search("", filters=filters, sort="amount", page_size=50)
    amounts = [hit.amount for hit in result.hits]
    assert amounts == sorted(amounts, reverse=True)
    assert all(amount is not None and 50 <= amount <= 150 for amount in amounts)
    assert result.hits[0].label == "信访案件化解专项资金" and amounts[0] == pytest.approx(144)
    assert result.hits[-1].label == "Z政府（办）文件资料印刷费" and amounts[-1] == pytest.approx(57.6)
    ranged = corpus_index.search("amount:[50 TO 150] AND type:project", page_size=50)
    assert {h.iri for h in ranged.hits} == {h.iri for h in result.hits}


def test_paging_is_disjoint_and_complete(corpus_index: Index) -> None:
    first = corpus_index.search("信访", page=1, page_size=5)
    second = corpus_index.search("信访", page=2, page_size=5)
    assert first.total == second.total > 10
    assert len(first.hits) == len(second.hits) == 5
    assert not {h.iri for h in first.hits} & {h.iri for h in second.hits}
    everything = corpus_index.search("信访", page_size=1000)
    assert [h.iri for h in everything.hits[:10]] == [h.iri for h in first.hits + second.hits]
    beyond = corpus_index.search("信访", page=first.pages + 1, page_size=5)
    assert beyond.hits == () and beyond.total == first.total


def test_boolean_operators(corpus_index: Index) -> None:
    both = {h.label for h in corpus_index.search("维稳 AND 劝返", page_size=50).hits}
    without = {h.label for h in corpus_index.search("维稳 NOT 劝返", page_size=50).hits}
    either = corpus_index.search("维稳 OR 劝返", page_size=100)
    assert "信访劝返维稳经费" in both and "信访劝返维稳经费" not in without
    assert "Z维稳工作经费-1" in without
    assert either.total >= len(both | without)
    minus = {h.label for h in corpus_index.search("维稳 -劝返", page_size=50).hits}
    assert minus == without  # the web-search prefix means NOT; the hyphen of 经费-1 does not


def test_regulations_by_title_and_document_number(corpus_index: Index) -> None:
    by_title = corpus_index.search("信访工作条例").hits[0]
    assert (by_title.type, by_title.label) == ("regulation", "信访工作条例")
    by_number = corpus_index.search("晋市财行〔2025〕103号").hits[0]
    assert by_number.type == "regulation"
    assert by_number.label.startswith("关于下达2026年中央解决特殊疑难信访问题资金预算")


def test_kpis_are_indexed_with_their_level(corpus_index: Index) -> None:
    hits = corpus_index.search("防止进京上访人数", filters={"type": "kpi"}).hits
    named = [hit for hit in hits if hit.label == "防止进京上访人数"]
    # the prose document states this KPI as an output and as an outcome indicator
    assert {hit.level for hit in named} == {"产出指标", "效益指标"}
    assert {hit.agency for hit in named} == {"曾都区信访局"}
    outputs = corpus_index.search("进京上访", filters={"type": "kpi", "level": "产出指标"}).hits
    assert outputs and {hit.level for hit in outputs} == {"产出指标"}
