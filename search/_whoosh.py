"""The whoosh backend: one index directory, built whole or updated by source document.

whoosh errors are wrapped here into :class:`~budgetkg.errors.SearchError`.
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Any

from whoosh import index as windex
from whoosh.highlight import ContextFragmenter, HtmlFormatter, get_text
from whoosh.index import LockError
from whoosh.sorting import Count, FieldFacet

from budgetkg.errors import SearchError

from ._query import filter_query, parse_query
from ._records import FACET_FIELDS, IndexDoc, SearchHit, SearchRequest, SearchResult
from ._schema import SNIPPET_FIELDS, build_schema, to_fields

_FACET_COLUMNS = {
    "type": "type",
    "agency": "agency_exact",
    "region": "region_exact",
    "year": "year",
    "level": "level",
}
_WRITER_TIMEOUT_S = 30.0
_SNIPPET_CHARS = 160


class WhooshBackend:
    """A whoosh index in ``directory``. Searches open a fresh searcher, so they see the last commit."""

    name = "whoosh"

    def __init__(self, ix: Any) -> None:
        self._ix = ix

    @classmethod
    def create(cls, directory: Path, docs: Iterable[IndexDoc] = ()) -> WhooshBackend:
        """A new index in ``directory`` (which must be empty or missing) holding ``docs``."""
        directory.mkdir(parents=True, exist_ok=True)
        backend = cls(windex.create_in(str(directory), build_schema()))
        backend.replace(docs, sources=(), bulk=True)
        return backend

    @classmethod
    def open(cls, directory: Path) -> WhooshBackend:
        try:
            # The schema is given, not unpickled, so a moved analyzer class cannot break reading.
            return cls(windex.open_dir(str(directory), schema=build_schema()))
        except (OSError, windex.EmptyIndexError) as exc:
            raise SearchError(f"cannot open search index {directory}: {exc}") from exc

    def close(self) -> None:
        self._ix.close()

    def replace(self, docs: Iterable[IndexDoc], sources: Collection[str] = (), bulk: bool = False) -> int:
        """Delete every document of ``sources``, then add or replace (by IRI) ``docs``; one commit."""
        try:
            writer = self._ix.writer(timeout=_WRITER_TIMEOUT_S, limitmb=256)
        except LockError as exc:
            raise SearchError("the search index is locked by another writer") from exc
        count = 0
        try:
            for source in sources:
                writer.delete_by_term("sources", source)
            for doc in docs:
                (writer.add_document if bulk else writer.update_document)(**to_fields(doc))
                count += 1
        except BaseException:
            writer.cancel()
            raise
        writer.commit()
        return count

    def doc_count(self) -> int:
        return int(self._ix.doc_count())

    def iris(self, type: str | None = None, sources: Collection[str] | None = None) -> set[str]:
        with self._ix.searcher() as searcher:
            if sources is not None:
                stored = (f for source in sources for f in searcher.documents(sources=source))
            else:
                stored = searcher.all_stored_fields()
            return {f["iri"] for f in stored if type is None or f["type"] == type}

    def search(self, request: SearchRequest) -> SearchResult:
        schema = self._ix.schema
        q = parse_query(request.query, schema)
        facets = {name: FieldFacet(column, maptype=Count) for name, column in _FACET_COLUMNS.items()}
        sortedby = FieldFacet("amount_sort", reverse=True) if request.sort == "amount" else None
        offset = (request.page - 1) * request.page_size
        with self._ix.searcher() as searcher:
            results = searcher.search(
                q,
                limit=offset + request.page_size,
                filter=filter_query(request.filters),
                groupedby=facets,
                sortedby=sortedby,
                terms=True,
            )
            results.fragmenter = ContextFragmenter(maxchars=_SNIPPET_CHARS, surround=40)
            results.formatter = _MarkFormatter(between=" … ")
            hits = tuple(_hit(hit) for hit in results[offset : offset + request.page_size])
            return SearchResult(
                query=request.query,
                hits=hits,
                total=len(results),
                page=request.page,
                page_size=request.page_size,
                sort=request.sort,
                facets={name: _counts(results.groups(name)) for name in FACET_FIELDS},
            )


class _MarkFormatter(HtmlFormatter):  # type: ignore[misc]
    """Matches as bare ``<mark>…</mark>``, the rest HTML-escaped, line breaks as `` / ``."""

    def format_token(self, text: str, token: Any, replace: bool = False) -> str:
        return f"<mark>{html.escape(get_text(text, token, replace))}</mark>"

    def format_fragment(self, fragment: Any, replace: bool = False) -> str:
        return str(super().format_fragment(fragment, replace)).replace("\n", " / ")


def _counts(groups: dict[Any, int]) -> list[tuple[str, int]]:
    pairs = [(str(value), int(n)) for value, n in groups.items() if value not in (None, "")]
    return sorted(pairs, key=lambda pair: (-pair[1], pair[0]))


def _hit(hit: Any) -> SearchHit:
    fields = hit.fields()
    amount = fields.get("amount")
    return SearchHit(
        iri=fields["iri"],
        type=fields["type"],
        label=fields.get("label", ""),
        score=round(float(hit.score or 0.0), 4),
        agency=fields.get("agency_exact"),
        region=fields.get("region_exact"),
        year=fields.get("year"),
        level=fields.get("level"),
        amount=None if amount is None else float(amount),
        snippet=_snippet(hit, fields),
    )


def _snippet(hit: Any, fields: dict[str, Any]) -> str:
    matched = {name for name, _ in hit.matched_terms()} if hit.results.has_matched_terms() else set()
    for name in SNIPPET_FIELDS:
        if name in matched and fields.get(name):
            text = hit.highlights(name, top=2)
            if text:
                return str(text)
    for name in SNIPPET_FIELDS:
        if fields.get(name):
            return html.escape(str(fields[name])[:_SNIPPET_CHARS]).replace("\n", " / ")
    return ""
