"""A progress bar on a terminal, silence elsewhere (pipes, CI logs)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], total: int | None = None, desc: str = "") -> Iterator[T]:
    """Wrap ``items`` in a tqdm bar on stderr when stderr is a terminal."""
    yield from tqdm(items, total=total, desc=desc, disable=not sys.stderr.isatty(), leave=False, unit="doc")
