"""``budgetkg ingest | query | export | validate`` end to end on the default on-disk store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgetkg.cli import main
from budgetkg.config import QUERIES_DIR, SAMPLE_CORPUS

CORPUS = sorted(str(p) for p in SAMPLE_CORPUS.glob("*.txt"))


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data directory with the sample corpus ingested once (and a broken file skipped)."""
    home = tmp_path_factory.mktemp("home")
    broken = home / "broken.txt"
    broken.write_bytes(b"\x00\xff\xfe binary \x00")
    assert main(["--home", str(home), "ingest", *CORPUS, str(broken)]) == 0
    return home


def test_ingest_reports_loaded_unchanged_and_failed(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = home / "broken.txt"
    assert main(["--home", str(home), "ingest", CORPUS[0], str(broken)]) == 0
    err = capsys.readouterr().err
    assert "unchanged  000_464361dc6483572d.txt: same SHA-256 already loaded" in err
    assert "failed     broken.txt:" in err
    assert "loaded 0, unchanged 1, failed 1 of 2 file(s)" in err


def test_query_with_param_as_json(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    query = str(QUERIES_DIR / "projects_citing_doc_number.rq")
    assert (
        main(
            [
                "--home",
                str(home),
                "query",
                query,
                "--param",
                "doc_number=晋市财行〔2025〕103号",
                "--format",
                "json",
            ]
        )
        == 0
    )
    bindings = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert [
        (b["projectName"]["value"], b["agencyName"]["value"], b["amount"]["value"]) for b in bindings
    ] == [("关于提前下达2026年中央解决特殊疑难信访问题资金", "泽州县信访局", "90000")]


def test_query_by_name_as_csv_and_bad_param(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(home), "query", "budget_by_classification", "--format", "csv"]) == 0
    assert "大同市信访局,2026,2014001,行政运行,7,4162700," in capsys.readouterr().out
    assert main(["--home", str(home), "query", "project_kpis", "--param", "nope=1"]) == 2
    assert "has no parameter nope" in capsys.readouterr().err


def test_validate_and_export(home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--home", str(home), "validate"]) == 0
    assert capsys.readouterr().out.startswith("conforms: yes")
    out = tmp_path / "graph.nq"
    assert main(["--home", str(home), "export", "--format", "nq", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    graphs = {line.rsplit(" ", 2)[-2] for line in lines}
    assert len(graphs) == len(CORPUS)
    assert any('"Z维稳工作经费-1"@zh' in line for line in lines)
    assert len(lines) == len(set(lines)) > 20000
