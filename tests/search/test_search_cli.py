"""``budgetkg reindex`` and ``budgetkg search`` over the sample corpus in a data directory."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetkg.cli import main
from budgetkg.config import Settings
from budgetkg.graph import KnowledgeGraph, load_files

from .corpus_constants import SAMPLE_FILES, STABILITY_PROJECTS


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("cli-home")
    graph = KnowledgeGraph.open(Settings(home=home, store="oxigraph"))
    load_files(graph, SAMPLE_FILES)
    graph.close()
    assert main(["--home", str(home), "reindex"]) == 0
    return home


def test_search_json_lists_ranked_hits(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--home", str(home), "search", "维稳经费", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    hits = document["hits"]
    assert len(hits) == 10 and document["total"] > 10
    assert {"iri", "type", "label", "agency", "year", "amount", "score", "snippet"} <= set(hits[0])
    top = [(hit["label"], hit["agency"]) for hit in hits]
    assert set(STABILITY_PROJECTS) <= set(top)
    scores = [hit["score"] for hit in hits]
    assert scores == sorted(scores, reverse=True)


def test_search_filters_and_limit(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    argv = ["--home", str(home), "search", "经费", "--json", "--type", "project", "--limit", "3"]
    assert main([*argv, "--agency", "曾都区信访局", "--sort", "amount"]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert (hits[0]["label"], hits[0]["amount"]) == ("信访劝返维稳经费", 100.0)
    assert [h["amount"] for h in hits] == [100.0, 10.0, 10.0]  # the agency's other projects are 10 万元 each
    assert {h["agency"] for h in hits} == {"曾都区信访局"}


def test_search_prints_a_readable_table(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["--home", str(home), "search", "信访工作条例", "--limit", "2"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert "match(es) for '信访工作条例'; page 1 of" in lines[0]
    assert lines[1].startswith("  1. 信访工作条例  [regulation]")
    assert "【" in out and "<mark>" not in out
