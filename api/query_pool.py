"""User SPARQL queries run in worker processes, so a query past its time limit really stops.

Why processes: a SPARQL query sent to a public endpoint can be explosive (a cartesian product
over every triple, an aggregate over it). Oxigraph evaluates an aggregate inside one call that
cannot be interrupted, and rdflib's engine is pure Python that cannot be interrupted either;
a thread running such a query can only be abandoned, and it keeps burning a core. A process
can be killed. So:

* the API process parses and checks each query (rdflib's parser, under one lock: it is not
  thread-safe, rdflib #1282), rewrites ``text:query``, then hands the text to a worker;
* ``size`` workers (``python -m budgetkg.api._query_worker``) each hold their own read-only
  Oxigraph handle (pyoxigraph objects never cross a thread or process); a request waits for an
  idle worker, sends the job and waits for the reply until the deadline;
* past the deadline the worker is killed (SIGKILL), a fresh one is started in the background,
  and the request gets ``QueryTimeoutError`` (HTTP 503). Other requests go on meanwhile: search
  and entity pages never touch the workers, other SPARQL requests use the other workers;
* after an ingest the API calls :meth:`WorkerPool.refresh`; workers reopen their handle before
  their next job, so every query sees every committed document.
"""

from __future__ import annotations

import logging
import os
import queue
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any

from budgetkg.errors import QueryError, QuerySyntaxError, QueryTimeoutError, StoreError

from ._query_worker import read_frame, write_frame
from .query_runner import QueryJob, QueryOutput

log = logging.getLogger("budgetkg.api.query_pool")

#: () -> (kind, path): "disk" and the Oxigraph directory, or "snapshot" and an N-Quads file
SourceFn = Callable[[], tuple[str, str]]
_START_TIMEOUT_S = 60.0


class _Process:
    """One worker process and its two pipes."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "budgetkg.api._query_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONWARNINGS": "ignore"},
        )
        reply = self.receive(time.monotonic() + _START_TIMEOUT_S)
        if not reply or reply[0] != "ready":
            self.kill()
            raise StoreError("a SPARQL query worker did not start")

    @property
    def stdin(self) -> IO[bytes]:
        assert self.proc.stdin is not None
        return self.proc.stdin

    @property
    def stdout(self) -> IO[bytes]:
        assert self.proc.stdout is not None
        return self.proc.stdout

    def send(self, job: dict[str, Any]) -> None:
        write_frame(self.stdin, job)

    def receive(self, deadline: float) -> Any:
        """The next reply, or None when the deadline passes first. EOFError when the worker died."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        ready, _, _ = select.select([self.stdout], [], [], remaining)
        if not ready:
            return None
        reply = read_frame(self.stdout)
        if reply is None:
            raise EOFError("the query worker exited")
        return reply

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdin, self.proc.stdout):
            if pipe is not None:
                pipe.close()

    def stop(self) -> None:
        try:
            self.stdin.close()
            self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()


class WorkerPool:
    """A fixed number of query worker processes; implements ``QueryRunner``."""

    def __init__(self, source: SourceFn, size: int = 2) -> None:
        self.source = source
        self.size = max(1, size)
        self.generation = 0
        self._idle: queue.Queue[_Process] = queue.Queue()
        self._all: set[_Process] = set()
        self._guard = threading.Lock()
        self._closed = False

    def start(self) -> WorkerPool:
        for _ in range(self.size):
            self._add(_Process())
        return self

    def _add(self, process: _Process) -> None:
        with self._guard:
            if self._closed:
                process.stop()
                return
            self._all.add(process)
        self._idle.put(process)

    def _replace(self, dead: _Process) -> None:
        with self._guard:
            self._all.discard(dead)
        dead.kill()

        def spawn() -> None:
            try:
                self._add(_Process())
            except (OSError, StoreError) as exc:
                log.error("could not restart a query worker: %s", exc)

        threading.Thread(target=spawn, name="query-worker-spawn", daemon=True).start()

    def refresh(self) -> None:
        """The store changed: workers reopen their handle before the next job."""
        self.generation += 1

    def run(self, job: QueryJob) -> QueryOutput:
        deadline = time.monotonic() + job.timeout
        try:
            worker = self._idle.get(timeout=job.timeout)
        except queue.Empty:
            raise QueryTimeoutError(
                f"all {self.size} query workers stayed busy for {job.timeout:g} s; try again later"
            ) from None
        kind, path = self.source()
        message = {
            "query": job.query,
            "format": job.fmt,
            "default_graphs": list(job.default_graphs),
            "named_graphs": list(job.named_graphs),
            "limit": job.limit,
            "kind": kind,
            "path": path,
            "generation": self.generation,
        }
        try:
            worker.send(message)
            reply = worker.receive(deadline)
        except (OSError, EOFError) as exc:
            self._replace(worker)
            raise StoreError(f"the query worker failed: {exc}") from exc
        if reply is None:
            self._replace(worker)
            log.warning("query stopped at its %g s time limit; worker killed", job.timeout)
            raise QueryTimeoutError(
                f"the query ran longer than its {job.timeout:g} s time limit and was stopped"
            )
        self._idle.put(worker)
        if reply[0] == "ok":
            return QueryOutput(reply[1], reply[2])
        _, kind_of_error, text = reply
        if kind_of_error == "syntax":
            raise QuerySyntaxError(text)
        if kind_of_error == "store":
            raise StoreError(f"the store could not answer: {text}")
        raise QueryError(text)

    def close(self) -> None:
        with self._guard:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for worker in workers:
            worker.stop()
