"""Malformed query syntax gets a clear SearchSyntaxError, in the API and on the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from budgetkg.cli import main
from budgetkg.config import Settings
from budgetkg.errors import SearchError, SearchSyntaxError
from budgetkg.search import Index, open_index

MALFORMED = {
    "维稳 AND": "AND needs a term after it",
    "OR 维稳": "OR needs a term before it",
    '"维稳经费': "unclosed quote",
    "(维稳 OR 劝返": "unclosed '('",
    "维稳)": "unmatched ')'",
    "()": "empty parentheses",
    "foo:维稳": "unknown field 'foo'",
    "agency:": "field 'agency' needs a value",
    "year:去年": "field 'year' takes a number",
    "amount:[10 TO": "field 'amount' takes a number or a range [low TO high]",
    "name:[a TO": "unclosed range",
    "name:[a b]": "a range needs the form [low TO high]",
    "维稳 AND OR 劝返": "OR needs a term before it",
    "维稳 NOT": "NOT needs a term after it",
}


@pytest.mark.parametrize(("query", "message"), MALFORMED.items())
def test_malformed_query_names_the_problem(corpus_index: Index, query: str, message: str) -> None:
    with pytest.raises(SearchSyntaxError, match="column") as caught:
        corpus_index.search(query)
    assert message in str(caught.value)
    assert repr(query) in str(caught.value)


@pytest.mark.parametrize(
    "query",
    [
        "维稳 AND 劝返",
        "(维稳 OR 劝返) NOT 经费",
        'agency:"大同市信访局"',
        "year:[2025 TO 2026]",
        "维稳*",
        "维稳^2 经费",
    ],
)
def test_well_formed_queries_pass(corpus_index: Index, query: str) -> None:
    assert corpus_index.search(query).total > 0


def test_bad_filters_page_and_sort_are_search_errors(corpus_index: Index) -> None:
    with pytest.raises(SearchError, match="unknown filter colour"):
        corpus_index.search("维稳", filters={"colour": "red"})
    with pytest.raises(SearchError, match="unknown type"):
        corpus_index.search("维稳", filters={"type": "person"})
    with pytest.raises(SearchError, match="bad filter value"):
        corpus_index.search("维稳", filters={"year": "last year"})
    with pytest.raises(SearchError, match="page must be"):
        corpus_index.search("维稳", page=0)
    with pytest.raises(SearchError, match="unknown sort"):
        corpus_index.search("维稳", sort="date")


def test_cli_reports_malformed_syntax_without_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    open_index(Settings(home=tmp_path))  # an empty index is enough to parse against
    code = main(["--home", str(tmp_path), "search", '"维稳经费'])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith("budgetkg: error: unclosed quote at column 1")
    assert "Traceback" not in err
