"""The search index of one data directory: generations on disk, swapped atomically.

Layout under ``Settings.index_dir``::

    CURRENT          the name of the live generation (replaced with os.replace)
    gen-<ns>-<pid>/  one complete index each; the live one and the one before are kept
    write.lock       held by whoever writes (a rebuild or an incremental update)

:meth:`Index.rebuild` writes a new generation and switches ``CURRENT`` to it, so
searches see the old index until the new one is complete. :meth:`Index.update_documents`
changes the live generation in place, one commit per call. An ``Index`` notices a switch
made by another process at its next search.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import threading
import time
from collections.abc import Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from budgetkg.config import Settings
from budgetkg.errors import SearchError

from ._records import IndexDoc, SearchFilters, SearchRequest, SearchResult
from ._segmenter import warm_up
from .engine import SearchBackend, backend_class

_POINTER = "CURRENT"


class Index:
    """Full-text search over the graph's entities. Thread-safe for searches."""

    def __init__(self, directory: Path, backend: str = "whoosh", cache_dir: Path | None = None) -> None:
        self.directory = directory
        self._backend_class = backend_class(backend)
        self._lock = threading.Lock()
        self._generation: str | None = None
        self._backend: SearchBackend | None = None
        warm_up(cache_dir)
        directory.mkdir(parents=True, exist_ok=True)
        if self._read_pointer() is None:
            with self._write_lock():
                if self._read_pointer() is None:
                    self._publish(self._new_generation(()))

    # -- reading

    def search(
        self,
        query: str,
        filters: Mapping[str, object] | SearchFilters | None = None,
        page: int = 1,
        page_size: int = 10,
        sort: str = "relevance",
    ) -> SearchResult:
        """Ranked hits for ``query`` with facet counts over all matches.

        Raises SearchSyntaxError for malformed query syntax and SearchError for bad
        filters, pages or sort orders.
        """
        request = SearchRequest(query, SearchFilters.from_mapping(filters), page, page_size, sort)
        return self._live().search(request)

    def iris(self, type: str | None = None, sources: Collection[str] | None = None) -> set[str]:
        """The IRIs in the index, of one type or all, from some source documents or all."""
        return self._live().iris(type, None if sources is None else list(sources))

    def __len__(self) -> int:
        return self._live().doc_count()

    # -- writing

    def rebuild(self, docs: Iterable[IndexDoc]) -> int:
        """Index ``docs`` into a new generation and switch to it; returns the document count."""
        with self._write_lock():
            previous = self._read_pointer()
            name = self._new_generation(docs)
            self._publish(name)
            self._prune(keep={name, previous or name})
            return self._live().doc_count()

    def update_documents(self, docs: Iterable[IndexDoc], sources: Collection[str] | None = None) -> int:
        """Replace the documents of ``sources`` (default: the sources ``docs`` name) with ``docs``.

        Entities that left the graph disappear with their source; shared entities
        (an agency, a cited regulation) are replaced by the fresh ``docs``. One commit.
        """
        docs = list(docs)
        if sources is None:
            sources = sorted({source for doc in docs for source in doc.sources})
        with self._write_lock():
            return self._live().replace(docs, sources)

    def close(self) -> None:
        with self._lock:
            if self._backend is not None:
                self._backend.close()
            self._backend, self._generation = None, None

    # -- generations

    def _read_pointer(self) -> str | None:
        try:
            name = (self.directory / _POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return name if name and (self.directory / name).is_dir() else None

    def _live(self) -> SearchBackend:
        name = self._read_pointer()
        if name is None:
            raise SearchError(f"no search index in {self.directory}; run `budgetkg reindex`")
        with self._lock:
            if name != self._generation or self._backend is None:
                if self._backend is not None:
                    self._backend.close()
                self._backend = self._backend_class.open(self.directory / name)
                self._generation = name
            return self._backend

    def _new_generation(self, docs: Iterable[IndexDoc]) -> str:
        name = f"gen-{time.time_ns()}-{os.getpid()}"
        try:
            self._backend_class.create(self.directory / name, docs).close()
        except BaseException:
            shutil.rmtree(self.directory / name, ignore_errors=True)
            raise
        return name

    def _publish(self, name: str) -> None:
        tmp = self.directory / f".{_POINTER}.{os.getpid()}"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write(name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.directory / _POINTER)

    def _prune(self, keep: set[str]) -> None:
        for path in self.directory.glob("gen-*"):
            if path.name not in keep:
                shutil.rmtree(path, ignore_errors=True)

    @contextmanager
    def _write_lock(self) -> Iterator[None]:
        with open(self.directory / "write.lock", "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def open_index(settings: Settings, backend: str = "whoosh") -> Index:
    """The index of ``settings.home`` (created empty when missing); loads the dictionary once."""
    return Index(settings.index_dir, backend=backend, cache_dir=settings.home / "cache")
