"""Orchestrator: bytes -> Disclosure + Report (being built; see issue 3)."""

from __future__ import annotations

from pathlib import Path

from .records import Disclosure, Report


def extract_bytes(data: bytes, doc: str) -> tuple[Disclosure | None, Report]:
    raise NotImplementedError


def extract_file(path: str | Path) -> tuple[Disclosure | None, Report]:
    path = Path(path)
    return extract_bytes(path.read_bytes(), path.name)
