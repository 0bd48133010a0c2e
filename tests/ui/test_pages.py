"""The UI router's pages over the real data layers (sample corpus in an in-memory graph), no browser.

The app here is the UI router alone with ``app.state.graph`` and ``app.state.index`` set, as the
API app sets them; requests go through httpx's ASGI transport.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from budgetkg.api.entities import entity_facts
from budgetkg.api.routes import ui
from budgetkg.api.routes._ui_views import relations
from budgetkg.api.source_texts import SourceTexts
from budgetkg.config import QUERIES_DIR, SAMPLE_CORPUS
from budgetkg.graph import KnowledgeGraph, MemoryStore, load_files
from budgetkg.search import Index, rebuild_from_graph

STABILITY_PROJECTS = ("Z维稳工作经费-1", "Z维稳工作经费-2", "QT维稳工作经费-3", "信访劝返维稳经费")


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FastAPI]:
    graph = KnowledgeGraph(MemoryStore())
    load_files(graph, sorted(SAMPLE_CORPUS.glob("*.txt")))
    index = Index(tmp_path_factory.mktemp("ui-index") / "index")
    rebuild_from_graph(graph, index)
    app = FastAPI()
    app.mount("/static", StaticFiles(directory=str(ui.STATIC_DIR)), name="static")
    app.include_router(ui.router)
    app.state.graph = graph
    app.state.index = index
    app.state.sources = SourceTexts(tmp_path_factory.mktemp("ui-sources"))  # falls back to the sample corpus
    yield app
    index.close()
    graph.close()


def get(app: FastAPI, path: str) -> httpx.Response:
    async def fetch() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            return await client.get(path)

    return asyncio.run(fetch())


def titles(html: str) -> list[str]:
    return re.findall(r'class="hit-link" href="[^"]*">([^<]*)</a>', html)


def test_search_page_lists_both_agencies_stability_projects(app: FastAPI) -> None:
    response = get(app, "/?q=维稳经费&type=project")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert set(STABILITY_PROJECTS) <= set(titles(html))
    assert "大同市信访局" in html and "曾都区信访局" in html
    assert "<mark>维稳</mark>" in html  # highlights kept, everything else escaped
    assert 'id="amounts-chart"' in html
    assert html.count('class="bar"') >= len(STABILITY_PROJECTS)
    # Every hit links to its entity page.
    assert html.count('href="/entity?iri=http') >= len(STABILITY_PROJECTS)


def test_search_facets_toggle_filters(app: FastAPI) -> None:
    html = get(app, "/?q=维稳经费").text
    facet = re.search(r'<ul data-facet="agency">(.*?)</ul>', html, re.S)
    assert facet is not None
    assert "曾都区信访局" in facet.group(1)
    narrowed = get(app, "/?q=维稳经费&type=project&agency=曾都区信访局").text
    assert titles(narrowed) == ["信访劝返维稳经费"]
    assert 'class="on"' in narrowed  # the chosen facet value is marked


def test_search_pages_through_results(app: FastAPI) -> None:
    first = get(app, "/?q=经费&type=project").text
    second = get(app, "/?q=经费&type=project&page=2").text
    total = int(re.search(r"共 (\d+) 条结果", first).group(1))  # type: ignore[union-attr]
    assert total > ui.PAGE_SIZE
    assert len(titles(first)) == ui.PAGE_SIZE
    assert 'class="pager"' in first and "page=2" in first
    assert not set(titles(first)) & set(titles(second))


def test_bad_query_syntax_is_a_400_page_with_the_reason(app: FastAPI) -> None:
    response = get(app, '/?q="unclosed')
    assert response.status_code == 400
    assert "unclosed quote" in response.text
    assert 'class="error"' in response.text


def test_empty_query_shows_the_search_box_and_examples(app: FastAPI) -> None:
    html = get(app, "/").text
    assert 'type="search"' in html and "?q=%E7%BB%B4%E7%A8%B3%E7%BB%8F%E8%B4%B9" in html  # 维稳经费


def test_sparql_page_offers_every_named_query(app: FastAPI) -> None:
    html = get(app, "/ui/sparql").text
    names = sorted(path.stem for path in Path(QUERIES_DIR).glob("*.rq"))
    assert names
    for name in names:
        assert f'<option value="{name}"' in html
    assert "vendor/yasgui.min.js" in html
    assert "http://testserver/sparql" in html  # the endpoint YASGUI talks to


def test_static_assets_are_served_locally(app: FastAPI) -> None:
    for path in ("/static/ui.css", "/static/vendor/yasgui.min.js", "/static/vendor/cytoscape.min.js"):
        response = get(app, path)
        assert response.status_code == 200, path
    for template in ui.TEMPLATES_DIR.glob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', text), f"{template.name} loads something remote"


def test_source_page_numbers_every_line(app: FastAPI) -> None:
    doc = "000_464361dc6483572d.txt"
    lines = (SAMPLE_CORPUS / doc).read_text(encoding="utf-8").splitlines()
    html = get(app, f"/ui/source/{doc}").text
    assert html.count('class="line"') == len(lines)
    assert f'id="L{len(lines)}"' in html
    assert "Z维稳工作经费-1" in html
    assert get(app, "/ui/source/no-such.txt").status_code == 404


def test_relations_reach_other_agencies_through_a_regulation(app: FastAPI) -> None:
    graph = app.state.graph
    sources = app.state.sources
    regulation = graph.query(
        "SELECT ?r WHERE { ?r a <http://data.europa.eu/eli/ontology#LegalResource> ; "
        '<http://www.w3.org/2000/01/rdf-schema#label> "信访工作条例"@zh }'
    ).column("r")
    assert len(regulation) == 1

    def lookup(iri: str) -> dict[str, object]:
        return entity_facts(graph, iri, sources).model_dump(mode="json")

    around_regulation = relations(lookup(str(regulation[0])), lookup)
    labels = {node["label"]: node["kind"] for node in around_regulation["nodes"]}
    assert labels["大同市信访局"] == labels["泽州县信访局"] == "agency"
    assert {"J网络维护费", "Z律师服务费"} <= labels.keys()
    mentions = [e for e in around_regulation["edges"] if e["label"] == "提及"]
    assert [m["target"] for m in mentions] == [str(regulation[0])]

    project = next(n for n in around_regulation["nodes"] if n["label"] == "Z律师服务费")
    around_project = relations(lookup(project["id"]), lookup)
    rings = {node["label"]: node["ring"] for node in around_project["nodes"]}
    assert rings["Z律师服务费"] == 0 and rings["信访工作条例"] == 1 and rings["泽州县信访局"] == 2
