"""Bad requests get the 4xx the SPARQL 1.1 Protocol prescribes, never a 500 (raw HTTP)."""

from __future__ import annotations

import http.client
import json
import urllib.parse

import pytest

from .conftest import LiveServer


def request(
    live: LiveServer, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    host, port = live.url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


ASK = urllib.parse.quote("ASK { ?s ?p ?o }")


@pytest.mark.parametrize(
    ("method", "path", "body", "headers", "status", "says"),
    [
        ("GET", "/sparql?query=SELECT%20%FF%FE", None, {}, 400, "not valid UTF-8"),
        ("GET", "/search?q=%C3%28", None, {}, 400, "not valid UTF-8"),
        ("GET", "/sparql?default-graph-uri=http%3A%2F%2Fx%2Fg", None, {}, 400, "missing 'query'"),
        (
            "POST",
            "/sparql",
            b"",
            {"Content-Type": "application/x-www-form-urlencoded"},
            400,
            "missing 'query'",
        ),
        ("GET", f"/sparql?query={ASK}&query={ASK}", None, {}, 400, "exactly one"),
        ("GET", f"/sparql?query={ASK}", None, {"Accept": "image/png"}, 406, "offered"),
        ("GET", f"/sparql?query={ASK}", None, {"Accept": "text/turtle"}, 406, "ASK"),
        ("POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"}, 415, "application/sparql-query"),
        ("POST", "/sparql", b"ASK { \xff }", {"Content-Type": "application/sparql-query"}, 400, "UTF-8"),
        (
            "POST",
            "/sparql",
            b"query=%FF",
            {"Content-Type": "application/x-www-form-urlencoded"},
            400,
            "UTF-8",
        ),
        (
            "PUT",
            "/sparql",
            b"ASK {}",
            {"Content-Type": "application/sparql-query"},
            405,
            "Method Not Allowed",
        ),
        ("DELETE", "/sparql", None, {}, 405, "Method Not Allowed"),
        ("POST", "/search", b"", {}, 405, "Method Not Allowed"),
    ],
)
def test_bad_requests_get_the_right_4xx(
    live: LiveServer,
    method: str,
    path: str,
    body: bytes | None,
    headers: dict[str, str],
    status: int,
    says: str,
) -> None:
    got, got_headers, content = request(live, method, path, body, headers)
    assert got == status, content
    assert says in content.decode("utf-8")
    if status == 405:
        assert "GET" in got_headers.get("allow", got_headers.get("Allow", ""))


def test_oversized_body_gets_413(live: LiveServer) -> None:
    big = b"ASK { ?s ?p ?o } #" + b"x" * 1_100_000
    status, _, content = request(live, "POST", "/sparql", big, {"Content-Type": "application/sparql-query"})
    assert status == 413
    assert json.loads(content)["error"] == "ProtocolError"


def test_sparql_query_body_and_form_both_work(live: LiveServer) -> None:
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <http://budgetkg.example.org/ontology#Project> }"
    as_body = request(live, "POST", "/sparql", query.encode(), {"Content-Type": "application/sparql-query"})
    as_form = request(
        live,
        "POST",
        "/sparql",
        urllib.parse.urlencode({"query": query}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+json"},
    )
    counts = [json.loads(r[2])["results"]["bindings"][0]["n"]["value"] for r in (as_body, as_form)]
    assert as_body[0] == as_form[0] == 200
    assert counts[0] == counts[1] and int(counts[0]) > 50
