"""The search engine interface and the closed list of backends.

Callers (:class:`budgetkg.search.Index`, hence the CLI and api/) use only this protocol,
so another engine -- tantivy over jieba-segmented text, or a search cluster -- can
replace whoosh by adding one class here.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from pathlib import Path
from typing import Protocol

from ._records import IndexDoc, SearchRequest, SearchResult
from ._whoosh import WhooshBackend


class SearchBackend(Protocol):
    """One index in one directory.

    ``replace`` is one transaction: the documents of ``sources`` are deleted and
    ``docs`` added (replacing any document with the same IRI), all visible together
    to the next search or none of it.
    """

    name: str

    @classmethod
    def create(cls, directory: Path, docs: Iterable[IndexDoc] = ()) -> SearchBackend: ...

    @classmethod
    def open(cls, directory: Path) -> SearchBackend: ...

    def replace(self, docs: Iterable[IndexDoc], sources: Collection[str] = ()) -> int: ...

    def search(self, request: SearchRequest) -> SearchResult: ...

    def iris(self, type: str | None = None, sources: Collection[str] | None = None) -> set[str]: ...

    def doc_count(self) -> int: ...

    def close(self) -> None: ...


BACKENDS: dict[str, type[SearchBackend]] = {"whoosh": WhooshBackend}


def backend_class(name: str) -> type[SearchBackend]:
    try:
        return BACKENDS[name]
    except KeyError:
        raise ValueError(f"unknown search backend {name!r}; choose one of {', '.join(BACKENDS)}") from None
